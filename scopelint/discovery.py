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
from dataclasses import dataclass

from .globs import matches

VCS_DIRS = frozenset({".git", ".hg", ".svn"})
# default excludes: folder name -> what it is (reported with everything they pass over)
SKIP_DIRS = {
    **dict.fromkeys(("node_modules", "bower_components", "site-packages", ".eggs"), "dependency folder"),
    **dict.fromkeys((".venv", "venv", ".tox", ".nox"), "virtualenv"),
    **dict.fromkeys(("build", "dist", ".next", ".nuxt", ".gradle", ".terraform"), "build output"),
    **dict.fromkeys(("__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", ".idea"),
                    "tool cache"),
}
VENV_MARKER_MAX = 64 * 1024  # a pyvenv.cfg larger than this is not read (nor taken for one)


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


@dataclass(frozen=True)
class Excluded:
    """A folder a default exclude passed over (not walked), with what it was taken for."""

    path: str
    reason: str


def default_exclude(name: str, path: str, names: frozenset[str] | None = None) -> str | None:
    """Why the folder ``path`` (named ``name``) is a default exclude, or None. ``names``: its
    entries, when already listed (spares a lookup)."""
    reason = SKIP_DIRS.get(name)
    if reason is not None:
        return reason
    if name.endswith(".egg-info"):
        return "build output"
    if (names is None or "pyvenv.cfg" in names) and is_virtualenv(path):
        return "virtualenv"
    return None


def is_virtualenv(path: str) -> bool:
    """A real virtualenv: a ``pyvenv.cfg`` that says ``home = ...``, beside ``bin``, ``Scripts`` or ``lib``."""
    try:
        with open(os.path.join(path, "pyvenv.cfg"), "rb", buffering=0) as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return False
            text = fh.read(VENV_MARKER_MAX)
    except OSError:
        return False
    if not any(line.partition(b"=")[0].strip().lower() == b"home" and b"=" in line for line in text.splitlines()):
        return False
    return any(os.path.isdir(os.path.join(path, sub)) for sub in ("bin", "Scripts", "lib"))


class _Ignore:
    """The ``.gitignore`` rules in force in one directory: each applying file compiled once, as
    ``(absolute POSIX folder, spec)``, outermost first; the deepest file that matches decides."""

    __slots__ = ("rules",)

    def __init__(self, rules: tuple = ()) -> None:
        self.rules = rules

    @classmethod
    def above(cls, directory: str) -> _Ignore:
        """The rules for ``directory``: ``.git/info/exclude`` and every ``.gitignore`` from the
        repository root down to it (only its own when it is not inside a git repository)."""
        top = _absolute(directory)
        root = git_root(top)
        chain = [top]
        if root is not None:
            while chain[-1] != root:
                chain.append(os.path.dirname(chain[-1]))
        ignore = cls()
        for folder in reversed(chain):
            ignore = ignore.child(folder)
        return ignore

    def child(self, directory: str, names: frozenset[str] | None = None) -> _Ignore:
        """The rules inside ``directory``: a nested repository starts afresh; its own ``.gitignore``
        adds to those above. ``names``: its entries, when already listed."""
        rules = self.rules
        if names is None or ".git" in names:
            if os.path.exists(os.path.join(directory, ".git")):
                rules = ()
                rules += _spec_of(directory, os.path.join(directory, ".git", "info", "exclude"))
        if names is None or ".gitignore" in names:
            rules += _spec_of(directory, os.path.join(directory, ".gitignore"))
        return self if rules is self.rules else _Ignore(rules)

    def ignored(self, path: str, is_dir: bool) -> bool:
        """Whether the absolute POSIX ``path`` is ignored."""
        for base, spec in reversed(self.rules):
            if not path.startswith(base):
                continue
            rel = path[len(base):]
            result = spec.check_file(rel + "/" if is_dir else rel)
            if result.include is not None:
                return result.include
        return False


def _spec_of(directory: str, path: str) -> tuple:
    from pathspec import GitIgnoreSpec

    try:
        with open(path, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return ()
            data = fh.read(1024 * 1024)
    except OSError:
        return ()
    lines = data.decode("utf-8", "surrogateescape").splitlines()
    try:
        spec = GitIgnoreSpec.from_lines(lines)
    except (ValueError, TypeError):  # a pattern pathspec cannot read; git would skip it too
        spec = GitIgnoreSpec.from_lines([line for line in lines if _readable(line)])
    live = any(pattern.include is not None for pattern in spec.patterns)  # not only comments and blank lines
    return ((_absolute(directory).rstrip("/") + "/", spec),) if live else ()


def _readable(line: str) -> bool:
    from pathspec import GitIgnoreSpec

    try:
        GitIgnoreSpec.from_lines([line])
    except (ValueError, TypeError):
        return False
    return True


def _absolute(path: str) -> str:
    return os.path.abspath(path).replace(os.sep, "/")


def repository_root(paths: list[str] | tuple[str, ...]) -> str:
    """The top of the git work tree holding the first path, else the first path's folder
    (a display path, like those of ``Entry``)."""
    first = paths[0] if paths else "."
    start = os.path.abspath(first)
    directory = start if os.path.isdir(start) else os.path.dirname(start)
    return _display(git_root(directory) or directory) or "."


def git_root(directory: str) -> str | None:
    """The nearest folder at or above the absolute ``directory`` that holds ``.git``."""
    here = directory
    while not os.path.exists(os.path.join(here, ".git")):
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent
    return here


def git_files(directory: str) -> list[str] | None:
    """What ``git ls-files -co --exclude-standard`` lists under ``directory`` (relative to it,
    POSIX), or None when git is missing or ``directory`` is not in a work tree."""
    from . import gitcmd

    try:
        done = gitcmd.run(directory, "ls-files", "-z", "--cached", "--others", "--exclude-standard", timeout=120)
    except gitcmd.GitMissing:
        return None
    if done.returncode:
        return None
    listed = set(os.fsdecode(done.stdout).split("\0"))  # a conflicted file is listed once per stage
    listed.discard("")
    # the walk's order: folder by folder (``a/b`` before ``a-b``), as if "/" sorted before any name
    return sorted(listed, key=lambda p: p.replace("/", "\0"))


def _display(path: str) -> str:
    if not path:
        return "''"
    rel = os.path.relpath(path) if not os.path.isabs(path) or path.startswith(os.getcwd()) else path
    rel = rel.replace(os.sep, "/")
    return rel[2:] if rel.startswith("./") else rel


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
            except OSError as exc:
                yield Skipped(_display(given), exc.strerror or "cannot be read")
                continue
            yield Entry(_display(given), given, True, size)

    def _tree(self, directory: str, display: str) -> Iterator[Entry | Skipped | Excluded]:
        """A folder: from git's list inside a work tree (links are never followed there), else walked."""
        if self.use_git and not self.follow and git_root(_absolute(directory)) is not None:
            listed = git_files(directory)
            if listed is not None:
                yield from self._listed(directory, display, listed)
                return
        yield from self._walk_dir(directory, display, _Ignore.above(directory))

    def _inside(self, real: str) -> bool:
        return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in self.roots)

    def _listed(self, directory: str, display: str, listed: list[str]) -> Iterator[Entry | Skipped | Excluded]:
        verdict: dict[str, str | None] = {"": None}  # folder (relative) -> the excluded folder it lies in, or None
        # a virtualenv is only looked for where git lists a pyvenv.cfg (the walk: where a folder holds one)
        venvs = {rel.rpartition("/")[0] for rel in listed if rel.rpartition("/")[2] == "pyvenv.cfg"}
        reported: set[str] = set()
        exclude, twice, lstat, regular = self.exclude, self.twice, os.lstat, stat.S_IFREG
        prefix = f"{display}/" if display else ""
        inside = "" if directory == "." else os.path.join(directory, "")
        for rel in listed:
            if rel[-1] == "/":  # a nested repository git does not enter
                rel = rel[:-1]
            folder, _, name = rel.rpartition("/")
            where = verdict[folder] if folder in verdict else self._excluded_in(directory, folder, verdict, venvs)
            if where is not None:
                if where not in reported:
                    reported.add(where)
                    reason = default_exclude(where.rpartition("/")[2], os.path.join(directory, where))
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
                    reason = default_exclude(name, path)
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

    def _excluded_in(self, directory: str, folder: str, verdict: dict[str, str | None], venvs: set[str]) -> str | None:
        if folder in verdict:
            return verdict[folder]
        parent, _, name = folder.rpartition("/")
        where = self._excluded_in(directory, parent, verdict, venvs)
        names = None if folder in venvs else frozenset()
        if where is None and (name in VCS_DIRS or default_exclude(name, os.path.join(directory, folder), names) is not None):
            where = folder
        verdict[folder] = where
        return where

    def _revisit(self, directory: str, real: str) -> str:
        """Why a directory reached again through a link is not walked twice: a loop, or a second way in."""
        parent = os.path.realpath(os.path.dirname(os.path.abspath(directory)))
        if parent == real or parent.startswith(real.rstrip(os.sep) + os.sep):
            return "symbolic link loop: directory already scanned"
        return f"symbolic link to a directory already scanned as {self.seen[real]!r}; not scanned twice"

    def _enter(self, directory: str, display: str, ignore: _Ignore, root: bool
               ) -> tuple[Iterator[os.DirEntry[str]], str, _Ignore, str] | Skipped | Excluded:
        """A folder's sorted entries with the rules in force there, or why it is not walked."""
        if self.follow:
            real = os.path.realpath(directory)
            if real in self.seen:
                return Skipped(display or ".", self._revisit(directory, real))
            self.seen[real] = display or "."
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            return Skipped(display or ".", f"cannot list directory: {exc.strerror or exc}")
        if not root:
            names = frozenset(e.name for e in entries)
            reason = default_exclude(os.path.basename(directory), directory, names)
            if reason is not None:
                return Excluded(display, reason)
            ignore = ignore.child(directory, names)
        base = _absolute(directory).rstrip("/") if ignore.rules else ""
        return iter(entries), display, ignore, base

    def _walk_dir(self, directory: str, display: str, ignore: _Ignore) -> Iterator[Entry | Skipped | Excluded]:
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
                        yield Excluded(child, default_exclude(name, entry.path, frozenset()) or "default exclude")
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
                try:
                    size = entry.stat(follow_symlinks=follow).st_size
                except OSError as exc:
                    yield Skipped(child, exc.strerror or "cannot be read")
                    continue
                yield Entry(child, entry.path, False, size)
            else:
                stack.pop()
