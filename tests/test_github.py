"""``--format github`` workflow commands, and the GitHub Actions workflow and action we document."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scopelint import __version__
from scopelint.cli import main
from scopelint.findings import Finding, Location
from scopelint.reporters import Context
from scopelint.reporters.github import command, escape_data, escape_property, render
from tools.repo import SECRETS, acme_result
from tools.sarif_tools import ROOT, schema_errors

SNAPSHOT = Path(__file__).parent / "snapshots" / "acme.github.txt"


@pytest.mark.parametrize("text, data, prop", [
    ("plain", "plain", "plain"),
    ("100% sure", "100%25 sure", "100%25 sure"),
    ("line one\r\nline two", "line one%0D%0Aline two", "line one%0D%0Aline two"),
    ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
    ("%0A literal", "%250A literal", "%250A literal"),
], ids=["plain", "percent", "newlines", "colon-comma", "escape-looking"])
def test_escaping_follows_the_workflow_command_rules(text, data, prop):
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_command_carries_position_title_and_hint():
    f = Finding(Location("cfg/a,b:c.yaml", 4, 9, 4, 30), "SL001", "unknown scope 'x'\nsecond line", name="unknown-scope",
                level="error", hint="use 'integration.data-pools'")
    assert command(f) == ("::error file=cfg/a%2Cb%3Ac.yaml,line=4,col=9,endLine=4,endColumn=30,title=SL001 unknown-scope"
                          "::unknown scope 'x'%0Asecond line%0Ahelp: use 'integration.data-pools'")
    assert command(f, Context(quiet=True)).endswith("::unknown scope 'x'%0Asecond line")


@pytest.mark.parametrize("level, cmd", [("error", "error"), ("warning", "warning"), ("note", "notice")])
def test_levels_map_to_error_warning_notice(level, cmd):
    f = Finding(Location("a.yaml", 2, 3), "SL006", "unused scope 'studio'", name="unused-scope", level=level)
    assert command(f) == f"::{cmd} file=a.yaml,line=2,col=3,title=SL006 unused-scope::unused scope 'studio'"


def test_render_on_a_realistic_repository_matches_the_golden_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = acme_result(tmp_path)
    out = render(result, Context())
    assert not any(secret in out for secret in SECRETS)
    lines = out.splitlines()
    assert ("::error file=oauth-clients.yaml,line=5,col=9,endLine=5,endColumn=30,title=SL001 unknown-scope::"
            "unknown scope 'integration.datapools' (catalog " + result.catalog.label + "); did you mean "
            "'integration.data-pools'?%0Ahelp: use 'integration.data-pools'") in lines
    assert any(line.startswith("::notice file=etl/push.py,line=4,") and "title=SL018 api-key-auth" in line for line in lines)
    assert not any("line=7,col=9" in line and "SL017" in line for line in lines)  # suppressed
    assert lines[-1].startswith(f"scopelint: {len(result.findings)} findings (")
    got = out.replace(result.catalog.label, "CATALOG")
    if os.environ.get("SCOPELINT_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(got, encoding="utf-8")
    assert got == SNAPSHOT.read_text(encoding="utf-8")


def test_cli_github_format_exits_like_text(tmp_path, monkeypatch):
    shutil.copy(ROOT / "examples" / "acme-etl" / "oauth-clients.yaml", tmp_path)
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["check", "--format", "github", "."])
    assert out.exit_code == 1
    first = out.stdout.splitlines()[0]
    assert first.startswith("::error file=oauth-clients.yaml,line=7,col=9,endLine=7,endColumn=30,title=SL001 unknown-scope::")


# -- the documented workflow ------------------------------------------------------------------

def yaml_blocks(path: Path, heading: str | None = None) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if heading:
        text = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


WORKFLOWS = [(ROOT / "README.md", "GitHub code scanning"), (ROOT / "docs" / "github-code-scanning.md", None)]


@pytest.mark.parametrize("path, heading", WORKFLOWS, ids=["README", "docs"])
def test_documented_workflow_uploads_sarif_with_minimal_permissions(path, heading, tmp_path, monkeypatch):
    workflow = yaml.safe_load(yaml_blocks(path, heading)[0])
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "security-events": "write"}
    steps = job["steps"]
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    assert upload["if"] == "success() || failure()"  # upload even when the gate fails
    install = next(s for s in steps if "pip install" in str(s.get("run", "")))
    assert install["run"].endswith(f'git+https://github.com/scopelint/scopelint@v{__version__}"')
    scan = next(s for s in steps if str(s.get("run", "")).startswith("scopelint check"))
    argv = shlex.split(scan["run"])
    assert argv[argv.index("--format") + 1] == "sarif" and "--fail-on" in argv
    assert argv[argv.index("--output") + 1] == upload["with"]["sarif_file"]
    assert steps.index(scan) < steps.index(upload)
    # the documented command runs as written and gates on errors
    shutil.copy(ROOT / "examples" / "acme-etl" / "oauth-clients.yaml", tmp_path)
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, argv[1:])
    assert out.exit_code == 1, out.output
    import json

    assert schema_errors(json.loads((tmp_path / upload["with"]["sarif_file"]).read_text())) == []


def test_action_passes_inputs_through_the_environment_and_uploads():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    for step in steps:
        assert "${{" not in step.get("run", ""), f"inputs must reach scripts through env, not text: {step['name']}"
    upload = next(s for s in steps if "uses" in s)
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert set(action["inputs"]) == {"paths", "fail-on", "sarif-file", "upload"}


@pytest.mark.skipif(sys.platform == "win32", reason="the action's scripts are bash")
def test_action_scripts_record_the_exit_code_and_fail_after_upload(tmp_path):
    """Run the action's scan and gate scripts with bash, scopelint standing in from this checkout."""
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    steps = {s["name"]: s for s in action["runs"]["steps"]}
    runner_temp = tmp_path / "runner"
    (runner_temp / "scopelint" / "bin").mkdir(parents=True)
    shim = runner_temp / "scopelint" / "bin" / "scopelint"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m scopelint.cli "$@"\n')
    shim.chmod(0o755)
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(ROOT / "examples" / "acme-etl" / "oauth-clients.yaml", work)
    output = tmp_path / "github_output"
    env = {**os.environ, "RUNNER_TEMP": str(runner_temp), "GITHUB_OUTPUT": str(output),
           "PATHS": ".", "FAIL_ON": "error", "SARIF_FILE": "report.sarif"}
    scan = subprocess.run(["bash", "-c", steps["Run scopelint"]["run"]], cwd=work, env=env, capture_output=True, text=True)
    assert scan.returncode == 0, scan.stderr
    assert output.read_text() == "exit-code=1\n"
    assert (work / "report.sarif").is_file()
    gate = subprocess.run(["bash", "-c", steps["Fail on findings at or above fail-on"]["run"]], env={**env, "EXIT_CODE": "1"})
    assert gate.returncode == 1
