"""What every code extractor needs to decide whether a value concerns Celonis: URL and
variable classification, scope strings, secrets (shape and entropy, never names alone),
placeholders, and the token-URL check. One place, so every input kind judges alike."""
from __future__ import annotations

import functools
import hashlib
import math
import re
from urllib.parse import urlsplit

from ..findings import Location
from ..model import Insecure, ScopeList, Secret
from .definitions import split_scopes

TOKEN_PATH = "/oauth2/token"
CELONIS_HOST = re.compile(r"(^|\.)celonis\.(cloud|de|com)$", re.I)
# a team URL with placeholders still tells where it goes: https://<team>.<realm>.celonis.cloud
CELONIS_TEMPLATE_HOST = re.compile(r"celonis\.cloud", re.I)
UNRESOLVED = re.compile(r"\$\{?\w+\}?|\{\{?\s*[\w.]+\s*\}?\}|<[^>]+>|%\w+%|\{\w*\}|\$\([\w.]+\)")

# variable names that carry Celonis values (reference map §5)
CELONIS_VAR = re.compile(r"(^|_)(CELONIS|EMS|IBC)(_|$)|^(TEAM_URL|API_TOKEN|OAUTH_SCOPES?|OAUTH_CLIENT_(ID|SECRET)|OAUTH_METHOD)$", re.I)
SCOPE_VAR = re.compile(r"^(CELONIS_(OAUTH_)?SCOPES?|OAUTH_SCOPES?|CELONIS_.*SCOPES?)$", re.I)

SECRET_FIELDS = {
    "client_secret": "client secret", "clientsecret": "client secret", "oauth_client_secret": "client secret",
    "celonis_client_secret": "client secret", "access_token": "access token", "accesstoken": "access token",
    "api_token": "API key", "apitoken": "API key", "api_key": "API key", "apikey": "API key",
    "celonis_api_token": "API key", "celonis_api_key": "API key", "refresh_token": "refresh token",
    "refreshtoken": "refresh token", "app_key": "API key", "appkey": "API key",
}
URL_SECRET_PARAMS = {"client_secret": "client secret", "access_token": "access token", "api_key": "API key",
                     "apikey": "API key", "api_token": "API key", "token": "access token", "appkey": "API key"}

PLACEHOLDER = re.compile(
    r"^(<[^>]*>|\$\{?[\w.:-]+\}?|\{\{?\s*[\w.-]+\s*\}?\}|%[\w-]+%|\$\([^)]*\)|\*+|x+|X+|\.\.\.|…|"
    r"(your|my|the|some|example|sample|dummy|fake|test|placeholder|insert|enter|replace|put)[-_ ]?.*|"
    r".*(changeme|change[-_]me|replace[-_]?me|placeholder|example|redacted|secret[-_]?here|xxx|todo|dummy|fake).*|"
    r"(none|null|nil|undefined|empty|secret|password|token|api[-_]?key|client[-_]?secret|access[-_]?token|n/?a|tbd)$)$",
    re.I)


def is_placeholder(value: str) -> bool:
    v = value.strip().strip("'\"")
    return not v or bool(PLACEHOLDER.match(v)) or bool(UNRESOLVED.search(v))


def entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    if not value:
        return 0.0
    counts: dict[str, int] = {}
    for ch in value:
        counts[ch] = counts.get(ch, 0) + 1
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9+/=_\-.:~]{16,}$")


def looks_like_secret(value: str) -> bool:
    """Shape and entropy: long, no spaces, mixed characters, and no placeholder. Names alone never decide."""
    v = value.strip()
    if is_placeholder(v) or not _SECRET_SHAPE.match(v) or v.startswith(("http", "/")):
        return False
    classes = sum(bool(re.search(p, v)) for p in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]"))
    if classes < 2 or len(set(v)) < 8:
        return False
    return entropy(v) >= 3.0


@functools.lru_cache(maxsize=4096)
def digest(value: str) -> str:
    """A short, slow, salted digest: tells secrets apart in fingerprints, useless for guessing them."""
    return hashlib.pbkdf2_hmac("sha256", value.encode("utf-8"), b"scopelint-secret-fingerprint", 5_000).hex()[:8]


def secret(kind: str, loc: Location, name: str, value: str, in_url: bool = False) -> Secret:
    return Secret(kind, loc, name, digest(value), in_url)


def secret_kind(name: str) -> str | None:
    """The kind of secret a field or variable named ``name`` holds, if any."""
    key = re.sub(r"[^a-z_]", "", name.lower().replace("-", "_"))
    if key in SECRET_FIELDS:
        return SECRET_FIELDS[key]
    for suffix, kind in (("client_secret", "client secret"), ("api_token", "API key"), ("api_key", "API key"),
                         ("access_token", "access token"), ("app_key", "API key"), ("refresh_token", "refresh token")):
        if key.endswith(suffix):
            return kind
    return None


def host_of(url: str) -> str | None:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return parts.hostname


def is_celonis_url(url: str) -> bool:
    """An absolute URL whose host is a Celonis cloud host (placeholders in the team part allowed)."""
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url.strip(), re.I):
        return False
    host = host_of(UNRESOLVED.sub("team", url)) or ""
    return bool(CELONIS_HOST.search(host)) or bool(CELONIS_TEMPLATE_HOST.search(host))


def is_token_url(url: str) -> bool:
    return TOKEN_PATH in url.split("?", 1)[0]


def url_path(url: str) -> str:
    """The path of an absolute URL, or the string itself for a path."""
    if "://" in url:
        try:
            return urlsplit(url).path or "/"
        except ValueError:
            return url
    return url.split("?", 1)[0]


def url_query(url: str) -> list[tuple[str, str, int]]:
    """``(name, value, offset of the value in url)`` for each query parameter."""
    if "?" not in url:
        return []
    out = []
    start = url.index("?") + 1
    offset = start
    for part in url[start:].split("#", 1)[0].split("&"):
        name, _, value = part.partition("=")
        out.append((name, value, offset + len(name) + 1))
        offset += len(part) + 1
    return out


def strip_secrets(url: str) -> str:
    """A URL fit for a message: credentials and secret query values replaced by ``***``."""
    url = re.sub(r"(://)[^/@\s]+@", r"\1***@", url)
    for name, value, _ in url_query(url):
        if name.lower() in URL_SECRET_PARAMS and value:
            url = url.replace(f"{name}={value}", f"{name}=***")
    return url


def url_facts(url: str, loc: Location) -> tuple[list[Secret], list[Insecure]]:
    """Secrets in a Celonis URL's query string, plain HTTP, and a malformed token URL."""
    secrets, insecure = [], []
    resolved = not UNRESOLVED.search(url)
    for name, value, offset in url_query(url):
        kind = URL_SECRET_PARAMS.get(name.lower())
        if kind and value and not is_placeholder(value):
            vloc = Location(loc.path, loc.line, loc.col + offset, loc.line, loc.col + offset + len(value)) \
                if loc.end_line in (None, loc.line) else loc
            secrets.append(secret(kind, vloc, name, value, in_url=True))
    if url.lower().startswith("http://") and is_celonis_url(url):
        insecure.append(Insecure("http-url", loc, strip_secrets(url)))
    elif resolved and is_token_url(url) and not valid_token_url(url):
        insecure.append(Insecure("bad-token-url", loc, strip_secrets(url.split("?", 1)[0])))
    return secrets, insecure


_TOKEN_URL = re.compile(r"^https://[a-z0-9-]+\.[a-z0-9-]+\.celonis\.cloud/oauth2/token/?$", re.I)


def valid_token_url(url: str) -> bool:
    return bool(_TOKEN_URL.match(url.split("?", 1)[0].split("#", 1)[0]))


def scope_string(raw: str, loc: Location, source: str) -> ScopeList:
    """A scope value written as one string (``+`` and ``%20`` are URL-encoded spaces)."""
    return split_scopes(raw.replace("%20", " ").replace("%2C", ",").replace("%3A", ":"), loc, source)


def query_scopes(url: str, loc: Location, source: str) -> ScopeList | None:
    """``scope=...`` from a URL query string, with columns inside the literal."""
    for name, value, offset in url_query(url):
        if name == "scope":
            vloc = Location(loc.path, loc.line, loc.col + offset, loc.line, loc.col + offset + len(value)) \
                if loc.end_line in (None, loc.line) else loc
            return scope_string(value, vloc, source)
    return None


def distinctly_celonis(names: list[str], catalog_names: frozenset[str]) -> bool:
    """A scope list counts on its own only when its names are unmistakably Celonis ones
    (``integration.data-pools``), not generic strings that other providers use too (``tasks:read``)."""
    generic = {"studio", "tasks:read", "tasks:update", "skills:read", "skills:execute", "triggers:read",
               "triggers:manage", "audit.log:read", "knowledge-models:read", "knowledge-models:query",
               "machine-learning", "package-manager"}
    return any(n in catalog_names and n not in generic for n in names)
