"""Words of POSIX shell, Windows batch and Makefile scripts, each character kept at its place
in the source across quotes, escapes and line continuations.

Command substitutions are lexed again on their own, so ``TOKEN=$(curl ...)`` still shows its
``curl``. One pass per nesting level (at most ``MAX_NESTING``), no backtracking.
"""
from __future__ import annotations

import re

from ... import lazy_re
from .parts import Op, Piece, Redirect, Word
from .words import PLACEHOLDER, Words
from ...records import field, record

MAX_NESTING = 8
_BATCH_COMMENT = lazy_re.compile(r"@?(?:rem\b|::)", re.I)
_MAKE_ASSIGN = lazy_re.compile(r"(?:(?:export|override)[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*(?::{1,3}|\?|\+|!)?=[ \t]*")


@record(frozen=False)
class Lexed:
    """A script lexed: words and operators in order, comments, substitutions and heredocs."""

    items: list = field(default_factory=list)  # Word | Op, in order
    comments: list[tuple[str, int]] = field(default_factory=list)
    subs: list[tuple[int, int]] = field(default_factory=list)  # command substitutions to lex again
    heredocs: list[tuple[str, int]] = field(default_factory=list)


class ShLexer(Words):
    """POSIX shell (``dialect="sh"``), batch (``"bat"``) and Makefile recipes (``"make"``)."""

    def __init__(self, text: str, dialect: str = "sh") -> None:
        self.s = text
        self.n = len(text)
        self.dialect = dialect
        self.out = Lexed()
        self.nested = 0  # defaults being read inside one another (``${A:-${B:-...}}``)

    def run(self, start: int = 0, end: int | None = None) -> Lexed:
        """The script ``text[start:end]`` (the whole text by default) lexed, every offset one of ``text``."""
        todo = [(start, self.n if end is None else end, 0)]
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
            elif c in "<>" and not PLACEHOLDER.match(s, i):
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
        items.append(Op(s[i:j], i))  # ">", ">>", "<", ">&": a redirection (``sh_commands``)
        return j

    def _heredocs(self, pending: list[str], i: int, end: int) -> int:
        for delim in pending:
            m = re.compile(r"^[ \t]*" + re.escape(delim) + r"[ \t]*$", re.M).search(self.s, i, end)
            stop = m.start() if m else end
            self.out.heredocs.append((self.s[i:stop], i))
            i = min(m.end() + 1, end) if m else end
        return i

    # -- words -----------------------------------------------------------------------------


def sh_commands(items: list) -> list[list]:
    """Split on separators; the word after a redirection is its target (a ``Redirect`` at the end of
    the command), not one of the command's words. A command piped into starts with its ``|``."""
    out: list[list] = []
    cur: list = []
    redirects: list[Redirect] = []
    pending: Op | None = None
    for item in items:
        if isinstance(item, Op):
            if item.text[:1] in "<>":
                pending = item
                continue
            if cur:
                out.append(cur + redirects)
            cur, redirects, pending = [item] if item.text == "|" else [], [], None  # a piped command starts with its ``|``
        elif pending is not None:
            redirects.append(Redirect(pending.text, item, pending.start))
            pending = None
        else:
            cur.append(item)
    if cur:
        out.append(cur + redirects)
    return out
