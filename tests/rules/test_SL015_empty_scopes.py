"""SL015 empty-scopes: each case a small, realistic definition file linted with SL015 alone (and SL000,
so that an input that does not parse cannot pass by accident); exact (code, line, col) compared."""
from __future__ import annotations

import pytest
from tests.conftest import check_rule, selected


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


TOKEN_CODE = '''
    import requests

    TOKEN_URL = "https://acme.eu-1.celonis.cloud/oauth2/token"


    def exchange(code: str, secret: str) -> dict:
        return requests.post(TOKEN_URL, data={"grant_type": "GRANT", "code": code,
                                              "client_id": "etl-client", "client_secret": secret}).json()
    '''


@pytest.mark.parametrize("grant, expected", [
    pytest.param("client_credentials", [("SL015", 7, 12)], id="client-credentials-without-scope"),
    pytest.param("authorization_code", [], id="code-exchange-sends-none-by-design"),
    pytest.param("refresh_token", [], id="refresh-keeps-the-tokens-scopes"),
])
def test_sl015_token_request_by_grant(lint_tree, grant, expected):
    found = selected(lint_tree, "SL015", {"etl/auth.py": TOKEN_CODE.replace("GRANT", grant)})
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == expected
