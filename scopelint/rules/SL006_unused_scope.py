"""Flag a granted scope that opens no API the client's code calls.

Only judged where the client's code was scanned and the scope has API routes in the catalog:
for scopes without a published endpoint, scopelint cannot tell use from non-use and stays quiet.
A call the client's code makes with an application or API key counts as a use: once it sends the
client's token, as SL018 asks, it needs that scope.
In code without a client definition, the scopes of each token request are judged against the calls
of that code, but only when every Celonis call there was resolved and mapped with DOC or CODE
confidence: a path built at run time could need any scope.
An unused scope widens what a leaked secret can do.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping

from ..findings import Finding, Location
from ..model import ScopeRef
from ..project import Project
from ._common import Judged, at
from ._common import judged as judged_lists
from ._fixes import fix as make_fix
from ._fixes import remove

CODE = "SL006"
NAME = "unused-scope"
LEVEL = "warning"
PRECISION = "medium"
SECURITY_SEVERITY = "5.0"
CATEGORY = "least-privilege"
CWE = "272"
REJECTS = False
SECRET = False


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    catalog = project.catalog
    for group in project.groups:
        # a scope written once and sent by several token requests (a constant of a config module) is
        # unused only when no request that sends it uses it, and each of them was judged
        sent = Counter(ref.loc for req in group.token_requests() if req.scopes is not None
                       for ref in {r.loc: r for r in req.scopes.refs}.values())
        found: dict[tuple[Location, str], list[tuple[Judged, ScopeRef, bool]]] = {}
        for judged in judged_lists(group, catalog):
            used = {scope for _call, route in judged.calls for scope in route.scopes}
            for ref in judged.refs:
                if ref.name in catalog.scopes and catalog.routes_of(ref.name):
                    found.setdefault((ref.loc, ref.name), []).append((judged, ref, ref.name in used))
        unused = [(loc, name) for (loc, name), judgements in found.items()
                  if not (any(used for _, _, used in judgements)
                          or judgements[0][0].request is not None and sent[loc] > len(judgements))]
        for loc, name in unused:
            judgements = found[(loc, name)]
            judged, ref, _ = judgements[0]
            keep = (loc, name) in _last_of_all_unused(unused, found)
            edits = remove(project, judged.scopes, ref) if judged.scopes is not None and not keep else None
            whose, considered = _whose(judgements)
            yield Finding(loc, CODE, f"scope {name!r} opens no API that the {whose} calls ({considered})",
                          client=judged.client, scope=name, hint=f"remove {name!r} if nothing else uses it",
                          fix=make_fix(edits, f"remove {name!r}", "unsafe"))


def _last_of_all_unused(unused: list[tuple[Location, str]],
                        found: Mapping[tuple[Location, str], list[tuple[Judged, ScopeRef, bool]]]) -> set[tuple[Location, str]]:
    """The last scope of each list whose scopes are all unused: its removal gets no fix. Each removal is
    safe alone, but together they would leave the client with none, and the only scope is never removed."""
    lists: dict[int, list[tuple[Location, str]]] = {}
    for key in unused:
        scopes = found[key][0][0].scopes
        if scopes is not None:
            lists.setdefault(id(scopes), []).append(key)
    return {keys[-1] for keys in lists.values()
            if len(keys) >= len({r.name for r in found[keys[0]][0][0].scopes.refs})}  # type: ignore[union-attr]


def _whose(judgements: list[tuple[Judged, ScopeRef, bool]]) -> tuple[str, str]:
    """Whose code the finding rests on, and on what."""
    requests = [at(j.request.loc) for j, _, _ in judgements if j.request is not None]
    if len(requests) < 2:
        judged = judgements[0][0]
        return _code(judged.whose), judged.considered
    calls = {id(call) for j, _, _ in judgements for call, _ in j.calls}
    return (f"code of the token requests at {', '.join(requests[:-1])} and {requests[-1]}",
            f"{len(calls)} Celonis API call(s) considered, all resolved")


def _code(whose: str) -> str:
    return f"code of {whose}" if whose.startswith("client ") else whose[len("the "):]
