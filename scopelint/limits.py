"""Per-file limits that hostile input cannot get past: nesting depth and an extraction time budget.

The size limit is checked before a file is read (``reading``); these two apply while it is parsed.
Both are set per file by ``reading.read`` from the configuration (``max-depth``, ``file-timeout``).
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

DEFAULT_MAX_DEPTH = 500
DEFAULT_FILE_TIMEOUT = 10.0
# scopes, calls, secrets, ... in one file: real files hold dozens; a flood would only become a flood of findings
MAX_FACTS = 10_000

_depth: ContextVar[int] = ContextVar("scopelint_max_depth", default=DEFAULT_MAX_DEPTH)


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
    return _depth.get()


def too_deep(line: int = 1, col: int = 1) -> LimitExceeded:
    return LimitExceeded(f"nested more than {max_depth()} levels deep", "max-depth", line, col)


@contextmanager
def depth(limit: int) -> Iterator[None]:
    token = _depth.set(limit)
    try:
        yield
    finally:
        _depth.reset(token)


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


REPEAT = 0.05  # after the budget: fire again this often until the block is left


@contextmanager
def budget(seconds: float | None) -> Iterator[None]:
    """Raise ``Timeout`` in the block once ``seconds`` have passed (a ``SIGALRM`` interval timer).

    The timer keeps firing every ``REPEAT`` seconds until the block is left, because an exception
    raised while a garbage-collector callback or ``__del__`` runs is swallowed. Only the main
    thread of a process receives the signal; elsewhere, and without ``setitimer``, the block runs
    without a budget. A timer already running (a test harness's) is put back with the time it has left.
    """
    if not seconds or seconds <= 0 or not _can_interrupt():
        yield
        return
    inside = [True]

    def expire(_signum: int, _frame: object) -> None:
        if inside[0]:
            raise Timeout()

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    outer, interval = signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    try:
        yield
    finally:
        inside[0] = False
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # even when the timer fired on the way out, it is stopped and the handler put back
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            if outer:
                signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001), interval)
