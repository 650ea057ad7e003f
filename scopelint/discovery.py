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
    """The ``.gitignore`` rules that apply in one directory (its own and its parents'), matched
    against absolute POSIX paths so that rules from above the scanned folder apply too."""

    def __init__(self, rules: tuple[tuple[str, str, bool, bool], ...] = ()) -> None:
        self.rules = rules  # (absolute base, pattern, negated, dir_only)

    @classmethod
    def above(cls, directory: str) -> _Ignore:
        """The rules for ``directory``: every ``.gitignore`` from the repository root down to it
        (only its own when it is not inside a Git repository)."""
        chain = [_absolute(directory)]
        while not os.path.exists(os.path.join(chain[-1], ".git")):
            parent = os.path.dirname(chain[-1])
            if parent == chain[-1]:
                chain = chain[:1]
                break
            chain.append(parent)
        ignore = cls()
        for folder in reversed(chain):
            ignore = ignore.child(folder)
        return ignore

    def child(self, directory: str) -> _Ignore:
        base = _absolute(directory)
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
            extra.append((base, line.rstrip("/"), neg, line.endswith("/")))
        return _Ignore(self.rules + tuple(extra)) if extra else self

    def ignored(self, path: str, is_dir: bool) -> bool:
        """Whether the absolute POSIX ``path`` is ignored; the last matching rule decides."""
        result = False
        for base, pattern, neg, dir_only in self.rules:
            if dir_only and not is_dir or not path.startswith(base.rstrip("/") + "/"):
                continue
            if compile_glob(pattern).match(path[len(base.rstrip("/")) + 1:]):
                result = not neg
        return result


def _absolute(path: str) -> str:
    return os.path.abspath(path).replace(os.sep, "/")


def repository_root(paths: list[str] | tuple[str, ...]) -> str:
    """The top of the git work tree holding the first path, else the first path's folder
    (a display path, like those of ``Entry``)."""
    first = paths[0] if paths else "."
    start = os.path.abspath(first)
    directory = start if os.path.isdir(start) else os.path.dirname(start)
    folder = directory
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return _display(folder) or "."
        parent = os.path.dirname(folder)
        if parent == folder:
            return _display(directory) or "."
        folder = parent


def _display(path: str) -> str:
    if not path:
        return "''"
    rel = os.path.relpath(path) if not os.path.isabs(path) or path.startswith(os.getcwd()) else path
    rel = rel.replace(os.sep, "/")
    return rel[2:] if rel.startswith("./") else rel


def walk(paths: list[str], exclude: tuple[str, ...], follow_symlinks: bool = False
         ) -> Iterator[Entry | Skipped]:
    """Files to lint (``Entry``) and things passed over with a reason (``Skipped``), in sorted order.

    A file reached twice (``scopelint check . clients.yaml``) is read once, as named on the command line."""
    seen: dict[str, str] = {}  # real path -> display path of each directory scanned (when following links)
    done = {_key(p, follow_symlinks) for p in paths if os.path.lexists(p) and not os.path.isdir(p)}
    named: set[str] = set()
    for given in paths:
        if not os.path.lexists(given):
            yield Skipped(_display(given), "no such file or directory")
            continue
        if os.path.isdir(given):
            root_display = _display(given)
            yield from _walk_dir(given, "" if root_display == "." else root_display, exclude,
                                 _Ignore.above(given), follow_symlinks, seen, done)
        elif _key(given, follow_symlinks) in named:
            continue
        else:
            named.add(_key(given, follow_symlinks))
            try:
                size = os.stat(given).st_size
            except OSError as exc:
                yield Skipped(_display(given), exc.strerror or "cannot be read")
                continue
            yield Entry(_display(given), given, True, size)


def _revisit(directory: str, real: str, first: str) -> str:
    """Why a directory reached again through a link is not walked twice: a loop, or a second way in."""
    parent = os.path.realpath(os.path.dirname(os.path.abspath(directory)))
    if parent == real or parent.startswith(real.rstrip(os.sep) + os.sep):
        return "symbolic link loop: directory already scanned"
    return f"symbolic link to a directory already scanned as {first!r}; not scanned twice"


def _key(path: str, follow: bool) -> str:
    return os.path.normcase(os.path.realpath(path) if follow else os.path.abspath(path))


def _walk_dir(directory: str, display: str, exclude: tuple[str, ...], ignore: _Ignore,
              follow: bool, seen: dict[str, str], done: set[str]) -> Iterator[Entry | Skipped]:
    if follow:
        real = os.path.realpath(directory)
        if real in seen:
            yield Skipped(display or ".", _revisit(directory, real, seen[real]))
            return
        seen[real] = display or "."
    base = _absolute(directory).rstrip("/")
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(display or ".", f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        child = f"{display}/{entry.name}" if display else entry.name
        full = f"{base}/{entry.name}"
        is_link = False
        try:
            is_link = entry.is_symlink()
            if is_link and not follow:
                continue
            is_dir = entry.is_dir(follow_symlinks=follow)
        except OSError as exc:  # a link to itself, or a file gone since the listing
            if is_link:
                yield Skipped(child, f"symbolic link not followed: {exc.strerror or exc}")
            continue
        if exclude and matches(child, exclude):
            continue
        if is_dir:
            if entry.name in SKIP_DIRS or entry.name.endswith(".egg-info") or ignore.ignored(full, True):
                continue
            if os.path.exists(os.path.join(entry.path, "pyvenv.cfg")):
                continue  # a virtualenv under any name
            yield from _walk_dir(entry.path, child, exclude, ignore.child(entry.path), follow, seen, done)
        elif ignore.ignored(full, False) or _key(entry.path, follow) in done:
            continue
        else:
            done.add(_key(entry.path, follow))
            try:
                size = entry.stat(follow_symlinks=follow).st_size
            except OSError as exc:
                yield Skipped(child, exc.strerror or "cannot be read")
                continue
            yield Entry(child, entry.path, False, size)
