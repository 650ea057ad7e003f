"""HTTP requests found in scripts and code, and the facts they make: shared by the JavaScript
and shell extractors so that a ``fetch`` and a ``curl`` to the same URL are judged alike."""
from __future__ import annotations

import re

from ... import lazy_re
from ...model import REQUEST, FileFacts, ScopeList, TokenRequest, Value
from ...oauth import assertion_method
from .celonis import concerns_celonis, other_host
from .urls import any_token_endpoint, is_token_url, strip_secrets
from .fields import query_fields, scope_list
from .sink import Field, Sink, api_path, key_header
from .source import is_test_path
from .text import LineIndex, Text, is_celonis
from ...records import field, record

__all__ = ["Emitter", "Field", "Request", "unread_token_request"]

# what code that asks for a token writes, whatever its shape: a grant type, a token endpoint's path
_TOKEN_SIGN = lazy_re.compile(r"client_credentials|\bgrant_type\b|/oauth2?/token\b", re.I)


def unread_token_request(text: str, facts: FileFacts) -> None:
    """A file of code that names Celonis and shows the signs of a token request (a grant type, a
    token endpoint's path), where no reader found one, asks for a token in a shape scopelint cannot
    read (a URL built with ``-f``, an endpoint imported from another module). It
    gets a token request of unknown scopes at the first sign, so that its calls are never judged
    against the scopes other code requests, and what code beside it may use stays unknown. A test
    file's signs are its fixtures' (a form it asserts on, a mocked token endpoint): they hold back
    nothing of the code it tests (a Go package named ``celonis`` names Celonis in every test)."""
    if facts.token_requests or "celonis" not in text.lower() or is_test_path(facts.path):
        return
    for found in _TOKEN_SIGN.finditer(text):
        if found.group(0).startswith("/") and _of_another_host(text, found.start()):
            continue  # https://login.salesforce.com/services/oauth2/token: that provider's endpoint
        loc = LineIndex(facts.path, text).loc(found.start(), found.end())
        facts.token_requests.append(TokenRequest(loc, None, None))
        return


_URL_SO_FAR = lazy_re.compile(r"[a-z][a-z0-9+.-]*://[^\s'\"`]*$", re.I)


def _of_another_host(text: str, at: int) -> bool:
    """Whether the path at ``at`` is part of a URL written out to a host other than Celonis's."""
    line_start = text.rfind("\n", 0, at) + 1
    url = _URL_SO_FAR.search(text, max(line_start, at - 500), at)
    return url is not None and other_host(url.group(0) + "/")


@record(frozen=False)
class Request:
    """An HTTP request in any language: where, its URL, method and fields."""

    at: tuple[int, int]  # source span of the call or command name
    url: Text | None
    method: str | None = None
    fields: list[Field] = field(default_factory=list)
    body_open: bool = False  # part of the body cannot be read: no "sends no scope" conclusion
    headers: list[Field] = field(default_factory=list)
    basic: bool = False  # credentials sent with HTTP Basic
    tls_off: list[tuple[int, int, str]] = field(default_factory=list)
    evidence: str = ""  # the call or command, for messages
    grant: bool = False  # a token request by what it is, whatever its URL (an OAuth library's grant, a form body naming a grant type)
    grant_default: str | None = None  # the grant type the library call implies when no field names one
    auth_style: str | None = None  # the client authentication the library call uses (basic | post | none)
    auth_method: Text | None = None  # the method the library call names, where Celonis refuses it
    library: bool = False  # read through the OAuth library map: its fields are the library's arguments


class Emitter(Sink):
    """Turns requests, literals and variables of one file into facts, each fact once."""

    elsewhere_requests = 0  # token requests read that go to another provider's host, written out

    def request(self, req: Request) -> None:
        url = req.url
        celonis = url is not None and is_celonis(url)
        # a token URL written out to another host is that provider's, whatever its scopes are called
        foreign = not celonis and url is not None and other_host(url.value)
        if foreign and (req.grant or any_token_endpoint(url.value)):  # type: ignore[union-attr]
            self.elsewhere_requests += 1  # the signs of a token request in the file are its
        if req.grant:
            scopes = self._scopes(req)
            if not foreign and concerns_celonis(celonis, [r.name for r in scopes.refs] if scopes is not None else [], self.catalog):
                celonis = True
                self._token_request(req, url if url is not None and url.resolved else None, scopes)
        elif url is not None and req.method != "HEAD" and (is_token_url(url.value) or celonis and any(
                f.name == "grant_type" for f in req.fields) and not self._api_route(url)):
            # a token URL, or a Celonis URL from a setting (``$env:CELONIS_TOKEN_URL``) sent a grant type;
            # not a call to an API of the catalog whose body has a field of that name, nor a look whether
            # the endpoint answers (``curl -I``, ``wget --spider``: no body, no token)
            scopes = self._scopes(req)
            names = [r.name for r in scopes.refs] if scopes is not None else []
            if not foreign and concerns_celonis(celonis, names, self.catalog):
                celonis = True
                self._token_request(req, url, scopes)
        elif url is not None:
            key = next((k for k in map(key_header, req.headers) if k is not None), None)
            if not self.api_call(url, req.method, req.evidence, celonis, key) and celonis:
                self.unresolved_call(url, req.evidence)
        if celonis:
            self.celonis_file = True
            self.url_checks(url)
            for start, end, detail in req.tls_off:
                self.insecure("tls-off", start, end, detail)
        for f in req.fields:  # a secret in the query string of a Celonis URL is SL013's (as one written in the URL)
            self.secret_field(f, in_url=f.query and celonis)
        if foreign:  # the scopes sent to another provider's host are its own, whatever the variable is called
            self._consumed.update(f.value.anchor for f in req.fields if f.name == "scope" and f.value is not None)
        unrouted = not celonis and not foreign and url is not None and self._unrouted(url)
        for h in req.headers:
            self.header(h, celonis, foreign, unrouted)

    def _api_route(self, url: Text) -> bool:
        """Whether ``url`` names an API route of the catalog (not an authentication endpoint)."""
        found = api_path(url)
        route = self.catalog.route_for(found[0], None) if found is not None else None
        return route is not None and route.gating != "auth"

    def _unrouted(self, url: Text) -> bool:
        """A request whose base is not written out, to a path written out that no Celonis API has
        (``${creds.baseUrl}/api/v1/projects``): where it goes is unknown, and its path says not Celonis."""
        found = api_path(url)
        if found is None or "{x}" in found[0]:
            return False
        return self.catalog.route_for(found[0], None) is None

    def _token_request(self, req: Request, url: Text | None, scopes: ScopeList | None) -> None:
        grant = self._field(req, "grant_type")
        grant_value = Value(grant.value, grant.loc(self.index)) if grant is not None and grant.resolved else None
        if grant_value is None and req.grant_default:
            grant_value = Value(req.grant_default, self.index.loc(*req.at))
        style = "basic" if req.basic or any(_basic(h) for h in req.headers) else req.auth_style
        if req.library:
            pass  # the library decides where the secret goes, not the fields it was given
        elif self._field(req, "client_secret") is not None or any(f.name == "client_secret" for f in req.fields):
            style = style or "post"
        resolved = strip_secrets(url.value) if url is not None and url.resolved else None
        method = Value(req.auth_method.value, req.auth_method.loc(self.index)) if req.auth_method is not None else None
        assertion = self._field(req, "client_assertion_type")  # a signed assertion sent instead of the secret
        signed = assertion_method(assertion.value) if assertion is not None and assertion.resolved else None
        if method is None and signed is not None:
            method = Value(signed, assertion.loc(self.index))  # type: ignore[union-attr]
        self.facts.token_requests.append(TokenRequest(self.index.loc(*req.at), resolved, scopes, grant_value, style,
                                                      method, self.unit))

    def _field(self, req: Request, name: str) -> Text | None:
        for f in req.fields:
            if f.name == name:
                return f.value
        return next((v for n, v, _ in query_fields(req.url) if n == name), None) if req.url else None

    def _scopes(self, req: Request) -> ScopeList | None:
        for f in req.fields:
            if f.name == "scope":
                return self._scope_value(f.value, f.encoded)
        for name, value, _ in query_fields(req.url) if req.url else ():
            if name == "scope":
                return self._scope_value(value, True, query=True)
        if req.body_open:
            return None
        return ScopeList(self.index.loc(*req.at), (), raw="", source=REQUEST)

    def _scope_value(self, value: Text | None, encoded: bool, query: bool = False) -> ScopeList | None:
        if value is None or not value.resolved or value.value.strip().startswith("<"):
            return None
        self._consumed.add(value.anchor)
        return scope_list(self.as_split(value), self.index, REQUEST, encoded, query)


def _basic(h: Field) -> bool:
    return h.name.lower() == "authorization" and h.value is not None and h.value.value.lower().startswith("basic")
