"""Located text, shared by the JavaScript and shell extractors.

A ``Text`` is a string assembled from literal pieces (each traceable to its place in the
source) and unresolved references (``${base}``, ``$TEAM``, ``<client secret>``). Any offset
in the assembled string maps back to a line and column, so a scope inside a constant used
three calls away still points at its own characters.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import cached_property

from ...findings import Location
from ...lines import line_starts
from ...records import record
from .celonis import is_celonis_url
from .names import celonis_name
from .urls import ORIGIN, UNRESOLVED

# the most characters between two pieces of one value written in one run (``"Bearer " + key``,
# a concatenation over a few lines); a piece further on, or before, is written elsewhere
MAX_GAP = 120


# Source offsets from ELSEWHERE on stand in another file of the project, read for a value the file
# being read imports from it (``javascript.modules``): offset ``k * ELSEWHERE + i`` is offset ``i`` of
# the file whose index ``elsewhere`` registered as ``k``. Such pieces keep their place, so a finding on
# an imported scope stands where the scope is written, and their anchors never meet the file's own.
ELSEWHERE = 1 << 40
_ELSEWHERE: dict[int, LineIndex] = {}
_BASES: dict[str, int] = {}  # by path (and part): one number per file, however often it is read


def moved(offset: int | None, base: int) -> int | None:
    """An offset moved by ``base`` into another file (``elsewhere``), unless it already stands in one."""
    return offset if offset is None or offset >= ELSEWHERE else offset + base


def elsewhere(index: LineIndex, part: str = "") -> int:
    """The base of the offsets that stand in the file of ``index``; ``part``: the piece of the file
    the index is of, when pieces of one file have indexes of their own (a CI file's steps)."""
    k = _BASES.setdefault(f"{index.path}\0{part}" if part else index.path, len(_BASES) + 1)
    _ELSEWHERE[k] = index
    return k * ELSEWHERE


class LineIndex:
    """Source index -> 1-based line and column (lines split as ``lines.split_lines`` does). ``first_line``:
    the line of the file the text starts on, when the text is an excerpt of whole lines; or, for
    an excerpt of lines from here and there, the line of the file each of its lines is."""

    def __init__(self, path: str, text: str, first_line: int | Sequence[int] = 1,
                 moved: dict[int, list[int]] | None = None) -> None:
        """``moved``: for a line of the text (0-based) that is shorter than the file's, because an
        escape the text was read from took two characters for one (Compose's ``$$``), the columns
        (0-based, ascending) where the file has one character more before the next."""
        self.path = path
        self.first_line = first_line if isinstance(first_line, int) else 1
        self.lines = None if isinstance(first_line, int) else first_line
        self.moved = moved
        self.starts = line_starts(text)

    def pos(self, index: int) -> tuple[int, int]:
        line = max(bisect.bisect_right(self.starts, index) - 1, 0)
        col = index - self.starts[line]
        if self.moved and line in self.moved:
            col += bisect.bisect_left(self.moved[line], col)
        if self.lines is not None:
            number = self.lines[min(line, len(self.lines) - 1)] + max(line - len(self.lines) + 1, 0)
            return number, col + 1
        return line + self.first_line, col + 1

    def offset(self, line: int, col: int) -> int | None:
        """The source index of a 1-based line and column (``pos`` the other way), or None where
        the text has no such line (or is an excerpt of lines from here and there)."""
        row = line - self.first_line
        if self.lines is not None or not 0 <= row < len(self.starts) - 1:
            return None
        return self.starts[row] + col - 1

    def written(self, text: str, loc: Location, value: str, skip: int = 0) -> int | None:
        """Where ``value[skip:]`` stands in ``text``, ``loc`` being where a parser says ``value``
        starts: when it is written there as it is, on one line (no escapes moved its characters)."""
        start = self.offset(loc.line, loc.col) if loc.end_line in (None, loc.line) else None
        if start is None:
            return None
        start += skip
        return start if text[start:start + len(value) - skip] == value[skip:] else None

    def loc(self, start: int, end: int | None = None) -> Location:
        if start >= ELSEWHERE:  # a piece of another file, read for a value this one imports
            other = _ELSEWHERE.get(start // ELSEWHERE)
            if other is not None:
                base = start // ELSEWHERE * ELSEWHERE
                return other.loc(start - base, end - base if end is not None and end >= base else None)
        line, col = self.pos(start)
        if end is None or end <= start:
            return Location(self.path, line, col, line, col) if end == start else Location(self.path, line, col)
        end_line, end_col = self.pos(end)  # just after the last character: (next line, 1) after a line break
        return Location(self.path, line, col, end_line, end_col)


@record
class Piece:
    """Literal text (``ref is None``) contiguous in the source from ``start``, or an unresolved
    reference named ``ref`` ("" when nameless) spanning ``start``..``end`` in the source."""

    text: str
    start: int | None
    ref: str | None = None
    end: int | None = None

    @property
    def source_end(self) -> int | None:
        if self.start is None:
            return None
        return self.start + len(self.text) if self.ref is None else self.end


_NEW = object.__new__
_NO_NAMES: frozenset[str] = frozenset()


def _made(piece: Piece, text: Text, fields: dict[str, object], names: frozenset[str]) -> Text:
    """A one-piece ``Text`` with every field of both records set as their ``__init__`` sets them: made
    a few hundred thousand times a run (each literal and reference read), four times faster without
    the generic constructor's checks. ``tests/extractors/test_shared_layer.py`` holds the two equal."""
    piece.__dict__.update(fields)
    text.__dict__.update(pieces=(piece,), names=names)
    return text


@record
class Text:
    """A value built from pieces, each known text or an unknown part."""

    pieces: tuple[Piece, ...]
    names: frozenset[str] = frozenset()  # variables and constants the value was built from

    @classmethod
    def literal(cls, text: str, start: int | None) -> Text:
        return _made(_NEW(Piece), _NEW(Text), {"text": text, "start": start, "ref": None, "end": None}, _NO_NAMES)

    @classmethod
    def reference(cls, source: str, start: int | None, end: int | None, name: str) -> Text:
        return _made(_NEW(Piece), _NEW(Text), {"text": source, "start": start, "ref": name, "end": end},
                     frozenset({name}) if name else _NO_NAMES)

    def bound(self, values: dict[str, Text]) -> Text:
        """The references to ``values``' names replaced by those values: a helper's return value with
        its parameters bound to a call's arguments."""
        pieces: list[Piece] = []
        names = set(self.names)
        for piece in self.pieces:
            value = values.get(piece.ref) if piece.ref else None
            if value is None:
                pieces.append(piece)
            else:
                pieces += value.pieces
                names.discard(piece.ref)
                names |= value.names
        return Text(tuple(pieces), frozenset(names))

    @cached_property  # asked for again and again (span, slice, every test of the value): joined once
    def value(self) -> str:
        return "".join(p.text for p in self.pieces)

    @classmethod
    def joined(cls, texts: list[Text], sep: Text) -> Text:
        """``texts`` with ``sep`` between them, made at once (adding them one by one copies the
        pieces so far at every step)."""
        pieces: list[Piece] = []
        names: set[str] = set()
        for k, text in enumerate(texts):
            if k:
                pieces += sep.pieces
                names |= sep.names
            pieces += text.pieces
            names |= text.names
        return cls(tuple(pieces), frozenset(names))

    @property
    def literal_only(self) -> bool:
        return all(p.ref is None for p in self.pieces)

    @property
    def resolved(self) -> bool:
        """Fully known: no reference, and no placeholder written into a literal."""
        return self.literal_only and not UNRESOLVED.search(self.value)

    @property
    def anchor(self) -> int | None:
        """Where the value starts in the source (its first non-empty located piece)."""
        located = [p for p in self.pieces if p.start is not None]
        return next((p.start for p in located if p.text), located[0].start if located else None)

    def __add__(self, other: Text) -> Text:
        return Text(self.pieces + other.pieces, self.names | other.names)

    def named(self, *names: str) -> Text:
        return Text(self.pieces, self.names | frozenset(n for n in names if n))

    def spaced(self, sep: str) -> Text:
        """The value with each ``sep`` (one character) of its known text a space, every offset where it was."""
        return Text(tuple(p if p.ref is not None else Piece(p.text.replace(sep, " "), p.start) for p in self.pieces),
                    self.names)

    def shifted(self, base: int) -> Text:
        """The value with its source offsets moved by ``base``: where another file's stand (``elsewhere``).
        A piece that already stands in a third file (a value that file's module imported in turn) stays there."""
        return Text(tuple(Piece(p.text, moved(p.start, base), p.ref, moved(p.end, base)) for p in self.pieces),
                    self.names)

    def span(self, a: int, b: int) -> tuple[int, int] | None:
        """Source indices covering offsets ``a``..``b`` of the value (``None``: not in the source)."""
        if a >= len(self.value):
            ends = [p.source_end for p in self.pieces if p.source_end is not None]
            return (ends[-1], ends[-1]) if ends else None
        pos, s, e = 0, None, None
        for p in self.pieces:
            lo, hi = pos, pos + len(p.text)
            pos = hi
            if hi == lo or s is None and a >= hi:
                continue
            if p.start is None or e is not None and not e <= p.start <= e + MAX_GAP:
                # not here, or written elsewhere (a constant's value, defined apart from its use):
                # the span ends with the pieces written in one run from its start
                return None if s is None else (s, e if e is not None else s)
            if s is None:
                s = p.start + (a - lo) if p.ref is None else p.start
            end = p.start + (min(b, hi) - lo) if p.ref is None else p.source_end
            e = max(end or s, s)
            if b <= hi:
                return s, e
        return None if s is None else (s, e if e is not None else s)

    def loc(self, index: LineIndex, a: int = 0, b: int | None = None) -> Location:
        b = len(self.value) if b is None else b
        span = self.span(a, b)
        if span is None:
            anchor = self.anchor
            return index.loc(anchor if anchor is not None else 0)
        return index.loc(*span)

    @cached_property
    def _ends(self) -> list[int]:
        """The offset in the value where each piece ends."""
        ends, pos = [], 0
        for p in self.pieces:
            pos += len(p.text)
            ends.append(pos)
        return ends

    def slice(self, a: int, b: int) -> Text:
        """Offsets ``a``..``b`` of the value, as located pieces. The pieces that end before ``a`` are
        passed over by halving (a form body of thousands of references is sliced once per field)."""
        out: list[Piece] = []
        ends = self._ends
        for k in range(bisect.bisect_left(ends, a), len(self.pieces)):
            p = self.pieces[k]
            hi = ends[k]
            lo = hi - len(p.text)
            if lo > b:
                break
            if p.ref is not None:
                if lo < b and hi > a:
                    out.append(p)
                continue
            i, j = max(a, lo), min(b, hi)
            if i < j or a == b and lo <= a <= hi and not out:
                out.append(Piece(p.text[i - lo:j - lo], None if p.start is None else p.start + i - lo))
        return Text(tuple(out), self.names)


def is_celonis(text: Text) -> bool:
    """A URL that goes to Celonis: a Celonis host, or built from a Celonis-named variable. A URL whose
    host is written out and not Celonis's goes elsewhere, whatever its query string is built from
    (``https://idp.example.com/oauth2/authorize?scope=${OAUTH_SCOPES}``); the names count only for a
    URL whose base is not written out (``${base}/x``, ``https://${host}/x``)."""
    value = text.value.strip()
    if is_celonis_url(value):
        return True
    origin = ORIGIN.match(value)
    if origin is not None and not UNRESOLVED.search(origin.group(0)):
        return False
    if origin is None and not UNRESOLVED.match(value):
        return False  # a path or a fragment (``client_id=${OAUTH_CLIENT_ID}``): where it goes is not in it
    return any(celonis_name(n) for n in text.names)
