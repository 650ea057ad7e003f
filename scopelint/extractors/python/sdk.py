"""PyCelonis SDK calls: what each variable holds (from the assignment chain, else from its name)
and which HTTP requests a method call on it sends. Only method calls count: attribute access and
the collection helpers ``find``/``find_by_id`` send nothing."""
from __future__ import annotations

import ast

from ...model import ApiCall, UnresolvedCall
from .context import Context, kwarg
from . import modules
from .bindings import Module, Scope
from .sdk_map import Method, SdkMap, sdk_map
from .strings import dotted, held_as
from .evaluate import MAX_BINDINGS, MAX_DEPTH, MAX_STEPS, Evaluator

FIND = {"find", "find_by_id"}
FIND_ALL = {"find_all"}


def uses_sdk(ctx: Context, smap: SdkMap, calls: list[ast.Call]) -> bool:
    """Whether the module works with PyCelonis objects: it imports pycelonis, or it calls SDK methods
    and imports from a module of the project that does (``from .connection import connect``, whose
    ``connect()`` returns ``get_celonis(...)``)."""
    if ctx.mod.uses("pycelonis"):
        return True
    if not any(isinstance(c.func, ast.Attribute) and _distinctive(c.func, smap) for c in calls):
        return False
    return any(loaded.mod.uses("pycelonis") for loaded in _project_imports(ctx))


def _distinctive(func: ast.Attribute, smap: SdkMap) -> bool:
    """A call that reads as PyCelonis's: a method of the SDK whose name is its own (``get_data_pool``,
    not ``update``), or one made on a ``Celonis`` object's attribute (``celonis.studio.…``)."""
    own = "_" in func.attr and not func.attr.startswith("_") and bool(smap.owners(func.attr))
    return own or isinstance(func.value, ast.Attribute) and func.value.attr in smap.attributes.get("Celonis", {})


def _project_imports(ctx: Context) -> list[modules.Loaded]:
    """The modules of the project the module takes names from, as many as one file's reading may load."""
    found = []
    for level, module, _ in sorted({o for o in ctx.mod.origins.values() if o[2] is not None}):
        loaded = ctx.ev._load(level, module)
        if loaded is not None:
            found.append(loaded)
            if len(found) >= modules.MAX_MODULES:
                break
    return found


class Typer:
    def __init__(self, ctx: Context, smap: SdkMap, ev: Evaluator | None = None,
                 others: dict[int, Typer] | None = None) -> None:
        self.ctx = ctx
        self.map = smap
        self.ev = ctx.ev if ev is None else ev  # the evaluator of the module whose nodes this typer reads
        self.mod: Module = self.ev.mod
        self.others: dict[int, Typer] = {} if others is None else others  # the typers of other modules, shared
        self.active: set[int] = set()
        self.steps = 0
        self._fields: dict[int, dict[str, ast.expr]] = {}  # by class: what its fields are annotated with

    def type_of(self, node: ast.AST, scope: Scope, depth: int = 0) -> str | None:
        if depth == 0:
            self.steps = MAX_STEPS
        self.steps -= 1
        if depth > MAX_DEPTH or id(node) in self.active or self.steps < 0:
            return None
        self.active.add(id(node))
        try:
            return self._type_of(node, scope, depth + 1)
        finally:
            self.active.discard(id(node))

    def _type_of(self, node: ast.AST, scope: Scope, depth: int) -> str | None:
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id == "next" and node.args and scope.find("next") is None:
                return _element(self.type_of(node.args[0], scope, depth))  # next(t for t in pool.get_tables() if ...)
            _, found = self.function(node)
            if found is not None:
                return found.returns
            if isinstance(node.func, ast.Attribute):
                return self._method_returns(node.func, scope, depth)
            if isinstance(node.func, ast.Name) and scope.find(node.func.id) is None:
                return self._returned(node.func.id, depth)
            return None
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id == "self":
                field = self._field(node.attr, scope)
                if field is not None:  # ``self.job`` of a class that annotates ``job: DataPushJob``
                    return field
            owner = self.type_of(node.value, scope, depth) or self._by_name(node.value)
            return self.map.attributes.get(owner or "", {}).get(node.attr)
        if isinstance(node, ast.Subscript):
            return _element(self.type_of(node.value, scope, depth))
        if isinstance(node, ast.Name):
            return self._name(node.id, scope, depth)
        if isinstance(node, ast.Await):
            return self.type_of(node.value, scope, depth)
        if isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp, ast.DictComp)):
            return self._searched(node, scope, depth)
        return None

    def _searched(self, node: ast.ListComp | ast.GeneratorExp | ast.SetComp | ast.DictComp, scope: Scope,
                  depth: int) -> str | None:
        """What a comprehension that picks items of a collection holds (``[t for t in pool.get_tables() if
        ...]``, ``{t.name: t for t in ...}``): a collection of those items, where each is the loop's own."""
        item = node.value if isinstance(node, ast.DictComp) else node.elt
        first = node.generators[0] if node.generators else None
        if first is None or not (isinstance(item, ast.Name) and isinstance(first.target, ast.Name)
                                 and item.id == first.target.id and len(node.generators) == 1):
            return None
        found = _element(self.type_of(first.iter, scope, depth))
        return f"{found}[]" if found is not None else None

    def _method_returns(self, func: ast.Attribute, scope: Scope, depth: int) -> str | None:
        owner = self.receiver(func.value, scope, depth)
        if owner is None:
            return None
        if func.attr in FIND:
            return _element(owner)
        if func.attr in FIND_ALL:
            return owner if owner.endswith("[]") else None
        method = self.map.method(owner, func.attr)
        return method.returns if method is not None else None

    def _name(self, name: str, scope: Scope, depth: int) -> str | None:
        found = scope.find(name)
        annotated = self._annotated(name, found[0] if found is not None else scope)
        if annotated is not None:  # ``data_export: DataExport = exports[i]``, ``def push(job: DataPushJob)``
            return annotated
        if found is None:
            there = self.ev.source_of(name)  # ``from .connection import celonis``: ``celonis = connect()`` there
            if there is None or there[1] not in there[0].mod.module.assigns:
                return None
            return self._of(there[0])._name(there[1], there[0].mod.module, depth + 1)
        where, how = found
        if how == "assign" and len(where.assigns[name]) <= MAX_BINDINGS:
            # ``found = None`` before a search sets it is no type of its own
            types = {self.type_of(v, where, depth) for v in where.assigns[name]
                     if not (isinstance(v, ast.Constant) and v.value is None)}
            return types.pop() if len(types) == 1 else None
        if how == "loop":
            return _element(self.type_of(where.loops[name], where, depth))
        return None

    def _annotated(self, name: str, scope: Scope) -> str | None:
        """The SDK class a name is annotated with where it is bound, if it is one (``_sdk_class``)."""
        return self._sdk_class(scope.annotations.get(name))

    def _field(self, attr: str, scope: Scope) -> str | None:
        """The SDK class ``self.<attr>`` is annotated with (``_field_annotation``), if it is one."""
        return self._sdk_class(self._field_annotation(attr, scope))

    def _field_annotation(self, attr: str, scope: Scope) -> ast.expr | None:
        """What ``self.<attr>`` is annotated with in the class of the method ``scope`` is the body of: in
        the class's body (``job: DataPushJob``) or where a method sets it (``self.job: DataPushJob = ...``).
        A class's annotations are gathered once."""
        cls = self.ev._class_of(scope.func)
        if cls is None:
            return None
        notes = self._fields.get(id(cls))
        if notes is None:
            notes = self._fields[id(cls)] = {}
            for node in ast.walk(cls):
                if not isinstance(node, ast.AnnAssign):
                    continue
                target = node.target
                if isinstance(target, ast.Name) and node in cls.body:
                    notes.setdefault(target.id, node.annotation)
                elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
                    notes.setdefault(target.attr, node.annotation)
        return notes.get(attr)

    def _sdk_class(self, node: ast.expr | None) -> str | None:
        """The SDK class an annotation names (``Optional[X]``, ``X | None``, ``Union[X, None]``, ``"X"``;
        ``list[X]`` a list of them), if it is one."""
        listed = False
        for _ in range(4):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 200:
                try:  # a forward reference: ``"DataPushJob | None"``, ``"Optional[DataPushJob]"``
                    node = ast.parse(node.value, mode="eval").body
                except SyntaxError:
                    return None
            elif isinstance(node, ast.Subscript) and (dotted(node.value) or "").rsplit(".", 1)[-1] == "Union" \
                    and isinstance(node.slice, ast.Tuple):
                node = next((e for e in node.slice.elts if not (isinstance(e, ast.Constant) and e.value is None)), None)
            elif isinstance(node, ast.Subscript) and (dotted(node.value) or "").rsplit(".", 1)[-1] in _WRAPPERS:
                listed = listed or (dotted(node.value) or "").rsplit(".", 1)[-1] in _LISTS
                node = node.slice
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
                node = node.right if isinstance(node.left, ast.Constant) and node.left.value is None else node.left
            else:
                break
        cls = (dotted(node) or "").rsplit(".", 1)[-1] if node is not None else ""
        if cls not in self.map.classes:
            return None
        return f"{cls}[]" if listed else cls

    def _returned(self, name: str, depth: int) -> str | None:
        """The class a function of the module (or one it imports from another module of the project)
        returns, when it is defined once, at the top of its module, with one ``return``:
        ``def connect(): return get_celonis(...)`` (``Evaluator._returned_by``)."""
        found = self.ev._returned_by(name)
        if found is None:
            return None
        node, ev = found
        return self._of(ev).type_of(node, ev.mod.scope(node), depth + 1)

    def _of(self, ev: Evaluator) -> Typer:
        """The typer of the module ``ev`` reads, with what is left of this one's step budget."""
        if ev is self.ev:
            return self
        typer = self.others.get(id(ev))
        if typer is None:
            typer = self.others[id(ev)] = Typer(self.ctx, self.map, ev, self.others)
        typer.steps = self.steps
        return typer

    def receiver(self, node: ast.AST, scope: Scope, depth: int = 0) -> str | None:
        """The class of a call's receiver: typed from its assignments, else guessed from its name, unless
        an annotation names another library's type (``job: rq.job.Job``)."""
        typed = self.type_of(node, scope, depth)
        if typed is not None:
            return typed
        return None if self._annotated_otherwise(node, scope) else self._by_name(node)

    def _annotated_otherwise(self, node: ast.AST, scope: Scope) -> bool:
        """Whether a name or ``self.<field>`` is annotated, where it is bound, with a type (not the SDK's)."""
        if isinstance(node, ast.Name):
            found = scope.find(node.id)
            return (found[0] if found is not None else scope).annotations.get(node.id) is not None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
            return self._field_annotation(node.attr, scope) is not None
        return False

    def _by_name(self, node: ast.AST) -> str | None:
        """The class a name or attribute holds by what it is called (``celonis``, ``data_pool``), not an import."""
        name = held_as(node)
        if name is None or (isinstance(node, ast.Name) and name in self.mod.imports):
            return None
        return self.map.by_name(name)

    def function(self, call: ast.Call) -> tuple[str, Method | None]:
        """A module-level SDK callable (``get_celonis``, ``DataPool(...)``, static helpers)."""
        name = dotted(call.func)
        if name is None:
            return "", None
        parts = (self.mod.origin(name) or name).split(".")
        for key in (".".join(parts[-2:]), parts[-1]):
            method = self.map.functions.get(key)
            if method is not None and (key.count(".") or len(parts) == 1 or parts[0] == "pycelonis"):
                return key, method
        return "", None


# the generic types an SDK class may be annotated inside, and those that make a list of them
_WRAPPERS = frozenset({"Optional", "List", "list", "Sequence", "Iterable", "Iterator"})
_LISTS = frozenset({"List", "list", "Sequence", "Iterable", "Iterator"})


def _element(cls: str | None) -> str | None:
    return cls[:-2] if cls and cls.endswith("[]") else None


def sdk_calls(call: ast.Call, ctx: Context, typer: Typer) -> None:
    """The API calls one SDK call sends, as facts at the call."""
    key, func = typer.function(call)
    if func is not None:
        if func.when is None or kwarg(call, func.when) is not None:
            _emit(call, ctx, func, f"{key}()", ctx.pos.node(call))
        return
    if not isinstance(call.func, ast.Attribute):
        return
    name = call.func.attr
    scope = ctx.mod.scope(call)
    owner = typer.receiver(call.func.value, scope)
    method = typer.map.method(owner, name) if owner else None
    if owner is None:
        owner, method = _only_owner(name, typer.map)
    if method is not None and owner is not None:
        _emit(call, ctx, method, f"{owner}.{name}()", ctx.pos.attr(call))
    elif _unmapped(call.func, scope, typer):
        ctx.facts.unresolved_calls.append(UnresolvedCall(ctx.pos.attr(call), f"{dotted(call.func) or name}()", sdk=True))


def _unmapped(func: ast.Attribute, scope: Scope, typer: Typer) -> bool:
    """Whether a method call goes through a part of a ``Celonis`` object the SDK map does not have:
    PyCelonis 1.x's ``celonis.pools.find(name)``, ``celonis.datamodels.find(...)``,
    ``celonis.api_request(url)``, whose requests are not known (2.x's are ``celonis.data_integration``,
    ``celonis.studio``, ...). A name not called (``settings.celonis.url``) is no call of the SDK."""
    node: ast.expr = func
    for _ in range(8):
        if not isinstance(node, ast.Attribute):
            return False
        if not node.attr.startswith("_") and _celonis_object(node.value, scope, typer) \
                and node.attr not in typer.map.attributes.get("Celonis", {}) and typer.map.method("Celonis", node.attr) is None:
            return True
        node = node.value
    return False


def _celonis_object(node: ast.expr, scope: Scope, typer: Typer) -> bool:
    """Whether ``node`` holds PyCelonis's ``Celonis`` object: typed so from what it is set to, or called
    so (a parameter ``celonis``) where it is set to nothing else (``celonis = CelonisWrapper()`` is not)."""
    typed = typer.type_of(node, scope)
    if typed is not None:
        return typed == "Celonis"
    found = scope.find(node.id) if isinstance(node, ast.Name) else None
    return (found is None or found[1] != "assign") and typer.receiver(node, scope) == "Celonis"


def _only_owner(name: str, smap: SdkMap) -> tuple[str | None, Method | None]:
    """A distinctive method name that means the same requests on every class that has it."""
    if "_" not in name or name.startswith("_"):
        return None, None
    owners = smap.owners(name)
    methods = {smap.method(o, name) for o in owners}
    if len(methods) != 1:
        return None, None
    return owners[0], methods.pop()


def _emit(call: ast.Call, ctx: Context, method: Method, evidence: str, loc) -> None:
    # sent with the key every ``get_celonis`` of the module is given (``get_celonis(url, KEY)``): a call
    # that uses no OAuth client's scopes (SL018 says what is wrong there), as an HTTP call with an AppKey header
    keyed = ctx.sessions[0] if ctx.sessions and all(s == ctx.sessions[0] for s in ctx.sessions) else None
    seen = set()
    for verb, path in method.calls:
        if (verb, path) in seen:
            continue
        seen.add((verb, path))
        ctx.facts.api_calls.append(ApiCall(verb, path, loc, via="sdk", evidence=evidence, key_auth=keyed))


def run(ctx: Context, calls: list[ast.Call]) -> None:
    smap = sdk_map()
    if not uses_sdk(ctx, smap, calls):
        return
    typer = Typer(ctx, smap)
    for call in calls:
        sdk_calls(call, ctx, typer)
    for node in ctx.mod.nodes:  # PyCelonis 1.x's collections read without a call: ``for pool in celonis.pools:``
        held = node.iter if isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)) \
            else node.value if isinstance(node, ast.Subscript) else None  # ``celonis.datamodels["x"]``
        if isinstance(held, ast.Attribute) and _unmapped(held, ctx.mod.scope(held), typer):
            ctx.facts.unresolved_calls.append(UnresolvedCall(ctx.pos.node(held), dotted(held) or held.attr, sdk=True))
