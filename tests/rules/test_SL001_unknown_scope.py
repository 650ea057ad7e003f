"""SL001 unknown-scope: each case a small, realistic definition file linted with SL001 alone (and SL000,
so that an input that does not parse cannot pass by accident); exact (code, line, col) compared."""
from __future__ import annotations

import pytest
from tests.conftest import check_rule

from scopelint import catalog


VERSION = catalog.shipped().version


SL001_CASES = [
    pytest.param("""
        oauth_clients:
          - name: nightly-erp-push
            scopes:
              - integration.data-pools:data_push
        """, [], id="clean-yaml-list"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: studio intelligence.knowledge-models:read
        """, [], id="clean-yaml-string"),
    pytest.param("""
        oauth_clients:
          - name: legacy
            scopes: [studio.spaces, Studio]
        """, [], id="clean-retired-and-miscased-belong-to-other-rules"),
    pytest.param("""
        oauth_clients:
          - name: nightly-erp-push
            scopes:
              - integration.datapools
        """, [("SL001", 4, 9)], id="yaml-list"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: studio integration.datapools intelligence.knowledge-models:raed
        """, [("SL001", 3, 20), ("SL001", 3, 42)], id="yaml-plain-string-columns"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: "studio  integration.datapools"
        """, [("SL001", 3, 22)], id="yaml-quoted-string-columns"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "nightly-erp-push"
        scopes = ["studio", "integration.datapools"]
        """}, [("SL001", 3, 22)], id="toml-list"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "nightly-erp-push"
        scopes = "studio integration.datapools"
        """}, [("SL001", 3, 18)], id="toml-string"),
    pytest.param({"pyproject.toml": """
        [project]
        name = "acme-etl"

        [[tool.scopelint.oauth_clients]]
        name = "nightly-erp-push"
        scopes = ["integration.datapools"]
        """}, [("SL001", 6, 12)], id="pyproject-list"),
    pytest.param({"pyproject.toml": """
        [tool.scopelint]
        select = ["SL0"]

        [[tool.scopelint.oauth_clients]]
        name = "km-reader"
        scopes = "studio intelligence.knowledge-model:read integration.datapools"
        """}, [("SL001", 6, 18), ("SL001", 6, 52)], id="pyproject-string"),
    pytest.param({"clients.json": """
        {
          "oauth_clients": [
            {"name": "nightly-erp-push", "scopes": ["studio", "integration.datapools"]}
          ]
        }
        """}, [("SL001", 3, 56)], id="json-list"),
    pytest.param({"clients.json": """
        {"oauth_clients": [{"name": "erp", "scopes": "studio integration.datapools"}]}
        """}, [("SL001", 1, 54)], id="json-string"),
]


@pytest.mark.parametrize("files, expected", SL001_CASES)
def test_sl001_unknown_scope(lint_tree, files, expected):
    check_rule(lint_tree, "SL001", files, expected)


def test_sl001_message_names_closest_scope_and_catalog_version(lint_tree):
    [finding] = check_rule(lint_tree, "SL001", """
        oauth_clients:
          - name: nightly-erp-push
            scopes: [integration.datapools]
        """, [("SL001", 3, 14)])
    assert finding.message == (f"unknown scope 'integration.datapools' (catalog {VERSION}); "
                               "did you mean 'integration.data-pools'?")
    assert finding.fix is not None and finding.fix.text == "integration.data-pools"
    assert finding.client == "nightly-erp-push" and finding.scope == "integration.datapools"
    assert finding.catalog_version == VERSION


def test_sl001_without_a_close_match_points_at_the_catalog(lint_tree):
    [finding] = check_rule(lint_tree, "SL001", """
        oauth_clients:
          - name: reporting
            scopes: [reports:everything]
        """, [("SL001", 3, 14)])
    assert finding.message == f"unknown scope 'reports:everything' (catalog {VERSION})"
    assert finding.hint == "check the scope list in 'scopelint catalog'" and finding.fix is None
