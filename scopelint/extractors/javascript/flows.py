"""The JavaScript nodes of a flow exported as JSON: a Node-RED function node's setup, body and
close (``initialize``, ``func``, ``finalize``), an n8n Code or Function node's code. Each is one
string holding its line breaks, read where it stands in the file (``embedded``); the nodes of a
file, wherever the export nests them (a Node-RED flow's list, an n8n workflow's ``nodes``), are
read as one program in the order they are written. Other JSON files hold no such node.

Most files these readers are given are large exports with many nodes, so the document is decoded
by the standard library's JSON reader, and each script found in it is then looked up where its key
is written in the text (the same key, the same decoded value).

A Node-RED function node whose message goes to an ``http request`` node that takes its URL from the
message describes that request in what it sets on ``msg`` (``url``, ``method``, ``headers``, ``payload``).
Such a node is read as a program of its own (its ``msg`` is its own), and after its code stands the
request the next node makes: ``calls.HTTP_REQUEST_NODE``, given ``msg`` (and the node's method when it
does not take the message's)."""
from __future__ import annotations

import json
import re
from collections import Counter
from json.decoder import scanstring

from ...model import FileFacts
from ..recognition.source import Source
from .calls import HTTP_REQUEST_NODE
from .embedded import read_scripts

MAX_ITEMS = 200_000  # the objects and lists looked through for nodes, as a large flow has
MAX_APART = 200  # function nodes read as programs of their own (past that, they are read with the others)

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


def scripts_of(doc: object) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The scripts of the flow's nodes, by the key each is written under; and the function bodies
    whose message an ``http request`` node sends, each with the call that stands for that request."""
    out: dict[str, list[str]] = {}
    nodes: list[dict] = []
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
        if kind in ("function", "http request") and isinstance(node.get("id"), str):
            nodes.append(node)
        stack.extend(node.values())
    return out, _requesting(nodes)


def _requesting(nodes: list[dict]) -> dict[str, str]:
    """The bodies of the function nodes wired to an ``http request`` node that takes its URL from the
    message, each with the call that stands for the request: ``__httpRequestNode(msg)``, with the
    node's method when it does not take the message's (``"use"``)."""
    http = {node["id"]: node for node in nodes if node.get("type") == "http request" and not node.get("url")}
    found: dict[str, str] = {}
    for node in nodes:
        body, wires = node.get("func"), node.get("wires")
        if node.get("type") != "function" or not isinstance(body, str) or not isinstance(wires, list):
            continue
        targets = [http[t] for output in wires if isinstance(output, list) for t in output if t in http]
        if targets and len(found) < MAX_APART:
            method = targets[0].get("method")
            given = f", {json.dumps(method)}" if isinstance(method, str) and method.isalpha() and method != "use" else ""
            found[body] = f"; {HTTP_REQUEST_NODE}(msg{given});"
    return found


def script_strings(text: str) -> tuple[list[tuple[str, int]], list[list[tuple[str, int]]]]:
    """The strings of the flow's scripts, each with the offset of its opening quote, in the order
    they are written; and apart from them, each function body an ``http request`` node sends the
    message of, with the call that stands for that request after it (at the body's place)."""
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return [], []  # the settings readers say why
    out: list[tuple[str, int]] = []
    apart: list[list[tuple[str, int]]] = []
    scripts, requesting = scripts_of(doc)
    for key, values in scripts.items():
        left = Counter(values)  # each script found once where its key is written
        for m in re.finditer(rf'"{re.escape(key)}"\s*:\s*"', text):
            quote = m.end() - 1
            try:
                value, _ = scanstring(text, quote + 1)
            except ValueError:
                continue
            if left[value]:
                left[value] -= 1
                call = requesting.get(value) if key == "func" else None
                if call is None:
                    out.append((value, quote))
                else:
                    apart.append([(value, quote), (call, quote)])
    return sorted(out, key=lambda s: s[1]), apart


def extract(src: Source, facts: FileFacts) -> None:
    if any(p.kind in ("invalid", "unread") for p in facts.problems):
        return
    read_scripts(src, facts, *script_strings(src.text))
