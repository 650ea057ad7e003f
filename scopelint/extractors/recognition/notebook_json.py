"""A small JSON reader for notebooks that keeps where each string stands in the file, and maps
every character of a decoded string back to its column (escapes such as ``\\"`` take more room)."""
from __future__ import annotations

import json
import re
from itertools import compress

from ... import lazy_re
from ...limits import max_depth
from ...records import record

_WS = lazy_re.compile(r"[ \t\n\r]*")
_NUMBER = lazy_re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None, "NaN": float("nan"), "Infinity": float("inf"),
             "-Infinity": float("-inf")}


class JsonError(ValueError):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@record
class JStr:
    """A JSON string and the offset of its opening quote."""

    value: str
    start: int  # offset of the opening quote


def parse(text: str) -> object:
    """The document, with every string a ``JStr``; raises ``JsonError``."""
    stack: list[tuple[object, str | None]] = []  # open containers and the pending key of a dict
    pos = _skip(text, 0)
    root: object = _EMPTY
    while True:
        value, pos = _value(text, pos, stack)
        if value is _OPEN:
            continue
        while True:
            if not stack:
                root = value
                break
            pos = _add(stack, value, text, pos)
            if pos < 0:
                pos = -pos
                value = stack.pop()[0]
                continue
            break
        if root is not _EMPTY:
            if _skip(text, pos) != len(text):
                raise JsonError("extra data after the document", pos)
            return root


_EMPTY, _OPEN = object(), object()


def _skip(text: str, pos: int) -> int:
    return _WS.match(text, pos).end()  # type: ignore[union-attr]


def _value(text: str, pos: int, stack: list) -> tuple[object, int]:
    pos = _skip(text, pos)
    ch = text[pos:pos + 1]
    if ch in ("{", "["):
        if len(stack) >= max_depth():
            raise JsonError(f"nested more than {max_depth()} levels deep (max-depth)", pos)
        container: object = {} if ch == "{" else []
        stack.append((container, None))
        after = _skip(text, pos + 1)
        closing = "}" if ch == "{" else "]"
        if text[after:after + 1] == closing:
            stack.pop()
            return container, after + 1
        if ch == "{":
            key, after = _key(text, after)
            stack[-1] = (container, key)
        return _OPEN, after
    if ch == '"':
        value, end = _string(text, pos)
        return JStr(value, pos), end
    for word, literal in _LITERALS.items():
        if text.startswith(word, pos):
            return literal, pos + len(word)
    m = _NUMBER.match(text, pos)
    if m and m.end() > pos:
        return json.loads(m.group(0)), m.end()
    raise JsonError("expected a value", pos)


def _string(text: str, pos: int) -> tuple[str, int]:
    """The string whose opening quote is at ``pos``, and the offset after it; a string cut off or badly
    escaped (a value or a key) is a ``JsonError`` where it starts."""
    try:
        return json.decoder.scanstring(text, pos + 1)  # type: ignore[no-any-return]
    except json.JSONDecodeError as exc:
        raise JsonError(exc.msg, exc.pos) from None


def _key(text: str, pos: int) -> tuple[str, int]:
    pos = _skip(text, pos)
    if text[pos:pos + 1] != '"':
        raise JsonError("expected a string key", pos)
    key, end = _string(text, pos)
    end = _skip(text, end)
    if text[end:end + 1] != ":":
        raise JsonError("expected ':'", end)
    return key, end + 1


def _add(stack: list, value: object, text: str, pos: int) -> int:
    """Put ``value`` into the innermost container; a negative offset means it closed."""
    container, key = stack[-1]
    if isinstance(container, dict):
        container[key] = value
    else:
        container.append(value)
    pos = _skip(text, pos)
    ch = text[pos:pos + 1]
    if ch == ",":
        if isinstance(container, dict):
            key, pos = _key(text, pos + 1)
            stack[-1] = (container, key)
            return pos
        return pos + 1
    if ch == ("}" if isinstance(container, dict) else "]"):
        return -(pos + 1)
    raise JsonError("expected ',' or a closing bracket", pos)


# an escape (a surrogate pair of ``\\u`` escapes is one character), or the quote that ends the string
_ESCAPE_OR_END = lazy_re.compile(r'\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)|"', re.S)


# a closed JSON string's body, from just after its opening quote; what no JSON string holds unescaped (a
# control character), put where the second character of each two-character escape stood
_BODY = lazy_re.compile(r'(?:[^"\\]|\\.)*"', re.S)
_DROPPED = "\x02"
_PAIR = "\x01" + _DROPPED


def _marked(body: str) -> str | None:
    """``body`` with the second character of each escape marked ``_DROPPED``, by plain replacements: a
    run of backslashes pairs up from its left, as JSON reads it, and what follows each one left is the
    character it escapes. None where an escape is not one of JSON's two-character ones."""
    if "\\" not in body:
        return body
    marked = body.replace("\\\\", _PAIR)
    for escaped in '"/bfnrt':
        marked = marked.replace("\\" + escaped, _PAIR)
    return None if "\\" in marked else marked


def char_offsets(text: str, start: int) -> list[int]:
    """For the JSON string whose quote is at ``start``: the file offset of each decoded character,
    plus one for the end. A string whose escapes all take two characters (``\\n``, ``\\"``: most, and
    a function node's code holds one on every line) is mapped without a step per escape: each escape's
    second character is marked and passed over, in C."""
    closed = _BODY.match(text, start + 1)
    if closed is not None:
        body = text[start + 1:closed.end() - 1]
        marked = _marked(body) if "\\u" not in body and _DROPPED not in body else None
        if marked is not None:
            out = list(compress(range(start + 1, closed.end() - 1), map(_DROPPED.__ne__, marked)))
            out.append(closed.end() - 1)
            return out
    return offsets_one_by_one(text, start)


def offsets_one_by_one(text: str, start: int) -> list[int]:
    """``char_offsets`` read one escape at a time: any string, ``\\u`` escapes and an unclosed one too."""
    out: list[int] = []
    i = start + 1
    for m in _ESCAPE_OR_END.finditer(text, i):
        out.extend(range(i, m.start()))
        out.append(m.start())
        if m.group() == '"':
            return out
        i = m.end()
    out.extend(range(i, len(text) + 1))
    return out
