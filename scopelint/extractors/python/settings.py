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
from ..recognition.names import celonis_name, scope_var_name
from .context import Context, kwarg
from .strings import dotted
from .token_request import scope_value

SCOPE_FIELD = re.compile(r"(^|_)scopes?$", re.I)
FIELD_FACTORIES = {"Field", "field", "ib", "attrib", "attr.ib", "attrs.field", "pydantic.Field", "dataclasses.field"}


def settings_class(node: ast.ClassDef, ctx: Context) -> None:
    fields = [(name, value) for name, value in _fields(node) if SCOPE_FIELD.search(name)]
    if not fields:
        return
    celonis_class = celonis_name(node.name) or _mentions_celonis(node)
    for name, value in fields:
        default = _default(value)
        if default is None:
            continue
        scopes = scope_value(default, ctx, VARIABLE)
        if scopes is None or not scopes.refs:
            continue
        signal = celonis_class or celonis_name(name) or scope_var_name(name) and celonis_name(node.name)
        if concerns_celonis(signal, [r.name for r in scopes.refs], ctx.catalog):
            ctx.facts.scope_vars.append(scopes)


def _fields(node: ast.ClassDef):
    for stmt in node.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            yield stmt.target.id, stmt.value
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            yield stmt.targets[0].id, stmt.value


def _default(value: ast.expr) -> ast.expr | None:
    """The static default of a field: the value itself, or the ``default``/``default_factory`` of a field factory."""
    if not isinstance(value, ast.Call):
        return value
    if (dotted(value.func) or "") not in FIELD_FACTORIES:
        return None
    found = kwarg(value, "default")
    if found is not None:
        return found.value
    factory = kwarg(value, "default_factory", "factory")
    if factory is not None and isinstance(factory.value, ast.Lambda):
        return factory.value.body
    first = value.args[0] if value.args else None
    return None if first is None or isinstance(first, ast.Constant) and first.value is ... else first


def _mentions_celonis(node: ast.ClassDef) -> bool:
    """A Celonis URL default or a ``CELONIS_`` environment prefix in the class body."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and (
                is_celonis_url(sub.value) or sub.value.upper().startswith("CELONIS_")):
            return True
    return False
