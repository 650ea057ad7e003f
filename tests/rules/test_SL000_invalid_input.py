"""SL000 invalid-input: schema problems in definition files, with exact (code, line, col)."""
from __future__ import annotations

import pytest
from tests.conftest import check_rule


SL000_CASES = [
    pytest.param({"clients.yaml": """
        oauth_clients:
          - name: erp-push
            description: nightly ERP extract
            grant_type: client_credentials
            auth_method: client_secret_post
            redirect_uris: []
            scopes: [integration.data-pools:data_push]
            permissions:
              - {service: Data Integration, template: Data Push API, scim: false}
            justification:
              integration.data-pools:data_push: pushes the extract
            code: ["etl/**"]
        """, "etl/push.py": "print('push')\n"}, [], id="clean-every-key"),
    pytest.param("""
        settings:
          oauth_clients_enabled: true
        """, [], id="clean-not-a-definition"),
    pytest.param("""
        oauth_clients:
          - scopes: [studio]
        """, [("SL000", 2, 5)], id="client-without-name"),
    pytest.param("""
        oauth_clients:
          - name: 42
            scopes: [studio]
        """, [("SL000", 2, 11)], id="name-not-a-string"),
    pytest.param("""
        oauth_clients:
          name: erp-push
          scopes: [studio]
        """, [("SL000", 2, 3)], id="clients-not-a-list"),
    pytest.param("""
        oauth_clients:
          - erp-push
        """, [("SL000", 2, 5)], id="client-not-a-mapping"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            grant_type: [client_credentials]
            scopes: 7
        """, [("SL000", 3, 17), ("SL000", 4, 13)], id="wrong-types"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            scopes: [user-provisioning.scim]
            permissions:
              service: User Provisioning
        """, [("SL000", 5, 7)], id="permissions-not-a-list"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            scopes: [user-provisioning.scim]
            permissions:
              - service: User Provisioning
                scim: "yes please"
              - template: manage
        """, [("SL000", 6, 16), ("SL000", 7, 9)], id="scim-not-bool-and-service-missing"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            scopes: [studio]
            justification: because
        """, [("SL000", 4, 20)], id="justification-not-a-mapping"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            scopes: [studio]
          - name: erp-push
            scopes: [studio]
        """, [("SL000", 4, 11)], id="duplicate-name-in-one-file"),
]


@pytest.mark.parametrize("files, expected", SL000_CASES)
def test_sl000_schema(lint_tree, files, expected):
    check_rule(lint_tree, "SL000", files, expected)


@pytest.mark.parametrize("path, text, expected", [
    # a character YAML's reader refuses: where it stands, not at 1:1
    ("clients.yaml", "oauth_clients:\n  - name: etl\n    grant_type: client_credentials\n    scopes: [studio, au\x07dit]\n",
     (4, 24, "invalid YAML: unacceptable character #x0007: control characters are not allowed")),
    # the parser's text as it is, not escaped again; no dangling word
    ("clients.toml", '[[oauth_clients]]\nname = "etl\ngrant_type = "client_credentials"\n',
     (2, 12, "invalid TOML: Illegal character '\\n'")),
    ("clients.json", '{"oauth_clients": [\n  {"name": "e\x07tl"}]}\n', (2, 14, "invalid JSON: Invalid control character")),
    # a key given twice in TOML: at the second key, as YAML and JSON say it
    ("clients.toml", '[[oauth_clients]]\nname = "t1"\nname = "t2"\n', (3, 1, "duplicate key 'name'; first given on line 2")),
])
def test_sl000_parser_messages_and_positions(lint_tree, path, text, expected):
    found = [f for f in lint_tree({path: text.encode()}).findings if f.code == "SL000"]
    assert [(f.loc.line, f.loc.col, f.message) for f in found] == [expected]


def test_sl000_a_document_of_too_many_values_without_aliases_says_so(lint_tree):
    text = "oauth_clients:\n  - name: etl\n    scopes: [" + ", ".join(["studio"] * 200_001) + "]\n"
    [found] = [f for f in lint_tree({"clients.yaml": text.encode()}).findings if f.code == "SL000"]
    assert found.message == "document too large: more than 200000 values, counting what YAML aliases expand to"
