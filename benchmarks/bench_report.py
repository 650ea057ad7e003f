"""The runner's figures as Markdown: timings, ratios against the targets, and the count comparison."""
from __future__ import annotations

TARGETS = {  # figure -> (comparison, bound, how it is shown)
    "scopelint_over_ripgrep": ("<=", 3.0, "×"),
    "semgrep_over_scopelint": (">=", 10.0, "×"),
    "precommit_wall": ("<", 0.25, " s"),
    "onefile_wall": ("<=", 0.100, " s"),  # on a machine where the interpreter starts and exits in about 10 ms,
    "onefile_over_interpreter": ("<=", 10.0, "×"),  # hence this: the same bound on a machine of another speed
    "peak_memory_mb": ("<", 150.0, " MB"),
    "doubling": ("<=", 2.2, "×"),
}
LABELS = {
    "scopelint_over_ripgrep": "full scan ÷ ripgrep prefilter (wall)",
    "semgrep_over_scopelint": "semgrep ÷ full scan (wall)",
    "precommit_wall": "pre-commit run, start to exit (wall)",
    "onefile_wall": "one-file check, start to exit (wall)",
    "onefile_over_interpreter": "one-file check ÷ the interpreter's start and exit (wall)",
    "peak_memory_mb": "full scan peak memory",
    "doubling": "full scan on 2N files ÷ on N files (wall)",
}


def _num(value: float | None, unit: str = "", digits: int = 2) -> str:
    return "–" if value is None else f"{value:,.{digits}f}{unit}"


def timings(rows: list[dict]) -> list[str]:
    out = ["| tool | what | wall (s) | CPU (s) | peak memory (MB) | runs |", "|---|---|--:|--:|--:|--:|"]
    for r in rows:
        if r["status"] != "ok":
            status = r["status"].replace("|", "\\|")  # a message must not split the table's cells
            out.append(f"| {r['tool']} | {r['what']} | {status} | | | |")
            continue
        out.append(f"| {r['tool']} | {r['what']} | {_num(r['wall'], digits=3)} | {_num(r['cpu'], digits=3)} "
                   f"| {_num(r['rss_mb'], digits=1)} | {len(r['samples'])} |")
    return out


def ratios(figures: dict[str, float | None]) -> list[str]:
    out = ["| figure | value | target | met |", "|---|--:|---|---|"]
    for key, (op, bound, unit) in TARGETS.items():
        value = figures.get(key)
        digits = {" MB": 1, " s": 3}.get(unit, 2)
        met = "–" if value is None else "yes" if _holds(value, op, bound) else "**no**"
        out.append(f"| {LABELS[key]} | {_num(value, unit, digits)} | {op.replace('<=', '≤').replace('>=', '≥')} "
                   f"{bound:g}{unit} | {met} |")
    return out


def _holds(value: float, op: str, bound: float) -> bool:
    return {"<=": value <= bound, ">=": value >= bound, "<": value < bound}[op]


def counts(planted: dict, scopelint: dict | str | None, semgrep: dict | str | None) -> list[str]:
    out = ["| found on the corpus | planted | scopelint | semgrep |", "|---|--:|--:|--:|"]
    for key, label in (("token_requests", "Celonis token requests"), ("secrets", "hard-coded secrets")):
        cells = [_cell(planted, key), _cell(scopelint, key), _cell(semgrep, key)]
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return out


def _cell(source: dict | str | None, key: str) -> str:
    if source is None:
        return "–"
    if isinstance(source, str):
        return source
    value = source.get(key)
    return "–" if value is None else str(value)


def phases(result: dict) -> list[str]:
    """The full scan's phases next to its total, and ripgrep's time on the same tree and patterns."""
    got = result.get("phases")
    if not got:
        return ["Phases of the full scan: not recorded (this scopelint does not write them)."]
    rg = next((r for r in result["rows"] if r["key"] == "ripgrep"), {})
    rg_wall = rg.get("wall") if rg.get("status") == "ok" else None
    names = ("start-up", "walk", "read+extract", "rules", "output", "total")
    out = ["| full scan phase (median, s) | " + " | ".join(names) + " | ripgrep `-l` |",
           "|---|" + "--:|" * (len(names) + 1),
           "| scopelint | " + " | ".join(_num(got[n], digits=3) for n in names)
           + f" | {_num(rg_wall, digits=3) if rg_wall else rg.get('status', '–')} |"]
    if rg_wall:
        out.append("| ÷ ripgrep | " + " | ".join(_num(got[n] / rg_wall, '×') for n in names) + " | 1.00× |")
    return out


def render(result: dict) -> str:
    corpus = result["corpus"]
    head = [f"Corpus: {corpus['path']} ({corpus['files']:,} files, {corpus['bytes'] / 1e6:,.1f} MB); "
            f"{result['repeat']} alternating repetitions, medians; {result['cpus']} CPUs.", ""]
    tail = ["", f"ripgrep searches for {len(result['markers'])} marker strings ({result['markers_source']}).",
            f"Reproduce: `{result['command']}`"]
    notes = [f"Note: {n}" for n in result.get("notes", [])]
    return "\n".join(head + timings(result["rows"]) + [""] + phases(result) + [""] + ratios(result["figures"]) + [""]
                     + counts(result["planted"], result["scopelint_counts"], result["semgrep_counts"]) + tail + notes) + "\n"
