"""The growth check: scopelint's full scan on generated trees of several sizes and on an empty tree,
alternating between them, and what a file costs at each size.

Three figures per size, because a run has a fixed part (the interpreter, imports, configuration,
worker processes) that a time per file shares out over however many files there are:

- time per file: the run's time divided by its files, fixed part included;
- beyond the empty tree: the run's time less the empty tree's, divided by its files;
- added per file: the time from the next smaller size to this one, divided by the files added
  (from the second size on).

Growth is linear when the time added per file stays the same from size to size. The time per file
falls as the fixed part is spread thinner; the time beyond the empty tree still carries what only
a large tree costs, once (the worker processes: the empty tree is read without them)."""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import bench_tools as tools
from bench_measure import Sample, measure

EMPTY = 0  # the size of the empty tree, the zero point
SPREAD = 0.20  # the largest time per file may be at most this much above the smallest


def sizes(text: str) -> list[int]:
    """``--scale 10000,50000,100000``: at least two distinct sizes, in increasing order."""
    try:
        got = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes such as 10000,50000,100000, not {text!r}") from None
    if len(got) < 2 or got[0] < 1:
        raise argparse.ArgumentTypeError(f"expected at least two different sizes of 1 file or more, not {text!r}")
    return got


def collect(args: argparse.Namespace, work: Path, corpora: dict[int, tuple[Path, dict]], command: str) -> dict:
    """Time the full scan ``args.repeat`` times on every corpus and on an empty tree, alternating."""
    empty = work / "empty"
    empty.mkdir()
    trees = {EMPTY: empty, **{n: path for n, (path, _) in corpora.items()}}
    env = tools.scopelint_env()
    samples: dict[int, list[Sample]] = {n: [] for n in trees}
    for rep in range(-args.warmup, args.repeat):
        for n, tree in trees.items():
            sample = measure(tools.scopelint_cmd([str(tree)], jobs=args.jobs), None, env, work / "scan.out", work / "scan.err")
            if sample.code != 0:
                message = (work / "scan.err").read_text(encoding="utf-8", errors="replace").strip().splitlines()
                raise ValueError(f"scopelint failed on {tree} (exit {sample.code}): {message[-1] if message else 'no message'}")
            label = "warm-up" if rep < 0 else f"{rep + 1}/{args.repeat}"
            print(f"  {label} {n:,} files: {sample.wall:.3f} s", file=sys.stderr)
            if rep >= 0:
                samples[n].append(sample)
    rows = [_row(n, corpora[n][1]["bytes"] if n else 0, samples[n]) for n in trees]
    return {"scale": figures(rows), "repeat": args.repeat, "jobs": args.jobs, "command": command}


def _row(files: int, size: int, got: list[Sample]) -> dict:
    return {"files": files, "bytes": size, "samples": [s.__dict__ for s in got],
            **{k: statistics.median(getattr(s, k) for s in got) for k in ("wall", "cpu", "rss_mb")}}


def figures(rows: list[dict]) -> dict:
    """Per-file figures of every size (the empty tree first), and whether the spread is within ``SPREAD``."""
    zero, sized = rows[0], rows[1:]
    previous = None
    for row in sized:
        for k in ("wall", "cpu"):
            row[f"{k}_per_file"] = row[k] / row["files"]
            row[f"{k}_beyond_empty"] = (row[k] - zero[k]) / row["files"]
            row[f"{k}_added"] = None if previous is None else (row[k] - previous[k]) / (row["files"] - previous["files"])
        previous = row
    spread = {f"{k}_{what}": _spread([row[f"{k}_{what}"] for row in sized if row[f"{k}_{what}"] is not None])
              for what in ("per_file", "beyond_empty", "added") for k in ("wall", "cpu")}
    return {"empty": zero, "sizes": sized, "spread": spread, "peak_memory_mb": sized[-1]["rss_mb"]}


def _spread(values: list[float]) -> float | None:
    """How far the largest value is above the smallest, as a fraction of the smallest; ``None``
    with fewer than two values, or a value at or below zero (noise larger than the difference)."""
    if len(values) < 2 or min(values) <= 0:
        return None
    return max(values) / min(values) - 1


def render(result: dict) -> str:
    got = result["scale"]
    zero = got["empty"]
    repeat = result["repeat"]
    head = (f"Growth of the full scan: {repeat} alternating repetition{'' if repeat == 1 else 's'}, medians; "
            f"the empty tree takes {zero['wall']:.3f} s wall and {zero['cpu']:.3f} s CPU.")
    columns = ("files", "MB", "wall (s)", "CPU (s)", "peak memory (MB)", "wall per file (ms)", "CPU per file (ms)",
               "wall beyond the empty tree, per file (ms)", "CPU beyond the empty tree, per file (ms)",
               "wall added per file (ms)", "CPU added per file (ms)")
    out = [head, "", "| " + " | ".join(columns) + " |",
           "|" + "--:|" * len(columns)]
    for row in got["sizes"]:
        cells = [f"{row['files']:,}", f"{row['bytes'] / 1e6:,.1f}", f"{row['wall']:.3f}", f"{row['cpu']:.3f}",
                 f"{row['rss_mb']:.1f}", *("–" if row[k] is None else f"{row[k] * 1e3:.4f}" for k in (
                     "wall_per_file", "cpu_per_file", "wall_beyond_empty", "cpu_beyond_empty", "wall_added", "cpu_added"))]
        out.append("| " + " | ".join(cells) + " |")
    spread = got["spread"]
    out += ["", "| figure | spread over the sizes | target | met |", "|---|--:|---|---|"]
    for key, label in (("per_file", "time per file"), ("beyond_empty", "time beyond the empty tree, per file"),
                       ("added", "time added per file")):
        for k in ("wall", "cpu"):
            value = spread[f"{k}_{key}"]
            shown = "–" if value is None else f"{value:.0%}"
            met = "–" if value is None else "yes" if value <= SPREAD else "**no**"
            out.append(f"| {label} ({'CPU' if k == 'cpu' else k}) | {shown} | ≤ {SPREAD:.0%} | {met} |")
    memory = got["peak_memory_mb"]
    out.append(f"| peak memory at {got['sizes'][-1]['files']:,} files | {memory:.1f} MB | < 150 MB | "
               f"{'yes' if memory < 150 else '**no**'} |")
    out += ["", f"Reproduce: `{result['command']}`"]
    return "\n".join(out) + "\n"
