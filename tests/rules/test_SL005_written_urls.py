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
