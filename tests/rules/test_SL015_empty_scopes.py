"""SL015 empty-scopes: each case a small, realistic definition file linted with SL015 alone (and SL000,
so that an input that does not parse cannot pass by accident); exact (code, line, col) compared."""
from __future__ import annotations

import pytest
from tests.conftest import check_rule, selected


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
    check_rule(lint_tree, "SL015", files, expected)


def test_sl015_message(lint_tree):
    [finding] = check_rule(lint_tree, "SL015", SL015_CASES[1].values[0], [("SL015", 3, 13)])
    assert finding.message == "client 'erp-push' has no scopes"
    assert finding.client == "erp-push"


TOKEN_CODE = '''
    import requests

    TOKEN_URL = "https://acme.eu-1.celonis.cloud/oauth2/token"


    def exchange(code: str, secret: str) -> dict:
        return requests.post(TOKEN_URL, data={"grant_type": "GRANT", "code": code,
                                              "client_id": "etl-client", "client_secret": secret}).json()
    '''


@pytest.mark.parametrize("grant, expected", [
    pytest.param("client_credentials", [("SL015", 7, 12)], id="client-credentials-without-scope"),
    pytest.param("authorization_code", [], id="code-exchange-sends-none-by-design"),
    pytest.param("refresh_token", [], id="refresh-keeps-the-tokens-scopes"),
])
def test_sl015_token_request_by_grant(lint_tree, grant, expected):
    found = selected(lint_tree, "SL015", {"etl/auth.py": TOKEN_CODE.replace("GRANT", grant)})
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == expected


FETCH_OPTIONS = """\
async function t() {
  const ctrl = new AbortController();
  const res = await fetch("https://acme.eu-1.celonis.cloud/oauth2/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "%s", client_id: process.env.CELONIS_CLIENT_ID, scope: "studio" }),
    signal: ctrl.signal,
    cache: "no-store",
  });
  return (await res.json()).access_token;
}
"""

GOT_OPTIONS = """\
import got from "got";
export async function t() {
  return got.post("https://acme.eu-1.celonis.cloud/oauth2/token", {
    form: { grant_type: "%s", scope: "studio" },
    username: process.env.CELONIS_CLIENT_ID,
    password: process.env.CELONIS_CLIENT_SECRET,
    responseType: "json",
  }).json();
}
"""


@pytest.mark.parametrize("path, text", [("src/fetch.js", FETCH_OPTIONS), ("src/got.ts", GOT_OPTIONS)])
def test_sl015_options_beside_the_body_are_not_the_body(lint_tree, path, text):
    """fetch's ``signal``/``cache`` and got's ``username``/``responseType`` are options: the body is
    still read from ``body``/``form`` (its scope sent, its grant type judged)."""
    sent = lint_tree({path: text % "client_credentials"}).findings
    assert [f.code for f in sent if f.code in ("SL010", "SL015")] == []
    password = lint_tree({path: text % "password"}).findings
    assert [f.code for f in password if f.code in ("SL010", "SL015")] == ["SL010"]


MOCKED = {
    "tests/test_responses.py": 'import responses\n\n'
                               'responses.post("https://acme.eu-1.celonis.cloud/oauth2/token", json={"access_token": "x"})\n',
    "tests/test_fixture.py": 'def test_token(requests_mock):\n'
                             '    requests_mock.post("https://acme.eu-1.celonis.cloud/oauth2/token", json={"access_token": "x"})\n',
    "tests/test_respx.py": 'import httpx\nimport respx\n\n'
                           'respx.post("https://acme.eu-1.celonis.cloud/oauth2/token").mock('
                           'return_value=httpx.Response(200, json={"access_token": "x"}))\n',
    "tests/test_aio.py": 'from aioresponses import aioresponses\n\n'
                         'def test_token():\n    with aioresponses() as m:\n'
                         '        m.post("https://acme.eu-1.celonis.cloud/oauth2/token", payload={"access_token": "x"})\n',
    # a session built in a loop of its own binding stays a session (no endless look-up)
    "src/client.py": 'import requests\n\ns = requests.Session()\ns = s if s else requests.Session()\n'
                     's.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={"grant_type": "client_credentials"})\n',
}


def test_sl015_a_mocked_reply_is_no_token_request(lint_tree):
    """Registering a reply with an HTTP mocking library (responses, requests_mock, respx,
    aioresponses) sends nothing: no "sends no scope". A real session's request still does."""
    found = [(f.code, f.loc.path) for f in lint_tree(MOCKED).findings if f.code == "SL015"]
    assert found == [("SL015", "src/client.py")]


ENV_SCOPE = """const SCOPE = process.env.CELONIS_SCOPE %s;
module.exports = () => fetch("https://acme.eu-1.celonis.cloud/oauth2/token", {
  method: "POST",
  body: new URLSearchParams({ grant_type: "client_credentials", scope: SCOPE }),
});
"""


@pytest.mark.parametrize("fallback, expected", [
    # ``|| ''`` / ``?? ''``: "unset", spelled out; the scope comes from the environment, unknown here
    ("|| ''", []), ('?? ""', []), ("|| ``", []),
    # a fallback that is a scope list is what is sent when the variable is unset: judged
    ("|| 'studio,integration.data-pools'", [("SL002", 1, 45)]),
    ("", []),
])
def test_sl015_an_empty_fallback_of_an_environment_scope_is_no_empty_scope(lint_tree, fallback, expected):
    """camunda-8-js-sdk and project44's Celonis app read every setting as ``process.env.X || ''``. The
    empty string is no scope sent (the Python twin, ``os.environ.get("X", "")``, was already silent)."""
    found = lint_tree({"src/token.js": ENV_SCOPE % fallback}).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found if f.code in ("SL002", "SL015")] == expected


def test_sl015_a_config_modules_empty_fallback_is_no_empty_scope(lint_tree):
    files = {
        "src/config.js": "module.exports = {\n  scope: process.env.CELONIS_SCOPE || '',\n"
                         "  url: process.env.CELONIS_URL || 'https://acme.eu-1.celonis.cloud',\n};\n",
        "src/token.js": "const cfg = require('./config');\n"
                        "module.exports = () => fetch(`${cfg.url}/oauth2/token`, { method: 'POST', body: new URLSearchParams("
                        "{ grant_type: 'client_credentials', scope: cfg.scope }) });\n",
        # no scope at all: still SL015
        "src/other.js": "module.exports = () => fetch('https://acme.eu-1.celonis.cloud/oauth2/token', { method: 'POST', "
                        "body: new URLSearchParams({ grant_type: 'client_credentials' }) });\n",
    }
    found = [(f.code, f.loc.path, f.loc.line) for f in lint_tree(files).findings if f.code == "SL015"]
    assert found == [("SL015", "src/other.js", 1)]
