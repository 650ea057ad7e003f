"""Terraform configuration (``.tf``) and variable files (``.tfvars``), read line by line as
``name = "value"`` settings, each judged by ``variables.judge`` with the exact columns of its value:

- in a ``.tfvars`` file, every ``name = "..."`` (``celonis_client_secret = "..."``);
- a ``variable "NAME" { default = "..." }`` is the setting ``NAME``;
- in ``locals {}`` and any other block (a provider's, a resource's), each attribute by its own name.

Only a string written out in double quotes is a value; one that interpolates (``"${var.x}/token"``)
is judged as a template, whose references stay unresolved. Heredocs and expressions are passed over.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import FileFacts
from ..recognition.source import Source
from ..recognition.variables import at, celonis_context, judge, oauth_client, pair_words

_BLOCK = re.compile(r'^\s*([A-Za-z_][\w-]*)((?:\s+"[^"\n]*"|\s+[A-Za-z_][\w-]*)*)\s*\{\s*(?:#.*|//.*)?$')
_ATTRIBUTE = re.compile(r'^\s*([A-Za-z_][\w-]*)\s*=\s*"((?:[^"\\\n]|\\.)*)"\s*,?\s*(?:#.*|//.*)?$')
_LABEL = re.compile(r'"([^"\n]*)"')
Setting = tuple[str, str, tuple[int, int, int, int]]


def extract(src: Source, facts: FileFacts) -> None:
    found = list(settings(src.lines))
    context = celonis_context(pair_words((name, value) for name, value, _ in found))
    oauth = oauth_client(name for name, _, _ in found)
    for name, value, (line, col, end_line, end_col) in found:
        judge(name, value, at(src.path, line, col, end_line, end_col), facts, context, src.catalog, oauth=oauth)


def settings(lines: list[str]) -> Iterator[Setting]:
    """Each ``name = "value"``, by the name it sets: a ``variable`` block's ``default`` is the variable's."""
    stack: list[str | None] = []  # for each open block, the variable it declares (None: another block)
    heredoc: str | None = None
    for number, line in enumerate(lines, 1):
        if heredoc is not None:
            if line.strip() == heredoc:
                heredoc = None
            continue
        opened = re.search(r"<<-?\s*([A-Za-z_]\w*)\s*$", line)
        if opened:
            heredoc = opened.group(1)
            continue
        block = _BLOCK.match(line)
        if block:
            labels = _LABEL.findall(block.group(2))
            stack.append(labels[0] if block.group(1) == "variable" and labels else None)
            continue
        m = _ATTRIBUTE.match(line)
        if m:
            name = m.group(1)
            if name == "default" and stack and stack[-1] is not None:
                name = stack[-1]
            value = m.group(2)
            yield name, value, (number, m.start(2) + 1, number, m.end(2) + 1)
            continue
        closes = line.count("}") - line.count("{")
        for _ in range(max(closes, 0)):
            if stack:
                stack.pop()
        if line.rstrip().endswith("{") and not block:  # an attribute whose value opens a map: ``tags = {``
            stack.append(None)
