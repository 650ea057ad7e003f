"""JavaScript a JSON file holds in strings (a Postman collection's scripts, a Node-RED function node,
an n8n Code node): the scripts read as one program, each line where its characters stand in the
file, escapes and all (``recognition.embedded``). A script is one string holding its line breaks,
or a list of strings, one per line; strings written on one line of the file (a collection saved on
one line) make one line of the program, as long as that line is."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from itertools import chain

from ... import lazy_re
from ...located import Node
from ...model import FileFacts
from ..recognition.embedded import Program, line_starts, string_lines
from ..recognition.source import Source
from .markup import blanked

_LINE = lazy_re.compile(r"line ([\d,]+)")


def _starts(src: Source) -> list[int]:
    """The offset each line of ``src`` starts at, found once per file."""
    return src.memo("line-starts", lambda: line_starts(src.text))  # type: ignore[return-value]


def quoted(src: Source, nodes: list[Node]) -> list[tuple[str, int]]:
    """Each string node of a document parsed from ``src``, and the offset of its opening quote."""
    starts = _starts(src)
    return [(str(n.value), starts[n.loc.line - 1] + n.loc.col - 2) for n in nodes if n.loc.line <= len(starts)]


def read_scripts(src: Source, facts: FileFacts, strings: list[tuple[str, int]],
                 apart: Sequence[list[tuple[str, int]]] = ()) -> None:
    """The scripts whose strings are ``strings`` (each a decoded JSON string and the offset of its
    opening quote in ``src``, in the order they are read) read as JavaScript, one program; each of
    ``apart`` as a program of its own. The signs of a token request are looked for in those strings alone."""
    spans: list[tuple[int, int]] = []
    for group in ([strings] if strings else []) + [group for group in apart if group]:
        _read(src, facts, group, spans)
    src.signs = blanked(src.text, sorted(spans)) if spans else ""


def _read(src: Source, facts: FileFacts, strings: list[tuple[str, int]], spans: list[tuple[int, int]]) -> None:
    from . import code

    text, starts = src.text, _starts(src)
    program = Program()
    parts: list[str] = []  # the program line being built: strings one line of the file holds, joined by a space
    offs: list[Sequence[int]] = []
    last = -1  # the file's line the last string ended on

    def flush() -> None:
        if parts:
            program.add([" ".join(parts)], [offs[0] if len(offs) == 1 else list(chain.from_iterable(offs))])
            parts.clear()
            offs.clear()

    for value, quote in strings:
        lines, offsets = string_lines(text, [(value, quote)])
        if bisect_right(starts, quote) != last:  # a string on a line of its own starts a line of the program
            flush()
        for k, (line, where) in enumerate(zip(lines, offsets)):
            if k:
                flush()
            parts.append(line)
            offs.append(where)
        last = bisect_right(starts, offsets[-1][-1])
        spans.append((offsets[0][0], offsets[-1][-1]))
    flush()
    found = FileFacts(src.path)
    code.extract(Source(src.path, program.text(), src.explicit, src.catalog), found)
    for k, problem in enumerate(found.problems):  # "line 12 over 5,000 characters": the file's line
        m = _LINE.match(problem.message)
        if m is not None:
            found.problems[k] = replace(problem, message=f"line {program.file_line(int(m[1].replace(',', '')), starts):,}{problem.message[m.end():]}")
    program.merge(found, facts, starts)
