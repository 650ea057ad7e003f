"""Dockerfile instructions as logical lines (continuations joined) that remember, for every
character, the line and column it came from; and ``KEY=value`` pairs of ``ENV``/``ARG``."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ... import lazy_re
from ...records import field, record

_ESCAPE = lazy_re.compile(r"^#\s*escape\s*=\s*([`\\])\s*$", re.I)
_KEYWORD = lazy_re.compile(r"^\s*([A-Za-z]+)\s+")


@record(frozen=False)
class Logical:
    """One logical Dockerfile line: continuation lines joined, each character with its position."""

    text: str = ""  # set when the last line is added
    pos: list[tuple[int, int]] = field(default_factory=list)  # 1-based (line, col) per character
    body: int = 0  # offset of the first argument
    pieces: list[str] = field(default_factory=list)  # joined once: adding to ``text`` copied it at every line

    def add(self, line: int, col: int, piece: str) -> None:
        self.pieces.append(piece)
        self.pos.extend((line, col + k) for k in range(len(piece)))


def instructions(lines: list[str]) -> Iterator[tuple[str, Logical]]:
    """``(KEYWORD, logical line)`` for each instruction; comment lines inside continuations dropped."""
    escape = "\\"
    for line in lines[:5]:
        m = _ESCAPE.match(line.strip())
        if m:
            escape = m.group(1)
    current: Logical | None = None
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if current is None and (not stripped or stripped.startswith("#")):
            continue
        if current is not None and stripped.startswith("#"):
            continue
        continued = line.rstrip().endswith(escape)
        piece = line.rstrip()[:-1] if continued else line
        if current is None:
            current = Logical()
        current.add(number, 1, piece)
        if not continued:
            yield from _finish(current)
            current = None
    if current is not None:
        yield from _finish(current)


def _finish(logical: Logical) -> Iterator[tuple[str, Logical]]:
    logical.text = "".join(logical.pieces)
    m = _KEYWORD.match(logical.text)
    if m:
        logical.body = m.end()
        yield m.group(1).upper(), logical


def pairs(text: str, start: int, legacy: bool) -> Iterator[tuple[str, int, int]]:
    """``(name, value start, value end)`` offsets; ``legacy``: ``ENV KEY rest of line`` is allowed."""
    i, n, first = start, len(text), True
    while i < n:
        while i < n and text[i].isspace():
            i += 1
        k0 = i
        while i < n and not text[i].isspace() and text[i] != "=":
            i += 1
        name = text[k0:i]
        if not name:
            return
        if i >= n or text[i] != "=":
            if first and legacy:
                v0 = i + len(text[i:]) - len(text[i:].lstrip())
                v1 = len(text.rstrip())
                if v1 > v0:
                    yield name, v0, v1
                return
            first = False
            continue
        first = False
        v0, i = _value(text, i + 1)
        if i > v0:
            yield name, v0, i
        i += 1 if i < n and text[i] in "\"'" else 0


def _value(text: str, i: int) -> tuple[int, int]:
    """Start and end offsets of one value (inside quotes when quoted)."""
    n = len(text)
    if i < n and text[i] in "\"'":
        quote, i = text[i], i + 1
        v0 = i
        while i < n and text[i] != quote:
            i += 2 if text[i] == "\\" and quote == '"' else 1
        return v0, min(i, n)
    v0 = i
    while i < n and not text[i].isspace():
        i += 2 if text[i] == "\\" else 1
    return v0, min(i, n)
