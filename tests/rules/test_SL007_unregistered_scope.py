"""SL007 unregistered-scope: code requests a scope its client definition does not grant."""
from __future__ import annotations

from tests.conftest import DATA_PUSH, KM_EXPORT, code_facts, definition_facts, selected, usage_findings


def test_sl007_a_requested_scope_the_client_lacks():
    files = (definition_facts("integration.data-pools:data_push"),
             code_facts("etl/push.py", *DATA_PUSH, requested=("integration.data-pools:data_push", "studio")))
    assert usage_findings(*files, codes=("SL007",)) == [("SL007", "etl/push.py", 2, 30)]


def test_sl007_clean_when_the_request_is_within_the_grant():
    files = (definition_facts("integration.data-pools:data_push", "studio"),
             code_facts("etl/push.py", *DATA_PUSH, requested=("integration.data-pools:data_push", "studio")))
    assert usage_findings(*files, codes=("SL007",)) == []


def test_sl007_on_a_client_and_its_python_token_request(lint_tree):
    [finding] = selected(lint_tree, "SL007", KM_EXPORT)
    assert (finding.code, finding.loc.path, finding.loc.line, finding.loc.col) == ("SL007", "etl/export.py", 11, 68)
    assert finding.message == ("scope 'integration.data-pools' is requested here but client 'km-export' does not "
                               "grant it; the token request fails with invalid_scope")
    assert finding.level == "error"
