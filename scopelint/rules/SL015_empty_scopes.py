"""Flag a client or token request with no scope at all.

Every Celonis OAuth client must define scopes, and a token request without ``scope`` gets a
token that opens nothing (or is refused). A code exchange or a refresh sends none by design: the
token has the scopes the code was authorised with, or the token being refreshed had.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..oauth import SCOPELESS_GRANTS
from ..project import Project

CODE = "SL015"
NAME = "empty-scopes"
LEVEL = "error"
PRECISION = "very-high"
SECURITY_SEVERITY = "4.0"
CATEGORY = "correctness"
CWE = ""
REJECTS = True
SECRET = False


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    for client in project.clients:
        if client.scopes is None or (client.scopes.valid and client.scopes.resolved and not client.scopes.refs):
            where = client.scopes.loc if client.scopes is not None else client.loc
            yield Finding(where, CODE, f"client {client.name!r} has no scopes", client=client.name,
                          hint="list the scopes the client needs ('scopelint suggest' proposes them)")
    for facts in project.files:
        for req in facts.token_requests:
            grant = req.grant_type.value.lower() if req.grant_type is not None else None
            if req.scopes is not None and req.scopes.resolved and not req.scopes.refs and grant not in SCOPELESS_GRANTS:
                yield Finding(req.loc, CODE, "token request sends no scope", key="request",
                              hint="send scope=<space-separated scopes> with the token request")
