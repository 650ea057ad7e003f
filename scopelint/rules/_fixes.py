"""Building fix edits: the exact text a rule's fix replaces, checked against the source line, so a
fix is only offered where the scope is written literally and its position is known to the column.

A fix never rewrites more than it must: a scope name, a joined list, one list item (with its
separator or its line), so comments, quoting, indentation and line endings stay as written.
"""
from __future__ import annotations

import re

from .. import lazy_re
from ..findings import Edit, Fix, Location
from ..model import ScopeList, ScopeRef, Value
from ..project import Project

_QUOTES = "\"'`"
_BLOCK_ITEM = lazy_re.compile(r"^(\s*)-\s+$")  # what stands before a YAML block list item
_AFTER_ITEM = lazy_re.compile(r"^\s*(?:#.*)?$")  # what may follow a block list item on its line
_AFTER_ELEMENT = lazy_re.compile(r"^\s*,\s*(?:(?:#|//).*)?$")  # ... an array element alone on its line, with its comma


def fix(edits: list[Edit] | tuple[Edit, ...] | Edit | None, description: str, safety: str) -> Fix | None:
    if edits is None or edits == [] or edits == ():
        return None
    return Fix(tuple(edits) if not isinstance(edits, Edit) else (edits,), description, safety)


def _line(project: Project, path: str, number: int) -> str | None:
    facts = project.facts_of(path)
    if facts is None or not 0 < number <= len(facts.lines):
        return None
    return facts.lines[number - 1]


def _one_line(loc: Location) -> bool:
    return loc.end_col is not None and loc.end_line in (None, loc.line) and loc.end_col >= loc.col


def replace(project: Project, loc: Location, old: str, new: str) -> Edit | None:
    """Replace ``old``, written literally at ``loc`` on one line, with ``new``; ``None`` when the
    source does not hold exactly ``old`` there (a value built at run time, an escaped string)."""
    if not _one_line(loc):
        return None
    line = _line(project, loc.path, loc.line)
    if line is None or line[loc.col - 1:loc.end_col - 1] != old:  # type: ignore[operator]
        return None
    return Edit(Location(loc.path, loc.line, loc.col, loc.line, loc.end_col), new, old)


def _span(project: Project, start: tuple[int, int], end: tuple[int, int], path: str) -> str | None:
    """The text between two (line, col) positions, lines joined with ``\\n``."""
    (l1, c1), (l2, c2) = start, end
    lines = []
    for number in range(l1, l2 + 1):
        text = _line(project, path, number)
        if text is None:
            return None
        lines.append(text)
    if l1 == l2:
        return lines[0][c1 - 1:c2 - 1]
    return "\n".join([lines[0][c1 - 1:]] + lines[1:-1] + [lines[-1][:c2 - 1]])


def _edit(project: Project, path: str, start: tuple[int, int], end: tuple[int, int], new: str) -> Edit | None:
    old = _span(project, start, end, path)
    if old is None:
        return None
    return Edit(Location(path, start[0], start[1], end[0], end[1]), new, old)


def _item_span(project: Project, loc: Location) -> tuple[int, int, str] | None:
    """A list item's columns on its line including its quotes, and the quote used ("" when plain)."""
    if not _one_line(loc):
        return None
    line = _line(project, loc.path, loc.line)
    if line is None:
        return None
    start, end = loc.col, loc.end_col
    before = line[start - 2] if start >= 2 else ""
    after = line[end - 1] if end - 1 < len(line) else ""  # type: ignore[operator]
    if before and before in _QUOTES and after == before:
        return start - 1, end + 1, before  # type: ignore[operator]
    return start, end, ""  # type: ignore[return-value]


def _item_of(scopes: ScopeList, ref: ScopeRef) -> int | None:
    """The index of the list item that is exactly ``ref`` (one scope, nothing else), or ``None``. The
    items of the list last asked about are indexed once (a list of thousands of lines is asked for each)."""
    if _indexed[0] is not scopes:
        index: dict[tuple[int, int, str], int] = {}
        for i, item in enumerate(scopes.items):
            index.setdefault((item.loc.line, item.loc.col, item.value), i)
        _indexed[:] = [scopes, index]
    return _indexed[1].get((ref.loc.line, ref.loc.col, ref.name))  # type: ignore[union-attr]


_indexed: list = [None, None]  # the list ``_item_of`` last indexed, and its index


def remove(project: Project, scopes: ScopeList, ref: ScopeRef) -> tuple[Edit, ...] | None:
    """Edits that delete ``ref`` from its list with its separator (a YAML block item: its line).
    ``None`` when it is the only scope, or the list is not written so that it can be cut cleanly."""
    if len(scopes.refs) < 2:
        return None
    path = ref.loc.path
    if scopes.raw is not None:
        return _remove_from_string(project, scopes, ref)
    index = _item_of(scopes, ref)
    if index is None or len(scopes.items) < 2:
        return None
    span = _item_span(project, scopes.items[index].loc)
    line = _line(project, path, ref.loc.line)
    if span is None or line is None:
        return None
    start, end, _quote = span
    block = _BLOCK_ITEM.match(line[:start - 1]) and _AFTER_ITEM.match(line[end - 1:])
    own_line = not line[:start - 1].strip() and _AFTER_ELEMENT.match(line[end - 1:])
    if block or own_line:  # a line of its own (a block item, or an element with its comma): the line goes
        return _drop_line(project, path, ref.loc.line, line)
    if index > 0:  # from the end of the previous item: ", b" goes, and so does a line of its own
        prev = _item_span(project, scopes.items[index - 1].loc)
        if prev is None:
            return None
        between = _span(project, (scopes.items[index - 1].loc.line, prev[1]), (ref.loc.line, start), path)
        if between is None or not re.fullmatch(r"\s*,\s*", between):
            return None
        edit = _edit(project, path, (scopes.items[index - 1].loc.line, prev[1]), (ref.loc.line, end), "")
    else:  # the first item: up to the next one
        nxt = _item_span(project, scopes.items[1].loc)
        if nxt is None:
            return None
        between = _span(project, (ref.loc.line, end), (scopes.items[1].loc.line, nxt[0]), path)
        if between is None or not re.fullmatch(r"\s*,\s*", between):
            return None
        edit = _edit(project, path, (ref.loc.line, start), (scopes.items[1].loc.line, nxt[0]), "")
    return (edit,) if edit is not None else None


def _drop_line(project: Project, path: str, number: int, line: str) -> tuple[Edit, ...] | None:
    if _line(project, path, number + 1) is not None:
        edit = _edit(project, path, (number, 1), (number + 1, 1), "")
    else:  # the last line of the file: the line break before it goes instead
        above = _line(project, path, number - 1)
        edit = None if above is None else _edit(project, path, (number - 1, len(above) + 1), (number, len(line) + 1), "")
    return (edit,) if edit is not None else None


def _remove_from_string(project: Project, scopes: ScopeList, ref: ScopeRef) -> tuple[Edit, ...] | None:
    """Delete one name from a space-separated string, with the spaces before it (after it, when first
    on its line); in a string written over lines (a YAML block scalar, ``scopes: >-``), a line that holds
    that name alone goes whole. ``None`` where the name shares its line with anything else (a quote, a
    line's continuation) or is not where it was read."""
    refs = list(scopes.refs)
    index = next((i for i, r in enumerate(refs) if r is ref), None)
    if index is None or not all(_one_line(r.loc) for r in refs):
        return None
    if replace(project, ref.loc, ref.name, ref.name) is None:
        return None
    line = _line(project, ref.loc.path, ref.loc.line) or ""
    before = refs[index - 1] if index > 0 and refs[index - 1].loc.line == ref.loc.line else None
    after = refs[index + 1] if index + 1 < len(refs) and refs[index + 1].loc.line == ref.loc.line else None
    if before is not None:
        start, end = before.loc.end_col, ref.loc.end_col
    elif after is not None:
        start, end = ref.loc.col, after.loc.col
    elif line.strip() == ref.name:
        return _drop_line(project, ref.loc.path, ref.loc.line, line)
    else:
        return None
    if not line[start - 1:end - 1].replace(ref.name, "", 1).isspace():  # type: ignore[index,operator]
        return None  # something else than white space between the names
    edit = _edit(project, ref.loc.path, (ref.loc.line, start), (ref.loc.line, end), "")  # type: ignore[arg-type]
    return (edit,) if edit is not None else None


def split_item(project: Project, item: Value, names: list[str]) -> Edit | None:
    """One list item holding several scopes (``- a,b``) written as one item per scope, in the
    list's own style: block items on lines of their own, flow and JSON/TOML elements after commas."""
    span = _item_span(project, item.loc)
    facts = project.facts_of(item.loc.path)
    line = _line(project, item.loc.path, item.loc.line)
    if span is None or line is None or facts is None or not names:
        return None
    start, end, quote = span
    if line[item.loc.col - 1:item.loc.end_col - 1] != item.value:  # type: ignore[operator]
        return None
    quoted = [f"{quote}{name}{quote}" for name in names]
    before = line[:start - 1]
    block = _BLOCK_ITEM.match(before)
    if block:
        text = (facts.newline + block.group(1) + "- ").join(quoted)
    elif not before.strip():  # alone on its line: one element a line
        indent = before[:len(before) - len(before.lstrip())]
        text = ("," + facts.newline + indent).join(quoted)
    else:
        text = ", ".join(quoted)
    return _edit(project, item.loc.path, (item.loc.line, start), (item.loc.line, end), text)
