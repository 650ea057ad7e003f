"""Flag a literal client secret, access token or API key in code or configuration.

A committed secret is a leaked secret: rotate it (Admin & Settings > Applications > Regenerate
secret) and read it from the environment or a secret store instead. Placeholders
(``<client secret>``, ``${VAR}``, ``changeme``) and environment look-ups are not secrets. The
value is never printed, in any output format.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..project import Project

CODE = "SL012"
NAME = "hardcoded-secret"
LEVEL = "error"
PRECISION = "high"
SECURITY_SEVERITY = "9.0"
CATEGORY = "credentials"
CWE = "798"
REJECTS = True
SECRET = True


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    for facts in project.files:
        for secret in facts.secrets:
            if secret.in_url:
                continue
            yield Finding(secret.loc, CODE, f"hard-coded {secret.kind} in {secret.name!r}",
                          key=f"{secret.kind}:{secret.name}:{secret.digest}",
                          hint="rotate the secret and read it from the environment or a secret store")
