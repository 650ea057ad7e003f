"""Whole repositories: assertions and test fixtures are not requests, template hosts are not malformed,
fixture phrases are not secrets, and key-based auth is found however the key travels in one module."""
from __future__ import annotations

import pytest

from scopelint.extractors.javascript import code as javascript
from scopelint.extractors.python import code as python
from scopelint.extractors.recognition.emit import insecure_url
from scopelint.extractors.recognition.secrets import looks_like_secret
from scopelint.extractors.recognition.source import is_test_path
from scopelint.extractors.recognition.urls import placeholder_host
from tests.conftest import extract

HTTP = "http://acme.eu-1.celonis.cloud"


def insecure(facts) -> list[tuple[str, int, int]]:
    return [(i.kind, i.loc.line, i.loc.col) for i in facts.insecure]


def headers(facts) -> list[tuple[str, int, int]]:
    return [(h.kind, h.loc.line, h.loc.col) for h in facts.auth_headers]


# --- 1. a URL literal counts only where it is used -------------------------------------------------

@pytest.mark.parametrize("line", [
    f'expect(process.env.TEAM_URL).toBe("{HTTP}");',
    f'expect(normalise(url)).toEqual({{ team: "{HTTP}" }});',
    f'assert.equal(teamUrl(), "{HTTP}");',
    f'assert.strictEqual(teamUrl(), `{HTTP}`);',
    f'if (teamUrl() === "{HTTP}") {{ warn(); }}',
    f'expect(get).toHaveBeenCalledWith("{HTTP}/integration/api/pools");',
])
def test_javascript_compared_literal_is_not_a_url_in_use(line):
    assert insecure(extract("src/profile.ts", line, javascript)) == []


def test_javascript_env_fixture_is_silent_in_a_test_file_only():
    text = f'process.env.CELONIS_URL = "{HTTP}";\nprocess.env["TEAM_URL"] = "{HTTP}";\n'
    assert insecure(extract("tests/profile.spec.ts", text, javascript)) == []
    assert insecure(extract("src/setup.ts", text, javascript)) == [("http-url", 1, 28), ("http-url", 2, 28)]


def test_javascript_request_inside_an_assertion_is_still_a_request():
    text = f'await expect(axios.get("{HTTP}/integration/api/pools")).resolves.toBeDefined();\n' \
           f'const base = "{HTTP}";\n'
    assert insecure(extract("tests/pools.spec.ts", text, javascript)) == [("http-url", 1, 25), ("http-url", 2, 15)]


def test_python_compared_literal_is_not_a_url_in_use():
    code = f"""
        import os
        BASE = "{HTTP}"
        assert team_url() == "{HTTP}/"
        if os.environ["CELONIS_URL"] != "{HTTP}":
            pass
        class T(unittest.TestCase):
            def test_it(self):
                self.assertEqual(team_url(), "{HTTP}")
                client.get.assert_called_once_with("{HTTP}/integration/api/pools")
        """
    assert insecure(extract("pkg/check.py", code, python)) == [("http-url", 2, 9)]


def test_python_env_fixtures_are_silent_in_a_test_file_only():
    code = f"""
        import os
        def test_it(monkeypatch):
            monkeypatch.setenv("CELONIS_URL", "{HTTP}")
            os.environ["TEAM_URL"] = "{HTTP}"
        """
    assert insecure(extract("tests/test_urls.py", code, python)) == []
    assert insecure(extract("pkg/setup_env.py", code, python)) == [("http-url", 3, 40), ("http-url", 4, 31)]


@pytest.mark.parametrize("path, test", [
    ("tests/core/profile.service.spec.ts", True), ("src/__tests__/a.js", True), ("test_urls.py", True),
    ("pkg/urls_test.py", True), ("conftest.py", True), ("src/client.test.ts", True),
    ("src/client.ts", False), ("latest/job.py", False), ("attestation/run.py", False), ("contest.py", False),
    # a folder of tests by its name, and Perl's and Lua's ``t/``
    ("regression-tests/msal-node/Constants.js", True), ("packages/bruno-tests/env/Local.bru", True),
    ("integration_tests/test_flow.py", True), ("t/ts/admin_api.ts", True),
    ("contests/entry.py", False), ("art/ts/admin.ts", False), ("latest-tests.md", False),
    # A/B and split tests are experiments the product runs, not tests of it
    ("src/ab_tests/checkout.ts", False), ("experiments/ab-test/variant.py", False), ("split_tests/flags.js", False),
    ("crab_tests/claws.py", True), ("lab-tests/run.py", True),
    # a mock service worker's handlers and canned responses (MSW's layout), a module of mocks
    ("src/mocks/handlers.ts", True), ("packages/oauth-providers/mocks.ts", True), ("src/api.mock.ts", True),
    ("lib/mock.js", True), ("src/mockups/page.tsx", False), ("mocking/guide.md", False), ("src/mockData.ts", False),
])
def test_is_test_path(path, test):
    assert is_test_path(path) is test


def test_secrets_in_test_files_are_still_secrets_and_phrases_are_not():
    text = """
        const profile = { clientSecret: "secure-client-secret", apiToken: "retrieved-api-token" };
        const tokenSet = { access_token: "access-token-123" };
        const recorded = { apiToken: "Zk3Qm9Vx2Lp7Rt4Wn8Yb1Hc6Jd0Fg5Se" };
        """
    facts = extract("tests/profile.spec.ts", text, javascript)
    assert [(s.kind, s.loc.line, s.loc.col) for s in facts.secrets] == [("API key", 3, 31)]


@pytest.mark.parametrize("value, want", [
    ("access-token-123", False), ("secure-client-secret", False), ("client-secret-2024", False),
    ("Zk3Qm9Vx2Lp7Rt4Wn8Yb1Hc6Jd0Fg5Se", True), ("a8Fk2-93jdKs0-qpW1xZ", True),
])
def test_numbered_phrases_are_not_secrets(value, want):
    assert looks_like_secret(value) is want


# --- 2. template hosts ------------------------------------------------------------------------------

@pytest.mark.parametrize("url, template", [
    ("https://YOUR_TEAM.YOUR_REALM.celonis.cloud/oauth2/token", True),
    ("https://TEAM.celonis.cloud/oauth2/token", True),
    ("https://your-team.celonis.cloud/oauth2/token", True),
    ("https://myTeam.celonis.cloud/oauth2/token", True),
    ("https://<team>.celonis.cloud/oauth2/token", True),
    ("https://acme.celonis.cloud/oauth2/token", False),
    ("https://mycompany.celonis.cloud/oauth2/token", False),
    ("https://Acme.celonis.cloud/oauth2/token", False),
])
def test_placeholder_host(url, template):
    assert placeholder_host(url) is template
    assert (insecure_url(url, resolved=True) is None) is template


def test_plain_http_to_a_template_host_is_still_reported():
    assert insecure_url("http://YOUR_TEAM.YOUR_REALM.celonis.cloud", resolved=True)[0] == "http-url"


# --- 3. SL018 follows values within one module -----------------------------------------------------

PYC = "import os\nfrom pycelonis import get_celonis\n"


@pytest.mark.parametrize("code, want", [
    pytest.param(PYC + "key_type = 'USER_KEY'\nc = get_celonis(base_url=URL, api_token=TOKEN, key_type=key_type)\n",
                 [("api-key", 4, 57)], id="module-constant"),
    pytest.param(PYC + "c = get_celonis(base_url=URL, api_token=T, key_type=os.getenv('KEY_TYPE', 'APP_KEY'))\n",
                 [("AppKey", 3, 53)], id="env-default"),
    pytest.param(PYC + "c = get_celonis(base_url=URL, api_token=os.getenv('API_TOKEN'))\n",
                 [("api-key", 3, 41)], id="inline-getenv"),
    pytest.param(PYC + "c = get_celonis(base_url=URL, api_token=os.environ['CELONIS_API_TOKEN'])\n",
                 [("api-key", 3, 41)], id="inline-environ"),
    pytest.param(PYC + "c = get_celonis(base_url=URL, api_token=os.getenv('CELONIS_ACCESS_TOKEN'))\n",
                 [], id="inline-oauth-token"),
    pytest.param(PYC + "login = {'base_url': URL, 'api_token': os.environ['API_TOKEN']}\nc = get_celonis(**login)\n",
                 [("api-key", 4, 19)], id="login-dict"),
    pytest.param(PYC + "login = {'base_url': URL, 'api_token': os.environ['API_TOKEN']}\nlogin['key_type'] = KT\n"
                 "c = get_celonis(**login)\n", [], id="login-dict-changed"),
    pytest.param(PYC + "def connect(kt):\n    return get_celonis(base_url=URL, api_token=T, key_type=kt)\n"
                 "if __name__ == '__main__':\n    connect('USER_KEY')\n", [("api-key", 4, 60)], id="param-from-main"),
    pytest.param(PYC + "def connect(kt='APP_KEY'):\n    return get_celonis(base_url=URL, api_token=T, key_type=kt)\n"
                 "a = connect()\nb = connect(kt='APP_KEY')\n", [("AppKey", 4, 60)], id="param-default-and-keyword"),
    pytest.param(PYC + "def connect(kt):\n    return get_celonis(base_url=URL, api_token=T, key_type=kt)\n"
                 "a = connect('USER_KEY')\nb = connect('APP_KEY')\n", [], id="param-callers-disagree"),
    pytest.param(PYC + "def connect(kt):\n    return get_celonis(base_url=URL, api_token=T, key_type=kt)\n",
                 [], id="param-no-caller"),
])
def test_pycelonis_key_type_followed(code, want):
    assert headers(extract("etl/job.py", code, python, dedent=False)) == want


BEARER_CALL = 'requests.get(f"https://acme.eu-1.celonis.cloud/integration/api/pools", headers=headers)\n'


@pytest.mark.parametrize("header, want", [
    pytest.param('{"Authorization": f"Bearer {api_key}"}', [("api-key", 3, 33)], id="key-parameter"),
    pytest.param('{"Authorization": "Bearer " + api_key}', [("api-key", 3, 33)], id="key-parameter-concat"),
    pytest.param('{"Authorization": "Bearer API_KEY_HERE"}', [("api-key", 3, 33)], id="key-placeholder"),
    pytest.param('{"Authorization": f"Bearer {token}"}', [], id="token-parameter"),
])
def test_bearer_static_key(header, want):
    code = f"import requests\ndef pools(api_key, token):\n    headers = {header}\n    return {BEARER_CALL}"
    assert headers(extract("etl/pools.py", code, python, dedent=False)) == want


@pytest.mark.parametrize("entry, want", [
    pytest.param("cfg['api_key']", [("api-key", 4, 33)], id="subscript"),
    pytest.param("env()['app_key']", [("api-key", 4, 33)], id="subscript-of-a-call"),
    pytest.param("cfg.get('api_token')", [("api-key", 4, 33)], id="get"),
    pytest.param("cfg['access_token']", [], id="an-access-token"),
    pytest.param("cfg[name]", [], id="an-entry-not-named"),
])
def test_bearer_key_written_as_an_entry(entry, want):
    # ``f"Bearer {cfg['api_key']}"``: the entry says it holds a key, as a name does
    code = ("import json, requests\ncfg = json.load(open('celonis.json'))\ndef pools(name):\n"
            f"    headers = {{'Authorization': f\"Bearer {{{entry}}}\"}}\n    return {BEARER_CALL}")
    assert headers(extract("etl/pools.py", code, python, dedent=False)) == want


def test_bearer_key_entry_needs_a_celonis_call():
    code = ("import requests\ndef get(cfg):\n    headers = {'Authorization': f\"Bearer {cfg['api_key']}\"}\n"
            "    return requests.get('https://api.partner-crm.example.com/v2/contacts', headers=headers)\n")
    assert headers(extract("etl/crm.py", code, python, dedent=False)) == []


def test_bearer_key_parameter_is_not_static_where_the_module_gets_a_token():
    code = ("import requests\n"
            "def token():\n"
            "    return requests.post('https://acme.eu-1.celonis.cloud/oauth2/token', data={'grant_type': "
            "'client_credentials', 'scope': 'integration.data-pools'}).json()['access_token']\n"
            "def pools(api_key):\n"
            "    headers = {'Authorization': f'Bearer {api_key}'}\n"
            f"    return {BEARER_CALL}")
    assert headers(extract("etl/pools.py", code, python, dedent=False)) == []


def test_bearer_key_parameter_needs_a_celonis_call():
    code = "import requests\ndef get(api_key):\n    headers = {'Authorization': f'Bearer {api_key}'}\n" \
           "    return requests.get('https://api.github.com/user', headers=headers)\n"
    assert headers(extract("etl/github.py", code, python, dedent=False)) == []


def test_token_bound_to_several_literals_is_static():
    code = PYC + "token = 'source Celonis API token'\ntoken = 'your-api-token'\nc = get_celonis(url=U, api_token=token)\n"
    assert headers(extract("etl/job.py", code, python, dedent=False)) == [("api-key", 5, 34)]


@pytest.mark.parametrize("header, want", [
    pytest.param("`Bearer ${apiKey}`", [("api-key", 4, 119)], id="key-parameter"),
    pytest.param("`Bearer ${process.env.CELONIS_API_KEY}`", [("api-key", 4, 119)], id="key-env"),
    pytest.param('"Bearer API_KEY_HERE"', [("api-key", 4, 119)], id="key-placeholder"),
    pytest.param("`Bearer ${accessToken}`", [], id="token-parameter"),
    # a constant named as a key, holding a value whose own name says nothing
    pytest.param("`Bearer ${celonisApiKey}`", [("api-key", 4, 119)], id="key-constant"),
    pytest.param("`Bearer ${sessionToken}`", [], id="token-constant"),
])
def test_javascript_bearer_static_key(header, want):
    text = ('import axios from "axios";\nconst BASE = "https://acme.eu-1.celonis.cloud";\n'
            'const celonisApiKey = process.env.CELONIS_KEY, sessionToken = process.env.CELONIS_SESSION;\n'
            f'export const pools = (apiKey, accessToken) => axios.get(`${{BASE}}/integration/api/pools`, '
            f'{{ headers: {{ Authorization: {header} }} }});\n')
    assert headers(extract("src/pools.ts", text, javascript, dedent=False)) == want



# a key sent to another company's API from a file that only mentions Celonis: in a comment, in prose,
# in another company's host name; the same header to a Celonis URL is key authentication
_AHA = ('// Aha! client used by the Celonis PM team\nconst BASE_URL = "https://celonis.aha.io/api/v1";\n'
        'const USER_AGENT = "Celonis PM Automation (Agent)";\n'
        'export const features = (apiKey: string) => fetch(`${BASE_URL}/features`, '
        '{ headers: { Authorization: `Bearer ${apiKey}`, "User-Agent": USER_AGENT } });\n')


@pytest.mark.parametrize("text, want", [
    pytest.param(_AHA, [], id="another-companys-host-named-celonis"),
    pytest.param(_AHA.replace("fetch(`${BASE_URL}/features`", "fetch(url"), [], id="unresolved-url-and-prose-only"),
    pytest.param('// Jira client for the Celonis team\nexport const get = (apiKey: string) => fetch('
                 '"https://example.atlassian.net/rest/api/3/search", { headers: { Authorization: `Bearer ${apiKey}` } });\n',
                 [], id="comment-only"),
    pytest.param('const team = process.env.CELONIS_TEAM_URL;\nexport const get = (apiKey: string, url: string) => '
                 'fetch(url, { headers: { Authorization: `Bearer ${apiKey}` } });\n',
                 [("api-key", 2, 93)], id="celonis-named-variable-unresolved-url"),
    pytest.param('const team = process.env.CELONIS_TEAM_URL;\nexport const get = (apiKey: string) => fetch('
                 '"https://example.atlassian.net/rest/api/3/search", { headers: { Authorization: `Bearer ${apiKey}` } });\n',
                 [], id="celonis-file-but-the-request-goes-elsewhere"),
    # a label is no Celonis code: a source, a tag, a logger name
    pytest.param('const SOURCE = "Celonis";\nconst key = process.env.REPORT_API_KEY;\n'
                 'module.exports = (base) => fetch(`${base}/reports?source=${SOURCE}`, '
                 '{ headers: { Authorization: `Bearer ${key}` } });\n', [], id="a-label"),
    pytest.param('const TAGS = ["sap", "celonis"];\nmodule.exports = (base, apiKey) => fetch(base, '
                 '{ headers: { Authorization: `Bearer ${apiKey}` } });\n', [], id="a-tag"),
    # a key sent where the statement says, to another host, from a Celonis file
    pytest.param('const team = process.env.CELONIS_URL;\nexport const charge = (apiKey) => fetch(new Request('
                 '"https://api.stripe.com/v1/charges", { headers: { Authorization: `Bearer ${apiKey}` } }));\n',
                 [], id="new-request-to-another-host"),
    pytest.param('const team = process.env.CELONIS_URL;\nexport const ai = (apiKey) => axios.create('
                 '{ baseURL: "https://api.openai.com/v1", headers: { Authorization: `Bearer ${apiKey}` } });\n',
                 [], id="client-made-for-another-host"),
    pytest.param('const team = process.env.CELONIS_URL;\nexport const pools = (apiKey) => axios.create('
                 '{ baseURL: "https://acme.eu-1.celonis.cloud", headers: { Authorization: `Bearer ${apiKey}` } });\n',
                 [("api-key", 2, 120)], id="client-made-for-celonis"),
    # the statement ends at a line break in code without semicolons; a sibling object is passed over;
    # a request to a Celonis URL sends its header there whatever other URL stands next to it
    pytest.param('const DOCS = "https://docs.example.com/celonis-setup"\nconst CELONIS_URL = process.env.CELONIS_URL\n'
                 'fetch(`${CELONIS_URL}/integration/api/pools`, { headers: { Authorization: `AppKey ${k}` } })\n',
                 [("AppKey", 3, 76)], id="no-semicolons"),
    pytest.param('const team = process.env.CELONIS_URL;\nexport const clients = {\n'
                 '  openai: { baseURL: "https://api.openai.com/v1", headers: { Authorization: `Bearer ${openaiKey}` } },\n'
                 '  celonis: { baseURL: team, headers: { Authorization: `AppKey ${celonisKey}` } },\n};\n',
                 [("AppKey", 4, 56)], id="sibling-objects"),
    pytest.param('export const pools = (key) => fetch("https://acme.eu-1.celonis.cloud/integration/api/pools", '
                 '{ headers: { Referer: "https://intranet.example.com/x", Authorization: `AppKey ${key}` } });\n',
                 [("AppKey", 1, 166)], id="another-url-next-to-it-in-a-celonis-request"),
    pytest.param("const celonisBase = process.env.CELONIS_URL\nconst me = await axios.create({ baseURL: 'https://api.github.com' })"
                 ".get('/user', { headers: { Authorization: 'AppKey ' + process.env.GH_KEY } })\n", [], id="client-made-in-the-chain"),
])
def test_javascript_bearer_key_needs_celonis_in_the_code_not_in_what_it_says(text, want):
    assert headers(extract("src/client.ts", text, javascript, dedent=False)) == want


@pytest.mark.parametrize("text, want", [
    # a request's block: its statements are read back to the request it configures
    pytest.param('val celonisUrl = System.getenv("CELONIS_URL")\n'
                 'suspend fun github(client: HttpClient, apiKey: String) = client.get("https://api.github.com/user") {\n'
                 '    accept(ContentType.Application.Json)\n    header("Authorization", "Bearer $apiKey")\n}\n',
                 [], id="ktor-request-block"),
    pytest.param('val celonisUrl = System.getenv("CELONIS_URL")\n'
                 'fun github(apiKey: String): Request = Request.Builder().apply {\n'
                 '    url("https://api.github.com/user")\n    header("Authorization", "AppKey $apiKey")\n}.build()\n',
                 [], id="builder-apply-block"),
    # an earlier statement's URL is none of this request's, whose own URL is a reference
    pytest.param('private val docsUrl = "https://docs.example.com/celonis-setup"\n'
                 'private val celonisUrl = System.getenv("CELONIS_URL")\n'
                 'fun pools(apiKey: String): Request = Request.Builder()\n    .url("$celonisUrl/integration/api/pools")\n'
                 '    .header("Authorization", "AppKey $apiKey")\n    .build()\n', [("AppKey", 5, 31)], id="top-level-chain"),
])
def test_a_kotlin_header_is_judged_by_the_request_it_configures(text, want):
    from scopelint.extractors.java import code as java

    assert headers(extract("src/Clients.kt", text, java, dedent=False)) == want


def test_a_kotlin_request_built_for_another_host_is_not_celonis_key_authentication():
    from scopelint.extractors.java import code as java

    text = ('import okhttp3.Request\nprivate val celonisUrl = System.getenv("CELONIS_URL")\n'
            'fun models(apiKey: String): Request = Request.Builder()\n    .url("{url}")\n'
            '    .header("Authorization", "Bearer $apiKey")\n    .build()\n')
    assert headers(extract("src/Sync.kt", text.replace("{url}", "https://api.openai.com/v1/models"), java, dedent=False)) == []
    assert headers(extract("src/Sync.kt", text.replace("{url}", "https://acme.eu-1.celonis.cloud/integration/api/pools"),
                           java, dedent=False)) == [("api-key", 5, 31)]
    # the statement before, ended by a line break, sends nothing: its URL is no target of this one
    earlier = text.replace("import okhttp3.Request\n", 'import okhttp3.Request\nprivate val docsUrl = "https://docs.example.com/x"\n')
    assert headers(extract("src/Sync.kt", earlier.replace(".url(\"{url}\")", ".url(\"$celonisUrl/integration/api/pools\")"),
                           java, dedent=False)) == [("api-key", 6, 31)]


@pytest.mark.parametrize("first, want", [
    pytest.param("// Jira client for the Celonis PM team", [], id="comment-only"),
    pytest.param('static final String TEAM = System.getenv("CELONIS_TEAM_URL");', [("api-key", 4, 100)],
                 id="celonis-named-setting"),
])
def test_java_bearer_key_needs_celonis_in_the_code_not_in_a_comment(first, want):
    from scopelint.extractors.java import code as java

    text = (f"class JiraClient {{\n  {first}\n  java.net.http.HttpRequest req(String apiKey, String url) {{\n"
            '    return java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Authorization", "Bearer " + apiKey).build();\n'
            "  }\n}\n")
    assert headers(extract("src/JiraClient.java", text, java, dedent=False)) == want

def test_javascript_bearer_key_is_the_token_where_the_file_requests_one():
    text = ('import axios from "axios";\nconst BASE = "https://acme.eu-1.celonis.cloud";\n'
            'export const pools = (apiKey) => axios.get(`${BASE}/integration/api/pools`, '
            '{ headers: { Authorization: `Bearer ${apiKey}` } });\n'
            'export const token = () => axios.post(`${BASE}/oauth2/token`, '
            'new URLSearchParams({ grant_type: "client_credentials", scope: "integration.data-pools" }));\n')
    assert headers(extract("src/pools.ts", text, javascript, dedent=False)) == []


@pytest.mark.parametrize("script, want", [
    pytest.param('# Jira export used by the Celonis PM team\ncurl -H "Authorization: AppKey $API_KEY" "$JIRA_URL/rest/api/3/search"\n',
                 [], id="comment-only"),
    pytest.param('curl -A "Celonis PM Automation" -H "Authorization: AppKey $API_KEY" "$JIRA_URL/rest/api/3/search"\n',
                 [], id="prose-only"),
    pytest.param('export CELONIS_TEAM=acme\ncurl -H "Authorization: AppKey $API_KEY" "$BASE/integration/api/pools"\n',
                 [("AppKey", 2, 25)], id="celonis-named-variable"),
    pytest.param('curl -H "Authorization: AppKey $API_KEY" "$CELONIS_URL/integration/api/pools"\n',
                 [("AppKey", 1, 25)], id="celonis-url-variable"),
])
def test_shell_key_authentication_needs_celonis_in_the_commands_not_in_a_comment(script, want):
    from scopelint.extractors.shell import scripts

    assert headers(extract("scripts/export.sh", "#!/bin/sh\n" + script, scripts, dedent=False)) == [
        (kind, line + 1, col) for kind, line, col in want]


@pytest.mark.parametrize("name, other", [
    ("OPENAI_API_KEY", True), ("GROQ_API_KEY", True), ("githubToken", True), ("stripe.secret", True),
    ("HF_TOKEN", True), ("azureOpenAiKey", True),
    ("client_secret", False), ("clientSecret", False), ("API_TOKEN", False), ("PROD_CLIENT_SECRET", False),
    ("my-api-key-2", False), ("Authorization", False), ("CELONIS_APP_KEY", False), ("celonis.clientSecret", False),
    ("EMS_TOKEN", False), ("TEAM_URL", False),
    # a word that names no known service says nothing: the secret may well be Celonis's
    ("BACKEND_API_KEY", False), ("PUSH_API_KEY", False), ("MASTER_API_KEY", False), ("X_API_KEY", False),
    ("INTERNAL_API_TOKEN", False),
    # a service's name written as two words
    ("NEW_RELIC_API_KEY", True), ("HUGGING_FACE_API_KEY", True), ("OPEN_AI_KEY", True),
    # a service's name with a version glued on (pac4j's Google2Client); a number alone names nothing
    ("google2Client.secret", True), ("LINKEDIN2_CLIENT_SECRET", True), ("OAUTH2_CLIENT_SECRET", False),
    ("S3_SECRET_KEY_2", False), ("api2Key", False),
    # services whose keys were reported in files that do not talk to Celonis (SAP BTP's XSUAA, Ollama, Lago)
    ("XSUAA_CLIENT_SECRET", True), ("OLLAMA_CLOUD_API_KEY", True), ("LAGO_API_KEY", True), ("SNOWFLAKE_OAUTH_CLIENT_SECRET", True),
    ("stravaClient.secret", True),
    # SuperTokens' own SDK tests: its core's key under its name (supertokens-node)
    ("supertokens.apiKey", True),
    # identity servers of their own (Casdoor's, Zitadel's, Logto's, Authentik's and Ory's SDKs and settings)
    ("CASDOOR_CLIENT_SECRET", True), ("ZITADEL_CLIENT_SECRET", True), ("LOGTO_APP_SECRET", True),
    ("AUTHENTIK_CLIENT_SECRET", True), ("ORY_CLIENT_SECRET", True), ("HYDRA_CLIENT_SECRET", True),
    ("oryClient.clientSecret", True), ("MEMORY_CLIENT_SECRET", False), ("FACTORY_SECRET", False),
])
def test_a_secret_name_names_another_service_by_the_services_name(name, other):
    from scopelint.extractors.recognition.names import names_another

    assert names_another(name) is other


# keys in the form their services give them (made up here, each of its service's length and alphabet)
GOOGLE_KEY = "AIzaSyB" + "x7Kq2Lm9Vn4Rt8Wp3Zc6Hd1Jf5Gs0Ae2Ty"
GITHUB_TOKEN = "ghp_" + "Zq8x7VbN3kLp9TmR2wYc4Hs6Jd1Fg5Ae0Xu3"


@pytest.mark.parametrize("value, other", [
    (GOOGLE_KEY, True), (GITHUB_TOKEN, True), ("xoxb-2841-9913-Zq8x7VbN3kLp9TmR2wYc", True),
    ("sk_live_" + "Zq8x7VbN3kLp9TmR2wYc4Hs6", True),
    ("Zq8x7VbN3kLp9TmR2wYc4Hs6Jd1Fg5Ae", False), ("AIza", False), ("ghp_short", False),
    ("sk-" + "Zq8x7VbN3kLp9TmR2wYc4Hs6Jd1Fg5Ae", False),  # the prefix of many services' keys: says nothing
])
def test_a_value_in_another_services_key_form_names_it(value, other):
    from scopelint.extractors.recognition.names import service_key

    assert service_key(value) is other


@pytest.mark.parametrize("path, text", [
    pytest.param("src/firebase/config.js", f"""
        const firebaseConfig = {{
          apiKey: "{GOOGLE_KEY}",
          authDomain: "shop-b5f4a.firebaseapp.com",
          projectId: "shop-b5f4a",
        }};
        """, id="firebase-web-config"),
    pytest.param("app/settings.py", f'API_KEY = "{GOOGLE_KEY}"\n', id="python-constant"),
    pytest.param(".env", f"TOKEN={GITHUB_TOKEN}\n", id="env-file"),
])
def test_another_services_key_by_its_form_is_not_reported_where_nothing_talks_to_celonis(lint_tree, path, text):
    """A Firebase web app's ``apiKey`` is public by design; a key in Google's, GitHub's, Slack's or
    Stripe's form is that service's, as a name saying so would make it, in a file that does not talk
    to Celonis. In one that does, it is reported like any other."""
    assert lint_tree({path: text}).findings == []
    celonis = text + ('\nconst pools = fetch("https://acme.eu-1.celonis.cloud/integration/api/pools");\n'
                      if path.endswith(".js") else "")
    if path.endswith(".js"):
        assert [f.code for f in lint_tree({"src/celonis/config.js": celonis}).findings if f.code == "SL012"] == ["SL012"]


def test_a_spring_noop_secret_is_a_secret_and_a_hash_is_not():
    from scopelint.extractors.java import code as java

    f = extract("src/AuthServer.java", """
        class AuthServer {
          RegisteredClient etl = RegisteredClient.withId("etl").clientId("etl")
              .clientSecret("{noop}Zq8x7VbN3kLp9TmR2wYc4Hs6Jd1Fg5Ae").build();
          RegisteredClient web = RegisteredClient.withId("web").clientId("web")
              .clientSecret("{bcrypt}$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy").build();
        }
        """, java)
    assert [(s.kind, s.loc.line, s.loc.col) for s in f.secrets] == [("client secret", 3, 22)]


@pytest.mark.parametrize("header, want", [
    pytest.param('String.format("Bearer %s", apiKey)', [("api-key", 7, 49)], id="format-of-a-key"),
    pytest.param('String.format("AppKey %s", System.getenv("CELONIS_APP_KEY"))', [("AppKey", 7, 49)], id="format-of-an-env-key"),
    pytest.param('String.format("Bearer %s", accessToken)', [], id="format-of-a-token"),
    pytest.param('String.format("Bearer %d", apiKey)', [], id="another-conversion"),
])
def test_a_java_header_written_with_string_format_is_read(header, want):
    from scopelint.extractors.java import code as java

    text = ("import java.net.URI;\nimport java.net.http.HttpRequest;\n\nclass Pools {\n"
            "  HttpRequest pools(String apiKey, String accessToken) {\n"
            '    return HttpRequest.newBuilder(URI.create("https://acme.eu-1.celonis.cloud/integration/api/pools"))\n'
            f'        .header("Authorization", {header})\n        .build();\n  }}\n}}\n')
    assert headers(extract("src/Pools.java", text, java, dedent=False)) == want


JOINED_PATH_JAVA = """\
package com.acme.push;

class PushClient {
    static final String BASE = "https://acme.eu-1.celonis.cloud";

    String load(String pool, String model) {
        return BASE + "/integration/api/v1/data-pools/" + pool + "/data-models/" + model + "/load";
    }

    String repos(String org) {
        return "https://api.github.com" + "/orgs/" + org + "/repos";
    }
}
"""
JOINED_PATH_GO = """\
package push

import "net/http"

const base = "https://acme.eu-1.celonis.cloud"

func Models(pool string) (*http.Response, error) {
	return http.Get(base + "/integration/api/v1/data-pools/" + pool + "/data-models")
}
"""


@pytest.mark.parametrize("path, text, want", [
    # Java and Go have no f-strings: a path is joined with + as often as formatted
    pytest.param("src/PushClient.java", JOINED_PATH_JAVA,
                 [(None, "/integration/api/v1/data-pools/{x}/data-models/{x}/load", 7, 24)], id="java"),
    pytest.param("push/models.go", JOINED_PATH_GO, [(None, "/integration/api/v1/data-pools/{x}/data-models", 8, 26)],
                 id="go"),
])
def test_a_path_joined_with_plus_is_the_path_the_call_makes(path, text, want):
    from scopelint.extractors.java import code as java

    f = extract(path, text, java, dedent=False)
    # one call for the whole chain, none for its later literals, none for another host's
    assert [(c.method, c.path, c.loc.line, c.loc.col) for c in f.api_calls] == want


CSHARP_INDEX_FORM = """\
using System.Collections.Generic;
using System.Net.Http;

class TokenClient {
    const string TokenUrl = "TOKEN_URL";

    HttpRequestMessage Request(string clientId, string clientSecret) =>
        new HttpRequestMessage(HttpMethod.Post, TokenUrl) {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = clientSecret,
                ["scope"] = "studio,integration.data-pools",
            })
        };
}
"""
GO_VALUES_FORM = """\
package token

import (
	"net/http"
	"net/url"
)

func Get() (*http.Response, error) {
	return http.PostForm("TOKEN_URL", url.Values{
		"grant_type": {"client_credentials"},
		"scope":      {"studio,integration.data-pools"},
	})
}
"""


KOTLIN_PAIRS_FORM = """\
package com.acme.celonis

class TokenClient(private val web: WebClient) {
    private val tokenUrl = "TOKEN_URL"

    fun token(): String? {
        val form = LinkedMultiValueMap(mapOf(
            "grant_type" to listOf("client_credentials"),
            "scope" to listOf("studio,integration.data-pools"),
        ))
        return web.post().uri(tokenUrl).body(BodyInserters.fromFormData(form)).retrieve().bodyToMono(String::class.java).block()
    }
}
"""


@pytest.mark.parametrize("path, text, want", [
    # C#'s index initializer, Go's url.Values literal and Kotlin's "key" to value hold a form's pairs as a
    # collection initializer does
    pytest.param("src/TokenClient.kt", KOTLIN_PAIRS_FORM, [("client_credentials", ["studio", "integration.data-pools"], 9)],
                 id="kotlin-to-pairs"),
    pytest.param("src/TokenClient.cs", CSHARP_INDEX_FORM, [("client_credentials", ["studio", "integration.data-pools"], 13)],
                 id="csharp-index-initializer"),
    pytest.param("token/get.go", GO_VALUES_FORM, [("client_credentials", ["studio", "integration.data-pools"], 11)],
                 id="go-url-values"),
])
@pytest.mark.parametrize("url, celonis", [
    ("https://acme.eu-1.celonis.cloud/oauth2/token", True),
    ("https://login.microsoftonline.com/tenant/oauth2/v2.0/token", False),  # another provider's: its scopes
])
def test_a_form_of_keyed_pairs_is_a_token_request(path, text, want, url, celonis):
    from scopelint.extractors.java import code as java

    f = extract(path, text.replace("TOKEN_URL", url), java, dedent=False)
    got = [(r.grant_type.value, [s.name for s in r.scopes.refs], r.scopes.loc.line) for r in f.token_requests]
    assert got == (want if celonis else [])


SPRING_VALUES = """\
package com.acme;

import org.springframework.beans.factory.annotation.Value;

public class CelonisSettings {
    @Value("${celonis.url:http://acme.eu-1.celonis.cloud}")
    private String url;
    @Value("${celonis.client-id}")
    private String clientId;
    @Value("${celonis.client-secret:Vx9pQ2rT7mK4wL8nB3cZ6yH1jF5dS0aG}")
    private String clientSecret;
    @Value("${celonis.scope:studio;package-manager}")
    private String scope;
    @Value("${azure.client-secret:${AZURE_CLIENT_SECRET}}")
    private String azureSecret;
    @Value("${azure.scope:https://graph.microsoft.com/.default;offline_access}")
    private String azureScope;
}
"""


def test_a_spring_value_default_is_the_fields_value(lint_tree):
    """``@Value("${celonis.scope:studio}")``: the default is what the field holds where the property
    is not set: judged under the property's name, where it is written; a nested reference and another
    provider's scopes commit nothing."""
    found = lint_tree({"src/main/java/com/acme/CelonisSettings.java": SPRING_VALUES}).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == [("SL014", 6, 27), ("SL012", 10, 37), ("SL002", 12, 29)]
    assert "Vx9pQ2rT7mK4wL8nB3cZ6yH1jF5dS0aG" not in repr([f.message for f in found])


SPRING_LISTS = """\
package com.acme;

public class CelonisProps {
    @Value("${celonis.scopes:studio,package-manager}")
    private List<String> scopes;
    @Value("${celonis.scopes:studio,integration.data-pool}")
    @NonNull
    private final String[] scopeArray;
    @Value("${celonis.scope:studio,package-manager}")
    private String scope;
}
"""
KOTLIN_LIST = """\
class CelonisProps {
    @Value("\\${celonis.scopes:studio,package-manager}")
    lateinit var scopes: Set<String>
    @Value("\\${celonis.scope:studio,package-manager}")
    lateinit var scope: String
}
"""


def test_a_spring_value_default_bound_to_a_list_is_split_on_commas(lint_tree):
    """Spring's conversion splits a property bound to a List or an array on commas (camunda's spring-zeebe
    defaults): each item is one scope, as ``scope: studio,package-manager`` in application.yml is. A String
    keeps the comma, and sends it. Kotlin writes the property's dollar escaped (``"\\${...}"``): a dollar,
    not a template of its own."""
    found = lint_tree({"src/main/java/com/acme/CelonisProps.java": SPRING_LISTS,
                       "src/main/kotlin/CelonisProps.kt": KOTLIN_LIST}).findings
    assert [(f.code, f.loc.path[-2:], f.loc.line, f.loc.col) for f in found] == [
        ("SL001", "va", 6, 37), ("SL002", "va", 9, 29), ("SL002", "kt", 4, 30)]


MIXED_PROVIDERS = """\
package com.acme.sync;

public class SyncJob {
    private static final String ENTRA_TOKEN = "https://login.microsoftonline.com/contoso/oauth2/v2.0/token";
    private static final String CELONIS = "https://acme.eu-1.celonis.cloud";

    String vaultToken(String id, String secret) {
        RequestBody body = new FormBody.Builder()
            .add("grant_type", "client_credentials")
            .add("scope", "https://vault.azure.net/.default")
            .build();
        return send(new Request.Builder().url(ENTRA_TOKEN).post(body).build());
    }

    String celonisToken(String id, String secret) {
        RequestBody body = new FormBody.Builder()
            .add("grant_type", "client_credentials")
            .add("scope", "integration.data-pools:data_push")
            .build();
        return send(new Request.Builder().url(CELONIS + "/oauth2/token").post(body).build());
    }
}
"""


def test_a_form_goes_to_the_token_url_used_nearest_it():
    """Each form goes to the token URL used in its own statement: the Entra one, declared first and
    used after the first form, is not where the Celonis form goes."""
    from scopelint.extractors.java import code as java

    f = extract("src/main/java/com/acme/sync/SyncJob.java", MIXED_PROVIDERS, java, dedent=False)
    assert [(r.url, r.loc.line, [s.name for s in r.scopes.refs]) for r in f.token_requests] == [
        ("https://acme.eu-1.celonis.cloud/oauth2/token", 17, ["integration.data-pools:data_push"])]


GO_CLIENT = """\
package celonis

import (
	"net/http"
	"net/url"
	"os"
	"strings"
)

const baseURL = "https://acme.eu-1.celonis.cloud"

func Token() (*http.Response, error) {
	form := url.Values{
		"grant_type":    {"client_credentials"},
		"client_secret": {os.Getenv("CELONIS_CLIENT_SECRET")},
		"scope":         {"intelligence.knowledge-models:read"},
	}
	return http.Post(baseURL+"/oauth2/token", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
}

func ListModels(tok, pool string) (*http.Response, error) {
	req, _ := http.NewRequest("GET", baseURL+"/integration/api/pools/"+pool+"/data-models", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	return http.DefaultClient.Do(req)
}
"""
GO_TEST = """\
package celonis

import "testing"

func TestTokenForm(t *testing.T) {
	if form().Get("grant_type") != "client_credentials" {
		t.Fatal("bad grant")
	}
}
"""


@pytest.mark.parametrize("test_path, held_back", [
    # a test of the package names Celonis (its package) and a grant type: its fixtures, not a token request
    ("celonis/token_test.go", False),
    # the same signs in the package's own code: a token request read nowhere, whose scopes are unknown
    ("celonis/form.go", True),
])
def test_a_tests_token_signs_hold_back_nothing_of_the_code_it_tests(lint_tree, test_path, held_back):
    found = lint_tree({"celonis/client.go": GO_CLIENT, test_path: GO_TEST}).findings
    want = [] if held_back else [("SL006", "celonis/client.go", 16), ("SL005", "celonis/client.go", 22)]
    assert [(f.code, f.loc.path, f.loc.line) for f in found] == want


@pytest.mark.parametrize("value, want", [
    # the hex alphabet typed in order, each digit twice (AES's test block), or backwards
    ("00112233445566778899aabbccddeeff", False), ("aabbccddeeff00112233", False),
    ("ffeeddccbbaa99887766554433221100", False), ("fedcba9876543210fedcba9876543210", False),
    ("a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6", False), ("abcdef0123456789abcdef0123456789", False),
    # drawn at random, doubled characters and all
    ("9f8e3aa1c44b07d2e5ff6a3c1b9d0e27", True), ("Zk3Qm9Vx2Lp7Rt4Wn8Yb1Hc6Jd0Fg5Se", True),
])
def test_values_typed_in_order_are_not_secrets(value, want):
    assert looks_like_secret(value) is want
