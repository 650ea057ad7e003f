"""Bruno collections (``*.bru``): request files, the collection's ``collection.bru`` and its
``environments/*.bru``.

A ``.bru`` file is blocks of ``name { key: value }`` lines (text blocks such as ``body:json`` and
``script:pre-request`` are not read). Each file is read as the Postman collection or environment it
stands for, through the Postman reader: a request file as a collection of one request (its method
block's URL, ``headers``, ``body:form-urlencoded``, its auth block, its ``vars:pre-request`` as
collection variables), ``collection.bru`` as the collection's auth and variables, an environment's
``vars`` as an environment's values. Disabled entries (``~key: value``) are left out.

A request's ``{{variables}}`` take the values its collection's environments agree on (the folder
with ``bruno.json`` above it, its ``environments/*.bru``): a host every environment sets alike is
the request's host; one they set differently stays unknown.
"""
from __future__ import annotations

import os
import posixpath
from typing import NamedTuple

from ... import lazy_re
from ...findings import Location
from ...located import Node
from ...model import FileFacts
from ..recognition.imported import Parsed, PerFolder
from ..recognition.source import Source
from . import postman

_BLOCK = lazy_re.compile(r"([A-Za-z][\w:-]*)[ \t]*([{\[])[ \t]*")
_ENTRY = lazy_re.compile(r"([ \t]+)([^~\s:][^:]*?)[ \t]*:[ \t]?")
METHODS = frozenset({"get", "post", "put", "delete", "patch", "options", "head", "connect", "trace"})
# Bruno's OAuth2 settings under the names the Postman reader knows them by
_OAUTH2 = {"access_token_url": "accessTokenUrl", "client_id": "clientId", "client_secret": "clientSecret",
           "scope": "scope", "grant_type": "grant_type", "callback_url": "redirect_uri",
           "credentials_placement": "client_authentication"}
_PLACEMENT = {"body": "body", "basic_auth_header": "header"}
MAX_LINES = 50_000
MAX_UP = 8  # folders looked through for the collection's bruno.json
MAX_ENVIRONMENTS = 16


class Entry(NamedTuple):
    """A ``key: value`` line: the value, its line, and the columns of the value and the key."""

    value: str
    line: int
    col: int
    key_col: int


Block = dict[str, Entry]  # key -> its value, placed


def blocks(src: Source) -> dict[str, Block]:
    """The key-value blocks of a ``.bru`` file by name (a text block's lines are passed over)."""
    out: dict[str, Block] = {}
    name: str | None = None
    closer = ""
    for number, line in enumerate(src.lines[:MAX_LINES], 1):
        if name is None:
            m = _BLOCK.fullmatch(line)
            if m is not None:
                name, closer = m.group(1), "}" if m.group(2) == "{" else "]"
                out.setdefault(name, {})
            continue
        if line.rstrip() == closer:
            name = None
            continue
        m = _ENTRY.match(line)
        if m is None or closer != "}":
            continue
        out[name][m.group(2)] = Entry(line[m.end():].rstrip(), number, m.end() + 1, m.start(2) + 1)
    return out


def extract(src: Source, facts: FileFacts) -> None:
    found = {name: {key: _node(src.path, e) for key, e in block.items()} for name, block in blocks(src).items()
             if name in _READ}
    here = Location(src.path, 1, 1)
    folder, _, file = src.path.rpartition("/")
    stem = _str(file[:-len(".bru")], here)
    if "vars" in found and not any(k in METHODS for k in found) and "/environments/" in "/" + src.path:
        values = [_pair(key, value) for key, value in found["vars"].items()]
        postman.read_environment(Node({"name": stem, "values": Node(values, here, tag="seq")}, here, tag="map"),
                                 src, facts)
        return
    root: dict[str, Node] = {}
    meta = found.get("meta", {})
    root["info"] = Node({"name": meta.get("name") or stem}, here, tag="map")
    shared = _SHARED.get(folder, lambda: _shared(folder))
    variables = [_pair(k, v) for k, v in shared.items()]
    variables += [_pair(k, v) for block in ("vars", "vars:pre-request") for k, v in found.get(block, {}).items()]
    root["variable"] = Node(variables, here, tag="seq")
    method = next((k for k in found if k in METHODS), None)
    auth_mode = _mode(found, method)
    auth = _auth(found, auth_mode, here)
    if method is None:  # collection.bru, a folder's folder.bru: their auth and variables
        if auth is not None:
            root["auth"] = auth
        root["item"] = Node([], here, tag="seq")
    else:
        request: dict[str, Node] = {"method": _str(method.upper(), here)}
        url = found[method].get("url")
        if url is not None:
            request["url"] = url
        request["header"] = Node([_pair(k, v) for k, v in found.get("headers", {}).items()], here, tag="seq")
        form = found.get("body:form-urlencoded")
        if form:
            request["body"] = Node({"mode": _str("urlencoded", here),
                                    "urlencoded": Node([_pair(k, v) for k, v in form.items()], here, tag="seq")},
                                   here, tag="map")
        if auth is not None:
            request["auth"] = auth
        item = Node({"name": meta.get("name") or _str("", here), "request": Node(request, here, tag="map")}, here,
                    tag="map")
        root["item"] = Node([item], here, tag="seq")
    postman.read_collection(Node(root, here, tag="map"), src, facts, origin="bruno", callback=None)


def _mode(found: dict[str, Block], method: str | None) -> str:
    """The auth mode the file sets: its method block's ``auth``, or ``collection.bru``'s ``auth { mode }``."""
    node = found[method].get("auth") if method is not None else found.get("auth", {}).get("mode")
    return str(node.value).strip() if node is not None else ""


def _auth(found: dict[str, Block], mode: str, here: Location) -> Node | None:
    """The file's auth block in the Postman shape, or ``None`` (none, or not one read)."""
    if mode == "inherit":
        return Node({"type": _str("inherit", here)}, here, tag="map")
    if mode == "oauth2":
        e = found.get("auth:oauth2", {})
        pairs = []
        for key, value in e.items():
            name = _OAUTH2.get(key, key)
            if key == "credentials_placement":
                value = Node(_PLACEMENT.get(str(value.value), str(value.value)), value.loc, tag="str")
            pairs.append(_pair(name, value))
        return Node({"type": _str("oauth2", here), "oauth2": Node(pairs, here, tag="seq")}, here, tag="map")
    if mode == "bearer" and "token" in found.get("auth:bearer", {}):
        token = found["auth:bearer"]["token"]
        return Node({"type": _str("bearer", here), "bearer": Node([_pair("token", token)], here, tag="seq")}, here,
                    tag="map")
    return None


# the blocks read: the request's, its auth and variables ("auth": collection.bru's mode)
_READ = METHODS | {"meta", "headers", "body:form-urlencoded", "auth", "auth:oauth2", "auth:bearer", "vars",
                   "vars:pre-request"}


def _node(path: str, e: Entry) -> Node:
    return Node(e.value, Location(path, e.line, e.col, e.line, e.col + len(e.value)), tag="str",
                key_loc=Location(path, e.line, e.key_col))


def _pair(key: str, value: Node) -> Node:
    """A ``{key, value}`` entry of the Postman shape."""
    return Node({"key": Node(key, value.key_loc or value.loc, tag="str"), "value": value}, value.loc, tag="map")


def _str(text: str, at: Location) -> Node:
    return Node(text, at, tag="str")


_SHARED: PerFolder[dict[str, Node]] = PerFolder(256)  # a request's folder -> the variables its environments share
_read = Parsed(lambda path, text: blocks(Source(path, text)), 64).load


def _shared(folder: str) -> dict[str, Node]:
    """The variables every environment of the collection above ``folder`` sets to one value."""
    for _ in range(MAX_UP):
        if os.path.isfile(posixpath.join(folder or ".", "bruno.json")):
            break
        if not folder or folder in ("/", "."):
            return {}
        folder = posixpath.dirname(folder)
    else:
        return {}
    where = posixpath.join(folder, "environments") if folder else "environments"
    try:
        names = sorted(n for n in os.listdir(where or ".") if n.endswith(".bru"))[:MAX_ENVIRONMENTS]
    except OSError:
        return {}
    seen: dict[str, Node | None] = {}
    for name in names:
        path = posixpath.join(where, name)
        found = _read(path) or {}
        for key, e in found.get("vars", {}).items():
            before = seen.setdefault(key, _node(path, e))
            if before is not None and before.value != e.value:
                seen[key] = None
    return {key: value for key, value in seen.items() if value is not None}
