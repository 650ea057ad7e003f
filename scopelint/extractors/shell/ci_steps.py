"""The shell of CI pipeline steps: GitHub Actions and CircleCI ``run:``, GitLab and Bitbucket
``script:``/``before_script:``/``after_script:``, Azure Pipelines ``script:``/``bash:``/``pwsh:``.

Each step's script is read by the shell wing's reader from a copy of the pipeline file in which
everything but that script is blanked out, so every fact keeps its line and column in the YAML
file (block scalars ``|`` and ``>`` included). ``${{ secrets.X }}``, ``$X`` and ``$(X)`` are
references: unresolved, and no finding rests on them.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ... import located
from ...located import Node, ParseError
from ...model import FileFacts
from ..recognition.requests import Emitter
from ..recognition.source import Source, ci_pipeline
from ..recognition.text import LineIndex
from .scripts import read

_SH_KEYS = ("run", "script", "before_script", "after_script", "bash", "command")
_PS_KEYS = ("pwsh", "powershell")
# ``${{ ... }}``; an expression does not run on past the next ``${{`` (a line of unclosed ones was
# scanned to its end from each)
_EXPRESSION = re.compile(r"\$\{\{((?:(?!\$\{\{).)*?)\}\}")


def claims(path: str, explicit: bool = False) -> bool:
    return ci_pipeline(path)


def extract(src: Source, facts: FileFacts) -> None:
    try:
        docs = located.from_yaml_all(src.text, src.path)
    except ParseError:
        return  # the ciconfig extractor notes the file as skipped
    seen: set[tuple] = set()  # steps that share an anchored script write its facts once
    for kind, scalars in _scripts(docs):
        text, numbers = blanked(src.lines, scalars)
        if text.strip():
            read(text, kind, Emitter(facts, LineIndex(src.path, text, numbers), src.catalog, seen))


def _scripts(docs: list[Node]) -> Iterator[tuple[str, list[Node]]]:
    """``(dialect, scalars)`` for each step script; a list of commands is one script (one shell)."""
    stack = list(docs)
    while stack:
        node = stack.pop()
        if isinstance(node.value, list):
            stack.extend(node.value)
            continue
        if not isinstance(node.value, dict):
            continue
        shell = node.get("shell")
        groups: dict[str, list[Node]] = {}  # one job's before_script and script run in one shell
        for key, child in node.value.items():
            scalars = _strings(child)
            if key in _SH_KEYS + _PS_KEYS and scalars:
                ps = key in _PS_KEYS or (key == "run" and shell is not None and str(shell.value).lower() in _PS_KEYS)
                groups.setdefault("ps" if ps else "sh", []).extend(scalars)
            elif key == "run" and child.get("command") is not None:  # CircleCI ``run: {command: ...}``
                groups.setdefault("sh", []).extend(_strings(child.get("command")))  # type: ignore[arg-type]
            elif isinstance(child.value, (dict, list)):
                stack.append(child)
        yield from groups.items()


def _strings(node: Node) -> list[Node]:
    if node.tag == "str":
        return [node]
    if isinstance(node.value, list) and node.value and all(item.tag == "str" for item in node.value):
        return list(node.value)
    return []


def blanked(lines: list[str], scalars: list[Node]) -> tuple[str, list[int]]:
    """The lines ``scalars`` stand on with only them left standing, each character in its own column,
    and the line of the file each line of the text is. The lines between two scalars far apart (an
    alias and its anchor) are one blank line, so a step costs what its scalars hold, not the distance."""
    out: dict[int, list[str]] = {}

    def put(index: int, start: int, text: str) -> None:
        row = out.setdefault(index, [])
        if len(row) < start + len(text):
            row.extend(" " * (start + len(text) - len(row)))
        row[start:start + len(text)] = list(text)

    for node in scalars:
        loc = node.loc
        first = loc.line - 1
        if first >= len(lines):
            continue
        opener = lines[first][loc.col - 1:loc.col] if loc.col >= 1 else ""
        last = (loc.end_line or loc.line) - 1
        if opener in ("|", ">"):  # a block scalar: its content is the lines after the indicator
            if loc.end_col == 1:
                last -= 1
            body = range(first + 1, min(last, len(lines) - 1) + 1)
            folded = opener == ">"
            for n, i in enumerate(body):
                tail = " \\" if folded and n < len(body) - 1 and lines[i].strip() else ""
                put(i, 0, lines[i] + tail)
            continue
        quote = lines[first][loc.col - 2:loc.col - 1] if loc.col >= 2 else ""
        written = lines[first][loc.col - 1:(loc.end_col or len(lines[first]) + 1) - 1] if last == first else ""
        if quote == '"' and last == first and "\\" in written:
            written = _unescaped(written)  # type: ignore[assignment]
            if written is None:
                continue
        elif quote in ("'", '"') and last != first:
            continue  # line folding inside quotes: the text is not the script as written
        if loc.col >= 2:
            put(first, loc.col - 2, ";")  # a new command, even on a line another one stands on
        if last == first:
            put(first, loc.col - 1, written)
            continue
        put(first, loc.col - 1, lines[first][loc.col - 1:] + " \\")  # a folded plain or quoted scalar
        for i in range(first + 1, min(last, len(lines) - 1) + 1):
            end = (loc.end_col or 1) - 1 if i == last else len(lines[i])
            put(i, 0, lines[i][:end] + ("" if i == last else " \\"))
    if not out:
        return "", [1]
    rows: list[str] = []
    numbers: list[int] = []  # the line of the file each row is
    for i in sorted(out):
        if numbers and i > numbers[-1]:  # lines between (an alias far from its anchor): one blank row, not each
            rows.append("")
            numbers.append(numbers[-1] + 1)
        rows.append(_EXPRESSION.sub(_reference, "".join(out[i])))
        numbers.append(i + 1)
    return "\n".join(rows) + "\n", numbers


_ESCAPE = re.compile(r'\\(.)')


def _unescaped(written: str) -> str | None:
    """A double-quoted YAML scalar's script, character for character in its columns, when its only
    escapes are ``\\"`` and ``\\\\`` (``"curl -H \\"Authorization: AppKey $KEY\\" ..."``): each ``\\"``
    is a quote, the column it gives up a space outside the quoted word (before an opening quote, after
    a closing one); ``\\\\`` means to the shell what it means to YAML. Other escapes: None."""
    out, at, opening = [], 0, True
    for m in _ESCAPE.finditer(written):
        if m.group(1) not in ('"', "\\"):
            return None
        out.append(written[at:m.start()])
        out.append(m.group(0) if m.group(1) == "\\" else ' "' if opening else '" ')
        opening = opening != (m.group(1) == '"')
        at = m.end()
    out.append(written[at:])
    return "".join(out)


def _reference(m: re.Match) -> str:
    """``${{ secrets.X }}`` as a shell reference of the same length, ``${_secrets_X_}``."""
    return "${" + re.sub(r"\W", "_", "{" + m.group(1) + "}") + "}"
