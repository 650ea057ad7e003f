"""PowerShell words: ``'…'`` and ``"…$var…"`` strings, here-strings, backtick escapes and
continuations, ``$env:NAME``, ``$(...)``, and the operators that build hashtables."""
from __future__ import annotations

import re

from ... import lazy_re
from .lexer import ShLexer
from .parts import Builder, Op, Ref, Word, matching

_VAR = lazy_re.compile(r"(?:(env|script|global|local|private|using):)?([A-Za-z_]\w*)", re.I)
# members and string-keyed indexes: ``$config.Celonis.Url``, ``$envVars["CELONIS_TOKEN_URL"]``
_MEMBER = lazy_re.compile(r"(?:\.[A-Za-z_]\w*|\[\s*\"[^\"\]]*\"\s*\]|\[\s*'[^'\]]*'\s*\])+")


class PwshLexer(ShLexer):
    STOPS = " \t\r\n;|(){},"

    def __init__(self, text: str) -> None:
        super().__init__(text, "ps")
        self.stack: list[str] = []

    def lex(self, i: int, end: int) -> None:
        s, items = self.s, self.out.items
        while i < end:
            c = s[i]
            cont = self._continuation(i)
            if cont is not None:
                i = cont
            elif c in " \t\r":
                i += 1
            elif c == "#" or s.startswith("<#", i):
                i = self._comment(i, end)
            elif s.startswith(("@{", "@("), i) or c in "\n;|(){},=":
                i = self._op(i)
            else:
                word, i = self.word(i, end)
                items.append(word)

    def _comment(self, i: int, end: int) -> int:
        s = self.s
        if s.startswith("<#", i):
            j = s.find("#>", i, end)
            j = end if j < 0 else j + 2
        else:
            j = s.find("\n", i, end)
            j = end if j < 0 else j
        self.out.comments.append((s[i:j], i))
        return max(j, i + 1)

    def _op(self, i: int) -> int:
        s = self.s
        text = s[i:i + 2] if s.startswith(("@{", "@("), i) else s[i]
        if text in ("@{", "@(", "{", "("):
            self.stack.append(text)
        elif text in ("}", ")") and self.stack:
            self.stack.pop()
        self.out.items.append(Op(text, i))
        return i + len(text)

    def word(self, i: int, end: int, spaces: bool = False) -> tuple[Word, int]:
        b, s, start = Builder(), self.s, i
        if s.startswith(('@"', "@'"), i):
            close = s.find("\n" + s[i + 1] + "@", i, end)
            close = end if close < 0 else close
            body = i + 3 if s.startswith("\n", i + 2) else i + 2
            self._expand(b, body, close) if s[i + 1] == '"' else b.text(s[body:close], body)
            return Word(b.done(), start, min(close + 3, end)), min(close + 3, end)
        while i < end:
            c = s[i]
            if not spaces and (c in self.STOPS or c == "=" and self._equals_stops(b)
                               or i > start and s.startswith(("@{", "@("), i)):  # ``[ordered]@{``: a cast, then the table
                break
            i = self.part(b, i, end)
        return Word(b.done(), start, i), i

    def _equals_stops(self, b: Builder) -> bool:
        b.flush()
        in_table = bool(self.stack) and self.stack[-1] == "@{"
        return in_table or len(b.parts) == 1 and isinstance(b.parts[0], Ref) or not b.parts

    def part(self, b: Builder, i: int, end: int) -> int:
        s, c = self.s, self.s[i]
        if c == "`" and i + 1 < end:
            b.char(s[i + 1], i + 1)
            return i + 2
        if c == "'":
            j = i + 1
            while j < end and (s[j] != "'" or s.startswith("''", j)):
                b.char(s[j], j)
                j += 2 if s.startswith("''", j) else 1
            return j + 1
        if c == '"':
            close = _dq_end(s, i + 1, end)
            self._expand(b, i + 1, close)
            return close + 1
        if c == "$":
            return self._dollar(b, i, end, member=True)
        b.char(c, i)
        return i + 1

    def _expand(self, b: Builder, i: int, end: int) -> None:
        s = self.s
        while i < end:
            c = s[i]
            if c == "`" and i + 1 < end:
                b.char(s[i + 1], i + 1)
                i += 2
            elif c == '"' and s.startswith('""', i):
                b.char('"', i + 1)
                i += 2
            elif c == "$":
                i = self._dollar(b, i, end, member=False)
            else:
                b.char(c, i)
                i += 1

    def _dollar(self, b: Builder, i: int, end: int, member: bool = False) -> int:
        s = self.s
        if s.startswith("$(", i):
            j = matching(s, i + 1, end, "(", ")")
            self.out.subs.append((i + 2, j - 1))
            b.ref(Ref(_variable(s[i + 2:j - 1].strip()), i, j, s[i:j]))  # ``"$($scopes)"`` is ``$scopes``
            return j
        if s.startswith("${", i):
            j = matching(s, i + 1, end, "{", "}")
            b.ref(Ref(s[i + 2:j - 1], i, j, s[i:j]))
            return j
        m = _VAR.match(s, i + 1, end)
        if m is None:
            b.char("$", i)
            return i + 1
        j = m.end()
        name = _name(m)
        if member and (mm := _MEMBER.match(s, j, end)):
            j, name = mm.end(), name + mm.group(0)
        b.ref(Ref(name, i, j, s[i:j]))
        return j


def _name(m: re.Match[str]) -> str:
    """A variable's name as the interpreter keys it: ``env:NAME`` for the environment's, else bare."""
    return m.group(2) if (m.group(1) or "").lower() != "env" else "env:" + m.group(2)


def _variable(inner: str) -> str:
    """The variable (with its members) a subexpression ``$( ... )`` holds alone, else ``""``."""
    m = _VAR.match(inner, 1) if inner.startswith("$") else None
    if m is None:
        return ""
    mm = _MEMBER.match(inner, m.end())
    rest = mm.group(0) if mm else ""
    return _name(m) + rest if m.end() + len(rest) == len(inner) else ""


def _dq_end(s: str, i: int, end: int) -> int:
    while i < end:
        if s[i] == "`":
            i += 2
        elif s[i] == '"' and s.startswith('""', i):
            i += 2
        elif s[i] == '"':
            return i
        else:
            i += 1
    return end
