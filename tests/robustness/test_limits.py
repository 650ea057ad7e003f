"""Limits as configuration: ``max-file-size``, ``max-depth`` and ``file-timeout`` are honoured, each
gives a note naming the file when hit, and the run goes on with the other files."""
from __future__ import annotations

import json
import multiprocessing
import re
import signal
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from scopelint import limits, linter, parallel
from scopelint.cli import main
from scopelint.config import DEFAULT_MAX_FILE_SIZE, Config
from scopelint.extractors.documents import definitions
from scopelint.extractors.python import code as python
from scopelint.linter import run

BAD = "oauth_clients:\n  - name: beside\n    scopes: [integration.datapools]\n"
README = Path(__file__).resolve().parents[2] / "README.md"


def lint(tmp_path, monkeypatch, files: dict[str, str], config: Config = Config()):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return run(["."], config)


def triples(result) -> list[tuple[str, int, int, str]]:
    return [(f.loc.path, f.loc.line, f.loc.col, f.code) for f in result.findings]


def nested_yaml(depth: int) -> str:
    return "oauth_clients: " + "[" * depth + "]" * depth + "\n"


# --- max-file-size ----------------------------------------------------------------------------


def test_max_file_size_fails_a_client_file_closed_and_skips_others_with_a_note(tmp_path, monkeypatch):
    big = BAD + "# " + "x" * 200 + "\n"
    other = "a: " + "x" * 300 + "  # scopelint: ignore[SL001] x\n"
    result = lint(tmp_path, monkeypatch, {"big/clients.yaml": big, "big/other.yaml": other, "ok/clients.yaml": BAD},
                  Config(max_file_size=200))
    assert result.notes == [("big/other.yaml", f"skipped: {len(other):,} bytes is over the size limit of 200 bytes (max-file-size)")]
    assert [(f.loc.path, f.loc.line, f.loc.col, f.code, f.message) for f in result.findings] == [
        ("big/clients.yaml", 1, 1, "SL000", f"client definition file not linted: {len(big):,} bytes is over the size "
                                            "limit of 200 bytes (max-file-size)"),
        ("ok/clients.yaml", 3, 14, "SL001", result.findings[1].message)]
    assert result.findings[1].message.startswith("unknown scope 'integration.datapools'")


def _notebook(outputs: int) -> str:
    """A notebook whose code holds a literal client secret, beside ``outputs`` bytes of a plot's output."""
    plot = {"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo" + "A" * outputs}, "metadata": {}}
    cells = [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [plot], "source": ["plot()\n"]},
             {"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [],
              "source": ['CLIENT_SECRET = "q8Jf2LmZx7Vt9RkPw3NsBy6Hc"\n']}]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def test_a_notebook_may_hold_outputs_past_the_size_limit(tmp_path, monkeypatch):
    # a notebook's plots are data beside its code: it is read up to eight times max-file-size, past that
    # it is passed over with the note any file gets; code of the same size is passed over at the limit
    files = {"plots.ipynb": _notebook(30_000), "huge.ipynb": _notebook(90_000), "big.py": "x = 1\n# " + "y" * 30_000 + "\n"}
    result = lint(tmp_path, monkeypatch, files, Config(max_file_size=10_000))
    assert [(f.loc.path, f.code) for f in result.findings] == [("plots.ipynb", "SL012")]
    huge = len(files["huge.ipynb"].encode())
    assert result.notes == [
        ("big.py", f"skipped: {len(files['big.py']):,} bytes is over the size limit of 10,000 bytes (max-file-size)"),
        ("huge.ipynb", f"skipped: {huge:,} bytes is over the size limit of 80,000 bytes (max-file-size)")]


def test_a_file_that_grows_after_discovery_is_still_capped(tmp_path, monkeypatch):
    real_walk = linter.walk

    def walk_then_grow(*args, **kwargs):
        items = list(real_walk(*args, **kwargs))
        with open(tmp_path / "grows" / "clients.yaml", "a", encoding="utf-8") as fh:
            fh.write("#" * 500 + "\n")
        yield from items

    monkeypatch.setattr(linter, "walk", walk_then_grow)
    result = lint(tmp_path, monkeypatch, {"grows/clients.yaml": BAD, "ok/clients.yaml": BAD}, Config(max_file_size=300))
    assert result.notes == []
    assert triples(result) == [("grows/clients.yaml", 1, 1, "SL000"), ("ok/clients.yaml", 3, 14, "SL001")]
    size = (tmp_path / "grows" / "clients.yaml").stat().st_size
    assert result.findings[0].message == (f"client definition file not linted: {size:,} bytes is over the size limit "
                                          "of 300 bytes (max-file-size)")


def test_the_default_size_cap_is_2_mib():
    assert Config().max_file_size == DEFAULT_MAX_FILE_SIZE == 2 * 1024 * 1024


# --- max-depth --------------------------------------------------------------------------------


DEFINITION_TOO_DEEP = "client definition file not linted: nested more than 20 levels deep at line 1 (max-depth)"


@pytest.mark.parametrize("name, text", [
    ("deep/clients.yaml", nested_yaml(30)),
    ("deep/clients.json", json.dumps({"oauth_clients": json.loads("[" * 30 + "]" * 30)})),
    ("deep/clients.toml", "oauth_clients = " + "[" * 30 + "]" * 30 + "\n"),
], ids=["yaml", "json", "toml"])
def test_max_depth_fails_a_client_definition_closed(tmp_path, monkeypatch, name, text):
    result = lint(tmp_path, monkeypatch, {name: text, "ok/clients.yaml": BAD}, Config(max_depth=20))
    assert result.notes == []
    assert [(f.loc.path, f.loc.line, f.code, f.message) for f in result.findings if f.code == "SL000"] == [
        (name, 1, "SL000", DEFINITION_TOO_DEEP)]
    assert ("ok/clients.yaml", 3, 14, "SL001") in triples(result)


@pytest.mark.parametrize("name, text, note", [
    ("deep/.github/workflows/ci.yml", "env:\n  CELONIS_SCOPE: " + "[" * 30 + "]" * 30 + "\n",
     "skipped: nested more than 20 levels deep at line 2 (max-depth)"),
    ("deep/n.ipynb", '{"cells": [], "metadata": ' + '{"a": ' * 30 + "1" + "}" * 30 + ', "x": "celonis"}',
     "not a valid notebook (line 1): nested more than 20 levels deep (max-depth)"),
], ids=["workflow", "notebook"])
def test_max_depth_skips_deeper_documents_with_a_note(tmp_path, monkeypatch, name, text, note):
    result = lint(tmp_path, monkeypatch, {name: text, "ok/clients.yaml": BAD}, Config(max_depth=20))
    assert result.notes == [(name, note)]
    assert triples(result) == [("ok/clients.yaml", 3, 14, "SL001")]


def test_documents_within_max_depth_are_read(tmp_path, monkeypatch):
    text = "oauth_clients:\n  - name: shallow\n    scopes: [studioo]\n    permissions: [{service: x, template: y}]\n"
    result = lint(tmp_path, monkeypatch, {"clients.yaml": text}, Config(max_depth=5))
    assert result.notes == []
    assert ("clients.yaml", 3, 14, "SL001") in triples(result)


def test_the_default_max_depth_is_500(tmp_path, monkeypatch):
    result = lint(tmp_path, monkeypatch, {"deep/clients.yaml": nested_yaml(600), "ok/clients.yaml": BAD})
    assert Config().max_depth == limits.DEFAULT_MAX_DEPTH == 500
    assert result.notes == []
    assert triples(result) == [("deep/clients.yaml", 1, 1, "SL000"), ("ok/clients.yaml", 3, 14, "SL001")]
    assert result.findings[0].message == ("client definition file not linted: nested more than 500 levels deep at "
                                          "line 1 (max-depth)")


def test_max_depth_comes_from_the_config_file(tmp_path, monkeypatch):
    files = {".scopelint.toml": "max-depth = 10\n", "deep/clients.yaml": nested_yaml(12), "ok/clients.yaml": BAD}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["check", "."])
    assert out.exit_code == 1
    assert out.stdout.startswith("deep/clients.yaml:1:1: SL000 [error] client definition file not linted: nested "
                                 "more than 10 levels deep at line 1 (max-depth)\n"
                                 "ok/clients.yaml:3:14: SL001 [error] unknown scope 'integration.datapools'")


# --- file-timeout -----------------------------------------------------------------------------


def slow_extract(seconds: float = 30.0, busy: bool = False):
    """An extractor that finds a secret, then takes far too long."""

    def extract(src, facts):
        from scopelint.extractors.recognition import secrets as common
        from scopelint.findings import Location

        facts.secrets.append(common.secret("client secret", Location(src.path, 1, 1, 1, 5), "x", "Zk3mQ9vX2bR7tY5wP1nL8hJ4"))
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not busy:
                time.sleep(seconds)
        return None

    return extract


@pytest.mark.parametrize("busy", [False, True], ids=["sleeping", "busy-looping"])
def test_file_timeout_skips_a_slow_file_with_a_note_and_keeps_none_of_its_facts(tmp_path, monkeypatch, busy):
    real = python.extract
    monkeypatch.setattr(python, "extract", lambda src, facts: (slow_extract(busy=busy) if src.path == "slow.py" else real)(src, facts))
    started = time.monotonic()
    result = lint(tmp_path, monkeypatch, {"slow.py": "import celonis\n", "ok/clients.yaml": BAD}, Config(file_timeout=0.2))
    elapsed = time.monotonic() - started
    assert elapsed < 5, f"{elapsed:.1f} s"
    assert result.notes == [("slow.py", "skipped: extraction took longer than 0.2 s (file-timeout)")]
    assert triples(result) == [("ok/clients.yaml", 3, 14, "SL001")]  # the secret found before the timeout is dropped


def test_file_timeout_counts_processor_time_so_a_busy_machine_gives_the_same_report(tmp_path, monkeypatch):
    # waiting three times the budget (what a loaded machine does to a reading) uses no processor time:
    # the file is read whole, its secret kept; working past the budget is not
    monkeypatch.setattr(python, "extract", slow_extract(seconds=0.6, busy=False))
    waited = lint(tmp_path / "a", monkeypatch, {"slow.py": "import celonis\n"}, Config(file_timeout=0.2))
    assert waited.notes == [] and [f.code for f in waited.findings] == ["SL012"]
    monkeypatch.setattr(python, "extract", slow_extract(seconds=0.6, busy=True))
    worked = lint(tmp_path / "b", monkeypatch, {"slow.py": "import celonis\n"}, Config(file_timeout=0.2))
    assert worked.notes == [("slow.py", "skipped: extraction took longer than 0.2 s (file-timeout)")]
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0) and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_file_timeout_leaves_no_timer_and_puts_an_outer_one_back(tmp_path, monkeypatch):
    monkeypatch.setattr(python, "extract", slow_extract())
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    signal.setitimer(signal.ITIMER_REAL, 60)
    try:
        result = lint(tmp_path, monkeypatch, {"a.py": "import celonis\n", "b.py": "import celonis\n"}, Config(file_timeout=0.1))
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        handler = signal.getsignal(signal.SIGALRM)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert [path for path, _ in result.notes] == ["a.py", "b.py"]
    assert 50 < remaining < 60 and fired == []
    assert handler is not None and handler.__name__ == "<lambda>"


def test_without_a_timeout_nothing_is_armed(tmp_path, monkeypatch):
    result = lint(tmp_path, monkeypatch, {"ok/clients.yaml": BAD}, Config())
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert triples(result) == [("ok/clients.yaml", 3, 14, "SL001")]


def test_outside_the_main_thread_the_budget_is_off_not_an_error():
    outcome = []

    def body():
        try:
            with limits.budget(0.05):
                time.sleep(0.2)
            outcome.append("finished")
        except BaseException as exc:  # noqa: BLE001 - the test reports whatever escaped
            outcome.append(repr(exc))

    thread = threading.Thread(target=body)
    thread.start()
    thread.join()
    assert outcome == ["finished"]


@pytest.mark.skipif(multiprocessing.get_start_method(allow_none=False) != "fork",
                    reason="the patched extractor reaches worker processes only when they are forked")
def test_file_timeout_works_in_worker_processes(tmp_path, monkeypatch):
    real = python.extract
    monkeypatch.setattr(python, "extract", lambda src, facts: (slow_extract() if src.path == "svc0/slow.py" else real)(src, facts))
    files = {f"svc{i // 100}/f{i}.py": "x = 1\n" for i in range(520)}
    files.update({"svc0/slow.py": "import celonis\n", "ok/clients.yaml": BAD})
    pools = []

    class Recorded(parallel.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(kwargs.get("max_workers"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Recorded)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 500)
    started = time.monotonic()
    result = lint(tmp_path, monkeypatch, files, Config(file_timeout=0.3, jobs=2))
    assert time.monotonic() - started < 20
    assert pools == [2]
    assert result.notes == [("svc0/slow.py", "skipped: extraction took longer than 0.3 s (file-timeout)")]
    assert triples(result) == [("ok/clients.yaml", 3, 14, "SL001")]


def test_file_timeout_comes_from_the_config_file(tmp_path, monkeypatch):
    real = definitions.extract
    monkeypatch.setattr(definitions, "extract",
                        lambda src, facts: (slow_extract() if src.path == "slow/clients.yaml" else real)(src, facts))
    for name, text in {".scopelint.toml": "file-timeout = 0.25\n", "slow/clients.yaml": BAD, "ok/clients.yaml": BAD}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["check", "--format", "json", "."])
    doc = json.loads(out.stdout)
    assert out.exit_code == 1
    assert doc["notes"] == []
    assert [(f["path"], f["line"], f["code"], f["message"]) for f in doc["findings"]][-1] == (
        "slow/clients.yaml", 1, "SL000", "client definition file not linted: extraction took longer than 0.25 s (file-timeout)")
    assert [(f["path"], f["code"]) for f in doc["findings"]] == [("ok/clients.yaml", "SL001"), ("slow/clients.yaml", "SL000")]


# --- facts per file ---------------------------------------------------------------------------


def test_a_flood_of_facts_in_one_file_is_a_note_not_a_flood_of_findings(tmp_path, monkeypatch):
    flood = "CELONIS_SCOPE=" + " ".join(f"scope{i}" for i in range(limits.MAX_FACTS + 1)) + "\n"
    started = time.monotonic()
    result = lint(tmp_path, monkeypatch, {".env": flood, "ok/clients.yaml": BAD})
    assert time.monotonic() - started < 10
    assert result.notes == [(".env", "skipped: 10,001 scopes, calls and other facts, over the limit of 10,000 per file")]
    assert triples(result) == [("ok/clients.yaml", 3, 14, "SL001")]


# --- configuration and documentation ----------------------------------------------------------


@pytest.mark.parametrize("setting", ["max-file-size = 0", "max-depth = -1", "file-timeout = 0", 'file-timeout = "10s"',
                                     "max-depth = 2.5", "max-file-size = true"])
def test_a_bad_limit_is_a_usage_error(tmp_path, monkeypatch, setting):
    (tmp_path / ".scopelint.toml").write_text(setting + "\n")
    (tmp_path / "clients.yaml").write_text(BAD)
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["check", "."])
    key = setting.split(" ")[0]
    assert out.exit_code == 2
    assert re.search(rf"{key!r} must be a (whole )?number of \w+ from [\d.,]+ to [\d.,]+, not \S+$", out.stderr.strip()), out.stderr


def test_the_readme_states_the_limits_in_force():
    section = README.read_text(encoding="utf-8").split("## Security model", 1)[1].split("\n## ", 1)[0]
    defaults = Config()
    assert f"{defaults.max_file_size // (1024 * 1024)} MiB" in section
    assert re.search(rf"`max-depth`[^\n]*\b{defaults.max_depth}\b", section)
    assert re.search(rf"`file-timeout`[^\n]*\b{defaults.file_timeout:g} s\b", section)
    assert f"{limits.MAX_FACTS:,}" in section


def test_the_limits_of_the_config_reach_worker_processes_as_one_value(tmp_path, monkeypatch):
    """``Config.limits`` is the one value the limits travel in: a worker applies the configured
    depth exactly as a serial run does."""
    assert Config(max_file_size=99, max_depth=7, file_timeout=1.5).limits == limits.Limits(99, 7, 1.5)
    files = {f"svc{i // 100}/f{i}.py": "x = 1\n" for i in range(520)}
    files.update({"svc4/deep/clients.yaml": nested_yaml(30), "ok/clients.yaml": BAD})
    pools = []

    class Recorded(parallel.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(kwargs.get("max_workers"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Recorded)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 500)
    result = lint(tmp_path, monkeypatch, files, Config(max_depth=20, jobs=2))
    assert pools == [2]
    assert result.notes == []
    assert triples(result) == [("ok/clients.yaml", 3, 14, "SL001"), ("svc4/deep/clients.yaml", 1, 1, "SL000")]
    assert result.findings[1].message == DEFINITION_TOO_DEEP


# --- the cycle collector ---------------------------------------------------------------------

@pytest.mark.parametrize("fails", [False, True])
def test_the_cycle_collector_is_paused_while_a_file_is_extracted_and_only_then(monkeypatch, fails):
    """Parsing a big document builds hundreds of thousands of objects the collector would go over
    again and again: it is off while the extractors run, and on again after, whatever they did."""
    import gc

    from scopelint import catalog, reading

    seen = []

    def extract(src, facts):
        seen.append(gc.isenabled())
        if fails:
            raise limits.Timeout()

    monkeypatch.setattr(python, "extract", extract)
    wanted = [kind for kind in reading.wanted_extractors("a.py", True, "token = read()\n") if kind.name == "python"]
    assert gc.isenabled()
    reading.facts_of_text("a.py", "token = read()\n", wanted, True, catalog.shipped())
    assert seen == [False] and gc.isenabled()
    gc.disable()  # a caller that switched it off itself finds it off after
    try:
        reading.facts_of_text("a.py", "token = read()\n", wanted, True, catalog.shipped())
        assert seen == [False, False] and not gc.isenabled()
    finally:
        gc.enable()
