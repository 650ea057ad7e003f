"""Terraform configuration (``.tf``), variable files (``.tfvars``) and other HCL (``terragrunt.hcl``'s ``inputs``,
a Nomad job's ``env``), read line by line as
``name = "value"`` settings, each judged by ``variables.judge`` with the exact columns of its value:

- in a ``.tfvars`` file, every ``name = "..."`` (``celonis_client_secret = "..."``);
- a ``variable "NAME" { default = "..." }`` is the setting ``NAME``;
- in ``locals {}`` and any other block (a provider's, a resource's), each attribute by its own name.

Only a string written out in double quotes is a value; one that interpolates (``"${var.x}/token"``)
is judged as a template, whose references stay unresolved. Heredocs and expressions are passed over.

A resource that stores an OAuth provider's use (an AgentCore gateway target's ``oauth`` block) with
a ``scopes = [...]`` list is a token request for those scopes where a Celonis token or discovery URL
is its own or that of the resource it names (``provider_arn = aws_..._credential_provider.celonis.arn``),
as in CloudFormation; a scope written as anything but a string leaves them unknown.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator

from ... import inputs, lazy_re, limits
from ...findings import Location
from ...lines import split_lines
from ...model import REQUEST, FileFacts, ScopeList, TokenRequest, Value
from ...records import field, record
from ..recognition.celonis import configures_client, token_endpoint
from ..recognition.imported import PerFolder
from ..recognition.names import normalise
from ..recognition.scopes import from_items, scope_string
from ..recognition.source import Source
from ..recognition.urls import UNRESOLVED
from ..recognition.variables import at, celonis_context, judge, oauth_client, pair_words
from .cloudformation import SCOPE_KEYS

_BLOCK = lazy_re.compile(r'^\s*([A-Za-z_][\w-]*)((?:\s+"[^"\n]*"|\s+[A-Za-z_][\w-]*)*)\s*\{\s*(?:#.*|//.*)?$')
# a key as HCL writes it: a bare name, or quoted as an object's keys often are (``"CELONIS_CLIENT_SECRET" = ...``)
_KEY = r'(?:([A-Za-z_][\w-]*)|"([^"\\\n]+)")'
_VALUE = r'"((?:[^"\\\n]|\\.)*)"'
_ATTRIBUTE = lazy_re.compile(r'^\s*' + _KEY + r'\s*[=:]\s*' + _VALUE + r'\s*,?\s*(?:#.*|//.*)?$')
# a map written on one line (``variables = { A = "x", B = var.b }``), and each of its entries: a string
# or a plain expression (a reference, a number), which is passed over
_INLINE = lazy_re.compile(r'^\s*' + _KEY + r'\s*[=:]\s*\{(.*)\}\s*,?\s*(?:#.*|//.*)?$')
_ENTRY = lazy_re.compile(r'\s*' + _KEY + r'\s*[=:]\s*(?:' + _VALUE + r'|[\w.-]+(?:\[\d+\])*)\s*(?:,|$)')
_LABEL = lazy_re.compile(r'"([^"\n]*)"')
Setting = tuple[str, str, tuple[int, int, int, int], int]  # name, value, where, the block it is set in


def extract(src: Source, facts: FileFacts) -> None:
    found = list(settings(src.lines))
    context = celonis_context(pair_words((name, value) for name, value, _, _ in found))
    oauth = oauth_client(name for name, _, _, _ in found)
    taken = token_requests(src, facts) if "scope" in src.text else set()
    # the blocks and maps that configure a Celonis OAuth client: one of their endpoint-named attributes is
    # its token or authorization URL (``locals { celonis = { token_url = "...", scope = "..." } }``)
    blocks: dict[int, list[tuple[str, str]]] = {}
    for name, value, _, block in found:
        blocks.setdefault(block, []).append((name, value))
    clients = {block for block, pairs in blocks.items() if configures_client(pairs)}
    for name, value, (line, col, end_line, end_col), block in found:
        if (line, col) not in taken:  # a resource's scope string its token request sends
            judge(name, value, at(src.path, line, col, end_line, end_col), facts, context, src.catalog, oauth=oauth,
                  celonis_client=block in clients)


@record(frozen=False)
class Resource:
    """A top-level ``resource``/``data`` block: its string attributes, its lists, the resources it names."""

    key: str  # ``type.name`` (``data.type.name``), as other blocks name it
    strings: list[tuple[str, str, Location]] = field(default_factory=list)  # name, value, where
    lists: list[tuple[str, list[Value] | None, Location]] = field(default_factory=list)  # name, items (None: not all strings)
    names: set[str] = field(default_factory=set)


def token_requests(src: Source, facts: FileFacts) -> set[tuple[int, int]]:
    """The token requests of the file's resources; where the scope strings they send stand."""
    resources = list(_resources(src.path, src.lines))
    endpoints = _endpoints(resources)
    taken: set[tuple[int, int]] = set()
    for resource in resources:
        scopes: list[tuple[ScopeList | None, Location]] = [
            (from_items(items, loc, REQUEST) if items is not None else None, loc)
            for name, items, loc in resource.lists if normalise(name) in SCOPE_KEYS]
        strings = [(value, loc) for name, value, loc in resource.strings if normalise(name) in SCOPE_KEYS]
        if not (scopes or strings):
            continue
        endpoint = endpoints.get(resource.key) or next(
            filter(None, (_endpoint_of(k, endpoints, src.path) for k in sorted(resource.names - {resource.key}))), None)
        if endpoint is None:
            continue
        url, url_loc = endpoint
        for value, loc in strings:  # scope = "studio integration.data-pools"
            scopes.append((None if UNRESOLVED.search(value) else scope_string(value, loc, REQUEST), loc))
            taken.add((loc.line, loc.col))
        for found, loc in scopes:
            where = url_loc if url_loc.path == src.path else loc  # another file of the module: at the scopes
            facts.token_requests.append(TokenRequest(where, None if UNRESOLVED.search(url) else url, found))
    return taken


def _endpoints(resources: list[Resource]) -> dict[str, tuple[str, Location]]:
    """The Celonis token endpoint each resource holds, by its key."""
    out = {}
    for r in resources:
        found = next(((url, loc) for _, v, loc in r.strings if (url := token_endpoint(v))), None)
        if found is not None:
            out[r.key] = found
    return out  # type: ignore[return-value]


def _endpoint_of(key: str, here: dict[str, tuple[str, Location]], path: str) -> tuple[str, Location] | None:
    """The endpoint of the resource ``key`` names: of this file, or of another ``.tf`` file of its
    folder (one Terraform module)."""
    if key in here:
        return here[key]
    return _module(os.path.dirname(path)).get(key)


_modules: PerFolder[dict[str, tuple[str, Location]]] = PerFolder(256)


def _module(folder: str) -> dict[str, tuple[str, Location]]:
    """The endpoints the ``.tf`` files of a folder hold (the first ``MAX_SIBLINGS`` of them), read once
    per folder."""
    return _modules.get(folder, lambda: _read_module(folder))


def _read_module(folder: str) -> dict[str, tuple[str, Location]]:
    found: dict[str, tuple[str, Location]] = {}
    try:
        names = sorted(n for n in os.listdir(folder or ".") if n.endswith(".tf"))[:MAX_SIBLINGS]
    except OSError:
        names = []
    for name in names:
        other = os.path.join(folder, name)
        try:
            text = inputs.read_text(other, limits.max_file_size())
        except (OSError, ValueError):
            continue
        for k, v in _endpoints(list(_resources(other, split_lines(text)))).items():
            found.setdefault(k, v)
    return found


MAX_SIBLINGS = 64


_LIST = lazy_re.compile(r'^\s*([A-Za-z_][\w-]*)\s*=\s*\[')
_STRING = lazy_re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_NAMED = lazy_re.compile(r'(?<![\w."])((?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)\.[A-Za-z_]')
MAX_LIST_LINES = 200


def _resources(path: str, lines: list[str]) -> Iterator[Resource]:
    """The top-level ``resource`` and ``data`` blocks, read line by line (braces counted outside strings)."""
    depth, current = 0, None
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        bare = _STRING.sub('""', line.split("#", 1)[0])
        if depth == 0:
            block = _BLOCK.match(line)
            labels = _LABEL.findall(block.group(2)) if block else []
            current = None
            if block and block.group(1) in ("resource", "data") and len(labels) == 2:
                prefix = "data." if block.group(1) == "data" else ""
                current = Resource(f"{prefix}{labels[0]}.{labels[1]}")
        elif current is not None:
            current.names.update(_NAMED.findall(bare))
            for name, value, start, end in _pairs(line)[0]:
                current.strings.append((name, value, at(path, number, start + 1, number, end + 1)))
            listed = _LIST.match(line)
            if listed:
                start, text = number, line[listed.end():]
                end = number
                while "]" not in _STRING.sub('""', text) and end - start < MAX_LIST_LINES and end < len(lines):
                    end += 1
                    text += "\n" + lines[end - 1]
                where = at(path, start, listed.start(1) + 1, end, len(lines[end - 1]) + 1)
                current.lists.append((listed.group(1), _items(path, text, start, listed.end()), where))
                for k in range(number, end):  # the list's lines: their braces and names are its own
                    current.names.update(_NAMED.findall(lines[k]))
                number = end
                bare = _STRING.sub('""', text)
        depth = max(depth + bare.count("{") - bare.count("}"), 0)
        if depth == 0 and current is not None and "}" in bare:
            yield current
            current = None


def _items(path: str, text: str, line: int, col: int) -> list[Value] | None:
    """The strings of a list written from column ``col`` of ``line`` on; None when an item is not a
    string written out (``var.scopes``, ``"${local.x}"``)."""
    body = text.split("]", 1)[0] if "]" in _STRING.sub('""', text) else text
    rest = _STRING.sub("", body)
    rest = re.sub(r"#.*|//.*", "", rest)
    if rest.replace(",", "").strip():
        return None
    items = []
    for m in _STRING.finditer(body):
        before = body[:m.start()]
        row = line + before.count("\n")
        start = (col + len(before)) if "\n" not in before else len(before) - before.rfind("\n") - 1
        value = m.group(1)
        if UNRESOLVED.search(value):
            return None
        items.append(Value(value, at(path, row, start + 2, row, start + 2 + len(value))))
    return items


def _pairs(line: str) -> tuple[list[tuple[str, str, int, int]], bool]:
    """The ``name = "value"`` settings of one line, each with its value's columns (0-based, end
    excluded), and whether they are the line's one attribute (else each string entry of a map written
    on it whole)."""
    m = _ATTRIBUTE.match(line)
    if m:
        return [(m.group(1) or m.group(2), m.group(3), m.start(3), m.end(3))], True
    inline = _INLINE.match(line)
    out: list[tuple[str, str, int, int]] = []
    at, end = (inline.start(3), inline.end(3)) if inline is not None else (0, 0)
    while at < end:
        entry = _ENTRY.match(line, at, end)
        if entry is None:
            break  # an entry that is neither (a call, a nested map): the rest is not read
        if entry.group(3) is not None:
            out.append((entry.group(1) or entry.group(2), entry.group(3), entry.start(3), entry.end(3)))
        at = entry.end()
    return out, False


def settings(lines: list[str]) -> Iterator[Setting]:
    """Each ``name = "value"``, by the name it sets: a ``variable`` block's ``default`` is the variable's."""
    stack: list[str | None] = []  # for each open block, the variable it declares (None: another block)
    blocks: list[int] = []  # for each open block, the line it opens on: which block a setting is set in
    heredoc: str | None = None
    for number, line in enumerate(lines, 1):
        if heredoc is not None:
            if line.strip() == heredoc:
                heredoc = None
            continue
        opened = re.search(r"<<-?\s*([A-Za-z_]\w*)\s*$", line)
        if opened:
            heredoc = opened.group(1)
            continue
        block = _BLOCK.match(line)
        if block:
            labels = _LABEL.findall(block.group(2))
            stack.append(labels[0] if block.group(1) == "variable" and labels else None)
            blocks.append(number)
            continue
        pairs, whole = _pairs(line)  # the line's one attribute, else a map's entries
        for name, value, start, end in pairs:
            if whole and name == "default" and stack and stack[-1] is not None:
                name = stack[-1]
            yield name, value, (number, start + 1, number, end + 1), (blocks[-1] if blocks else 0) if whole else number
        if pairs:
            continue
        closes = line.count("}") - line.count("{")
        for _ in range(max(closes, 0)):
            if stack:
                stack.pop()
                blocks.pop()
        if line.rstrip().endswith("{") and not block:  # an attribute whose value opens a map: ``tags = {``
            stack.append(None)
            blocks.append(number)
