"""SL005 missing-scope: code calls a Celonis API that none of its client's scopes opens."""
from __future__ import annotations

import pytest

from tests.conftest import DATA_PUSH, KM_EXPORT, KM_READS, code_facts, definition_facts, selected, usage_findings

from scopelint import catalog
from scopelint.config import Config
from scopelint.linter import check
from scopelint.project import Project


def test_sl005_every_call_the_grant_does_not_open():
    files = (definition_facts("intelligence.knowledge-models:read"), code_facts("etl/job.py", *DATA_PUSH))
    assert usage_findings(*files, codes=("SL005",)) == [("SL005", "etl/job.py", 10, 5), ("SL005", "etl/job.py", 11, 5)]


def test_sl005_clean_when_the_grant_opens_the_calls():
    files = (definition_facts("integration.data-pools:data_push"), code_facts("etl/job.py", *DATA_PUSH))
    assert usage_findings(*files, codes=("SL005",)) == []


def test_sl005_never_for_a_route_of_unknown_gating():
    files = (definition_facts("integration.data-pools:data_push"), code_facts("etl/job.py", ("GET", "/api/cloud/permissions")))
    assert usage_findings(*files, codes=("SL005",)) == []


def test_sl005_code_outside_globs_is_checked_against_its_own_request():
    files = (definition_facts("integration.data-pools:data_push"),
             code_facts("tools/report.py", *KM_READS, requested=("audit.log:read",)))
    assert usage_findings(*files, codes=("SL005",)) == [("SL005", "tools/report.py", 10, 5)]


def test_sl005_unclaimed_code_without_a_resolved_request_is_not_judged():
    files = (definition_facts("integration.data-pools:data_push"), code_facts("tools/report.py", *KM_READS))
    assert usage_findings(*files, codes=("SL005",)) == []


def test_sl005_inferred_route_is_a_warning_not_an_error():
    project = Project.build([definition_facts("studio"),
                             code_facts("etl/x.py", ("GET", "/realtime-integration/api/pools/p/replications"))],
                            catalog.shipped())
    [finding] = check(project, Config(select=("SL005",)))
    assert (finding.code, finding.level, finding.scope) == ("SL005", "warning", "integration.data-pools")


def test_sl005_an_inferred_routes_hint_names_every_scope_it_may_take():
    """The narrowest scope of an inferred route is a guess: the hint names the others it may take too."""
    def found(path: str, method: str = "GET"):
        project = Project.build([definition_facts("integration.data-pools"), code_facts("etl/x.py", (method, path))],
                                catalog.shipped())
        return [(f.scope, f.hint) for f in check(project, Config(select=("SL005",)))]

    assert found("/package-manager/api/spaces") == [("studio.packages:read", "add 'studio.packages:read' to the client's "
                                                     "scopes (or 'studio': which of them the API accepts is not documented)")]
    # a route of one scope, inferred; a documented route
    assert found("/package-manager/api/spaces", "POST") == [("studio", "add 'studio' to the client's scopes")]
    assert found("/intelligence/api/knowledge-models/km/data") == [
        ("intelligence.knowledge-models:read", "add 'intelligence.knowledge-models:read' to the client's scopes")]


def test_sl005_on_a_client_and_its_python_code(lint_tree):
    [finding] = selected(lint_tree, "SL005", KM_EXPORT)
    assert (finding.code, finding.loc.path, finding.loc.line, finding.loc.col) == ("SL005", "etl/export.py", 20, 26)
    assert finding.message == ("API call GET /integration/api/pools needs scope 'integration.data-pools', "
                               "which client 'km-export' does not grant")
    assert finding.level == "error"


KEYED = {
    "src/celonis.ts": """
        const BASE = "https://acme.eu-1.celonis.cloud";
        export async function token() {
          const res = await fetch(`${BASE}/oauth2/token`, {method: "POST",
            body: new URLSearchParams({grant_type: "client_credentials", scope: "studio.packages:read"})});
          return (await res.json()).access_token;
        }
        export async function pools(appKey: string) {
          return fetch(`${BASE}/integration/api/pools`, {headers: {Authorization: `AppKey ${appKey}`}});
        }
        export async function models(token: string) {
          return fetch(`${BASE}/intelligence/api/knowledge-models`, {headers: {Authorization: `Bearer ${token}`}});
        }
        """,
    "etl/push.py": """
        import os
        import requests

        BASE = "https://acme.eu-1.celonis.cloud"
        token = requests.post(f"{BASE}/oauth2/token", data={"grant_type": "client_credentials",
                              "scope": "studio.packages:read"}).json()["access_token"]
        requests.get(f"{BASE}/integration/api/pools", headers={"Authorization": f"AppKey {os.environ['CELONIS_APP_KEY']}"})
        requests.get(f"{BASE}/intelligence/api/knowledge-models", headers={"Authorization": f"Bearer {token}"})
        """,
    "bin/pools.sh": """
        curl -d "grant_type=client_credentials&scope=studio.packages:read" https://acme.eu-1.celonis.cloud/oauth2/token
        curl -H "Authorization: AppKey $CELONIS_APP_KEY" https://acme.eu-1.celonis.cloud/integration/api/pools
        curl -H "Authorization: Bearer $TOKEN" https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models
        """,
    "src/Pools.java": """
        class Pools {
          static final String TOKEN = "https://acme.eu-1.celonis.cloud/oauth2/token";
          HttpRequest token() { return post(TOKEN, "grant_type=client_credentials&scope=studio.packages:read"); }
          HttpRequest pools(String appKey) {
            return HttpRequest.newBuilder(URI.create("https://acme.eu-1.celonis.cloud/integration/api/pools"))
                .header("Accept", "application/json")
                .header("Authorization", "AppKey " + appKey).GET().build();
          }
          HttpRequest models(String token) {
            return HttpRequest.newBuilder(URI.create("https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models"))
                .header("Authorization", "Bearer " + token).GET().build();
          }
        }
        """,
    # the path joined from several literals: the key header goes with the whole path the chain makes
    "src/Models.java": """
        class Models {
          static final String TOKEN = "https://acme.eu-1.celonis.cloud/oauth2/token";
          HttpRequest token() { return post(TOKEN, "grant_type=client_credentials&scope=studio.packages:read"); }
          void models(String pool) {
            String targetUrl = this.url + "/integration/api/pools/" + pool + "/data-models";
            headers.add("Authorization", "AppKey " + this.appKey);
            restTemplate.exchange(targetUrl, HttpMethod.GET, new HttpEntity<String>(headers), String.class);
          }
          HttpRequest kms(String token) {
            return HttpRequest.newBuilder(URI.create("https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models"))
                .header("Authorization", "Bearer " + token).GET().build();
          }
        }
        """,
    # the key header added to a headers object first, the request given an entity made of it, in a block
    "src/Entity.java": """
        class Entity {
          static final String TOKEN = "https://acme.eu-1.celonis.cloud/oauth2/token";
          HttpRequest token() { return post(TOKEN, "grant_type=client_credentials&scope=studio.packages:read"); }
          void pools() {
            HttpHeaders headers = new HttpHeaders();
            headers.add("Authorization", "AppKey " + this.appKey);
            HttpEntity<String> request = new HttpEntity<String>(headers);
            String targetUrl = this.url + "/integration/api/pools";
            try {
              restTemplate.exchange(targetUrl, HttpMethod.GET, request, String.class);
            } catch (Exception e) {
            }
          }
          HttpRequest kms(String token) {
            return HttpRequest.newBuilder(URI.create("https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models"))
                .header("Authorization", "Bearer " + token).GET().build();
          }
        }
        """,
    # the URL in a variable (built with String.format), the key header after it, both given to a helper of the project
    "src/Wrapped.java": """
        class Wrapped {
          static final String TOKEN = "https://acme.eu-1.celonis.cloud/oauth2/token";
          HttpRequest token() { return post(TOKEN, "grant_type=client_credentials&scope=studio.packages:read"); }
          void updateDataPools() {
            String targetUrl = String.format(this.url + "/integration/api/pools");
            HttpHeaders headers = new HttpHeaders();
            headers.add("Authorization", "AppKey " + this.appKey);
            HttpEntity<String> jobRequest = new HttpEntity<>(headers);
            ResponseEntity<String> r = APIUtils.getWithPayloadRequest(targetUrl, jobRequest, "Get data pools");
          }
          HttpRequest kms(String token) {
            return HttpRequest.newBuilder(URI.create("https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models"))
                .header("Authorization", "Bearer " + token).GET().build();
          }
        }
        """,
    # a field given the key by the class's constructor (Spring's client)
    "src/PoolClient.java": """
        class PoolClient {
          static final String TOKEN = "https://acme.eu-1.celonis.cloud/oauth2/token";
          private final HttpHeaders headers = new HttpHeaders();
          PoolClient(String appKey) {
            headers.set("Authorization", "AppKey " + appKey);
          }
          HttpRequest token() { return post(TOKEN, "grant_type=client_credentials&scope=studio.packages:read"); }
          String pools() {
            return rest.exchange(base + "/integration/api/pools", HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody();
          }
          HttpRequest kms(String token) {
            return HttpRequest.newBuilder(URI.create("https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models"))
                .header("Authorization", "Bearer " + token).GET().build();
          }
        }
        """,
    # .NET: a key among a client's default headers goes with the requests made on that client
    "src/Models.cs": """
        public class CelonisClient {
          private readonly HttpClient _http = new HttpClient();
          const string TOKEN = "https://acme.eu-1.celonis.cloud/oauth2/token";
          string Form() { return "grant_type=client_credentials&scope=studio.packages:read"; }
          public async Task<string> Pools(string baseUrl) {
            _http.DefaultRequestHeaders.Add("Authorization", "AppKey " + Environment.GetEnvironmentVariable("CELONIS_APP_KEY"));
            var url = $"{baseUrl}/integration/api/pools";
            return await _http.GetStringAsync(url);
          }
          public HttpRequestMessage Kms(string token) {
            var request = new HttpRequestMessage(HttpMethod.Get, "https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
          }
        }
        """,
    # java.net's connection, made from the URL's variable, given the key header
    "src/Legacy.java": """
        class Legacy {
          static final String TOKEN = "https://acme.eu-1.celonis.cloud/oauth2/token";
          HttpRequest token() { return post(TOKEN, "grant_type=client_credentials&scope=studio.packages:read"); }
          int pools(String base) throws Exception {
            URL url = new URL(base + "/integration/api/pools");
            HttpURLConnection conn = (HttpURLConnection) url.openConnection();
            conn.setRequestProperty("Authorization", "AppKey " + System.getenv("CELONIS_APP_KEY"));
            return conn.getResponseCode();
          }
          HttpRequest kms(String token) {
            return HttpRequest.newBuilder(URI.create("https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models"))
                .header("Authorization", "Bearer " + token).GET().build();
          }
        }
        """,
    "celonis/models.go": """
        package celonis

        const base = "https://acme.eu-1.celonis.cloud"

        func token() { post(base+"/oauth2/token", "grant_type=client_credentials&scope=studio.packages:read") }
        func models(key, pool string) {
            req, _ := http.NewRequest("GET", base+"/integration/api/pools/"+pool+"/data-models", nil)
            req.Header.Set("Authorization", "AppKey "+key)
        }
        func kms(token string) {
            req, _ := http.NewRequest("GET", base+"/intelligence/api/knowledge-models", nil)
            req.Header.Set("Authorization", "Bearer "+token)
        }
        """,
}


@pytest.mark.parametrize("path, keyed, bearer", [("src/celonis.ts", 8, 11), ("etl/push.py", 7, 8), ("bin/pools.sh", 2, 3),
                                                 ("src/Pools.java", 7, 10), ("src/Models.java", 6, 10),
                                                 ("celonis/models.go", 8, 11), ("src/Entity.java", 6, 15),
                                                 ("src/Wrapped.java", 7, 12), ("src/Legacy.java", 7, 11),
                                                 ("src/PoolClient.java", 5, 12), ("src/Models.cs", 6, 11)])
def test_sl005_not_on_a_call_that_sends_an_application_key(lint_tree, path, keyed, bearer):
    """A call sending ``AppKey`` uses no OAuth scope: SL018 is its finding, not SL005 (which would
    have the client granted a scope the call does not use). The Bearer call beside it still is."""
    result = lint_tree({path: KEYED[path]})
    assert sorted((f.code, f.loc.line) for f in result.findings if f.code in ("SL005", "SL018")) == [
        ("SL005", bearer), ("SL018", keyed)]
    sl005 = next(f for f in result.findings if f.code == "SL005")
    assert "/intelligence/api/knowledge-models" in sl005.message
    # a script is a process of its own: the token request it makes is the one its calls send
    whose = "the token request at bin/pools.sh:1 does" if path.endswith(".sh") else "the scopes this code requests do"
    assert sl005.message.endswith(f"which {whose} not grant")


VARIANT_PUSH = """\
BASE=https://acme.eu-1.celonis.cloud
TOKEN=$(curl -s -X POST "$BASE/oauth2/token" -d grant_type=client_credentials -d "scope={scope}" | jq -r .access_token)
curl -s -X POST -H "Authorization: Bearer $TOKEN" "$BASE/integration/api/v1/data-push/p1/jobs/"
"""


@pytest.mark.parametrize("scope, expected", [
    ("integration.data-pools:data-push", ["SL003"]),  # the variant spelling: SL003 is the one finding
    ("intelligence.knowledge-models:read", ["SL005", "SL006"]),  # a scope that does not open the call
])
def test_sl005_a_variant_spelling_grants_the_scope_it_stands_for(lint_tree, scope, expected):
    result = lint_tree({"bin/push.sh": VARIANT_PUSH.format(scope=scope)})
    assert sorted(f.code for f in result.findings if f.code in ("SL003", "SL005", "SL006")) == expected


def test_sl007_a_variant_spelling_requested_of_a_client_that_grants_the_scope(lint_tree):
    files = {
        "clients.yaml": "oauth_clients:\n  - name: push\n    scopes: [integration.data-pools:data_push]\n",
        "bin/push.sh": VARIANT_PUSH.format(scope="integration.data-pools:data-push"),
    }
    assert sorted(f.code for f in lint_tree(files).findings if f.code.startswith("SL00")) == ["SL003"]


def test_one_finding_per_place_and_scope_for_an_sdk_call_that_sends_several_requests(lint_tree):
    """``pool.create_table(...)`` sends five data-push requests and reads the pool's tables: one finding
    for each scope it lacks, at the call, not one per request."""
    script = '''
        from pycelonis import get_celonis, oauth2

        celonis = get_celonis(base_url="https://acme.eu-1.celonis.cloud",
                              api_token=oauth2("etl", "x", "studio"), key_type="BEARER", permissions=False)
        pool = celonis.data_integration.get_data_pool("9b8f0c3e-0000-4000-8000-000000000001")
        pool.create_table(df, "orders", drop_if_exists=True)
        '''
    found = [f for f in lint_tree({"etl/push.py": script}).findings if f.code == "SL005" and f.loc.line == 6]
    assert [(f.loc.col, f.scope) for f in found] == [(6, "integration.data-pools"), (6, "integration.data-pools:data_push")]
    assert found[1].message.startswith("API call POST /data-ingestion/api/v1/data-push/{pool_id}/jobs/ "
                                       "(via DataPool.create_table()) needs scope 'integration.data-pools:data_push' "
                                       "(as do 4 more requests it sends), which")
    assert "more requests" not in found[0].message


def test_sl005_a_connection_made_from_another_url_is_not_keyed_by_the_url_before_it(lint_tree):
    code = KEYED["src/Legacy.java"].replace("url.openConnection()", "new URL(mirror).openConnection()")
    found = [(f.code, f.loc.line) for f in lint_tree({"src/Legacy.java": code}).findings if f.code == "SL005"]
    assert found == [("SL005", 5), ("SL005", 11)]


def test_sl005_a_headers_object_given_a_key_in_another_method_keys_no_request_here(lint_tree):
    code = """
        class Two {
          static final String TOKEN = "https://acme.eu-1.celonis.cloud/oauth2/token";
          HttpRequest token() { return post(TOKEN, "grant_type=client_credentials&scope=studio.packages:read"); }
          void keyed() {
            HttpHeaders headers = new HttpHeaders();
            headers.add("Authorization", "AppKey " + this.appKey);
          }
          void pools(String token) {
            HttpHeaders headers = new HttpHeaders();
            headers.setBearerAuth(token);
            String targetUrl = this.url + "/integration/api/pools";
            restTemplate.exchange(targetUrl, HttpMethod.GET, new HttpEntity<>(headers), String.class);
          }
        }
        """
    result = lint_tree({"src/Two.java": code})
    assert [(f.code, f.loc.line, f.level) for f in result.findings if f.code == "SL005"] == [("SL005", 11, "error")]


TOKEN_JAVA = ('  static final String TOKEN = "https://acme.eu-1.celonis.cloud/oauth2/token";\n'
              '  HttpRequest token() { return post(TOKEN, "grant_type=client_credentials&scope=studio.packages:read"); }\n')


@pytest.mark.parametrize("path, code, line", [
    # the headers object given the key is made again before the request: another object
    ("src/Twice.java", "class Twice {\n" + TOKEN_JAVA + "  void sync(String token) {\n"
     "    HttpHeaders headers = new HttpHeaders();\n    headers.add(\"Authorization\", \"AppKey \" + this.appKey);\n"
     "    for (String pool : pools) {\n      headers = new HttpHeaders();\n      headers.setBearerAuth(token);\n"
     "      restTemplate.exchange(this.url + \"/integration/api/pools/\" + pool, HttpMethod.GET, new HttpEntity<>(headers), String.class);\n"
     "    }\n  }\n}\n", 10),
    # a key header for another host, set on an object of its own after the Celonis request
    ("src/Copilot.java", "class Copilot {\n" + TOKEN_JAVA + "  String ask(String celonisToken) {\n"
     "    HttpHeaders headers = new HttpHeaders();\n    headers.setBearerAuth(celonisToken);\n"
     "    String kmUrl = this.celonisUrl + \"/intelligence/api/knowledge-models/\" + kmId + \"/records\";\n"
     "    ResponseEntity<String> records = restTemplate.exchange(kmUrl, HttpMethod.GET, new HttpEntity<>(headers), String.class);\n"
     "    HttpHeaders aiHeaders = new HttpHeaders();\n    aiHeaders.set(\"Authorization\", \"Bearer \" + openAiApiKey);\n"
     "    return restTemplate.exchange(\"https://api.openai.com/v1/chat/completions\", HttpMethod.POST,\n"
     "        new HttpEntity<>(question, aiHeaders), String.class).getBody();\n  }\n}\n", 7),
    # ... or in the next method
    ("src/Separate.java", "class Separate {\n" + TOKEN_JAVA + "  String records(String celonisToken) {\n"
     "    HttpHeaders headers = new HttpHeaders();\n    headers.setBearerAuth(celonisToken);\n"
     "    return restTemplate.exchange(this.celonisUrl + \"/intelligence/api/knowledge-models/\" + kmId + \"/records\","
     " HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody();\n  }\n"
     "  String ask(String question) {\n    HttpHeaders aiHeaders = new HttpHeaders();\n"
     "    aiHeaders.set(\"Authorization\", \"Bearer \" + openAiApiKey);\n    return ai(aiHeaders, question);\n  }\n}\n", 7),
    # the object's key replaced by a token before the request
    ("src/Switched.java", "class Switched {\n" + TOKEN_JAVA + "  String models(String accessToken) {\n"
     "    HttpHeaders headers = new HttpHeaders();\n    headers.set(\"Authorization\", \"AppKey \" + appKey);\n"
     "    headers.set(\"Authorization\", \"Bearer \" + accessToken);\n"
     "    return rest.exchange(base + \"/intelligence/api/knowledge-models\", HttpMethod.GET, new HttpEntity<>(headers),"
     " String.class).getBody();\n  }\n}\n", 8),
    # a field given the key by a constructor, but the method's own object of its name, or one a method sets
    ("src/Shadow.java", "class Shadow {\n" + TOKEN_JAVA + "  private final HttpHeaders headers = new HttpHeaders();\n"
     "  Shadow(String appKey) {\n    headers.set(\"Authorization\", \"AppKey \" + appKey);\n  }\n"
     "  String models(HttpHeaders headers) {\n"
     "    return rest.exchange(base + \"/intelligence/api/knowledge-models\", HttpMethod.GET, new HttpEntity<>(headers),"
     " String.class).getBody();\n  }\n}\n", 9),
    ("src/Later.java", "class Later {\n" + TOKEN_JAVA + "  private final HttpHeaders headers = new HttpHeaders();\n"
     "  void useKey(String appKey) {\n    headers.set(\"Authorization\", \"AppKey \" + appKey);\n  }\n"
     "  String models() {\n"
     "    return rest.exchange(base + \"/intelligence/api/knowledge-models\", HttpMethod.GET, new HttpEntity<>(headers),"
     " String.class).getBody();\n  }\n}\n", 9),
])
def test_sl005_a_key_header_keys_only_the_request_given_its_object(lint_tree, path, code, line):
    result = lint_tree({path: code})
    assert [(f.code, f.loc.line, f.level) for f in result.findings if f.code == "SL005"] == [("SL005", line, "error")]


def test_sl005_a_kotlin_classs_field_is_no_local_variable_behind_its_constructor(lint_tree):
    code = ("@Service\nclass PoolsClient(private val rest: RestTemplate, private val tokens: TokenService) {\n"
            '  private val poolsUrl = "$base/integration/api/pools"\n\n'
            "  fun legacyPools(poolsUrl: String, appKey: String): String? {\n    val headers = HttpHeaders()\n"
            '    headers.add("Authorization", "AppKey $appKey")\n'
            "    return rest.exchange(poolsUrl, HttpMethod.GET, HttpEntity<String>(headers), String::class.java).body\n  }\n}\n")
    clients = "oauth_clients:\n  - name: etl\n    scopes: [studio.packages:read]\n"
    found = [(f.code, f.loc.line, f.level, "string literal" in f.message)
             for f in lint_tree({"clients.yaml": clients, "src/PoolsClient.kt": code}).findings if f.code == "SL005"]
    assert found == [("SL005", 3, "warning", True)]


def test_sl005_a_url_held_by_a_local_of_a_name_several_functions_declare_is_its_own(lint_tree):
    """project44's Data Push service: each function holds its URL in its own ``const url``, then sends it with
    the module's AppKey headers; the URL is read as that function's, and its call is keyed."""
    code = """
        const { CELONIS_API_SERVER, CELONIS_API_KEY, POOL } = require('../config');
        const headers = { Authorization: `AppKey ${CELONIS_API_KEY}` };
        const createJob = async (data) => {
          const url = `${CELONIS_API_SERVER}/integration/api/v1/data-push/${POOL}/jobs/`;
          return axios.post(url, data, { headers });
        };
        const models = async (token) => {
          const url = `${CELONIS_API_SERVER}/intelligence/api/knowledge-models`;
          return axios.get(url, { headers: { Authorization: `Bearer ${token}` } });
        };
        const other = async () => axios.get(url);
        """
    files = {"clients.yaml": "oauth_clients:\n  - name: p44\n    scopes: [integration.data-pools:read]\n",
             "src/celonis.service.js": code}
    found = [(f.code, f.loc.line) for f in lint_tree(files).findings if f.code in ("SL005", "SL018")]
    assert found == [("SL018", 2), ("SL005", 8)]


@pytest.mark.parametrize("path, code", [
    ("src/LegacyPoolClient.cs", "public class LegacyPoolClient {\n  private readonly HttpClient _http;\n"
     "  public LegacyPoolClient(HttpClient http, string appKey) {\n    _http = http;\n"
     '    _http.DefaultRequestHeaders.Add("Authorization", "AppKey " + appKey);\n  }\n'
     '  public Task<string> Pools() => _http.GetStringAsync("https://acme.eu-1.celonis.cloud/integration/api/pools");\n}\n'),
    ("src/PoolClient.kt", 'class PoolClient(appKey: String) {\n  private val rest = RestTemplate()\n'
     '  private val base = "https://acme.eu-1.celonis.cloud"\n  private val headers = HttpHeaders()\n\n'
     '  init {\n    headers.set("Authorization", "AppKey $appKey")\n  }\n\n'
     '  fun pools(): String? = rest.exchange("$base/integration/api/pools", HttpMethod.GET, HttpEntity<Any>(headers),'
     ' String::class.java).body\n}\n'),
])
def test_sl005_a_constructors_key_reaches_an_expression_bodied_member(lint_tree, path, code):
    files = {"clients.yaml": "oauth_clients:\n  - name: etl\n    scopes: [studio]\n", path: code}
    assert [f.code for f in lint_tree(files).findings if f.code in ("SL005", "SL018")] == ["SL018"]


def test_sl005_a_local_set_again_before_its_use_is_not_read_as_declared(lint_tree):
    code = ("const BASE = \"https://acme.eu-1.celonis.cloud\";\nasync function pools(token) {\n"
            "  let url = `${BASE}/integration/api/pools`;\n  return fetch(url, { headers: { Authorization: `Bearer ${token}` } });\n}\n"
            "async function spaces(token) {\n  let url = `${BASE}/integration/api/pools`;\n"
            "  url = `${BASE}/package-manager/api/spaces`;\n"
            "  return fetch(url, { headers: { Authorization: `Bearer ${token}` } });\n}\n")
    files = {"clients.yaml": "oauth_clients:\n  - name: app\n    scopes: [studio]\n    justification: {studio: reads spaces}\n",
             "src/api.js": code}
    found = [(f.loc.line, f.level, f.message.split("(via ")[1].split(")")[0]) for f in lint_tree(files).findings if f.code == "SL005"]
    assert found == [(3, "error", "fetch"), (7, "warning", "string literal")]
