"""Flag a Celonis API call that none of its client's scopes opens.

The call fails with 401 or 403 at run time. The finding points at the call and names the
narrowest scope that opens it. Calls whose gating is unknown (``/api/cloud``, ``/api/team``) are
never reported; calls linked to a scope only by inference, and URLs only written in a string that no
request is seen to send, are warnings, not errors. Code that no
client claims is checked against the scopes it requests itself, when those can be resolved.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..catalog import ApiRoute
from ..findings import Finding, Location
from ..model import LITERAL, ApiCall
from ..project import Project
from ._common import at, call_grant, effective_grant, gated_calls, own_tokens

CODE = "SL005"
NAME = "missing-scope"
LEVEL = "error"
PRECISION = "high"
SECURITY_SEVERITY = "4.0"
CATEGORY = "correctness"
CWE = ""
REJECTS = False
SECRET = False


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    for group in project.groups:
        default = effective_grant(group, project.catalog)
        units = own_tokens(group)
        if default is None and not units:
            continue
        # one finding per place and scope: an SDK call that sends several requests (``create_table``)
        # is one call to fix, named by its first request
        missing: dict[tuple[Location, str], list[tuple[ApiCall, ApiRoute, list]]] = {}
        for call, route in gated_calls(group, project.catalog):
            have, own = call_grant(group, call, units, default, project.catalog)
            if have is None or have.intersection(route.scopes):
                continue
            missing.setdefault((call.loc, route.scopes[0]), []).append((call, route, own))
        for (loc, need), found in missing.items():
            call, route, own = found[0]
            what = f"{call.method + ' ' if call.method else ''}{call.path}"
            more = f" (as do {len(found) - 1} more requests it sends)" if len(found) > 2 else \
                " (as does one more request it sends)" if len(found) == 2 else ""
            via = f" (via {call.evidence})" if call.evidence else ""
            whose = f"client {group.client.name!r} does" if group.client else _requests(own)
            # a scope only inferred for the route, or a URL only written (a literal no request is seen to send:
            # a constant handed on, or data describing an endpoint): a warning
            level = "warning" if all(r.confidence == "INF" or c.evidence == LITERAL for c, r, _ in found) else ""
            yield Finding(loc, CODE, f"API call {what}{via} needs scope {need!r}{more}, which {whose} not grant",
                          level=level, client=group.client.name if group.client else None, scope=need,
                          key=f"{call.method} {route.prefix}", hint=f"add {need!r} to the client's scopes{_or(route)}")


def _or(route: ApiRoute) -> str:
    """The other scopes a route inferred, not documented, may take: the narrowest is a guess."""
    others = route.scopes[1:]
    if route.confidence != "INF" or not others:
        return ""
    return f" (or {' or '.join(repr(s) for s in others)}: which of them the API accepts is not documented)"


def _requests(own: list) -> str:
    """Whose grant an unclaimed call lacks: its unit's token request(s), else the code's."""
    if not own:
        return "the scopes this code requests do"
    if len(own) == 1:
        return f"the token request at {at(own[0].loc)} does"
    return f"the token requests at {', '.join(at(req.loc) for req in own)} do"
