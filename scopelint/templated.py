"""YAML written through a template engine (a Helm chart's ``templates/``, ``{{ }}`` in Go templates
or Jinja): the text with its actions taken out so that the YAML around them parses, every line and
column where it was.

- An action alone on its line (``{{- if .Values.x }}``, ``{{- toYaml . | nindent 8 }}``) leaves the
  line empty; a comment (``{{/* ... */}}``) is taken out whatever it holds; one that writes lines
  of its own (``nindent``, ``toYaml``) is blank wherever it stands.
- A value written in an action (``{{ default "x" .Values.y }}``, ``{{ "x" | quote }}``) stays where
  it stands, the rest of the action blank: it is what the chart sends when nothing is configured.
- Another action inside a line (``value: {{ .Values.url | quote }}``) becomes a reference of the
  same length, ``$___Values_url___quote___``, which every reader takes for a value it cannot resolve
  (no braces: in a flow sequence they would be YAML's own).
- Of an ``if``/``with``/``range`` block only the first branch is kept: the ``else`` branches usually
  write the same keys again. A ``define`` block is left out: it is written where it is included.

The text is scanned once, action by action.
"""
from __future__ import annotations

import re

from . import lazy_re

_OPENS = {"if", "with", "range", "define", "block"}  # actions that an ``end`` closes
_BLANK = _OPENS | {"else", "end", "/*"}  # actions that never stand for a value
_NOT_WORD = lazy_re.compile(r"\W")
_BLOCK = lazy_re.compile(r"\b(nindent|toYaml)\b")  # writes lines of its own: ``labels: {{- include "x" . | nindent 4 }}``
_NOT_BREAK = lazy_re.compile(r"[^\n]")
_SPACES_ONLY = lazy_re.compile(r"^[ \t]+(?=\r?$)", re.M)  # a line left blank is emptied: in a block scalar its spaces would be content
# an action whose value, when nothing is configured, is a string written in it: ``{{ "x" | quote }}``,
# ``{{ default "x" .Values.y }}``, ``{{ .Values.y | default "x" | quote }}``
_LITERAL = lazy_re.compile(r'^\{\{-?\s*(?:(?:default\s+)?("(?:[^"\\\n]|\\.)*")(?:\s+\.[\w.$]+)?|\.[\w.$]+\s*\|\s*default\s+("(?:[^"\\\n]|\\.)*"))'
                           r'(?:\s*\|\s*(?:quote|squote|trim|toString))*\s*-?\}\}$')
_WORD = lazy_re.compile(r"[-\s]*(/\*)?\s*([a-z]*)")


def untemplated(text: str) -> str | None:
    """``text`` with its template actions taken out, or ``None`` if it has none or one is not closed."""
    if "{{" not in text:
        return None
    out: list[str] = []
    at = 0
    depth = 0  # blocks open
    skipping = 0  # the depth at which an ``else`` branch began, 0 when none is being left out
    line_start = 0
    alone_on = (-1, False)  # the line last looked at, and whether it holds only actions
    while True:
        start = text.find("{{", at)
        if start < 0:
            break
        m = _WORD.match(text, start + 2)  # every part optional: it always matches
        comment = m.group(1) is not None  # {{/* ... */}}: may hold "}}" and run over lines
        close = text.find("*/", m.end()) if comment else start
        end = text.find("}}", close + 2) if close >= 0 else -1
        if end < 0:
            return None
        end += 2
        word = "/*" if comment else m.group(2)  # a comment: always blank
        before = text[at:start]
        out.append(_blank(before) if skipping else before)
        action = text[start:end]
        if word in _OPENS:
            depth += 1
            if word == "define" and not skipping:  # a named template: written where it is included, not here
                skipping = depth
        elif word == "else" and depth and not skipping:
            skipping = depth
        elif word == "end" and depth:
            if skipping == depth:
                skipping = 0
            depth -= 1
        line_start = max(line_start, text.rfind("\n", at, start) + 1)
        if line_start != alone_on[0]:
            alone_on = (line_start, _only_actions(text, line_start))
        literal = None if skipping or alone_on[1] or word in _BLANK else _LITERAL.search(action)
        if literal is not None and _after_key(text, line_start, start):
            # a value written in the template (``{{ default "s3cr3t" .Values.key | quote }}``): kept where it stands
            g = 1 if literal.group(1) is not None else 2
            out.append(_blank(action[:literal.start(g)]) + literal.group(g) + _blank(action[literal.end(g):]))
        elif skipping or alone_on[1] or word in _BLANK or "\n" in action or _BLOCK.search(action):
            out.append(_blank(action))
        else:
            out.append(reference(action))
        if "\n" in action:
            line_start = text.rfind("\n", start, end) + 1
        at = end
    rest = text[at:]
    out.append(_blank(rest) if skipping else rest)
    return _SPACES_ONLY.sub("", "".join(out))


def reference(written: str) -> str:
    """A piece of another language written into a text (``{{ .Values.url }}``, ``${{ secrets.X }}``,
    ``$(NAME)``, ``{expr}``) as a reference of the same length, ``$_`` and its word characters
    (``$___Values_url___``): every reader takes it for a value it cannot resolve, and what stands
    after it keeps its column. Two characters or more."""
    return "$_" + _NOT_WORD.sub("_", written[2:])


def referenced(m: re.Match[str]) -> str:
    """``reference`` of what a pattern matched, for ``pattern.sub``."""
    return reference(m.group(0))


def _only_actions(text: str, line_start: int) -> bool:
    """Whether the line starting at ``line_start`` holds nothing but template actions and blanks."""
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end < 0 else line_end
    at = line_start
    while True:
        while at < line_end and text[at] in " \t\r":
            at += 1
        if at >= line_end:
            return True
        if not text.startswith("{{", at):
            return False
        close = text.find("}}", at + 2, line_end)
        if close < 0:
            return False
        at = close + 2


def _after_key(text: str, line_start: int, start: int) -> bool:
    """Whether what stands before ``start`` on its line ends in ``:`` or ``-`` (a value's place), looking
    back over blanks only: each action's look stops where the one before it ended, so a line of
    thousands of actions is still read once."""
    at = start - 1
    while at >= line_start and text[at] in " \t":
        at -= 1
    return at >= line_start and text[at] in ":-"


def _blank(part: str) -> str:
    """``part`` as spaces, its line breaks kept."""
    return " " * len(part) if "\n" not in part else _NOT_BREAK.sub(" ", part)
