"""Postman collections and environments: OAuth2 client records, token requests, API calls, secrets."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scopelint.extractors import Source

from scopelint.extractors.documents import postman
from scopelint.model import FileFacts
from scopelint.reporters import Context, render
from tests.conftest import triples

SECRET = "Zq8x7VbN3kLp9TmR2wYc4Hs6Jd1Fg5Ae"
PATH = "postman/Celonis.postman_collection.json"


def oauth2(**entries: str) -> list[dict[str, str]]:
    return [{"key": k, "value": v, "type": "string"} for k, v in entries.items()]


def collection(auth: object, items: list | None = None, variables: dict | None = None, name: str = "Celonis Data Pools") -> str:
    doc = {
        "info": {"_postman_id": "3c1e", "name": name,
                 "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "auth": auth,
        "item": items or [],
        "variable": [{"key": k, "value": v} for k, v in (variables or {}).items()],
    }
    return json.dumps(doc, indent=1)


CELONIS_AUTH = {"type": "oauth2", "oauth2": oauth2(
    accessTokenUrl="{{baseUrl}}/oauth2/token", scope="integration.data-pools", clientId="{{clientId}}",
    clientSecret="{{clientSecret}}", grant_type="client_credentials", client_authentication="header")}
BASE = {"baseUrl": "https://acme.eu-1.celonis.cloud"}


def request(name: str, method: str, raw: str, **extra: object) -> dict:
    return {"name": name, "request": {"method": method, "header": extra.pop("header", []), "url": {"raw": raw}, **extra}}


def facts(text: str, path: str = PATH) -> tuple[FileFacts, list[str]]:
    out = FileFacts(path)
    postman.extract(Source(path, text), out)
    return out, text.splitlines()


def at(lines: list[str], loc) -> str:
    return lines[loc.line - 1][loc.col - 1:loc.end_col - 1]


def test_claims():
    assert postman.claims("api/Celonis.postman_collection.json")
    assert postman.claims("env/Prod.postman_environment.json")
    assert not postman.claims("api/openapi.json")


def test_collection_oauth2_block_is_a_client_and_a_token_request():
    f, lines = facts(collection(CELONIS_AUTH, variables=BASE))
    [client] = f.clients
    assert (client.name, client.origin) == ("Celonis Data Pools", "postman")
    assert at(lines, client.loc) == "oauth2"
    assert [(r.name, at(lines, r.loc)) for r in client.scope_refs] == [("integration.data-pools", "integration.data-pools")]
    assert (client.grant_type.value, client.auth_method.value) == ("client_credentials", "client_secret_basic")
    [req] = f.token_requests
    assert at(lines, req.loc) == "{{baseUrl}}/oauth2/token" and req.url is None and req.auth_style == "basic"
    assert [r.name for r in req.scopes.refs] == ["integration.data-pools"]
    assert f.secrets == []


@pytest.mark.parametrize("postman_grant, want", [
    pytest.param("client_credentials", "client_credentials", id="client-credentials"),
    pytest.param("password_credentials", "password", id="password"),
    pytest.param("implicit", "implicit", id="implicit"),
    pytest.param("authorization_code_with_pkce", "authorization_code", id="pkce"),
])
def test_grant_types_map_to_oauth_names(postman_grant, want):
    auth = {"type": "oauth2", "oauth2": oauth2(accessTokenUrl="https://acme.eu-1.celonis.cloud/oauth2/token",
                                               scope="studio", grant_type=postman_grant)}
    f, lines = facts(collection(auth))
    assert f.clients[0].grant_type.value == want
    assert at(lines, f.clients[0].grant_type.loc) == postman_grant


def test_older_object_shape_and_request_level_auth():
    auth = {"type": "oauth2", "oauth2": {"accessTokenUrl": "https://acme.eu-1.celonis.cloud/oauth2/token",
                                         "scope": "studio", "clientSecret": SECRET}}
    items = [{"name": "folder", "item": [request("spaces", "GET", "https://acme.eu-1.celonis.cloud/package-manager/api/spaces",
                                                  auth=auth)]}]
    f, lines = facts(collection(None, items))
    assert [c.name for c in f.clients] == ["Celonis Data Pools"]
    assert [(s.kind, s.name, at(lines, s.loc)) for s in f.secrets] == [("client secret", "clientSecret", SECRET)]
    assert SECRET not in repr(f)


def test_requests_become_api_calls_in_a_celonis_collection():
    items = [request("pools", "GET", "{{baseUrl}}/integration/api/pools"),
             request("push", "POST", "{{baseUrl}}/integration/api/v1/data-push/{{poolId}}/jobs/"),
             request("docs", "GET", "https://docs.example.com/openapi.json"),
             request("token", "POST", "{{baseUrl}}/oauth2/token")]
    f, lines = facts(collection(CELONIS_AUTH, items, BASE))
    assert [(c.method, c.path, at(lines, c.loc)) for c in f.api_calls] == [
        ("GET", "/integration/api/pools", "{{baseUrl}}/integration/api/pools"),
        ("POST", "/integration/api/v1/data-push/{{poolId}}/jobs/", "{{baseUrl}}/integration/api/v1/data-push/{{poolId}}/jobs/")]
    assert f.api_calls[0].evidence == "Postman request 'pools'"


def test_app_key_header_and_secret_in_query():
    items = [request("pools", "GET", f"{{{{baseUrl}}}}/integration/api/pools?access_token={SECRET}",
                     header=[{"key": "Authorization", "value": "AppKey {{appKey}}"},
                             {"key": "Authorization", "value": f"AppKey {SECRET}", "disabled": True}])]
    f, lines = facts(collection(None, items, BASE))
    assert [(h.kind, at(lines, h.loc)) for h in f.auth_headers] == [("AppKey", "AppKey {{appKey}}")]
    assert [(s.kind, s.in_url, at(lines, s.loc)) for s in f.secrets] == [("access token", True, SECRET)]


def test_requests_made_with_an_application_key_are_not_scope_gated_calls():
    key_auth = {"type": "apikey", "apikey": [{"key": "key", "value": "Authorization"},
                                             {"key": "value", "value": "AppKey {{appKey}}"}]}
    items = [{"name": "key folder", "auth": key_auth, "item": [request("pools", "GET", "{{baseUrl}}/integration/api/pools")]},
             request("km", "GET", "{{baseUrl}}/intelligence/api/knowledge-models",
                     header=[{"key": "Authorization", "value": "AppKey {{appKey}}"}]),
             request("push", "POST", "{{baseUrl}}/integration/api/v1/data-push/p/jobs/")]
    f, lines = facts(collection(CELONIS_AUTH, items, BASE))
    assert [c.path for c in f.api_calls] == ["/integration/api/v1/data-push/p/jobs/"]
    assert [at(lines, h.loc) for h in f.auth_headers] == ["AppKey {{appKey}}", "AppKey {{appKey}}"]


def test_auth0_collection_is_not_celonis():
    auth = {"type": "oauth2", "oauth2": oauth2(accessTokenUrl="https://todo.eu.auth0.com/oauth/token",
                                               scope="tasks:read", clientSecret=SECRET, grant_type="password_credentials")}
    f, _ = facts(collection(auth, [request("tasks", "GET", "https://api.todo.example/tasks")], name="Todo API"))
    assert f.is_empty()


def test_unresolved_token_url_counts_by_distinctly_celonis_scopes():
    auth = {"type": "oauth2", "oauth2": oauth2(accessTokenUrl="{{tokenUrl}}", scope="integration.data-pools:data_push")}
    f, _ = facts(collection(auth, name="ERP push"))
    assert [c.name for c in f.clients] == ["ERP push"]


def test_scope_from_a_collection_variable():
    auth = {"type": "oauth2", "oauth2": oauth2(accessTokenUrl="{{baseUrl}}/oauth2/token", scope="{{scopes}}")}
    f, lines = facts(collection(auth, variables={**BASE, "scopes": "studio package-manager"}))
    assert [(r.name, at(lines, r.loc)) for r in f.clients[0].scope_refs] == [("studio", "studio"),
                                                                             ("package-manager", "package-manager")]


def test_environment_variables():
    env = {"name": "Celonis prod", "_postman_variable_scope": "environment", "values": [
        {"key": "baseUrl", "value": "http://acme.eu-1.celonis.cloud", "enabled": True},
        {"key": "clientSecret", "value": SECRET, "type": "secret", "enabled": True},
        {"key": "celonisScope", "value": "studio", "enabled": True}]}
    f, lines = facts(json.dumps(env, indent=2), "env/prod.postman_environment.json")
    assert [(i.kind, at(lines, i.loc)) for i in f.insecure] == [("http-url", "http://acme.eu-1.celonis.cloud")]
    assert [(s.kind, s.name, at(lines, s.loc)) for s in f.secrets] == [("client secret", "clientSecret", SECRET)]
    assert [r.name for s in f.scope_vars for r in s.refs] == ["studio"]


@pytest.mark.parametrize("name, token_url, scope, want", [
    # an environment of a client's credentials: its ``scope`` is that client's scopes
    pytest.param("Celonis prod", "https://acme.eu-1.celonis.cloud/oauth2/token", "studio.packages audit.log",
                 ["studio.packages", "audit.log"], id="celonis"),
    # another provider's client, and one without credentials: a ``scope`` there is not judged
    pytest.param("Okta dev", "https://dev-123.okta.com/oauth2/default/v1/token", "okta.users.read,okta.apps.read", [],
                 id="okta"),
    pytest.param("Celonis prod", "https://acme.eu-1.celonis.cloud/oauth2/token", "studio", [], id="no-credentials"),
])
def test_the_scope_of_an_environments_client(name, token_url, scope, want):
    values = [{"key": "tokenUrl", "value": token_url}, {"key": "client_id", "value": "6a7b8c9d-0e1f"},
              {"key": "scope", "value": scope}]
    if name == "Celonis prod" and not want:
        values = [v for v in values if v["key"] != "client_id"]
    env = {"name": name, "_postman_variable_scope": "environment", "values": values}
    f, _ = facts(json.dumps(env, indent=2), "env/prod.postman_environment.json")
    assert [r.name for s in f.scope_vars for r in s.refs] == want


@pytest.mark.parametrize("text, kind", [
    pytest.param('{"info": {"name": "x"},\n  "item": [}, "auth": {"type": "oauth2"}\n', "invalid", id="an-auth-block"),
    pytest.param('{"info": {"name": "Celonis"},\n  "item": [}\n', "invalid", id="names-celonis"),
    pytest.param('{"info": {"name": "x"},\n  "item": [}, "variable": [{"key": "clientSecret"}]\n', "invalid", id="a-secret"),
    pytest.param('{"info": {"name": "x"},\n  "item": [}, "request": {"header": [{"value": "Bearer {{t}}"}]}\n', "invalid",
                 id="a-bearer-header"),
    # a test fixture of another tool's importer, "OAuth" only in a description: a note, not a failing gate
    pytest.param('{"info": {"name": "Open Bank", "description": "Authentication via OAuth is required."},\n  "item": [}\n',
                 "skipped", id="nothing-of-credentials"),
])
def test_malformed_collection_is_invalid_input_where_it_may_hold_credentials(text, kind):
    f, _ = facts(text)
    assert [(p.kind, p.loc.line) for p in f.problems] == [(kind, 2)]
    assert f.problems[0].message.startswith("Postman file: invalid JSON")


# end to end -----------------------------------------------------------------------------------

def _line_of(text: str, needle: str) -> tuple[int, int]:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


@pytest.mark.parametrize("auth, needle, code", [
    pytest.param({"type": "oauth2", "oauth2": oauth2(accessTokenUrl="{{baseUrl}}/oauth2/token", scope="studio",
                                                     grant_type="password_credentials")},
                 "password_credentials", "SL010", id="SL010-password"),
    pytest.param({"type": "oauth2", "oauth2": oauth2(accessTokenUrl="{{baseUrl}}/oauth2/token", scope="studio",
                                                     clientSecret=SECRET)}, SECRET, "SL012", id="SL012-secret"),
    pytest.param({"type": "oauth2", "oauth2": oauth2(accessTokenUrl="{{baseUrl}}/oauth2/token", scope="studio.widgets")},
                 "studio.widgets", "SL003", id="SL003-retired"),
    pytest.param({"type": "oauth2", "oauth2": oauth2(accessTokenUrl="https://acme.celonis.cloud/oauth2/token", scope="studio")},
                 "https://acme.celonis.cloud/oauth2/token", "SL014", id="SL014-token-url-without-realm"),
    pytest.param({"type": "oauth2", "oauth2": oauth2(accessTokenUrl="{{baseUrl}}/oauth2/token", scope="")},
                 '"value": ""', "SL015", id="SL015-empty-scope"),
])
def test_findings(lint_tree, auth, needle, code):
    text = collection(auth, variables=BASE)
    line, col = _line_of(text, needle)
    col += 10 if needle.startswith('"value"') else 0
    result = lint_tree({PATH: text})
    assert triples(result.findings) == [(code, line, col)]
    for fmt in ("text", "json"):
        assert SECRET not in render(fmt, result, Context())


def test_secret_in_request_url_end_to_end(lint_tree):
    text = collection(CELONIS_AUTH, [request("pools", "GET", f"{{{{baseUrl}}}}/integration/api/pools?access_token={SECRET}")],
                      BASE)
    result = lint_tree({PATH: text})
    line, col = _line_of(text, SECRET)
    assert triples(result.findings) == [("SL013", line, col)]
    assert SECRET not in render("json", result, Context()) and SECRET not in result.findings[0].snippet


def test_missing_scope_for_a_postman_request(lint_tree):
    auth = {"type": "oauth2", "oauth2": oauth2(accessTokenUrl="{{baseUrl}}/oauth2/token", scope="studio")}
    text = collection(auth, [request("pools", "GET", "{{baseUrl}}/integration/api/pools")], BASE)
    result = lint_tree({PATH: text})
    # the collection's only call is mapped (DOC), so its requested 'studio' is judged unused too
    line, col = _line_of(text, '"studio"')
    assert triples(result.findings) == [("SL006", line, col + 1),
                                        ("SL005", *_line_of(text, "{{baseUrl}}/integration/api/pools"))]


@pytest.mark.parametrize("text", [
    pytest.param(collection(CELONIS_AUTH, [request("pools", "GET", "{{baseUrl}}/integration/api/pools")], BASE),
                 id="celonis-placeholders"),
    pytest.param(collection({"type": "oauth2", "oauth2": oauth2(
        accessTokenUrl="https://todo.eu.auth0.com/oauth/token", scope="tasks:read", clientSecret=SECRET,
        grant_type="password_credentials")}, [request("tasks", "GET", "http://api.todo.example/tasks")], name="Todo"),
        id="auth0"),
])
def test_clean(lint_tree, text):
    assert triples(lint_tree({PATH: text}).findings) == []


LEAF = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=6), st.sampled_from(
    ["oauth2", "apikey", "bearer", "{{baseUrl}}/integration/api/pools", "https://a.eu-1.celonis.cloud/oauth2/token",
     "studio", "AppKey x", f"Bearer {SECRET}", "password_credentials"]))
KEYS = st.sampled_from(["info", "name", "auth", "type", "oauth2", "apikey", "bearer", "key", "value", "item", "request",
                        "url", "raw", "header", "variable", "values", "scope", "accessTokenUrl", "clientSecret",
                        "grant_type", "token", "method", "disabled", "client_authentication"])
DOCS = st.recursive(LEAF, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
                    max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(DOCS, st.sampled_from([PATH, "env/x.postman_environment.json"]))
def test_any_json_shape_is_read_without_error(doc, path):
    f, _ = facts(json.dumps(doc, indent=1), path)
    assert all(p.kind == "invalid" for p in f.problems)
    assert SECRET not in repr(f)


TOKEN_ITEM = """\
{
  "info": {"name": "Celonis", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "item": [
    {"name": "Token (query)", "request": {"method": "POST",
     "url": "%(host)s/oauth2/token?grant_type=password&scope=studio,package-manager"}},
    {"name": "Token (form)",
     "request": {"method": "POST", "url": "%(host)s/oauth2/token",
       "body": {"mode": "urlencoded", "urlencoded": [
         {"key": "grant_type", "value": "{{grantType}}"},
         {"key": "scope", "value": "studio studio"}]}}}
  ]
}
"""


@pytest.mark.parametrize("host, expected", [
    ("https://acme.eu-1.celonis.cloud", [("SL002", 5, 85), ("SL010", 5, 70), ("SL016", 10, 44)]),
    ("https://dev-1.okta.com", []),  # another provider's token endpoint: its grants, its scopes
])
def test_a_token_request_written_as_a_request(lint_tree, host, expected):
    """A request item to a Celonis token URL is a token request: its grant type and scope from the
    query string or the urlencoded body (a ``{{variable}}`` grant is not judged)."""
    found = lint_tree({"Celonis.postman_collection.json": TOKEN_ITEM % {"host": host}}).findings
    assert sorted((f.code, f.loc.line, f.loc.col) for f in found) == expected


# scripts --------------------------------------------------------------------------------------

SCRIPT = [
    "const base = pm.environment.get('baseUrl');",
    "pm.sendRequest({",
    "    url: 'TOKEN_URL',",
    "    method: 'POST',",
    "    header: { 'Content-Type': 'application/x-www-form-urlencoded' },",
    "    body: BODY",
    "}, (err, res) => pm.collectionVariables.set(\"token\", res.json().access_token));",
]
FORM = ("{ mode: 'urlencoded', urlencoded: [{ key: 'grant_type', value: 'client_credentials' }, "
        "{ key: 'client_id', value: pm.environment.get(\"clientId\") }, { key: 'scope', value: 'SCOPES' }] }")
RAW = "{ mode: 'raw', raw: 'grant_type=client_credentials&scope=SCOPES' }"
ASSERTION = "pm.test(\"scope\", () => pm.expect(pm.response.json().scope).to.eql('integration.data-pool'));"


def scripted(token_url: str, body: str, scopes: str, call: str, name: str, indent: str | None = "\t",
             joined: bool = False) -> str:
    lines = [line.replace("TOKEN_URL", token_url).replace("BODY", body).replace("SCOPES", scopes) for line in SCRIPT]
    doc = {"info": {"name": name, "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
           "event": [{"listen": "prerequest", "script": {"type": "text/javascript",
                                                         "exec": "\n".join(lines) if joined else lines}}],
           "item": [{"name": "pools", "event": [{"listen": "test", "script": {"exec": [ASSERTION]}}],
                     "request": {"method": "GET", "header": [{"key": "Authorization", "value": "Bearer {{token}}"}],
                                 "url": call}}]}
    return json.dumps(doc, indent=indent, separators=(",", ":") if indent is None else None)


CELONIS_TOKEN, POOLS = "https://acme.eu-1.celonis.cloud/oauth2/token", "https://acme.eu-1.celonis.cloud/integration/api/pools"


@pytest.mark.parametrize("text, want", [
    # pm.sendRequest in a pre-request script: a token request with its urlencoded form, read where it stands
    pytest.param(scripted(CELONIS_TOKEN, FORM, "integration.data-pool", POOLS, "Celonis"),
                 [("SL001", "integration.data-pool'"), ("SL005", POOLS)], id="urlencoded-form"),
    pytest.param(scripted(CELONIS_TOKEN, RAW, "studio.packages", POOLS, "Celonis"),
                 [("SL003", "studio.packages"), ("SL005", POOLS)], id="raw-body"),
    # a collection written on one line: every fact on line 1, at its column
    pytest.param(scripted(CELONIS_TOKEN, FORM, "integration.data-pool", POOLS, "Celonis", indent=None),
                 [("SL001", "integration.data-pool'"), ("SL005", POOLS)], id="one-line-collection"),
    # the older shape: a script of one string holding its line breaks (and escaped quotes before the scope),
    # each fact on the string's line, at the column its characters have in the file
    pytest.param(scripted(CELONIS_TOKEN, FORM, "integration.data-pool", POOLS, "Celonis", joined=True),
                 [("SL001", "integration.data-pool'"), ("SL005", POOLS)], id="one-string-script"),
    pytest.param(scripted(CELONIS_TOKEN, RAW, "studio.packages", POOLS, "Celonis", indent=None, joined=True),
                 [("SL003", "studio.packages"), ("SL005", POOLS)], id="one-string-script-one-line"),
    # another provider's token request, with scopes like Celonis ones, and a test asserting on a scope
    pytest.param(scripted("https://dev-123.okta.com/oauth2/default/v1/token", FORM, "okta.users.read integration.data-pool",
                          "https://dev-123.okta.com/api/v1/users", "Okta admin"), [], id="another-provider"),
])
def test_a_collections_scripts_are_read_as_javascript(lint_tree, text, want):
    result = lint_tree({PATH: text})
    assert [(f.code, f.loc.line, f.loc.col) for f in result.findings] == [(code, *_line_of(text, needle)) for code, needle in want]


def test_script_strings_are_found_in_the_order_they_are_written():
    from scopelint import located
    from scopelint.extractors.javascript import postman as scripts

    text = '{"event": [{"script": {"exec": [\n  "let a = 1;",\n\t"f(\\"x\\", \'\\u00e9\'); y", "g()"\n]}}], "item": [\n' \
           '  {"event": [{"script": {"exec": "h()"}}]},\n  {"event": [{"script": {"exec": "i()\\nj()"}}]}]}\n'
    root = located.from_json(text, PATH)
    # each where its string's content starts; a script of one string holding its line breaks is one string
    assert [(n.loc.line, n.loc.col, n.value) for n in scripts.script_lines(root)] == [
        (2, 4, "let a = 1;"), (3, 3, 'f("x", \'\u00e9\'); y'), (3, 28, "g()"), (5, 35, "h()"), (6, 35, "i()\nj()")]
    assert scripts.claims("api/Celonis.postman_collection.json") and not scripts.claims("env/a.postman_environment.json")


@pytest.mark.parametrize("raw, want_scope", [
    # a raw body, JSON or a form string, written in the collection as one JSON string with its escapes
    ('{\n  "grant_type": "client_credentials",\n  "scope": "studio.spaces"\n}', "studio.spaces"),
    ("grant_type=client_credentials&client_id={{client_id}}&scope=studio.spaces", "studio.spaces"),
    # a scope the environment fills in is not known
    ("grant_type=client_credentials&scope={{scope}}", None),
])
def test_a_token_requests_raw_body_gives_its_scopes_where_the_file_has_them(lint_tree, raw, want_scope):
    item = request("token", "POST", "{{baseUrl}}/oauth2/token", body={"mode": "raw", "raw": raw})
    text = collection(None, [item], BASE)
    found = lint_tree({PATH: text}).findings
    if want_scope is None:
        assert [f.code for f in found] == []
        return
    line, col = next((n, l.index(want_scope) + 1) for n, l in enumerate(text.splitlines(), 1) if want_scope in l)
    assert [(f.code, f.loc.line, f.loc.col, f.loc.end_col) for f in found] == [
        ("SL003", line, col, col + len(want_scope))]


@pytest.mark.parametrize("body", [
    pytest.param({"mode": "urlencoded", "urlencoded": [
        {"key": "grant_type", "value": "client_credentials", "type": "text"},
        {"key": "client_secret", "value": SECRET, "type": "text"}]}, id="urlencoded"),
    pytest.param({"mode": "formdata", "formdata": [{"key": "client_secret", "value": SECRET, "type": "text"}]},
                 id="formdata"),
    pytest.param({"mode": "raw", "raw": f"grant_type=client_credentials&client_id=etl&client_secret={SECRET}"},
                 id="raw-form"),
    pytest.param({"mode": "raw", "raw": f'{{\n  "grant_type": "client_credentials",\n  "client_secret": "{SECRET}"\n}}'},
                 id="raw-json"),
])
def test_a_secret_in_a_requests_body_is_found_where_the_file_has_it(body):
    # the shape the Celonis docs lead to: the token fetched with Postman, the client secret in the form
    text = collection(None, [request("token", "POST", "{{baseUrl}}/oauth2/token", body=body)], BASE)
    f, lines = facts(text)
    assert [(s.kind, s.name, at(lines, s.loc)) for s in f.secrets] == [("client secret", "client_secret", SECRET)]


@pytest.mark.parametrize("body", [
    # variables the environment fills in, a file to upload, a collection of another service
    {"mode": "urlencoded", "urlencoded": [{"key": "client_secret", "value": "{{client_secret}}"}]},
    {"mode": "raw", "raw": "grant_type=client_credentials&client_secret={{clientSecret}}"},
    {"mode": "formdata", "formdata": [{"key": "client_secret", "src": "/tmp/secret.txt", "type": "file"}]},
    {"mode": "urlencoded", "urlencoded": [{"key": "client_secret", "value": "<your client secret>"}]},
])
def test_body_lookalikes_say_nothing(body):
    text = collection(None, [request("token", "POST", "{{baseUrl}}/oauth2/token", body=body)], BASE)
    assert facts(text)[0].secrets == []
    # and a collection that does not talk to Celonis is not read for requests
    other = collection(None, [request("token", "POST", "https://dev-1.okta.com/oauth2/v1/token", body={
        "mode": "urlencoded", "urlencoded": [{"key": "client_secret", "value": SECRET}]})], name="Okta")
    assert facts(other)[0].secrets == []


def test_a_collection_under_a_plain_name_is_known_by_its_content(lint_tree):
    """A collection exported as ``Celonis_Data_Pools.json`` is read as the same file named
    ``*.postman_collection.json`` is, when it concerns Celonis; another service's under a plain name,
    and a JSON file that is no collection, are left alone."""
    celonis = json.dumps({
        "info": {"_postman_id": "8d2f6c1a", "name": "Celonis Data Pools",
                 "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "pools", "request": {"method": "GET", "url": "{{base_url}}/integration/api/pools"}}],
        "variable": [{"key": "base_url", "value": "https://acme.eu-1.celonis.cloud"},
                     {"key": "client_secret", "value": "Qz7mN2pX9vR4tL8kW3cJ6hF1bY5dS0gA2eU7oI9nM4xT6rV1"}]}, indent=1)
    paypal = celonis.replace("Celonis Data Pools", "PayPal Checkout").replace("acme.eu-1.celonis.cloud", "api-m.paypal.com") \
        .replace("/integration/api/pools", "/v2/checkout/orders")
    found = lint_tree({"Collections/Celonis_Data_Pools.json": celonis,
                       "Collections/Celonis_Data_Pools.postman_collection.json": celonis,
                       "Collections/PayPal_Checkout.json": paypal,
                       "config/settings.json": '{"celonis_team": "acme", "client_secret": "Qz7mN2pX9vR4tL8kW3cJ6hF1bY5dS0gA"}'}).findings
    assert sorted((f.loc.path, f.code) for f in found) == [
        ("Collections/Celonis_Data_Pools.json", "SL012"), ("Collections/Celonis_Data_Pools.postman_collection.json", "SL012"),
        ("config/settings.json", "SL012")]


def test_a_collection_under_a_plain_name_is_read_once(lint_tree):
    """Read as a collection, and not again as a settings file: its one request is one call, as the same
    file named ``*.postman_collection.json`` says."""
    collection = json.dumps({
        "info": {"name": "Dossiers", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "auth": {"type": "oauth2", "oauth2": [
            {"key": "accessTokenUrl", "value": "https://acme.eu-1.celonis.cloud/oauth2/token"},
            {"key": "grant_type", "value": "client_credentials"}, {"key": "scope", "value": "studio"}]},
        "item": [{"name": "List pools", "request": {"method": "GET",
                                                    "url": "https://acme.eu-1.celonis.cloud/integration/api/pools"}}]},
        indent=1)
    plain = [(f.code, f.loc.line, f.message.replace("dossiers-postman-project", "X"))
             for f in lint_tree({"dev-setup/dossiers-postman-project.json": collection}).findings]
    named = [(f.code, f.loc.line, f.message.replace("dossiers.postman_collection", "X"))
             for f in lint_tree({"dev-setup/dossiers.postman_collection.json": collection}).findings
             if f.loc.path.endswith("dossiers.postman_collection.json")]
    assert plain == named and sorted(c for c, _, _ in plain) == ["SL005", "SL006"]
    messages = " ".join(m for _, _, m in plain)
    assert "(1 Celonis API call(s) considered" in messages and "one more request" not in messages
