"""Inline suppressions: ``scopelint: ignore[CODES] reason`` on the finding's line, or alone on the line above."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from tests.conftest import triples

from scopelint.cli import main
from scopelint.config import Config

YAML_SAME_LINE = """
    oauth_clients:
      - name: nightly-erp-push
        scopes:
          - integration.datapools   # scopelint: ignore[SL001] the pool API alias our gateway rewrites
          - integration.data-pools:data_push
    """
YAML_LINE_ABOVE = """
    oauth_clients:
      - name: nightly-erp-push
        scopes:
          # scopelint: ignore[SL001] the pool API alias our gateway rewrites
          - integration.datapools
    """
TOML_SAME_LINE = """
    [[oauth_clients]]
    name = "nightly-erp-push"
    scopes = ["integration.datapools"]  # scopelint: ignore[SL001] the pool API alias our gateway rewrites
    """
TOML_LINE_ABOVE = """
    [[oauth_clients]]
    name = "nightly-erp-push"
    # scopelint: ignore[SL001] the pool API alias our gateway rewrites
    scopes = ["integration.datapools"]
    """
PYPROJECT_LINE_ABOVE = """
    [[tool.scopelint.oauth_clients]]
    name = "nightly-erp-push"
    # scopelint: ignore[SL001] the pool API alias our gateway rewrites
    scopes = "integration.datapools"
    """


@pytest.mark.parametrize("name, text, where", [
    pytest.param("clients.yaml", YAML_SAME_LINE, (4, 9), id="yaml-same-line"),
    pytest.param("clients.yaml", YAML_LINE_ABOVE, (5, 9), id="yaml-line-above"),
    pytest.param("clients.toml", TOML_SAME_LINE, (3, 12), id="toml-same-line"),
    pytest.param("clients.toml", TOML_LINE_ABOVE, (4, 12), id="toml-line-above"),
    pytest.param("pyproject.toml", PYPROJECT_LINE_ABOVE, (4, 11), id="pyproject-line-above"),
])
def test_suppression_hides_the_finding_and_keeps_it_as_suppressed(lint_tree, name, text, where):
    result = lint_tree({name: text}, Config(select=("SL000", "SL001")))
    assert triples(result.findings) == []
    [hidden] = result.suppressed
    assert (hidden.code, hidden.loc.line, hidden.loc.col) == ("SL001", *where)
    assert hidden.suppressed and hidden.suppression_reason == "the pool API alias our gateway rewrites"


def test_suppression_applies_only_to_its_codes_and_lines(lint_tree):
    result = lint_tree({"clients.yaml": """
        oauth_clients:
          - name: studio-sync
            scopes:
              - studio                    # scopelint: ignore[SL017] deploys the ERP package from CI
              - integration.datapools     # scopelint: ignore[SL017, SL016] wrong codes for this line
              - studio.packages:reed
        """}, Config(select=("SL000", "SL001", "SL017")))
    assert triples(result.findings) == [("SL001", 5, 9), ("SL000", 5, 35), ("SL001", 6, 9)]
    assert [(f.code, f.loc.line) for f in result.suppressed] == [("SL017", 4)]


SANDBOX, PROD = "Zx8vQ2mN7pL4kR9tW3yB6cF1hJ5sD0gA", "Qm4tR8wZ2pL6kV9xB3nC7fH1jD5sG0aY"


@pytest.mark.parametrize("text, reported, hidden", [
    # after code, a suppression is its own line's: the production secret on the next line is still reported
    pytest.param(f'CELONIS_CLIENT_SECRET_SANDBOX = "{SANDBOX}"  # scopelint: ignore[SL012] sandbox, rotated daily\n'
                 f'CELONIS_CLIENT_SECRET_PROD = "{PROD}"\n', [("SL012", 2, 31)], [1], id="after-code"),
    # alone on its line, it is the next line's
    pytest.param(f'# scopelint: ignore[SL012] sandbox, rotated daily\nCELONIS_CLIENT_SECRET_SANDBOX = "{SANDBOX}"\n'
                 f'CELONIS_CLIENT_SECRET_PROD = "{PROD}"\n', [("SL012", 3, 31)], [2], id="alone-above"),
])
def test_a_suppression_after_code_covers_its_own_line_only(lint_tree, text, reported, hidden):
    result = lint_tree({"settings.py": text}, Config(select=("SL000", "SL012")))
    assert triples(result.findings) == reported
    assert [f.loc.line for f in result.suppressed] == hidden


BLOCK_SCOPES = """oauth_clients:
  - name: sync
%s    scopes: >-%s
      studio.spacez
      integration.datapools
"""
WHY = "  # scopelint: ignore[SL001] names our gateway rewrites"


@pytest.mark.parametrize("above, after, hidden", [
    pytest.param("", WHY, [4, 5], id="after-the-mark"),
    pytest.param(WHY.strip() + "\n", "", [4, 5], id="alone-above-the-mark"),
    pytest.param("", "", [], id="none"),
])
def test_a_suppression_at_a_block_scalars_mark_covers_its_lines(lint_tree, above, after, hidden):
    # a comment cannot stand inside a block scalar (it would be part of the value): the mark's line is the place
    text = BLOCK_SCOPES % ("    " + above if above else "", after)
    result = lint_tree({"clients.yaml": text}, Config(select=("SL000", "SL001")))
    shift = 1 if above else 0
    assert [f.loc.line - shift for f in result.suppressed] == hidden
    assert [(f.code, f.loc.line - shift) for f in result.findings] == ([] if hidden else [("SL001", 4), ("SL001", 5)])


def test_several_codes_and_lower_case_codes(lint_tree):
    result = lint_tree({"clients.yaml": """
        oauth_clients:
          - name: legacy
            scopes:
              - Studio.Spaces   # scopelint: ignore[sl002, SL003] the 2023 tenant still has the old scope
        """}, Config(select=("SL000", "SL002", "SL003")))
    assert triples(result.findings) == []
    assert [(f.code, f.loc.line, f.loc.col) for f in result.suppressed] == [("SL002", 4, 9), ("SL003", 4, 9)]


@pytest.mark.parametrize("comment, message", [
    pytest.param("# scopelint: ignore[SL001]", "suppression of SL001 gives no reason; say why after the bracket",
                 id="no-reason"),
    pytest.param("# scopelint: ignore[SL016] duplicates are fine here",
                 "suppression of SL016 suppresses nothing; remove it", id="suppresses-nothing"),
    pytest.param("# scopelint: ignore[] the typo is intended",
                 "suppression names no rule code; write 'scopelint: ignore[SL006] reason'", id="no-code"),
])
def test_bad_suppressions_are_sl000_warnings_at_the_comment(lint_tree, comment, message):
    result = lint_tree({"clients.yaml": f"""
        oauth_clients:
          - name: nightly-erp-push
            scopes:
              - integration.datapools   {comment}
        """}, Config(select=("SL000", "SL001")))
    bad = [f for f in result.findings if f.code == "SL000"]
    assert [(f.loc.line, f.loc.col, f.level, f.message) for f in bad] == [(4, 33, "warning", message)]


def test_suppression_in_a_file_without_findings_suppresses_nothing(lint_tree):
    result = lint_tree({"ci/deploy.yaml": """
        jobs:
          deploy:
            runs-on: ubuntu-latest   # scopelint: ignore[SL012] the runner image holds no secret
        """})
    assert [(f.loc.path, f.code, f.loc.line, f.loc.col, f.level) for f in result.findings] == [
        ("ci/deploy.yaml", "SL000", 3, 30, "warning")]


def test_no_ignores_reports_the_finding_and_no_suppression_warnings(lint_tree):
    result = lint_tree({"clients.yaml": """
        oauth_clients:
          - name: nightly-erp-push
            scopes:
              - integration.datapools   # scopelint: ignore[SL001] the pool API alias our gateway rewrites
              - integration.data-pools:data_push
              - integration.data-pools:data_push   # scopelint: ignore[SL016]
              - studio.packages:read   # scopelint: ignore[SL016] suppresses nothing
        """}, Config(select=("SL000", "SL001", "SL016"), no_ignores=True))
    assert triples(result.findings) == [("SL001", 4, 9), ("SL016", 6, 9)]
    assert result.suppressed == []


def test_ignore_of_sl000_switches_off_suppression_warnings(lint_tree):
    result = lint_tree({"clients.yaml": YAML_SAME_LINE.replace(" the pool API alias our gateway rewrites", "")},
                       Config(ignore=("SL000",)))
    assert triples(result.findings) == []
    assert [f.code for f in result.suppressed] == ["SL001"]


def test_summary_counts_suppressed_findings(tmp_path, monkeypatch):
    (tmp_path / "clients.yaml").write_text(YAML_SAME_LINE.replace("\n    ", "\n").lstrip(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--select", "SL001"])
    assert result.exit_code == 0
    assert result.output == "0 findings (0 errors, 0 warnings, 0 notes), 1 suppressed, 1 file scanned\n"
    review = CliRunner().invoke(main, ["check", "--select", "SL001", "--no-ignores"])
    assert review.exit_code == 1
    assert review.output.startswith("clients.yaml:4:9: SL001 [error] unknown scope 'integration.datapools'")
    assert review.output.endswith("1 finding (1 errors, 0 warnings, 0 notes), 0 suppressed, 1 file scanned\n"
                                  "1 fixable with --fix --unsafe-fixes\n")


def test_json_leaves_suppressed_findings_out_but_counts_them(tmp_path, monkeypatch):
    (tmp_path / "clients.yaml").write_text(YAML_SAME_LINE.replace("\n    ", "\n").lstrip(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    doc = json.loads(CliRunner().invoke(main, ["check", "--select", "SL001", "--format", "json"]).output)
    assert doc["findings"] == [] and doc["summary"]["suppressed"] == 1
    kept = json.loads(CliRunner().invoke(main, ["check", "--select", "SL001", "--format", "json",
                                                "--sarif-include-suppressed"]).output)
    [finding] = kept["findings"]
    assert finding["suppressed"] is True
    assert finding["suppression_reason"] == "the pool API alias our gateway rewrites"
