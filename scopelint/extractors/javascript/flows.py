"""The JavaScript nodes of a flow exported as JSON: a Node-RED function node's setup, body and
close (``initialize``, ``func``, ``finalize``), an n8n Code or Function node's code. Each is one
string holding its line breaks, read where it stands in the file (``embedded``); the nodes of a
file, wherever the export nests them (a Node-RED flow's list, an n8n workflow's ``nodes``), are
read as one program in the order they are written. Other JSON files hold no such node.

Most files these readers are given are large exports with many nodes, so the document is decoded
by the standard library's JSON reader, and each script found in it is then looked up where its key
is written in the text (the same key, the same decoded value).

A Node-RED function node whose message goes to an ``http request`` node describes that request in what
it sets on ``msg`` (``url``, ``method``, ``headers``, ``payload``). Such a node is read as a program of its
own (its ``msg`` is its own), and after its code stands the request the next node makes:
``calls.HTTP_REQUEST_NODE``, given ``msg`` (and the node's method and URL when it has its own)."""
from __future__ import annotations

import json
import re
from collections import Counter
from json.decoder import scanstring

from ...model import FileFacts
from ..recognition.source import Source
from .calls import HTTP_REQUEST_NODE
from .embedded import read_scripts
from .lexer import tokenize

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


def scripts_of(doc: object) -> tuple[dict[str, list[str]], dict[str, tuple[str, str | None, str]]]:
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


SENT = "\u00b5"  # the name a function node's returned message is given (``var µ=``, as long as ``return``)


def _requesting(nodes: list[dict]) -> dict[str, tuple[str, str | None, str]]:
    """The bodies of the function nodes wired to an ``http request`` node, each with the call that
    stands for the request, ``__httpRequestNode(message, method, url, output)``: the message the body
    returns (``_sent``) or else ``msg``; the node's method unless it takes the message's (``"use"``);
    the node's URL unless it takes the message's (none written); the output wired to it. Also that
    URL, where the call is put, and the body as it is read. A URL the node fills in from the message
    (``{{{url}}}``) is not known."""
    http = {node["id"]: node for node in nodes if node.get("type") == "http request"}
    found: dict[str, tuple[str, str | None, str]] = {}
    for node in nodes:
        body, wires = node.get("func"), node.get("wires")
        if node.get("type") != "function" or not isinstance(body, str) or not isinstance(wires, list):
            continue
        targets = [(k, http[t]) for k, output in enumerate(wires) if isinstance(output, list) for t in output if t in http]
        if not targets or len(found) >= MAX_APART:
            continue
        output, target = targets[0]
        method, url = target.get("method"), target.get("url") or None
        if url is not None and (not isinstance(url, str) or "{{" in url):
            continue
        given = json.dumps(method) if isinstance(method, str) and method.isalpha() and method != "use" else "null"
        read, sent = _sent(body, output)
        if sent is not None:
            found[body] = (f"; {HTTP_REQUEST_NODE}({sent}, {given}, {json.dumps(url)}, {output});", url, read)
    return found


def _sent(body: str, output: int = 0) -> tuple[str, str | None]:
    """``body`` with the last ``return`` that sends something on ``output`` written ``var µ=`` (as many
    characters, so every other character keeps its place), and what the node sends there: ``µ``'s value
    (``return msg``, ``return {url, payload}``, ``return [null, request]``); else ``msg`` where it sends
    with ``node.send`` or has no return; else None, for a node whose returns send nothing there. A
    ``return`` counts where the node's own code runs it, in the body or a block of its statements (``if``,
    ``else``, ``try``, loops), not in a function it defines (a callback's) nor in a ``catch`` block (the
    error it answers is not the request); one that sends nothing there (``return``, ``return null``,
    ``return [msg, null]`` for the second output) does not: a token cache sends its request in a block
    and nothing after it."""
    if SENT in body:
        return body, "msg"
    toks = tokenize(body)[0]
    blocks: list[bool] = []  # for each "{" open: whether it opens a block of the node's own statements
    heads: list[str] = []  # for each "(" open: the word before it (``if``, ``for``, a function's name)
    closed, last, returns = "", None, False  # the word before the parenthesis just closed; the return that counts
    for i, tok in enumerate(toks):
        if tok.kind == "punct" and tok.text in ("(", ")", "{", "}"):
            before = toks[i - 1] if i else None
            if tok.text == "(":
                heads.append(before.text if before is not None and before.kind == "id" else "")
            elif tok.text == ")":
                closed = heads.pop() if heads else ""
            elif tok.text == "{":
                blocks.append(before is not None and (before.kind == "id" and before.text in _BLOCK_WORDS
                                                      or before.text == ")" and closed in _BLOCK_HEADS))
            elif blocks:
                blocks.pop()
        elif tok.kind == "id" and tok.text == "return" and all(blocks):
            returns = True
            if not _nothing(toks, i + 1, output):
                last = tok
    if last is not None and last.end - last.start == len("return"):
        return body[:last.start] + f"var {SENT}=" + body[last.end:], SENT
    return body, "msg" if last is not None or not returns or "node.send" in body else None


_BLOCK_WORDS = frozenset({"else", "try", "finally", "do"})  # a block of statements follows the word
_BLOCK_HEADS = frozenset({"if", "for", "while", "switch", "with"})  # ... or its parenthesis (not ``catch``'s)
_NULL = frozenset({"null", "undefined"})


def _nothing(toks: list, at: int, output: int) -> bool:
    """Whether a ``return`` whose value starts at token ``at`` sends nothing on ``output``: no value, ``null``;
    a list whose item for that output is none; a message alone (``msg``, ``{...}``) on any output but the first."""
    if at >= len(toks) or toks[at].text in (";", "}"):
        return True
    if toks[at].text in _NULL and (at + 1 >= len(toks) or toks[at + 1].text in (";", "}")):
        return True
    if toks[at].kind == "punct" and toks[at].text == "[":
        item = _item(toks, at, output)
        return item is None or len(item) == 1 and item[0].text in _NULL
    return output > 0 and (toks[at].kind == "punct" and toks[at].text == "{" or toks[at].text == "msg"
                           and (at + 1 >= len(toks) or toks[at + 1].text in (";", "}")))


def _item(toks: list, opened: int, index: int) -> list | None:
    """The tokens of item ``index`` of the list literal whose ``[`` is token ``opened``; None when it has fewer."""
    depth, item, items = 0, [], 0
    for tok in toks[opened + 1:]:
        if tok.kind == "punct" and tok.text in ("(", "[", "{"):
            depth += 1
        elif tok.kind == "punct" and tok.text in (")", "]", "}"):
            if depth == 0:
                return item if items == index and item else None
            depth -= 1
        elif depth == 0 and tok.kind == "punct" and tok.text == ",":
            if items == index:
                return item
            items, item = items + 1, []
            continue
        if items == index:
            item.append(tok)
    return None


def script_strings(text: str) -> tuple[list[tuple[str, int]], list[list[tuple[str, int]]]]:
    """The strings of the flow's scripts, each with the offset of its opening quote, in the order
    they are written; and apart from them, each function body an ``http request`` node sends the
    message of, with the call that stands for that request after it (at the body's place, or where
    the node writes its URL)."""
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return [], []  # the settings readers say why
    out: list[tuple[str, int]] = []
    apart: list[list[tuple[str, int]]] = []
    scripts, requesting = scripts_of(doc)
    urls: dict[str, int] = {}  # where the file first writes each URL of an http request node
    for value, quote in _written(text, "url", {url for _, url, _ in requesting.values() if url is not None}):
        urls.setdefault(value, quote)
    for key, values in scripts.items():
        left = Counter(values)  # each script found once where its key is written
        for value, quote in _written(text, key, set(values)):
            if left[value]:
                left[value] -= 1
                call = requesting.get(value) if key == "func" else None
                if call is None:
                    out.append((value, quote))
                else:
                    apart.append([(call[2], quote), (call[0], quote if call[1] is None else urls.get(call[1], quote))])
    return sorted(out, key=lambda s: s[1]), apart


def _written(text: str, key: str, values: set[str]) -> list[tuple[str, int]]:
    """Each place the file writes one of ``values`` under ``key``: the decoded string and the offset of
    its opening quote."""
    found = []
    for m in re.finditer(rf'"{re.escape(key)}"\s*:\s*"', text) if values else ():
        quote = m.end() - 1
        try:
            value, _ = scanstring(text, quote + 1)
        except ValueError:
            continue
        if value in values:
            found.append((value, quote))
    return found


def extract(src: Source, facts: FileFacts) -> None:
    if any(p.kind in ("invalid", "unread") for p in facts.problems):
        return
    read_scripts(src, facts, *script_strings(src.text))
