"""Jenkins pipelines (``Jenkinsfile``, ``*.jenkinsfile``, ``Jenkinsfile.*``, a shared library's
``vars/*.groovy``): the shell of their
``sh``, ``bat``, ``powershell`` and ``pwsh`` steps, with the variables of their ``environment {}``
blocks.

A step's script is a Groovy string (``'...'``, ``"..."``, ``'''...'''``, ``\"\"\"...\"\"\"``), given directly
or as ``script:``. Each is read by the shell wing's reader on its own, from its line and column in
the file, so every fact keeps its place. ``${X}`` and ``$X``
are references, unresolved unless an ``environment`` block gives ``X`` a value written out in quotes
(``CELONIS_SCOPE = 'studio'``; ``credentials('id')`` is none), or a ``withEnv(['X=...'])`` step does; in
a double-quoted step, a Groovy string, ``${env.X}`` is ``X`` and ``${x}`` may also be a variable the
script defines once (``def x = '...'``). Each step runs in a shell of its own."""
from __future__ import annotations

import bisect
import re

from ... import lazy_re
from ...model import FileFacts
from ..recognition.source import Source
from ..recognition.text import LineIndex, Piece, Text, elsewhere
from ..recognition.variables import at, celonis_context, client_settings, judge, oauth_client, pair_words

_DIALECTS = {"sh": "sh", "bat": "bat", "powershell": "ps", "pwsh": "ps"}
MAX_PREFIX = 5_000  # characters before a step's script on its line, at most
# a step and the opening of its string: sh '...', sh(script: """...""", returnStdout: true), bat "...", and
# other named arguments before ``script:`` (``sh(returnStdout: true, script: "...")``, ``sh label: 'x', script: '...'``)
_STEP = lazy_re.compile(r"""(?<![\w.$])(sh|bat|powershell|pwsh)\s*(?:\(\s*)?(?:(?:\w+\s*:\s*(?:'[^'\n]*'|"[^"\n]*"|[\w.]+)\s*,\s*)*"""
                        r"""script\s*:\s*)?(?=['"])""")
_ENVIRONMENT = lazy_re.compile(r"(?<![\w.])environment\s*\{")
_WITH_ENV = lazy_re.compile(r"(?<![\w.])withEnv\s*\(\s*\[")
_ENV_ITEM = lazy_re.compile(r"""(['"])([A-Za-z_]\w*)=([^'"$\\\n]*)\1""")
_DEFINITION = lazy_re.compile(r"""^[ \t]*def[ \t]+([A-Za-z_]\w*)[ \t]*=[ \t]*(?:'([^'$\\\n]*)'|"([^"$\\\n]*)")[ \t]*;?[ \t]*$""", re.M)
_ASSIGNED = lazy_re.compile(r"^[ \t]*(?:def[ \t]+)?([A-Za-z_]\w*)[ \t]*=(?!=)", re.M)
_ASSIGNMENT = lazy_re.compile(r"""^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*(?:'([^'$\\\n]*)'|"([^"$\\\n]*)")[ \t]*$""", re.M)
# a scripted pipeline's ``env.NAME = '...'``: the environment of the steps after it
_ENV_SET = lazy_re.compile(r"""^[ \t]*env\.([A-Za-z_]\w*)[ \t]*=[ \t]*(?:'([^'$\\\n]*)'|"([^"$\\\n]*)")[ \t]*;?[ \t]*$""", re.M)


_NOT_PIPELINES = ("md", "txt", "rst", "adoc", "html", "png", "svg", "bak", "orig")


def claims(path: str, explicit: bool = False) -> bool:
    """A pipeline (``Jenkinsfile``, ``*.jenkinsfile``, ``Jenkinsfile.*``), or a shared library's step
    (``vars/*.groovy``), which holds a pipeline's or a stage's body."""
    name = path.rsplit("/", 1)[-1].lower()
    if name.endswith(".groovy"):
        return path.startswith("vars/") or "/vars/" in path
    return name == "jenkinsfile" or name.endswith(".jenkinsfile") \
        or name.startswith("jenkinsfile.") and name.rsplit(".", 1)[-1] not in _NOT_PIPELINES


def extract(src: Source, facts: FileFacts) -> None:
    from ..recognition.requests import Emitter
    from .scripts import read

    text = src.text
    whole = LineIndex(src.path, text)
    written = _environment(text)
    _settings(written, whole, facts, src)
    base = elsewhere(whole)  # the environment's values stand in the whole file
    env: dict[str, Text] = {}
    for name, value in written:  # a name two stages set: the first value, in every step
        env.setdefault(name, value.shifted(base))
    # a double-quoted step is a Groovy string: its ${name} may also be a variable the script defines
    groovy = {**{name: value.shifted(base) for name, value in _definitions(text).items()}, **env}
    strings, skipped = _lexed(text)
    starts = [a for a, _ in skipped]
    for m in _STEP.finditer(text):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and skipped[k][1] > m.start():
            continue  # in a comment, or a string: no step
        found = strings.get(m.end())
        if found is None:
            continue
        start, end, double = found
        line_start = text.rfind("\n", 0, start) + 1
        if start - line_start > MAX_PREFIX:
            continue  # a step far into one line: generated text, not a pipeline
        body = text[start:end].replace("\\$", " $") if double else text[start:end]
        line = whole.pos(start)[0]
        # the step alone, its first line padded to its column: facts keep their line and column
        script = " " * (start - line_start) + body
        emitter = Emitter(facts, LineIndex(src.path, script, line), src.catalog, unit=f"step@{whole.pos(m.start())[0]}")
        read(script, _DIALECTS[m.group(1)], emitter, groovy if double else env)


def _settings(env: list[tuple[str, Text]], whole: LineIndex, facts: FileFacts, src: Source) -> None:
    """The values ``environment {}`` and ``withEnv`` write out, each judged as an env file's settings are,
    where it stands (every stage's, where two set one name), before any step reads them: a secret is
    reported under its variable's name even when no step sends it (a script the pipeline runs reads it
    from the environment)."""
    pairs = [(name, value.value) for name, value in env]
    context = celonis_context(pair_words(pairs))
    oauth = oauth_client(name for name, _ in pairs)
    client = client_settings(pairs)
    for name, value in env:
        start = value.pieces[0].start
        if start is None or not value.value:
            continue
        line, col = whole.pos(start)
        judge(name, value.value, at(src.path, line, col, line, col + len(value.value)), facts, context, src.catalog,
              oauth=oauth, client=client)


def _lexed(text: str) -> tuple[dict[int, tuple[int, int, bool]], list[tuple[int, int]]]:
    """One pass over the Groovy text: each string by where its quote opens (its content's start and
    end, and whether it has double quotes), and the spans of comments and strings, in order. An
    unclosed string runs to the end of its line (``'``, ``"``) or of the file (``'''``)."""
    strings: dict[int, tuple[int, int, bool]] = {}
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "/" and text.startswith(("//", "/*"), i):
            j = text.find("\n", i) if text[i + 1] == "/" else text.find("*/", i + 2)
            j = n if j < 0 else j + (2 if text[i + 1] == "*" else 0)
            spans.append((i, j))
            i = j
        elif c in "'\"":
            triple = text.startswith(c * 3, i)
            start = i + (3 if triple else 1)
            j = text.find(c * 3, start) if triple else _closing(text, start, c)
            if j < 0:
                j = n if triple else (text.find("\n", start) % (n + 1))
                spans.append((i, j))
                i = j
                continue
            strings[i] = (start, j, c == '"')
            spans.append((i, j + (3 if triple else 1)))
            i = j + (3 if triple else 1)
        else:
            i += 1
    return strings, spans


def _closing(text: str, k: int, quote: str) -> int:
    """Where a one-line string from ``k`` ends (its closing quote), or -1."""
    while k < len(text):
        c = text[k]
        if c == "\\":
            k += 2
        elif c == quote:
            return k
        elif c == "\n":
            return -1
        else:
            k += 1
    return -1


def _definitions(text: str) -> dict[str, Text]:
    """The Groovy variables the script defines once with a value written out in quotes
    (``def baseUrl = 'https://...'``); one defined twice is not known."""
    out: dict[str, Text] = {}
    for a in _DEFINITION.finditer(text):
        group = 2 if a.group(2) is not None else 3
        out[a.group(1)] = Text((Piece(a.group(group), a.start(group)),)).named(a.group(1))
    if out:
        counts: dict[str, int] = {}
        for a in _ASSIGNED.finditer(text):
            counts[a.group(1)] = counts.get(a.group(1), 0) + 1
        out = {name: value for name, value in out.items() if counts.get(name, 0) == 1}
    return out


def _environment(text: str) -> list[tuple[str, Text]]:
    """The variables ``environment {}`` blocks, ``withEnv([...])`` steps and a scripted pipeline's
    ``env.NAME = '...'`` write out, each at its place, ``withEnv``'s first."""
    out: list[tuple[str, Text]] = []
    for m in _WITH_ENV.finditer(text):
        close = text.find("]", m.end())
        for a in _ENV_ITEM.finditer(text, m.end(), close if close >= 0 else min(len(text), m.end() + 2_000)):
            out.append((a.group(2), Text((Piece(a.group(3), a.start(3)),)).named(a.group(2))))
    for m in _ENVIRONMENT.finditer(text):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        out.extend(_assigned(a) for a in _ASSIGNMENT.finditer(text, m.end(), i - 1))
    out.extend(_assigned(a) for a in (_ENV_SET.finditer(text) if "env." in text else ()))
    return out


def _assigned(a: re.Match[str]) -> tuple[str, Text]:
    """The name and the quoted value (``'...'`` in group 2, ``"..."`` in 3) of an ``_ASSIGNMENT`` or ``_ENV_SET`` match."""
    group = 2 if a.group(2) is not None else 3
    return a.group(1), Text((Piece(a.group(group), a.start(group)),)).named(a.group(1))
