"""Code a file holds in its strings (a notebook's cells, a Postman collection's scripts, a Node-RED
function node's body): the lines of a program joined from those strings, each line with the file
offset of every character, and the way back from a position in that program to the line and
column of the file. A string whose escapes cannot be followed has its characters put at its start."""
from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import fields, is_dataclass, replace

from ... import lazy_re
from ...findings import Location
from ...model import FileFacts
from ...records import field, record
from .notebook_json import char_offsets

_BREAK = lazy_re.compile(r"\n")


@record(frozen=False)
class Program:
    """Lines taken from strings and joined: each line keeps the file offset of every character (plus its end)."""

    lines: list[str] = field(default_factory=list)
    offsets: list[Sequence[int]] = field(default_factory=list)

    def add(self, lines: list[str], offsets: list[Sequence[int]]) -> None:
        self.lines.extend(lines)
        self.offsets.extend(offsets)

    def text(self) -> str:
        return "\n".join(self.lines)

    def merge(self, found: FileFacts, facts: FileFacts, starts: list[int]) -> None:
        """The facts ``found`` in ``text()`` added to ``facts``, every position moved to the file's
        (``starts``: the offset each line of the file starts at)."""
        path = facts.path

        def move(loc: Location) -> Location:
            line, col = self._point(starts, loc.line, loc.col)
            if loc.end_line is None or loc.end_col is None:
                return Location(path, line, col)
            return Location(path, line, col, *self._point(starts, loc.end_line, loc.end_col))

        for f in fields(FileFacts):
            if f.name not in ("path", "kind", "lines"):
                getattr(facts, f.name).extend(_remap(item, move) for item in getattr(found, f.name))

    def file_line(self, line: int, starts: list[int]) -> int:
        """The line of the file where line ``line`` of ``text()`` starts."""
        return self._point(starts, line, 1)[0]

    def _point(self, starts: list[int], line: int, col: int) -> tuple[int, int]:
        if line > len(self.offsets) and self.offsets:  # the line after the last (a span's end after a line
            return line_col(starts, self.offsets[-1][-1])  # break a reader added): the end of the last line
        offsets = self.offsets[min(max(line, 1), len(self.offsets)) - 1]
        return line_col(starts, offsets[min(max(col, 1), len(offsets)) - 1])


def line_starts(text: str) -> list[int]:
    """The offset each line of ``text`` starts at."""
    return [0] + [m.end() for m in _BREAK.finditer(text)]


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def string_lines(text: str, pieces: list[tuple[str, int]]) -> tuple[list[str], list[Sequence[int]]]:
    """The lines of the strings ``pieces`` (each a decoded JSON string and the offset of its opening
    quote in ``text``) written one after the other, each line with the file offset of every
    character (and of its end): a ``range`` where no escape moves them."""
    chars, offs = [], []
    end = pieces[0][1] + 1 if pieces else 0
    for value, quote in pieces:
        found = char_offsets(text, quote)
        if len(found) != len(value) + 1:  # cannot follow the escapes: point at the string
            found = [quote + 1] * (len(value) + 1)
        chars.append(value)
        offs.extend(found[:-1])
        end = found[-1]
    offs.append(end)
    source = "".join(chars)
    lines, offsets, pos = [], [], 0
    for line in source.split("\n"):
        size = len(line)
        first = offs[pos]
        # a line without escapes stands in one run of the file: a range, not a number per character
        offsets.append(range(first, first + size + 1) if offs[pos + size] - first == size else offs[pos:pos + size + 1])
        lines.append(line)
        pos += size + 1
    return lines, offsets


def _remap(obj: object, move: Callable[[Location], Location]) -> object:
    if isinstance(obj, Location):
        return move(obj)
    if is_dataclass(obj) and not isinstance(obj, type):
        return replace(obj, **{f.name: _remap(getattr(obj, f.name), move) for f in fields(obj) if f.init})
    if isinstance(obj, tuple):
        return tuple(_remap(item, move) for item in obj)
    if isinstance(obj, list):
        return [_remap(item, move) for item in obj]
    if isinstance(obj, dict):
        return {key: _remap(value, move) for key, value in obj.items()}
    return obj
