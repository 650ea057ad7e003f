"""SL004 and SL006 for token requests in code that no client definition claims: judged against the
calls of that code, and only when every Celonis call there was resolved and mapped with DOC or
CODE confidence."""
from __future__ import annotations

import pytest
from tests.conftest import code_facts, definition_facts, usage_findings

from scopelint import catalog
from scopelint.config import Config
from scopelint.findings import Location
from scopelint.linter import check
from scopelint.model import UnresolvedCall
from scopelint.project import Project
from scopelint.suggest import least_privilege

KM_READS = (("GET", "/intelligence/api/knowledge-models/km-1/kpis"),
            ("GET", "/intelligence/api/knowledge-models/km-1/records/r/data"))
KM_ONE = (("GET", "/intelligence/api/knowledge-models/km-1/kpis"),)


def test_code_outside_globs_is_unclaimed_and_checked_against_its_own_request():
    # the request asks for audit.log:read and its only call reads a Knowledge Model: missing and unused
    files = (definition_facts("integration.data-pools:data_push"),
             code_facts("tools/report.py", *KM_ONE, requested=("audit.log:read",)))
    assert usage_findings(*files) == [("SL005", "tools/report.py", 10, 5), ("SL006", "tools/report.py", 2, 20)]


def test_token_request_without_client_gets_overbroad_and_unused():
    project = Project.build([code_facts("digest.py", *KM_READS, requested=("studio", "integration.data-pools"))],
                            catalog.shipped())
    found = {f.code: f for f in check(project, Config(select=("SL004", "SL005", "SL006")))}
    assert sorted(found) == ["SL004", "SL006"]
    broad, unused = found["SL004"], found["SL006"]
    assert (broad.loc.line, broad.loc.col, broad.scope, broad.level) == (2, 20, "studio", "warning")
    assert "'intelligence.knowledge-models:read' opens all 2 API call(s)" in broad.message
    assert "token request at digest.py:2" in broad.message and "2 Celonis API call(s) considered" in broad.message
    assert (unused.loc.line, unused.loc.col, unused.scope) == (2, 30, "integration.data-pools")
    assert "2 Celonis API call(s) considered, all resolved" in unused.message


def test_token_request_with_an_unresolved_call_is_not_judged():
    facts = code_facts("digest.py", *KM_READS, requested=("studio", "integration.data-pools"))
    facts.unresolved_calls.append(UnresolvedCall(Location("digest.py", 20, 9), "{CELONIS_URL}{path}"))
    assert usage_findings(facts) == []
    sug = least_privilege(Project.build([facts], catalog.shipped()).groups[0], catalog.shipped())
    assert [(u.loc.line, u.evidence) for u in sug.unresolved] == [(20, "{CELONIS_URL}{path}")]


@pytest.mark.parametrize("extra", [
    pytest.param(("GET", "/integration/api/unmapped-thing"), id="unknown-route"),
    pytest.param(("GET", "/api/cloud/permissions"), id="unknown-gating"),
])
def test_token_request_with_an_unmapped_call_is_not_judged(extra):
    assert usage_findings(code_facts("digest.py", *KM_READS, extra, requested=("studio", "integration.data-pools"))) == []


def test_token_request_with_an_inferred_route_is_not_judged():
    inferred = next(r for r in catalog.shipped().routes if r.confidence == "INF" and r.gating == "scoped"
                    and "{" not in r.prefix)
    calls = (*KM_READS, (None, inferred.prefix.rstrip("/") + "/x"))
    assert usage_findings(code_facts("digest.py", *calls, requested=("studio", "integration.data-pools")),
                          codes=("SL004", "SL006")) == []


def test_token_request_without_any_call_is_not_judged():
    assert usage_findings(code_facts("token.py", requested=("studio", "integration.data-pools"))) == []


# Two steps of one pipeline, each its own shell: the first gets a token for the Knowledge Model and
# pushes data with it; the second gets a broad token it uses for nothing in this file.
AZURE_STEPS = """\
steps:
  - bash: |
      TOKEN=$(curl -s -d "grant_type=client_credentials&scope=intelligence.knowledge-models:read" \\
        https://acme.eu-1.celonis.cloud/oauth2/token | jq -r .access_token)
      curl -H "Authorization: Bearer $TOKEN" -X POST https://acme.eu-1.celonis.cloud/integration/api/v1/data-push/
    displayName: push
  - bash: |
      curl -s -d "grant_type=client_credentials&scope=studio integration.data-pools" \\
        https://acme.eu-1.celonis.cloud/oauth2/token > token.json
    displayName: second token
"""

# The lookalike that stays one: the first step only gets the token and hands it on through
# ``$GITHUB_ENV``; the step that calls has no token request of its own, so it uses that one.
HANDED_ON = """\
on: push
jobs:
  push:
    runs-on: ubuntu-latest
    steps:
      - run: |
          TOKEN=$(curl -s -d "grant_type=client_credentials&scope=studio" \\
            https://acme.eu-1.celonis.cloud/oauth2/token | jq -r .access_token)
          echo "TOKEN=$TOKEN" >> "$GITHUB_ENV"
      - run: |
          curl -H "Authorization: Bearer $TOKEN" https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models
"""


def test_each_ci_step_uses_the_token_it_requests_itself(lint_tree):
    """A step that gets its own token calls with it: its call is judged against that request alone
    (SL005 names it), and another step's request is not judged against the call."""
    result = lint_tree({"azure-pipelines.yml": AZURE_STEPS})
    found = sorted((f.code, f.loc.line, f.loc.col) for f in result.findings if f.code in ("SL004", "SL005", "SL006"))
    assert found == [("SL005", 5, 85), ("SL006", 3, 63)]
    missing = next(f for f in result.findings if f.code == "SL005")
    assert "'integration.data-pools:data_push'" in missing.message
    assert missing.message.endswith("which the token request at azure-pipelines.yml:3 does not grant")


def test_a_step_without_a_token_request_uses_the_one_handed_on(lint_tree):
    result = lint_tree({".github/workflows/push.yml": HANDED_ON})
    found = sorted((f.code, f.loc.line) for f in result.findings if f.code in ("SL004", "SL005", "SL006"))
    assert found == [("SL004", 7)]
    assert "token request at .github/workflows/push.yml:7" in next(f.message for f in result.findings if f.code == "SL004")


SCRIPTS = {
    "bin/push.sh": """\
#!/bin/sh
TOKEN=$(curl -s -d "grant_type=client_credentials&scope=integration.data-pools" \\
  "https://acme.eu-1.celonis.cloud/oauth2/token" | jq -r .access_token)
curl -H "Authorization: Bearer $TOKEN" -X POST https://acme.eu-1.celonis.cloud/integration/api/v1/data-push/
""",
    "bin/models.sh": """\
#!/bin/sh
TOKEN=$(curl -s -d "grant_type=client_credentials&scope=studio" \\
  "https://acme.eu-1.celonis.cloud/oauth2/token" | jq -r .access_token)
curl -H "Authorization: Bearer $TOKEN" https://acme.eu-1.celonis.cloud/integration/api/pools
""",
    # gets no token of its own: its call may send either script's
    "bin/report.sh": """\
#!/bin/sh
curl -H "Authorization: Bearer $TOKEN" https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models
""",
}


def test_each_shell_script_uses_the_token_it_requests_itself(lint_tree):
    """Two scripts side by side, each its own process: the pools call of ``models.sh`` is not opened
    by the ``integration.data-pools`` token ``push.sh`` gets, which is broader than its one call
    needs; ``studio`` is judged against the calls of ``models.sh`` and of ``report.sh`` (which gets no
    token itself), not against the data push."""
    result = lint_tree(SCRIPTS)
    found = sorted((f.code, f.loc.path, f.loc.line) for f in result.findings if f.code in ("SL004", "SL005", "SL006"))
    assert found == [("SL004", "bin/models.sh", 2), ("SL004", "bin/push.sh", 2), ("SL005", "bin/models.sh", 4)]
    missing = next(f for f in result.findings if f.code == "SL005")
    assert "/integration/api/pools" in missing.message and "'integration.data-pools'" in missing.message
    assert missing.message.endswith("which the token request at bin/models.sh:2 does not grant")
    broad = {f.loc.path: f for f in result.findings if f.code == "SL004"}
    assert "'intelligence.knowledge-models:read' opens all 1" in broad["bin/models.sh"].message
    assert "2 Celonis API call(s) considered" in broad["bin/models.sh"].message
    assert "'integration.data-pools:data_push' opens all 1" in broad["bin/push.sh"].message


MONOREPO = {
    # asks for package-manager and studio, and calls the package manager: studio is unused
    "svc-a/token.js": """\
const axios = require("axios");
async function token() {
  const r = await axios.post("https://acme.eu-1.celonis.cloud/oauth2/token",
    new URLSearchParams({ grant_type: "client_credentials", scope: "package-manager studio" }));
  return r.data.access_token;
}
async function pkgs() { return axios.get("https://acme.eu-1.celonis.cloud/pacman/api/core/packages", { headers: { Authorization: `Bearer ${await token()}` } }); }
""",
    # asks for machine-learning from a token URL imported from elsewhere: a request not read
    "svc-b/ml.js": """\
const axios = require("axios");
const { TOKEN_URL } = require("./settings");
async function token() {
  const r = await axios.post(TOKEN_URL, new URLSearchParams({ grant_type: "client_credentials", scope: "machine-learning" }));
  return r.data.access_token;
}
async function workbenches() {
  return axios.get("https://acme.eu-1.celonis.cloud/machine-learning/api/workbenches", { headers: { Authorization: `Bearer ${await token()}` } });
}
""",
    # the same, in PowerShell, with the token URL built by -f
    "tools/b.ps1": """\
$uri = "https://{0}.{1}.celonis.cloud/oauth2/token" -f 'acme', 'eu-1'
$tok = (Invoke-RestMethod -Uri $uri -Method Post -Body "grant_type=client_credentials&scope=package-manager").access_token
Invoke-RestMethod -Uri 'https://acme.eu-1.celonis.cloud/pacman/api/core/packages' -Headers @{ Authorization = "Bearer $tok" }
""",
}


def test_a_token_request_not_read_is_never_replaced_by_another_codes_scopes(lint_tree):
    """Code that asks for a token in a shape scopelint cannot read (a token URL imported from another
    module, one built with ``-f``) gets a token request of unknown scopes: its calls are not judged
    against what other code requests (no SL005 on the machine-learning and package-manager calls),
    and the code beside it is still judged on its own (the unused ``studio`` of svc-a)."""
    result = lint_tree(MONOREPO)
    found = sorted((f.code, f.loc.path, f.loc.line) for f in result.findings if f.code in ("SL004", "SL005", "SL006"))
    assert found == [("SL006", "svc-a/token.js", 4)]


def test_signs_of_a_token_request_in_code_that_does_not_name_celonis_change_nothing(lint_tree):
    """An Okta helper beside Celonis code asks for its own token: it names no Celonis, so the Celonis
    code is judged as before (its request grants no machine-learning call)."""
    files = {
        "jobs/okta.py": 'import requests\nOKTA = "https://dev-1.okta.com/oauth2/default/v1/token"\n'
                        'def token(url):\n    return requests.post(url, data={"grant_type": "client_credentials"})\n',
        "jobs/ml.sh": 'TOKEN=$(curl -s -d "grant_type=client_credentials&scope=package-manager" '
                      'https://acme.eu-1.celonis.cloud/oauth2/token | jq -r .access_token)\n'
                      'curl -H "Authorization: Bearer $TOKEN" https://acme.eu-1.celonis.cloud/machine-learning/api/workbenches\n',
    }
    found = sorted((f.code, f.loc.path) for f in lint_tree(files).findings if f.code in ("SL005", "SL006"))
    assert found == [("SL005", "jobs/ml.sh"), ("SL006", "jobs/ml.sh")]


def test_another_providers_token_endpoint_in_a_package_named_for_celonis_is_no_sign(lint_tree):
    """A connector package (``com.acme.celonis``) holds a Salesforce client beside the Celonis one: its
    token endpoint, written out to Salesforce's host, is no sign of a Celonis token request not read,
    so the Celonis client's calls are judged against its own request (SL004). One built on a base
    not written out still is a sign."""
    celonis = """package com.acme.celonis;
public class DataPushClient {
    private static final String TOKEN_URL = "https://acme.eu-1.celonis.cloud/oauth2/token";
    private static final String SCOPE = "integration.data-pools";
    private final String url = "https://acme.eu-1.celonis.cloud";
    String token() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("scope", SCOPE);
        return rest.postForObject(TOKEN_URL, new HttpEntity<>(form, h), Map.class).toString();
    }
    String job(String pool) {
        return rest.postForObject(String.format(this.url + "/integration/api/v1/data-push/%s/jobs/", pool), "{}", String.class);
    }
}
"""
    salesforce = """package com.acme.celonis;
public class SalesforceClient {
    private static final String TOKEN_URL = "https://login.salesforce.com/services/oauth2/token";
}
"""
    base = "package com.acme.celonis;\npublic class Other {\n    static final String TOKEN = BASE + \"/oauth2/token\";\n}\n"
    for other, expected in ((salesforce, [("SL004", 4)]), (base, [])):
        result = lint_tree({"src/main/java/com/acme/celonis/DataPushClient.java": celonis,
                            "src/main/java/com/acme/celonis/Other.java": other})
        assert [(f.code, f.loc.line) for f in result.findings if f.code in ("SL004", "SL005", "SL006")] == expected


def test_a_scope_variable_of_the_code_counts_as_requested(lint_tree):
    """Unclaimed code may use the scopes its Celonis scope variables set (``OAUTH_SCOPES`` in its
    .env), as well as those its token requests ask for: no SL005 for a call they open."""
    files = {
        "svc/.env": 'CELONIS_URL=https://acme.eu-1.celonis.cloud\nOAUTH_SCOPES="studio integration.data-pools"\n',
        "svc/sync.py": 'import requests\nTEAM = "https://acme.eu-1.celonis.cloud"\n'
                       'tok = requests.post(f"{TEAM}/oauth2/token", data={"grant_type": "client_credentials", '
                       '"scope": "integration.data-pools:data_push"}).json()["access_token"]\n'
                       'requests.get(f"{TEAM}/integration/api/pools", headers={"Authorization": f"Bearer {tok}"})\n',
    }
    files["other/sync.py"] = files["svc/sync.py"]  # the same code without the variable: its own project
    assert [(f.code, f.loc.path) for f in lint_tree(files).findings if f.code == "SL005"] == [("SL005", "other/sync.py")]
