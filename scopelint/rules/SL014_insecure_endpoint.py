"""Flag Celonis calls over plain HTTP, with TLS verification off, or to a wrong token URL.

Tokens and secrets sent over ``http://`` or to a server whose certificate is not checked can be
read by anyone on the path. The token URL is ``https://<team>.<realm>.celonis.cloud/oauth2/token``.
URLs built from variables that cannot be resolved are not judged.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding, Location
from ..project import Project
from ._fixes import fix as make_fix
from ._fixes import replace

CODE = "SL014"
NAME = "insecure-endpoint"
LEVEL = "error"
PRECISION = "high"
SECURITY_SEVERITY = "8.0"
CATEGORY = "transport"
CWE = "319"
REJECTS = True
SECRET = False
MESSAGES = {
    "http-url": ("Celonis URL over plain HTTP: {detail}", "use https://"),
    "tls-off": ("TLS certificate verification is switched off for a Celonis call ({detail})",
                "remove {detail} so that the client checks the server's certificate"),
    "bad-token-url": ("token URL {detail} is not https://<team>.<realm>.celonis.cloud/oauth2/token", "use the team's token URL"),
}


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    for facts in project.files:
        seen: set[tuple] = set()
        for item in facts.insecure:
            place = (item.kind, item.loc.line, item.loc.col)
            if place in seen:  # one written URL, judged where it is set and again where a request composes it
                continue
            seen.add(place)
            template, hint = MESSAGES.get(item.kind, ("insecure endpoint: {detail}", "use https://"))
            detail = repr(item.detail) if item.kind != "tls-off" else item.detail
            yield Finding(item.loc, CODE, template.format(detail=detail), key=f"{item.kind}:{item.detail}",
                          hint=hint.format(detail=detail), fix=_https(project, item))


def _https(project: Project, item):
    """``http://`` at the start of a literal Celonis URL, made ``https://``."""
    loc = item.loc
    if item.kind != "http-url" or loc.end_col is None or loc.end_line not in (None, loc.line):
        return None
    head = Location(loc.path, loc.line, loc.col, loc.line, loc.col + len("http://"))
    return make_fix(replace(project, head, "http://", "https://"), "use https://", "unsafe")
