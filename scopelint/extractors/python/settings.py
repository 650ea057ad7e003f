"""Scopes kept in settings classes: the defaults of dataclass, attrs and pydantic fields
(``BaseSettings``, ``BaseModel``) and plain class attributes (``scope: str = "studio"``,
``oauth_scopes: list[str] = [...]``, ``Field(default=...)``, ``field(default_factory=lambda: [...])``).
They are Celonis scope values when the class or the field is Celonis-named, the class holds a
Celonis URL or prefix, or the names are Celonis's on their own."""
from __future__ import annotations

import ast
import re

from ... import lazy_re
from ...model import VARIABLE
from ..recognition.celonis import client_endpoint, concerns_celonis, foreign_scopes, is_celonis_url
from ..recognition.names import endpoint_name, names_another, says_celonis, scope_var_name
from .context import Context
from .evaluate import DictVal, class_fields, field_default
from .token_request import scope_value

SCOPE_FIELD = lazy_re.compile(r"(^|_)scopes?$", re.I)


def settings_class(node: ast.ClassDef, ctx: Context) -> None:
    fields = [(name, value) for name, value in class_fields(node) if SCOPE_FIELD.search(name)]
    if not fields:
        return
    # a class named for Celonis (``CelonisSettings``); PyCelonis's setting names (``OAUTH_SCOPES``) name
    # variables, not classes: ``class OauthScope`` holds some other service's client types
    celonis_class = says_celonis(node.name) or _mentions_celonis(node)
    for name, value in fields:
        default = field_default(value)
        if default is None or id(default) in ctx.consumed or any(id(e) in ctx.consumed for e in ast.walk(default)):
            continue  # already read as the scope of a token request
        scopes = scope_value(default, ctx, VARIABLE)
        if scopes is None or not scopes.refs:
            continue
        scopes = ctx.as_sent(scopes, name=name)
        names = [r.name for r in scopes.refs]
        if not says_celonis(name) and (names_another(name) or names_another(node.name) or foreign_scopes(names)):
            continue  # another provider's: ``graph_scopes``, ``class AzureAdSettings``, ``["User.ReadBasic.All"]``
        named = celonis_class or says_celonis(name)  # a name any OAuth code uses (oauth_scopes) is not enough
        if concerns_celonis(named or scope_var_name(name), names, ctx.catalog):
            ctx.facts.scope_vars.append(scopes)
            if not named:
                ctx.generic_scopes.append(scopes)


def settings_dicts(nodes: list[ast.AST], assigns: list[ast.AST], ctx: Context) -> None:
    """Each dict that configures a Celonis OAuth client (``{"token_url": "https://acme.eu-1.celonis.cloud/
    oauth2/token", "scope": "..."}``, or ``dict(token_url=..., scope=...)``): one of its entries is a
    Celonis token or authorization URL; its scope entry is that client's scopes. A dict bound to a name
    and changed after (``SETTINGS["scope"] = ...``) holds what is not known for sure where it is used."""
    candidates = {id(node): found for node in nodes if (found := _scoped_entries(node))}
    if not candidates:
        return
    held: dict[int, DictVal | None] = {}  # what each dict bound to a name holds where it is used
    for a in assigns:
        if isinstance(a, ast.Assign) and id(a.value) in candidates:
            for t in a.targets:
                if isinstance(t, ast.Name):
                    v = ctx.value(t)
                    held[id(a.value)] = v if isinstance(v, DictVal) and v.complete else None
    for key, entries in candidates.items():
        if key in held and held[key] is None or not any(_client_url(name, value, ctx) for name, value in entries):
            continue
        now = held.get(key)
        for name, value in entries:
            if now is not None and now.get(name) is not value:
                continue  # set again after the dict was built (``SETTINGS["scope"] = ...``): that value is the one used
            if not SCOPE_FIELD.search(name) or id(value) in ctx.consumed or any(id(e) in ctx.consumed for e in ast.walk(value)):
                continue  # already read as the scope of a token request
            scopes = scope_value(value, ctx, VARIABLE)
            if scopes is not None and scopes.refs:
                ctx.facts.scope_vars.append(scopes)


def _scoped_entries(node: ast.AST) -> list[tuple[str, ast.expr]]:
    """The string-keyed entries of a dict literal or a ``dict(...)`` call, when one of them is a scope's."""
    if isinstance(node, ast.Dict):
        entries = [(k.value, v) for k, v in zip(node.keys, node.values)
                   if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
        entries = [(kw.arg, kw.value) for kw in node.keywords if kw.arg is not None]
    else:
        return []
    return entries if any(SCOPE_FIELD.search(name) for name, _ in entries) else []


def _client_url(name: str, value: ast.expr, ctx: Context) -> bool:
    if not endpoint_name(name):
        return False
    text = ctx.text(value)
    return text is not None and client_endpoint(text.text)


def _mentions_celonis(node: ast.ClassDef) -> bool:
    """A Celonis URL default or a ``CELONIS_`` environment prefix in the class body."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and (
                is_celonis_url(sub.value) or sub.value.upper().startswith("CELONIS_")):
            return True
    return False
