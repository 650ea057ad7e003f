"""Render ``scopelint suggest``: text (default), YAML (a ready ``oauth_clients`` definition), JSON."""
from __future__ import annotations

import re

from .globs import relative
from .oauth import DEFAULT_AUTH_METHOD, DEFAULT_GRANT, STYLE_METHODS
from .output import dumps
from .suggest import Suggestion


def _where(call) -> str:
    return f"{call.loc.path}:{call.loc.line}"


def _call(call) -> str:
    what = f"{call.method} {call.path}" if call.method else call.path
    return f"{what} (via {call.evidence})" if call.evidence else what


def _justify(need) -> str:
    first, _route = need.calls[0]
    more = f" and {len(need.calls) - 1} more" if len(need.calls) > 1 else ""
    return f"opens {_call(first)} at {_where(first)}{more}"


def unresolved_note(s: Suggestion) -> str:
    paths = [u for u in s.unresolved if not u.sdk]
    sdk = [u for u in s.unresolved if u.sdk]
    parts = [f"{len(paths)} Celonis call(s) whose path could not be resolved: {', '.join(_where(u) for u in paths)}"] \
        if paths else []
    if sdk:
        parts.append(f"{len(sdk)} PyCelonis call(s) whose requests are not known: "
                     + ", ".join(f"{_where(u)} ({u.evidence})" for u in sdk))
    return f"plus {' and '.join(parts)}; the scopes above may not cover them"


def _unknown(s: Suggestion) -> bool:
    """Whether the group's code makes a call whose requests are not known at all (``UnresolvedCall.sdk``):
    then no granted scope can be called one to drop."""
    return any(u.sdk for u in s.unresolved)


def _code_auth_method(s: Suggestion) -> str:
    """The client authentication the group's token requests use, when they all use one; else the default."""
    methods = {STYLE_METHODS[r.auth_style] for r in s.group.token_requests() if r.auth_style in STYLE_METHODS}
    return methods.pop() if len(methods) == 1 else DEFAULT_AUTH_METHOD


def as_data(suggestions: list[Suggestion]) -> list[dict[str, object]]:
    out = []
    for s in suggestions:
        client = s.group.client
        granted = sorted({r.name for r in client.scope_refs}) if client else []
        out.append({
            "client": client.name if client else None,
            "files": sorted(f.path for f in s.group.files),
            "granted": granted,
            "suggested": s.scopes,
            "add": sorted(set(s.scopes) - set(granted)) if client else [],
            "drop": sorted(set(granted) - set(s.scopes)) if client and not _unknown(s) else [],
            "evidence": {n.scope: [{"call": _call(c), "path": c.loc.path, "line": c.loc.line, "column": c.loc.col,
                                    "confidence": r.confidence} for c, r in n.calls] for n in s.needs},
            "ungated": [{"call": _call(c), "path": c.loc.path, "line": c.loc.line} for c in s.ungated],
            "unresolved": [{"call": u.evidence, "path": u.loc.path, "line": u.loc.line, "column": u.loc.col}
                           for u in s.unresolved],
        })
    return out


def render_json(suggestions: list[Suggestion]) -> str:
    return dumps({"version": 1, "suggestions": as_data(suggestions)}, ensure_ascii=True)


def render_yaml(suggestions: list[Suggestion], root: str = ".") -> str:
    """The suggestions as an ``oauth_clients`` definition to save at the repository's top, ``root``:
    the ``code`` globs of unclaimed code are relative to it, as ``check`` reads them."""
    import yaml

    clients = []
    for s, data in zip(suggestions, as_data(suggestions)):
        client = s.group.client
        entry: dict[str, object] = {"name": client.name if client else _unclaimed_name(_from(s.group.folder, root))}
        entry["grant_type"] = client.grant_type.value if client and client.grant_type else DEFAULT_GRANT
        entry["auth_method"] = client.auth_method.value if client and client.auth_method else _code_auth_method(s)
        entry["scopes"] = list(s.scopes)
        entry["justification"] = {n.scope: _justify(n) for n in s.needs}
        if client and client.code:
            entry["code"] = list(client.code)
        elif not client:
            entry["code"] = [_from(path, root) for path in data["files"]]  # type: ignore[attr-defined]
        clients.append(entry)
    header = "# least-privilege scopes for the Celonis API calls found by scopelint suggest\n"
    for s, entry in zip(suggestions, clients):
        if s.unresolved:
            header += f"# {entry['name']}: {unresolved_note(s)}\n"
    return header + yaml.safe_dump({"oauth_clients": clients}, sort_keys=False, width=100)


def _from(path: str, root: str) -> str:
    """``path`` (as shown, relative to the working directory) relative to the repository's top."""
    rel = relative(path, root)
    return path if rel is None else "" if rel == "." else rel


def _unclaimed_name(folder: str) -> str:
    """A client name for unclaimed code: ``unclaimed-code``, or for the code under one folder
    ``unclaimed-code-examples-push`` (names are unique within a repository)."""
    slug = re.sub(r"[^a-z0-9]+", "-", folder.lower()).strip("-")
    return f"unclaimed-code-{slug}" if slug else "unclaimed-code"


def render_text(suggestions: list[Suggestion]) -> str:
    if not suggestions:
        return "no Celonis API calls found\n"
    lines: list[str] = []
    for s, data in zip(suggestions, as_data(suggestions)):
        label = f"client {data['client']!r}" if data["client"] else s.group.label.strip("()")
        lines.append(f"{label}: {' '.join(s.scopes) or ('(no scope found)' if _unknown(s) else '(no scope needed)')}")
        for need in s.needs:
            lines.append(f"  {need.scope}")
            for call, route in need.calls:
                lines.append(f"    {_where(call)}: {_call(call)} [{route.confidence}]")
        if data["add"]:
            lines.append(f"  add: {' '.join(data['add'])}")  # type: ignore[arg-type]
        if data["drop"]:
            lines.append(f"  drop: {' '.join(data['drop'])}")  # type: ignore[arg-type]
        for call in s.ungated:
            lines.append(f"  scope not known: {_where(call)}: {_call(call)}")  # unknown gating, or a path not in the catalog
        if s.unresolved:
            lines.append(f"  {unresolved_note(s)}")
        lines.append("")
    return "\n".join(lines)
