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
from scopelint.config import Config
from scopelint.project import Project
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
        m = re.match(r"^\| \[?(SL\d{3})\]?(?:\(rules/([^)]+)\))? \| ([a-z-]+) \| (\w+) \|(.*)\|$", line)
        if m:
            code, link, name, level, what = m.groups()
            assert link == f"{code}-{name}.md", line
            assert len(what.strip()) > 10, f"{code}: the README row says what the rule flags"
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


# --- a rule's metadata lives in its module; everything else derives from RULES ---------------

@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_every_rule_module_defines_every_metadata_field_with_a_valid_value(rule):
    from scopelint.findings import LEVELS
    from scopelint.rules import CATEGORIES, FIELDS, PRECISIONS

    for field, kind in FIELDS.items():
        assert field in vars(rule), f"{rule.__name__} does not define {field}"
        assert type(getattr(rule, field)) is kind, field
    assert re.fullmatch(r"SL\d{3}", rule.CODE)
    assert rule.LEVEL in LEVELS
    assert rule.PRECISION in PRECISIONS
    assert re.fullmatch(r"\d\.\d", rule.SECURITY_SEVERITY) and 0.0 < float(rule.SECURITY_SEVERITY) < 10.0
    assert rule.CATEGORY in CATEGORIES
    assert rule.CWE == "" or re.fullmatch(r"[1-9]\d*", rule.CWE)
    assert not rule.REJECTS or rule.LEVEL == "error", "review rejects on error-level findings only"


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_sarif_descriptor_properties_are_the_module_values(rule):
    from scopelint.reporters.sarif_rules import descriptors

    found, index = descriptors()
    desc = found[index[rule.CODE]]
    assert (desc.id, desc.name, desc.default_configuration.level) == (rule.CODE, rule.NAME, rule.LEVEL)
    assert desc.properties["security-severity"] == rule.SECURITY_SEVERITY
    assert desc.properties["precision"] == rule.PRECISION
    cwe = [f"external/cwe/cwe-{rule.CWE}"] if rule.CWE else []
    assert desc.properties["tags"] == ["security", "oauth", rule.CATEGORY, *cwe]


def test_review_rejects_exactly_on_errors_of_rules_that_say_so():
    from scopelint.findings import Finding, Location
    from scopelint.review.model import POLICY, REJECT
    from scopelint.review.verdict import decide
    from scopelint.rules import REJECT_CODES

    assert REJECT_CODES == {rule.CODE for rule in RULES if rule.REJECTS}
    assert {"SL012", "SL013", "SL010"} <= REJECT_CODES and "SL006" not in REJECT_CODES
    for rule in RULES:
        finding = Finding(Location("clients.yaml", 3, 5), rule.CODE, "a problem", name=rule.NAME, level="error")
        verdict, reasons = decide((), [finding], None)
        assert (verdict == REJECT) is rule.REJECTS, rule.CODE
        assert reasons[0].text.startswith(f"{rule.CODE} {rule.NAME}: a problem")
        warning = finding.with_(level="warning")
        assert decide((), [warning], None)[0] != REJECT, "only error-level findings reject"
    listed = re.search(r"reject: an error-level finding of ([^,]+(?:, [^,]+)*?) or (SL\d{3}),", POLICY)
    assert listed and set(listed.group(1).split(", ")) | {listed.group(2)} == REJECT_CODES


def test_readme_verdict_table_names_the_rejecting_rules():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    row = re.search(r"^\| `reject` \| an error-level finding of (.+?), or a critical", text, re.M)
    assert row, "the README states the verdict policy"
    from scopelint.rules import REJECT_CODES

    assert set(re.findall(r"SL\d{3}", row.group(1))) == REJECT_CODES


def test_secret_rules_get_a_one_character_caret_in_text_output():
    from scopelint.findings import Finding, Location
    from scopelint.reporters import Context
    from scopelint.reporters.text import _line
    from scopelint.rules import SECRET_CODES

    assert SECRET_CODES == {rule.CODE for rule in RULES if rule.SECRET} == {"SL012", "SL013"}
    for rule in RULES:
        loc = Location("app.py", 4, 10, 4, 30)
        f = Finding(loc, rule.CODE, "m", name=rule.NAME, level=rule.LEVEL, snippet="x = " + "*" * 8)
        caret = _line(f, Context(color=True)).splitlines()[-1]
        assert caret.count("^") == (1 if rule.SECRET else 20), rule.CODE


def test_config_accepts_every_code_and_names_the_range_of_known_codes():
    from scopelint.config import ConfigError, check_codes

    assert check_codes(CODES, "--select") == tuple(CODES)
    with pytest.raises(ConfigError, match=rf"unknown rule code 'SL999' \(known: SL000-{CODES[-1]}\)"):
        check_codes(["SL999"], "--select")


def test_no_module_outside_the_rules_names_a_rule_code():
    """Apart from SL000, which the pipeline itself reports, code outside scopelint/rules/ refers to
    rules through RULES and their metadata, never by a literal code."""
    import ast

    package = ROOT / "scopelint"
    hits = []
    for path in package.rglob("*.py"):
        if path.parent == package / "rules":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"SL\d{3}", node.value):
                if node.value != "SL000":
                    hits.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    assert hits == []


def test_oauth_defaults_have_one_home():
    """Grant types and auth methods are spelled in scopelint/oauth.py only (extractors map other
    tools' vocabularies onto them and may name them)."""
    package = ROOT / "scopelint"
    for path in package.rglob("*.py"):
        if path.name == "oauth.py" or "extractors" in path.parts:
            continue
        code = re.sub(r'"""[\s\S]*?"""', "", path.read_text(encoding="utf-8"))  # docstrings may explain them
        for word in ("client_secret_basic", "client_secret_post", "client_credentials"):
            assert f'"{word}"' not in code and f"'{word}'" not in code, f"{path.relative_to(ROOT)} spells {word}"


NEW_RULE = '''"""Flag a client whose name says it is temporary.

Temporary clients outlive their purpose; give the client a lasting name or delete it.
"""
from __future__ import annotations

from scopelint.findings import Finding

CODE = "{code}"
NAME = "temporary-client"
LEVEL = "error"
PRECISION = "low"
SECURITY_SEVERITY = "1.5"
CATEGORY = "correctness"
CWE = "1059"
REJECTS = True
SECRET = True


def check(project, options):
    for client in project.clients:
        if client.name.startswith("tmp"):
            yield Finding(client.loc, CODE, f"client {{client.name!r}} is temporary", client=client.name)
'''


def test_adding_a_rule_is_its_module_and_its_page(tmp_path):
    """A copy of the package with one more rule module and page: the rule runs, and SARIF, the
    review policy, secret masking and config validation all know it, with no other edit."""
    import shutil
    import subprocess
    import sys

    code = f"SL{len(RULES):03d}"
    shutil.copytree(ROOT / "scopelint", tmp_path / "scopelint", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PAGES, tmp_path / "rules")
    (tmp_path / "scopelint" / "rules" / f"{code}_temporary_client.py").write_text(NEW_RULE.format(code=code))
    (tmp_path / "rules" / f"{code}-temporary-client.md").write_text(f"# {code} temporary-client\n\nA page.\n")
    (tmp_path / "clients.yaml").write_text("oauth_clients:\n  - name: tmp-export\n    scopes: [studio]\n")
    probe = f'''
import json
from scopelint.config import check_codes
from scopelint.linter import lint
from scopelint.reporters.sarif_rules import descriptors
from scopelint.review.model import POLICY
from scopelint.rules import REJECT_CODES, SECRET_CODES, code_range
found, index = descriptors()
desc = found[index["{code}"]]
print(json.dumps({{
    "findings": [(f.code, f.loc.line, f.message) for f in lint(["clients.yaml"]) if f.code == "{code}"],
    "sarif": [desc.name, desc.properties, desc.help.text],
    "reject": "{code}" in REJECT_CODES and "{code}" in POLICY,
    "secret": "{code}" in SECRET_CODES,
    "select": check_codes(["{code}"], "--select"),
    "range": code_range(),
}}))
'''
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    import json

    data = json.loads(out.stdout)
    assert data["findings"] == [[code, 2, "client 'tmp-export' is temporary"]]
    assert data["sarif"][0] == "temporary-client"
    assert data["sarif"][1] == {"tags": ["security", "oauth", "correctness", "external/cwe/cwe-1059"],
                                "security-severity": "1.5", "precision": "low"}
    assert data["sarif"][2].startswith(f"# {code} temporary-client")
    assert data["reject"] and data["secret"]
    assert data["select"] == [code] and data["range"] == f"SL000-{code}"


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_every_rule_has_its_own_test_module_that_lints_with_it(rule):
    path = ROOT / "tests" / "rules" / f"test_{rule.CODE}_{rule.NAME.replace('-', '_')}.py"
    assert path.is_file(), f"{rule.CODE} needs {path.relative_to(ROOT)}"
    text = path.read_text(encoding="utf-8")
    assert re.search(r"\[\],\s*(?:\w+=)?(?:id=|\))|== \[\]", text), "the module has a clean case"
    assert re.search(rf"\(\"{rule.CODE}\", \d+, \d+", text) or re.search(rf"\"{rule.CODE}\", \"[^\"]+\", \d+, \d+", text), \
        "the module asserts positions of its findings"


@pytest.mark.parametrize("rule", RULES, ids=CODES)
@pytest.mark.parametrize("scanned", [None, ()], ids=["files-named", "tree-walked"])
def test_a_rule_finds_nothing_in_a_project_of_no_facts(rule, scanned):
    """What lets a run that read nothing of interest skip the rules (``linter.check``), never loading them."""
    project = Project.build([], catalog.shipped(), ".", scanned)
    assert list(rule.check(project, Config().options_for(rule.CODE, getattr(rule, "OPTIONS", {})))) == []


def _passing_yaml(rule) -> list[str]:
    """The YAML blocks of a page's passing example: those between ``Passing:`` and the next heading."""
    page = next(PAGES.glob(f"{rule.CODE}-*.md")).read_text(encoding="utf-8")
    passing = page.split("Passing:", 1)[1].split("\n## ", 1)[0] if "Passing:" in page else ""
    return re.findall(r"```yaml\n(.*?)```", passing, re.S)


@pytest.mark.parametrize("rule", [r for r in RULES if any("oauth_clients:" in b and "code:" not in b for b in _passing_yaml(r))],
                         ids=lambda r: r.CODE)
def test_a_pages_passing_client_definition_lints_clean(rule, lint_tree):
    """What a page shows as passing passes every rule, not only its own (a high-risk scope it grants
    comes with its justification)."""
    blocks = [b for b in _passing_yaml(rule) if "oauth_clients:" in b and "code:" not in b]  # not with the page's code
    for block in blocks:
        found = lint_tree({"clients.yaml": block}).findings
        assert [(f.code, f.loc.line, f.message) for f in found] == [], block
