"""content-cli profiles: ``.celonis-content-cli-profiles/*.json``, or any JSON object with ``team``,
``type`` and ``scopes`` as content-cli writes them.

An OAuth profile (``Client Credentials``, ``Device Code``) is a client record with its granted
scopes; a ``Key`` profile authenticates with an application key (``AppKey``) or a user API key.
A ``clientSecret``, ``apiToken`` or ``refreshToken`` written in a committed profile is a secret.
"""
from __future__ import annotations

import re

from ... import lazy_re
from ... import located
from ...findings import Location
from ...located import Node, ParseError
from ...model import CLIENT, AuthHeader, Client, FileFacts, Problem, ScopeList, Value
from ..recognition.source import Source, suffix
from ..recognition.emit import url_facts
from ..recognition.scopes import setting
from ..recognition.secrets import looks_like_secret, secret
from .definitions import clients_node, reports_parse_errors, scope_list

_PROFILE_DIR = lazy_re.compile(r"(^|/)\.celonis-content-cli-profiles/[^/]+\.json$", re.I)
_POSTMAN = lazy_re.compile(r"\.postman_(collection|environment)\.json$", re.I)
TYPES = ("Client Credentials", "Device Code", "Key")


def claims(path: str, explicit: bool = False) -> bool:
    return suffix(path) == "json" and not _POSTMAN.search(path)


def extract(src: Source, facts: FileFacts) -> None:
    in_dir = bool(_PROFILE_DIR.search(src.path))
    if not in_dir and not all(f'"{key}"' in src.text for key in ("team", "type", "scopes")):
        return
    try:
        root = located.from_json(src.text, src.path)
    except ParseError as exc:
        if in_dir and not reports_parse_errors(src):
            facts.problems.append(Problem(Location(src.path, exc.line, exc.col), f"content-cli profile: {exc.message}"))
        return
    if root is None or not isinstance(root.value, dict):
        if in_dir:
            facts.problems.append(Problem(Location(src.path, 1, 1), "content-cli profile: expected a JSON object"))
        return
    if clients_node(root, src.path) is not None:
        return  # a client definition file: the definitions extractor reads it
    if in_dir or _looks_like_profile(root):
        profile(root, src.path, facts)


def _looks_like_profile(root: Node) -> bool:
    kind = root.get("type")
    return (root.get("team") is not None and root.get("scopes") is not None
            and kind is not None and kind.value in TYPES)


def _str(node: Node | None) -> Value | None:
    return setting(str(node.value), node.loc) if node is not None and node.tag == "str" else None


def profile(root: Node, path: str, facts: FileFacts) -> None:
    kind = _str(root.get("type"))
    auth = _str(root.get("authenticationType"))
    team = _str(root.get("team"))
    if team is not None:
        secrets, insecure = url_facts(team.value, team.loc)
        facts.secrets.extend(secrets)
        facts.insecure.extend(insecure)
    key_profile = kind is not None and kind.value == "Key"
    _secrets(root, facts, key_profile)
    if auth is not None and auth.value == "AppKey":
        facts.auth_headers.append(AuthHeader("AppKey", auth.loc))
    elif key_profile and kind is not None:
        facts.auth_headers.append(AuthHeader("api-key", kind.loc))
    if not key_profile:
        facts.clients.append(_client(root, path, facts))


def _client(root: Node, path: str, facts: FileFacts) -> Client:
    name = _str(root.get("name"))
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    scopes = root.get("scopes")
    if scopes is None:  # an older profile that did not record its scopes: unknown, not empty
        listed: ScopeList | None = ScopeList(root.loc, (), valid=False)
    else:
        listed = scope_list(scopes, facts, CLIENT, root)
    return Client(name=name.value if name and name.value.strip() else stem,
                  loc=name.loc if name else Location(path, 1, 1), origin="content-cli",
                  auth_method=_str(root.get("clientAuthenticationMethod")), scopes=listed)


def _secrets(root: Node, facts: FileFacts, key_profile: bool) -> None:
    kinds = {"clientSecret": "client secret", "apiToken": "API key" if key_profile else "access token",
             "refreshToken": "refresh token"}
    for field, kind in kinds.items():
        value = _str(root.get(field))
        if value is not None and looks_like_secret(value.value):
            facts.secrets.append(secret(kind, value.loc, field, value.value))
