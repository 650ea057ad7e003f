"""SL001 unknown-scope: each case a small, realistic definition file linted with SL001 alone (and SL000,
so that an input that does not parse cannot pass by accident); exact (code, line, col) compared."""
from __future__ import annotations

import pytest
from tests.conftest import check_rule

from scopelint import catalog
from scopelint.config import Config


VERSION = catalog.shipped().version


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
    # a client that signs users in through Celonis asks for OpenID Connect's own scopes beside catalog
    # ones: the protocol's, never unknown; a typo beside them still is
    pytest.param({"src/main/resources/application.yml": """
        spring:
          security:
            oauth2:
              client:
                registration:
                  celonis:
                    client-id: ${CELONIS_CLIENT_ID}
                    authorization-grant-type: authorization_code
                    scope:
                      - openid
                      - profile
                      - offline_access
                      - studio
                      - integration.datapools
                provider:
                  celonis:
                    issuer-uri: https://acme.eu-1.celonis.cloud
        """}, [("SL001", 14, 17)], id="spring-oidc-scopes"),
]


@pytest.mark.parametrize("files, expected", SL001_CASES)
def test_sl001_unknown_scope(lint_tree, files, expected):
    check_rule(lint_tree, "SL001", files, expected)


def test_sl001_message_names_closest_scope_and_catalog_version(lint_tree):
    [finding] = check_rule(lint_tree, "SL001", """
        oauth_clients:
          - name: nightly-erp-push
            scopes: [integration.datapools]
        """, [("SL001", 3, 14)])
    assert finding.message == (f"unknown scope 'integration.datapools' (catalog {VERSION}); "
                               "did you mean 'integration.data-pools'?")
    assert finding.fix is not None and finding.fix.text == "integration.data-pools"
    assert finding.client == "nightly-erp-push" and finding.scope == "integration.datapools"
    assert finding.catalog_version == VERSION


def test_sl001_typo_of_a_knowledge_model_scope_is_an_error_with_did_you_mean(lint_tree):
    [finding] = check_rule(lint_tree, "SL001", """
        oauth_clients:
          - name: km-reader
            scopes: [intelligence.knowledge-model:read]
        """, [("SL001", 3, 14)])
    assert finding.level == "error"
    assert finding.message == (f"unknown scope 'intelligence.knowledge-model:read' (catalog {VERSION}); "
                               "did you mean 'intelligence.knowledge-models:read'?")
    assert finding.fix is not None and finding.fix.text == "intelligence.knowledge-models:read"


def test_sl001_known_namespace_with_an_unknown_suffix_is_an_error(lint_tree):
    # no catalog name is close, but "integration" is a Celonis namespace
    [finding] = check_rule(lint_tree, "SL001", """
        oauth_clients:
          - name: pool-admin
            scopes: [integration.process-jobs:delete]
        """, [("SL001", 3, 14)])
    assert catalog.shipped().closest("integration.process-jobs:delete") is None
    assert finding.level == "error"
    assert finding.message == (f"unknown scope 'integration.process-jobs:delete' (catalog {VERSION}): Celonis uses "
                               "the namespace 'integration', but has no scope spelled like this")
    assert finding.hint == "pick a scope of the 'integration' namespace from 'scopelint catalog'"
    assert finding.fix is None


def test_sl001_data_pools_write_is_an_error(lint_tree):
    [finding] = check_rule(lint_tree, "SL001", """
        oauth_clients:
          - name: pool-admin
            scopes: [integration.data-pools:write]
        """, [("SL001", 3, 14)])
    assert finding.level == "error"
    assert finding.message.startswith(f"unknown scope 'integration.data-pools:write' (catalog {VERSION})")


def test_sl001_unknown_namespace_without_a_near_miss_is_a_warning_naming_the_catalog_date(lint_tree):
    cat = catalog.shipped()
    [finding] = check_rule(lint_tree, "SL001", """
        oauth_clients:
          - name: reporting
            scopes: [reports:everything]
        """, [("SL001", 3, 14)])
    assert finding.level == "warning"
    assert finding.message == (
        f"scope 'reports:everything' is not in the catalog {VERSION} ({cat.date}), and Celonis is not known to "
        "use the namespace 'reports'; if Celonis added it since, extend the catalog with --catalog FILE "
        "or the config key 'catalog'")
    assert finding.fix is None


def test_sl001_warning_does_not_fail_the_default_run_and_a_config_level_still_wins(lint_tree):
    files = """
        oauth_clients:
          - name: reporting
            scopes: [acme.widgets:read, integration.datapools]
        """
    result = lint_tree({"clients.yaml": files}, Config(select=("SL001",)))
    assert [(f.scope, f.level) for f in result.findings] == [("acme.widgets:read", "warning"),
                                                             ("integration.datapools", "error")]
    result = lint_tree({"clients.yaml": files}, Config(select=("SL001",), levels={"SL001": "note"}))
    assert [f.level for f in result.findings] == ["note", "note"]


def test_sl001_celonis_own_scope_lists_are_known(lint_tree):
    # the Cursor plugin's mcp.json scopes (public client cursor_mcp) and the content-cli's scopes
    result = lint_tree({"clients.yaml": """
        oauth_clients:
          - name: cursor_mcp
            scopes: [studio-mcp, data-pipelines.data:read, data-pipelines:manage, knowledge-models:read,
                     package-manager, pig-semantic-layer:read, pql-assistant:generation,
                     mcp-asset.tools:execute, eml-explorer:read]
          - name: content-cli
            scopes: studio package-manager integration.data-pools action-engine.projects
        """, ".celonis-content-cli-profiles/dev.json": """
        {"name": "dev", "team": "https://acme.eu-1.celonis.cloud", "type": "Device Code",
         "authenticationType": "Bearer", "clientId": "content-cli",
         "scopes": ["studio", "package-manager", "integration.data-pools", "action-engine.projects"]}
        """}, Config(select=("SL001", "SL002", "SL003", "SL000")))
    assert len(result.project.clients) == 3
    assert sum(len(c.unique_refs) for c in result.project.clients) == 17
    assert result.findings == []


@pytest.mark.parametrize("placeholder", ["...", "…", "TODO", "tbd", "changeme", "REPLACE_SCOPES_HERE", "replace-me",
                                         "xxx", "your-scopes-here", "yourScopes", "scope1 scope2", "SCOPE_A SCOPE_B"])
@pytest.mark.parametrize("path, template", [
    (".env.example", "CELONIS_URL=https://acme.eu-1.celonis.cloud\nCELONIS_CLIENT_ID=etl\nCELONIS_SCOPE={}\n"),
    ("docker-compose.yml", "services:\n  push:\n    image: acme/push:1.4\n    environment:\n"
                           "      CELONIS_URL: https://acme.eu-1.celonis.cloud\n      CELONIS_OAUTH_SCOPE: \"{}\"\n"),
    ("push.js", 'fetch("https://acme.eu-1.celonis.cloud/oauth2/token", {{method: "POST", body: new URLSearchParams('
                '{{grant_type: "client_credentials", scope: "{}"}})}});\n'),
    ("clients.yaml", "oauth_clients:\n  - name: etl\n    scopes: \"{}\"\n"),
])
def test_a_scope_value_written_for_a_person_to_fill_in_is_not_judged(lint_tree, path, template, placeholder):
    result = lint_tree({path: template.format(placeholder)}, Config(select=("SL001", "SL002", "SL015")))
    assert [(f.code, f.loc.line) for f in result.findings] == []


@pytest.mark.parametrize("path, text, expected", [
    # a real name beside a placeholder, a retired scope, a capitalised typo: the list is judged
    (".env", "CELONIS_SCOPE=TODO studio\n", [("SL001", 1, 15), ("SL002", 1, 15)]),
    (".env", "CELONIS_SCOPE=Studio integration.data-pool\n", [("SL001", 1, 22), ("SL002", 1, 15)]),
    ("clients.yaml", "oauth_clients:\n  - name: etl\n    scopes: [scope1, integration.data-pool]\n",
     [("SL001", 3, 14), ("SL001", 3, 22)]),
])
def test_a_real_scope_beside_a_placeholder_is_still_judged(lint_tree, path, text, expected):
    result = lint_tree({path: text}, Config(select=("SL001", "SL002")))
    assert sorted((f.code, f.loc.line, f.loc.col) for f in result.findings) == expected


GRAPH_SETTINGS = '''
from dataclasses import dataclass

from pydantic_settings import BaseSettings


class AzureAdSettings(BaseSettings):
    tenant_id: str = "common"
    oauth_scopes: str = "User.Read Mail.Send"


@dataclass
class SyncSettings:
    graph_scopes: str = "https://graph.microsoft.com/.default"
    celonis_url: str = "https://acme.eu-1.celonis.cloud"
    celonis_scope: str = "integration.data-pools:data_push"
    oauth_scopes: str = "integration.data-pools,studio"
'''

MSAL_SCOPES = '''
import os

import msal
import requests

OAUTH_SCOPES = os.environ.get("OAUTH_SCOPES", "https://graph.microsoft.com/.default")
CELONIS_URL = os.environ.get("CELONIS_URL", "https://acme.eu-1.celonis.cloud")
graph = msal.ConfidentialClientApplication(os.environ["AZURE_CLIENT_ID"], client_credential=os.environ["AZURE_SECRET"])
token = graph.acquire_token_for_client(scopes=[OAUTH_SCOPES])["access_token"]
pools = requests.get(f"{CELONIS_URL}/integration/api/pools", headers={"Authorization": "Bearer " + os.environ["CELONIS_TOKEN"]})
'''

PORTAL = '''
const CELONIS_URL = process.env.CELONIS_URL ?? "https://acme.eu-1.celonis.cloud";
export const config = {
  authority: "https://login.microsoftonline.com/common",
  oauthScopes: "User.Read Mail.Read",
  celonisUrl: CELONIS_URL,
};
export const push = { oauthScopes: "integration.data-pools,studio" };
export async function pools(token: string) {
  return fetch(`${CELONIS_URL}/integration/api/pools`, { headers: { Authorization: `Bearer ${token}` } });
}
'''


@pytest.mark.parametrize("path, text, expected", [
    # in a module that talks to Celonis, another provider's scopes by their shape (a URL, Microsoft Graph's
    # Resource.Action), or under a name or class named for another provider, are that provider's; a
    # generically named list of Celonis scopes beside them is still judged
    pytest.param("sync/settings.py", GRAPH_SETTINGS, [("SL002", 16, 26)], id="settings-classes"),
    pytest.param("sync/sharepoint.py", MSAL_SCOPES, [], id="env-default-sent-to-msal"),
    pytest.param("web/config.ts", PORTAL, [("SL002", 7, 37)], id="javascript-config"),
])
def test_another_providers_scopes_beside_celonis_code_are_not_celonis(lint_tree, path, text, expected):
    result = lint_tree({path: text}, Config(select=("SL001", "SL002")))
    assert sorted((f.code, f.loc.line, f.loc.col) for f in result.findings) == expected


@pytest.mark.parametrize("path, text", [
    pytest.param(".github/workflows/push.yml", "on: push\njobs:\n  push:\n    runs-on: ubuntu-latest\n    env:\n"
                 "      CELONIS_URL: https://acme.eu-1.celonis.cloud\n      CELONIS_SCOPE: >-\n"
                 "        integration.data-pools:data_push\n        intelligence.knowledge-modelz:read\n"
                 "    steps:\n      - run: python push.py\n", id="ci-env-folded"),
    pytest.param("deploy/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: celonis\ndata:\n"
                 "  CELONIS_URL: https://acme.eu-1.celonis.cloud\n  CELONIS_SCOPE: |\n"
                 "    integration.data-pools:data_push\n    intelligence.knowledge-modelz:read", id="configmap-literal-at-the-end"),
    pytest.param("app.yaml", "celonis:\n  url: https://acme.eu-1.celonis.cloud\n  token-uri: https://acme.eu-1.celonis.cloud/oauth2/token\n"
                 "  scope: >-\n    integration.data-pools:data_push\n    intelligence.knowledge-modelz:read\n",
                 id="settings-folded"),
])
def test_sl001_a_scope_of_a_yaml_block_is_where_it_is_written(lint_tree, path, text):
    """A scope list written as a YAML block (``>-``, ``|``) in a CI step's environment, a ConfigMap or an
    application's settings: each scope is placed on its own line, where its fix edits it."""
    lines = text.split("\n")
    line = next(i for i, row in enumerate(lines, 1) if "modelz" in row)
    found = [(f.code, f.loc.line, f.loc.col) for f in lint_tree({path: text}).findings if f.code == "SL001"]
    assert found == [("SL001", line, lines[line - 1].index("intelligence") + 1)]


def test_sl001_a_yaml_blocks_header_comment_is_no_place_of_its_scopes(lint_tree):
    text = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: celonis\ndata:\n"
            "  CELONIS_URL: https://acme.eu-1.celonis.cloud\n  CELONIS_SCOPE: >- # intelligence.knowledge-modelz:read is a typo\n"
            "    intelligence.knowledge-modelz:read\n    integration.data-pools:data_push\n")
    found = [(f.code, f.loc.line, f.loc.col) for f in lint_tree({"deploy/cm.yaml": text}).findings if f.code == "SL001"]
    assert found == [("SL001", 8, 5)]
