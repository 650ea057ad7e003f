"""Reading one shell word: quotes, escapes, ``$VAR``/``${VAR:-default}``/``$(...)``, batch
``%VAR%``, Makefile ``$(VAR)`` and ``<placeholders>``, each literal character kept at its place."""
from __future__ import annotations


from ... import lazy_re
from .parts import Builder, Ref, Word, matching

_NAME = lazy_re.compile(r"[A-Za-z_]\w*")
# ``${env.NAME}``: never a shell expansion (a bad substitution there); in a Jenkins step's Groovy
# string, the environment variable NAME put in before the shell runs
_GROOVY_ENV = lazy_re.compile(r"env\.([A-Za-z_]\w*)")
_SPECIAL = lazy_re.compile(r"[0-9@#?$!*-]")
_BRACED = lazy_re.compile(r"([A-Za-z_]\w*)(:?[-=])([\s\S]*)\Z")
# defaults read inside one another at most: deeper ones (hostile input) are an unknown value, and the
# rest of the file is still read
MAX_NESTED_DEFAULTS = 32
PLACEHOLDER = lazy_re.compile(r"<[A-Za-z][\w .,:/-]{0,60}[\w.]>|<[A-Za-z]>")
_BATCH_VAR = lazy_re.compile(r"%([A-Za-z_][\w.-]*)%|%~?[0-9a-z]+|!([A-Za-z_][\w.-]*)!")


class Words:
    """Word reading for ``ShLexer``: ``self.s`` is the source, ``self.dialect`` sh, bat or make."""

    STOPS = " \t\r\n;&|()<>"
    s: str
    dialect: str
    nested: int

    def word(self, i: int, end: int, spaces: bool = False) -> tuple[Word, int]:
        b, s, start = Builder(), self.s, i
        while i < end:
            c = s[i]
            if not spaces and c in self.STOPS and not (c == "<" and PLACEHOLDER.match(s, i)):
                break
            i = self.part(b, i, end)
        return Word(b.done(), start, i), i

    def part(self, b: Builder, i: int, end: int) -> int:
        s, c = self.s, self.s[i]
        if c == "<" and PLACEHOLDER.match(s, i):
            m = PLACEHOLDER.match(s, i)
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
            j = matching(s, i + 1, end, "(", ")")
            if not s.startswith("((", i + 1):
                self.out.subs.append((i + 2, j - 1))
            b.ref(Ref("", i, j, s[i:j]))
            return j
        if nxt == "{":
            j = matching(s, i + 1, end, "{", "}")
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
            j = matching(s, i + 1, end, nxt, ")" if nxt == "(" else "}")
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
        if m and self.nested < MAX_NESTED_DEFAULTS:
            dstart = inner_start + m.start(3)
            self.nested += 1
            try:
                default, _ = self.word(dstart, j - 1, spaces=True)
            finally:
                self.nested -= 1
            b.ref(Ref(m.group(1), i, j, self.s[i:j], tuple(default.parts)))
            return
        if m:
            b.ref(Ref("", i, j, self.s[i:j]))  # a default nested past the limit: a value not known
            return
        groovy = _GROOVY_ENV.fullmatch(inner)
        if groovy is not None:  # a Jenkins step's Groovy string: ${env.NAME} is NAME
            b.ref(Ref(groovy.group(1), i, j, self.s[i:j]))
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
