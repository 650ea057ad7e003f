"""Everything scopelint writes goes through here: text made encodable, JSON made valid, files replaced
atomically.

Scanned content can hold what UTF-8 cannot encode: a lone surrogate from a ``"\\ud800"`` escape in
JSON or Python, or from a file name that is not UTF-8 (``os`` decodes it with ``surrogateescape``).
``encodable`` writes each such code point as the six characters ``\\udXXX``, so every report, in
every format, encodes; ``dumps`` does the same to every string of a JSON document before it is
serialised, so the JSON stays valid and parsers never meet a lone surrogate escape. Files (reports,
baselines) are written beside the target and renamed over it, so the old file stays whole until
the new one is complete.
"""
from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Mapping

from . import lazy_re

_SURROGATE = lazy_re.compile("[\ud800-\udfff]")
# control characters (ESC among them: terminal escape sequences), DEL, C1, and the bidirectional
# embeddings, overrides and isolates that reorder what a terminal shows
_UNPRINTABLE = lazy_re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def encodable(text: str) -> str:
    """``text`` with every lone surrogate written as a ``\\udXXX`` escape: always valid UTF-8."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def printable(text: str) -> str:
    """``encodable(text)`` with every character that could drive or mislead a terminal written as an
    escape (``\\x1b``, ``\\u202e``): scanned names and values reach the text report and stderr,
    and a file name must not clear the screen, recolour a line or hide a finding."""
    return _UNPRINTABLE.sub(_escape, encodable(text))


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def path_bytes(path: str) -> bytes:
    """A file name as bytes, for a URI: a name that is not UTF-8 gets its own bytes back (as ``os``
    decoded them with ``surrogateescape``); any other lone surrogate its ``\\udXXX`` escape."""
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return encodable(path).encode("utf-8")


def clean(value: object) -> object:
    """A JSON-ready value with ``encodable`` applied to every string in it, keys included."""
    if isinstance(value, str):
        return encodable(value)
    if isinstance(value, Mapping):
        return {clean(k) if isinstance(k, str) else k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def dumps(doc: object, *, ensure_ascii: bool = False) -> str:
    """The one JSON serialisation of every report and baseline: sorted keys, two-space indent, byte-stable."""
    return json.dumps(clean(doc), indent=2, sort_keys=True, ensure_ascii=ensure_ascii) + "\n"


def write_atomic(path: str, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8): write a uniquely named file in the same folder, fsync,
    then rename it over ``path``, keeping the existing file's permission bits. If anything fails
    the old file is untouched and the temporary file removed; ``OSError`` reaches the caller.
    A symbolic link is written through, as ``open(path, "w")`` would; a device or pipe
    (``-o /dev/stdout``) is simply written to."""
    write_bytes_atomic(path, encodable(text).encode("utf-8"))  # encoded before anything on disk changes


def write_bytes_atomic(path: str, data: bytes) -> None:
    """``write_atomic`` for bytes: the one atomic writer of reports, baselines, reviews and fixed files."""
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):  # /dev/stdout, a pipe: nothing to replace
        with open(path, "wb") as fh:
            fh.write(data)
        return
    mode = None if info is None else stat.S_IMODE(info.st_mode)
    target = os.path.realpath(path)
    folder, name = os.path.split(target)
    while True:
        tmp = os.path.join(folder, f".{name}.{os.getpid()}.{os.urandom(6).hex()}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
            break
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
    try:
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_folder(folder)


def _sync_folder(folder: str) -> None:
    """Make the rename durable; not every system lets a folder be opened or synced."""
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:  # pragma: no cover
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)
