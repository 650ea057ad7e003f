"""Flag a scope requested at token time that the client definition does not grant.

The token endpoint answers ``invalid_scope`` when a request asks for more than the client was
given. Requests in code are compared with the definition of the client that owns the code.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..project import Project
from ._common import granted, known

CODE = "SL007"
NAME = "unregistered-scope"
LEVEL = "error"
PRECISION = "high"
SECURITY_SEVERITY = "4.0"
CATEGORY = "correctness"
CWE = ""
REJECTS = False
SECRET = False


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    for group in project.groups:
        client = group.client
        if client is None or not known(client.scopes):
            continue
        have = granted(client, project.catalog)
        for scopes in group.requested():
            for ref in scopes.refs:
                if project.catalog.canonical(ref.name) in have:
                    continue
                yield Finding(ref.loc, CODE,
                              f"scope {ref.name!r} is requested here but client {client.name!r} does not grant it; "
                              f"the token request fails with invalid_scope",
                              client=client.name, scope=ref.name,
                              hint=f"add {ref.name!r} to client {client.name!r} or stop requesting it")
