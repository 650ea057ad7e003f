"""Celonis recognition: whether a URL goes to Celonis and whether a scope list is Celonis's."""
from __future__ import annotations

import re
from collections.abc import Iterable

from ...catalog import Catalog
from .urls import UNRESOLVED, host_of

CELONIS_HOST = re.compile(r"(^|\.)celonis\.(cloud|de|com)$", re.I)
# a team URL with placeholders still tells where it goes: https://<team>.<realm>.celonis.cloud
CELONIS_TEMPLATE_HOST = re.compile(r"celonis\.cloud", re.I)


def is_celonis_url(url: str) -> bool:
    """An absolute URL whose host is a Celonis cloud host (placeholders in the team part allowed)."""
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url.strip(), re.I):
        return False
    host = host_of(UNRESOLVED.sub("team", url)) or ""
    return bool(CELONIS_HOST.search(host)) or bool(CELONIS_TEMPLATE_HOST.search(host))

# catalog names that other providers use too: on their own they do not make a list Celonis's
GENERIC_SCOPES = frozenset({"studio", "tasks:read", "tasks:update", "skills:read", "skills:execute", "triggers:read",
                            "triggers:manage", "audit.log:read", "knowledge-models:read", "knowledge-models:query",
                            "machine-learning", "package-manager"})


def celonis_scopes(names: Iterable[str], catalog: Catalog) -> bool:
    """A scope list counts on its own only when its names are unmistakably Celonis ones
    (``integration.data-pools``), not generic strings that other providers use too (``tasks:read``)."""
    return any(n in catalog.scope_names and n not in GENERIC_SCOPES for n in names)


def concerns_celonis(signal: bool, names: Iterable[str], catalog: Catalog) -> bool:
    """The one decision whether a token request or a scope value is Celonis's: a Celonis signal where
    it stands (a Celonis URL, a Celonis-named variable or file), or scopes that are Celonis's on their own."""
    return signal or celonis_scopes(names, catalog)
