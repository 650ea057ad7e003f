"""Flag grant types Celonis OAuth clients do not support.

Celonis supports ``client_credentials`` (the default) and ``authorization_code``; the latter
needs ``redirect_uris``. A token request with ``password`` or ``implicit`` fails.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..oauth import DEFAULT_GRANT, GRANT_TYPES, REFUSED_GRANTS
from ..project import Project

CODE = "SL010"
NAME = "unsupported-grant-type"
LEVEL = "error"
PRECISION = "very-high"
SECURITY_SEVERITY = "7.0"
CATEGORY = "authentication"
CWE = "522"
REJECTS = True
SECRET = False


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    for client in project.clients:
        grant = client.grant_type
        if grant is not None and grant.value not in GRANT_TYPES:
            yield Finding(grant.loc, CODE, f"grant type {grant.value!r} is not supported; use one of {', '.join(GRANT_TYPES)}",
                          client=client.name, key=grant.value, hint=f"use {DEFAULT_GRANT!r} for server-to-server code")
        elif grant is not None and grant.value == "authorization_code" and not client.redirect_uris:
            yield Finding(grant.loc, CODE, f"client {client.name!r} uses authorization_code without 'redirect_uris'",
                          client=client.name, key="redirect_uris", hint="list the redirect URIs the client may use")
    for facts in project.files:
        for req in facts.token_requests:
            grant = req.grant_type
            if grant is not None and grant.value.lower() in REFUSED_GRANTS:
                yield Finding(grant.loc, CODE, f"token request uses grant type {grant.value!r}, which Celonis does not support",
                              key=grant.value, hint=f"request tokens with grant_type={DEFAULT_GRANT}")
