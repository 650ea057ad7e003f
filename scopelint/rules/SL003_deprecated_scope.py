"""Flag retired scopes and variant spellings, naming the replacement.

``studio.spaces``, ``studio.packages`` and ``studio.widgets`` were retired in favour of
``studio``; ``transformation-center.*`` scopes have no replacement; doc shorthands such as
``audit.log`` and hyphen spellings such as ``integration.data-pools:data-push`` are not the
scope strings the catalog uses.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..catalog import DEPRECATED
from ..findings import Finding
from ..project import Project
from ._fixes import fix as make_fix
from ._fixes import replace

CODE = "SL003"
NAME = "deprecated-scope"
LEVEL = "warning"
PRECISION = "very-high"
SECURITY_SEVERITY = "3.5"
CATEGORY = "correctness"
CWE = ""
REJECTS = False
SECRET = False


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    cat = project.catalog
    for ref, client in project.scope_refs():
        entry = cat.retired.get(ref.name) or cat.retired.get(ref.name.lower())
        scope = cat.scopes.get(ref.name)
        if entry is not None:
            what = "a variant spelling" if entry.status == "variant" else "retired"
            replacement, note = entry.replacement, entry.note
            safety = "safe" if entry.status == "variant" else "unsafe"  # a retired name's access is not known
        elif scope is not None and scope.status == DEPRECATED:
            what, replacement, note = scope.status, scope.replacement, ""
            safety = "safe" if _same_access(cat, ref.name, replacement) else "unsafe"
        else:
            continue
        message = f"scope {ref.name!r} is {what}"
        message += f"; use {replacement!r}" if replacement else "; remove it (no replacement in the catalog)"
        if note:
            message += f" ({note.rstrip('.')})"
        fix = make_fix(replace(project, ref.loc, ref.name, replacement), f"replace {ref.name!r} with {replacement!r}",
                       safety) if replacement else None
        yield Finding(ref.loc, CODE, message, client=client, scope=ref.name,
                      hint=f"use {replacement!r}" if replacement else "remove it", fix=fix)


def _same_access(cat, name: str, replacement: str | None) -> bool:
    """Whether the catalog gives ``replacement`` the same access, service and risk as ``name``."""
    old, new = cat.scopes.get(name), cat.scopes.get(replacement or "")
    return (old is not None and new is not None
            and (old.access, old.service, old.risk) == (new.access, new.service, new.risk))
