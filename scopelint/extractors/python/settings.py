"""Scopes kept in settings classes: the defaults of dataclass, attrs and pydantic fields
(``BaseSettings``, ``BaseModel``) and plain class attributes (``scope: str = "studio"``,
``oauth_scopes: list[str] = [...]``, ``Field(default=...)``, ``field(default_factory=lambda: [...])``).
They are Celonis scope values when the class or the field is Celonis-named, the class holds a
Celonis URL or prefix, or the names are Celonis's on their own."""
from __future__ import annotations

import ast
import re

from ...model import VARIABLE
from ..recognition.celonis import concerns_celonis, is_celonis_url
from ..recognition.names import says_celonis, scope_var_name
from .context import Context
from .evaluate import class_fields, field_default
from .token_request import scope_value

SCOPE_FIELD = re.compile(r"(^|_)scopes?$", re.I)


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
        named = celonis_class or says_celonis(name)  # a name any OAuth code uses (oauth_scopes) is not enough
        if concerns_celonis(named or scope_var_name(name), [r.name for r in scopes.refs], ctx.catalog):
            ctx.facts.scope_vars.append(scopes)
            if not named:
                ctx.generic_scopes.append(scopes)


def _mentions_celonis(node: ast.ClassDef) -> bool:
    """A Celonis URL default or a ``CELONIS_`` environment prefix in the class body."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and (
                is_celonis_url(sub.value) or sub.value.upper().startswith("CELONIS_")):
            return True
    return False
