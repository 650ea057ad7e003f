"""Jupyter notebooks, as every wing that reads them sees them: the code cells of the ``.ipynb`` file,
each line with the file offset of every character, and the way back from a position in code
joined from those lines to the line and column of the file. The file is parsed once, whichever
wing asks first (``Source.memo``)."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace

from ...findings import Location
from ...model import FileFacts, Problem
from ...records import field, record
from .notebook_json import JsonError, JStr, char_offsets, parse
from .source import Source


@record
class Cell:
    """A code cell a wing reads (``cell_kind`` knows its language): its number in the notebook (from 1),
    its source, and its lines, each with the file offset of every character (and of the line's end)."""

    number: int
    source: str
    lines: list[str]
    offsets: list[list[int]]


@record
class Notebook:
    """The code cells of a notebook, the offset each line of the file starts at, and what made a
    cell or the whole file unreadable."""

    cells: list[Cell]
    starts: list[int]
    problems: list[Problem]


@record(frozen=False)
class Program:
    """Lines taken from cells and joined: each line keeps the file offset of every character (plus its end)."""

    lines: list[str] = field(default_factory=list)
    offsets: list[list[int]] = field(default_factory=list)

    def add(self, lines: list[str], offsets: list[list[int]]) -> None:
        self.lines.extend(lines)
        self.offsets.extend(offsets)

    def text(self) -> str:
        return "\n".join(self.lines)

    def merge(self, found: FileFacts, facts: FileFacts, notebook: Notebook) -> None:
        """The facts ``found`` in ``text()`` added to ``facts``, every position moved to the file's."""
        path = facts.path

        def move(loc: Location) -> Location:
            line, col = self._point(notebook.starts, loc.line, loc.col)
            if loc.end_line is None or loc.end_col is None:
                return Location(path, line, col)
            return Location(path, line, col, *self._point(notebook.starts, loc.end_line, loc.end_col))

        for f in fields(FileFacts):
            if f.name not in ("path", "kind", "lines"):
                getattr(facts, f.name).extend(_remap(item, move) for item in getattr(found, f.name))

    def _point(self, starts: list[int], line: int, col: int) -> tuple[int, int]:
        offsets = self.offsets[min(max(line, 1), len(self.offsets)) - 1]
        return line_col(starts, offsets[min(max(col, 1), len(offsets)) - 1])


def notebook_of(src: Source) -> Notebook:
    """The notebook ``src`` holds, parsed on the first call for this file."""
    return src.memo("notebook", lambda: _read(src))  # type: ignore[no-any-return]


# cell magics whose body is Python (timing, capturing), and those whose body is a POSIX shell script
_PYTHON_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "python", "python3", "py"})
_SHELL_MAGICS = frozenset({"bash", "sh", "zsh", "shell", "sx", "system"})
_SHELLS = frozenset({"bash", "sh", "zsh", "/bin/bash", "/bin/sh", "/usr/bin/env bash"})


def cell_kind(source: str) -> str | None:
    """What a code cell's body is: ``python``, ``sh`` (``%%bash``, ``%%script sh``), or ``None``
    for another language's cell magic (``%%sql``, ``%%html``, ``%%script perl``)."""
    head = source.lstrip()
    if not head.startswith("%%"):
        return "python"
    words = head[2:].split("\n", 1)[0].split()
    if not words:
        return None
    if words[0] in _PYTHON_MAGICS:
        return "python"
    if words[0] in _SHELL_MAGICS or words[0] == "script" and (" ".join(words[1:2]) in _SHELLS or " ".join(words[1:3]) in _SHELLS):
        return "sh"
    return None


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def _read(src: Source) -> Notebook:
    starts = [0] + [m.end() for m in re.finditer(r"\n", src.text)]
    try:
        doc = parse(src.text)
    except JsonError as exc:
        line, col = line_col(starts, exc.offset)
        return Notebook([], starts, [Problem(Location(src.path, line, col), f"not a valid notebook (line {line}): {exc}",
                                             kind="skipped")])
    except RecursionError:
        return Notebook([], starts, [Problem(Location(src.path, 1, 1), "not a valid notebook: nested too deeply", kind="skipped")])
    raw = _raw_cells(doc)
    if raw is None:
        return Notebook([], starts, [Problem(Location(src.path, 1, 1), "not a notebook: no list of 'cells'", kind="skipped")])
    cells: list[Cell] = []
    problems: list[Problem] = []
    for number, cell in enumerate(raw, 1):
        if not isinstance(cell, dict) or _str(cell.get("cell_type")) != "code":
            continue
        source = cell.get("source", cell.get("input"))
        pieces = [source] if isinstance(source, JStr) else source
        if not isinstance(pieces, list) or not all(isinstance(p, JStr) for p in pieces):
            where = line_col(starts, cell["cell_type"].start)
            problems.append(Problem(Location(src.path, *where), f"cell {number}: 'source' is not text or a list of strings; skipped",
                                    kind="skipped"))
        elif pieces:
            source = "".join(p.value for p in pieces)
            if cell_kind(source) is not None:  # another language's cell (``%%sql``): no wing reads it
                cells.append(Cell(number, source, *_cell_lines(pieces, src.text)))
    return Notebook(cells, starts, problems)


def _raw_cells(doc: object) -> list | None:
    if not isinstance(doc, dict):
        return None
    cells = doc.get("cells")
    if cells is None and isinstance(doc.get("worksheets"), list) and doc["worksheets"]:  # nbformat 3
        first = doc["worksheets"][0]
        cells = first.get("cells") if isinstance(first, dict) else None
    return cells if isinstance(cells, list) else None


def _str(value: object) -> str | None:
    return value.value if isinstance(value, JStr) else None


def _cell_lines(pieces: list[JStr], text: str) -> tuple[list[str], list[list[int]]]:
    """The cell's source lines, each with the file offset of every character (and of its end)."""
    chars, offs = [], []
    end = pieces[0].start + 1
    for piece in pieces:
        found = char_offsets(text, piece.start)
        if len(found) != len(piece.value) + 1:  # cannot follow the escapes: point at the string
            found = [piece.start + 1] * (len(piece.value) + 1)
        chars.append(piece.value)
        offs.extend(found[:-1])
        end = found[-1]
    offs.append(end)
    source = "".join(chars)
    lines, offsets, pos = [], [], 0
    for line in source.split("\n"):
        offsets.append(offs[pos:pos + len(line) + 1])
        lines.append(line)
        pos += len(line) + 1
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
