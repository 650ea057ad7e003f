"""The scripts of a Bruno request or collection (``script:pre-request``, ``script:post-response``
and ``tests`` blocks of a ``.bru`` file), read as JavaScript where they stand: everything else in
the file is blanked, as a page's markup is (``markup.read_spans``), so a fact's line and column are
the file's. A block closes at a ``}`` alone at the start of a line, as Bruno writes it."""
from __future__ import annotations

import re

from ... import lazy_re
from ...model import FileFacts
from ..recognition.source import Source
from .markup import read_spans

_SCRIPT = lazy_re.compile(r"^(?:script:pre-request|script:post-response|tests)[ \t]*\{[ \t]*\r?$", re.M)
_CLOSE = lazy_re.compile(r"^\}[ \t]*\r?$", re.M)


def preload() -> None:
    from . import code

    code.preload()


def scripts(text: str) -> list[tuple[int, int]]:
    """The spans of the JavaScript of ``text``'s script blocks, in order."""
    out: list[tuple[int, int]] = []
    at = 0
    while True:
        m = _SCRIPT.search(text, at)
        if m is None:
            return out
        close = _CLOSE.search(text, m.end())
        end = close.start() if close is not None else len(text)
        if text[m.end():end].strip():
            out.append((m.end(), end))
        if close is None:
            return out
        at = close.end()


def extract(src: Source, facts: FileFacts) -> None:
    read_spans(src, facts, scripts(src.text))
