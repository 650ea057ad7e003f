"""Static values of Python expressions, never by running them: string literals, f-strings,
``+``, ``%``, ``str.format``, ``urljoin``, ``" ".join``, names bound once in the same module or
function, and environment look-ups. What cannot be known stays as ``{name}`` in the text."""
from __future__ import annotations

import ast
from dataclasses import replace

from ..recognition.celonis import is_celonis_url

from ..recognition.names import CELONIS_VAR
from .bindings import Module, Scope, callee_name
from . import modules
from .strings import DictVal, ListVal, Text, Value, dotted, join, label, percent, unknown
from .call_values import ENV_MAPS, CallValues, another_hosts, env_lookup
from ...records import field, record

MAX_DEPTH = 24
MAX_STEPS = 4000  # nodes visited for one value: names bound in many places must not explode
MAX_BINDINGS = 8  # a name assigned more often than this is not followed
# nodes visited inside helper calls (``api(path)`` read through its return), in all, per module: helpers
# that call helpers, called from thousands of places, must not spend the file's time budget
MAX_HELPER_STEPS = 50_000


# characters a value may have and still be read: a longer one is unknown (a long constant used in
# thousands of places was otherwise rebuilt and searched at every use)
MAX_TEXT = 64 * 1024


@record(frozen=False)
class Evaluator(CallValues):
    """Resolves expressions of one module to text, within a step budget."""

    mod: Module
    active: set[int] = field(default_factory=set)
    steps: int = 0
    classes: dict[str, ast.ClassDef] | None = None  # the module's top-level classes, once needed
    # helper calls being read (``api(path)`` returning ``f"{BASE}/{path}"``): the function and the call
    frames: list[tuple[ast.AST, ast.Call]] = field(default_factory=list)
    returns: dict[int, list[ast.Return]] = field(default_factory=dict)  # id(function) -> its return statements
    sites: dict[int, list[ast.Call]] = field(default_factory=dict)  # id(function) -> the calls that call it
    methods: dict[int, ast.ClassDef] | None = None  # id(method) -> its class, once needed
    raw: set[tuple[int, str]] = field(default_factory=set)  # (call, parameter) read as passed, inside its reassignment
    helper_steps: int = MAX_HELPER_STEPS  # what is left of the module's budget for reading helpers
    path: str = ""  # the module's file, where the modules it imports are looked for
    # the evaluators of the other modules this file's reading loaded (by ``id`` of their ``Loaded``):
    # one dict, shared by the evaluator of the file and every one it made
    others: dict[int, Evaluator] | None = None

    def value(self, node: ast.AST | None, scope: Scope, depth: int = 0) -> Value:
        if self.others and node is not None:  # a node of another module is read in that module
            home = modules.owner(node)
            if home is not None and home.mod is not self.mod:
                return self._other(home).value(node, home.mod.scope(node), depth)
        if depth == 0:
            self.steps = MAX_STEPS
        self.steps -= 1
        if self.frames:
            self.helper_steps -= 1
            if self.helper_steps < 0:
                return None
        if node is None or depth > MAX_DEPTH or id(node) in self.active or self.steps < 0:
            return None
        self.active.add(id(node))
        try:
            out = self._value(node, scope, depth + 1)
        finally:
            self.active.discard(id(node))
        if isinstance(out, Text) and len(out.text) > MAX_TEXT:  # no URL, scope list or key is this long
            return unknown(label(node), out.celonis)
        return out

    def text(self, node: ast.AST | None, scope: Scope, depth: int = 0) -> Text | None:
        val = self.value(node, scope, depth)
        return val if isinstance(val, Text) else None

    def _value(self, node: ast.AST, scope: Scope, depth: int) -> Value:
        if isinstance(node, ast.Constant):
            return Text(node.value, literal=node, nodes=(node,)) if isinstance(node.value, str) else None
        if isinstance(node, ast.JoinedStr):
            return self._fstring(node, scope, depth)
        if isinstance(node, ast.BinOp):
            return self._binop(node, scope, depth)
        if isinstance(node, ast.Name):
            return self._name(node.id, scope, depth)
        if isinstance(node, ast.Attribute):
            return self._attribute(node, scope, depth)
        if isinstance(node, ast.Subscript):
            return self._subscript(node, scope, depth)
        if isinstance(node, ast.Call):
            return self._call(node, scope, depth)
        if isinstance(node, ast.Dict):
            return self._dict(node)
        if isinstance(node, (ast.List, ast.Tuple)):
            return ListVal(tuple(node.elts))
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            parts = [self.text(v, scope, depth) for v in node.values]
            celonis = any(p is not None and (p.celonis or is_celonis_url(p.text)) for p in parts)
            # ``os.getenv("A") or os.getenv("B") or ""``: read from the environment, by the first name
            read = [p for p in parts if not (p is not None and p.resolved and not p.text)]
            env = read[0].env if read and all(p is not None and p.env for p in read) else None
            return unknown(env or "value", celonis, env=env)
        if isinstance(node, ast.IfExp):
            return self._choice(node, scope, depth)
        return None

    def _choice(self, node: ast.IfExp, scope: Scope, depth: int) -> Value:
        """``a if test else b``: the branch the test picks when it is a constant (or a helper's
        parameter bound to one); else both, when they are the same text, or an unknown part that
        is Celonis's when either branch is."""
        test = node.test
        found = scope.find(test.id) if isinstance(test, ast.Name) else None
        if found is not None and found[1] == "param":
            bound = self._passed_here(test.id, found[0])
            if bound is not None and bound[1] is not None:
                test = bound[1]
        if isinstance(test, ast.Constant):
            return self.value(node.body if test.value else node.orelse, scope, depth)
        body, orelse = self.text(node.body, scope, depth), self.text(node.orelse, scope, depth)
        if body is not None and orelse is not None and body.text == orelse.text:
            return body
        celonis = any(p is not None and (p.celonis or is_celonis_url(p.text)) for p in (body, orelse))
        return unknown("value", celonis)

    def _fstring(self, node: ast.JoinedStr, scope: Scope, depth: int) -> Text:
        """An f-string's text, built from the literals its parts are (``f"{path}/copy"`` with ``path =
        "/package-manager/api/nodes"``: that literal is part of this value, not a value of its own)."""
        out, resolved, celonis, nodes = [], True, False, [node]
        for part in node.values:
            if isinstance(part, ast.Constant):
                out.append(str(part.value))
                continue
            inner = self.text(part.value, scope, depth) if isinstance(part, ast.FormattedValue) else None
            if inner is None:
                inner = unknown(label(part.value) if isinstance(part, ast.FormattedValue) else "value")
            out.append(inner.text)
            nodes.extend(inner.nodes)
            resolved = resolved and inner.resolved
            celonis = celonis or inner.celonis
        return Text("".join(out), resolved, celonis, nodes=tuple(nodes))

    def _binop(self, node: ast.BinOp, scope: Scope, depth: int) -> Value:
        left = self.text(node.left, scope, depth)
        if isinstance(node.op, ast.Add):
            right = self.text(node.right, scope, depth)
            if left is None and right is None:
                return None
            left = left or unknown(label(node.left))
            right = right or unknown(label(node.right))
            return join(left, right)
        if isinstance(node.op, ast.Mod) and left is not None:
            args = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
            values = [self.text(a, scope, depth) or unknown(label(a)) for a in args]
            return percent(left, values)
        return None

    def _name(self, name: str, scope: Scope, depth: int) -> Value:
        found = scope.find(name)
        celonis = bool(CELONIS_VAR.search(name))
        if found is not None and found[1] == "param":
            passed = self._bound(name, found[0], depth)
            if passed is None:
                passed = self._param(name, found[0], depth)
            return passed if passed is not None else unknown(name, celonis)
        if found is None:
            imported = self._imported(name, depth)
            return imported if imported is not None else unknown(name, celonis)
        if found[1] != "assign" or len(found[0].assigns[name]) > MAX_BINDINGS:
            return unknown(name, celonis)
        where, _ = found
        if name in where.mutated:
            if len(where.assigns[name]) != 1:
                return unknown(name, celonis)
            built = self.value(where.assigns[name][0], where, depth)
            read = where.first_read.get(name)
            if name in where.opaque or not isinstance(built, DictVal) \
                    or read is not None and any(value.lineno >= read for _, value, _ in where.sets.get(name, ())):
                return _opened(built)  # changed another way, or after it is first used: what it holds there is not known
            # ``d = {...}`` then ``d["scope"] = "..."``, ``d.update({...})`` in the same body, whenever it runs:
            # the entries set, the last first, before those it was built with
            added = tuple((key, value, node) for key, value, node in reversed(where.sets.get(name, ())))
            return DictVal(added + built.entries, built.complete, built.node)
        values = [self.value(v, where, depth) for v in where.assigns[name]]
        first = values[0]
        if len(values) > 1 and len({_key(v) for v in values}) > 1:
            texts = [v for v in values if isinstance(v, Text)]
            return unknown(name, celonis or any(t.celonis or is_celonis_url(t.text) for t in texts))
        if isinstance(first, Text) and not first.resolved and celonis and not first.celonis \
                and not (first.env and first.default is not None and another_hosts(self.text(first.default, where, depth))):
            # named for Celonis (``TEAM_URL``), unless read with another host's default
            return Text(first.text, False, True, first.literal, first.nodes, first.env, first.default, first.items)
        return first if first is not None else unknown(name, celonis)

    def _passed_here(self, name: str, scope: Scope) -> tuple[ast.Call, ast.expr | None] | None:
        """The innermost helper call being read that binds parameter ``name`` of ``scope``'s
        function, and what it passes to it (None: not known)."""
        for func, call in reversed(self.frames):
            if func is scope.func:
                return call, passed(func, name, call)  # type: ignore[arg-type]
        return None

    def _bound(self, name: str, scope: Scope, depth: int) -> Value:
        """A parameter's value in the helper call being read."""
        bound = self._passed_here(name, scope)
        if bound is None:
            return None
        call, node = bound
        key = (id(call), name)
        if name in scope.assigns and key not in self.raw:  # ``path = path.lstrip("/")``, once: its value,
            if len(scope.assigns[name]) != 1:  # where ``path`` is the argument as passed
                return None
            self.raw.add(key)
            try:
                return self.value(scope.assigns[name][0], scope, depth)
            finally:
                self.raw.discard(key)
        return self.value(node, self.mod.scope(node), depth) if node is not None else None

    def callee(self, call: ast.Call) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The function of this module a call calls, when it is defined once where the call looks:
        ``api(...)`` a module function, ``self.api(...)`` a method of the class the call is made in
        (two classes may each have their own ``api``)."""
        callee = callee_name(call.func)
        defs = self.mod.functions.get(callee, ()) if callee is not None else ()
        if not defs:
            return None
        if isinstance(call.func, ast.Attribute):  # self.url(...): a method of the class the call is made in
            mine = self._class_of(self.mod.scope(call).func)
            found = [d for d in defs if mine is not None and self._class_of(d) is mine]
        else:  # url(...) calls no method
            found = [d for d in defs if self._class_of(d) is None]
        return found[0] if len(found) == 1 else None  # type: ignore[return-value]

    def call_sites(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.Call]:
        """The calls of this module that call ``func`` (``callee``), found once."""
        found = self.sites.get(id(func))
        if found is None:
            found = self.sites[id(func)] = [c for c in self.mod.calls.get(func.name, []) if self.callee(c) is func]
        return found

    def helper(self, call: ast.Call) -> ast.expr | None:
        """What a call of a function of this module returns, when the module defines it once and it
        has one ``return`` (``def api(path): return f"{BASE}/{path}"``, called as ``api(...)`` or
        ``self.api(...)``): read with its parameters bound to the call's arguments."""
        func = self.callee(call)
        if func is None:
            return None
        if id(func) not in self.returns:
            self.returns[id(func)] = return_statements(func)
        found = self.returns[id(func)]
        return found[0].value if len(found) == 1 else None

    def _helper_value(self, call: ast.Call, depth: int) -> Value:
        returned = self.helper(call) if self.helper_steps > 0 else None
        if returned is None:
            return None
        self.frames.append((self.mod.scope(returned).func, call))  # type: ignore[arg-type]
        try:
            value = self.value(returned, self.mod.scope(returned), depth)
        finally:
            self.frames.pop()
        if isinstance(value, Text):  # the call's literal arguments are part of it (not API paths of their own)
            given = tuple(a for a in (*call.args, *(kw.value for kw in call.keywords)) if isinstance(a, (ast.Constant, ast.JoinedStr)))
            value = replace(value, nodes=value.nodes + given)
        return value

    def _param(self, name: str, scope: Scope, depth: int) -> Value:
        """A parameter's value when every call of its function in this module passes the same value
        (or leaves the same default): ``connect("USER_KEY")`` from the ``__main__`` block. Never across files."""
        func = scope.func
        if func is None:
            return None
        made = self._constructed(func)
        sites = made if made is not None else self.call_sites(func)
        if not sites or len(sites) > MAX_BINDINGS:
            return None
        values = []
        for call in sites:
            node = passed(func, name, call, made is not None)
            if node is None:
                return None
            values.append(self.value(node, self.mod.scope(node), depth))
        if any(v is None for v in values) or len({_key(v) for v in values}) > 1:
            return None
        return values[0]

    def _attribute(self, node: ast.Attribute, scope: Scope, depth: int) -> Value:
        if isinstance(node.value, ast.Name) and node.value.id == "self":
            values = (scope.self_attrs or {}).get(node.attr, [])
            if not values:  # never set on an instance: the class attribute (``SCOPE = "studio"`` in its body)
                values = self._class_attribute(node.attr, scope)
            if len(values) == 1:
                found = self.value(values[0], self.mod.scope(values[0]), depth)
                if found is not None:
                    return found
        home = self._field_home(node, scope)
        default = self._field_default(node, home)
        if default is not None:
            where, ev = default
            found = ev.value(where, ev.mod.module, depth + (ev is not self))
            if found is not None:
                return found
        var = settings_env(home[0], node.attr) if home is not None else None
        if var is not None:  # a pydantic settings field with no default: the environment variable of its name
            return unknown(var, bool(CELONIS_VAR.search(var)), env=var)
        imported = self._imported_attribute(node, scope, depth)
        if imported is not None:
            return imported
        return unknown(node.attr, bool(CELONIS_VAR.search(node.attr)))

    # Values of the project's other modules (``modules``): read there, by an evaluator of their own.

    def _other(self, loaded: modules.Loaded) -> Evaluator:
        """The evaluator of another module, with a step budget of its own for each value read there."""
        if self.others is None:
            self.others = {}
        ev = self.others.get(id(loaded))
        if ev is None:
            ev = Evaluator(loaded.mod, path=loaded.pos.path, others=self.others)
            self.others[id(loaded)] = ev
        ev.steps = MAX_STEPS
        return ev

    def _load(self, level: int, module: str) -> modules.Loaded | None:
        if not self.path or (self.others is not None and len(self.others) >= modules.MAX_MODULES):
            return None
        path = modules.locate(self.path, level, module)
        return modules.load(path) if path is not None and path != self.path else None

    def _imported(self, name: str, depth: int) -> Value:
        """A name this module imports from another of the project (``from .config import URL``, or
        one of its ``from .base import *``): its value there."""
        origin = self.mod.origins.get(name)
        if depth >= MAX_DEPTH or origin is None and not self.mod.stars:
            return None
        if origin is not None:
            there = self.source_of(name)
            return there[0]._name(there[1], there[0].mod.module, depth + 1) if there is not None else None
        for level, module in self.mod.stars:
            loaded = self._load(level, module)
            if loaded is not None and name in loaded.mod.module.assigns:
                return self._other(loaded)._name(name, loaded.mod.module, depth + 1)
        return None

    def _imported_attribute(self, node: ast.Attribute, scope: Scope, depth: int) -> Value:
        """``config.URL`` of a module the project imports (``import config``, ``from . import config``,
        ``import app.config``), or ``settings.URL`` of an object imported from one
        (``from .config import settings``, ``settings = Settings()`` there): its value there."""
        base = dotted(node.value)
        first, *rest = base.split(".") if base else ("",)
        origin = self.mod.origins.get(first)
        if origin is None or depth >= MAX_DEPTH or scope.find(first) is not None:
            return None
        stores = self.mod.attr_stores.get(f"{base}.{node.attr}")
        if stores:  # set here (``config.API_BASE = "http://localhost:8089"``): that value, where it is set once
            return self.value(stores[0], self.mod.scope(stores[0]), depth + 1) if len(stores) == 1 and stores[0] \
                is not None else unknown(node.attr)
        level, module, taken = origin
        loaded = self._load(level, ".".join(p for p in (module, taken or "", *rest) if p))
        if loaded is not None:
            return self._other(loaded)._name(node.attr, loaded.mod.module, depth + 1)
        if taken is None or rest:
            return None
        loaded = self._load(level, module)  # an object the module defines
        if loaded is None:
            return None
        there = ast.Attribute(value=ast.Name(id=taken, ctx=ast.Load()), attr=node.attr, ctx=ast.Load())
        return self._other(loaded)._attribute(there, loaded.mod.module, depth + 1)

    def _class_of(self, func: ast.AST | None) -> ast.ClassDef | None:
        """The class whose body defines the function ``func``, if it is a method."""
        if func is None:
            return None
        if self.methods is None:
            self.methods = {id(f): c for c in self.mod.nodes if isinstance(c, ast.ClassDef)  # listed already
                            for f in c.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
        return self.methods.get(id(func))

    def _constructed(self, func: ast.AST) -> list[ast.Call] | None:
        """For the ``__init__`` of a top-level class of this module: the calls that construct it here
        (``CelonisClient(...)``, and ``cls(...)`` in its own methods); ``None`` for another function."""
        cls = self._class_of(func) if getattr(func, "name", "") == "__init__" else None
        if cls is None or self._own_class(cls.name) is not cls or cls.name in self.mod.functions:
            return None
        end = getattr(cls, "end_lineno", None) or cls.lineno
        inside = [c for c in self.mod.calls.get("cls", []) if cls.lineno <= c.lineno <= end]
        return self.mod.calls.get(cls.name, []) + inside

    def _class_attribute(self, name: str, scope: Scope) -> list[ast.expr]:
        """The value the class of the method ``scope`` is in assigns to ``name`` in its body, if one."""
        cls = self._class_of(scope.func)
        found = [value for field, value in class_fields(cls) if field == name] if cls is not None else []
        return [d for d in map(field_default, found) if d is not None][:1] if len(found) == 1 else []

    def _field_default(self, node: ast.Attribute, home: tuple[ast.ClassDef, Evaluator] | None
                       ) -> tuple[ast.expr, Evaluator] | None:
        """``settings.scopes`` where ``settings = Settings()`` (or ``Settings.scopes``) and the class
        ``Settings`` (``home``, ``_field_home``) gives the field a static default: the default, and the
        evaluator of the module that writes it."""
        if home is None:
            return None
        cls, ev = home
        for name, value in class_fields(cls):
            if name == node.attr:
                default = field_default(value)
                return (default, ev) if default is not None else None
        return None

    def _field_home(self, node: ast.Attribute, scope: Scope) -> tuple[ast.ClassDef, Evaluator] | None:
        """The settings class ``settings.field`` reads a field of, of this module or imported from
        another of the project, and the evaluator of its module: ``settings = Settings()``,
        ``Settings.field``, a parameter annotated with the class. ``None`` where the field is given
        at construction."""
        if not isinstance(node.value, ast.Name):
            return None
        found = scope.find(node.value.id)
        home = self._class(node.value.id) if found is None else None
        if found is not None and found[1] == "param":  # ``def km(settings: Settings)``: the class it is annotated with
            home = self._class(_annotation(found[0].func, node.value.id) or "")
        elif home is None:
            made = self._made(node.value, scope)
            if made is None:
                return None
            home, call = made
            if call.keywords and any(kw.arg in (node.attr, None) for kw in call.keywords):
                return None  # the field is given at construction
        return home

    def _made(self, node: ast.expr, scope: Scope, hops: int = 6
              ) -> tuple[tuple[ast.ClassDef, Evaluator], ast.Call] | None:
        """The class of the project an expression makes an instance of, and the call that makes it:
        ``Settings()``, a name bound once to one (``s = settings``), or the call of a function that
        returns one (FastAPI's ``@lru_cache def get_settings(): return Settings()``, of this module
        or imported from another)."""
        ev = self
        for _ in range(hops):
            if isinstance(node, ast.Await):
                node = node.value
            if isinstance(node, ast.Name):
                once = scope.bound_once(node.id)
                if once is None:
                    return None
                scope, node = once
                continue
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                return None
            home = ev._class(node.func.id)
            if home is not None:
                return home, node
            returned = ev._returned_by(node.func.id)
            if returned is None:
                return None
            node, ev = returned
            scope = ev.mod.scope(node)
        return None

    def _returned_by(self, name: str) -> tuple[ast.expr, Evaluator] | None:
        """What the top-level function ``name`` of this module (or one it imports from another of the
        project) returns, when it is defined once with one ``return``, and the evaluator of its module."""
        ev, taken = (self, name) if name in self.mod.functions else self.source_of(name) or (None, "")
        if ev is None:
            return None
        defs = ev.mod.functions.get(taken, ())
        found = return_statements(defs[0]) if len(defs) == 1 and defs[0] in ev.mod.tree.body else []
        return (found[0].value, ev) if len(found) == 1 else None  # type: ignore[return-value]

    def _class(self, name: str) -> tuple[ast.ClassDef, Evaluator] | None:
        """The top-level class ``name`` names here: this module's, or one it imports from another module
        of the project (``from .settings import CelonisSettings``), with the evaluator of its module."""
        own = self._own_class(name)
        if own is not None:
            return own, self
        there = self.source_of(name)
        cls = there[0]._own_class(there[1]) if there is not None else None
        return (cls, there[0]) if cls is not None else None  # type: ignore[index]

    def source_of(self, name: str) -> tuple[Evaluator, str] | None:
        """The evaluator of the module of the project that ``name`` is imported from (``from
        .connection import connect``), and the name there."""
        origin = self.mod.origins.get(name)
        if origin is None or origin[2] is None:
            return None
        loaded = self._load(origin[0], origin[1])
        return (self._other(loaded), origin[2]) if loaded is not None else None

    def _own_class(self, name: str) -> ast.ClassDef | None:
        """The top-level class of this module named ``name``."""
        if self.classes is None:
            self.classes = {c.name: c for c in self.mod.tree.body if isinstance(c, ast.ClassDef)}
        return self.classes.get(name)

    def _subscript(self, node: ast.Subscript, scope: Scope, depth: int) -> Value:
        key = node.slice
        key_text = key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None
        base = dotted(node.value)
        if base in ENV_MAPS or (base and self.mod.imports.get(base.split(".")[0], "").startswith("os")
                                and base.endswith("environ")):
            return unknown(key_text or "env", bool(key_text and CELONIS_VAR.search(key_text)), env=key_text)
        if key_text is not None and isinstance(node.value, ast.Name) and depth < MAX_DEPTH:
            # ``CONFIG["key"]`` of a dict written out in the module and never changed after: its entry
            mapping = self._name(node.value.id, scope, depth + 1)
            if isinstance(mapping, DictVal) and mapping.complete:
                entry = mapping.get(key_text)
                if entry is not None:
                    return self.value(entry, self.mod.scope(entry), depth + 1)
        return unknown(key_text or label(node.value), bool(key_text and CELONIS_VAR.search(key_text)))

    def _dict(self, node: ast.Dict) -> DictVal:
        entries, complete = [], True
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                entries.append((key.value, value, key))
            else:
                complete = False
        return DictVal(tuple(entries), complete, node)


def _annotation(func: ast.AST | None, name: str) -> str | None:
    """The class a parameter is annotated with (``settings: Settings`` or ``"Settings"``), by name."""
    args = getattr(func, "args", None)
    if args is None:
        return None
    for arg in args.posonlyargs + args.args + args.kwonlyargs:
        if arg.arg == name:
            note = arg.annotation
            if isinstance(note, ast.Constant) and isinstance(note.value, str):
                return note.value
            return note.id if isinstance(note, ast.Name) else None
    return None


def return_statements(func: ast.AST) -> list[ast.Return]:
    """The ``return <value>`` statements of a function itself (not of functions defined in it); none
    for a generator, whose call gives no value of its own."""
    found: list[ast.Return] = []
    stack = list(ast.iter_child_nodes(func))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, ast.Return) and node.value is not None:
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def passed(func: ast.FunctionDef | ast.AsyncFunctionDef, name: str, call: ast.Call, constructs: bool = False
           ) -> ast.expr | None:
    """The expression ``call`` gives parameter ``name`` of ``func``: by keyword, by position, or its
    default. ``constructs``: ``func`` is an ``__init__`` and ``call`` makes an instance of its class."""
    args = func.args
    positional = [a.arg for a in args.posonlyargs + args.args]
    if constructs or isinstance(call.func, ast.Attribute):  # self.f(...), Client(...): the first parameter is the instance
        positional = positional[1:] if positional[:1] in (["self"], ["cls"]) else []
    elif positional[:1] in (["self"], ["cls"]):
        return None
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    if any(kw.arg is None for kw in call.keywords) or any(isinstance(a, ast.Starred) for a in call.args):
        return None  # ``**options`` or ``*args``: what reaches the parameter is not known
    if name in positional and positional.index(name) < len(call.args):
        return call.args[positional.index(name)]
    defaults = dict(zip(positional[len(positional) - len(args.defaults):], args.defaults))
    defaults.update((a.arg, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None)
    return defaults.get(name)


def _opened(value: Value) -> Value:
    """A dict that is changed after it is built: what it holds at the call is not known for sure."""
    if isinstance(value, DictVal):
        return DictVal(value.entries, False, value.node)
    return value


def _key(value: Value) -> object:
    """What makes two bindings of a name the same value (the literal's place does not)."""
    if isinstance(value, Text):
        return (value.text, value.resolved, value.celonis)
    return id(value) if value is not None else None


FIELD_FACTORIES = {"Field", "field", "ib", "attrib", "attr.ib", "attrs.field", "pydantic.Field", "dataclasses.field"}


def class_fields(node: ast.ClassDef):
    """``(name, value)`` of each field or class attribute with a value in a class body."""
    for stmt in node.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            yield stmt.target.id, stmt.value
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            yield stmt.targets[0].id, stmt.value


def settings_env(node: ast.ClassDef, name: str) -> str | None:
    """The environment variable a pydantic settings class (``class S(BaseSettings)``) reads field
    ``name`` from when the field has no default (``API_TOKEN: str``): its name after the class's
    ``env_prefix``, written out (``model_config = SettingsConfigDict(env_prefix="CELONIS_")``, or
    ``class Config: env_prefix = ...``). ``None`` for another class, a field with a default, or a
    prefix not known."""
    if not any((dotted(b) or "").rsplit(".", 1)[-1] == "BaseSettings" for b in node.bases):
        return None
    if not any(isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name) and s.target.id == name
               and s.value is None for s in node.body):
        return None
    prefix = ""
    for stmt in node.body:
        setting = None
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "model_config" for t in stmt.targets):
            value = stmt.value
            if isinstance(value, ast.Call):
                setting = next((kw.value for kw in value.keywords if kw.arg == "env_prefix"), None)
            elif isinstance(value, ast.Dict):
                setting = next((v for k, v in zip(value.keys, value.values)
                                if isinstance(k, ast.Constant) and k.value == "env_prefix"), None)
        elif isinstance(stmt, ast.ClassDef) and stmt.name == "Config":
            setting = next((v for n, v in class_fields(stmt) if n == "env_prefix"), None)
        if setting is not None:
            if not (isinstance(setting, ast.Constant) and isinstance(setting.value, str)):
                return None
            prefix = setting.value
    return prefix + name


def field_default(value: ast.expr) -> ast.expr | None:
    """The static default of a field: the value itself, an environment look-up (read as one, with its
    default), or the ``default``/``default_factory`` of a dataclass, attrs or pydantic field factory."""
    if not isinstance(value, ast.Call):
        return value
    name = dotted(value.func) or ""
    if env_lookup(name):  # ``KEY_TYPE: str = os.getenv("CELONIS_KEY_TYPE", "USER_KEY")``
        return value
    if name not in FIELD_FACTORIES:
        return None
    for kw in value.keywords:
        if kw.arg == "default":
            return kw.value
        if kw.arg in ("default_factory", "factory") and isinstance(kw.value, ast.Lambda):
            return kw.value.body
    first = value.args[0] if value.args else None
    return None if first is None or isinstance(first, ast.Constant) and first.value is ... else first
