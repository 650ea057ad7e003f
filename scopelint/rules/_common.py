"""Helpers several rules share: service names, granted scope sets and API-call gating."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..catalog import ApiRoute, Catalog
from ..findings import Location
from ..model import ApiCall, Client, CodeGroup, ScopeList, ScopeRef, TokenRequest, UnresolvedCall
from ..records import record

# older and UI names of the permission services (reference map §6)
SERVICE_ALIASES = {
    "adminsettings": "team",
    "celonisstoragemanager": "filestoragemanager",
    "storagemanager": "filestoragemanager",
    "processautomation": "onpremautomation",
    "automation": "onpremautomation",
}


def service_key(name: str) -> str:
    key = re.sub(r"[\s_\-&]", "", name.lower())
    return SERVICE_ALIASES.get(key, key)


def granted(client: Client, catalog: Catalog) -> set[str]:
    """The scopes ``client`` grants, a variant spelling as the scope it stands for."""
    return {catalog.canonical(ref.name) for ref in client.scope_refs}


def token_calls(group: CodeGroup) -> Iterator[ApiCall]:
    """The API calls of the group that may use its OAuth token: a call that sends an application or
    API key is no use of the client's scopes (SL018 says what is wrong there)."""
    return (call for call in group.api_calls() if call.key_auth is None)


def gated_calls(group: CodeGroup, catalog: Catalog, keyed: bool = False) -> Iterator[tuple[ApiCall, ApiRoute]]:
    """Each call of ``token_calls`` whose route is scope-gated, with that route; ``keyed``: the calls
    that send a key too."""
    for call in group.api_calls() if keyed else token_calls(group):
        route = catalog.route_for(call.path, call.method)
        if route is not None and route.gating == "scoped" and route.scopes:
            yield call, route


def effective_grant(group: CodeGroup, catalog: Catalog) -> set[str] | None:
    """What the group's code may use: its client's scopes, or for unclaimed code the scopes it
    requests. ``None`` when that cannot be known statically."""
    if group.client is not None:
        names = granted(group.client, catalog) if known(group.client.scopes) else None
        return names or None
    lists = list(group.requested())  # its token requests' scopes, and its Celonis scope variables
    if not lists or not all(known(req.scopes) for req in group.token_requests()) \
            or not all(scopes.resolved for scopes in lists):
        return None
    return {catalog.canonical(ref.name) for scopes in lists for ref in scopes.refs}


def known(scopes: ScopeList | None) -> bool:
    """Whether ``scopes`` are known: written out, with no template's reference among them."""
    return scopes is not None and scopes.resolved


def _requested(requests: list[TokenRequest], catalog: Catalog) -> set[str] | None:
    """The scopes ``requests`` ask for together (a variant spelling as its scope); ``None`` when there
    is none or one is unresolved."""
    if not requests or not all(known(req.scopes) for req in requests):
        return None
    return {catalog.canonical(ref.name) for req in requests for ref in req.scopes.refs}  # type: ignore[union-attr]


Unit = tuple[str, str]  # (file, unit): a part of a file that runs on its own


def _unit(fact: ApiCall | TokenRequest | UnresolvedCall) -> Unit | None:
    return (fact.loc.path, fact.unit) if fact.unit is not None else None


def own_tokens(group: CodeGroup) -> dict[Unit, list[TokenRequest]]:
    """The token requests of unclaimed code by the unit (a shell script, a CI step) that makes them. A call in such a
    unit sends the token its unit gets; any other call may send any token the code gets."""
    units: dict[Unit, list[TokenRequest]] = {}
    if group.client is None:
        for req in group.token_requests():
            unit = _unit(req)
            if unit is not None:
                units.setdefault(unit, []).append(req)
    return units


def call_grant(group: CodeGroup, call: ApiCall, units: dict[Unit, list[TokenRequest]],
               default: set[str] | None, catalog: Catalog) -> tuple[set[str] | None, list[TokenRequest]]:
    """What ``call`` may use (``default``: the group's ``effective_grant``), and the token requests of
    its own unit that this rests on (none when it rests on the group's)."""
    own = units.get(_unit(call)) if units else None  # type: ignore[arg-type]
    return (default, []) if own is None else (_requested(own, catalog), own)


def _uses(call: ApiCall | UnresolvedCall, req: TokenRequest, units: dict[Unit, list[TokenRequest]]) -> bool:
    """Whether ``call`` may send the token of ``req``: it is in the unit of ``req``, or in none that
    gets a token of its own."""
    unit = _unit(call)
    return unit not in units or unit == _unit(req)


@record(frozen=False)
class Judged:
    """A scope list the least-privilege rules (SL004, SL006) judge against the calls of its code:
    a client's scopes, or in code without a client definition the scopes a token request asks for."""

    refs: tuple[ScopeRef, ...]  # each scope once
    whose: str  # for messages: "client 'x'" or "the token request at file:line"
    client: str | None
    have: set[str]  # every scope the code may use, to tell "already granted"
    calls: list[tuple[ApiCall, ApiRoute]]  # the gated calls of the code
    considered: str  # for messages: what the judgement rests on
    scopes: ScopeList | None = None  # the list as written, for fixes
    request: TokenRequest | None = None  # the token request judged, in code without a client definition


def judged(group: CodeGroup, catalog: Catalog) -> Iterator[Judged]:
    """The scope lists of ``group`` that SL004 and SL006 may judge. A client's scopes whenever its
    code was scanned and makes a Celonis call; not a Spring registration's, whose code is found by its module, not declared: the
    Java reader cannot tell a path built at run time from no call, so no scope of it can be called unused. Token requests in unclaimed code only when every Celonis call that may send
    their token (``_uses``: any call of the code, but a call in a unit that gets a token of its own
    sends that one) was resolved and its route mapped with DOC or CODE confidence: one unresolved
    path, unknown route or inferred mapping among them and no scope can be called unused or too broad."""
    if not group.files:
        return
    if group.client is not None and group.client.origin != "definition":
        return  # code found to be a Spring registration's (``project._by_registration``), not declared so
    if any(u.sdk for u in group.unresolved_calls()):
        return  # the code calls Celonis through a part of PyCelonis whose requests are not known: any scope may be used
    if group.client is not None:
        if not known(group.client.scopes) or not any(group.api_calls()) and not any(group.unresolved_calls()):
            return  # code that makes no Celonis call (a helper that only gets the token) shows no use
        # a call the client's code makes with a key (SL018) still needs its scope once it sends the
        # client's token, as SL018 asks: no scope it needs is unused or too broad (as ``suggest`` counts it).
        # A token request's own scopes are judged by the calls that may send its token alone: which token a
        # keyed call would send, where several are got, is not known
        yield Judged(group.client.unique_refs, f"client {group.client.name!r}", group.client.name,
                     granted(group.client, catalog), list(gated_calls(group, catalog, keyed=True)),
                     f"{len(group.files)} file(s) scanned", group.client.scopes)
        return
    calls = list(gated_calls(group, catalog))
    default = effective_grant(group, catalog)
    units = own_tokens(group)
    everything = list(token_calls(group))
    unresolved = list(group.unresolved_calls())
    # what a token request's code may use, and the calls it goes to, depend on its unit alone: worked out
    # once a unit (a script of 20,000 token requests was judged against all of them for each)
    by_unit: dict[Unit | None, tuple[set[str] | None, int, list[tuple[ApiCall, ApiRoute]]]] = {}
    for req in group.token_requests():
        if req.scopes is None or not req.scopes.refs:
            continue
        unit = _unit(req)
        if unit not in by_unit:
            # a script's or step's own token is judged by its own scopes, whatever other code requests
            have = _requested(units[unit], catalog) if unit in units else default  # type: ignore[index]
            count = _complete([call for call in everything if _uses(call, req, units)], catalog)
            if any(_uses(call, req, units) for call in unresolved):
                count = 0  # its token may go to a call not known
            by_unit[unit] = have, count, [(call, route) for call, route in calls if _uses(call, req, units)]
        have, count, used = by_unit[unit]
        if have is None or not count:
            continue  # what the code may use is unknown, or its token goes to no call found here, or to one not known
        seen: dict[str, ScopeRef] = {}
        for ref in req.scopes.refs:
            seen.setdefault(ref.name, ref)
        yield Judged(tuple(seen.values()), f"the code of the token request at {at(req.loc)}", None,
                     have, used, f"{count} Celonis API call(s) considered, all resolved", req.scopes, req)


def _complete(calls: list[ApiCall], catalog: Catalog) -> int:
    """How many ``calls`` there are when every one is mapped with DOC or CODE confidence to a route
    of known gating; 0 when any is not (or there is none)."""
    for call in calls:
        route = catalog.route_for(call.path, call.method)
        if route is None or route.gating == "unknown" or not route.confirmed:
            return 0
    return len(calls)


def at(loc: Location) -> str:
    return f"{loc.path}:{loc.line}"
