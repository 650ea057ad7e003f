"""Jupyter notebooks: the code cells, read as one Python module (cells share their names), with
every position mapped back to the line and column of the ``.ipynb`` file itself."""
from __future__ import annotations

import bisect
import re
from dataclasses import fields, is_dataclass, replace

from ...findings import Location
from ...model import FileFacts, Problem
from ..recognition.source import Source
from .notebook_json import JsonError, JStr, char_offsets, parse
from .code import analyze
from .code import parse as parse_python
from ...records import field, record

PYTHON_CELL_MAGICS = {"time", "timeit", "capture", "prun", "debug", "python", "python3", "py"}
# a magic, a shell escape, an assignment from either, or help: no ``\s*`` before a class that holds
# white space too, which would try every split of a long run of spaces
_MAGIC = re.compile(r"^\s*[%!]|^[\w.,\s\[\]]+=\s*[%!]|^\s*\?*[\w.*]+\?{1,2}\s*$|^\s*\?{1,2}[\w.*]+\s*$")


@record(frozen=False)
class Program:
    """The code cells joined: each line keeps the file offset of every character (plus its end)."""

    lines: list[str] = field(default_factory=list)
    offsets: list[list[int]] = field(default_factory=list)


def extract(src: Source, facts: FileFacts) -> None:
    starts = [0] + [m.end() for m in re.finditer(r"\n", src.text)]
    try:
        doc = parse(src.text)
    except JsonError as exc:
        line, col = _line_col(starts, exc.offset)
        facts.problems.append(Problem(Location(src.path, line, col), f"not a valid notebook (line {line}): {exc}", kind="skipped"))
        return
    except RecursionError:
        facts.problems.append(Problem(Location(src.path, 1, 1), "not a valid notebook: nested too deeply", kind="skipped"))
        return
    cells = _cells(doc)
    if cells is None:
        facts.problems.append(Problem(Location(src.path, 1, 1), "not a notebook: no list of 'cells'", kind="skipped"))
        return
    program = Program()
    for number, cell in enumerate(cells, 1):
        _add_cell(number, cell, src, starts, program, facts)
    if not program.lines:
        return
    found = FileFacts(src.path)
    analyze("\n".join(program.lines), src.path, found, src.catalog, notebook=True)
    _merge(found, facts, lambda loc: _map(loc, program, starts, src.path))


def _cells(doc: object) -> list | None:
    if not isinstance(doc, dict):
        return None
    cells = doc.get("cells")
    if cells is None and isinstance(doc.get("worksheets"), list) and doc["worksheets"]:  # nbformat 3
        first = doc["worksheets"][0]
        cells = first.get("cells") if isinstance(first, dict) else None
    return cells if isinstance(cells, list) else None


def _add_cell(number: int, cell: object, src: Source, starts: list[int], program: Program, facts: FileFacts) -> None:
    if not isinstance(cell, dict) or _str(cell.get("cell_type")) != "code":
        return
    source = cell.get("source", cell.get("input"))
    pieces = [source] if isinstance(source, JStr) else source
    if not isinstance(pieces, list) or not all(isinstance(p, JStr) for p in pieces):
        where = _line_col(starts, cell["cell_type"].start)
        facts.problems.append(Problem(Location(src.path, *where), f"cell {number}: 'source' is not text or a list of strings; skipped", kind="skipped"))
        return
    if not pieces or not _python_cell("".join(p.value for p in pieces)):
        return
    lines, offsets = _cell_lines(pieces, src.text)
    probe = FileFacts(src.path)
    if parse_python("\n".join(lines), src.path, probe, notebook=True, recover=False) is None:
        # IPython syntax (magics, shell escapes, help) only where plain Python does not parse; ``%env``
        # sets a variable as ``os.environ`` does, and is read as that
        for i, line in enumerate(lines):
            if _MAGIC.match(line):
                lines[i], offsets[i] = _env_magic(line, offsets[i]) or ("", offsets[i])
        probe = FileFacts(src.path)
    if parse_python("\n".join(lines), src.path, probe, f"cell {number} is not valid Python", notebook=True,
                    recover=False) is None:
        problem = probe.problems[0]
        cell_line = min(max(problem.loc.line, 1), len(offsets))
        line, col = _line_col(starts, offsets[cell_line - 1][0])
        message = re.sub(r"\(line \d+\)", f"(line {line})", problem.message)
        facts.problems.append(Problem(Location(src.path, line, col), message, kind="skipped"))
        return
    program.lines.extend(lines)
    program.offsets.extend(offsets)


# ``%env NAME=value`` or ``%env NAME value``: the value is the rest of the line, as IPython takes it
_ENV_MAGIC = re.compile(r"^\s*%env\s+([A-Za-z_]\w*)(?:\s*=\s*|\s+)([^'\\\s][^'\\]*?)\s*$")


def _env_magic(line: str, offsets: list[int]) -> tuple[str, list[int]] | None:
    """``%env NAME=value`` as the line ``os.environ['NAME'] = 'value'``, each character of the name
    and the value still at its place in the file (the rest at the ``%``)."""
    m = _ENV_MAGIC.match(line)
    if m is None:
        return None
    def placed(start: int, length: int) -> list[int]:
        return offsets[start:start + length]

    def between(at: int, length: int) -> list[int]:  # what stands for nothing in the line: where it would be
        return [offsets[min(at, len(offsets) - 1)]] * length

    name, value = m.group(1), m.group(2)
    text = f"os.environ['{name}'] = '{value}'"
    where = (between(m.start(), 12) + placed(m.start(1), len(name)) + between(m.end(1), 6)
             + placed(m.start(2), len(value)) + between(m.end(2), 1))
    return text, where + [offsets[-1]]


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


def _python_cell(source: str) -> bool:
    """Cell magics other than timing ones (``%%bash``, ``%%sql``) hold no Python."""
    head = source.lstrip()
    if not head.startswith("%%"):
        return True
    words = head[2:].split(None, 1)
    return bool(words) and words[0] in PYTHON_CELL_MAGICS


def _line_col(starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def _map(loc: Location, program: Program, starts: list[int], path: str) -> Location:
    line, col = _point(program, starts, loc.line, loc.col)
    if loc.end_line is None or loc.end_col is None:
        return Location(path, line, col)
    end_line, end_col = _point(program, starts, loc.end_line, loc.end_col)
    return Location(path, line, col, end_line, end_col)


def _point(program: Program, starts: list[int], line: int, col: int) -> tuple[int, int]:
    offsets = program.offsets[min(max(line, 1), len(program.offsets)) - 1]
    return _line_col(starts, offsets[min(max(col, 1), len(offsets)) - 1])


def _merge(found: FileFacts, facts: FileFacts, move) -> None:
    for f in fields(FileFacts):
        if f.name in ("path", "kind", "lines"):
            continue
        getattr(facts, f.name).extend(_remap(item, move) for item in getattr(found, f.name))


def _remap(obj: object, move):
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
