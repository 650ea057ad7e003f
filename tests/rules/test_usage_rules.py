"""Usage rules (SL004-SL007) and least privilege on facts built directly, independent of any extractor."""
from __future__ import annotations

import pytest

from scopelint import catalog
from scopelint.config import Config
from scopelint.findings import Location
from scopelint.linter import check
from scopelint.model import ApiCall, Client, FileFacts, ScopeList, ScopeRef, TokenRequest, UnresolvedCall
from scopelint.project import Project
from scopelint.suggest import least_privilege


def _client(*scopes: str, code=("etl/**",), name="erp") -> FileFacts:
    refs = tuple(ScopeRef(s, Location("clients.yaml", 3 + i, 9, 3 + i, 9 + len(s))) for i, s in enumerate(scopes))
    client = Client(name, Location("clients.yaml", 2, 11), scopes=ScopeList(Location("clients.yaml", 3, 5), refs),
                    code=code)
    return FileFacts("clients.yaml", clients=[client])


def _code(path: str, *calls: tuple[str | None, str], requested: tuple[str, ...] | None = None) -> FileFacts:
    facts = FileFacts(path)
    for i, (method, api) in enumerate(calls):
        facts.api_calls.append(ApiCall(method, api, Location(path, 10 + i, 5)))
    if requested is not None:
        refs = tuple(ScopeRef(s, Location(path, 2, 20 + 10 * i), "request") for i, s in enumerate(requested))
        facts.token_requests.append(TokenRequest(Location(path, 2, 1), "https://acme.eu-1.celonis.cloud/oauth2/token",
                                                 ScopeList(Location(path, 2, 20), refs, raw=" ".join(requested), source="request")))
    return facts


def _findings(*files: FileFacts, codes=("SL004", "SL005", "SL006", "SL007")):
    project = Project.build(list(files), catalog.shipped())
    return sorted((f.code, f.loc.path, f.loc.line, f.loc.col) for f in check(project, Config(select=codes)))


KM = (("GET", "/intelligence/api/knowledge-models/km-1/kpis"),)
PUSH = (("POST", "/data-ingestion/api/v1/data-push/pool-1/jobs/"), ("POST", "/integration/api/v1/data-push/p/jobs/j/chunks/upserted"))


@pytest.mark.parametrize("scopes, calls, expected", [
    pytest.param(("intelligence.knowledge-models:read",), KM, [], id="clean-narrow-km"),
    pytest.param(("integration.data-pools:data_push",), PUSH, [], id="clean-narrow-push"),
    pytest.param(("studio",), KM, [("SL004", "clients.yaml", 3, 9)], id="studio-for-km-reads"),
    pytest.param(("integration.data-pools",), PUSH, [("SL004", "clients.yaml", 3, 9)], id="data-pools-for-push-only"),
    pytest.param(("intelligence.knowledge-models:read",), PUSH,
                 [("SL005", "etl/job.py", 10, 5), ("SL005", "etl/job.py", 11, 5), ("SL006", "clients.yaml", 3, 9)],
                 id="missing-and-unused"),
    pytest.param(("integration.data-pools:data_push", "audit.log:read"), PUSH, [("SL006", "clients.yaml", 4, 9)],
                 id="unused-audit"),
    pytest.param(("integration.data-pools:data_push", "tasks:read"), PUSH, [], id="no-known-api-not-unused"),
    pytest.param(("integration.data-pools:data_push",), (("GET", "/api/cloud/permissions"),), [("SL006", "clients.yaml", 3, 9)],
                 id="unknown-gating-never-missing"),
])
def test_usage_rules(scopes, calls, expected):
    assert _findings(_client(*scopes), _code("etl/job.py", *calls)) == expected


def test_code_outside_globs_is_unclaimed_and_checked_against_its_own_request():
    # the request asks for audit.log:read and its only call reads a Knowledge Model: missing and unused
    files = (_client("integration.data-pools:data_push"), _code("tools/report.py", *KM, requested=("audit.log:read",)))
    assert _findings(*files) == [("SL005", "tools/report.py", 10, 5), ("SL006", "tools/report.py", 2, 20)]


KM_READS = (("GET", "/intelligence/api/knowledge-models/km-1/kpis"),
            ("GET", "/intelligence/api/knowledge-models/km-1/records/r/data"))


def test_token_request_without_client_gets_overbroad_and_unused():
    project = Project.build([_code("digest.py", *KM_READS, requested=("studio", "integration.data-pools"))],
                            catalog.shipped())
    found = {f.code: f for f in check(project, Config(select=("SL004", "SL005", "SL006")))}
    assert sorted(found) == ["SL004", "SL006"]
    broad, unused = found["SL004"], found["SL006"]
    assert (broad.loc.line, broad.loc.col, broad.scope, broad.level) == (2, 20, "studio", "warning")
    assert "'intelligence.knowledge-models:read' opens all 2 API call(s)" in broad.message
    assert "token request at digest.py:2" in broad.message and "2 Celonis API call(s) considered" in broad.message
    assert (unused.loc.line, unused.loc.col, unused.scope) == (2, 30, "integration.data-pools")
    assert "2 Celonis API call(s) considered, all resolved" in unused.message


def test_token_request_with_an_unresolved_call_is_not_judged():
    facts = _code("digest.py", *KM_READS, requested=("studio", "integration.data-pools"))
    facts.unresolved_calls.append(UnresolvedCall(Location("digest.py", 20, 9), "{CELONIS_URL}{path}"))
    assert _findings(facts) == []
    sug = least_privilege(Project.build([facts], catalog.shipped()).groups[0], catalog.shipped())
    assert [(u.loc.line, u.evidence) for u in sug.unresolved] == [(20, "{CELONIS_URL}{path}")]


@pytest.mark.parametrize("extra", [
    pytest.param(("GET", "/integration/api/unmapped-thing"), id="unknown-route"),
    pytest.param(("GET", "/api/cloud/permissions"), id="unknown-gating"),
])
def test_token_request_with_an_unmapped_call_is_not_judged(extra):
    assert _findings(_code("digest.py", *KM_READS, extra, requested=("studio", "integration.data-pools"))) == []


def test_token_request_with_an_inferred_route_is_not_judged():
    inferred = next(r for r in catalog.shipped().routes if r.confidence == "INF" and r.gating == "scoped"
                    and "{" not in r.prefix)
    calls = (*KM_READS, (None, inferred.prefix.rstrip("/") + "/x"))
    assert _findings(_code("digest.py", *calls, requested=("studio", "integration.data-pools")),
                     codes=("SL004", "SL006")) == []


def test_token_request_without_any_call_is_not_judged():
    assert _findings(_code("token.py", requested=("studio", "integration.data-pools"))) == []


def test_unclaimed_code_without_resolved_request_is_not_judged():
    assert _findings(_client("integration.data-pools:data_push"), _code("tools/report.py", *KM)) == []


def test_single_client_without_globs_owns_all_code():
    assert _findings(_client("studio", code=None), _code("anywhere/x.py", *KM)) == [("SL004", "clients.yaml", 3, 9)]


def test_unregistered_scope_at_token_time():
    files = (_client("integration.data-pools:data_push"), _code("etl/push.py", *PUSH, requested=("integration.data-pools:data_push", "studio")))
    assert _findings(*files) == [("SL007", "etl/push.py", 2, 30)]


def test_inferred_route_is_a_warning_not_an_error():
    project = Project.build([_client("studio"), _code("etl/x.py", ("GET", "/realtime-integration/api/pools/p/replications"))],
                            catalog.shipped())
    [finding] = check(project, Config(select=("SL005",)))
    assert (finding.code, finding.level, finding.scope) == ("SL005", "warning", "integration.data-pools")


def test_overbroad_message_and_fix_name_the_narrower_scope():
    project = Project.build([_client("studio"), _code("etl/x.py", *KM)], catalog.shipped())
    [finding] = check(project, Config(select=("SL004",)))
    assert "'intelligence.knowledge-models:read'" in finding.message
    assert finding.fix is not None and finding.fix.text == "intelligence.knowledge-models:read"


def test_least_privilege_picks_narrowest_and_merges_into_needed_broad_scope():
    files = [_client("studio", code=None), _code("etl/x.py", *KM, *PUSH)]
    project = Project.build(files, catalog.shipped())
    assert least_privilege(project.groups[0], project.catalog).scopes == [
        "integration.data-pools:data_push", "intelligence.knowledge-models:read"]
    files.append(_code("etl/y.py", ("POST", "/integration/api/pools")))
    project = Project.build(files, catalog.shipped())
    suggestion = least_privilege(project.groups[0], project.catalog)
    assert suggestion.scopes == ["integration.data-pools", "intelligence.knowledge-models:read"]
    [pools] = [n for n in suggestion.needs if n.scope == "integration.data-pools"]
    assert sorted((c.loc.path, c.loc.line) for c, _r in pools.calls) == [("etl/x.py", 11), ("etl/x.py", 12), ("etl/y.py", 10)]


def test_least_privilege_lists_unknown_gating_separately():
    project = Project.build([_client("studio", code=None), _code("etl/x.py", ("GET", "/api/cloud"), *KM)], catalog.shipped())
    suggestion = least_privilege(project.groups[0], project.catalog)
    assert suggestion.scopes == ["intelligence.knowledge-models:read"]
    assert [c.path for c in suggestion.ungated] == ["/api/cloud"]


@pytest.mark.parametrize("declared", ["Team", "team", "Admin & Settings", "admin-settings", "ADMIN_SETTINGS"])
def test_permission_service_names_and_their_ui_aliases_match(declared):
    from scopelint.rules._common import service_key

    assert service_key(declared) == service_key("Team") == "team"


@pytest.mark.parametrize("declared, catalog_name", [
    ("Celonis Storage Manager", "File Storage Manager"), ("Process Automation", "On-Prem Automation"),
    ("user provisioning", "User Provisioning"), ("data_integration", "Data Integration"),
])
def test_older_service_names_match_the_catalog_spelling(declared, catalog_name):
    from scopelint.rules._common import service_key

    assert service_key(declared) == service_key(catalog_name)
