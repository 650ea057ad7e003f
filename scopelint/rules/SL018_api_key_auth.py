"""Note Celonis calls authenticated with an application or API key instead of an OAuth token.

``Authorization: AppKey …`` and static API keys do not expire and carry the full rights of
their owner. OAuth clients with narrow scopes are the recommended way in.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..project import Project

CODE = "SL018"
NAME = "api-key-auth"
LEVEL = "note"
PRECISION = "high"
SECURITY_SEVERITY = "3.0"
CATEGORY = "authentication"
CWE = "798"
REJECTS = False
SECRET = False


# what each kind of key authentication is called in a message
_SAID = {"AppKey": "an application key (AppKey)", "api-key": "a static API key"}


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    for facts in project.files:
        for header in facts.auth_headers:
            said = _SAID.get(header.kind, header.kind)
            yield Finding(header.loc, CODE, f"Celonis call authenticated with {said} instead of an OAuth token",
                          key=header.kind, hint="register an OAuth client with the scopes it needs and use a Bearer token")
