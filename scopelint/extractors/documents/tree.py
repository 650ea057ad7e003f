"""Judge every ``name: value`` of a parsed YAML/JSON document as a variable: mapping entries,
GitLab ``{value: ...}`` entries, ``[{name, value}]`` lists (Kubernetes, Azure, Bitbucket) and
Compose ``KEY=value`` strings. Values behind a CloudFormation tag (``!Ref``, ``!GetAtt``) are not
literals and are left alone; ``!Sub`` strings are templates whose ``${…}`` parts stay unresolved."""
from __future__ import annotations

import base64
import functools
import binascii
from collections.abc import Iterator, Sequence

from ...catalog import Catalog
from ...located import Node, name_value
from ...model import FileFacts
from ..recognition.celonis import configures_client
from ..recognition.names import SETTING_VALUE_KEYS, paired_kind, says_celonis
from ..recognition.variables import judge

# a list item that names a setting and gives its value: a container's ``{name, value}``, AWS's ``{Key, Value}``
# (an EventBridge connection's body parameters, a Lambda's tags), Render's and DigitalOcean App Platform's
# ``{key, value}`` (``envVars:``, ``envs:``)
_NAMED_ITEMS = (("name", SETTING_VALUE_KEYS), ("Key", ("Value",)), ("key", ("value",)))
_ENV_KEYS = ("env", "environment", "variables", "literals")  # ``literals``: kustomize's secret and config map generators
# Spring OAuth2 client registrations: the spring extractor reads them, per registration and provider
SPRING_CLIENT = "spring.security.oauth2.client."
# Kafka EMS sink connector settings: the connector extractor reads them together
EMS_CONNECTOR = "connect.ems."
# keys other extractors read as a whole, so that no walk of every key judges them alone
READ_ELSEWHERE = (SPRING_CLIENT, EMS_CONNECTOR)


def read_elsewhere(dotted: str) -> bool:
    """Whether a (dotted) key belongs to a block another extractor reads as a whole."""
    full = "." + dotted.lower() + "."
    return any("." + prefix in full for prefix in READ_ELSEWHERE)


# the last word of each block's prefix ("client", "ems"): a key that does not hold one cannot complete a
# prefix its parent's path had not already completed
_LAST_WORDS = tuple(prefix.rstrip(".").rsplit(".", 1)[-1] for prefix in READ_ELSEWHERE)


def opens_block(path: tuple[str, ...], key: str) -> bool:
    """``read_elsewhere`` of ``path`` and ``key``, for a ``path`` a walk down the document has already
    found outside every such block: only the last four segments and the key can make one, and only
    if the key holds a prefix's last word."""
    lowered = key.lower()
    return any(word in lowered for word in _LAST_WORDS) and read_elsewhere(".".join(path[-4:] + (key,)))


class _Walk:
    def __init__(self, facts: FileFacts, context: bool, catalog: Catalog, secret_data: Node | None,
                 lines: Sequence[str] = ()) -> None:
        self.facts, self.context, self.catalog, self.secret_data = facts, context, catalog, secret_data
        self.lines = lines  # the file's: a value written over several places each scope on its own line
        self.done: set[int] = set()
        self.joined = False
        self.clients: dict[int, bool] = {}  # by the id of a mapping: whether it configures a Celonis OAuth client

    def scalar(self, node: Node | None) -> str | None:
        if node is None or node.tag != "str" or id(node) in self.done or tagged(node):
            return None
        self.done.add(id(node))
        return str(node.value)

    def entry(self, key: str, child: Node, parent: Node, path: tuple[str, ...] = ()) -> None:
        if isinstance(child.value, dict) and (child.get("value") is not None
                                              or child.get("Default") is not None and child.get("Type") is not None):
            # ``name: {value: ...}``, and a CloudFormation parameter's ``Name: {Type: String, Default: ...}``:
            # the value the setting of that name holds when the stack is given none
            inner = child.get("value") if child.get("value") is not None else child.get("Default")
            value = self.scalar(inner)
            if value is not None and inner is not None:
                judge(key, value, inner.loc, self.facts, self.context, self.catalog, lines=self.lines)
            return
        value = self.scalar(child) if child.tag != "bool" else self.flag(child)
        if value is None:
            return
        plain = _base64(value) if parent is self.secret_data else None
        name = joined_name(path + (key,)) if self.joined else key
        kind = paired_kind(key, parent.value) if isinstance(parent.value, dict) else None
        judge(name, value, child.loc, self.facts, self.context, self.catalog, plain, celonis_client=self._client(parent),
              kind=kind, lines=self.lines)

    def flag(self, node: Node) -> str | None:
        """A true or false value (``verifySsl: false``), as written in YAML's core schema."""
        if id(node) in self.done:
            return None
        self.done.add(id(node))
        return "true" if node.value else "false"

    def _client(self, mapping: Node) -> bool:
        """Whether ``mapping`` configures a Celonis OAuth client: one of its endpoint-named entries is a
        Celonis token or authorization URL (an Airflow connection's ``extra``, a Node-RED oauth2 node,
        ``oauth: {token_url: ..., scope: ...}``); its keys are then that client's settings."""
        found = self.clients.get(id(mapping))
        if found is None:
            found = isinstance(mapping.value, dict) and configures_client(
                (key, str(child.value)) for key, child in mapping.value.items() if child.tag == "str")
            self.clients[id(mapping)] = found
        return found

    def item(self, item: Node, parent_key: str | None) -> None:
        named = next(((item.get(key), values) for key, values in _NAMED_ITEMS if item.get(key) is not None), None) \
            if isinstance(item.value, dict) else None
        if named is not None:
            name, values = named
            holder = next((item.get(k) for k in values if item.get(k) is not None), None)
            value = self.scalar(holder)
            if value is not None and name is not None and name.tag == "str" and holder is not None:
                judge(str(name.value), value, holder.loc, self.facts, self.context, self.catalog, lines=self.lines)
        elif item.tag == "str" and parent_key in _ENV_KEYS and "=" in str(item.value):
            self.assignment(item)
        elif item.tag == "str" and str(item.value).startswith("-D") and "=" in str(item.value):
            value = self.scalar(item)  # a command's or a container's argument: java's -Dname=value
            if value is not None:
                judge(parent_key or "args", value, item.loc, self.facts, self.context, self.catalog, lines=self.lines)
        elif item.tag == "str" and parent_key is not None and parent_key.lower().endswith("authorization"):
            value = self.scalar(item)  # a header's values listed (``authorization: [AppKey ...]``, a recording's)
            if value is not None:
                judge(parent_key, value, item.loc, self.facts, self.context, self.catalog, lines=self.lines)

    def assignment(self, item: Node) -> None:
        """A Compose-style ``KEY=value`` list item, located inside the string."""
        found = name_value(item)
        if found is None or self.scalar(item) is None:
            return
        name, value = found
        judge(name.strip(), str(value.value), value.loc, self.facts, self.context, self.catalog, lines=self.lines)


def tagged(node: Node) -> bool:
    """A value behind a YAML tag such as ``!Ref`` names something else; ``!Sub`` is a template."""
    return bool(node.yaml_tag) and node.yaml_tag != "!Sub"


def walk(root: Node, facts: FileFacts, context: bool, catalog: Catalog, secret_data: bool = False,
         joined: bool = False, skip: bool = True, done: set[int] | None = None, lines: Sequence[str] = ()) -> None:
    """``joined``: judge a nested key by the name its path spells (``celonis: {tokenUrl: ...}`` is
    ``CELONIS_TOKEN_URL``, see ``joined_name``); ``skip``: leave the blocks other extractors read
    (``read_elsewhere``) alone; ``done``: the ids of values already read as parts of something
    else (a request a workflow stores, ``actions``); ``lines``: the file's."""
    walker = _Walk(facts, context, catalog, root.get("data") if secret_data else None, lines)
    walker.joined = joined
    if done:
        walker.done |= done
    stack: list[tuple[Node, str | None, tuple[str, ...]]] = [(root, None, ())]
    while stack:
        node, key, path = stack.pop()
        children: list[tuple[Node, str | None, tuple[str, ...]]] = []
        if isinstance(node.value, dict):
            for child_key, child in node.value.items():
                if skip and opens_block(path, child_key):  # the whole path, joined per key, grew with depth
                    continue
                walker.entry(child_key, child, node, path)
                children.append((child, child_key, path + (child_key,)))
        elif isinstance(node.value, list):
            for item in node.value:
                walker.item(item, key)
                children.append((item, key, path))
        stack.extend(reversed(children))  # the first child is read next: facts come in the document's order


def joined_name(path: tuple[str, ...]) -> str:
    """The variable name a nested key spells: from its last Celonis-named segment on
    (``global.celonis.oauth.scopes`` -> ``celonis.oauth.scopes``), else its last two segments
    (``auth.clientSecret``), so that ``judge`` applies the same name tests as to an env file."""
    for i in range(len(path) - 1, -1, -1):
        if _celonis_segment(path[i]):
            name = ".".join(path[i:])
            return name if len(name) <= MAX_JOINED else ".".join(path[-2:])
    return ".".join(path[-2:])


MAX_JOINED = 512  # characters of a joined name: a longer path spells no variable (a deep, machine-made document)


@functools.lru_cache(maxsize=4096)
def _celonis_segment(segment: str) -> bool:
    return says_celonis(segment)


def _base64(value: str) -> str | None:
    try:
        return base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def words(docs: list[Node]) -> Iterator[str]:
    """Every key and string value of the documents (comments are not part of them)."""
    stack = list(docs)
    while stack:
        node = stack.pop()
        if node.tag == "str":
            yield str(node.value)
        elif isinstance(node.value, dict):
            yield from node.value
            stack.extend(node.value.values())
        elif isinstance(node.value, list):
            stack.extend(node.value)
