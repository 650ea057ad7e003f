"""Postman collections (``*.postman_collection.json``) and environments (``*.postman_environment.json``).

An OAuth2 auth block (collection, folder or request level; the ``[{key, value}]`` list shape and
the older object shape) whose token URL is a Celonis URL, a ``{{…}}`` variable named for Celonis,
or an unresolved variable in a Celonis collection, is a client record and a token request.
Request URLs of a Celonis collection become API calls when their path is a known Celonis route, and
a request to a Celonis token URL a token request (its grant type and scope from the query string or
an urlencoded body).
Collection and environment variables are judged like any configuration variable.
"""
from __future__ import annotations

import re
from json.decoder import scanstring

from ... import lazy_re
from ...findings import Location
from ...located import Node, ParseError
from ...model import REQUEST, FileFacts, Problem, TokenRequest, Value
from ..recognition.source import Source, documents
from .postman_auth import POSTMAN_CALLBACK, Collection
from ..recognition.variables import api_call, celonis_context, client_settings, judge, oauth_client, pair_words
from ..recognition.celonis import is_celonis_url
from ..recognition.emit import url_facts
from ..recognition.scopes import query_scopes, scope_string, setting
from ..recognition.notebook_json import char_offsets
from ..recognition.urls import UNRESOLVED, is_absolute, is_token_url, strip_secrets, url_path, url_query

_FILE = lazy_re.compile(r"\.postman_(collection|environment)\.json$", re.I)
# what shows a collection or environment may hold credentials or talk to Celonis: an auth block, a
# secret, token, password or key, a Bearer header
_CREDENTIALS = lazy_re.compile(r'celonis|"auth"\s*:|secret|token|password|api_?key|app_?key|bearer', re.I)
MAX_ITEMS = 20_000
_TOOLS = {"postman": "Postman", "bruno": "Bruno"}  # a collection's tool, by the origin of its records
_LEADING_VAR = lazy_re.compile(r"^\{\{[^}]*\}\}")


def claims(path: str, explicit: bool = False) -> bool:
    return bool(_FILE.search(path))


def extract(src: Source, facts: FileFacts) -> None:
    if any(p.kind in ("invalid", "unread") for p in facts.problems):
        return
    try:
        found = documents(src, "json")
    except ParseError as exc:
        # an SL000 error where the file may hold credentials or Celonis requests (a gate must not pass what
        # it cannot read); else a note, as for any other file it cannot read that holds nothing for it
        loc = Location(src.path, exc.line, exc.col)
        if _CREDENTIALS.search(src.text):
            facts.problems.append(Problem(loc, f"Postman file: {exc.message}"))
        else:  # a note shows no position of its own
            facts.problems.append(Problem(loc, f"Postman file: {exc.message} (line {exc.line}, column {exc.col})",
                                          kind="skipped"))
        return
    root = found[0] if found else None
    if root is None or not isinstance(root.value, dict):
        facts.problems.append(Problem(Location(src.path, 1, 1), "Postman file: expected a JSON object"))
        return
    if src.path.lower().endswith("environment.json"):
        read_environment(root, src, facts)
    else:
        read_collection(root, src, facts)


def read_environment(root: Node, src: Source, facts: FileFacts) -> None:
    """An environment's ``values``: each judged like any configuration variable."""
    pairs: list[tuple[str, str, Node]] = []
    for item in _list(root.get("values")):
        key, value = _text(item.get("key")), item.get("value")
        if key is not None and value is not None and value.tag == "str":
            pairs.append((key, str(value.value), value))
    context = celonis_context([_text(root.get("name")) or "", *pair_words((key, text) for key, text, _ in pairs)])
    oauth = oauth_client(key for key, _, _ in pairs)
    client = client_settings((key, text) for key, text, _ in pairs)
    for key, text, value in pairs:
        judge(key, text, value.loc, facts, context, src.catalog, oauth=oauth, client=client)


def read_collection(root: Node, src: Source, facts: FileFacts, origin: str = "postman",
                    callback: str | None = POSTMAN_CALLBACK) -> None:
    """A collection (Postman's shape): its variables, auth blocks and requests. ``origin`` names the
    tool for client records; ``callback``: the redirect URI its OAuth2 blocks use when they set none."""
    collection = Collection(root, src, facts, origin, callback)
    for key, value in collection.variables.items():
        judge(key, str(value.value), value.loc, facts, collection.celonis, src.catalog)
    top = collection.auth(root.get("auth"))
    stack = [(item, top) for item in reversed(_list(root.get("item")))]
    seen = 0
    while stack and seen < MAX_ITEMS:
        item, inherited = stack.pop()
        seen += 1
        if not isinstance(item.value, dict):
            continue
        kind = collection.auth(item.get("auth")) or inherited
        request = item.get("request")
        if request is not None:
            _request(collection, request, _text(item.get("name")) or "", kind)
        stack.extend((child, kind) for child in reversed(_list(item.get("item"))))


def _request(collection: Collection, node: Node, name: str, inherited: str | None) -> None:
    if node.tag == "str":  # a request written as its URL alone
        node = Node({"url": node}, node.loc)
    if not isinstance(node.value, dict):
        return
    kind = collection.auth(node.get("auth")) or inherited
    if not collection.celonis:
        return
    app_key = kind == "apikey"
    for header in _list(node.get("header")):
        key, value, off = _text(header.get("key")), header.get("value"), header.get("disabled")
        if key is None or value is None or (off is not None and off.value is True):
            continue
        app_key = app_key or (_text(value) or "").startswith("AppKey ")
        collection.credential(key, value)
    _body_secrets(collection, node.get("body"))
    url = node.get("url")
    raw = url.get("raw") if url is not None and isinstance(url.value, dict) else url
    if raw is not None and _text(raw):
        _url(collection, _text(node.get("method")) or "GET", raw, name, call=not app_key)
        _token_request(collection, node, raw)


def _body_secrets(collection: Collection, body: Node | None) -> None:
    """The secret-named fields of a request's body (``client_secret`` in a token request's form), in
    its ``urlencoded`` and ``formdata`` lists and in a ``raw`` form string or JSON object."""
    if body is None or not isinstance(body.value, dict):
        return
    for mode in ("urlencoded", "formdata"):
        for entry in _list(body.get(mode)):
            key, value = _text(entry.get("key")), entry.get("value")
            if key is not None and value is not None and _text(entry.get("type")) in (None, "text"):
                collection.credential(key, value)
    raw = body.get("raw")
    if raw is not None and raw.tag == "str" and _text(body.get("mode")) in (None, "raw"):
        for key, value in _raw_fields(collection, raw):
            collection.credential(key, Node(value.value, value.loc, tag="str"))


def _token_request(collection: Collection, node: Node, url: Node) -> None:
    """A request to a Celonis token URL written as a request (not an auth block): its grant type and
    scope from the query string or a form body (``urlencoded``); scopes unknown when neither has one."""
    raw = str(url.value)
    resolved = collection.resolve(raw).strip()
    if not (is_absolute(resolved) and is_celonis_url(resolved) and is_token_url(resolved)):
        return
    scopes = query_scopes(raw, url.loc, REQUEST)
    grant = next((Value(v, Location(url.loc.path, url.loc.line, url.loc.col + at)) for k, v, at in url_query(raw)
                  if k == "grant_type"), None)
    body = node.get("body")
    form = body.get("urlencoded") if body is not None and isinstance(body.value, dict) else None
    for entry in _list(form):
        key, value = _text(entry.get("key")), entry.get("value")
        if value is None or _text(value) is None:
            continue
        if key == "scope" and scopes is None:
            scopes = scope_string(str(value.value), value.loc, REQUEST)
        elif key == "grant_type" and grant is None:
            grant = Value(str(value.value), value.loc)
    raw = body.get("raw") if body is not None and isinstance(body.value, dict) and _text(body.get("mode")) == "raw" else None
    if raw is not None and raw.tag == "str":
        for key, value in _raw_fields(collection, raw, ("scope", "grant_type")):
            if key == "scope" and scopes is None:
                scopes = scope_string(value.value, value.loc, REQUEST)
            elif key == "grant_type" and grant is None:
                grant = value
    collection.facts.token_requests.append(TokenRequest(
        url.loc, None if UNRESOLVED.search(resolved) else strip_secrets(resolved), scopes,
        grant_type=setting(grant.value, grant.loc) if grant is not None else None))


_JSON_FIELD = lazy_re.compile(r'"([\w.-]+)"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _raw_fields(collection: Collection, raw: Node, names: tuple[str, ...] | None = None) -> list[tuple[str, Value]]:
    """The string fields of a raw body (a form string, or JSON), or those of ``names``, each where the
    file has it: past the escapes of the JSON string that holds the body, or at the body when it is
    not written on its line as its value says."""
    text = str(raw.value)
    if text.lstrip().startswith("{"):
        found = [(m.group(1), m.group(2), m.start(2)) for m in _JSON_FIELD.finditer(text)]
    else:
        found = [(name, value, at - 1) for name, value, at in url_query("?" + text)]
    if names is not None:
        found = [f for f in found if f[0] in names]
    line = collection.lines[raw.loc.line - 1] if 0 < raw.loc.line <= len(collection.lines) else ""
    offsets = char_offsets(line, raw.loc.col - 2) if _written(line, raw.loc.col - 1, text) else None
    out = []
    for name, value, at in found:
        where = Location(raw.loc.path, raw.loc.line, offsets[at] + 1, raw.loc.line, offsets[at + len(value)] + 1) \
            if offsets is not None else raw.loc
        out.append((name, Value(value, where)))
    return out


def _written(line: str, at: int, text: str) -> bool:
    """Whether ``line`` holds, from offset ``at`` (just past its opening quote), the JSON string ``text``."""
    if at < 1 or line[at - 1:at] != '"':
        return False
    try:
        return scanstring(line, at)[0] == text
    except ValueError:
        return False


def _url(collection: Collection, method: str, node: Node, name: str, call: bool) -> None:
    """URL facts for a Celonis request, and an API call unless it is made with an application key
    (key calls are not scope-gated)."""
    raw = str(node.value)
    resolved = collection.resolve(raw).strip()
    if is_absolute(resolved):
        if not is_celonis_url(resolved):
            return
        path = url_path(resolved)
    else:
        path = _LEADING_VAR.sub("", resolved)
        if not path.startswith("/"):
            return
    collection.add(url_facts(raw, node.loc))
    if call:
        tool = _TOOLS.get(collection.origin, collection.origin)
        evidence = f"{tool} request {name!r}" if name else f"{tool} request"
        api_call(path, node.loc, collection.facts, collection.catalog, method, evidence)


def _list(node: Node | None) -> list[Node]:
    return node.value if node is not None and isinstance(node.value, list) else []


def _text(node: Node | None) -> str | None:
    return str(node.value) if node is not None and node.tag == "str" else None
