"""A small lexer for the C family scopelint reads lightly (Java, Kotlin, Go, C#): identifiers,
string literals, comments and punctuation, in one pass. Each dialect's strings are its own: Java
text blocks; Kotlin raw strings and ``$name``/``${...}`` templates; Go raw strings in backquotes;
C# verbatim ``@"..."``, interpolated ``$"...{x}..."`` and raw (triple-quoted) strings.

A string's value is located ``Text``: its literal runs point at their characters in the source,
a template placeholder is an unresolved reference. Anything unexpected costs one character,
never a hang or an exception.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ... import lazy_re
from ..recognition.text import Piece, Text
from ...records import record

_WS = lazy_re.compile(r"\s+")
_ID = lazy_re.compile(r"[^\W\d]\w*")
_NUM = lazy_re.compile(r"\d[\w.]*")
_CHAR = lazy_re.compile(r"'(?:[^'\\\n]|\\.){0,8}'")
_KOTLIN_REF = lazy_re.compile(r"\$([A-Za-z_]\w*)")
# the ASCII characters no name starts with ([^\W\d]: letters and "_"): a token of one character at once
_PUNCT_ASCII = frozenset(chr(c) for c in range(128) if not (chr(c).isalpha() or chr(c) == "_"))
# ... and those of them that start nothing longer (no comment, string, character or number): a token at once
_PLAIN = _PUNCT_ASCII - frozenset("/\"'`@$0123456789") - frozenset(chr(c) for c in range(128) if chr(c).isspace())


class Tok(NamedTuple):  # a tuple: made once per token, several times cheaper than a frozen dataclass
    """``kind``: id, str, num, punct. A ``str`` carries its value as located ``Text``."""

    kind: str
    text: str
    start: int
    end: int
    value: Text | None = None


@record
class Comment:
    """A comment and its offset in the source."""

    text: str
    start: int


JAVA, KOTLIN, GO, CSHARP = "java", "kotlin", "go", "csharp"
MAX_HOLE = 2_000  # characters of one C# interpolation hole


def tokenize(text: str, dialect: str = JAVA) -> tuple[list[Tok], list[Comment]]:
    kotlin, go, csharp = dialect == KOTLIN, dialect == GO, dialect == CSHARP
    toks: list[Tok] = []
    comments: list[Comment] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():  # what \s matches (the same Unicode test), without a pattern call per token
            i = _WS.match(text, i).end()  # type: ignore[union-attr]
            continue
        if ch not in _PUNCT_ASCII:  # most tokens: a name, before the tests for what starts with a mark
            m = _ID.match(text, i)
            if m:
                i = m.end()
                toks.append(Tok("id", m.group(0), m.start(), i))
                continue
        elif ch in _PLAIN:
            toks.append(Tok("punct", ch, i, i + 1))
            i += 1
            continue
        if ch == "/" and text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            comments.append(Comment(text[i + 2:end], i + 2))
            i = end
        elif ch == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end
            comments.append(Comment(text[i + 2:end], i + 2))
            i = end + 2
        elif csharp and ch in "@$" and i + 1 < n and text[i + 1] in '@$"':
            i = _csharp_string(text, i, toks)
        elif go and ch == "`":
            end = text.find("`", i + 1)
            end = n if end < 0 else end
            toks.append(Tok("str", text[i:end + 1], i, end + 1, Text.literal(text[i + 1:end], i + 1)))
            i = end + 1
        elif ch == '"' and text.startswith('"""', i):
            end = text.find('"""', i + 3)
            end = n if end < 0 else end
            while end + 3 < n and text[end + 3] == '"':  # a raw string may end in quotes: the last three close it
                end += 1
            toks.append(Tok("str", text[i:end + 3], i, end + 3, _value(text, i + 3, end, kotlin, raw=True)))
            i = end + 3
        elif ch == '"':
            j = i + 1
            while j < n and text[j] not in '"\n':
                j += 2 if text[j] == "\\" else 1
            end = min(j, n)
            toks.append(Tok("str", text[i:end + 1], i, end + 1, _value(text, i + 1, end, kotlin, raw=False)))
            i = end + 1
        elif ch == "'":
            m = _CHAR.match(text, i)
            i = m.end() if m else i + 1
        elif ch.isdigit():
            m = _NUM.match(text, i)
            i = m.end() if m else i + 1
        else:
            m = None if ch in _PUNCT_ASCII else _ID.match(text, i)
            if m:
                toks.append(Tok("id", m.group(0), i, m.end()))
                i = m.end()
            else:
                toks.append(Tok("punct", ch, i, i + 1))
                i += 1
    return toks, comments


def _csharp_string(text: str, i: int, toks: list[Tok]) -> int:
    """A C# string with ``@`` (verbatim: ``""`` is a quote, lines may break) and/or ``$``
    (interpolated: ``{x}`` is a value, ``{{`` a brace) before its quote; where it ends."""
    n = len(text)
    j = i
    while j < n and j < i + 2 and text[j] in "@$":
        j += 1
    if not text.startswith('"', j):  # an identifier such as @class, or a stray sign
        toks.append(Tok("punct", text[i], i, i + 1))
        return i + 1
    verbatim, interpolated = "@" in text[i:j], "$" in text[i:j]
    if text.startswith('"""', j):  # a raw string, interpolated or not
        end = text.find('"""', j + 3)
        end = n if end < 0 else end
        body_start, stop = j + 3, min(end + 3, n)
    else:
        k = j + 1
        while k < n:
            c = text[k]
            if c == '"':
                if verbatim and text.startswith('""', k):
                    k += 2
                    continue
                break
            if c == "\n" and not verbatim:
                break
            if c == "{" and interpolated and not text.startswith("{{", k):
                k = _hole_end(text, k)  # ``{x ?? "http://..."}``: its strings are the hole's, not the end
                continue
            k += 2 if c == "\\" and not verbatim else 1
        end = min(k, n)
        body_start, stop = j + 1, min(end + 1, n)
    value = _braced(text, body_start, end) if interpolated else Text.literal(text[body_start:end], body_start)
    toks.append(Tok("str", text[i:stop], i, stop, value))
    return stop


def _hole_end(text: str, i: int) -> int:
    """Past the ``}`` closing the interpolation hole opened at ``i``, over nested braces and the
    strings inside (at most ``MAX_HOLE`` characters; a hole that does not close ends its line)."""
    depth, k, n = 0, i, min(len(text), i + MAX_HOLE)
    while k < n:
        c = text[k]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return k + 1
        elif c == '"':
            close = text.find('"', k + 1, n)
            k = n if close < 0 else close
        elif c == "\n":
            return k
        k += 1
    return n


def _braced(text: str, start: int, end: int) -> Text:
    """An interpolated C# string: literal runs, and each ``{...}`` a reference (``{{`` is a brace)."""
    pieces: list[Piece] = []
    names: set[str] = set()
    pos = start
    while pos < end:
        k = text.find("{", pos, end)
        if k < 0:
            break
        if text.startswith("{{", k):
            pieces.append(Piece(text[pos:k + 1], pos))
            pos = k + 2
            continue
        close = text.find("}", k, end)
        if close < 0:
            break
        if k > pos:
            pieces.append(Piece(text[pos:k], pos))
        name = text[k + 1:close].split(":", 1)[0].split(",", 1)[0].strip()  # {x:N2}, {x,10}: the value is x
        ref = name if re.fullmatch(r"[\w.]+", name) else ""
        pieces.append(Piece(text[k:close + 1], k, ref, close + 1))
        names.add(ref)
        pos = close + 1
    if pos < end:
        pieces.append(Piece(text[pos:end], pos))
    return Text(tuple(pieces) or (Piece("", start),), frozenset(x for x in names if x))


def _escaped(body: str, k: int) -> bool:
    """Whether the character at ``k`` follows an odd run of backslashes (an escape of its own)."""
    n = 0
    while k - n - 1 >= 0 and body[k - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _value(text: str, start: int, end: int, kotlin: bool, raw: bool) -> Text:
    """The string between ``start`` and ``end``: literal runs and (Kotlin) template references."""
    body = text[start:end]
    if not kotlin or "$" not in body:
        return Text.literal(body, start)
    pieces: list[Piece] = []
    names: set[str] = set()
    pos = seek = 0
    while seek < len(body):
        k = body.find("$", seek)
        if k < 0:
            break
        if not raw and _escaped(body, k):  # ``"\${celonis.scope:studio}"``: a dollar, not a template
            if k - 1 > pos:
                pieces.append(Piece(body[pos:k - 1], start + pos))
            pos, seek = k, k + 1
            continue
        if body.startswith("${", k):
            close = body.find("}", k)
            if close < 0:
                break
            name, stop = body[k + 2:close].strip(), close + 1
        else:
            m = _KOTLIN_REF.match(body, k)
            if m is None:
                seek = k + 1
                continue
            name, stop = m.group(1), m.end()
        if k > pos:
            pieces.append(Piece(body[pos:k], start + pos))
        ref = name if re.fullmatch(r"[\w.]+", name) else ""
        pieces.append(Piece(body[k:stop], start + k, ref, start + stop))
        names.add(ref)
        pos = seek = stop
    if pos < len(body):
        pieces.append(Piece(body[pos:], start + pos))
    return Text(tuple(pieces) or (Piece("", start),), frozenset(x for x in names if x))
