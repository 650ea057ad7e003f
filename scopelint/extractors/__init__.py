"""Extractors turn one file into facts; they never produce findings or read other files.

The package is one shared layer and five wings (see ``CONTRIBUTING.md``):

- ``recognition/``: the only place a value becomes a fact (URL and name classification, Celonis
  recognition, the scope splitter, the secret test, the emitters);
- ``python/``, ``javascript/``, ``shell/``, ``documents/``, ``java/``: one wing per family of input kinds.
  A wing imports the shared layer and nothing of another wing.

Each extractor module (one line in ``EXTRACTOR_MODULES``) defines:

- ``NAME``: a short identifier;
- ``MARKERS``: lower-case byte strings, one of which a file must contain to be worth parsing
  (an empty tuple means every claimed file is parsed);
- ``claims(path, explicit) -> bool``: whether the (relative, POSIX) path is of its kind;
- ``extract(src, facts) -> None``: add facts for ``src`` to ``facts``. An extractor decides from
  the file alone: it never depends on what another extractor found or on the order they run in.

A new input kind is one module in one wing plus its line here; no rule changes.
"""
from __future__ import annotations

import importlib
from types import ModuleType

from .recognition.source import Source, suffix

__all__ = ["EXTRACTOR_MODULES", "Source", "extractors", "for_path", "suffix"]

# module paths under scopelint.extractors, in the order their facts are listed
EXTRACTOR_MODULES: tuple[str, ...] = (
    "documents.definitions", "python.code", "python.notebook", "javascript.code", "shell.scripts",
    "documents.envfiles", "documents.ciconfig", "documents.contentcli", "documents.postman", "documents.spring",
    "documents.appconfig", "documents.mcp", "documents.connector",
    "shell.ci_steps", "java.code",
)

_loaded: tuple[ModuleType, ...] | None = None


def extractors() -> tuple[ModuleType, ...]:
    global _loaded
    if _loaded is None:
        _loaded = tuple(importlib.import_module(f"{__name__}.{name}") for name in EXTRACTOR_MODULES)
    return _loaded


def for_path(path: str, explicit: bool = False) -> tuple[ModuleType, ...]:
    return tuple(ex for ex in extractors() if ex.claims(path, explicit))
