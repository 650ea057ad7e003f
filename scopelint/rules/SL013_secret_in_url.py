"""Flag a client secret, access token or API key in a URL query string.

URLs end up in proxy logs, browser history and error messages. Send credentials in the
``Authorization`` header or the request body instead.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..extractors.recognition.urls import USERINFO
from ..findings import Finding
from ..project import Project

CODE = "SL013"
NAME = "secret-in-url"
LEVEL = "error"
PRECISION = "very-high"
SECURITY_SEVERITY = "8.5"
CATEGORY = "credentials"
CWE = "598"
REJECTS = True
SECRET = True


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    for facts in project.files:
        for secret in facts.secrets:
            if secret.in_url:
                where = "the user-info (user:password@) of a URL" if secret.name == USERINFO else \
                    f"the query string of a URL ({secret.name!r})"
                yield Finding(secret.loc, CODE, f"{secret.kind} in {where}",
                              key=f"{secret.kind}:{secret.name}:{secret.digest}",
                              hint="send credentials in the Authorization header or the request body")
