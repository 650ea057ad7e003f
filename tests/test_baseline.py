"""Baselines: findings recorded by content stay recorded when code moves; new ones are reported."""
from __future__ import annotations

import json
import re
import shlex
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from scopelint.baseline import BaselineError, dumps, load, split
from scopelint.cli import main
from tools.repo import SECRETS, acme_result

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = """\
oauth_clients:
  - name: nightly-erp-push
    scopes:
      - integration.datapools
      - integration.data-pools:data_push
    justification:
      integration.data-pools:data_push: pushes the nightly ERP extract
"""


def check(*args: str):
    return CliRunner().invoke(main, ["check", *args])


def found(out) -> list[tuple[str, int, int]]:
    """(code, line, col) of each finding in text output."""
    return [(code, int(line), int(col)) for _, line, col, code in re.findall(r"^([^:\n]+):(\d+):(\d+): (SL\d{3}) ", out.stdout, re.M)]


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / "clients.yaml").write_text(CLIENTS)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_write_baseline_records_findings_and_exits_0(repo):
    out = check("--write-baseline", "baseline.json", "clients.yaml")
    assert out.exit_code == 0, out.output
    assert out.stdout.startswith("0 findings")
    assert "wrote baseline 'baseline.json': 1 finding(s) in the baseline" in out.stderr
    doc = json.loads((repo / "baseline.json").read_text())
    assert doc["version"] == 1
    (entry,) = doc["findings"]
    assert set(entry) == {"fingerprint", "code", "path", "client", "scope"}
    assert (entry["code"], entry["path"], entry["client"], entry["scope"]) == (
        "SL001", "clients.yaml", "nightly-erp-push", "integration.datapools")
    assert re.fullmatch(r"[0-9a-f]{32}", entry["fingerprint"])
    again = check("--baseline", "baseline.json", "clients.yaml")
    assert again.exit_code == 0 and again.stdout.startswith("0 findings")


@pytest.mark.parametrize("edit", [
    lambda t: "# owned by the data platform team\n# reviewed 2026-10\n\n" + t,
    lambda t: t.replace("      - integration.datapools\n      - integration.data-pools:data_push\n",
                        "      - integration.data-pools:data_push\n      - integration.datapools\n"),
    lambda t: t.replace("      - integration.datapools", "      -   integration.datapools"),
], ids=["lines-inserted-above", "line-moved", "re-indented"])
def test_moved_findings_stay_baselined(repo, edit):
    assert check("--write-baseline", "baseline.json", "clients.yaml").exit_code == 0
    before = check("clients.yaml")
    text = (repo / "clients.yaml").read_text()
    (repo / "clients.yaml").write_text(edit(text))
    moved = check("clients.yaml")
    assert found(moved)[0][0] == "SL001" and found(moved) != found(before)  # the finding did move
    out = check("--baseline", "baseline.json", "clients.yaml")
    assert out.exit_code == 0, out.output
    assert found(out) == []
    assert "1 finding(s) in the baseline, not reported" in out.stderr


def test_a_new_finding_of_the_same_rule_in_the_same_file_is_reported(repo):
    check("--write-baseline", "baseline.json", "clients.yaml")
    text = (repo / "clients.yaml").read_text().replace(
        "      - integration.data-pools:data_push\n", "      - integration.data-pools:data_push\n      - studio.widgetz\n")
    (repo / "clients.yaml").write_text(text)
    out = check("--baseline", "baseline.json", "clients.yaml")
    assert out.exit_code == 1
    assert found(out) == [("SL001", 6, 9)]
    assert "unknown scope 'studio.widgetz'" in out.stdout


def test_identical_findings_count_one_entry_each(repo):
    check("--write-baseline", "baseline.json", "clients.yaml")
    text = (repo / "clients.yaml").read_text().replace(
        "      - integration.data-pools:data_push\n", "      - integration.data-pools:data_push\n      - integration.datapools\n")
    (repo / "clients.yaml").write_text(text)
    out = check("--baseline", "baseline.json", "--select", "SL001", "clients.yaml")
    assert out.exit_code == 1
    assert [code for code, _, _ in found(out)] == ["SL001"]  # one of the two identical findings is new


def test_rewriting_the_baseline_drops_fixed_findings(repo):
    (repo / "clients.yaml").write_text(CLIENTS.replace("data_push\n    justification", "data_push\n      - studio\n    justification"))
    check("--write-baseline", "baseline.json", "clients.yaml")
    codes = [e["code"] for e in json.loads((repo / "baseline.json").read_text())["findings"]]
    assert sorted(codes) == ["SL001", "SL017"]
    (repo / "clients.yaml").write_text(CLIENTS.replace("integration.datapools", "integration.data-pools:data_push"))
    out = check("--baseline", "baseline.json", "--write-baseline", "baseline.json", "clients.yaml")
    assert out.exit_code == 0, out.output
    entries = json.loads((repo / "baseline.json").read_text())["findings"]
    assert [(e["code"], e["scope"]) for e in entries] == [("SL016", "integration.data-pools:data_push")]


def test_findings_not_in_the_baseline_still_fail_the_run(repo):
    (repo / "baseline.json").write_text('{"version": 1, "findings": []}\n')
    out = check("--baseline", "baseline.json", "clients.yaml")
    assert out.exit_code == 1
    assert found(out) == [("SL001", 4, 9)]


@pytest.mark.parametrize("content, message", [
    (None, "baseline 'baseline.json' does not exist; create it with --write-baseline"),
    ("{not json", "baseline 'baseline.json' is not valid JSON: Expecting property name enclosed in double quotes at line 1 column 2"),
    ("[]", "baseline 'baseline.json' is not a scopelint baseline: expected {'version': 1, 'findings': [...]}"),
    ('{"version": 2, "findings": []}', "baseline 'baseline.json' has version 2; this scopelint reads version 1"),
    ('{"version": 1, "findings": [{"code": "SL001"}]}', "baseline 'baseline.json': finding 1 has no 'fingerprint' string"),
    (b"\xff\xfe\x00bad", "cannot read baseline 'baseline.json'"),
], ids=["missing", "not-json", "not-a-mapping", "wrong-version", "no-fingerprint", "not-utf8"])
def test_a_bad_baseline_is_a_one_line_usage_error(repo, content, message):
    if isinstance(content, bytes):
        (repo / "baseline.json").write_bytes(content)
    elif content is not None:
        (repo / "baseline.json").write_text(content)
    out = check("--baseline", "baseline.json", "clients.yaml")
    assert out.exit_code == 2
    assert out.stdout == ""
    assert out.stderr.startswith(f"scopelint: error: {message}")
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_an_unwritable_baseline_is_a_usage_error(repo):
    out = check("--write-baseline", "no/such/dir/baseline.json", "clients.yaml")
    assert out.exit_code == 2
    assert out.stderr.startswith("scopelint: error: cannot write baseline 'no/such/dir/baseline.json'")


def test_the_baseline_never_holds_a_secret(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = acme_result(tmp_path)
    text = dumps(result.findings)
    assert {"SL012", "SL013"} <= {e["code"] for e in json.loads(text)["findings"]}
    assert not any(secret in text for secret in SECRETS)
    assert not any(secret[:8] in text for secret in SECRETS)


def test_baseline_file_is_sorted_and_stable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = acme_result(tmp_path)
    text = dumps(result.findings)
    assert text == dumps(reversed(result.findings))
    rows = json.loads(text)["findings"]
    assert [(r["path"], r["code"]) for r in rows] == sorted((r["path"], r["code"]) for r in rows)
    (tmp_path / "b.json").write_text(text)
    assert load("b.json") == Counter(f.fingerprint for f in result.findings)
    kept, dropped = split(result.findings, load("b.json"))
    assert kept == [] and len(dropped) == len(result.findings)


def test_load_rejects_missing_file(tmp_path):
    with pytest.raises(BaselineError, match="does not exist"):
        load(str(tmp_path / "none.json"))


def test_readme_baseline_commands_work_as_written(repo):
    section = (ROOT / "README.md").read_text().split("\n## Baseline\n", 1)[1].split("\n## ", 1)[0]
    commands = [shlex.split(line) for line in re.search(r"```sh\n(.*?)```", section, re.S)[1].splitlines()]
    assert [c[:3] for c in commands] == [["scopelint", "check", "--write-baseline"], ["scopelint", "check", "--baseline"]]
    first = CliRunner().invoke(main, commands[0][1:])
    assert first.exit_code == 0, first.output
    assert Path(commands[0][3]).is_file()
    (repo / "clients.yaml").write_text(CLIENTS + "  - name: km-reader\n    scopes: [intelligence.knowledge-model:read]\n")
    second = CliRunner().invoke(main, commands[1][1:])
    assert second.exit_code == 1
    assert found(second) == [("SL001", 9, 14)]
