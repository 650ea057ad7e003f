"""JavaScript and TypeScript: token requests, API calls, scope variables, secrets and TLS
switches with exact positions, and findings end to end."""
from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scopelint.extractors import Source

from scopelint.extractors.javascript import code as javascript
from scopelint.linter import lint
from scopelint.extractors.recognition.secrets import looks_like_secret
from scopelint.model import FileFacts
from tests.conftest import call_rows, extract
from scopelint.reporters import Context, render
from tests.conftest import request_scopes, secret_spans, triples

SECRET = "r7Hq2ZpX9mLw4TcV8bN3yKf6"
APP_KEY = "Zk3mQ9vX2bR7tY5wP1nL8hJ4aS6dF0gH"
CELONIS_TOKEN = '"https://acme.eu-1.celonis.cloud/oauth2/token"'


def facts(text: str, path: str = "src/client.ts") -> FileFacts:
    return extract(path, text, javascript)


calls = call_rows


@pytest.mark.parametrize("path, claimed", [
    pytest.param("src/auth.ts", True, id="ts"),
    pytest.param("src/App.tsx", True, id="tsx"),
    pytest.param("lib/client.mjs", True, id="mjs"),
    pytest.param("lib/client.cjs", True, id="cjs"),
    pytest.param("web/App.jsx", True, id="jsx"),
    pytest.param("src/esm.mts", True, id="mts"),
    pytest.param("src/cjs.cts", True, id="cts"),
    pytest.param("public/vendor.min.js", False, id="minified-name"),
    pytest.param("types/index.d.ts", False, id="declarations"),
    pytest.param("src/client.py", False, id="python"),
    pytest.param("package.json", False, id="json"),
])
def test_claims(path, claimed):
    assert javascript.claims(path) is claimed


# token requests -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    pytest.param("""
        const CELONIS_URL = "https://acme.eu-1.celonis.cloud";
        const SCOPE = "studio integration.data-pools";
        const body = new URLSearchParams({ grant_type: "client_credentials", scope: SCOPE });
        await fetch(`${CELONIS_URL}/oauth2/token`, { method: "POST", body });
        """, [[("studio", 2, 16, 22), ("integration.data-pools", 2, 23, 45)]], id="fetch-urlsearchparams-constant"),
    pytest.param("""
        const res = await axios.post(`${process.env.CELONIS_URL}/oauth2/token`, {
          grant_type: "client_credentials",
          scope: "integration.data-pools:data_push",
        });
        """, [[("integration.data-pools:data_push", 3, 11, 43)]], id="axios-post-env-base"),
    pytest.param("""
        const r = await axios({ method: "post", url: celonisUrl + "/oauth2/token",
          data: qs.stringify({ grant_type: "client_credentials", scope: "audit.log:read" }) });
        """, [[("audit.log:read", 2, 66, 80)]], id="axios-config-qs"),
    pytest.param("""
        const token = await this.helpers.httpRequest({ method: "POST", url: `${celonisUrl}/oauth2/token`,
          body: { grant_type: "client_credentials", scope: "audit.log:read" }, json: true });
        """, [[("audit.log:read", 2, 53, 67)]], id="n8n-helpers-httprequest"),
    pytest.param("""
        fetch("https://acme.eu-1.celonis.cloud/oauth2/token?grant_type=client_credentials&scope=studio+package-manager",
              { method: "POST", headers: { Authorization: `Basic ${basic}` } });
        """, [[("studio", 1, 89, 95), ("package-manager", 1, 96, 111)]], id="query-string-plus"),
    pytest.param("""
        const SCOPES = ["studio", "integration.data-pools"];
        await got.post(`${TEAM_URL}/oauth2/token`, { form: { grant_type: "client_credentials", scope: SCOPES.join(" ") } });
        """, [[("studio", 1, 18, 24), ("integration.data-pools", 1, 28, 50)]], id="got-form-array-join"),
    pytest.param("""
        const params = new URLSearchParams();
        params.append("grant_type", "client_credentials");
        params.append("scope", "studio package-manager");
        const { data } = await axios.post(`${process.env.CELONIS_URL}/oauth2/token`, params.toString());
        """, [[("studio", 3, 25, 31), ("package-manager", 3, 32, 47)]], id="urlsearchparams-append"),
    pytest.param("""
        await fetch(`${CELONIS_URL}/oauth2/token`, {
          method: "POST",
          body: JSON.stringify({ grant_type: "client_credentials", scope: process.env.CELONIS_SCOPE }),
        });
        """, [None], id="unresolved-scope"),
    pytest.param("""
        import { SCOPE } from "./config";
        await fetch(`${CELONIS_URL}/oauth2/token`, { method: "POST", body: new URLSearchParams({ scope: SCOPE }) });
        """, [None], id="imported-scope-unresolved"),
    pytest.param("""
        await fetch(`${CELONIS_URL}/oauth2/token`, { method: "POST", body: new URLSearchParams({ grant_type: "client_credentials" }) });
        """, [[]], id="no-scope-sent"),
    pytest.param("""
        await fetch(`${CELONIS_URL}/oauth2/token`, { method: "POST", body: new URLSearchParams({ ...defaults, grant_type: "x" }) });
        """, [None], id="spread-body-unknown"),
    pytest.param("""
        const clientCredentialsScopes = ["studio", "integration.data-pools", "action-engine.projects"];
        const client = new issuer.Client({ client_id: profile.clientId, client_secret: profile.clientSecret });
        const tokenSet = await client.grant({ grant_type: "client_credentials", scope: clientCredentialsScopes.join(" ") });
        """, [[("studio", 1, 35, 41), ("integration.data-pools", 1, 45, 67), ("action-engine.projects", 1, 71, 93)]],
        id="openid-client-grant"),
    pytest.param("""
        await oidc.grant({ grant_type: "client_credentials", scope: "tasks:read openid" });
        """, [], id="grant-with-generic-scopes"),
    pytest.param("""
        await request(`/oauth2/token`, { grant_type: "client_credentials", scope: "integration.data-pools studio" });
        """, [[("integration.data-pools", 1, 76, 98), ("studio", 1, 99, 105)]], id="distinctly-celonis-scopes"),
    # superagent builds the request in a chain: .send (an object or a form), .query, .field; a body it
    # cannot read is open (never "no scope"); nothing after .then is part of the request
    pytest.param(f"""
        await request.post({CELONIS_TOKEN}).type("form").send({{ grant_type: "client_credentials", scope: "studio" }});
        """, [[("studio", 1, 130, 136)]], id="superagent-send-object"),
    pytest.param(f"""
        await request.post({CELONIS_TOKEN}).send("grant_type=client_credentials&scope=audit.log:read");
        """, [[("audit.log:read", 1, 110, 124)]], id="superagent-send-form"),
    pytest.param(f"""
        await superagent.post({CELONIS_TOKEN}).query({{ grant_type: "client_credentials", scope: "studio" }}).then(r => r.body);
        """, [[("studio", 1, 121, 127)]], id="superagent-query"),
    pytest.param(f"""
        await request.post({CELONIS_TOKEN}).field("grant_type", "client_credentials").field("scope", "studio");
        """, [[("studio", 1, 126, 132)]], id="superagent-field"),
    pytest.param(f"""
        await request.post({CELONIS_TOKEN}).send(body);
        """, [None], id="superagent-send-unread"),
    pytest.param(f"""
        await request.post({CELONIS_TOKEN}).set("Accept", "application/json");
        """, [[]], id="superagent-nothing-sent"),
    pytest.param(f"""
        await request.post({CELONIS_TOKEN}).then(r => r).send({{ scope: "studio" }});
        """, [[]], id="superagent-after-then"),
    # the form serialised in the call is its body, not one more request (qs bound by require)
    pytest.param(f"""
        const qs = require("qs");
        axios.post({CELONIS_TOKEN}, qs.stringify({{ grant_type: "client_credentials", scope: "studio integration.data-pools" }}));
        """, [[("studio", 2, 117, 123), ("integration.data-pools", 2, 124, 146)]], id="qs-stringify-body-once"),
    pytest.param(f"""
        needle("post", {CELONIS_TOKEN}, {{ grant_type: "client_credentials", scope: "studio" }});
        """, [[("studio", 1, 108, 114)]], id="needle-method-first"),
])
def test_token_request_scopes(text, want):
    assert request_scopes(facts(text)) == want


def test_superagent_chain_sets_headers_and_basic_credentials():
    f = facts(f"""
        await request.post({CELONIS_TOKEN}).auth(process.env.ID, process.env.SECRET).send({{ grant_type: "client_credentials", scope: "studio" }});
        await request.get("https://acme.eu-1.celonis.cloud/integration/api/pools").set("Authorization", `AppKey ${{process.env.KEY}}`);
        """)
    assert [r.auth_style for r in f.token_requests] == ["basic"]
    assert [(c.method, c.path, c.key_auth) for c in f.api_calls] == [("GET", "/integration/api/pools", "AppKey")]


def test_token_request_fields():
    f = facts("""
        const body = new URLSearchParams({ grant_type: "client_credentials", client_secret: process.env.S, scope: "studio" });
        await fetch("https://acme.eu-1.celonis.cloud/oauth2/token", { method: "POST", body });
        """)
    (req,) = f.token_requests
    assert (req.loc.line, req.loc.col, req.loc.end_col) == (2, 7, 12)
    assert req.url == "https://acme.eu-1.celonis.cloud/oauth2/token"
    assert (req.grant_type.value, req.grant_type.loc.line, req.grant_type.loc.col) == ("client_credentials", 1, 49)
    assert req.auth_style == "post"


@pytest.mark.parametrize("text", [
    pytest.param("""
        await axios.post(`https://${process.env.AUTH0_DOMAIN}/oauth/token`, {
          grant_type: "client_credentials", client_id: id, client_secret: process.env.AUTH0_SECRET,
          audience: "https://api.example.com/", scope: "tasks:read",
        });
        """, id="auth0-tasks-read"),
    pytest.param("""
        const r = await fetch("https://oauth2.googleapis.com/token", { method: "POST",
          body: new URLSearchParams({ code, grant_type: "authorization_code", scope: "openid email" }) });
        """, id="google"),
    pytest.param("""
        fetch(`https://login.microsoftonline.com/${tenant}/oauth2/token`, { method: "POST",
          body: new URLSearchParams({ grant_type: "client_credentials", scope: "studio" }) });
        """, id="azure-v1-generic-scope"),
    pytest.param("""
        const t = await ky.post(`${OKTA_ISSUER}/oauth2/token`, { json: { scope: "tasks:read triggers:manage" } }).json();
        """, id="okta-generic-scopes"),
])
def test_other_providers_are_not_celonis(text):
    f = facts(text)
    assert f.token_requests == [] and f.scope_vars == [] and f.api_calls == []


# scope variables ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    pytest.param('export const CELONIS_SCOPE = "studio integration.data-pools";\n',
                 [("studio", 1, 31, 37), ("integration.data-pools", 1, 38, 60)], id="const"),
    pytest.param('const scope = process.env.CELONIS_OAUTH_SCOPE ?? "mcp-asset.tools:execute";\n',
                 [("mcp-asset.tools:execute", 1, 51, 74)], id="env-default-nullish"),
    pytest.param("const s = process.env['OAUTH_SCOPES'] || 'integration.data-pools';\n",
                 [("integration.data-pools", 1, 43, 65)], id="env-default-or"),
    # a name any OAuth code uses, with a generic scope, in a file that does not talk to Celonis: not Celonis's
    pytest.param("const s = process.env['OAUTH_SCOPES'] || 'studio';\n", [], id="generic-name-and-scope-alone"),
    pytest.param("const s = process.env['OAUTH_SCOPES'] || 'openid profile inference-api manage-repos';\n", [],
                 id="hugging-face-space-scopes"),
    pytest.param("const celonisScope: string = 'studio';\n", [("studio", 1, 31, 37)], id="typed-camel-case"),
    pytest.param('const SCOPE = "tasks:read";\nconst GOOGLE_SCOPE = "openid";\n', [], id="not-celonis-names"),
    # a config module's object keyed by the service; convict's settings, their default under their variable
    pytest.param('module.exports = {\n  celonis: {\n    url: "https://acme.eu-1.celonis.cloud",\n    scope: "studio",\n  },\n};\n',
                 [("studio", 4, 13, 19)], id="keyed-celonis"),
    pytest.param('module.exports = convict({\n  scope: { format: String, default: "studio", env: "CELONIS_SCOPE" },\n});\n',
                 [("studio", 2, 38, 44)], id="convict"),
    pytest.param('module.exports = convict({\n  okta: {\n    scope: { default: "openid profile", env: "OKTA_SCOPES" },\n  },\n'
                 '  github: { scope: "repo,read:org" },\n});\n', [], id="convict-other-services"),
    # an object that configures a client with a Celonis token or authorization URL: its scope is that client's
    pytest.param("export const auth = {\n  accessTokenUrl: 'https://acme.eu-1.celonis.cloud/oauth2/token',\n"
                 "  scope: 'studio,integration.data-pools',\n};\n",
                 [("studio", 3, 11, 17), ("integration.data-pools", 3, 18, 40)], id="client-object"),
    pytest.param('export const Celonis = {\n  id: "x",\n  authorization: {\n    url: `${BASE}/oauth2/authorize`,\n'
                 '    params: { scope: "studio audit.log:read" },\n  },\n  token: { url: `${BASE}/oauth2/token` },\n};\n'
                 'const BASE = "https://acme.eu-1.celonis.cloud";\n',
                 [("studio", 5, 23, 29), ("audit.log:read", 5, 30, 44)], id="auth-js-provider"),
    # the same shapes for another provider, and a Celonis API URL beside another provider's scopes
    pytest.param("export const auth = {\n  accessTokenUrl: 'https://acme.okta.com/oauth2/v1/token',\n"
                 "  scope: 'studio,okta.users.read',\n};\n", [], id="another-providers-client-object"),
    # settings of several services in one object: each named for its own, or two providers' token URLs
    pytest.param("export const env = {\n  CELONIS_TOKEN_URL: 'https://acme.eu-1.celonis.cloud/oauth2/token',\n"
                 "  GRAPH_SCOPE: 'studio,integration.data-pools',\n};\n", [], id="another-services-scope-beside-a-celonis-token-url"),
    pytest.param("export const cfg = {\n  tokenUrl: 'https://acme.eu-1.celonis.cloud/oauth2/token',\n"
                 "  graphTokenUrl: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token',\n  scope: 'studio,User.Read',\n};\n",
                 [], id="two-providers-token-urls"),
    pytest.param("export const s = {\n  apiUrl: 'https://acme.eu-1.celonis.cloud/integration/api/pools',\n"
                 "  scope: 'repo,read:org',\n};\n", [], id="api-url-is-no-client"),
    # a list of scopes, each an item, as libraries take them
    pytest.param('export const CELONIS_SCOPES = ["studio", "audit.log:read"];\n',
                 [("studio", 1, 33, 39), ("audit.log:read", 1, 43, 57)], id="const-array"),
    pytest.param("export const cfg = {\n  tokenURL: 'https://acme.eu-1.celonis.cloud/oauth2/token',\n"
                 "  scope: ['studio', 'integration.data-pools'],\n};\n",
                 [("studio", 3, 12, 18), ("integration.data-pools", 3, 22, 44)], id="client-object-array"),
    pytest.param("export const cfg = {\n  tokenURL: 'https://login.microsoftonline.com/t/oauth2/v2.0/token',\n"
                 "  scope: ['studio', 'offline_access'],\n};\nconst OAUTH_SCOPES = ['openid', 'profile'];\n", [],
                 id="another-providers-array"),
    # an authorization URL that asks for its scopes in its query (Auth.js's string form), form-encoded
    pytest.param('export const p = {\n  id: "celonis",\n  authorization: "https://acme.eu-1.celonis.cloud/oauth2/authorize'
                 '?response_type=code&scope=studio+audit.log:read",\n  token: "https://acme.eu-1.celonis.cloud/oauth2/token",\n};\n',
                 [("studio", 3, 93, 99), ("audit.log:read", 3, 100, 114)], id="authorization-url-query"),
    pytest.param('export const g = {\n  authorization: "https://accounts.google.com/o/oauth2/v2/auth?scope=openid+studio",\n};\n',
                 [], id="another-providers-authorization-url"),
    pytest.param('window.location.assign("https://acme.eu-1.celonis.cloud/oauth2/authorize?scope=studio");\n',
                 [("studio", 1, 80, 86)], id="login-link"),
    # a credential's properties, each declared by its name and default (n8n): the token URL makes them a Celonis client's
    pytest.param("export class CelonisApi {\n  properties = [\n"
                 "    { displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'hidden',\n"
                 "      default: 'https://acme.eu-1.celonis.cloud/oauth2/token' },\n"
                 "    { displayName: 'Scope', name: 'scope', type: 'hidden', default: 'studio audit.log:read' },\n  ];\n}\n",
                 [("studio", 5, 70, 76), ("audit.log:read", 5, 77, 91)], id="declared-properties"),
    pytest.param("properties = [\n  { name: 'accessTokenUrl', type: 'hidden',\n"
                 "    default: '=https://{{$self[\"team\"]}}.eu-1.celonis.cloud/oauth2/token' },\n"
                 "  { name: 'scope', type: 'hidden', default: 'studio' },\n];\n",
                 [("studio", 4, 46, 52)], id="declared-properties-n8n-expression"),
    pytest.param("export class OktaApi {\n  properties = [\n"
                 "    { name: 'accessTokenUrl', default: 'https://acme.okta.com/oauth2/default/v1/token' },\n"
                 "    { name: 'scope', default: 'okta.users.read studio' },\n  ];\n}\n"
                 "export const fields = [{ name: 'scope', type: 'options', default: 'studio' }];\n",
                 [], id="another-providers-properties"),
    pytest.param('const env = [{ name: "CELONIS_SCOPES", value: "studio" }, { name: "SCOPES", value: "openid" }];\n',
                 [("studio", 1, 48, 54)], id="name-value-item"),
    pytest.param("export const providers = {\n  okta: { tokenUrl: 'https://acme.okta.com/oauth2/v1/token', scope: 'openid studio' },\n"
                 "  celonis: { tokenUrl: 'https://acme.eu-1.celonis.cloud/oauth2/token', scope: 'studio' },\n};\n",
                 [("studio", 3, 80, 86)], id="one-client-among-others"),
])
def test_scope_variables(text, want):
    f = facts(text)
    assert [(r.name, r.loc.line, r.loc.col, r.loc.end_col) for s in f.scope_vars for r in s.refs] == want
    assert all(s.source == "variable" for s in f.scope_vars)


def test_scope_variable_used_in_request_is_counted_once():
    f = facts("""
        const CELONIS_SCOPE = "studio";
        fetch(`${CELONIS_URL}/oauth2/token`, { method: "POST", body: new URLSearchParams({ scope: CELONIS_SCOPE }) });
        """)
    assert request_scopes(f) == [[("studio", 1, 24, 30)]] and f.scope_vars == []


# API calls ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    pytest.param("""
        const base = process.env.CELONIS_URL;
        const r = await fetch(`${base}/integration/api/pools`, { headers: { Authorization: `Bearer ${t}` } });
        """, [("GET", "/integration/api/pools", 2, 31)], id="fetch-default-get"),
    pytest.param("""
        await axios.post(`${CELONIS_URL}/integration/api/v1/data-push/${poolId}/jobs/`, { type: "REPLACE" });
        """, [("POST", "/integration/api/v1/data-push/{x}/jobs/", 1, 33)], id="axios-post-template-id"),
    pytest.param("""
        await fetch(CELONIS_URL + "/intelligence/api/knowledge-models/" + km + "/kpis", { method: "PUT" });
        """, [("PUT", "/intelligence/api/knowledge-models/{x}/kpis", 1, 28)], id="concatenation"),
    pytest.param("""
        export const AUDIT = "/log/api/external/audit";
        """, [(None, "/log/api/external/audit", 1, 23)], id="bare-path-literal"),
    pytest.param("""
        const u = "https://acme.eu-1.celonis.cloud/semantic-layer/api/kpis?limit=5";
        """, [(None, "/semantic-layer/api/kpis", 1, 43)], id="celonis-url-literal"),
    pytest.param("""
        const u = "https://api.github.com/integration/api/pools";
        router.get("/health", handler);
        """, [], id="other-hosts-and-unknown-paths"),
    pytest.param("""
        const widgets = await fetch("/api/widgets/42");
        """, [], id="generic-api-path-without-celonis-evidence"),
    pytest.param("""
        // Celonis Studio widgets
        const widgets = await fetch("/api/widgets/42");
        """, [], id="generic-api-path-next-to-a-comment-that-mentions-celonis"),
    pytest.param("""
        const headers = {"User-Agent": "Celonis PM Automation"};
        const widgets = await fetch("/api/widgets/42", {headers});
        """, [], id="generic-api-path-next-to-prose-that-mentions-celonis"),
    pytest.param("""
        const team = process.env.CELONIS_TEAM_URL;
        const widgets = await fetch("/api/widgets/42");
        """, [("GET", "/api/widgets/42", 2, 30)], id="generic-api-path-in-celonis-file"),
])
def test_api_calls(text, want):
    assert calls(facts(text)) == want


def test_constant_path_used_by_a_call_is_one_call_with_its_method():
    f = facts("""
        const POOLS = "/integration/api/pools";
        await axios.delete(`${CELONIS_URL}${POOLS}`);
        """)
    assert calls(f) == [("DELETE", "/integration/api/pools", 1, 16)]


# secrets, headers, TLS --------------------------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    pytest.param(f'const clientSecret = "{SECRET}";\n', [("client secret", "clientSecret", 1, 23, 47)], id="const"),
    pytest.param(f"const cfg = {{ client_secret: '{SECRET}', scope: 'studio' }};\n",
                 [("client secret", "client_secret", 1, 31, 55)], id="object-key"),
    pytest.param(f'const t = process.env.CELONIS_API_TOKEN || "{APP_KEY}";\n', [("API key", "CELONIS_API_TOKEN", 1, 45, 77)],
                 id="env-fallback"),
    pytest.param(f'const CELONIS_API_TOKEN = process.env.X ?? "{APP_KEY}";\n',
                 [("API key", "CELONIS_API_TOKEN", 1, 45, 77)], id="named-env-fallback"),
    pytest.param(f'fetch(u, {{ headers: {{ Authorization: "AppKey {APP_KEY}" }} }});\n',
                 [("API key", "Authorization", 1, 46, 78)], id="appkey-header"),
    pytest.param(f'headers.set("Authorization", "Bearer {SECRET}");\n', [("access token", "Authorization", 1, 38, 62)],
                 id="bearer-header"),
    # a request's header set by name: Node's ClientRequest (a proxy's hook), the browser's XMLHttpRequest
    pytest.param(f'proxyReq.setHeader("X-API-KEY", "{SECRET}");\n', [("API key", "X-API-KEY", 1, 34, 58)],
                 id="set-header"),
    pytest.param(f"xhr.setRequestHeader('Authorization', 'AppKey {APP_KEY}');\n", [("API key", "Authorization", 1, 47, 79)],
                 id="set-request-header"),
    pytest.param("xhr.setRequestHeader('Authorization', 'Bearer ' + token);\nres.setHeader('Content-Type', 'application/json');\n"
                 "res.setHeader('X-Request-Id', 'abcdefghijklmnopqrstuvwx');\n", [], id="set-header-no-credential"),
    pytest.param(f"// curl -d client_secret={SECRET} https://acme.eu-1.celonis.cloud/oauth2/token\n",
                 [("client secret", "client_secret", 1, 26, 50)], id="comment"),
    pytest.param(f"/* Authorization: AppKey {APP_KEY} */\n", [("API key", "Authorization", 1, 26, 58)],
                 id="block-comment"),
    pytest.param(f'axios.post(tokenUrl, body, {{ auth: {{ username: id, password: "{SECRET}" }} }});\n',
                 [("client secret", "auth.password", 1, 63, 87)], id="axios-basic-auth-password"),
    pytest.param("const clientSecret = process.env.CELONIS_CLIENT_SECRET;\n", [], id="env-lookup"),
    pytest.param('const client_secret = "<client secret>";\n', [], id="placeholder"),
    pytest.param('const apiToken = "changeme";\n', [], id="changeme"),
    pytest.param("const auth = `AppKey ${process.env.CELONIS_APP_KEY}`;\n", [], id="template-key"),
    pytest.param('const clientSecret = "xxxxxxxxxxxxxxxxxxxxxxxx";\n', [], id="low-entropy"),
    pytest.param("// client_secret=$CLIENT_SECRET\n", [], id="comment-variable"),
    # a setting declared by its name and value: a container's environment in Pulumi or cdk8s code
    pytest.param(f'env: [\n  {{ name: "CELONIS_URL", value: "https://acme.eu-1.celonis.cloud" }},\n'
                 f'  {{ name: "CELONIS_CLIENT_SECRET", value: "{SECRET}" }},\n]\n',
                 [("client secret", "CELONIS_CLIENT_SECRET", 3, 44, 68)], id="name-value-item"),
    pytest.param('env: [\n  { name: "CELONIS_CLIENT_SECRET", value: cfg.requireSecret("celonis") },\n'
                 '  { name: "CELONIS_API_TOKEN", value: "<your-api-token>" },\n  { name: "LOG_LEVEL", value: "info" },\n]\n',
                 [], id="name-value-from-elsewhere"),
    # n8n's options: a label and an operation's id, no setting
    pytest.param("options: [\n  { name: 'OAuth2 Access Token', value: 'oauth2AccessToken4Api' },\n"
                 "  { name: 'Regenerate API Key', value: 'regenerateApiKeyV2Secret' },\n]\n", [], id="n8n-option-labels"),
])
def test_secrets(text, want):
    assert secret_spans(facts(text)) == want


def test_appkey_header_and_tls_off():
    f = facts("""
        const agent = new https.Agent({ rejectUnauthorized: false });
        process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
        await fetch(`${CELONIS_URL}/integration/api/pools`, { agent, headers: { Authorization: `AppKey ${key}` } });
        """)
    assert [(h.kind, h.loc.line, h.loc.col) for h in f.auth_headers] == [("AppKey", 3, 89)]
    assert [(i.kind, i.loc.line, i.loc.col, i.detail) for i in f.insecure] == [
        ("tls-off", 1, 33, "rejectUnauthorized: false"), ("tls-off", 2, 13, "NODE_TLS_REJECT_UNAUTHORIZED=0")]


def test_tls_off_without_celonis_calls_is_not_reported():
    f = facts("const agent = new https.Agent({ rejectUnauthorized: false });\nfetch('https://localhost:8443/x', { agent });\n")
    assert f.insecure == []


def test_url_facts():
    f = facts("""
        const TOKEN_URL = "http://acme.eu-1.celonis.cloud/oauth2/token";
        const LEAK = `https://acme.eu-1.celonis.cloud/api/cloud?client_secret=Wq4Lz8Xc2Vb6Nm1Ks9Dj3Hf7`;
        """)
    assert [(i.kind, i.loc.line, i.loc.col) for i in f.insecure] == [("http-url", 1, 20)]
    assert [(s.name, s.in_url, s.loc.line, s.loc.col, s.loc.end_col) for s in f.secrets] == [
        ("client_secret", True, 2, 71, 95)]


# robustness -----------------------------------------------------------------------------------

def test_regex_literals_and_jsx_do_not_derail_the_lexer():
    f = facts("""
        const re = /["'`]\\/oauth2\\/token/g, half = total / 2 / count;
        export const App = () => <p className="x">Don't panic / it's {n / 2} fine</p>;
        const SCOPE = "studio";
        fetch(`${CELONIS_URL}/oauth2/token`, { method: "POST", body: new URLSearchParams({ scope: SCOPE }) });
        """, "web/App.jsx")
    assert request_scopes(f) == [[("studio", 3, 16, 22)]]


def test_minified_bundle_is_a_note():
    f = facts("var a=1;" * 700 + "\n", "dist/app.js")
    assert [(p.kind, p.loc.line) for p in f.problems] == [("skipped", 1)] and "minified" in f.problems[0].message


@pytest.mark.parametrize("text", [
    pytest.param("f(\n" * 20000, id="deep-calls"),
    pytest.param("{a:\n" * 20000, id="deep-objects"),
    pytest.param("`${`\n" * 5000, id="deep-templates"),
    pytest.param("'a' +\n" * 50000 + "'b'", id="long-concatenation"),
    pytest.param("const X0 = 'a';\n" + "".join(f"const X{i + 1} = X{i} + X{i};\n" for i in range(60)) + "fetch(X60);\n",
                 id="doubling-constants"),
    pytest.param("x = '" + "a" * 4000 + "\n" * 200, id="unterminated-string"),
])
def test_pathological_input_is_fast(text):
    start = time.perf_counter()
    facts(text)
    assert time.perf_counter() - start < 10


PIECES = st.sampled_from(["fetch(", "axios.post(", "(", ")", "{", "}", "[", "]", ",", ":", "=", "+", "??", "'", '"', "`",
                          "${", "/", "//", "/*", "*/", "\n", " ", "scope", "client_secret", "const X", "X", "<div>",
                          "`${CELONIS_URL}/oauth2/token`", '"studio integration.data-pools"', f'"{SECRET}"',
                          '"/integration/api/pools"', "AppKey ", "rejectUnauthorized: false", "\\"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_any_text_gives_facts_inside_the_text(text):
    f = FileFacts("a.ts")
    javascript.extract(Source("a.ts", text), f)
    lines = text.splitlines() or [""]
    refs = [r.loc for r in f.token_requests if r.scopes for r in r.scopes.refs]
    for loc in [s.loc for s in f.secrets] + [c.loc for c in f.api_calls] + refs:
        assert 1 <= loc.line <= len(lines) and 1 <= loc.col <= len(lines[loc.line - 1]) + 1
    for s in f.secrets:
        if s.loc.end_line == s.loc.line:
            assert looks_like_secret(lines[s.loc.line - 1][s.loc.col - 1:s.loc.end_col - 1])


# end to end -----------------------------------------------------------------------------------

CLIENTS = """\
oauth_clients:
  - name: km-dashboard
    scopes: intelligence.knowledge-models:read integration.data-pools:data_push
    code: ["src/**"]
"""


@pytest.mark.parametrize("files, want", [
    pytest.param({"src/auth.js": """
        fetch(`${process.env.CELONIS_URL}/oauth2/token`, { method: "POST",
          body: new URLSearchParams({ grant_type: "client_credentials", scope: "studio,integration.data-pools" }) });
        """}, [("SL002", 2, 73)], id="SL002-comma-joined"),
    pytest.param({"oauth-clients.yaml": CLIENTS, "src/api.ts": """
        const base = process.env.CELONIS_URL;
        export const kpis = (km: string) => fetch(`${base}/intelligence/api/knowledge-models/${km}/kpis`);
        export const push = (p: string) => axios.post(`${base}/integration/api/v1/data-push/${p}/jobs/`, {});
        export const pools = () => fetch(`${base}/integration/api/pools`);
        """}, [("SL005", 4, 42)], id="SL005-missing-scope"),
    pytest.param({"oauth-clients.yaml": CLIENTS, "src/auth.ts": """
        export const CELONIS_SCOPE = "intelligence.knowledge-models:read integration.data-pools:data_push studio";
        const base = process.env.CELONIS_URL;
        export const kpis = (km: string) => fetch(`${base}/intelligence/api/knowledge-models/${km}/kpis`);
        export const push = (p: string) => axios.post(`${base}/integration/api/v1/data-push/${p}/jobs/`, {});
        """}, [("SL007", 1, 99)], id="SL007-unregistered-scope"),
    pytest.param({"src/leak.ts": """
        const url = `https://acme.eu-1.celonis.cloud/oauth2/token?grant_type=client_credentials&client_secret=Wq4Lz8Xc2Vb6Nm1Ks9Dj3Hf7&scope=studio`;
        await fetch(url, { method: "POST" });
        """}, [("SL013", 1, 103)], id="SL013-secret-in-url"),
    pytest.param({"src/http.js": """
        const CELONIS_URL = "http://acme.eu-1.celonis.cloud";
        axios.get(`${CELONIS_URL}/integration/api/pools`, { headers: { Authorization: `AppKey ${process.env.KEY}` } });
        """}, [("SL014", 1, 22), ("SL018", 2, 80)], id="SL014-http-and-SL018-appkey"),
    pytest.param({"src/ok.js": """
        const CELONIS_URL = process.env.CELONIS_URL;
        const SCOPE = process.env.CELONIS_OAUTH_SCOPE ?? "integration.data-pools:data_push";
        fetch(`${CELONIS_URL}/oauth2/token`, { method: "POST", body: new URLSearchParams({ scope: SCOPE }) });
        fetch(`${CELONIS_URL}/integration/api/v1/data-push/${id}/jobs/`, { method: "POST" });
        """}, [], id="clean-celonis"),
])
def test_findings(lint_tree, files, want):
    assert triples(lint_tree(files).findings) == want


def test_secret_never_printed(lint_tree):
    result = lint_tree({"src/auth.ts": f"""
        const clientSecret = "{SECRET}";
        export const body = new URLSearchParams({{ client_secret: clientSecret, scope: "studio" }});
        """})
    assert triples(result.findings) == [("SL012", 1, 23)]
    finding = result.findings[0]
    assert "clientSecret" in finding.message and SECRET not in finding.message and SECRET not in finding.snippet
    for fmt in ("text", "json"):
        out = render(fmt, result, Context())
        assert "SL012" in out and SECRET not in out
    assert SECRET not in json.dumps([f.to_dict() for f in result.findings])


_JS_ALPHABET = st.sampled_from(list("aZ_$09.5 \t\n\u00a0\u2028é中\U0001d7ce\U0001f600'\"`${}()[]<>/*+-=!?&|%^~:;,@#\\xe")
                               + ["//", "/*", "*/", "=>", "===", "?.", "??=", "...", "${", "</a>", "<div>"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_JS_ALPHABET, max_size=60).map("".join))
def test_the_lexer_dispatch_by_first_character_gives_the_tokens_of_trying_every_pattern(text):
    """The lexer picks the one pattern a token can start with from its first character; with the
    shortcuts emptied it tries every pattern in turn, as it used to. Both read the same tokens."""
    from scopelint.extractors.javascript import lexer

    fast = lexer.tokenize(text)
    saved = lexer._ID_START, lexer._PUNCT_START
    try:
        lexer._ID_START = lexer._PUNCT_START = frozenset()
        slow = lexer.tokenize(text)
    finally:
        lexer._ID_START, lexer._PUNCT_START = saved
    assert fast == slow


def test_the_lexer_first_character_sets_agree_with_its_patterns():
    from scopelint.extractors.javascript import lexer

    for code in range(0x10000):  # every character of the BMP: white space is what the pattern says it is
        c = chr(code)
        assert (c in lexer._WS_CHARS) == bool(lexer._WS.match(c)), hex(code)
    for code in range(128):
        c = chr(code)
        assert (c in lexer._ID_START) == bool(lexer._ID.match(c)), c
        if c in lexer._PUNCT_START:  # only punctuation can start there: not a name, not a number
            assert lexer._PUNCT.match(c + "5") and not lexer._ID.match(c) and not lexer._NUM.match(c + "5"), c


_HELPERS = """
const BASE = process.env.CELONIS_URL;
{helper}
export const pools = (key) => fetch(api("pools"), {{ headers: {{ Authorization: `AppKey ${{key}}` }} }});
"""


@pytest.mark.parametrize("helper, want, keys", [
    pytest.param("function api(path: string): string {\n  return `${BASE}/integration/api/${path}`;\n}",
                 [("GET", "/integration/api/pools", 5, 42)], [("AppKey", 5, 80)], id="function-with-types"),
    pytest.param("const api = (path) => BASE + '/integration/api/' + path;",
                 [("GET", "/integration/api/pools", 3, 42)], [("AppKey", 3, 80)], id="arrow-expression"),
    pytest.param("const api = async (path) => {\n  return `${BASE}/integration/api/${path}`;\n};",
                 [("GET", "/integration/api/pools", 5, 42)], [("AppKey", 5, 80)], id="arrow-with-body"),
    # lookalikes: another host; a helper of several returns or defined twice, recursion, a nested function
    # are not read (the AppKey header of a file that names Celonis is its key authentication, as before)
    pytest.param("const api = (path) => `https://api.github.com/integration/api/${path}`;", [], [], id="another-host"),
    pytest.param("function api(path) {\n  if (!path) return BASE;\n  return `${BASE}/integration/api/${path}`;\n}",
                 [], [("AppKey", 6, 80)], id="two-returns"),
    pytest.param("function api(path) { return `${BASE}/integration/api/${path}`; }\nfunction api(path) { return path; }",
                 [], [("AppKey", 4, 80)], id="defined-twice"),
    pytest.param("function api(path) { return api(path); }", [], [("AppKey", 3, 80)], id="recursive"),
    pytest.param("function api(path) { return [1].map(function (x) { return path; })[0]; }", [], [("AppKey", 3, 80)], id="nested-function"),
])
def test_a_url_built_by_a_helper_of_the_file_is_read_at_the_call(helper, want, keys):
    """``fetch(api("pools"))`` with ``function api(path) { return `${BASE}/integration/api/${path}`; }``:
    the helper's return value with its parameter bound to the call's argument, placed at the call."""
    f = facts(_HELPERS.format(helper=helper))
    assert [(c.method, c.path, c.loc.line, c.loc.col) for c in f.api_calls if c.method] == want
    assert [(h.kind, h.loc.line, h.loc.col) for h in f.auth_headers] == keys


def test_this_calls_a_method_and_a_bare_name_a_function():
    """``this.url(...)`` is no module function ``url``, and ``url(...)`` no method of a class."""
    f = facts('function url(path) { return `https://acme.eu-1.celonis.cloud/${path}`; }\n'
              'class Jira extends Base {\n  issues(key) { return fetch(this.url("integration/api/pools")); }\n}\n')
    assert [c for c in f.api_calls if c.method] == []


def test_this_calls_a_method_of_its_own_class_only():
    f = facts('class CelonisClient {\n  url(path) { return `https://acme.eu-1.celonis.cloud/${path}`; }\n}\n'
              'class Jira extends Base {\n  issues() { return fetch(this.url("integration/api/pools")); }\n}\n')
    assert [c for c in f.api_calls if c.method] == []


def test_a_url_built_by_a_method_of_the_class_is_read_at_the_call():
    f = facts("const BASE = process.env.CELONIS_URL;\nclass Client {\n  constructor(private apiKey: string) {}\n"
              "  private url(path: string) {\n    return `${BASE}/intelligence/api/${path}`;\n  }\n"
              "  async models() {\n    return fetch(this.url(\"knowledge-models\"), "
              "{ headers: { Authorization: `Bearer ${this.apiKey}` } });\n  }\n}\n")
    assert [(c.method, c.path, c.loc.line) for c in f.api_calls if c.method] == [
        ("GET", "/intelligence/api/knowledge-models", 8)]
    assert [(h.kind, h.loc.line) for h in f.auth_headers] == [("api-key", 8)]


CLIENT_CLASS = """\
import axios from "axios";

export class CelonisApi {
  private token?: string;
  private readonly scopes = ["audit.log:read"];

  constructor(private readonly base = "https://acme.eu-1.celonis.cloud") {}

  private async getToken(): Promise<string> {
    const res = await axios.post(`${this.base}/oauth2/token`,
      new URLSearchParams({ grant_type: "client_credentials", scope: this.scopes.join(" ") }));
    this.token = res.data.access_token;
    return this.token!;
  }

  members() {
    return axios.get(`${this.base}/api/external/members`, { headers: { Authorization: `Bearer ${this.token}` } });
  }
}
"""


def test_a_class_reads_its_fields_and_constructor_parameter_properties():
    """``this.scopes`` is the field written once in the class, ``this.base`` the default of the
    constructor's parameter property; each is read where it is written."""
    f = facts(CLIENT_CLASS)
    assert request_scopes(f) == [[("audit.log:read", 5, 31, 45)]]
    assert [(r.url, r.loc.line) for r in f.token_requests] == [("https://acme.eu-1.celonis.cloud/oauth2/token", 10)]
    assert [(c.method, c.path, c.loc.line) for c in f.api_calls] == [("GET", "/api/external/members", 17)]


@pytest.mark.parametrize("old, new, want", [
    # written twice, given by the caller, another class's field: not known
    pytest.param("  constructor(", "  setScopes(s: string[]) { this.scopes = s; }\n\n  constructor(",
                 [("https://acme.eu-1.celonis.cloud/oauth2/token", False)], id="written-twice"),
    # (a token URL of a base not known, to a host not known, is no Celonis token request)
    pytest.param('private readonly base = "https://acme.eu-1.celonis.cloud"', "private readonly base: string", [],
                 id="given-by-the-caller"),
    pytest.param('export class CelonisApi {\n  private token?: string;\n  private readonly scopes = ["audit.log:read"];',
                 'class Other { private readonly scopes = ["studio"]; }\n\nexport class CelonisApi {\n'
                 '  private token?: string;', [("https://acme.eu-1.celonis.cloud/oauth2/token", False)], id="other-class"),
])
def test_a_field_not_written_once_in_its_class_is_not_known(old, new, want):
    assert old in CLIENT_CLASS
    f = facts(CLIENT_CLASS.replace(old, new))
    assert [(r.url, r.scopes is not None) for r in f.token_requests] == want


@pytest.mark.parametrize("text, want", [
    # a parameter's default is its value where the caller gives none, as ``${SCOPE:-studio}`` is
    pytest.param('async function getToken(scope = "studio intelligence.knowledge-models:read") {\n'
                 '  return fetch(`${BASE}/oauth2/token`, { method: "POST", body: new URLSearchParams({ grant_type: '
                 '"client_credentials", scope }) });\n}\n',
                 [[("studio", 2, 34, 40), ("intelligence.knowledge-models:read", 2, 41, 75)]], id="default"),
    pytest.param('async function getToken(scope: string = "studio") {\n'
                 '  return fetch(`${BASE}/oauth2/token`, { method: "POST", body: new URLSearchParams({ scope }) });\n}\n',
                 [[("studio", 2, 42, 48)]], id="typed-default"),
    # a parameter without a default hides the module's constant of that name; another function's default is its own
    pytest.param('const scope = "studio";\nasync function getToken(scope) {\n'
                 '  return fetch(`${BASE}/oauth2/token`, { method: "POST", body: new URLSearchParams({ scope }) });\n}\n',
                 [None], id="shadowed"),
    pytest.param('function other(scope = "studio") { return scope; }\nasync function getToken(scope) {\n'
                 '  return fetch(`${BASE}/oauth2/token`, { method: "POST", body: new URLSearchParams({ scope }) });\n}\n',
                 [None], id="another-functions-default"),
])
def test_a_parameter_holds_its_default_in_its_function_only(text, want):
    f = facts('const BASE = "https://acme.eu-1.celonis.cloud";\n' + text)
    assert request_scopes(f) == want


_GET_TOKEN = ('const BASE = "https://acme.eu-1.celonis.cloud";\n'
              'async function getToken(scope) {\n'
              '  return axios.post(`${BASE}/oauth2/token`, qs.stringify({ grant_type: "client_credentials", scope }));\n'
              '}\n')


@pytest.mark.parametrize("calls_, want", [
    # every call of the function in the file passes the same value: the value sent, placed at the call
    pytest.param('const t = await getToken("studio,integration.data-pools");\n',
                 [[("studio", 5, 27, 33), ("integration.data-pools", 5, 34, 56)]], id="one-call"),
    pytest.param('await getToken("studio");\nawait getToken(\'studio\');\n', [[("studio", 5, 17, 23)]], id="same-twice"),
    pytest.param('const a = cond ? getToken("studio") : getToken("studio");\n', [[("studio", 5, 28, 34)]],
                 id="ternary-same"),
    # calls that pass different values, or one not known: which was sent is not known
    pytest.param('await getToken("studio");\nawait getToken("integration.data-pools");\n', [None], id="different"),
    pytest.param('await getToken(process.env.SCOPE);\n', [None], id="not-known"),
    pytest.param('await getToken(process.env.SCOPE);\nawait getToken(process.env.SCOPE);\n', [None], id="not-known-twice"),
    pytest.param('await getToken(...args);\n', [None], id="spread"),
    pytest.param('const a = cond ? getToken("studio") : getToken("audit.log:read");\n', [None], id="ternary-different"),
    # called nowhere in the file (a handler, an export): nothing binds it
    pytest.param('module.exports = { getToken };\n', [None], id="not-called"),
    # two functions of that name: which one a call reaches is not known
    pytest.param('function getToken(s) { return s; }\nawait getToken("studio");\n', [None], id="defined-twice"),
])
def test_a_parameter_holds_what_every_call_in_the_file_passes_it(calls_, want):
    """``getToken("studio")`` where ``async function getToken(scope)`` posts ``{scope}``: the scope
    the call passes is the one requested, at the call's literal. Python reads a parameter the same way."""
    assert request_scopes(facts(_GET_TOKEN + calls_)) == want


def test_a_recursive_function_passing_its_parameter_on_is_read_at_its_outer_call():
    text = ('const BASE = "https://acme.eu-1.celonis.cloud";\n'
            'async function getToken(scope, retries = 3) {\n'
            '  try {\n'
            '    return await axios.post(`${BASE}/oauth2/token`, qs.stringify({ grant_type: "client_credentials", scope }));\n'
            '  } catch (e) {\n'
            '    return retries ? getToken(scope, retries - 1) : null;\n'
            '  }\n'
            '}\n'
            'await getToken("studio");\n')
    assert request_scopes(facts(text)) == [None]  # the inner call passes ``scope``: not one value


def test_a_method_parameter_holds_what_the_class_passes_it():
    text = ('const BASE = "https://acme.eu-1.celonis.cloud";\n'
            'class Client {\n'
            '  async token(scopes: string) {\n'
            '    const body = new URLSearchParams({ grant_type: "client_credentials", scope: scopes });\n'
            '    return (await axios.post(`${BASE}/oauth2/token`, body)).data.access_token;\n'
            '  }\n'
            '  async pools() { const t = await this.token("integration.data-pools"); }\n'
            '}\n')
    assert request_scopes(facts(text)) == [[("integration.data-pools", 7, 47, 69)]]
    other = text.replace("  async pools()", '  async audit() { return this.token("audit.log:read"); }\n  async pools()')
    assert request_scopes(facts(other)) == [None]


_CONSTRUCTED = """\
export class CelonisClient {
  private scopes: string[];
  constructor(private baseUrl: string, scopes: string[]) {
    this.scopes = scopes;
  }
  async token() {
    const body = new URLSearchParams({ grant_type: "client_credentials", scope: this.scopes.join(" ") });
    return (await axios.post(`${this.baseUrl}/oauth2/token`, body)).data.access_token;
  }
}
"""
_NEW = 'const client = new CelonisClient("https://acme.eu-1.celonis.cloud", ["studio", "audit.log:read"]);\n'


@pytest.mark.parametrize("made, want", [
    pytest.param(_NEW, [("https://acme.eu-1.celonis.cloud/oauth2/token", [("studio", 12, 71, 77), ("audit.log:read", 12, 81, 95)])],
                 id="constructed-once"),
    pytest.param(_NEW + _NEW.replace("const client", "const other"),
                 [("https://acme.eu-1.celonis.cloud/oauth2/token", [("studio", 12, 71, 77), ("audit.log:read", 12, 81, 95)])],
                 id="same-twice"),
    # constructions that pass other scopes, or a base not known: not known
    pytest.param(_NEW + _NEW.replace('"audit.log:read"', '"studio"').replace("const client", "const other"),
                 [("https://acme.eu-1.celonis.cloud/oauth2/token", None)], id="other-scopes"),
    # a value not known is not bound: the parameter stays what it was, a reference to a base given by the caller
    pytest.param(_NEW.replace('"https://acme.eu-1.celonis.cloud"', "process.env.CELONIS_URL"), [], id="base-not-known"),
    pytest.param(_NEW.replace('"https://acme.eu-1.celonis.cloud"', '"https://login.example.com"'), [], id="another-host"),
    pytest.param("", [], id="never-constructed"),
])
def test_a_constructor_parameter_holds_what_every_new_of_its_class_passes(made, want):
    """``new CelonisClient(base, scopes)`` and ``this.scopes = scopes``: the field is what every
    construction in the file passes, as a function's parameter is what every call passes."""
    f = facts(_CONSTRUCTED + "\n" + made)
    assert [(r.url, request_scopes(f)[k]) for k, r in enumerate(f.token_requests)] == want


def test_a_parameter_bound_at_its_call_is_judged_there_end_to_end(tmp_path):
    """The scope a call passes is judged at the call: a typo and a comma-joined list, each at its column."""
    (tmp_path / "token.js").write_text(_GET_TOKEN + 'getToken("studio,integration.data-pool");\n')
    rows = [(f.code, f.loc.line, f.loc.col) for f in lint([str(tmp_path)])]
    assert rows == [("SL002", 5, 11), ("SL001", 5, 18)]


def test_another_providers_token_request_through_a_parameter_stays_its_own(tmp_path):
    (tmp_path / "token.js").write_text(_GET_TOKEN.replace("https://acme.eu-1.celonis.cloud", "https://login.example.com")
                                       + 'getToken("studio,integration.data-pool");\n')
    assert lint([str(tmp_path)]) == []


def test_a_token_is_placed_in_the_innermost_class_body_around_it():
    from scopelint.extractors.javascript.evaluate import Evaluator

    ev = Evaluator([], "")
    ev.set_classes([(1, 10), (2, 4), (5, 8), (12, 20)])  # 2-4 and 5-8 lie inside 1-10
    assert [ev.class_at(i) for i in (0, 3, 4, 6, 9, 11, 15, 25)] == [
        None, (2, 4), (1, 10), (5, 8), (1, 10), None, (12, 20), None]


@pytest.mark.parametrize("to, want", [
    ("https://oauth2.googleapis.com/token", []),
    ("`${CELONIS_URL}/oauth2/token`", [["openid", "email", "profile"]]),
])
def test_scopes_sent_to_another_providers_token_url_are_its_own(to, want):
    """``OAUTH_SCOPES`` is read by PyCelonis too, so in a file that talks to Celonis it counts as
    Celonis's, unless what it holds is sent to another provider's token URL."""
    target = to if to.startswith("`") else f'"{to}"'
    code = ("const CELONIS_URL = process.env.CELONIS_URL;\n"
            'const OAUTH_SCOPES = process.env.OAUTH_SCOPES || "openid email profile";\n'
            f'await fetch({target}, {{ method: "POST", body: new URLSearchParams({{ grant_type: "authorization_code", '
            "scope: OAUTH_SCOPES }) });\n")
    found = facts(code)
    sent = [[r.name for r in s.refs] for s in found.scope_vars] + [[r.name for r in t.scopes.refs] for t in found.token_requests]
    assert sent == want


@pytest.mark.parametrize("path", ["dist/app.min.js", "types/index.d.ts"])
def test_bundles_and_declarations_are_read_only_when_named(path):
    """The walk passes minified bundles over; one named on the command line is read, with a note
    for its long lines, rather than passed over without a word."""
    from scopelint.extractors import for_path

    assert [k.name for k in for_path(path, explicit=False)] == []
    assert [k.name for k in for_path(path, explicit=True)] == ["javascript"]


@pytest.mark.parametrize("comment, want", [
    # a parameter of an example URL in a comment of a file that does not talk to Celonis: an example request
    ('//   "url": "http://localhost:6789/api/browser_items/x.yaml?api_key=zkWlN7HqX2mP9vR4tY8sB3cK6dF1gJ5e"', []),
    # the same key written as a setting in a comment is a leaked key all the same
    ("// api_key=zkWlN7HqX2mP9vR4tY8sB3cK6dF1gJ5e", [("API key", 1)]),
])
def test_example_urls_in_comments_of_other_files_hold_no_secret(comment, want):
    found = facts(comment + "\nexport interface BrowserItem { url: string }\n", "src/interfaces.ts")
    assert [(s.kind, s.loc.line) for s in found.secrets] == want


K6_FLOW = """\
const BASE_URL = __ENV.BASE_URL || 'https://idp.example.test:8443/api';
const OAUTH_CLIENT_ID = __ENV.OAUTH_CLIENT_ID || 'management';
const OAUTH_SCOPES = __ENV.OAUTH_SCOPES || 'IdentityRead';
function tenantUrl(path) { return `${BASE_URL}/tenant${path}`; }
export function authorize() {
    const query = [`client_id=${encodeURIComponent(OAUTH_CLIENT_ID)}`, `scope=${encodeURIComponent(OAUTH_SCOPES)}`].join('&');
    return http.get(tenantUrl(`/oauth2/authorize?${query}`));
}
"""


def test_pycelonis_setting_names_in_another_servers_query_do_not_make_it_celonis(lint_tree):
    f = facts(K6_FLOW, "load/loadtest.js")
    assert f.api_calls == [] and f.scope_vars == []
    assert triples(lint_tree({"load/loadtest.js": K6_FLOW}).findings) == []


def test_the_same_flow_to_a_celonis_base_is_read():
    f = facts(K6_FLOW.replace("https://idp.example.test:8443/api", "https://acme.eu-1.celonis.cloud"), "load/loadtest.js")
    assert [s.raw for s in f.scope_vars] == ["IdentityRead"]


HUB = """\
export async function celonisPools(creds) {
  return fetch(`${creds.celonisTeamUrl}/integration/api/pools`, { headers: { Authorization: `AppKey ${creds.apiKey}` } });
}
export async function vendorProjects(creds) {
  return fetch(`${creds.baseUrl}/api/v1/projects`, { headers: { Authorization: `Bearer ${creds.apiKey}` } });
}
export async function celonisSpaces(creds) {
  return fetch(`${creds.baseUrl}/package-manager/api/spaces`, { headers: { Authorization: `Bearer ${creds.apiKey}` } });
}
"""


def test_a_bearer_key_to_a_path_no_celonis_api_has_is_not_celonis_key_auth(lint_tree):
    found = [(f.code, f.loc.line) for f in lint_tree({"src/hub.ts": HUB}).findings if f.code == "SL018"]
    assert found == [("SL018", 2), ("SL018", 8)]  # AppKey to Celonis; a Bearer key on a Celonis route; not the vendor's


@pytest.mark.parametrize("part", ["env.get('CELONIS_CLIENT_ID')", "config.clientId()", "await vault.read('id')"])
def test_a_body_joined_with_a_calls_result_keeps_what_it_writes(part, lint_tree):
    # what another function returns is a value not known: the scope written beside it is still read
    text = ("const url = 'https://acme.eu-1.celonis.cloud/oauth2/token';\n"
            f"const body = 'grant_type=client_credentials&scope=studio,integration.data-pools&client_id=' + {part};\n"
            "fetch(url, {method: 'POST', body});\n")
    assert triples(lint_tree({"flow/token.js": text}).findings) == [("SL002", 2, 51)]
    # another provider's token request: its scopes are its own
    other = text.replace("acme.eu-1.celonis.cloud/oauth2/token", "login.example.com/oauth/token").replace(
        "studio,integration.data-pools", "read,write")
    assert lint_tree({"flow/token.js": other}).findings == []


@pytest.mark.parametrize("code, want", [
    # an options object filled in member by member, then handed to axios
    pytest.param("const options = { method: 'POST' };\noptions.url = 'https://acme.eu-1.celonis.cloud/oauth2/token';\n"
                 "options.data = 'grant_type=client_credentials&scope=studio,integration.data-pools';\naxios(options);\n",
                 [("SL002", 3, 53)], id="const-object"),
    # an object the script is handed (never declared), its members set once each
    pytest.param("req.url = 'https://acme.eu-1.celonis.cloud/oauth2/token';\n"
                 "req.body = { grant_type: 'client_credentials', scope: 'studio.package:read' };\n"
                 "fetch(req.url, { method: 'POST', body: new URLSearchParams(req.body) });\n",
                 [("SL001", 2, 56)], id="handed-in-object"),
    # a key written as a string in brackets is the same key (XeroAPI/xero-mcp-server's headers and params)
    pytest.param("const params: Record<string, string> = { grant_type: 'client_credentials' };\n"
                 "params['scope'] = 'studio,integration.data-pools';\n"
                 "fetch('https://acme.eu-1.celonis.cloud/oauth2/token', { method: 'POST', body: new URLSearchParams(params) });\n",
                 [("SL002", 2, 20)], id="bracket-key"),
    pytest.param("const params = { grant_type: 'client_credentials', scope: 'audit.log:read' };\n"
                 f"params[\"client_secret\"] = '{SECRET}';\n"
                 "fetch('https://acme.eu-1.celonis.cloud/oauth2/token', { method: 'POST', body: new URLSearchParams(params) });\n",
                 [("SL012", 2, 28)], id="bracket-secret"),
    pytest.param(f"axios.defaults.headers.common['Authorization'] = 'AppKey {APP_KEY}';\n"
                 "axios.get('https://acme.eu-1.celonis.cloud/integration/api/pools');\n",
                 [("SL018", 1, 51), ("SL012", 1, 58)], id="bracket-default-header"),
    pytest.param(f"const headers = {{}};\nheaders['Authorization'] = 'Bearer {SECRET}';\n"
                 "axios.get('https://api.example.com/v1/me', {{ headers }});\n",
                 [("SL012", 2, 36)], id="bracket-header-another-service"),
])
def test_an_objects_members_set_one_by_one_are_its_keys(lint_tree, code, want):
    assert triples(lint_tree({"src/token.js": code}).findings) == want


@pytest.mark.parametrize("code", [
    # set twice: which one a request sends is not known
    "req.url = 'https://login.example.com/token';\nif (prod) req.url = 'https://acme.eu-1.celonis.cloud/oauth2/token';\n"
    "req.body = 'grant_type=client_credentials&scope=studio,integration.data-pools';\naxios(req);\n",
    # changed in place
    "req.url = 'https://login.example.com';\nreq.url += '/oauth2/token';\n"
    "req.body = 'grant_type=client_credentials&scope=studio,integration.data-pools';\naxios(req);\n",
    # a parameter's members: what the caller hands in is not known
    "function send(req) {\n  req.data = 'grant_type=client_credentials&scope=studio,integration.data-pools';\n  return axios(req);\n}\n",
    # a key computed: which key it is not known, so the object is open (its scope unknown, never "none sent")
    "const form = { grant_type: 'client_credentials' };\nfor (const [k, v] of Object.entries(extra)) form[k] = v;\n"
    "fetch('https://acme.eu-1.celonis.cloud/oauth2/token', { method: 'POST', body: new URLSearchParams(form) });\n",
    # from the environment
    "const params = { grant_type: 'client_credentials' };\nparams['scope'] = process.env.CELONIS_SCOPE as string;\n"
    "params['client_secret'] = process.env.CELONIS_CLIENT_SECRET as string;\n"
    "fetch('https://acme.eu-1.celonis.cloud/oauth2/token', { method: 'POST', body: new URLSearchParams(params) });\n",
    "axios.defaults.headers.common['Authorization'] = `Bearer ${process.env.SAAS_TOKEN}`;\naxios.get('https://api.example.com/v1/me');\n",
])
def test_members_set_more_than_once_or_on_a_parameter_are_not_known(lint_tree, code):
    assert lint_tree({"src/token.js": code}).findings == []


APPKEY_CLIENTS = f"""const axios = require('axios');
const api = axios.create({{ baseURL: 'https://acme.eu-1.celonis.cloud', headers: {{ Authorization: 'AppKey ' + process.env.CELONIS_APP_KEY }} }});
axios.defaults.headers.post['Authorization'] = 'AppKey {APP_KEY}';
module.exports.pools = () => api.get('/integration/api/pools');
module.exports.own = () => api.get('/integration/api/pools/p/jobs', {{ headers: {{ Authorization: `Bearer ${{tok}}` }} }});
module.exports.push = () => axios.post('https://acme.eu-1.celonis.cloud/integration/api/v1/data-push/p/jobs/', {{}});
module.exports.look = () => axios.get('https://acme.eu-1.celonis.cloud/integration/api/v1/data-push/p/jobs/');
"""


def test_a_clients_instance_and_default_headers_go_with_its_requests():
    """project44's Celonis app sets its AppKey once, on an axios instance or as axios's default: each call
    sends it (an AppKey call uses no OAuth scope). A header the call sets itself wins; a method's
    defaults (``headers.post``) go with that method's calls only."""
    f = facts(APPKEY_CLIENTS)
    assert [(c.method, c.path, c.key_auth) for c in f.api_calls] == [
        ("GET", "/integration/api/pools", "AppKey"), ("GET", "/integration/api/pools/p/jobs", None),
        ("POST", "/integration/api/v1/data-push/p/jobs/", "AppKey"), ("GET", "/integration/api/v1/data-push/p/jobs/", None)]


def test_calls_sending_an_instances_appkey_are_no_use_of_a_token_beside_them(lint_tree):
    token = ("const params = { grant_type: 'client_credentials' };\nparams.scope = 'studio integration.data-pools';\n"
             "export const token = () => fetch('https://acme.eu-1.celonis.cloud/oauth2/token', "
             "{ method: 'POST', body: new URLSearchParams(params) });\n")
    pools = APPKEY_CLIENTS.splitlines(keepends=True)
    keyed = "".join(pools[:4]) + "module.exports.push = () => axios.post('https://acme.eu-1.celonis.cloud/integration/api/v1/data-push/p/jobs/', {});\n"
    found = [(f.code, f.loc.path, f.loc.line) for f in lint_tree({"src/token.ts": token, "src/pools.js": keyed}).findings]
    assert found == [("SL018", "src/pools.js", 2), ("SL018", "src/pools.js", 3), ("SL012", "src/pools.js", 3)]


def test_a_parameter_passed_a_value_not_known_keeps_its_own_name():
    """``new CelonisMapper(url, urlParams.get("key"))`` and ``this.apiKey = apiKey``: what the call passes
    is not known, so the parameter stays the reference its name makes a static key (pm4js's Celonis mapper)."""
    text = ('class CelonisMapper {\n  constructor(baseUrl, apiKey) {\n    this.baseUrl = baseUrl;\n    this.apiKey = apiKey;\n  }\n'
            '  pools() {\n    return fetch("https://acme.eu-1.celonis.cloud/integration/api/pools", '
            '{ headers: { authorization: "Bearer " + this.apiKey } });\n  }\n}\n'
            'const m = new CelonisMapper(document.referrer, new URLSearchParams(location.search).get("key"));\n')
    assert [(h.kind, h.loc.line) for h in facts(text).auth_headers] == [("api-key", 7)]


_WRAPPER = """\
const BASE = "https://acme.eu-1.celonis.cloud";
async function celonisGet(path) {
  const token = await getToken();
  const res = await axios.get(`${BASE}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return res.data;
}
"""


@pytest.mark.parametrize("calls_, want, unresolved", [
    # each call of the wrapper is a request at the call, its path what the call passes
    pytest.param('await celonisGet("/integration/api/pools");\nawait celonisGet("/intelligence/api/knowledge-models");\n',
                 [("GET", "/integration/api/pools", 7, 19), ("GET", "/intelligence/api/knowledge-models", 8, 19)], 0,
                 id="two-calls"),
    # a call that passes a path not known leaves a call not resolved, beside those that are
    pytest.param('await celonisGet("/integration/api/pools");\nawait celonisGet(`/integration/api/pools/${id}`);\n'
                 'await celonisGet(next);\n', [("GET", "/integration/api/pools", 7, 19), ("GET", "/integration/api/pools/{x}", 8, 19)],
                 1, id="one-not-known"),
    # called nowhere in the file (exported for other modules): its path is not known here
    pytest.param("module.exports = { celonisGet };\n", [], 1, id="not-called"),
])
def test_a_function_that_requests_a_path_it_is_given_is_a_request_at_each_call(calls_, want, unresolved):
    """``celonisGet("/integration/api/pools")`` where ``celonisGet(path)`` gets ``${BASE}${path}``: the
    request is made at each call, with the method the function uses, as Python reads a forwarding function."""
    f = facts(_WRAPPER + calls_)
    assert [(c.method, c.path, c.loc.line, c.loc.col) for c in f.api_calls] == want
    assert len(f.unresolved_calls) == unresolved


def test_a_wrapper_of_another_hosts_api_stays_silent():
    f = facts(_WRAPPER.replace("https://acme.eu-1.celonis.cloud", "https://api.github.com")
              + 'await celonisGet("/integration/api/pools");\n')
    assert [c for c in f.api_calls if c.method] == [] and f.unresolved_calls == []


def test_a_wrapper_resolved_at_its_calls_lets_unused_scopes_be_judged(tmp_path):
    token = ('async function getToken() {\n  const r = await axios.post(`${BASE}/oauth2/token`, new URLSearchParams({ '
             'grant_type: "client_credentials", scope: "studio integration.data-pools" }));\n  return r.data.access_token;\n}\n')
    (tmp_path / "api.js").write_text(_WRAPPER + token + 'await celonisGet("/integration/api/pools");\n')
    assert [(f.code, f.loc.line, f.scope) for f in lint([str(tmp_path)])] == [("SL006", 8, "studio")]


@pytest.mark.parametrize("base, path, want", [
    # a wiki's workspace URL: a parameter named teamUrl says nothing of Celonis
    ("teamUrl", "/auth/email.callback", []),
    ("team_url", "/auth/email.callback", []),
    # PyCelonis's own setting, read from the environment or held in a constant of that name
    ("process.env.TEAM_URL", "/auth/email.callback", ["SL013"]),
    ("TEAM_URL", "/auth/email.callback", ["SL013"]),
    ("celonisTeamUrl", "/auth/email.callback", ["SL013"]),
    # whatever the base is called, a Celonis API's path goes to Celonis
    ("teamUrl", "/integration/api/pools", ["SL013"]),
    ("baseUrl", "/integration/api/pools", ["SL013"]),
])
def test_a_team_url_is_celonis_s_as_an_environment_variable_not_as_any_variable_so_named(lint_tree, base, path, want):
    """``${teamUrl}/auth/email.callback?token=...`` is a magic sign-in link of a wiki's workspace (Outline),
    not a Celonis URL with a token in its query string."""
    code = (f"const TEAM_URL = process.env.TEAM_URL;\n"
            f"export const link = (teamUrl, team_url, celonisTeamUrl, baseUrl, token) =>\n"
            f"  `${{{base}}}{path}?access_token=${{token}}&client=web`.padEnd(0);\n")
    at = len("  `${") + len(base) + len("}") + len(path) + len("?") + 1  # the parameter's name
    assert [(f.code, f.loc.line, f.loc.col) for f in lint_tree({"src/link.ts": code}).findings] == \
        [(c, 3, at) for c in want]


@pytest.mark.parametrize("call, want", [
    ('import docsearch from "@docsearch/js";\ndocsearch({ appId: "K7QW2ZP9TM", indexName: "docs",\n'
     '  apiKey: "4b9e1f07c2d84a6e93f5b1c8d0a7e2f6" });\n', []),
    ('window.docsearch({\n  appId: "K7QW2ZP9TM",\n  apiKey: "4b9e1f07c2d84a6e93f5b1c8d0a7e2f6", indexName: "docs" });\n', []),
    ('const stripe = new Stripe({ apiKey: "4b9e1f07c2d84a6e93f5b1c8d0a7e2f6" });\n', []),
    # a call that names no service: its key is reported
    ('export const client = createClient({ baseUrl: "https://api.acme.io",\n  apiKey: "4b9e1f07c2d84a6e93f5b1c8d0a7e2f6" });\n',
     [("SL012", 2, 12)]),
])
def test_an_object_given_to_a_call_named_for_another_service_holds_its_keys(lint_tree, call, want):
    """``docsearch({appId, apiKey})`` is Algolia's DocSearch with its public search key: the call says
    whose the key is, as ``algolia: {apiKey}`` does, in a file that does not talk to Celonis."""
    assert [(f.code, f.loc.line, f.loc.col) for f in lint_tree({"docs/search.js": call}).findings] == want


def test_apps_script_url_fetch_sends_its_payload_as_the_body():
    # Google Apps Script's UrlFetchApp.fetch(url, {method, payload}): the payload is the form it posts
    code = ('const CELONIS_URL = "https://acme.eu-1.celonis.cloud";\n'
            'function token() {\n  const props = PropertiesService.getScriptProperties();\n'
            '  return UrlFetchApp.fetch(CELONIS_URL + "/oauth2/token", {\n    method: "post",\n'
            '    payload: {grant_type: "client_credentials", scope: "integration.data-pools:data_push",\n'
            '              client_id: props.getProperty("ID"), client_secret: props.getProperty("SECRET")},\n  });\n}\n')
    (req,) = facts(code, "Code.js").token_requests
    assert [r.name for r in req.scopes.refs] == ["integration.data-pools:data_push"]
    assert req.grant_type.value == "client_credentials"
    # a payload without a scope sends none
    (bare,) = facts(code.replace('scope: "integration.data-pools:data_push",', ""), "Code.js").token_requests
    assert bare.scopes is not None and bare.scopes.refs == ()


def test_an_apps_script_file_is_javascript(lint_tree):
    # Google Apps Script's .gs files, as its editor and many repositories keep them
    code = ('var CLIENT_SECRET = "Ibz5LAvswTugvS7gqNPq8Jf2LmZx";\n'
            'function token() {\n  return UrlFetchApp.fetch("https://acme.eu-1.celonis.cloud/oauth2/token", {\n'
            '    method: "post", payload: {grant_type: "client_credentials", scope: "studio,integration.data-pools"}});\n}\n')
    found = lint_tree({"apps/Code.gs": code}).findings
    assert sorted((f.code, f.loc.line, f.loc.col) for f in found) == [("SL002", 4, 73), ("SL012", 1, 22)]


def test_a_table_of_many_secrets_is_read_whole(lint_tree):
    # looking for a mock's name around each of hundreds of values must not spend the file's analysis budget
    import random

    rng = random.Random(7)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    rows = "".join(f'  t{i}: {{ clientSecret: "{"".join(rng.choice(alphabet) for _ in range(32))}" }},\n' for i in range(400))
    text = f"export const tenants = {{\n{rows}}};\nexport const CELONIS_CLIENT_SECRET = \"Zx8vQ2mN7pL4kR9tW3yB6cF1hJ5sD0gA\";\n"
    result = lint_tree({"config/tenants.js": text})
    assert not [n for n in result.notes if "stopped early" in n[1]]
    assert len(result.findings) > 390 and result.findings[-1].loc.line == 403  # the table's, then the last line's
