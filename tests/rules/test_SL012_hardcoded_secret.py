"""SL012 hardcoded-secret: a literal client secret, access token or API key in code or config,
found in every input kind, never printed; placeholders and environment look-ups are not secrets."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from tests.conftest import selected, write_tree

from scopelint.cli import main

SECRET = "q8Jf2LmZx7Vt9RkPw3NsBy6Hc"


def rows(lint_tree, files: dict[str, str]) -> list[tuple[str, int, int, str]]:
    """SL012's findings for a tree of files, as (code, line, column, message)."""
    return [(f.code, f.loc.line, f.loc.col, f.message) for f in selected(lint_tree, "SL012", files)]

# a JSON Web Token of the usual shape (made up)
JWT = ("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ"
       ".Xk3jd8s0dk2mLx9Qw8r7Tz5Vb1Nc4Ha6Ju2Ki0Lo3Pe")

PYTHON = f'''
    import requests

    TEAM = "https://acme.eu-1.celonis.cloud"
    CLIENT_SECRET = "{SECRET}"


    def token() -> str:
        response = requests.post(
            f"{{TEAM}}/oauth2/token",
            data={{"grant_type": "client_credentials", "scope": "studio"}},
            auth=("etl-client", CLIENT_SECRET),
        )
        return response.json()["access_token"]
    '''

ENV = f"""
    CELONIS_URL=https://acme.eu-1.celonis.cloud
    CELONIS_CLIENT_ID=etl-client
    CELONIS_CLIENT_SECRET={SECRET}
    CELONIS_SCOPE=studio
    """

TYPESCRIPT = """
    const TEAM = "https://acme.eu-1.celonis.cloud";

    export async function packages(token: string) {
      const res = await fetch(`${TEAM}/package-manager/api/packages`, { headers: { Authorization: `Bearer ${token}` } });
      return res.json();
    }

    export const apiToken = "Nq7Rw2Lx9Pz4Vb8Kt3Mf6Hd5";
    """


GOOGLE = ('{"installed":{"client_id":"123456789012-abcdefghijklmnop.apps.googleusercontent.com",'
          '"project_id":"celonis-dashboard-newsletter","auth_uri":"https://accounts.google.com/o/oauth2/auth",'
          '"token_uri":"https://oauth2.googleapis.com/token",'
          '"auth_provider_x509_cert_url":"https://www.googleapis.com/oauth2/v1/certs",'
          f'"client_secret":"GOCSPX-{SECRET}","redirect_uris":["http://localhost"]}}}}\n')


@pytest.mark.parametrize("path, text, expected", [
    pytest.param("src/sync.py", PYTHON, [("SL012", 4, 18, "hard-coded client secret in 'CLIENT_SECRET'")], id="python"),
    # python-keycloak's parameter for the client secret (its class names Keycloak: Keycloak's secret, reported
    # where the file talks to Celonis); Django's signing key is no OAuth secret
    pytest.param("app/auth.py", 'from keycloak import KeycloakOpenID\nkc = KeycloakOpenID(server_url="https://sso.acme.io/",\n'
                 '    client_id="api", realm_name="acme", client_secret_key="' + SECRET + '")\nTEAM = "acme.eu-1.celonis.cloud"\n',
                 [("SL012", 3, 60, "hard-coded client secret in 'KeycloakOpenID.client_secret_key'")],
                 id="python-keycloak-secret-key"),
    pytest.param("app/auth.py", 'from keycloak_client import connect\nkc = connect(server_url="https://sso.acme.io/",\n'
                 '    client_id="api", realm_name="acme", client_secret_key="' + SECRET + '")\n',
                 [("SL012", 3, 60, "hard-coded client secret in 'client_secret_key'")], id="python-keycloak-secret-key-by-name"),
    pytest.param("app/settings.py", 'SECRET_KEY = "' + SECRET + '"\n', [], id="python-django-secret-key"),
    # a token left in a comment of a file that does not talk to Celonis is an example's, as in JavaScript;
    # a client secret in a comment, and a token in a comment of a Celonis file, are still reported
    pytest.param("scripts/outlook.py", 'import requests\n# access_token = "' + JWT + '"\n'
                 'requests.get("https://graph.microsoft.com/v1.0/me/events")\n', [], id="python-comment-token-elsewhere"),
    pytest.param("scripts/outlook.py", 'import requests\n# client_secret = "' + SECRET + '"\n'
                 'requests.get("https://graph.microsoft.com/v1.0/me/events")\n',
                 [("SL012", 2, 20, "hard-coded client secret in 'client_secret'")], id="python-comment-secret-elsewhere"),
    pytest.param("scripts/pools.py", 'import requests\n# access_token = "' + JWT + '"\n'
                 'requests.get("https://acme.eu-1.celonis.cloud/integration/api/pools")\n',
                 [("SL012", 2, 19, "hard-coded access token in 'access_token'")], id="python-comment-token-celonis"),
    # a fallback whose only name is the secret-named environment variable it stands in for
    pytest.param("src/env.py", 'import os\ntoken = os.getenv("CELONIS_API_TOKEN") or "' + SECRET + '"\n',
                 [("SL012", 2, 44, "hard-coded API key in 'CELONIS_API_TOKEN'")], id="python-or-env"),
    pytest.param("src/env.py", 'import os\nkey = "' + SECRET + '" if DEV else os.environ["CELONIS_CLIENT_SECRET"]\n',
                 [("SL012", 2, 8, "hard-coded client secret in 'CELONIS_CLIENT_SECRET'")], id="python-branch-env"),
    pytest.param("src/env.js", 'const key = dev ? "' + SECRET + '" : process.env.CELONIS_API_KEY;\n',
                 [("SL012", 1, 20, "hard-coded API key in 'CELONIS_API_KEY'")], id="js-ternary-env"),
    pytest.param("src/Env.kt", 'fun client() = CelonisClient(\n    token = System.getenv("CELONIS_API_KEY") ?: "' + SECRET + '",\n)\n',
                 [("SL012", 2, 50, "hard-coded API key in 'CELONIS_API_KEY'")], id="kotlin-elvis-env"),
    pytest.param("src/Env.cs", 'var c = new CelonisClient(url,\n    Environment.GetEnvironmentVariable("CELONIS_CLIENT_SECRET") ?? "' + SECRET + '");\n',
                 [("SL012", 2, 69, "hard-coded client secret in 'CELONIS_CLIENT_SECRET'")], id="csharp-coalesce-env"),
    pytest.param("src/Env.java", 'class F {\n  C c = new C(Optional.ofNullable(System.getenv("CELONIS_CLIENT_SECRET")).orElse("' + SECRET + '"));\n}\n',
                 [("SL012", 2, 83, "hard-coded client secret in 'CELONIS_CLIENT_SECRET'")], id="java-orelse-env"),
    # ... but not one the variable is only tested for, one that names no secret, another service's, or a placeholder
    pytest.param("src/env.js", 'const u = process.env.CELONIS_API_KEY ? "' + SECRET + '" : "' + SECRET[::-1] + '";\n'
                 'const v = dev ? "' + SECRET + '" + suffix : process.env.CELONIS_API_KEY;\n', [], id="js-ternary-not-env"),
    pytest.param("src/Env.kt", 'val region = System.getenv("AWS_REGION") ?: "' + SECRET + '"\n'
                 'val g = System.getenv("GOOGLE_CLIENT_SECRET") ?: "' + SECRET + '"\n', [], id="kotlin-elvis-other"),
    pytest.param("src/env.py", 'import os\ntoken = os.getenv("CELONIS_API_TOKEN") or "your-api-token-here"\n',
                 [], id="python-or-env-placeholder"),
    # a secret given to ``auth=`` is named by what holds it: a settings attribute, else the argument itself
    pytest.param("src/basic.py", 'import requests\nclass Settings:\n    secret = "' + SECRET + '"\n'
                 'requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={"grant_type": "client_credentials"},\n'
                 '              auth=requests.auth.HTTPBasicAuth("etl", Settings.secret))\n',
                 [("SL012", 3, 15, "hard-coded client secret in 'secret'")], id="python-basic-attribute"),
    pytest.param("src/literal.py", 'import requests\nrequests.post("https://acme.eu-1.celonis.cloud/oauth2/token",\n'
                 '              data={"grant_type": "client_credentials"}, auth=("etl", "' + SECRET + '"))\n',
                 [("SL012", 3, 72, "hard-coded client secret in 'auth'")], id="python-basic-literal"),
    pytest.param(".env", ENV, [("SL012", 3, 23, "hard-coded client secret in 'CELONIS_CLIENT_SECRET'")], id="env-file"),
    pytest.param("web/client.ts", TYPESCRIPT, [("SL012", 8, 26, "hard-coded API key in 'apiToken'")], id="typescript"),
    pytest.param(".env.example", "CELONIS_CLIENT_SECRET=<client secret>\nCELONIS_API_TOKEN=${CELONIS_API_TOKEN}\n", [],
                 id="placeholders-are-clean"),
    pytest.param("src/sync.py", PYTHON.replace(f'"{SECRET}"', 'os.environ["CELONIS_CLIENT_SECRET"]'), [],
                 id="environment-lookup-is-clean"),
    # another provider's credentials, in a project named for Celonis: Google's, by their token URI
    pytest.param("backend/data/gmail_credentials.json", GOOGLE, [], id="google-credentials-are-not-celonis"),
    pytest.param("backend/data/gmail_credentials.json", GOOGLE.replace('"installed"', '"celonis"').replace(
        "https://oauth2.googleapis.com/token", "https://acme.eu-1.celonis.cloud/oauth2/token"),
        [("SL012", 1, 334, "hard-coded client secret in 'celonis.client_secret'")], id="the-same-shape-for-celonis"),
    pytest.param("config/settings.yaml", "google:\n  token_uri: https://oauth2.googleapis.com/token\n"
                 f"  client_secret: {SECRET}\ncelonis:\n  url: https://acme.eu-1.celonis.cloud\n"
                 f"  client_secret: {SECRET[::-1]}\n",
                 [("SL012", 6, 18, "hard-coded client secret in 'celonis.client_secret'")], id="each-section-its-own-provider"),
    # a name that names another service, in a file that does not talk to Celonis: that service's key
    pytest.param("run-system.sh", f'#!/bin/sh\n# start the simulation\nexport GROQ_API_KEY="gsk_{SECRET}"\n', [],
                 id="another-services-key-in-a-script"),
    pytest.param("llm/app.py", f'import openai\n\nOPENAI_API_KEY = "sk-{SECRET}"\n', [], id="another-services-key-in-python"),
    pytest.param("web/llm.ts", f'export const OPENAI_API_KEY = "sk-{SECRET}";\n', [], id="another-services-key-in-typescript"),
    pytest.param("llm/app.py", f'import requests\n\nOPENAI_API_KEY = "sk-{SECRET}"\nSOURCES = {{"pm": "Celonis"}}\n\n'
                 'def team(base):\n    return requests.get(f"{base}/api/team").json()\n', [],
                 id="another-services-key-next-to-a-label-and-a-generic-path"),
    # a key given to a class named for another service, or in an object held by a name (or type) naming one
    pytest.param("sso/app.py", 'from keycloak import KeycloakOpenID\n\nkc = KeycloakOpenID(server_url=URL, client_id="app",'
                 f' realm_name="main", client_secret_key="{SECRET}")\n', [], id="another-services-client-class-in-python"),
    pytest.param("src/okta.js", f"const oktaConfig = {{ issuer: ISSUER, clientSecret: '{SECRET}' }};\n", [],
                 id="an-object-held-by-another-services-name"),
    pytest.param("test/types/config.test-d.ts", "const server: OktaAuthOptions = {\n  issuer: ISSUER,\n"
                 f"  clientSecret: '{SECRET}',\n}};\n", [], id="an-object-typed-as-another-services-options"),
    pytest.param("src/app.js", f"const appConfig = {{ clientSecret: '{SECRET}' }};\n",
                 [("SL012", 1, 36, "hard-coded client secret in 'clientSecret'")], id="an-object-held-by-anyones-name"),
    pytest.param("sso/app.py", 'from pycelonis import get_celonis\nfrom keycloak import KeycloakOpenID\n\n'
                 f'kc = KeycloakOpenID(client_secret_key="{SECRET}")\n',
                 [("SL012", 4, 40, "hard-coded client secret in 'KeycloakOpenID.client_secret_key'")],
                 id="another-services-client-class-in-a-celonis-module"),
    # a key header sent to this machine is reported as any other: which service answers there is not known
    pytest.param("bin/smoke.sh", f"#!/bin/sh\ncurl http://127.0.0.1:9180/apisix/admin/routes/1 -H 'X-API-KEY: {SECRET}'\n",
                 [("SL012", 2, 65, "hard-coded API key in 'X-API-KEY'")], id="a-key-a-script-sends-to-its-machine"),
    pytest.param("bin/smoke.sh", f"#!/bin/sh\ncurl https://admin.acme.io/apisix/admin/routes/1 -H 'X-API-KEY: {SECRET}'\n",
                 [("SL012", 2, 65, "hard-coded API key in 'X-API-KEY'")], id="a-key-sent-to-another-host"),
    pytest.param("bin/smoke.sh", f"#!/bin/sh\ncurl http://127.0.0.1:9180/apisix/admin/routes/1 -H 'X-API-KEY: {SECRET}'\n"
                 "curl https://acme.eu-1.celonis.cloud/integration/api/pools -H \"Authorization: Bearer $TOKEN\"\n",
                 [("SL012", 2, 65, "hard-coded API key in 'X-API-KEY'")], id="a-key-sent-to-this-machine-beside-celonis"),
    # ... where the file talks to Celonis, or the name is anyone's or Celonis's, it is reported
    pytest.param("llm/app.py", f'from pycelonis import get_celonis\n\nOPENAI_API_KEY = "sk-{SECRET}"\n',
                 [("SL012", 3, 19, "hard-coded API key in 'OPENAI_API_KEY'")], id="another-services-key-in-a-celonis-module"),
    pytest.param("app/settings.py", f'import os\n\nTEAM_URL = os.environ["TEAM_URL"]\nOPENAI_API_KEY = "sk-{SECRET}"\n',
                 [("SL012", 4, 19, "hard-coded API key in 'OPENAI_API_KEY'")], id="another-services-key-in-pycelonis-settings"),
    pytest.param("run-system.sh", f'#!/bin/sh\nexport API_KEY="{SECRET}"\n',
                 [("SL012", 2, 17, "hard-coded API key in 'API_KEY'")], id="anyones-key-in-a-script"),
    pytest.param("config.py", f'PROD_CLIENT_SECRET = "{SECRET}"\n',
                 [("SL012", 1, 23, "hard-coded client secret in 'PROD_CLIENT_SECRET'")], id="anyones-secret-in-a-config-module"),
    # names written in camel case say what they hold as much as snake case does
    pytest.param("src/keys.js", f'const CELONIS_URL = "https://acme.eu-1.celonis.cloud";\nconst celonisApiKey = "{SECRET}";\n',
                 [("SL012", 2, 24, "hard-coded API key in 'celonisApiKey'")], id="camel-case-key-in-javascript"),
    pytest.param("src/Keys.java", f'class Keys {{\n  static final String celonisClientSecret = "{SECRET}";\n}}\n',
                 [("SL012", 2, 46, "hard-coded client secret in 'celonisClientSecret'")], id="camel-case-secret-in-java"),
    pytest.param("run-system.sh", f'#!/bin/sh\nexport CELONIS_API_KEY="{SECRET}"\n',
                 [("SL012", 2, 25, "hard-coded API key in 'CELONIS_API_KEY'")], id="celonis-key-in-a-script"),
    # a literal the value falls back to is as committed as one assigned outright
    pytest.param("etl/login.py", f'import os\n\nAPI_KEY = os.getenv("CELONIS_API_KEY") or "{SECRET}"\n',
                 [("SL012", 3, 44, "hard-coded API key in 'API_KEY'")], id="fallback-after-or"),
    pytest.param("etl/login.py", f'import os\n\nCLIENT_SECRET = "{SECRET}" if os.getenv("DEV") else os.environ["S"]\n',
                 [("SL012", 3, 18, "hard-coded client secret in 'CLIENT_SECRET'")], id="branch-of-a-conditional"),
    pytest.param("etl/login.py", f'import os\n\nTOKEN = "{SECRET}"\nTOKEN = os.environ.get("CELONIS_API_TOKEN", TOKEN)\n',
                 [("SL012", 3, 10, "hard-coded API key in 'CELONIS_API_TOKEN'")], id="named-default-of-a-lookup"),
    pytest.param("etl/login.py", 'import os\n\nAPI_KEY = os.getenv("CELONIS_API_KEY") or "<your api key>"\n'
                 'TOKEN = "changeme"\nTOKEN = os.environ.get("CELONIS_API_TOKEN", TOKEN)\n', [],
                 id="placeholder-fallbacks-are-clean"),
    pytest.param("etl/login.py", f'import os\n\nTOKEN = "{SECRET}" if os.getenv("A") else "{SECRET[::-1]}"\n'
                 'TOKEN = os.environ.get("CELONIS_API_TOKEN", TOKEN)\n', [],
                 id="a-default-bound-to-more-than-one-literal-is-not-resolved"),
    pytest.param("web/keys.js", f'const apiToken = isDev ? "{SECRET}" : process.env.CELONIS_API_TOKEN;\n'
                 f'const apiKey = pick({{ dev: "{SECRET[::-1]}" }}) ?? process.env.CELONIS_API_KEY;\n',
                 [("SL012", 1, 27, "hard-coded API key in 'apiToken'")], id="branch-of-a-conditional-in-javascript"),
    pytest.param("src/Keys.java", 'class Keys {\n  static final String CLIENT_SECRET =\n'
                 f'      System.getenv().getOrDefault("CELONIS_CLIENT_SECRET", "{SECRET}");\n'
                 f'  static final String API_KEY = Optional.ofNullable(System.getenv("K")).orElse("{SECRET[::-1]}");\n'
                 '  static final String NAME = System.getProperty("celonis.client", "etl-client-q8Jf2LmZx7Vt9RkPw");\n}\n',
                 [("SL012", 3, 62, "hard-coded client secret in 'CLIENT_SECRET'"),
                  ("SL012", 4, 81, "hard-coded API key in 'API_KEY'")], id="fallback-of-a-lookup-in-java"),
    pytest.param("src/Keys.kt", 'object Keys {\n    val apiKey = System.getenv("CELONIS_API_KEY")\n'
                 f'        ?: "{SECRET}"\n    val id = System.getenv("CELONIS_CLIENT_ID")\n        ?: "etl-client"\n}}\n',
                 [("SL012", 3, 13, "hard-coded API key in 'apiKey'")], id="elvis-fallback-in-kotlin"),
    # Go has no default in os.Getenv: code writes a helper for it, and its second argument is the default;
    # os.Getenv itself, or a helper given a variable, gives none
    pytest.param("cmd/push/main.go", 'package main\n\nfunc getEnv(key, fallback string) string {\n'
                 '\tif v, ok := os.LookupEnv(key); ok {\n\t\treturn v\n\t}\n\treturn fallback\n}\n\n'
                 f'var clientSecret = getEnv("CLIENT_SECRET", "{SECRET}")\n'
                 'var clientID = getEnv("CLIENT_ID", "etl-client")\nvar apiKey = os.Getenv("CELONIS_API_KEY")\n'
                 'var token = getEnv("CELONIS_TOKEN", defaultToken)\n',
                 [("SL012", 10, 45, "hard-coded client secret in 'clientSecret'")], id="go-env-helper-with-a-default"),
    # a token or secret named for Celonis is Celonis's, however the rest of the name is written
    pytest.param("etl/env.py", f'CELONIS_TOKEN = "{SECRET}"\nCSRF_TOKEN = "{SECRET[::-1]}"\n',
                 [("SL012", 1, 18, "hard-coded API key in 'CELONIS_TOKEN'")], id="celonis-token-by-name"),
    # names and test values with a secret's length are not secrets: a lazy-import table's module paths,
    # a test JWT signed with a word, a Basic header whose pair is a test's, a phrase joined twice
    pytest.param("okta/__init__.py", '_LAZY = {"OAuth2ClientSecret": "okta.models.o_auth2_client_secret",\n'
                 '         "ConnectionClientSecret": ".connection_client_secret"}\n', [], id="module-paths"),
    pytest.param("tests/test_dpop.py", 'access_token = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.test.signature"\n'
                 'ACCESS_TOKEN = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.eyJqdGkiOiJBVC4xIn0.SANITIZED_TOKEN_SIGNATURE"\n', [],
                 id="jwt-signed-with-a-word"),
    # a JWT whose signature is base64 of text (``testsignature``) was written by hand, in a file that
    # also calls Celonis; a real signature beside it is a secret
    pytest.param("tests/t.sh", 'curl -sf -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.'
                 'dGVzdHNpZ25hdHVyZQ" "https://api.vendor.io/v1/orders"\n'
                 'curl -sf -H "Authorization: Bearer <token>" "https://acme.eu-1.celonis.cloud/intelligence/api/'
                 'knowledge-models/o2c.km/kpis"\n', [], id="jwt-signature-written-as-text"),
    pytest.param("scripts/t.sh", 'curl -sf -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJldGwifQ.'
                 'Xq3vN8kL2pR7tW4yB9mC1hF6jD0sA5gE_uZ-oT2iKwM" "https://acme.eu-1.celonis.cloud/intelligence/api/'
                 'knowledge-models/o2c.km/kpis"\n', [("SL012", 1, 36, "hard-coded access token in 'Authorization'")],
                 id="jwt-with-a-random-signature"),
    pytest.param("test/_authorization-server-mock.js", "const nock = require('nock');\n"
                 "const options = { reqheaders: { Authorization: 'Basic dGhlK2FwcCtpZDp0aGUrYXBwK3NlY3JldA==' } };\n"
                 "const more = { reqheaders: { Authorization: 'Basic Zm9vY2xpZW50OmZvb3NlY3JldA==' } };\n"
                 "module.exports = () => nock('https://authorization-server.org', options).post('/oauth/token');\n", [],
                 id="basic-pair-of-a-test"),
    # the pair is form-encoded before Basic (RFC 6749 2.3.1): ``encoded%3Aclient:encoded%26password`` is a test's
    pytest.param("introspection_test.go", 'package oauth2\n\nvar header = map[string][]string{\n'
                 '\t"Authorization": []string{"Basic ZW5jb2RlZCUzQWNsaWVudDplbmNvZGVkJTI2cGFzc3dvcmQ="},\n'
                 '\t"Retry": []string{"Basic YWRtaW46UEBzc3cwcmQh"},\n}\n', [], id="form-encoded-basic-pair-of-a-test"),
    pytest.param("etl/push.js", "const BASE = 'https://acme.eu-1.celonis.cloud';\n"
                 "const headers = { Authorization: 'Basic Y2VsLWV0bDpTM2N1cmUjUGFzczIwMjQ=' };\n",
                 [("SL012", 2, 41, "hard-coded client secret in 'Authorization'")], id="basic-pair-with-a-real-password"),
    pytest.param("src/oauth.py", 'FAKE = {"refresh_token": "hf_oauth__refresh_token"}\n', [], id="phrase-joined-twice"),
    pytest.param("src/__tests__/keys.unit.test.ts", 'const expectedApiKey = "sk-lw-mock48characterrandomstringforkeygeneration";\n'
                 'const project = { serviceApiKey: "lw_sk_xyz789secret" };\nconst apiKey = "AIzaSyMegaSecretKeyValue987654321";\n'
                 'const docs = { apiKey: "sk-lw-1234567890abcdef" };\nconst seed = { apiKey: "e2e-full-stack-demo-key" };\n'
                 'const dev = { apiKey: "sk-lw-LocalDevPrivate2_LocalDevPrivateAccessTokenFixedValue000000" };\n'
                 'const env = { LANGWATCH_API_KEY: "abcdefgh12345678" };\n', [],
                 id="fixture-phrases-in-a-test"),
    # a token in a test that does not talk to Celonis is a fixture (a mocked response; real ones expire
    # within hours); a client secret there is still a secret, and so is a token in a Celonis test
    pytest.param("tests/test_session.py", f'class T:\n    def setUp(self):\n        self.token = {{"token_type": "Bearer", '
                 f'"access_token": "{SECRET}", "refresh_token": "{SECRET[::-1]}"}}\n', [], id="token-fixture-in-a-test"),
    # an example request in a comment, in a file that does not talk to Celonis: its token expires within
    # hours, and is not Celonis's; a client secret in such a comment, or a token in a Celonis file's, is kept
    pytest.param("introspection_handler.go", "package oauth2\n\n// The following is a non-normative example request:\n"
                 "//\tPOST /introspect HTTP/1.1\n//\tAuthorization: Bearer 23410913-abewfq.123483\n"
                 "//\tclient_secret=Hx9fK2mQ7vLp3Rt8Wz4Y\nfunc Introspect() {}\n",
                 [("SL012", 6, 18, "hard-coded client secret in 'client_secret'")], id="token-in-a-comment-elsewhere"),
    pytest.param("etl/pools.go", 'package etl\n\n// curl -H "Authorization: Bearer 23410913-abewfq.123483" \\\n'
                 '//   https://acme.eu-1.celonis.cloud/integration/api/pools\n'
                 'const Base = "https://acme.eu-1.celonis.cloud"\n',
                 [("SL012", 3, 35, "hard-coded access token in 'Authorization'")], id="token-in-a-celonis-comment"),
    # in a test of a file that does not talk to Celonis, an Authorization header's credential is the
    # login of the service under test; outside tests, or in a Celonis test, it is a secret
    pytest.param("providers/basic_session_test.go", 'package providers\n\nvar cases = []struct{ header string }{\n'
                 '\t{header: "Basic dXNlcjE6VXNFck9uM1A0NTU="},\n}\n', [], id="basic-pair-in-a-test-elsewhere"),
    pytest.param("providers/basic_session.go", 'package providers\n\nfunc fetchToken(req *http.Request) {\n'
                 '\treq.Header.Set("Authorization", "Basic ZXRsLWJvdDpIeDlmSzJtUTd2THAzUnQ4")\n}\n',
                 [("SL012", 4, 41, "hard-coded client secret in 'Authorization'")], id="basic-pair-outside-tests"),
    pytest.param("providers/basic_session_test.go", 'package providers\n\nfunc TestFetchToken(t *testing.T) {\n'
                 '\treq.Header.Set("Authorization", "Basic ZXRsLWJvdDpIeDlmSzJtUTd2THAzUnQ4")\n}\n', [],
                 id="the-same-in-a-test-elsewhere"),
    pytest.param("tests/push.test.js", "const BASE = 'https://acme.eu-1.celonis.cloud';\n"
                 "const headers = { Authorization: 'Basic ZXRsLWJvdDpIeDlmSzJtUTd2THAzUnQ4' };\n",
                 [("SL012", 2, 41, "hard-coded client secret in 'Authorization'")], id="basic-pair-in-a-celonis-test"),
    # a key inside an object named for another service is that service's (a docs site's search-only key);
    # the same key under a name that says nothing, or in a file that talks to Celonis, is reported
    pytest.param("docs/docusaurus.config.js", "module.exports = {\n  themeConfig: {\n    algolia: {\n"
                 "      appId: 'RH6DR0I7R7',\n      apiKey: '6d3c8732a3b6feb9fdae6de7b68de90e',\n"
                 "      indexName: 'docs',\n    },\n  },\n};\n", [], id="key-of-another-service-by-its-object"),
    pytest.param("docs/site.config.js", "module.exports = {\n  search: {\n"
                 "    apiKey: '6d3c8732a3b6feb9fdae6de7b68de90e',\n  },\n};\n",
                 [("SL012", 3, 14, "hard-coded API key in 'apiKey'")], id="key-in-an-object-named-for-nothing"),
    pytest.param("src/celonis.config.js", "export const config = {\n  url: 'https://acme.eu-1.celonis.cloud',\n"
                 "  algolia: { apiKey: '6d3c8732a3b6feb9fdae6de7b68de90e' },\n};\n",
                 [("SL012", 3, 23, "hard-coded API key in 'algolia.apiKey'")], id="another-services-key-in-a-celonis-file"),
    # a placeholder word counts as written as a word (``my-fake-secret``, ``MegaSecretKey``); letters of a
    # random mixed-case value that only happen to spell one (``...pFaKEm2...``) do not make it a placeholder
    pytest.param("src/TestCamunda.java", 'class TestCamunda {\n'
                 '  String clientSecret = "Q3vd~Lw8.R_pFaKEm2-Zt9~xN4.bY7_kH1cJ6-uE0sA5.gW8~nP3_rT2mV9-zD6";\n'
                 '  String clientSecretToo = "my-fake-client-secret-value-2024";\n}\n',
                 [("SL012", 2, 26, "hard-coded client secret in 'clientSecret'")], id="placeholder-word-spelled-by-chance"),
    # "mock" and "sample" count as "fake" and "example" do, written as words are, wherever they stand
    # (a provider test's ``API-KEY-MOCK...``, a documented token format's parts replaced by SAMPLE); a
    # random value that only holds the letters (``...sAmpLe...``) is reported as before
    pytest.param("src/sms/provider.ts", "const provider = new SmsProvider({\n"
                 "  apiKey: 'API-KEY-MOCK1023893INAPP',\n  token: 'dt0s02.SAMPLE.ABCD1234',\n"
                 "  clientSecret: 'Q3vd~Lw8.R_pFmOcKm2-Zt9~xN4.bY7_kH1cJ6-usAmpLe0sA5.gW8~nP3_rT2mV9-zD6',\n});\n",
                 [("SL012", 4, 18, "hard-coded client secret in 'clientSecret'")], id="mock-and-sample-written-as-words"),
    # a setting's own name is no secret: an enum of setting keys, the value naming the setting it keys
    pytest.param("src/types/InfraConfig.ts", "export enum InfraConfigEnum {\n"
                 "  MAILER_SMTP_OAUTH2_REFRESH_TOKEN = 'MAILER_SMTP_OAUTH2_REFRESH_TOKEN',\n"
                 "  CELONIS_API_TOKEN = 'CELONIS_API_TOKEN',\n"
                 "  SMTP_REFRESH_TOKEN = '1//0eXk9vQ2mZ7pLr4TbW8sNc1yHe5uJd3FgA',\n}\n",  # a value, not a name
                 [("SL012", 4, 25, "hard-coded refresh token in 'SMTP_REFRESH_TOKEN'")], id="an-enum-of-setting-names"),
    # in settings files too, and the last words of the name: a template of setting keys, not their values
    pytest.param("config/celonis.properties", "CELONIS_MAILER_SMTP_OAUTH2_REFRESH_TOKEN=MAILER_SMTP_OAUTH2_REFRESH_TOKEN\n"
                 "celonis.oauth.clientSecret=OAUTH_CLIENT_SECRET\n"
                 "CELONIS_SMTP_REFRESH_TOKEN=1//0eXk9vQ2mZ7pLr4TbW8sNc1yHe5uJd3FgA\n",
                 [("SL012", 3, 28, "hard-coded refresh token in 'CELONIS_SMTP_REFRESH_TOKEN'")],
                 id="settings-naming-their-own-keys"),
    # characters typed in order, and base64 of words with a space, are a person's filler, not a secret
    pytest.param("tests/unit/test_teams.py", 'DUMMY = {"client_id": "12345678-90ab-cdef-1234-567890abcdef",\n'
                 '         "client_secret": "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6"}\n'
                 'assert captured == {"api_key": "aGVsbG8gd29ybGQ="}\n', [], id="typed-in-order-and-base64-words"),
    # a name that says the value is no real one (``invalidApiKey``): a test's made-up twin of a valid one
    pytest.param("pkg/detectors/onelogin/onelogin_test.go", 'package onelogin\n\nvar (\n'
                 '\tinvalidOauthClientSecret = "51exQ7vR2mN8xT4kP9wL3sB6yH1cF5gJ0dA?"\n'
                 '\tfakeApiKey = "Zq8vR2mN7xT4kP9wL3sB6yH1cF5gJ0dA"\n)\n', [], id="a-name-saying-invalid-or-fake"),
    # in a test of a file that does not talk to Celonis, the value a test expects to be accepted is its fixture
    pytest.param("pkg/detectors/onelogin/onelogin_test.go", 'package onelogin\n\nvar (\n'
                 '\tvalidOauthClientSecret = "51exQ7vR2mN8xT4kP9wL3sB6yH1cF5gJ0dA"\n'
                 '\tclientSecret = "Q3vdLw8RpFm2Zt9xN4bY7kH1cJ6uE0sA5gW8nP3r"\n)\n',
                 [("SL012", 5, 18, "hard-coded client secret in 'clientSecret'")], id="a-detectors-valid-fixture"),
    # OAuth 1 and app platforms name the client secret otherwise
    pytest.param("src/test/java/RunWechatClient.java", 'class RunWechatClient {\n  void run() {\n'
                 '    apiSecret = "3f70c2b9e8d14a6f5b0e7c1d2a9f8e36";\n    consumerSecret = "9Kq2Lm7Xv4Rt8Wz1Nc6Hb3Jd5Fs0Gy2P";\n  }\n}\n',
                 [("SL012", 3, 18, "hard-coded client secret in 'apiSecret'"),
                  ("SL012", 4, 23, "hard-coded client secret in 'consumerSecret'")], id="api-and-consumer-secrets"),
    # a value padded with one key held down is a spec's or a test's (RFC 5849's example secret)
    pytest.param("tests/oauth1/test_signatures.py",
                 "hmac_client = MockClient(client_secret='ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ')\n"
                 "rsa_client = MockClient(client_secret='Q3vdLw8RpFm2Zt9xN4bY7kH1cJ6uE0sA5gW8nP3r')\n",
                 [("SL012", 2, 40, "hard-coded client secret in 'client_secret'")], id="padded-with-one-key"),
    # base64 of a phrase is a test's value (``oauth2-proxy-client-secret``), whatever its shape
    pytest.param("main_test.go", 'package main\n\nvar opts = Options{\n\tClientID: "oauth2-proxy",\n'
                 '\tClientSecret: "b2F1dGgyLXByb3h5LWNsaWVudC1zZWNyZXQK",\n}\n', [], id="base64-of-a-phrase"),
    pytest.param("tests/test_session.py", f'CLIENT_SECRET = "{SECRET}"\n',
                 [("SL012", 1, 18, "hard-coded client secret in 'CLIENT_SECRET'")], id="client-secret-in-a-test"),
    # a token in a test is a mocked response or an expected value, whoever it is for: a real one expires
    # within hours; a Celonis test's client secret or AppKey is long-lived, and reported
    pytest.param("tests/test_pools.py", f'BASE = "https://acme.eu-1.celonis.cloud"\nTOKEN = {{"access_token": "{SECRET}"}}\n',
                 [], id="token-in-a-celonis-test"),
    pytest.param("tests/test_auth.py", 'import responses\n@responses.activate\ndef test_token():\n'
                 '    responses.add(responses.POST, "https://acme.eu-1.celonis.cloud/oauth2/token",\n'
                 '                  json={"access_token": "eyJhbGciOiJIUzI1NiJ9.e30.abc123def456", "expires_in": 3600})\n'
                 f'    assert token("client-id", "{SECRET}") == "eyJhbGciOiJIUzI1NiJ9.e30.abc123def456"\n'
                 f'    h = {{"Authorization": "AppKey {SECRET[::-1]}"}}\n',
                 [("SL012", 7, 35, "hard-coded API key in 'Authorization'")], id="a-mocked-celonis-token-response"),
    pytest.param("tests/test_pools.py", f'BASE = "https://acme.eu-1.celonis.cloud"\nCLIENT_SECRET = "{SECRET}"\n',
                 [("SL012", 2, 18, "hard-coded client secret in 'CLIENT_SECRET'")], id="client-secret-in-a-celonis-test"),
    pytest.param("test/mock.js", f"const accessToken = {{ access_token: '{SECRET}' }};\n", [], id="token-fixture-in-a-js-test"),
    # ... but a key recorded in a cassette, or written as a configured header, is leaked all the same
    pytest.param("tests/cassettes/spaces.yaml", f"interactions:\n- request:\n    headers:\n      authorization:\n"
                 f"      - AppKey {SECRET}\n    uri: https://acme.eu-1.celonis.cloud/package-manager/api/spaces\n"
                 "  response:\n    status_code: 200\n", [("SL012", 5, 16, "hard-coded API key in 'authorization'")],
                 id="key-in-a-recording"),
    pytest.param("tests/cassettes/push.yaml", "interactions:\n- request:\n"
                 f"    body: grant_type=client_credentials&client_id=etl&client_secret={SECRET}&scope=studio\n"
                 "    method: POST\n    uri: https://acme.eu-1.celonis.cloud/oauth2/token\n"
                 "  response:\n    body:\n      string: '{\"token_type\": \"Bearer\", \"expires_in\": 899}'\n",
                 [("SL012", 3, 69, "hard-coded client secret in 'client_secret'")], id="secret-in-a-recorded-form-body"),
    pytest.param("tests/cassettes/push.yaml", "interactions:\n- request:\n"
                 "    body: grant_type=client_credentials&client_id=etl&client_secret=%3Cclient-secret%3E&scope=studio\n"
                 "    uri: https://acme.eu-1.celonis.cloud/oauth2/token\n  response:\n    status_code: 200\n",
                 [], id="a-placeholder-in-a-recorded-form-body"),
    pytest.param("conf/celonis.yaml", f"celonis:\n  url: https://acme.eu-1.celonis.cloud\n  headers:\n    Authorization: Bearer {SECRET}\n",
                 [("SL012", 4, 27, "hard-coded access token in 'celonis.headers.Authorization'")], id="configured-header"),
    pytest.param("etl/keys.py", 'CELONIS_API_KEY = "hnjgbkvnhqsylwigd94x"\n',
                 [("SL012", 1, 20, "hard-coded API key in 'CELONIS_API_KEY'")], id="lower-case-key-with-one-run-of-digits"),
    pytest.param("src/examples.py", 'access_token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0."\n', [],
                 id="unsigned-test-jwt"),
    # jwt.io's sample tokens (John Doe, subject 1234567890), written into a Celonis script's docs, are
    # documentation's; a token for a real subject beside them, signed at random, is a secret
    pytest.param("docs/push.sh", "# e.g. TOKEN=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6Ikpva"
                 "G4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\n"
                 'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6Ikpva'
                 'G4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30" '
                 '"https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models/o2c.km/kpis"\n'
                 'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI4ZjE0ZTQ1Zi1jZWVhIiwibmFtZSI6Ik1hcmlhIFNjaG1pZHQifQ.'
                 'Xq3vN8kL2pR7tW4yB9mC1hF6jD0sA5gE_uZ-oT2iKwM" "https://acme.eu-1.celonis.cloud/intelligence/api/'
                 'knowledge-models/o2c.km/kpis"\n',
                 [("SL012", 3, 32, "hard-coded access token in 'Authorization'")], id="jwt-io-sample-tokens"),
    # a Basic pair with a real password, or a key sent as the user name, is a secret whatever its shape
    pytest.param("etl/token.py", 'import requests\nH = {"Authorization": "Basic c3ZjLWNlbG9uaXM6UzNjdXJlI1Bhc3MyMDI0"}\n'
                 'K = {"Authorization": "Basic WnA4THEyV3g5UnQ0WXY2TmIzTWM3S2QxSmY1SGcwU2E6"}\n'
                 'requests.get("https://acme.eu-1.celonis.cloud/integration/api/pools", headers=H)\n',
                 [("SL012", 2, 30, "hard-coded client secret in 'Authorization'"),
                  ("SL012", 3, 30, "hard-coded client secret in 'Authorization'")], id="basic-pair-with-a-real-password"),
    # Go: names and values paired by position; Java: a default given to another call's argument is not the value's
    pytest.param("internal/creds.go", 'package celonis\n\nfunc credentials() (string, string) {\n'
                 '\tclientID, clientSecret := "7f3c2a9e-1b4d-4c8a-9e2f-5a6b7c8d9e0f", os.Getenv("CELONIS_CLIENT_SECRET")\n'
                 f'\tapiKey, teamURL := "{SECRET}", "https://acme.eu-1.celonis.cloud"\n\treturn clientID, clientSecret\n}}\n',
                 [("SL012", 5, 22, "hard-coded API key in 'apiKey'")], id="go-multiple-assignment"),
    pytest.param("src/Tokens.java", 'class Tokens {\n  String accessToken = tokenFor(System.getProperty("client", '
                 '"7f3c2a9e-1b4d-4c8a-9e2f-5a6b7c8d9e0f"));\n}\n', [], id="java-default-of-another-calls-argument"),
    # C#: auto-property initialisers, expression-bodied members and ?? fallbacks
    pytest.param("src/CelonisOptions.cs", 'public class CelonisOptions {\n'
                 f'    public string ClientSecret {{ get; set; }} = "{SECRET}";\n'
                 f'    public string ApiKey => "{SECRET[::-1]}";\n'
                 f'    public string Token = Environment.GetEnvironmentVariable("T") ?? "Nq7Rw2Lx9Pz4Vb8Kt3Mf6Hd5Zx";\n}}\n',
                 [("SL012", 2, 49, "hard-coded client secret in 'ClientSecret'"),
                  ("SL012", 3, 30, "hard-coded API key in 'ApiKey'")], id="csharp-properties"),
    # test projects of .NET and Android are tests too
    pytest.param("MyApp.Tests/TokenCacheTests.cs", f'class TokenCacheTests {{\n  string accessToken = "{SECRET}";\n}}\n', [],
                 id="dotnet-test-project"),
    pytest.param("app/src/androidTest/java/TokenTest.kt", f'val accessToken = "{SECRET}"\n', [], id="android-test"),
    pytest.param("etl/keys.py", 'CELONIS_API_KEY = "dpXoolVjbFAktFzWkUFssQrQiFkfBTbF9"\n',
                 [("SL012", 1, 20, "hard-coded API key in 'CELONIS_API_KEY'")], id="random-letters-ending-in-a-digit"),
    # ... while a Basic pair that holds a secret is one, and a Bearer value shaped as a Celonis key is a key
    pytest.param("etl/pull.py", 'import requests\nH = {"Authorization": "Basic ZXRsLWNsaWVudDpxOEpmMkxtWng3VnQ5UmtQdzNOc0J5NkhjQWJD"}\n'
                 'requests.get("https://acme.eu-1.celonis.cloud/integration/api/pools", headers=H)\n',
                 [("SL012", 2, 30, "hard-coded client secret in 'Authorization'")], id="basic-pair-with-a-secret"),
    pytest.param("web/api.ts", 'const H = { Authorization: "Bearer NmQ4YjM1ZTMtOGQ0Ni00ZGE4LWI3ZTAtNDk2Y2E2OGFhNzJhOnE4SmYyTG1aeDdWdDlSa1B3M05zQnk2SGM=" };\n'
                 'fetch("https://acme.eu-1.celonis.cloud/integration/api/pools", { headers: H });\n',
                 [("SL012", 1, 36, "hard-coded API key in 'Authorization'")], id="bearer-shaped-as-a-celonis-key"),
])
def test_sl012_hardcoded_secret(lint_tree, path, text, expected):
    found = selected(lint_tree, "SL012", {path: text})
    assert [(f.code, f.loc.line, f.loc.col, f.message) for f in found] == expected
    assert all(f.level == "error" and SECRET not in f.message for f in found)


def test_sl012_value_is_masked_in_every_output_format(tmp_path, monkeypatch):
    write_tree(tmp_path, {".env": ENV})
    monkeypatch.chdir(tmp_path)
    for fmt in ("text", "json", "sarif", "github"):
        out = CliRunner().invoke(main, ["check", "--select", "SL012", "--format", fmt, "."])
        assert out.exit_code == 1, out.output
        assert "SL012" in out.output and SECRET not in out.output, fmt


@pytest.mark.parametrize("path, text", [
    # put in a plain-HTTP URL's path or a parameter of no secret's name, which SL014 and SL005 quote
    pytest.param("etl/push.py", f'import requests\nCLIENT_SECRET = "{SECRET}"\n'
                 'requests.get(f"http://acme.eu-1.celonis.cloud/integration/api/pools?state={CLIENT_SECRET}")\n', id="query"),
    pytest.param("push.js", f'const CLIENT_SECRET = "{SECRET}";\n'
                 'fetch("http://acme.eu-1.celonis.cloud/integration/api/pools/" + CLIENT_SECRET);\n', id="path"),
    # passed as the scope, which SL001 quotes and SL002's fix would write lower-cased
    pytest.param("token.sh", f"CLIENT_SECRET={SECRET}\ncurl -X POST https://acme.eu-1.celonis.cloud/oauth2/token "
                 '-u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials -d "scope=$CLIENT_SECRET"\n', id="as-the-scope"),
])
def test_a_secret_found_is_masked_wherever_another_finding_quotes_it(tmp_path, monkeypatch, path, text):
    write_tree(tmp_path, {path: text})
    monkeypatch.chdir(tmp_path)
    for fmt in ("text", "json", "sarif", "github"):
        out = CliRunner().invoke(main, ["check", "--format", fmt, "."])
        assert out.exit_code == 1, out.output
        assert "SL012" in out.output and ("SL014" in out.output or "SL001" in out.output), fmt
        assert SECRET.lower() not in out.output.lower() and "***" in out.output, fmt


@pytest.mark.parametrize("path, text", [
    pytest.param(".env", "PROJECT=celonis-dashboard\nTOKEN_URI=https://oauth2.googleapis.com/token\n"
                 f"CLIENT_SECRET={SECRET}\n", id="env-file"),
    pytest.param(".github/workflows/mail.yml", "name: celonis newsletter\non: push\njobs:\n  send:\n    runs-on: ubuntu-latest\n"
                 "    env:\n      TOKEN_URL: https://login.microsoftonline.com/tenant/oauth2/v2.0/token\n"
                 f"      CLIENT_SECRET: {SECRET}\n    steps:\n      - run: ./send.sh\n", id="ci-pipeline"),
])
def test_a_file_that_names_celonis_but_holds_another_providers_token_url_is_that_providers(lint_tree, path, text):
    assert selected(lint_tree, "SL012", {path: text}) == []
    celonis = text.replace("https://oauth2.googleapis.com/token", "https://acme.eu-1.celonis.cloud/oauth2/token").replace(
        "https://login.microsoftonline.com/tenant/oauth2/v2.0/token", "https://acme.eu-1.celonis.cloud/oauth2/token")
    assert [f.code for f in selected(lint_tree, "SL012", {path: celonis})] == ["SL012"]


# a configuration file that says nothing of Celonis: its secrets are judged as code's are
NO_CELONIS = {
    ".env": f"API_KEY={SECRET}\nCLIENT_SECRET={SECRET[::-1]}\nDB_HOST=db\n",
    "deploy/docker-compose.yml": f"services:\n  api:\n    image: api\n    environment:\n      - OAUTH_CLIENT_SECRET={SECRET}\n",
    "postman/dev.postman_environment.json": f'{{"name": "dev", "values": [{{"key": "client_secret", "value": "{SECRET}"}}]}}',
    "src/main/resources/application.properties": f"app.oauth2.client-id=backend\napp.oauth2.client-secret={SECRET}\n",
}


@pytest.mark.parametrize("path", sorted(NO_CELONIS))
def test_a_config_secret_under_a_name_of_no_service_is_reported_where_nothing_says_celonis(lint_tree, path):
    """As in code: ``client_secret``, ``API_KEY`` name no service, so they are reported wherever they are."""
    found = selected(lint_tree, "SL012", {path: NO_CELONIS[path]})
    assert found and {f.loc.path for f in found} == {path}
    assert all(f.message.startswith("hard-coded ") and SECRET not in f.message for f in found)


@pytest.mark.parametrize("path, text", [
    # another service's, by its name
    pytest.param(".env", f"GOOGLE_CLIENT_SECRET={SECRET}\nZOHO_CLIENT_SECRET={SECRET}\nSTRIPE_API_KEY={SECRET}\n",
                 id="named-for-another-service"),
    # another provider's, by its token URL beside it
    pytest.param("postman/idp.postman_environment.json",
                 '{"name": "idp", "values": [{"key": "token_url", "value": "https://idp.example.org/oauth2/token"},'
                 f' {{"key": "client_secret", "value": "{SECRET}"}}]}}', id="beside-another-providers-token-url"),
    # an example, commented out
    pytest.param("server.properties", f"# examples:\n# client-secret={SECRET}\nclient-secret=\n", id="commented-out"),
    # a token in a test: a fixture
    pytest.param("tests/fixtures/.env", f"ACCESS_TOKEN={SECRET}\n", id="token-in-a-test"),
])
def test_a_config_secret_that_is_another_services_or_a_fixture_is_not_reported_where_nothing_says_celonis(
        lint_tree, path, text):
    assert selected(lint_tree, "SL012", {path: text}) == []
    # the same lines in settings that concern Celonis are reported
    celonis = text.replace("https://idp.example.org", "https://acme.eu-1.celonis.cloud") if "idp.example" in text \
        else "CELONIS_URL=https://acme.eu-1.celonis.cloud\n" + text
    assert [f.code for f in selected(lint_tree, "SL012", {path: celonis})] == ["SL012"] * text.count(SECRET)


CALL = 'requests.get("https://acme.eu-1.celonis.cloud/integration/api/pools", headers={"Authorization": %s})\n'


@pytest.mark.parametrize("path, text, expected", [
    # a literal bound to a name of any kind, sent in an Authorization header: the credential, where it is written
    pytest.param("etl/pull.py", f'import requests\nKEY = "{SECRET}"\n' + CALL % '"AppKey " + KEY',
                 [("SL012", 2, 8, "hard-coded API key in 'Authorization'")], id="appkey-plus-a-constant"),
    pytest.param("etl/pull.py", f'import requests\nTOKEN = "{SECRET}"\n' + CALL % 'f"Bearer {TOKEN}"',
                 [("SL012", 2, 10, "hard-coded access token in 'Authorization'")], id="bearer-f-string"),
    pytest.param("etl/pull.py", f'import requests\nCONFIG = {{"url": "https://acme.eu-1.celonis.cloud", "key": "{SECRET}"}}\n'
                 + CALL % '"AppKey {}".format(CONFIG["key"])',
                 [("SL012", 2, 61, "hard-coded API key in 'Authorization'")], id="entry-of-a-dict"),
    # under a secret's name: reported by that name, whichever is read first
    pytest.param("etl/pull.py", f'import requests\nAPI_TOKEN = "{SECRET}"\n' + CALL % '"AppKey " + API_TOKEN',
                 [("SL012", 2, 14, "hard-coded API key in 'API_TOKEN'")], id="secret-named-constant"),
    # lookalikes: a placeholder, a name bound to two values, a dict changed after it is written, a test's fixture
    pytest.param("etl/pull.py", 'import requests\nKEY = "YOUR_APP_KEY_HERE"\n' + CALL % '"AppKey " + KEY', [],
                 id="placeholder"),
    pytest.param("etl/pull.py", f'import requests, sys\nKEY = "{SECRET}"\nif sys.argv[1:]:\n    KEY = sys.argv[1]\n'
                 + CALL % '"AppKey " + KEY', [], id="bound-twice"),
    pytest.param("etl/pull.py", f'import requests, sys\nCONFIG = {{"key": "{SECRET}"}}\nCONFIG["key"] = sys.argv[1]\n'
                 + CALL % '"AppKey " + CONFIG["key"]', [], id="dict-changed-after"),
    pytest.param("tests/test_auth.py", f'import requests\nTOKEN = "{SECRET}"\n'
                 'requests.get("https://api.example.org/me", headers={"Authorization": f"Bearer {TOKEN}"})\n', [],
                 id="test-fixture-for-another-host"),
    # a literal credential in a request to another host is a secret all the same (the request is not Celonis's)
    pytest.param("web/me.js", f"fetch('https://api.spotify.com/v1/me', {{ headers: {{ Authorization: 'Bearer {SECRET}' }} }});\n",
                 [("SL012", 1, 76, "hard-coded access token in 'Authorization'")], id="js-request-to-another-host"),
    pytest.param("web/me.test.js", f"fetch('https://api.spotify.com/v1/me', {{ headers: {{ Authorization: 'Bearer {SECRET}' }} }});\n",
                 [], id="js-request-to-another-host-in-a-test"),
    pytest.param("web/me.js", "fetch('https://api.spotify.com/v1/me', { headers: { Authorization: `Bearer ${token}` } });\n",
                 [], id="js-request-with-a-variable"),
])
def test_sl012_credential_sent_in_an_authorization_header(lint_tree, path, text, expected):
    assert rows(lint_tree, {path: text}) == expected


PAIR = f"etl-client:{SECRET}"  # the secret starts 11 characters into the pair


@pytest.mark.parametrize("path, text, expected", [
    # id:secret written out whole and encoded for HTTP Basic: the secret, where it is written, in every reader
    pytest.param("web/token.js", f'const basic = "Basic " + btoa("{PAIR}");\n',
                 [("SL012", 1, 43, "hard-coded client secret in 'Basic credentials'")], id="js-btoa"),
    pytest.param("web/token.ts", f'const basic = Buffer.from(`{PAIR}`).toString("base64");\n',
                 [("SL012", 1, 39, "hard-coded client secret in 'Basic credentials'")], id="node-buffer"),
    pytest.param("etl/token.py", f'import base64\nBASIC = base64.b64encode(b"{PAIR}").decode()\n',
                 [("SL012", 2, 39, "hard-coded client secret in 'Basic credentials'")], id="python-bytes"),
    pytest.param("etl/token.py", f'from base64 import b64encode\nPAIR = "{PAIR}"\nBASIC = b64encode(PAIR.encode("utf-8"))\n',
                 [("SL012", 2, 20, "hard-coded client secret in 'Basic credentials'")], id="python-constant-encoded"),
    pytest.param("src/Token.java", 'class Token {\n  String basic() {\n    return Base64.getEncoder().encodeToString('
                 f'"{PAIR}".getBytes(StandardCharsets.UTF_8));\n  }}\n}}\n',
                 [("SL012", 3, 59, "hard-coded client secret in 'Basic credentials'")], id="java"),
    pytest.param("src/token.go", f'package main\n\nvar basic = base64.StdEncoding.EncodeToString([]byte("{PAIR}"))\n',
                 [("SL012", 3, 66, "hard-coded client secret in 'Basic credentials'")], id="go"),
    pytest.param("src/Token.cs", f'class T {{ string B() => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("{PAIR}")); }}\n',
                 [("SL012", 1, 94, "hard-coded client secret in 'Basic credentials'")], id="csharp"),
    pytest.param("src/Token.kt", f'fun basic() = "Basic " + Base64.getEncoder().encodeToString("{PAIR}".toByteArray())\n',
                 [("SL012", 1, 73, "hard-coded client secret in 'Basic credentials'")], id="kotlin"),
    pytest.param("apps/Code.gs", f'var auth = "Basic " + Utilities.base64Encode("{PAIR}");\n',
                 [("SL012", 1, 58, "hard-coded client secret in 'Basic credentials'")], id="apps-script"),
    pytest.param("src/Erp.cs", 'class Erp { void Auth(HttpClient c) => c.DefaultRequestHeaders.Authorization = '
                 f'new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("{PAIR}"))); }}\n',
                 [("SL012", 1, 177, "hard-coded client secret in 'Basic credentials'")], id="csharp-header-value"),
    # a name bound to the pair, and the helpers that take the two halves (Go's, Spring's, OkHttp's)
    pytest.param("src/Token.java", f'class T {{\n  static final String CREDS = "{PAIR}";\n  String b() {{ return "Basic " + '
                 'Base64.getEncoder().encodeToString(CREDS.getBytes()); }\n}\n',
                 [("SL012", 2, 43, "hard-coded client secret in 'Basic credentials'")], id="java-constant"),
    pytest.param("cmd/token.go", f'package main\n\nfunc auth(req *http.Request) {{\n\treq.SetBasicAuth("etl-client", "{SECRET}")\n}}\n',
                 [("SL012", 4, 34, "hard-coded client secret in 'Basic credentials'")], id="go-set-basic-auth"),
    pytest.param("src/Token.kt", f'val auth = Credentials.basic("etl-client", "{SECRET}")\n',
                 [("SL012", 1, 45, "hard-coded client secret in 'Basic credentials'")], id="okhttp-credentials"),
    pytest.param("src/Api.cs", f'class Api {{\n  void A(HttpClient c) {{\n    var bytes = Encoding.ASCII.GetBytes("{PAIR}");\n'
                 '    c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(bytes));'
                 '\n  }\n}\n', [("SL012", 3, 53, "hard-coded client secret in 'Basic credentials'")], id="csharp-bytes-variable"),
    pytest.param("cmd/token.go", f'package main\n\nfunc basic() string {{\n\tcreds := []byte("{PAIR}")\n'
                 '\treturn "Basic " + base64.StdEncoding.EncodeToString(creds)\n}\n',
                 [("SL012", 4, 30, "hard-coded client secret in 'Basic credentials'")], id="go-bytes-variable"),
    pytest.param("src/Client.java", f'class C {{ RestTemplate r(RestTemplateBuilder b) {{ return b.basicAuthentication("etl-client", '
                 f'"{SECRET}").build(); }} }}\n', [("SL012", 1, 95, "hard-coded client secret in 'Basic credentials'")],
                 id="spring-basic-authentication"),
    pytest.param("src/Client.cs", f'class C {{ IAuthenticator A() => new HttpBasicAuthenticator("etl-client", "{SECRET}"); }}\n',
                 [("SL012", 1, 75, "hard-coded client secret in 'Basic credentials'")], id="restsharp-authenticator"),
    pytest.param("cmd/fixture.go", 'package main\n\nfunc auth(req *http.Request) {\n\treq.SetBasicAuth("user", "password")\n}\n',
                 [], id="set-basic-auth-fixture"),
    # Python's Basic helpers, to whatever host: requests' auth tuple, HTTPBasicAuth, a session's auth, httpx's
    pytest.param("mail/send.py", f'import requests\nrequests.post("https://api.mailgun.net/v3/x/messages", auth=("api", "{SECRET}"))\n',
                 [("SL012", 2, 70, "hard-coded password in 'Basic credentials'")], id="python-auth-tuple"),
    pytest.param("jira/issue.py", f'from requests.auth import HTTPBasicAuth\nAUTH = HTTPBasicAuth(os.environ["JIRA_USER"], "{SECRET}")\n',
                 [("SL012", 2, 48, "hard-coded password in 'Basic credentials'")], id="python-http-basic-auth"),
    pytest.param("etl/api.py", f'import requests\ns = requests.Session()\ns.auth = ("etl-client", "{SECRET}")\n',
                 [("SL012", 3, 26, "hard-coded password in 'Basic credentials'")], id="python-session-auth"),
    pytest.param("etl/api.py", f'import httpx\nhttpx.get(URL, auth=httpx.BasicAuth("etl-client", "{SECRET}"))\n',
                 [("SL012", 2, 52, "hard-coded password in 'Basic credentials'")], id="httpx-basic-auth"),
    # the pair given by keyword, as aiohttp's and httpx's documentation writes it, or held by a name
    pytest.param("dnac/api.py", f'a = HTTPBasicAuth(username="svc-dnac", password="{SECRET}")\n'
                 f'b = aiohttp.BasicAuth(login="svc-dnac", password="{SECRET}")\n'
                 f'AUTH = ("svc-dnac", "{SECRET}")\nrequests.get(URL, auth=AUTH)\n',
                 [("SL012", 1, 50, "hard-coded password in 'Basic credentials'"),
                  ("SL012", 2, 51, "hard-coded password in 'Basic credentials'"),
                  ("SL012", 3, 22, "hard-coded password in 'Basic credentials'")], id="python-basic-auth-by-keyword-and-name"),
    pytest.param("dnac/api.py", 'AUTH = ("svc-dnac", os.environ["DNAC_PASSWORD"])\nrequests.get(URL, auth=AUTH)\n'
                 'a = HTTPBasicAuth(username="admin", password="Cisco123!")\n'
                 'AUTH2 = ("a", "b")\nAUTH2 = (USER, PASSWORD)\nrequests.get(URL, auth=AUTH2)\n', [],
                 id="python-basic-auth-by-keyword-and-name-lookalikes"),
    # lookalikes: read from the environment, a fixture's login, a word and a number, in a test
    pytest.param("etl/api.py", 'import os, requests\nrequests.get(URL, auth=("api", os.environ["MAILGUN_KEY"]))\n'
                 'requests.get(URL, auth=HTTPBasicAuth("admin", "P@ssw0rd!"))\nsession.auth = ("admin", "admin123")\n',
                 [], id="python-env-and-fixtures"),
    pytest.param("tests/test_api.py", f'import requests\nrequests.get(URL, auth=("etl-client", "{SECRET}"))\n', [],
                 id="python-a-tests-login"),
    # held under a name that names another service: that service's, in a file that does not talk to Celonis
    pytest.param("mail/send.py", f'import requests\nMAILGUN_KEY = "{SECRET}"\n'
                 'requests.post("https://api.mailgun.net/v3/x/messages", auth=("api", MAILGUN_KEY))\n', [],
                 id="python-another-services-key-in-a-basic-helper"),
    pytest.param("mail/send.py", f'import requests\nMAILGUN_AUTH = ("api", "{SECRET}")\n'
                 'requests.post("https://api.mailgun.net/v3/x/messages", auth=MAILGUN_AUTH)\n', [],
                 id="python-another-services-pair-held-by-its-name"),
    pytest.param("mail/send.py", f'import requests\nMAIL_KEY = "{SECRET}"\n'
                 'requests.post("https://api.mailgun.net/v3/x/messages", auth=("api", MAIL_KEY))\n',
                 [("SL012", 2, 13, "hard-coded password in 'Basic credentials'")], id="python-anyones-key-in-a-basic-helper"),
    # a value held under a secret's name is reported under that name, as it was before it reached the helper
    pytest.param("jira/issue.py", f'from requests.auth import HTTPBasicAuth\nAPI_TOKEN = "{SECRET}"\n'
                 'AUTH = HTTPBasicAuth("me@example.com", API_TOKEN)\n',
                 [("SL012", 2, 14, "hard-coded API key in 'API_TOKEN'")], id="python-named-value"),
    # the clients that take the pair under another keyword: Elasticsearch's, OpenSearch's, pycontribs jira's
    pytest.param("search/load.py", f'es = Elasticsearch(HOSTS, basic_auth=("elastic", "{SECRET}"))\n'
                 f'os_ = OpenSearch(hosts=HOSTS, http_auth=("admin", "{SECRET[::-1]}"))\n',
                 [("SL012", 1, 51, "hard-coded password in 'Basic credentials'"),
                  ("SL012", 2, 52, "hard-coded password in 'Basic credentials'")], id="python-basic-auth-keywords"),
    # a key sent as the user name, with no password or a stand-in of one character (Stripe's, Freshdesk's)
    pytest.param("pay/charge.py", f'requests.post(URL, auth=("{SECRET}", ""))\nrequests.get(URL, auth=("{SECRET[::-1]}", "X"))\n',
                 [("SL012", 1, 27, "hard-coded API key in 'Basic credentials'"),
                  ("SL012", 2, 26, "hard-coded API key in 'Basic credentials'")], id="python-key-as-user-name"),
    # a test's or a default login's password: a common word spelled with digits, a keyboard walk
    pytest.param("etl/api.py", 'requests.get(URL, auth=("admin", "passw0rd"))\nrequests.get(URL, auth=("admin", "Password123!"))\n'
                 'requests.get(URL, auth=("root", "1q2w3e4r"))\nrequests.get(URL, auth=("svc", "test1234test"))\n', [],
                 id="python-common-passwords"),
    # a word and a number with the mark a password policy asks for (Cisco's public sandbox login), a common
    # word spelled with digits then numbered
    pytest.param("dnac/devices.py", 'requests.get(URL, auth=HTTPBasicAuth("devnetuser", "Cisco123!"))\n'
                 'requests.get(URL, auth=("admin", "Summer2024!"))\nrequests.get(URL, auth=("admin", "Passw0rd123"))\n'
                 'requests.get(URL, auth=("admin", "P@ssw0rd1"))\nrequests.get(URL, auth=("admin", "Passw0rd123!"))\n'
                 'AUTH = ("developer", "C1sco12345")\n'
                 'requests.get(URL, auth=AUTH)\n', [], id="python-word-number-and-mark"),
    pytest.param("dnac/devices.py", 'requests.get(URL, auth=("devnetuser", "Zq8vN3kP!"))\n'
                 'requests.get(URL, auth=("devnetuser", "k3m5t7w1"))\nrequests.get(URL, auth=("svc", "Xkqzvbnm482913!"))\n'
                 'requests.get(URL, auth=("svc", "sw3jxr4740"))\n',
                 [("SL012", 1, 40, "hard-coded password in 'Basic credentials'"),
                  ("SL012", 2, 40, "hard-coded password in 'Basic credentials'"),
                  ("SL012", 3, 33, "hard-coded password in 'Basic credentials'"),
                  ("SL012", 4, 33, "hard-coded password in 'Basic credentials'")], id="python-drawn-password-with-a-mark"),
    # a key sent as the user name with no password (Stripe's shape): the key
    pytest.param("web/pay.js", f'const auth = "Basic " + btoa("{SECRET}:");\n',
                 [("SL012", 1, 31, "hard-coded client secret in 'Basic credentials'")], id="key-as-user-name"),
    # lookalikes: built from variables, a placeholder pair, a fixture's phrase, a format, a test's expected value
    pytest.param("web/token.js", "const basic = btoa(`${clientId}:${clientSecret}`) + btoa(id + ':' + secret);\n", [],
                 id="js-variables"),
    pytest.param("web/token.js", "const a = btoa('CLIENT_ID:CLIENT_SECRET'), b = btoa('user:password'), "
                 "c = btoa('Aladdin:open sesame');\n", [], id="js-placeholders"),
    pytest.param("etl/token.py", 'import base64\nB = base64.b64encode(f"{client_id}:{client_secret}".encode())\n'
                 'C = base64.b64encode(b"my-client:my-secret")\n', [], id="python-variables-and-fixture"),
    pytest.param("src/Token.java", 'class T {\n  String a(String id, String s) {\n    return Base64.getEncoder()'
                 '.encodeToString(String.format("%s:%s", id, s).getBytes()) + Base64.getEncoder().encodeToString('
                 '(id + ":" + s).getBytes());\n  }\n}\n', [], id="java-format-and-join"),
    pytest.param("web/token.test.js", f'expect(header).toBe("Basic " + btoa("{PAIR}"));\n', [], id="js-test-assertion"),
    pytest.param("web/decode.js", f'const pair = atob("{SECRET}");\n', [], id="decoding-is-no-encoding"),
    # a word and a number (admin123), and the login of the service a test starts, are fixtures
    pytest.param("cmd/main.go", 'package main\n\nvar basic = base64.StdEncoding.EncodeToString([]byte("admin:admin123"))\n',
                 [], id="word-and-number"),
    pytest.param("internal/broker/auth_test.go", 'package broker\n\nvar basic = "Basic " + '
                 f'base64.StdEncoding.EncodeToString([]byte("{PAIR}"))\n', [], id="a-tests-login"),
])
def test_sl012_id_and_secret_encoded_for_basic_authentication(lint_tree, path, text, expected):
    found = selected(lint_tree, "SL012", {path: text})
    assert [(f.code, f.loc.line, f.loc.col, f.message) for f in found] == expected
    assert all(SECRET not in f.message for f in found)


def _jwt(role: str) -> str:
    """A Supabase project key: a JWT that says whose it is and for which role, signed."""
    import base64
    import json

    def part(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).decode().rstrip("=")

    claims = {"iss": "supabase", "ref": "eyrcnmuzzyriypdajwdk", "role": role, "iat": 1648750579, "exp": 1964326579}
    return ".".join((part(b'{"alg":"HS256","typ":"JWT"}'), part(json.dumps(claims).encode()),
                     "y1OyXD3-DYMz10eGxzo1eeamVMMUwIIeOoMryTRAoco"))


@pytest.mark.parametrize("path, text, expected", [
    # all digits: Salesforce's consumer secrets are 19 of them
    pytest.param("examples/query.js", "var org = nforce.createConnection({\n  clientId: '3MVG9rFJvQRVOvk5nd6A4swCyck',\n"
                 "  clientSecret: '9154832716058347261',\n});\n",
                 [("SL012", 3, 18, "hard-coded client secret in 'clientSecret'")], id="nineteen-digits"),
    pytest.param("etl/settings.py", 'CLIENT_SECRET = "9154832716058347261"\n',
                 [("SL012", 1, 18, "hard-coded client secret in 'CLIENT_SECRET'")], id="nineteen-digits-python"),
    # ... but a short number, digits counting up or a repeated group are not
    pytest.param("etl/settings.py", 'API_KEY = "1754297670123"\nCLIENT_SECRET = "1234567890123456789"\n'
                 'ACCESS_TOKEN = "1111222233334444"\n', [], id="numbers"),
    # the client id's value in the secret's field too: a test filling both with one string
    pytest.param("test/connection.js", "var org = nforce.createConnection({\n  clientId: 'ADFJSD234ADF765SFG55FD54S',\n"
                 "  clientSecret: 'ADFJSD234ADF765SFG55FD54S',\n});\n", [], id="secret-equal-to-the-client-id-js"),
    pytest.param("tests/test_client.py", 'c = Client(client_id="ADFJSD234ADF765SFG55FD54S", client_secret="ADFJSD234ADF765SFG55FD54S")\n'
                 f'd = Client(client_id="etl", client_secret="{SECRET}")\n',
                 [("SL012", 2, 44, "hard-coded client secret in 'client_secret'")], id="secret-equal-to-the-client-id-python"),
    # the standards' own example credentials (RFC 6749's client secret, access and refresh tokens), copied
    # into tests and mock servers; a random value of the same shape beside them is reported
    pytest.param("src/sampleResponses.js", 'export const T = { access_token: "2YotnFZFEjr1zCsicMWpAA", '
                 'refresh_token: "tGzv3JOkF0XG5Qx2TlKWIA" };\n'
                 'export const C = { client_id: "s6BhdRkqt3", client_secret: "7Fjfp0ZBr1KtDRbnfVdmIw" };\n'
                 'export const R = { client_id: "acme-etl", client_secret: "Qb3Zr8TmK1xWv6NpL0hYsD" };\n',
                 [("SL012", 3, 59, "hard-coded client secret in 'client_secret'")], id="the-standards-examples"),
    # words a person wrote in camelCase, naming what they stand for; a random value of any case is a key
    pytest.param("src/mockResponses.js", 'export const T = { access_token: "thisIs.an.accessT0ken" };\n'
                 'export const O = { apiKey: "orgLevelApiKey456" };\nexport const W = { apiKey: "workspaceApiKey2024" };\n'
                 'export const L = { apiKey: "Vq7Rk2Lw9Xp3Tz8Nc4Hs" };\n',
                 [("SL012", 4, 29, "hard-coded API key in 'apiKey'")],
                 id="camel-case-words"),
    # PostHog's project key is written to be public, in web and telemetry code, as Google's AIza... is
    # (its personal API keys, ``phx_…``, are secrets: the form says which, not the name)
    pytest.param("memory/telemetry.py", 'PROJECT_API_KEY = "phc_hgJkUVJFYtmaJqrvf6CYN67TIQ8yhXAkWzUn9AMU4yX"\n'
                 'POSTHOG_API_KEY = "phc_hgJkUVJFYtmaJqrvf6CYN67TIQ8yhXAkWzUn9AMU4yX"\n'
                 'POSTHOG_PERSONAL_API_KEY = "phx_R24hzu86v3jntwtX2DtYECeWABk3pQ9zL"\n',
                 [("SL012", 3, 29, "hard-coded API key in 'POSTHOG_PERSONAL_API_KEY'")], id="posthog-project-keys"),
    # Brevo's (Sendinblue's) API keys begin xkeysib-: Brevo's, under any name, in a file that does not talk to Celonis
    pytest.param("src/brevo.provider.ts", "export const config = { apiKey: 'xkeysib-"
                 "9f8e3a11c44b07d2e5ff6a3c1b9d0e27aa41c6f2d3b5e7a9c1d3e5f7a9b1c3d5-Zk3Qm9Vx2Lp7Rt4W' };\n", [],
                 id="brevo-key"),
    # Google's OAuth client secrets all begin GOCSPX-: Google's, as inside GoogleStrategy({...}), in a file
    # that does not talk to Celonis; the same value in a Celonis client's settings is reported
    pytest.param("server/mailer.js", "const transporter = nodemailer.createTransport({ service: 'gmail', auth: {\n"
                 "  type: 'OAuth2', clientId: '2794-abc.apps.googleusercontent.com',\n"
                 "  clientSecret: 'GOCSPX-Zx8vQ2mP7rLt4KcWn9sBy3Hd6gA' } });\n"
                 "const CLIENT_SECRET = 'GOCSPX-Zx8vQ2mP7rLt4KcWn9sBy3Hd6gA';\n", [], id="google-client-secret"),
    pytest.param("sync/celonis.js", "const TOKEN_URL = 'https://acme.eu-1.celonis.cloud/oauth2/token';\n"
                 "const CLIENT_SECRET = 'GOCSPX-Zx8vQ2mP7rLt4KcWn9sBy3Hd6gA';\n",
                 [("SL012", 2, 24, "hard-coded client secret in 'CLIENT_SECRET'")], id="google-form-in-a-celonis-file"),
    # an API-key header written out: in a client's defaults, in fetch, from Python; read without any other
    # marker in the file. In a test, the header is the login of the service under test, as Authorization's is
    pytest.param("src/admin.ts", "import axios from 'axios';\nexport const admin = axios.create({\n"
                 "  baseURL: 'https://gateway.acme-corp.com:9180',\n  headers: { 'X-API-KEY': 'Vq7Rk2Lw9Xp3Tz8Nc4Hs6Jd1Fb5Gm0Ya' },\n"
                 "});\nexport const ping = () => fetch('https://gateway.acme-corp.com/r1', { headers: { 'Api-Key': "
                 "'Qb3Zr8TmK1xWv6NpL0hYsD7cFe' } });\n",
                 [("SL012", 4, 28, "hard-coded API key in 'X-API-KEY'"), ("SL012", 6, 94, "hard-coded API key in 'Api-Key'")],
                 id="api-key-headers"),
    pytest.param("gateway/admin.py", "import requests\nrequests.get('https://gateway.acme-corp.com/r1', "
                 "headers={'X-Api-Key': 'Vq7Rk2Lw9Xp3Tz8Nc4Hs6Jd1Fb5Gm0Ya'})\n",
                 [("SL012", 2, 73, "hard-coded API key in 'X-Api-Key'")], id="api-key-header-python"),
    pytest.param("t/admin/standalone.spec.ts", "import axios from 'axios';\nconst client = axios.create({\n"
                 "  baseURL: 'http://localhost:1984', headers: { 'X-API-KEY': 'edd1c9f034335f136f87ad84b625c8f1' },\n});\n"
                 "const c2 = axios.create({ headers: { 'X-API-KEY': process.env.ADMIN_KEY } });\n", [],
                 id="api-key-header-in-a-test"),
    # ... but a key by its name alone is not a fixture there (``apiKey`` is no header's name)
    pytest.param("test/session.test.js", "Backend.init({ core: { apiKey: 'Vq7Rk2Lw9Xp3Tz8Nc4Hs6Jd1Fb5Gm0Ya' } });\n",
                 [("SL012", 1, 33, "hard-coded API key in 'apiKey'")], id="api-key-by-name-in-a-test"),
    # (the same under a service's name is that service's, in a file that does not talk to Celonis)
    pytest.param("test/session.test.js", "SuperTokens.init({ supertokens: { apiKey: 'Vq7Rk2Lw9Xp3Tz8Nc4Hs6Jd1Fb5Gm0Ya' } });\n",
                 [], id="another-services-key-by-name-in-a-test"),
    # Supabase's anon key is made to be public, sent as a web app's ``apikey`` header; its service_role key is a secret
    pytest.param("scripts/deploy.sh", f"#!/bin/sh\ncurl -H 'apikey: {_jwt(role='anon')}' https://abcd.supabase.co/rest/v1/x\n"
                 f"curl -H 'apikey: {_jwt(role='service_role')}' https://abcd.supabase.co/rest/v1/x\n",
                 [("SL012", 3, 18, "hard-coded API key in 'apikey'")], id="supabase-anon-and-service-keys"),
    # a test's expected value, inside an assertion's arguments, is compared, not written to be used; the
    # same secret given to the code under test is reported, in JavaScript, Python and Go alike
    pytest.param("test/provider.test.js", f'const got = build({{ clientSecret: "{SECRET}" }});\n'
                 'expect(got).toEqual({ clientSecret: "dR0xnpwDSEWtwK/Gve7jL/u0p/ja3j4oW0i83AtdrJe28XFBWG8BQT5cq" });\n',
                 [("SL012", 1, 36, "hard-coded client secret in 'clientSecret'")], id="expected-in-a-js-assertion"),
    pytest.param("tests/test_provider.py", f'got = build(client_secret="{SECRET}")\n'
                 'assert got == Provider(client_secret="dR0xnpwDSEWtwK/Gve7jL/u0p/ja3j4oW0i83AtdrJe28XFBWG8BQT5cq")\n',
                 [("SL012", 1, 28, "hard-coded client secret in 'client_secret'")], id="expected-in-a-python-assert"),
    pytest.param("config/identity_test.go", 'package config\n\nfunc TestHosted(t *testing.T) {\n'
                 f'\topts := &Options{{ClientSecret: "{SECRET}"}}\n'
                 '\tAssertProtoEqual(t, &Provider{\n\t\tClientSecret: "dR0xnpwDSEWtwK/Gve7jL/u0p/ja3j4oW0i83AtdrJe28XFBWG8BQT5cq",\n'
                 '\t}, build(opts))\n\trequire.Equal(t, Provider{ClientSecret: "Qb3Zr8TmK1xWv6NpL0hYsD7cFe"}, got)\n}\n',
                 [("SL012", 4, 34, "hard-coded client secret in 'ClientSecret'")], id="expected-in-a-go-assertion"),
    # a folder of tests by its name (``regression-tests/``, ``integration_tests/``): a token there is a fixture
    pytest.param("regression-tests/msal-node/Constants.js", f'export const R = {{ access_token: "{SECRET}" }};\n', [],
                 id="a-tests-folder-by-its-name"),
    # ... but an A/B test's folder holds the product's code: its token is the product's
    pytest.param("src/ab_tests/checkout.js", f'export const R = {{ access_token: "{SECRET}" }};\n',
                 [("SL012", 1, 35, "hard-coded access token in 'access_token'")], id="an-ab-tests-folder-is-product-code"),
])
def test_sl012_secret_shapes_and_fixtures(lint_tree, path, text, expected):
    assert rows(lint_tree, {path: text}) == expected


@pytest.mark.parametrize("size", [16, 24, 40])
def test_a_random_key_is_a_secret_whatever_words_its_letters_start_or_spell(size):
    # the tests for words people write (``mySecretKey``, ``orgLevelApiKey456``) take fewer than one random key
    # in 1,000 for one: not one that starts ``my``, ``MY`` or ``test`` by chance (``myvjEtYN…``, ``MYbCG85…``)
    import random
    import string

    from scopelint.extractors.recognition.secrets import entropy, looks_like_secret

    draw = random.Random(20261203 + size)
    alphabet = string.ascii_letters + string.digits
    keys = ["".join(draw.choice(alphabet) for _ in range(size)) for _ in range(50_000)]
    keys = [k for k in keys if len(set(k)) >= 8 and entropy(k) >= 3.0  # mixed, as a key is
            and any(c.isdigit() for c in k) and any(c.isupper() for c in k) and any(c.islower() for c in k)]
    missed = [k for k in keys if not looks_like_secret(k)]
    assert len(missed) * 1_000 < len(keys), missed[:10]


def test_supertokens_demo_oauth_clients_printed_in_its_docs_are_nobodys(lint_tree):
    # the demo Google and GitHub clients SuperTokens' recipes print, copied into tests and examples; a
    # secret of the same shape that is not the printed one is still reported
    sample = ("const providers = [\n"
              "  { config: { thirdPartyId: 'google', clients: [{ clientId: '1060725074195-kmeum4crr01uirfl2op9kd5acmi9jutn"
              ".apps.googleusercontent.com', clientSecret: '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' }] } },\n"
              "  { config: { thirdPartyId: 'github', clients: [{ clientId: '467101b197249757c71f', "
              "clientSecret: 'e97051221f4b6426e8fe8d51486396703012f5bd' }] } },\n"
              "];\n")
    real = sample.replace("e97051221f4b6426e8fe8d51486396703012f5bd", "3b9c1e7a5d2f8046c1a9e7b3d5f20486a1c9e7b3")
    found = lint_tree({"test/thirdparty.test.js": sample, "src/auth.js": real}).findings
    assert [(f.loc.path, f.code, f.loc.line) for f in found if f.code == "SL012"] == [("src/auth.js", "SL012", 3)]


def test_a_doc_comments_example_is_documentations_sample(lint_tree):
    # openapi-typescript writes a specification's examples into @example sections; the comment's other
    # text, and the same value written as code, are still read
    doc = ("export interface Paths {\n"
           "  /**\n"
           "   * Update a provider's OAuth app.\n"
           "   * @example {\n"
           "   *   \"oauth_client_id\": \"8d21b6f0-4c7a-4e55-9b3e-a1f06c2d7e94\",\n"
           f"   *   \"oauth_client_secret\": \"{SECRET}\"\n"
           "   * }\n"
           "   * @see https://docs.example.com/providers\n"
           "   * client_secret: Zr4Wq8Tn2Lx6Vb9Kp3Mf7Hd5\n"
           "   */\n"
           "  update: { provider_app_id: string };\n"
           "}\n")
    code = f'export const seed = {{ oauth_client_secret: "{SECRET}" }};\n'
    found = lint_tree({"gen/mgmt.ts": doc, "scripts/seed.ts": code}).findings
    assert [(f.loc.path, f.code, f.loc.line) for f in found if f.code == "SL012"] == [
        ("gen/mgmt.ts", "SL012", 9), ("scripts/seed.ts", "SL012", 1)]


@pytest.mark.parametrize("header, expected", [
    # Django REST framework's, Make's and Deepgram's scheme: the credential is a secret as a Bearer's is
    pytest.param(f'"Token {SECRET}"', [("SL012", 1, 91, "hard-coded access token in 'Authorization'")], id="token"),
    pytest.param(f'"token {SECRET}"', [("SL012", 1, 91, "hard-coded access token in 'Authorization'")], id="lower-case"),
    pytest.param("`Token ${process.env.MAKE_API_TOKEN}`", [], id="reference"),
    pytest.param('"Token YOUR_API_TOKEN"', [], id="placeholder"),
    pytest.param('"=Token {{$credentials.apiToken}}"', [], id="template"),
])
def test_sl012_credential_sent_with_the_token_scheme(lint_tree, header, expected):
    text = f'fetch("https://eu1.make.celonis.com/api/v2/scenarios", {{ headers: {{ Authorization: {header} }} }});\n'
    found = selected(lint_tree, "SL012", {"src/make.ts": text})
    assert [(f.code, f.loc.line, f.loc.col, f.message) for f in found] == expected


@pytest.mark.parametrize("path, text, expected", [
    # an OpenAPI example of a FastAPI or pydantic model: documentation, shown on the API's page
    pytest.param("api/schemas.py", "class Credentials(BaseModel):\n    client_secret: str\n\n    class Config:\n"
                 f'        schema_extra = {{"example": {{"client_id": "3c1d0a47", "client_secret": "{SECRET}"}}}}\n', [],
                 id="schema-extra-example"),
    pytest.param("api/schemas.py", "class ApiKeyIn(BaseModel):\n    api_key: str\n    model_config = ConfigDict("
                 f'json_schema_extra={{"examples": [{{"api_key": "{SECRET}"}}]}})\n', [], id="json-schema-extra-examples"),
    pytest.param("api/routes.py", "def connect(creds: Credentials = Body(..., openapi_examples={\"normal\": {\"value\": "
                 f'{{"client_secret": "{SECRET}"}}}}}})):\n    return creds\n', [], id="openapi-examples"),
    # a setting whose value is its own name (an enum of the keys a loader reads)
    pytest.param("io/config.py", "class ConfigKey(str):\n    B2_APPLICATION_KEY = 'B2_APPLICATION_KEY'\n"
                 "    OAUTH2_PROXY_ACCESS_TOKEN = 'OAUTH2_PROXY_ACCESS_TOKEN'\n", [], id="own-name"),
    pytest.param("io/env.py", 'import os\nKEY = os.environ.get("WASABI_S3_API_KEY", "WASABI_S3_API_KEY")\n', [],
                 id="own-name-as-a-default"),
    # a JWT's header alone, the same in every token signed with HS256
    pytest.param("api/token.py", 'EXAMPLE_HEADER = {"access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"}\n', [],
                 id="jwt-header-alone"),
    # lookalikes: the same values as a settings default, a random value under the name, a whole signed token
    pytest.param("api/settings.py", f'class Settings(BaseSettings):\n    client_secret: str = "{SECRET}"\n',
                 [("SL012", 2, 27, "hard-coded client secret in 'client_secret'")], id="settings-default"),
    pytest.param("io/defaults.py", f"class Defaults:\n    B2_APPLICATION_KEY = '{SECRET}'\n",
                 [("SL012", 2, 27, "hard-coded API key in 'B2_APPLICATION_KEY'")], id="random-under-the-name"),
    pytest.param("api/token.py", 'ACCESS_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtZXRsLTdmM2EiLCJle'
                 'HAiOjE5MDAwMDAwMDB9.q7Xk2Lp9ZrT4wY8bCd1mF6hJ3sG5aEvN0uRtKx8MzQe"\n',
                 [("SL012", 1, 17, "hard-coded access token in 'ACCESS_TOKEN'")], id="whole-token"),
])
def test_sl012_documentation_examples_setting_names_and_token_headers_are_no_secrets(lint_tree, path, text, expected):
    assert rows(lint_tree, {path: text}) == expected


@pytest.mark.parametrize("name, kind", [
    ("APISECRET", "client secret"), ("appsecret", "client secret"),  # the words run together (WeChat's SDKs)
    ("API_KEY_FALLBACK", "API key"), ("_API_KEY_GUEST", "API key"), ("CELONIS_API_KEY_DEFAULT", "API key"),
    ("Ocp-Apim-Subscription-Key", "API key"), ("subscription_key", "API key"),  # Azure API Management's
    # OAuth 1.0a's token secret (tweepy's, requests-oauthlib's, NetSuite's), Salesforce's security token
    ("access_token_secret", "access token"), ("resource_owner_secret", "access token"), ("token_secret", "access token"),
    ("ACCESS_SECRET", "access token"), ("security_token", "API key"),
])
def test_sl012_names_that_say_a_secret(lint_tree, name, kind):
    text = f'SETTINGS = {{"{name}": "{SECRET}"}}\n'
    assert rows(lint_tree, {"app/settings.py": text}) == [("SL012", 1, 18 + len(name), f"hard-coded {kind} in '{name}'")]


@pytest.mark.parametrize("name", ["API_KEY_HEADER", "API_KEY_ENV_VAR", "API_KEY_PATTERN", "SUBSCRIPTION_KEY_NAME",
                                  "APPSECRET_FIELD", "TOKEN_SECRET_NAME", "SECURITY_TOKEN_HEADER"])
def test_sl012_names_about_a_secret_hold_none(lint_tree, name):
    assert rows(lint_tree, {"app/settings.py": f'SETTINGS = {{"{name}": "{SECRET}"}}\n'}) == []


@pytest.mark.parametrize("path, text, expected", [
    # C#'s AuthenticationHeaderValue with the Token scheme, as with Bearer
    pytest.param("src/Inventory.cs", 'class C { void A(HttpClient c) => c.DefaultRequestHeaders.Authorization = '
                 f'new AuthenticationHeaderValue("Token", "{SECRET}"); }}\n',
                 [("SL012", 1, 115, "hard-coded access token in 'Authorization'")], id="csharp-token-scheme"),
    # a named query written as words, OAuth2's digit among them
    pytest.param("src/Queries.java", 'class Q {\n  static final String QUERY_BY_REFRESH_TOKEN = '
                 '"OAuth2AccessTokenEntity.getByRefreshToken";\n}\n', [], id="protocol-word-with-a-digit"),
    # RFC 7591's example secret, and IdentityServer's quickstart secret
    pytest.param("src/Registration.java", 'class R {\n  void r(Client c) { c.setClientSecret('
                 '"ZJYCqe3GGRvdrudKyZS0XhGv_Z45DuKhCUk0gBR1vZk"); }\n}\n', [], id="rfc-7591-example"),
    pytest.param("Client/Program.cs", 'builder.Services.AddAuthentication().AddOpenIdConnect(o => {\n'
                 '    o.Authority = "https://localhost:5001";\n    o.ClientSecret = "49C1A7E1-0C79-4A89-A3D6-A37998FB86B0";\n});\n',
                 [], id="identityserver-quickstart"),
])
def test_sl012_jvm_and_dotnet_shapes(lint_tree, path, text, expected):
    assert rows(lint_tree, {path: text}) == expected


@pytest.mark.parametrize("value, expected", [
    # Android's Gradle writes a BuildConfig field's value as Java source: a quoted string, escaped
    pytest.param(f'"\\"{SECRET}\\""', [("SL012", 3, 52, "hard-coded client secret in 'CLIENT_SECRET'")], id="literal"),
    pytest.param('"\\"${System.getenv("CLIENT_SECRET")}\\""', [], id="from-the-environment"),
    pytest.param('"\\"your-client-secret\\""', [], id="placeholder"),
])
def test_sl012_an_android_build_config_field(lint_tree, value, expected):
    text = ('android {\n  defaultConfig {\n    buildConfigField("String", "CLIENT_SECRET", ' + value + ')\n'
            '    buildConfigField("String", "CELONIS_URL", "\\"https://acme.eu-1.celonis.cloud\\"")\n  }\n}\n')
    assert rows(lint_tree, {"app/build.gradle.kts": text}) == expected



@pytest.mark.parametrize("path, text, expected", [
    # a secret given to a call or receiver named for another service is that service's, in a file that does
    # not talk to Celonis, as JavaScript's ``new GitHubStrategy({clientSecret})`` is
    pytest.param("Web/Startup.cs", "services.AddAuthentication()\n    .AddGoogle(o => {\n        o.ClientId = \"id\";\n"
                 f'        o.ClientSecret = "{SECRET}";\n    }});\n', [], id="csharp-add-google"),
    pytest.param("src/RunGithubClient.java", "class R {\n  void run() {\n    GitHubClient githubClient = new GitHubClient();\n"
                 f'    githubClient.setSecret("{SECRET}");\n  }}\n}}\n', [], id="java-receiver-named-for-github"),
    # a generic handler's secret is reported, its name as written
    pytest.param("Web/Startup.cs", "services.AddAuthentication()\n    .AddOpenIdConnect(\"celonis\", o => {\n"
                 f'        o.Authority = "https://acme.eu-1.celonis.cloud";\n        o.ClientSecret = "{SECRET}";\n    }});\n',
                 [("SL012", 4, 27, "hard-coded client secret in 'ClientSecret'")], id="generic-handler"),
])
def test_sl012_a_secret_given_to_another_services_client(lint_tree, path, text, expected):
    assert rows(lint_tree, {path: text}) == expected


# a generated secret with marks in it (Encompass's, a password kept as a client secret), in every reader
_MARKED = "ysli#MSdlbyHngOyctiJmK$0l82^9!o$dzSwvhW612!GPoi38loF4CFQ8ZiJTu$@"


@pytest.mark.parametrize("path, text, expected", [
    pytest.param("Globals.cs", 'class G {\n  async Task T(RestRequest request) {\n    request.AddParameter("grant_type", '
                 '"client_credentials");\n    request.AddParameter("client_secret", "' + _MARKED + '");\n  }\n}\n',
                 [("SL012", 4, 44, "hard-coded client secret in 'client_secret'")], id="csharp-form-field"),
    pytest.param("appsettings.json", '{\n  "Celonis": {\n    "Url": "https://acme.eu-1.celonis.cloud",\n'
                 '    "ClientSecret": "Ww*5dIm&P13d0*b7"\n  }\n}\n',
                 [("SL012", 4, 22, "hard-coded client secret in 'Celonis.ClientSecret'")], id="json-password-marks"),
    pytest.param(".env", "CELONIS_CLIENT_ID=etl\nCELONIS_CLIENT_SECRET=Zx8vQ2mP7rLt4Kc!Wn9sBy3Hd6gA\n",
                 [("SL012", 2, 23, "hard-coded client secret in 'CELONIS_CLIENT_SECRET'")], id="env-bang"),
    pytest.param("etl/settings.py", 'CELONIS_URL = "https://acme.eu-1.celonis.cloud"\n'
                 'CLIENT_SECRET = "Qb3[Zr8]TmK1?xWv6@NpL0hYsD"\n',
                 [("SL012", 2, 18, "hard-coded client secret in 'CLIENT_SECRET'")], id="python-brackets"),
    # ... but words joined by marks, a reference, a password's hash and a value kept encrypted are no secret
    pytest.param("etl/settings.py", 'CELONIS_URL = "https://acme.eu-1.celonis.cloud"\n'
                 'CLIENT_SECRET = "getClientSecretFromVault()"\nAPI_KEY = "%(celonis_api_key)s"\n'
                 'ACCESS_TOKEN = "ops.team@acme-corp.example.com"\nAPP_KEY = "prefix_${CELONIS_APP_KEY}_v2"\n'
                 'API_TOKEN = "Qb3Zr8TmK1xWv6Np$CELONIS_TOKEN"\n', [], id="words-and-references"),
    pytest.param("config/application.yml", "celonis:\n  url: https://acme.eu-1.celonis.cloud\n"
                 "  client-secret: '{bcrypt}$2a$10$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW'\n"
                 "  api-key: ENC(Zk9vQ2mZ7pLr4TbW8sNc1yHe5uJd3Fg)\n"
                 "  app-key: ENC[AES256_GCM,data:Zk9vQ2mZ7pLr4Tb,iv:W8sNc1yHe5uJd3Fg=,tag:AQ2mZ7pLr4Tb==,type:str]\n"
                 "  api-token: vault:v1:Zk9vQ2mZ7pLr4TbW8sNc1yHe5uJd3Fg\n", [], id="hashed-and-encrypted"),
])
def test_sl012_a_secret_with_marks_in_it(lint_tree, path, text, expected):
    assert rows(lint_tree, {path: text}) == expected


def test_an_oauth1_token_secret_in_a_test_is_a_fixture(lint_tree):
    # the secret half of a user's token is a token's: a test's own is a fixture, as a mocked token is
    text = ('from requests_oauthlib import OAuth1Session\n\ndef test_sign():\n'
            f'    s = OAuth1Session("ck", client_secret="cs", resource_owner_key="tk", resource_owner_secret="{SECRET}")\n')
    assert rows(lint_tree, {"tests/test_auth.py": text}) == []


@pytest.mark.parametrize("path, text, expected", [
    # a builder's or setter's argument, as the JVM readers read it (Adobe PDF Services' sample)
    pytest.param("src/documentmerge.js", "const credentials = PDFServicesSdk.Credentials.servicePrincipalCredentialsBuilder()\n"
                 f"  .withClientId('cee8ab12').withClientSecret('{SECRET}')\n  .build();\n",
                 [("SL012", 2, 47, "hard-coded client secret in 'withClientSecret'")], id="js-builder"),
    pytest.param("src/auth.ts", f"client.setClientSecret('{SECRET}');\n",
                 [("SL012", 1, 25, "hard-coded client secret in 'setClientSecret'")], id="ts-setter"),
    # ... not a look-up by name, a check of a value, a variable, nor another service's client
    pytest.param("src/auth.ts", f"const s = await vault.getClientSecret('{SECRET}');\nauth.verifyAccessToken('{SECRET}');\n"
                 "client.setClientSecret(process.env.CLIENT_SECRET);\n"
                 f"githubClient.setClientSecret('{SECRET}');\n", [], id="look-ups-and-another-service"),
    # an object held by a name that says it is no real one, as a Python dict so held; a plain one is reported
    pytest.param("src/brevo.provider.spec.ts", f"const mockConfig = {{ apiKey: '{SECRET}', from: 'a@b.io' }};\n"
                 f"const fakeSdk = createFakeClient({{ options: {{ clientSecret: '{SECRET}' }} }});\n", [], id="js-mock-holder"),
    pytest.param("src/config.ts", f"export const config = {{ apiKey: '{SECRET}' }};\n",
                 [("SL012", 1, 34, "hard-coded API key in 'apiKey'")], id="js-plain-holder"),
    # the same in Go and Java: a getter's argument is what it looks up or asks for (argo-cd's
    # creds.getAccessToken(resourceId + "/.default")), a setter's the secret kept
    pytest.param("util/git/creds.go", f'package git\nfunc f() {{\n\ttok, err := creds.getAccessToken("{SECRET}")\n'
                 f'\ts, _ := vault.GetClientSecret("{SECRET}")\n}}\n', [], id="go-getters"),
    pytest.param("util/git/setter.go", f'package git\nfunc f() {{\n\tcreds.SetAccessToken("{SECRET}")\n}}\n',
                 [("SL012", 3, 24, "hard-coded access token in 'SetAccessToken'")], id="go-setter"),
    pytest.param("src/Creds.java", f'class Creds {{\n  String t = creds.getAccessToken("{SECRET}");\n}}\n', [],
                 id="java-getter"),
])
def test_sl012_a_javascript_builder_or_setter_of_a_secret(lint_tree, path, text, expected):
    assert rows(lint_tree, {path: text}) == expected


@pytest.mark.parametrize("path, text, expected", [
    # a form field, a header or a map entry named for a secret in a string, with no grant type beside it
    # (pCloud's and GitHub's code exchanges take none)
    pytest.param("Auth/AuthController.cs", "class A {\n  void T(RestRequest request) {\n"
                 '    request.AddParameter("client_id", "ruc51qr");\n'
                 f'    request.AddParameter("client_secret", "{SECRET}");\n'
                 '    var form = new Dictionary<string, string> {\n'
                 f'      {{ "code", code }}, {{ "client_secret", "{SECRET}" }} }};\n  }}\n}}\n',
                 [("SL012", 4, 44, "hard-coded client secret in 'client_secret'"),
                  ("SL012", 6, 45, "hard-coded client secret in 'client_secret'")], id="csharp"),
    pytest.param("oauth/github.go", "package oauth\nfunc Exchange(code string) {\n\tdata := url.Values{}\n"
                 f'\tdata.Set("client_secret", "{SECRET}")\n\treq.Header.Set("X-Api-Key", "{SECRET}")\n}}\n',
                 [("SL012", 4, 29, "hard-coded client secret in 'client_secret'"),
                  ("SL012", 5, 31, "hard-coded API key in 'X-Api-Key'")], id="go"),
    pytest.param("app/Auth.kt", f'fun t() {{\n  val body = FormBody.Builder().add("client_secret", "{SECRET}").build()\n'
                 f'  val m = mapOf("client_secret" to "{SECRET}")\n}}\n',
                 [("SL012", 2, 55, "hard-coded client secret in 'client_secret'"),
                  ("SL012", 3, 37, "hard-coded client secret in 'client_secret'")], id="kotlin"),
    # ... not a value read from elsewhere, a third argument, nor a name looked up
    pytest.param("src/Auth.java", "class A { void t() {\n  form.add(\"client_secret\", System.getenv(\"CLIENT_SECRET\"));\n"
                 f'  log.info("client_secret", "{SECRET}", extra);\n  String s = vault.read("client_secret");\n}} }}\n',
                 [], id="java-not-written-here"),
])
def test_sl012_a_value_named_by_a_string_in_the_jvm_wing(lint_tree, path, text, expected):
    assert rows(lint_tree, {path: text}) == expected


@pytest.mark.parametrize("path, text", [
    # the pattern of a secret, in a redaction or scanning table, is not one
    ("app/redact.py", 'PATTERNS = {"api_key": r"[a-zA-Z0-9]{32,}", "client_secret": r"(?i)secret[_-]?[A-Za-z0-9]{24}",\n'
                      '            "access_token": r"ghp_[A-Za-z0-9_]{36}"}\n'),
    ("src/redact.ts", 'export const rules = { apiKey: "^[A-Za-z0-9+/]{40}$", clientSecret: "sk_live_[0-9a-zA-Z]{24}" };\n'),
    ("scan/rules.go", 'package scan\nvar rules = map[string]string{"client_secret": "[0-9a-f]{8}-[0-9a-f]{4}.*"}\n'),
])
def test_sl012_a_pattern_under_a_secrets_name_is_none(lint_tree, path, text):
    assert rows(lint_tree, {path: text}) == []


def test_sl012_percent_marks_of_a_secret_are_no_windows_variable(lint_tree):
    text = 'CELONIS_URL = "https://acme.eu-1.celonis.cloud"\nCLIENT_SECRET = "k8%qI%zR2mW7vL4tB9"\nAPI_KEY = "%APPDATA%x7vL4tB9Qz"\n'
    assert rows(lint_tree, {"etl/settings.py": text}) == [("SL012", 2, 18, "hard-coded client secret in 'CLIENT_SECRET'")]


def test_a_secret_found_is_masked_in_suggest_review_and_diff(tmp_path, monkeypatch):
    """Put in a Celonis API path, a secret shows as *** in suggest's evidence, review's tables and a
    fix's diff, as in check's messages; a path of no secret keeps its id."""
    write_tree(tmp_path, {
        "clients.yaml": "oauth_clients:\n  - name: nightly-push\n    grant_type: client_credentials\n"
                        "    scopes: [integration.data-pools]\n",
        "push.py": f'import requests\nAPI_TOKEN = "{SECRET}"\nBASE = "http://acme.eu-1.celonis.cloud"\n'
                   'requests.post(f"{BASE}/ems-automation/api/webhooks/{API_TOKEN}", json={})\n'
                   'requests.post(f"{BASE}/ems-automation/api/webhooks/4f2c9a1e-7b3d-4e8a-9c6f-2d1e3f4a5b6c", json={})\n'})
    monkeypatch.chdir(tmp_path)
    for args in (["suggest", "."], ["suggest", "--format", "json", "."], ["suggest", "--format", "yaml", "."],
                 ["review", "--code", "push.py", "clients.yaml"], ["review", "--format", "json", "--code", "push.py", "clients.yaml"],
                 ["review", "--format", "html", "--code", "push.py", "clients.yaml"],
                 ["check", "--diff", "--unsafe-fixes", "."]):
        out = CliRunner().invoke(main, args)
        assert SECRET.lower() not in out.output.lower(), args
        assert "webhooks/***" in out.output or args[0] == "check", args  # the diff shows the code: ``{API_TOKEN}``
        assert "4f2c9a1e-7b3d-4e8a-9c6f-2d1e3f4a5b6c" in out.output or args[-2:] == ["yaml", "."], args


def test_sl012_a_tests_copies_of_its_dummys_secret_are_the_dummy(lint_tree):
    """``def dummy_connection_data()`` holds no real secret; the same value written again in the test's
    methods is the same dummy. Another value in those methods is reported."""
    dummy = "5A52C1A1E21DF9012IODC9ISNXXAADDA9"
    text = ("import pytest\n\ndef dummy_connection_data():\n"
            f'    return dict(username="demo@example.com", client_id="3MVG9", client_secret="{dummy}")\n\n'
            "class TestSalesforce:\n    def test_connect(self, mock):\n"
            f'        h = Handler(connection_data=dict(client_id="3MVG9", client_secret="{dummy}"))\n'
            f'        k = Handler(connection_data=dict(client_id="3MVG9", client_secret="{SECRET}"))\n')
    assert rows(lint_tree, {"tests/unit/test_salesforce.py": text}) == [
        ("SL012", 9, 76, "hard-coded client secret in 'client_secret'")]


def test_sl012_a_documented_sample_with_its_end_edited_is_the_sample(lint_tree):
    # Akamai EdgeGrid's sample secret, its last part replaced in a test; a random value beside it is reported
    text = ("const a = { clientSecret: 'C113nt53KR3TN6N90yVuAgICxIRwsObLi0E67/N8eRN=' };\n"
            "const b = { clientSecret: 'C113nt53KR3TN6N90yVuAgICxIRwsObLi0E67/request=' };\n"
            "const c = { clientSecret: 'Qb3Zr8TmK1xWv6NpL0hYsD7cFe2Gj9Ak' };\n")
    assert rows(lint_tree, {"tests/import/edgegrid.spec.ts": text}) == [
        ("SL012", 3, 28, "hard-coded client secret in 'clientSecret'")]
