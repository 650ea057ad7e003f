"""Flag scope lists that Celonis will not read as intended.

The token endpoint wants one space-separated, lower-case string (``scope=studio
integration.data-pools``). Scopes joined with ``,``, ``;`` or ``|``, wrapped in quotes or
brackets, or written with capitals are sent as one unknown scope and fail with ``invalid_scope``.
In a YAML, TOML or JSON list, each item must be exactly one scope. The fix writes the scopes
space-separated, and in a URL's query string joined by ``+`` (a raw space breaks the URL).
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from .. import lazy_re
from ..findings import Finding
from ..project import Project
from ._fixes import fix as make_fix
from ._fixes import replace, split_item

CODE = "SL002"
NAME = "malformed-scope-list"
LEVEL = "error"
PRECISION = "very-high"
SECURITY_SEVERITY = "4.0"
CATEGORY = "correctness"
CWE = ""
REJECTS = False
SECRET = False

_SEPARATOR = lazy_re.compile(r"[,;|]")
_WRAPPING = lazy_re.compile(r"[\"'\[\]{}()]")


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
        if not scopes.resolved:
            continue  # written with a template's reference: how it reads once filled in is unknown
        if scopes.raw is not None:
            candidates = [(scopes.raw, scopes.loc, None)]
        else:
            candidates = [(item.value, item.loc, item) for item in scopes.items]
        for text, loc, item in candidates:
            why = problem(text, item is not None)
            if why is None:
                continue
            if item is None:  # in a URL's query string a space is written "+" (a raw one breaks the URL)
                fixed = ("+" if scopes.query else " ").join(ref.name.lower() for ref in scopes.refs)
                hint = f"write {fixed!r}"
                fix = make_fix(replace(project, loc, text, fixed), "write the scopes as one space-separated string", "safe")
            else:
                names = [ref.name.lower() for ref in scopes.refs if _inside(ref.loc, loc)]
                hint = "put one lower-case scope in each list item"
                fix = make_fix(split_item(project, item, names), "put one scope in each list item", "safe")
            yield Finding(loc, CODE, f"malformed scope list: {why}; Celonis expects one space-separated lower-case string",
                          client=client, key=text, hint=hint, fix=fix)


def _inside(inner, outer) -> bool:
    return (inner.line == outer.line and outer.end_col is not None and inner.end_col is not None
            and outer.col <= inner.col and inner.end_col <= outer.end_col)
