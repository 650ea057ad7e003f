"""SL008 missing-scim-permission: each case a small, realistic definition file linted with SL008 alone (and SL000,
so that an input that does not parse cannot pass by accident); exact (code, line, col) compared."""
from __future__ import annotations

import pytest
from tests.conftest import check_rule


SCIM_CLIENT = """
    oauth_clients:
      - name: entra-scim
        scopes:
          - user-provisioning.scim
"""

SL008_CASES = [
    pytest.param(SCIM_CLIENT + """
        permissions:
            - service: User Provisioning
              template: manage
              scim: true
        """, [], id="clean-scim-true"),
    pytest.param(SCIM_CLIENT + """
        permissions:
            - service: user_provisioning
              scim: true
        """, [], id="clean-service-spelling-ignored"),
    pytest.param("""
        oauth_clients:
          - name: studio-sync
            scopes: [studio]
        """, [], id="clean-no-scim-scope"),
    pytest.param(SCIM_CLIENT + """
        permissions:
            - service: User Provisioning
              template: manage
              scim: false
        """, [("SL008", 4, 9)], id="scim-false"),
    pytest.param(SCIM_CLIENT + """
        permissions:
            - service: User Provisioning
              template: manage
        """, [("SL008", 4, 9)], id="scim-missing"),
    pytest.param(SCIM_CLIENT, [("SL008", 4, 9)], id="no-permissions-at-all"),
    pytest.param(SCIM_CLIENT + """
        permissions:
            - service: Team
              scim: true
        """, [("SL008", 4, 9)], id="scim-on-another-service"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "entra-scim"
        scopes = "user-provisioning.scim"

        [[oauth_clients.permissions]]
        service = "User Provisioning"
        template = "manage"
        scim = false
        """}, [("SL008", 3, 11)], id="toml-scim-false"),
    pytest.param({"pyproject.toml": """
        [[tool.scopelint.oauth_clients]]
        name = "entra-scim"
        scopes = ["user-provisioning.scim"]

        [[tool.scopelint.oauth_clients.permissions]]
        service = "User-Provisioning"
        scim = true
        """}, [], id="pyproject-clean"),
    pytest.param({"pyproject.toml": """
        [[tool.scopelint.oauth_clients]]
        name = "entra-scim"
        scopes = ["user-provisioning.scim"]
        """}, [("SL008", 3, 12)], id="pyproject-no-permissions"),
    pytest.param({"clients.json": """
        {"oauth_clients": [{"name": "entra-scim", "scopes": ["user-provisioning.scim"],
                            "permissions": [{"service": "User Provisioning", "scim": true}]}]}
        """}, [], id="json-clean"),
]


@pytest.mark.parametrize("files, expected", SL008_CASES)
def test_sl008_missing_scim_permission(lint_tree, files, expected):
    check_rule(lint_tree, "SL008", files, expected)


def test_sl008_message_and_hint(lint_tree):
    [finding] = check_rule(lint_tree, "SL008", SCIM_CLIENT, [("SL008", 4, 9)])
    assert finding.message == ("client 'entra-scim' uses scope 'user-provisioning.scim' but has no "
                               "User Provisioning permission with scim: true")
    assert "scim: true" in finding.hint
