"""Extractors turn one file into facts; they never produce findings or read other files.

Each extractor module defines:

- ``NAME``: a short identifier;
- ``MARKERS``: lower-case byte strings, one of which a file must contain to be worth parsing
  (an empty tuple means every claimed file is parsed);
- ``claims(path, explicit) -> bool``: whether the (relative, POSIX) path is of its kind;
- ``extract(src, facts) -> None``: add facts for ``src`` to ``facts``.

A new input kind is a new module appended to ``EXTRACTORS``; no rule changes.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType

# module names under scopelint.extractors, in the order they run on a file
EXTRACTOR_MODULES: tuple[str, ...] = (
    "definitions", "python", "notebook", "javascript", "shell", "envfiles", "ciconfig", "contentcli", "postman",
)


@dataclass
class Source:
    path: str  # relative to the scan root, POSIX separators
    text: str
    explicit: bool = False  # named on the command line, not found by walking
    max_depth: int = 500
    _lines: list[str] | None = field(default=None, repr=False)

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines


_loaded: tuple[ModuleType, ...] | None = None


def extractors() -> tuple[ModuleType, ...]:
    global _loaded
    if _loaded is None:
        _loaded = tuple(importlib.import_module(f"{__name__}.{name}") for name in EXTRACTOR_MODULES)
    return _loaded


def for_path(path: str, explicit: bool = False) -> tuple[ModuleType, ...]:
    return tuple(ex for ex in extractors() if ex.claims(path, explicit))


def suffix(path: str) -> str:
    name = path.rsplit("/", 1)[-1].lower()
    return name.rsplit(".", 1)[-1] if "." in name else ""
