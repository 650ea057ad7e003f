"""Static values of JavaScript expressions: string literals, templates, ``+`` concatenation,
same-file constants, ``process.env.X ?? "default"``, object and array literals,
``new URLSearchParams({...})``, ``[...].join(" ")``. Anything else is an unresolved reference.

Every operand is parsed once (memoised by token index) and a budget bounds the total work,
so pathological input costs linear time.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from .js_lexer import Tok
from .js_text import Piece, Text

MAX_DEPTH = 60
MAX_PIECES = 256  # a value assembled from more parts than this is not a URL or a scope list
_STOP = frozenset({",", ";", ")", "]", "}", ":"})
_BINARY = frozenset({"+", "-", "*", "/", "%", "**", "&&", "||", "??", "==", "===", "!=", "!==", "<", ">", "<=",
                     ">=", "&", "|", "^", "<<", ">>", "instanceof", "in", "?"})
_PREFIX = frozenset({"await", "typeof", "void", "!", "-", "+", "~", "delete", "yield"})
_FORM_FACTORIES = frozenset({"URLSearchParams", "FormData", "Headers", "stringify"})
_PASS_THROUGH = frozenset({"String", "encodeURIComponent", "encodeURI", "trim", "toString", "valueOf"})


@dataclass
class Entry:
    key: str
    key_start: int
    value: Value
    first: int  # token index of the value expression
    last: int  # token index after it


@dataclass
class Obj:
    start: int  # source index of "{"
    entries: dict[str, Entry] = field(default_factory=dict)
    open: bool = False  # a spread or computed key: more fields than the literal shows

    def get(self, key: str) -> Value:
        entry = self.entries.get(key)
        return entry.value if entry else None


@dataclass
class Arr:
    items: list[Value]


Value = Union[Text, Obj, Arr, None]


class Evaluator:
    def __init__(self, toks: list[Tok], source: str) -> None:
        self.toks = toks
        self.source = source
        self.consts: dict[str, int] = {}  # name -> token index of its initializer
        self.ambiguous: set[str] = set()
        self._values: dict[str, Value] = {}
        self._busy: set[str] = set()
        self._memo: dict[int, tuple[Value, int]] = {}
        self.budget = 40 * len(toks) + 10_000
        self.depth = 0

    # -- tokens ----------------------------------------------------------------------------
    def at(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def is_(self, i: int, *texts: str) -> bool:
        tok = self.at(i)
        return tok is not None and tok.kind in ("punct", "id") and tok.text in texts

    def skip(self, i: int) -> int:
        """Past one balanced expression: to the next stop token at depth 0."""
        depth = 0
        start = i
        while i < len(self.toks):
            t = self.toks[i]
            if t.kind == "punct":
                if t.text in "([{":
                    depth += 1
                elif t.text in ")]}":
                    if depth == 0:
                        break
                    depth -= 1
                elif depth == 0 and t.text in (",", ";"):
                    break
            i += 1
        self.budget -= i - start
        return i

    def close(self, i: int) -> int:
        """From an opening bracket at ``i`` to the index after its partner."""
        depth = 0
        start = i
        while i < len(self.toks):
            t = self.toks[i]
            if t.kind == "punct" and t.text in "([{":
                depth += 1
            elif t.kind == "punct" and t.text in ")]}":
                depth -= 1
                if depth <= 0:
                    i += 1
                    break
            i += 1
        self.budget -= i - start
        return i

    # -- constants -------------------------------------------------------------------------
    def const(self, name: str) -> Value:
        if name in self._values:
            return self._values[name]
        if name not in self.consts or name in self.ambiguous or name in self._busy:
            return None
        self._busy.add(name)
        value, _ = self.expr(self.consts[name])
        self._busy.discard(name)
        if isinstance(value, Text):
            value = value.named(name)
        self._values[name] = value
        return value

    # -- expressions -----------------------------------------------------------------------
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
            if isinstance(right, Text) and isinstance(left, Text):
                return right.named(*left.names)
            return right if right is not None else left
        return None

    def operand(self, i: int) -> tuple[Value, int]:
        if i in self._memo:
            return self._memo[i]
        self.budget -= 1
        if self.depth > MAX_DEPTH or self.budget <= 0:
            end = self.skip(i) if self.budget > 0 else i + 1
            self._memo[i] = (None, max(end, i + 1))
            return self._memo[i]
        self.depth += 1
        try:
            value, end = self._operand(i)
            value, end = self._postfix(value, i, end)
        finally:
            self.depth -= 1
        end = max(end, i + 1)
        self._memo[i] = (value, end)
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
        value = self.const(t.text)
        if value is None:
            value = Text.reference("${" + t.text + "}", t.start, t.end, t.text)
        return value, i + 1

    def _new(self, i: int) -> tuple[Value, int]:
        name, j = self.chain_name(i)
        if not self.is_(j, "("):
            return None, j
        args, end = self.args(j)
        last = name.rsplit(".", 1)[-1]
        if last in _FORM_FACTORIES:
            first = args[0][0] if args else None
            return (first if first is not None else Obj(self.toks[j].start)), end
        if last == "URL" and args and isinstance(args[0][0], Text):
            base = args[1][0] if len(args) > 1 else None
            return (base + args[0][0] if isinstance(base, Text) else args[0][0]), end
        return None, end

    def chain_name(self, i: int) -> tuple[str, int]:
        """A dotted name from ``i`` (``process.env.X``, ``axios.post``) and the index after it."""
        parts = []
        while True:
            t = self.at(i)
            if t is None or t.kind != "id":
                break
            parts.append(t.text)
            if self.is_(i + 1, ".", "?.") and self.at(i + 2) is not None and self.toks[i + 2].kind == "id":
                i += 2
                continue
            i += 1
            break
        return ".".join(parts), i

    def _postfix(self, value: Value, start: int, i: int) -> tuple[Value, int]:
        """Member access, calls and indexing after an operand."""
        names: list[str] = []
        first = self.at(start)
        if first is not None and first.kind == "id":
            names.append(first.text)
        while i < len(self.toks) and self.budget > 0:
            if self.is_(i, ".", "?.") and self.at(i + 1) is not None and self.toks[i + 1].kind == "id":
                member = self.toks[i + 1].text
                names.append(member)
                value = self._member(value, names, start, i + 2, member)
                i += 2
            elif self.is_(i, "[") and self.at(i + 1) is not None and self.toks[i + 1].kind == "str" \
                    and self.is_(i + 2, "]"):
                member = self.toks[i + 1].text
                names.append(member)
                value = self._member(value, names, start, i + 3, member)
                i += 3
            elif self.is_(i, "("):
                args, i = self.args(i)
                value = self._call(value, names, args)
                names = []
            elif self.is_(i, "["):
                i = self.close(i)
                value = None
            else:
                break
        return value, i

    def _member(self, value: Value, names: list[str], start: int, end: int, member: str) -> Value:
        if isinstance(value, (Text, Obj)) and member in _PASS_THROUGH or isinstance(value, Arr) and member == "join":
            return value
        if isinstance(value, Obj):
            return value.get(member)
        dotted = ".".join(names)
        s, e = self.toks[start].start, self.toks[end - 1].end
        return Text.reference("${" + dotted + "}", s, e, dotted) if names and names[0] != "this" else \
            Text.reference("${" + dotted + "}", s, e, names[-1])

    def _call(self, callee: Value, names: list[str], args: list[tuple[Value, int]]) -> Value:
        last = names[-1] if names else ""
        first = args[0][0] if args else None
        if last in _PASS_THROUGH and (isinstance(callee, (Text, Obj)) or first is not None):
            return callee if isinstance(callee, (Text, Obj)) and last not in ("String", "encodeURIComponent",
                                                                               "encodeURI") else first
        if last == "stringify" and isinstance(first, Obj):
            return first
        if last == "join" and isinstance(callee, Arr):
            return _join(callee, first if isinstance(first, Text) else Text.literal(",", None))  # type: ignore[arg-type]
        return None

    def args(self, i: int) -> tuple[list[tuple[Value, int]], int]:
        """Arguments of a call whose ``(`` is at ``i``: ``(value, token index)`` each."""
        out, j = [], i + 1
        while j < len(self.toks) and not self.is_(j, ")") and self.budget > 0:
            value, k = self.expr(j)
            out.append((value, j))
            k = self.skip(k) if not self.is_(k, ",", ")") else k
            j = k + 1 if self.is_(k, ",") else k
            if k >= len(self.toks):
                break
        return out, j + 1

    def template(self, tok: Tok) -> Text:
        pieces: list[Piece] = []
        names: set[str] = set()
        for part in tok.parts:
            if len(part) == 2:
                if part[0] or len(tok.parts) == 1:
                    pieces.append(Piece(part[0], part[1]))
                continue
            inner, s, e = part
            value = self.sub(list(inner)) if inner else None
            if isinstance(value, Text) and len(pieces) + len(value.pieces) <= MAX_PIECES:
                pieces.extend(value.pieces)
                names |= value.names
            else:
                pieces.append(Piece(self.source[s:e], s, _name(inner), e))
                names.add(_name(inner))
        return Text(tuple(pieces), frozenset(n for n in names if n))

    def sub(self, inner: list[Tok]) -> Value:
        """The value of a placeholder's tokens, with this file's constants."""
        child = Evaluator(inner, self.source)
        child.consts, child.ambiguous, child._values, child._busy = {}, set(), {}, set()
        child.const = self.const  # type: ignore[method-assign]
        child.budget = min(self.budget, 10_000)
        value, end = child.expr(0)
        self.budget -= 40 * len(inner)
        return value if end >= len(inner) else None

    # -- literals --------------------------------------------------------------------------
    def object(self, i: int) -> tuple[Obj, int]:
        obj = Obj(self.toks[i].start)
        j = i + 1
        while j < len(self.toks) and not self.is_(j, "}") and self.budget > 0:
            j = self._entry(obj, j)
            if self.is_(j, ",", ";"):
                j += 1
            elif not self.is_(j, "}"):
                j = self.skip(j)
                if self.is_(j, ",", ";"):
                    j += 1
                elif not self.is_(j, "}"):
                    return obj, j
        return obj, j + 1

    def _entry(self, obj: Obj, j: int) -> int:
        t = self.toks[j]
        if t.text == "...":
            value, k = self.expr(j + 1)
            if isinstance(value, Obj):
                obj.entries.update(value.entries)
                obj.open = obj.open or value.open
            else:
                obj.open = True
            return k
        if t.kind in ("id", "str", "num") and self.is_(j + 1, ":"):
            value, k = self.expr(j + 2)
            obj.entries[t.text] = Entry(t.text, t.start + (t.kind == "str"), value, j + 2, k)
            return k
        if t.kind == "id" and self.is_(j + 1, ",", "}"):
            obj.entries[t.text] = Entry(t.text, t.start, self._ident(j)[0], j, j + 1)
            return j + 1
        if t.text == "[":
            obj.open = True
        return self.skip(j)

    def array(self, i: int) -> tuple[Arr, int]:
        items: list[Value] = []
        j = i + 1
        while j < len(self.toks) and not self.is_(j, "]") and self.budget > 0:
            value, k = self.expr(j)
            items.append(value)
            k = self.skip(k) if not self.is_(k, ",", "]") else k
            j = k + 1 if self.is_(k, ",") else k
        return Arr(items), j + 1


def _join(arr: Arr, sep: Text) -> Text | None:
    out: Text | None = None
    for item in arr.items:
        if not isinstance(item, Text):
            return None
        out = item if out is None else out + sep + item
        if len(out.pieces) > MAX_PIECES:
            return None
    return out if out is not None else Text((Piece("", None),))


def _name(inner: tuple) -> str:
    """``process.env.CELONIS_URL`` for a placeholder that is a plain dotted name, else ""."""
    texts = [t.text for t in inner]
    if texts and all(t.kind == "id" or t.text in (".", "?.") for t in inner):
        return "".join(texts).replace("?.", ".")
    return ""
