"""Python 3.12's f-strings (PEP 701) read by an older interpreter's parser.

Since 3.12 a replacement field may hold a string in the quotes of the f-string around it:
``f"{os.environ["CELONIS_URL"]}/oauth2/token"``, ``f"{row.get("id", "")}"``. Before 3.12 that is a
syntax error. ``requoted`` gives such a nested string the other quote (``f"{os.environ['CELONIS_URL']}"``),
which is the same program to every older parser: no other character changes, so every line and column
stays where the file has it. Only quotes are swapped; a nested string that holds the other quote, a
backslash or a comment in a replacement field (also new in 3.12), or a third level of the same quotes,
leave the text as it is."""
from __future__ import annotations

_PREFIXES = frozenset({"r", "u", "b", "f", "br", "rb", "fr", "rf"})
_OTHER = {'"': "'", "'": '"'}


class _GiveUp(Exception):
    """The text holds 3.12 syntax that swapping quotes cannot turn into older syntax."""


def requoted(text: str) -> str | None:
    """``text`` with the strings nested in f-string replacement fields in the quotes an older Python
    accepts; None when there is no such string, or when swapping quotes cannot make one acceptable."""
    lowered = text.lower()
    if "{" not in text or 'f"' not in lowered and "f'" not in lowered:
        return None
    chars = list(text)
    try:
        changed = _Requoter(text, chars).module()
    except (_GiveUp, RecursionError):  # fields nested in format specs past the stack: no parser reads those
        return None
    return "".join(chars) if changed else None


class _Requoter:
    def __init__(self, text: str, chars: list[str]) -> None:
        self.s, self.chars, self.n = text, chars, len(text)
        self.changed = False

    def module(self) -> bool:
        i = 0
        while i < self.n:
            i = self._token(i, ())
        return self.changed

    def _token(self, i: int, enclosing: tuple[str, ...]) -> int:
        """Past one token of code at ``i``: a string (with its prefix), a name, a comment, or a character."""
        s = self.s
        c = s[i]
        if c == "#":
            if enclosing:
                raise _GiveUp  # a comment in a replacement field: 3.12 only
            end = s.find("\n", i)
            return self.n if end < 0 else end
        if c in "\"'":
            return self._string(i, "", enclosing)
        if c.isalpha() or c == "_":
            j = i + 1
            while j < self.n and (s[j].isalnum() or s[j] == "_"):
                j += 1
            if j < self.n and s[j] in "\"'" and s[i:j].lower() in _PREFIXES:
                return self._string(j, s[i:j].lower(), enclosing)
            return j
        if c == "\\" and enclosing:
            raise _GiveUp  # a backslash in a replacement field's code: 3.12 only
        return i + 1

    def _string(self, at: int, prefix: str, enclosing: tuple[str, ...]) -> int:
        """Past the string whose quote is at ``at``. Inside replacement fields of f-strings closed by
        ``enclosing`` (a quote, or three), a string that would close one of them takes the other quote,
        where that one is free."""
        s = self.s
        quote = s[at]
        delimiter = quote * 3 if s.startswith(quote * 3, at) else quote
        if quote in enclosing or delimiter in enclosing:  # it would end the f-string around it, before 3.12
            other = _OTHER[quote]
            if len(delimiter) == 3 or other in enclosing:
                raise _GiveUp
            end = self._end(at + 1, quote, prefix, enclosing + (other,))
            if other in s[at + 1:end - 1]:
                raise _GiveUp
            self.chars[at] = self.chars[end - 1] = other
            self.changed = True
            return end
        return self._end(at + len(delimiter), delimiter, prefix, enclosing + (delimiter,))

    def _end(self, j: int, close: str, prefix: str, quotes: tuple[str, ...]) -> int:
        """Past the ``close`` of a string whose text starts at ``j``, its fields read if it is an f-string."""
        s, n = self.s, self.n
        raw, fstring, triple = "r" in prefix, "f" in prefix, len(close) == 3
        nested = len(quotes) > 1  # in a replacement field, where no backslash may stand before 3.12
        while j < n:
            c = s[j]
            if c == "\\" and nested:
                raise _GiveUp
            if c == "\\" and not raw:
                j += 2
            elif s.startswith(close, j):
                return j + len(close)
            elif c == "\n" and not triple:
                raise _GiveUp  # not closed on its line: not a string this reader understands
            elif fstring and c == "{":
                j = j + 2 if s.startswith("{{", j) else self._field(j + 1, quotes)
            else:
                j += 1
        raise _GiveUp

    def _field(self, j: int, quotes: tuple[str, ...]) -> int:
        """Past the ``}`` closing a replacement field whose code starts at ``j`` (its format spec's own
        fields read too)."""
        s, n = self.s, self.n
        depth = 0
        while j < n:
            c = s[j]
            if c in "([{":
                depth += 1
            elif c in ")]}":
                if depth == 0:
                    if c != "}":
                        raise _GiveUp
                    return j + 1
                depth -= 1
            elif c == ":" and depth == 0:  # the format spec: text, with fields of its own
                j += 1
                while j < n and s[j] != "}":
                    if s[j] == "{":
                        j = self._field(j + 1, quotes)
                    elif s[j] in "\"'\\\n":
                        raise _GiveUp
                    else:
                        j += 1
                if j >= n:
                    raise _GiveUp
                return j + 1
            elif c == "!" and depth == 0 and s.startswith(("!r", "!s", "!a"), j) and not s.startswith("!=", j):
                j += 2
                continue
            if c in "\"'#\\" or c.isalpha() or c == "_":
                j = self._token(j, quotes)
                continue
            j += 1
        raise _GiveUp
