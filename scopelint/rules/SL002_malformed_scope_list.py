"""Flag scope lists that Celonis will not read as intended.

The token endpoint wants one space-separated, lower-case string (``scope=studio
integration.data-pools``). Scopes joined with ``,``, ``;`` or ``|``, wrapped in quotes or
brackets, or written with capitals are sent as one unknown scope and fail with ``invalid_scope``.
In a YAML, TOML or JSON list, each item must be exactly one scope.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from ..findings import Finding, Fix
from ..project import Project

CODE = "SL002"
NAME = "malformed-scope-list"
LEVEL = "error"
PRECISION = "very-high"
SECURITY_SEVERITY = "4.0"
CATEGORY = "correctness"
CWE = ""
REJECTS = False
SECRET = False

_SEPARATOR = re.compile(r"[,;|]")
_WRAPPING = re.compile(r"[\"'\[\]{}()]")


def problem(text: str, in_list: bool) -> str | None:
    if _SEPARATOR.search(text):
        return f"scopes joined by {_SEPARATOR.search(text).group(0)!r}"  # type: ignore[union-attr]
    if _WRAPPING.search(text):
        return "scopes wrapped in quotes or brackets"
    if in_list and len(text.split()) > 1:
        return "several scopes in one list item"
    if text != text.lower():
        return "scopes must be lower-case"
    return None


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    for scopes, client in project.scope_lists():
        if scopes.raw is not None:
            candidates = [(scopes.raw, scopes.loc, False)]
        else:
            candidates = [(item.value, item.loc, True) for item in scopes.items]
        for text, loc, in_list in candidates:
            why = problem(text, in_list)
            if why is None:
                continue
            fixed = " ".join(ref.name.lower() for ref in scopes.refs) if not in_list else None
            hint = f"write {fixed!r}" if fixed else "put one lower-case scope in each list item"
            fix = Fix(loc, fixed, "write the scopes as one space-separated string") if fixed and loc.end_col else None
            yield Finding(loc, CODE, f"malformed scope list: {why}; Celonis expects one space-separated lower-case string",
                          client=client, key=text, hint=hint, fix=fix)
