"""Report files that cannot be parsed or break the client definition schema.

A client definition that does not parse, a value of the wrong type, an unknown key, a client
without a name or two clients with the same name: the message says where and why. Other files
are still linted. Inline suppressions that name no code, give no reason or suppress nothing are
reported under this code too, as warnings.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..project import Project

CODE = "SL000"
NAME = "invalid-input"
LEVEL = "error"
PRECISION = "very-high"
SECURITY_SEVERITY = "4.0"
CATEGORY = "correctness"
CWE = "20"
REJECTS = True
SECRET = False


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    for facts in project.files:
        for problem in facts.problems:
            if problem.kind == "invalid":
                yield Finding(problem.loc, CODE, problem.message, key=problem.message)
    first: dict[str, object] = {}
    for client in project.clients:
        if client.origin != "definition":
            continue
        if client.name in first:
            other = first[client.name]
            yield Finding(client.loc, CODE,
                          f"duplicate client name {client.name!r}; first defined at {other.path}:{other.line}",  # type: ignore[attr-defined]
                          client=client.name, key="duplicate-client",
                          hint="give every client a unique name")
        else:
            first[client.name] = client.loc
