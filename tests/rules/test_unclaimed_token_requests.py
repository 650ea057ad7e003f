"""SL004 and SL006 for token requests in code that no client definition claims: judged against the
calls of that code, and only when every Celonis call there was resolved and mapped with DOC or
CODE confidence."""
from __future__ import annotations

import pytest
from tests.conftest import code_facts, definition_facts, usage_findings

from scopelint import catalog
from scopelint.config import Config
from scopelint.findings import Location
from scopelint.linter import check
from scopelint.model import UnresolvedCall
from scopelint.project import Project
from scopelint.suggest import least_privilege

KM_READS = (("GET", "/intelligence/api/knowledge-models/km-1/kpis"),
            ("GET", "/intelligence/api/knowledge-models/km-1/records/r/data"))
KM_ONE = (("GET", "/intelligence/api/knowledge-models/km-1/kpis"),)


def test_code_outside_globs_is_unclaimed_and_checked_against_its_own_request():
    # the request asks for audit.log:read and its only call reads a Knowledge Model: missing and unused
    files = (definition_facts("integration.data-pools:data_push"),
             code_facts("tools/report.py", *KM_ONE, requested=("audit.log:read",)))
    assert usage_findings(*files) == [("SL005", "tools/report.py", 10, 5), ("SL006", "tools/report.py", 2, 20)]


def test_token_request_without_client_gets_overbroad_and_unused():
    project = Project.build([code_facts("digest.py", *KM_READS, requested=("studio", "integration.data-pools"))],
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
    facts = code_facts("digest.py", *KM_READS, requested=("studio", "integration.data-pools"))
    facts.unresolved_calls.append(UnresolvedCall(Location("digest.py", 20, 9), "{CELONIS_URL}{path}"))
    assert usage_findings(facts) == []
    sug = least_privilege(Project.build([facts], catalog.shipped()).groups[0], catalog.shipped())
    assert [(u.loc.line, u.evidence) for u in sug.unresolved] == [(20, "{CELONIS_URL}{path}")]


@pytest.mark.parametrize("extra", [
    pytest.param(("GET", "/integration/api/unmapped-thing"), id="unknown-route"),
    pytest.param(("GET", "/api/cloud/permissions"), id="unknown-gating"),
])
def test_token_request_with_an_unmapped_call_is_not_judged(extra):
    assert usage_findings(code_facts("digest.py", *KM_READS, extra, requested=("studio", "integration.data-pools"))) == []


def test_token_request_with_an_inferred_route_is_not_judged():
    inferred = next(r for r in catalog.shipped().routes if r.confidence == "INF" and r.gating == "scoped"
                    and "{" not in r.prefix)
    calls = (*KM_READS, (None, inferred.prefix.rstrip("/") + "/x"))
    assert usage_findings(code_facts("digest.py", *calls, requested=("studio", "integration.data-pools")),
                          codes=("SL004", "SL006")) == []


def test_token_request_without_any_call_is_not_judged():
    assert usage_findings(code_facts("token.py", requested=("studio", "integration.data-pools"))) == []
