"""HTTP calls in Python (``requests``, ``httpx``, ``urllib3``, ``aiohttp``, sessions and clients):
which URL they go to, with which method, and whether that URL is a Celonis API path."""
from __future__ import annotations

import ast
import re
from dataclasses import replace

from ... import lazy_re
from ...model import ApiCall, Insecure, UnresolvedCall
from ..recognition.celonis import is_celonis_url
from ..recognition.emit import api_route_counts, generic_route
from ..recognition.names import names_another
from ..recognition.urls import blank_segments, is_absolute, strip_secrets, template_segments, url_path
from .context import Context, arg, kwarg
from .strings import Text, dotted
from .evaluate import passed
from .call_values import ENV_FUNCS, ENV_MAPS
from ...records import record

VERBS = {"get", "post", "put", "patch", "delete", "head", "options"}
GENERIC = {"request", "Request", "request_encode_body", "request_encode_url", "urlopen", "stream"}
NOT_HTTP = {"dict", "self.headers", "headers", "params", "kwargs", "config", "settings", "options"} | ENV_MAPS
HTTP_LIBS = ("requests", "httpx", "urllib3", "aiohttp", "urllib.request", "http")
# the HTTP methods of frameworks' client classes, called on ``self`` or a client: where the method and
# the URL stand (positions, keywords). Cortex XSOAR integrations subclass ``BaseClient`` and call
# ``self._http_request(method, url_suffix, full_url=...)``, the suffix joined to the client's base URL
WRAPPERS = {"_http_request": ((0, "method"), (1, "full_url", "url_suffix"))}
_SPACE = lazy_re.compile(r"\s")  # what str.isspace says, searched at C speed (a long value is tested at every use)
_LEADING = lazy_re.compile(r"^(\{[^{}/]*\})+")
_HOST = lazy_re.compile(r"^[a-z][a-z0-9+.-]*://[A-Za-z0-9.:@-]*", re.I)


@record(frozen=False)
class HttpCall:
    """An HTTP call: the call node, its method and its URL."""

    node: ast.Call
    method: str | None
    url_node: ast.expr
    url: Text | None
    through: ast.Call | None = None  # the library call inside the module's wrapper that ``node`` calls
    own: bool = True  # the keywords of ``node`` are the request's (a wrapper that hands on its ``**kwargs``)


# HTTP mocking libraries: ``responses.post(url, json=...)`` registers a reply, it sends no request
MOCK_LIBS = ("responses", "respx", "requests_mock", "aioresponses", "httpretty", "pytest_httpx", "httmock")
# the pytest fixtures they give, by the parameter name a test takes
MOCK_FIXTURES = frozenset({"requests_mock", "respx_mock", "httpx_mock", "aioresponses", "responses", "rsps",
                           "mocked_responses"})


def http_call(call: ast.Call, ctx: Context, wrapped: bool = False) -> HttpCall | None:
    """The HTTP call ``call`` makes: a library's, or through a wrapper of the module's own
    (``_wrapped``), unless ``wrapped`` (the call inside one)."""
    func = call.func
    if isinstance(func, ast.Attribute):
        receiver = dotted(func.value) or ""
        if receiver in NOT_HTTP or f"{receiver}.{func.attr}" in ENV_FUNCS or _mock(func.value, ctx):
            return None
        name = func.attr
    elif isinstance(func, ast.Name):
        origin = ctx.mod.imports.get(func.id, "")
        if not origin.startswith(HTTP_LIBS):
            return None if wrapped else _wrapped(call, ctx)
        name = origin.rsplit(".", 1)[-1]
    else:
        return None
    if name.lower() in VERBS:
        method, url_node = name.upper(), arg(call, 0, "url")
    elif name in GENERIC:
        method, url_node = _generic(call, name, ctx)
    elif name in WRAPPERS and isinstance(func, ast.Attribute):
        (m_at, *m_names), (u_at, *u_names) = WRAPPERS[name]
        verb = arg(call, m_at, *m_names)
        text = ctx.text(verb) if verb is not None else None
        method = text.text.upper() if text is not None and text.resolved and text.text.lower() in VERBS else None
        url_node = arg(call, u_at, *u_names)
    else:
        return None if wrapped else _wrapped(call, ctx)
    if url_node is None:
        return None
    url = ctx.text(url_node)
    if url is not None and url.text.startswith("/") and isinstance(func, ast.Attribute):
        base = _celonis_client(func.value, ctx)
        if base is not None:
            prefix = url_path(base.text).rstrip("/") if base.resolved and is_absolute(base.text) else ""
            url = replace(url, text=prefix + url.text, celonis=True)  # the base URL's path joins the call's
    return HttpCall(call, method, url_node, url)


def _wrapped(call: ast.Call, ctx: Context) -> HttpCall | None:
    """A call of the module's own HTTP wrapper, which hands its keywords on to one library call
    (``def _post(self, path, **kwargs): return self.session.post(self.BASE_URL + path, **kwargs)``,
    called as ``self._post(TOKEN_PATH, data={...})``): that HTTP call, its URL and method read with
    the wrapper's parameters bound to this call's arguments, its body and headers this call's."""
    func = ctx.ev.callee(call)
    found_inner = _forwarding(func, ctx) if func is not None else None
    if found_inner is None:
        return None
    inner, own = found_inner
    ctx.ev.frames.append((func, call))
    try:
        found = http_call(inner, ctx, wrapped=True)
    finally:
        ctx.ev.frames.pop()
    if found is None or found.url is None:
        return None
    used = {n.id for n in ast.walk(found.url_node) if isinstance(n, ast.Name)}
    params = [a.arg for a in func.args.posonlyargs + func.args.args if a.arg in used]  # type: ignore[union-attr]
    site = passed(func, params[0], call) if params else None  # type: ignore[arg-type]
    return HttpCall(call, found.method, site if site is not None and site in call.args + [k.value for k in call.keywords]
                    else call, found.url, inner, own)


def wrapper_body(call: ast.Call, ctx: Context) -> bool:
    """Whether ``call`` is the library call of a wrapper the module calls: its URL is read at each call
    of the wrapper (``_wrapped``), not where its parameters are unknown."""
    func = ctx.mod.scope(call).func
    if func is None or not ctx.ev.call_sites(func):
        return False
    found = _forwarding(func, ctx)
    return found is not None and found[0] is call


def _forwarding(func: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> tuple[ast.Call, bool] | None:
    """The one call in a function's own body that hands on its ``**kwargs``, if it has one (the keywords
    of a call of the function are the request's: ``True``); else, for a function with no ``**kwargs``,
    its one HTTP call whose URL is built from a parameter (``def get(path): return requests.get(BASE +
    path, ...)``: what the request sends besides is the function's own, ``False``)."""
    if id(func) not in ctx.forwarding:
        ctx.forwarding[id(func)] = None  # while it is looked for: a wrapper that calls itself is none
        handed = _forwarding_call(func)
        requesting = _requesting_call(func, ctx) if func.args.kwarg is None else None
        ctx.forwarding[id(func)] = (handed, True) if handed is not None else (requesting, False) \
            if requesting is not None else None
    return ctx.forwarding[id(func)]


def _own_calls(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.Call]:
    """The calls of a function's own body, not of the functions and classes it defines."""
    found = []
    stack = list(ast.iter_child_nodes(func))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, ast.Call):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _forwarding_call(func: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.Call | None:
    if func.args.kwarg is None:
        return None
    kwargs = func.args.kwarg.arg
    found = [node for node in _own_calls(func)
             if any(k.arg is None and isinstance(k.value, ast.Name) and k.value.id == kwargs for k in node.keywords)]
    return found[0] if len(found) == 1 else None


def _requesting_call(func: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> ast.Call | None:
    """The one HTTP library call of a function's own body, when its URL, or the path after its base, is
    one of the function's parameters: each call of the function requests the URL it is given. A base
    the function is given (``def pools(team): requests.get(team + "/integration/api/pools")``) leaves
    the path where it is written, and the request is read there."""
    params = {a.arg for a in func.args.posonlyargs + func.args.args + func.args.kwonlyargs} - {"self", "cls"}
    if not params:
        return None
    found = []
    for node in _own_calls(func):
        http = http_call(node, ctx, wrapped=True)
        if http is not None:
            found.append((node, http))
            if len(found) > 1:
                return None
    if not found:
        return None
    node, http = found[0]
    used = {n.id for n in ast.walk(http.url_node) if isinstance(n, ast.Name)} & params
    base = _leftmost(http.url_node)
    if isinstance(base, ast.Name) and base is not http.url_node:
        used.discard(base.id)
    return node if used else None


def _leftmost(node: ast.expr) -> ast.expr:
    """Where a URL built by ``+`` or an f-string starts: its base."""
    while True:
        if isinstance(node, ast.BinOp):
            node = node.left
        elif isinstance(node, ast.JoinedStr) and node.values:
            first = node.values[0]
            node = first.value if isinstance(first, ast.FormattedValue) else first
        else:
            return node


def _celonis_client(receiver: ast.expr, ctx: Context) -> Text | None:
    """The Celonis ``base_url`` of the client a call is made on (``httpx.Client(base_url=CELONIS_URL)``)."""
    if not isinstance(receiver, ast.Name):
        return None
    found = ctx.mod.scope(receiver).find(receiver.id)
    if found is None or found[1] != "assign":
        return None
    for value in found[0].assigns[receiver.id]:
        base = kwarg(value, "base_url") if isinstance(value, ast.Call) else None
        val = ctx.text(base.value) if base is not None else None
        if val is not None and (val.celonis or is_celonis_url(val.text)):
            return val
    return None


def _generic(call: ast.Call, name: str, ctx: Context) -> tuple[str | None, ast.expr | None]:
    """``request("POST", url)``, ``request(method, url)``, ``request(method=..., url=...)``,
    ``Request(url, method=...)``, ``urlopen(url)``."""
    first = ctx.text(call.args[0]) if call.args else None
    if first is not None and first.resolved and first.text.lower() in VERBS:
        return first.text.upper(), arg(call, 1, "url")
    if name not in ("Request", "urlopen") and len(call.args) >= 2 and not isinstance(call.args[1], ast.Starred):
        return None, call.args[1]  # the method first, whatever it is
    method = ctx.text(kwarg(call, "method").value) if kwarg(call, "method") else None
    verb = method.text.upper() if method is not None and method.resolved else None
    return verb, arg(call, 0, "url")


def api_path(val: Text, ctx: Context, in_call: bool = False) -> str | None:
    """The Celonis API path a string stands for, or ``None``."""
    s = template_segments(val.text.strip())
    if not s or _SPACE.search(s) is not None:
        return None
    celonis_host = False
    if is_absolute(s):
        host = s.split("/", 3)[2] if s.count("/") >= 2 else ""
        celonis_host = is_celonis_url(s)
        if not celonis_host and "{" not in host:
            return None
        path = url_path(s)
    else:
        path = _LEADING.sub("", s, count=1)
        if not path.startswith("/"):
            # a Celonis base set with its "/" (``f"{team_url}semantic-layer/api/..."``): the path of an API the
            # catalog knows, nothing else (``{team_url}ui/...`` is a page)
            if path == s or not val.celonis or ctx.catalog.route_for("/" + path.split("?", 1)[0]) is None:
                return None
            path = "/" + path
    path = blank_segments(path.split("?", 1)[0].split("#", 1)[0],
                          any(isinstance(n, ast.Constant) and n.value == "" for n in val.nodes))
    if path in ("", "/"):
        return None
    return path if api_route_counts(ctx.catalog, path, None, in_call and (celonis_host or val.celonis)) else None


def unresolved_path(val: Text) -> bool:
    """A Celonis base followed by a path that is not known statically (``f"{CELONIS_URL}{path}"``)."""
    s = val.text.strip()
    if val.resolved or not (val.celonis or is_celonis_url(s)) or _SPACE.search(s) is not None:
        return False
    host = _HOST.match(s)
    rest = s[host.end():] if host else s[s.find("}") + 1:] if s.startswith("{") else s
    return "{" in rest


def is_celonis_target(call: HttpCall, ctx: Context) -> bool:
    val = call.url
    if val is None:
        return False
    if val.celonis or is_celonis_url(val.text):
        return True
    path = api_path(val, ctx, in_call=True)
    return path is not None and not generic_route(path)  # /api/team on a base not known: anybody's


# the unknown base a URL is built on, as the evaluator writes it (``{GRAFANA_URL}/api/widgets``)
_BASE_NAME = lazy_re.compile(r"\{([\w.]+)\}")


def api_call(call: HttpCall, ctx: Context, key: str | None = None) -> None:
    """The Celonis API call ``call`` makes; ``key``: the key authentication it sends (``key_header``)."""
    if call.url is None:
        return
    path = api_path(call.url, ctx, in_call=True)
    loc, _ = ctx.where(call.url, call.url_node)
    if path is None or path.startswith("/{") and ctx.catalog.route_for(path) is None:
        if unresolved_path(call.url) and not wrapper_body(call.node, ctx):
            ctx.facts.unresolved_calls.append(UnresolvedCall(loc, strip_secrets(call.url.text)[:200]))
        return
    generic = generic_route(path) and not (call.url.celonis or is_celonis_url(call.url.text))
    base = _BASE_NAME.match(call.url.text) if generic else None
    if base is not None and names_another(base.group(1).rsplit(".", 1)[-1]):
        ctx.consumed.update(id(n) for n in call.url.nodes)  # f"{GRAFANA_URL}/api/widgets": another service's
        return
    fact = ApiCall(call.method, path, loc, via="http", key_auth=key)
    ctx.facts.api_calls.append(fact)
    if generic:
        ctx.unproven_calls.append(fact)
    ctx.consumed.update(id(n) for n in call.url.nodes)


def tls(call: ast.Call, ctx: Context, celonis: bool) -> None:
    """``verify=False`` (``ssl=False`` for aiohttp) on a Celonis call."""
    if not celonis:
        return
    for kw in call.keywords:
        if kw.arg in ("verify", "ssl", "verify_ssl") and _false(kw.value, ctx):
            fact = Insecure("tls-off", ctx.pos.keyword(kw), f"{kw.arg}=False")
            if fact not in ctx.facts.insecure:  # a wrapper's, once however many calls reach it
                ctx.facts.insecure.append(fact)


def _false(node: ast.expr, ctx: Context) -> bool:
    """``False``, or a name bound only to ``False`` (``VERIFY_TLS = False``, ``self.verify = False``)."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        values = (ctx.mod.scope(node).self_attrs or {}).get(node.attr, [])
        return bool(values) and all(isinstance(v, ast.Constant) and v.value is False for v in values)
    if isinstance(node, ast.Name):
        found = ctx.mod.scope(node).find(node.id)
        values = found[0].assigns[node.id] if found is not None and found[1] == "assign" else []
        return bool(values) and all(isinstance(v, ast.Constant) and v.value is False for v in values)
    return isinstance(node, ast.Constant) and node.value is False


def client_tls(call: ast.Call, ctx: Context) -> None:
    """``httpx.Client(base_url=CELONIS_URL, verify=False)``: a client made for Celonis calls."""
    base = kwarg(call, "base_url")
    val = ctx.text(base.value) if base is not None else None
    if val is not None and (val.celonis or is_celonis_url(val.text)):
        tls(call, ctx, True)


def session_tls(node: ast.Assign, ctx: Context) -> None:
    """``session.verify = False`` on a session or client that calls Celonis in this file, and a client
    made with ``verify=False`` (``client = httpx.Client(verify=False)``) that then calls Celonis."""
    if isinstance(node.value, ast.Call) and any(isinstance(t, ast.Name) and ctx.receiver_key(t) in ctx.celonis_receivers
                                                for t in node.targets):
        tls(node.value, ctx, True)
    for target in node.targets:
        if isinstance(target, ast.Attribute) and target.attr in ("verify", "verify_ssl") and _false(node.value, ctx):
            key = ctx.receiver_key(target.value)
            if key is not None and key in ctx.celonis_receivers:
                ctx.facts.insecure.append(Insecure("tls-off", ctx.pos.node(node), f"{target.attr}=False"))


def _mock(receiver: ast.expr, ctx: Context, depth: int = 0) -> bool:
    """Whether ``receiver`` is an HTTP mock: a mocking library (``responses``, ``respx``), a name bound
    to one of its objects (``with aioresponses() as m``), or a test's fixture of one (``requests_mock``)."""
    while isinstance(receiver, (ast.Attribute, ast.Call)):
        receiver = receiver.value if isinstance(receiver, ast.Attribute) else receiver.func
    if not isinstance(receiver, ast.Name):
        return False
    name = receiver.id
    if ctx.mod.imports.get(name, "").startswith(MOCK_LIBS):
        return True
    found = ctx.mod.scope(receiver).find(name)
    if found is None:
        return False
    scope, how = found
    if how == "param":
        return name in MOCK_FIXTURES
    if how == "assign" and depth < 3:  # a binding of a binding, not round a loop (``s = s.session()``)
        return any(_mock(value, ctx, depth + 1) for value in scope.assigns[name]
                   if isinstance(value, (ast.Call, ast.Attribute)))
    return False
