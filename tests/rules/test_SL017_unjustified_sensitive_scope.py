"""SL017 unjustified-sensitive-scope: each case a small, realistic definition file linted with SL017 alone (and SL000,
so that an input that does not parse cannot pass by accident); exact (code, line, col) compared."""
from __future__ import annotations

import pytest
from tests.conftest import check_rule


SL017_CASES = [
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: [intelligence.knowledge-models:read]
        """, {}, [], id="clean-low-risk"),
    pytest.param("""
        oauth_clients:
          - name: studio-sync
            scopes: [studio]
            justification:
              studio: deploys the ERP package from CI
        """, {}, [], id="clean-justified"),
    pytest.param("""
        oauth_clients:
          - name: studio-sync
            scopes: [studio]
        """, {"risks": ["critical"]}, [], id="clean-high-with-risks-critical"),
    pytest.param("""
        oauth_clients:
          - name: studio-sync
            scopes: [studio]
        """, {}, [("SL017", 3, 14)], id="high-unjustified"),
    pytest.param("""
        oauth_clients:
          - name: studio-sync
            scopes: [studio, user-provisioning.scim]
            justification:
              studio.packages:read: lists packages
        """, {}, [("SL017", 3, 14), ("SL017", 3, 22)], id="justification-for-another-scope"),
    pytest.param("""
        oauth_clients:
          - name: entra-scim
            scopes: [studio, user-provisioning.scim]
        """, {"risks": ["critical"]}, [("SL017", 3, 22)], id="critical-only"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "auditor"
        scopes = "audit.log:read team.login-history:read"

        [oauth_clients.justification]
        "audit.log:read" = "exports audit events to the SIEM"
        """}, {}, [("SL017", 3, 26)], id="toml-string"),
    pytest.param({"pyproject.toml": """
        [[tool.scopelint.oauth_clients]]
        name = "ml-runner"
        scopes = ["machine-learning", "mcp-asset.tools:execute"]
        justification = {"machine-learning" = "runs the forecast app"}
        """}, {}, [("SL017", 3, 32)], id="pyproject-inline-justification"),
    pytest.param({"clients.json": """
        {"oauth_clients": [{"name": "ml", "scopes": ["machine-learning"]}]}
        """}, {}, [("SL017", 1, 47)], id="json"),
]


@pytest.mark.parametrize("files, settings, expected", SL017_CASES)
def test_sl017_unjustified_sensitive_scope(lint_tree, files, settings, expected):
    check_rule(lint_tree, "SL017", files, expected, **settings)


def test_sl017_message_and_hint(lint_tree):
    [finding] = check_rule(lint_tree, "SL017", """
        oauth_clients:
          - name: entra-scim
            scopes: [user-provisioning.scim]
        """, [("SL017", 3, 14)])
    assert finding.message == "critical-risk scope 'user-provisioning.scim' has no justification in client 'entra-scim'"
    assert finding.hint == "add 'justification: {user-provisioning.scim: <why it is needed>}'"
