"""Static values of JavaScript expressions: string literals, templates, ``+`` concatenation,
same-file constants, ``process.env.X ?? "default"``, object and array literals,
``new URLSearchParams({...})``, ``[...].join(" ")``. Anything else is an unresolved reference.

Every operand is parsed once (memoised by token index) and a budget bounds the total work,
so pathological input costs linear time.
"""
from __future__ import annotations

import bisect

from .lexer import Tok
from .literals import MAX_PIECES, Arr, Entry, Obj, Value
from .postfix import Postfix
from ..recognition.text import Text

__all__ = ["Arr", "Entry", "Evaluator", "Obj", "Value"]

MAX_DEPTH = 60
MAX_BINDINGS = 8  # a function called more often than this in its file: its parameters are not followed to the calls
_BINARY = frozenset({"+", "-", "*", "/", "%", "**", "&&", "||", "??", "==", "===", "!=", "!==", "<", ">", "<=",
                     ">=", "&", "|", "^", "<<", ">>", "instanceof", "in", "?"})
_PREFIX = frozenset({"await", "typeof", "void", "!", "-", "+", "~", "delete", "yield"})


class Evaluator(Postfix):
    def __init__(self, toks: list[Tok], source: str) -> None:
        super().__init__(toks)
        self.source = source
        self.consts: dict[str, int] = {}  # name -> token index of its initializer
        self.ambiguous: set[str] = set()
        self.declared: dict[str, list[int]] = {}  # every declaration of each name, where its value starts
        self._values: dict[str, Value] = {}
        self._busy: set[str] = set()
        # each operand's value and end by its first token: one for reading a helper's body at a call
        # (``calling``), where its parameters and its class's fields are left for the call to bind, one for the rest
        self._memo: dict[int, tuple[Value, int]] = {}
        self._memo_calling: dict[int, tuple[Value, int]] = {}
        self.depth = 0
        # function -> (parameters, where its return value starts, the span of its class when it is a method)
        self.helpers: dict[str, tuple[tuple[str, ...], int, tuple[int, int] | None]] = {}
        self.classes: list[tuple[int, int]] = []  # the token spans of class bodies (``set_classes``)
        self._class_starts: list[int] = []
        self._class_parents: list[int] = []  # the class each one is in (-1: none)
        self.calling: set[str] = set()  # helpers whose return value is being read
        # a parameter's name -> (its function's body start, body end (source offsets), the token where
        # its default starts, the function's name and the parameter's position when it has a name) per function
        self.params: dict[str, list[tuple[int, int, int | None, tuple[str, int] | None]]] = {}
        self.defined: dict[str, int] = {}  # how many functions and methods of the file have each name
        self.parameter_lists: set[int] = set()  # the "(" of each function's parameter list
        self.class_names: dict[int, str] = {}  # a class body's start -> the class's name
        self._sites: dict[str, list[int]] | None = None  # each name called -> the "(" of each call, listed when first asked
        # a class body's start -> its fields: where each one's value starts (None: written more than once)
        self.fields: dict[int, dict[str, int | None]] = {}
        self._starts: list[int] | None = None  # each token's source offset, listed when a field is first read
        self._sets: dict[str, list[int]] | None = None  # where each name is assigned, listed when first asked
        self.imports = None  # ``modules.Imports``: the values of the project's modules the file imports
        # an object's members set one by one (``sweeps.members``): its name -> where the first is set, and each
        # key -> (its token, where its value starts), or None when it is set more than once
        self.members: dict[str, tuple[int, dict[str, tuple[int, int] | None]]] = {}
        # the headers an HTTP client sends with every request (``sweeps.default_headers``): the client's
        # name -> (the method they are for, None for all; header name; where its value starts)
        self.default_headers: dict[str, list[tuple[str | None, str, int]]] = {}

    def class_at(self, i: int) -> tuple[int, int] | None:
        """The span of the innermost class body token ``i`` stands in: the last body opened before it,
        or the one around that, outwards (``classes`` are in order, each with the one it is in)."""
        k = bisect.bisect_left(self._class_starts, i) - 1
        while k >= 0 and self.classes[k][1] <= i:
            k = self._class_parents[k]
        return self.classes[k] if k >= 0 else None

    def set_classes(self, spans: list[tuple[int, int]]) -> None:
        """The token spans of the class bodies, in order of their start."""
        self.classes, self._class_starts, self._class_parents = spans, [s for s, _ in spans], []
        open_: list[int] = []
        for k, (start, _) in enumerate(spans):
            while open_ and spans[open_[-1]][1] <= start:
                open_.pop()
            self._class_parents.append(open_[-1] if open_ else -1)
            open_.append(k)

    def declaration_before(self, name: str, at: int) -> int | None:
        """Where the value of ``name`` starts: its one declaration, or for a name declared more than once
        (``const c`` in two functions) the nearest declaration before token ``at``, the one in scope there."""
        if name not in self.ambiguous:
            return self.consts.get(name)
        starts = self.declared.get(name, [])
        k = bisect.bisect_left(starts, at)
        return starts[k - 1] if k else None

    def parameter(self, name: str, at: int) -> tuple[bool, int | None, tuple[str, int] | None]:
        """Whether ``name`` at source offset ``at`` is a parameter of a function around it (the innermost
        one with a parameter of that name), where that parameter's default starts (``None``: none), and
        the function's name and the parameter's position (``None``: a function without a name)."""
        best: tuple[int, int, int | None, tuple[str, int] | None] | None = None
        for found in self.params[name]:
            if found[0] <= at < found[1] and (best is None or found[0] > best[0]):
                best = found
        return (True, best[2], best[3]) if best is not None else (False, None, None)

    def passed(self, name: str, owner: tuple[str, int] | None, default: int | None) -> Value:
        """The value parameter ``name`` holds: what every call of its function in this file passes it
        (``getToken("studio")``, ``this.token("studio")``), when they all pass the same and the file
        defines one function of that name; else its default (a function called nowhere here, as a
        handler or from another module, is read with its defaults). Never across files."""
        if owner is None or self.defined.get(owner[0]) != 1:
            return self.held(default, name)
        function, position = owner
        sites = self.call_sites().get(function, [])
        if not sites:
            return self.held(default, name)
        if len(sites) > MAX_BINDINGS:
            return None
        key = f"({function}:{position}"
        if key in self._busy:
            return None  # a function that passes its own parameter on to itself
        self._busy.add(key)
        try:
            found: Value = None
            for paren in sites:
                args, _ = self.args(paren)  # type: ignore[attr-defined]
                if any(self.is_(at, "...") for _, at in args[:position + 1]):
                    return None  # ``f(...rest)``: which argument lands where is not known here
                value = args[position][0] if position < len(args) else self.held(default, name)
                if _same(value) is None or found is not None and _same(found) != _same(value):
                    return None
                found = found or value
            return found
        finally:
            self._busy.discard(key)

    def call_sites(self) -> dict[str, list[int]]:
        """Where each name is called in the file: ``name(``, ``this.name(`` or ``x.name(`` (the ``(``),
        listed once, when a parameter's value is first asked for."""
        if self._sites is None:
            self._sites = {}
            toks = self.toks
            for i in self.where("("):
                if i >= 1 and toks[i - 1].kind == "id" and i not in self.parameter_lists:
                    self._sites.setdefault(toks[i - 1].text, []).append(i)
        return self._sites

    def field(self, name: str, at: int) -> Value:
        """The value of ``this.name`` at source offset ``at``: the field of the class around it (the
        innermost), written once."""
        if self._starts is None:  # the tokens' offsets, to find the token at ``at`` by halves
            self._starts = [t.start for t in self.toks]
        span = self.class_at(bisect.bisect_right(self._starts, at) - 1)
        start = self.fields.get(span[0], {}).get(name) if span is not None else None
        return self.held(start, name) if start is not None and not self.calling else None

    def held(self, start: int | None, name: str) -> Value:
        """The value written at ``start`` (a parameter's default, a field's initializer) under ``name``."""
        key = f"@{start}"
        if start is None or key in self._busy:
            return None
        self._busy.add(key)
        try:
            value, _ = self.expr(start)
        finally:
            self._busy.discard(key)
        return value.named(name) if isinstance(value, Text) else value

    def const(self, name: str) -> Value:
        if name in self._values:
            return self._values[name]
        if self.imports is not None and name in self.imports.bound and name not in self._busy:
            self._busy.add(name)  # a module that imports from the one being read is not read again
            try:
                value = self.imports.value(name)
            finally:
                self._busy.discard(name)
            self._values[name] = value
            return value
        if name in self.ambiguous or name in self._busy:
            return None
        if name not in self.consts:
            if name not in self.members:
                return None
            value: Value = Obj(self.members[name][0], open=True)  # never declared: an object handed in
        else:
            self._busy.add(name)
            value, _ = self.expr(self.consts[name])
            self._busy.discard(name)
        if isinstance(value, Text):
            value = value.named(name)
        elif isinstance(value, Obj) and name in self.members:
            self._busy.add(name)
            self._filled(value, self.members[name][1])
            self._busy.discard(name)
        self._values[name] = value
        return value

    def _filled(self, obj: Obj, keys: dict[str, tuple[int, int] | None]) -> None:
        """``obj`` with the keys set on it member by member: a key not known leaves the object open."""
        for key, where in keys.items():
            if where is None:
                obj.entries.pop(key, None)
                obj.open = True
            else:
                value, end = self.expr(where[1])
                key_tok = self.toks[where[0]]
                obj.entries[key] = Entry(key, key_tok.start + (key_tok.kind == "str"), value, where[1], end)

    def expr(self, i: int) -> tuple[Value, int]:
        """The value of the expression at ``i`` and the index after it."""
        value, i = self.operand(i)
        ternary = 0
        while i < len(self.toks) and self.budget > 0:
            t = self.toks[i]
            if t.kind == "punct" and t.text == ":" and ternary:
                ternary -= 1
            elif t.kind == "id" and t.text in ("as", "satisfies"):
                i = self._skip_type(i + 1)
                continue
            elif t.kind == "punct" and t.text == "!" and not self.is_(i + 1, "="):
                i += 1
                continue
            elif t.text not in _BINARY or t.kind not in ("punct", "id"):
                return value, i
            op = t.text
            ternary += op == "?"
            right, i = self.operand(i + 1)
            value = self._combine(op, value, right)
        return value, i

    def _skip_type(self, i: int) -> int:
        while i < len(self.toks) and (self.toks[i].kind == "id" or self.is_(i, ".", "[", "]", "<", ">")):
            i += 1
        return i

    def _combine(self, op: str, left: Value, right: Value) -> Value:
        if op == "+" and isinstance(left, Text) and isinstance(right, Text):
            return left + right if len(left.pieces) + len(right.pieces) <= MAX_PIECES else None
        if op in ("??", "||"):
            if isinstance(left, Text) and left.resolved:
                return left
            if isinstance(right, Text) and right.resolved and not right.value:
                return left  # ``process.env.SCOPE || ''``: "unset" spelled out, not a value sent
            if isinstance(right, Text) and isinstance(left, Text):
                return right.named(*left.names)
            return right if right is not None else left
        return None

    def operand(self, i: int) -> tuple[Value, int]:
        memo = self._memo_calling if self.calling else self._memo  # a helper's parameters are its call's to bind
        if i in memo:
            return memo[i]
        self.budget -= 1
        if self.depth > MAX_DEPTH or self.budget <= 0:
            end = self.skip(i) if self.budget > 0 else i + 1
            memo[i] = (None, max(end, i + 1))
            return memo[i]
        self.depth += 1
        try:
            value, end = self._operand(i)
            value, end = self._postfix(value, i, end)
        finally:
            self.depth -= 1
        end = max(end, i + 1)
        memo[i] = (value, end)
        return value, end

    def _operand(self, i: int) -> tuple[Value, int]:
        t = self.at(i)
        if t is None:
            return None, i + 1
        if t.kind == "str":
            return Text.literal(t.text, t.start + 1), i + 1
        if t.kind == "tpl":
            return self.template(t), i + 1
        if t.kind == "num":
            return Text.literal(t.text, t.start), i + 1
        if t.kind == "id":
            return self._ident(i)
        if t.text == "(":
            value, j = self.expr(i + 1)
            end = self.close(i)
            return (value if end == j + 1 else None), end
        if t.text == "{":
            return self.object(i)
        if t.text == "[":
            return self.array(i)
        if t.text in _PREFIX:
            return self.operand(i + 1)
        return None, i + 1

    def _ident(self, i: int) -> tuple[Value, int]:
        t = self.toks[i]
        if t.text in _PREFIX:
            return self.operand(i + 1)
        if t.text == "new":
            return self._new(i + 1)
        if t.text in ("function", "class"):
            j = i + 1
            while j < len(self.toks) and not self.is_(j, "{"):
                j = self.close(j) if self.is_(j, "(") else j + 1
            return None, self.close(j)
        if t.text in ("true", "false", "null", "undefined"):
            return None, i + 1
        held, default, owner = self.parameter(t.text, t.start) if t.text in self.params else (False, None, None)
        if held:  # a parameter of a function around it: what its calls pass it, unless a helper's call binds it
            value = None if self.calling else self.passed(t.text, owner, default)
        else:
            value = self.const(t.text)
            if value is None:
                value = self._local(t.text, t.start)
        if value is None:
            value = Text.reference("${" + t.text + "}", t.start, t.end, t.text)
        return value, i + 1

    def _local(self, name: str, at: int) -> Value:
        """A name declared in several functions (``const url = ...`` in each), read at source offset ``at``: the
        value of the nearest declaration before it in a block around it, else None."""
        if name not in self.ambiguous:
            return None
        if self._starts is None:
            self._starts = [t.start for t in self.toks]
        i = bisect.bisect_right(self._starts, at) - 1
        start = self.declaration_before(name, i)
        if start is None:
            return None
        block = self.enclosing(start - 1)
        while block >= 0 and not self.is_(block, "{"):
            block = self.enclosing(block)
        if block >= 0 and not block < i < self.close(block):
            return None  # another function's
        if self._set_again(name, start, i):
            return None  # ``let url = ...; url = ...;``: which value the use reads is not known
        return self.held(start, name)

    def _set_again(self, name: str, after: int, before: int) -> bool:
        """Whether ``name`` is assigned (``name = ...``, ``name += ...``) between tokens ``after`` and ``before``."""
        if self._sets is None:
            self._sets = {}
            for k, tok in enumerate(self.toks):
                if tok.kind == "id" and self.is_(k + 1, *_ASSIGNS) and not self.is_(k - 1, ".", "?."):
                    self._sets.setdefault(tok.text, []).append(k)
        found = self._sets.get(name, [])
        k = bisect.bisect_right(found, after)
        return k < len(found) and found[k] < before


_ASSIGNS = ("=", "+=", "-=", "||=", "??=", "&&=")


def _same(value: Value) -> tuple[object, ...] | None:
    """What makes two arguments the same value (the literal's place does not): a string written out, or
    a list of them (``["studio", "integration.data-pools"]``); ``None`` for another value. A value not
    known is not bound: the parameter's own name says more of it (``apiKey``) than the argument's
    expression (``urlParams.get("key")``)."""
    if isinstance(value, Text):
        return (value.value,) if value.literal_only else None
    if isinstance(value, Arr):
        items = [_same(item) for item in value.items]
        return None if any(item is None for item in items) else tuple(items)
    return None
