"""SL011 unsupported-auth-method: each case a small, realistic definition file linted with SL011 alone (and SL000,
so that an input that does not parse cannot pass by accident); exact (code, line, col) compared."""
from __future__ import annotations

import pytest
from tests.conftest import check_rule


SL011_CASES = [
    pytest.param("""
        oauth_clients:
          - name: erp-push
            auth_method: client_secret_basic
            scopes: [integration.data-pools:data_push]
        """, [], id="clean-basic"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            auth_method: client_secret_post
            scopes: [integration.data-pools:data_push]
        """, [], id="clean-post"),
    pytest.param("""
        oauth_clients:
          - name: hr-sync
            auth_method: private_key_jwt
            scopes: [team.user-group-info:read]
        """, [("SL011", 3, 18)], id="private-key-jwt"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "hr-sync"
        auth_method = "tls_client_auth"
        scopes = ["team.user-group-info:read"]
        """}, [("SL011", 3, 16)], id="toml-tls-client-auth"),
    pytest.param({"pyproject.toml": """
        [[tool.scopelint.oauth_clients]]
        name = "hr-sync"
        auth_method = "none"
        scopes = ["team.user-group-info:read"]
        """}, [("SL011", 3, 16)], id="pyproject-none"),
    pytest.param({"clients.json": """
        {"oauth_clients": [{"name": "x", "auth_method": "client_secret_jwt", "scopes": ["studio"]}]}
        """}, [("SL011", 1, 50)], id="json-client-secret-jwt"),
]


@pytest.mark.parametrize("files, expected", SL011_CASES)
def test_sl011_unsupported_auth_method(lint_tree, files, expected):
    check_rule(lint_tree, "SL011", files, expected)


def test_sl011_message(lint_tree):
    [finding] = check_rule(lint_tree, "SL011", """
        oauth_clients:
          - name: hr-sync
            auth_method: private_key_jwt
            scopes: [team.user-group-info:read]
        """, [("SL011", 3, 18)])
    assert finding.message == ("auth method 'private_key_jwt' is not supported; "
                               "use one of client_secret_basic, client_secret_post")
    assert finding.hint == "use 'client_secret_basic'"
