"""The JavaScript of flows exported as JSON: Node-RED function nodes and n8n Code nodes, read where
each script's characters stand in the file (one string holding its line breaks and escapes)."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import triples

TEAM = "https://acme.eu-1.celonis.cloud"

N8N_CODE = """const base = '%s';
const token = await this.helpers.httpRequest({
  method: 'POST',
  url: `${base}/oauth2/token`,
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: { grant_type: 'client_credentials', client_id: $env.CLIENT_ID, client_secret: $env.CLIENT_SECRET, scope: '%s' },
});
const pools = await this.helpers.httpRequest({
  method: 'GET',
  url: `${base}/integration/api/pools`,
  headers: { Authorization: `Bearer ${token.access_token}` },
});
return pools.map(p => ({ json: p }));"""


def n8n_workflow(code: str, key: str = "jsCode", kind: str = "n8n-nodes-base.code") -> str:
    doc = {"name": "pools", "nodes": [
        {"parameters": {}, "name": "Start", "type": "n8n-nodes-base.manualTrigger", "position": [0, 0]},
        {"parameters": {key: code}, "name": "Code", "type": kind, "typeVersion": 2, "position": [200, 0]}],
        "connections": {"Start": {"main": [[{"node": "Code", "type": "main", "index": 0}]]}}}
    return json.dumps(doc, indent=2)


def node_red_flow(*funcs: dict) -> str:
    nodes = [{"id": "tab1", "type": "tab", "label": "push"}]
    for n, fields in enumerate(funcs):
        nodes.append({"id": f"fn{n}", "type": "function", "z": "tab1", "name": f"step {n}", "outputs": 1,
                      "libs": [], "x": 100 + 200 * n, "y": 80, "wires": [[]], **fields})
    return json.dumps(nodes, indent=4)


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """The line and column of ``needle`` as the file writes it (escapes and all)."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def test_an_n8n_code_nodes_token_request_and_calls_are_judged_where_the_file_has_them(lint_tree):
    text = n8n_workflow(N8N_CODE % (TEAM, "studio integration.data-pool"))
    found = lint_tree({"workflows/pools.json": text}).findings
    assert triples(found) == [
        ("SL006", *where(text, "studio integration")),
        ("SL001", *where(text, "integration.data-pool'")),
        ("SL005", *where(text, "/integration/api/pools`")),
    ]
    assert "GET /integration/api/pools (via this.helpers.httpRequest)" in found[2].message
    assert all(f.loc.path == "workflows/pools.json" and f.loc.line == found[0].loc.line for f in found)


def test_an_n8n_function_node_is_read_and_its_python_code_node_is_not(lint_tree):
    code = N8N_CODE % (TEAM, "integration.data-pool")
    assert [f.code for f in lint_tree({"a.json": n8n_workflow(code, "functionCode", "n8n-nodes-base.function")})
            .findings] == ["SL001", "SL005"]
    # a Python Code node keeps its code under ``pythonCode``: no JavaScript to read
    assert lint_tree({"a.json": n8n_workflow(code, "pythonCode")}).findings == []


def test_a_node_red_function_nodes_secret_is_found_at_its_column_past_the_escapes(lint_tree):
    func = ('node.warn("starting \\"push\\"");\nconst clientSecret = "q8Xv2LmN4pR7sT1wY6zB3cD9fG5hJ0kA";\n'
            'msg.url = "%s/integration/api/v1/data-push/" + flow.get("pool") + "/jobs/";\nreturn msg;' % TEAM)
    text = node_red_flow({"func": func, "initialize": "", "finalize": ""})
    found = lint_tree({"flows.json": text}).findings
    assert triples(found) == [("SL012", *where(text, "q8Xv2LmN4pR7"))]
    assert "q8Xv2LmN4pR7" not in found[0].message
    # the node's setup script is read too
    text = node_red_flow({"func": "return msg;", "initialize": 'const clientSecret = "q8Xv2LmN4pR7sT1wY6zB3cD9fG5hJ0kA";'})
    assert triples(lint_tree({"flows.json": text}).findings) == [("SL012", *where(text, "q8Xv2LmN4pR7"))]


def test_function_nodes_fetching_a_celonis_token_give_its_scopes(lint_tree):
    token = ('const res = await fetch("%s/oauth2/token", {\n  method: "POST",\n'
             '  body: new URLSearchParams({ grant_type: "client_credentials", scope: "integration.data-pool" }),\n});\n'
             'flow.set("token", (await res.json()).access_token);\nreturn msg;' % TEAM)
    text = node_red_flow({"func": token})
    assert triples(lint_tree({"flows.json": text}).findings) == [("SL001", *where(text, 'integration.data-pool'))]


@pytest.mark.parametrize("files", [
    # another provider's token request, with a scope that looks like a Celonis one
    pytest.param({"flows.json": node_red_flow({"func": (
        'const res = await fetch("https://dev-123.okta.com/oauth2/default/v1/token", {\n  method: "POST",\n'
        '  body: new URLSearchParams({ grant_type: "client_credentials", scope: "studio integration.data-pool" }),\n'
        '});\nreturn msg;')})}, id="okta-token-request"),
    # "func" in an object that is no function node: a setting's text, not a script
    pytest.param({"settings.json": json.dumps({"type": "switch", "func": 'const clientSecret = "q8Xv2LmN4pR7sT1wY6zB3cD9fG5hJ0kA";'})},
                 id="not-a-function-node"),
    # a placeholder in a template flow
    pytest.param({"flows.json": node_red_flow({"func": 'const clientSecret = "<your-client-secret>";\nreturn msg;'})},
                 id="placeholder"),
])
def test_lookalikes_stay_silent(lint_tree, files):
    assert lint_tree(files).findings == []


def test_a_scripts_line_too_long_to_read_is_noted_at_the_files_line(lint_tree):
    long_line = 'const s = "' + "a" * 6_000 + '";\nreturn msg;'
    text = node_red_flow({"func": "return msg;"}, {"func": long_line}, {"func": long_line})
    result = lint_tree({"flows.json": text})
    line = where(text, '"func": "const s')[0]
    assert result.notes == [
        ("flows.json", f"line {line} and 1 other line(s) over 5,000 characters (minified code) not read; the rest of the file was")]


TOKEN_FUNC = ("msg.url = '%s/oauth2/token';\nmsg.method = 'POST';\n"
              "msg.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };\n"
              "msg.payload = 'grant_type=client_credentials&scope=studio.spaces&client_id=' + env.get('CELONIS_ID');\n"
              "return msg;" % TEAM)
POOLS_FUNC = ("flow.set('token', msg.payload.access_token);\nmsg.url = 'http://acme.eu-1.celonis.cloud/integration/api/pools';\n"
              "msg.headers = { Authorization: 'Bearer ' + flow.get('token') };\nreturn msg;")


def wired_flow(token: str = TOKEN_FUNC, first: dict | None = None, second: dict | None = None) -> str:
    """Two function nodes, each wired to an http request node that takes its URL from the message."""
    return json.dumps([
        {"id": "f1", "type": "function", "z": "t", "func": token, "outputs": 1, "wires": [["h1"]]},
        {"id": "h1", "type": "http request", "z": "t", "method": "use", "ret": "obj", "url": "", "tls": "",
         "wires": [["f2"]], **(first or {})},
        {"id": "f2", "type": "function", "z": "t", "func": POOLS_FUNC, "outputs": 1, "wires": [["h2"]]},
        {"id": "h2", "type": "http request", "z": "t", "method": "GET", "ret": "obj", "url": "", "wires": [[]],
         **(second or {})}], indent=4)


def test_a_function_nodes_message_is_the_request_of_the_http_request_node_it_goes_to(lint_tree):
    # each node's msg is its own: the token request's retired scope, the call's plain HTTP and its scope not granted
    text = wired_flow()
    found = lint_tree({"flows.json": text}).findings
    assert triples(found) == [("SL003", *where(text, "studio.spaces")), ("SL014", *where(text, "http://acme")),
                              ("SL005", *where(text, "/integration/api/pools"))]
    assert "GET /integration/api/pools (via an http request node)" in found[2].message
    # the payload as an object, and the method the http request node sets itself
    token = TOKEN_FUNC.replace("msg.method = 'POST';\n", "").replace(
        "'grant_type=client_credentials&scope=studio.spaces&client_id=' + env.get('CELONIS_ID')",
        "{ grant_type: 'client_credentials', scope: 'integration.data-pool' }")
    text = wired_flow(token, {"method": "POST"})
    assert ("SL001", *where(text, "integration.data-pool'")) in triples(lint_tree({"flows.json": text}).findings)


@pytest.mark.parametrize("first, token", [
    # the http request node has a URL of its own: the message's is not used
    pytest.param({"url": "https://api.example.com/token"}, TOKEN_FUNC, id="node-with-its-own-url"),
    # another provider's token request
    pytest.param({}, TOKEN_FUNC.replace(TEAM + "/oauth2/token", "https://login.example.com/oauth/token").replace(
        "studio.spaces", "read:users"), id="another-provider"),
    # the payload is set by the node before: not known, so no "sends no scope"
    pytest.param({}, TOKEN_FUNC.replace(
        "msg.payload = 'grant_type=client_credentials&scope=studio.spaces&client_id=' + env.get('CELONIS_ID');\n", ""),
        id="payload-from-an-earlier-node"),
])
def test_messages_that_are_no_celonis_request_of_theirs_stay_silent(lint_tree, first, token):
    text = wired_flow(token, first, {"wires": [[]]}).replace("http://acme", "https://acme")
    assert lint_tree({"flows.json": text}).findings == []


def test_a_message_that_goes_to_no_http_request_node_is_no_request(lint_tree):
    text = wired_flow().replace('"wires": [\n            [\n                "h1"', '"wires": [\n            [\n                "d1"')
    assert '"d1"' in text
    assert "SL003" not in [f.code for f in lint_tree({"flows.json": text}).findings]


def test_an_http_request_nodes_own_url_is_where_the_message_goes(lint_tree):
    # the function sets only the body; the node has the token URL: one request, one finding per problem
    token = TOKEN_FUNC.replace("msg.url = '%s/oauth2/token';\n" % TEAM, "")
    text = wired_flow(token, {"url": "http://acme.eu-1.celonis.cloud/oauth2/token", "method": "POST"})
    found = triples(lint_tree({"flows.json": text}).findings)
    assert ("SL003", *where(text, "studio.spaces")) in found
    assert [t for t in found if t[0] == "SL014" and t[1] == where(text, '"http://acme.eu-1.celonis.cloud/oauth2')[0]] \
        == [("SL014", *where(text, "http://acme.eu-1.celonis.cloud/oauth2"))]
    # a URL the node fills in from the message is not known: the body's scope is not judged as a Celonis one's
    text = wired_flow(token.replace("studio.spaces", "read:users"), {"url": "{{{msg.target}}}"})
    assert [t for t in triples(lint_tree({"flows.json": text}).findings) if t[0] != "SL014"] == []


def _returning(func: str, outputs: list[list[str]]) -> str:
    return json.dumps([{"id": "f1", "type": "function", "func": func, "outputs": len(outputs), "wires": outputs},
                       {"id": "h1", "type": "http request", "method": "use", "url": "", "wires": [[]]}], indent=4)


NEW_MESSAGE = ("if (!env.get('CELONIS_ID')) return null;\n"
               "return {\n  url: '%s/oauth2/token',\n  method: 'POST',\n"
               "  payload: 'grant_type=client_credentials&scope=studio.spaces'\n};" % TEAM)
ON_SECOND = ("const req = {};\nreq.url = '%s/oauth2/token';\nreq.method = 'POST';\n"
             "req.payload = 'grant_type=client_credentials&scope=studio.spaces';\nreturn [msg, req];" % TEAM)


TOKEN_CACHE = ("const token = flow.get('celonisToken');\nif (!token || token.expires < Date.now()) {\n"
               "    msg.url = '%s/oauth2/token';\n    msg.method = 'POST';\n"
               "    msg.payload = 'grant_type=client_credentials&scope=studio.spaces';\n    return msg;\n}\nreturn null;" % TEAM)


@pytest.mark.parametrize("func, outputs", [
    pytest.param(NEW_MESSAGE, [["h1"]], id="returns-a-new-message"),
    pytest.param(ON_SECOND, [["d1"], ["h1"]], id="sends-on-its-second-output"),
    # a token cache: the request is sent from a block, and nothing after it
    pytest.param(TOKEN_CACHE, [["h1"]], id="sends-from-a-block-then-nothing"),
    pytest.param(TOKEN_CACHE.replace("return null;", "return;"), [["h1"]], id="then-a-bare-return"),
    pytest.param(TOKEN_CACHE.replace("if (!token || token.expires < Date.now()) {", "try {").replace(
        "\n}\nreturn null;", "\n} catch (err) {\n    node.error(err);\n    return null;\n}"), [["h1"]], id="from-a-try-block"),
    pytest.param(TOKEN_CACHE.replace("if (!token || token.expires < Date.now()) {",
                                     "if (token) { return null; } else if (Date.now() > 0) {"), [["h1"]], id="else-if"),
    # a catch block answers an error: its message is not the request
    pytest.param(TOKEN_CACHE.replace("if (!token || token.expires < Date.now()) {", "try {").replace(
        "\n}\nreturn null;", "\n} catch (err) {\n    return { payload: { error: err.message } };\n}"), [["h1"]],
        id="a-catch-blocks-error-message"),
    # two outputs: the request on the first, from a block; the cached token on the second after it
    pytest.param(TOKEN_CACHE.replace("return msg;\n}\nreturn null;", "return [msg, null];\n}\nreturn [null, msg];"),
                 [["h1"], ["d1"]], id="its-output-from-a-block-the-other-after"),
    pytest.param(TOKEN_CACHE.replace("return msg;\n}\nreturn null;", "return [msg, null];\n}\nreturn [null, null];"),
                 [["h1"], ["d1"]], id="its-output-from-a-block-then-none"),
])
def test_the_message_a_function_node_returns_is_the_request(lint_tree, func, outputs):
    text = _returning(func, outputs)
    assert triples(lint_tree({"flows.json": text}).findings) == [("SL003", *where(text, "studio.spaces"))]


@pytest.mark.parametrize("func, outputs", [
    # the request goes out on the output the http request node is not wired to
    pytest.param(ON_SECOND.replace("return [msg, req]", "return [req, msg]"), [["d1"], ["h1"]], id="other-output"),
    # the return is a callback's, not the node's: what the node sends is its msg, which sets no URL
    pytest.param("msg.payload = [1].map(function (x) { return {url: '%s/oauth2/token', "
                 "payload: 'grant_type=client_credentials&scope=studio.spaces'}; });\nreturn;" % TEAM, [["h1"]],
                 id="a-callbacks-return"),
    # a return in a block of a function the node defines is the function's: the node sends nothing
    pytest.param(NEW_MESSAGE.replace("return {", "function request() {\nif (env.get('X')) {\nreturn {") + "\n}\n}\nreturn null;",
                 [["h1"]], id="a-block-of-a-function-it-defines"),
    pytest.param(NEW_MESSAGE.replace("return {", "const request = () => {\nif (env.get('X')) {\nreturn {") + "\n}\n};\nreturn;",
                 [["h1"]], id="a-block-of-an-arrow-function"),
    # the message goes out on the other output only, or as a message alone (which Node-RED sends on the first)
    pytest.param(TOKEN_CACHE.replace("return msg;\n}\nreturn null;", "return [null, msg];\n}\nreturn [null, null];"),
                 [["h1"], ["d1"]], id="only-on-the-other-output"),
    pytest.param(TOKEN_CACHE.replace("return msg;\n}\nreturn null;", "return msg;\n}\nreturn [msg, null];"),
                 [["d1"], ["h1"]], id="a-message-alone-is-the-first-outputs"),
])
def test_a_message_the_http_request_node_is_not_sent_is_no_request(lint_tree, func, outputs):
    assert "SL003" not in [f.code for f in lint_tree({"flows.json": _returning(func, outputs)}).findings]


@settings(max_examples=800, deadline=None)
@given(st.text(st.sampled_from(['a', ' ', '"', '\\', '/', '\n', '\t', 'é', '\u2028', '💡', '\x02']), max_size=12),
       st.booleans(), st.sampled_from(['', '{"func": ', 'x"']))
def test_a_json_strings_characters_are_where_the_file_writes_them(value, ascii_only, before):
    """Each decoded character's offset in the file, whether the string's escapes are mapped in one pass
    (all of two characters) or one by one (``\\u``), and for a string left open."""
    from scopelint.extractors.recognition.notebook_json import char_offsets, offsets_one_by_one

    text = before + json.dumps(value, ensure_ascii=ascii_only) + ', "x": 1}'
    start = len(before)
    found = char_offsets(text, start)
    assert found == offsets_one_by_one(text, start)
    assert len(found) == len(value) + 1  # every character, and the closing quote
    unclosed = text[:start] + '"' + value.replace('"', "").replace("\\", "")
    assert char_offsets(unclosed, start) == offsets_one_by_one(unclosed, start)
