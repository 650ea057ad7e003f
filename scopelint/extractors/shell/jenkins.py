"""Jenkins pipelines (``Jenkinsfile``, ``*.jenkinsfile``, ``Jenkinsfile.*``): the shell of their
``sh``, ``bat``, ``powershell`` and ``pwsh`` steps, with the variables of their ``environment {}``
blocks.

A step's script is a Groovy string (``'...'``, ``"..."``, ``'''...'''``, ``\"\"\"...\"\"\"``), given directly
or as ``script:``. Each is read by the shell wing's reader from a copy of the file in which all but
that string's content is blanked out, so every fact keeps its line and column. ``${X}`` and ``$X``
are references, unresolved unless an ``environment`` block gives ``X`` a value written out in quotes
(``CELONIS_SCOPE = 'studio'``; ``credentials('id')`` is none). Each step runs in a shell of its own."""
from __future__ import annotations

import re

from ...model import FileFacts
from ..recognition.source import Source
from ..recognition.text import LineIndex, Piece, Text

_DIALECTS = {"sh": "sh", "bat": "bat", "powershell": "ps", "pwsh": "ps"}
# a step and the opening of its string: sh '...', sh(script: """...""", returnStdout: true), bat "..."
_STEP = re.compile(r"""(?<![\w.$])(sh|bat|powershell|pwsh)\s*(?:\(\s*(?:script\s*:\s*)?)?(?=['"])""")
_STRING = re.compile(r"""'''(.*?)'''|\"\"\"(.*?)\"\"\"|'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)\"""", re.S)
_ENVIRONMENT = re.compile(r"(?<![\w.])environment\s*\{")
_ASSIGNMENT = re.compile(r"""^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*(?:'([^'$\\\n]*)'|"([^"$\\\n]*)")[ \t]*$""", re.M)


_NOT_PIPELINES = ("md", "txt", "rst", "adoc", "html", "png", "svg", "bak", "orig")


def claims(path: str, explicit: bool = False) -> bool:
    name = path.rsplit("/", 1)[-1].lower()
    return name == "jenkinsfile" or name.endswith(".jenkinsfile") \
        or name.startswith("jenkinsfile.") and name.rsplit(".", 1)[-1] not in _NOT_PIPELINES


def extract(src: Source, facts: FileFacts) -> None:
    from ..recognition.requests import Emitter
    from .scripts import read

    text = src.text
    env = _environment(text)
    for m in _STEP.finditer(text):
        found = _STRING.match(text, m.end())
        if found is None:
            continue
        group = next(g for g in range(1, 5) if found.group(g) is not None)
        start, end = found.start(group), found.end(group)
        if _in_comment(text, m.start()):
            continue
        script = _blanked(text, start, end, double=group in (2, 4))
        line = text.count("\n", 0, m.start()) + 1
        emitter = Emitter(facts, LineIndex(src.path, script), src.catalog, unit=f"step@{line}")
        read(script, _DIALECTS[m.group(1)], emitter, env)


def _blanked(text: str, start: int, end: int, double: bool) -> str:
    """``text`` with everything but ``start``..``end`` blanked (line breaks kept); in a Groovy string
    with double quotes, ``\\$`` is a ``$`` for the shell (the backslash blanked, columns kept)."""
    body = text[start:end]
    if double:
        body = body.replace("\\$", " $")
    before = re.sub(r"[^\n]", " ", text[:start])
    after = re.sub(r"[^\n]", " ", text[end:])
    return before + body + after


def _in_comment(text: str, at: int) -> bool:
    line_start = text.rfind("\n", 0, at) + 1
    return "//" in text[line_start:at] or text.rfind("/*", 0, at) > text.rfind("*/", 0, at)


def _environment(text: str) -> dict[str, Text]:
    """The variables ``environment {}`` blocks write out, each at its place."""
    out: dict[str, Text] = {}
    for m in _ENVIRONMENT.finditer(text):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        for a in _ASSIGNMENT.finditer(text, m.end(), i - 1):
            group = 2 if a.group(2) is not None else 3
            out.setdefault(a.group(1), Text((Piece(a.group(group), a.start(group)),)).named(a.group(1)))
    return out
