"""``scopelint review``: golden reports in every format, the verdict policy, ``--code``, ``--against``,
HTML that a standards-based parser accepts, and the same texts as ``scopelint explain``.

Regenerate the golden files with ``SCOPELINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_review.py``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import textwrap
from dataclasses import replace
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner

from scopelint import __version__
from scopelint.catalog import shipped
from scopelint.cli import main
from scopelint.explain import explain_text
from scopelint.findings import Finding, Location
from scopelint.model import ApiCall, Client, FileFacts, ScopeList, ScopeRef
from scopelint.project import CodeLink, Project
from scopelint.review import render, review
from scopelint.review.code import least
from scopelint.review.model import APPROVE, CHANGES, DOCS, REJECT
from scopelint.rules import BY_CODE, summary

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "review"
SNAPSHOTS = HERE / "snapshots" / "review"
UPDATE = os.environ.get("SCOPELINT_UPDATE_SNAPSHOTS") == "1"
EXT = {"markdown": "md", "html": "html", "json": "json"}
CASES = [
    pytest.param("least-privilege", (), APPROVE, 0, id="least-privilege"),
    pytest.param("scim", (), REJECT, 1, id="scim-without-permission"),
    # needs the Python extractor to see the Knowledge Model call in code/kpi_export.py
    pytest.param("studio", ("--code", "code"), CHANGES, 0, id="studio-reading-knowledge-models"),
]


@pytest.fixture
def case_dir(tmp_path, monkeypatch):
    """A copy of a fixture folder as the working directory: relative paths, no config above it."""

    def _copy(name: str) -> Path:
        dest = tmp_path / name
        shutil.copytree(FIXTURES / name, dest)
        monkeypatch.chdir(dest)
        return dest

    return _copy


def invoke(*args: str):
    return CliRunner().invoke(main, ["review", *args])


def scrub(text: str, root: Path) -> str:
    cat = shipped()
    text = text.replace(str(root), "<root>").replace(cat.version, "<catalog-version>").replace(cat.date, "<catalog-date>")
    return text.replace(f"scopelint {__version__}", "scopelint <version>").replace(
        f'"version": "{__version__}"', '"version": "<version>"')


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


# --- golden files -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(EXT))
@pytest.mark.parametrize("case, args, verdict, code", CASES)
def test_golden_report(case, args, verdict, code, fmt, case_dir):
    root = case_dir(case)
    result = invoke("oauth-clients.yaml", *args, "--format", fmt)
    got = scrub(result.stdout, root)
    snap = SNAPSHOTS / f"{case}.{EXT[fmt]}"
    if UPDATE:
        snap.write_text(got, encoding="utf-8")
    assert result.exit_code == code, result.output
    assert got == snap.read_text(encoding="utf-8"), f"{snap.name} changed; rerun with SCOPELINT_UPDATE_SNAPSHOTS=1 if intended"
    assert verdict_of(got, fmt) == verdict


def verdict_of(report: str, fmt: str) -> str:
    if fmt == "json":
        return json.loads(report)["verdict"]
    if fmt == "html":
        return re.search(r"<title>Security review of oauth-clients.yaml: (.*?)</title>", report).group(1)
    return re.match(r"# Security review of `oauth-clients.yaml`: (.*)\n", report).group(1)


def test_least_privilege_client_is_approved_without_reasons(case_dir):
    case_dir("least-privilege")
    rev = review("oauth-clients.yaml").reviews[0]
    assert (rev.client, rev.verdict, rev.reasons, rev.findings) == ("nightly-erp-push", APPROVE, (), ())
    assert [(s.name, s.risk, s.category, s.permission.status) for s in rev.scopes] == [
        ("integration.data-pools:data_push", "medium", "data-ingestion", "declared"),
        ("intelligence.knowledge-models:read", "low", "data-export", "declared"),
    ]
    assert [c.key for c in rev.risk] == ["data-ingestion", "data-export"]


def test_scim_client_without_scim_permission_is_rejected_for_sl008(case_dir):
    case_dir("scim")
    rev = review("oauth-clients.yaml").reviews[0]
    assert rev.verdict == REJECT
    assert [(r.code, r.text.split(":")[0]) for r in rev.reasons] == [("SL008", "SL008 missing-scim-permission")]
    assert [(f.code, f.loc.line, f.loc.col) for f in rev.findings] == [("SL008", 6, 13)]
    scim = rev.scopes[0]
    assert (scim.name, scim.risk, scim.permission.status, scim.permission.scim) == (
        "user-provisioning.scim", "critical", "scim-off", True)
    assert [(c.key, c.risk) for c in rev.risk] == [("user-provisioning", "critical"), ("identity-audit", "high")]


def test_studio_client_whose_code_reads_knowledge_models_is_told_to_narrow(case_dir):
    """Needs the Python extractor (requests.get on an f-string Knowledge Model path)."""
    case_dir("studio")
    rev = review("oauth-clients.yaml", code=["code"]).reviews[0]
    assert rev.least is not None and rev.least.suggested == ("intelligence.knowledge-models:read",)
    assert rev.least.narrow == (("studio", "intelligence.knowledge-models:read"),)
    assert (rev.least.add, rev.least.drop) == ((), ())
    assert rev.verdict == CHANGES
    assert [r.code for r in rev.reasons] == ["SL004", None]
    assert "narrow 'studio' to 'intelligence.knowledge-models:read'" in rev.reasons[-1].text


# --- the verdict policy ------------------------------------------------------------------------


@pytest.mark.parametrize("body, verdict, codes", [
    pytest.param("""
        scopes: [integration.data-pools:data_push]
        """, APPROVE, [], id="medium-risk-clean"),
    pytest.param("""
        scopes: [audit.log:read]
        """, CHANGES, ["SL017"], id="unjustified-high-risk"),
    pytest.param("""
        scopes: [studio.spaces]
        """, CHANGES, ["SL003"], id="retired-scope"),
    pytest.param("""
        scopes: [integration.data-pools:data_push]
        permissions: [{service: Studio, template: use}]
        """, CHANGES, ["SL009"], id="missing-permission"),
    pytest.param("""
        scopes: [integration.datapools]
        """, REJECT, ["SL001"], id="unknown-scope"),
    pytest.param("""
        scopes: [integration.data-pools:data_push]
        grant_type: password
        """, REJECT, ["SL010"], id="password-grant"),
    pytest.param("""
        scopes: [user-provisioning.scim]
        permissions: [{service: User Provisioning, template: manage, scim: true}]
        """, REJECT, [None], id="critical-without-justification"),
])
def test_verdict_policy(body, verdict, codes, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = textwrap.dedent(body).strip().splitlines()
    write(tmp_path, "c.yaml", "oauth_clients:\n  - name: job\n" + "".join(f"    {line}\n" for line in lines))
    rev = review("c.yaml").reviews[0]
    assert rev.verdict == verdict
    assert [r.code for r in rev.reasons] == codes


def test_notes_do_not_change_the_verdict(case_dir):
    case_dir("least-privilege")
    report = review("oauth-clients.yaml")
    note = Finding(Location("oauth-clients.yaml", 6, 9), "SL018", "note", name="api-key-auth", level="note")
    rev = report.reviews[0]
    from scopelint.review.verdict import decide

    assert decide(rev.scopes, rev.findings + (note,), None) == (APPROVE, ())


# --- --code ------------------------------------------------------------------------------------


def _client(name: str, scopes: list[str], code: tuple[str, ...] | None = None) -> Client:
    loc = Location("clients.yaml", 2, 9)
    refs = tuple(ScopeRef(s, Location("clients.yaml", 4 + i, 9, 4 + i, 9 + len(s))) for i, s in enumerate(scopes))
    return Client(name, loc, scopes=ScopeList(Location("clients.yaml", 3, 5), refs), code=code)


def test_code_diff_narrows_adds_drops_and_leaves_unpublished_scopes_unjudged():
    client = _client("etl", ["studio", "audit.log:read", "on-prem-client"])
    facts = FileFacts("code/job.py", api_calls=[
        ApiCall("GET", "/intelligence/api/knowledge-models/{km}/kpis", Location("code/job.py", 22, 16)),
        ApiCall("POST", "/integration/api/v1/data-push/{job}/chunks/upserted", Location("code/job.py", 31, 9)),
        ApiCall("GET", "/api/cloud/team", Location("code/job.py", 40, 9)),
    ])
    defs = FileFacts("clients.yaml", clients=[client])
    project = Project.build([defs, facts], shipped(), link=CodeLink("clients.yaml", ("code",)))
    lp = least(project.group_of(client), shipped(), ["code"])
    assert lp.suggested == ("integration.data-pools:data_push", "intelligence.knowledge-models:read")
    assert lp.narrow == (("studio", "intelligence.knowledge-models:read"),)
    assert (lp.add, lp.drop, lp.unjudged) == (("integration.data-pools:data_push",), ("audit.log:read",), ("on-prem-client",))
    assert [(c.method, c.path, c.where) for c in lp.ungated] == [("GET", "/api/cloud/team", "code/job.py:40")]


def test_code_under_the_paths_belongs_to_the_client_whatever_its_globs_say():
    client = _client("km-export", ["studio"], code=("dashboards/**",))
    other = _client("other", ["audit.log:read"], code=("audit/**",))
    facts = FileFacts("src/export.py", api_calls=[
        ApiCall("GET", "/intelligence/api/knowledge-models/{km}/kpis", Location("src/export.py", 9, 12))])
    defs = FileFacts("clients.yaml", clients=[client, other])
    assert Project.build([defs, facts], shipped()).group_of(client).files == []  # the globs do not claim it
    project = Project.build([defs, facts], shipped(), link=CodeLink("clients.yaml", ("src",), "km-export"))
    assert [f.path for f in project.group_of(client).files] == ["src/export.py"]
    assert project.group_of(other).files == []
    from scopelint.config import Config
    from scopelint.linter import check

    found = [(f.code, f.client, f.scope) for f in check(project, Config()) if f.code == "SL004"]
    assert found == [("SL004", "km-export", "studio")]


def test_code_without_celonis_calls_claims_no_difference(case_dir, tmp_path):
    root = case_dir("least-privilege")
    write(root, "code/readme.py", "print('hello')\n")
    rev = review("oauth-clients.yaml", code=["code"]).reviews[0]
    assert (rev.verdict, rev.least.suggested, rev.least.drop, rev.least.files) == (APPROVE, (), (), 0)
    assert "nothing to compare" in render(review("oauth-clients.yaml", code=["code"]), "markdown")


# --- --against ---------------------------------------------------------------------------------

BEFORE = """\
oauth_clients:
  - name: nightly-erp-push
    scopes:
      - integration.data-pools:data_push
      - intelligence.knowledge-models:read
    justification:
      integration.data-pools:data_push: pushes the nightly ERP extract
      intelligence.knowledge-models:read: checks the KPIs after each load
"""
AFTER = """\
oauth_clients:
  - name: nightly-erp-push
    auth_method: client_secret_post
    scopes:
      - integration.data-pools:data_push
      - intelligence.knowledge-models:read
      - integration.data-pools
    justification:
      integration.data-pools:data_push: pushes the nightly ERP extract
      integration.data-pools: reloads the data model after the push
"""


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false",
                    *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    write(root, "clients/oauth.yaml", BEFORE)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    write(root, "clients/oauth.yaml", AFTER)
    git(root, "commit", "-q", "-am", "widen")
    monkeypatch.chdir(root)
    return root


def test_against_reports_added_broader_scope_and_dropped_justification(repo):
    result = invoke("clients/oauth.yaml", "--against", "HEAD~1", "--format", "json")
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)["clients"][0]["changes"]
    assert changes["ref"] == "HEAD~1"
    assert [(i["kind"], i["subject"], i["detail"]) for i in changes["items"]] == [
        ("added", "integration.data-pools", "high-risk write"),
        ("broader", "integration.data-pools", "widens 'integration.data-pools:data_push'"),
        ("justification dropped", "intelligence.knowledge-models:read", "was: checks the KPIs after each load"),
        ("auth method", "client_secret_post", "was 'client_secret_basic'"),
    ]
    md = invoke("clients/oauth.yaml", "--against", "HEAD~1").stdout
    assert "### Changes since `HEAD~1`" in md
    assert "| broader | `integration.data-pools` | widens 'integration.data-pools:data\\_push' |" in md


def test_against_the_same_commit_reports_no_change(repo):
    result = invoke("clients/oauth.yaml", "--against", "HEAD")
    assert result.exit_code == 0
    assert "No change to scopes, justifications, grant type or auth method." in result.stdout


def test_against_a_ref_without_the_client_reports_a_new_client(repo):
    write(repo, "clients/oauth.yaml", AFTER.replace("nightly-erp-push", "erp-push-v2"))
    items = json.loads(invoke("clients/oauth.yaml", "--against", "HEAD", "--format", "json").stdout)["clients"][0]["changes"]["items"]
    assert [(i["kind"], i["subject"]) for i in items] == [
        ("new client", "erp-push-v2"), ("added", "integration.data-pools:data_push"),
        ("added", "intelligence.knowledge-models:read"), ("added", "integration.data-pools")]


@pytest.mark.parametrize("setup, ref, message", [
    pytest.param("plain", "HEAD", "'c.yaml' is not in a git repository", id="not-in-git"),
    pytest.param("repo", "no-such-branch", "unknown git ref 'no-such-branch'", id="bad-ref"),
    pytest.param("repo", "--output=x", "bad git ref '--output=x'", id="option-as-ref"),
    pytest.param("untracked", "HEAD", "'c.yaml' does not exist at git ref 'HEAD'", id="path-not-at-ref"),
])
def test_against_problems_are_one_line_usage_errors(setup, ref, message, tmp_path, monkeypatch):
    root = tmp_path / "w"
    write(root, "seed.txt", "x\n")
    if setup != "plain":
        git(root, "init", "-q")
        git(root, "add", ".")
        git(root, "commit", "-q", "-m", "seed")
    write(root, "c.yaml", "oauth_clients:\n  - name: a\n    scopes: [studio]\n")
    if setup == "repo":
        git(root, "add", ".")
        git(root, "commit", "-q", "-m", "c")
    monkeypatch.chdir(root)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = invoke("c.yaml", "--against", ref)
    assert result.exit_code == 2
    assert result.output == f"scopelint: error: {message}\n"


# --- usage errors and exit codes ---------------------------------------------------------------

TWO = """\
oauth_clients:
  - name: pusher
    scopes: [integration.data-pools:data_push]
  - name: provisioner
    scopes: [user-provisioning.scim]
    justification: {user-provisioning.scim: directory sync}
"""


@pytest.mark.parametrize("args, message", [
    pytest.param(["missing.yaml"], "missing.yaml: no such file or directory", id="missing-file"),
    pytest.param(["two.yaml", "--code", "nope"], "nope: no such file or directory", id="missing-code"),
    pytest.param(["sub"], "sub: is a directory; review takes one client definition file", id="directory"),
    pytest.param(["two.yaml", "--client", "puller"], "two.yaml: no client 'puller' (clients: 'pusher', 'provisioner')", id="unknown-client"),
    pytest.param(["two.yaml", "--code", "sub"], "two.yaml defines 2 clients; name the one the --code belongs to with --client", id="code-needs-client"),
    pytest.param(["notes.yaml"], "notes.yaml: no OAuth client definition found: 1:1: top level is a list; "
                 "a client definition file is a mapping with 'oauth_clients'", id="no-client"),
])
def test_usage_errors_exit_2_with_one_line(args, message, tmp_path, monkeypatch):
    write(tmp_path, "two.yaml", TWO)
    write(tmp_path, "notes.yaml", "- just a list\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.output == f"scopelint: error: {message}\n"


def test_several_clients_are_each_reviewed_and_the_worst_verdict_decides_the_exit_code(tmp_path, monkeypatch):
    write(tmp_path, "two.yaml", TWO)
    monkeypatch.chdir(tmp_path)
    result = invoke("two.yaml", "--format", "json")
    doc = json.loads(result.stdout)
    assert [(c["name"], c["verdict"]) for c in doc["clients"]] == [("pusher", APPROVE), ("provisioner", REJECT)]
    assert (doc["verdict"], result.exit_code) == (REJECT, 1)
    only = invoke("two.yaml", "--client", "pusher", "--format", "json")
    assert (json.loads(only.stdout)["verdict"], only.exit_code) == (APPROVE, 0)


def test_output_file_gets_the_report_and_stdout_stays_empty(case_dir):
    root = case_dir("least-privilege")
    result = invoke("oauth-clients.yaml", "--format", "html", "--output", "review.html")
    assert (result.exit_code, result.stdout) == (0, "")
    assert (root / "review.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>\n")


# --- HTML and Markdown hygiene -----------------------------------------------------------------

URL_ATTRS = {"href", "src", "action", "formaction", "poster", "data", "cite", "background", "srcset"}


def html_problems(text: str) -> list[str]:
    """Parse errors (WHATWG parser, strict) and anything but a documentation link or inline style."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(text)
    problems = [str(e) for e in parser.errors]
    allowed = (shipped().source, DOCS)
    for el in tree.iter():
        if el.tag in ("script", "iframe", "object", "embed", "img", "link", "base", "form"):
            problems.append(f"element {el.tag}")
        for name, value in el.attrib.items():
            if name.startswith("on") or name == "style":
                problems.append(f"attribute {name}")
            if name in URL_ATTRS and not (name == "href" and value.startswith(allowed)):
                problems.append(f"{name}={value}")
        if el.tag == "style" and re.search(r"url\(|@import", el.text or ""):
            problems.append("external asset in CSS")
    return problems


@pytest.mark.parametrize("case, args, verdict, code", CASES)
def test_html_parses_cleanly_and_links_only_to_documentation(case, args, verdict, code, case_dir):
    case_dir(case)
    text = render(review("oauth-clients.yaml", code=list(args[1:])), "html")
    assert html_problems(text) == []
    assert "<script" not in text.lower()
    assert f'<a href="{shipped().source}">' in text


HOSTILE = """\
oauth_clients:
  - name: "<script>alert(1)</script>"
    scopes: "studio user-provisioning.scim"
    redirect_uris: ["https://evil.example/cb?<b>x</b>"]
    grant_type: "authorization_code"
    justification:
      studio: "<img src=x onerror=alert(1)> [click](https://evil.example) | `tick` **bold** &amp;"
"""


def test_values_from_the_request_are_escaped_in_html_and_markdown(tmp_path, monkeypatch):
    write(tmp_path, "c.yaml", HOSTILE)
    monkeypatch.chdir(tmp_path)
    report = review("c.yaml")
    page = render(report, "html")
    assert html_problems(page) == []
    assert "<img" not in page and "<script>" not in page and "&lt;img src=x" in page
    md = render(report, "markdown")
    assert markdown_problems(md) == []
    assert "[click](" not in md and "\\<img src=x" in md
    assert "| justification | \\<img src=x onerror=alert(1)\\> \\[click\\](https://evil.example) \\| \\`tick\\` " in md


def markdown_problems(text: str) -> list[str]:
    """Raw HTML outside code spans, and table rows whose cell count differs from their header."""
    problems = []
    width = None
    for line in text.splitlines():
        plain = re.sub(r"``.*?``|`[^`]*`", "", line.replace("\\\\", "").replace("\\`", ""))
        if re.search(r"(?<!\\)<[A-Za-z/!?]", plain):
            problems.append(f"raw HTML: {line}")
        if line.startswith("|"):
            cells = len(re.findall(r"(?<!\\)\|", plain)) - 1
            width = cells if width is None else width
            if cells != width:
                problems.append(f"{cells} cells, want {width}: {line}")
        else:
            width = None
    return problems


@pytest.mark.parametrize("case, args, verdict, code", CASES)
def test_markdown_tables_are_well_formed_without_raw_html(case, args, verdict, code, case_dir):
    case_dir(case)
    md = render(review("oauth-clients.yaml", code=list(args[1:])), "markdown")
    assert markdown_problems(md) == []


def test_secrets_and_source_lines_never_appear_in_any_format(case_dir):
    case_dir("least-privilege")
    report = review("oauth-clients.yaml")
    secret = "s3cr3t-Xy9Qw7Zp2Lm4Nb6Vc8"
    leak = Finding(Location("etl/push.py", 12, 17), "SL012", "hard-coded client secret in 'CLIENT_SECRET'",
                   name="hardcoded-secret", level="error", client="nightly-erp-push",
                   hint="read it from the environment", snippet=f'CLIENT_SECRET = "{secret}"')
    rev = replace(report.reviews[0], findings=(leak,))
    report = replace(report, reviews=(rev,))
    for fmt in EXT:
        out = render(report, fmt)
        assert "SL012" in out and secret not in out and "CLIENT_SECRET = " not in out, fmt


# --- the same texts as ``scopelint explain`` ---------------------------------------------------


def test_scope_and_rule_sections_use_the_explain_texts(case_dir):
    case_dir("scim")
    report = review("oauth-clients.yaml")
    rev = report.reviews[0]
    for sec in rev.scopes:
        assert sec.text == explain_text(sec.name)
    assert [(r.code, r.text, r.summary) for r in rev.rules] == [
        ("SL008", explain_text("SL008"), summary(BY_CODE["SL008"]))]
    doc = json.loads(render(report, "json"))
    cli = CliRunner().invoke(main, ["explain", "user-provisioning.scim"])
    assert doc["clients"][0]["scopes"][0]["explain"] == cli.stdout
    md = render(report, "markdown")
    scope = shipped().scopes["user-provisioning.scim"]
    for line in (scope.description, scope.details, summary(BY_CODE["SL008"])):
        assert line in md.replace("\\", "")


def test_retired_and_unknown_scopes_have_their_own_sections(tmp_path, monkeypatch):
    write(tmp_path, "c.yaml", "oauth_clients:\n  - name: old\n    scopes: [studio.spaces, integration.datapools]\n")
    monkeypatch.chdir(tmp_path)
    rev = review("c.yaml").reviews[0]
    retired, unknown = rev.scopes
    assert (retired.status, retired.replacement, retired.text) == ("retired", "studio", explain_text("studio.spaces"))
    assert (unknown.status, unknown.replacement, unknown.text) == ("unknown", "integration.data-pools", "")
    assert [(c.key, c.risk, c.label) for c in rev.risk] == [("unknown", "", "not in the catalog")]
    md = render(review("c.yaml"), "markdown")
    assert "| status | retired: use 'studio' |" in md
    assert "| status | not in the catalog; did you mean 'integration.data-pools'? |" in md


def test_readme_sample_is_an_excerpt_of_the_golden_report():
    readme = (HERE.parent / "README.md").read_text(encoding="utf-8")
    sample = readme.split("## Security review", 1)[1].split("```markdown\n", 1)[1].split("```\n", 1)[0]
    golden = (SNAPSHOTS / "studio.md").read_text(encoding="utf-8")
    cat = shipped()
    lines = [line.replace(cat.version, "<catalog-version>") for line in sample.splitlines() if line not in ("", "[...]")]
    assert len(lines) > 10
    assert [line for line in lines if line not in golden.splitlines()] == []


def test_against_a_ref_whose_file_is_hostile_gives_a_report_not_a_traceback(repo):
    """The old version at the ref is read under the same guards as a scanned file: nested too deep
    to read, it holds no client, so the current client is reported as new."""
    deep = "oauth_clients:\n" + "".join("  " * i + "- \n" for i in range(1, 800))
    write(repo, "clients/oauth.yaml", deep)
    git(repo, "commit", "-q", "-am", "hostile")
    write(repo, "clients/oauth.yaml", AFTER)
    result = invoke("clients/oauth.yaml", "--against", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    items = json.loads(result.stdout)["clients"][0]["changes"]["items"]
    assert items[0] == {**items[0], "kind": "new client", "subject": "nightly-erp-push"}


def test_an_observed_scope_is_said_to_be_not_yet_documented(tmp_path, monkeypatch):
    write(tmp_path, "mcp.yaml", "oauth_clients:\n  - name: cursor_mcp\n    scopes: [eml-explorer:read, tasks:read]\n")
    monkeypatch.chdir(tmp_path)
    md = invoke("mcp.yaml")
    sections = md.stdout.split("### Scope ")
    eml = next(s for s in sections if s.startswith("`eml-explorer:read`"))
    tasks = next(s for s in sections if s.startswith("`tasks:read`"))
    assert ("| status | observed: not yet in the Celonis documentation (seen in Celonis Cursor plugin "
            "(celonis/celonis-cursor-plugin), mcp.json mcpServers.celonis.auth.scopes") in eml
    assert "| status | documented |" in tasks
    html = invoke("mcp.yaml", "--format", "html").stdout
    assert "observed: not yet in the Celonis documentation" in html
    doc = json.loads(invoke("mcp.yaml", "--format", "json").stdout)
    [scopes] = [c["scopes"] for c in doc["clients"]]
    by = {s["name"]: s for s in scopes}
    assert by["eml-explorer:read"]["status"] == "observed" and "cursor_mcp" in by["eml-explorer:read"]["source"]
    assert by["tasks:read"]["status"] == "documented" and by["tasks:read"]["source"] is None
