"""``{"version": 1, "tool", "catalog", "findings", "notes", "summary"}``; keys sorted, byte-stable."""
from __future__ import annotations

from .. import __version__
from ..output import dumps
from . import Context, summary_counts


def document(result, ctx: Context) -> dict[str, object]:
    cat = result.catalog
    findings = list(result.findings) + (list(result.suppressed) if ctx.include_suppressed else [])
    return {
        "version": 1,
        "tool": {"name": "scopelint", "version": __version__},
        "catalog": {"version": cat.version, "date": cat.date, "source": cat.source,
                    "extensions": list(cat.extensions), "overrides": list(cat.overrides)},
        "findings": [f.to_dict() for f in sorted(findings)],
        "notes": [{"path": p, "message": m} for p, m in result.notes],
        "summary": {**summary_counts(result.findings), "findings": len(result.findings),
                    "suppressed": len(result.suppressed), "files": result.files},
    }


def render(result, ctx: Context) -> str:
    return dumps(document(result, ctx))
