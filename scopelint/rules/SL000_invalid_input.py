"""Report files that cannot be parsed or break the client definition schema.

A client definition that does not parse, a value of the wrong type, an unknown key, a client
without a name or two clients with the same name: the message says where and why. Other files
are still linted. A client whose ``code`` globs match no file scanned is a warning at its ``code``
key: every code rule would otherwise go quiet for it without a word. Inline suppressions that name no code, give no reason or suppress nothing are
reported under this code too, as warnings.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..project import Project, glob_base

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
            if problem.kind in ("invalid", "unread"):
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
    for client in project.clients:
        if client.origin == "definition" and project.unclaimed_globs(client):
            yield _unmatched(client, project.root)


def _unmatched(client, root: str) -> Finding:
    globs = ", ".join(repr(g) for g in client.code)
    bases = sorted({glob_base(g, client.loc.path, root)[0] for g in client.code})
    where = " and ".join(repr(b) for b in bases)
    return Finding(client.code_loc or client.loc, CODE,
                   f"the code globs {globs} of client {client.name!r} match no file scanned; "
                   f"resolved from {where}", level="warning", client=client.name, key="code-matches-nothing",
                   hint="write globs relative to the repository root (the folder with the scopelint "
                        "configuration, else the git work tree's top), or start them with './' or '../' "
                        "to make them relative to the definition file")
