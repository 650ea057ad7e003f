"""The parts of a shell word: literal ``Piece``s located in the source and unresolved ``Ref``s,
and the ``Builder`` that merges adjacent literal characters into one piece."""
from __future__ import annotations


from ..recognition.text import Piece
from ...records import record

__all__ = ["Builder", "Op", "Piece", "Redirect", "Ref", "Word", "matching"]


@record
class Ref:
    """An unresolved part: a variable (``name``), a command substitution or a placeholder (``""``)."""

    name: str
    start: int
    end: int
    text: str
    default: tuple | None = None  # parts of ``${NAME:-default}``


@record(frozen=False)
class Word:
    """A shell word: its parts and span."""

    parts: list
    start: int
    end: int


@record
class Op:
    """A shell operator and its offset."""

    text: str
    start: int


@record
class Redirect:
    """Where a command's output goes (``>> "$GITHUB_ENV"``): the operator and the word after it, kept
    beside the command's words, not among them."""

    op: str
    target: Word
    start: int


class Builder:
    """Collects the parts of one word, merging adjacent literal characters into one piece."""

    def __init__(self) -> None:
        self.parts: list = []
        self._buf: list[str] = []
        self._start = -1

    def char(self, ch: str, at: int) -> None:
        if self._buf and at == self._start + len(self._buf):
            self._buf.append(ch)
            return
        self.flush()
        self._buf, self._start = [ch], at

    def text(self, text: str, at: int) -> None:
        for k, ch in enumerate(text):
            self.char(ch, at + k)

    def ref(self, ref: Ref) -> None:
        self.flush()
        self.parts.append(ref)

    def flush(self) -> None:
        if self._buf:
            self.parts.append(Piece("".join(self._buf), self._start))
            self._buf = []

    def done(self) -> list:
        self.flush()
        return self.parts


def matching(s: str, i: int, end: int, open_: str, close: str) -> int:
    """The index after the bracket closing the one at ``i`` (quotes skipped), or ``end``."""
    depth, j = 0, i
    while j < end:
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "'" and open_ == "(":
            k = s.find("'", j + 1, end)
            j = end if k < 0 else k + 1
            continue
        if c == open_:
            depth += 1
        elif c == close:
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return end
