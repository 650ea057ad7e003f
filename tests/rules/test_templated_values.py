"""A client record whose scopes, grant type or client authentication are a reference of a template
or another tool (``${CELONIS_SCOPE}``, ``${input:grant}``, ``{{grantType}}``) says nothing yet about
what the client will request: no finding rests on it. The same record with the values written out
is judged as usual, so each reader is shown to read the field."""
from __future__ import annotations

import pytest

CODES = ("SL001", "SL002", "SL003", "SL010", "SL011", "SL015")

SPRING = """\
spring.security.oauth2.client.registration.celonis.scope={scope}
spring.security.oauth2.client.registration.celonis.authorization-grant-type={grant}
spring.security.oauth2.client.registration.celonis.client-authentication-method={auth}
spring.security.oauth2.client.provider.celonis.token-uri=https://acme.eu-1.celonis.cloud/oauth2/token
"""

SPRING_YAML = """\
spring:
  security:
    oauth2:
      client:
        registration:
          celonis:
            scope: {scope}
            authorization-grant-type: {grant}
            client-authentication-method: {auth}
        provider:
          celonis:
            token-uri: https://acme.eu-1.celonis.cloud/oauth2/token
"""

MCP = """\
{{"servers": {{"celonis": {{"type": "http",
  "url": "https://acme.eu-1.celonis.cloud/studio-copilot/api/v1/mcp-servers/mcp/abc",
  "auth": {{"clientId": "${{env:CELONIS_CLIENT_ID}}", "clientSecret": "${{env:CELONIS_CLIENT_SECRET}}",
           "grantType": "{grant}", "scopes": "{scope}"}}}}}}}}
"""

POSTMAN = """\
{{
  "info": {{"name": "Celonis", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
  "auth": {{"type": "oauth2", "oauth2": [
      {{"key": "accessTokenUrl", "value": "https://acme.eu-1.celonis.cloud/oauth2/token"}},
      {{"key": "grant_type", "value": "{grant}"}},
      {{"key": "scope", "value": "{scope}"}}]}},
  "item": []
}}
"""

PROFILE = """\
{{"name": "ci", "team": "https://acme.eu-1.celonis.cloud", "type": "Client Credentials", "clientId": "${{CID}}",
 "clientSecret": "${{CSECRET}}", "scopes": ["{scope}"], "clientAuthenticationMethod": "{auth}"}}
"""

DEFINITION = """\
oauth_clients:
  - name: nightly
    grant_type: "{grant}"
    auth_method: "{auth}"
    scopes: "{scope}"
"""

TEMPLATED = {"scope": "${CELONIS_SCOPE}", "grant": "${CELONIS_GRANT:client_credentials}", "auth": "${CELONIS_AUTH_METHOD}"}
WRITTEN = {"scope": "Studio", "grant": "password", "auth": "private_key_jwt"}

CASES = [
    pytest.param("src/main/resources/application.properties", SPRING, {"SL002", "SL010", "SL011"}, id="spring-properties"),
    pytest.param("src/main/resources/application.yml", SPRING_YAML, {"SL002", "SL010", "SL011"}, id="spring-yaml"),
    pytest.param(".vscode/mcp.json", MCP, {"SL002", "SL010"}, id="mcp"),
    pytest.param("Celonis.postman_collection.json", POSTMAN, {"SL002", "SL010"}, id="postman"),
    pytest.param(".celonis-content-cli-profiles/ci.json", PROFILE, {"SL002", "SL011"}, id="content-cli"),
    pytest.param("clients.yaml", DEFINITION, {"SL002", "SL010", "SL011"}, id="definition"),
]


@pytest.mark.parametrize("path, template, written", CASES)
def test_a_templated_value_makes_no_finding(lint_tree, path, template, written):
    found = lint_tree({path: template.format(**TEMPLATED)}).findings
    assert [(f.code, f.loc.line, f.message) for f in found if f.code in CODES] == []


@pytest.mark.parametrize("path, template, written", CASES)
def test_the_same_value_written_out_is_judged(lint_tree, path, template, written):
    found = lint_tree({path: template.format(**WRITTEN)}).findings
    assert {f.code for f in found if f.code in CODES} >= written


def test_a_partly_templated_list_keeps_its_written_names(lint_tree):
    """In a list with one templated item, the names written out are still checked (a typo is a
    typo), but nothing rests on what the list grants (no SL005 for the call)."""
    files = {
        "clients.yaml": 'oauth_clients:\n  - name: km\n    scopes: ["studio.packages", "${EXTRA_SCOPE}"]\n',
        "etl/job.py": 'import requests\nrequests.get("https://acme.eu-1.celonis.cloud/integration/api/pools")\n',
    }
    found = lint_tree(files).findings
    assert sorted((f.code, f.loc.line) for f in found if f.code.startswith("SL00")) == [("SL003", 3)]
