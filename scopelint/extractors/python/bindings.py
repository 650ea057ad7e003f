"""Name scopes of a Python module: which values each name is bound to, function by function,
so a value can be followed from its use back to the literal that defines it."""
from __future__ import annotations

import ast
from collections.abc import Iterator

from ...records import field, record
from .strings import dotted

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


@record(frozen=False, eq=False)
class Scope:
    """A function, class or module scope: what its names are bound to."""

    parent: Scope | None = None
    assigns: dict[str, list[ast.expr]] = field(default_factory=dict)
    params: set[str] = field(default_factory=set)
    mutated: set[str] = field(default_factory=set)  # dicts changed after binding (d["k"] = v, d.update())
    # of those, the entries set by a statement of this scope's own body, in order (``d["scope"] = "..."``,
    # ``d.update({"scope": ...})``): (key, value, key node); a dict changed any other way is ``opaque``
    sets: dict[str, list[tuple[str, ast.expr, ast.expr]]] = field(default_factory=dict)
    opaque: set[str] = field(default_factory=set)
    annotations: dict[str, ast.expr] = field(default_factory=dict)  # ``x: DataExport = ...``, ``def f(job: DataPushJob)``
    first_read: dict[str, int] = field(default_factory=dict)  # the line a name is first read on here, not to change it
    loops: dict[str, ast.expr] = field(default_factory=dict)  # loop variable -> the iterable
    self_attrs: dict[str, list[ast.expr]] | None = None  # module-wide ``self.x = ...``
    func: ast.FunctionDef | ast.AsyncFunctionDef | None = None  # the function whose body this is

    def find(self, name: str) -> tuple[Scope, str] | None:
        """The scope that binds ``name`` and how: ``param``, ``assign`` or ``loop``."""
        scope: Scope | None = self
        while scope is not None:
            if name in scope.params:
                return scope, "param"
            if name in scope.assigns:
                return scope, "assign"
            if name in scope.loops:
                return scope, "loop"
            scope = scope.parent
        return None

    def bound_once(self, name: str) -> tuple[Scope, ast.expr] | None:
        """The scope that assigns ``name`` and the one value it assigns, where it assigns it once."""
        found = self.find(name)
        if found is None or found[1] != "assign" or len(found[0].assigns[name]) != 1:
            return None
        return found[0], found[0].assigns[name][0]

    def root(self) -> Scope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope


@record(frozen=False)
class Module:
    """A parsed module with its scopes, string-literal parents and imports."""

    tree: ast.Module
    module: Scope
    scope_of: dict[int, Scope]  # id(node) -> enclosing scope, for calls and string literals
    parents: dict[int, ast.AST]  # of string literals only: is it a docstring, a piece of an f-string?
    imports: dict[str, str]  # local name -> dotted origin (``post`` -> ``requests.post``)
    # local name -> (relative level, module, the name taken from it, None for the module itself):
    # ``from ..config import URL as U`` gives ``U -> (2, "config", "URL")``, ``import a.b`` ``a -> (0, "a", None)``
    origins: dict[str, tuple[int, str, str | None]] = field(default_factory=dict)
    stars: list[tuple[int, str]] = field(default_factory=list)  # ``from .base import *``: (level, module)
    # attributes the module sets on names it does not own: ``config.API_BASE = ...``,
    # ``setattr(config, "API_BASE", ...)``, ``monkeypatch.setattr(config, "API_BASE", ...)``
    attr_stores: dict[str, list[ast.expr | None]] = field(default_factory=dict)  # dotted name -> values (None: not known)
    nodes: list[ast.AST] = field(default_factory=list)  # every node, parents before children
    functions: dict[str, list[ast.AST]] = field(default_factory=dict)  # name -> its ``def``s in the module
    calls: dict[str, list[ast.Call]] = field(default_factory=dict)  # callee name (``f``, ``self.f``) -> call sites

    def scope(self, node: ast.AST) -> Scope:
        return self.scope_of.get(id(node), self.module)

    def parent(self, node: ast.AST) -> ast.AST | None:
        return self.parents.get(id(node))

    def uses(self, prefix: str) -> bool:
        return any(origin == prefix or origin.startswith(prefix + ".") for origin in self.imports.values())

    def origin(self, name: str) -> str | None:
        """What a dotted name stands for through the module's imports (``post`` -> ``requests.post``,
        ``rq.post`` -> ``requests.post`` after ``import requests as rq``); None when its head is not imported."""
        head, _, rest = name.partition(".")
        origin = self.imports.get(head)
        return (f"{origin}.{rest}" if rest else origin) if origin else None


def build(tree: ast.Module) -> Module:
    module = Scope(self_attrs={})
    mod = Module(tree, module, {}, {}, {})
    stack: list[tuple[ast.AST, Scope]] = [(tree, module)]
    straight: set[int] = set()  # the statements of a module's or function's own body, run whenever it runs
    while stack:  # depth first, in source order, without recursion
        node, scope = stack.pop()
        if node is not tree:
            mod.nodes.append(node)
        if node is tree or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            straight.update(id(stmt) for stmt in node.body)  # type: ignore[attr-defined]
        elif id(node) in straight and isinstance(node, _ALWAYS_RUN):
            # a ``with`` body, a ``try`` body and its ``finally`` run whenever the statement does
            straight.update(id(stmt) for stmt in node.body)  # type: ignore[attr-defined]
            straight.update(id(stmt) for stmt in getattr(node, "finalbody", ()))
        pending = []
        for child in ast.iter_child_nodes(node):
            if type(child) in _LITERALS:
                mod.parents[id(child)] = node
            inner = scope
            if isinstance(child, FUNCS):
                inner = Scope(parent=scope, self_attrs=module.self_attrs)
                inner.params.update(a.arg for a in _all_args(child.args))
                inner.annotations.update((a.arg, a.annotation) for a in _all_args(child.args) if a.annotation is not None)
                if not isinstance(child, ast.Lambda):
                    inner.func = child
                    mod.functions.setdefault(child.name, []).append(child)
            if isinstance(child, ast.Call):
                callee = callee_name(child.func)
                if callee is not None:
                    mod.calls.setdefault(callee, []).append(child)
            if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Load) and child.id not in scope.first_read \
                    and not (isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del))) \
                    and not (isinstance(node, ast.Attribute) and node.attr in _CHANGES):
                scope.first_read[child.id] = child.lineno  # ``post(data=payload)``; not ``payload["k"] = ...``
            if type(child) in _BINDING:
                _bind(child, scope, mod, id(child) in straight or id(node) in straight and isinstance(node, ast.Expr))
            mod.scope_of[id(child)] = inner
            pending.append((child, inner))
        stack.extend(reversed(pending))
    return mod


def callee_name(func: ast.AST) -> str | None:
    """The name a call site calls a function of this module by: ``f(...)`` or ``self.f(...)``."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"):
        return func.attr
    return None


def _all_args(args: ast.arguments) -> Iterator[ast.arg]:
    yield from args.posonlyargs
    yield from args.args
    yield from args.kwonlyargs
    if args.vararg:
        yield args.vararg
    if args.kwarg:
        yield args.kwarg


_LITERALS = {ast.Constant, ast.JoinedStr}
_BINDING = {ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor, ast.comprehension, ast.withitem,
            ast.Import, ast.ImportFrom, ast.Call, ast.Delete}
_ALWAYS_RUN = (ast.With, ast.AsyncWith, ast.Try) + ((ast.TryStar,) if hasattr(ast, "TryStar") else ())


def _bind(node: ast.AST, scope: Scope, mod: Module, straight: bool = False) -> None:
    """What ``node`` binds in ``scope``; ``straight``: it is a statement of the scope's own body (or the
    call such a statement makes), run whenever the scope runs, not under a condition or in a loop."""
    if isinstance(node, ast.Assign):
        for target in node.targets:
            _target(target, node.value, scope, mod.attr_stores, straight and len(node.targets) == 1)
    elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        scope.annotations[node.target.id] = node.annotation
        if node.value is not None:
            _target(node.target, node.value, scope, mod.attr_stores)
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            scope.mutated.add(node.target.id)
            scope.opaque.add(node.target.id)
            scope.assigns.setdefault(node.target.id, []).append(node)  # type: ignore[arg-type]
        else:
            _target(node.target, node.value, scope, mod.attr_stores)
    elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)) and isinstance(node.target, ast.Name):
        scope.loops[node.target.id] = node.iter
    elif isinstance(node, ast.withitem) and isinstance(node.optional_vars, ast.Name):
        scope.assigns.setdefault(node.optional_vars.id, []).append(node.context_expr)
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        _imports(node, mod)
    elif isinstance(node, ast.Delete):
        for target in node.targets:  # ``del payload["scope"]``: what the dict holds is no longer known
            if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                scope.mutated.add(target.value.id)
                scope.opaque.add(target.value.id)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
            and node.func.attr in _CHANGES:
        name = node.func.value.id
        scope.mutated.add(name)
        entries = _updated(node) if straight and node.func.attr == "update" else None
        if entries is None:
            scope.opaque.add(name)
        else:
            scope.sets.setdefault(name, []).extend(entries)
    elif isinstance(node, ast.Call) and _setattr(node):
        value = node.args[2] if len(node.args) > 2 else None
        mod.attr_stores.setdefault(f"{dotted(node.args[0])}.{node.args[1].value}", []).append(value)  # type: ignore[attr-defined]


def _setattr(call: ast.Call) -> bool:
    """``setattr(config, "X", v)``, ``monkeypatch.setattr(config, "X", v)``, ``mock.patch.object(config, "X", v)``."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return name in ("setattr", "object") and len(call.args) >= 2 and dotted(call.args[0]) is not None \
        and isinstance(call.args[1], ast.Constant) and isinstance(call.args[1].value, str)


# the methods that change a dict in place
_CHANGES = frozenset({"update", "setdefault", "pop", "__setitem__"})


def _updated(call: ast.Call) -> list[tuple[str, ast.expr, ast.expr]] | None:
    """The entries ``d.update({"k": v})`` or ``d.update(k=v)`` sets, each key written out; else None."""
    if call.args and (len(call.args) > 1 or not isinstance(call.args[0], ast.Dict) or call.keywords):
        return None
    if call.args:
        given = call.args[0]
        pairs = list(zip(given.keys, given.values))  # type: ignore[attr-defined]
        if not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k, _ in pairs):
            return None  # ``**other`` or a computed key
        return [(k.value, v, k) for k, v in pairs]  # type: ignore[union-attr]
    if any(kw.arg is None for kw in call.keywords):
        return None
    return [(kw.arg, kw.value, kw.value) for kw in call.keywords]  # type: ignore[misc]


def _target(target: ast.expr, value: ast.expr, scope: Scope, stores: dict[str, list[ast.expr | None]],
            straight: bool = False) -> None:
    if isinstance(target, ast.Name):
        scope.assigns.setdefault(target.id, []).append(value)
    elif isinstance(target, (ast.Tuple, ast.List)):
        values = value.elts if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts) else None
        for i, elt in enumerate(target.elts):
            if values is not None:
                _target(elt, values[i], scope, stores)
            elif isinstance(elt, ast.Name):
                scope.params.add(elt.id)  # bound to something we cannot split: unknown
    elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
        scope.mutated.add(target.value.id)
        key = target.slice
        if straight and isinstance(key, ast.Constant) and isinstance(key.value, str):
            scope.sets.setdefault(target.value.id, []).append((key.value, value, key))
        else:
            scope.opaque.add(target.value.id)  # set under a condition, in a loop, or under a computed key
    elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
        if scope.self_attrs is not None:
            scope.self_attrs.setdefault(target.attr, []).append(value)
    elif isinstance(target, ast.Attribute) and dotted(target.value) is not None:
        stores.setdefault(f"{dotted(target.value)}.{target.attr}", []).append(value)


def _imports(node: ast.Import | ast.ImportFrom, mod: Module) -> None:
    if isinstance(node, ast.Import):
        for alias in node.names:
            local = alias.asname or alias.name.split(".")[0]
            mod.imports[local] = alias.name if alias.asname else local
            mod.origins[local] = (0, mod.imports[local], None)
        return
    base = node.module or ""
    for alias in node.names:
        mod.imports[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name
        if alias.name == "*":
            mod.stars.append((node.level, base))
            continue
        mod.origins[alias.asname or alias.name] = (node.level, base, alias.name)
