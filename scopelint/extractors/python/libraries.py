"""Token requests made through an OAuth client library (requests-oauthlib, oauthlib, authlib), read
with the library map of the shared layer: a call that sends the request takes the facts of its own
arguments and of the object it is called on (the constructor bound to its receiver, or chained)."""
from __future__ import annotations

import ast

from ...model import REQUEST, Insecure, ScopeList, TokenRequest, Value
from ..recognition.celonis import concerns_celonis, is_celonis_url, other_host
from ..recognition.emit import insecure_url
from ..recognition.libraries import Library, Spec, auth_style, libraries, refused_method
from .context import Context
from .http_calls import tls
from .strings import DictVal, dotted
from .token_request import scope_value, url_scopes

MAX_HOPS = 4  # object -> object (``OAuth2Session(client=BackendApplicationClient(...))``)

Found = dict[str, ast.expr]  # fact -> the expression that gives it


def library_call(call: ast.Call, ctx: Context) -> bool:
    """Record ``call`` when it sends a token request through a library; ``True`` when it is one."""
    if not isinstance(call.func, ast.Attribute):
        return False
    used = _used(ctx)
    if not used:
        return False
    method = call.func.attr
    for lib in used:
        spec = lib.calls.get(method)
        if spec is None:
            continue
        obj = _object(call.func.value, lib, ctx, 0)
        if obj is None and not _imported_name(call.func.value, ctx):
            continue  # a method of that name on something else
        found: Found = {}
        constants = [spec]
        if obj is not None:
            found.update(obj[0])
            constants = [spec, *obj[1]]
        found.update(_facts(call, spec, ctx))
        if _emit(call, found, constants, ctx):
            tls(call, ctx, True)  # ``fetch_token(..., verify=False)``: passed on to the request it sends
            key = ctx.receiver_key(call.func.value)
            if key is not None:
                ctx.celonis_receivers.add(key)
        return True
    return False


def _used(ctx: Context) -> tuple[Library, ...]:
    """The libraries the module imports, worked out once per module."""
    if ctx.libraries is None:
        ctx.libraries = tuple(lib for lib in libraries("python") if any(ctx.mod.uses(m) for m in lib.modules))
    return ctx.libraries


def _imported_name(node: ast.expr, ctx: Context) -> bool:
    """``oauth.register`` where ``oauth = OAuth(app)`` from the library: the receiver comes from it."""
    if isinstance(node, ast.Name):
        found = ctx.mod.scope(node).find(node.id)
        if found is not None and found[1] == "assign":
            values = found[0].assigns[node.id]
            return len(values) == 1 and isinstance(values[0], ast.Call) and _origin(values[0].func, ctx) is not None
    return False


def _origin(func: ast.expr, ctx: Context) -> str | None:
    name = dotted(func)
    return ctx.mod.origin(name) if name is not None else None


def _object(node: ast.expr, lib: Library, ctx: Context, hops: int) -> tuple[Found, list[Spec]] | None:
    """The facts of the library object ``node`` stands for: a constructor call, or a name bound once to one."""
    if hops > MAX_HOPS:
        return None
    if isinstance(node, ast.Await):
        node = node.value
    if isinstance(node, ast.Name):
        once = ctx.mod.scope(node).bound_once(node.id)
        if once is None:
            return None
        node = once[1]
    if not isinstance(node, ast.Call):
        return None
    origin = _origin(node.func, ctx)
    if origin is None or not origin.startswith(lib.modules):
        return None
    spec = lib.objects.get(origin.rsplit(".", 1)[-1])
    if spec is None:
        return None
    facts: Found = {}
    specs = [spec]
    inner = _facts(node, spec, ctx).pop("object", None)
    if inner is not None:
        sub = _object(inner, lib, ctx, hops + 1)
        if sub is not None:
            facts.update(sub[0])
            specs = [*sub[1], spec]  # the inner client's grant wins over the session's default
    facts.update(_facts(node, spec, ctx))
    facts.pop("object", None)
    return facts, specs


def _facts(call: ast.Call, spec: Spec, ctx: Context) -> Found:
    found: Found = spec.locate(lambda place: _at(call, place, ctx))
    if spec.post_when:
        for name, want in spec.post_when.items():
            node = _at(call, name, ctx)
            if isinstance(node, ast.Constant) and node.value == want:
                found["post"] = node
    return found


def _at(call: ast.Call, place: str, ctx: Context) -> ast.expr | None:
    if place.isdigit():
        i = int(place)
        if i < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[: i + 1]):
            return call.args[i]
        return None
    name, _, member = place.partition(".")
    node = next((kw.value for kw in call.keywords if kw.arg == name), None)
    if node is None:  # ``**CONF``: a dict bound in this file
        for kw in call.keywords:
            val = ctx.value(kw.value) if kw.arg is None else None
            if isinstance(val, DictVal) and val.get(name) is not None:
                node = val.get(name)
                break
    if node is None or not member:
        return node
    val = ctx.value(node)
    return val.get(member) if isinstance(val, DictVal) else None


def _emit(call: ast.Call, found: Found, specs: list[Spec], ctx: Context) -> bool:
    url = ctx.text(found.get("token_url"))
    signal = url is not None and (url.celonis or is_celonis_url(url.text))
    if url is not None and not signal and other_host(url.text):
        return False  # another provider's token URL, written out: its scopes are its own
    scopes = _scopes(found.get("scope"), ctx)
    if scopes is None and url is not None and "token_url" in found:  # the scope in the token URL's query
        scopes = url_scopes(url, found["token_url"], ctx)
    names = [r.name for r in scopes.refs] if scopes is not None else []
    if not concerns_celonis(signal, names, ctx.catalog):
        return False
    if url is not None:
        ctx.consumed.update(id(n) for n in url.nodes)
    ctx.facts.token_requests.append(TokenRequest(
        ctx.pos.node(call), url.text if url is not None and url.resolved else None, scopes,
        grant_type=_grant(call, found, specs, ctx), auth_style=_auth(found, specs, ctx), auth_method=_refused(found, ctx)))
    ctx.given_secret(found.get("client_secret"), "client secret", "client_secret")
    if url is not None and url.literal is None:
        bad = insecure_url(url.text, url.resolved)
        if bad is not None and bad[0] == "bad-token-url":
            ctx.facts.insecure.append(Insecure(bad[0], ctx.pos.node(found["token_url"]), bad[1]))
    return True


def _scopes(node: ast.expr | None, ctx: Context) -> ScopeList | None:
    """The scopes sent; ``None`` when not given here or not readable (no rule may rest on them)."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and node.value is None:
        return ScopeList(ctx.pos.node(node), (), raw="", source=REQUEST)
    return scope_value(node, ctx)


def _grant(call: ast.Call, found: Found, specs: list[Spec], ctx: Context) -> Value | None:
    node = found.get("grant_type")
    val = ctx.text(node)
    if node is not None and val is not None and val.resolved:
        return Value(val.text, ctx.where(val, node)[0])
    if "authorize_url" in found:
        return Value("authorization_code", ctx.pos.node(found["authorize_url"]))
    grant = next((s.grant for s in specs if s.grant), None)
    return Value(grant, ctx.pos.node(call)) if grant else None


def _refused(found: Found, ctx: Context) -> Value | None:
    """The client authentication method given (``token_endpoint_auth_method="private_key_jwt"``), where
    Celonis refuses it."""
    node = found.get("auth_method")
    val = ctx.text(node)
    method = refused_method(val.text) if node is not None and val is not None and val.resolved else None
    return Value(method, ctx.where(val, node)[0]) if method is not None else None  # type: ignore[arg-type]


def _auth(found: Found, specs: list[Spec], ctx: Context) -> str | None:
    """Where the client credentials go: ``basic``, ``post``, ``none`` (a public client), or ``None``
    when no secret is given here (a public client, or one set where this reading does not reach)."""
    if "basic_auth" in found:
        return "basic"
    val = ctx.text(found.get("auth_method"))
    if val is not None and val.resolved:
        return auth_style(val.text)
    if "client_secret" not in found:
        return None
    if "post" in found:
        return "post"
    return next((s.auth for s in specs if s.auth), None)
