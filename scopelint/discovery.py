"""Walk the given paths: skip VCS, dependency, virtualenv and build folders, ``.gitignore``d
paths, ``--exclude`` globs and symbolic links (unless following them is switched on)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from .globs import compile_glob, matches

SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", "node_modules", "bower_components", ".venv", "venv", ".tox", ".nox",
    "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", "site-packages",
    "build", "dist", ".eggs", ".next", ".nuxt", ".gradle", ".idea", ".terraform",
})


@dataclass(frozen=True)
class Entry:
    path: str  # display path: relative to the working directory where possible, POSIX
    real: str  # the OS path to open
    explicit: bool
    size: int


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


class _Ignore:
    """The ``.gitignore`` rules that apply in one directory (its own and its parents')."""

    def __init__(self, rules: tuple[tuple[str, str, bool, bool], ...] = ()) -> None:
        self.rules = rules  # (base, pattern, negated, dir_only)

    def child(self, directory: str, display: str) -> _Ignore:
        path = os.path.join(directory, ".gitignore")
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                lines = fh.read().splitlines()
        except OSError:
            return self
        extra = []
        for line in lines:
            line = line.rstrip()
            if not line or line.startswith("#"):
                continue
            neg = line.startswith("!")
            line = line[1:] if neg else line
            extra.append((display, line.rstrip("/"), neg, line.endswith("/")))
        return _Ignore(self.rules + tuple(extra)) if extra else self

    def ignored(self, display: str, is_dir: bool) -> bool:
        result = False
        for base, pattern, neg, dir_only in self.rules:
            if dir_only and not is_dir:
                continue
            rel = display if base in ("", ".") else (display[len(base) + 1:] if display.startswith(base + "/") else None)
            if rel is not None and compile_glob(pattern).match(rel):
                result = not neg
        return result


def _display(path: str) -> str:
    rel = os.path.relpath(path) if not os.path.isabs(path) or path.startswith(os.getcwd()) else path
    rel = rel.replace(os.sep, "/")
    return rel[2:] if rel.startswith("./") else rel


def walk(paths: list[str], exclude: tuple[str, ...], follow_symlinks: bool = False
         ) -> Iterator[Entry | Skipped]:
    """Files to lint (``Entry``) and things passed over with a reason (``Skipped``), in sorted order."""
    seen: set[str] = set()
    for given in paths:
        if not os.path.lexists(given):
            yield Skipped(_display(given), "no such file or directory")
            continue
        if os.path.isdir(given):
            root_display = _display(given)
            yield from _walk_dir(given, "" if root_display == "." else root_display, exclude,
                                 _Ignore().child(given, "" if root_display == "." else root_display), follow_symlinks, seen)
        else:
            try:
                size = os.stat(given).st_size
            except OSError as exc:
                yield Skipped(_display(given), exc.strerror or "cannot be read")
                continue
            yield Entry(_display(given), given, True, size)


def _walk_dir(directory: str, display: str, exclude: tuple[str, ...], ignore: _Ignore,
              follow: bool, seen: set[str]) -> Iterator[Entry | Skipped]:
    if follow:
        real = os.path.realpath(directory)
        if real in seen:
            yield Skipped(display or ".", "symbolic link loop: directory already scanned")
            return
        seen.add(real)
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(display or ".", f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        child = f"{display}/{entry.name}" if display else entry.name
        try:
            is_link = entry.is_symlink()
            if is_link and not follow:
                continue
            is_dir = entry.is_dir(follow_symlinks=follow)
        except OSError:
            continue
        if exclude and matches(child, exclude):
            continue
        if is_dir:
            if entry.name in SKIP_DIRS or entry.name.endswith(".egg-info") or ignore.ignored(child, True):
                continue
            if os.path.exists(os.path.join(entry.path, "pyvenv.cfg")):
                continue  # a virtualenv under any name
            yield from _walk_dir(entry.path, child, exclude, ignore.child(entry.path, child), follow, seen)
        elif ignore.ignored(child, False):
            continue
        else:
            try:
                size = entry.stat(follow_symlinks=follow).st_size
            except OSError as exc:
                yield Skipped(child, exc.strerror or "cannot be read")
                continue
            yield Entry(child, entry.path, False, size)
