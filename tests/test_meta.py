"""The rule registry, the rule modules, the rule pages and the README table tell one story."""
from __future__ import annotations

import importlib
import re
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from scopelint import catalog
from scopelint.cli import main
from scopelint.rules import BY_CODE, RULES, description, summary

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "rules"
CODES = [rule.CODE for rule in RULES]


def module_files() -> list[tuple[str, str]]:
    """(code, name) from the file names ``SL001_unknown_scope.py`` in scopelint/rules/."""
    folder = ROOT / "scopelint" / "rules"
    out = []
    for path in sorted(folder.glob("SL*.py")):
        code, _, rest = path.stem.partition("_")
        out.append((code, rest.replace("_", "-")))
    return out


def page_files() -> list[tuple[str, str]]:
    out = []
    for path in sorted(PAGES.glob("*.md")):
        code, _, name = path.stem.partition("-")
        out.append((code, name))
    return out


def readme_table() -> list[tuple[str, str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Rules\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        m = re.match(r"^\| \[?(SL\d{3})\]?(?:\(rules/([^)]+)\))? \| ([a-z-]+) \| (\w+) \|", line)
        if m:
            code, link, name, level = m.groups()
            assert link == f"{code}-{name}.md", line
            rows.append((code, name, level))
    return rows


def test_registry_modules_pages_and_readme_agree_in_order():
    registry = [(rule.CODE, rule.NAME) for rule in RULES]
    assert registry == module_files()
    assert registry == page_files()
    assert [(rule.CODE, rule.NAME, rule.LEVEL) for rule in RULES] == readme_table()
    assert CODES == [f"SL{i:03d}" for i in range(len(RULES))]


def test_codes_and_names_are_unique():
    assert len(set(CODES)) == len(CODES) == len(BY_CODE)
    assert len({rule.NAME for rule in RULES}) == len(RULES)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.NAME) for rule in RULES)


def test_every_rule_module_is_registered_under_its_file_name():
    for code, name in module_files():
        module = importlib.import_module(f"scopelint.rules.{code}_{name.replace('-', '_')}")
        assert BY_CODE[code] is module
        assert module.LEVEL in ("error", "warning", "note")
        assert callable(module.check)


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_docstring_first_line_is_a_sentence(rule):
    first = summary(rule)
    assert re.fullmatch(r"[A-Z][^\n]{15,120}\.", first), first
    assert not first.endswith(".."), first
    assert len(description(rule)) > len(first), "the docstring needs a paragraph after its first line"


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_page_has_title_level_examples_fix_suppression_and_references(rule):
    text = (PAGES / f"{rule.CODE}-{rule.NAME}.md").read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# {rule.CODE} {rule.NAME}"
    level = re.search(r"^- \*\*Level:\*\* (\w+)", text, re.M)
    assert level and level.group(1) == rule.LEVEL
    for heading in ("## What it checks", "## Why it matters", "## Example", "## How to fix", "## Options",
                    "## Suppressing it", "## References"):
        assert f"\n{heading}\n" in text, heading
    example = text.split("## Example", 1)[1].split("\n## ", 1)[0]
    assert "Failing:" in example and "Passing:" in example
    assert example.count("```") >= 4, "a failing and a passing snippet"
    assert f"scopelint: ignore[{rule.CODE}]" in text
    assert "Celonis" in text.split("## References", 1)[1]


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_page_options_name_every_rule_option(rule):
    text = (PAGES / f"{rule.CODE}-{rule.NAME}.md").read_text(encoding="utf-8")
    options = text.split("## Options", 1)[1].split("\n## ", 1)[0]
    for key, default in getattr(rule, "OPTIONS", {}).items():
        assert f"`{key}`" in options
        assert f"`{key}` (default `{default!r}`)".replace("'", '"') in text


def test_page_links_point_at_existing_pages():
    for page in PAGES.glob("*.md"):
        for target in re.findall(r"\]\((SL\d{3}-[a-z-]+\.md)\)", page.read_text(encoding="utf-8")):
            assert (PAGES / target).is_file(), f"{page.name} links to {target}"


def test_sl017_page_lists_the_catalog_risk_tiers():
    text = (PAGES / "SL017-unjustified-sensitive-scope.md").read_text(encoding="utf-8")
    table = {m.group(1): set(re.findall(r"`([^`]+)`", m.group(2)))
             for m in re.finditer(r"^\| (critical|high) \| (.+) \|$", text, re.M)}
    scopes = catalog.shipped().scopes.values()
    assert table == {tier: {s.name for s in scopes if s.risk == tier} for tier in ("critical", "high")}


def test_pages_ship_as_package_data():
    page = resources.files("scopelint").joinpath("data/rules/SL001-unknown-scope.md")
    assert page.is_file()
    assert page.read_text(encoding="utf-8").startswith("# SL001 unknown-scope\n")


def test_explain_prints_the_page():
    result = CliRunner().invoke(main, ["explain", "SL006"])
    assert result.exit_code == 0
    assert result.output == (PAGES / "SL006-unused-scope.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["sl006", "unused-scope"])
def test_explain_accepts_lower_case_codes_and_rule_names(name):
    result = CliRunner().invoke(main, ["explain", name])
    assert result.exit_code == 0
    assert result.output.startswith("# SL006 unused-scope\n")


def test_explain_a_scope():
    result = CliRunner().invoke(main, ["explain", "integration.data-pools:data_push"])
    assert result.exit_code == 0
    assert result.output.startswith("# integration.data-pools:data_push\n")
    assert "- permission service: Data Integration" in result.output
    assert "/integration/api/v1/data-push/" in result.output


def test_explain_shows_the_status_and_where_an_observed_scope_was_seen():
    documented = CliRunner().invoke(main, ["explain", "integration.data-pools:data_push"])
    assert "- status: documented\n" in documented.output and "- seen in:" not in documented.output
    observed = CliRunner().invoke(main, ["explain", "pql-assistant:generation"])
    assert observed.exit_code == 0
    lines = observed.output.splitlines()
    assert "- status: observed (not yet in the Celonis documentation; used by a public Celonis client)" in lines
    assert ("- seen in: Celonis Cursor plugin (celonis/celonis-cursor-plugin), mcp.json "
            "mcpServers.celonis.auth.scopes; public client cursor_mcp, authorization code with PKCE") in lines


@pytest.mark.parametrize("fmt", ["table", "json", "yaml"])
def test_catalog_command_shows_the_status(fmt):
    import json

    import yaml

    result = CliRunner().invoke(main, ["catalog", "--format", fmt])
    assert result.exit_code == 0
    if fmt == "table":
        rows = {line.split()[0]: line.split() for line in result.output.splitlines()[2:-3] if line.strip()}
        assert rows["scope"][4] == "status"
        assert rows["studio-mcp"][1:6] == ["MCP", "write", "high", "observed", "-"]
        assert rows["studio"][4] == "documented"
        assert result.output.splitlines()[-1].startswith("observed: 6 scope(s) used by public Celonis clients")
        return
    data = json.loads(result.output) if fmt == "json" else yaml.safe_load(result.output)
    by = {s["name"]: s for s in data["scopes"]}
    assert by["data-pipelines:manage"]["status"] == "observed" and "cursor_mcp" in by["data-pipelines:manage"]["source"]
    assert by["studio"]["status"] == "documented" and by["studio"]["source"] is None


def test_explain_a_retired_scope_names_the_replacement():
    result = CliRunner().invoke(main, ["explain", "studio.spaces"])
    assert result.exit_code == 0
    assert result.output.startswith("# studio.spaces\n")
    assert "use 'studio'" in result.output


@pytest.mark.parametrize("name, hint", [
    pytest.param("frobnicate", "", id="nonsense"),
    pytest.param("SL999", "", id="unknown-code"),
    pytest.param("integration.datapoolz", "; did you mean 'integration.data-pools'?", id="near-scope"),
    pytest.param("unused-scopes", "; did you mean 'unused-scope'?", id="near-rule-name"),
])
def test_explain_nonsense_exits_2_with_one_line(name, hint):
    result = CliRunner().invoke(main, ["explain", name])
    assert result.exit_code == 2
    assert result.output == (
        f"scopelint: error: {name!r} is neither a rule code, a rule name nor a scope in the catalog{hint}\n")
