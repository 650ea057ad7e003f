"""``--against REF``: what a change to a client adds and removes, compared with the same file at
a git ref read with ``git show`` (local only, no network)."""
from __future__ import annotations

import os

from .. import gitcmd
from ..catalog import RISKS, Catalog
from ..model import Client
from ..oauth import DEFAULT_AUTH_METHOD, DEFAULT_GRANT
from ..reading import decode
from .model import Change, Changes
from .sections import narrower_of



class GitProblem(Exception):
    """The file cannot be read at the ref; the message is one line."""


def read_at(path: str, ref: str) -> str:
    if not ref or ref.startswith("-"):
        raise GitProblem(f"bad git ref {ref!r}")
    folder = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    inside = _git(folder, "rev-parse", "--is-inside-work-tree")
    if inside.returncode:
        if b"dubious ownership" in inside.stderr:
            raise GitProblem(f"git refuses the repository of {path!r} (dubious ownership; see git config safe.directory)")
        raise GitProblem(f"{path!r} is not in a git repository")
    if _git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode:
        raise GitProblem(f"unknown git ref {ref!r}")
    shown = _git(folder, "show", *gitcmd.NO_PROGRAMS, f"{ref}:./{name}")
    if shown.returncode:
        raise GitProblem(f"{path!r} does not exist at git ref {ref!r}")
    text = decode(shown.stdout)
    if text is None:
        raise GitProblem(f"{path!r} at git ref {ref!r} is not text")
    return text


def _git(folder: str, *args: str) -> gitcmd.Completed:
    try:
        return gitcmd.run(folder, *args)
    except gitcmd.GitMissing as exc:
        raise GitProblem(f"{exc}; --against needs it") from None


def clients_in(path: str, text: str, catalog: Catalog) -> list[Client]:
    """The client records of a file's text, read by the same extractors as a run."""
    from ..reading import extract_text

    return extract_text(path, text, catalog).clients


def compare(old: Client | None, new: Client, catalog: Catalog, ref: str) -> Changes:
    if old is None:
        items = [Change("new client", new.name, f"no client {new.name!r} in the file at {ref!r}")]
        items += [Change("added", r.name, _describe(r.name, catalog)) for r in new.unique_refs]
        return Changes(ref, tuple(items))
    before = [r.name for r in old.unique_refs]
    after = [r.name for r in new.unique_refs]
    added = [s for s in after if s not in before]
    items = [Change("added", s, _describe(s, catalog)) for s in added]
    items += [Change("removed", s) for s in before if s not in after]
    items += _broader(added, before, catalog)
    items += [Change("justification dropped", s, f"was: {old.justification[s].value}")
              for s in after if s in old.justification and s not in new.justification]
    items += _setting("grant type", old.grant_type, new.grant_type, DEFAULT_GRANT)
    items += _setting("auth method", old.auth_method, new.auth_method, DEFAULT_AUTH_METHOD)
    return Changes(ref, tuple(items))


def _describe(scope: str, catalog: Catalog) -> str:
    entry = catalog.scopes.get(scope)
    return f"{entry.risk}-risk {entry.access}" if entry else "not in the catalog"


def _broader(added: list[str], before: list[str], catalog: Catalog) -> list[Change]:
    """Added scopes that widen an old one, or raise the client's highest risk tier."""
    top = max((_rank(s, catalog) for s in before), default=-1)
    out = []
    for scope in added:
        was = next((o for o in before if o in narrower_of(scope, catalog)), None)
        rank = _rank(scope, catalog)
        if was is not None:
            out.append(Change("broader", scope, f"widens {was!r}"))
        elif rank > top:
            old = RISKS[top] if top >= 0 else "none"
            out.append(Change("broader", scope, f"raises the highest risk tier from {old} to {RISKS[rank]}"))
    return out


def _rank(scope: str, catalog: Catalog) -> int:
    entry = catalog.scopes.get(scope)
    return RISKS.index(entry.risk) if entry else -1


def _setting(kind: str, old, new, default: str) -> list[Change]:
    a = old.value if old else default
    b = new.value if new else default
    return [Change(kind, b, f"was {a!r}")] if a != b else []
