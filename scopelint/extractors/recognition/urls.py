"""URLs as scopelint reads them: token-endpoint paths, query strings, unresolved parts, and the
redaction every message that shows a URL goes through."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ... import lazy_re

TOKEN_PATH = "/oauth2/token"
# a placeholder; ``<...>`` holds no "<", so a long run of "<" without ">" is not rescanned at each one
# a value not written out: ``$X``, ``${X}``, ``{{x}}``, ``<x>``, ``%X%``, ``{x}``, ``$(X)``, and a CI expression
# (``${{ inputs.scope || 'studio' }}``: GitHub's and Azure's, whatever operators it holds)
UNRESOLVED = lazy_re.compile(r"\$\{\{[^}\n]*\}\}|\$\{?\w+\}?|\{\{?\s*[\w.]+\s*\}?\}|<[^<>]+>|%\w+%|\{\w*\}|\$\([\w.]+\)")

URL_SECRET_PARAMS = {"client_secret": "client secret", "access_token": "access token", "api_key": "API key",
                     "apikey": "API key", "api_token": "API key", "token": "access token", "appkey": "API key",
                     "app_key": "API key", "refresh_token": "refresh token", "password": "password",
                     "passwd": "password", "pwd": "password", "secret": "client secret"}
# what strip_secrets hides in any URL it shows: the SL013 names above, these, and names ending in a suffix
REDACTED_PARAMS = frozenset(URL_SECRET_PARAMS) | {"key", "sig", "signature", "id_token", "auth", "authorization",
                                                 "code", "session", "sessionid", "jwt", "private_token", "credential"}
REDACTED_SUFFIXES = ("token", "secret", "password", "passwd", "pwd", "key", "sig", "signature", "credential", "credentials")
USERINFO = "userinfo"  # the name of a password fact found in ``user:password@`` of a URL
_USERINFO = lazy_re.compile(r"(?<=://)[^/?#@\s'\"]+@")
_PARAM = lazy_re.compile(r"([?&#;])([\w.\-\[\]]+)=([^&#;\s'\"]*)")

_SCHEME = lazy_re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
# an absolute URL's scheme and authority (group 1: the authority), up to its path, query or fragment
ORIGIN = lazy_re.compile(r"^[a-z][a-z0-9+.-]*://([^/?#]*)", re.I)


def is_absolute(value: str) -> bool:
    """Whether ``value`` starts with a URL scheme (``https://``, ``http://``, ...)."""
    return bool(_SCHEME.match(value))

def host_of(url: str) -> str | None:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return parts.hostname

def is_token_url(url: str) -> bool:
    """Whether ``url`` goes to ``/oauth2/token``, written out or after a base set with its "/" (``{team_url}oauth2/token``)."""
    before = url.split("?", 1)[0]
    return TOKEN_PATH in before or "}oauth2/token" in before


def any_token_endpoint(url: str) -> bool:
    """Whether ``url`` is a token endpoint of any provider by its path (``/oauth2/token``,
    ``/oauth/token``, ``/protocol/openid-connect/token``, ``/oauth2/v2.0/token``)."""
    return url_path(url.split("?", 1)[0]).rstrip("/").endswith("/token")


def url_path(url: str) -> str:
    """The path of an absolute URL, or the string itself for a path. A base written with its ``/``
    and a path with its own (``https://acme.eu-1.celonis.cloud/`` + ``/integration/api/pools``) make
    one path: the slashes after the host are one."""
    if "://" in url:
        try:
            path = urlsplit(url).path or "/"
        except ValueError:
            return url
        return "/" + path.lstrip("/") if path.startswith("//") else path
    return url.split("?", 1)[0]


_BLANK_SEGMENT = lazy_re.compile(r"(?<=/)(?=/)")
_SLASHES = lazy_re.compile(r"//+")


# a template's expression as Jinja and Go templates space it (Airflow's ``{{ params.pool }}``)
_SPACED_TEMPLATE = lazy_re.compile(r"\{\{[ \t]*([^{}\s]+)[ \t]*\}\}")


def template_segments(path: str) -> str:
    """A path with each template expression written ``{{ name }}`` as ``{{name}}``: the one segment it
    fills in, as the same template written without spaces already is."""
    return _SPACED_TEMPLATE.sub(r"{{\1}}", path) if "{{" in path else path


def blank_segments(path: str, empty_value: bool = True) -> str:
    """A path with each segment a value left empty (``/data-push//jobs/``, a setting whose default is
    ``""``) shown as one not known: ``/data-push/{x}/jobs/``. Where no empty value went into it
    (``empty_value`` false), a ``//`` is written so (``/package-manager//api/nodes``,
    ``"jobs/" + "/{}".format(job)``): one ``/``, as servers read it, and no segment made up."""
    if "//" not in path:
        return path
    return _BLANK_SEGMENT.sub("{x}", path) if empty_value else _SLASHES.sub("/", path)


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
    """A URL, or any text holding URLs, fit for a message: the user-info (``user:password@``) and
    the value of every secret-named query or fragment parameter replaced by ``***``. The one URL
    redaction: every finding's message, hint and source line passes through it (``linter.finish``)."""
    url = _USERINFO.sub("***@", url)

    def hide(m: re.Match[str]) -> str:
        key = m[2].lower().replace("-", "_")
        secret_named = key in REDACTED_PARAMS or key.endswith(REDACTED_SUFFIXES)
        return f"{m[1]}{m[2]}=***" if m[3].strip("*") and secret_named else m[0]  # stars: masked already

    return _PARAM.sub(hide, url)

_TOKEN_URL = lazy_re.compile(r"^https://[a-z0-9-]+\.[a-z0-9-]+\.celonis\.cloud(?::443)?/oauth2/token/?$", re.I)  # 443: https's own


def valid_token_url(url: str) -> bool:
    return bool(_TOKEN_URL.match(url.split("?", 1)[0].split("#", 1)[0]))


# a host label written for a person to fill in: all capitals (``TEAM``, ``YOUR_TEAM``), ``your-team``,
# ``myRealm``, or a template mark (``<team>``, ``{team}``, ``${TEAM}``, ``%TEAM%``)
_PLACEHOLDER_LABEL = lazy_re.compile(r"^(?:(?i:your|my)(?:[-_]|[A-Z]).*|.*[<>{}$%].*)$")


def _placeholder_label(label: str) -> bool:
    """All capitals (no lower-case ASCII letter and at least one capital), or a pattern above; the
    capitals are tested in plain code: ``[^a-z]*[A-Z][^a-z]*`` tried every split of a long label."""
    capitals = not any("a" <= c <= "z" for c in label) and any("A" <= c <= "Z" for c in label)
    return capitals or bool(_PLACEHOLDER_LABEL.match(label))


def placeholder_host(url: str) -> bool:
    """Whether the host of ``url`` is a template to fill in (``https://YOUR_TEAM.YOUR_REALM.celonis.cloud``,
    ``https://TEAM.REALM.celonis.cloud``, ``https://<team>.celonis.cloud``), not a malformed host."""
    m = ORIGIN.match(url.strip())
    if m is None:
        return False
    host = m.group(1).rsplit("@", 1)[-1]
    return any(_placeholder_label(label) for label in host.split(".") if label)
