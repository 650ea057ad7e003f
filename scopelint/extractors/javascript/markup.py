"""The scripts of an HTML page and of a Vue or Svelte component: each ``<script>`` block whose type
is JavaScript (or TypeScript, JSX, a module) read as JavaScript where it stands. Everything else
in the file is blanked to spaces, line breaks kept, so a fact's line and column are the file's.

A script's ``src`` is another file (read on its own, if it is the project's); templates, JSON and
JSON-LD blocks, event attributes and the page's text are not code."""
from __future__ import annotations

import re

from ... import lazy_re
from ...model import FileFacts
from ..recognition.source import Source

_TYPE = lazy_re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
_LANG = lazy_re.compile(r"""\blang\s*=\s*["']?([^"'\s>]*)""", re.I)
SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module", "text/babel", "text/jsx",
                          "text/typescript", "application/typescript", "text/ecmascript", "application/ecmascript"})
SCRIPT_LANGS = frozenset({"", "js", "ts", "jsx", "tsx", "javascript", "typescript"})
_NOT_A_BREAK = lazy_re.compile(r"[^\r\n]")
_LINE_END_SPACES = lazy_re.compile(r"(?<![ \t])[ \t]+(?=\r?\n|\r|$)")  # from the start of a run only: linear


def preload() -> None:
    from . import code

    code.preload()


def scripts(text: str) -> list[tuple[int, int]]:
    """The spans of the JavaScript in ``text``'s ``<script>`` blocks, in order, those inside an HTML
    comment left out (one scan: a block or a comment that never closes ends the search)."""
    lowered = text.lower()
    out: list[tuple[int, int]] = []
    at, start, comment = 0, -1, -1  # where the search is; the next script and the next comment found from there
    while True:
        if start < at:
            start = lowered.find("<script", at)
            if start < 0:
                return out
        if comment < at:
            comment = lowered.find("<!--", at)
            if comment < 0:
                comment = len(text)  # none ahead
        if comment < start:  # a script commented out is no code: on after the comment
            end = lowered.find("-->", comment + 4)
            if end < 0:
                return out
            at = end + 3
            continue
        opened = lowered.find(">", start)
        if opened < 0:
            return out
        close = lowered.find("</script", opened)
        if close < 0:
            return out
        attributes = text[start + len("<script"):opened]
        kind = _TYPE.search(attributes)
        lang = _LANG.search(attributes)
        if (kind.group(1).lower() if kind else "") in SCRIPT_TYPES and (lang.group(1).lower() if lang else "") in SCRIPT_LANGS \
                and text[opened + 1:close].strip():
            out.append((opened + 1, close))
        at = close + len("</script")


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with everything outside ``spans`` turned to spaces, line breaks kept, and the spaces
    that end a line dropped (a long line of markup is no long line of code)."""
    parts, at = [], 0
    for start, end in spans:
        parts.append(_blank(text[at:start]))
        parts.append(text[start:end])
        at = end
    parts.append(_blank(text[at:]))
    return _LINE_END_SPACES.sub("", "".join(parts))


def _blank(gap: str) -> str:
    """``gap`` as spaces and its line breaks; the spaces of a line the gap ends are dropped at once."""
    if "\r" in gap:
        return _NOT_A_BREAK.sub(" ", gap)
    lines = gap.split("\n")
    return "\n" * (len(lines) - 1) + " " * len(lines[-1])


def extract(src: Source, facts: FileFacts) -> None:
    read_spans(src, facts, scripts(src.text))


def read_spans(src: Source, facts: FileFacts, spans: list[tuple[int, int]]) -> None:
    """The JavaScript at ``spans`` of ``src`` read where it stands, the rest of the file blanked;
    the signs of a token request are looked for in that JavaScript alone."""
    from . import code

    if not spans:
        src.signs = ""
        return
    inner = Source(src.path, blanked(src.text, spans), src.explicit, src.catalog)
    code.extract(inner, facts)
    src.signs = inner.signs if inner.signs is not None else inner.text
