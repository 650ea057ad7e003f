"""Spring Boot OAuth2 client registrations: ``application*.yml|yaml|properties`` and ``bootstrap*``.

``spring.security.oauth2.client.registration.<id>.{client-id, client-secret, scope,
authorization-grant-type, client-authentication-method, redirect-uri, provider}`` with
``provider.<id>.{token-uri, issuer-uri, authorization-uri}`` make one client record (origin
``spring``) when the provider points at Celonis or the registration is named after it. A
registration for another provider (GitHub, Okta; a token URI of another host) is left alone, secrets
included; any other registration's client secret is judged as any setting's. In Spring,
``scope=a,b`` is the list syntax: each item is one scope.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ... import lazy_re
from ... import located
from ...findings import Location
from ...located import Node, ParseError
from ...model import CLIENT, Client, FileFacts, Problem, Value
from ..recognition.celonis import is_celonis_url, other_host
from ..recognition.names import names_another, says_celonis_for_all, secret_kind
from ..recognition.scopes import comma_list, placed, setting
from ..recognition.secrets import default_of, secret, secret_in
from ..recognition.source import Source, suffix
from ..recognition.variables import url, within
from .definitions import scope_list
from .envfiles import properties
from .tree import SPRING_CLIENT

_FILE = lazy_re.compile(r"^(application|bootstrap)([-.][\w.-]*)?\.(ya?ml|properties)$", re.I)
# Spring before 5.5 also accepted ``basic`` and ``post`` for the two client-secret methods
_LEGACY_AUTH = {"basic": "client_secret_basic", "post": "client_secret_post"}
_DEFAULT_REDIRECT = "{baseUrl}/login/oauth2/code/{registrationId}"


class Entry(NamedTuple):
    key_loc: Location
    node: Node  # the value, located (a properties value becomes a string node)


class Block:
    __slots__ = ("fields", "loc")

    def __init__(self) -> None:
        self.fields: dict[str, Entry] = {}
        self.loc: Location | None = None  # the first key of the block


def claims(path: str, explicit: bool = False) -> bool:
    return bool(_FILE.match(path.rsplit("/", 1)[-1]))


def extract(src: Source, facts: FileFacts) -> None:
    if "spring" not in src.text.lower() and "registration" not in src.text.lower():
        return
    if suffix(src.kind_path) == "properties":
        entries = list(_properties(src))
    else:
        try:
            docs = located.from_yaml_all(src.text, src.path)
        except ParseError as exc:
            facts.problems.append(Problem(Location(src.path, exc.line, exc.col),
                                          f"skipped: {exc.message} (line {exc.line}, column {exc.col})", kind="skipped"))
            return
        entries = [e for doc in docs for e in _flatten(doc, "")]
    entries = [(key, _defaulted(entry)) for key, entry in entries]
    registrations: dict[str, Block] = {}
    providers: dict[str, Block] = {}
    for key, entry in entries:
        if not key.lower().startswith(SPRING_CLIENT):
            continue
        parts = key[len(SPRING_CLIENT):].split(".")
        if len(parts) < 3 or parts[0].lower() not in ("registration", "provider"):
            continue
        blocks = registrations if parts[0].lower() == "registration" else providers
        block = blocks.setdefault(parts[1], Block())
        if block.loc is None or (entry.key_loc.line, entry.key_loc.col) < (block.loc.line, block.loc.col):
            block.loc = entry.key_loc
        block.fields[_field(".".join(parts[2:]))] = entry
    for reg_id, reg in registrations.items():
        provider_id = _text(reg.fields.get("provider")) or reg_id
        provider = providers.get(provider_id, Block())
        if _celonis(reg_id, provider_id, provider):
            _client(reg_id, reg, provider, facts, src)
        elif not _another(reg_id, provider_id, provider):
            _secret(reg, facts)


def _defaulted(entry: Entry) -> Entry:
    """``entry``, or where its value is one reference with a default (``${CELONIS_SCOPE:studio}``) that
    default, where it stands: what the registration holds wherever the environment sets nothing."""
    text = _text(entry)
    found = default_of(text) if text is not None and "${" in text else None
    where = within(entry.node.loc, text, *found) if found is not None else None  # type: ignore[arg-type]
    if found is None or where is entry.node.loc:  # not placed: the value as it is
        return entry
    return Entry(entry.key_loc, Node(found[0], where, tag="str"))


def _field(name: str) -> str:
    """Spring's relaxed binding: ``client-id``, ``clientId`` and ``client_id`` are one property."""
    return re.sub(r"[-_]", "", name).lower()


def _text(entry: Entry | None) -> str | None:
    return str(entry.node.value) if entry is not None and entry.node.tag == "str" else None


def _celonis(reg_id: str, provider_id: str, provider: Block) -> bool:
    """Whether a registration is Celonis's: its provider's token, issuer or authorization URI is a
    Celonis one; else, where none is another host's, the registration or its provider is named after
    Celonis (EMS or IBC alone name other systems: an energy-management system's registration ``ems``)."""
    urls = [_text(provider.fields.get(key)) for key in ("tokenuri", "issueruri", "authorizationuri")]
    if any(value and is_celonis_url(value) for value in urls):
        return True
    if any(value and other_host(value) for value in urls):
        return False  # another provider's endpoint, whatever the registration is called
    return any(says_celonis_for_all(name) for name in (reg_id, provider_id))


def _another(reg_id: str, provider_id: str, provider: Block) -> bool:
    """Whether a registration that is not Celonis's is another service's: its provider's endpoint is
    another host's, or it is named after another service (``google``, ``github``, ``okta``, ``keycloak``:
    Spring's own providers among them). A client secret there is that service's, as SL012 has it."""
    urls = [_text(provider.fields.get(key)) for key in ("tokenuri", "issueruri", "authorizationuri")]
    return any(value and other_host(value) for value in urls) or any(names_another(n) for n in (reg_id, provider_id))


def _value(entry: Entry | None, legacy: dict[str, str] | None = None) -> Value | None:
    text = _text(entry)
    if entry is None or text is None:
        return None
    return setting((legacy or {}).get(text.strip().lower(), text.strip()), entry.node.loc)


def _client(reg_id: str, reg: Block, provider: Block, facts: FileFacts, src: Source) -> None:
    scope = reg.fields.get("scope")
    scopes = None
    if scope is not None:
        if scope.node.tag == "str":
            scopes = placed(comma_list(str(scope.node.value), scope.node.loc, CLIENT), src.lines)
        else:
            scopes = scope_list(scope.node, facts, CLIENT, scope.node)
    grant = _value(reg.fields.get("authorizationgranttype"))
    redirect = _value(reg.fields.get("redirecturi"))
    if redirect is None and grant is not None and grant.value == "authorization_code":  # Spring's default one
        redirect = Value(_DEFAULT_REDIRECT, grant.loc)
    facts.clients.append(Client(
        name=reg_id, loc=reg.loc or Location(src.path, 1, 1), origin="spring", grant_type=grant,
        auth_method=_value(reg.fields.get("clientauthenticationmethod"), _LEGACY_AUTH),
        redirect_uris=(redirect,) if redirect is not None else (), scopes=scopes))
    _secret(reg, facts)
    for key in ("tokenuri", "issueruri", "authorizationuri"):
        found = provider.fields.get(key)
        value = _text(found)
        if found is not None and value:
            url(key, value, found.node.loc, facts, src.catalog)


def _secret(reg: Block, facts: FileFacts) -> None:
    """The registration's client secret, written out (or as the default of ``${CLIENT_SECRET:...}``)."""
    entry = reg.fields.get("clientsecret")
    value = _text(entry)
    found = secret_in(value) if entry is not None and value is not None else None
    if found is not None:  # the value, or the default of ``${CELONIS_CLIENT_SECRET:...}``
        loc = entry.node.loc
        if found[1] and loc.end_line in (None, loc.line) and loc.end_col == loc.col + len(value):
            loc = Location(loc.path, loc.line, loc.col + found[1], loc.line, loc.col + found[1] + len(found[0]))
        facts.secrets.append(secret(secret_kind("client_secret") or "client secret", loc, "client-secret", found[0]))


def _properties(src: Source):
    for name, value, (line, col, end_line, end_col) in properties(src.lines):
        text = src.lines[line - 1]
        key_col = len(text) - len(text.lstrip()) + 1
        loc = Location(src.path, line, col, end_line, end_col)
        yield name, Entry(Location(src.path, line, key_col, line, key_col + len(name)), Node(value, loc, tag="str"))


def _flatten(node: Node, prefix: str):
    """Every leaf (or list) of a YAML document with its dotted key: Spring reads nested and dotted keys alike."""
    stack = [(node, prefix)]
    while stack:
        current, path = stack.pop()
        if not isinstance(current.value, dict):
            continue
        for key, child in current.value.items():
            dotted = f"{path}.{key}" if path else key
            if isinstance(child.value, dict):
                stack.append((child, dotted))
            else:
                yield dotted, Entry(child.key_loc or child.loc, child)
