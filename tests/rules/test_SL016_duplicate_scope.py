"""SL016 duplicate-scope: each case a small, realistic definition file linted with SL016 alone (and SL000,
so that an input that does not parse cannot pass by accident); exact (code, line, col) compared."""
from __future__ import annotations

import pytest
from tests.conftest import check_rule


SL016_CASES = [
    pytest.param("""
        oauth_clients:
          - name: hr-sync
            scopes: [team.user-group-info:read, team.login-history:read]
        """, [], id="clean"),
    pytest.param("""
        oauth_clients:
          - name: hr-sync
            scopes:
              - team.user-group-info:read
              - team.login-history:read
              - team.user-group-info:read
        """, [("SL016", 6, 9)], id="yaml-list"),
    pytest.param("""
        oauth_clients:
          - name: hr-sync
            scopes: studio tasks:read studio
        """, [("SL016", 3, 31)], id="yaml-string"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "hr-sync"
        scopes = ["studio", "studio"]
        """}, [("SL016", 3, 22)], id="toml-list"),
    pytest.param({"pyproject.toml": """
        [[tool.scopelint.oauth_clients]]
        name = "hr-sync"
        scopes = "tasks:read  tasks:read"
        """}, [("SL016", 3, 23)], id="pyproject-string"),
    pytest.param({"clients.json": """
        {"oauth_clients": [{"name": "x", "scopes": "studio studio studio"}]}
        """}, [("SL016", 1, 52), ("SL016", 1, 59)], id="json-string-three-times"),
]


@pytest.mark.parametrize("files, expected", SL016_CASES)
def test_sl016_duplicate_scope(lint_tree, files, expected):
    check_rule(lint_tree, "SL016", files, expected)


def test_sl016_message_names_the_first_line(lint_tree):
    [finding] = check_rule(lint_tree, "SL016", SL016_CASES[1].values[0], [("SL016", 6, 9)])
    assert finding.message == "scope 'team.user-group-info:read' is listed twice (first at line 4)"


GO_CONFIG = """\
package a

import "golang.org/x/oauth2/clientcredentials"

var cfg = clientcredentials.Config{
	ClientID:     "x",
	TokenURL:     %s,
	Scopes:       []string{"package-manager", "package-manager"},
	EndpointParams: url.Values{"audience": {"https://api.acme.example"}},
}
"""


@pytest.mark.parametrize("token_url, expected", [
    ('"https://sso.acme.example/realms/ops/protocol/openid-connect/token"', []),  # Keycloak's: its scopes
    ('"https://acme.eu-1.celonis.cloud/oauth2/token"', [("SL016", 8)]),
    ('os.Getenv("CELONIS_TOKEN_URL")', [("SL016", 8)]),  # not written out: the names say Celonis
])
def test_sl016_the_scopes_of_another_providers_config_are_its_own(lint_tree, token_url, expected):
    found = lint_tree({"auth/config.go": GO_CONFIG % token_url}).findings
    assert [(f.code, f.loc.line) for f in found if f.code == "SL016"] == expected
