"""The rules that read client definitions: SL000-SL003, SL008-SL011, SL015-SL017.

Each case is a small, realistic definition file (YAML, ``.toml`` with ``[[oauth_clients]]``,
``pyproject.toml`` with ``[[tool.scopelint.oauth_clients]]``, or JSON) linted with only the rule
under test selected; the exact ``(code, line, col)`` triples are compared, clean cases first.
"""
from __future__ import annotations

import pytest
from conftest import triples

from scopelint import catalog
from scopelint.config import Config


def lint_one(lint_tree, code: str, files, **settings):
    """Lint ``files`` (a YAML text for ``clients.yaml``, or a dict of files) with rule ``code`` alone.

    SL000 runs too, so that a case whose input does not parse cannot pass by accident."""
    if isinstance(files, str):
        files = {"clients.yaml": files}
    options = {code: settings} if settings else {}
    result = lint_tree(files, Config(select=(code, "SL000"), options=options))
    invalid = [f.message for f in result.findings if f.code == "SL000"]
    assert code == "SL000" or not invalid, invalid
    assert code == "SL000" or result.project.clients, "no client definition was read"
    return [f for f in result.findings if f.code == code]


def check(lint_tree, code, files, expected, **settings):
    findings = lint_one(lint_tree, code, files, **settings)
    assert triples(findings) == expected, [f.message for f in findings]
    return findings


VERSION = catalog.shipped().version

# --------------------------------------------------------------------------- SL001

SL001_CASES = [
    pytest.param("""
        oauth_clients:
          - name: nightly-erp-push
            scopes:
              - integration.data-pools:data_push
        """, [], id="clean-yaml-list"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: studio intelligence.knowledge-models:read
        """, [], id="clean-yaml-string"),
    pytest.param("""
        oauth_clients:
          - name: legacy
            scopes: [studio.spaces, Studio]
        """, [], id="clean-retired-and-miscased-belong-to-other-rules"),
    pytest.param("""
        oauth_clients:
          - name: nightly-erp-push
            scopes:
              - integration.datapools
        """, [("SL001", 4, 9)], id="yaml-list"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: studio integration.datapools intelligence.knowledge-models:raed
        """, [("SL001", 3, 20), ("SL001", 3, 42)], id="yaml-plain-string-columns"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: "studio  integration.datapools"
        """, [("SL001", 3, 22)], id="yaml-quoted-string-columns"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "nightly-erp-push"
        scopes = ["studio", "integration.datapools"]
        """}, [("SL001", 3, 22)], id="toml-list"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "nightly-erp-push"
        scopes = "studio integration.datapools"
        """}, [("SL001", 3, 18)], id="toml-string"),
    pytest.param({"pyproject.toml": """
        [project]
        name = "acme-etl"

        [[tool.scopelint.oauth_clients]]
        name = "nightly-erp-push"
        scopes = ["integration.datapools"]
        """}, [("SL001", 6, 12)], id="pyproject-list"),
    pytest.param({"pyproject.toml": """
        [tool.scopelint]
        select = ["SL0"]

        [[tool.scopelint.oauth_clients]]
        name = "km-reader"
        scopes = "studio intelligence.knowledge-model:read integration.datapools"
        """}, [("SL001", 6, 18), ("SL001", 6, 52)], id="pyproject-string"),
    pytest.param({"clients.json": """
        {
          "oauth_clients": [
            {"name": "nightly-erp-push", "scopes": ["studio", "integration.datapools"]}
          ]
        }
        """}, [("SL001", 3, 56)], id="json-list"),
    pytest.param({"clients.json": """
        {"oauth_clients": [{"name": "erp", "scopes": "studio integration.datapools"}]}
        """}, [("SL001", 1, 54)], id="json-string"),
]


@pytest.mark.parametrize("files, expected", SL001_CASES)
def test_sl001_unknown_scope(lint_tree, files, expected):
    check(lint_tree, "SL001", files, expected)


def test_sl001_message_names_closest_scope_and_catalog_version(lint_tree):
    [finding] = check(lint_tree, "SL001", """
        oauth_clients:
          - name: nightly-erp-push
            scopes: [integration.datapools]
        """, [("SL001", 3, 14)])
    assert finding.message == (f"unknown scope 'integration.datapools' (catalog {VERSION}); "
                               "did you mean 'integration.data-pools'?")
    assert finding.fix is not None and finding.fix.text == "integration.data-pools"
    assert finding.client == "nightly-erp-push" and finding.scope == "integration.datapools"
    assert finding.catalog_version == VERSION


def test_sl001_without_a_close_match_points_at_the_catalog(lint_tree):
    [finding] = check(lint_tree, "SL001", """
        oauth_clients:
          - name: reporting
            scopes: [reports:everything]
        """, [("SL001", 3, 14)])
    assert finding.message == f"unknown scope 'reports:everything' (catalog {VERSION})"
    assert finding.hint == "check the scope list in 'scopelint catalog'" and finding.fix is None


# --------------------------------------------------------------------------- SL002

SL002_CASES = [
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: studio intelligence.knowledge-models:read
        """, [], id="clean-space-separated"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes:
              - studio
              - intelligence.knowledge-models:read
        """, [], id="clean-list"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: "studio, intelligence.knowledge-models:read"
        """, [("SL002", 3, 14)], id="comma-string"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: studio;intelligence.knowledge-models:read
        """, [("SL002", 3, 13)], id="semicolon-string"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: "studio|intelligence.knowledge-models:read"
        """, [("SL002", 3, 14)], id="pipe-string"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: "'studio intelligence.knowledge-models:read'"
        """, [("SL002", 3, 14)], id="quoted-inside-string"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: "[studio intelligence.knowledge-models:read]"
        """, [("SL002", 3, 14)], id="brackets-inside-string"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: Studio Intelligence.Knowledge-Models:read
        """, [("SL002", 3, 13)], id="upper-case-string"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes:
              - Studio
        """, [("SL002", 4, 9)], id="upper-case-list-item"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes:
              - studio
              - studio.packages:read tasks:read
        """, [("SL002", 5, 9)], id="several-scopes-in-one-list-item"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: [studio tasks:read, "triggers:read,tasks:update"]
        """, [("SL002", 3, 14), ("SL002", 3, 34)], id="flow-list-items"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "km-reader"
        scopes = "studio,tasks:read"
        """}, [("SL002", 3, 11)], id="toml-comma-string"),
    pytest.param({"pyproject.toml": """
        [[tool.scopelint.oauth_clients]]
        name = "km-reader"
        scopes = ["studio", "tasks:read;triggers:read"]
        """}, [("SL002", 3, 22)], id="pyproject-semicolon-item"),
    pytest.param({"clients.json": """
        {"oauth_clients": [{"name": "km-reader", "scopes": ["STUDIO"]}]}
        """}, [("SL002", 1, 54)], id="json-upper-case-item"),
]


@pytest.mark.parametrize("files, expected", SL002_CASES)
def test_sl002_malformed_scope_list(lint_tree, files, expected):
    check(lint_tree, "SL002", files, expected)


@pytest.mark.parametrize("value, why, fixed", [
    pytest.param('"studio, tasks:read"', "scopes joined by ','", "studio tasks:read", id="comma"),
    pytest.param('"studio;tasks:read"', "scopes joined by ';'", "studio tasks:read", id="semicolon"),
    pytest.param('"studio|tasks:read"', "scopes joined by '|'", "studio tasks:read", id="pipe"),
    pytest.param("'\"studio tasks:read\"'", "scopes wrapped in quotes or brackets", "studio tasks:read", id="quotes"),
    pytest.param('"(studio tasks:read)"', "scopes wrapped in quotes or brackets", "studio tasks:read", id="parentheses"),
    pytest.param("Studio Tasks:Read", "scopes must be lower-case", "studio tasks:read", id="upper-case"),
])
def test_sl002_string_form_names_the_problem_and_the_fix(lint_tree, value, why, fixed):
    [finding] = lint_one(lint_tree, "SL002", f"""
        oauth_clients:
          - name: km-reader
            scopes: {value}
        """)
    assert finding.message == f"malformed scope list: {why}; Celonis expects one space-separated lower-case string"
    assert finding.hint == f"write {fixed!r}"
    assert finding.fix is not None and finding.fix.text == fixed


def test_sl002_list_item_says_one_scope_per_item(lint_tree):
    [finding] = check(lint_tree, "SL002", """
        oauth_clients:
          - name: km-reader
            scopes:
              - studio tasks:read
        """, [("SL002", 4, 9)])
    assert finding.message.startswith("malformed scope list: several scopes in one list item;")
    assert finding.hint == "put one lower-case scope in each list item" and finding.fix is None


def test_sl002_scopes_of_a_joined_string_are_still_checked_one_by_one(lint_tree):
    result = lint_tree({"clients.yaml": """
        oauth_clients:
          - name: km-reader
            scopes: "studio,integration.datapools"
        """}, Config(select=("SL001", "SL002")))
    assert triples(result.findings) == [("SL002", 3, 14), ("SL001", 3, 21)]


# --------------------------------------------------------------------------- SL003

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
    check(lint_tree, "SL003", files, expected)


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
    [finding] = check(lint_tree, "SL003", f"""
        oauth_clients:
          - name: legacy
            scopes:
              - {scope}
        """, [("SL003", 4, 9)])
    assert finding.message == message
    assert (finding.fix.text if finding.fix else None) == fixed


# --------------------------------------------------------------------------- SL008

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
    check(lint_tree, "SL008", files, expected)


def test_sl008_message_and_hint(lint_tree):
    [finding] = check(lint_tree, "SL008", SCIM_CLIENT, [("SL008", 4, 9)])
    assert finding.message == ("client 'entra-scim' uses scope 'user-provisioning.scim' but has no "
                               "User Provisioning permission with scim: true")
    assert "scim: true" in finding.hint


# --------------------------------------------------------------------------- SL009

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
    check(lint_tree, "SL009", files, expected)


def test_sl009_names_the_service_and_permission(lint_tree):
    [finding] = check(lint_tree, "SL009", """
        oauth_clients:
          - name: auditor
            scopes: [audit.log:read]
            permissions:
              - service: Studio
        """, [("SL009", 3, 14)])
    assert finding.message == ("scope 'audit.log:read' needs a permission on the 'Team' service (Use Audit Logs API), "
                               "but client 'auditor' declares none")
    assert finding.hint == "add a permission for service 'Team'"


# --------------------------------------------------------------------------- SL010

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
]


@pytest.mark.parametrize("files, expected", SL010_CASES)
def test_sl010_unsupported_grant_type(lint_tree, files, expected):
    check(lint_tree, "SL010", files, expected)


def test_sl010_messages(lint_tree):
    findings = check(lint_tree, "SL010", """
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


# --------------------------------------------------------------------------- SL011

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
    check(lint_tree, "SL011", files, expected)


def test_sl011_message(lint_tree):
    [finding] = check(lint_tree, "SL011", """
        oauth_clients:
          - name: hr-sync
            auth_method: private_key_jwt
            scopes: [team.user-group-info:read]
        """, [("SL011", 3, 18)])
    assert finding.message == ("auth method 'private_key_jwt' is not supported; "
                               "use one of client_secret_basic, client_secret_post")
    assert finding.hint == "use 'client_secret_basic'"


# --------------------------------------------------------------------------- SL015

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
    check(lint_tree, "SL015", files, expected)


def test_sl015_message(lint_tree):
    [finding] = check(lint_tree, "SL015", SL015_CASES[1].values[0], [("SL015", 3, 13)])
    assert finding.message == "client 'erp-push' has no scopes"
    assert finding.client == "erp-push"


# --------------------------------------------------------------------------- SL016

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
    check(lint_tree, "SL016", files, expected)


def test_sl016_message_names_the_first_line(lint_tree):
    [finding] = check(lint_tree, "SL016", SL016_CASES[1].values[0], [("SL016", 6, 9)])
    assert finding.message == "scope 'team.user-group-info:read' is listed twice (first at line 4)"


# --------------------------------------------------------------------------- SL017

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
    check(lint_tree, "SL017", files, expected, **settings)


def test_sl017_message_and_hint(lint_tree):
    [finding] = check(lint_tree, "SL017", """
        oauth_clients:
          - name: entra-scim
            scopes: [user-provisioning.scim]
        """, [("SL017", 3, 14)])
    assert finding.message == "critical-risk scope 'user-provisioning.scim' has no justification in client 'entra-scim'"
    assert finding.hint == "add 'justification: {user-provisioning.scim: <why it is needed>}'"


# --------------------------------------------------------------------------- SL000

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
    check(lint_tree, "SL000", files, expected)
