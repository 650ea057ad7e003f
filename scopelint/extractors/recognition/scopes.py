"""The one scope splitter: a scope value written as one string becomes located ``ScopeRef``s."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import unquote

from ... import lazy_re
from ...findings import Location
from ...model import ScopeList, ScopeRef, Value
from .secrets import is_placeholder
from .urls import UNRESOLVED, url_query

# around a name: quotes and brackets (SL002 reports them); between names: white space and the
# separators SL002 reports, and ``+``, a form-encoded space
_JUNK = "\"'[](){}"
_PLAIN_RUN = lazy_re.compile(r"[^\s,;|+]+")
# what code splits a setting of several scopes on before it sends them as a list (``SCOPES.split(",")``)
LIST_SEPARATORS = (",", ";", "|")
_ENCODED_SEPARATOR = lazy_re.compile(r"%(?:20|2[cC]|3[bB]|7[cC])")  # an encoded space, ``,``, ``;`` or ``|``


def scope_spans(value: str, encoded: bool = False) -> list[tuple[int, int]]:
    """Where each scope name stands in a scope string, as ``(start, end)`` offsets. ``encoded``: the
    string is URL- or form-encoded, so ``%20``, ``%2C``, ``%3B`` and ``%7C`` separate names too."""
    spans = []
    if encoded and "%" in value:  # each encoded separator blanked in place, so offsets stay the same
        value = _ENCODED_SEPARATOR.sub("   ", value)
    for m in _PLAIN_RUN.finditer(value):
        a, b = m.span()
        while a < b and value[a] in _JUNK:
            a += 1
        while b > a and value[b - 1] in _JUNK:
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans


# a name that only says "a scope goes here": ``scope1``, ``SCOPE_A``, ``scope-b``, ``scopes``
_SCOPE_WORD = lazy_re.compile(r"scopes?(?:[-_]?(?:\d{1,2}|[a-z]))?", re.I)


def placeholder_scopes(value: str) -> bool:
    """Whether a scope value is written for a person to fill in, every name in it a placeholder
    (``...``, ``TODO``, ``changeme``, ``your-scopes-here``, ``REPLACE_SCOPES_HERE``, ``scope1 scope2``):
    a template's, whose scopes are not known yet, as ``${SCOPES}`` and ``<scopes>`` are not. One real
    name beside them (``TODO studio``) makes it a list to judge."""
    names = [value[a:b] for a, b in scope_spans(value)]
    return bool(names) and all(is_placeholder(n) or _SCOPE_WORD.fullmatch(n) for n in names)


def decoded(value: str) -> str:
    """A form-encoded scope string as Celonis reads it (``+`` and ``%20`` are spaces)."""
    return unquote(value.replace("+", " "))


def split_scopes(raw: str, loc: Location, source: str, encoded: bool = False, whole: bool = True) -> ScopeList:
    """Split one scope string into located names, keeping columns. A string with a reference in it
    (``${CELONIS_SCOPE}``, ``${env:SCOPES}``, ``{{scope}}``) or a placeholder (``placeholder_scopes``) is no
    scope list yet: unresolved, no names.

    Columns are exact when the string stands on one line in the source; otherwise every part
    points at the string itself. ``whole``: the string is the whole value, not one item of a list (whose
    placeholders are judged together, ``from_items``).
    """
    plain = decoded(raw) if encoded else raw
    if UNRESOLVED.search(plain) or whole and placeholder_scopes(plain):
        return ScopeList(loc, (), source=source, resolved=False)
    single_line = (loc.end_line in (None, loc.line) and "\n" not in raw
                   and (loc.end_col is None or loc.col + len(raw) <= loc.end_col))  # escapes make it shorter, never longer
    refs = []
    for a, b in scope_spans(raw, encoded):
        name = unquote(raw[a:b]) if encoded else raw[a:b]
        where = Location(loc.path, loc.line, loc.col + a, loc.line, loc.col + b) if single_line else \
            Location(loc.path, loc.line, loc.col)
        refs.append(ScopeRef(name, where, source))
    return ScopeList(loc, tuple(refs), raw=decoded(raw) if encoded else raw, source=source)


def split_written(raw: str, loc: Location, source: str, lines: Sequence[tuple[str, Location]]) -> ScopeList:
    """A scope string written over several lines (a YAML block scalar, ``scopes: >-``), split as one
    string, each scope at the columns of the line it stands on (``lines``, each line's text and place)."""
    whole = split_scopes(raw, loc, source)
    if not whole.refs or not lines:
        return whole
    refs = tuple(ref for text, at in lines for ref in split_scopes(text, at, source, whole=False).refs)
    return replace(whole, refs=refs) if [r.name for r in refs] == [r.name for r in whole.refs] else whole


def placed(found: ScopeList, lines: Sequence[str]) -> ScopeList:
    """``found`` with each scope and list item at the line and columns it is written on, where the value
    spans lines of the file ``lines`` (a ``.properties`` value continued with a backslash, a quoted ``.env``
    value over lines, Spring's ``scope: >-``) and splitting it placed them all at its start: each is looked
    up in order, from where the one before it ends, as a word of its own. Unchanged when one is not found."""
    loc = found.loc
    if loc.end_line in (None, loc.line) or not lines or not (found.refs or found.items):
        return found
    refs = _in_order([r.name for r in found.refs], loc, lines)
    if refs is None:
        return found
    # the items too, where each is written on a line (not a literal block's whole text): else left where they
    # were read, and no fix edits one
    items = _in_order([i.value for i in found.items], loc, lines)
    return replace(found, refs=tuple(replace(r, loc=at) for r, at in zip(found.refs, refs)),
                   items=found.items if items is None else tuple(replace(i, loc=at) for i, at in zip(found.items, items)))


def _in_order(texts: list[str], loc: Location, lines: Sequence[str]) -> list[Location] | None:
    """Where each of ``texts`` stands between ``loc``'s start and end in ``lines``, one after another
    (a word of its own, not part of a longer name); None when one is not there."""
    out: list[Location] = []
    line, start = loc.line, loc.col - 1
    if 0 < line <= len(lines) and _BLOCK_HEADER.match(lines[line - 1], start):
        line, start = line + 1, 0  # a YAML block's header (``>-  # a comment``): its value starts on the next line
    last = min(loc.end_line or loc.line, len(lines))
    for text in texts:
        while True:
            if line > last or not text:
                return None
            row = lines[line - 1]
            first = loc.col - 1 if line == loc.line else 0
            stop = loc.end_col - 1 if line == loc.end_line and loc.end_col else len(row)  # a block's end is past the file's
            at = row.find(text, start, stop)
            while at >= 0 and not ((at == first or row[at - 1] in _APART)
                                   and (at + len(text) == stop or row[at + len(text)] in _APART)):
                at = row.find(text, at + 1, stop)
            if at >= 0:
                out.append(Location(loc.path, line, at + 1, line, at + len(text) + 1))
                start = at + len(text)
                break
            line, start = line + 1, 0
    return out


_BLOCK_HEADER = lazy_re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")
_APART = frozenset(" \t,\"'\\")  # what stands between the scopes of a value written over lines


def scope_string(raw: str, loc: Location, source: str) -> ScopeList:
    """A scope value written in code or config, where it may be URL-encoded (``+`` and ``%20`` are spaces)."""
    return split_scopes(raw, loc, source, encoded=True)


def query_scopes(url: str, loc: Location, source: str, query: bool = True) -> ScopeList | None:
    """``scope=...`` from a URL query string (``query``; else a form body written the same way), with
    columns inside the literal."""
    for name, value, offset in url_query(url):
        if name == "scope":
            vloc = Location(loc.path, loc.line, loc.col + offset, loc.line, loc.col + offset + len(value)) \
                if loc.end_line in (None, loc.line) else loc
            found = scope_string(value, vloc, source)
            return replace(found, query=True) if query else found
    return None


def setting(value: str, loc: Location) -> Value | None:
    """A setting of a client record (its grant type, its client authentication) as written, or
    ``None`` when it is a reference of a template or another tool (``${GRANT}``, ``{{grantType}}``,
    ``${input:grant}``): what it will be is unknown."""
    return None if UNRESOLVED.search(value) else Value(value, loc)


def from_items(items: list[Value], loc: Location, source: str) -> ScopeList:
    """A scope value written as a list: each item split (one scope each, or SL002 says why not);
    unresolved when an item is."""
    if placeholder_scopes(" ".join(item.value for item in items)):
        return ScopeList(loc, (), raw=None, items=tuple(items), source=source, resolved=False)
    refs: list[ScopeRef] = []
    resolved = True
    for item in items:
        part = split_scopes(item.value, item.loc, source, whole=False)
        refs.extend(part.refs)
        resolved = resolved and part.resolved
    return ScopeList(loc, tuple(refs), raw=None, items=tuple(items), source=source, resolved=resolved)


def comma_list(raw: str, loc: Location, source: str) -> ScopeList:
    """A scope value whose own syntax is a comma-separated list (Spring's ``scope=a,b``): each item is
    one list item, so SL002 judges the items (one scope each) and not the commas between them. Spring
    sends the items joined by spaces, so white space inside an item separates scopes too."""
    single_line = loc.end_line in (None, loc.line) and "\n" not in raw
    items = []
    for m in re.finditer(r"[^,\s]+", raw):
        a, b = m.span()
        where = Location(loc.path, loc.line, loc.col + a, loc.line, loc.col + b) if single_line \
            else Location(loc.path, loc.line, loc.col)
        items.append(Value(m.group(0), where))
    return from_items(items, loc, source)
