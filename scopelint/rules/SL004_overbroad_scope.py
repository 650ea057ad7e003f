"""Flag a broad scope where a narrower one opens every API call the client makes with it.

``studio`` for code that only reads Knowledge Models (``intelligence.knowledge-models:read``
does), or ``integration.data-pools`` for code that only pushes data
(``integration.data-pools:data_push`` does). Only clients whose code was scanned are judged, and
only calls whose scope gating the catalog knows. In code without a client definition, the scopes of
each token request are judged the same way, against the calls of that code, but only when every
Celonis call there was resolved and mapped with DOC or CODE confidence. A scope is called broader
only on calls whose scopes are documented or read in Celonis's code, never on an inferred mapping.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..project import Project
from ._common import judged as judged_lists
from ._fixes import fix as make_fix
from ._fixes import remove, replace

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
        for judged in judged_lists(group, project.catalog):
            have = judged.have
            for ref in judged.refs:
                uses = [route for _call, route in judged.calls if ref.name in route.scopes]
                if not uses or not all(route.confirmed for route in uses):
                    continue  # a call whose scopes are only inferred (which of two opens it is undocumented)
                narrower = _narrowest_common(ref.name, uses)
                if narrower is None:
                    continue
                message = (f"scope {ref.name!r} is broader than needed: {narrower!r} opens all {len(uses)} API "
                           f"call(s) found for {judged.whose}")
                if judged.client is None:
                    message += f" ({judged.considered})"
                if narrower in have:
                    message += f"; {narrower!r} is already granted, drop {ref.name!r}"
                    edits = remove(project, judged.scopes, ref) if judged.scopes is not None else None
                    fix = make_fix(edits, f"remove {ref.name!r}", "unsafe")
                else:
                    fix = make_fix(replace(project, ref.loc, ref.name, narrower),
                                   f"replace {ref.name!r} with {narrower!r}", "unsafe")
                yield Finding(ref.loc, CODE, message, client=judged.client, scope=ref.name,
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
