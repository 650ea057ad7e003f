"""Helpers several rules share: service names, granted scope sets and API-call gating."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..catalog import ApiRoute, Catalog
from ..model import ApiCall, Client, CodeGroup

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


def granted(client: Client) -> set[str]:
    return {ref.name for ref in client.scope_refs}


def gated_calls(group: CodeGroup, catalog: Catalog) -> Iterator[tuple[ApiCall, ApiRoute]]:
    """Each API call of the group whose route is scope-gated, with that route."""
    for call in group.api_calls():
        route = catalog.route_for(call.path, call.method)
        if route is not None and route.gating == "scoped" and route.scopes:
            yield call, route


def effective_grant(group: CodeGroup) -> set[str] | None:
    """What the group's code may use: its client's scopes, or for unclaimed code the scopes it
    requests. ``None`` when that cannot be known statically."""
    if group.client is not None:
        names = granted(group.client)
        return names or None
    requested = list(group.requested())
    unresolved = any(req.scopes is None for req in group.token_requests())
    if not requested or unresolved:
        return None
    return {ref.name for scopes in requested for ref in scopes.refs}
