"""Read one file and run the extractors that claim it: the per-file half of a run.

Kept free of rules and config discovery so it can run in worker processes.
"""
from __future__ import annotations

import codecs
import functools
import gc

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from . import lazy_re
from . import inputs, limits, markers
from .catalog import Catalog
from .discovery import Entry
from .extractors import Source, for_path
from .findings import Location
from .model import FileFacts, Problem, Suppression

# ``<comment> scopelint: ignore[CODES] reason``, read in pieces that each scan forward only: a single
# pattern with several adjacent ``\s*`` backtracks cubically over a long run of spaces.
_COMMENTS = ("<!--", "--", "//", "#", ";")  # "<!--" before "--": the comment starts at "<"
_IGNORE = lazy_re.compile(r"\s*ignore\[\s*")
# the codes, then other white space, then "]": only the longest run of codes can be followed by "]",
# so a failed match gives back each character once (no nested ``\s*`` to try every split of the spaces)
_CODES = lazy_re.compile(r"[A-Za-z0-9, ]*(?:[^\S ]\s*)?\]")


def read(entry: Entry, catalog: Catalog, limit: limits.Limits = limits.Limits()) -> FileFacts:
    """The facts of one file; every way it can fail to be read ends in a note or SL000, never an exception.

    A file that holds (or claims to hold) client definitions and cannot be linted whole fails
    closed: an SL000 error at its first line with the reason, never a note a gate can pass over."""
    return read_worth_keeping(entry, catalog, limit) or FileFacts(entry.path)


def read_worth_keeping(entry: Entry, catalog: Catalog, limit: limits.Limits = limits.Limits()) -> FileFacts | None:
    """``read``, but None for a file with nothing in it: most files of a tree, which then cost no
    ``FileFacts`` of their own."""
    extractors = for_path(entry.path, entry.explicit)
    if not extractors:
        return None
    max_size = limit.size_limit(entry.path)
    if entry.size > max_size:
        return _too_large(entry, entry.size, max_size, extractors)
    try:
        data = inputs.read_bytes(entry.real, max_size, "max-file-size", head=False)
    except inputs.TooLarge as exc:
        if exc.size is not None:  # its size said so: nothing was read
            return _too_large(entry, exc.size, max_size, extractors)
        # grew while being read
        return _skipped(entry.path, exc.reason, _definition(entry, extractors, exc.head.lower()))
    except OSError as exc:
        return _skipped(entry.path, f"cannot be read: {exc.strerror or exc}", _defines(extractors) and entry.explicit)
    lowered = _searchable(data).lower()
    if _binary(data):  # a binary file with a text name is worth a note; an extensionless binary is not
        definition = _definition(entry, extractors, lowered)
        if definition or entry.explicit or "." in entry.path.rsplit("/", 1)[-1]:
            return _skipped(entry.path, "binary file (NUL bytes), not UTF-8/UTF-16 text", definition)
        return None
    holds_marker = prefilter(extractors)
    if holds_marker is not None and not (entry.explicit and any(ex.named for ex in extractors)) \
            and not holds_marker(lowered):
        return None  # the common case: one scan and the file is done with
    wanted = _wanted(extractors, entry.explicit, lowered)
    if not wanted and b"scopelint:" not in lowered:
        return None
    definition = _definition(entry, extractors, lowered)
    text = decode(data)
    fixable = text is not None and wide_codec(data) is None  # what ``--fix`` may write back
    if text is None:
        text = _declared(data, entry.path)
    lossy = None
    if text is None and not definition and wide_codec(data) is None:
        # a few bytes of another encoding (a bundle's mangled locale table, a comment of an ANSI-saved
        # script): the rest is read, each such byte a replacement character where it stands
        lossy = _undecodable(data)
        text = data.decode("utf-8-sig", errors="replace")
    if text is None:
        return _skipped(entry.path, _undecodable(data), definition)
    facts = facts_of_text(entry.path, text, wanted, entry.explicit, catalog, limit, definition)
    if lossy is not None:
        _note(facts, f"read with its invalid bytes replaced ({lossy})")
    if not fixable:
        facts.fixable = False  # read, but left as it is by ``--fix``: its findings offer no fix
    return facts if facts.worth_keeping() else None


_LONE_CR = lazy_re.compile(r"\r(?!\n)")


def facts_of_text(path: str, text: str, wanted: list, explicit: bool, catalog: Catalog,
                  limit: limits.Limits = limits.Limits(), definition: bool = False) -> FileFacts:
    """The facts the ``wanted`` extractors find in a decoded text, its suppressions and, where worth
    keeping, its lines: the half of ``read`` that ``check --fix`` runs again on a fixed text."""
    facts = FileFacts(path)
    if "\r" in text:  # a lone CR ends a line as LF does (``lines.split_lines``): every reader sees it end there
        text, lone = _LONE_CR.subn("\n", text)
        if lone:
            facts.fixable = False  # the text read is not the file's: a fix made to it would not apply
    src = Source(path, text, explicit, catalog)
    try:
        with limits.in_force(limit), limits.budget(limit.file_timeout), _uncollected():
            _extract(wanted, src, facts)
    except limits.Timeout:  # what was found so far may be half a picture: none of it is kept
        facts = FileFacts(path)
        _skip(facts, f"extraction took longer than {limit.file_timeout:g} s (file-timeout)", definition)
        return facts
    if "scopelint:" in text:
        facts.suppressions.extend(suppressions(path, src.lines))
    if not facts.token_requests and any(ex.code for ex in wanted):
        from .extractors.recognition.requests import unread_token_request  # loaded with the code readers

        unread_token_request(src.signs if src.signs is not None else text, facts)
    if len(facts.secrets) > 1:
        facts.secrets = _one_per_place(facts.secrets)
    unlisted = [s for s in facts.secrets if not s.digest]
    if unlisted:
        facts.secrets = [s for s in facts.secrets if s.digest]
        _note(facts, f"{len(unlisted):,} more secrets not listed, the first at line {min(s.loc.line for s in unlisted):,}: "
                     f"over the limit of {limits.MAX_SECRETS:,} different values per file")
    count = _count(facts)
    if count > limits.MAX_FACTS:
        over = f"{count:,} scopes, calls and other facts, over the limit of {limits.MAX_FACTS:,} per file"
        if definition or any(c.origin == "definition" for c in facts.clients):  # half a client list would pass clients unread
            facts = FileFacts(path)
            _skip(facts, over, True)
            return facts
        last = _keep_up_to(facts, limits.MAX_FACTS)
        _note(facts, f"read up to line {last:,} only: {over}; the facts after it were not kept" if last
              else f"skipped: {over}")
    if facts.worth_keeping():
        facts.lines = src.lines
        facts.newline = "\r\n" if "\r\n" in text[:text.find("\n") + 1 or None] else "\n"
    return facts


@contextmanager
def _uncollected() -> Iterator[None]:
    """Python's cycle collector paused while a file's facts are extracted. Parsing builds hundreds of
    thousands of objects without cycles (syntax trees, located documents), and the collector went
    over them again and again as they grew: two thirds of the time on a 2 MB JSON file. Whatever
    garbage with cycles the extraction leaves is collected after, by the collector's next pass."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def wanted_extractors(path: str, explicit: bool, text: str) -> list:
    """The extractors ``read`` runs on a file with this text."""
    return _wanted(for_path(path, explicit), explicit, text.encode("utf-8", "replace").lower())


def _wanted(extractors: tuple, explicit: bool, lowered: bytes) -> list:
    return [ex for ex in extractors if not ex.markers or explicit and ex.named or any(m in lowered for m in ex.markers)
            and (not ex.requires or any(m in lowered for m in ex.requires))]


DEFINITIONS = "definitions"  # the extractor whose files fail closed
_CLAIM = (b"oauth_clients", "oauth_clients".encode("utf-16-le"), "oauth_clients".encode("utf-16-be"))
HEAD_SCAN = 64 * 1024 * 1024  # how much of a too-large definition-type file is searched for ``oauth_clients``


def _defines(extractors: tuple) -> bool:
    """Whether the file is of the kind that holds client definitions (and so fails closed)."""
    return any(ex.name == DEFINITIONS for ex in extractors)


def _definition(entry: Entry, extractors: tuple, lowered: bytes) -> bool:
    """Whether the file holds client definitions: of their kind, and named on the command line or
    mentioning them. Asked only of a file read further than the prefilter (most are not)."""
    return _defines(extractors) and (entry.explicit or _claims(lowered))


def _claims(lowered: bytes) -> bool:
    """Whether lower-cased bytes mention client definitions (UTF-8 or UTF-16)."""
    return any(marker in lowered for marker in _CLAIM)


def _too_large(entry: Entry, size: int, max_size: int, extractors: tuple) -> FileFacts:
    """A file over the size limit, not read; a definition file fails closed where it is named or
    its head mentions client definitions (searched only where that decides)."""
    head = _head(entry, max_size) if _defines(extractors) and not entry.explicit else b""
    return _skipped(entry.path, f"{size:,} bytes is over the size limit of {max_size:,} bytes (max-file-size)",
                    _definition(entry, extractors, head))


def _head(entry: Entry, max_size: int) -> bytes:
    """``oauth_clients`` when a too-large file mentions it in its first ``HEAD_SCAN`` bytes, else
    ``b""``: the file is searched in pieces, never held whole."""
    try:
        return _CLAIM[0] if inputs.scan(entry.real, max(max_size, HEAD_SCAN), lambda window: _claims(window.lower())) else b""
    except OSError:
        return b""


def _keep_up_to(facts: FileFacts, cap: int) -> int:
    """Keep the facts of the first lines of the file, as many lines as hold at most ``cap`` facts;
    the last line kept (0: none)."""
    per_line: dict[int, int] = {}
    for line, weight in _weights(facts):
        per_line[line] = per_line.get(line, 0) + weight
    last, total = 0, 0
    for line in sorted(per_line):
        if total + per_line[line] > cap:
            break
        total += per_line[line]
        last = line
    for name in ("clients", "token_requests", "scope_vars", "api_calls", "secrets", "insecure", "auth_headers",
                 "suppressions"):
        setattr(facts, name, [f for f in getattr(facts, name) if f.loc.line <= last])
    facts.problems = [p for p in facts.problems if p.loc.line <= last or p.kind != "invalid"]
    return last


def _weights(facts: FileFacts):
    """(line, how many facts) for each fact, counted as ``_count`` counts them."""
    for client in facts.clients:
        yield client.loc.line, 1 + _scope_count(client.scopes)
    for req in facts.token_requests:
        yield req.loc.line, 1 + _scope_count(req.scopes)
    for scope_list in facts.scope_vars:
        yield scope_list.loc.line, _scope_count(scope_list)
    for name in ("api_calls", "secrets", "insecure", "auth_headers", "problems", "suppressions"):
        for fact in getattr(facts, name):
            yield fact.loc.line, 1


def _scope_count(scopes) -> int:
    return 0 if scopes is None else len(scopes.refs) + len(scopes.items)


def _one_per_place(secrets: list) -> list:
    """One secret for each place: two readers of a file can find the same value (a CI file's
    ``variables:`` entry, and a step's ``curl -d client_secret=$VAR`` that resolves to it). The first
    found is kept, unless another found it in a URL (SL013 is the finding then)."""
    kept: dict[tuple[int, int], int] = {}
    out: list = []
    for found in secrets:
        at = (found.loc.line, found.loc.col)
        if at not in kept:
            kept[at] = len(out)
            out.append(found)
        elif found.in_url and not out[kept[at]].in_url:
            out[kept[at]] = found
    return out


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
        except RecursionError:  # a client definition fails closed (SL000); any other file is a note
            facts.problems.append(Problem(Location(src.path, 1, 1), "nested too deeply to read",
                                          kind="invalid" if ex.name == DEFINITIONS else "skipped"))
        except limits.LimitExceeded as exc:
            _skip(facts, f"{exc.message} at line {exc.line} ({exc.setting})", ex.name == DEFINITIONS)
        except Exception as exc:  # noqa: BLE001 - one file's surprise must not end the run; the type only, never a value
            _skip(facts, f"internal error in the {ex.name} extractor ({type(exc).__name__}); please report it",
                  ex.name == DEFINITIONS)
    if facts.scope_vars or facts.token_requests or facts.api_calls or facts.unresolved_calls:
        from .extractors.recognition.testdata import drop_test_data  # loaded with the code readers

        drop_test_data(facts)


@functools.lru_cache(maxsize=64)
def prefilter(extractors: tuple) -> Callable[[bytes], bool] | None:
    """Whether lower-cased bytes hold a marker of any of these extractors (or a suppression), in one
    scan; None when one of the extractors parses every file it claims."""
    if any(not ex.markers for ex in extractors):
        return None
    return markers.any_of(marker_needles(extractors))


def marker_needles(extractors: tuple) -> tuple[bytes, ...]:
    """The fewest byte strings that decide "does any marker of these extractors (or a suppression) occur":
    a marker that contains another is dropped, since the shorter one is found wherever it is."""
    found = sorted({m for ex in extractors for m in ex.markers} | {b"scopelint:"}, key=lambda m: (len(m), m))
    kept: list[bytes] = []
    for marker in found:
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


def _skipped(path: str, reason: str, definition: bool) -> FileFacts:
    facts = FileFacts(path)
    _skip(facts, reason, definition)
    return facts


def _skip(facts: FileFacts, reason: str, definition: bool) -> None:
    """A file not read: a note, or for a client definition file an SL000 error at its first line."""
    if definition:
        facts.problems.append(Problem(Location(facts.path, 1, 1), f"client definition file not linted: {reason}", "unread"))
    else:
        _note(facts, f"skipped: {reason}")


_WIDE_FIRST = frozenset(mark[:1] for mark in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def wide_codec(data: bytes) -> str | None:
    """The codec a byte-order mark names for text wider than a byte: UTF-32 (checked first: its
    little-endian mark starts with UTF-16's) or UTF-16; None for any other text."""
    if data[:1] not in _WIDE_FIRST:  # most files: one look at the first byte
        return None
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _searchable(data: bytes) -> bytes:
    """The bytes to look for markers in: UTF-16 and UTF-32 text re-encoded, so ``oauth_clients`` is found in it too."""
    wide = wide_codec(data)
    if wide is not None:  # broken UTF-16 still gets its note
        return data.decode(wide, errors="replace").encode("utf-8")
    return data


def _binary(data: bytes) -> bool:
    return data.find(b"\x00", 0, 8192) >= 0 and wide_codec(data) is None


def _undecodable(data: bytes) -> str:
    """Why ``decode`` gave up: the first bad byte and its line, so the file can be fixed."""
    wide = wide_codec(data)
    try:
        data.decode(wide or "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return f"not {(wide or 'utf-8').upper()} text: invalid byte {data[exc.start]:#04x} on line {line}"
    return "binary or not UTF-8/UTF-16 text"


def decode(data: bytes) -> str | None:
    wide = wide_codec(data)
    if wide is not None:
        try:
            return data.decode(wide)
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def utf8_text(data: bytes) -> str | None:
    """``data`` as text when it is UTF-8 (a byte-order mark dropped), the only text ``--fix`` writes
    back: a file read in another encoding (UTF-16, UTF-32, ISO-8859-1) is left as it is."""
    return decode(data) if wide_codec(data) is None else None


def _declared(data: bytes, path: str) -> str | None:
    """A text that is not UTF-8, in the encoding its kind or its own declaration gives: Java reads
    ``.properties`` files as ISO-8859-1, and a Python file may say ``# -*- coding: latin-1 -*-``
    (PEP 263). Only read: ``--fix`` leaves such files alone."""
    name = path.rsplit("/", 1)[-1].lower()
    if data.find(b"\x00", 0, 8192) >= 0:
        return None
    if name.endswith(".properties"):
        return data.decode("latin-1")
    if not name.endswith(".py"):
        return None
    import io
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return None if codecs.lookup(encoding).name == "utf-8" else data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return None


def suppressions(path: str, lines: list[str]) -> list[Suppression]:
    out = []
    yaml = path.lower().endswith((".yaml", ".yml"))
    for number, line in enumerate(lines, 1):
        if "scopelint:" in line:
            found = _suppression(line)
            if found is not None:
                codes, reason, col = found
                before = line[:col - 1]
                through = 0
                if yaml and _BLOCK_MARK.search(before):
                    through = _block_end(lines, number)
                elif yaml and not before.strip() and number < len(lines) \
                        and _BLOCK_MARK.search(lines[number].split(" #", 1)[0]):
                    through = _block_end(lines, number + 1)  # alone above the mark's line: that block's too
                out.append(Suppression(codes, reason, Location(path, number, col), not before.strip(), through))
    return out


# a YAML block scalar's mark at the end of a line's code (``scopes: >-``, ``- |``), where a comment may follow
_BLOCK_MARK = lazy_re.compile(r"(?:^|[\s:-])[|>][1-9+-]{0,2}\s*$")


def _block_end(lines: list[str], number: int) -> int:
    """The last line of the block scalar whose mark ends line ``number`` (1-based): the lines below
    indented deeper than it, blank ones between them included. Its lines can hold no comment: the
    suppression on the mark's line is theirs too."""
    indent = len(lines[number - 1]) - len(lines[number - 1].lstrip())
    end = number
    for k in range(number, len(lines)):
        row = lines[k]
        if not row.strip():
            continue
        if len(row) - len(row.lstrip()) <= indent:
            break
        end = k + 1
    return end


def _suppression(line: str) -> tuple[tuple[str, ...], str, int] | None:
    """The codes, reason and 1-based column of the comment of the first suppression on ``line``."""
    at = line.find("scopelint:")
    while at >= 0:
        start = _comment_start(line, at)
        head = _IGNORE.match(line, at + len("scopelint:")) if start is not None else None
        body = _CODES.match(line, head.end()) if head else None
        if body is not None:
            codes = tuple(c.strip().upper() for c in line[head.end():body.end() - 1].split(",") if c.strip())
            reason = line[body.end():].strip()
            if reason.endswith("-->"):
                reason = reason[:-3].rstrip()
            return codes, reason, start + 1
        at = line.find("scopelint:", at + 1)
    return None


def _comment_start(line: str, at: int) -> int | None:
    """Where the comment marker just before ``scopelint:`` (white space between allowed) starts."""
    end = at
    while end > 0 and line[end - 1].isspace():
        end -= 1
    if end < at and line.startswith("REM", end - 3, end) and not _word_char(line[end - 4:end - 3]):
        return end - 3  # ``REM`` is a word: white space after it, no letter, digit or ``_`` before it
    for marker in _COMMENTS:
        if line.startswith(marker, end - len(marker), end):
            return end - len(marker)
    return None


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"
