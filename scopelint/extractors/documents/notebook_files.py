"""The settings files a notebook writes: a ``%%writefile .env`` (``%%file app.properties``) cell's body,
read as the file it writes, with every position in the ``.ipynb`` file."""
from __future__ import annotations

from ...model import FileFacts
from ..recognition.embedded import Program
from ..recognition.notebooks import notebook_of, written_file
from ..recognition.source import Source
from . import envfiles


def extract(src: Source, facts: FileFacts) -> None:
    notebook = notebook_of(src)
    for cell in notebook.cells:
        target = written_file(cell.source) if cell.kind == "file" else None
        if target is None or not envfiles.claims(target):
            continue
        first = next(i for i, line in enumerate(cell.lines) if line.strip())  # the ``%%writefile`` line
        program = Program()
        program.add(cell.lines[first + 1:], cell.offsets[first + 1:])
        if not program.lines:
            continue
        found = FileFacts(src.path)
        envfiles.extract(Source(src.path, program.text(), catalog=src.catalog, held=target), found)
        program.merge(found, facts, notebook.starts)
