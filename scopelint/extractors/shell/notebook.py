"""The shell of Jupyter notebooks: ``%%bash`` (``%%sh``, ``%%script bash``) cells and the shell
escapes of Python cells (``!curl ...``, ``out = !curl ...``, ``%sx``, ``%system``), read as one
POSIX shell script with every position in the ``.ipynb`` file.

In an escape, IPython puts the value of a Python expression in place of ``{expr}``: read here as a
reference of the same length, a value not known (``$name`` is a reference already)."""
from __future__ import annotations

from collections.abc import Sequence

from ... import lazy_re
from ...model import FileFacts
from ..recognition.embedded import Program
from ..recognition.notebooks import notebook_of
from ..recognition.requests import Emitter
from ..recognition.source import Source
from ..recognition.text import LineIndex
from ...templated import referenced
from .scripts import read

# an escape: ``!cmd``, ``!!cmd``, ``%sx cmd``, ``%system cmd``, or one assigned (``out = !cmd``)
_ESCAPE = lazy_re.compile(r"[ \t]*(?:[\w.,\[\]][\w.,\[\] \t]*=[ \t]*)?(?:!!?|%(?:sx|system)[ \t])")
_INTERPOLATED = lazy_re.compile(r"(?<![$\\{])\{([^{}\n]+)\}(?!\})")


def extract(src: Source, facts: FileFacts) -> None:
    notebook = notebook_of(src)
    program = Program()
    for cell in notebook.cells:
        kind = cell.kind
        if kind == "sh":
            first = next(i for i, line in enumerate(cell.lines) if line.strip())  # the ``%%bash`` line
            program.add(cell.lines[first + 1:], cell.offsets[first + 1:])
        elif kind == "python":
            _escapes(cell.lines, cell.offsets, program)
    if not program.lines:
        return
    text = program.text()
    found = FileFacts(src.path)
    read(text, "sh", Emitter(found, LineIndex(src.path, text), src.catalog))
    program.merge(found, facts, notebook.starts)


def _escapes(lines: list[str], offsets: list[Sequence[int]], program: Program) -> None:
    """The shell commands of a Python cell's escapes, each with the lines it continues on (``\\``)."""
    i = 0
    while i < len(lines):
        m = _ESCAPE.match(lines[i])
        if m is None:
            i += 1
            continue
        command = _INTERPOLATED.sub(referenced, lines[i][m.end():])
        program.add([command], [offsets[i][m.end():]])
        while lines[i].endswith("\\") and i + 1 < len(lines):
            i += 1
            program.add([_INTERPOLATED.sub(referenced, lines[i])], [offsets[i]])
        i += 1
