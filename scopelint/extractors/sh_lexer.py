"""Words of POSIX shell and Windows batch scripts, each character kept at its place in the
source across quotes, escapes and line continuations.

A word is a list of parts: literal ``Piece``s and ``Ref``s (``$VAR``, ``${VAR:-default}``,
``%VAR%``, ``$(...)``, ``<placeholder>``). Command substitutions are lexed again on their own,
so ``TOKEN=$(curl ...)`` still shows its ``curl``. One pass, no backtracking.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .js_text import Piece

MAX_NESTING = 8
_NAME = re.compile(r"[A-Za-z_]\w*")
_SPECIAL = re.compile(r"[0-9@#?$!*-]")
_BRACED = re.compile(r"([A-Za-z_]\w*)(:?[-=])([\s\S]*)\Z")
_PLACEHOLDER = re.compile(r"<[A-Za-z][\w .,:/-]{0,60}[\w.]>|<[A-Za-z]>")
_BATCH_VAR = re.compile(r"%([A-Za-z_][\w.-]*)%|%~?[0-9a-z]+|!([A-Za-z_][\w.-]*)!")
_BATCH_COMMENT = re.compile(r"@?(?:rem\b|::)", re.I)
_MAKE_ASSIGN = re.compile(r"(?:(?:export|override)[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*(?::{1,3}|\?|\+|!)?=[ \t]*")


@dataclass(frozen=True)
class Ref:
    """An unresolved part: a variable (``name``), a command substitution or a placeholder (``""``)."""

    name: str
    start: int
    end: int
    text: str
    default: tuple | None = None  # parts of ``${NAME:-default}``


@dataclass
class Word:
    parts: list
    start: int
    end: int


@dataclass(frozen=True)
class Op:
    text: str
    start: int


@dataclass
class Lexed:
    items: list = field(default_factory=list)  # Word | Op, in order
    comments: list[tuple[str, int]] = field(default_factory=list)
    subs: list[tuple[int, int]] = field(default_factory=list)  # command substitutions to lex again
    heredocs: list[tuple[str, int]] = field(default_factory=list)


class Builder:
    """Collects the parts of one word, merging adjacent literal characters into one piece."""

    def __init__(self) -> None:
        self.parts: list = []
        self._buf: list[str] = []
        self._start = -1

    def char(self, ch: str, at: int) -> None:
        if self._buf and at == self._start + len(self._buf):
            self._buf.append(ch)
            return
        self.flush()
        self._buf, self._start = [ch], at

    def text(self, text: str, at: int) -> None:
        for k, ch in enumerate(text):
            self.char(ch, at + k)

    def ref(self, ref: Ref) -> None:
        self.flush()
        self.parts.append(ref)

    def flush(self) -> None:
        if self._buf:
            self.parts.append(Piece("".join(self._buf), self._start))
            self._buf = []

    def done(self) -> list:
        self.flush()
        return self.parts


class ShLexer:
    """POSIX shell (``dialect="sh"``), batch (``"bat"``) and Makefile recipes (``"make"``)."""

    STOPS = " \t\r\n;&|()<>"

    def __init__(self, text: str, dialect: str = "sh") -> None:
        self.s = text
        self.n = len(text)
        self.dialect = dialect
        self.out = Lexed()

    def run(self) -> Lexed:
        todo = [(0, self.n, 0)]
        while todo:
            start, end, depth = todo.pop()
            before = len(self.out.subs)
            self.lex(start, end)
            if depth < MAX_NESTING:
                todo.extend((s, e, depth + 1) for s, e in self.out.subs[before:])
            self.out.items.append(Op("\n", end))
        return self.out

    def lex(self, i: int, end: int) -> None:
        s, items, pending = self.s, self.out.items, []
        at_start = True
        while i < end:
            c = s[i]
            cont = self._continuation(i)
            if cont is not None:
                i = cont
            elif c in " \t\r":
                i += 1
            elif c == "\n":
                items.append(Op("\n", i))
                i = self._heredocs(pending, i + 1, end) if pending else i + 1
                pending, at_start = [], True
            elif at_start and self.dialect == "make" and _MAKE_ASSIGN.match(s, i):
                i = self._make_assign(i, end)
            elif c == "#" and self.dialect in ("sh", "make") or at_start and self.dialect == "bat" and _BATCH_COMMENT.match(s, i):
                j = s.find("\n", i, end)
                j = end if j < 0 else j
                self.out.comments.append((s[i:j], i))
                i = j
            elif c in "<>" and not _PLACEHOLDER.match(s, i):
                i = self._redirect(i, end, pending, items)
            elif c in ";&|()":
                j = i + 1 + (s[i:i + 2] in ("&&", "||", ";;"))
                items.append(Op(s[i:j], i))
                i, at_start = j, True
            else:
                word, i = self.word(i, end)
                items.append(word)
                at_start = False
                if self.dialect == "bat" and s[word.start:i].lower() == "set":
                    i = self._bat_set(i, end)

    def _make_assign(self, i: int, end: int) -> int:
        """``NAME := value``: one word ``NAME=value`` (the value runs to the end of the line)."""
        m = _MAKE_ASSIGN.match(self.s, i)
        eol = self.s.find("\n", m.end(), end)
        eol = end if eol < 0 else eol
        value, _ = self.word(m.end(), eol, spaces=True)
        name = m.group(1)
        parts = [Piece(name + "=", m.start(1))] + [p for p in value.parts if not (isinstance(p, Piece) and
                                                                                 p.text.strip() == "")]
        self.out.items.append(Word(parts, m.start(1), eol))
        return eol

    def _bat_set(self, i: int, end: int) -> int:
        """``set NAME=value with spaces``: the rest of the line is one word."""
        s = self.s
        while i < end and s[i] in " \t":
            i += 1
        if i >= end or s[i] in '"/':
            return i
        eol = s.find("\n", i, end)
        eol = end if eol < 0 else eol
        while eol > i and s[eol - 1] in " \t\r":
            eol -= 1
        word, _ = self.word(i, eol, spaces=True)
        self.out.items.append(word)
        return eol

    def _continuation(self, i: int) -> int | None:
        """The index after a line continuation (``\\`` in sh, ``^`` in batch) at ``i``."""
        mark = "\\" if self.dialect in ("sh", "make") else "^" if self.dialect == "bat" else "`"
        if self.s[i] != mark:
            return None
        j = i + 1 + (self.s.startswith("\r", i + 1))
        return j + 1 if self.s.startswith("\n", j) else None

    def _redirect(self, i: int, end: int, pending: list, items: list) -> int:
        s = self.s
        if s.startswith("<<", i) and not s.startswith("<<<", i) and self.dialect == "sh":
            m = re.compile(r"<<-?[ \t]*(['\"]?)([\w.-]+)\1").match(s, i)
            if m:
                pending.append(m.group(2))
                return m.end()
        j = i + 1
        while j < end and s[j] in "<>&":
            j += 1
        items.append(Op(">", i))
        return j

    def _heredocs(self, pending: list[str], i: int, end: int) -> int:
        for delim in pending:
            m = re.compile(r"^[ \t]*" + re.escape(delim) + r"[ \t]*$", re.M).search(self.s, i, end)
            stop = m.start() if m else end
            self.out.heredocs.append((self.s[i:stop], i))
            i = min(m.end() + 1, end) if m else end
        return i

    # -- words -----------------------------------------------------------------------------
    def word(self, i: int, end: int, spaces: bool = False) -> tuple[Word, int]:
        b, s, start = Builder(), self.s, i
        while i < end:
            c = s[i]
            if not spaces and c in self.STOPS and not (c == "<" and _PLACEHOLDER.match(s, i)):
                break
            i = self.part(b, i, end)
        return Word(b.done(), start, i), i

    def part(self, b: Builder, i: int, end: int) -> int:
        s, c = self.s, self.s[i]
        if c == "<" and _PLACEHOLDER.match(s, i):
            m = _PLACEHOLDER.match(s, i)
            b.ref(Ref("", i, m.end(), m.group(0)))
            return m.end()
        if self.dialect == "bat":
            return self._bat_part(b, i, end)
        if c == "\\":
            cont = self._continuation(i)
            if cont is not None:
                return cont
            if i + 1 < end:
                b.char(s[i + 1], i + 1)
            return i + 2
        if c == "'":
            j = s.find("'", i + 1, end)
            j = end if j < 0 else j
            b.text(s[i + 1:j], i + 1)
            return j + 1
        if c == '"':
            return self._double(b, i + 1, end)
        if c == "$":
            return self._dollar(b, i, end)
        if c == "`":
            j = s.find("`", i + 1, end)
            j = end if j < 0 else j
            self.out.subs.append((i + 1, j))
            b.ref(Ref("", i, j + 1, s[i:j + 1]))
            return j + 1
        b.char(c, i)
        return i + 1

    def _double(self, b: Builder, i: int, end: int) -> int:
        s = self.s
        while i < end and s[i] != '"':
            c = s[i]
            if c == "\\" and i + 1 < end and s[i + 1] in '$`"\\\n':
                if s[i + 1] != "\n":
                    b.char(s[i + 1], i + 1)
                i += 2
            elif c in "$`":
                i = self.part(b, i, end)
            else:
                b.char(c, i)
                i += 1
        return i + 1

    def _dollar(self, b: Builder, i: int, end: int) -> int:
        s = self.s
        nxt = s[i + 1] if i + 1 < end else ""
        if self.dialect == "make":
            return self._make_dollar(b, i, end, nxt)
        if nxt == "(":
            j = _matching(s, i + 1, end, "(", ")")
            if not s.startswith("((", i + 1):
                self.out.subs.append((i + 2, j - 1))
            b.ref(Ref("", i, j, s[i:j]))
            return j
        if nxt == "{":
            j = _matching(s, i + 1, end, "{", "}")
            self._braced(b, i, j)
            return j
        if nxt == "'":
            j = s.find("'", i + 2, end)
            j = end if j < 0 else j
            b.text(s[i + 2:j], i + 2)
            return j + 1
        m = _NAME.match(s, i + 1, end) or _SPECIAL.match(s, i + 1, end)
        if m is None:
            b.char("$", i)
            return i + 1
        b.ref(Ref(m.group(0), i, m.end(), s[i:m.end()]))
        return m.end()

    def _make_dollar(self, b: Builder, i: int, end: int, nxt: str) -> int:
        """``$(NAME)``/``${NAME}`` are make variables; ``$$`` hands a ``$`` to the shell."""
        s = self.s
        if nxt == "$":
            self.dialect = "sh"
            try:
                return self._dollar(b, i + 1, end)
            finally:
                self.dialect = "make"
        if nxt in "({":
            j = _matching(s, i + 1, end, nxt, ")" if nxt == "(" else "}")
            inner = s[i + 2:j - 1]
            b.ref(Ref(inner if _NAME.fullmatch(inner) else "", i, j, s[i:j]))
            return j
        if nxt:
            b.ref(Ref(nxt if _NAME.fullmatch(nxt) else "", i, i + 2, s[i:i + 2]))
            return i + 2
        b.char("$", i)
        return i + 1

    def _braced(self, b: Builder, i: int, j: int) -> None:
        inner_start = i + 2
        inner = self.s[inner_start:j - 1]
        m = _BRACED.match(inner)
        if m:
            dstart = inner_start + m.start(3)
            default, _ = self.word(dstart, j - 1, spaces=True)
            b.ref(Ref(m.group(1), i, j, self.s[i:j], tuple(default.parts)))
            return
        name = _NAME.match(inner)
        b.ref(Ref(name.group(0) if name and name.end() == len(inner) else "", i, j, self.s[i:j]))

    def _bat_part(self, b: Builder, i: int, end: int) -> int:
        s, c = self.s, self.s[i]
        if s.startswith("%%", i):
            b.char("%", i + 1)
            return i + 2
        if c == "^" and i + 1 < end:
            b.char(s[i + 1], i + 1)
            return i + 2
        if c == '"':
            j = i + 1
            while j < end and s[j] not in '"\n':
                j = self._bat_part(b, j, end) if s[j] in "%!" else (b.char(s[j], j) or j + 1)
            return j + 1 if j < end and s[j] == '"' else j
        if c in "%!":
            m = _BATCH_VAR.match(s, i, end)
            if m:
                b.ref(Ref(m.group(1) or m.group(2) or "", i, m.end(), m.group(0)))
                return m.end()
        b.char(c, i)
        return i + 1


def _matching(s: str, i: int, end: int, open_: str, close: str) -> int:
    """The index after the bracket closing the one at ``i`` (quotes skipped), or ``end``."""
    depth, j = 0, i
    while j < end:
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "'" and open_ == "(":
            k = s.find("'", j + 1, end)
            j = end if k < 0 else k + 1
            continue
        if c == open_:
            depth += 1
        elif c == close:
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return end
