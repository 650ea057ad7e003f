"""``.env`` files, Java ``.properties`` files, Dockerfile ``ENV``/``ARG`` instructions and the
``Environment=`` lines of systemd units and Podman Quadlet containers.

Every assignment is judged by ``_variables.judge`` with the exact columns of its value:
``export KEY=value``, quoted values (also spanning lines), ``KEY=value # comment``,
``key: value`` and continued lines in ``.properties``, ``ENV A=1 B="x y"``, the legacy
``ENV KEY value`` and ``ARG KEY=default`` with line continuations.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ... import lazy_re
from ...model import FileFacts
from ..recognition.source import Source, is_dockerfile
from .dockerfile import instructions, pairs
from .tree import read_elsewhere
from ..recognition.variables import SYSTEM_PROPERTY, at, celonis_context, client_settings, judge, oauth_client, pair_words


# ``.env`` files, and Cloudflare Workers' ``.dev.vars`` (the same format, for ``wrangler dev``)
_ENV = lazy_re.compile(r"^(\.env(\..+)?|.+\.env|\.dev\.vars(\..+)?)$", re.I)
_UNIT = lazy_re.compile(r"^.+\.(service|container)$", re.I)  # a systemd service, a Podman Quadlet container
_ASSIGN = lazy_re.compile(r"^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*")
_PROPERTY = lazy_re.compile(r"^\s*((?:\\.|[^\s=:\\])+)(\s*[=:]\s*|\s+)")
Assignment = tuple[str, str, tuple[int, int, int, int]]  # name, value, (line, col, end line, end col)


def kind_of(path: str) -> str | None:
    name = path.rsplit("/", 1)[-1]
    if is_dockerfile(name):
        return "dockerfile"
    if name.lower().endswith(".properties"):
        return "properties"
    if _ENV.match(name) and not name.lower().endswith(".sh"):
        return "env"
    if _UNIT.match(name):
        return "unit"
    return None


def claims(path: str, explicit: bool = False) -> bool:
    return kind_of(path) is not None


def extract(src: Source, facts: FileFacts) -> None:
    kind = kind_of(src.kind_path)
    reader = {"env": dotenv, "properties": properties, "dockerfile": dockerfile, "unit": unit}.get(kind or "")
    if reader is None:
        return
    assignments = list(reader(src.lines))
    commented = list(commented_out(src.lines)) if kind in ("env", "properties") else []
    context = celonis_context(pair_words((name, value) for name, value, _ in assignments))
    oauth = oauth_client(name for name, _, _ in assignments)
    client = client_settings((name, value) for name, value, _ in assignments)
    for (name, value, (line, col, end_line, end_col)), in_comment in \
            [(a, False) for a in assignments] + [(a, True) for a in commented]:
        if kind == "properties" and read_elsewhere(name):
            continue  # a Spring client registration or EMS connector setting: read as a whole elsewhere
        judge(name, value, at(src.path, line, col, end_line, end_col), facts, context, src.catalog,
              commented=in_comment, oauth=oauth, client=client, lines=src.lines)


_COMMENTED = lazy_re.compile(r"^\s*[#!]+\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*")


def commented_out(lines: list[str]) -> Iterator[Assignment]:
    """``# KEY=value`` lines (an example or a disabled setting), the value located as on a live line."""
    for number, line in enumerate(lines, 1):
        m = _COMMENTED.match(line)
        if not m:
            continue
        rest = line[m.end():]
        if rest[:1] in ("'", '"') and rest.find(rest[0], 1) > 0:
            value, start = rest[1:rest.find(rest[0], 1)], m.end() + 1
        else:
            value, start = re.split(r"\s#", rest, maxsplit=1)[0].rstrip(), m.end()
        yield m.group(1), value, (number, start + 1, number, start + 1 + len(value))


def dotenv(lines: list[str]) -> Iterator[Assignment]:
    """``[export] KEY=value`` lines; quoted values may span lines, unquoted ones end at `` #``."""
    i = 0
    while i < len(lines):
        m = _ASSIGN.match(lines[i])
        if not m:
            i += 1
            continue
        start, rest = m.end(), lines[i][m.end():]
        if rest[:1] in ("'", '"', "`"):
            value, end_line, end_col = _quoted(lines, i, start + 1, rest[0])
            yield m.group(1), value, (i + 1, start + 2, end_line + 1, end_col)
            i = end_line + 1
            continue
        value = re.split(r"\s#", rest, maxsplit=1)[0].rstrip()
        yield m.group(1), value, (i + 1, start + 1, i + 1, start + 1 + len(value))
        i += 1


def _quoted(lines: list[str], index: int, offset: int, quote: str) -> tuple[str, int, int]:
    """The text up to the closing quote (0-based line index of it, 1-based end column)."""
    parts = []
    for j in range(index, min(len(lines), index + 200)):
        text = lines[j][offset:] if j == index else lines[j]
        base = offset if j == index else 0
        k = 0
        while k < len(text):
            if text[k] == "\\" and quote == '"':
                k += 2
                continue
            if text[k] == quote:
                parts.append(text[:k])
                return "\n".join(parts), j, base + k + 1
            k += 1
        parts.append(text)
    # no closing quote: the rest of the first line is the value
    first = lines[index][offset:]
    return first, index, offset + len(first) + 1


def properties(lines: list[str]) -> Iterator[Assignment]:
    """``key=value``, ``key: value`` and ``key value``; a trailing backslash continues the value."""
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _PROPERTY.match(line)
        if not m or line.lstrip().startswith(("#", "!")):
            i += 1
            continue
        start = m.end()
        parts, j = [line[start:].rstrip()], i
        while _continued(lines[j]) and j + 1 < len(lines):
            parts[-1] = parts[-1][:-1]  # the backslash
            parts.append(lines[j + 1].strip())
            j += 1
        value = "".join(parts)  # joined once: adding line by line copied the value at every line
        end_col = len(lines[j].rstrip()) + 1 - (1 if _continued(lines[j]) else 0)
        yield m.group(1), value, (i + 1, start + 1, j + 1, end_col)
        i = j + 1


_EXEC_STRING = lazy_re.compile(r'"([^"\\]*)"')  # a string of an exec-form command, written without escapes
_PROPERTY_NAME = lazy_re.compile(r"[A-Za-z_][\w.-]*")


def _properties(text: str, body: int) -> Iterator[tuple[str, int, int]]:
    """``(name, value start, value end)`` of each ``-Dname=value`` of a command: a string of its own in
    the exec form (``["java", "-Dname=a value", ...]``, the whole string past ``=``), a word in the shell form."""
    if text[body:].lstrip().startswith("["):
        for m in _EXEC_STRING.finditer(text, body):
            name, eq, value = m.group(1)[2:].partition("=")
            if m.group(1).startswith("-D") and eq and value and _PROPERTY_NAME.fullmatch(name):
                yield name, m.start(1) + 3 + len(name), m.end(1)
        return
    for m in SYSTEM_PROPERTY.finditer(text, body):
        group = next(g for g in (2, 3, 4) if m.group(g) is not None)
        if m.end(group) > m.start(group):
            yield m.group(1), m.start(group), m.end(group)


def _continued(line: str) -> bool:
    return (len(line) - len(line.rstrip("\\"))) % 2 == 1


def dockerfile(lines: list[str]) -> Iterator[Assignment]:
    for keyword, logical in instructions(lines):
        if keyword in ("CMD", "ENTRYPOINT", "RUN"):  # java -Dname=value, in shell or exec form: a setting each
            for name, start, end in _properties(logical.text, logical.body):
                line, col = logical.pos[start]
                end_line, end_col = logical.pos[end - 1]
                yield name, logical.text[start:end], (line, col, end_line, end_col + 1)
            continue
        if keyword not in ("ENV", "ARG"):
            continue
        for name, start, end in pairs(logical.text, logical.body, legacy=keyword == "ENV"):
            line, col = logical.pos[start]
            end_line, end_col = logical.pos[end - 1]
            yield name, logical.text[start:end], (line, col, end_line, end_col + 1)


_UNIT_KEY = lazy_re.compile(r"^\s*(Environment|Exec(?:Start|StartPre|StartPost|Reload|Stop)|Exec)\s*=\s*")


def unit(lines: list[str]) -> Iterator[Assignment]:
    """A unit's ``Environment=`` assignments (``Environment="KEY=a value" OTHER=word``: quotes around a
    whole assignment, as systemd writes them) and the ``-Dname=value`` properties of the java command
    its ``ExecStart=`` (Quadlet's ``Exec=``) runs."""
    for number, line in enumerate(lines, 1):
        m = _UNIT_KEY.match(line)
        if not m:
            continue
        if m.group(1) != "Environment":
            for name, start, end in _properties(line, m.end()):
                yield name, line[start:end], (number, start + 1, number, end + 1)
            continue
        for start, end in _unit_words(line, m.end()):
            name, eq, value = line[start:end].partition("=")
            if eq and value and _PROPERTY_NAME.fullmatch(name):
                v0 = start + len(name) + 1
                yield name, value, (number, v0 + 1, number, end + 1)


def _unit_words(line: str, i: int) -> Iterator[tuple[int, int]]:
    """The offsets of each space-separated word of ``line`` from ``i``, inside its quotes when quoted."""
    n = len(line)
    while i < n:
        while i < n and line[i].isspace():
            i += 1
        if i >= n or line[i] == "#" and line[i - 1].isspace():
            return
        if line[i] in "\"'":
            close = line.find(line[i], i + 1)
            if close < 0:
                return
            yield i + 1, close
            i = close + 1
        else:
            start = i
            while i < n and not line[i].isspace():
                i += 1
            yield start, i
