"""Facts every input kind builds the same way from a URL."""
from __future__ import annotations

import re

from ... import lazy_re
from ...catalog import Catalog
from ...findings import Location
from ...model import Insecure, Secret
from .celonis import is_celonis_url, token_target
from .secrets import held_in_url, is_placeholder, is_reference, secret
from .urls import (UNRESOLVED, URL_SECRET_PARAMS, USERINFO, is_absolute, placeholder_host, strip_secrets, url_query,
                   valid_token_url)


def generic_route(path: str) -> bool:
    """A path other services' APIs have too (``/api/team``, ``/api/widgets/``, ``/api/external/members``:
    no Celonis service is named in it): a call there is Celonis's only on a URL known to go to Celonis,
    or in a file that talks to Celonis otherwise."""
    return path.startswith("/api/")


def api_route_counts(catalog: Catalog, path: str, method: str | None, celonis_target: bool) -> bool:
    """Whether a call to ``path`` is a Celonis API call worth a fact: a catalog route that is not an
    authentication endpoint, or any path (whose scope is then unknown) on a URL known to go to Celonis."""
    route = catalog.route_for(path, method)
    if route is not None:
        return route.gating != "auth"
    return celonis_target and len(path) > 1


def url_secret_kind(name: str, value: str) -> str | None:
    """The kind of secret a query parameter ``name=value`` carries, if it carries one."""
    kind = URL_SECRET_PARAMS.get(name.lower())
    return kind if kind and value and not is_placeholder(value) else None


def insecure_url(url: str, resolved: bool) -> tuple[str, str] | None:
    """``(kind, detail)`` when a URL is insecure: a Celonis URL over plain HTTP (``http-url``), or a
    resolved token URL (``celonis.token_target``) that is not ``https://<team>.<realm>.celonis.cloud/oauth2/token``
    (``bad-token-url``);
    a host that is a template to fill in (``YOUR_TEAM.YOUR_REALM``) is not a malformed one.
    The detail never shows a secret."""
    if url.lower().startswith("http://") and is_celonis_url(url):
        return "http-url", strip_secrets(url)
    # a path alone (``/oauth2/token`` sent by a client whose base URL is set elsewhere) has a host not known here
    if resolved and is_absolute(url) and token_target(url) and not valid_token_url(url) and not placeholder_host(url):
        return "bad-token-url", strip_secrets(url.split("?", 1)[0])
    return None


_USERINFO_PASSWORD = lazy_re.compile(r"[a-z][a-z0-9+.-]*://([^/?#@\s:]*):([^/?#@\s]+)@", re.I)


def userinfo_password(url: str) -> tuple[str, int] | None:
    """The password a URL's user-info holds (``https://user:password@host``) and where it starts in
    the URL; none for a placeholder."""
    userinfo = _USERINFO_PASSWORD.match(url)
    return (userinfo[2], userinfo.start(2)) if userinfo and not is_placeholder(userinfo[2]) else None


def url_facts(url: str, loc: Location) -> tuple[list[Secret], list[Insecure]]:
    """Secrets in a Celonis URL's query string or user-info, plain HTTP, and a malformed token URL."""
    secrets, insecure = [], []
    resolved = not UNRESOLVED.search(url)
    found = [(name, value, offset, url_secret_kind(name, value)) for name, value, offset in url_query(url)]
    userinfo = userinfo_password(url)
    if userinfo is not None:  # https://user:password@host
        found.insert(0, (USERINFO, userinfo[0], userinfo[1], "password"))
    for name, value, offset, kind in found:
        held = kind is None and name != USERINFO and is_reference(value)
        kind = kind or (URL_SECRET_PARAMS.get(name.lower()) if held else None)
        if kind:
            vloc = Location(loc.path, loc.line, loc.col + offset, loc.line, loc.col + offset + len(value)) \
                if loc.end_line in (None, loc.line) else loc
            secrets.append(held_in_url(kind, vloc, name, value) if held else secret(kind, vloc, name, value, in_url=True))
    found = insecure_url(url, resolved)
    if found is not None:
        insecure.append(Insecure(found[0], loc, found[1]))
    return secrets, insecure
