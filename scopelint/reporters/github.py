"""GitHub Actions workflow commands: one ``::error file=…,line=…,col=…,title=…::message`` per finding,
so findings show as annotations on the pull request, then the summary line."""
from __future__ import annotations

from . import Context, summary_counts

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def render(result, ctx: Context) -> str:
    lines = [command(f, ctx) for f in result.findings]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def summary(result) -> str:
    c, n = summary_counts(result.findings), len(result.findings)
    line = (f"scopelint: {n} finding{'s' if n != 1 else ''} ({c['error']} errors, {c['warning']} warnings, "
            f"{c['note']} notes), {len(result.suppressed)} suppressed")
    return line + (f", {result.baselined} in the baseline" if getattr(result, "baselined", 0) else "")


def command(f, ctx: Context = Context()) -> str:
    loc = f.loc
    props = [("file", loc.path), ("line", loc.line), ("col", loc.col)]
    if loc.end_col is not None:
        props += [("endLine", loc.end_line or loc.line), ("endColumn", loc.end_col)]
    props.append(("title", f"{f.code} {f.name}".strip()))
    message = f.message + (f"\nhelp: {f.hint}" if f.hint and not ctx.quiet else "")
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in props)
    return f"::{COMMANDS.get(f.level, 'warning')} {fields}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
