"""Configuration: found by walking up, validated strictly, merged defaults < file < command line."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from tests.conftest import write_tree

from scopelint.cli import main
from scopelint.config import Config, ConfigError, from_mapping

# one error (SL001), one warning (SL017, 'studio' is high risk and unjustified)
CLIENTS = """
    oauth_clients:
      - name: studio-sync
        scopes:
          - studio
          - integration.datapools
    """
SL001 = "clients.yaml:5:9: SL001 [error]"
SL017 = "clients.yaml:4:9: SL017 [warning]"
EXTRA_CATALOG = """
    version: acme-1
    scopes:
      - {name: acme.reports:read, group: Custom, description: "Reads ACME reports", access: read, risk: low}
    apis:
      - {prefix: /acme-reports/api/, scopes: [acme.reports:read], confidence: DOC}
    """
CUSTOM_CLIENT = """
    oauth_clients:
      - name: acme-reports
        scopes: [acme.reports:read]
    """


@pytest.fixture
def cli(tmp_path, monkeypatch):
    """Write files, chdir into ``cwd`` (relative to the tree) and run ``scopelint``."""

    def _cli(files: dict[str, str], *args: str, cwd: str = "."):
        write_tree(tmp_path, files)
        monkeypatch.chdir(tmp_path / cwd)
        return CliRunner().invoke(main, list(args))

    return _cli


def codes(output: str) -> list[str]:
    return [line.split(": ", 2)[1].split()[0] for line in output.splitlines() if ": SL" in line]


# --------------------------------------------------------------------------- discovery


def test_defaults_without_config(cli):
    result = cli({"clients.yaml": CLIENTS}, "check")
    assert result.exit_code == 1
    assert SL001 in result.output and SL017 in result.output


def test_pyproject_tool_section(cli):
    result = cli({"clients.yaml": CLIENTS, "pyproject.toml": """
        [project]
        name = "acme-etl"

        [tool.scopelint]
        ignore = ["SL001"]
        """}, "check")
    assert result.exit_code == 0, result.output
    assert codes(result.output) == ["SL017"]


def test_pyproject_without_tool_section_is_passed_over(cli):
    result = cli({
        "pyproject.toml": '[project]\nname = "acme"\n',
        "service/pyproject.toml": '[project]\nname = "service"\n',
        "service/clients.yaml": CLIENTS,
        ".scopelint.toml": 'ignore = ["SL017"]\n',
    }, "check", ".", cwd="service")
    assert codes(result.output) == ["SL001"]


def test_scopelint_toml(cli):
    result = cli({"clients.yaml": CLIENTS, ".scopelint.toml": 'select = ["SL01"]\n'}, "check")
    assert result.exit_code == 0
    assert codes(result.output) == ["SL017"]


def test_scopelint_yaml(cli):
    result = cli({"clients.yaml": CLIENTS, ".scopelint.yaml": "select: [SL017]\nfail-on: warning\n"}, "check")
    assert result.exit_code == 1
    assert codes(result.output) == ["SL017"]


def test_config_found_by_walking_up_from_the_first_path(cli):
    files = {"teams/erp/clients.yaml": CLIENTS, ".scopelint.toml": 'ignore = ["SL017"]\n'}
    from_root = cli(files, "check", "teams/erp")
    assert codes(from_root.output) == ["SL001"]
    from_inside = cli(files, "check", cwd="teams/erp")
    assert codes(from_inside.output) == ["SL001"]
    assert SL001 in from_inside.output


def test_nearest_config_wins(cli):
    result = cli({
        ".scopelint.toml": 'ignore = ["SL017"]\n',
        "teams/erp/.scopelint.yaml": "ignore: [SL001]\n",
        "teams/erp/clients.yaml": CLIENTS,
    }, "check", "teams/erp")
    assert codes(result.output) == ["SL017"]


def test_explicit_config_file(cli):
    result = cli({"clients.yaml": CLIENTS, ".scopelint.toml": 'ignore = ["SL017"]\n',
                  "ci/strict.toml": 'select = ["SL017"]\n'}, "check", "--config", "ci/strict.toml")
    assert codes(result.output) == ["SL017"]


# --------------------------------------------------------------------------- select / ignore / fail-on / levels


@pytest.mark.parametrize("args, expected", [
    pytest.param(("--select", "SL00"), ["SL001"], id="select-prefix"),
    pytest.param(("--select", "SL001,SL017"), ["SL017", "SL001"], id="select-comma-list"),
    pytest.param(("--ignore", "SL0"), [], id="ignore-prefix"),
    pytest.param(("--select", "SL0", "--ignore", "SL001"), ["SL017"], id="select-and-ignore"),
    pytest.param(("--ignore", "sl017"), ["SL001"], id="lower-case-code"),
])
def test_select_and_ignore_on_the_command_line(cli, args, expected):
    result = cli({"clients.yaml": CLIENTS}, "check", *args)
    assert codes(result.output) == expected


def test_command_line_ignore_adds_to_config_ignore(cli):
    result = cli({"clients.yaml": CLIENTS, ".scopelint.toml": 'ignore = ["SL001"]\n'}, "check", "--ignore", "SL017")
    assert result.exit_code == 0
    assert codes(result.output) == []


@pytest.mark.parametrize("config, args, exit_code", [
    pytest.param('fail-on = "warning"\nselect = ["SL017"]\n', (), 1, id="config-warning-with-warning"),
    pytest.param('fail-on = "warning"\nselect = ["SL017"]\n', ("--fail-on", "error"), 0, id="cli-overrides-config"),
    pytest.param('fail-on = "never"\n', (), 0, id="config-never"),
    pytest.param('fail-on = "never"\n', ("--fail-on", "error"), 1, id="cli-error-over-config-never"),
    pytest.param('select = ["SL017"]\n', (), 0, id="default-error-with-warning-only"),
])
def test_fail_on(cli, config, args, exit_code):
    result = cli({"clients.yaml": CLIENTS, ".scopelint.toml": config}, "check", *args)
    assert result.exit_code == exit_code, result.output
    assert "SL017" in result.output


def test_rule_level_changes_the_exit_code(cli):
    files = {"clients.yaml": CLIENTS}
    before = cli(files, "check", "--select", "SL017")
    assert before.exit_code == 0 and SL017 in before.output
    after = cli({**files, "pyproject.toml": """
        [tool.scopelint.rules.SL017]
        level = "error"
        """}, "check", "--select", "SL017")
    assert after.exit_code == 1
    assert "clients.yaml:4:9: SL017 [error] high-risk scope 'studio'" in after.output
    assert "1 finding (1 errors, 0 warnings, 0 notes)" in after.output


def test_rule_option_risks(cli):
    result = cli({"clients.yaml": CLIENTS + """
      - name: entra-scim
        scopes: [user-provisioning.scim]
        permissions: [{service: User Provisioning, scim: true}]
    """, ".scopelint.yaml": "rules:\n  SL017:\n    risks: [critical]\n"}, "check", "--select", "SL017")
    assert codes(result.output) == ["SL017"]
    assert "clients.yaml:8:14: SL017 [warning] critical-risk scope 'user-provisioning.scim'" in result.output


def test_per_path_ignores_are_relative_to_the_config_file(cli):
    files = {
        "pyproject.toml": '[tool.scopelint.per-path-ignores]\n"examples/**" = ["SL001", "SL017"]\n',
        "examples/clients.yaml": CLIENTS,
        "etl/clients.yaml": CLIENTS.replace("studio-sync", "etl-sync"),
    }
    result = cli(files, "check")
    assert [line.split(": ")[0] for line in result.output.splitlines() if ": SL" in line] == [
        "etl/clients.yaml:4:9", "etl/clients.yaml:5:9"]
    from_below = cli(files, "check", ".", cwd="examples")
    assert from_below.exit_code == 0, from_below.output
    assert codes(from_below.output) == []


def test_exclude_from_config(cli):
    result = cli({".scopelint.toml": 'exclude = ["vendor/**"]\n', "vendor/clients.yaml": CLIENTS,
                  "clients.yaml": CLIENTS.replace("studio-sync", "own")}, "check", "--select", "SL001")
    assert result.output.startswith(SL001)
    assert "vendor/" not in result.output


def test_check_suggest_and_review_find_the_same_config_above_the_file(cli):
    """One discovery: a catalog extension named in a config two folders up reaches all three commands."""
    files = {
        ".scopelint.toml": 'catalog = "catalog/acme-scopes.yaml"\n',
        "catalog/acme-scopes.yaml": EXTRA_CATALOG,
        "team/reports/clients.yaml": CUSTOM_CLIENT,
        "team/reports/job.py": 'import requests\nrequests.get("https://acme.celonis.cloud/acme-reports/api/v1/daily")\n',
    }
    checked = cli(files, "check", "team/reports")
    assert checked.exit_code == 0 and checked.output.startswith("0 findings"), checked.output
    suggested = cli(files, "suggest", "team/reports", "--format", "json")
    assert suggested.exit_code == 0, suggested.output
    assert json.loads(suggested.output)["suggestions"][0]["suggested"] == ["acme.reports:read"]
    reviewed = cli(files, "review", "team/reports/clients.yaml", "--format", "json")
    assert reviewed.exit_code == 0, reviewed.output
    review = json.loads(reviewed.output)
    assert review["catalog"]["extensions"] == ["catalog/acme-scopes.yaml"]
    scope = review["clients"][0]["scopes"][0]
    assert (scope["name"], scope["known"], review["clients"][0]["verdict"]) == ("acme.reports:read", True, "approve")


def test_for_paths_explicit_nearest_or_defaults(tmp_path, monkeypatch):
    from scopelint.config import for_paths

    write_tree(tmp_path, {"a/.scopelint.toml": 'ignore = ["SL017"]\n', "a/b/clients.yaml": CLIENTS,
                          "other.yaml": 'fail-on: warning\n'})
    monkeypatch.chdir(tmp_path)
    assert for_paths(["a/b/clients.yaml"]).ignore == ("SL017",)
    assert for_paths(["a/b/clients.yaml"], "other.yaml").fail_on == "warning"
    assert for_paths(["."]) == Config()
    with pytest.raises(ConfigError, match="config file 'missing.toml' does not exist"):
        for_paths(["."], "missing.toml")


# --------------------------------------------------------------------------- catalog extensions


def test_catalog_from_config_is_relative_to_the_config_file(cli):
    files = {
        ".scopelint.toml": 'catalog = "catalog/acme-scopes.yaml"\n',
        "catalog/acme-scopes.yaml": EXTRA_CATALOG,
        "reports/clients.yaml": CUSTOM_CLIENT,
    }
    result = cli(files, "check", ".", cwd="reports")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("0 findings")
    shown = cli(files, "catalog", cwd="reports")
    assert "extended by: ../catalog/acme-scopes.yaml" in shown.output


def test_custom_scope_is_unknown_without_the_extension(cli):
    # a namespace Celonis is not known to use: a warning that says how to extend the catalog
    result = cli({"clients.yaml": CUSTOM_CLIENT}, "check")
    assert result.exit_code == 0, result.output
    assert ("clients.yaml:3:14: SL001 [warning] scope 'acme.reports:read' is not in the catalog 2026.12.0 "
            "(2026-12-01)") in result.output
    assert "--catalog FILE or the config key 'catalog'" in result.output
    failing = cli({"clients.yaml": CUSTOM_CLIENT}, "check", "--fail-on", "warning")
    assert failing.exit_code == 1


def test_catalog_on_the_command_line(cli):
    files = {"acme-scopes.yaml": EXTRA_CATALOG, "clients.yaml": CUSTOM_CLIENT}
    result = cli(files, "check", "--catalog", "acme-scopes.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["findings"] == []
    assert doc["catalog"]["extensions"] == ["acme-scopes.yaml"]


def test_unknown_scope_message_names_the_extended_catalog(cli):
    files = {"acme-scopes.yaml": EXTRA_CATALOG, "clients.yaml": CLIENTS}
    result = cli(files, "check", "--catalog", "acme-scopes.yaml", "--select", "SL001")
    assert "(catalog 2026.12.0 + 1 extension(s))" in result.output


def test_catalog_command_shows_extensions(cli):
    files = {"acme-scopes.yaml": EXTRA_CATALOG}
    result = cli(files, "catalog", "--catalog", "acme-scopes.yaml")
    assert result.exit_code == 0
    assert "extended by: acme-scopes.yaml" in result.output
    row = next(line for line in result.output.splitlines() if line.startswith("acme.reports:read "))
    assert row.split() == ["acme.reports:read", "Custom", "read", "low", "documented", "-", "extension:",
                           "acme-scopes.yaml"]
    data = json.loads(cli(files, "catalog", "--catalog", "acme-scopes.yaml", "--format", "json").output)
    [scope] = [s for s in data["scopes"] if s["name"] == "acme.reports:read"]
    assert scope["origin"] == "acme-scopes.yaml" and scope["apis"] == ["/acme-reports/api/"]


def test_catalog_command_reads_the_config(cli):
    result = cli({".scopelint.yaml": "catalog: [acme-scopes.yaml]\n", "acme-scopes.yaml": EXTRA_CATALOG}, "catalog")
    assert "extended by: acme-scopes.yaml" in result.output


def test_overriding_a_shipped_scope_is_shown(cli):
    files = {"override.yaml": """
        scopes:
          - {name: studio, group: Studio, description: "Studio, as our tenant has it", access: write, risk: critical}
        """}
    result = cli(files, "catalog", "--catalog", "override.yaml")
    assert "shipped scopes overridden: studio" in result.output


# --------------------------------------------------------------------------- errors


BAD_CONFIGS = [
    pytest.param(".scopelint.toml", 'colour = "blue"\n', "unknown key(s) 'colour'", id="unknown-key"),
    pytest.param("pyproject.toml", '[tool.scopelint]\nfail_on = "sometimes"\n',
                 "'fail-on' must be one of error, warning, note, never, not 'sometimes'", id="bad-fail-on"),
    pytest.param(".scopelint.toml", 'select = ["SL099"]\n', "unknown rule code 'SL099'", id="unknown-select-code"),
    pytest.param(".scopelint.yaml", "ignore: [SL1]\n", "unknown rule code 'SL1'", id="unknown-ignore-code"),
    pytest.param(".scopelint.toml", "select = 5\n", "'select' must be a list of strings", id="select-not-a-list"),
    pytest.param(".scopelint.toml", '[rules.SL099]\nlevel = "error"\n', "unknown rule code 'SL099' in 'rules'",
                 id="unknown-rule-table"),
    pytest.param(".scopelint.toml", '[rules.SL017]\nlevel = "fatal"\n', "'rules.SL017.level' must be one of",
                 id="bad-level"),
    pytest.param(".scopelint.toml", '[rules.SL017]\nrisks = "critical"\n', "rules.SL017.risks must be a list",
                 id="option-wrong-type"),
    pytest.param(".scopelint.toml", '[rules.SL017]\nrisks = ["extreme"]\n',
                 "rules.SL017.risks may only hold low, medium, high, critical, not 'extreme'", id="option-bad-value"),
    pytest.param(".scopelint.toml", '[rules.SL001]\nrisks = ["high"]\n', "unknown setting 'risks' for SL001",
                 id="option-of-another-rule"),
    pytest.param(".scopelint.toml", "[rules]\nSL017 = \"error\"\n", "rules.SL017 must be a table of settings",
                 id="rule-not-a-table"),
    pytest.param(".scopelint.toml", '[per-path-ignores]\n"tests/**" = ["SL12"]\n', "unknown rule code 'SL12'",
                 id="per-path-unknown-code"),
    pytest.param(".scopelint.toml", 'per-path-ignores = ["tests/**"]\n',
                 "'per-path-ignores' must map globs to lists of codes", id="per-path-not-a-table"),
    pytest.param(".scopelint.toml", 'max-file-size = "2MB"\n', "'max-file-size' must be a whole number of bytes from 1,000 to 1,073,741,824, not '2MB'",
                 id="max-file-size-string"),
    pytest.param(".scopelint.toml", "max-file-size = 0\n", "'max-file-size' must be a whole number of bytes from 1,000",
                 id="max-file-size-zero"),
    pytest.param(".scopelint.toml", 'follow-symlinks = "yes"\n', "'follow-symlinks' must be true or false",
                 id="follow-symlinks-string"),
    pytest.param(".scopelint.toml", "catalog = [1]\n", "'catalog' must be a list of strings", id="catalog-number"),
    pytest.param(".scopelint.toml", 'catalog = "missing.yaml"\n', "cannot read catalog 'missing.yaml'",
                 id="catalog-missing"),
    pytest.param(".scopelint.toml", "select = [\n", "cannot parse config", id="toml-syntax"),
    pytest.param(".scopelint.yaml", "- select\n", "configuration must be a mapping", id="yaml-not-a-mapping"),
    pytest.param(".scopelint.yaml", "select: [SL001\n", "cannot parse config", id="yaml-syntax"),
]


@pytest.mark.parametrize("name, content, message", BAD_CONFIGS)
def test_bad_config_exits_2_with_one_line(cli, name, content, message):
    result = cli({name: content, "clients.yaml": CLIENTS}, "check")
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1, result.output
    assert result.output.startswith("scopelint: error: ")
    assert message in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("args, message", [
    pytest.param(("--select", "SL999"), "--select: unknown rule code 'SL999'", id="select"),
    pytest.param(("--ignore", "XY001"), "--ignore: unknown rule code 'XY001'", id="ignore"),
    pytest.param(("--config", "missing.toml"), "config file 'missing.toml' does not exist", id="missing-config"),
    pytest.param(("--catalog", "missing.yaml"), "cannot read catalog 'missing.yaml'", id="missing-catalog"),
])
def test_bad_command_line_exits_2_with_one_line(cli, args, message):
    result = cli({"clients.yaml": CLIENTS}, "check", *args)
    assert result.exit_code == 2
    assert result.output == f"scopelint: error: {result.output.split('error: ', 1)[1]}"
    assert message in result.output and result.output.count("\n") == 1


def test_bad_catalog_extension_names_the_file_and_entry(cli):
    result = cli({"bad.yaml": "scopes:\n  - {name: acme.x, access: everything}\n", "clients.yaml": CLIENTS},
                 "check", "--catalog", "bad.yaml")
    assert result.exit_code == 2
    assert result.output == "scopelint: error: bad.yaml: 'acme.x': access must be one of read, write, admin\n"


# --------------------------------------------------------------------------- from_mapping


def test_from_mapping_merges_over_defaults():
    cfg = from_mapping({"select": ["SL0"], "ignore": "SL018", "fail_on": "warning",
                        "rules": {"SL017": {"level": "error", "risks": ["critical"]}},
                        "per-path-ignores": {"examples/**": ["SL012"]}}, "test")
    assert cfg.select == ("SL0",) and cfg.ignore == ("SL018",) and cfg.fail_on == "warning"
    assert cfg.levels == {"SL017": "error"}
    assert cfg.options_for("SL017", {"risks": ["high", "critical"]}) == {"risks": ["critical"]}
    assert cfg.per_path_ignores == (("examples/**", ("SL012",)),)
    assert cfg.enabled("SL005") and not cfg.enabled("SL018") and not cfg.enabled("SL101")
    assert Config().enabled("SL018")


def test_from_mapping_rejects_unknown_keys_naming_them():
    with pytest.raises(ConfigError, match=r"^here: unknown key\(s\) 'colour', 'size'"):
        from_mapping({"colour": "blue", "size": 3, "select": ["SL001"]}, "here")
