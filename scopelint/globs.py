"""Glob patterns with ``**``, matched against POSIX paths relative to a base directory."""
from __future__ import annotations

import functools
import posixpath
import re


@functools.lru_cache(maxsize=1024)
def compile_glob(pattern: str) -> re.Pattern[str]:
    """``**`` crosses directories, ``*`` and ``?`` do not; a pattern without ``/`` matches a name at any depth,
    and a pattern naming a directory matches everything below it."""
    pat = pattern.strip()
    anchored = "/" in pat.rstrip("/")
    pat = pat.lstrip("/").rstrip("/")
    out, i = [], 0
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pat.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append("[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c))
        i += 1
    body = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"^{prefix}{body}(?:/.*)?$")


def matches(path: str, patterns: tuple[str, ...] | list[str]) -> bool:
    return any(compile_glob(p).match(path) for p in patterns)


def relative(path: str, base: str) -> str | None:
    """``path`` relative to ``base`` (both POSIX, both relative to the same directory), or None when outside."""
    if base in ("", "."):
        return path
    p, b = posixpath.normpath(path), posixpath.normpath(base)
    if b == ".":
        return p
    if _upward(p) or _upward(b) or p.startswith("/") != b.startswith("/"):
        rel = posixpath.relpath(p, b)  # the rare case that needs the working directory
        return None if rel.startswith("../") or rel == ".." else rel
    if p == b:
        return "."
    return p[len(b) + 1:] if p.startswith(b.rstrip("/") + "/") else None


def _upward(path: str) -> bool:
    return path == ".." or path.startswith("../")
