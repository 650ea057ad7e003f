"""SL005 on a URL only written in a string, no request seen to send it (a constant handed on, data that
describes an endpoint): a warning; the same URL sent by a request the reader sees: an error."""
from __future__ import annotations

import pytest

TOKEN_JS = """\
const TEAM = "https://acme.eu-1.celonis.cloud";
export async function mcpToken() {
  const r = await fetch(`${TEAM}/oauth2/token`, { method: "POST", body: new URLSearchParams({
    grant_type: "client_credentials", client_id: process.env.CID, client_secret: process.env.CS,
    scope: "mcp-asset.tools:execute" }) });
  return (await r.json()).access_token;
}
"""
TOKEN_PY = """\
import os, requests
TEAM = "https://acme.eu-1.celonis.cloud"
token = requests.post(f"{TEAM}/oauth2/token", data={"grant_type": "client_credentials", "scope": "studio.packages:read",
                      "client_id": os.environ["CID"], "client_secret": os.environ["CS"]}).json()["access_token"]
"""


@pytest.mark.parametrize("files, want", [
    pytest.param({"src/mcp.ts": TOKEN_JS, "src/lineage.ts": (
        "export const lineage = [{ sourceEndpoint: 'https://acme.eu-1.celonis.cloud/integration/api/v1/data-push' }];\n")},
        [("src/lineage.ts", "warning", "API call /integration/api/v1/data-push (via string literal) needs scope "
                                       "'integration.data-pools:data_push', which the scopes this code requests do not grant")],
        id="javascript-data"),
    pytest.param({"src/mcp.ts": TOKEN_JS + "export const push = (t) => fetch(`${TEAM}/integration/api/v1/data-push/p/jobs/`, "
                                           "{ method: 'POST', headers: { Authorization: `Bearer ${t}` } });\n"},
                 [("src/mcp.ts", "error", "API call POST /integration/api/v1/data-push/p/jobs/ (via fetch) needs scope "
                                          "'integration.data-pools:data_push', which the scopes this code requests do not grant")],
                 id="javascript-fetch"),
    pytest.param({"etl/push.py": TOKEN_PY + 'PUSH = f"{TEAM}/integration/api/v1/data-push/"\n'},
                 [("etl/push.py", "warning", "API call /integration/api/v1/data-push/ (via string literal) needs scope "
                                             "'integration.data-pools:data_push', which the scopes this code requests do not grant")],
                 id="python-constant"),
    pytest.param({"etl/push.py": TOKEN_PY + 'requests.post(f"{TEAM}/integration/api/v1/data-push/p/jobs/", '
                                            'headers={"Authorization": f"Bearer {token}"})\n'},
                 [("etl/push.py", "error", "API call POST /integration/api/v1/data-push/p/jobs/ needs scope "
                                           "'integration.data-pools:data_push', which the scopes this code requests do not grant")],
                 id="python-request"),
])
def test_a_url_only_written_is_a_warning_a_url_sent_an_error(lint_tree, files, want):
    found = [(f.loc.path, f.level, f.message) for f in lint_tree(files).findings if f.code == "SL005"]
    assert found == want


CLIENT = ("oauth_clients:\n  - name: prom-upload\n    scopes: [integration.data-pools:data_push]\n"
          "    justification: {integration.data-pools:data_push: pushes event logs}\n")
JAVA = """\
class Celonis {{
  void getDataPools() {{
    String targetUrl = this.url + "/integration/api/pools";
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(accessToken);
    {use}
  }}
}}
"""
GO = """\
package celonis

func pools(token string) {{
	url := base + "/integration/api/pools"
	{use}
}}
"""


@pytest.mark.parametrize("path, text, want", [
    # a local variable set to the URL, then given to the request that sends it
    pytest.param("Celonis.java", JAVA.format(use="restTemplate.exchange(targetUrl, HttpMethod.GET, new HttpEntity<>(headers), String.class);"),
                 [(3, 36, "error", "exchange")], id="java-exchange"),
    pytest.param("pools.go", GO.format(use='req, _ := http.NewRequest("GET", url, nil)'), [(4, 17, "error", "NewRequest")],
                 id="go-new-request"),
    pytest.param("Pools.cs", 'class Pools {\n  async Task Get() {\n    var url = Base + "/integration/api/pools";\n'
                             '    var response = await client.GetAsync(url);\n  }\n}\n', [(3, 23, "error", "GetAsync")], id="csharp"),
    # lookalikes: the variable only logged, set again before the request, another method's variable of that name
    pytest.param("Celonis.java", JAVA.format(use="log.info(targetUrl);"), [(3, 36, "warning", "string literal")],
                 id="java-logged"),
    pytest.param("Celonis.java", JAVA.format(use='targetUrl = "https://example.com/x"; restTemplate.exchange(targetUrl, HttpMethod.GET, e, String.class);'),
                 [(3, 36, "warning", "string literal")], id="java-set-again"),
    pytest.param("Celonis.java", JAVA.format(use="") + "class Other {\n  void go() { restTemplate.exchange(targetUrl, HttpMethod.GET, e, String.class); }\n}\n",
                 [(3, 36, "warning", "string literal")], id="java-other-block"),
    # a class's field is no local variable: a method's parameter of its name is another value
    pytest.param("Pools.java", 'class Pools {\n  private String poolsUrl = BASE + "/integration/api/pools";\n'
                 '  private String get(String poolsUrl) {\n    return restTemplate.getForObject(poolsUrl, String.class);\n  }\n}\n',
                 [(2, 37, "warning", "string literal")], id="java-field"),
    # Go: declared again with := in an inner block, a new variable
    pytest.param("pools.go", GO.format(use='for _, p := range mirrors {\n\t\turl := p.Base + "/status"\n\t\thttp.Get(url)\n\t}'),
                 [(4, 17, "warning", "string literal")], id="go-declared-again"),
    # ... with a type, or beside another name; and the outer variable sent after the inner block
    pytest.param("pools.go", GO.format(use='for _, p := range mirrors {\n\t\tvar url string = p.Base\n\t\thttp.Get(url)\n\t}'),
                 [(4, 17, "warning", "string literal")], id="go-declared-again-with-a-type"),
    pytest.param("pools.go", GO.format(use='for i := 0; i < 3; i++ {\n\t\turl, err := signed(i)\n\t\thttp.Get(url)\n\t}'),
                 [(4, 17, "warning", "string literal")], id="go-declared-again-beside-another-name"),
    pytest.param("pools.go", GO.format(use='if debug {\n\t\turl := "https://httpbin.org/get"\n\t\thttp.Get(url)\n\t}\n'
                                           '\thttp.Get(url)'),
                 [(4, 17, "error", "Get")], id="go-sent-after-an-inner-variable-of-its-name"),
    pytest.param("Sync.kt", 'class Sync(private val rest: RestTemplate) {\n  fun run(pools: List<String>) {\n'
                 '    val url = "$base/integration/api/pools"\n    for (pool in pools) {\n'
                 '      val url: String = "https://hooks.slack.com/services/T000/B000/XXX"\n'
                 '      rest.postForObject(url, pool, String::class.java)\n    }\n  }\n}\n',
                 [(3, 21, "warning", "string literal")], id="kotlin-declared-again-with-a-type"),
])
def test_a_url_a_local_variable_hands_to_the_request_is_sent(lint_tree, path, text, want):
    found = [(f.loc.line, f.loc.col, f.level, f.message.split("(via ")[1].split(")")[0])
             for f in lint_tree({"clients.yaml": CLIENT, path: text}).findings if f.code == "SL005"]
    assert found == want
