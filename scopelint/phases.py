"""Where a run's time goes, for the benchmark (``benchmarks/run.py``): with ``SCOPELINT_PHASES``
set to a file name, the run records when it reached each phase and how long it spent walking, and
writes them there as JSON when the process ends. Unset (always, outside the benchmark), every call
returns at once and nothing is written."""
from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
_TARGET = os.environ.get("SCOPELINT_PHASES")
_marks: dict[str, float] = {}
_sums: dict[str, float] = {}


def mark(name: str) -> None:
    """The wall-clock time (seconds since the epoch) the run reached phase ``name``."""
    if _TARGET:
        _marks[name] = time.time()


def summed(name: str, items: Iterable[T]) -> Iterable[T]:
    """``items`` unchanged; with phases on, the time spent producing them is added up under ``name``."""
    return _summed(name, items) if _TARGET else items


def _summed(name: str, items: Iterable[T]) -> Iterator[T]:
    it = iter(items)
    clock = time.perf_counter
    spent = 0.0
    try:
        while True:
            start = clock()
            try:
                item = next(it)
            except StopIteration:
                return
            finally:
                spent += clock() - start
            yield item
    finally:
        _sums[name] = _sums.get(name, 0.0) + spent


def _write() -> None:
    import json

    _marks["exit"] = time.time()
    tmp = f"{_TARGET}.{os.getpid()}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({"marks": _marks, "sums": _sums}, fh, sort_keys=True)
        os.replace(tmp, _TARGET)
    except OSError:
        pass


if _TARGET:
    import atexit

    atexit.register(_write)
