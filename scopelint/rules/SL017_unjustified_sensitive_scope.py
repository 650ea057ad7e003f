"""Flag a sensitive scope granted without a justification.

Scopes of the catalog's high and critical risk tiers (SCIM provisioning, audit and login data,
broad service scopes, code execution) should say why they are needed, under the client's
``justification`` key, so that a security review can judge them.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..project import Project

CODE = "SL017"
NAME = "unjustified-sensitive-scope"
LEVEL = "warning"
PRECISION = "very-high"
SECURITY_SEVERITY = "5.5"
CATEGORY = "least-privilege"
CWE = "272"
REJECTS = False
SECRET = False
OPTIONS = {"risks": ["high", "critical"]}
OPTION_CHOICES = {"risks": ("low", "medium", "high", "critical")}


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    risks = set(options.get("risks") or ())  # type: ignore[arg-type]
    for client in project.clients:
        if client.origin != "definition":
            continue
        for ref in client.unique_refs:
            scope = project.catalog.scopes.get(ref.name)
            if scope is None or scope.risk not in risks or ref.name in client.justification:
                continue
            yield Finding(ref.loc, CODE,
                          f"{scope.risk}-risk scope {ref.name!r} has no justification in client {client.name!r}",
                          client=client.name, scope=ref.name,
                          hint=f"add 'justification: {{{ref.name}: <why it is needed>}}'")
