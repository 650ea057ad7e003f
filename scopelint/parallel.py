"""Read files while the walk goes on: serially for small trees, over worker processes once a tree
proves large. Results come back in discovery order, so output never depends on scheduling, and
only files with something in them cross the process boundary."""
from __future__ import annotations

import os
import signal
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor

from .catalog import Catalog
from .config import Config
from .discovery import Entry
from .limits import Limits
from .model import FileFacts
from .reading import read

PARALLEL_MIN_FILES = 500  # below this, starting workers costs more than it saves
PARALLEL_MIN_BYTES = 4 * 1024 * 1024  # ... unless the files are big: a few large files are slow too
CHUNK = 256
CHUNK_BYTES = 1024 * 1024  # a chunk closes at CHUNK files or this many bytes, so big files spread out


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _worker_init() -> None:
    """Ctrl-C reaches every process of the terminal's group: only the parent answers it (exit 130);
    a worker interrupted mid-file would print a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop(pool: ProcessPoolExecutor) -> None:
    """On Ctrl-C: end the workers now rather than wait for the files they are reading."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # shutdown forgets them
    for process in workers:
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _read_chunk(entries: list[Entry], catalog: Catalog, limits: Limits) -> list[FileFacts]:
    return [f for f in (read(e, catalog, limits) for e in entries) if f.worth_keeping()]


def extract(entries: Iterable[Entry], config: Config, catalog: Catalog) -> tuple[list[FileFacts], int]:
    """The facts of every file worth keeping, read against the catalog in force, and how many files were read."""
    jobs = config.jobs or default_jobs()
    limits = config.limits
    pool: ProcessPoolExecutor | None = None
    futures: list[Future[list[FileFacts]]] = []
    buffer: list[Entry] = []
    count = size = buffered = 0
    try:
        for entry in entries:
            count += 1
            size += min(entry.size, limits.max_file_size)
            buffered += min(entry.size, limits.max_file_size)
            buffer.append(entry)
            if pool is None and jobs > 1 and (count >= PARALLEL_MIN_FILES or size >= PARALLEL_MIN_BYTES):
                pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init)
            if pool is not None and (len(buffer) >= CHUNK or buffered >= CHUNK_BYTES):
                futures.append(pool.submit(_read_chunk, buffer, catalog, limits))
                buffer, buffered = [], 0
        if pool is None:
            return _read_chunk(buffer, catalog, limits), count
        if buffer:
            futures.append(pool.submit(_read_chunk, buffer, catalog, limits))
        return [facts for future in futures for facts in future.result()], count
    except KeyboardInterrupt:
        if pool is not None:
            _stop(pool)
            pool = None
        raise
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
