"""Jupyter notebooks: the code cells, read as one Python module (cells share their names), with
every position mapped back to the line and column of the ``.ipynb`` file itself."""
from __future__ import annotations

import re
from collections.abc import Sequence

from ... import lazy_re
from ...findings import Location
from ...model import FileFacts, Problem
from ..recognition.embedded import Program, line_col
from ..recognition.notebooks import Cell, notebook_of
from ..recognition.source import Source
from .code import analyze, more_lines, readable_lines
from .code import parse as parse_python

# a magic, a shell escape, an assignment from either, or help (``% (a, b)`` and ``!= b`` opening a line
# inside brackets, as Black lays out a long expression, are operators): no ``\s*`` before a class that holds
# white space too, which would try every split of a long run of spaces
_MAGIC = lazy_re.compile(r"^\s*(?:%[A-Za-z%]|!(?!=))|^[\w.,\s\[\]]+=\s*(?:%[A-Za-z]|!(?!=))|^\s*\?*[\w.*]+\?{1,2}\s*$|^\s*\?{1,2}[\w.*]+\s*$"
                         # a line magic written without its ``%`` (IPython's automagic, on by default): ``pip install
                         # ftfy``, ``cd data``; a name and then a word is never Python, unless an operator or a keyword
                         r"|^\s*(?:pip3?|conda|mamba|cd|ls|load_ext|matplotlib|run|timeit|time|(?:set_)?env|autoreload)[ \t]+"
                         r"(?![=(.\[+\-*/%<>!&|^,:@]|(?:and|or|in|is|not|if|else|for)\b)\S")


def extract(src: Source, facts: FileFacts) -> None:
    notebook = notebook_of(src)
    facts.problems.extend(notebook.problems)
    program = Program()
    for cell in notebook.cells:
        if cell.kind == "python":
            _add_cell(cell, src, notebook.starts, program, facts)
    if not program.lines:
        return
    found = FileFacts(src.path)
    analyze(program.text(), src.path, found, src.catalog, notebook=True)
    program.merge(found, facts, notebook.starts)


def _add_cell(cell: Cell, src: Source, starts: list[int], program: Program, facts: FileFacts) -> None:
    lines, offsets = list(cell.lines), list(cell.offsets)
    probe = FileFacts(src.path)
    if parse_python("\n".join(lines), src.path, probe, notebook=True, recover=False) is None:
        # IPython syntax (magics, shell escapes, help) only where plain Python does not parse; ``%env``
        # sets a variable as ``os.environ`` does, and is read as that (shell escapes: the shell wing)
        continued = False  # the line before was IPython syntax ending in ``\``: this one goes on with it
        for i, line in enumerate(lines):
            timed = None if continued else _TIMED.match(line)
            if timed is not None:  # ``%time tok = requests.post(...``: the statement it times, where it stands
                lines[i], offsets[i] = line[timed.end():], offsets[i][timed.end():]
                continue
            if continued or _MAGIC.match(line):
                lines[i], offsets[i] = (None if continued else _statement(line, offsets[i])) or ("", offsets[i])
                continued = line.endswith("\\")
        probe = FileFacts(src.path)
    if parse_python("\n".join(lines), src.path, probe, f"cell {cell.number} is not valid Python", notebook=True,
                    recover=False) is None:
        problem = probe.problems[0]
        # a few lines this interpreter cannot read (a Python 2 ``print "x"``): read as ``pass``, the rest of
        # the cell kept, as in a module
        readable = readable_lines("\n".join(lines)) if problem.message.startswith(f"cell {cell.number} ") else None
        cell_line = min(max(readable[1][0] if readable else problem.loc.line, 1), len(offsets))
        line, col = line_col(starts, offsets[cell_line - 1][0])
        message = re.sub(r"\(line \d+\)", f"(line {line})", problem.message)
        if readable is None:
            facts.problems.append(Problem(Location(src.path, line, col), message, kind="skipped"))
            return
        facts.problems.append(Problem(Location(src.path, line, col), f"cell {cell.number} is not valid Python "
                                      f"(line {line}): {readable[2]}; line {line}{more_lines(readable[1])} not read, "
                                      "the rest of the cell was", kind="skipped"))
        lines = readable[0]
    program.add(lines, offsets)


# a line magic that runs the Python statement after it (``%time``, ``%timeit -n 10``, ``%prun``): the statement
# is code, and goes on over the lines its brackets hold open, as IPython reads it
_TIMED = lazy_re.compile(r"^%(?:time|timeit|prun)[ \t]+(?:-[A-Za-z][ \t]*(?:\d+[ \t]+)?)*(?=[A-Za-z_(\[{\"'])")


# ``%env NAME=value`` or ``%env NAME value`` (``%set_env`` the same, and either without its ``%``): the value
# is the rest of the line, as IPython takes it
_ENV_MAGIC = lazy_re.compile(r"^\s*%?(?:set_)?env\s+([A-Za-z_]\w*)(?:\s*=\s*|\s+)([^'\\\s][^'\\]*?)\s*$")


def _statement(line: str, offsets: Sequence[int]) -> tuple[str, list[int]] | None:
    """What an IPython line stands for in the Python of its cell: ``%env`` an assignment (``_env_magic``);
    any other magic or escape written in a block (``if IN_COLAB:\n    %pip install ...``) a ``pass`` at
    its indentation, which keeps the block; at the top level, nothing (``None``)."""
    indent = len(line) - len(line.lstrip(" \t"))
    env = _env_magic(line[indent:], offsets[indent:])
    if env is not None:
        return line[:indent] + env[0], list(offsets[:indent]) + env[1]
    if not indent:
        return None
    last = len(offsets) - 1
    return line[:indent] + "pass", list(offsets[:indent]) + [offsets[min(indent + k, last)] for k in range(5)]


def _env_magic(line: str, offsets: Sequence[int]) -> tuple[str, list[int]] | None:
    """``%env NAME=value`` as the line ``os.environ['NAME'] = 'value'``, each character of the name
    and the value still at its place in the file (the rest at the ``%``)."""
    m = _ENV_MAGIC.match(line)
    if m is None:
        return None
    def placed(start: int, length: int) -> list[int]:
        return list(offsets[start:start + length])

    def between(at: int, length: int) -> list[int]:  # what stands for nothing in the line: where it would be
        return [offsets[min(at, len(offsets) - 1)]] * length

    name, value = m.group(1), m.group(2)
    text = f"os.environ['{name}'] = '{value}'"
    where = (between(m.start(), 12) + placed(m.start(1), len(name)) + between(m.end(1), 6)
             + placed(m.start(2), len(value)) + between(m.end(2), 1))
    return text, where + [offsets[-1]]

