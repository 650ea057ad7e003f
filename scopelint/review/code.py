"""``--code PATH``: the code under the paths belongs to the reviewed client, whatever its ``code``
globs say (``linter.run`` links it so, with a ``project.CodeLink``); its least-privilege scope set
comes from ``suggest.least_privilege``."""
from __future__ import annotations

from collections.abc import Sequence

from ..catalog import Catalog
from ..model import ApiCall, CodeGroup
from ..suggest import least_privilege
from .model import Call, LeastPrivilege


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
