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
