"""``--code PATH``: the code under the paths belongs to the reviewed client, whatever its ``code``
globs say; its findings come from the rules run on the project linked that way, and its
least-privilege scope set from ``suggest.least_privilege``."""
from __future__ import annotations

import os
from collections.abc import Sequence

from ..catalog import Catalog
from ..config import Config
from ..findings import Finding
from ..linter import check, finish
from ..model import ApiCall, Client, CodeGroup
from ..project import Project, code_files
from ..suggest import least_privilege
from .model import Call, LeastPrivilege


def under(path: str, roots: Sequence[str]) -> bool:
    full = os.path.abspath(path)
    for root in roots:
        base = os.path.abspath(root)
        if full == base or full.startswith(base.rstrip(os.sep) + os.sep):
            return True
    return False


def code_group(project: Project, client: Client, roots: Sequence[str]) -> CodeGroup:
    files = [f for f in code_files(project.files) if under(f.path, roots)]
    return CodeGroup(client, files)


def relinked(project: Project, group: CodeGroup) -> Project:
    """The project with ``group`` as its client's code, those files taken from every other group."""
    taken = {id(f) for f in group.files}
    others = []
    for old in project.groups:
        if old.client is group.client:
            continue
        rest = [f for f in old.files if id(f) not in taken]
        if rest or old.client is not None:
            others.append(CodeGroup(old.client, rest))
    return Project(project.catalog, project.files, project.clients, [group] + others)


def findings_with_code(project: Project, group: CodeGroup, config: Config) -> list[Finding]:
    linked = relinked(project, group)
    return finish(check(linked, config), linked, config)[0]


def least(group: CodeGroup, catalog: Catalog, roots: Sequence[str]) -> LeastPrivilege:
    """What the code needs against what the client requests; no difference is claimed when the
    code makes no call whose scope the catalog knows."""
    sug = least_privilege(group, catalog)
    evidence = tuple((n.scope, tuple(_call(c) for c, _r in n.calls)) for n in sug.needs)
    base = LeastPrivilege(tuple(roots), len(group.files), tuple(sug.scopes), evidence,
                          ungated=tuple(_call(c) for c in sug.ungated))
    if not sug.needs or group.client is None:
        return base
    requested = [r.name for r in group.client.unique_refs]
    narrow = _narrowings(sug.needs, requested)
    wide = {a for a, _b in narrow}
    narrowed_to = {b for _a, b in narrow}
    spare = [r for r in requested if r not in sug.scopes and r not in wide]
    return LeastPrivilege(
        base.paths, base.files, base.suggested, evidence,
        add=tuple(s for s in sug.scopes if s not in requested and s not in narrowed_to),
        drop=tuple(r for r in spare if catalog.routes_of(r)),
        narrow=narrow,
        unjudged=tuple(r for r in spare if not catalog.routes_of(r)),
        ungated=base.ungated,
    )


def _narrowings(needs, requested: list[str]) -> tuple[tuple[str, str], ...]:
    """(requested, suggested) where a requested scope the code does not need as such opens every
    call that the narrower suggested scope is needed for."""
    chosen = {n.scope for n in needs}
    out = []
    for need in needs:
        if need.scope in requested:
            continue
        for wide in requested:
            if wide not in chosen and all(wide in route.scopes for _c, route in need.calls):
                out.append((wide, need.scope))
                break
    return tuple(out)


def _call(call: ApiCall) -> Call:
    return Call(call.method, call.path, f"{call.loc.path}:{call.loc.line}")
