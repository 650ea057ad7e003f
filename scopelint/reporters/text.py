"""``path:line:col: CODE [level] message``, grouped by file, with the source line and a caret
when colour is on (a terminal), and a summary line."""
from __future__ import annotations

from itertools import groupby

from ..findings import SAFETIES
from ..output import printable
from . import Context, summary_counts

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "note": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def render(result, ctx: Context) -> str:
    out: list[str] = []
    for path, group in groupby(result.findings, key=lambda f: f.loc.path):
        items = list(group)
        if ctx.color:
            out.append(f"{_BOLD}{printable(path)}{_RESET}")
        for f in items:
            out.append(_line(f, ctx))
            if f.hint and not ctx.quiet:
                out.append(f"    {'' if not ctx.color else _DIM}help: {printable(f.hint)}{_RESET if ctx.color else ''}")
        if ctx.color:
            out.append("")
    out.append(_summary(result))
    fixes = _fix_summary(result, ctx)
    if fixes:
        out.append(fixes)
    return "\n".join(out) + "\n"


def _fixable(f, ctx: Context) -> bool:
    return f.fix is not None and f.fix.safety in ctx.fix_safeties


def _line(f, ctx: Context) -> str:
    level = f"[*] [{f.level}]" if _fixable(f, ctx) else f"[{f.level}]"
    if ctx.color:
        level = f"{_COLORS.get(f.level, '')}{level}{_RESET}"
        text = f"  {f.loc.line}:{f.loc.col}: {_BOLD}{f.code}{_RESET} {level} {printable(f.message)}"
        if f.snippet and not ctx.quiet:
            width = max(1, (f.loc.end_col - f.loc.col) if f.loc.end_col and f.loc.end_line in (None, f.loc.line) else 1)
            from ..rules import SECRET_CODES  # here, not above: a run with nothing to show loads no rule

            if f.code in SECRET_CODES:
                width = 1  # the masked value is shown shorter than it is; a caret as long would tell its length
            caret = " " * ((f.snippet_col or f.loc.col) - 1) + "^" * min(width, 80)
            text += f"\n    {printable(f.snippet)}\n    {_COLORS.get(f.level, '')}{caret}{_RESET}"
        return text
    return f"{printable(f.loc.path)}:{f.loc.line}:{f.loc.col}: {f.code} {level} {printable(f.message)}"


def _summary(result) -> str:
    c = summary_counts(result.findings)
    n = len(result.findings)
    files = f"{result.files} file{'s' if result.files != 1 else ''}"
    excluded = len(result.excluded)
    skipped = (f", {excluded} folder{'s' if excluded != 1 else ''} passed over by default excludes "
               f"({_kinds(result.excluded)}; listed in --format json)" if excluded else "")
    return (f"{n} finding{'s' if n != 1 else ''} ({c['error']} errors, {c['warning']} warnings, "
            f"{c['note']} notes), {len(result.suppressed)} suppressed, {files} scanned{skipped}")


def _fix_summary(result, ctx: Context) -> str:
    """``[*] N fixable with --fix`` (and how many more ``--unsafe-fixes`` would repair), or nothing."""
    counts = {safety: sum(1 for f in result.findings if f.fix is not None and f.fix.safety == safety)
              for safety in SAFETIES}
    now = sum(counts[s] for s in ctx.fix_safeties)
    hidden = sum(counts[s] for s in SAFETIES if s not in ctx.fix_safeties)
    if not now and not hidden:
        return ""
    if not now:  # nothing is marked: say what --unsafe-fixes would repair
        return f"{hidden} fixable with --fix --unsafe-fixes"
    flag = "--fix --unsafe-fixes" if "unsafe" in ctx.fix_safeties else "--fix"
    return f"[*] {now} fixable with {flag}" + (f" ({hidden} more with --unsafe-fixes)" if hidden else "")


def _kinds(excluded) -> str:
    counts: dict[str, int] = {}
    for _, reason in excluded:
        counts[reason] = counts.get(reason, 0) + 1
    return ", ".join(f"{n} {reason}" for reason, n in sorted(counts.items()))
