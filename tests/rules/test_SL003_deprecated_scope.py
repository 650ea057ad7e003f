"""SL003 deprecated-scope: each case a small, realistic definition file linted with SL003 alone (and SL000,
so that an input that does not parse cannot pass by accident); exact (code, line, col) compared."""
from __future__ import annotations

import pytest
from tests.conftest import check_rule


SL003_CASES = [
    pytest.param("""
        oauth_clients:
          - name: studio-sync
            scopes: [studio, studio.packages:read]
        """, [], id="clean-current-scopes"),
    pytest.param("""
        oauth_clients:
          - name: studio-sync
            scopes:
              - studio.spaces
        """, [("SL003", 4, 9)], id="retired-studio-spaces"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            scopes: studio integration.data-pools:data-push
        """, [("SL003", 3, 20)], id="hyphen-variant-in-string"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "studio-sync"
        scopes = ["studio.widgets", "transformation-center.kpis"]
        """}, [("SL003", 3, 12), ("SL003", 3, 30)], id="toml-retired-pair"),
    pytest.param({"pyproject.toml": """
        [[tool.scopelint.oauth_clients]]
        name = "audit-export"
        scopes = "team.login-history audit.log:read"
        """}, [("SL003", 3, 11)], id="pyproject-string"),
    pytest.param({"clients.json": """
        {"oauth_clients": [{"name": "audit-export", "scopes": ["audit.log"]}]}
        """}, [("SL003", 1, 57)], id="json-doc-shorthand"),
]


@pytest.mark.parametrize("files, expected", SL003_CASES)
def test_sl003_deprecated_scope(lint_tree, files, expected):
    check_rule(lint_tree, "SL003", files, expected)


@pytest.mark.parametrize("scope, message, fixed", [
    pytest.param("studio.spaces", "scope 'studio.spaces' is retired; use 'studio' (retired in 2024, replaced by studio)",
                 "studio", id="studio.spaces"),
    pytest.param("integration.data-pools:data-push",
                 "scope 'integration.data-pools:data-push' is a variant spelling; use 'integration.data-pools:data_push' "
                 "(hyphen spelling seen on one docs page; the scope is spelled with an underscore)",
                 "integration.data-pools:data_push", id="hyphen-variant"),
    pytest.param("transformation-center.kpis",
                 "scope 'transformation-center.kpis' is retired; remove it (no replacement in the catalog) "
                 "(retired in 2024, no replacement)", None, id="no-replacement"),
])
def test_sl003_names_the_replacement(lint_tree, scope, message, fixed):
    [finding] = check_rule(lint_tree, "SL003", f"""
        oauth_clients:
          - name: legacy
            scopes:
              - {scope}
        """, [("SL003", 4, 9)])
    assert finding.message == message
    assert (finding.fix.text if finding.fix else None) == fixed
