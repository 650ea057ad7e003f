"""OAuth client libraries read through the library map: the token request each call sends, with the
facts of its own arguments and of the object it is called on; and Celonis recognition of scope lists."""
from __future__ import annotations

import pytest

from scopelint.catalog import shipped
from scopelint.extractors.javascript import code as javascript
from scopelint.extractors.javascript.lexer import tokenize
from scopelint.extractors.python import code as python
from scopelint.extractors.recognition.celonis import celonis_scopes, generic_name
from scopelint.extractors.recognition.libraries import auth_style, libraries
from tests.conftest import extract, scope_var_rows


def rows(facts):
    """``(line, url, scopes or None, grant, auth_style)`` of each token request."""
    return [(r.loc.line, r.url, None if r.scopes is None else [s.name for s in r.scopes.refs],
             r.grant_type.value if r.grant_type else None, r.auth_style) for r in facts.token_requests]


def test_requests_oauthlib_takes_url_and_secret_from_the_call_and_grant_from_the_client():
    f = extract("etl/pull.py", """
        import os
        from oauthlib.oauth2 import BackendApplicationClient
        from requests_oauthlib import OAuth2Session
        TEAM = "https://acme.eu-1.celonis.cloud"
        client = BackendApplicationClient(client_id="erp")
        oauth = OAuth2Session(client=client, scope=["studio", "integration.datapools"])
        oauth.fetch_token(token_url=f"{TEAM}/oauth2/token", client_secret=os.environ["CELONIS_CLIENT_SECRET"])
        other = OAuth2Session(client=client)
        other.fetch_token(f"{TEAM}/oauth2/token", scope="studio", client_id="erp", client_secret=os.environ["S"],
                          include_client_id=True)
    """, python)
    assert rows(f) == [
        (7, "https://acme.eu-1.celonis.cloud/oauth2/token", ["studio", "integration.datapools"], "client_credentials", "basic"),
        (9, "https://acme.eu-1.celonis.cloud/oauth2/token", ["studio"], "client_credentials", "post"),
    ]
    assert (f.token_requests[0].scopes.refs[1].loc.line, f.token_requests[0].scopes.refs[1].loc.col) == (6, 56)  # the typo


def test_authlib_session_chained_and_async_with_auth_method():
    f = extract("etl/km.py", """
        import os
        from authlib.integrations.httpx_client import AsyncOAuth2Client
        from authlib.integrations.requests_client import OAuth2Session
        CELONIS_URL = os.environ["CELONIS_URL"]
        s = OAuth2Session("cid", os.environ["SECRET"], scope="studio intelligence.knowledge-model:read")
        s.fetch_token(CELONIS_URL + "/oauth2/token", grant_type="client_credentials")
        async def token():
            return await AsyncOAuth2Client(client_id="cid", client_secret=os.environ["SECRET"], scope="studio",
                                           token_endpoint_auth_method="client_secret_post").fetch_token(CELONIS_URL + "/oauth2/token")
    """, python)
    assert rows(f) == [(6, None, ["studio", "intelligence.knowledge-model:read"], "client_credentials", "basic"),
                       (8, None, ["studio"], "client_credentials", "post")]


def test_authlib_registry_reads_client_kwargs_and_a_login_is_authorization_code():
    f = extract("web/app.py", """
        from authlib.integrations.flask_client import OAuth
        oauth = OAuth(app)
        oauth.register("celonis", client_id="x", access_token_url="https://acme.eu-1.celonis.cloud/oauth2/token",
                       client_kwargs={"scope": "studio package-manager"})
        oauth.register("login", authorize_url="https://acme.eu-1.celonis.cloud/oauth2/authorize",
                       access_token_url="https://acme.eu-1.celonis.cloud/oauth2/token", client_kwargs={"scope": "studio"})
    """, python)
    assert [(r[0], r[2], r[3]) for r in rows(f)] == [(3, ["studio", "package-manager"], "client_credentials"),
                                                   (5, ["studio"], "authorization_code")]


def test_a_librarys_scope_sent_in_its_token_urls_query():
    # the Celonis docs allow the parameters in the token URL's query; the library posts to the URL as given
    f = extract("etl/api.py", """
        from oauthlib.oauth2 import BackendApplicationClient
        from requests_oauthlib import OAuth2Session
        BASE_URL = 'https://acme.eu-1.celonis.cloud'
        AUTH_URI = 'oauth2/token?grant_type=client_credentials&scope=studio,integration.data-pool'
        DOMO = 'https://api.domo.com/oauth/token?grant_type=client_credentials&scope=data,user'
        def token(cid, secret):
            oauth = OAuth2Session(client=BackendApplicationClient(client_id=cid))
            oauth.fetch_token(token_url='%s/%s' % (BASE_URL, AUTH_URI), client_secret=secret)
            OAuth2Session(client=BackendApplicationClient(client_id=cid)).fetch_token(token_url=DOMO, client_secret=secret)
            oauth.fetch_token(token_url=BASE_URL + '/oauth2/token?grant_type=client_credentials', scope=['studio'])
    """, python)
    assert rows(f) == [
        (8, "https://acme.eu-1.celonis.cloud/oauth2/token?grant_type=client_credentials&scope=studio,integration.data-pool",
         ["studio", "integration.data-pool"], "client_credentials", "basic"),
        (10, "https://acme.eu-1.celonis.cloud/oauth2/token?grant_type=client_credentials", ["studio"], "client_credentials",
         None)]
    assert [(r.loc.line, r.loc.col) for r in f.token_requests[0].scopes.refs] == [(4, 62), (4, 69)]


def test_a_scope_that_cannot_be_read_rests_nothing_and_other_providers_are_not_celonis():
    f = extract("etl/x.py", """
        import os
        from requests_oauthlib import OAuth2Session
        s = OAuth2Session(client_id="x")
        s.fetch_token("https://acme.eu-1.celonis.cloud/oauth2/token", scope=os.environ["SCOPES"], client_secret="s")
        s.fetch_token("https://dev-1.okta.com/oauth2/default/v1/token", scope="okta.users.read", client_secret="s")
    """, python)
    assert rows(f) == [(4, "https://acme.eu-1.celonis.cloud/oauth2/token", None, "authorization_code", "basic")]


def test_openid_client_v5_device_login_and_v6_client_credentials():
    f = extract("src/login.ts", """
        import * as client from "openid-client";
        import { Issuer } from "openid-client";
        const scopes = ["studio.spaces", "transformation-center.kpis"];
        export async function login(team: string) {
          const issuer = await Issuer.discover(team);
          return new issuer.Client({ client_id: "content-cli", token_endpoint_auth_method: "none" })
            .deviceAuthorization({ scope: scopes.join(" ") });
        }
        export async function push() {
          const config = await client.discovery(new URL("https://acme.eu-1.celonis.cloud"), "id", "secret");
          return client.clientCredentialsGrant(config, { scope: "studio" });
        }
    """, javascript)
    assert rows(f) == [(6, None, ["studio.spaces", "transformation-center.kpis"], "urn:ietf:params:oauth:grant-type:device_code", "none"),
                       (11, "https://acme.eu-1.celonis.cloud", ["studio"], "client_credentials", None)]


def test_simple_oauth2_joins_host_and_path_and_defaults_the_path():
    f = extract("src/report.js", """
        const { ClientCredentials } = require("simple-oauth2");
        const cc = new ClientCredentials({ client: { id: "r", secret: process.env.SECRET },
          auth: { tokenHost: "https://acme.eu-1.celonis.cloud", tokenPath: "/oauth2/token" },
          options: { authorizationMethod: "body" } });
        const bare = new ClientCredentials({ client: { id: "r", secret: process.env.SECRET },
          auth: { tokenHost: "https://acme.eu-1.celonis.cloud" } });
        module.exports = () => [cc.getToken({ scope: ["studio", "package-manager"] }), bare.getToken({ scope: "studio" })];
    """, javascript)
    assert rows(f) == [(7, "https://acme.eu-1.celonis.cloud/oauth2/token", ["studio", "package-manager"], "client_credentials", "post"),
                       (7, "https://acme.eu-1.celonis.cloud/oauth/token", ["studio"], "client_credentials", "basic")]


def test_axios_oauth_client_posts_the_credentials_in_every_grant_and_its_older_client():
    """axios-oauth-client sends the client's id and secret in the form body (``post``), for
    clientCredentials and ownerCredentials (a password grant) and for 1.x's ``client(axios, {...})``."""
    f = extract("src/token.js", """
        const axios = require("axios");
        const oauth = require("axios-oauth-client");
        const base = "https://acme.eu-1.celonis.cloud/oauth2/token";
        const cc = oauth.clientCredentials(axios.create(), base, process.env.CID, process.env.CSECRET, "studio");
        const pw = oauth.ownerCredentials(axios.create(), base, "cli", process.env.CSECRET, "me", process.env.PW, "studio");
        const old = oauth.client(axios.create(), { url: base, grant_type: "client_credentials",
          client_id: process.env.CID, client_secret: process.env.CSECRET, scope: "package-manager" });
        const okta = oauth.client(axios.create(), { url: "https://dev-1.okta.com/oauth2/v1/token",
          grant_type: "client_credentials", scope: "okta.users.read" });
    """, javascript)
    assert rows(f) == [(4, "https://acme.eu-1.celonis.cloud/oauth2/token", ["studio"], "client_credentials", "post"),
                       (5, "https://acme.eu-1.celonis.cloud/oauth2/token", ["studio"], "password", "post"),
                       (6, "https://acme.eu-1.celonis.cloud/oauth2/token", ["package-manager"], "client_credentials", "post")]


def test_axios_oauth_client_2_takes_the_scope_where_the_function_it_returns_is_called():
    """2.x's documented use: ``getToken = clientCredentials(axios, url, id, secret)``, then
    ``getToken("studio")``: each call of the returned function is a token request with its scope."""
    f = extract("src/token.js", """
        import axios from "axios";
        import { clientCredentials } from "axios-oauth-client";
        const getToken = clientCredentials(axios.create(), "https://acme.eu-1.celonis.cloud/oauth2/token",
          process.env.CID, process.env.CSECRET);
        export const pools = () => getToken("integration.data-pools");
        export const models = async () => (await getToken("intelligence.knowledge-models:read")).access_token;
        const getOther = clientCredentials(axios.create(), "https://auth.example.com/oauth/token", "x", "y");
        export const other = () => getOther("tasks:read");
    """, javascript)
    assert rows(f) == [(5, "https://acme.eu-1.celonis.cloud/oauth2/token", ["integration.data-pools"], "client_credentials", "post"),
                       (6, "https://acme.eu-1.celonis.cloud/oauth2/token", ["intelligence.knowledge-models:read"],
                        "client_credentials", "post")]


def test_settings_class_defaults_are_scope_values():
    f = extract("app/settings.py", """
        from dataclasses import dataclass, field
        from pydantic import BaseModel, Field
        class CelonisSettings(BaseModel):
            scope: str = "studio"
            oauth_scopes: list[str] = Field(default_factory=lambda: ["package-manager"])
        @dataclass
        class Job:
            celonis_scopes: list[str] = field(default_factory=lambda: ["studio"])
            scopes: list[str] = field(default_factory=lambda: ["integration.data-pools"])
        class Editor:
            scope = "studio"
    """, python)
    assert scope_var_rows(f, end=False) == [("studio", 4, 19), ("package-manager", 5, 63), ("studio", 8, 65),
                                            ("integration.data-pools", 9, 57)]


def test_settings_named_as_any_oauth_code_names_them_are_not_celonis_by_that_alone():
    f = extract("app/settings.py", """
        from pydantic_settings import BaseSettings
        class Settings(BaseSettings):
            oauth_token_url: str | None = None
            oauth_scopes: str = "openid email profile"
        class GitLabSettings(BaseSettings):
            oauth_scopes: str = "read_user,api"
    """, python)
    assert f.scope_vars == []
    f = extract("app/settings.py", """
        from pydantic_settings import BaseSettings
        class Pools(BaseSettings):
            oauth_scopes: str = "integration.data-pools"
    """, python)
    assert scope_var_rows(f, end=False) == [("integration.data-pools", 3, 26)]


def test_a_class_named_as_pycelonis_names_a_setting_is_not_celonis_by_that():
    """``OAUTH_SCOPES`` is a setting PyCelonis reads; a class called ``OauthScope`` is another
    service's list of its own client types (Mage's ``internal``, ``private``, ``public``)."""
    f = extract("mage_ai/api/oauth_scope.py", """
        class OauthScope():
            CLIENT_INTERNAL = 'internal'
            CLIENT_PRIVATE = 'private'
            CLIENT_PUBLIC = 'public'
            CLIENT_SCOPES = [CLIENT_INTERNAL, CLIENT_PRIVATE, CLIENT_PUBLIC]
    """, python)
    assert f.scope_vars == []
    f = extract("etl/settings.py", """
        class CelonisOauthScope:
            SCOPES = ['studio', 'integration.datapools']
    """, python)
    assert [r.name for s in f.scope_vars for r in s.refs] == ["studio", "integration.datapools"]


@pytest.mark.parametrize("names, celonis", [
    (["studio"], False), (["team"], False), (["tasks:read", "skills:read"], False), (["audit.log:read"], False),
    (["https://graph.microsoft.com/.default"], False), (["okta.users.read"], False), (["repo", "read:org"], False),
    (["read:users"], False), (["api", "refresh_token"], False), (["files:read"], False), (["studio.editor"], False),
    (["integration.data-pools"], True), (["studio", "integration.datapools"], True), (["team.anything"], True),
    (["transformation-center.kpis"], True), (["user-provisioning:read"], True), (["package-manager"], True),
])
def test_celonis_scope_lists_survive_typos_and_traps_stay_out(names, celonis):
    assert celonis_scopes(names, shipped()) is celonis


def test_generic_names_are_derived_from_the_catalog():
    cat = shipped()
    assert {n for n in cat.scope_names if generic_name(n, cat)} >= {"studio", "tasks:read", "machine-learning"}
    assert not generic_name("integration.data-pools", cat) and not generic_name("user-provisioning.scim", cat)


def test_library_map_is_data_with_both_wings():
    assert {lib.name for lib in libraries("python")} == {"requests-oauthlib", "authlib"}
    assert {lib.name for lib in libraries("javascript")} >= {"openid-client", "simple-oauth2", "axios-oauth-client"}
    assert auth_style("client_secret_post") == "post" and auth_style("client.ClientSecretBasic(secret)") == "basic"


# --- value flows: sessions switched to no TLS, client instances with a base path, lexer gaps

def test_session_verify_false_counts_only_on_a_session_that_calls_celonis():
    f = extract("etl/pools.py", """
        import os
        import requests
        CELONIS_URL = os.environ["CELONIS_URL"]
        session = requests.Session()
        session.verify = False
        other = requests.Session()
        other.verify = False
        def pools():
            other.get("https://example.com/health")
            return session.get(f"{CELONIS_URL}/integration/api/pools").json()
    """, python)
    assert [(i.kind, i.loc.line, i.detail) for i in f.insecure] == [("tls-off", 5, "verify=False")]


def test_a_client_classs_session_switched_to_no_tls_counts_where_its_methods_call_celonis():
    # the session is the class's (``self.session``): set in the constructor, used by a method; another
    # class of the module with a session of the same name, switched off for another host, is not Celonis's
    f = extract("etl/clients.py", """
        import requests
        class Celonis:
            def __init__(self, url):
                self.url = url
                self.session = requests.Session()
                self.session.verify = False
            def spaces(self):
                return self.session.get(self.url + "/package-manager/api/spaces").json()
        class ServiceNow:
            def __init__(self):
                self.session = requests.Session()
                self.session.verify = False
            def incidents(self):
                return self.session.get("https://acme.service-now.com/api/now/table/incident").json()
        Celonis("https://acme.eu-1.celonis.cloud").spaces()
    """, python)
    assert [(i.kind, i.loc.line, i.loc.col, i.detail) for i in f.insecure] == [("tls-off", 6, 9, "verify=False")]


def test_a_librarys_token_request_with_certificate_checks_off():
    # fetch_token passes verify= on to the request it sends; self.verify bound only to False is False
    f = extract("etl/auth.py", """
        from oauthlib.oauth2 import BackendApplicationClient
        from requests_oauthlib import OAuth2Session
        class Celonis:
            def __init__(self):
                self.verify = False
            def session(self):
                oauth = OAuth2Session(client=BackendApplicationClient(client_id="etl"))
                oauth.fetch_token(token_url="https://acme.eu-1.celonis.cloud/oauth2/token", scope=["studio"],
                                  client_secret=SECRET, verify=self.verify)
                other = OAuth2Session(client=BackendApplicationClient(client_id="etl"))
                other.fetch_token(token_url="https://login.example.com/oauth2/token", verify=False)
                return oauth
    """, python)
    assert [(i.kind, i.loc.line, i.loc.col, i.detail) for i in f.insecure] == [("tls-off", 9, 49, "verify=False")]


def test_axios_instance_base_path_joins_the_call_path_at_the_call():
    f = extract("src/push.ts", """
        import axios from "axios";
        const api = axios.create({ baseURL: "https://acme.eu-1.celonis.cloud/data-ingestion/api/v1/" });
        export const push = (pool: string) => api.post(`/data-push/${pool}/jobs/`, {});
        export const pools = () => fetch?.("https://acme.eu-1.celonis.cloud/integration/api/pools");
    """, javascript)
    calls = [(c.method, c.path, c.loc.line) for c in f.api_calls if c.method]
    assert calls == [("POST", "/data-ingestion/api/v1/data-push/{x}/jobs/", 3), ("GET", "/integration/api/pools", 4)]


@pytest.mark.parametrize("division", ["i++ / 2", "n-- / 2", "total! / 2", "(a + b) / 2", "xs[0]++ / 2"])
def test_slash_after_a_postfix_operator_is_division(division):
    toks, _ = tokenize(f'const half = {division}; const S = "studio"; // a / b')
    assert [t.kind for t in toks if t.kind in ("regex", "str")] == ["str"]
    assert [t.text for t in toks if t.kind == "str"] == ["studio"]


@pytest.mark.parametrize("regex", ["return /a+/.test(s)", "x = !/^https/.test(url)", "f(a, /b/)"])
def test_a_regex_still_reads_as_one(regex):
    toks, _ = tokenize(regex)
    assert sum(t.kind == "regex" for t in toks) == 1


def test_python_client_base_url_path_joins_the_call_path():
    f = extract("etl/push.py", """
        import os
        import httpx
        client = httpx.Client(base_url="https://acme.eu-1.celonis.cloud/data-ingestion/api/v1/")
        plain = httpx.Client(base_url=os.environ["CELONIS_URL"])
        def push(pool):
            client.post(f"/data-push/{pool}/jobs/", json={})
            plain.get("/integration/api/pools")
    """, python)
    assert [(c.method, c.path, c.loc.line) for c in f.api_calls] == [
        ("POST", "/data-ingestion/api/v1/data-push/{pool}/jobs/", 6), ("GET", "/integration/api/pools", 7)]


def test_a_settings_default_that_feeds_a_celonis_token_request_is_its_scope():
    f = extract("etl/export.py", """
        import requests
        from dataclasses import dataclass, field
        @dataclass
        class Options:
            scopes: list[str] = field(default_factory=lambda: ["studio"])
        OPTIONS = Options()
        GIVEN = Options(scopes=["package-manager"])
        def token(url="https://acme.eu-1.celonis.cloud/oauth2/token"):
            requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={"scope": " ".join(OPTIONS.scopes)})
            requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={"scope": " ".join(GIVEN.scopes)})
    """, python)
    assert [None if r.scopes is None else [(s.name, s.loc.line) for s in r.scopes.refs] for r in f.token_requests] \
        == [[("studio", 5)], None]
    assert f.scope_vars == []


def test_jsx_text_is_prose_not_code():
    f = extract("web/Help.tsx", """
        export const Help = ({ n }: { n: number }) => (
          <section className="help">
            <p>Don't paste your secret here, it's shown {n / 2} times.</p>
            <code>fetch("https://acme.eu-1.celonis.cloud/integration/api/pools")</code>
            <a href={`${process.env.CELONIS_URL}/process-analytics/analysis/v2/api/analysis`}>open</a>
          </section>
        );
        const y = <string>foo; const half = y / 2;
        export const pools = () => fetch("https://acme.eu-1.celonis.cloud/integration/api/pools");
    """, javascript)
    assert sorted((c.loc.line, c.path) for c in f.api_calls) == [
        (5, "/process-analytics/analysis/v2/api/analysis"), (9, "/integration/api/pools")]


def test_jsx_reading_stays_linear_on_hostile_input():
    toks, _ = tokenize("(<a b={" * 3000)
    assert toks  # read to the end, bounded by the JSX failure and nesting limits


@pytest.mark.parametrize("path, text, want", [
    pytest.param("etl/auth.py", """
        from authlib.integrations.requests_client import OAuth2Session
        session = OAuth2Session("etl", os.environ["KEY"], scope="studio",
                                token_endpoint="https://acme.eu-1.celonis.cloud/oauth2/token",
                                token_endpoint_auth_method="private_key_jwt")
        okta = OAuth2Session("etl", os.environ["KEY"], scope="studio",
                             token_endpoint="https://acme.okta.com/oauth2/default/v1/token",
                             token_endpoint_auth_method="private_key_jwt")
        plain = OAuth2Session("etl", os.environ["S"], scope="studio", token_endpoint_auth_method="client_secret_post",
                              token_endpoint="https://acme.eu-1.celonis.cloud/oauth2/token")
        session.fetch_token()
        okta.fetch_token()
        plain.fetch_token()
        """, [("SL011", 4, 53)], id="authlib"),
    pytest.param("src/m2m.ts", """
        import { Issuer } from "openid-client";
        export async function celonis() {
          const issuer = await Issuer.discover("https://acme.eu-1.celonis.cloud");
          const c = new issuer.Client({ client_id: "m2m", client_secret: process.env.S, token_endpoint_auth_method: "client_secret_jwt" });
          return c.grant({ grant_type: "client_credentials", scope: "studio" });
        }
        export async function reports() {
          const issuer = await Issuer.discover("https://sso.acme.io/realms/acme");
          const c = new issuer.Client({ client_id: "r", client_secret: process.env.K, token_endpoint_auth_method: "private_key_jwt" });
          return c.grant({ grant_type: "client_credentials", scope: "reports" });
        }
        """, [("SL011", 4, 110)], id="openid-client-a-name-declared-in-two-functions"),
])
def test_a_library_setting_celonis_refuses_for_client_authentication_is_sl011(lint_tree, path, text, want):
    """``token_endpoint_auth_method`` naming a signed assertion: the token request is refused. The same
    setting sent to another provider's token URL is its business; Basic and post are what Celonis takes."""
    assert [(f.code, f.loc.line, f.loc.col) for f in lint_tree({path: text}).findings if f.code == "SL011"] == want


def test_simple_oauth2_joins_a_list_of_scopes_with_its_scope_separator(lint_tree):
    """simple-oauth2 joins a ``scope`` list with ``options.scopeSeparator`` (a space unless set):
    a comma there sends Celonis one malformed scope."""
    report = lint_tree({"src/token.js": """
        const { ClientCredentials } = require("simple-oauth2");
        const client = new ClientCredentials({
          client: { id: process.env.CELONIS_CLIENT_ID, secret: process.env.CELONIS_CLIENT_SECRET },
          auth: { tokenHost: "https://acme.eu-1.celonis.cloud", tokenPath: "/oauth2/token" },
          options: { scopeSeparator: "," },
        });
        module.exports = () => client.getToken({ scope: ["studio", "integration.data-pools"] });
    """})
    assert [(f.code, f.loc.line, f.loc.col) for f in report.findings] == [("SL002", 7, 51)]
    assert "joined by ','" in report.findings[0].message


@pytest.mark.parametrize("separator, scopes", [
    ('" "', ["studio", "integration.data-pools"]),  # the default, written out
    ("process.env.SCOPE_SEPARATOR", None),  # not known: nor is what is sent
])
def test_a_scope_separator_that_is_a_space_or_not_known_is_no_malformed_list(separator, scopes):
    f = extract("src/token.js", f"""
        const {{ ClientCredentials }} = require("simple-oauth2");
        const client = new ClientCredentials({{ client: {{ id: "r", secret: process.env.S }},
          auth: {{ tokenHost: "https://acme.eu-1.celonis.cloud", tokenPath: "/oauth2/token" }},
          options: {{ scopeSeparator: {separator} }} }});
        module.exports = () => client.getToken({{ scope: ["studio", "integration.data-pools"] }});
    """, javascript)
    assert rows(f) == [(5, "https://acme.eu-1.celonis.cloud/oauth2/token", scopes, "client_credentials", "basic")]


def test_a_library_call_written_without_a_scope_sends_none(lint_tree):
    """A library sends no scope when the call leaves it out where it is written: simple-oauth2's
    ``getToken({})`` and ``getToken()``, openid-client's ``clientCredentialsGrant(config)``, axios-oauth-client's
    returned function called bare. Celonis gives such a token nothing."""
    report = lint_tree({"src/token.js": """
        const { ClientCredentials } = require("simple-oauth2");
        const client = new ClientCredentials({ client: { id: "r", secret: process.env.S },
          auth: { tokenHost: "https://acme.eu-1.celonis.cloud", tokenPath: "/oauth2/token" } });
        export const a = () => client.getToken({});
        export const b = () => client.getToken();
    """, "src/v6.ts": """
        import * as oidc from "openid-client";
        export async function push() {
          const config = await oidc.discovery(new URL("https://acme.eu-1.celonis.cloud"), "id", process.env.S);
          return oidc.clientCredentialsGrant(config);
        }
    """, "src/axios.js": """
        const { clientCredentials } = require("axios-oauth-client");
        const getToken = clientCredentials(require("axios").create(), "https://acme.eu-1.celonis.cloud/oauth2/token",
          process.env.CID, process.env.CSECRET);
        module.exports = () => getToken();
    """})
    assert sorted((f.loc.path, f.code, f.loc.line, f.loc.col) for f in report.findings) == [
        ("src/axios.js", "SL015", 4, 24), ("src/token.js", "SL015", 4, 24), ("src/token.js", "SL015", 5, 24),
        ("src/v6.ts", "SL015", 4, 10)]
    assert {f.message for f in report.findings} == {"token request sends no scope"}


@pytest.mark.parametrize("call", [
    "client.getToken(params)",  # an object held by a name: given its scope elsewhere, perhaps
    "client.getToken({ ...defaults })",  # a spread may bring it
    "client.getToken({ scope: process.env.SCOPES })",  # sent, not known
    "client.getToken(...args)",
])
def test_a_scope_the_call_may_send_is_not_read_as_none(lint_tree, call):
    report = lint_tree({"src/token.js": f"""
        const {{ ClientCredentials }} = require("simple-oauth2");
        const params = {{}};
        params.scope = "studio";
        const defaults = {{ scope: "studio" }};
        const client = new ClientCredentials({{ client: {{ id: "r", secret: process.env.S }},
          auth: {{ tokenHost: "https://acme.eu-1.celonis.cloud", tokenPath: "/oauth2/token" }} }});
        module.exports = (...args) => {call};
    """})
    assert [f.code for f in report.findings if f.code == "SL015"] == []


@pytest.mark.parametrize("path, text", [
    pytest.param("src/code.ts", """
        import { Issuer } from "openid-client";
        export async function exchange(code: string, grantType: string) {
          const issuer = await Issuer.discover("https://acme.eu-1.celonis.cloud");
          const c = new issuer.Client({ client_id: "app", client_secret: process.env.S });
          await c.grant({ grant_type: "authorization_code", code, redirect_uri: "https://app.acme.io/cb" });
          return c.grant({ grant_type: grantType });
        }
    """, id="a-code-exchange-and-a-grant-not-known"),
    pytest.param("src/okta.js", """
        const { ClientCredentials } = require("simple-oauth2");
        const client = new ClientCredentials({ client: { id: "r", secret: process.env.S },
          auth: { tokenHost: "https://dev-1.okta.com", tokenPath: "/oauth2/v1/token" } });
        module.exports = () => client.getToken({});
    """, id="another-providers-token-url"),
])
def test_a_request_without_scope_by_design_or_to_another_provider_is_silent(lint_tree, path, text):
    assert [(f.code, f.loc.line) for f in lint_tree({path: text}).findings] == []
