"""Exit codes are the same for every ``--format``: 0 clean, 1 findings at or above --fail-on, 2 errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from scopelint.cli import main
from scopelint.reporters import FORMATS

BAD = "oauth_clients:\n  - name: erp\n    scopes:\n      - integration.datapools\n"
WARN_ONLY = ("oauth_clients:\n  - name: erp\n    scopes:\n      - integration.data-pools:data_push\n"
             "      - integration.data-pools:data_push\n")
CLEAN = "oauth_clients:\n  - name: erp\n    scopes: integration.data-pools:data_push\n"

CASES = [
    ("clean", CLEAN, [], 0),
    ("error", BAD, [], 1),
    ("error-fail-on-never", BAD, ["--fail-on", "never"], 0),
    ("warning-below-default", WARN_ONLY, [], 0),
    ("warning-fail-on-warning", WARN_ONLY, ["--fail-on", "warning"], 1),
    ("baselined", BAD, ["--baseline", "baseline.json"], 0),
    ("missing-path", CLEAN, ["no/such/dir"], 2),
    ("unknown-code", BAD, ["--select", "SL999"], 2),
    ("bad-baseline", BAD, ["--baseline", "broken.json"], 2),
    ("bad-config", BAD, ["--config", "nope.toml"], 2),
]


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def write(clients: str) -> None:
        (tmp_path / "clients.yaml").write_text(clients)
        (tmp_path / "broken.json").write_text("{")
        fingerprints = _fingerprints(tmp_path) if clients == BAD else []
        (tmp_path / "baseline.json").write_text(json.dumps({"version": 1, "findings": fingerprints}))

    return write


def _fingerprints(root) -> list[dict]:
    out = CliRunner().invoke(main, ["check", "--format", "json", "clients.yaml"])
    return [{"fingerprint": f["fingerprint"]} for f in json.loads(out.stdout)["findings"]]


def test_every_format_is_tested():
    assert set(FORMATS) == {"text", "json", "sarif", "github"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("name, clients, args, code", CASES, ids=[c[0] for c in CASES])
def test_exit_code_does_not_depend_on_format(tree, fmt, name, clients, args, code):
    tree(clients)
    paths = [] if any(a.startswith("no/") for a in args) else ["clients.yaml"]
    out = CliRunner().invoke(main, ["check", "--format", fmt, *args, *paths])
    assert out.exit_code == code, (fmt, out.output)
    assert "Traceback" not in out.output
    if code == 2:
        assert "scopelint: error:" in out.stderr
    if code != 2 or name == "missing-path":
        assert out.stdout, "a report is written whenever the run completes"
    if fmt == "sarif" and out.stdout:
        assert json.loads(out.stdout)["runs"][0]["invocations"][0]["executionSuccessful"] is (name != "missing-path")


# the installed command (``scopelint = "scopelint.cli:run"``) in a process of its own, as pre-commit starts it
COMMAND = [sys.executable, "-c", "from scopelint.cli import run; run()"]


@pytest.mark.parametrize("name, clients, args, code", [c for c in CASES if c[0] in ("clean", "error", "missing-path")])
def test_the_installed_command_exits_as_main_does(tree, tmp_path, name, clients, args, code):
    tree(clients)
    done = subprocess.run([*COMMAND, "check", "--format", "json", *args], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60)
    assert done.returncode == code, done.stderr
    in_process = CliRunner().invoke(main, ["check", "--format", "json", *args])
    assert done.stdout == in_process.stdout  # the whole report is flushed before the process ends
    if name == "missing-path":
        assert "no/such/dir: no such file or directory" in done.stderr


def test_the_installed_command_runs_the_exit_handlers(tree, tmp_path):
    """It leaves without taking the interpreter apart, but what was registered to run at exit runs:
    here the benchmark's record of where the time went."""
    tree(BAD)
    target = tmp_path / "phases.json"
    env = {**os.environ, "SCOPELINT_PHASES": str(target)}
    done = subprocess.run([*COMMAND, "check"], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert done.returncode == 1, done.stderr
    marks = json.loads(target.read_text(encoding="utf-8"))["marks"]
    assert set(marks) >= {"run", "extracted", "checked", "exit"}
    assert "SL001" in done.stdout


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_report_that_cannot_be_written_is_an_io_error(tree, tmp_path):
    tree(BAD)
    with open("/dev/full", "w") as full:
        done = subprocess.run([*COMMAND, "check"], stdout=full, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                              timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == "scopelint: error: cannot write the report: No space left on device"


def test_a_defect_of_scopelints_own_is_one_line_and_exit_2(tree, monkeypatch):
    """An exception nothing foresaw (a defect, found on a tree nobody tried) is exit 2, never 1 (a CI job
    would read findings): one line naming the exception's type and where scopelint raised it, without
    its message, which may quote what was being read."""
    import inspect

    from scopelint import cli, linter

    def broken(*_args, **_kwargs):
        raise ValueError("client_secret=Qx7vN2mK9pL4wR8tY3zB")

    tree(CLEAN)
    monkeypatch.setattr(linter, "run", broken)
    done = CliRunner().invoke(main, ["check", "."])
    assert done.exit_code == 2
    called = next(n for n, line in enumerate(inspect.getsource(cli).splitlines(), 1) if "return run(list(paths)" in line)
    assert done.output == (f"scopelint: error: internal error (ValueError at scopelint/cli.py:{called}); "
                           "please report it with the command that gave it\n")
    assert "Qx7vN2mK9pL4wR8tY3zB" not in done.output


def test_a_named_link_to_nothing_is_a_missing_path(tree, tmp_path):
    """A definition shared by a link into a folder the checkout does not have: the file the gate was
    told to check is not there, which is exit 2 as for any missing path, not a note and a pass."""
    tree(CLEAN)
    (tmp_path / "oauth-clients.yaml").symlink_to(tmp_path / "shared-config" / "oauth-clients.yaml")
    out = CliRunner().invoke(main, ["check", "oauth-clients.yaml"])
    assert out.exit_code == 2, out.output
    assert "scopelint: error: oauth-clients.yaml: no such file or directory" in out.stderr


@pytest.mark.parametrize("args, code", [
    (["check", "--format", "json"], 2),  # the report has nowhere to go: an I/O error
    (["--version"], 2),
    (["explain", "SL001"], 2),
    (["check", "--output", "report.json", "--format", "json"], 1),  # written to a file: the run's own exit code
])
def test_a_closed_standard_output_is_an_io_error_not_a_traceback(tree, tmp_path, args, code):
    tree(BAD)
    done = subprocess.run(["sh", "-c", 'exec "$0" "$@" >&-', *COMMAND, *args], capture_output=False, stderr=subprocess.PIPE,
                          text=True, cwd=tmp_path, timeout=60)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    if code == 2:
        assert "scopelint: error: cannot write the report: standard output is closed" in done.stderr
    else:
        assert json.loads((tmp_path / "report.json").read_text())["findings"]


@pytest.mark.parametrize("args", [
    ["check", "--baseline", ""], ["check", "--write-baseline", ""], ["check", "--config", " "], ["check", "--catalog", ""],
    ["check", "--output", ""], ["suggest", "--config", ""], ["catalog", "--catalog", ""], ["review", "x.yaml", "-o", ""],
])
def test_an_empty_file_name_is_a_usage_error(tree, args):
    # an unset variable (--baseline "$BASELINE") must not turn the option off without a word
    tree(BAD)
    result = CliRunner().invoke(main, args + (["."] if args[0] in ("check", "suggest") else []))
    assert result.exit_code == 2 and "an empty file name" in result.output, result.output
