"""Benchmark scopelint against ripgrep (the floor) and semgrep (the peer) on a synthetic monorepo.

    python benchmarks/run.py --size small [--corpus DIR] [--repeat 5] [--skip-semgrep] [--json OUT]
    python benchmarks/run.py --scale 10000,50000,100000 [--corpus DIR] [--repeat 5] [--json OUT]

Generates the corpus (or reuses one generated earlier with the same size and seed), then times, in
one run and alternating between tools: scopelint's full scan, scopelint on a 5-file repository
(the pre-commit case), scopelint on one file of it, the interpreter starting and exiting (the floor
of the last two), scopelint on a corpus half the size (the doubling check), ripgrep searching for
scopelint's literal prefilter, and semgrep with benchmarks/rules/semgrep.yaml. Prints medians,
the ratios against the targets, and how many token requests and secrets each tool finds.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_report  # noqa: E402
import bench_scale  # noqa: E402
import bench_tools as tools  # noqa: E402
import generate  # noqa: E402
from bench_measure import Sample, measure  # noqa: E402

PRECOMMIT_REPO = {
    "oauth-clients.yaml": "oauth_clients:\n  - name: nightly-push\n    scopes:\n      - integration.data-pools:data_push\n"
                          "    permissions:\n      - service: Data Integration\n        template: manage\n    code: [\"etl/**\"]\n",
    "etl/push.py": 'import os\n\nimport requests\n\nBASE = "https://acme.eu-1.celonis.cloud"\n\n\ndef token() -> str:\n'
                   '    return requests.post(\n        f"{BASE}/oauth2/token",\n'
                   '        data={"grant_type": "client_credentials", "scope": "integration.data-pools:data_push"},\n'
                   '        auth=(os.environ["CELONIS_CLIENT_ID"], os.environ["CELONIS_CLIENT_SECRET"]),\n'
                   '        timeout=30,\n    ).json()["access_token"]\n\n\ndef push(pool: str, tok: str) -> None:\n'
                   '    requests.post(f"{BASE}/integration/api/v1/data-push/{pool}/jobs/",\n'
                   '                  headers={"Authorization": f"Bearer {tok}"}, timeout=30)\n',
    ".env.example": "CELONIS_URL=https://acme.eu-1.celonis.cloud\nCELONIS_CLIENT_ID=\nCELONIS_CLIENT_SECRET=\n",
    "README.md": "# nightly push\n\nPushes the nightly extract. Run `python -m etl.push`.\n",
    "web/status.js": 'export function status(res) {\n  return res.ok ? "up" : "down";\n}\n',
}

ONE_FILE = "etl/push.py"  # the one-file check: a small file with a Celonis token request and an API call


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return int(text)


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--size", default="small", help="tiny, small, large or a number of files (default: small)")
    p.add_argument("--corpus", type=Path, help="corpus folder to generate into or reuse (default: under the temp dir)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--repeat", type=_count, default=5, help="timed repetitions per tool (default: 5)")
    p.add_argument("--semgrep-repeat", type=_count, help="repetitions for semgrep alone (default: --repeat)")
    p.add_argument("--warmup", type=int, default=1, help="untimed runs of the fast tools first (default: 1)")
    p.add_argument("--jobs", type=_count, help="pass --jobs N to scopelint (default: scopelint's own default)")
    p.add_argument("--skip-semgrep", action="store_true", help="do not run semgrep")
    p.add_argument("--no-doubling", action="store_true", help="skip the half-size corpus")
    p.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    p.add_argument("--scale", type=bench_scale.sizes, metavar="N,N,...",
                   help="the growth check: time the full scan alone on corpora of these sizes and on an empty tree")
    return p.parse_args(argv)


def corpus_for(folder: Path, files: int, seed: int, label: str) -> dict | None:
    """Reuse a corpus generated with the same settings, else generate it; ``None`` for a folder
    that is not a generated corpus (it is benchmarked as it is, with nothing planted to compare)."""
    manifest = folder / generate.MANIFEST
    if manifest.is_file():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        if (data.get("generator"), data.get("seed"), data.get("files")) == (generate.VERSION, seed, files):
            return data
    elif folder.is_dir() and any(folder.iterdir()):
        return None
    generate.prepare(folder)
    print(f"generating {files:,} files into {folder}", file=sys.stderr)
    return generate.generate(folder, files, seed, label)


def tasks(args: argparse.Namespace, corpus: Path, half: Path | None, repo: Path, words: list[str]) -> list[tools.Task]:
    env = tools.scopelint_env()
    out = [
        tools.Task("scopelint_full", "scopelint", "full scan (`check --format json`)",
                   tools.scopelint_cmd([str(corpus)], jobs=args.jobs), ok_codes=(0,),
                   env={**env, PHASES_ENV: str(args.phases_file)}),
        tools.Task("scopelint_precommit", "scopelint", "pre-commit: `check` on a 5-file repository",
                   tools.scopelint_cmd([], fmt="text", jobs=args.jobs), cwd=repo, ok_codes=(0,), env=env),
        tools.Task("scopelint_onefile", "scopelint", f"one file: `check {ONE_FILE}`",
                   tools.scopelint_cmd([ONE_FILE], fmt="text", jobs=args.jobs), cwd=repo, ok_codes=(0,), env=env),
        tools.Task("interpreter", "python", "interpreter start and exit: `python -c pass`", tools.interpreter_cmd(),
                   cwd=repo, ok_codes=(0,), env=env),
    ]
    if half is not None:
        out.append(tools.Task("scopelint_half", "scopelint", "full scan, half-size corpus (doubling check)",
                              tools.scopelint_cmd([str(half)], jobs=args.jobs), ok_codes=(0,), env=env))
    out.append(tools.Task("ripgrep", "ripgrep", "literal prefilter (`rg -l -i -F`)", tools.rg_cmd(corpus, words),
                          absent="not installed"))
    sem = None if args.skip_semgrep else tools.semgrep_cmd(corpus)
    out.append(tools.Task("semgrep", "semgrep", f"`{tools.RULES.relative_to(tools.ROOT)}`", sem,
                          absent="skipped (--skip-semgrep)" if args.skip_semgrep else "not installed",
                          env={**os.environ, **tools.SEMGREP_ENV}))
    return out


PHASES_ENV = "SCOPELINT_PHASES"  # scopelint writes where its time went to this file (see scopelint/phases.py)
PHASES = ("start-up", "walk", "read+extract", "rules", "output")


def phases_of(path: Path, spawned: float, wall: float) -> dict[str, float] | None:
    """One run's phases in seconds, from the marks scopelint wrote: start-up (process start to the
    walk), walk (time spent producing file entries), read+extract (the rest until every file is
    read), rules (project, rules, suppressions), output (rendering, writing, exit)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        path.unlink()
        marks, walked = data["marks"], data["sums"].get("walk", 0.0)
        return {"start-up": marks["run"] - spawned, "walk": walked,
                "read+extract": marks["extracted"] - marks["run"] - walked,
                "rules": marks["checked"] - marks["extracted"], "output": marks["exit"] - marks["checked"],
                "total": wall}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def timed(runs: list[tools.Task], args: argparse.Namespace, work: Path) -> tuple[dict[str, list[Sample]], dict[str, str]]:
    """Alternate between the tools ``repeat`` times; a tool that fails is not run again. The full
    scan's phases are kept in ``args.phase_samples``."""
    samples: dict[str, list[Sample]] = {t.key: [] for t in runs}
    failed: dict[str, str] = {}
    for _ in range(args.warmup):
        for t in runs:
            if t.key != "semgrep":
                print(f"  warm-up {t.key}: {_run(t, work).wall:.3f} s", file=sys.stderr)
    for i in range(args.repeat):
        for t in runs:
            if t.key in failed or (t.key == "semgrep" and i >= (args.semgrep_repeat or args.repeat)):
                continue
            args.phases_file.unlink(missing_ok=True)
            spawned = time.time()
            sample = _run(t, work)
            print(f"  {i + 1}/{args.repeat} {t.key}: {sample.wall:.3f} s", file=sys.stderr)
            if sample.code not in t.ok_codes:
                failed[t.key] = _failure(sample, work / f"{t.key}.err")
            else:
                samples[t.key].append(sample)
                if PHASES_ENV in (t.env or {}):
                    got = phases_of(args.phases_file, spawned, sample.wall)
                    if got is not None:
                        args.phase_samples.append(got)
    return samples, failed


def _run(task: tools.Task, work: Path) -> Sample:
    assert task.cmd is not None
    return measure(task.cmd, task.cwd, task.env or dict(os.environ), work / f"{task.key}.out", work / f"{task.key}.err")


def _failure(sample: Sample, err: Path) -> str:
    lines = err.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return f"failed (exit {sample.code}): {lines[-1][:120] if lines else 'no message'}"


def rows(all_tasks: list[tools.Task], samples: dict[str, list[Sample]], failed: dict[str, str]) -> list[dict]:
    out = []
    for t in all_tasks:
        got = samples.get(t.key, [])
        status = t.absent if t.cmd is None else failed.get(t.key) or ("ok" if got else "no runs")
        row = {"key": t.key, "tool": t.tool, "what": t.what, "status": status, "command": t.cmd,
               "samples": [s.__dict__ for s in got]}
        if status == "ok":
            row.update({k: statistics.median(getattr(s, k) for s in got) for k in ("wall", "cpu", "rss_mb")})
        out.append(row)
    return out


def figures(by_key: dict[str, dict], corpus: dict, half: dict | None) -> dict[str, float | None]:
    def wall(key: str) -> float | None:
        row = by_key.get(key, {})
        return row.get("wall") if row.get("status") == "ok" else None

    full, rg, sem, halfw = wall("scopelint_full"), wall("ripgrep"), wall("semgrep"), wall("scopelint_half")
    one, start = wall("scopelint_onefile"), wall("interpreter")
    return {
        "scopelint_over_ripgrep": full / rg if full and rg else None,
        "semgrep_over_scopelint": sem / full if sem and full else None,
        "precommit_wall": wall("scopelint_precommit"),
        "onefile_wall": one,
        "onefile_over_interpreter": one / start if one and start else None,
        "peak_memory_mb": by_key.get("scopelint_full", {}).get("rss_mb"),
        "doubling": full / halfw if full and halfw else None,
        "doubling_bytes": corpus["bytes"] / half["bytes"] if half and half.get("bytes") else None,
    }


def write_repo(folder: Path) -> Path:
    for name, text in PRECOMMIT_REPO.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def prepare_corpora(args: argparse.Namespace) -> tuple[Path, dict | None, Path | None, dict | None]:
    files = generate.files_for(args.size)
    base = Path(tempfile.gettempdir()) / "scopelint-bench"
    corpus = args.corpus or base / f"{files}-seed{args.seed}"
    manifest = corpus_for(corpus, files, args.seed, args.size)
    if args.no_doubling or manifest is None:
        return corpus, manifest, None, None
    half = corpus.with_name(corpus.name + ".half") if args.corpus else base / f"{files // 2}-seed{args.seed}"
    return corpus, manifest, half, corpus_for(half, max(1, files // 2), args.seed, str(files // 2))


def scale_corpora(args: argparse.Namespace) -> dict[int, tuple[Path, dict]]:
    """A generated corpus of every ``--scale`` size: in ``--corpus``/<size> when given, else in the
    folders the runner uses for ``--size``."""
    base = Path(tempfile.gettempdir()) / "scopelint-bench"
    out = {}
    for files in args.scale:
        folder = args.corpus / str(files) if args.corpus else base / f"{files}-seed{args.seed}"
        manifest = corpus_for(folder, files, args.seed, str(files))
        if manifest is None:
            raise ValueError(f"{str(folder)!r} holds files but is not a generated corpus")
        out[files] = (folder, manifest)
    return out


def collect(args: argparse.Namespace, work: Path, command: str) -> dict:
    corpus, manifest, half, half_manifest = prepare_corpora(args)
    args.phases_file, args.phase_samples = work / "phases.json", []
    words, source = tools.markers()
    all_tasks = tasks(args, corpus, half, write_repo(work / "repo"), words)
    samples, failed = timed([t for t in all_tasks if t.cmd], args, work)
    table = rows(all_tasks, samples, failed)
    by_key = {r["key"]: r for r in table}
    sem_ok = by_key["semgrep"]["status"] == "ok"
    info = manifest or {"files": sum(1 for p in corpus.rglob("*") if p.is_file()),
                        "bytes": sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())}
    result = {
        "corpus": {"path": str(corpus), "files": info["files"], "bytes": info["bytes"]},
        "half_corpus": {"path": str(half), **{k: half_manifest[k] for k in ("files", "bytes")}} if half_manifest else None,
        "repeat": args.repeat, "cpus": os.cpu_count(), "python": platform.python_version(),
        "markers": words, "markers_source": source, "rows": table,
        "figures": figures(by_key, info, half_manifest),
        "phases": {k: statistics.median(p[k] for p in args.phase_samples) for k in (*PHASES, "total")}
        if args.phase_samples else None,
        "planted": (manifest or {}).get("planted", {}),
        "scopelint_counts": tools.scopelint_counts(corpus),
        "semgrep_counts": (tools.semgrep_counts(work / "semgrep.out", corpus) or "unreadable output") if sem_ok else None,
        "command": command,
    }
    result["notes"] = notes(result)
    return result


def notes(result: dict) -> list[str]:
    out = []
    if not result["planted"]:
        out.append("the corpus is not a generated one: nothing planted to compare, no doubling check")
    sem = result["semgrep_counts"]
    if isinstance(sem, dict) and sem.get("errors"):
        out.append(f"semgrep reported {sem['errors']} errors, the first: {sem['first_error']!r}")
    for tool in ("scopelint", "semgrep"):
        wrong = tools.disagreements(result["planted"], result[f"{tool}_counts"])
        if wrong:
            out.append(f"{tool} differs from the plan (token requests/secrets) in {len(wrong)} files: "
                       + "; ".join(wrong[:5]) + ("; …" if len(wrong) > 5 else ""))
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    try:
        generate.files_for(args.size)
    except ValueError as exc:
        print(f"run.py: error: {exc}", file=sys.stderr)
        return 2
    command = " ".join(["python benchmarks/run.py", *(sys.argv[1:] if argv is None else argv)])
    with tempfile.TemporaryDirectory(prefix="scopelint-bench-run-") as tmp:
        try:
            if args.scale:
                result = bench_scale.collect(args, Path(tmp), scale_corpora(args), command)
            else:
                result = collect(args, Path(tmp), command)
        except (OSError, ValueError) as exc:
            print(f"run.py: error: {exc}", file=sys.stderr)
            return 2
    print(bench_scale.render(result) if args.scale else bench_report.render(result), end="")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
