"""What git ignores and what it lists: ``.gitignore`` files (and ``.git/info/exclude``) read
through pathspec's ``GitIgnoreSpec``, each compiled once, and ``git ls-files`` through the one
git runner."""
from __future__ import annotations

import os

from . import inputs
from .lines import split_lines


class Ignore:
    """The ``.gitignore`` rules in force in one directory: each applying file compiled once, as
    ``(absolute POSIX folder, spec)``, outermost first; the deepest file that matches decides."""

    __slots__ = ("rules",)

    def __init__(self, rules: tuple = ()) -> None:
        self.rules = rules

    @classmethod
    def above(cls, directory: str) -> Ignore:
        """The rules for ``directory``: ``.git/info/exclude`` and every ``.gitignore`` from the
        repository root down to it (only its own when it is not inside a git repository)."""
        top = absolute(directory)
        root = git_root(top)
        chain = [top]
        if root is not None:
            while chain[-1] != root:
                chain.append(os.path.dirname(chain[-1]))
        ignore = cls()
        for folder in reversed(chain):
            ignore = ignore.child(folder)
        return ignore

    def child(self, directory: str, names: frozenset[str] | None = None) -> Ignore:
        """The rules inside ``directory``: a nested repository starts afresh; its own ``.gitignore``
        adds to those above. ``names``: its entries, when already listed."""
        rules = self.rules
        if names is None or ".git" in names:
            if os.path.exists(os.path.join(directory, ".git")):
                rules = ()
                rules += spec_of(directory, os.path.join(directory, ".git", "info", "exclude"))
        if names is None or ".gitignore" in names:
            rules += spec_of(directory, os.path.join(directory, ".gitignore"))
        return self if rules is self.rules else Ignore(rules)

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


def spec_of(directory: str, path: str) -> tuple:
    """The rules of the ignore file ``path`` (its first MiB), anchored at ``directory``; ``()`` when
    there is none. The matcher is imported only when there is a file to read."""
    try:
        data = inputs.read_bytes(path, 1024 * 1024)
    except inputs.TooLarge as exc:
        data = exc.head
    except OSError:  # missing, unreadable, or not a regular file (a FIFO never blocks the walk)
        return ()
    from pathspec import GitIgnoreSpec

    # git skips a byte-order mark that opens the file (Windows PowerShell's and Notepad's UTF-8)
    lines = split_lines(data.decode("utf-8", "surrogateescape").removeprefix("\ufeff"))
    try:
        spec = GitIgnoreSpec.from_lines(lines)
    except (ValueError, TypeError):  # a pattern pathspec cannot read; git would skip it too
        spec = GitIgnoreSpec.from_lines([line for line in lines if _readable(line)])
    live = any(pattern.include is not None for pattern in spec.patterns)  # not only comments and blank lines
    return ((absolute(directory).rstrip("/") + "/", spec),) if live else ()


def _readable(line: str) -> bool:
    from pathspec import GitIgnoreSpec

    try:
        GitIgnoreSpec.from_lines([line])
    except (ValueError, TypeError):
        return False
    return True


def absolute(path: str) -> str:
    return os.path.abspath(path).replace(os.sep, "/")


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
