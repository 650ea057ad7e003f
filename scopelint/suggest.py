"""Least privilege: the smallest set of narrow scopes that opens every Celonis API call a code
group makes, each scope with the calls that need it, and the Celonis calls whose path could not be
resolved (the advice is only as complete as those allow). Shared by ``suggest`` and ``review``."""
from __future__ import annotations


from .catalog import ApiRoute, Catalog
from .model import ApiCall, CodeGroup, UnresolvedCall
from .records import field, record


@record(frozen=False)
class Need:
    scope: str
    calls: list[tuple[ApiCall, ApiRoute]] = field(default_factory=list)


@record(frozen=False)
class Suggestion:
    group: CodeGroup
    needs: list[Need]  # sorted by scope name
    ungated: list[ApiCall]  # calls whose scope gating is unknown (``/api/cloud``) or not in the catalog
    unresolved: list[UnresolvedCall] = field(default_factory=list)  # Celonis calls whose path is unknown

    @property
    def scopes(self) -> list[str]:
        return [n.scope for n in self.needs]


def least_privilege(group: CodeGroup, catalog: Catalog) -> Suggestion:
    """Take the narrowest scope for each call, then drop any chosen scope whose calls another
    chosen scope also opens (a broad scope already needed elsewhere covers them). A call whose
    scopes are only inferred keeps a scope the client grants among them: an inferred mapping is
    no reason to move a client to another scope."""
    chosen: dict[str, Need] = {}
    ungated: list[ApiCall] = []
    from .rules._common import granted

    have = granted(group.client, catalog) if group.client is not None else set()
    for call in sorted(group.api_calls(), key=lambda c: (c.loc, c.path)):
        route = catalog.route_for(call.path, call.method)
        if route is None or route.gating != "scoped" or not route.scopes:
            if route is None or route.gating == "unknown":
                ungated.append(call)
            continue
        scope = route.scopes[0]
        if not route.confirmed:  # which of its scopes opens it is inferred: keep the one granted
            scope = next((s for s in route.scopes if s in have), scope)
        chosen.setdefault(scope, Need(scope)).calls.append((call, route))
    for scope in sorted(chosen, key=lambda s: _breadth(s, catalog)):
        calls = chosen[scope].calls
        covering = next((o for o in chosen if o != scope and all(o in r.scopes for _c, r in calls)), None)
        if covering is not None:
            chosen[covering].calls.extend(calls)
            del chosen[scope]
    for need in chosen.values():
        need.calls.sort(key=lambda pair: (pair[0].loc, pair[0].path, pair[0].method or ""))
    needs = sorted(chosen.values(), key=lambda n: n.scope)
    unresolved = sorted(group.unresolved_calls(), key=lambda u: (u.loc, u.evidence))
    return Suggestion(group, needs, ungated, unresolved)


def _breadth(scope: str, catalog: Catalog) -> int:
    """Narrow scopes are considered for removal first."""
    entry = catalog.scopes.get(scope)
    return len(entry.narrower) if entry else 0
