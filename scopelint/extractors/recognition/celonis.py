"""Celonis recognition: whether a URL goes to Celonis and whether a scope list is Celonis's."""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from ... import lazy_re
from ...catalog import OIDC_SCOPES, Catalog
from .names import endpoint_name, normalise
from .urls import ORIGIN, UNRESOLVED, any_token_endpoint, host_of, is_token_url, url_path

# the platform's hosts (https://<team>.<realm>.celonis.cloud); celonis.com and celonis.de are the
# vendor's web sites (documentation, marketing, package metadata), which no client calls
CELONIS_HOST = lazy_re.compile(r"(^|\.)celonis\.cloud$", re.I)
# a team URL with placeholders still tells where it goes: https://<team>.<realm>.celonis.cloud, and so
# does one with a path glued on (``BASE + path``); a host that only contains the words does not
# (acme.mycelonis.cloud, login.celonis.cloud.example.io)
CELONIS_TEMPLATE_HOST = lazy_re.compile(r"(?<![a-z0-9-])celonis\.cloud(?![a-z0-9.-])", re.I)


@functools.lru_cache(maxsize=8192)  # a file's URLs repeat (a Postman collection's host, a config's endpoints)
def is_celonis_url(url: str) -> bool:
    """An absolute URL whose host is a Celonis cloud host (placeholders in the team part allowed)."""
    origin = ORIGIN.match(url.strip())  # only the authority matters: a long path is not rewritten at every test
    if origin is None:
        return False
    host = host_of(UNRESOLVED.sub("team", origin.group(0))) or ""
    return bool(CELONIS_HOST.search(host)) or bool(CELONIS_TEMPLATE_HOST.search(origin.group(0)))


def token_target(url: str) -> bool:
    """A URL a token request goes to: one with the token path, or a Celonis URL ending in ``/token`` at
    another path (``https://api.celonis.cloud/api/v1/oauth/token``), which is a malformed token URL."""
    return is_token_url(url) or is_celonis_url(url) and url_path(url).rstrip("/").lower().endswith("/token")


def token_endpoint(url: str) -> str | None:
    """The Celonis token endpoint a URL written in an OAuth provider's settings stands for: a Celonis
    token URL itself, or the team's ``/oauth2/token`` for its OpenID discovery document
    (``https://acme.eu-1.celonis.cloud/.well-known/openid-configuration``, reference map §1)."""
    if not is_celonis_url(url):
        return None
    if is_token_url(url):
        return url
    path = url_path(url).rstrip("/")
    if path.endswith("/.well-known/openid-configuration"):
        origin = ORIGIN.match(url.strip())
        return origin.group(0).rstrip("/") + "/oauth2/token" if origin else None
    return None


def client_endpoint(url: str) -> bool:
    """A Celonis URL that only an OAuth client's settings hold: its token or authorization endpoint, or
    the OpenID discovery document that names them."""
    return token_endpoint(url) is not None or is_celonis_url(url) \
        and url_path(url.split("?", 1)[0]).rstrip("/").endswith("/oauth2/authorize")


def asks_scopes(url: str) -> bool:
    """Whether ``url`` is a Celonis token or authorization URL written with the scopes it asks for in its
    query (``.../oauth2/authorize?response_type=code&scope=studio``): a Celonis client's scopes."""
    return "scope=" in url and client_endpoint(url.split("?", 1)[0])


def configures_client(pairs: Iterable[tuple[str, str]]) -> bool:
    """Whether settings (name, value) configure one Celonis OAuth client: an endpoint-named one is a
    Celonis token or authorization URL (``client_endpoint``), and none is another host's token endpoint
    (a map of several services' settings, ``CELONIS_TOKEN_URL`` beside ``GRAPH_TOKEN_URL``, is no one client's)."""
    celonis = False
    for name, value in pairs:
        if not endpoint_name(name):
            continue
        if client_endpoint(value):
            celonis = True
        elif other_host(value) and any_token_endpoint(value):
            return False
    return celonis


def other_host(url: str) -> bool:
    """An absolute URL whose host is written out and is not Celonis's (``https://acme.atlassian.net/x``):
    what is sent there is that host's business, whatever else the file talks to."""
    origin = ORIGIN.match(url.strip())
    return origin is not None and bool(origin.group(1)) and not UNRESOLVED.search(origin.group(1)) \
        and not is_celonis_url(url)


def goes_elsewhere(strings: Iterable[str]) -> bool:
    """Whether the nearest written-out URL among ``strings`` (the string literals before a header in
    its statement, nearest first) goes to another host: ``.url("https://api.openai.com/v1/models")
    .header("Authorization", ...)``, ``new Request("https://api.stripe.com/...", {headers})``."""
    for value in strings:
        if ORIGIN.match(value.strip()):
            return other_host(value)
        if _REFERENCED_URL.match(value.strip()):  # `${CELONIS_URL}/pools`, "$celonisUrl/pools": the request's own URL
            return False
    return False


# a URL whose base is a reference, as string templates write it (``${base}/x``, ``$base/x``, ``{base}/x``)
_REFERENCED_URL = lazy_re.compile(r"(?:\$\{[^}]+\}|\$\w+|\{\w+\})/")


def request_target(value: str) -> bool:
    """Whether a string is written as where a request goes: a URL (``https://...``, ``${base}/pools``)
    or an API path (``/integration/api/pools``), not a header's value (``application/json``)."""
    value = value.strip()
    return bool(ORIGIN.match(value) or value.startswith("/") or _REFERENCED_URL.match(value))


STATEMENT_LOOKBACK = 60  # tokens before a header searched for the URL its statement sends it to
_OPENERS, _CLOSERS = frozenset("([{"), frozenset(")]}")
_CONTINUES = frozenset(".?,([{=:+&|") | {"?.", "=>", "&&", "||", "??"}  # a line that ends or starts so goes on


def statement_strings(toks: list, j: int, source: str, text_of: Callable[[object], str | None]) -> list[str]:
    """The string literals before token ``j`` in its statement, nearest first (``text_of(tok)``: a
    string token's text, None for other tokens).

    Going back, statements of the block the header stands in are read (a builder's ``apply { url(...);
    header(...) }``, a Ktor request's block); once an enclosing ``{`` is left, the statement ends at a
    ``;`` or at a line break that neither line carries on (code without semicolons: not a ``.`` chain,
    not a ``,``). An object or list before it that is one of several (``openai: {...},`` next to
    ``celonis: {...}``) is passed over whole; one that is part of the chain (``axios.create({baseURL})
    .get(...)``) is read."""
    found: list[str] = []
    nested: list[str] = []  # closers met going back, not yet matched
    skipping = 0  # inside a sibling object or list: passed over
    left_block = False
    for k in range(j - 1, max(j - STATEMENT_LOOKBACK, 0) - 1, -1):
        tok, after = toks[k], toks[k + 1]
        punct = tok.kind == "punct"
        if punct and tok.text in _CLOSERS:
            if skipping or tok.text in "]}" and after.kind == "punct" and after.text == ",":
                skipping += 1
            nested.append(tok.text)
            continue
        if punct and tok.text in _OPENERS:
            if nested:
                nested.pop()
                skipping -= bool(skipping)
            elif tok.text == "{":
                left_block = True
            continue
        if skipping:
            continue
        if left_block and not nested and (punct and tok.text == ";" or "\n" in source[tok.end:after.start]
                                          and not _carries_on(tok) and not _carries_on(after)):
            break
        value = text_of(tok)
        if value is not None:
            found.append(value)
    return found


def _carries_on(tok) -> bool:  # noqa: ANN001 - a JavaScript or a Java token
    return tok.kind == "punct" and tok.text in _CONTINUES


# a string that names a Celonis setting or package rather than mentions Celonis: an identifier or a
# dotted key of more than one word (``CELONIS_TOKEN``, ``celonisUrl``, ``celonis.api.token``), or a package
# (``@celonis/content-cli``, ``com.celonis.sdk``, ``pycelonis``); not a label (``"Celonis"``, ``"celonis-export"``)
_CELONIS_SETTING = lazy_re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*", re.A)
_CELONIS_PACKAGE = lazy_re.compile(r"@celonis/|com\.celonis\.|pycelonis$", re.I)


def _names_a_setting(value: str) -> bool:
    if _CELONIS_PACKAGE.match(value):
        return True
    words = normalise(value).split("_") if _CELONIS_SETTING.fullmatch(value) else []
    return "CELONIS" in words and len(words) > 1


def celonis_code(names: Iterable[str], strings: Iterable[str]) -> bool:
    """Whether code talks to Celonis by what it is written in, not what it says: an identifier with
    Celonis in it (``CELONIS_URL``, ``celonisClient``, ``com.celonis``), or a string that holds a
    Celonis host (``acme.eu-1.celonis.cloud``) or names a setting or package (``process.env["CELONIS_TOKEN"]``,
    ``@celonis/content-cli``). Comments, prose and labels are no evidence: a user agent ``"Celonis PM
    Automation"``, a source ``"Celonis"``, another company's ``https://celonis.aha.io``, a note that a
    Jira client is the Celonis team's."""
    if any("celonis" in name.lower() for name in names):
        return True
    for value in strings:
        low = value.lower()
        if "celonis" in low and (CELONIS_TEMPLATE_HOST.search(low) or _names_a_setting(value.strip())):
            return True
    return False


def generic_name(name: str, catalog: Catalog) -> bool:
    """A catalog name whose shape other providers use too: plain words (``studio``, ``team``,
    ``tasks:read`` like Slack's ``channels:read``, ``audit.log:read``), or a namespace the catalog
    calls generic (``machine-learning``). A name with a Celonis compound in it
    (``integration.data-pools``, ``user-provisioning.scim``, ``package-manager``) is not."""
    namespace = catalog.namespace_of(name)
    if "-" in namespace:
        return namespace not in catalog.distinctive_namespaces
    return "-" not in name


def _marked_namespaces(catalog: Catalog) -> frozenset[str]:
    """The namespaces the catalog qualifies with a dot and that hold a name which is not generic
    (``integration.``, ``intelligence.``, ``team.``); ``studio.`` and ``audit.`` hold only plain words."""
    found = _MARKED.get(id(catalog))
    if found is None or found[0] is not catalog:
        marked = frozenset(catalog.namespace_of(n) for n in (*catalog.scopes, *catalog.retired)
                           if not generic_name(n, catalog))
        found = (catalog, marked & catalog.qualified_namespaces)
        if len(_MARKED) > 16:
            _MARKED.clear()
        _MARKED[id(catalog)] = found
    return found[1]


_MARKED: dict[int, tuple[Catalog, frozenset[str]]] = {}


def celonis_name_signal(name: str, catalog: Catalog) -> bool:
    """Whether one scope name says Celonis on its own: a catalog or retired name that is not generic,
    a near miss of such a name (the did-you-mean test), or a name in a Celonis namespace
    (``user-provisioning:...``, ``task-mining.x``; ``integration.x`` or ``team.x`` with a dot)."""
    if name in catalog.scope_names or name in catalog.retired:
        return not generic_name(name, catalog)
    namespace = catalog.namespace_of(name)
    if namespace in catalog.distinctive_namespaces and name.lower() != namespace:
        return True
    if name.lower().startswith(namespace + ".") and namespace in _marked_namespaces(catalog):
        return True
    near = catalog.closest(name)
    return near is not None and not generic_name(near, catalog)


def celonis_scopes(names: Iterable[str], catalog: Catalog) -> bool:
    """A scope list counts on its own only when one of its names is unmistakably Celonis's
    (``integration.data-pools``, the typo ``integration.datapools``, ``task-mining.anything``), not a
    generic string other providers use too (``studio``, ``tasks:read``)."""
    return any(celonis_name_signal(n, catalog) for n in names)



# a scope of another provider by its shape: a URL or URI (Microsoft's ``https://graph.microsoft.com/.default``
# and ``api://<app>/.default``, Google's ``https://www.googleapis.com/auth/drive``), or a permission named
# Resource.Action, each word capitalised (Microsoft Graph's ``User.Read``, ``Files.ReadWrite.All``)
_FOREIGN_SCOPE = lazy_re.compile(r"(?i:[a-z][a-z0-9+.-]*)://\S*|[A-Z][A-Za-z]+(?:\.[A-Z][A-Za-z]+)+")


def foreign_scopes(names: Iterable[str]) -> bool:
    """Whether every name of a scope list is another provider's by its shape: OpenID Connect's
    (``openid profile``: a sign-in), a URL, or a Microsoft Graph permission (``_FOREIGN_SCOPE``)."""
    found = list(names)
    return bool(found) and all(n.lower() in OIDC_SCOPES or _FOREIGN_SCOPE.fullmatch(n) for n in found)


def scope_signal(named: bool, context: bool, names: Iterable[str], catalog: Catalog, settings: bool = False) -> bool:
    """The Celonis signal where a scope variable stands: its name says Celonis, or its file talks to
    Celonis (``context``) and the list is not another provider's by its shape (``foreign_scopes``:
    ``openid profile``, ``https://graph.microsoft.com/.default``). In ``settings`` (a .env, Helm values, a
    kustomization), where a file's other entries can configure other providers, a generically named list
    also needs a name in a Celonis namespace (``OAUTH_SCOPES=studio.pacakges:read``; not GitHub's ``repo read:org``)."""
    if named:
        return True
    names = list(names)  # read twice below
    found = [n.lower() for n in names]
    if not context or foreign_scopes(names):
        return False
    return not settings or any(catalog.in_known_namespace(n) for n in found)


def concerns_celonis(signal: bool, names: Iterable[str], catalog: Catalog) -> bool:
    """The one decision whether a token request or a scope value is Celonis's: a Celonis signal where
    it stands (a Celonis URL, a Celonis-named variable or file), or scopes that are Celonis's on their own."""
    return signal or celonis_scopes(names, catalog)
