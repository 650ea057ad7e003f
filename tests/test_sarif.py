"""SARIF output: the shape GitHub code scanning needs, validated by the SARIF 2.1.0 schema and the
Microsoft SARIF Multitool, fingerprints that ignore line numbers, no secrets, stable bytes."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sarif_om import Message, Region, Result

from scopelint import __version__
from scopelint.cli import main
from scopelint.reporters import Context
from scopelint.reporters.sarif import render, to_json
from scopelint.explain import rule_page
from scopelint.rules import RULES, description, summary
from tools.repo import SECRETS, acme_result
from tools.sarif_tools import ROOT, multitool, multitool_validate, schema_errors

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("SCOPELINT_UPDATE_SNAPSHOTS") == "1"


def sarif(result, include_suppressed: bool = False) -> dict:
    return json.loads(render(result, Context(include_suppressed=include_suppressed)))


def results_at(doc: dict) -> list[tuple[str, str, int, int]]:
    out = []
    for r in doc["runs"][0]["results"]:
        loc = r["locations"][0]["physicalLocation"]
        out.append((r["ruleId"], loc["artifactLocation"]["uri"], loc["region"]["startLine"], loc["region"]["startColumn"]))
    return out


@pytest.fixture
def acme(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return acme_result(tmp_path)


def test_driver_lists_every_rule_in_rules_order_with_code_scanning_metadata(acme):
    driver = sarif(acme)["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["semanticVersion"]) == ("scopelint", __version__, __version__)
    assert driver["informationUri"] == "https://github.com/scopelint/scopelint"
    assert [r["id"] for r in driver["rules"]] == [rule.CODE for rule in RULES]
    for rule, desc in zip(RULES, driver["rules"]):
        assert desc["name"] == rule.NAME
        assert desc["shortDescription"]["text"] == summary(rule)
        assert desc["fullDescription"]["text"] == description(rule)
        assert desc["help"] == {"text": rule_page(rule), "markdown": rule_page(rule)}
        assert desc["helpUri"] == f"https://github.com/scopelint/scopelint/blob/main/rules/{rule.CODE}-{rule.NAME}.md"
        assert desc["defaultConfiguration"] == {"level": rule.LEVEL}
        props = desc["properties"]
        assert "security" in props["tags"] and len(props["tags"]) <= 20
        assert isinstance(props["security-severity"], str) and 0.0 < float(props["security-severity"]) <= 10.0
        assert props["precision"] in ("very-high", "high", "medium", "low")


def test_help_falls_back_to_the_docstring_when_the_page_is_missing(monkeypatch, tmp_path):
    from scopelint import packaged

    monkeypatch.setattr(packaged, "DATA", str(tmp_path))  # a data folder without rule pages
    rule = RULES[12]
    page = rule_page(rule)
    assert page.startswith("# SL012 hardcoded-secret\n\nFlag a literal client secret")
    assert "never printed" in page


def test_security_severity_ranks_leaks_above_privilege_above_hygiene(acme):
    rules = {r["id"]: r["properties"] for r in sarif(acme)["runs"][0]["tool"]["driver"]["rules"]}
    sev = {code: float(p["security-severity"]) for code, p in rules.items()}
    assert sev["SL012"] >= 9.0 and sev["SL013"] >= 7.0 and sev["SL014"] >= 7.0  # critical / high on GitHub
    assert sev["SL012"] > sev["SL004"] > sev["SL006"] > sev["SL016"]
    assert 4.0 <= sev["SL001"] < 7.0 and sev["SL018"] < 4.0
    assert rules["SL006"]["precision"] == "medium" and rules["SL001"]["precision"] == "very-high"
    assert "external/cwe/cwe-798" in rules["SL012"]["tags"]


def test_documented_severity_table_matches_the_rules():
    import re

    doc = (ROOT / "docs" / "github-code-scanning.md").read_text()
    table = doc.split("### Severity", 1)[1]
    listed = {}
    for codes, severity in re.findall(r"^\| ((?:SL\d{3}(?:, )?)+) \| (\d+\.\d) \|", table, re.M):
        listed.update({code: severity for code in codes.split(", ")})
    assert listed == {rule.CODE: rule.SECURITY_SEVERITY for rule in RULES}


def test_results_have_rule_index_explicit_level_region_and_relative_uri(acme, tmp_path):
    doc = sarif(acme)
    run = doc["runs"][0]
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-schema-2.1.0.json")
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.resolve().as_uri() + "/"}}
    by_rule = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]): r for r in run["results"]}
    sl001 = by_rule[("SL001", 5)]
    assert sl001["ruleIndex"] == 1 and sl001["level"] == "error"
    assert sl001["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "oauth-clients.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 5, "startColumn": 9, "endLine": 5, "endColumn": 30},
    }
    assert sl001["message"]["text"].startswith("unknown scope 'integration.datapools'")
    assert sl001["properties"] == {"client": "nightly-erp-push", "scope": "integration.datapools",
                                   "catalogVersion": acme.catalog.label}
    warning = by_rule[("SL003", 6)]
    assert warning["level"] == "warning" and warning["ruleIndex"] == 3
    note = by_rule[("SL018", 4)]
    assert note["level"] == "note" and note["ruleIndex"] == 18
    for r in run["results"]:
        assert RULES[r["ruleIndex"]].CODE == r["ruleId"]


def test_explicit_warning_level_survives_serialisation():
    # sarif-om's class default is 'warning': a serializer that drops defaults would drop it
    out = to_json(Result(message=Message(text="x"), level="warning", rule_id="SL006", rule_index=6))
    assert out == {"message": {"text": "x"}, "level": "warning", "ruleId": "SL006", "ruleIndex": 6}
    assert to_json(Region(start_line=3, start_column=1)) == {"startLine": 3, "startColumn": 1}


def test_fingerprints_are_content_based_and_survive_inserted_lines(acme, tmp_path):
    before = sarif(acme)["runs"][0]["results"]
    text = (tmp_path / "oauth-clients.yaml").read_text()
    (tmp_path / "oauth-clients.yaml").write_text("# owner: data platform team\n\n" + text)
    after = sarif(acme_result(tmp_path))["runs"][0]["results"]

    def keyed(results):
        return {(r["ruleId"], r["partialFingerprints"]["scopelint/v1"]): r["locations"][0]["physicalLocation"]["region"]["startLine"]
                for r in results}

    old, new = keyed(before), keyed(after)
    yaml_keys = {k for k, line in old.items() if k[0] in ("SL001", "SL002", "SL003")}
    assert len(yaml_keys) == 3 and yaml_keys <= set(new)
    assert all(new[k] == old[k] + 2 for k in yaml_keys)
    assert set(r["partialFingerprints"]["scopelint/v1"] for r in before) == set(r["partialFingerprints"]["scopelint/v1"] for r in after)


def test_the_same_line_written_twice_gives_two_fingerprints_and_a_third_a_new_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    call = '    requests.get("https://acme.eu-1.celonis.cloud/integration/api/pools", verify=False)\n'
    text = "import requests\n\ndef a():\n" + call + "\ndef b():\n" + call

    def fingerprints():
        (tmp_path / "pools.py").write_text(text)
        out = CliRunner().invoke(main, ["check", "--format", "sarif", "--fail-on", "never", "pools.py"]).output
        return [(r["locations"][0]["physicalLocation"]["region"]["startLine"], r["partialFingerprints"]["scopelint/v1"])
                for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "SL014"]

    (l1, first), (l2, second) = fingerprints()
    assert (l1, l2) == (4, 7) and second == first + ":2"
    text += "\ndef c():\n" + call  # a third such line is a result of its own, not the first two again
    assert [fp for _, fp in fingerprints()] == [first, second, first + ":3"]


def test_fixes_replace_the_region_and_applying_them_clears_the_findings(acme, tmp_path):
    results = sarif(acme)["runs"][0]["results"]
    fixes = {r["ruleId"]: r["fixes"][0] for r in results if "fixes" in r and r["ruleId"] in ("SL001", "SL002", "SL003")}
    change = fixes["SL001"]["artifactChanges"][0]
    assert change["artifactLocation"] == {"uri": "oauth-clients.yaml", "uriBaseId": "%SRCROOT%"}
    assert change["replacements"] == [{"deletedRegion": {"startLine": 5, "startColumn": 9, "endLine": 5, "endColumn": 30},
                                       "insertedContent": {"text": "integration.data-pools"}}]
    assert fixes["SL002"]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "studio intelligence.knowledge-models:read"
    lines = (tmp_path / "oauth-clients.yaml").read_text().splitlines(keepends=True)
    for fix in fixes.values():
        for rep in fix["artifactChanges"][0]["replacements"]:
            reg = rep["deletedRegion"]
            line = lines[reg["startLine"] - 1]
            lines[reg["startLine"] - 1] = line[:reg["startColumn"] - 1] + rep["insertedContent"]["text"] + line[reg["endColumn"] - 1:]
    (tmp_path / "oauth-clients.yaml").write_text("".join(lines))
    left = {r["ruleId"] for r in sarif(acme_result(tmp_path))["runs"][0]["results"]}
    assert not left & {"SL001", "SL002", "SL003"}


def test_no_secret_value_and_no_source_snippet_in_sarif(acme):
    for include in (False, True):
        text = render(acme, Context(include_suppressed=include))
        assert not any(secret in text for secret in SECRETS)
        assert '"snippet"' not in text
    codes = {r["ruleId"] for r in sarif(acme)["runs"][0]["results"]}
    assert {"SL012", "SL013", "SL014", "SL018"} <= codes


def test_suppressed_findings_are_left_out_unless_asked_for(acme):
    default = results_at(sarif(acme))
    assert ("SL017", "oauth-clients.yaml", 7, 9) not in default
    kept = sarif(acme, include_suppressed=True)["runs"][0]["results"]
    suppressed = [r for r in kept if "suppressions" in r]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in suppressed] == [("SL017", 7)]
    assert suppressed[0]["suppressions"] == [{"kind": "inSource", "justification": "approved in security review SEC-142"}]
    assert len(kept) == len(default) + 1


def test_unread_files_and_missing_paths_become_notifications(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = acme_result(tmp_path, notes=[("assets/logo.json", "skipped: binary or not UTF-8/UTF-16 text")],
                         missing=["etl/gone.py"])
    inv = sarif(result)["runs"][0]["invocations"]
    assert len(inv) == 1 and inv[0]["executionSuccessful"] is False
    notes = inv[0]["toolExecutionNotifications"]
    assert notes == [
        {"level": "note", "message": {"text": "assets/logo.json: skipped: binary or not UTF-8/UTF-16 text"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "assets/logo.json", "uriBaseId": "%SRCROOT%"}}}]},
        {"level": "error", "message": {"text": "etl/gone.py: no such file or directory"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "etl/gone.py", "uriBaseId": "%SRCROOT%"}}}]},
    ]
    assert sarif(acme_result(tmp_path))["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_paths_outside_the_working_directory_get_absolute_file_uris(tmp_path, monkeypatch):
    repo = tmp_path / "repo dir"
    repo.mkdir()
    (repo / "clients.yaml").write_text("oauth_clients:\n  - name: erp\n    scopes: [integration.datapools]\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    out = CliRunner().invoke(main, ["check", "--format", "sarif", str(repo)])
    assert out.exit_code == 1, out.output
    doc = json.loads(out.stdout)
    loc = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": (repo / "clients.yaml").as_uri()}
    assert loc["uri"].endswith("/repo%20dir/clients.yaml")
    assert schema_errors(doc) == []


def test_cli_sarif_is_byte_identical_and_written_to_output(tmp_path, monkeypatch):
    shutil.copy(ROOT / "examples" / "acme-etl" / "oauth-clients.yaml", tmp_path)
    monkeypatch.chdir(tmp_path)
    runs = [CliRunner().invoke(main, ["check", "--format", "sarif", "--output", f"out{i}.sarif", "."]) for i in range(2)]
    assert [r.exit_code for r in runs] == [1, 1] and runs[0].stdout == ""
    first, second = (tmp_path / "out0.sarif").read_bytes(), (tmp_path / "out1.sarif").read_bytes()
    assert first == second and first.endswith(b"}\n")
    doc = json.loads(first)
    assert ("SL001", "oauth-clients.yaml", 7, 9) in results_at(doc)
    assert schema_errors(doc) == []


def test_a_clean_run_still_has_a_results_array(tmp_path, monkeypatch):
    shutil.copy(ROOT / "examples" / "clean" / "oauth-clients.yaml", tmp_path)
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["check", "--format", "sarif", "."])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert doc["runs"][0]["results"] == [] and len(doc["runs"][0]["tool"]["driver"]["rules"]) == len(RULES)
    assert schema_errors(doc) == []


def scrub(doc: dict, result) -> str:
    """Golden-file form: no working directory, version or catalog label; rule prose is tested above."""
    run = doc["runs"][0]
    run["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///SRCROOT/"
    driver = run["tool"]["driver"]
    driver["version"] = driver["semanticVersion"] = "VERSION"
    for rule in driver["rules"]:
        for key in ("shortDescription", "fullDescription", "help"):
            rule[key] = f"<{key} of {rule['id']}>"
    text = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return text.replace(result.catalog.label, "CATALOG")


@pytest.mark.parametrize("include", [False, True], ids=["default", "include-suppressed"])
def test_golden_sarif(acme, include):
    name = f"acme{'-with-suppressed' if include else ''}.sarif"
    got = scrub(sarif(acme, include), acme)
    path = SNAPSHOTS / name
    if UPDATE:
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file {name}; create it with SCOPELINT_UPDATE_SNAPSHOTS=1"
    assert got == path.read_text(encoding="utf-8"), f"{name} changed; rerun with SCOPELINT_UPDATE_SNAPSHOTS=1 if intended"


def variants(tmp_path: Path) -> dict[str, dict]:
    """SARIF documents covering every feature: fixes, suppressions, notifications, all levels."""
    base = acme_result(tmp_path)
    failed = acme_result(tmp_path, notes=[("assets/logo.json", "skipped: binary or not UTF-8/UTF-16 text")],
                         missing=["etl/gone.py"])
    return {"acme": sarif(base), "acme-suppressed": sarif(base, True), "acme-notifications": sarif(failed, True)}


def test_every_variant_validates_against_the_sarif_schema(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    docs = variants(tmp_path)
    for name, doc in docs.items():
        assert schema_errors(doc) == [], name
    broken = docs["acme"]
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert schema_errors(broken), "the schema check must be able to fail"


def example_repos() -> list[Path]:
    """The realistic repositories in this checkout: the bundled examples and the annotated corpus."""
    corpus = ROOT / "tests" / "fixtures" / "corpus"
    folders = sorted(p for p in corpus.iterdir() if p.is_dir()) if corpus.is_dir() else []
    return [ROOT / "examples" / "acme-etl", ROOT / "examples" / "clean", *folders]


def test_sarif_multitool_reports_no_errors_or_warnings(tmp_path, monkeypatch):
    binary, why = multitool()
    if binary is None:
        pytest.skip(why)
    files = []
    monkeypatch.chdir(tmp_path)
    for name, doc in variants(tmp_path).items():
        files.append(tmp_path / f"{name}.sarif")
        files[-1].write_text(json.dumps(doc, indent=2))
    for repo in example_repos():
        monkeypatch.chdir(repo)
        out = tmp_path / f"{repo.name}.sarif"
        run = CliRunner().invoke(main, ["check", "--format", "sarif", "--sarif-include-suppressed", "--output", str(out), "."])
        assert run.exit_code in (0, 1), run.output
        files.append(out)
    assert multitool_validate(binary, files, tmp_path / "validation.sarif") == []


def test_multitool_check_catches_a_broken_log(tmp_path):
    binary, why = multitool()
    if binary is None:
        pytest.skip(why)
    doc = json.loads(render(acme_result_in(tmp_path), Context()))
    del doc["runs"][0]["tool"]["driver"]["rules"][0]["shortDescription"]
    bad = tmp_path / "broken.sarif"
    bad.write_text(json.dumps(doc))
    problems = multitool_validate(binary, [bad], tmp_path / "validation.sarif")
    assert any(level == "error" and rule.startswith("GH") for level, rule, _ in problems), problems


def acme_result_in(root: Path):
    cwd = os.getcwd()
    os.chdir(root)
    try:
        return acme_result(root)
    finally:
        os.chdir(cwd)


PUSH = ('import requests\n\nTOKEN_URL = "https://acme.eu-1.celonis.cloud/oauth2/token"\n'
        'CLIENT_SECRET = "q8Jf2LmZx7Vt9RkPw3NsBy6Hc"\n'
        'requests.post(TOKEN_URL, data={"grant_type": "client_credentials", "scope": "studio"}, '
        'auth=("etl", CLIENT_SECRET))\n')


def _sarif_from(folder: Path, *args: str) -> tuple[dict, list[tuple[str, str]]]:
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        out = CliRunner().invoke(main, ["check", *args, "--format", "sarif", "--fail-on", "never"])
    finally:
        os.chdir(cwd)
    run = json.loads(out.output)["runs"][0]
    return run["originalUriBaseIds"], sorted((r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                                              r["partialFingerprints"]["scopelint/v1"]) for r in run["results"])


@pytest.mark.parametrize("marker", [".git", "pyproject.toml"])
def test_uris_and_fingerprints_are_the_repositorys_whichever_folder_the_run_starts_in(tmp_path, marker):
    # code scanning reads a relative URI from the repository's root: a monorepo step run in its package's
    # folder must name the same file, with the same fingerprint, as a run from the top
    (tmp_path / "backend" / "etl").mkdir(parents=True)
    (tmp_path / "backend" / "etl" / "push.py").write_text(PUSH)
    if marker == ".git":
        (tmp_path / ".git").mkdir()
    else:
        (tmp_path / "pyproject.toml").write_text("[tool.scopelint]\nfail_on = \"error\"\n")
    base_top, top = _sarif_from(tmp_path, "backend")
    base_sub, sub = _sarif_from(tmp_path / "backend", ".")
    root = {"%SRCROOT%": {"uri": tmp_path.resolve().as_uri() + "/"}}
    assert base_top == base_sub == root
    assert top == sub and [uri for uri, _ in top] == ["backend/etl/push.py"]


def test_a_file_outside_the_repository_keeps_its_absolute_uri(tmp_path):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "push.py").write_text(PUSH)
    _, found = _sarif_from(tmp_path / "repo", "../elsewhere/push.py")
    assert {uri for uri, _ in found} == {(tmp_path / "elsewhere" / "push.py").resolve().as_uri()}


def test_a_run_over_code_scannings_result_limit_keeps_the_most_severe_and_says_so(tmp_path, monkeypatch):
    from scopelint.reporters import sarif as sarif_reporter

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sarif_reporter, "MAX_RESULTS", 2)
    (tmp_path / "clients.yaml").write_text("oauth_clients:\n  - name: a\n    scopes:\n      - audit.log:read\n"
                                           "      - studio.spacez\n      - integration.datapools\n")
    out = json.loads(CliRunner().invoke(main, ["check", "--format", "sarif", "--fail-on", "never", "."]).output)
    run = out["runs"][0]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [("SL001", "error"), ("SL001", "error")]
    [note] = [n for n in run["invocations"][0]["toolExecutionNotifications"] if n["level"] == "warning"]
    assert note["message"]["text"].startswith("1 more result(s) left out: code scanning takes at most 2 a run")
