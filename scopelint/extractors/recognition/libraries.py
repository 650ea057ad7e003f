"""The OAuth client library map (``data/oauth_libraries.yaml``): where a token request's facts stand
in each library's constructors and calls. Each wing reads it with one generic interpreter."""
from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import NamedTuple, TypeVar

from ...oauth import REFUSED_AUTH_METHODS

T = TypeVar("T")

# facts given as where they stand (argument specs); everything else in an entry is a constant
LOCATED = ("token_url", "token_host", "token_path", "scope", "scope_separator", "client_id", "client_secret",
           "grant_type", "auth_method", "basic_auth", "object", "authorize_url")
# client authentication values, as libraries spell them, and the style they stand for
AUTH_STYLES = {"client_secret_post": "post", "body": "post", "clientsecretpost": "post",
               "client_secret_basic": "basic", "header": "basic", "clientsecretbasic": "basic", "none": "none"}


class Spec(NamedTuple):
    """One constructor or call: fact -> where it may stand, and the constants it implies."""

    where: Mapping[str, tuple[str, ...]]
    grant: str | None = None
    auth: str | None = None
    post_when: Mapping[str, object] | None = None
    token_path_default: str | None = None
    # the facts of a call of the function this call returns, by where they stand in it (axios-oauth-client's
    # ``getToken = clientCredentials(...)`` then ``getToken("studio")``), which win over the call's own
    returned: Mapping[str, tuple[str, ...]] | None = None

    def locate(self, lookup: Callable[[str], T | None]) -> dict[str, T]:
        """Each located fact at the first of its places where ``lookup`` (a wing's reader of call
        arguments) finds a value."""
        found: dict[str, T] = {}
        for fact, places in self.where.items():
            for place in places:
                value = lookup(place)
                if value is not None:
                    found[fact] = value
                    break
        return found


class Library(NamedTuple):
    name: str
    modules: tuple[str, ...]
    objects: Mapping[str, Spec]
    calls: Mapping[str, Spec]


def refused_method(value: str) -> str | None:
    """The client authentication method Celonis refuses that a library's setting names, if it does
    (``private_key_jwt``, ``client_secret_jwt``)."""
    key = value.strip().lower()
    return key if key in REFUSED_AUTH_METHODS else None


def auth_style(value: str) -> str | None:
    """``client_secret_post`` -> ``post``; ``ClientSecretBasic(...)`` -> ``basic``; unknown -> ``None``."""
    key = value.strip().lower().split("(", 1)[0].rsplit(".", 1)[-1]
    return AUTH_STYLES.get(key)


def _spec(data: Mapping[str, object]) -> Spec:
    where = {k: tuple(str(v) for v in (data[k] if isinstance(data[k], list) else [data[k]]))  # type: ignore[union-attr]
             for k in LOCATED if k in data}
    post_when = data.get("post_when")
    returned = data.get("returned")
    return Spec(where, _str(data.get("grant")), _str(data.get("auth")),
                dict(post_when) if isinstance(post_when, Mapping) else None, _str(data.get("token_path_default")),
                _spec(returned).where if isinstance(returned, Mapping) else None)


def _str(value: object) -> str | None:
    return str(value) if value is not None else None


@functools.cache
def libraries(wing: str) -> tuple[Library, ...]:
    """The libraries of one wing (``python``, ``javascript``), loaded once."""
    from ... import packaged

    data = packaged.load("oauth_libraries")
    out = []
    for name, body in (data.get(wing) or {}).items():
        out.append(Library(name, tuple(body.get("modules") or ()),
                           {k: _spec(v) for k, v in (body.get("objects") or {}).items()},
                           {k: _spec(v) for k, v in (body.get("calls") or {}).items()}))
    return tuple(out)
