"""SL004 overbroad-scope: a broad scope where a narrower one covers every API call found."""
from __future__ import annotations

import pytest
from tests.conftest import DATA_PUSH, KM_EXPORT, KM_READS, code_facts, definition_facts, selected, usage_findings

from scopelint import catalog
from scopelint.config import Config
from scopelint.linter import check
from scopelint.project import Project


@pytest.mark.parametrize("scopes, calls, expected", [
    pytest.param(("intelligence.knowledge-models:read",), KM_READS, [], id="clean-narrow-km"),
    pytest.param(("integration.data-pools:data_push",), DATA_PUSH, [], id="clean-narrow-push"),
    pytest.param(("studio",), KM_READS, [("SL004", "clients.yaml", 3, 9)], id="studio-for-km-reads"),
    pytest.param(("integration.data-pools",), DATA_PUSH, [("SL004", "clients.yaml", 3, 9)], id="data-pools-for-push-only"),
    # which of two scopes opens a Package Manager path is only inferred: neither is the narrower
    pytest.param(("studio",), (("GET", "/package-manager/api/core/packages/diff/configuration"),), [],
                 id="inferred-alternative"),
    pytest.param(("studio",), (("GET", "/package-manager/api/packages"),), [], id="inferred-read-scope"),
    pytest.param(("studio",), (*KM_READS, ("GET", "/package-manager/api/packages")), [], id="inferred-among-documented"),
])
def test_sl004_overbroad_scope(scopes, calls, expected):
    files = (definition_facts(*scopes), code_facts("etl/job.py", *calls))
    assert usage_findings(*files, codes=("SL004",)) == expected


def test_sl004_single_client_without_globs_owns_all_code():
    files = (definition_facts("studio", code=None), code_facts("anywhere/x.py", *KM_READS))
    assert usage_findings(*files, codes=("SL004",)) == [("SL004", "clients.yaml", 3, 9)]


def test_sl004_message_and_fix_name_the_narrower_scope():
    project = Project.build([definition_facts("studio"), code_facts("etl/x.py", *KM_READS)], catalog.shipped())
    [finding] = check(project, Config(select=("SL004",)))
    assert "'intelligence.knowledge-models:read'" in finding.message
    assert finding.fix is not None and finding.fix.text == "intelligence.knowledge-models:read"
    assert finding.fix.safety == "unsafe"
    assert [(e.loc.line, e.loc.col, e.loc.end_col, e.old) for e in finding.fix.edits] == [(3, 9, 15, "studio")]


def test_sl004_on_a_client_and_its_python_code(lint_tree):
    [finding] = selected(lint_tree, "SL004", KM_EXPORT)
    assert (finding.code, finding.loc.path, finding.loc.line, finding.loc.col) == ("SL004", "clients.yaml", 4, 9)
    assert finding.message == ("scope 'studio' is broader than needed: 'intelligence.knowledge-models:read' "
                               "opens all 1 API call(s) found for client 'km-export'")
    assert (finding.level, finding.client) == ("warning", "km-export")
