"""How Python code authenticates to Celonis through PyCelonis (``oauth2``, ``get_celonis``), and
the Celonis scope variables it sets or defaults (``os.environ.get("CELONIS_SCOPE", "...")``)."""
from __future__ import annotations

import ast
import re

from ... import lazy_re
from ...model import VARIABLE, AuthHeader, TokenRequest
from ..recognition.celonis import foreign_scopes
from ..recognition.names import KEY_TYPES, KEY_WORDS, SCOPE_VAR, normalise, says_celonis, static_key_name
from ..recognition.variables import oauth_client
from .context import Context, arg
from .token_request import scope_value
from .http_calls import http_call, tls
from ..recognition.urls import is_token_url
from .strings import dotted
from .call_values import ENV_MAPS, FORM_FIELDS, another_hosts, env_call
from .bindings import Module

NOT_STATIC = lazy_re.compile(r"ACCESS|OAUTH|BEARER|REFRESH", re.I)


def _pycelonis(call: ast.Call, ctx: Context, name: str) -> bool:
    """A call of PyCelonis's ``name``: ``pycelonis.get_celonis(...)``, ``get_celonis(...)`` in a module that
    uses PyCelonis, or a name imported as another (``from pycelonis import get_celonis as connect``)."""
    func = dotted(call.func)
    if func is None:
        return False
    full = ctx.mod.origin(func) or ""
    if full.startswith("pycelonis") and full.rsplit(".", 1)[-1] == name:
        return True
    if func.rsplit(".", 1)[-1] != name:
        return False
    if full:  # imported: from PyCelonis, or from somewhere else (``from mycompany.auth import oauth2``)
        return full.startswith("pycelonis")
    # a bare name in a module that uses PyCelonis (``from pycelonis import *``), unless defined here
    return func == name and ctx.mod.uses("pycelonis") and name not in ctx.mod.functions \
        and ctx.mod.scope(call).find(name) is None


def _celonis_package(call: ast.Call, ctx: Context) -> bool:
    """A callable imported from a package whose name says Celonis other than PyCelonis
    (``from celonis_cloud.api import CelonisSession``)."""
    func = dotted(call.func)
    origin = ctx.mod.imports.get(func.partition(".")[0], "") if func else ""
    return bool(origin) and not origin.startswith("pycelonis") and says_celonis(origin.partition(".")[0])


def oauth2(call: ast.Call, ctx: Context) -> bool:
    """``pycelonis.oauth2(client_id, client_secret, scope)``: a Celonis token request by definition."""
    if not _pycelonis(call, ctx, "oauth2"):
        return False
    scope_node = arg(call, 2, "scope")
    scopes = scope_value(scope_node, ctx) if scope_node is not None else None
    ctx.facts.token_requests.append(TokenRequest(ctx.pos.node(call), None, scopes))
    ctx.given_secret(arg(call, 1, "client_secret"), "client secret", "client_secret")
    return True


def get_celonis(call: ast.Call, ctx: Context) -> bool:
    """``get_celonis(key_type="APP_KEY")`` is AppKey auth; a static ``api_token`` is API-key auth. The key
    type and the token are followed as values are (module constants, environment defaults, ``**login``
    dicts, parameters every caller in the module fills alike). The session of another Celonis client
    package given an ``api_token`` by name (``celonis_cloud.api.CelonisSession(**settings)``) is read
    the same way."""
    pycelonis = _pycelonis(call, ctx, "get_celonis")
    if not (pycelonis or _celonis_package(call, ctx)):
        return False
    by_name = len(call.args)  # another package's arguments are read by name only: their positions are unknown
    token_at, type_at = (1, 2) if pycelonis else (by_name, by_name)
    token, token_spread = ctx.argument(call, token_at, "api_token")
    if token is None and not pycelonis:
        return False
    ctx.given_secret(token, "API key", "api_token")
    if pycelonis:
        tls(call, ctx, True)  # ``get_celonis(..., verify_ssl=False)``: every call it makes goes to Celonis
    key_type, type_spread = ctx.argument(call, type_at, "key_type")
    kind = KEY_TYPES.get(_key_kind(key_type, ctx) or "") if key_type is not None else None
    session: str | None = None
    if kind == "AppKey":
        ctx.facts.auth_headers.append(AuthHeader("AppKey", ctx.pos.node(type_spread or key_type)))
        session = "AppKey"
    elif kind == "api-key" and not (token is not None and _made(token, ctx)) \
            or (key_type is None and token is not None and not ctx.spreads_unknown(call) and _static(token, ctx)):
        where = type_spread or key_type if key_type is not None else token_spread or token
        ctx.facts.auth_headers.append(AuthHeader("api-key", ctx.pos.node(where)))  # type: ignore[arg-type]
        # the SDK's calls use no client's scopes only for a key written or read as one, not a token a
        # function of the module got (``access = token()``, ``api_token=access``)
        session = "api-key" if token is not None and _static(token, ctx) else None
    if pycelonis:
        ctx.sessions.append(session)
    return True


def _key_kind(node: ast.AST, ctx: Context) -> str | None:
    """``"USER_KEY"``, ``KeyType.APP_KEY``, a constant holding one, or the default of an environment look-up."""
    if isinstance(node, ast.Attribute) and node.attr.upper() in KEY_TYPES:
        return node.attr.upper()
    val = ctx.text(node)
    if val is not None and not val.resolved and val.default is not None:
        ctx.key_type_used.add(id(val.default))
        val = ctx.text(val.default)
    if val is None or not val.resolved:
        return None
    return val.text.rsplit(".", 1)[-1].strip().upper()


def _made(node: ast.AST, ctx: Context) -> bool:
    """A token made each time it is needed, as PyCelonis allows: a function of the module given
    uncalled (``api_token=fetch_token``, which posts to ``/oauth2/token``), a lambda, or what
    ``pycelonis.oauth2(...)`` returns. ``USER_KEY`` then only picks the ``Bearer`` prefix (reference
    map §1.5): no static key is shown. A string a call returned (``open("token").read()``) may well be one."""
    if isinstance(node, ast.Lambda) or isinstance(node, ast.Call) and _pycelonis(node, ctx, "oauth2"):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):  # ``api_token=get_token()``
        return _requests_a_token(node.func.id, ctx)
    if not isinstance(node, ast.Name):
        return False
    found = ctx.mod.scope(node).find(node.id)
    if found is None:
        return node.id in ctx.mod.functions
    values = found[0].assigns.get(node.id, []) if found[1] == "assign" else []
    return bool(values) and all(isinstance(v, ast.Lambda) or isinstance(v, ast.Call) and _pycelonis(v, ctx, "oauth2")
                                for v in values)


def _requests_a_token(name: str, ctx: Context) -> bool:
    """Whether ``name`` is the module's one function of that name, and it requests a token from a
    token endpoint (``requests.post(f"{URL}/oauth2/token", ...)``) or with ``pycelonis.oauth2``: what it
    returns is an OAuth token, not a static key."""
    funcs = ctx.mod.functions.get(name, [])
    if len(funcs) != 1:
        return False
    for node in ast.walk(funcs[0]):
        if not isinstance(node, ast.Call):
            continue
        if _pycelonis(node, ctx, "oauth2"):
            return True
        call = http_call(node, ctx)
        if call is not None and call.url is not None and is_token_url(call.url.text):
            return True
    return False


def _static(node: ast.AST, ctx: Context) -> bool:
    """A token that is a literal or read from an API-key variable, not the result of ``oauth2``.
    ``args.key or os.getenv("CELONIS_API_KEY")`` is static when one alternative is and none is a call
    (``cached or oauth2(...)`` may be an OAuth token)."""
    choices = _alternatives(node, ctx)
    if choices is not None:
        return not any(isinstance(c, ast.Call) and not env_call(c, ctx.mod) for c in choices) \
            and any(_static(c, ctx) for c in choices)
    if isinstance(node, ast.Name) and read_key(node, ctx) or _reads_key(node, False, ctx.mod):
        return True
    if (isinstance(node, ast.Call) and not env_call(node, ctx.mod)) or (isinstance(node, ast.Name) and from_call(node, ctx)):
        return False
    val = ctx.text(node)
    if val is None:
        return False
    if val.resolved or (isinstance(node, ast.Name) and _literals_only(node, ctx)):
        return True
    return bool(val.env) and not NOT_STATIC.search(val.env or "")


_PROMPTS = ("input", "getpass", "getpass.getpass", "click.prompt", "typer.prompt")  # and FORM_FIELDS
_FILE_READS = ("read", "read_text")
_SETTINGS = ("config", "decouple.config")  # python-decouple: the setting of that name, from the environment or .env
_STRIPS = ("strip", "rstrip", "lstrip")


def read_key(node: ast.Name, ctx: Context) -> bool:
    """A key the program reads from outside, every value of the name being one: a prompt that asks
    for a key (``input("Celonis API key: ")``), or, for a name that says it holds a key (``api_token``),
    a file's text (``open("api_token.txt").read().strip()``) or a prompt's answer; a python-decouple
    setting named as a key (``config("API_TOKEN")``)."""
    found = ctx.mod.scope(node).find(node.id)
    values = found[0].assigns.get(node.id, []) if found is not None and found[1] == "assign" else []
    return bool(values) and all(_reads_key(value, static_key_name(node.id), ctx.mod) for value in values)


def _reads_key(value: ast.AST, named: bool, mod: Module | None = None) -> bool:
    while isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in _STRIPS:
        value = value.func.value
    if not isinstance(value, ast.Call):
        return False
    name = dotted(value.func) or ""
    origin = mod.origin(name) if mod is not None else None
    first = value.args[0] if value.args else None
    said = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
    if name in _PROMPTS or origin in FORM_FIELDS:
        return named or said is not None and KEY_WORDS.search(said) is not None
    if name in _SETTINGS:
        return said is not None and static_key_name(said)
    return named and isinstance(value.func, ast.Attribute) and value.func.attr in _FILE_READS


def _alternatives(node: ast.AST, ctx: Context) -> list[ast.expr] | None:
    """The operands of ``a or b``, written there or as the one value a name is assigned."""
    if isinstance(node, ast.Name):
        found = ctx.mod.scope(node).find(node.id)
        values = found[0].assigns[node.id] if found is not None and found[1] == "assign" else []
        node = values[0] if len(values) == 1 else node
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
        return list(node.values)
    return None


def _literals_only(node: ast.Name, ctx: Context) -> bool:
    """A name bound only to string literals (``token = "..."`` in two notebook cells): static, whichever holds."""
    found = ctx.mod.scope(node).find(node.id)
    return found is not None and found[1] == "assign" and all(
        isinstance(v, ast.Constant) and isinstance(v.value, str) for v in found[0].assigns[node.id])


def from_call(node: ast.Name, ctx: Context) -> bool:
    found = ctx.mod.scope(node).find(node.id)
    if found is not None and found[1] == "param":
        val = ctx.text(node)  # what every caller in the module passes, if they agree
        return val is None or not (val.resolved or val.env)
    if found is None or found[1] != "assign":
        return True  # an unknown binding: cannot tell
    values = found[0].assigns[node.id]
    return any(isinstance(v, ast.Call) and not env_call(v, ctx.mod, setdefault=True) for v in values)



def scope_var(call: ast.Call, ctx: Context) -> None:
    """An environment look-up: a variable the module reads; a scope variable's default
    (``os.environ.get("CELONIS_OAUTH_SCOPE", "<default>")``) is a requested scope, and a key type
    setting's (``os.getenv("CELONIS_KEY_TYPE", "APP_KEY")``) a key type, unless a call reads it."""
    if not env_call(call, ctx.mod, setdefault=True):
        return
    var = arg(call, 0, "key")
    if not (isinstance(var, ast.Constant) and isinstance(var.value, str)):
        return
    variable = var.value
    default = arg(call, 1, "default", "value")
    if not another_hosts(ctx.text(default) if default is not None else None):  # TEAM_URL defaulting to Atlassian's
        ctx.env_read.add(variable)
    if SCOPE_VAR.match(variable):
        _default(default, ctx, says_celonis(variable), call)
    elif default is not None and normalise(variable).endswith("KEY_TYPE") and says_celonis(variable):
        kind = KEY_TYPES.get(_key_kind(default, ctx) or "")  # ``os.getenv("CELONIS_KEY_TYPE", "APP_KEY")``
        if kind is not None:
            ctx.key_type_defaults.append((default, kind))


def key_type_settings(ctx: Context) -> None:
    """A key type setting's default no ``get_celonis`` call of the module was found to use (a settings
    module, read by a call in another): key authentication configured, as ``CELONIS_KEY_TYPE=APP_KEY``
    in an ``.env`` file is."""
    if not ctx.key_type_defaults or oauth_client(ctx.env_read):
        return  # the module reads an OAuth client's settings: its client gets tokens with them
    for node, kind in ctx.key_type_defaults:
        if id(node) not in ctx.key_type_used:
            ctx.facts.auth_headers.append(AuthHeader(kind, ctx.pos.node(node)))


def env_read(node: ast.Subscript, ctx: Context) -> None:
    """``os.environ["OAUTH_CLIENT_ID"]``: a variable the module reads (see ``Context.env_read``)."""
    key = node.slice
    if isinstance(key, ast.Constant) and isinstance(key.value, str) and (dotted(node.value) or "").endswith("environ"):
        ctx.env_read.add(key.value)


def env_assignment(node: ast.Assign, ctx: Context) -> None:
    """``os.environ["OAUTH_SCOPES"] = "..."``: what PyCelonis will request; ``os.environ["CELONIS_KEY_TYPE"]
    = "USER_KEY"``: how it will authenticate (a setting, as an environment default is)."""
    for target in node.targets:
        if not (isinstance(target, ast.Subscript) and dotted(target.value) in ENV_MAPS | {"os.environ"}
                and isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str)):
            continue
        variable = target.slice.value
        ctx.env_read.add(variable)
        if SCOPE_VAR.match(variable):
            _default(node.value, ctx, says_celonis(variable))
        elif normalise(variable).endswith("KEY_TYPE") and says_celonis(variable):
            kind = KEY_TYPES.get(_key_kind(node.value, ctx) or "")
            if kind is not None:
                ctx.key_type_defaults.append((node.value, kind))


def _default(node: ast.AST | None, ctx: Context, named: bool, call: ast.Call | None = None) -> None:
    """A scope variable's value, as the module sends it; under a name that does not say Celonis
    (``OAUTH_SCOPES``), one the module may drop at the end (see ``Context.generic_scopes``)."""
    if node is None:
        return
    val = ctx.text(node)
    if val is None or not val.resolved:
        return
    ctx.consumed.update(id(n) for n in val.nodes)
    scopes = ctx.as_sent(ctx.scopes_of(val, node, VARIABLE), call)
    if not named and foreign_scopes(r.name for r in scopes.refs):
        return  # another provider's by its shape (``https://graph.microsoft.com/.default``), wherever it goes
    ctx.facts.scope_vars.append(scopes)
    if not named:
        ctx.generic_scopes.append(scopes)
