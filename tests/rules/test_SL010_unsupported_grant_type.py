"""SL010 unsupported-grant-type: each case a small, realistic definition file linted with SL010 alone (and SL000,
so that an input that does not parse cannot pass by accident); exact (code, line, col) compared."""
from __future__ import annotations

import pytest
from tests.conftest import check_rule, triples

from scopelint.config import Config


SL010_CASES = [
    pytest.param("""
        oauth_clients:
          - name: erp-push
            grant_type: client_credentials
            scopes: [integration.data-pools:data_push]
        """, [], id="clean-client-credentials"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            scopes: [integration.data-pools:data_push]
        """, [], id="clean-default"),
    pytest.param("""
        oauth_clients:
          - name: copilot-ui
            grant_type: authorization_code
            redirect_uris:
              - https://copilot.acme.example/callback
            scopes: [intelligence.conversations:write]
        """, [], id="clean-authorization-code-with-redirects"),
    pytest.param("""
        oauth_clients:
          - name: hr-sync
            grant_type: password
            scopes: [team.user-group-info:read]
        """, [("SL010", 3, 17)], id="password"),
    pytest.param("""
        oauth_clients:
          - name: spa
            grant_type: "implicit"
            scopes: [studio]
        """, [("SL010", 3, 18)], id="implicit-quoted"),
    pytest.param("""
        oauth_clients:
          - name: copilot-ui
            grant_type: authorization_code
            scopes: [intelligence.conversations:write]
        """, [("SL010", 3, 17)], id="authorization-code-without-redirects"),
    pytest.param("""
        oauth_clients:
          - name: copilot-ui
            grant_type: authorization_code
            redirect_uris: []
            scopes: [intelligence.conversations:write]
        """, [("SL010", 3, 17)], id="authorization-code-empty-redirects"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "hr-sync"
        grant_type = "password"
        scopes = ["team.user-group-info:read"]
        """}, [("SL010", 3, 15)], id="toml-password"),
    pytest.param({"pyproject.toml": """
        [[tool.scopelint.oauth_clients]]
        name = "copilot-ui"
        grant_type = "authorization_code"
        redirect_uris = ["https://copilot.acme.example/callback"]
        scopes = ["intelligence.conversations:write"]
        """}, [], id="pyproject-clean-with-redirects"),
    pytest.param({"clients.json": """
        {"oauth_clients": [{"name": "ui", "grant_type": "authorization_code", "scopes": ["studio"]}]}
        """}, [("SL010", 1, 50)], id="json-authorization-code-without-redirects"),
    # the configuration's own spelling, with a hyphen as its other keys have, holds clients too
    pytest.param({"pyproject.toml": """
        [tool.scopelint]
        fail-on = "error"

        [[tool.scopelint.oauth-clients]]
        name = "nightly-erp-push"
        grant_type = "password"
        scopes = ["integration.data-pools:data_push"]
        """}, [("SL010", 6, 15)], id="pyproject-hyphen"),
    pytest.param({".scopelint.yaml": """
        fail-on: error
        oauth-clients:
          - name: nightly-erp-push
            grant_type: password
            scopes: [integration.data-pools:data_push]
        """}, [("SL010", 4, 17)], id="config-yaml-hyphen"),
]


@pytest.mark.parametrize("files, expected", SL010_CASES)
def test_sl010_unsupported_grant_type(lint_tree, files, expected):
    check_rule(lint_tree, "SL010", files, expected)


def test_sl010_messages(lint_tree):
    findings = check_rule(lint_tree, "SL010", """
        oauth_clients:
          - name: hr-sync
            grant_type: password
            scopes: [team.user-group-info:read]
          - name: copilot-ui
            grant_type: authorization_code
            scopes: [intelligence.conversations:write]
        """, [("SL010", 3, 17), ("SL010", 6, 17)])
    assert findings[0].message == "grant type 'password' is not supported; use one of client_credentials, authorization_code"
    assert findings[1].message == "client 'copilot-ui' uses authorization_code without 'redirect_uris'"


def test_a_file_that_names_a_definition_file_holds_no_clients_and_its_errors_are_not_sl000(lint_tree):
    result = lint_tree({".github/workflows/lint.yml": "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n"
                        "    steps:\n      - run: scopelint check oauth-clients.yaml\n      - run: echo \"{{ broken\n  : ]\n"})
    assert result.findings == [] and not result.project.clients


@pytest.mark.parametrize("path, text", [
    ("clients.json", '{"oauth\\u005fclients": [{"name": "etl", "grant_type": "password", "scopes": ["studio"]}]}\n'),
    ("clients.yaml", '"oauth\\x5fclients":\n  - name: etl\n    grant_type: password\n    scopes: [studio]\n'),
    ("clients.toml", '[["oauth\\u005fclients"]]\nname = "etl"\ngrant_type = "password"\nscopes = ["studio"]\n'),
])
def test_a_key_spelled_with_escapes_is_found_by_the_walk_as_when_named(lint_tree, path, text):
    """Every parser reads ``oauth\\u005fclients`` as ``oauth_clients``: the gate reads it too, not only
    when the file is named on the command line."""
    walked = lint_tree({path: text.encode()}, Config(select=("SL010",))).findings
    named = lint_tree({path: text.encode()}, Config(select=("SL010",)), paths=(path,)).findings
    assert [f.code for f in walked] == ["SL010"] and triples(walked) == triples(named)


def test_escapes_in_a_file_that_holds_no_clients_say_nothing(lint_tree):
    result = lint_tree({"locales/fr.json": '{"greeting": "Bienvenue \\u00e0 vous", "broken": \n'.encode()})
    assert result.findings == [] and not result.project.clients
