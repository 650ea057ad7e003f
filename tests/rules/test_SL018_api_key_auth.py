"""SL018 api-key-auth: Celonis calls authenticated with ``AppKey`` or a static API key (a note)."""
from __future__ import annotations

import pytest
from tests.conftest import selected

PYTHON = '''
    import os

    import requests

    TEAM = "https://acme.eu-1.celonis.cloud"


    def packages() -> dict:
        headers = {"Authorization": "AppKey " + os.environ["CELONIS_APP_KEY"]}
        return requests.get(f"{TEAM}/package-manager/api/packages", headers=headers).json()
    '''

SHELL = """
    #!/bin/sh
    curl -fsS -H "Authorization: AppKey ${CELONIS_APP_KEY}" "https://acme.eu-1.celonis.cloud/package-manager/api/packages"
    """


@pytest.mark.parametrize("path, text, expected", [
    pytest.param("src/packages.py", PYTHON,
                 [("SL018", 9, 33, "Celonis call authenticated with an application key (AppKey) instead of an OAuth token")], id="python"),
    pytest.param("scripts/pull.sh", SHELL,
                 [("SL018", 2, 30, "Celonis call authenticated with an application key (AppKey) instead of an OAuth token")], id="shell"),
    pytest.param("src/packages.py", PYTHON.replace('"AppKey " + os.environ["CELONIS_APP_KEY"]', 'f"Bearer {os.environ[\'TOKEN\']}"'),
                 [], id="bearer-is-clean"),
    # a settings module whose key type defaults to a key, read by a call in another module
    pytest.param("app/config.py", 'import os\n\nclass Config:\n    CELONIS_API_TOKEN = os.getenv("CELONIS_API_TOKEN")\n'
                 '    CELONIS_KEY_TYPE = os.getenv("CELONIS_KEY_TYPE", "APP_KEY")\n',
                 [("SL018", 5, 54, "Celonis call authenticated with an application key (AppKey) instead of an OAuth token")],
                 id="key-type-setting-in-a-settings-module"),
    pytest.param("app/config.py", 'import os\n\nclass Config:\n    OAUTH_CLIENT_ID = os.getenv("OAUTH_CLIENT_ID")\n'
                 '    OAUTH_CLIENT_SECRET = os.getenv("OAUTH_CLIENT_SECRET")\n'
                 '    CELONIS_KEY_TYPE = os.getenv("CELONIS_KEY_TYPE", "USER_KEY")\n', [],
                 id="key-type-setting-beside-oauth-settings"),
    pytest.param("app/config.py", 'import os\n\nCELONIS_URL = os.getenv("CELONIS_URL")\n'
                 'CELONIS_CLIENT_ID = os.environ["CELONIS_CLIENT_ID"]\nCELONIS_CLIENT_SECRET = os.environ["CELONIS_CLIENT_SECRET"]\n'
                 'CELONIS_KEY_TYPE = os.getenv("CELONIS_KEY_TYPE", "USER_KEY")\n', [],
                 id="key-type-setting-beside-oauth-settings-read-by-subscript"),
    pytest.param("internal/pools.go", 'package celonis\n\nfunc pools() {\n'
                 '\treq, _ := http.NewRequest("GET", "https://acme.eu-1.celonis.cloud/integration/api/pools", nil)\n'
                 '\treq.Header.Set("Authorization", fmt.Sprintf("AppKey %v", os.Getenv("CELONIS_API_KEY")))\n}\n',
                 [("SL018", 5, 47, "Celonis call authenticated with an application key (AppKey) instead of an OAuth token")],
                 id="go-sprintf-with-v"),
    # a key read from the environment and sent as a Bearer token by code that never talks to Celonis
    pytest.param("app/telemetry.py", 'import os\nfrom opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter\n'
                 'exporter = OTLPSpanExporter(\n    endpoint=f"{os.environ.get(\'LANGWATCH_ENDPOINT\')}/api/otel/v1/traces",\n'
                 '    headers={"Authorization": "Bearer " + os.environ["LANGWATCH_API_KEY"]},\n)\n', [],
                 id="another-services-key-in-code-that-does-not-talk-to-celonis"),
    pytest.param("app/telemetry.py", 'import os\nimport requests\n\ndef pools(base):\n'
                 '    return requests.get(f"{base}/integration/api/pools",\n'
                 '                        headers={"Authorization": "Bearer " + os.environ["SERVICE_API_KEY"]})\n',
                 [("SL018", 6, 51, "Celonis call authenticated with a static API key instead of an OAuth token")],
                 id="the-same-key-on-a-celonis-path"),
    # a personal access token lives until revoked: a static key, however the Bearer value is named
    pytest.param("netlify/functions/workbenches.js", 'const TENANT = "acme.us-2.celonis.cloud";\n'
                 'const token = process.env.CELONIS_PAT;\n\nexport async function handler() {\n'
                 '  const res = await fetch(`https://${TENANT}/intelligence/api/applications`, {\n'
                 '    headers: { Authorization: `Bearer ${token}` },\n  });\n  return res.json();\n}\n',
                 [("SL018", 6, 32, "Celonis call authenticated with a static API key instead of an OAuth token")],
                 id="personal-access-token-in-javascript"),
    pytest.param("scripts/releases.js", 'const token = process.env.GITHUB_PAT;\n'
                 'await fetch("https://api.github.com/repos/acme/etl/releases", { headers: { Authorization: `Bearer ${token}` } });\n',
                 [], id="another-services-personal-access-token"),
    # a key type set beside an OAuth client's settings only picks the Bearer prefix: the client uses OAuth
    pytest.param(".env.example", "CELONIS_URL=https://tenant.eu-1.celonis.cloud\nOAUTH_CLIENT_ID=\nOAUTH_CLIENT_SECRET=\n"
                 "OAUTH_SCOPES=integration.data-pools\nCELONIS_KEY_TYPE=USER_KEY\n", [], id="key-type-beside-oauth-settings"),
    pytest.param(".env.example", "CELONIS_URL=https://tenant.eu-1.celonis.cloud\nCELONIS_API_TOKEN=\nCELONIS_KEY_TYPE=USER_KEY\n",
                 [("SL018", 3, 18, "Celonis call authenticated with a static API key instead of an OAuth token")],
                 id="key-type-beside-a-token"),
    # an Authorization header written in a config file
    pytest.param("conf/celonis.yaml", "celonis:\n  url: https://acme.eu-1.celonis.cloud\n  headers:\n"
                 "    Authorization: AppKey ${CELONIS_APP_KEY}\n",
                 [("SL018", 4, 20, "Celonis call authenticated with an application key (AppKey) instead of an OAuth token")], id="config-header"),
    # a Bearer key in a config file: one reference to a variable named as a key, as the other readers judge it;
    # a Bearer token is no key
    pytest.param("conf/celonis.yaml", "celonis:\n  url: https://acme.eu-1.celonis.cloud\n  headers:\n"
                 "    Authorization: Bearer ${CELONIS_API_KEY}\n",
                 [("SL018", 4, 20, "Celonis call authenticated with a static API key instead of an OAuth token")],
                 id="config-bearer-key"),
    pytest.param("conf/celonis.yaml", "celonis:\n  url: https://acme.eu-1.celonis.cloud\n  headers:\n"
                 "    Authorization: Bearer ${CELONIS_ACCESS_TOKEN}\n", [], id="config-bearer-token"),
    # a settings class whose field reads the key type from the environment, with a default
    pytest.param("app/config.py", 'import os\nfrom pycelonis import get_celonis\n\nclass Settings:\n'
                 '    CELONIS_API_TOKEN: str = os.getenv("CELONIS_API_TOKEN", "")\n'
                 '    CELONIS_KEY_TYPE: str = os.getenv("CELONIS_KEY_TYPE", "USER_KEY")\n\nsettings = Settings()\n'
                 'celonis = get_celonis(api_token=settings.CELONIS_API_TOKEN, key_type=settings.CELONIS_KEY_TYPE)\n',
                 [("SL018", 9, 70, "Celonis call authenticated with a static API key instead of an OAuth token")],
                 id="settings-field-from-the-environment"),
    # the session of another Celonis client package, given an API token by name
    pytest.param("getting-started.py", "import os\nfrom celonis_cloud.api import CelonisSession\n\n"
                 "settings = {'base_url': 'https://acme.eu-1.celonis.cloud', 'api_token': os.environ['CELONIS_API_TOKEN']}\n"
                 "with CelonisSession(**settings) as session:\n    session.push_table('orders', rows)\n",
                 [("SL018", 5, 23, "Celonis call authenticated with a static API key instead of an OAuth token")],
                 id="another-celonis-package-session"),
    pytest.param("getting-started.py", "import os\nfrom acme_cloud.api import Session\n\n"
                 "settings = {'base_url': 'https://api.acme.io', 'api_token': os.environ['ACME_API_TOKEN']}\n"
                 "with Session(**settings) as session:\n    session.push_table('orders', rows)\n", [],
                 id="another-vendors-package-session"),
    # a token read from a login's response, held under a key's name on its way: a token all the same
    pytest.param("src/pools.ts", 'const BASE = process.env.CELONIS_URL;\nexport async function pools(login) {\n'
                 '  const apiKey = (await login()).access_token;\n'
                 '  return axios.get(`${BASE}/integration/api/pools`, { headers: { Authorization: `Bearer ${apiKey}` } });\n}\n',
                 [], id="a-login-responses-token-held-as-a-key"),
    pytest.param("src/pools.ts", 'const BASE = process.env.CELONIS_URL;\nexport async function pools() {\n'
                 '  const apiKey = process.env.CELONIS_KEY;\n'
                 '  return axios.get(`${BASE}/integration/api/pools`, { headers: { Authorization: `Bearer ${apiKey}` } });\n}\n',
                 [("SL018", 4, 82, "Celonis call authenticated with a static API key instead of an OAuth token")],
                 id="an-environment-value-held-as-a-key"),
    # ... and where a sibling function holds a key of its own under that name
    pytest.param("src/pools.ts", 'const BASE = process.env.CELONIS_URL;\nexport async function pools(login) {\n'
                 '  const apiKey = (await login()).access_token;\n'
                 '  return axios.get(`${BASE}/integration/api/pools`, { headers: { Authorization: `Bearer ${apiKey}` } });\n}\n'
                 'export async function legacy() {\n  const apiKey = process.env.CELONIS_KEY;\n'
                 '  return axios.get(`${BASE}/integration/api/pools/x`, { headers: { Authorization: `Bearer ${apiKey}` } });\n}\n',
                 [("SL018", 8, 84, "Celonis call authenticated with a static API key instead of an OAuth token")],
                 id="a-token-and-a-key-under-one-name-in-two-functions"),
    # a key a workflow reads through another service's context (an input, an AWS step's output): a key all the same
    pytest.param(".github/workflows/export.yml", "on: workflow_dispatch\njobs:\n  export:\n    runs-on: ubuntu-latest\n"
                 "    steps:\n      - run: |\n          curl -H \"Authorization: Bearer ${{ github.event.inputs.api_key }}\" "
                 "https://acme.eu-1.celonis.cloud/integration/api/pools\n",
                 [("SL018", 7, 35, "Celonis call authenticated with a static API key instead of an OAuth token")],
                 id="a-key-read-through-another-services-context"),
    # another service's key sent beside Celonis calls made with a token: that service's, not a Celonis key
    pytest.param("app/agent.py", 'import os\nimport requests\n\nCELONIS_URL = os.environ["CELONIS_URL"]\n\n'
                 'def kpis(token):\n    return requests.get(f"{CELONIS_URL}/intelligence/api/knowledge-models",'
                 ' headers={"Authorization": f"Bearer {token}"})\n\ndef summarize(url, text):\n'
                 '    return requests.post(f"{url}/chat/completions",'
                 ' headers={"Authorization": f"Bearer {os.environ[\'OPENAI_API_KEY\']}"})\n', [],
                 id="another-services-key-beside-celonis-calls"),
    pytest.param("src/sync.js", 'const base = process.env.CELONIS_URL;\n'
                 'fetch(`${base}/integration/api/pools`, { headers: { Authorization: `Bearer ${token}` } });\n'
                 'fetch(githubUrl, { headers: { Authorization: "Bearer " + process.env.GITHUB_API_KEY } });\n'
                 'fetch(`${base}/integration/api/pools`, { headers: { Authorization: `Bearer ${process.env.CELONIS_API_KEY}` } });\n',
                 [("SL018", 4, 69, "Celonis call authenticated with a static API key instead of an OAuth token")],
                 id="another-services-key-in-javascript"),
])
def test_sl018_api_key_auth(lint_tree, path, text, expected):
    found = selected(lint_tree, "SL018", {path: text})
    assert [(f.code, f.loc.line, f.loc.col, f.message) for f in found] == expected
    assert all(f.level == "note" for f in found)


@pytest.mark.parametrize("path, text, span", [
    # the key is a constant defined lines before: the span is the value as written at the header
    pytest.param("web/pools.js", 'const BASE = "https://acme.eu-1.celonis.cloud";\nconst KEY = process.env.CELONIS_APP_KEY;\n'
                 'export const pools = () => fetch(`${BASE}/integration/api/pools`,\n'
                 '  { headers: { Authorization: "AppKey " + KEY } });\n', (4, 32, 4, 39), id="javascript-constant"),
    pytest.param("src/Pools.java", 'class Pools {\n  static final String URL = "https://acme.eu-1.celonis.cloud/integration/api/pools";\n'
                 '  static final String KEY = System.getenv("CELONIS_APP_KEY");\n'
                 '  void go() { req.header("Authorization", "AppKey " + KEY); }\n}\n', (4, 44, 4, 58), id="java-constant"),
    pytest.param("scripts/pull.sh", '#!/bin/sh\nKEY="$CELONIS_APP_KEY"\n'
                 'curl -H "Authorization: AppKey $KEY" https://acme.eu-1.celonis.cloud/integration/api/pools\n',
                 (3, 25, 3, 32), id="shell-variable"),
])
def test_sl018_span_is_never_empty_when_the_key_is_written_elsewhere(lint_tree, path, text, span):
    """A header value whose key is defined apart from its use is marked where the header is written,
    with a width an editor can underline (not an empty span at its start)."""
    found = selected(lint_tree, "SL018", {path: text})
    assert [(f.loc.line, f.loc.col, f.loc.end_line, f.loc.end_col) for f in found] == [span]


POOLS = 'requests.get("https://acme.eu-1.celonis.cloud/integration/api/pools", headers={"Authorization": f"Bearer {token}"})\n'
KEY_NOTE = "Celonis call authenticated with a static API key instead of an OAuth token"


@pytest.mark.parametrize("text, expected", [
    # a key read from the environment or settings, tidied before it is sent: still the key
    pytest.param('import os, requests\ntoken = os.getenv("CELONIS_API_TOKEN", "").strip()\n' + POOLS,
                 [("SL018", 3, 97)], id="env-stripped"),
    pytest.param('import os, requests\ntoken = os.getenv("CELONIS_API_TOKEN") or os.getenv("CELONIS_API_KEY") or ""\n' + POOLS,
                 [("SL018", 3, 97)], id="env-or-env"),
    pytest.param('import requests\n\nclass Gateway:\n    def __init__(self, settings):\n        self._settings = settings\n\n'
                 '    def pools(self, override=None):\n'
                 '        token = (override or self._settings.celonis_api_token or "").strip()\n'
                 '        ' + POOLS, [("SL018", 9, 105)], id="override-or-setting-stripped"),
    # lookalikes: an OAuth token from the token endpoint, tidied the same way; an or between a key and a token
    pytest.param('import os, requests\nresp = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={'
                 '"grant_type": "client_credentials", "scope": "integration.data-pools"}, auth=(os.environ["ID"], '
                 'os.environ["SECRET"]))\ntoken = (resp.json().get("access_token") or "").strip()\n' + POOLS, [],
                 id="oauth-token-stripped"),
    pytest.param('import os, requests\ntoken = os.getenv("CELONIS_ACCESS_TOKEN") or os.getenv("CELONIS_API_KEY")\n' + POOLS,
                 [], id="token-or-key"),
])
def test_sl018_a_key_tidied_before_it_is_sent_is_still_the_key(lint_tree, text, expected):
    found = selected(lint_tree, "SL018", {"etl/pools.py": text})
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == expected
    assert all(f.message == KEY_NOTE for f in found)
