"""The shell of a Dockerfile: each ``RUN`` instruction, and the shell form of ``CMD``, ``ENTRYPOINT``
and ``HEALTHCHECK CMD``, read by the shell wing's reader as the script the image's shell runs
(``RUN curl -d "grant_type=client_credentials&scope=..." https://<team>.celonis.cloud/oauth2/token``).

Each instruction is a script of its own (a ``RUN`` runs in a shell of its own), read from its lines
with everything before the script blanked (the keyword, ``RUN``'s ``--mount=``-like flags), so every
fact keeps its line and column. As Docker does, a comment or empty line inside a continued
instruction is left out, and a ``RUN <<EOF`` here-document is the script itself. The escape
character of a ``# escape=`` directive continues lines as ``\\`` does. A ``SHELL`` instruction sets the
dialect of the instructions after it in its stage (PowerShell, ``cmd``); one naming no shell the
reader knows leaves them unread, and the exec form (``RUN ["curl", ...]``) is not read.
``$NAME`` is a value not known: ``ENV`` and ``ARG`` values are read as settings (``documents.envfiles``).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ... import lazy_re
from ...model import FileFacts
from ..recognition.source import Source, is_dockerfile
from .scripts import read

_DIRECTIVE = lazy_re.compile(r"#\s*escape\s*=\s*([`\\])\s*$", re.I)
_INSTRUCTION = lazy_re.compile(r"\s*([A-Za-z]+)(?=\s|$)")
_FLAG = lazy_re.compile(r"\s*--[\w-]+(?:=\S*)?(?=\s|$)")  # RUN --mount=type=secret,id=x, HEALTHCHECK --interval=5s
_HEALTH_CMD = lazy_re.compile(r"\s*CMD(?=\s)", re.I)  # HEALTHCHECK [OPTIONS] CMD command
_HEREDOC = lazy_re.compile(r"<<(-?)\s*(['\"]?)([A-Za-z_][\w.-]*)\2")
_SHELLS = {"sh": "sh", "bash": "sh", "ash": "sh", "dash": "sh", "zsh": "sh", "ksh": "sh", "powershell": "ps",
           "pwsh": "ps", "cmd": "bat"}
_CONTINUATION = {"sh": "\\", "bat": "^", "ps": "`"}


def claims(path: str, explicit: bool = False) -> bool:
    return is_dockerfile(path)


def extract(src: Source, facts: FileFacts) -> None:
    from ..recognition.requests import Emitter
    from ..recognition.text import LineIndex

    seen: set[tuple] = set()  # one per file, shared by its instructions' emitters, as a CI file's steps share one
    emitters: list[Emitter] = []
    texts: list[str] = []
    for dialect, rows in scripts(src.lines):
        texts.append("\n".join(row for _, row in rows) + "\n")
        index = LineIndex(src.path, texts[-1], [number for number, _ in rows])
        emitters.append(Emitter(facts, index, src.catalog, seen, unit=f"instruction@{rows[0][0]}"))
        read(texts[-1], dialect, emitters[-1], finish=False)
    for emitter in emitters:  # with every instruction read, as a CI file's steps
        emitter.finish()
    if src.signs is None:  # a token request no reader could read is one of the scripts', not the ENV lines'
        src.signs = "".join(texts)


def scripts(lines: list[str]) -> Iterator[tuple[str, list[tuple[int, str]]]]:
    """``(dialect, rows)`` for each instruction that runs a shell script: each row a line number and
    that line, with what is not the script blanked and the escape character, where it continues the
    line, the dialect's own."""
    escape = "\\"
    for line in lines:  # parser directives: comments before anything else
        m = _DIRECTIVE.match(line.strip())
        if m:
            escape = m.group(1)
        elif line.strip() and not line.lstrip().startswith("#"):
            break
    dialect: str | None = "sh" if escape == "\\" else None  # escape=` is a Windows image's: its shell is not known
    default = dialect
    i, n = 0, len(lines)
    while i < n:
        m = _INSTRUCTION.match(lines[i])  # a comment line starts with no keyword
        if not m:
            i += 1
            continue
        rows = [i]  # the instruction's lines: a comment or empty line inside it is dropped, as Docker does
        while _continued(lines[rows[-1]], escape):
            k = rows[-1] + 1
            while k < n and (not lines[k].strip() or lines[k].lstrip().startswith("#")):
                k += 1
            if k >= n:
                break
            rows.append(k)
        keyword = m.group(1).upper()
        body = _body(keyword, lines[i], m.end())
        heredocs = [h for r in rows for h in _HEREDOC.finditer(lines[r])]
        after = rows[-1] + 1
        documents: list[tuple[list[int], int]] = []  # each here-document's lines, and the line of its word
        for h in heredocs:  # they follow the instruction, one after another
            lines_of: list[int] = []
            while after < n and (lines[after].strip() if h.group(1) else lines[after].rstrip("\r")) != h.group(3):
                lines_of.append(after)
                after += 1
            documents.append((lines_of, after))
            after += 1
        if keyword == "FROM":
            dialect = default
        elif keyword == "SHELL":
            dialect = _shell(" ".join(lines[r].rstrip().rstrip(escape) for r in rows)[m.end():])
        elif body is not None and dialect is not None:
            yield dialect, list(_rows(lines, rows, body, escape, dialect, heredocs, documents))
        i = max(after, rows[-1] + 1)


def _body(keyword: str, line: str, at: int) -> int | None:
    """Where the shell script of an instruction starts on its first line; None for one that runs none
    (another instruction, the exec form)."""
    if keyword == "HEALTHCHECK":
        m = _HEALTH_CMD.match(line, _past_flags(line, at))
        if m is None:
            return None
        at = m.end()
    elif keyword == "RUN":
        at = _past_flags(line, at)
    elif keyword not in ("CMD", "ENTRYPOINT"):
        return None
    rest = line[at:].lstrip()
    return None if rest.startswith("[") else at


def _past_flags(line: str, at: int) -> int:
    """Past an instruction's options from ``at`` (``--mount=type=cache,target=/x``, ``--interval=30s``)."""
    flag = _FLAG.match(line, at)
    while flag is not None:
        at = flag.end()
        flag = _FLAG.match(line, at)
    return at


def _rows(lines: list[str], rows: list[int], body: int, escape: str, dialect: str,
          heredocs: list[re.Match[str]], documents: list[tuple[list[int], int]]) -> Iterator[tuple[int, str]]:
    mark = _CONTINUATION[dialect]
    # ``RUN <<EOF`` and nothing else: the document is the script
    script = len(rows) == 1 and len(heredocs) == 1 and lines[rows[0]][body:].strip() == heredocs[0].group(0)
    for k, r in enumerate(rows):
        line = lines[r].rstrip("\r")
        if k == 0:
            line = " " * body + line[body:]
        if k < len(rows) - 1 and escape != mark:
            cut = line.rstrip()
            line = cut[:-1] + mark + line[len(cut):]
        if script:
            line = " " * len(line)
        yield r + 1, line
    for document, end in documents:
        for r in document:
            yield r + 1, lines[r].rstrip("\r")
        if not script and end < len(lines):
            yield end + 1, lines[end].rstrip("\r")


def _continued(line: str, escape: str) -> bool:
    return line.rstrip().endswith(escape)


def _shell(argv: str) -> str | None:
    """The dialect of a ``SHELL ["/bin/bash", "-c"]`` instruction's program; None for another."""
    try:
        words = json.loads(argv)
    except ValueError:
        return None
    if not isinstance(words, list) or not words or not isinstance(words[0], str):
        return None
    program = re.split(r"[\\/]", words[0])[-1].lower()
    return _SHELLS.get(program[:-4] if program.endswith(".exe") else program)
