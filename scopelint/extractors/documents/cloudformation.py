"""CloudFormation/SAM resources that store an OAuth provider: a ``Scopes`` list (or a ``scope``
body parameter, as an EventBridge connection's ``{Key, Value}`` pairs give it) next to a Celonis token
URL or discovery URL (in the same resource, or one it names) is a token request for those scopes. A scope given by
``!Ref`` (or ``{"Ref": ...}``) to a template parameter is that parameter's ``Default``, where it
is written; a parameter without a default leaves the scopes unknown."""
from __future__ import annotations

from collections.abc import Iterator

from ...located import Node
from ...model import REQUEST, FileFacts, ScopeList, TokenRequest, Value
from .tree import tagged
from ..recognition.names import normalise
from ..recognition.celonis import token_endpoint
from ..recognition.scopes import from_items, scope_string
from ..recognition.urls import UNRESOLVED

SCOPE_KEYS = frozenset({"SCOPES", "SCOPE", "OAUTH_SCOPES", "OAUTH2_SCOPES", "DEFAULT_SCOPES"})
GRANT_KEYS = frozenset({"GRANT_TYPE", "OAUTH2_GRANT_TYPE", "OAUTH_GRANT_TYPE"})


def token_requests(doc: Node, facts: FileFacts) -> None:
    resources = doc.get("Resources")
    if resources is None or not isinstance(resources.value, dict):
        return
    defaults = _defaults(doc)
    entries_of = {name: list(_entries(resource)) for name, resource in resources.value.items()}
    urls = {name: next((n for _k, n in entries if n.tag == "str" and _token_url(str(n.value))), None)
            for name, entries in entries_of.items()}
    for name, entries in entries_of.items():
        # its own token URL, or that of the resource it names (an AgentCore gateway target's
        # ``ProviderArn: !GetAtt Provider.CredentialProviderArn``)
        url = urls[name] or next((urls[other] for other in _linked(entries) if other != name and urls.get(other)), None)
        if url is None:
            continue
        grant = next((n for k, n in entries if normalise(k) in GRANT_KEYS and n.tag == "str"), None)
        grant_value = Value(str(grant.value).lower(), grant.loc) if grant is not None else None
        resolved = None if UNRESOLVED.search(str(url.value)) else token_endpoint(str(url.value))
        for key, node in entries:
            if normalise(key) in SCOPE_KEYS:
                scopes = _scopes(node, defaults)
                facts.token_requests.append(TokenRequest(url.loc, resolved, scopes, grant_value))


def _linked(entries: list[tuple[str, Node]]) -> Iterator[str]:
    """The resources ``!GetAtt Name.Attribute``, ``!Ref Name`` and their long forms name."""
    for key, node in entries:
        if node.yaml_tag in ("!GetAtt", "!Ref") and node.tag == "str":
            yield str(node.value).split(".", 1)[0]
        elif key in ("Fn::GetAtt", "Ref"):
            target = node.value[0] if isinstance(node.value, list) and node.value else node
            if isinstance(target, Node) and target.tag == "str":
                yield str(target.value).split(".", 1)[0]


def _token_url(value: str) -> bool:
    return token_endpoint(value) is not None


def _entries(root: Node) -> Iterator[tuple[str, Node]]:
    """Every key and value under ``root``; a ``{Key, Value}`` pair (an EventBridge connection's
    ``BodyParameters``, a tag) is also the entry its ``Key`` names."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node.value, dict):
            named, value = node.value.get("Key"), node.value.get("Value")
            if len(node.value) == 2 and named is not None and value is not None and named.tag == "str":
                yield str(named.value), value
            for key, child in node.value.items():
                yield key, child
                stack.append(child)
        elif isinstance(node.value, list):
            stack.extend(node.value)


def _defaults(doc: Node) -> dict[str, Node]:
    """The template parameters with a plain string ``Default``, by name."""
    params = doc.get("Parameters")
    if params is None or not isinstance(params.value, dict):
        return {}
    out = {}
    for name, param in params.value.items():
        default = param.get("Default")
        if default is not None and default.tag == "str" and not tagged(default):
            out[name] = default
    return out


def _referenced(node: Node, defaults: dict[str, Node]) -> Node:
    """The default a ``!Ref Name`` or ``{"Ref": "Name"}`` to a parameter stands for, else ``node``."""
    name: object = None
    if node.yaml_tag == "!Ref":
        name = node.value
    elif isinstance(node.value, dict) and len(node.value) == 1 and "Ref" in node.value:
        name = node.value["Ref"].value
    return defaults.get(name, node) if isinstance(name, str) else node


def _scopes(node: Node, defaults: dict[str, Node]) -> ScopeList | None:
    """The scopes as written (or as a parameter's default), or ``None`` where they come from a
    parameter without a default or a function."""
    node = _referenced(node, defaults)
    if node.tag == "null":
        return ScopeList(node.loc, (), raw="", source=REQUEST)
    if node.tag == "str":
        if tagged(node) or UNRESOLVED.search(str(node.value)):
            return None
        return scope_string(str(node.value), node.loc, REQUEST)
    if not isinstance(node.value, list):
        return None
    items: list[Value] = []
    for item in node.value:
        item = _referenced(item, defaults)
        if item.tag != "str" or tagged(item) or UNRESOLVED.search(str(item.value)):
            return None
        items.append(Value(str(item.value), item.loc))
    return from_items(items, node.loc, REQUEST)
