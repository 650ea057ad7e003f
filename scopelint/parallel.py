"""Read files while the walk goes on: serially for small trees, over worker processes once a tree
proves large. Results come back in discovery order, so output never depends on scheduling.

What crosses the process boundary is small: the catalog and limits once per worker (when it
starts), then chunks of walk entries (paths and sizes, never contents) one way and the facts of
the files with something in them the other. A chunk closes at ``CHUNK`` files or ``CHUNK_BYTES``
bytes, whichever comes first, so a few big files spread over the workers instead of queueing
behind one. The walk does not learn sizes (a stat per file would cost it half its time): they are
looked up until the pool starts, and after that a file of unknown size counts as the mean of those.
Finished chunks are collected while the walk goes on, so neither their results nor the entries of
chunks not yet started pile up."""
from __future__ import annotations

import os
import signal
import time
from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .catalog import Catalog
from .config import Config
from .discovery import UNKNOWN, Entry
from .limits import Limits
from .model import FileFacts
from .extractors import forget, preload
from .extractors.recognition.source import judged_from
from .reading import read_worth_keeping

if TYPE_CHECKING:  # the process pool is imported only for a tree large enough to use it
    from concurrent.futures import Future, ProcessPoolExecutor

# below these, starting workers costs more than it saves: on 2 cores the benchmark's trees took, serially
# and with workers, 181 and 214 ms (1,000 files, 16 MB), 217 and 233 ms (2,000 files, 25 MB), 341 and
# 308 ms (5,000 files, 64 MB), 0.51 and 0.43 s (10,000 files)
PARALLEL_MIN_FILES = 3000
PARALLEL_MIN_BYTES = 32 * 1024 * 1024  # ... unless the files are big: a few large files are slow too
# a chunk closes at CHUNK files or CHUNK_BYTES bytes, so big files spread out; fewer, larger chunks
# cost less to hand over (256 files or 1 MiB took 0.05 s more of 0.67 s on the large benchmark tree)
CHUNK = 512
CHUNK_BYTES = 2 * 1024 * 1024
SERIAL_BUDGET = 1.0  # seconds of reading one file after another before the files left go to workers
IN_FLIGHT = 8  # chunks per worker submitted ahead of the oldest unfinished one: the walk waits beyond that
STOP_WAIT = 10.0  # seconds to wait on Ctrl-C for the pool's manager thread, whose workers are already ended

_worker: tuple[Catalog, Limits] | None = None  # what each worker process reads against, set when it starts


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def __getattr__(name: str) -> object:
    """``parallel.ProcessPoolExecutor``: the pool class, imported on first use (a run on a few
    files never needs it), and replaceable for tests."""
    if name == "ProcessPoolExecutor":
        from concurrent.futures import ProcessPoolExecutor

        globals()[name] = ProcessPoolExecutor
        return ProcessPoolExecutor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _pool_class() -> type[ProcessPoolExecutor]:
    return globals().get("ProcessPoolExecutor") or __getattr__("ProcessPoolExecutor")  # type: ignore[return-value]


def _forked() -> bool:
    """Whether worker processes start as forks of this one (and so inherit what it has loaded)."""
    import multiprocessing

    return multiprocessing.get_start_method(allow_none=False) == "fork"


def _start_worker(catalog: Catalog, limits: Limits, root: str) -> None:
    """Each worker keeps the catalog and limits of the run, and judges test paths from the repository's
    top (``root``). Ctrl-C reaches every process of the terminal's group: only the parent answers it
    (exit 130); a worker interrupted mid-file would print a traceback of its own."""
    global _worker
    _worker = (catalog, limits)
    judged_from(root)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop(pool: ProcessPoolExecutor) -> None:
    """On Ctrl-C: end the workers now rather than wait for the files they are reading.

    The pool's manager thread is then waited for (briefly: with its workers gone it only closes its
    pipes). Left running, it could close its wake-up pipe while the interpreter's exit hook writes
    to it, and Python would print that hook's traceback after "interrupted"."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # shutdown forgets them
    manager = getattr(pool, "_executor_manager_thread", None)  # and this
    for process in workers:
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    if manager is not None:
        manager.join(timeout=STOP_WAIT)


class Chunk(list):  # type: ignore[type-arg]
    """Walk entries on their way to a worker: a list, pickled as one string of paths, one of OS paths
    and the sizes, which takes a seventh of the time of pickling each entry (0.3 µs a file instead of
    1.8, in the process that also walks)."""

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        sizes = [e.size for e in self]
        explicit = [e.explicit for e in self]
        return _unpack, ("\0".join([e.path for e in self]), "\0".join([e.real for e in self]),
                         sizes if any(s != UNKNOWN for s in sizes) else None, explicit if any(explicit) else None)


def _unpack(paths: str, reals: str, sizes: list[int] | None, explicit: list[bool] | None) -> Chunk:
    """The chunk ``Chunk.__reduce__`` packed (no path holds a NUL, and none is empty)."""
    if not reals:
        return Chunk()
    split = paths.split("\0")
    return Chunk(map(Entry, split, reals.split("\0"), explicit or [False] * len(split), sizes or [UNKNOWN] * len(split)))


def _read_chunk(entries: list[Entry], catalog: Catalog, limits: Limits) -> list[FileFacts]:
    return [f for f in (read_worth_keeping(e, catalog, limits) for e in entries) if f is not None]


def _read_in_worker(entries: list[Entry]) -> list[FileFacts]:
    assert _worker is not None, "worker started without its catalog"
    return _read_chunk(entries, *_worker)


def _cost(entry: Entry, limits: Limits, unknown: int = 0) -> int:
    """The bytes reading ``entry`` may take (a file over the size limit is not read at all);
    ``unknown`` for a file whose size the walk did not learn."""
    if entry.size == UNKNOWN:
        return unknown
    return entry.size if entry.size <= limits.size_limit(entry.path) else 0


def _sized(entry: Entry) -> Entry:
    """``entry`` with its size, looked up if the walk did not learn it (before the pool starts:
    a few big files are reason enough to start it)."""
    if entry.size != UNKNOWN:
        return entry
    try:
        return entry._replace(size=os.stat(entry.real).st_size)
    except OSError:  # reading will say why
        return entry


def extract(entries: Iterable[Entry], config: Config, catalog: Catalog, root: str = ".") -> tuple[list[FileFacts], int]:
    """The facts of every file worth keeping, read against the catalog in force, and how many files were
    read; test paths are judged from ``root`` (the repository's top) down."""
    forget()  # the tree may have changed since a run before in this process
    judged_from(root)
    jobs = config.jobs or default_jobs()
    limits = config.limits
    pool: ProcessPoolExecutor | None = None
    pending: deque[Future[list[FileFacts]]] = deque()
    out: list[FileFacts] = []
    buffer = Chunk()
    count = total = buffered = 0
    guess = 0  # once the pool runs: the bytes a file of unknown size is taken for (the mean of those before)
    try:
        for entry in entries:
            count += 1
            if pool is None and jobs > 1:
                entry = _sized(entry)
            cost = _cost(entry, limits, guess)
            total += cost
            buffered += cost
            buffer.append(entry)
            if pool is None and jobs > 1 and (count >= PARALLEL_MIN_FILES or total >= PARALLEL_MIN_BYTES):
                pool = _start(jobs, catalog, limits, root)
                for chunk in _split(buffer, limits):  # what was gathered before the pool, spread over it
                    pending.append(pool.submit(_read_in_worker, chunk))
                buffer, buffered = Chunk(), 0
                guess = total // count
                _collect(pending, out, keep=IN_FLIGHT * jobs)
            elif pool is not None and (len(buffer) >= CHUNK or buffered >= CHUNK_BYTES):
                pending.append(pool.submit(_read_in_worker, buffer))
                buffer, buffered = Chunk(), 0
                _collect(pending, out, keep=IN_FLIGHT * jobs)  # after each chunk, not each file: a look costs a lock
        if pool is None:
            out, rest = _read_serially(buffer, catalog, limits, jobs)
            if not rest:
                return out, count
            pool = _start(jobs, catalog, limits, root)
            buffer = Chunk()
            per = min(CHUNK, -(-len(rest) // (4 * jobs)))  # a few chunks a worker: even when the slow files are together
            pending.extend(pool.submit(_read_in_worker, Chunk(rest[i:i + per])) for i in range(0, len(rest), per))
        if buffer:
            pending.append(pool.submit(_read_in_worker, buffer))
        _collect(pending, out, keep=0)
        return out, count
    except KeyboardInterrupt:
        if pool is not None:
            _stop(pool)
            pool = None
        raise
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _start(jobs: int, catalog: Catalog, limits: Limits, root: str) -> ProcessPoolExecutor:
    if _forked():
        preload()  # once here, shared by the workers forked from this process
    return _pool_class()(max_workers=jobs, initializer=_start_worker, initargs=(catalog, limits, root))


def _read_serially(entries: list[Entry], catalog: Catalog, limits: Limits, jobs: int
                   ) -> tuple[list[FileFacts], list[Entry]]:
    """The facts of ``entries`` read here, one after another, and those left for workers: a tree
    small by count and bytes can still be slow (documents of hundreds of thousands of values take
    seconds each), so once reading has taken ``SERIAL_BUDGET`` seconds the rest goes to the pool."""
    out: list[FileFacts] = []
    started = time.monotonic()
    for i, entry in enumerate(entries):
        if jobs > 1 and len(entries) - i > 1 and time.monotonic() - started > SERIAL_BUDGET:
            return out, entries[i:]
        facts = read_worth_keeping(entry, catalog, limits)
        if facts is not None:
            out.append(facts)
    return out, []


def _split(entries: list[Entry], limits: Limits) -> list[Chunk]:
    """``entries`` in chunks of at most ``CHUNK`` files or about ``CHUNK_BYTES`` bytes, in order."""
    chunks: list[Chunk] = []
    chunk = Chunk()
    size = 0
    for entry in entries:
        chunk.append(entry)
        size += _cost(entry, limits)
        if len(chunk) >= CHUNK or size >= CHUNK_BYTES:
            chunks.append(chunk)
            chunk, size = Chunk(), 0
    if chunk:
        chunks.append(chunk)
    return chunks


def _collect(pending: deque[Future[list[FileFacts]]], out: list[FileFacts], keep: int) -> None:
    """Move the results of finished chunks, oldest first, to ``out``; wait for the oldest while
    more than ``keep`` chunks are pending."""
    while pending and (len(pending) > keep or pending[0].done()):
        out.extend(pending.popleft().result())
