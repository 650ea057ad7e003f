"""The JavaScript nodes of a flow exported as JSON: a Node-RED function node's setup, body and
close (``initialize``, ``func``, ``finalize``), an n8n Code or Function node's code. Each is one
string holding its line breaks, read where it stands in the file (``embedded``); the nodes of a
file, wherever the export nests them (a Node-RED flow's list, an n8n workflow's ``nodes``), are
read as one program in the order they are written. Other JSON files hold no such node.

Most files these readers are given are large exports with many nodes, so the document is decoded
by the standard library's JSON reader, and each script found in it is then looked up where its key
is written in the text (the same key, the same decoded value)."""
from __future__ import annotations

import json
import re
from collections import Counter
from json.decoder import scanstring

from ...model import FileFacts
from ..recognition.source import Source
from .embedded import read_scripts

MAX_ITEMS = 200_000  # the objects and lists looked through for nodes, as a large flow has

# a node's type, and where its scripts are: the key of the object holding them ("" for the node) and their keys
SCRIPT_NODES: dict[str, tuple[str, tuple[str, ...]]] = {
    "function": ("", ("initialize", "func", "finalize")),  # Node-RED
    "n8n-nodes-base.code": ("parameters", ("jsCode",)),  # its Python code is under ``pythonCode``
    "n8n-nodes-base.function": ("parameters", ("functionCode",)),
    "n8n-nodes-base.functionItem": ("parameters", ("functionCode",)),
}


def preload() -> None:
    from . import code

    code.preload()


def scripts_of(doc: object) -> dict[str, list[str]]:
    """The scripts of the flow's nodes, by the key each is written under."""
    out: dict[str, list[str]] = {}
    stack, seen = [doc], 0
    while stack and seen < MAX_ITEMS:
        node = stack.pop()
        seen += 1
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        kind = node.get("type")
        where = SCRIPT_NODES.get(kind) if isinstance(kind, str) else None
        holder = (node.get(where[0]) if where[0] else node) if where is not None else None
        if where is not None and isinstance(holder, dict):
            for key in where[1]:
                script = holder.get(key)
                if isinstance(script, str) and script.strip():
                    out.setdefault(key, []).append(script)
        stack.extend(node.values())
    return out


def script_strings(text: str) -> list[tuple[str, int]]:
    """The strings of the flow's scripts, each with the offset of its opening quote, in the order
    they are written."""
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return []  # the settings readers say why
    out: list[tuple[str, int]] = []
    for key, values in scripts_of(doc).items():
        left = Counter(values)  # each script found once where its key is written
        for m in re.finditer(rf'"{re.escape(key)}"\s*:\s*"', text):
            quote = m.end() - 1
            try:
                value, _ = scanstring(text, quote + 1)
            except ValueError:
                continue
            if left[value]:
                left[value] -= 1
                out.append((value, quote))
    return sorted(out, key=lambda s: s[1])


def extract(src: Source, facts: FileFacts) -> None:
    if any(p.kind in ("invalid", "unread") for p in facts.problems):
        return
    read_scripts(src, facts, script_strings(src.text))
