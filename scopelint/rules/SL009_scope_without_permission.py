"""Flag a scope whose permission service has no assignment, in a client that declares permissions.

Scopes only open APIs; the client also needs permissions on the service that owns the resources.
When a client lists its ``permissions``, every scope's service (from the catalog) should appear
there, or calls fail with 403 despite the right scope.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..project import Project
from ._common import service_key

CODE = "SL009"
NAME = "scope-without-permission"
LEVEL = "warning"
PRECISION = "high"
SECURITY_SEVERITY = "4.0"
CATEGORY = "permissions"
CWE = "732"
REJECTS = False
SECRET = False


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    for client in project.clients:
        if client.permissions is None:
            continue
        services = {service_key(p.service) for p in client.permissions}
        for ref in client.unique_refs:
            scope = project.catalog.scopes.get(ref.name)
            if scope is None or not scope.service or service_key(scope.service) in services:
                continue
            needs = f" ({scope.permission})" if scope.permission else ""
            yield Finding(ref.loc, CODE,
                          f"scope {ref.name!r} needs a permission on the {scope.service!r} service{needs}, "
                          f"but client {client.name!r} declares none",
                          client=client.name, scope=ref.name,
                          hint=f"add a permission for service {scope.service!r}")
