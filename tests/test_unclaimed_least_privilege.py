"""Least privilege for code without a client definition (SL004/SL006 on token requests), Celonis
calls whose path cannot be resolved, and ``code`` globs resolved from the repository root."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import triples, write_tree
from scopelint.cli import main
from scopelint.config import Config

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
SCRIPT = (CORPUS / "python-km-digest" / "digest" / "kpi_digest.py").read_text(encoding="utf-8")
DYNAMIC = (CORPUS / "python-km-dynamic" / "digest" / "kpi_digest.py").read_text(encoding="utf-8")
KM_CALL = """\
import os
import requests

CELONIS_URL = os.environ["CELONIS_URL"]


def kpis(token):
    return requests.get(f"{CELONIS_URL}/intelligence/api/knowledge-models/km/kpis",
                        headers={"Authorization": f"Bearer {token}"}).json()
"""
CLIENT = """\
oauth_clients:
  - name: km-digest
    scopes: [studio]
    code: %s
"""


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# --------------------------------------------------------------------------- token requests without a client

def test_script_requesting_broad_scopes_gets_overbroad_and_unused(lint_tree):
    result = lint_tree({"digest/kpi_digest.py": SCRIPT})
    line = _line(SCRIPT, '"scope":')
    col = SCRIPT.splitlines()[line - 1].index("studio") + 1
    assert triples(result.findings) == [("SL004", line, col), ("SL006", line, col + len("studio "))]
    broad, unused = result.findings
    assert broad.scope == "studio" and broad.level == "warning"
    assert "'intelligence.knowledge-models:read' opens all 2 API call(s)" in broad.message
    assert broad.fix is not None and broad.fix.text == "intelligence.knowledge-models:read"
    assert unused.scope == "integration.data-pools" and unused.level == "warning"
    assert "(2 Celonis API call(s) considered, all resolved)" in unused.message


def test_one_call_built_at_run_time_silences_both_and_suggest_names_it(lint_tree):
    result = lint_tree({"digest/kpi_digest.py": DYNAMIC})
    assert triples(result.findings) == []
    out = CliRunner().invoke(main, ["suggest", "."])
    assert out.exit_code == 0, out.output
    # export(session, path) requests the path it is given: the call that gives one not known is the unresolved one
    line = _line(DYNAMIC, 'export(session, os.environ["KM_EXPORT_PATH"])')
    assert (f"  plus 1 Celonis call(s) whose path could not be resolved: digest/kpi_digest.py:{line}; "
            "the scopes above may not cover them") in out.output.splitlines()
    data = json.loads(CliRunner().invoke(main, ["suggest", ".", "--format", "json"]).output)
    assert data["suggestions"][0]["unresolved"] == [
        {"call": "{CELONIS_URL}{KM_EXPORT_PATH}", "path": "digest/kpi_digest.py", "line": line, "column": 27}]
    assert "# unclaimed-code: plus 1 Celonis call(s)" in CliRunner().invoke(main, ["suggest", ".", "--format", "yaml"]).output


def test_javascript_call_with_a_run_time_path_is_an_unresolved_call(lint_tree):
    js = """\
const axios = require("axios");
const CELONIS_URL = process.env.CELONIS_URL;

async function token() {
  const body = new URLSearchParams({ grant_type: "client_credentials", scope: "studio integration.data-pools" });
  return (await axios.post(`${CELONIS_URL}/oauth2/token`, body)).data.access_token;
}

async function kpis(t) {
  return axios.get(`${CELONIS_URL}/intelligence/api/knowledge-models/km/kpis`, { headers: { Authorization: `Bearer ${t}` } });
}

async function call(path, t) {
  return axios.get(`${CELONIS_URL}${path}`, { headers: { Authorization: `Bearer ${t}` } });
}
"""
    result = lint_tree({"src/km.js": js})
    facts = result.project.files[0]
    assert [(u.loc.line, u.loc.col, u.evidence) for u in facts.unresolved_calls] == [
        (14, 37, "axios.get ${process.env.CELONIS_URL}${path}")]
    assert triples(result.findings) == []  # without the run-time call: SL004 and SL006
    closed = lint_tree({"src/km.js": js[: js.index("async function call")]})
    assert [f.code for f in closed.findings] == ["SL004", "SL006"]


def test_only_literal_paths_are_not_unresolved(lint_tree):
    result = lint_tree({"km.py": KM_CALL + "\n\ndef other(url):\n    return requests.get(url)\n"})
    assert result.project.files[0].unresolved_calls == []


# --------------------------------------------------------------------------- code globs

def _owner(result, path: str) -> str | None:
    for group in result.project.groups:
        if any(f.path == path for f in group.files):
            return group.client.name if group.client else None
    raise AssertionError(path)


def test_definition_in_a_subfolder_with_root_relative_globs_claims_its_code(lint_tree):
    result = lint_tree({"clients/celonis.yaml": CLIENT % '["digest/**"]', "digest/km.py": KM_CALL})
    assert _owner(result, "digest/km.py") == "km-digest"
    assert "SL004" in [f.code for f in result.findings]  # studio where the narrow scope would do


def test_dot_relative_globs_are_relative_to_the_definition(lint_tree):
    result = lint_tree({"clients/celonis.yaml": CLIENT % '["./jobs/**", "../digest/*.py"]',
                        "clients/jobs/km.py": KM_CALL, "digest/km.py": KM_CALL, "jobs/km.py": KM_CALL})
    assert _owner(result, "clients/jobs/km.py") == "km-digest"
    assert _owner(result, "digest/km.py") == "km-digest"
    assert _owner(result, "jobs/km.py") is None


def test_name_only_glob_matches_at_any_depth_as_in_codeowners(lint_tree):
    result = lint_tree({"clients/celonis.yaml": CLIENT % '["km.py"]', "a/b/km.py": KM_CALL})
    assert _owner(result, "a/b/km.py") == "km-digest"


def test_glob_matching_nothing_is_a_warning_at_the_code_key(lint_tree):
    result = lint_tree({"clients/celonis.yaml": CLIENT % '["dgest/**", "./jobs/**"]', "digest/km.py": KM_CALL})
    sl000 = [f for f in result.findings if f.code == "SL000"]
    assert triples(sl000) == [("SL000", 4, 5)]
    assert sl000[0].level == "warning" and sl000[0].loc.path == "clients/celonis.yaml"
    assert sl000[0].message == ("the code globs 'dgest/**', './jobs/**' of client 'km-digest' match no file "
                                "scanned; resolved from '.' and 'clients'")


def test_a_list_of_files_cannot_show_a_glob_matches_nothing(lint_tree):
    result = lint_tree({"clients/celonis.yaml": CLIENT % '["digest/**"]', "digest/km.py": KM_CALL},
                       paths=("clients/celonis.yaml",))
    assert [f for f in result.findings if f.code == "SL000"] == []


def test_root_is_the_git_work_tree_top(lint_tree, tmp_path, monkeypatch):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    result = lint_tree({"repo/clients/celonis.yaml": CLIENT % '["digest/**"]', "repo/digest/km.py": KM_CALL},
                       paths=("repo/clients", "repo/digest"))
    assert _owner(result, "repo/digest/km.py") == "km-digest"


def test_root_is_the_path_given_outside_git(lint_tree):
    result = lint_tree({"repo/clients/celonis.yaml": CLIENT % '["digest/**"]', "repo/digest/km.py": KM_CALL},
                       paths=("repo",))
    assert _owner(result, "repo/digest/km.py") == "km-digest"


def test_root_is_the_configuration_folder(lint_tree, tmp_path, monkeypatch):
    from scopelint.config import load

    write_tree(tmp_path, {"repo/.scopelint.yaml": "select: [SL000, SL004]\n"})
    monkeypatch.chdir(tmp_path)
    config = load(Path("repo/.scopelint.yaml"))
    result = lint_tree({"repo/sub/clients/celonis.yaml": CLIENT % '["sub/digest/**"]', "repo/sub/digest/km.py": KM_CALL},
                       config, paths=("repo/sub",))
    assert _owner(result, "repo/sub/digest/km.py") == "km-digest"
    assert [f.code for f in result.findings] == ["SL004"]


def test_examples_claim_their_code(monkeypatch):
    from scopelint.linter import run

    root = Path(__file__).parent.parent / "examples" / "acme-etl"
    monkeypatch.chdir(root)
    result = run(["."], Config())
    assert [f for f in result.findings if f.code == "SL000"] == []
    owners = {f.path: _owner(result, f.path) for g in result.project.groups for f in g.files}
    assert owners and None not in owners.values(), owners


def test_python_forms_of_a_run_time_path(lint_tree):
    secret = "Mn7bV4cX1zL9kJ3hG6fD2sA8pO5iU0yT"
    code = f'''\
import requests
CELONIS_URL = "https://acme.eu-1.celonis.cloud"


def slash(path):
    return requests.get(f"{{CELONIS_URL}}/{{path}}")


def plus(path):
    return requests.get(CELONIS_URL + path)


def query(path):
    return requests.get(f"{{CELONIS_URL}}/{{path}}?access_token={secret}")
'''
    result = lint_tree({"calls.py": code})
    facts = result.project.files[0]
    assert facts.api_calls == []
    assert [(u.loc.line, u.evidence) for u in facts.unresolved_calls] == [
        (6, "https://acme.eu-1.celonis.cloud/{path}"), (10, "https://acme.eu-1.celonis.cloud{path}"),
        (14, "https://acme.eu-1.celonis.cloud/{path}?access_token=***")]
    for fmt in ("text", "json", "yaml"):
        out = CliRunner().invoke(main, ["suggest", ".", "--format", fmt]).output
        assert ("calls.py:14" in out or '"line": 14' in out) and secret not in out


NEIGHBOURS = {"team-old/jobs/km.py": KM_CALL, "team.py": KM_CALL, "teamx/jobs/km.py": KM_CALL,
              "team0/jobs/km.py": KM_CALL, "a/team/jobs/km.py": KM_CALL}  # next to "team/" in sort order


def test_a_glob_under_a_folder_is_matched_among_folders_sorting_around_it(lint_tree):
    """Only the paths under a glob's folder are read for it; its neighbours in sort order are
    neither a match nor in the way of one."""
    result = lint_tree({"team/celonis.yaml": CLIENT % '["./jobs/**/*.py"]', **NEIGHBOURS,
                        "team/jobs/deep/km.py": KM_CALL, "team/zz.md": "x\n"})
    assert [f for f in result.findings if f.code == "SL000"] == []
    assert _owner(result, "team/jobs/deep/km.py") == "km-digest"
    assert _owner(result, "teamx/jobs/km.py") is None


def test_a_glob_under_a_folder_is_not_matched_by_folders_sorting_around_it(lint_tree):
    result = lint_tree({"team/celonis.yaml": CLIENT % '["./jobs/**/*.py"]', **NEIGHBOURS, "team/jobs/notes.md": "x\n"})
    assert [(f.code, f.loc.line) for f in result.findings if f.code == "SL000"] == [("SL000", 4)]


# --- the glob index: each file's owner is the first client with a glob that matches it

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from scopelint.findings import Location  # noqa: E402
from scopelint.model import Client, FileFacts  # noqa: E402
from scopelint.project import _by_globs, claims  # noqa: E402

_SEGMENTS = st.sampled_from(["etl", "jobs", "km", "web", "src", "a", "deep", "x.py", "push.py", "app.ts"])
_GLOBS = st.sampled_from(["etl/**", "etl/jobs/*.py", "./jobs/**", "../km/**", "*.py", "push.py", "web", "src/**/*.ts",
                          "**/x.py", "./", "../", "a/b/../c/**", "deep/[ab]/*", "etl/jo?s/**", "/etl/**"])
_DEFINITIONS = st.sampled_from(["clients.yaml", "etl/clients.yaml", "config/oauth/clients.yaml", "./clients.yaml"])


@given(paths=st.lists(st.lists(_SEGMENTS, min_size=1, max_size=4).map("/".join), max_size=30),
       clients=st.lists(st.tuples(_DEFINITIONS, st.lists(_GLOBS, max_size=3)), min_size=2, max_size=5),
       root=st.sampled_from([".", "", "sub"]))
@settings(max_examples=300, deadline=None)
def test_the_glob_index_gives_every_file_the_owner_the_globs_give_it(paths, clients, root):
    defined = [Client(f"c{i}", Location(definition, 1, 1), code=tuple(globs))
               for i, (definition, globs) in enumerate(clients)]
    code = [FileFacts(path) for path in paths]
    groups = _by_globs(code, defined, root)
    owner_of = {id(f): g.client for g in groups for f in g.files}
    assert sorted(owner_of) == sorted(id(f) for f in code)
    for facts in code:
        expected = next((c for c in defined if claims(c, facts.path, root)), None)
        assert owner_of[id(facts)] is expected, (facts.path, [c.code for c in defined])


# --------------------------------------------------------------------------- unclaimed code, project by project

PUSH = """\
import requests

BASE = "https://acme.eu-1.celonis.cloud"
token = requests.post(f"{BASE}/oauth2/token", data={"grant_type": "client_credentials",
                      "scope": "%s"}).json()["access_token"]
requests.get(f"{BASE}%s", headers={"Authorization": f"Bearer {token}"})
"""
POOLS = "/integration/api/pools"
MODELS = "/intelligence/api/knowledge-models"


def test_two_scripts_of_their_own_are_judged_each_against_its_own_request(lint_tree):
    """Two examples, each requesting its own token: the scopes one asks for do not stand in for the
    other's grant (the pools call needs a scope its own request lacks), wherever they are scanned from."""
    files = {"examples/pools/run.py": PUSH % ("intelligence.knowledge-models:read", POOLS),
             "examples/models/run.py": PUSH % ("integration.data-pools", MODELS)}
    want = [("examples/models/run.py", "SL006", 5), ("examples/models/run.py", "SL005", 6),
            ("examples/pools/run.py", "SL006", 5), ("examples/pools/run.py", "SL005", 6)]
    result = lint_tree(files)
    assert sorted((f.loc.path, f.code, f.loc.line) for f in result.findings) == sorted(want)
    out = CliRunner().invoke(main, ["suggest", ".", "--format", "yaml"])
    assert out.exit_code == 0, out.output
    assert "name: unclaimed-code-examples-models\n" in out.output and "name: unclaimed-code-examples-pools\n" in out.output


def test_code_that_gets_its_token_elsewhere_keeps_the_folder_one(lint_tree):
    """``lib/`` calls with a token that ``bin/`` requests: no project of its own, so the request
    still covers the calls of both (no SL005 on lib's call, no SL006 on bin's scope)."""
    files = {"bin/run.py": PUSH % ("integration.data-pools intelligence.knowledge-models:read", MODELS),
             "lib/pools.py": KM_CALL.replace("/intelligence/api/knowledge-models/km/kpis", POOLS)}
    assert lint_tree(files).findings == []


def test_two_scripts_in_one_folder_are_judged_each_against_its_own_request(lint_tree):
    """Two scripts side by side, each requesting its own token (two jobs of one repository of
    integrations): each is a project of its own, as two folders are, and suggest names each by its file."""
    files = {"pools.py": PUSH % ("intelligence.knowledge-models:read", POOLS),
             "models.py": PUSH % ("integration.data-pools", MODELS)}
    want = [("models.py", "SL006", 5), ("models.py", "SL005", 6), ("pools.py", "SL006", 5), ("pools.py", "SL005", 6)]
    assert sorted((f.loc.path, f.code, f.loc.line) for f in lint_tree(files).findings) == sorted(want)
    out = CliRunner().invoke(main, ["suggest", ".", "--format", "yaml"])
    assert out.exit_code == 0, out.output
    assert "name: unclaimed-code-models-py\n" in out.output and "name: unclaimed-code-pools-py\n" in out.output


def test_a_script_that_sends_a_key_is_not_judged_against_another_scripts_token(lint_tree):
    """PyCelonis with an API key beside a script that requests an OAuth token: the key's calls are no
    token's; they get their SL018 note, never an SL005 from the other script's scopes."""
    keyed = ('import os\nfrom pycelonis import get_celonis\n'
             'c = get_celonis(base_url="https://acme.eu-1.celonis.cloud", api_token=os.environ["CELONIS_API_KEY"], '
             'key_type="APP_KEY")\npool = c.data_integration.get_data_pool("pool-1")\n')
    files = {"mcp_client.py": PUSH % ("intelligence.knowledge-models:read", MODELS), "inspect_pool.py": keyed}
    assert sorted((f.loc.path, f.code) for f in lint_tree(files).findings) == [("inspect_pool.py", "SL018")]


@pytest.mark.parametrize("other", [
    # a module whose calls use a token got elsewhere, one that only names scopes, one whose request's scopes
    # are not known: any of them may be what the others use, so the folder stays one
    pytest.param(KM_CALL.replace("/intelligence/api/knowledge-models/km/kpis", POOLS), id="token-got-elsewhere"),
    pytest.param('SCOPES = "integration.data-pools"\n', id="scopes-only"),
    pytest.param(PUSH.replace('"%s"', 'SCOPE') % MODELS, id="request-of-scopes-not-known"),
])
def test_files_that_may_share_a_token_stay_one_project(lint_tree, other):
    files = {"models.py": PUSH % ("intelligence.knowledge-models:read", MODELS),
             "pools.py": PUSH % ("integration.data-pools", POOLS), "shared.py": other}
    assert [f.code for f in lint_tree(files).findings if f.code in ("SL005", "SL006")] == []
