"""SL009 scope-without-permission: each case a small, realistic definition file linted with SL009 alone (and SL000,
so that an input that does not parse cannot pass by accident); exact (code, line, col) compared."""
from __future__ import annotations

import pytest
from tests.conftest import check_rule


SL009_CASES = [
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: [studio, integration.data-pools:read]
        """, [], id="clean-permissions-not-declared"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            scopes: [integration.data-pools:data_push]
            permissions:
              - service: Data Integration
                template: Data Push API
        """, [], id="clean-service-declared"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            scopes: [integration.data-pools:data_push, studio, audit.log:read]
            permissions:
              - service: data-integration
              - service: STUDIO
              - service: " Team "
        """, [], id="clean-case-and-spacing-ignored"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            scopes: [integration.data-pools:data_push, storage-manager.buckets]
            permissions:
              - service: data_integration
              - service: file storage manager
        """, [], id="clean-underscore-and-space-ignored"),
    pytest.param("""
        oauth_clients:
          - name: audit-export
            scopes: [audit.log:read, storage-manager.buckets]
            permissions:
              - service: Admin & Settings
                template: Use Audit Logs API
              - service: Celonis Storage Manager
        """, [], id="clean-ui-names-of-services"),
    pytest.param("""
        oauth_clients:
          - name: agent
            scopes: [on-prem-client]
            permissions: []
        """, [], id="clean-scope-without-service"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            scopes:
              - integration.data-pools:data_push
              - studio
            permissions:
              - service: Data Integration
        """, [("SL009", 5, 9)], id="studio-service-missing"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            scopes: integration.data-pools:data_push studio
            permissions: []
        """, [("SL009", 3, 13), ("SL009", 3, 46)], id="empty-permissions-string-scopes"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "auditor"
        scopes = ["audit.log:read", "studio"]
        permissions = [{service = "Studio", template = "Use package"}]
        """}, [("SL009", 3, 12)], id="toml-inline-permissions"),
    pytest.param({"pyproject.toml": """
        [[tool.scopelint.oauth_clients]]
        name = "auditor"
        scopes = "studio audit.log:read"

        [[tool.scopelint.oauth_clients.permissions]]
        service = "studio"
        """}, [("SL009", 3, 18)], id="pyproject-string-scopes"),
    pytest.param({"clients.json": """
        {"oauth_clients": [{"name": "auditor", "scopes": ["audit.log:read"],
                            "permissions": [{"service": "Studio"}]}]}
        """}, [("SL009", 1, 52)], id="json"),
]


@pytest.mark.parametrize("files, expected", SL009_CASES)
def test_sl009_scope_without_permission(lint_tree, files, expected):
    check_rule(lint_tree, "SL009", files, expected)


def test_sl009_names_the_service_and_permission(lint_tree):
    [finding] = check_rule(lint_tree, "SL009", """
        oauth_clients:
          - name: auditor
            scopes: [audit.log:read]
            permissions:
              - service: Studio
        """, [("SL009", 3, 14)])
    assert finding.message == ("scope 'audit.log:read' needs a permission on the 'Team' service (Use Audit Logs API), "
                               "but client 'auditor' declares none")
    assert finding.hint == "add a permission for service 'Team'"
