"""Lines as editors, git, diffs and code scanning count them: broken at ``\\n``, ``\\r\\n`` and ``\\r``
only. ``str.splitlines`` also breaks at form feeds, vertical tabs, ``\\x1c``-``\\x1e``, ``\\x85`` and
U+2028/U+2029, which Python's own tokenizer does not (a form feed between functions is a common
page break): a line counted there puts every finding after it a line off, and a masked secret's
line beside the one shown. Every line number scopelint gives or reads is counted here."""
from __future__ import annotations

import bisect
from itertools import accumulate

from . import lazy_re

# the breaks str.splitlines makes that these lines do not: a text without them is split by it, in C;
# each is looked for with ``in`` (a scan at the speed of memory), the last three only in a text not all ASCII
_ASCII_BREAKS = ("\x0c", "\x0b", "\x1c", "\x1d", "\x1e")
_WIDE_BREAKS = ("\x85", "\u2028", "\u2029")
_LINE = lazy_re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def other_breaks(text: str, wide_only: bool = False) -> bool:
    """Whether ``text`` holds a character ``str.splitlines`` breaks at and these lines do not
    (``wide_only``: NEL, U+2028 or U+2029, which YAML 1.1 breaks at too)."""
    if not wide_only and any(b in text for b in _ASCII_BREAKS):
        return True
    return not text.isascii() and any(b in text for b in _WIDE_BREAKS)


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """``text.splitlines(keepends)``, broken only at ``\\n``, ``\\r\\n`` and ``\\r``."""
    if not other_breaks(text):
        return text.splitlines(keepends)
    lines = _LINE.findall(text)
    return lines if keepends else [line.rstrip("\r\n") for line in lines]


def line_starts(text: str) -> list[int]:
    """The offset each line of ``text`` starts at, and the text's end."""
    return [0, *accumulate(map(len, split_lines(text, keepends=True)))]


def line_col(starts: list[int], index: int) -> tuple[int, int]:
    """The 1-based line and column of an offset, by ``line_starts``."""
    line = bisect.bisect_right(starts, index) - 1
    return line + 1, index - starts[line] + 1
