"""SL014 insecure-endpoint: a Celonis URL over http://, or TLS verification switched off."""
from __future__ import annotations

import pytest
from tests.conftest import selected

PYTHON = '''
    import requests


    def spaces(token: str) -> list:
        url = "http://acme.eu-1.celonis.cloud/package-manager/api/spaces"
        return requests.get(url, headers={"Authorization": f"Bearer {token}"}, verify=False).json()
    '''

SHELL = """
    #!/bin/sh
    curl -fsS --insecure -H "Authorization: Bearer ${TOKEN}" "https://acme.eu-1.celonis.cloud/package-manager/api/packages"
    """

TYPESCRIPT = """
    const TEAM = "http://acme.eu-1.celonis.cloud";

    export async function packages(token: string) {
      const res = await fetch(`${TEAM}/package-manager/api/packages`, { headers: { Authorization: `Bearer ${token}` } });
      return res.json();
    }
    """


@pytest.mark.parametrize("path, text, expected", [
    pytest.param("src/spaces.py", PYTHON, [
        ("SL014", 5, 12, "Celonis URL over plain HTTP: 'http://acme.eu-1.celonis.cloud/package-manager/api/spaces'"),
        ("SL014", 6, 76, "TLS certificate verification is switched off for a Celonis call (verify=False)"),
    ], id="python-http-and-verify-false"),
    pytest.param("scripts/pull.sh", SHELL, [
        ("SL014", 2, 11, "TLS certificate verification is switched off for a Celonis call (curl --insecure)"),
    ], id="shell-insecure"),
    pytest.param("web/client.ts", TYPESCRIPT, [
        ("SL014", 1, 15, "Celonis URL over plain HTTP: 'http://acme.eu-1.celonis.cloud/package-manager/api/packages'"),
    ], id="typescript-http"),
    pytest.param("src/spaces.py", PYTHON.replace("http://", "https://").replace(", verify=False", ""), [],
                 id="https-verified-is-clean"),
    pytest.param("src/other.py", 'import requests\nrequests.get("http://example.org/status", verify=False)\n', [],
                 id="not-celonis-is-not-its-business"),
    # package metadata: the vendor's web site, which no client calls (a Kafka connector's manifest)
    pytest.param("release/manifest.json", '{\n  "name": "kafka-connect-ems",\n  "owner": {\n    "username": "celonis",\n'
                 '    "name": "EMS",\n    "url": "http://www.celonis.com"\n  },\n  "support": {"summary": "Officially supported '
                 'by Celonis.", "url": "http://www.celonis.de"},\n  "documentation_url": "http://docs.celonis.com/connector"\n}\n',
                 [], id="the-vendor-web-site-is-not-a-platform-url"),
    pytest.param("etl/config.yaml", "celonis:\n  url: http://acme.eu-1.celonis.cloud\n  home: http://www.celonis.com\n",
                 [("SL014", 2, 8, "Celonis URL over plain HTTP: 'http://acme.eu-1.celonis.cloud'")], id="only-the-platform-url"),
    # a Celonis-sounding name (IBC, EMS) holding a URL written out to another host: that host's
    pytest.param(".env", "IBC_TOKEN_URL=https://relayer.example.com/oauth2/token\nEMS_URL=http://ems.internal.example.com:2301\n"
                 "CELONIS_URL=http://acme.eu-1.celonis.cloud\n",
                 [("SL014", 3, 13, "Celonis URL over plain HTTP: 'http://acme.eu-1.celonis.cloud'")], id="named-url-of-another-host"),
    # a recording of traffic for tests to replay (a VCR cassette) is not configuration
    pytest.param("tests/cassettes/test_get_spaces.yaml", "interactions:\n- request:\n    headers:\n      authorization:\n"
                 "      - AppKey PYTHON_CORE_TESTING\n    method: GET\n"
                 "    uri: http://python-core-testing.celonis.cloud:9999/package-manager/api/internal/spaces\n"
                 "  response:\n    content: '{\"content\": []}'\n    status_code: 200\nversion: 1\n", [], id="vcr-cassette"),
    # a Celonis URL from the environment, rewritten by a string method, is still a Celonis URL
    pytest.param("server.py", 'import os, requests\n\ndef stops(token):\n'
                 '    base = os.getenv("CELONIS_TOKEN_URL", "").replace("/oauth2/token", "").rstrip("/")\n'
                 '    return requests.get(f"{base}/api/locations", headers={"Authorization": f"Bearer {token}"}, verify=False)\n',
                 [("SL014", 5, 96, "TLS certificate verification is switched off for a Celonis call (verify=False)")],
                 id="celonis-url-rewritten-by-a-string-method"),
    pytest.param("server.py", 'import os, requests\n\ndef stops():\n'
                 '    base = os.getenv("WEATHER_URL", "").replace("/v1", "")\n'
                 '    return requests.get(f"{base}/api/locations", verify=False)\n', [], id="another-url-rewritten"),
    # a token request to a Celonis host at another path than /oauth2/token, its URL joined from constants
    pytest.param("src/CelonisMiningClient.java", 'class CelonisMiningClient {\n'
                 '  private static final String API_BASE_URL = "https://api.celonis.cloud";\n'
                 '  private static final String AUTH_ENDPOINT = "/api/v1/oauth/token";\n'
                 '  String token() throws Exception {\n    URL url = new URL(API_BASE_URL + AUTH_ENDPOINT);\n'
                 '    return post(url, "grant_type=client_credentials&scope=studio");\n  }\n}\n',
                 [("SL014", 2, 47, "token URL 'https://api.celonis.cloud/api/v1/oauth/token' is not "
                                   "https://<team>.<realm>.celonis.cloud/oauth2/token")], id="celonis-token-request-at-a-wrong-path"),
    pytest.param("src/UiPathClient.java", 'class UiPathClient {\n'
                 '  private static final String API_BASE_URL = "https://cloud.uipath.com";\n'
                 '  private static final String AUTH_ENDPOINT = "/api/v1/oauth/token";\n'
                 '  String token() throws Exception {\n    URL url = new URL(API_BASE_URL + AUTH_ENDPOINT);\n'
                 '    return post(url, "grant_type=client_credentials&scope=OR.Execution");\n  }\n}\n',
                 [], id="another-providers-token-path"),
])
def test_sl014_insecure_endpoint(lint_tree, path, text, expected):
    found = selected(lint_tree, "SL014", {path: text})
    assert [(f.code, f.loc.line, f.loc.col, f.message) for f in found] == expected
    assert all(f.level == "error" for f in found)


CLASS_FIELD_BASE = """\
import axios from "axios";
export class S {
  private readonly http = axios.create({ baseURL: "https://acme.eu-2.celonis.cloud" });
  async token() {
    const { data } = await this.http.post("%s",
      new URLSearchParams({ grant_type: "client_credentials", scope: "team.user-group-info:read" }));
    return data.access_token;
  }
}
"""


@pytest.mark.parametrize("url, expected", [
    ("/oauth2/token", []),  # a path alone: the host is the client's base URL, set elsewhere
    ("https://acme.eu-2.celonis.cloud/oauth/token", [("SL014", 5)]),  # written out, and wrong
])
def test_sl014_a_token_path_without_its_host_is_not_judged(lint_tree, url, expected):
    found = lint_tree({"src/s.ts": CLASS_FIELD_BASE % url}).findings
    assert [(f.code, f.loc.line) for f in found if f.code == "SL014"] == expected


@pytest.mark.parametrize("setting, host, expected", [
    ("[System.Net.ServicePointManager]::ServerCertificateValidationCallback = { $true }", "acme.eu-1.celonis.cloud",
     [("SL014", 1, 35, "TLS certificate verification is switched off for a Celonis call (ServerCertificateValidationCallback)")]),
    ("[Net.ServicePointManager]::CertificatePolicy = New-Object TrustAllCertsPolicy", "acme.eu-1.celonis.cloud",
     [("SL014", 1, 28, "TLS certificate verification is switched off for a Celonis call (CertificatePolicy)")]),
    ("[System.Net.ServicePointManager]::ServerCertificateValidationCallback = { $true }", "jira.acme.example", []),
])
def test_sl014_a_powershell_script_that_accepts_any_certificate(lint_tree, setting, host, expected):
    """PowerShell 5.1 has no -SkipCertificateCheck: a script accepts any certificate for every call
    after it with a callback or a policy; where it calls Celonis, that is SL014 at the setting."""
    text = f"{setting}\nInvoke-RestMethod -Uri 'https://{host}/integration/api/pools' -Headers @{{ Authorization = \"Bearer $env:TOKEN\" }}\n"
    found = lint_tree({"scripts/pools.ps1": text}).findings
    assert [(f.code, f.loc.line, f.loc.col, f.message) for f in found if f.code == "SL014"] == expected


def test_sl014_a_certificate_setting_a_comment_mentions_is_no_setting(lint_tree):
    text = ("# Do not use [System.Net.ServicePointManager]::ServerCertificateValidationCallback = { $true } here\n"
            "<#\n  [Net.ServicePointManager]::CertificatePolicy = New-Object TrustAllCertsPolicy\n#>\n"
            "Invoke-RestMethod -Uri 'https://acme.eu-1.celonis.cloud/integration/api/pools' "
            "-Headers @{ Authorization = \"Bearer $env:TOKEN\" }\n")
    assert [f.code for f in lint_tree({"scripts/pools.ps1": text}).findings if f.code == "SL014"] == []


@pytest.mark.parametrize("path, text, hint", [
    # the help names the setting as the file writes it, in its own language
    ("client.py", 'import requests\nrequests.get("https://acme.eu-1.celonis.cloud/integration/api/pools", verify=False)\n',
     "remove verify=False so that the client checks the server's certificate"),
    ("client.js", 'const https = require("https");\nconst agent = new https.Agent({ rejectUnauthorized: false });\n'
     'fetch("https://acme.eu-1.celonis.cloud/integration/api/pools", { agent });\n',
     "remove rejectUnauthorized: false so that the client checks the server's certificate"),
    ("pools.ps1", 'Invoke-RestMethod -Uri "https://acme.eu-1.celonis.cloud/integration/api/pools" -SkipCertificateCheck\n',
     "remove -SkipCertificateCheck so that the client checks the server's certificate"),
])
def test_sl014_the_help_names_the_setting_as_written(lint_tree, path, text, hint):
    found = selected(lint_tree, "SL014", {path: text})
    assert [f.hint for f in found] == [hint]


def test_sl014_once_for_a_url_set_in_an_env_block_and_composed_in_a_step(lint_tree):
    """The base URL is judged where the job's env sets it, and the request the step composes from it
    starts at the same place: one finding, not two."""
    workflow = ("on: push\njobs:\n  push:\n    runs-on: ubuntu-latest\n    env:\n"
                "      CELONIS_URL: http://acme.eu-1.celonis.cloud\n    steps:\n      - run: |\n"
                "          curl -X POST -H \"Authorization: Bearer $TOKEN\" "
                "\"$CELONIS_URL/integration/api/v1/data-push/$POOL/jobs/\"\n")
    found = [(f.code, f.loc.line, f.loc.col) for f in lint_tree({".github/workflows/push.yml": workflow}).findings
             if f.code == "SL014"]
    assert found == [("SL014", 6, 20)]
