"""The one scope splitter: a scope value written as one string becomes located ``ScopeRef``s."""
from __future__ import annotations

from ...findings import Location
from ...model import ScopeList, ScopeRef
from .urls import url_query

_JUNK = "\"'[](){},;|"


def split_scopes(raw: str, loc: Location, source: str) -> ScopeList:
    """Split one scope string on white space (and on the separators SL002 reports), keeping columns.

    Columns are exact when the string stands on one line in the source; otherwise every part
    points at the string itself.
    """
    refs: list[ScopeRef] = []
    single_line = (loc.end_line in (None, loc.line) and "\n" not in raw
                   and (loc.end_col is None or loc.col + len(raw) <= loc.end_col))  # escapes make it shorter, never longer
    token = ""
    start = 0
    for i, ch in enumerate(raw + " "):
        if ch.isspace() or ch in ",;|+":
            if token:
                cleaned = token.strip(_JUNK)
                if cleaned:
                    offset = start + (len(token) - len(token.lstrip(_JUNK)))
                    col = loc.col + offset if single_line else loc.col
                    end = col + len(cleaned) if single_line else None
                    refs.append(ScopeRef(cleaned, Location(loc.path, loc.line, col, loc.line if end else None, end), source))
            token = ""
        else:
            if not token:
                start = i
            token += ch
    return ScopeList(loc, tuple(refs), raw=raw, source=source)


def scope_string(raw: str, loc: Location, source: str) -> ScopeList:
    """A scope value written as one string (``+`` and ``%20`` are URL-encoded spaces)."""
    return split_scopes(raw.replace("%20", " ").replace("%2C", ",").replace("%3A", ":"), loc, source)


def query_scopes(url: str, loc: Location, source: str) -> ScopeList | None:
    """``scope=...`` from a URL query string, with columns inside the literal."""
    for name, value, offset in url_query(url):
        if name == "scope":
            vloc = Location(loc.path, loc.line, loc.col + offset, loc.line, loc.col + offset + len(value)) \
                if loc.end_line in (None, loc.line) else loc
            return scope_string(value, vloc, source)
    return None
