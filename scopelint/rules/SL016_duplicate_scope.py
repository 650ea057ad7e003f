"""Flag the same scope listed twice in one client or request.

Harmless to Celonis, but a sign of a merge gone wrong, and it hides the real list from review.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..project import Project
from ._fixes import fix as make_fix
from ._fixes import remove

CODE = "SL016"
NAME = "duplicate-scope"
LEVEL = "warning"
PRECISION = "very-high"
SECURITY_SEVERITY = "2.0"
CATEGORY = "correctness"
CWE = ""
REJECTS = False
SECRET = False


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    for scopes, client in project.scope_lists():
        first: dict[str, object] = {}
        for ref in scopes.refs:
            if ref.name in first:
                where = first[ref.name]
                yield Finding(ref.loc, CODE, f"scope {ref.name!r} is listed twice (first at line {where.line})",  # type: ignore[attr-defined]
                              client=client, scope=ref.name, hint=f"remove the second {ref.name!r}",
                              fix=make_fix(remove(project, scopes, ref), f"remove the second {ref.name!r}", "safe"))
            else:
                first[ref.name] = ref.loc
