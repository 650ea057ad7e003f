from __future__ import annotations

import json

from click.testing import CliRunner

from scopelint.cli import main

BAD = """\
oauth_clients:
  - name: erp
    scopes:
      - integration.datapools
"""
GOOD = """\
oauth_clients:
  - name: erp
    scopes: integration.data-pools:data_push
    justification:
      integration.data-pools:data_push: nightly push
"""


def test_check_reports_findings_with_positions_and_exits_1(tmp_path):
    (tmp_path / "clients.yaml").write_text(BAD)
    result = CliRunner().invoke(main, ["check", str(tmp_path / "clients.yaml")])
    assert result.exit_code == 1
    assert "clients.yaml:4:9: SL001 [error] unknown scope 'integration.datapools'" in result.output
    assert "did you mean 'integration.data-pools'?" in result.output
    assert "1 finding (1 errors, 0 warnings, 0 notes)" in result.output


def test_check_clean_exits_0(tmp_path):
    (tmp_path / "clients.yaml").write_text(GOOD)
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("0 findings")


def test_json_is_versioned_and_byte_identical(tmp_path):
    (tmp_path / "clients.yaml").write_text(BAD)
    runs = [CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path)]) for _ in range(2)]
    assert runs[0].exit_code == runs[1].exit_code == 1
    assert runs[0].output == runs[1].output
    doc = json.loads(runs[0].output)
    assert doc["version"] == 1
    assert [(f["code"], f["line"], f["column"]) for f in doc["findings"]] == [("SL001", 4, 9)]
    assert doc["catalog"]["version"]


def test_unknown_select_code_is_usage_error(tmp_path):
    (tmp_path / "clients.yaml").write_text(BAD)
    result = CliRunner().invoke(main, ["check", "--select", "SL999", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown rule code 'SL999'" in result.output
    assert "Traceback" not in result.output


def test_fail_on_never_exits_0_with_findings(tmp_path):
    (tmp_path / "clients.yaml").write_text(BAD)
    result = CliRunner().invoke(main, ["check", "--fail-on", "never", str(tmp_path)])
    assert result.exit_code == 0
    assert "SL001" in result.output


def test_version_names_catalog():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("scopelint 0.1.0 (catalog 2026.12.0")


def test_bundled_examples_as_the_readme_runs_them(monkeypatch):
    from pathlib import Path

    monkeypatch.chdir(Path(__file__).parent.parent)
    bad = CliRunner().invoke(main, ["check", "examples/acme-etl"])
    assert bad.exit_code == 1
    for expected in (
        "examples/acme-etl/oauth-clients.yaml:7:9: SL001 [error] unknown scope 'integration.datapools'",
        "examples/acme-etl/oauth-clients.yaml:17:14: SL004 [warning] scope 'studio' is broader than needed",
        "examples/acme-etl/oauth-clients.yaml:24:9: SL008 [error]",
        "examples/acme-etl/oauth-clients.yaml:8:9: SL003 [*] [warning] scope 'integration.data-pools:data-push' is a variant",
        "examples/acme-etl/etl/push_orders.py:32:19: SL005 [error] API call POST /integration/api/v1/data-pools/",
        "examples/acme-etl/etl/push_orders.py:33:48: SL014 [error]",
        "examples/acme-etl/scim/sync-users.sh:7:16: SL012 [error] hard-coded client secret in 'CLIENT_SECRET'",
    ):
        assert expected in bad.output
    # the data-push calls are granted by the variant spelling's scope: SL003 is the one finding of that cause
    assert "push_orders.py:24:25: SL005" not in bad.output
    assert "q8Zt3Lw9VxR2mKp7Hc4NsYb6Jd1FgE5u" not in bad.output
    clean = CliRunner().invoke(main, ["check", "examples/clean"])
    assert clean.exit_code == 0, clean.output


def test_progress_line_only_on_a_terminal_outside_ci(monkeypatch, capsys):
    import io

    from scopelint.cli import Progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    for ci, expect_shown in (("", True), ("true", False)):
        fake = Tty()
        monkeypatch.setattr("sys.stderr", fake)
        monkeypatch.setenv("CI", ci)
        monkeypatch.delenv("TERM", raising=False)
        with Progress() as progress:
            progress("reading 20,000 files")
        assert ("scopelint: reading 20,000 files" in fake.getvalue()) is expect_shown
        assert fake.getvalue().endswith("\r\x1b[K") is expect_shown
    plain = io.StringIO()  # a pipe: never
    monkeypatch.setattr("sys.stderr", plain)
    monkeypatch.setenv("CI", "")
    with Progress() as progress:
        progress("reading 3 files")
    assert plain.getvalue() == ""
