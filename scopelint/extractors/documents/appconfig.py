"""An application's own configuration files: YAML (Helm ``values.yaml`` among them), JSON, TOML and
INI files that are not client definitions, pipelines, manifests or profiles.

When the file concerns Celonis (a celonis.cloud URL or a Celonis-named key), every key that says it
holds a Celonis secret, scope, token URL or key type is judged as the same variable in an env file
would be, by the name its path spells (``celonis: {tokenUrl: ...}`` is ``CELONIS_TOKEN_URL``), with
the position of its value. A Helm template is read around its ``{{ }}`` actions (``located.documents``);
a YAML file that still does not parse is passed over with a note.
"""
from __future__ import annotations

import re
from urllib.parse import unquote

from ... import lazy_re
from . import documents
from ...findings import Location
from ...located import Node, ParseError
from ...model import VARIABLE, FileFacts, Problem
from ..recognition.celonis import concerns_celonis
from ..recognition.names import SCOPE_VAR, normalise, secret_kind
from ..recognition.source import PathPattern, Source, ci_pipeline, compose_file, suffix
from ..recognition.urls import url_query
from ..recognition.variables import celonis_context, judge
from . import actions, mcp, postman_plain
from .definitions import clients_node, reports_parse_errors, scope_list
from .tree import joined_name, opens_block, walk, words

SUFFIXES = ("yaml", "yml", "json", "toml", "ini", "cfg")
# read by other extractors: Postman, content-cli profiles, Compose files
_OTHERS = PathPattern(r"(\.postman_(collection|environment)\.json|(^|/)\.celonis-content-cli-profiles/[^/]+|"
                      r"(^|/)templates/[^/]+\.ya?ml)$", ".postman_", ".celonis-content-cli-profiles/", "templates/")
_NOT_CONFIG = ("package-lock.json", "composer.lock", "tsconfig.json", "jsconfig.json", ".eslintrc.json")


def claims(path: str, explicit: bool = False) -> bool:
    name = path.rsplit("/", 1)[-1].lower()
    return (suffix(path) in SUFFIXES and not ci_pipeline(path) and not compose_file(path) and not _OTHERS.search(path)
            and not mcp.claims(path) and name not in _NOT_CONFIG)


def extract(src: Source, facts: FileFacts) -> None:
    if "celonis" not in src.text.lower() or suffix(src.path) == "json" and postman_plain.is_collection(src.text):
        return  # a collection exported under a plain name is read as one (``postman_plain``), not twice
    try:
        docs = _parse(src)
    except ParseError as exc:
        if not reports_parse_errors(src):
            facts.problems.append(Problem(Location(src.path, exc.line, exc.col),
                                          f"skipped: {exc.message} (line {exc.line}, column {exc.col})", kind="skipped"))
        return
    for doc in docs:
        if isinstance(doc.value, list):
            # a list of tasks (an Ansible playbook's or role's): their requests; of records (a Node-RED
            # flow's nodes, connections): each a section of its own
            done = actions.read(doc, src, facts)
            for item in doc.value:
                if isinstance(item.value, dict) and not _recording(item):
                    walk(item, facts, celonis_context(words([item])), src.catalog, joined=True, done=done, lines=src.lines)
    docs = [doc for doc in docs if isinstance(doc.value, dict) and not _read_elsewhere(doc, src.kind_path)]
    if not docs:
        return
    context = celonis_context(words(docs))
    for doc in docs:
        if _recording(doc):  # recorded traffic: what was sent then, not what is configured;
            seen = FileFacts(src.path)  # a secret recorded in it is leaked all the same
            walk(doc, seen, context, src.catalog, joined=True, lines=src.lines)
            _recorded_forms(doc, seen, context, src)
            facts.secrets.extend(seen.secrets)
            continue
        done = actions.read(doc, src, facts)  # the requests a workflow stores (Logic Apps, Data Factory, n8n)
        for part, part_context in _sections(doc, context):
            walk(part, facts, part_context, src.catalog, joined=True, done=done, lines=src.lines)
            _scope_lists(part, facts, part_context, src)


def _recording(doc: Node) -> bool:
    """A recording of HTTP traffic for tests to replay: a VCR cassette (``interactions`` or Ruby's
    ``http_interactions``, each a ``request`` and a ``response``) or a HAR file (``log.entries``)."""
    value = doc.value
    if not isinstance(value, dict):
        return False
    log = value.get("log")
    if isinstance(log, Node) and isinstance(log.value, dict):
        value = {"entries": log.value.get("entries")}
    for key in ("interactions", "http_interactions", "entries"):
        items = value.get(key)
        if isinstance(items, Node) and isinstance(items.value, list) and items.value:
            first = items.value[0]
            if isinstance(first, Node) and isinstance(first.value, dict) and "request" in first.value \
                    and "response" in first.value:
                return True
    return False


def _recorded_forms(doc: Node, facts: FileFacts, context: bool, src: Source) -> None:
    """The form bodies a recording sent (a cassette's ``body: grant_type=...&client_secret=...``, a HAR
    entry's ``postData.text``): each field judged as a setting of its name, located in the string."""
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node.value, list):
            stack.extend(node.value)
        elif isinstance(node.value, dict):
            for key, child in node.value.items():
                if key in ("body", "text", "string") and child.tag == "str" and "=" in str(child.value):
                    _form(str(child.value), child.loc, facts, context, src)
                else:
                    stack.append(child)


def _form(body: str, loc: Location, facts: FileFacts, context: bool, src: Source) -> None:
    if body.lstrip().startswith(("{", "[")):
        return  # JSON: read by its keys with the rest of the document
    one_line = loc.end_line == loc.line and (loc.end_col or 0) - loc.col == len(body)
    for name, value, offset in url_query("?" + body):
        if not value or not secret_kind(name):
            continue
        col = loc.col + offset - 1
        where = Location(loc.path, loc.line, col, loc.line, col + len(value)) if one_line else loc
        judge(name, unquote(value), where, facts, context, src.catalog)


def _sections(doc: Node, context: bool) -> list[tuple[Node, bool]]:
    """The top-level values of a document, each with whether it concerns Celonis: a section of its
    own (``github: {client_secret: ...}``) concerns Celonis only when its own keys or values say so
    and it holds no other provider's OAuth endpoint; a top-level value, when the file does."""
    plain = {k: v for k, v in doc.value.items() if not isinstance(v.value, (dict, list))}  # type: ignore[union-attr]
    out = [(Node(plain, doc.loc, tag="map"), context)] if plain else []
    for key, child in doc.value.items():  # type: ignore[union-attr]
        if isinstance(child.value, (dict, list)):
            out.append((Node({key: child}, doc.loc, tag="map"), celonis_context([key, *words([child])])))
    return out


def _parse(src: Source) -> list[Node]:
    kind = suffix(src.kind_path)
    if kind in ("ini", "cfg"):
        return [ini(src.lines, src.path)]
    return documents(src, kind)


def _read_elsewhere(doc: Node, path: str) -> bool:
    """Client definitions, Kubernetes manifests, CloudFormation templates and content-cli profiles."""
    if clients_node(doc, path) is not None:
        return True
    if doc.get("apiVersion") is not None and doc.get("kind") is not None:
        return True
    if doc.get("AWSTemplateFormatVersion") is not None or doc.get("Resources") is not None:
        return True
    return all(doc.get(key) is not None for key in ("team", "type", "scopes"))


def _scope_lists(doc: Node, facts: FileFacts, context: bool, src: Source) -> None:
    """A Celonis scope key holding a YAML, JSON or TOML list of scopes."""
    stack: list[tuple[Node, tuple[str, ...]]] = [(doc, ())]
    while stack:
        node, path = stack.pop()
        if not isinstance(node.value, dict):
            continue
        for key, child in node.value.items():
            if opens_block(path, key):
                continue
            where = path + (key,)
            if isinstance(child.value, dict):
                stack.append((child, where))
            elif isinstance(child.value, list) and child.value and all(i.tag == "str" for i in child.value):
                name = normalise(joined_name(where))
                if not SCOPE_VAR.match(name):
                    continue
                scopes = scope_list(child, facts, VARIABLE, node)
                names = [ref.name for ref in scopes.refs] if scopes is not None else []
                if scopes is not None and names and concerns_celonis(context or "CELONIS" in name, names, src.catalog):
                    facts.scope_vars.append(scopes)


_SECTION = lazy_re.compile(r"^\s*\[([^\]]+)\]\s*$")
# the key runs to the separator and is then stripped: a lazy key before ``\s*`` tried every split
# of a long run of spaces
_INI_PAIR = lazy_re.compile(r"^\s*([^=:;#\s][^=:]*)[=:]\s*")


def ini(lines: list[str], path: str) -> Node:
    """An INI file as a mapping of sections, each value located on its line (``;`` and ``#`` start comments)."""
    root: dict[str, Node] = {}
    section = root
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped[0] in ";#":
            continue
        m = _SECTION.match(line)
        if m:
            node = Node({}, Location(path, number, 1), key_loc=Location(path, number, line.index("[") + 2), tag="map")
            root[m.group(1).strip()] = node
            section = node.value  # type: ignore[assignment]
            continue
        m = _INI_PAIR.match(line)
        if not m:
            continue
        value = re.split(r"\s[;#]", line[m.end():], maxsplit=1)[0].rstrip()
        quoted = len(value) >= 2 and value[0] == value[-1] and value[0] in "'\""
        start = m.end() + (1 if quoted else 0)
        text = value[1:-1] if quoted else value
        key_col = len(line) - len(line.lstrip()) + 1
        section[m.group(1).rstrip()] = Node(text, Location(path, number, start + 1, number, start + 1 + len(text)),
                                   key_loc=Location(path, number, key_col), tag="str")
    return Node(root, Location(path, 1, 1), tag="map")
