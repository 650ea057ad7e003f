"""Other files of the project read for the values a file imports from them (``python.modules``,
``javascript.modules``): each read and parsed once per process while it is unchanged."""
from __future__ import annotations

import os
import posixpath
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from ... import inputs, limits

T = TypeVar("T")


class Parsed(Generic[T]):
    """The files parsed so far, the ``size`` most recently used kept."""

    def __init__(self, parse: Callable[[str, str], T], size: int = 32) -> None:
        self.parse = parse  # (path, text) -> what the importing readers need
        self.size = size
        self._kept: OrderedDict[tuple[str, int, int], T | None] = OrderedDict()

    def load(self, path: str) -> T | None:
        """What ``parse`` makes of the file at ``path``; None when it cannot be read or parsed."""
        try:
            info = os.stat(path)
        except OSError:
            return None
        key = (path, info.st_size, info.st_mtime_ns)
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        try:
            found: T | None = self.parse(path, inputs.read_text(path, limits.max_file_size()))
        except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
            found = None
        self._kept[key] = found
        if len(self._kept) > self.size:
            self._kept.popitem(last=False)
        return found


class PerFolder(Generic[T]):
    """What was found for a folder of the project (and what else the question names), kept for a
    run: a relative folder names one from the working directory, which is part of the key, so a
    process that changes directory never takes another tree's answer, and ``forget`` drops them all
    when a run starts (files may have come, gone or changed since the last). At most ``size`` kept."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: dict[tuple[Hashable, ...], T] = {}
        _ALL.append(self)

    def get(self, folder: str, build: Callable[[], T], *rest: Hashable) -> T:
        key = (folder if posixpath.isabs(folder) else os.getcwd(), folder, *rest)
        if key not in self._kept:
            if len(self._kept) >= self.size:
                self._kept.clear()
            self._kept[key] = build()
        return self._kept[key]


_ALL: list[PerFolder] = []  # type: ignore[type-arg]


def forget() -> None:
    """Drop what every ``PerFolder`` found: called as a run starts."""
    for kept in _ALL:
        kept._kept.clear()
