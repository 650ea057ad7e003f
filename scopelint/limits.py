"""Per-file limits that hostile input cannot get past: size, nesting depth and an extraction time budget.

They travel as one ``Limits`` value: ``Config.limits`` → ``parallel.extract`` → ``reading.read``.
The size limit is checked before a file is read; ``reading.read`` puts the others in force while
the file is parsed (``in_force``), where parsers deep down read the depth with ``max_depth()``.
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .records import record

# Each limit's default and the range configuration may set it to (``config.BOUNDS`` checks it).
DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024
MAX_FILE_SIZE_RANGE = (1_000, 1024 * 1024 * 1024)  # bytes: up to 1 GiB per file
DEFAULT_MAX_DEPTH = 500
MAX_DEPTH_RANGE = (10, 1_000)  # levels: shallower breaks real documents, deeper outruns Python's recursion
DEFAULT_FILE_TIMEOUT = 10.0
FILE_TIMEOUT_RANGE = (0.1, 3_600.0)  # seconds: shorter skips every file, longer than an hour stalls CI
# scopes, calls, secrets, ... in one file: real files hold dozens; a flood would only become a flood of findings
MAX_FACTS = 10_000
# different secret values in one file that get a digest: each digest is slow on purpose (about 1.5 ms),
# so a file of thousands would spend its whole time budget on them and lose every fact
MAX_SECRETS = 1_000



# a notebook carries its outputs beside its code (plots as base64, tables as HTML), which are read past,
# not parsed: it may be this many times the size limit
NOTEBOOK_ALLOWANCE = 8


@record
class Limits:
    """The limits of one run (config ``max-file-size``, ``max-depth``, ``file-timeout``)."""

    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    max_depth: int = DEFAULT_MAX_DEPTH
    file_timeout: float | None = DEFAULT_FILE_TIMEOUT  # None: no time budget

    def size_limit(self, path: str) -> int:
        """The size limit of the file at ``path``: ``max-file-size``, or a notebook's allowance of it."""
        return self.max_file_size * NOTEBOOK_ALLOWANCE if path.lower().endswith(".ipynb") else self.max_file_size


_in_force: ContextVar[Limits] = ContextVar("scopelint_limits", default=Limits())
_secrets: ContextVar[set[int] | None] = ContextVar("scopelint_secrets", default=None)  # the file's secret values seen


class LimitExceeded(Exception):
    """A document nested deeper than ``max-depth``: the file is skipped with a note."""

    def __init__(self, message: str, setting: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message, self.setting, self.line, self.col = message, setting, line, col


class Timeout(BaseException):
    """The time budget of one file ran out. A ``BaseException``, so that no ``except Exception``
    inside an extractor can swallow it."""


def max_depth() -> int:
    """The nesting depth in force for the file being read."""
    return _in_force.get().max_depth


def max_file_size() -> int:
    """The size limit in force for the file being read (and what it reads besides)."""
    return _in_force.get().max_file_size


def too_deep(line: int = 1, col: int = 1) -> LimitExceeded:
    return LimitExceeded(f"nested more than {max_depth()} levels deep", "max-depth", line, col)


@contextmanager
def in_force(limits: Limits) -> Iterator[None]:
    """``limits`` apply to what is parsed in the block."""
    token, seen = _in_force.set(limits), _secrets.set(set())
    try:
        yield
    finally:
        _in_force.reset(token)
        _secrets.reset(seen)


def admit_secret(value: str) -> bool:
    """Whether a secret with this value gets its digest in the file being read: a value seen in it
    before does, and new ones up to ``MAX_SECRETS``."""
    seen = _secrets.get()
    if seen is None:  # not reading a file
        return True
    key = hash(value)
    if key not in seen:
        if len(seen) >= MAX_SECRETS:
            return False
        seen.add(key)
    return True


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


REPEAT = 0.05  # after the budget: fire again this often until the block is left
# the wall-clock time a block may take, as a multiple of its budget of processor time: what stops a
# reading that waits rather than works, where processor time does not pass
WALL_FACTOR = 10


_TIMERS = ((signal.SIGPROF, signal.ITIMER_PROF, 1), (signal.SIGALRM, signal.ITIMER_REAL, WALL_FACTOR)) \
    if hasattr(signal, "setitimer") else ()
_within = 0  # blocks under a budget the main thread is in


def _expire(_signum: int, _frame: object) -> None:
    if _within:
        raise Timeout()


@contextmanager
def budget(seconds: float | None) -> Iterator[None]:
    """Raise ``Timeout`` in the block once it has used ``seconds`` of processor time (a ``SIGPROF``
    interval timer), or taken ``WALL_FACTOR`` times that on the clock (``SIGALRM``). Processor time,
    not the clock: a file is read or given up whether the machine is idle or busy, so the same tree
    gives the same report under load.

    The timers keep firing every ``REPEAT`` seconds until the block is left, because an exception
    raised while a garbage-collector callback or ``__del__`` runs is swallowed. Only the main
    thread of a process receives the signals; elsewhere, and without ``setitimer``, the block runs
    without a budget. The handler stays in place between blocks (it does nothing outside one:
    installing it costs more than the rest of the block's set-up), unless it replaced another's (a
    test harness's), which is put back with the time its timer has left."""
    global _within
    if not seconds or seconds <= 0 or not _can_interrupt():
        yield
        return
    replaced = [(signum, signal.signal(signum, _expire)) for signum, _, _ in _TIMERS
                if signal.getsignal(signum) is not _expire]
    started = time.monotonic(), time.process_time()
    outer = [signal.setitimer(which, seconds * factor, REPEAT) for _, which, factor in _TIMERS]
    _within += 1
    try:
        yield
    finally:
        _within -= 1  # first: a timer that fires from here on raises nothing
        for _, which, _ in _TIMERS:
            signal.setitimer(which, 0)
        for signum, handler in replaced:
            if handler not in (signal.SIG_DFL, signal.SIG_IGN, None):
                signal.signal(signum, handler)
        for (_, which, _), (left, interval) in zip(_TIMERS, outer):
            if left:
                spent = time.process_time() - started[1] if which == signal.ITIMER_PROF else time.monotonic() - started[0]
                signal.setitimer(which, max(left - spent, 0.001), interval)
