"""Flag a broad scope where a narrower one opens every API call the client makes with it.

``studio`` for code that only reads Knowledge Models (``intelligence.knowledge-models:read``
does), or ``integration.data-pools`` for code that only pushes data
(``integration.data-pools:data_push`` does). Only clients whose code was scanned are judged, and
only calls whose scope gating the catalog knows.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..project import Project
from ._fixes import fix as make_fix
from ._fixes import remove, replace
from ._common import gated_calls, granted

CODE = "SL004"
NAME = "overbroad-scope"
LEVEL = "warning"
PRECISION = "medium"
SECURITY_SEVERITY = "6.0"
CATEGORY = "least-privilege"
CWE = "272"
REJECTS = False
SECRET = False


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    for group in project.groups:
        client = group.client
        if client is None or not group.files:
            continue
        calls = list(gated_calls(group, project.catalog))
        have = granted(client)
        for ref in client.unique_refs:
            uses = [route for _call, route in calls if ref.name in route.scopes]
            if not uses:
                continue
            narrower = _narrowest_common(ref.name, uses)
            if narrower is None:
                continue
            count = len(uses)
            message = (f"scope {ref.name!r} is broader than needed: {narrower!r} opens all {count} API "
                       f"call(s) found for client {client.name!r}")
            if narrower in have:
                message += f"; {narrower!r} is already granted, drop {ref.name!r}"
            if narrower in have:
                fix = make_fix(remove(project, client.scopes, ref), f"remove {ref.name!r}", "unsafe")
            else:
                fix = make_fix(replace(project, ref.loc, ref.name, narrower), f"replace {ref.name!r} with {narrower!r}",
                               "unsafe")
            yield Finding(ref.loc, CODE, message, client=client.name, scope=ref.name,
                          hint=f"grant {narrower!r} instead of {ref.name!r}", fix=fix)


def _narrowest_common(scope: str, routes: list) -> str | None:
    """A scope listed before ``scope`` (narrower) on every route, narrowest first."""
    common: list[str] | None = None
    for route in routes:
        before = list(route.scopes[: route.scopes.index(scope)])
        common = before if common is None else [s for s in common if s in before]
        if not common:
            return None
    return common[0] if common else None
