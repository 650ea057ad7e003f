"""Helpers every extractor test shares: run one extractor on a text, and read its facts back as
plain tuples (positions included) that a test can compare."""
from __future__ import annotations

import textwrap
from types import ModuleType

from scopelint.extractors import Source
from scopelint.model import FileFacts


def extract(path: str, text: str, *modules: ModuleType, dedent: bool = True) -> FileFacts:
    """The facts ``modules`` find in ``text`` at ``path``, each run only when it claims the path."""
    if dedent:
        text = textwrap.dedent(text).lstrip("\n")
    out = FileFacts(path)
    src = Source(path, text)
    for module in modules:
        if module.claims(path):
            module.extract(src, out)
    return out


def scope_var_rows(f: FileFacts, end: bool = True) -> list[tuple]:
    """``(name, line, col[, end_col])`` of each scope in the file's Celonis scope variables."""
    return [(r.name, r.loc.line, r.loc.col) + ((r.loc.end_col,) if end else ()) for s in f.scope_vars for r in s.refs]


def call_rows(f: FileFacts) -> list[tuple[str | None, str, int, int]]:
    """``(method, path, line, col)`` of each API call."""
    return [(c.method, c.path, c.loc.line, c.loc.col) for c in f.api_calls]
