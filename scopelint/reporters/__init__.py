"""Reporters: ``render(result, ctx) -> str``, one module per format, looked up by name."""
from __future__ import annotations

import importlib

from ..records import record

FORMATS = {"text": "text", "json": "json_", "sarif": "sarif", "github": "github"}


@record
class Context:
    """How a report is rendered: colour, quiet, suppressed findings and the fixes to mark."""

    color: bool = False
    quiet: bool = False
    include_suppressed: bool = False
    fix_safeties: tuple[str, ...] = ("safe",)  # the fixes --fix would apply: marked [*] in text


def render(fmt: str, result, ctx: Context) -> str:
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    return module.render(result, ctx)


def summary_counts(findings) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "note": 0}
    for f in findings:
        counts[f.level] = counts.get(f.level, 0) + 1
    return counts
