"""The benchmark harness cannot rot: the corpus generator is deterministic and plants what its
manifest says, and the runner prints its table on a tiny corpus. Nothing here is timed."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
MANIFEST = ".benchmark-manifest.json"
NUMBER = r"\d[\d,]*\.\d+"


def generate(out: Path, seed: int = 42, size: str = "tiny") -> None:
    cmd = [sys.executable, str(BENCH / "generate.py"), "--size", size, "--out", str(out), "--seed", str(seed)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def digests(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_gives_a_byte_identical_tree(tmp_path):
    generate(tmp_path / "a")
    generate(tmp_path / "b")
    first, second = digests(tmp_path / "a"), digests(tmp_path / "b")
    assert first == second
    assert len(first) == 52  # 50 files, the manifest and .semgrepignore


def test_another_seed_gives_another_tree(tmp_path):
    generate(tmp_path / "a", seed=42)
    generate(tmp_path / "b", seed=43)
    assert digests(tmp_path / "a") != digests(tmp_path / "b")


def test_manifest_counts_match_the_tree(tmp_path):
    generate(tmp_path)
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    planted = manifest["planted"]
    assert (manifest["files"], planted["files"], planted["token_requests"], planted["clients"]) == (50, 11, 9, 1)
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p.name not in (MANIFEST, ".semgrepignore")]
    assert len(files) == 50
    assert manifest["bytes"] == sum(p.stat().st_size for p in files)
    for rel, what in planted["by_path"].items():
        text = (tmp_path / rel).read_text(encoding="utf-8")
        assert "celonis.cloud" in text or "oauth_clients:" in text, rel
        sdk = what["form"] in ("pycelonis", "notebook-pycelonis")  # the SDK builds the token URL itself
        assert text.count("/oauth2/token") == (0 if sdk else what["token_requests"]), rel
    assert sum(w["secrets"] for w in planted["by_path"].values()) == planted["secrets"]


def test_ordinary_files_never_mention_celonis(tmp_path):
    generate(tmp_path)
    planted = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))["planted"]["by_path"]
    for path in tmp_path.rglob("*"):
        rel = path.relative_to(tmp_path).as_posix()
        if path.is_file() and rel not in planted and rel != MANIFEST:
            assert b"celonis" not in path.read_bytes().lower(), rel


def test_large_and_binary_files_straddle_the_cap(tmp_path):
    generate(tmp_path)
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    cap = manifest["large_files"]["default_cap"]
    sizes = sorted(p.stat().st_size for p in tmp_path.rglob("*") if p.is_file() and p.stat().st_size > 1_000_000)
    assert len(sizes) == 2 and sizes[0] < cap < sizes[1]
    magic = [p for p in tmp_path.rglob("*") if p.is_file() and p.read_bytes()[:4] in (b"\x89PNG", b"\x7fELF")]
    assert len(magic) == manifest["binary_files"] > 0


def test_generator_refuses_a_folder_that_is_not_a_corpus(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    cmd = [sys.executable, str(BENCH / "generate.py"), "--size", "tiny", "--out", str(tmp_path)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "refusing to overwrite" in done.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me\n"


def test_runner_prints_the_table_on_a_tiny_corpus(tmp_path):
    cmd = [sys.executable, str(BENCH / "run.py"), "--size", "tiny", "--repeat", "1", "--skip-semgrep",
           "--corpus", str(tmp_path / "corpus"), "--json", str(tmp_path / "figures.json")]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    table = done.stdout
    for what in (r"full scan \(`check --format json`\)", "pre-commit: `check` on a 5-file repository",
                 r"one file: `check etl/push\.py`", r"full scan, half-size corpus \(doubling check\)"):
        assert re.search(rf"^\| scopelint \| {what} \| {NUMBER} \| {NUMBER} \| {NUMBER} \| 1 \|$", table, re.M), what
    assert re.search(rf"^\| python \| interpreter start and exit: `python -c pass` \| {NUMBER} \| {NUMBER} \| {NUMBER} \| 1 \|$",
                     table, re.M)
    timed_rg = rf"^\| ripgrep \| [^|]+ \| {NUMBER} \| {NUMBER} \| {NUMBER} \| 1 \|$"
    assert re.search(timed_rg, table, re.M) or re.search(r"^\| ripgrep \| [^|]+ \| not installed \| \| \| \|$", table, re.M)
    assert re.search(r"^\| semgrep \| [^|]+ \| skipped \(--skip-semgrep\) \| \| \| \|$", table, re.M)
    assert re.search(r"^\| Celonis token requests \| 9 \| \d+ \| – \|$", table, re.M)
    assert re.search(r"^\| pre-commit run, start to exit \(wall\) \| [\d.]+ s \| < 0.25 s \| (yes|\*\*no\*\*) \|$", table, re.M)
    assert re.search(r"^\| one-file check, start to exit \(wall\) \| [\d.]+ s \| ≤ 0.1 s \| (yes|\*\*no\*\*) \|$", table, re.M)
    assert re.search(r"^\| one-file check ÷ the interpreter's start and exit \(wall\) \| [\d.]+× \| ≤ 10× "
                     r"\| (yes|\*\*no\*\*) \|$", table, re.M)
    phase_row = rf"^\| scopelint \| {NUMBER}( \| {NUMBER}){{5}} \| ({NUMBER}|not installed) \|$"
    assert "| full scan phase (median, s) | start-up | walk | read+extract | rules | output | total | ripgrep `-l` |" in table
    assert re.search(phase_row, table, re.M), table
    figures = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    phases = figures["phases"]
    assert list(phases) == ["start-up", "walk", "read+extract", "rules", "output", "total"]
    assert all(value >= 0 for value in phases.values())
    assert sum(phases[k] for k in list(phases)[:-1]) <= phases["total"] + 0.05  # parts of the whole, not more
    assert figures["planted"]["token_requests"] == 9
    assert figures["corpus"]["files"] == 50 and figures["half_corpus"]["files"] == 25
    assert [r["key"] for r in figures["rows"]] == ["scopelint_full", "scopelint_precommit", "scopelint_onefile",
                                                    "interpreter", "scopelint_half", "ripgrep", "semgrep"]
    walls = {r["key"]: r["wall"] for r in figures["rows"] if r["status"] == "ok"}
    assert figures["figures"]["onefile_over_interpreter"] == walls["scopelint_onefile"] / walls["interpreter"]
    assert figures["figures"]["onefile_wall"] == walls["scopelint_onefile"]


def test_findings_are_identical_with_one_and_two_workers(tmp_path, monkeypatch):
    """With the threshold for worker processes lowered below the small corpus (about 1,000 files),
    --jobs 2 really reads in parallel; the JSON report must not change by a byte."""
    from click.testing import CliRunner

    from scopelint import parallel
    from scopelint.cli import main

    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 500)
    PARALLEL_MIN_FILES = parallel.PARALLEL_MIN_FILES

    generate(tmp_path / "corpus", size="small")
    assert sum(1 for p in (tmp_path / "corpus").rglob("*") if p.is_file()) > PARALLEL_MIN_FILES
    monkeypatch.chdir(tmp_path)
    reports = [CliRunner().invoke(main, ["check", "corpus", "--format", "json", "--jobs", jobs]) for jobs in ("1", "2")]
    assert [r.exit_code for r in reports] == [1, 1]
    assert reports[0].output == reports[1].output
    found = json.loads(reports[0].output)
    codes = {f["code"] for f in found["findings"]}
    assert {"SL002", "SL005", "SL012"} <= codes, codes  # planted mistakes are found, not just matched
    assert found["summary"]["files"] > PARALLEL_MIN_FILES


def _bench_module(name: str):
    sys.path.insert(0, str(BENCH))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(BENCH))


def test_growth_figures_separate_the_fixed_part_from_the_cost_per_file():
    """A run of 0.1 s on an empty tree and 0.04 ms per file: the time per file falls with size (the
    fixed part is shared out), the time beyond the empty tree and the time added per file do not."""
    scale = _bench_module("bench_scale")
    rows = [{"files": 0, "wall": 0.1, "cpu": 0.1, "rss_mb": 20.0}] + [
        {"files": n, "bytes": n * 9000, "wall": 0.1 + n * 4e-5, "cpu": 0.1 + n * 6e-5, "rss_mb": 80.0 + n / 1e4} for n in (10_000, 50_000, 100_000)]
    got = scale.figures(rows)
    sized = got["sizes"]
    assert [round(r["wall_per_file"] * 1e3, 4) for r in sized] == [0.05, 0.042, 0.041]
    assert [round(r["wall_beyond_empty"] * 1e3, 4) for r in sized] == [0.04] * 3
    assert sized[0]["cpu_added"] is None  # the smallest size has no smaller one to add to
    assert [round(r["cpu_added"] * 1e3, 4) for r in sized[1:]] == [0.06] * 2
    assert round(got["spread"]["wall_per_file"], 4) == round(0.05 / 0.041 - 1, 4)  # 22%: over the 20% target
    assert abs(got["spread"]["cpu_beyond_empty"]) < 1e-9 and abs(got["spread"]["wall_added"]) < 1e-9
    assert got["peak_memory_mb"] == 90.0
    table = scale.render({"scale": got, "repeat": 3, "jobs": None, "command": "python benchmarks/run.py --scale x"})
    assert "| 10,000 | 90.0 | 0.500 | 0.700 | 81.0 | 0.0500 | 0.0700 | 0.0400 | 0.0600 | – | – |" in table
    assert "| 50,000 | 450.0 | 2.100 | 3.100 | 85.0 | 0.0420 | 0.0620 | 0.0400 | 0.0600 | 0.0400 | 0.0600 |" in table
    assert "| time per file (wall) | 22% | ≤ 20% | **no** |" in table
    assert "| time beyond the empty tree, per file (CPU) | 0% | ≤ 20% | yes |" in table
    assert "| peak memory at 100,000 files | 90.0 MB | < 150 MB | yes |" in table


def test_growth_sizes_are_checked():
    import argparse

    scale = _bench_module("bench_scale")
    assert scale.sizes("50000,10000,100000") == [10_000, 50_000, 100_000]
    for bad in ("10000", "10000,10000", "0,10", "ten,twenty", ""):
        try:
            scale.sizes(bad)
        except argparse.ArgumentTypeError:
            continue
        raise AssertionError(f"{bad!r} was accepted")


def test_runner_times_growth_on_two_tiny_corpora(tmp_path):
    cmd = [sys.executable, str(BENCH / "run.py"), "--scale", "20,40", "--repeat", "1", "--warmup", "0",
           "--corpus", str(tmp_path / "corpora"), "--json", str(tmp_path / "growth.json")]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for files in ("20", "40"):
        # on trees this small the noise can exceed the difference: a time added may come out below zero
        added = r" \| –" * 2 if files == "20" else rf"( \| -?{NUMBER}){{2}}"
        assert re.search(rf"^\| {files} \| {NUMBER}( \| -?{NUMBER}){{7}}{added} \|$", done.stdout, re.M), done.stdout
    assert re.search(r"^Growth of the full scan: 1 alternating repetition, medians; the empty tree takes "
                     rf"{NUMBER} s wall and {NUMBER} s CPU\.$", done.stdout, re.M)
    assert re.search(r"^\| time added per file \(CPU\) \| (\d+% \| ≤ 20% \| (yes|\*\*no\*\*)|– \| ≤ 20% \| –) \|$",
                     done.stdout, re.M), done.stdout
    figures = json.loads((tmp_path / "growth.json").read_text(encoding="utf-8"))["scale"]
    assert figures["empty"]["files"] == 0 and [r["files"] for r in figures["sizes"]] == [20, 40]
    for row in figures["sizes"]:
        assert len(row["samples"]) == 1
        assert row["wall_per_file"] == row["wall"] / row["files"]
        assert row["wall_beyond_empty"] == (row["wall"] - figures["empty"]["wall"]) / row["files"]
    assert (tmp_path / "corpora" / "20" / MANIFEST).is_file() and (tmp_path / "corpora" / "40" / MANIFEST).is_file()
