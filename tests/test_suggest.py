"""`scopelint suggest`: the least-privilege set per client, with evidence, in text, YAML and JSON."""
from __future__ import annotations

import json

import yaml
from click.testing import CliRunner

from tests.conftest import DATA_PUSH, KM_READS, code_facts, definition_facts, write_tree
from scopelint import catalog
from scopelint.cli import main
from scopelint.project import Project
from scopelint.suggest import least_privilege

CLIENTS = """\
oauth_clients:
  - name: km-reader
    scopes: studio
    code: ["dashboards/**"]
  - name: erp-push
    scopes: [integration.data-pools]
    code: ["etl/**"]
"""
KPIS = """\
import os
import requests

CELONIS_URL = os.environ["CELONIS_URL"]


def kpis(km, token):
    url = f"{CELONIS_URL}/intelligence/api/knowledge-models/{km}/kpis"
    return requests.get(url, headers={"Authorization": f"Bearer {token}"}).json()
"""
PUSH = """\
import os
import requests

CELONIS_URL = os.environ["CELONIS_URL"]


def push(pool, token):
    headers = {"Authorization": f"Bearer {token}"}
    requests.post(f"{CELONIS_URL}/data-ingestion/api/v1/data-push/{pool}/jobs/", json={}, headers=headers)
    requests.get(f"{CELONIS_URL}/api/cloud", headers=headers)
"""
TREE = {"clients.yaml": CLIENTS, "dashboards/kpis.py": KPIS, "etl/push.py": PUSH}


def _suggest(tmp_path, monkeypatch, *args):
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, ["suggest", ".", *args])


def test_text_names_the_narrow_scopes_with_evidence(tmp_path, monkeypatch):
    result = _suggest(tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "client 'km-reader': intelligence.knowledge-models:read" in lines
    assert "    dashboards/kpis.py:9: GET /intelligence/api/knowledge-models/{km}/kpis [DOC]" in lines
    assert "  drop: studio" in lines
    assert "client 'erp-push': integration.data-pools:data_push" in lines
    assert "    etl/push.py:9: POST /data-ingestion/api/v1/data-push/{pool}/jobs/ [DOC]" in lines
    assert "  scope not known: etl/push.py:10: GET /api/cloud" in lines


def test_yaml_is_a_ready_definition_that_lints_clean_against_the_same_code(tmp_path, monkeypatch):
    result = _suggest(tmp_path, monkeypatch, "--format", "yaml")
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load(result.output)
    by_name = {c["name"]: c for c in doc["oauth_clients"]}
    assert by_name["km-reader"]["scopes"] == ["intelligence.knowledge-models:read"]
    assert by_name["km-reader"]["code"] == ["dashboards/**"]
    assert by_name["erp-push"]["scopes"] == ["integration.data-pools:data_push"]
    assert set(by_name["erp-push"]["justification"]) == {"integration.data-pools:data_push"}
    (tmp_path / "clients.yaml").write_text(result.output)
    check = CliRunner().invoke(main, ["check", ".", "--fail-on", "warning"])
    assert check.exit_code == 0, check.output


def test_yaml_of_a_tree_named_from_elsewhere_claims_its_code_from_the_trees_top(tmp_path, monkeypatch):
    # ``scopelint suggest "$GITHUB_WORKSPACE"`` from another folder: the definition is saved at the
    # repository's top, so its ``code`` globs and client names are written from there
    repo = tmp_path / "work" / "repo"
    (repo / ".git").mkdir(parents=True)
    write_tree(repo, {"etl/push.py": PUSH, "dashboards/kpis.py": KPIS})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["suggest", str(repo), "--format", "yaml"])
    assert result.exit_code == 0, result.output
    clients = yaml.safe_load(result.output)["oauth_clients"]
    assert [(c["name"], c["code"]) for c in clients] == [("unclaimed-code", ["dashboards/kpis.py", "etl/push.py"])]
    (repo / "clients.yaml").write_text(result.output)
    check = CliRunner().invoke(main, ["check", str(repo), "--fail-on", "warning"])
    assert check.exit_code == 0, check.output


def test_json_carries_evidence_and_the_difference(tmp_path, monkeypatch):
    result = _suggest(tmp_path, monkeypatch, "--format", "json")
    doc = json.loads(result.output)
    [km] = [s for s in doc["suggestions"] if s["client"] == "km-reader"]
    assert km["granted"] == ["studio"]
    assert km["add"] == ["intelligence.knowledge-models:read"] and km["drop"] == ["studio"]
    [evidence] = km["evidence"]["intelligence.knowledge-models:read"]
    assert (evidence["path"], evidence["line"], evidence["confidence"]) == ("dashboards/kpis.py", 9, "DOC")


def test_missing_path_exits_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["suggest", "nope"])
    assert result.exit_code == 2
    assert "nope: no such file or directory" in result.output


# --- least privilege on facts built directly, independent of any extractor

def test_least_privilege_picks_narrowest_and_merges_into_needed_broad_scope():
    files = [definition_facts("studio", code=None), code_facts("etl/x.py", *KM_READS, *DATA_PUSH)]
    project = Project.build(files, catalog.shipped())
    assert least_privilege(project.groups[0], project.catalog).scopes == [
        "integration.data-pools:data_push", "intelligence.knowledge-models:read"]
    files.append(code_facts("etl/y.py", ("POST", "/integration/api/pools")))
    project = Project.build(files, catalog.shipped())
    suggestion = least_privilege(project.groups[0], project.catalog)
    assert suggestion.scopes == ["integration.data-pools", "intelligence.knowledge-models:read"]
    [pools] = [n for n in suggestion.needs if n.scope == "integration.data-pools"]
    assert sorted((c.loc.path, c.loc.line) for c, _r in pools.calls) == [("etl/x.py", 11), ("etl/x.py", 12), ("etl/y.py", 10)]


def test_an_inferred_mapping_keeps_the_scope_the_client_grants():
    # /package-manager/api/core/ is opened by package-manager or studio, which is not documented
    calls = (("GET", "/package-manager/api/core/packages/diff/configuration"),)
    for granted, want in (("studio", ["studio"]), ("package-manager", ["package-manager"]),
                          ("audit.log:read", ["package-manager"])):
        project = Project.build([definition_facts(granted, code=None), code_facts("cli/diff.ts", *calls)], catalog.shipped())
        assert least_privilege(project.groups[0], project.catalog).scopes == want, granted
    # a documented mapping still picks the narrowest
    project = Project.build([definition_facts("studio", code=None), code_facts("etl/x.py", *KM_READS)], catalog.shipped())
    assert least_privilege(project.groups[0], project.catalog).scopes == ["intelligence.knowledge-models:read"]


def test_a_call_the_catalog_does_not_know_is_listed_as_of_no_known_scope():
    from scopelint.suggest_render import render_text

    files = [definition_facts("studio", code=None), code_facts("etl/x.py", ("GET", "/integration/api/v1/pools/p1"), *KM_READS)]
    project = Project.build(files, catalog.shipped())
    text = render_text([least_privilege(project.groups[0], project.catalog)])
    assert "  scope not known: etl/x.py:10: GET /integration/api/v1/pools/p1" in text.splitlines()


def test_least_privilege_lists_unknown_gating_separately():
    files = [definition_facts("studio", code=None), code_facts("etl/x.py", ("GET", "/api/cloud"), *KM_READS)]
    project = Project.build(files, catalog.shipped())
    suggestion = least_privilege(project.groups[0], project.catalog)
    assert suggestion.scopes == ["intelligence.knowledge-models:read"]
    assert [c.path for c in suggestion.ungated] == ["/api/cloud"]


POST_AUTH = """\
import os
import requests

CELONIS_URL = os.environ["CELONIS_URL"]


def token():
    form = {"grant_type": "client_credentials", "client_id": os.environ["CELONIS_CLIENT_ID"],
            "client_secret": os.environ["CELONIS_CLIENT_SECRET"], "scope": "integration.data-pools:data_push"}
    return requests.post(f"{CELONIS_URL}/oauth2/token", data=form).json()["access_token"]


def push(pool):
    requests.post(f"{CELONIS_URL}/data-ingestion/api/v1/data-push/{pool}/jobs/", json={})
"""
BASIC_AUTH = POST_AUTH.replace(
    '"client_id": os.environ["CELONIS_CLIENT_ID"],\n            "client_secret": os.environ["CELONIS_CLIENT_SECRET"], ',
    "").replace("data=form)", 'data=form, auth=(os.environ["CELONIS_CLIENT_ID"], os.environ["CELONIS_CLIENT_SECRET"]))')


def _suggested_auth(tmp_path, monkeypatch, code):
    write_tree(tmp_path, {"etl/push.py": code})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["suggest", ".", "--format", "yaml"])
    assert result.exit_code == 0, result.output
    (client,) = yaml.safe_load(result.output)["oauth_clients"]
    return client["auth_method"]


def test_yaml_writes_the_auth_method_the_code_uses(tmp_path, monkeypatch):
    assert "auth=" in BASIC_AUTH and "client_secret" not in BASIC_AUTH.split("form =")[1].split("}")[0]
    assert _suggested_auth(tmp_path / "post", monkeypatch, POST_AUTH) == "client_secret_post"
    assert _suggested_auth(tmp_path / "basic", monkeypatch, BASIC_AUTH) == "client_secret_basic"


def test_a_pycelonis_call_whose_requests_are_not_known_is_named_and_no_scope_is_dropped(tmp_path, monkeypatch):
    write_tree(tmp_path, {
        "clients.yaml": "oauth_clients:\n  - name: md-backupper\n    scopes: [integration.data-pools]\n",
        "backup.py": "from pycelonis import get_celonis\n\ncelonis = get_celonis()\npool = celonis.pools.find('ERP')\n",
    })
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["suggest", "."])
    lines = result.output.splitlines()
    assert lines[0] == "client 'md-backupper': (no scope found)"
    assert not any(line.strip().startswith("drop:") for line in lines)
    assert ("  plus 1 PyCelonis call(s) whose requests are not known: backup.py:4 (celonis.pools.find()); "
            "the scopes above may not cover them") in lines
    data = json.loads(CliRunner().invoke(main, ["suggest", ".", "--format", "json"]).output)
    assert data["suggestions"][0]["drop"] == []
    assert data["suggestions"][0]["unresolved"] == [
        {"call": "celonis.pools.find()", "path": "backup.py", "line": 4, "column": 22}]
