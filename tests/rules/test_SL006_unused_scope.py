"""SL006 unused-scope: a granted scope that opens no API the client's code calls."""
from __future__ import annotations

import pytest
from tests.conftest import DATA_PUSH, KM_EXPORT, code_facts, definition_facts, selected, usage_findings


@pytest.mark.parametrize("scopes, calls, expected", [
    pytest.param(("integration.data-pools:data_push",), DATA_PUSH, [], id="clean-every-scope-used"),
    pytest.param(("intelligence.knowledge-models:read",), DATA_PUSH, [("SL006", "clients.yaml", 3, 9)],
                 id="grant-opens-none-of-the-calls"),
    pytest.param(("integration.data-pools:data_push", "audit.log:read"), DATA_PUSH, [("SL006", "clients.yaml", 4, 9)],
                 id="unused-audit"),
    pytest.param(("integration.data-pools:data_push", "tasks:read"), DATA_PUSH, [], id="scope-without-known-api-not-judged"),
    pytest.param(("integration.data-pools:data_push",), (("GET", "/api/cloud/permissions"),),
                 [("SL006", "clients.yaml", 3, 9)], id="only-unknown-gating-calls"),
])
def test_sl006_unused_scope(scopes, calls, expected):
    files = (definition_facts(*scopes), code_facts("etl/job.py", *calls))
    assert usage_findings(*files, codes=("SL006",)) == expected


def test_sl006_on_a_client_and_its_python_code(lint_tree):
    [finding] = selected(lint_tree, "SL006", KM_EXPORT)
    assert (finding.code, finding.loc.path, finding.loc.line, finding.loc.col) == ("SL006", "clients.yaml", 5, 9)
    assert finding.message == ("scope 'audit.log:read' opens no API that the code of client 'km-export' calls "
                               "(1 file(s) scanned)")


TOKEN_HELPER = """import os
import requests

def token() -> str:
    response = requests.post(
        "https://acme.eu-1.celonis.cloud/oauth2/token",
        data={"grant_type": "client_credentials", "scope": "intelligence.knowledge-models:read"},
        auth=(os.environ["CELONIS_CLIENT_ID"], os.environ["CELONIS_CLIENT_SECRET"]),
    )
    return response.json()["access_token"]
"""


@pytest.mark.parametrize("call, expected", [
    pytest.param("", [], id="a-token-helper-alone-shows-no-use"),
    pytest.param('requests.get("https://acme.eu-1.celonis.cloud/integration/api/pools", headers={"Authorization": f"Bearer {token()}"})\n',
                 [("SL006", 3, 14)], id="code-calling-another-api"),
    # a call made with an application key is a call all the same: the client's code was read; and once
    # it sends the client's token, as SL018 asks, it needs its scope: that scope is not unused
    pytest.param('requests.get("https://acme.eu-1.celonis.cloud/integration/api/pools",'
                 ' headers={"Authorization": f"AppKey {KEY}"})\n', [("SL006", 3, 14)], id="code-calling-with-an-app-key"),
    pytest.param('requests.get("https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models",'
                 ' headers={"Authorization": f"AppKey {KEY}"})\n', [], id="an-app-key-call-needing-the-scope"),
])
def test_sl006_needs_a_call_of_the_clients_code(lint_tree, call, expected):
    # a client whose code only gets the token (its callers are elsewhere) shows no scope unused
    files = {"clients.yaml": "oauth_clients:\n  - name: km-reader\n    scopes: [intelligence.knowledge-models:read]\n"
                             "    code: [\"dashboards/**\"]\n",
             "dashboards/token.py": TOKEN_HELPER + call}
    assert [(f.code, f.loc.line, f.loc.col) for f in selected(lint_tree, "SL006", files)] == expected


PYCELONIS_CLIENT = ("oauth_clients:\n  - name: md-backupper\n    scopes: [integration.data-pools, studio]\n"
                    "    justification: {integration.data-pools: backs up data models, studio: reads packages}\n"
                    "    code: [\"backup/**\"]\n")
PYCELONIS_1 = """from pycelonis import get_celonis

celonis = get_celonis()
data_pool = celonis.pools.find("ERP")
for job in data_pool.data_jobs:
    print(job.transformations)
"""
PYCELONIS_2 = """from pycelonis import get_celonis

celonis = get_celonis()
data_pool = celonis.data_integration.get_data_pools().find("ERP")
for job in data_pool.get_jobs():
    print(job.get_transformations())
"""


@pytest.mark.parametrize("code, expected", [
    # PyCelonis 1.x: its calls are not in the SDK map, so nothing tells which scopes they use
    pytest.param(PYCELONIS_1, [], id="pycelonis-1"),
    # one 1.x call beside 2.x ones: the 2.x calls alone would make studio unused
    pytest.param(PYCELONIS_2 + 'celonis.datamodels.find("O2C").reload()\n', [], id="pycelonis-1-beside-2"),
    # 1.x's collections read without a call: iterated, or taken by name
    pytest.param(PYCELONIS_2 + 'for pool in celonis.pools:\n    print(pool.name)\n', [], id="pycelonis-1-iterated"),
    pytest.param(PYCELONIS_2 + 'model = celonis.datamodels["O2C"]\n', [], id="pycelonis-1-subscripted"),
    pytest.param(PYCELONIS_2 + 'for row in rows["pools"]:\n    print(row)\n', [("SL006", 3, 38)], id="plain-values"),
    # lookalikes: the same flow in PyCelonis 2.x is read whole, and studio is unused; an object of the
    # project's own held as ``celonis`` is no PyCelonis object
    pytest.param(PYCELONIS_2, [("SL006", 3, 38)], id="pycelonis-2"),
    pytest.param(PYCELONIS_2 + "celonis = CelonisWrapper()\ncelonis.pools()\n", [("SL006", 3, 38)], id="own-wrapper"),
])
def test_sl006_not_beside_a_pycelonis_call_whose_requests_are_not_known(lint_tree, code, expected):
    files = {"clients.yaml": PYCELONIS_CLIENT, "backup/run.py": code}
    assert [(f.code, f.loc.line, f.loc.col) for f in selected(lint_tree, "SL006", files)] == expected


@pytest.mark.parametrize("scopes", [
    "scopes: >-\n      integration.data-pools:data_push\n      studio.packages:read\n",
    "scopes: [integration.data-pools:data_push, studio.packages:read]\n",
    "scopes: integration.data-pools:data_push studio.packages:read\n",
])
def test_sl006_where_every_scope_is_unused_the_last_gets_no_fix(lint_tree, scopes):
    # each removal is safe alone; together they would leave the client with none
    files = {"clients.yaml": "oauth_clients:\n  - name: etl\n    " + scopes,
             "etl/kpis.py": 'import requests\nrequests.get("https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models",'
                            ' headers={"Authorization": f"Bearer {token}"})\n'}
    found = selected(lint_tree, "SL006", files)
    assert [(f.scope, f.fix is not None) for f in found] == [
        ("integration.data-pools:data_push", True), ("studio.packages:read", False)]


@pytest.mark.parametrize("scopes, expected", [
    ("[integration.data-pools, studio]", [("SL006", 3, 38)]),
    ("[studio]", [("SL006", 3, 14)]),
])
def test_a_scope_a_keyed_pycelonis_session_needs_is_not_unused(lint_tree, scopes, expected):
    # a team moving a key-authenticated script to an OAuth client: the scope its calls need is kept
    # (``suggest`` counts them too), the one nothing calls is not; no SL005 for the key's calls
    files = {"clients.yaml": f"oauth_clients:\n  - name: pusher\n    scopes: {scopes}\n"
                             "    justification: {integration.data-pools: reads pools, studio: reads packages}\n",
             "push.py": 'import os\nfrom pycelonis import get_celonis\n\n'
                        'celonis = get_celonis(base_url="https://t.eu-1.celonis.cloud", api_token=os.environ["T"])\n'
                        'pool = celonis.data_integration.get_data_pool("p")\n'}
    found = lint_tree(files).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found if f.code in ("SL004", "SL005", "SL006")] == expected

