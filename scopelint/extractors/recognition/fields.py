"""Values read out of located text: scope strings, form fields, query strings and JSON
members, every part still pointing at its place in the source."""
from __future__ import annotations

from urllib.parse import unquote

from ... import lazy_re
from ...model import ScopeList, ScopeRef
from .scopes import decoded, placeholder_scopes, scope_spans
from .text import LineIndex, Text


def scope_list(text: Text, index: LineIndex, source: str, encoded: bool = False, query: bool = False) -> ScopeList:
    """One scope string as Celonis reads it, each name located exactly (form-encoded values
    use ``+`` and ``%20`` for spaces); a placeholder's is no list yet (``scopes.placeholder_scopes``)."""
    value = text.value
    if placeholder_scopes(decoded(value) if encoded else value):
        return ScopeList(text.loc(index), (), source=source, resolved=False)
    refs = tuple(ScopeRef(unquote(value[a:b]) if encoded else value[a:b], text.loc(index, a, b), source)
                 for a, b in scope_spans(value, encoded))
    return ScopeList(text.loc(index), refs, raw=decoded(value) if encoded else value, source=source, query=query)


def form_fields(text: Text) -> list[tuple[str, Text, int]]:
    """``name=value&...`` -> ``(name, value, offset of name)`` with values as located slices."""
    out, value, pos = [], text.value, 0
    for part in value.split("&"):
        name, eq, _ = part.partition("=")
        if eq:
            out.append((unquote(name.strip()), text.slice(pos + len(name) + 1, pos + len(part)), pos))
        pos += len(part) + 1
    return out


def form_open(text: Text) -> bool:
    """Whether an unresolved part of a form body could add fields (``...&$EXTRA``), as opposed
    to unresolved values (``client_id=$ID``)."""
    pos = 0
    for part in text.value.split("&"):
        name = part.partition("=")[0]
        if not text.slice(pos, pos + len(name)).literal_only:
            return True
        pos += len(part) + 1
    return False


def query_fields(url: Text) -> list[tuple[str, Text, int]]:
    """The query parameters of a URL, values located."""
    value = url.value
    if "?" not in value:
        return []
    start = value.index("?") + 1
    end = value.find("#", start)
    end = len(value) if end < 0 else end
    return [(n, v, off + start) for n, v, off in form_fields(url.slice(start, end))]


_JSON_PAIR = lazy_re.compile(r'"([^"\\\n]{1,80})"\s*:\s*"((?:[^"\\\n]|\\.){0,2000})"')


def json_fields(text: Text) -> list[tuple[str, Text, int]]:
    """String members of a JSON object written as text (``{"scope": "studio"}``)."""
    return [(m.group(1), text.slice(m.start(2), m.end(2)), m.start(1)) for m in _JSON_PAIR.finditer(text.value)]
