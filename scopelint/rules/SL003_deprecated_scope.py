"""Flag retired scopes and variant spellings, naming the replacement.

``studio.spaces``, ``studio.packages`` and ``studio.widgets`` were retired in favour of
``studio``; ``transformation-center.*`` scopes have no replacement; doc shorthands such as
``audit.log`` and hyphen spellings such as ``integration.data-pools:data-push`` are not the
scope strings the catalog uses.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..catalog import DEPRECATED
from ..findings import Finding, Fix
from ..project import Project

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
        elif scope is not None and scope.status == DEPRECATED:
            what, replacement, note = scope.status, scope.replacement, ""
        else:
            continue
        message = f"scope {ref.name!r} is {what}"
        message += f"; use {replacement!r}" if replacement else "; remove it (no replacement in the catalog)"
        if note:
            message += f" ({note.rstrip('.')})"
        fix = Fix(ref.loc, replacement, f"replace {ref.name!r} with {replacement!r}") if replacement and ref.loc.end_col else None
        yield Finding(ref.loc, CODE, message, client=client, scope=ref.name,
                      hint=f"use {replacement!r}" if replacement else "remove it", fix=fix)
