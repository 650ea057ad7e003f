"""Read one input file: scanned files, configuration, catalog extensions and baselines all come
through ``read_bytes``, so none of them can block on a FIFO or a device, or read without limit.

The file is opened non-blocking (a FIFO opens at once instead of waiting for a writer), checked
to be a regular file on the open descriptor (no race with a rename in between), and read up to
a size cap.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Callable

# the caps for files that are not scanned: generous for real files, small enough for memory
MAX_CONFIG_SIZE = 1024 * 1024
MAX_CATALOG_SIZE = 16 * 1024 * 1024
MAX_BASELINE_SIZE = 64 * 1024 * 1024

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class InputError(OSError):
    """A file that cannot be read whole: ``reason`` says why in a few words (no path)."""

    def __init__(self, reason: str, errno_: int | None = None) -> None:
        super().__init__(errno_ or 0, reason)
        self.reason = reason


class TooLarge(InputError):
    """A regular file over the cap; ``head`` holds its first ``cap`` bytes, or nothing when the file
    was not read at all (``size``: its size, known before reading)."""

    def __init__(self, reason: str, head: bytes, size: int | None = None) -> None:
        super().__init__(reason)
        self.head = head
        self.size = size


def read_bytes(path: str | os.PathLike[str], cap: int, setting: str = "", head: bool = True) -> bytes:
    """The whole content of the regular file ``path``, at most ``cap`` bytes.

    Raises ``InputError`` for a missing or unreadable file and for anything that is not a regular
    file (FIFO, socket, device, directory); ``TooLarge`` when the file holds more than ``cap`` bytes,
    with its first ``cap`` bytes, or, without ``head``, before reading any when its size says so.
    ``setting`` names the option that sets the cap, for the message."""
    fd, size = _open_regular(path)
    if size > cap and not head:
        os.close(fd)
        raise TooLarge(_over(cap, setting), b"", size)
    try:
        chunks: list[bytes] = []
        left = cap + 1
        if 0 < size <= cap:  # most files: one read of the size fstat gave and a byte more, and the short read ends it
            first = os.read(fd, size + 1)
            if len(first) == size:
                return first
            chunks.append(first)  # it changed while being read: the loop below reads on to the end
            left -= len(first)
        while left > 0:
            # a file that changed since fstat, or whose size says nothing (procfs): pieces of 64 KiB to 1 MiB
            want = min(left, max(size + 1, 64 * 1024), 1024 * 1024)
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
            if size and len(chunk) < want and cap + 1 - left >= size:  # short, and past the size fstat gave: the end
                break
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), exc.errno) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > cap:
        raise TooLarge(_over(cap, setting), data[:cap])
    return data


def _over(cap: int, setting: str) -> str:
    return f"over the size limit of {cap:,} bytes" + (f" ({setting})" if setting else "")


def scan(path: str | os.PathLike[str], cap: int, test: Callable[[bytes], bool]) -> bool:
    """Whether ``test`` holds for some window of the first ``cap`` bytes of the regular file
    ``path``, read a piece at a time (each window overlaps the last by 64 bytes)."""
    fd, _ = _open_regular(path)
    try:
        tail, done = b"", 0
        while done < cap:
            chunk = os.read(fd, min(cap - done, 1024 * 1024))
            if not chunk:
                return False
            done += len(chunk)
            if test(tail + chunk):
                return True
            tail = chunk[-64:]
        return False
    finally:
        os.close(fd)


def _open_regular(path: str | os.PathLike[str]) -> tuple[int, int]:
    """A descriptor of the regular file ``path``, opened without blocking, and its size then;
    ``InputError`` otherwise."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), exc.errno) from None
    try:
        info = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise InputError(exc.strerror or str(exc), exc.errno) from None
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise InputError(f"not a regular file ({_kind(info.st_mode)})")
    return fd, info.st_size


def read_text(path: str | os.PathLike[str], cap: int, setting: str = "") -> str:
    """``read_bytes`` decoded as UTF-8 (a byte-order mark is dropped); ``InputError`` when it is not."""
    data = read_bytes(path, cap, setting)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"not UTF-8 text: invalid byte {data[exc.start]:#04x} on line {line}") from None


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "not a file"
