"""Object, array and template literals as static values."""
from __future__ import annotations

from typing import Union

from .cursor import Cursor
from .lexer import Tok
from ..recognition.text import Piece, Text
from ...records import field, record

MAX_PIECES = 256  # a value assembled from more parts than this is not a URL or a scope list


@record(frozen=False)
class Entry:
    """One ``key: value`` of an object literal."""

    key: str
    key_start: int
    value: Value
    first: int  # token index of the value expression
    last: int  # token index after it


@record(frozen=False)
class Obj:
    """An object literal, its entries by key."""

    start: int  # source index of "{"
    entries: dict[str, Entry] = field(default_factory=dict)
    open: bool = False  # a spread or computed key: more fields than the literal shows

    def get(self, key: str) -> Value:
        entry = self.entries.get(key)
        return entry.value if entry else None


@record(frozen=False)
class Arr:
    """An array literal, its items."""

    items: list[Value]


Value = Union[Text, Obj, Arr, None]


class Literals(Cursor):
    """Reads literals; expressions inside them come from ``expr`` (``Evaluator``)."""

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
                pieces.append(Piece(self.source[s:e], s, placeholder_name(inner), e))
                names.add(placeholder_name(inner))
        return Text(tuple(pieces), frozenset(n for n in names if n))

    def sub(self, inner: list[Tok]) -> Value:
        """The value of a placeholder's tokens, with this file's constants."""
        child = type(self)(inner, self.source)
        child.consts, child.ambiguous, child._values, child._busy = {}, set(), {}, set()
        child.const = self.const  # type: ignore[method-assign]
        if hasattr(self, "_local"):
            child._local = self._local  # type: ignore[attr-defined]  # a name several functions declare, as read here
        if getattr(self, "params", None) or getattr(self, "fields", None):  # what a function or class around holds
            child.params, child.fields, child.calling = self.params, self.fields, self.calling  # type: ignore[attr-defined]
            child.parameter, child.field = self.parameter, self.field  # type: ignore[attr-defined]
            child.held = self.held  # type: ignore[attr-defined]
        child.budget = min(self.budget, 10_000)
        value, end = child.expr(0)
        self.budget -= 40 * len(inner)
        return value if end >= len(inner) else None

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


def join_texts(arr: Arr, sep: Text) -> Text | None:
    out: Text | None = None
    for item in arr.items:
        if not isinstance(item, Text):
            return None
        out = item if out is None else out + sep + item
        if len(out.pieces) > MAX_PIECES:
            return None
    return out if out is not None else Text((Piece("", None),))


def placeholder_name(inner: tuple) -> str:
    """``process.env.CELONIS_URL`` for a placeholder that is a plain dotted name, else ""."""
    texts = [t.text for t in inner]
    if texts and all(t.kind == "id" or t.text in (".", "?.") for t in inner):
        return "".join(texts).replace("?.", ".")
    return ""
