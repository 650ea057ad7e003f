"""Token requests in Python: an HTTP call to ``/oauth2/token`` with its scope, grant type and
client authentication. Only requests that go to Celonis become facts (reference map §1.8)."""
from __future__ import annotations

import ast
from dataclasses import replace

from ...findings import Location
from ...model import REQUEST, Insecure, ScopeList, TokenRequest, Value
from ...oauth import assertion_method
from ..recognition.celonis import concerns_celonis, is_celonis_url, other_host
from ..recognition.scopes import query_scopes
from ..recognition.names import secret_kind
from ..recognition.secrets import held_in_url, is_reference, looks_like_secret
from ..recognition.emit import insecure_url
from ..recognition.urls import is_token_url, url_query
from .context import Context, flatten, kwarg
from .http_calls import HttpCall
from .strings import DictVal, ListVal, Text, held_as

BODY_KEYWORDS = ("data", "json", "params", "fields", "body", "content")


def token_request(call: HttpCall, ctx: Context) -> bool | None:
    """Record the call if it is a Celonis token request. ``None``: not a token request;
    ``False``: a token request to some other provider (no facts), or one not yet known to be Celonis's
    (kept only where the module talks to Celonis: ``_unproven``); ``True``: a Celonis one."""
    url = call.url
    if url is None:
        return None
    body_node = _body(call)
    body = ctx.value(body_node)
    if not is_token_url(url.text) and not (url.celonis and _has(body, "grant_type")):
        return None
    ctx.consumed.update(id(n) for n in url.nodes)
    scopes = _scopes(call, body_node, body, ctx)
    names = [ref.name for ref in scopes.refs] if scopes is not None else []
    _basic_secret(call.node, ctx)  # a committed secret leaks whoever issued it
    # a token URL written out to another host is that provider's, whatever its scopes are called
    celonis = url.celonis or not other_host(url.text) and concerns_celonis(is_celonis_url(url.text), names, ctx.catalog)
    if not celonis and not (names and not other_host(url.text) and all(n in ctx.catalog.scope_names for n in names)):
        return False
    ctx.facts.token_requests.append(TokenRequest(
        ctx.pos.node(call.node), url.text if url.resolved else None, scopes,
        grant_type=_grant(body, body_node, url, call, ctx), auth_style=_auth_style(call, body, ctx),
        auth_method=_assertion(body, ctx)))
    if not celonis:  # no host written out, and scopes of the catalog that another provider could name too
        ctx.unproven_requests.append(ctx.facts.token_requests[-1])
        return False
    found = insecure_url(url.text, url.resolved) if url.literal is None else None  # a literal is judged where it stands
    if found is not None and found[0] == "bad-token-url":
        ctx.facts.insecure.append(Insecure(found[0], ctx.pos.node(call.url_node), found[1]))
    return True


def _body(call: HttpCall) -> ast.expr | None:
    """The request body: a body keyword, the argument after the URL, or ``**kwargs`` (unknown)."""
    node = call.node
    found = next((kw.value for kw in node.keywords if kw.arg in BODY_KEYWORDS), None)
    if found is not None:
        return found
    position = next((i for i, a in enumerate(node.args) if a is call.url_node), None)
    if position is not None and position + 1 < len(node.args):
        return node.args[position + 1]
    return next((kw.value for kw in node.keywords if kw.arg is None), None)


def _has(body: object, key: str) -> bool:
    if isinstance(body, DictVal):
        return body.get(key) is not None
    return isinstance(body, Text) and f"{key}=" in body.text


def _scopes(call: HttpCall, body_node: ast.expr | None, body: object, ctx: Context) -> ScopeList | None:
    """The requested scopes; ``None`` when they cannot be known, empty when none are sent."""
    url = call.url
    assert url is not None
    if isinstance(body, DictVal) and body.get("scope") is not None:
        return scope_value(body.get("scope"), ctx)  # type: ignore[arg-type]
    if isinstance(body, Text) and _sends_scope("?" + body.text) and body_node is not None:
        # a form written as one string, the credentials put in (``f"...&client_secret={secret}&scope=studio"``):
        # the scopes are known when their own parameter is
        return _query(body, body_node, ctx, prefix="?")
    if _sends_scope(url.text):
        return url_scopes(url, call.url_node, ctx)
    if body_node is not None and not (isinstance(body, DictVal) and body.complete):
        return None
    if isinstance(body, Text) and not body.resolved:
        return None
    return ScopeList(ctx.pos.node(call.node), (), raw="", source=REQUEST)


def url_scopes(url: Text, node: ast.expr, ctx: Context) -> ScopeList | None:
    """The scopes a token URL's query string sends (``.../oauth2/token?grant_type=client_credentials&scope=studio``,
    as the Celonis docs allow); ``None`` when it sends none, or they cannot be known."""
    return _query(url, node, ctx) if _sends_scope(url.text) else None


def _sends_scope(url: str) -> bool:
    return any(name == "scope" for name, _, _ in url_query(url))


def _query(val: Text, node: ast.expr, ctx: Context, prefix: str = "") -> ScopeList | None:
    loc, exact = ctx.where(val, node)
    start = Location(loc.path, loc.line, loc.col - len(prefix), loc.end_line, loc.end_col)
    found = query_scopes(prefix + val.text, start, REQUEST, query=not prefix)
    if found is None or "{" in (found.raw or ""):
        return None
    if exact:
        return found

    def scopes_at(at: Location) -> tuple:  # the scopes read as if the value stood alone on a line
        got = query_scopes(prefix + val.text, Location(at.path, at.line, at.col - len(prefix), at.end_line, at.end_col),
                           REQUEST, query=not prefix)
        return got.refs if got is not None else ()
    placed = ctx.in_pieces(val, scopes_at)  # a token URL written in adjacent pieces: each scope in its piece
    if placed:
        return replace(found, refs=tuple(placed))
    parts = (p for n in val.nodes for p in (n.values if isinstance(n, ast.JoinedStr) else (n,)))
    for part in parts:  # the literal that writes the parameter, in an f-string or a concatenation
        if not (isinstance(part, ast.Constant) and isinstance(part.value, str)):
            continue
        written = query_scopes("?" + part.value, loc, REQUEST, query=not prefix)
        if written is not None and written.raw == found.raw:
            where, exact = ctx.pos.part(part)
            if exact:
                return query_scopes("?" + part.value, Location(where.path, where.line, where.col - 1, where.line,
                                                               where.end_col), REQUEST, query=not prefix)
            break
    return flatten(found, loc)


def scope_value(node: ast.expr, ctx: Context, source: str = REQUEST) -> ScopeList | None:
    val = ctx.value(node)
    if isinstance(val, ListVal):
        texts = [ctx.text(e) for e in val.elts]
        if any(t is None or not t.resolved for t in texts):
            return None
        lists = [ctx.scopes_of(t, e, source) for t, e in zip(texts, val.elts)]  # type: ignore[arg-type]
        items = tuple(Value(t.text, ctx.where(t, e)[0]) for t, e in zip(texts, val.elts))  # type: ignore[union-attr]
        ctx.consumed.update(id(n) for t in texts for n in t.nodes)  # type: ignore[union-attr]
        return ScopeList(ctx.pos.node(node), tuple(r for sl in lists for r in sl.refs), raw=None, items=items,
                         source=source)
    if not isinstance(val, Text) or not val.resolved:
        return None
    ctx.consumed.update(id(n) for n in val.nodes)
    return ctx.as_sent(ctx.scopes_of(val, node, source), node)


def _grant(body: object, body_node: ast.expr | None, url: Text, call: HttpCall, ctx: Context) -> Value | None:
    if isinstance(body, DictVal):
        node = body.get("grant_type")
        val = ctx.text(node)
        if val is not None and val.resolved and node is not None:
            return Value(val.text, ctx.where(val, node)[0])
        return None
    for val, node, prefix in ((body, body_node, 1), (url, call.url_node, 0)):
        if isinstance(val, Text) and node is not None and "grant_type=" in val.text:
            for name, value, offset in url_query(("?" if prefix else "") + val.text):
                if name == "grant_type" and "{" not in value:
                    loc, exact = ctx.where(val, node)
                    col = loc.col + offset - prefix if exact else loc.col
                    return Value(value, Location(loc.path, loc.line, col, loc.line, col + len(value)) if exact else loc)
    return None


def _assertion(body: object, ctx: Context) -> Value | None:
    """A signed client assertion the body sends instead of the secret (``client_assertion_type``), which
    Celonis refuses."""
    node = body.get("client_assertion_type") if isinstance(body, DictVal) else None
    val = ctx.text(node)
    signed = assertion_method(val.text) if val is not None and val.resolved and node is not None else None
    return Value(signed, ctx.where(val, node)[0]) if signed is not None else None  # type: ignore[arg-type]


def _auth_style(call: HttpCall, body: object, ctx: Context) -> str | None:
    if kwarg(call.node, "auth") is not None:
        return "basic"
    headers = ctx.value(kwarg(call.node, "headers").value) if kwarg(call.node, "headers") else None
    if isinstance(headers, DictVal):
        auth = ctx.text(headers.get("Authorization") or headers.get("authorization"))
        if auth is not None and auth.text.lower().startswith("basic"):
            return "basic"
    if _has(body, "client_secret"):
        return "post"
    return None


def foreign_scopes(call: HttpCall, ctx: Context) -> None:
    """The scopes a call to another provider's host sends (``requests.post(GOOGLE_TOKEN_URL,
    data={"scope": OAUTH_SCOPES})``) are that provider's, whatever the variable holding them is called."""
    body_node = _body(call)
    body = ctx.value(body_node)
    if _has(body, "grant_type"):  # that provider's token request: the signs of one in the module are its
        ctx.elsewhere_requests += 1
    scopes = _scopes(call, body_node, body, ctx)
    if scopes is not None:
        ctx.foreign_scopes.extend(ref.loc for ref in scopes.refs)
    sent = ctx.value(body.get("scope")) if isinstance(body, DictVal) else None
    if isinstance(sent, Text):  # what it is made of: literals, and the default of a setting it reads
        ctx.foreign_scopes.extend(ctx.pos.node(n) for n in (*sent.nodes, sent.default) if n is not None)


def form_secrets(call: HttpCall, ctx: Context) -> None:
    """A secret in a form body written as one string (``data="client_id=...&client_secret=..."``, as
    generated snippets write it), sent to any host: a committed secret leaks whoever issued it. A
    secret in the ``params=`` of a call to Celonis, which the library puts in the URL's query string,
    is a secret in a Celonis URL (SL013), as one written in the URL is."""
    celonis = call.url is not None and (call.url.celonis or is_celonis_url(call.url.text))
    query = kwarg(call.node, "params") if celonis else None
    params = ctx.value(query.value) if query is not None else None
    if isinstance(params, DictVal):
        for name, node, _key in params.entries:  # a literal written in the dict (a constant named elsewhere is SL012's)
            kind = secret_kind(name)
            if kind is not None and isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and looks_like_secret(node.value):
                ctx.secret(kind, ctx.pos.inner(node)[0], name, node.value, in_url=True)
            elif kind is not None and isinstance(node, (ast.Name, ast.Attribute, ast.Subscript, ast.Call)):
                held = ctx.text(node)  # a variable or setting holding it: in the URL all the same
                if held is not None and not held.resolved and is_reference(held.text):
                    ctx.facts.secrets.append(held_in_url(kind, ctx.pos.node(node), name, held.text))
    body_node = _body(call)
    body = ctx.value(body_node) if body_node is not None else None
    if not isinstance(body, Text) or body.literal is None or "=" not in body.text or body.text.lstrip().startswith("{"):
        return
    for name, value, offset in url_query("?" + body.text):
        kind = secret_kind(name)
        if kind is None or not looks_like_secret(value):
            continue
        loc, exact = ctx.where(body, body_node)
        if exact and loc.end_line == loc.line:
            col = loc.col + offset - 1
            loc = Location(loc.path, loc.line, col, loc.line, col + len(value))
        ctx.secret(kind, loc, name, value)


def _basic_secret(call: ast.Call, ctx: Context) -> None:
    """``auth=("id", "<secret>")`` or ``HTTPBasicAuth("id", "<secret>")`` with a literal secret."""
    kw = kwarg(call, "auth")
    if kw is None:
        return
    node = kw.value
    parts = node.elts if isinstance(node, (ast.Tuple, ast.List)) else (
        node.args if isinstance(node, ast.Call) else [])
    if len(parts) < 2:
        return
    val = ctx.text(parts[1])
    if val is not None and val.literal is not None and looks_like_secret(val.text):
        loc, _ = ctx.where(val, parts[1])
        held = parts[1]  # named by the constant that holds it (``auth=(CLIENT_ID, CLIENT_SECRET)``), as a form's value is
        written = held_as(held) or "auth"
        ctx.secret("client secret", loc, written, val.text)
        ctx.consumed.add(id(val.literal))
