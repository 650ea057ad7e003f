"""The files a run reads. Inside a git work tree, the files git lists (``git ls-files -co
--exclude-standard``: tracked files, and untracked ones that ``.gitignore`` does not ignore);
elsewhere, or when git is missing, a walk that reads ``.gitignore`` files as git does. Either way:
VCS folders are passed over silently; dependency, virtualenv, build and cache folders are passed
over and reported (``Excluded``); ``--exclude`` globs apply; symbolic links are not followed unless
switched on, and never out of the paths given."""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from operator import attrgetter
from typing import NamedTuple

from .excludes import MARKER_FILES, SKIP_DIRS, VCS_DIRS, default_exclude
from .gitignore import Ignore, absolute, git_files, git_root
from .globs import matches
from .records import record


class Entry(NamedTuple):
    """A file to read, as the walk or the command line gave it: a tuple, made once per file and sent
    to a worker process, so it is cheap to build and to pickle."""

    path: str  # display path: relative to the working directory where possible, POSIX
    real: str  # the OS path to open
    explicit: bool
    size: int  # bytes, where the walk learnt it for free (named on the command line, listed by git); else UNKNOWN


UNKNOWN = -1  # a walked file's size: a stat per file would cost the walk half its time, and reading learns it anyway


@record
class Skipped:
    """A path not read, with the reason."""

    path: str
    reason: str


@record
class Excluded:
    """A folder a default exclude passed over (not walked), with what it was taken for."""

    path: str
    reason: str


def repository_root(paths: list[str] | tuple[str, ...]) -> tuple[str, str]:
    """The top of the git work tree holding the first path, else the first path's folder (a display path,
    like those of ``Entry``); and the folder its paths are judged from (``is_test_path``): the work tree's
    top, else the folder a folder given stands in (``tests/repo``: ``tests``; ``repo/tests``: ``repo``),
    ``.`` for a file given by a relative path, its folder for one given by an absolute path."""
    first = paths[0] if paths else "."
    start = os.path.abspath(first)
    directory = start if os.path.isdir(start) else os.path.dirname(start)
    top = git_root(directory)
    root = _display(top or directory) or "."
    if top:
        return root, root
    if os.path.isdir(start):
        return root, _display(os.path.dirname(start)) or "."
    # a file: judged as given, from the working directory down; named from elsewhere, from its folder
    return root, "." if not os.path.isabs(first) else root


def _display(path: str) -> str:
    if not path:
        return "''"
    rel = os.path.relpath(path) if not os.path.isabs(path) or path.startswith(os.getcwd()) else path
    rel = rel.replace(os.sep, "/")
    return rel[2:] if rel.startswith("./") else rel


_NAME = attrgetter("name")


def walk(paths: list[str], exclude: tuple[str, ...], follow_symlinks: bool = False, use_git: bool = True
         ) -> Iterator[Entry | Skipped | Excluded]:
    """Files to lint (``Entry``), things passed over with a reason (``Skipped``) and folders a
    default exclude passed over (``Excluded``), in sorted order.

    A file reached twice (``scopelint check . clients.yaml``) is read once, as named on the command line."""
    return _Walk(paths, exclude, follow_symlinks, use_git).run()


class _Walk:
    def __init__(self, paths: list[str], exclude: tuple[str, ...], follow: bool, use_git: bool) -> None:
        self.paths, self.exclude, self.follow, self.use_git = paths, exclude, follow, use_git
        self.seen: dict[str, str] = {}  # real path -> display path of each directory scanned (when following links)
        # the "read once" check costs a path normalisation per file: only when a file can be reached twice
        self.twice = follow or len(paths) > 1
        self.done = {self._key(p) for p in paths if os.path.lexists(p) and not os.path.isdir(p)} if self.twice else set()
        # followed links stay inside what was given (whoever switched following on)
        self.roots = tuple(os.path.realpath(p) for p in paths if os.path.lexists(p)) if follow else ()

    def _key(self, path: str) -> str:
        return os.path.normcase(os.path.realpath(path) if self.follow else os.path.abspath(path))

    def run(self) -> Iterator[Entry | Skipped | Excluded]:
        named: set[str] = set()
        for given in self.paths:
            if not os.path.lexists(given):
                yield Skipped(_display(given), "no such file or directory")
                continue
            if os.path.isdir(given):
                root_display = _display(given)
                yield from self._tree(given, "" if root_display == "." else root_display)
                continue
            key = self._key(given) if self.twice else given
            if key in named:
                continue
            named.add(key)
            try:
                size = os.stat(given).st_size
            except FileNotFoundError:  # a link to nothing: missing, as a path that is not there (exit 2)
                yield Skipped(_display(given), "no such file or directory")
                continue
            except OSError as exc:
                yield Skipped(_display(given), exc.strerror or "cannot be read")
                continue
            yield Entry(_display(given), given, True, size)

    def _tree(self, directory: str, display: str) -> Iterator[Entry | Skipped | Excluded]:
        """A folder: from git's list inside a work tree (links are never followed there), else walked."""
        if self.use_git and not self.follow and git_root(absolute(directory)) is not None:
            listed = git_files(directory)
            if listed is not None:
                yield from self._listed(directory, display, listed)
                return
        yield from self._walk_dir(directory, display, Ignore.above(directory))

    def _inside(self, real: str) -> bool:
        return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in self.roots)

    def _listed(self, directory: str, display: str, listed: list[str]) -> Iterator[Entry | Skipped | Excluded]:
        verdict: dict[str, str | None] = {"": None}  # folder (relative) -> the excluded folder it lies in, or None
        # a virtualenv or vendored dependencies are only looked for where git lists the file that marks
        # them (the walk: where a folder holds one)
        venvs: dict[str, frozenset[str]] = {}
        for rel in listed:
            folder, _, name = rel.rpartition("/")
            if name in MARKER_FILES:
                venvs[folder] = venvs.get(folder, frozenset()) | {name}
        reported: set[str] = set()
        exclude, twice, lstat, regular = self.exclude, self.twice, os.lstat, stat.S_IFREG
        prefix = f"{display}/" if display else ""
        inside = "" if directory == "." else os.path.join(directory, "")
        for rel in listed:
            if rel[-1] == "/":  # a nested repository git does not enter
                rel = rel[:-1]
                if rel == ".":  # ... the folder itself: a submodule not checked out (its gitlink, listed from inside)
                    yield from self._walk_dir(directory, display, Ignore.above(directory))
                    continue
            folder, _, name = rel.rpartition("/")
            where = verdict[folder] if folder in verdict else self._excluded_in(directory, folder, verdict, venvs)
            if where is not None:
                if where not in reported:
                    reported.add(where)
                    reason = default_exclude(where.rpartition("/")[2], os.path.join(directory, where), shown=where)
                    if reason is not None:  # None: a VCS folder, passed over in silence
                        yield Excluded(prefix + where, reason)
                continue
            child = prefix + rel
            if exclude and matches(child, exclude):
                continue
            path = inside + rel
            try:
                info = lstat(path)
            except OSError:  # tracked but deleted, or gone since the listing
                continue
            kind = stat.S_IFMT(info.st_mode)
            if kind != regular:
                if kind == stat.S_IFLNK:
                    continue
                if kind == stat.S_IFDIR:  # a submodule or a nested repository: git lists the folder alone
                    if name in VCS_DIRS:
                        continue
                    reason = default_exclude(name, path, shown=rel)
                    if reason is not None:
                        yield Excluded(child, reason)
                        continue
                    yield from self._tree(path, child)
                    continue
            if twice:
                key = self._key(path)
                if key in self.done:
                    continue
                self.done.add(key)
            yield Entry(child, path, False, info.st_size)

    def _excluded_in(self, directory: str, folder: str, verdict: dict[str, str | None],
                     venvs: dict[str, frozenset[str]]) -> str | None:
        if folder in verdict:
            return verdict[folder]
        parent, _, name = folder.rpartition("/")
        where = self._excluded_in(directory, parent, verdict, venvs)
        names = venvs.get(folder, frozenset())
        if where is None and (name in VCS_DIRS
                              or default_exclude(name, os.path.join(directory, folder), names, folder) is not None):
            where = folder
        verdict[folder] = where
        return where

    def _revisit(self, directory: str, real: str) -> str:
        """Why a directory reached again through a link is not walked twice: a loop, or a second way in."""
        parent = os.path.realpath(os.path.dirname(os.path.abspath(directory)))
        if parent == real or parent.startswith(real.rstrip(os.sep) + os.sep):
            return "symbolic link loop: directory already scanned"
        return f"symbolic link to a directory already scanned as {self.seen[real]!r}; not scanned twice"

    def _enter(self, directory: str, display: str, ignore: Ignore, root: bool
               ) -> tuple[Iterator[os.DirEntry[str]], str, Ignore, str] | Skipped | Excluded:
        """A folder's sorted entries with the rules in force there, or why it is not walked."""
        if self.follow:
            real = os.path.realpath(directory)
            if real in self.seen:
                return Skipped(display or ".", self._revisit(directory, real))
            self.seen[real] = display or "."
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=_NAME)
        except OSError as exc:
            return Skipped(display or ".", f"cannot list directory: {exc.strerror or exc}")
        if not root:
            names = frozenset(e.name for e in entries)
            reason = default_exclude(os.path.basename(directory), directory, names, display)
            if reason is not None:
                return Excluded(display, reason)
            ignore = ignore.child(directory, names)
        base = absolute(directory).rstrip("/") if ignore.rules else ""
        return iter(entries), display, ignore, base

    def _walk_dir(self, directory: str, display: str, ignore: Ignore) -> Iterator[Entry | Skipped | Excluded]:
        """Depth first, each folder's entries by name, with a stack of open folders (no recursion)."""
        follow, exclude, twice = self.follow, self.exclude, self.twice
        opened = self._enter(directory, display, ignore, True)
        if not isinstance(opened, tuple):
            yield opened
            return
        stack = [opened]
        while stack:
            entries, display, ignore, base = stack[-1]
            for entry in entries:
                name = entry.name
                if name == ".git":  # a repository's own folder, or the file that points to it
                    continue
                child = f"{display}/{name}" if display else name
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
                if is_link and not self._inside(os.path.realpath(entry.path)):
                    yield Skipped(child, "symbolic link leads outside the paths given; not followed")
                    continue
                if exclude and matches(child, exclude):
                    continue
                if is_dir:
                    if name in VCS_DIRS or base and ignore.ignored(f"{base}/{name}", True):
                        continue
                    if name in SKIP_DIRS or name.endswith(".egg-info"):
                        reason = default_exclude(name, entry.path, None if name == "build" else frozenset(), child)
                        if reason is not None:  # a ``build`` folder that is a package of its own is walked
                            yield Excluded(child, reason)
                            continue
                    opened = self._enter(entry.path, child, ignore, False)
                    if isinstance(opened, tuple):
                        stack.append(opened)
                        break  # into the folder; this one's remaining entries wait on the stack
                    yield opened
                    continue
                if base and ignore.ignored(f"{base}/{name}", False):
                    continue
                if twice:
                    key = self._key(entry.path)
                    if key in self.done:
                        continue
                    self.done.add(key)
                yield Entry(child, entry.path, False, UNKNOWN)
            else:
                stack.pop()
