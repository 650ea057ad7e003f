"""SL015 empty-scopes: each case a small, realistic definition file linted with SL015 alone (and SL000,
so that an input that does not parse cannot pass by accident); exact (code, line, col) compared."""
from __future__ import annotations

import pytest
from tests.conftest import check_rule


SL015_CASES = [
    pytest.param("""
        oauth_clients:
          - name: erp-push
            scopes: [integration.data-pools:data_push]
        """, [], id="clean"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            scopes: []
        """, [("SL015", 3, 13)], id="empty-list"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            scopes: ""
        """, [("SL015", 3, 14)], id="empty-string"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            scopes: "   "
        """, [("SL015", 3, 14)], id="blank-string"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            grant_type: client_credentials
        """, [("SL015", 2, 11)], id="missing-key"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "erp-push"
        scopes = []
        """}, [("SL015", 3, 10)], id="toml-empty-list"),
    pytest.param({"pyproject.toml": """
        [[tool.scopelint.oauth_clients]]
        name = "erp-push"
        scopes = ""
        """}, [("SL015", 3, 11)], id="pyproject-empty-string"),
    pytest.param({"clients.json": """
        {"oauth_clients": [{"name": "erp-push"}]}
        """}, [("SL015", 1, 30)], id="json-missing-key"),
]


@pytest.mark.parametrize("files, expected", SL015_CASES)
def test_sl015_empty_scopes(lint_tree, files, expected):
    check_rule(lint_tree, "SL015", files, expected)


def test_sl015_message(lint_tree):
    [finding] = check_rule(lint_tree, "SL015", SL015_CASES[1].values[0], [("SL015", 3, 13)])
    assert finding.message == "client 'erp-push' has no scopes"
    assert finding.client == "erp-push"
