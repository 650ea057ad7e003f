"""Is any of a few byte strings in a file: the question asked of every file a run reads, so it is
answered in one pass over the bytes by an Aho-Corasick automaton (``ahocorasick_rs``, the Rust
``aho-corasick`` crate with its SIMD prefilters) rather than one scan per string. Where that
package cannot be imported, the same answer comes from one C-level scan per string."""
from __future__ import annotations

from collections.abc import Callable, Sequence

try:
    from ahocorasick_rs import MATCHKIND_LEFTMOST_FIRST, BytesAhoCorasick
except ImportError:  # pragma: no cover - the package is a dependency; a platform without its wheel still works
    BytesAhoCorasick = None


def any_of(needles: Sequence[bytes]) -> Callable[[bytes], bool]:
    """A test: whether ``data`` holds at least one of ``needles`` (non-empty byte strings)."""
    needles = tuple(needles)
    if not needles:
        return lambda data: False
    if BytesAhoCorasick is None:
        return lambda data: any(n in data for n in needles)
    # leftmost-first, not the standard semantics: only then does the crate use its SIMD (Teddy)
    # searcher, about 13x faster here; for "is there any match" the semantics make no difference
    automaton = BytesAhoCorasick(list(needles), matchkind=MATCHKIND_LEFTMOST_FIRST)
    find = automaton.find_matches_as_indexes
    return lambda data: bool(find(data))
