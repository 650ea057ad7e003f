"""Read one file and run the extractors that claim it: the per-file half of a run.

Kept free of rules and config discovery so it can run in worker processes.
"""
from __future__ import annotations

import codecs
import functools
import re

from . import limits
from .catalog import Catalog
from .discovery import Entry
from .extractors import Source, for_path
from .findings import Location
from .model import FileFacts, Problem, Suppression

_SUPPRESS = re.compile(
    r"(?:#|//|--|<!--|;|\bREM\b)\s*scopelint:\s*ignore\[\s*([A-Za-z0-9, ]*)\s*\]\s*(.*?)\s*(?:-->)?\s*$")


def read(entry: Entry, catalog: Catalog, limit: limits.Limits = limits.Limits()) -> FileFacts:
    """The facts of one file; every way it can fail to be read ends in a note or SL000, never an exception."""
    facts = FileFacts(entry.path)
    extractors = for_path(entry.path, entry.explicit)
    if not extractors:
        return facts
    max_size = limit.max_file_size
    if entry.size > max_size:
        _note(facts, f"skipped: {entry.size:,} bytes is over the size limit of {max_size:,} bytes (max-file-size)")
        return facts
    try:
        with open(entry.real, "rb") as fh:
            data = fh.read(max_size + 1)
    except OSError as exc:
        _note(facts, f"skipped: cannot be read: {exc.strerror or exc}")
        return facts
    if len(data) > max_size:
        _note(facts, f"skipped: over the size limit of {max_size:,} bytes (max-file-size)")
        return facts
    if _binary(data):  # a binary file with a text name is worth a note; an extensionless binary is not
        if entry.explicit or "." in entry.path.rsplit("/", 1)[-1]:
            _note(facts, "skipped: binary file (NUL bytes), not UTF-8/UTF-16 text")
        return facts
    lowered = _searchable(data).lower()
    needles = marker_needles(extractors)
    if not entry.explicit and needles is not None and not any(n in lowered for n in needles):
        return facts  # the common case: a few C-level scans and the file is done with
    wanted = _wanted(extractors, entry.explicit, lowered)
    if not wanted and b"scopelint:" not in lowered:
        return facts
    text = decode(data)
    if text is None:
        _note(facts, f"skipped: {_undecodable(data)}")
        return facts
    return facts_of_text(entry.path, text, wanted, entry.explicit, catalog, limit)


def facts_of_text(path: str, text: str, wanted: list, explicit: bool, catalog: Catalog,
                  limit: limits.Limits = limits.Limits()) -> FileFacts:
    """The facts the ``wanted`` extractors find in a decoded text, its suppressions and, where worth
    keeping, its lines: the half of ``read`` that ``check --fix`` runs again on a fixed text."""
    facts = FileFacts(path)
    src = Source(path, text, explicit, catalog)
    try:
        with limits.in_force(limit), limits.budget(limit.file_timeout):
            _extract(wanted, src, facts)
    except limits.Timeout:  # what was found so far may be half a picture: none of it is kept
        facts = FileFacts(path)
        _note(facts, f"skipped: extraction took longer than {limit.file_timeout:g} s (file-timeout)")
        return facts
    if "scopelint:" in text:
        facts.suppressions.extend(suppressions(path, src.lines))
    count = _count(facts)
    if count > limits.MAX_FACTS:
        facts = FileFacts(path)
        _note(facts, f"skipped: {count:,} scopes, calls and other facts, over the limit of {limits.MAX_FACTS:,} per file")
        return facts
    if facts.worth_keeping():
        facts.lines = src.lines
        facts.newline = "\r\n" if "\r\n" in text[:text.find("\n") + 1 or None] else "\n"
    return facts


def wanted_extractors(path: str, explicit: bool, text: str) -> list:
    """The extractors ``read`` runs on a file with this text."""
    return _wanted(for_path(path, explicit), explicit, text.encode("utf-8", "replace").lower())


def _wanted(extractors: tuple, explicit: bool, lowered: bytes) -> list:
    return [ex for ex in extractors if explicit or not ex.MARKERS or any(m in lowered for m in ex.MARKERS)]


def extract_text(path: str, text: str, catalog: Catalog, limit: limits.Limits = limits.Limits()) -> FileFacts:
    """The facts of a text that did not come from the walk (a file at a git ref), under the same
    guards as a file: depth limit, and any failure a note rather than an exception."""
    facts = FileFacts(path)
    src = Source(path, text, True, catalog)
    with limits.in_force(limit):
        _extract(list(for_path(path, True)), src, facts)
    return facts


def _extract(wanted: list, src: Source, facts: FileFacts) -> None:
    for ex in wanted:
        try:
            ex.extract(src, facts)
        except RecursionError:
            facts.problems.append(Problem(Location(src.path, 1, 1), "nested too deeply to read"))
        except limits.LimitExceeded as exc:
            _note(facts, f"skipped: {exc.message} at line {exc.line} ({exc.setting})")
        except Exception as exc:  # noqa: BLE001 - one file's surprise must not end the run; the type only, never a value
            _note(facts, f"skipped by the {ex.NAME} extractor: internal error ({type(exc).__name__}); please report it")


@functools.lru_cache(maxsize=64)
def marker_needles(extractors: tuple) -> tuple[bytes, ...] | None:
    """The fewest byte strings that decide "does any marker of these extractors (or a suppression) occur":
    a marker that contains another is dropped, since the shorter one is found wherever it is.
    None when one of the extractors parses every file it claims."""
    if any(not ex.MARKERS for ex in extractors):
        return None
    markers = sorted({m for ex in extractors for m in ex.MARKERS} | {b"scopelint:"}, key=lambda m: (len(m), m))
    kept: list[bytes] = []
    for marker in markers:
        if not any(k in marker for k in kept):
            kept.append(marker)
    return tuple(kept)


def _count(facts: FileFacts) -> int:
    lists = [c.scopes for c in facts.clients] + [r.scopes for r in facts.token_requests] + list(facts.scope_vars)
    scopes = sum(len(s.refs) + len(s.items) for s in lists if s is not None)
    return (scopes + len(facts.clients) + len(facts.token_requests) + len(facts.api_calls) + len(facts.secrets)
            + len(facts.insecure) + len(facts.auth_headers) + len(facts.problems) + len(facts.suppressions))


def _note(facts: FileFacts, message: str) -> None:
    facts.problems.append(Problem(Location(facts.path, 1, 1), message, kind="skipped"))


def _searchable(data: bytes) -> bytes:
    """The bytes to look for markers in: UTF-16 text re-encoded, so ``oauth_clients`` is found in it too."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # broken UTF-16 still gets its note
        return data.decode("utf-16", errors="replace").encode("utf-8")
    return data


def _binary(data: bytes) -> bool:
    return not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and b"\x00" in data[:8192]


def _undecodable(data: bytes) -> str:
    """Why ``decode`` gave up: the first bad byte and its line, so the file can be fixed."""
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    try:
        data.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return f"not {'UTF-16' if utf16 else 'UTF-8'} text: invalid byte {data[exc.start]:#04x} on line {line}"
    return "binary or not UTF-8/UTF-16 text"


def decode(data: bytes) -> str | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def suppressions(path: str, lines: list[str]) -> list[Suppression]:
    out = []
    for number, line in enumerate(lines, 1):
        if "scopelint:" not in line:
            continue
        m = _SUPPRESS.search(line)
        if m:
            codes = tuple(c.strip().upper() for c in m.group(1).split(",") if c.strip())
            out.append(Suppression(codes, m.group(2).strip(), Location(path, number, m.start() + 1)))
    return out
