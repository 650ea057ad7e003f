"""Bruno collections: requests, ``collection.bru`` auth blocks and environments, read as the
Postman collection and environment they stand for."""
from __future__ import annotations

import pytest

from scopelint.extractors.documents import bruno
from tests.conftest import extract

SECRET = "cYOmEmNQ2Tn3PZzB0Vvhp9OnrE8wRNxPuttkBm58kIM"

TOKEN_REQUEST = """\
meta {
  name: Get token
  type: http
  seq: 1
}

post {
  url: {{baseUrl}}/oauth2/token
  body: formUrlEncoded
  auth: none
}

body:json {
  {
    "nested": { "braces": true }
  }
}

body:form-urlencoded {
  grant_type: client_credentials
  client_id: {{clientId}}
  ~scope: studio
  scope: studio,integration.data-pools
}

script:post-response {
  bru.setEnvVar("token", res.body.access_token);
}
"""
LIST_POOLS = """\
meta {
  name: List pools
  type: http
}

get {
  url: {{baseUrl}}/integration/api/pools
  auth: bearer
}

auth:bearer {
  token: {{token}}
}
"""


def environment(host: str) -> str:
    return f"vars {{\n  baseUrl: {host}\n  clientId: 6a7b8c9d\n}}\nvars:secret [\n  clientSecret\n]\n"


def test_a_request_takes_the_host_its_environments_agree_on(lint_tree):
    """``{{baseUrl}}`` is the host both environments set: the token request is Celonis's, its form's
    scope judged where written (the disabled ``~scope`` line left out, a text block's braces passed
    over), and the pools call judged against it."""
    found = lint_tree({"api/bruno.json": "{}", "api/Get token.bru": TOKEN_REQUEST, "api/List pools.bru": LIST_POOLS,
                       "api/environments/Dev.bru": environment("https://acme.eu-1.celonis.cloud"),
                       "api/environments/Prod.bru": environment("https://acme.eu-1.celonis.cloud")}).findings
    assert [(f.code, f.loc.path, f.loc.line, f.loc.col) for f in found] == [
        ("SL002", "api/Get token.bru", 23, 10), ("SL006", "api/Get token.bru", 23, 10)]


@pytest.mark.parametrize("files", [
    # environments that set the host differently, or no collection around the request: the host is not known
    pytest.param({"api/bruno.json": "{}", "api/environments/A.bru": environment("https://acme.eu-1.celonis.cloud"),
                  "api/environments/B.bru": environment("https://auth.example.com")}, id="environments-disagree"),
    pytest.param({"api/environments/A.bru": environment("https://acme.eu-1.celonis.cloud")}, id="no-bruno-json"),
])
def test_a_host_the_environments_do_not_agree_on_is_not_known(lint_tree, files):
    assert lint_tree({**files, "api/Get token.bru": TOKEN_REQUEST}).findings == []


COLLECTION = f"""\
auth {{
  mode: oauth2
}}

auth:oauth2 {{
  grant_type: client_credentials
  access_token_url: TOKEN_URL
  client_id: 6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d
  client_secret: {SECRET}
  scope: SCOPE
  credentials_placement: body
}}
"""


def test_a_collections_oauth2_block_is_a_client_and_a_token_request():
    text = COLLECTION.replace("TOKEN_URL", "https://acme.eu-1.celonis.cloud/oauth2/token").replace("SCOPE", "studio.spaces")
    f = extract("api/collection.bru", text, bruno, dedent=False)
    assert [(c.origin, c.grant_type.value, c.auth_method.value, [s.name for s in c.scopes.refs], c.redirect_uris)
            for c in f.clients] == [("bruno", "client_credentials", "client_secret_post", ["studio.spaces"], ())]
    assert [(r.url, r.loc.line) for r in f.token_requests] == [("https://acme.eu-1.celonis.cloud/oauth2/token", 7)]
    assert [(s.kind, s.name, s.loc.line, s.loc.col) for s in f.secrets] == [("client secret", "clientSecret", 9, 18)]
    assert SECRET not in repr(f.secrets)


def test_another_providers_oauth2_block_says_nothing():
    text = COLLECTION.replace("TOKEN_URL", "https://auth.atlassian.com/oauth/token").replace("SCOPE", "read:jira-work")
    f = extract("api/collection.bru", text, bruno, dedent=False)
    assert (f.clients, f.token_requests, f.scope_vars) == ([], [], [])


def test_an_environments_variables_are_settings():
    f = extract("api/environments/Prod.bru", "vars {\n  baseUrl: http://acme.eu-1.celonis.cloud\n"
                "  CELONIS_SCOPE: studio.packages\n}\n", bruno, dedent=False)
    assert [(i.kind, i.loc.line, i.loc.col) for i in f.insecure] == [("http-url", 2, 12)]
    assert [(r.name, r.loc.line, r.loc.col) for s in f.scope_vars for r in s.refs] == [("studio.packages", 3, 18)]


SCRIPTED = """\
headers {
  Authorization: Bearer {{token}}
}

script:pre-request {
  const axios = require("axios");
  if (!bru.getVar("token")) {
    const res = await axios.post(`${bru.getEnvVar("baseUrl")}/oauth2/token`, new URLSearchParams({
      grant_type: "client_credentials",
      scope: "SCOPES",
    }));
    bru.setVar("token", res.data.access_token);
  }
}

docs {
  scope: studio,integration.data-pools is what the sandbox uses
}
"""


@pytest.mark.parametrize("env, scopes, want", [
    # a token the collection's script gets is read as JavaScript where it stands; the docs are prose
    pytest.param("https://acme.eu-1.celonis.cloud", "studio,integration.data-pools",
                 [("SL002", "api/collection.bru", 10, 15)], id="celonis"),
    pytest.param("https://auth.atlassian.com", "read:jira-work,write:jira-work", [], id="another-provider"),
])
def test_a_script_block_is_read_as_javascript(lint_tree, env, scopes, want):
    found = lint_tree({"api/bruno.json": "{}", "api/collection.bru": SCRIPTED.replace("SCOPES", scopes),
                       "api/environments/Prod.bru": environment(env)}).findings
    assert [(f.code, f.loc.path, f.loc.line, f.loc.col) for f in found] == want


def test_a_bruno_request_is_named_as_one():
    f = extract("api/List pools.bru", LIST_POOLS.replace("{{baseUrl}}", "https://acme.eu-1.celonis.cloud"), bruno,
                dedent=False)
    assert [(c.path, c.evidence) for c in f.api_calls] == [("/integration/api/pools", "Bruno request 'List pools'")]


SENT = """\
get {
  url: https://acme.eu-1.celonis.cloud/integration/api/pools
}

script:pre-request {
  const res = await bru.sendRequest({
    method: 'POST',
    url: 'TOKEN_URL',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    data: 'grant_type=client_credentials&scope=integration.data-pool'
  });
  bru.setVar('token', res.data.access_token);
}
"""


@pytest.mark.parametrize("token_url, want", [
    # bru.sendRequest takes axios's request config: its data is the token request's form
    pytest.param("https://acme.eu-1.celonis.cloud/oauth2/token", [("SL005", 2, 8), ("SL001", 10, 48)], id="celonis"),
    pytest.param("https://login.example-idp.com/oauth2/token", [], id="another-provider"),
])
def test_a_token_a_script_sends_for_is_a_token_request(lint_tree, token_url, want):
    found = lint_tree({"api/bruno.json": "{}", "api/pools.bru": SENT.replace("TOKEN_URL", token_url)}).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == want
