"""One configuration variable judged the same way wherever it is written: ``.env`` and
``.properties`` files, Dockerfile ``ENV``/``ARG``, CI ``env:`` blocks, Kubernetes manifests,
CloudFormation properties and Postman variables.

A scope value counts only in a Celonis scope variable; a URL only when it is a Celonis URL or sits
in a Celonis variable. A secret counts in any secret-named variable, as in code: where neither its
name nor the file concerns Celonis, one that is another service's (``OPENAI_API_KEY``, or any in
settings that hold another provider's token URL), a fixture (a token in a test, ``secrets.foreign``)
or in a commented-out line (an example) is left alone.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from ... import lazy_re
from ...catalog import Catalog
from ...findings import Location
from ...model import REQUEST, VARIABLE, ApiCall, AuthHeader, FileFacts, Insecure, Secret, TokenRequest, Value
from .celonis import concerns_celonis, is_celonis_url, other_host, scope_signal
from .emit import api_route_counts, url_facts
from .names import (AUTH_SCHEME, CELONIS_NAME, KEY_TYPES, SCOPE_VAR, key_auth, normalise, says_celonis,
                    own_name, says_celonis_for_all, secret_kind, service_key, generic_setting, tls_off_setting)
from .scopes import placed, query_scopes, scope_string
from .secrets import credential_is_secret, credential_kind, default_of, foreign, secret, secret_in
from .urls import UNRESOLVED, is_token_url, strip_secrets, url_path, url_query

class _Another:
    """The context of settings that hold another identity provider's OAuth endpoint: false, as they do
    not concern Celonis, and the secrets in them are that provider's (as is ``GOOGLE_CLIENT_SECRET``)."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "ANOTHER_PROVIDER"


ANOTHER_PROVIDER = _Another()


def celonis_context(words: Iterable[str]) -> bool:
    """Whether a file (or a section of one) concerns Celonis: one of its names or values (not its
    comments) says so, and it holds no other identity provider's OAuth endpoint (see ``other_provider``);
    ``ANOTHER_PROVIDER`` (false) where it holds one."""
    words = list(words)
    if other_provider(words):
        return ANOTHER_PROVIDER  # type: ignore[return-value]
    return any(says_celonis_for_all(word) for word in words)


def pair_words(pairs: Iterable[tuple[str, str]]) -> Iterator[str]:
    """The words of ``name = value`` pairs for ``celonis_context``: a name that says Celonis
    (``TEAM_URL``) says nothing when its value is a URL to another host (``https://github.com/orgs/…``)."""
    for name, value in pairs:
        if not (_ABSOLUTE_HTTP.match(value) and other_host(value)):
            yield name
        yield value


_ABSOLUTE_HTTP = lazy_re.compile(r"\s*https?://", re.I)
_OAUTH_ENDPOINT = lazy_re.compile(r"/(oauth2?|token|authorize)(/|$)", re.I)


def other_provider(words: Iterable[str]) -> bool:
    """Whether names and values hold another identity provider's OAuth endpoint and no Celonis URL
    (``token_uri: https://oauth2.googleapis.com/token``): the credentials next to it are that
    provider's, whatever else mentions Celonis (a project named ``celonis-dashboard``)."""
    found = False
    for word in words:
        if not _ABSOLUTE_HTTP.match(word):
            continue
        if is_celonis_url(word):
            return False
        found = found or bool(_OAUTH_ENDPOINT.search(url_path(word.strip())))
    return found


def at(path: str, line: int, col: int, end_line: int, end_col: int) -> Location:
    return Location(path, line, col, end_line, end_col)


def oauth_client(names: Iterable[str]) -> bool:
    """Whether settings configure a Celonis OAuth client (PyCelonis's ``OAUTH_CLIENT_ID`` and
    ``OAUTH_CLIENT_SECRET``, a ``CELONIS_CLIENT_ID``): then the client gets its token with them, and a
    key type set beside them (``CELONIS_KEY_TYPE=USER_KEY``, which only picks the Bearer prefix) is
    no key authentication."""
    for name in names:
        key = normalise(name)
        if key in ("OAUTH_CLIENT_ID", "OAUTH_CLIENT_SECRET") or key.endswith(("CLIENT_ID", "CLIENT_SECRET")) \
                and says_celonis(key):
            return True
    return False


def client_settings(pairs: Iterable[tuple[str, str]]) -> bool:
    """Whether settings hold an OAuth client's credentials (a client id or secret) and no token URL
    of another host: then a setting named ``scope`` alone is that client's scopes."""
    credentials = False
    for name, value in pairs:
        key = normalise(name)
        credentials = credentials or key.endswith(("CLIENT_ID", "CLIENT_SECRET"))
        if key.endswith(("TOKEN_URL", "TOKEN_URI", "TOKEN_ENDPOINT")) and _ABSOLUTE_HTTP.match(value) \
                and other_host(value):
            return False
    return credentials


def judge(name: str, value: str, loc: Location, facts: FileFacts, context: bool, catalog: Catalog,
          plain: str | None = None, commented: bool = False, oauth: bool = False, client: bool = False,
          celonis_client: bool = False, kind: str | None = None, lines: Sequence[str] = ()) -> None:
    """Add the facts one ``name = value`` carries. ``loc`` covers exactly the value as written;
    ``plain`` is the value to judge when it differs from the text (a base64 Kubernetes secret).
    ``commented``: the assignment is commented out (``# KEY=value``): it configures nothing, but a
    secret written in it is leaked all the same, so only the secret test applies. ``oauth``: the
    settings configure a Celonis OAuth client (``oauth_client``); ``client``: an OAuth client of any
    provider (``client_settings``), whose ``scope`` setting is judged where the settings concern Celonis;
    ``celonis_client``: a setting of a Celonis OAuth client (one beside its token URL), Celonis's whatever its name.
    ``kind``: the secret the setting holds by the keys beside it (``paired_kind``), where its name alone says none.
    ``lines``: the file's lines, where a value written over several of them places each scope on its own."""
    if not value.strip():
        return
    default = default_of(value) if "${" in value else None
    if default is not None:  # ``${CELONIS_SCOPE:-studio}``: the value written for when the environment sets none
        loc, value = within(loc, value, default[0], default[1]), default[0]
    if "-D" in value and _system_properties(name, value, loc, facts, context, catalog, commented, oauth, client):
        return
    celonis_client = celonis_client and generic_setting(name)  # not GRAPH_SCOPE beside CELONIS_TOKEN_URL
    key = normalise(name)
    named = celonis_client or bool(CELONIS_NAME.search(key))
    kind = kind or secret_kind(key)
    if commented and not kind:
        return
    if SCOPE_VAR.match(key) or client and key in ("SCOPE", "SCOPES") \
            or celonis_client and key.rsplit("_", 1)[-1] in ("SCOPE", "SCOPES"):
        _scope_var(key, value, loc, facts, named, bool(context), catalog, lines)
        return
    if kind:
        value = plain if plain is not None else value
        # where neither the name nor the file concerns Celonis: another service's key (by its name, or in
        # settings with another provider's token URL), a fixture, or a commented-out line (an example:
        # ``# client-secret=GOCSPX-abab…`` under ``# examples:``) is not reported
        found = secret_in(value)
        if found is not None and own_name(found[0], name):
            return
        if found is not None and (named or context or not commented and context is not ANOTHER_PROVIDER
                                  and not foreign(Secret(kind, loc, name, "", another=service_key(found[0])))):
            where = loc if found[0] == value else within(loc, value, found[0])
            facts.secrets.append(secret(kind, where, name, found[0]))
        return
    if key in ("AUTHORIZATION", "AUTH_HEADER") or key.endswith(("_AUTHORIZATION", "_AUTH_HEADER", "_AUTHORIZATION_HEADER")):
        _authorization(name, value, loc, facts, named or context)
        return
    if key.endswith("KEY_TYPE") and (named or context) and value.strip().upper() in KEY_TYPES:
        if not oauth:
            facts.auth_headers.append(AuthHeader(KEY_TYPES[value.strip().upper()], loc))
        return
    if tls_off_setting(key, value) and (celonis_client or says_celonis(".".join(name.split(".")[-2:]))):
        # celonis.verifySsl: false, CELONIS_INSECURE_SKIP_VERIFY=true; not a TLS setting deep in a Celonis
        # chart's values (celonisUi.serviceMonitor.tlsConfig.insecureSkipVerify), which is another client's
        facts.insecure.append(Insecure("tls-off", loc, f"{name.rsplit('.', 1)[-1]}: {value.strip()}"))
        return
    if _ABSOLUTE_HTTP.match(value) and (is_celonis_url(value) or named and not other_host(value)):
        url(name, value, loc, facts, catalog)  # EMS_URL=http://ems.internal.example: another host's


def _authorization(name: str, value: str, loc: Location, facts: FileFacts, celonis: bool) -> None:
    """A configured ``Authorization`` header (``headers: {authorization: AppKey ...}``): AppKey, or a
    Bearer key (``Bearer ${CELONIS_API_KEY}``), is key authentication, and a literal credential is a secret."""
    m = AUTH_SCHEME.match(value.strip())
    if m is None or not celonis:
        return
    credential = value.strip()[m.end():].strip()
    kind = key_auth(m.group(1), credential)
    if kind is not None:
        facts.auth_headers.append(AuthHeader(kind, loc))
    if credential_is_secret(m.group(1), credential):
        facts.secrets.append(secret(credential_kind(m.group(1), credential), within(loc, value, credential),
                                    name, credential))


def within(loc: Location, value: str, part: str, at: int | None = None) -> Location:
    """Where ``part`` of ``value`` (the one at offset ``at``, else the first) is, when ``loc`` spans the
    value on one line as written (bare, or quoted); else ``loc``."""
    width = (loc.end_col or 0) - loc.col
    if loc.end_line != loc.line or width not in (len(value), len(value) + 2) or part not in value:
        return loc
    col = loc.col + (value.index(part) if at is None else at) + (width - len(value)) // 2
    return Location(loc.path, loc.line, col, loc.line, col + len(part))


# a Java system property given on a command line or in JAVA_OPTS / JAVA_TOOL_OPTIONS: -Dname=value
SYSTEM_PROPERTY = lazy_re.compile(r"""(?:^|\s)-D([A-Za-z_][\w.-]*)=(?:"([^"]*)"|'([^']*)'|(\S+))""")


def _system_properties(name: str, value: str, loc: Location, facts: FileFacts, context: bool, catalog: Catalog,
                       commented: bool, oauth: bool, client: bool) -> bool:
    """A value of Java options (``-Dcelonis.oauth.client-secret=... -Xmx512m``): each ``-Dname=value``
    judged as the setting it is; whether there was one. Where a value spans lines (a folded YAML
    scalar), its parts have no column of their own: only their secrets and URLs are judged, at the value."""
    found = False
    for m in SYSTEM_PROPERTY.finditer(value):
        group = next(g for g in (2, 3, 4) if m.group(g) is not None)
        part, found = m.group(group), True
        where = within(loc, value, part, m.start(group))
        if where is loc and loc.end_line != loc.line and SCOPE_VAR.match(normalise(m.group(1))):
            continue
        judge(m.group(1), part, where, facts, context, catalog, commented=commented, oauth=oauth, client=client)
    return found


def _scope_var(key: str, value: str, loc: Location, facts: FileFacts, named: bool, context: bool,
               catalog: Catalog, lines: Sequence[str] = ()) -> None:
    if UNRESOLVED.search(value):
        return  # unresolved: no rule may rest on it
    scopes = placed(scope_string(value, loc, VARIABLE), lines)
    names = [ref.name for ref in scopes.refs]
    if names and concerns_celonis(scope_signal(named, context, names, catalog, settings=True), names, catalog):
        facts.scope_vars.append(scopes)


def url(name: str, value: str, loc: Location, facts: FileFacts, catalog: Catalog, method: str | None = None) -> None:
    """URL facts for a Celonis URL, and an API call when its path is a known Celonis route; a token
    URL that carries its request in its query string (``.../oauth2/token?grant_type=client_credentials
    &scope=studio``, as Celonis's documentation writes it) is a token request with those scopes."""
    secrets, insecure = url_facts(value, loc)
    facts.secrets.extend(secrets)
    facts.insecure.extend(insecure)
    if not is_celonis_url(value):
        return
    api_call(url_path(value), loc, facts, catalog, method, evidence=name)
    if "?" in value and is_token_url(value) and not UNRESOLVED.search(value):
        inner = loc if (loc.end_col or 0) - loc.col == len(value) else \
            Location(loc.path, loc.line, loc.col + 1, loc.end_line, (loc.end_col or loc.col + 1) - 1)  # quoted
        scopes = query_scopes(value, inner, REQUEST)
        if scopes is not None:
            grant = next((Value(v, Location(loc.path, inner.line, inner.col + at, inner.line, inner.col + at + len(v)))
                          for k, v, at in url_query(value) if k == "grant_type"), None)
            facts.token_requests.append(TokenRequest(loc, strip_secrets(value), scopes, grant_type=grant))


def api_call(path: str, loc: Location, facts: FileFacts, catalog: Catalog, method: str | None, evidence: str) -> None:
    path = path.split("?", 1)[0].split("#", 1)[0]
    if api_route_counts(catalog, path, method, celonis_target=False):
        facts.api_calls.append(ApiCall(method.upper() if method else None, path, loc, "http", evidence))
