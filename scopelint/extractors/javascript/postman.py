"""The scripts of a Postman collection: each pre-request and test script (of the collection, of a
folder, of a request), its ``exec`` lines or the one string holding them all (the format's older
shape), read as JavaScript where it stands in the JSON file (``embedded``)."""
from __future__ import annotations

import re

from ... import lazy_re
from ...located import Node, ParseError
from ...model import FileFacts
from ..recognition.source import Source, documents
from .embedded import quoted, read_scripts

_FILE = lazy_re.compile(r"\.postman_collection\.json$", re.I)
MAX_ITEMS = 20_000  # as many folders and requests as the collection reader reads


def preload() -> None:
    from . import code

    code.preload()


def claims(path: str, explicit: bool = False) -> bool:
    return bool(_FILE.search(path))


def script_lines(root: Node) -> list[Node]:
    """The strings of the collection's scripts, in the order they are written: each a script's line,
    or a whole script holding its line breaks."""
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
            out.extend(line for line in _list(lines) if line.tag == "str")
        stack.extend(reversed(_list(node.get("item"))))
    return sorted(out, key=lambda n: (n.loc.line, n.loc.col))


def extract(src: Source, facts: FileFacts) -> None:
    if any(p.kind in ("invalid", "unread") for p in facts.problems):
        return
    try:
        found = documents(src, "json")
    except ParseError:
        return  # the collection reader says why
    read_scripts(src, facts, quoted(src, script_lines(found[0])) if found else [])


def _list(node: Node | None) -> list[Node]:
    return node.value if node is not None and isinstance(node.value, list) else []
