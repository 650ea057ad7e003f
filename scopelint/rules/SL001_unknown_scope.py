"""Flag scopes that the catalog does not know.

A typo such as ``integration.datapools`` is accepted when the client definition is written
and fails later, when a token is requested with ``invalid_scope``. The message names the
closest known scope and the catalog version it was checked against; extend the catalog with
``--catalog`` when Celonis adds a scope that scopelint does not know yet.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding, Fix
from ..project import Project

CODE = "SL001"
NAME = "unknown-scope"
LEVEL = "error"
PRECISION = "very-high"
SECURITY_SEVERITY = "4.0"
CATEGORY = "correctness"
CWE = ""
REJECTS = True
SECRET = False


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    cat = project.catalog
    for ref, client in project.scope_refs():
        name = ref.name
        if name in cat.scopes or name in cat.retired or name.lower() in cat.scopes or name.lower() in cat.retired:
            continue  # known, retired (SL003) or only mis-cased (SL002)
        hint = cat.closest(name)
        message = f"unknown scope {name!r} (catalog {cat.label})"
        fix = None
        if hint:
            message += f"; did you mean {hint!r}?"
            fix = Fix(ref.loc, hint, f"replace {name!r} with {hint!r}") if ref.loc.end_col else None
        yield Finding(ref.loc, CODE, message, client=client, scope=name,
                      hint=f"use {hint!r}" if hint else "check the scope list in 'scopelint catalog'", fix=fix)
