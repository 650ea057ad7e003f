"""Extraction over worker processes, merged back in discovery order so output never depends on
scheduling. Only worth its start-up cost for many files; the linter decides when."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

from .config import Config
from .discovery import Entry
from .model import FileFacts
from .reading import read

CHUNK = 256


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _read_chunk(args: tuple[list[Entry], int, int, float]) -> list[FileFacts]:
    entries, max_size, max_depth, timeout = args  # a worker reads in its main thread: the time budget works
    return [read(e, max_size, max_depth, timeout) for e in entries]


def extract_parallel(entries: list[Entry], config: Config) -> list[FileFacts]:
    jobs = config.jobs or default_jobs()
    chunks = [(entries[i:i + CHUNK], config.max_file_size, config.max_depth, config.file_timeout)
              for i in range(0, len(entries), CHUNK)]
    out: list[FileFacts] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for part in pool.map(_read_chunk, chunks):  # map keeps submission order
            out.extend(part)
    return out
