"""Jupyter notebooks, as every wing that reads them sees them: the code cells of the ``.ipynb`` file,
each line with the file offset of every character, and the way back from a position in code
joined from those lines to the line and column of the file (``embedded``). The file is parsed once, whichever
wing asks first (``Source.memo``)."""
from __future__ import annotations

from collections.abc import Sequence

from ...findings import Location
from ...model import Problem
from ...records import record
from .embedded import line_col, line_starts, string_lines
from .notebook_json import JsonError, JStr, parse
from .source import Source


@record
class Cell:
    """A code cell a wing reads: its number in the notebook (from 1), its source, its lines, each with the
    file offset of every character (and of the line's end), and its language (``cell_kind``)."""

    number: int
    source: str
    lines: list[str]
    offsets: list[Sequence[int]]
    kind: str = "python"


@record
class Notebook:
    """The code cells of a notebook, the offset each line of the file starts at, and what made a
    cell or the whole file unreadable."""

    cells: list[Cell]
    starts: list[int]
    problems: list[Problem]


def notebook_of(src: Source) -> Notebook:
    """The notebook ``src`` holds, parsed on the first call for this file."""
    return src.memo("notebook", lambda: _read(src))  # type: ignore[no-any-return]


# cell magics whose body is Python (timing, capturing), and those whose body is a POSIX shell script
_PYTHON_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "python", "python3", "py"})
_SHELL_MAGICS = frozenset({"bash", "sh", "zsh", "shell", "sx", "system"})
_SHELLS = frozenset({"bash", "sh", "zsh", "/bin/bash", "/bin/sh", "/usr/bin/env bash"})
# a Databricks notebook cell's first line naming its language: Python's and the shell's are read, the others' not
_DATABRICKS = {"%sql": None, "%scala": None, "%r": None, "%md": None, "%fs": None, "%sh": "sh", "%python": "python"}
# what the file a cell writes holds, by its suffix
_WRITTEN = {"py": "python", "pyw": "python", "sh": "sh", "bash": "sh"}


def cell_kind(source: str) -> str | None:
    """What a code cell's body is: ``python``, ``sh`` (``%%bash``, ``%%script sh``), or ``None``
    for another language's cell magic (``%%sql``, ``%%html``, ``%%script perl``). A cell that writes
    its body to a file holds that file's code (``%%writefile push.py``, ``%%file -a run.sh``), or is
    ``file``: a file of another kind (``%%writefile .env``)."""
    head = source.lstrip()
    first = head.split("\n", 1)[0].strip()
    if first in _DATABRICKS:  # a Databricks cell's language, written as its first line (``%sql``, ``%sh``)
        return _DATABRICKS[first]
    if not head.startswith("%%"):
        return "python"
    words = head[2:].split("\n", 1)[0].split()
    if not words:
        return None
    if words[0] in ("writefile", "file"):  # Python, a shell script, or a file of another kind (``written_file``)
        target = (written_file(source) or "").lower()
        return _WRITTEN.get(target.rsplit(".", 1)[-1], "file") if target else None
    if words[0] in _PYTHON_MAGICS:
        return "python"
    if words[0] in _SHELL_MAGICS or words[0] == "script" and (" ".join(words[1:2]) in _SHELLS or " ".join(words[1:3]) in _SHELLS):
        return "sh"
    return None


def written_file(source: str) -> str | None:
    """The file a ``%%writefile NAME`` (``%%file -a NAME``) cell writes its body to, or ``None``."""
    head = source.lstrip()
    words = head[2:].split("\n", 1)[0].split() if head.startswith("%%") else []
    if not words or words[0] not in ("writefile", "file"):
        return None
    return next((w for w in words[1:] if not w.startswith("-")), "").strip("'\"") or None


def _read(src: Source) -> Notebook:
    starts = line_starts(src.text)
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
    python = _python_kernel(doc)  # a C#, Scala or R notebook: its cells are no Python (its %%bash cells aside)
    cells: list[Cell] = []
    problems: list[Problem] = []
    for number, cell in enumerate(raw, 1):
        if not isinstance(cell, dict) or _str(cell.get("cell_type")) != "code":
            continue
        source = cell.get("source", cell.get("input"))
        pieces = [source] if isinstance(source, JStr) else source
        if not isinstance(pieces, list) or not all(isinstance(p, JStr) for p in pieces):
            if not python:
                continue
            where = line_col(starts, cell["cell_type"].start)
            problems.append(Problem(Location(src.path, *where), f"cell {number}: 'source' is not text or a list of strings; skipped",
                                    kind="skipped"))
        elif pieces:
            source = "".join(p.value for p in pieces)
            kind = cell_kind(source)
            if kind is not None and (python or kind == "sh"):  # another language's cell (``%%sql``): no wing reads it
                cells.append(Cell(number, source, *_cell_lines(pieces, src.text), kind=kind))
    return Notebook(cells, starts, problems)


def _python_kernel(doc: object) -> bool:
    """Whether a notebook's kernel runs Python: its ``kernelspec`` or ``language_info`` says so, or says
    nothing (an old or hand-written notebook)."""
    meta = doc.get("metadata") if isinstance(doc, dict) else None
    if not isinstance(meta, dict):
        return True
    spec, info = meta.get("kernelspec"), meta.get("language_info")
    language = (_str(spec.get("language")) if isinstance(spec, dict) else None) \
        or (_str(info.get("name")) if isinstance(info, dict) else None)
    return language is None or language.strip().lower() in ("python", "python3", "ipython", "python2", "")


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


def _cell_lines(pieces: list[JStr], text: str) -> tuple[list[str], list[Sequence[int]]]:
    """The cell's source lines, each with the file offset of every character (and of its end)."""
    return string_lines(text, [(piece.value, piece.start) for piece in pieces])
