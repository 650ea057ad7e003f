"""HTTP calls in JavaScript: ``fetch(url, {method, body, headers})``, ``axios.post(url, data,
config)``, ``axios({url, method, data})``, ``got``/``ky`` verbs, and any call whose first
argument is a token URL. Each becomes a ``Request`` for the shared emitter."""
from __future__ import annotations

import copy

from ..recognition.urls import is_absolute, is_token_url
from .evaluate import MAX_BINDINGS, Arr, Evaluator, Obj, Value
from ..recognition.fields import form_fields, form_open, json_fields
from ..recognition.requests import Field, Request
from ..recognition.text import Piece, Text

HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options"})
BODY_VERBS = frozenset({"post", "put", "patch"})
FETCH_LIKE = frozenset({"fetch", "$fetch", "ofetch", "nodeFetch", "crossFetch", "got", "ky", "needle",
                        "superagent", "undici", "request"})
NOT_CALLS = frozenset({"if", "for", "while", "switch", "catch", "function", "return", "typeof", "with",
                       "constructor", "super", "import", "require"})
# the options of a request: fetch's, axios', got's; ``payload`` is Google Apps Script's ``UrlFetchApp.fetch`` body
OPTION_KEYS = frozenset({"body", "json", "form", "headers", "searchParams", "method", "data", "params", "payload"})
MISSING = object()
# the request a Node-RED ``http request`` node makes of the message a function node hands it, as
# ``javascript.flows`` writes it after that node's code: ``__httpRequestNode(message, method, url, output)``
# (the message's ``url``, ``method``, ``headers`` and ``payload``; one message for each output, or one),
# with the node's own method and URL when it has them
HTTP_REQUEST_NODE = "__httpRequestNode"


def call_sites(ev: Evaluator):
    """``(callee, first token index, index of "(")`` for each call, in order."""
    toks = ev.toks
    for i in ev.where("("):
        if i < 1:
            continue
        last = i - 2 if ev.is_(i - 1, "?.") and i >= 2 else i - 1  # ``fetch?.(url)``: an optional call
        if toks[last].kind != "id" or toks[last].text in NOT_CALLS:
            continue
        j = last
        while j >= 2 and ev.is_(j - 1, ".", "?.") and toks[j - 2].kind == "id":
            j -= 2
        if ev.is_(j - 1, "new", "function", "."):
            continue
        yield ".".join(toks[k].text for k in range(j, last + 1, 2)), j, i


# what a call named as no request (``named_request``) needs to be one: a token URL holds ``TOKEN_PATH``,
# a grant's object a ``grant_type`` key. Unless the file, or a module it reads values from, holds one of
# these, no such call's arguments are worth reading (most calls of most files: reading them is most of
# the time a large TypeScript project takes)
_UNNAMED_NEEDS = ("oauth2", "grant_type")


def requests(ev: Evaluator):
    """Every call that is an HTTP request with a readable URL."""
    unnamed: bool | None = None  # whether a call named as no request may be one here: asked once, when first met
    sent_until = -1  # the end of the arguments of the last request with a URL: a grant's object inside is its body
    for callee, first, paren in call_sites(ev):
        if ev.budget <= 0:
            return
        end = ev.close(paren)
        if ev.is_(end, "{", "=>"):
            continue  # a method or function definition, not a call
        if not named_request(callee):
            if unnamed is None:
                unnamed = any(w in ev.source for w in _UNNAMED_NEEDS) or \
                    ev.imports is not None and ev.imports.mention(_UNNAMED_NEEDS)
            if not unnamed:
                continue
        args, _ = ev.args(paren)
        values = [a for a, _ in args]
        root = callee.split(".", 1)[0]
        config = instance_config(ev, root) if "." in callee else None
        if config is not None and values and isinstance(values[0], Text):
            base = next((config.get(key) for key in BASE_KEYS if isinstance(config.get(key), Text)), None)
            if isinstance(base, Text):
                values[0] = _joined(base, values[0])
        req = request_for(callee, values)
        if req is not None and req.grant and req.url is None and first < sent_until:
            continue  # ``axios.post(url, qs.stringify({grant_type, scope}))``: the body of that request, not one more
        if req is not None and req.url is not None:
            sent_until = max(sent_until, end)
        if req is not None:
            if config is not None:  # the instance's headers, params and auth go with every request
                given = Request((0, 0), None)
                _config(given, config)
                _inherit(req, given.headers)
                req.fields.extend(given.fields)
                req.basic = req.basic or given.basic
            _inherit(req, _defaults(ev, root, req.method))
            _chained(ev, end, req)
            req.at = (ev.toks[first].start, ev.toks[paren - 1].end)
            req.evidence = "an http request node" if callee == HTTP_REQUEST_NODE else callee
            yield from _through_calls(ev, req, first)


def _through_calls(ev: Evaluator, req: Request, first: int) -> list[Request]:
    """A request whose URL is built on parameters of the function around it (``celonisGet(path)`` that
    fetches ``${BASE}${path}``): one request for each call of that function in the file, at the call,
    its URL bound to what the call passes (``celonisGet("/integration/api/pools")``, a template with a
    part written out: ``celonisGet(`/integration/api/pools/${id}`)``), as Python reads
    a function that forwards its arguments. The request itself stays where a call passes a value not
    known, or the function is called nowhere here (a handler, an export)."""
    url = req.url
    refs = {p.ref for p in url.pieces if p.ref} if url is not None else set()
    owners: dict[str, tuple[str, int]] = {}
    for ref in refs:
        if ref in ev.params:
            held, _, owner = ev.parameter(ref, ev.toks[first].start)
            if held and owner is not None:
                owners[ref] = owner
    functions = {owner[0] for owner in owners.values()}
    if len(functions) != 1:
        return [req]
    (function,) = functions
    sites = ev.call_sites().get(function, [])
    if ev.defined.get(function) != 1 or not sites or len(sites) > MAX_BINDINGS:
        return [req]
    out: list[Request] = []
    unknown = False
    for paren in sites:
        args, _ = ev.args(paren)
        values = {ref: args[pos][0] if pos < len(args) else None for ref, (_, pos) in owners.items()}
        if not all(isinstance(v, Text) and any(p.ref is None and p.text for p in v.pieces) for v in values.values()):
            unknown = True  # a value not known, or one reference (``celonisGet(next)``): the request stays too
            continue
        bound = copy.copy(req)
        bound.url = url.bound(values)  # type: ignore[union-attr, arg-type]
        bound.fields, bound.headers = list(req.fields), list(req.headers)
        bound.at = (ev.toks[paren - 1].start, ev.toks[paren - 1].end)
        bound.evidence = f"{req.evidence} in {function}()"
        out.append(bound)
    return out + [req] if unknown or not out else out


# superagent (and supertest, chai-http) build the request in a chain after the call:
# ``request.post(url).set("Authorization", h).type("form").send({grant_type, scope}).query({...})``
_CHAIN_ENDS = frozenset({"then", "end", "catch", "finally", "pipe"})  # the request is sent: nothing after adds to it


def _chained(ev: Evaluator, j: int, req: Request) -> None:
    """What a chain after the call adds to the request: ``.send`` its body (objects merge; a string is
    a form), ``.query`` its query, ``.field`` a form field, ``.set`` headers, ``.auth`` Basic
    credentials. A body sent that cannot be read leaves the body open, never empty."""
    while ev.is_(j, ".") and j + 2 < len(ev.toks) and ev.toks[j + 1].kind == "id" and ev.is_(j + 2, "("):
        name, paren = ev.toks[j + 1].text, j + 2
        if name in _CHAIN_ENDS:
            return
        after = ev.close(paren)
        if name in ("send", "query", "field", "set", "auth"):
            values = [a for a, _ in ev.args(paren)[0]]
            first = values[0] if values else None
            if name == "send":
                _body(req, first if values else MISSING)
            elif name == "query" and isinstance(first, Obj):
                req.fields.extend(Field(k, e.value if isinstance(e.value, Text) else None, query=True)
                                  for k, e in first.entries.items())
                req.body_open = req.body_open or first.open
            elif name == "query" and isinstance(first, Text):
                req.fields.extend(Field(n, v, encoded=True, query=True) for n, v, _ in form_fields(first))
                req.body_open = req.body_open or form_open(first)
            elif name == "field" and len(values) == 2 and isinstance(first, Text) and first.resolved:
                req.fields.append(Field(first.value, values[1] if isinstance(values[1], Text) else None))
            elif name == "set" and len(values) == 2 and isinstance(first, Text) and first.resolved:
                req.headers.append(Field(first.value, values[1] if isinstance(values[1], Text) else None))
            elif name == "set" and isinstance(first, Obj):
                req.headers.extend(Field(k, e.value if isinstance(e.value, Text) else None) for k, e in first.entries.items())
            elif name == "auth" and len(values) >= 2:
                req.basic = True
                if isinstance(values[1], Text):
                    req.fields.append(Field("auth.password", values[1], kind="client secret"))
            elif name in ("query", "field"):
                req.body_open = True
        j = after


INSTANCE_FACTORIES = frozenset({"axios.create", "ky.create", "ky.extend", "got.extend"})
BASE_KEYS = ("baseURL", "prefixUrl")


def _defaults(ev: Evaluator, client: str, method: str | None) -> list[Field]:
    """The headers set as the client's defaults (``axios.defaults.headers.common.Authorization = ...``)
    for every request, or for those of ``method``."""
    out = []
    for only, name, j in ev.default_headers.get(client, ()):
        if only is None or method == only.upper():
            value, _ = ev.expr(j)
            out.append(Field(name, value if isinstance(value, Text) else None))
    return out


def _inherit(req: Request, headers: list[Field]) -> None:
    """Headers a request gets from its client, unless it sets one of the same name itself."""
    own = {h.name.lower() for h in req.headers}
    req.headers.extend(h for h in headers if h.name.lower() not in own)


def instance_config(ev: Evaluator, name: str) -> Obj | None:
    """The configuration of an HTTP client instance bound to ``name``: its base URL, headers, params
    (``const api = axios.create({baseURL: "https://x.celonis.cloud/integration/api/v1", headers})``)."""
    k = ev.consts.get(name)
    if k is None or name in ev.ambiguous:
        return None
    while ev.is_(k, "await"):
        k += 1
    factory, paren = ev.chain_name(k)
    if factory not in INSTANCE_FACTORIES or not ev.is_(paren, "("):
        return None
    args, _ = ev.args(paren)
    config = args[0][0] if args else None
    return config if isinstance(config, Obj) else None


def _joined(base: Text, path: Text) -> Text:
    """``baseURL`` joined with a call's relative path, as axios does; an absolute URL stays as it is."""
    if is_absolute(path.value) or not path.value:
        return path
    # the base is judged where it is written; the joined URL points at the call's path
    base = Text(tuple(Piece(p.text, None, p.ref, None) for p in base.pieces), base.names)
    if base.value.endswith("/") and path.value.startswith("/"):
        return base.slice(0, len(base.value) - 1) + path
    if not base.value.endswith("/") and not path.value.startswith("/"):
        return base + Text.literal("/", None) + path
    return base + path


def named_request(callee: str) -> bool:
    """Whether ``callee`` names a request whatever its URL (``fetch``, ``axios.post``, ``got``,
    ``pm.sendRequest``): any other call is one only for a token URL or a grant's object
    (``request_for``)."""
    parts = callee.split(".")
    last, root = parts[-1], parts[0]
    return callee in (HTTP_REQUEST_NODE, "axios") or last in _REQUEST_NAMES or last in HTTP_VERBS and len(parts) > 1 \
        or last in FETCH_LIKE or root in FETCH_LIKE and len(parts) == 1


_REQUEST_NAMES = frozenset({"request", "sendRequest", "httpRequest"})


def request_for(callee: str, args: list[Value]) -> Request | None:
    parts = callee.split(".")
    last, root = parts[-1], parts[0]
    first = args[0] if args else None
    second = args[1] if len(args) > 1 else MISSING
    if last == "needle" and isinstance(first, Text) and first.value.lower() in HTTP_VERBS and len(args) > 1:
        return request_for(f"needle.{first.value.lower()}", args[1:])  # needle(method, url, data, options)
    if callee == HTTP_REQUEST_NODE:
        output = args[3] if len(args) > 3 else None
        if isinstance(first, Arr):  # one message for each output: the one the http request node is wired to
            k = int(output.value) if isinstance(output, Text) and output.value.isdigit() else 0
            first = first.items[k] if k < len(first.items) else None
        return _from_message(first, second, args[2] if len(args) > 2 else None)
    # axios(config), request(config), n8n's this.helpers.httpRequest(options), Postman's pm.sendRequest(request)
    if isinstance(first, Obj) and (callee == "axios" or last in _REQUEST_NAMES):
        return _from_config(first)
    if not isinstance(first, Text):
        return _grant(args)
    if last == "sendRequest" and len(parts) > 1:  # Postman's and Bruno's pm.sendRequest(url, callback): a GET
        return Request((0, 0), first, "GET")
    if last in HTTP_VERBS and len(parts) > 1:
        req = Request((0, 0), first, last.upper())
        data = second if last in BODY_VERBS else MISSING
        config = args[2 if last in BODY_VERBS else 1] if len(args) > (2 if last in BODY_VERBS else 1) else MISSING
        if isinstance(data, Obj) and _is_options(data) and root != "axios":
            data, config = _options_body(data), data
        _body(req, data)
        _config(req, config)
        return req
    if last in FETCH_LIKE or root in FETCH_LIKE and len(parts) == 1:
        options = second if isinstance(second, Obj) else None
        method = "GET" if options is not None or second is MISSING else None
        if options is not None and "method" in options.entries:
            method = _method(options.get("method"))
        req = Request((0, 0), first, method)
        if second is not MISSING and options is None:
            req.body_open = True
        if options is not None and options.entries and not _is_options(options):
            _body(req, options)  # request(url, {grant_type, scope}): the second argument is the body
        else:
            _body(req, _options_body(options) if options is not None else MISSING)
            _config(req, options if options is not None else MISSING)
        return req
    if is_token_url(first.value):
        req = Request((0, 0), first, "POST")
        if isinstance(second, Obj) and _is_options(second):
            _body(req, _options_body(second))
            _config(req, second)
        else:
            _body(req, second)
        return req
    return None


def _grant(args: list[Value]) -> Request | None:
    """``client.grant({grant_type, scope})`` (openid-client and the like): a token request whose
    URL lies elsewhere; it counts only when its scopes are unmistakably Celonis ones."""
    for arg in args:
        if isinstance(arg, Obj) and "grant_type" in arg.entries and "scope" in arg.entries:
            req = Request((0, 0), None, "POST", grant=True)
            _body(req, arg)
            return req
    return None


def _from_config(obj: Obj) -> Request | None:
    url = obj.get("url")
    if not isinstance(url, Text):
        return None
    base = obj.get("baseURL")
    req = Request((0, 0), base + url if isinstance(base, Text) else url, _method(obj.get("method")) or "GET")
    _body(req, _options_body(obj))
    _config(req, obj)
    return req


def _from_message(msg: Value, method: Value | object, url: Value) -> Request | None:
    """A Node-RED message as an ``http request`` node sends it, to the node's own URL if it has one; a
    body it does not set is the one it was handed, not known."""
    if not isinstance(msg, Obj):
        return None
    if not isinstance(url, Text):
        url = msg.get("url")
    if not isinstance(url, Text):
        return None
    given = _method(method) if isinstance(method, Text) else _method(msg.get("method"))  # type: ignore[union-attr]
    req = Request((0, 0), url, given or "GET")
    if "payload" in msg.entries:  # type: ignore[union-attr]
        _body(req, msg.get("payload"))  # type: ignore[union-attr]
    else:
        req.body_open = req.body_open or msg.open  # type: ignore[union-attr]
    _config(req, msg)
    return req


# the other keys of the options of fetch (RequestInit), got and axios: not fields of a request body
_OTHER_OPTIONS = frozenset({
    "timeout", "auth", "agent", "https", "httpsAgent", "httpAgent", "signal", "cache", "credentials", "integrity",
    "keepalive", "mode", "priority", "redirect", "referrer", "referrerPolicy", "window", "dispatcher", "duplex",
    "responseType", "retry", "username", "password", "hooks", "throwHttpErrors", "followRedirect", "decompress",
    "http2", "context", "prefixUrl", "resolveBodyOnly", "cookieJar", "url", "baseURL", "maxRedirects", "proxy",
    "validateStatus", "withCredentials", "transformRequest", "transformResponse", "paramsSerializer", "maxBodyLength",
    "maxContentLength", "insecureHTTPParser"})
# what a token request's body holds, never an option of an HTTP library
_BODY_FIELDS = frozenset({"grant_type", "scope", "client_id", "client_secret", "audience", "resource",
                          "refresh_token", "code", "assertion"})


def _is_options(obj: Obj) -> bool:
    """Whether an object given to a request is its options (``{method, body, signal}``), not its body:
    every key an option's, or one that only options have (``body``, ``headers``) and no body field."""
    keys = obj.entries
    if not keys:
        return False
    if all(k in OPTION_KEYS or k in _OTHER_OPTIONS for k in keys):
        return True
    return any(k in OPTION_KEYS for k in keys) and not any(k in _BODY_FIELDS for k in keys)


def _options_body(obj: Obj) -> Value | object:
    for key in ("body", "data", "form", "json", "payload"):
        if key in obj.entries:
            return obj.get(key)
    return MISSING


def _method(value: Value) -> str | None:
    return value.value.upper() if isinstance(value, Text) and value.resolved else None


def _body(req: Request, value: Value | object) -> None:
    if value is MISSING:
        return
    if isinstance(value, Obj) and isinstance(value.get("mode"), Text):
        _postman_body(req, value)
    elif isinstance(value, Obj):
        req.fields.extend(Field(k, e.value if isinstance(e.value, Text) else None) for k, e in value.entries.items())
        req.body_open = req.body_open or value.open
    elif isinstance(value, Text):
        is_json = value.value.lstrip().startswith("{")
        found = json_fields(value) if is_json else form_fields(value)
        req.fields.extend(Field(n, v, encoded=True) for n, v, _ in found)
        req.body_open = req.body_open or (not value.literal_only if is_json else form_open(value))
    else:
        req.body_open = True


def _postman_body(req: Request, body: Obj) -> None:
    """A Postman request body (``pm.sendRequest``): ``{mode: "urlencoded", urlencoded: [{key, value}]}``,
    ``{mode: "raw", raw: "..."}``; another mode, or one not read, leaves the body open."""
    mode = body.get("mode")
    content = body.get(mode.value) if isinstance(mode, Text) and mode.resolved else None
    if isinstance(content, Arr):
        pairs = _pairs(content)
        req.fields.extend(pairs)
        req.body_open = req.body_open or len(pairs) < len(content.items)
    elif isinstance(content, Text):
        _body(req, content)
    else:
        req.body_open = True


def _pairs(items: Arr) -> list[Field]:
    """The ``{key, value}`` entries of a Postman list (a form, headers) whose key is known."""
    out = []
    for item in items.items:
        key = item.get("key") if isinstance(item, Obj) else None
        if isinstance(key, Text) and key.resolved:
            value = item.get("value")  # type: ignore[union-attr]
            out.append(Field(key.value, value if isinstance(value, Text) else None))
    return out


def _config(req: Request, config: Value | object) -> None:
    if not isinstance(config, Obj):
        return
    headers = config.get("headers") or config.get("header")  # Postman's request: header
    if isinstance(headers, Obj):
        req.headers.extend(Field(k, e.value if isinstance(e.value, Text) else None) for k, e in headers.entries.items())
    elif isinstance(headers, Arr):
        req.headers.extend(_pairs(headers))
    params = config.get("params") or config.get("searchParams")
    if isinstance(params, Obj):
        req.fields.extend(Field(k, e.value if isinstance(e.value, Text) else None, query=True)
                          for k, e in params.entries.items())
    auth = config.get("auth")
    if isinstance(auth, Obj):
        req.basic = True
        password = auth.get("password")
        if isinstance(password, Text):
            req.fields.append(Field("auth.password", password, kind="client secret"))
