"""The ``Project``: every fact of a run, the clients, and which code each client owns."""
from __future__ import annotations

import bisect
import functools
import os
import posixpath
import re
from collections.abc import Iterator, Sequence

from .catalog import Catalog
from .globs import compile_glob, relative
from .model import Client, CodeGroup, FileFacts, ScopeList, ScopeRef
from .records import field, record


@record
class CodeLink:
    """The code under ``roots`` belongs to one client of the definition file ``definition`` (the one
    named ``client``, or its only one), whatever that client's ``code`` globs say (``review --code``)."""

    definition: str
    roots: tuple[str, ...]
    client: str | None = None

    def target(self, clients: Sequence[Client]) -> Client | None:
        mine = [c for c in clients if c.origin == "definition" and same_file(c.loc.path, self.definition)]
        if self.client is not None:
            mine = [c for c in mine if c.name == self.client]
        return mine[0] if len(mine) == 1 else None

    def covers(self, path: str) -> bool:
        return under(path, self.roots)


def under(path: str, roots: Sequence[str]) -> bool:
    """Whether ``path`` is one of ``roots`` or inside one of them."""
    full = os.path.abspath(path)
    for root in roots:
        base = os.path.abspath(root)
        if full == base or full.startswith(base.rstrip(os.sep) + os.sep):
            return True
    return False


def _under(paths: tuple[str, ...], prefix: str) -> Iterator[str]:
    """The paths of the sorted ``paths`` that start with ``prefix``: one contiguous run, found by
    bisection, so that checking many clients' globs does not read the whole tree for each."""
    for index in range(bisect.bisect_left(paths, prefix), len(paths)):
        if not paths[index].startswith(prefix):
            return
        yield paths[index]


def same_file(a: str, b: str) -> bool:
    """Whether two paths, relative to the working directory or absolute, name the same file."""
    return os.path.abspath(a) == os.path.abspath(b)


@record(frozen=False)
class Project:
    """Every file's facts, with the clients and the code each client owns."""

    catalog: Catalog
    files: list[FileFacts]
    clients: list[Client] = field(default_factory=list)
    groups: list[CodeGroup] = field(default_factory=list)
    root: str = "."  # the folder ``code`` globs are relative to (POSIX, relative to the working directory)
    scanned: tuple[str, ...] | None = None  # every file read, facts or not; None: not a whole folder

    def unclaimed_globs(self, client: Client) -> bool:
        """Whether ``client`` has ``code`` globs and they match none of the files scanned."""
        if not client.code or not self.scanned:
            return False
        for glob in client.code:
            base, rx, folder = _matcher(glob, client.loc.path, self.root)
            if base in ("", "."):
                if any(rx.match(path) for path in (_under(self.scanned, folder) if folder else self.scanned)):
                    return False
                continue
            if base == ".." or base.startswith("../") or base.startswith("/") != self.scanned[0].startswith("/"):
                if any(rel is not None and rx.match(rel) for rel in (relative(p, base) for p in self.scanned)):
                    return False
                continue
            prefix = base.rstrip("/") + "/"  # the walk's paths are normalised: a prefix test finds the candidates
            if any(rx.match(path[len(prefix):]) for path in _under(self.scanned, prefix + folder)):
                return False
        return True
    _by_path: dict[str, FileFacts] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, files: Sequence[FileFacts], catalog: Catalog, root: str = ".",
              scanned: Sequence[str] | None = None, link: CodeLink | None = None) -> Project:
        files = sorted(files, key=lambda f: f.path)
        clients = [c for f in files for c in f.clients]
        project = cls(catalog, list(files), clients, root=root,
                      scanned=tuple(sorted(scanned)) if scanned is not None else None)
        project.groups = _link(files, clients, root, link)
        return project

    def facts_of(self, path: str) -> FileFacts | None:
        """The facts of the file at ``path`` (as findings name it), or ``None``."""
        if not self._by_path:
            self._by_path.update((f.path, f) for f in self.files)
        return self._by_path.get(path)

    def client_lists(self) -> Iterator[tuple[ScopeList, Client]]:
        for client in self.clients:
            if client.scopes is not None:
                yield client.scopes, client

    def scope_lists(self) -> Iterator[tuple[ScopeList, str | None]]:
        """Every scope list in the project, each with the name of the client it concerns."""
        for scopes, client in self.client_lists():
            yield scopes, client.name
        for group in self.groups:
            name = group.client.name if group.client else None
            for scopes in group.requested():
                yield scopes, name

    def scope_refs(self) -> Iterator[tuple[ScopeRef, str | None]]:
        for scopes, client in self.scope_lists():
            for ref in scopes.refs:
                yield ref, client

    def group_of(self, client: Client) -> CodeGroup | None:
        for group in self.groups:
            if group.client is client:
                return group
        return None


def code_files(files: Sequence[FileFacts]) -> list[FileFacts]:
    """The files a client can own: those that request tokens or scopes, or call Celonis APIs."""
    return [f for f in files if f.token_requests or f.scope_vars or f.api_calls or f.unresolved_calls]


def _link(files: Sequence[FileFacts], clients: Sequence[Client], root: str = ".",
          link: CodeLink | None = None) -> list[CodeGroup]:
    """Each client owns the code its ``code`` globs match (see ``claims``); with exactly one
    definition client and no globs, it owns all code. The rest is unclaimed.
    A ``link`` gives its client exactly the code under its roots (its group first), taken from
    every other group."""
    code = code_files(files)
    defined = [c for c in clients if c.origin == "definition"]
    groups = _by_globs(code, defined, root)
    if not defined:
        groups = _by_registration(groups, [c for c in clients if c.origin == "spring"])
    target = link.target(clients) if link is not None else None
    if target is None:
        return groups
    linked = CodeGroup(target, [f for f in code if link.covers(f.path)])
    taken = {id(f) for f in linked.files}
    out = [linked]
    for group in groups:
        if group.client is target:
            continue
        rest = [f for f in group.files if id(f) not in taken]
        if rest or group.client is not None:
            out.append(CodeGroup(group.client, rest, group.folder))
    return out


def _by_globs(code: list[FileFacts], defined: list[Client], root: str) -> list[CodeGroup]:
    groups = [CodeGroup(c) for c in defined]
    unclaimed: list[FileFacts] = []
    if len(defined) == 1 and defined[0].code is None:
        groups[0].files.extend(code)
        return groups
    # each glob compiled once, with the folder every match lies in: a file outside it is passed over
    # with a string test, so a tree of many files and many clients stays fast
    globs = [[_matcher(glob, g.client.loc.path, root) for glob in g.client.code or ()] for g in groups]
    for facts in code:
        rels: dict[str, str | None] = {}  # base folder -> the file's path relative to it
        owner = None
        for group, matchers in zip(groups, globs):
            for base, rx, folder in matchers:
                rel = rels[base] if base in rels else rels.setdefault(base, relative(facts.path, base))
                if rel is not None and rel.startswith(folder) and rx.match(rel):
                    owner = group
                    break
            if owner is not None:
                break
        (owner.files if owner is not None else unclaimed).append(facts)
    return groups + unclaimed_groups(unclaimed)


# where a Spring Boot module keeps its configuration (``application.yml``, ``config/application-dev.properties``)
_SPRING_CONFIG = re.compile(r"^(.*?)src/main/resources/(?:config/)?[^/]+$")
_JVM_CODE = (".java", ".kt")


def _by_registration(groups: list[CodeGroup], registrations: list[Client]) -> list[CodeGroup]:
    """The unclaimed Java and Kotlin code of a Spring Boot module whose configuration registers one
    Celonis OAuth client (``spring.security.oauth2.client.registration.celonis``) is that client's: its
    calls go out with the registration's token. A file that requests a token of its own or sends a key
    is not, nor is any code of a module with two registrations (which call goes with which is not known)."""
    modules: dict[str, list[Client]] = {}
    for client in registrations:
        m = _SPRING_CONFIG.match(client.loc.path)
        if m is not None:
            modules.setdefault(m.group(1), []).append(client)
    owners = {root + "src/main/": found[0] for root, found in modules.items() if len({c.name for c in found}) == 1}
    if not owners:
        return groups
    owned: dict[str, list[FileFacts]] = {}  # by the module's code folder
    out: list[CodeGroup] = []
    for group in groups:
        if group.client is not None:
            out.append(group)
            continue
        rest = []
        for f in group.files:
            prefix = next((p for p in owners if f.path.startswith(p)), None) \
                if f.path.endswith(_JVM_CODE) and not f.token_requests and not f.auth_headers else None
            (owned.setdefault(prefix, []) if prefix is not None else rest).append(f)
        if rest:
            out.append(CodeGroup(None, rest, group.folder))
    return [CodeGroup(owners[prefix], files) for prefix, files in owned.items()] + out


def unclaimed_groups(files: list[FileFacts]) -> list[CodeGroup]:
    """The code no client claims, split into the projects it holds: a folder whose subfolders each
    authenticate on their own (``examples/push/`` and ``examples/export/``, each with its token
    request, or with its application key) is split into them, so that one script's scopes do not
    stand in for another's grant; so are files that each request their own token, of scopes known, or
    send their own key (``audit_collector.py`` and ``members_report.py``). A folder stays one where a
    file or subfolder neither asks for a token nor sends a key (its calls use a token got elsewhere),
    a file only names scopes (a settings module others read), or a token request's scopes are not
    known. Paths are split at ``/``; groups come in path order."""
    out: list[CodeGroup] = []
    stack: list[tuple[int, list[FileFacts]]] = [(0, files)] if files else []
    while stack:
        depth, group = stack.pop()
        children: dict[str, list[FileFacts]] = {}
        direct = False
        for f in group:
            parts = f.path.split("/")
            if len(parts) - 1 <= depth:
                direct = True
                break
            children.setdefault(parts[depth], []).append(f)
        if not direct and len(children) == 1:
            stack.append((depth + 1, group))
        elif not direct and all(any(f.token_requests or f.scope_vars or f.auth_headers for f in part)
                                for part in children.values()):
            stack.extend((depth + 1, children[name]) for name in sorted(children, reverse=True))
        elif len(group) > 1 and all(_on_its_own(f) for f in group):
            out.extend(CodeGroup(None, [f], f.path) for f in group)  # scripts that each get their own token or send a key
        else:
            folder = "/".join(group[0].path.split("/")[:depth])
            out.append(CodeGroup(None, group, folder if len(files) != len(group) else ""))
    return out


def _on_its_own(facts: FileFacts) -> bool:
    """Whether a file authenticates on its own: it requests tokens, each with scopes known (one whose
    scopes are not known may be the token the other files use), or it sends a key and requests none."""
    if facts.token_requests:
        return all(r.scopes is not None for r in facts.token_requests)
    return bool(facts.auth_headers)


def claims(client: Client | None, path: str, root: str = ".") -> bool:
    """Whether a ``code`` glob of ``client`` matches ``path``. Globs are relative to the repository
    ``root``, as in CODEOWNERS (a glob without ``/`` matches a name at any depth); a glob starting
    with ``./`` or ``../`` is relative to the folder of the definition file."""
    if client is None or not client.code:
        return False
    return any(_glob_matches(glob, path, client.loc.path, root) for glob in client.code)


def glob_base(glob: str, definition: str, root: str) -> tuple[str, str]:
    """The folder a ``code`` glob is resolved from, and the glob relative to it (anchored there
    when written with ``./`` or ``../``)."""
    glob = glob.strip()
    if not glob.startswith(("./", "../")):
        return root, glob
    base = posixpath.dirname(definition) or "."
    while glob.startswith(("./", "../")):
        if glob.startswith("../"):
            base = posixpath.normpath(posixpath.join(base, ".."))
        glob = glob.split("/", 1)[1].lstrip("/")
    return base, "/" + (glob or "**")


@functools.lru_cache(maxsize=4096)
def _matcher(glob: str, definition: str, root: str) -> tuple[str, re.Pattern[str], str]:
    """The normalised folder a ``code`` glob is resolved from, the glob compiled, and the folder
    (relative to the first) every match lies in (see ``_folder_of``)."""
    base, pattern = glob_base(glob, definition, root)
    return posixpath.normpath(base), compile_glob(pattern), _folder_of(pattern)


def _folder_of(pattern: str) -> str:
    """The folder every match of an anchored glob lies in (``etl/jobs/`` for ``etl/jobs/*.py``), or ""
    when it may match at any depth or has a wildcard in its first folder."""
    pat = pattern.strip()
    if "/" not in pat.rstrip("/"):
        return ""  # a name alone matches at any depth
    pat = pat.lstrip("/")
    cut = min((i for i in (pat.find(c) for c in "*?[") if i >= 0), default=len(pat))
    head = pat[:cut]
    return head[:head.rindex("/") + 1] if "/" in head else ""


def _glob_matches(glob: str, path: str, definition: str, root: str) -> bool:
    base, rx, _ = _matcher(glob, definition, root)
    rel = relative(path, base)
    return rel is not None and bool(rx.match(rel))
