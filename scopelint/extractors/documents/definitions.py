"""OAuth client definitions: ``oauth_clients`` in YAML, JSON and TOML files, and
``[[tool.scopelint.oauth_clients]]`` in ``pyproject.toml``.

Schema problems become ``Problem`` facts (SL000) with the position of the offending value.
"""
from __future__ import annotations

from collections.abc import Iterator

from ... import lazy_re, located
from . import documents
from ...located import Node, ParseError
from ..recognition.scopes import from_items, setting, split_written
from ...model import CLIENT, Client, FileFacts, Permission, Problem, ScopeList, Value
from ..recognition.source import Source, suffix

SUFFIXES = ("yaml", "yml", "json", "toml")  # the registry's name test for this kind (tests/test_layout.py)
CLIENT_KEYS = ("name", "description", "grant_type", "auth_method", "redirect_uris", "scopes",
               "permissions", "justification", "code")
PERMISSION_KEYS = ("service", "template", "scim")


def is_document(path: str) -> bool:
    """A file this extractor reads: YAML, JSON or TOML."""
    return suffix(path) in SUFFIXES


# ``oauth-clients`` written as a key (the configuration's own spelling, ``[[tool.scopelint.oauth-clients]]``,
# where every other key is written with hyphens): not the name of a file (``oauth-clients.yaml``)
_HYPHENED = lazy_re.compile(r"(?m)^[ \t]*(?:\[\[[ \t]*(?:tool\.scopelint\.)?|[\"']?)oauth-clients[\"']?[ \t]*(?:[:=]|\]\])")
SPELLINGS = ("oauth_clients", "oauth-clients")  # the key of the client list, as the configuration reads both


# an escape that writes an ASCII character (JSON's and TOML's ``\u005f``, YAML's ``\x5f``): the key may be
# spelled with them (``"oauth\u005fclients"``), which every parser reads as ``oauth_clients``
_ESCAPE = lazy_re.compile(r"\\(?:u00([0-7][0-9a-fA-F])|x([0-7][0-9a-fA-F])|U000000([0-7][0-9a-fA-F]))")


def _unescaped(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(m.lastindex), 16)), text)


def reports_parse_errors(src: Source) -> bool:
    """Whether this extractor parses ``src`` (and so reports its parse errors as SL000): a file that
    mentions ``oauth_clients`` (or has ``oauth-clients`` as a key), also with escapes, or one named on
    the command line."""
    if not is_document(src.path):
        return False
    if src.explicit or _names_clients(src.text):
        return True
    return "\\" in src.text and _ESCAPE.search(src.text) is not None and _names_clients(_unescaped(src.text))


def _names_clients(text: str) -> bool:
    return "oauth_clients" in text or "oauth-clients" in text and _HYPHENED.search(text) is not None


def preload() -> None:
    """The YAML parser."""
    located.yaml_loader()


def extract(src: Source, facts: FileFacts) -> None:
    if not reports_parse_errors(src):
        return
    try:
        docs = _parse(src)
    except ParseError as exc:
        facts.problems.append(Problem(_at(src.path, exc.line, exc.col), exc.message))
        return
    found = False
    for doc in docs:
        clients = clients_node(doc, src.path)
        if clients is None:
            continue
        found = True
        _read_clients(clients, facts)
    if not found and src.explicit:
        _explain_nothing(src, docs, facts)


def _parse(src: Source) -> list[Node]:
    return documents(src, suffix(src.path), unique_keys=True)


def clients_node(doc: Node, path: str) -> Node | None:
    """The ``oauth_clients`` node of a parsed document, if it holds client definitions."""
    if not isinstance(doc.value, dict):
        return None
    if path.rsplit("/", 1)[-1] == "pyproject.toml":
        tool = doc.get("tool")
        doc = (tool.get("scopelint") if tool else None) or Node({}, doc.loc)
    return next((node for node in map(doc.get, SPELLINGS) if node is not None), None)


def _explain_nothing(src: Source, docs: list[Node], facts: FileFacts) -> None:
    """A file named on the command line that holds no client definition says why."""
    if not docs:
        facts.problems.append(Problem(_at(src.path, 1, 1), "empty file: expected a mapping with 'oauth_clients'"))
    elif not isinstance(docs[0].value, dict):
        what = "a list" if isinstance(docs[0].value, list) else "a single value"
        facts.problems.append(Problem(docs[0].loc, f"top level is {what}; a client definition file is a mapping with 'oauth_clients'"))


def _at(path: str, line: int, col: int):
    from ...findings import Location

    return Location(path, line, col)


def _read_clients(node: Node, facts: FileFacts) -> None:
    if not isinstance(node.value, list):
        facts.problems.append(Problem(node.loc, f"'oauth_clients' must be a list of clients, not {_kind(node)}"))
        return
    for item in node.value:
        if not isinstance(item.value, dict):
            facts.problems.append(Problem(item.loc, f"a client must be a mapping, not {_kind(item)}"))
            continue
        client = _client(item, facts)
        if client is not None:
            facts.clients.append(client)


def _kind(node: Node) -> str:
    return {"seq": "a list", "map": "a mapping", "null": "empty", "str": "a string", "bool": "a boolean"}.get(
        node.tag, "a number")


def _problem(facts: FileFacts, node: Node, message: str) -> None:
    facts.problems.append(Problem(node.loc, message))


def _client(item: Node, facts: FileFacts) -> Client | None:
    fields: dict[str, Node] = item.value  # type: ignore[assignment]
    for key, child in fields.items():
        if key not in CLIENT_KEYS:
            facts.problems.append(Problem(child.key_loc or child.loc, _unknown_key("client", key, CLIENT_KEYS)))
            _stray_secret(key, child, facts)
    name = fields.get("name")
    if name is None or name.tag != "str" or not str(name.value).strip():
        _problem(facts, name or item, "a client needs a non-empty string 'name'")
        return None
    return Client(
        name=str(name.value),
        loc=name.loc,
        grant_type=_setting(_string(fields.get("grant_type"), "grant_type", facts)),
        auth_method=_setting(_string(fields.get("auth_method"), "auth_method", facts)),
        redirect_uris=tuple(_strings(fields.get("redirect_uris"), "redirect_uris", facts)),
        scopes=scope_list(fields.get("scopes"), facts, CLIENT, item),
        permissions=_permissions(fields.get("permissions"), facts),
        justification=_justification(fields.get("justification"), facts),
        code=tuple(v.value for v in _strings(fields.get("code"), "code", facts)) if "code" in fields else None,
        code_loc=(fields["code"].key_loc or fields["code"].loc) if "code" in fields else None,
    )


def _stray_secret(key: str, node: Node, facts: FileFacts) -> None:
    """A secret written into a definition anyway (``client_secret: ...``) is a hard-coded secret too,
    and is masked wherever its line is shown."""
    from ..recognition.names import secret_kind
    from ..recognition.secrets import looks_like_secret, secret

    kind = secret_kind(key)
    if kind and node.tag == "str" and looks_like_secret(str(node.value)):
        facts.secrets.append(secret(kind, node.loc, key, str(node.value)))


def _unknown_key(what: str, key: str, known: tuple[str, ...]) -> str:
    import difflib

    close = difflib.get_close_matches(key.lower().replace("-", "_"), known, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown {what} key {key!r}{hint} (expected one of: {', '.join(known)})"


def _string(node: Node | None, key: str, facts: FileFacts) -> Value | None:
    if node is None or node.tag == "null":
        return None
    if node.tag != "str":
        _problem(facts, node, f"{key!r} must be a string, not {_kind(node)}")
        return None
    return Value(str(node.value), node.loc)


def _setting(value: Value | None) -> Value | None:
    return setting(value.value, value.loc) if value is not None else None


def _strings(node: Node | None, key: str, facts: FileFacts) -> Iterator[Value]:
    if node is None or node.tag == "null":
        return
    items = node.value if isinstance(node.value, list) else [node]
    for child in items:
        value = _string(child, key, facts)
        if value is not None:
            yield value


def scope_list(node: Node | None, facts: FileFacts, source: str, owner: Node) -> ScopeList | None:
    """A ``scopes`` value: a list of strings, or one space-separated string."""
    if node is None:
        return None
    if node.tag == "null":
        return ScopeList(node.loc, (), raw="", source=source)
    if node.tag == "str":
        return split_written(str(node.value), node.loc, source, node.parts)
    if not isinstance(node.value, list):
        _problem(facts, node, f"'scopes' must be a list or a space-separated string, not {_kind(node)}")
        return ScopeList(node.loc, (), source=source, valid=False)
    items: list[Value] = []
    for child in node.value:
        if child.tag != "str":
            _problem(facts, child, f"a scope must be a string, not {_kind(child)}")
            continue
        items.append(Value(str(child.value), child.loc))
    return from_items(items, node.loc, source)


def _permissions(node: Node | None, facts: FileFacts) -> tuple[Permission, ...] | None:
    if node is None:
        return None
    if node.tag == "null":
        return ()
    if not isinstance(node.value, list):
        _problem(facts, node, f"'permissions' must be a list of mappings, not {_kind(node)}")
        return ()
    out = []
    for child in node.value:
        if not isinstance(child.value, dict):
            _problem(facts, child, f"a permission must be a mapping with 'service', not {_kind(child)}")
            continue
        for key, sub in child.value.items():
            if key not in PERMISSION_KEYS:
                facts.problems.append(Problem(sub.key_loc or sub.loc, _unknown_key("permission", key, PERMISSION_KEYS)))
        service = _string(child.value.get("service"), "service", facts)
        if service is None:
            _problem(facts, child, "a permission needs a string 'service'")
            continue
        template = _string(child.value.get("template"), "template", facts)
        scim_node = child.value.get("scim")
        scim = False
        if scim_node is not None and scim_node.tag != "null":
            if scim_node.tag != "bool":
                _problem(facts, scim_node, f"'scim' must be true or false, not {_kind(scim_node)}")
            else:
                scim = bool(scim_node.value)
        out.append(Permission(service.value, template.value if template else None, scim, service.loc))
    return tuple(out)


def _justification(node: Node | None, facts: FileFacts) -> dict[str, Value]:
    if node is None or node.tag == "null":
        return {}
    if not isinstance(node.value, dict):
        _problem(facts, node, f"'justification' must map each scope to a reason, not {_kind(node)}")
        return {}
    out = {}
    for scope, reason in node.value.items():
        if reason.tag != "str" or not str(reason.value).strip():
            _problem(facts, reason, f"the justification for {scope!r} must be a non-empty string")
            continue
        out[scope] = Value(str(reason.value), reason.key_loc or reason.loc)
    return out
