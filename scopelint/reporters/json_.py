"""``{"version": 1, "tool", "catalog", "findings", "notes", "excluded", "summary"}``; keys sorted,
byte-stable. ``excluded``: the folders default excludes passed over (virtualenvs, dependencies,
build output, caches), so that nothing is left unread without a word."""
from __future__ import annotations

from .. import __version__
from ..output import dumps
from . import Context, summary_counts


def document(result, ctx: Context) -> dict[str, object]:
    cat = result.catalog
    findings = list(result.findings) + (list(result.suppressed) if ctx.include_suppressed else [])
    excluded = result.excluded
    return {
        "version": 1,
        "tool": {"name": "scopelint", "version": __version__},
        "catalog": {"version": cat.version, "date": cat.date, "source": cat.source,
                    "extensions": list(cat.extensions), "overrides": list(cat.overrides)},
        "findings": [f.to_dict() for f in sorted(findings)],
        "notes": [{"path": p, "message": m} for p, m in result.notes],
        "excluded": [{"path": p, "reason": r} for p, r in excluded],
        "summary": {**summary_counts(result.findings), "findings": len(result.findings),
                    "suppressed": len(result.suppressed), "files": result.files, "excluded": len(excluded)},
    }


def render(result, ctx: Context) -> str:
    return dumps(document(result, ctx))
