"""Flag a granted scope that opens no API the client's code calls.

Only judged where the client's code was scanned and the scope has API routes in the catalog:
for scopes without a published endpoint, scopelint cannot tell use from non-use and stays quiet.
An unused scope widens what a leaked secret can do.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..project import Project
from ._common import gated_calls
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
        client = group.client
        if client is None or not group.files:
            continue
        used = {scope for _call, route in gated_calls(group, catalog) for scope in route.scopes}
        for ref in client.unique_refs:
            if ref.name in used or ref.name not in catalog.scopes or not catalog.routes_of(ref.name):
                continue
            yield Finding(ref.loc, CODE,
                          f"scope {ref.name!r} opens no API that the code of client {client.name!r} calls "
                          f"({len(group.files)} file(s) scanned)",
                          client=client.name, scope=ref.name, hint=f"remove {ref.name!r} if nothing else uses it",
                          fix=make_fix(remove(project, client.scopes, ref), f"remove {ref.name!r}", "unsafe"))
