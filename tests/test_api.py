"""The Python API: ``scopelint.lint(paths, config=None) -> list[Finding]`` never prints or exits."""
from __future__ import annotations

import pytest
from tests.conftest import write_tree

import scopelint
from scopelint.catalog import CatalogError
from scopelint.config import ConfigError, from_mapping

TREE = {
    "clients.yaml": """
        oauth_clients:
          - name: hr-user-sync
            grant_type: password
            scopes:
              - user-provisioning.scim
              - integration.datapools
    """,
    "broken.json": '{"oauth_clients": [}\n',
    "logo.yaml": b"\x00\x01\x02",
}


@pytest.fixture
def tree(tmp_path, monkeypatch):
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_lint_returns_sorted_findings_and_prints_nothing(tree, capsys):
    findings = scopelint.lint(["."])
    assert [(f.loc.path, f.loc.line, f.loc.col, f.code) for f in findings] == [
        ("broken.json", 1, 20, "SL000"),
        ("clients.yaml", 3, 17, "SL010"),
        ("clients.yaml", 5, 9, "SL008"),
        ("clients.yaml", 5, 9, "SL017"),
        ("clients.yaml", 6, 9, "SL001"),
    ]
    assert findings == sorted(findings)
    assert all(isinstance(f, scopelint.Finding) for f in findings)
    first = findings[1]
    assert (first.name, first.level, first.client) == ("unsupported-grant-type", "error", "hr-user-sync")
    assert capsys.readouterr() == ("", "")


def test_lint_defaults_to_the_current_directory(tree, capsys):
    assert [f.code for f in scopelint.lint()] == ["SL000", "SL010", "SL008", "SL017", "SL001"]
    assert capsys.readouterr() == ("", "")


def test_lint_with_config_and_missing_paths_does_not_exit(tree, capsys):
    config = from_mapping({"select": ["SL001", "SL010"], "rules": {"SL010": {"level": "warning"}}})
    findings = scopelint.lint(["clients.yaml", "does-not-exist"], config)
    assert [(f.code, f.level) for f in findings] == [("SL010", "warning"), ("SL001", "error")]
    assert capsys.readouterr() == ("", "")


def test_lint_reads_the_config_it_discovers(tree):
    (tree / ".scopelint.toml").write_text('ignore = ["SL0"]\n', encoding="utf-8")
    assert scopelint.lint(["."]) == []


def test_findings_serialise_without_secrets_or_surprises(tree):
    finding = scopelint.lint(["clients.yaml"])[-1]
    data = finding.to_dict()
    assert data["code"] == "SL001" and data["line"] == 6 and data["column"] == 9
    assert data["scope"] == "integration.datapools"
    assert len(data["fingerprint"]) == 32


@pytest.mark.parametrize("raw, message", [
    pytest.param({"colour": "blue"}, "unknown key(s) 'colour'", id="unknown-key"),
    pytest.param({"select": ["SL404"]}, "unknown rule code 'SL404'", id="unknown-code"),
    pytest.param({"fail-on": "sometimes"}, "'fail-on' must be one of", id="bad-choice"),
    pytest.param({"rules": {"SL017": {"risks": "high"}}}, "rules.SL017.risks must be a list", id="bad-type"),
])
def test_bad_config_raises_config_error(raw, message):
    with pytest.raises(ConfigError) as info:
        from_mapping(raw, "api")
    assert str(info.value).startswith("api: ")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_bad_catalog_raises_catalog_error(tree):
    with pytest.raises(CatalogError, match="cannot read catalog 'missing.yaml'"):
        scopelint.lint(["."], from_mapping({"catalog": "missing.yaml"}))


def test_public_names():
    assert scopelint.__all__ == ["Finding", "Location", "lint", "__version__"]
    assert scopelint.__version__.count(".") == 2
