"""The scripts of a Postman collection: the ``exec`` lines of each pre-request and test script (of the
collection, of a folder, of a request), read as JavaScript where they stand in the JSON file. Each
line is put at its string's line and column, the rest of the file blanked, so a fact's line is the
file's (and its column, up to an escaped character earlier on its line: ``\\"`` is one character of
the script). A script written as one string holding its line breaks (the format's older shape) is
not read: its lines have no place of their own in the file."""
from __future__ import annotations

import re

from ...located import Node, ParseError
from ...model import FileFacts
from ..recognition.source import Source, documents
from ..recognition.text import Moved, escapes
from .code import MAX_LINE

_FILE = re.compile(r"\.postman_collection\.json$", re.I)
MAX_ITEMS = 20_000  # as many folders and requests as the collection reader reads


def preload() -> None:
    from . import code

    code.preload()


def claims(path: str, explicit: bool = False) -> bool:
    return bool(_FILE.search(path))


def script_lines(root: Node) -> list[Node]:
    """The string nodes of the collection's script lines, in the order they are written."""
    out: list[Node] = []
    stack, seen = [root], 0
    while stack and seen < MAX_ITEMS:
        node = stack.pop()
        seen += 1
        if not isinstance(node.value, dict):
            continue
        for event in _list(node.get("event")):
            script = event.get("script")
            lines = script.get("exec") if script is not None else None
            if lines is not None and lines.tag == "str":
                lines = Node([lines], lines.loc, tag="seq")
            out.extend(line for line in _list(lines) if line.tag == "str" and "\n" not in str(line.value))
        stack.extend(reversed(_list(node.get("item"))))
    return sorted(out, key=lambda n: (n.loc.line, n.loc.col))


def placed(lines: list[Node], raw: list[str]) -> tuple[str, Moved]:
    """A text with each script line at its line and column (1-based, where its string's content starts),
    blank elsewhere, and where its characters stand in the file (``raw``: the file's lines), each escape
    of a string moving those after it; two on one line (a collection written on one line) are joined
    by a space."""
    rows: list[list[str]] = []  # each line's pieces, joined once at the end (a long line is not copied at every piece)
    widths: list[int] = []
    moved = Moved()
    for node in lines:
        line, col, text = node.loc.line, node.loc.col, str(node.value)
        while len(rows) < line:
            rows.append([])
            widths.append(0)
        width = widths[line - 1]
        if width > MAX_LINE:  # a line the JavaScript reader leaves unread (minified): where its characters are is moot
            rows[line - 1] += (" ", text)
            widths[line - 1] = width + 1 + len(text)
            continue
        pad = max(col - 1 - width, 1 if width else 0)
        start = width + pad + 1  # the column the line's text starts at here
        rows[line - 1] += (" " * pad, text)
        widths[line - 1] = width + pad + len(text)
        moved.shift(line, start, col - start)
        written = raw[line - 1] if line <= len(raw) else ""
        for at, by in escapes(written, col - 1, text):
            moved.shift(line, start + at, col - start + by)
    return "\n".join("".join(row) for row in rows) + "\n", moved


def extract(src: Source, facts: FileFacts) -> None:
    from . import code

    if any(p.kind in ("invalid", "unread") for p in facts.problems):
        return
    try:
        found = documents(src, "json")
    except ParseError:
        return  # the collection reader says why
    lines = script_lines(found[0]) if found else []
    if not lines:
        src.signs = ""
        return
    text, moved = placed(lines, src.lines)
    inner = Source(src.path, text, src.explicit, src.catalog, moved=moved)
    code.extract(inner, facts)
    src.signs = inner.signs if inner.signs is not None else inner.text


def _list(node: Node | None) -> list[Node]:
    return node.value if node is not None and isinstance(node.value, list) else []
