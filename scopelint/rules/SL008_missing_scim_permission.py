"""Flag SCIM access without the SCIM permission on the User Provisioning service.

``user-provisioning.scim`` opens the SCIM API, but provisioning only works when the client also
has the User Provisioning permission with SCIM enabled (Admin & Settings > Permissions > User
Provisioning). Declare it as ``{service: User Provisioning, scim: true}`` under ``permissions``.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..model import Client
from ..project import Project
from ._common import gated_calls, service_key

CODE = "SL008"
NAME = "missing-scim-permission"
LEVEL = "error"
PRECISION = "high"
SECURITY_SEVERITY = "4.5"
CATEGORY = "permissions"
CWE = "732"
REJECTS = True
SECRET = False


def _has_scim(client: Client) -> bool:
    return any(p.scim and service_key(p.service) == "userprovisioning" for p in client.permissions or ())


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    scim_scopes = {s.name for s in project.catalog.scopes.values() if s.scim}
    for client in project.clients:
        if client.origin != "definition" or _has_scim(client):
            continue
        ref = next((r for r in client.unique_refs if r.name in scim_scopes), None)
        loc, what = (ref.loc, f"scope {ref.name!r}") if ref else (None, "")
        if ref is None:
            group = project.group_of(client)
            call = next((c for c, route in gated_calls(group, project.catalog) if scim_scopes.intersection(route.scopes)), None) if group else None
            if call is None:
                continue
            loc, what = call.loc, f"the SCIM API call {call.path}"
        yield Finding(loc, CODE,
                      f"client {client.name!r} uses {what} but has no User Provisioning permission with scim: true",
                      client=client.name, scope=ref.name if ref else None,
                      hint="add a permission {service: User Provisioning, template: manage, scim: true}")
