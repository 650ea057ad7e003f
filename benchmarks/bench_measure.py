"""Run one command and measure it: wall time from start to exit, CPU time (user + system of the
process and every descendant it waited for, from ``os.wait4``), and peak memory: the largest sum of
resident set sizes over the process tree, sampled every 5 ms from ``/proc`` (shared pages count in
every process), or the largest single process's own peak (``VmHWM``) when that is higher.

``ru_maxrss`` is not used: after a fork it starts from the parent's size, so every child of a
Python runner would seem to need at least the runner's memory."""
from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # seconds, user + system
    rss_mb: float  # peak, MB (10^6 bytes)
    code: int  # exit code


class TreeSampler(threading.Thread):
    """Polls the resident memory of a process and its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.005) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            now = [_memory(p) for p in _tree(self.pid)]
            self.peak = max(self.peak, sum(rss for rss, _ in now), max((hwm for _, hwm in now), default=0))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return out


def _memory(pid: int) -> tuple[int, int]:
    """(current resident bytes, peak resident bytes since exec) of one process; zeros once it is gone."""
    rss = hwm = 0
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    kb = int(line.split()[1]) * 1024
                    rss, hwm = (kb, hwm) if line.startswith("VmRSS") else (rss, kb)
    except (OSError, IndexError, ValueError):
        pass
    return rss, hwm


def measure(cmd: list[str], cwd: Path | None, env: dict[str, str], out: Path, err: Path) -> Sample:
    """Run ``cmd`` with stdout and stderr written to files; never raises for a failing command."""
    with open(out, "wb") as fout, open(err, "wb") as ferr:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=fout, stderr=ferr, stdin=subprocess.DEVNULL)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop()
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    return Sample(wall, usage.ru_utime + usage.ru_stime, sampler.peak / 1e6, code)
