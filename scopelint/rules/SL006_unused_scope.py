"""Flag a granted scope that opens no API the client's code calls.

Only judged where the client's code was scanned and the scope has API routes in the catalog:
for scopes without a published endpoint, scopelint cannot tell use from non-use and stays quiet.
In code without a client definition, the scopes of each token request are judged against the calls
of that code, but only when every Celonis call there was resolved and mapped with DOC or CODE
confidence: a path built at run time could need any scope.
An unused scope widens what a leaked secret can do.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..project import Project
from ._common import judged as judged_lists
from ._fixes import fix as make_fix
from ._fixes import remove

CODE = "SL006"
NAME = "unused-scope"
LEVEL = "warning"
PRECISION = "medium"
SECURITY_SEVERITY = "5.0"
CATEGORY = "least-privilege"
CWE = "272"
REJECTS = False
SECRET = False


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    catalog = project.catalog
    for group in project.groups:
        for judged in judged_lists(group, catalog):
            used = {scope for _call, route in judged.calls for scope in route.scopes}
            for ref in judged.refs:
                if ref.name in used or ref.name not in catalog.scopes or not catalog.routes_of(ref.name):
                    continue
                edits = remove(project, judged.scopes, ref) if judged.scopes is not None else None
                yield Finding(ref.loc, CODE,
                              f"scope {ref.name!r} opens no API that the {_code(judged.whose)} calls "
                              f"({judged.considered})",
                              client=judged.client, scope=ref.name, hint=f"remove {ref.name!r} if nothing else uses it",
                              fix=make_fix(edits, f"remove {ref.name!r}", "unsafe"))


def _code(whose: str) -> str:
    return f"code of {whose}" if whose.startswith("client ") else whose[len("the "):]
