"""Facts of one file, each recorded once: API calls, URL problems, secrets (never their
values), ``Authorization`` headers and Celonis scope variables."""
from __future__ import annotations

from dataclasses import replace

from ... import lazy_re
from ...catalog import Catalog
from ...findings import Location
from ...model import VARIABLE, ApiCall, AuthHeader, FileFacts, Insecure, UnresolvedCall
from .celonis import asks_scopes, concerns_celonis, scope_signal
from .emit import api_route_counts, generic_route, insecure_url, url_secret_kind, userinfo_password
from .names import AUTH_SCHEME, key_auth, not_real_name, own_name, secret_kind, static_key_name
from .secrets import (BASIC_CREDENTIALS, basic_pair_secret, credential_is_secret, credential_kind, held_in_url,
                      is_placeholder, looks_like_secret, secret, without_foreign, without_id_values)
from .urls import ORIGIN, URL_SECRET_PARAMS, USERINFO, blank_segments, strip_secrets, template_segments
from .fields import query_fields, scope_list
from .scopes import LIST_SEPARATORS
from .text import LineIndex, Text, is_celonis
from ...records import record

# ``name: value`` in prose. A name starts at the start of a word, and is taken whole at once (the
# look-ahead and back-reference make it atomic): in a long run of word characters (a base64 blob in
# a comment) the old pattern tried 60 lengths of name at every character.
_FREE_KV = lazy_re.compile(r"(?<![A-Za-z_])(?=([A-Za-z_][\w-]{1,60}))\1[\"']?[ \t]{0,3}[:=][ \t]{0,3}[\"']?"
                           r"([A-Za-z0-9+/=_\-.~]{16,400})")
# a doc comment's ``@example`` section, up to the line where its next tag starts (JSDoc, TSDoc, and
# the comments openapi-typescript writes of a specification's examples)
_EXAMPLE_TAG = lazy_re.compile(r"@example\b[^\n]*(?:\n(?![ \t*/]*@\w)[^\n]*)*")
_FREE_AUTH = lazy_re.compile(r"\b(AppKey|Bearer)[ \t]+([A-Za-z0-9+/=_\-.~]{16,400})")


@record(frozen=False)
class Field:
    """A body field, header or credential: ``value`` is ``None`` when it cannot be read."""

    name: str
    value: Text | None
    encoded: bool = False  # form-encoded: ``+`` and ``%20`` stand for spaces
    kind: str | None = None  # the secret kind when the name does not tell it
    query: bool = False  # sent in the URL's query string (axios ``params``, got ``searchParams``)


class Sink:
    """Writes facts into a ``FileFacts``; ``celonis_file`` says the file talks to Celonis."""

    def __init__(self, facts: FileFacts, index: LineIndex, catalog: Catalog, seen: set[tuple] | None = None,
                 unit: str | None = None) -> None:
        """``seen``: the facts already written by the other sinks of the file (a CI file's steps, which
        can share one anchored script), so that each is written once; ``unit``: the part of the file the
        sink reads, when it runs on its own (``ApiCall.unit``)."""
        self.facts = facts
        self.unit = unit
        self.index = index
        self.catalog = catalog
        self.celonis_file = False
        self._seen: set[tuple] = set() if seen is None else seen
        self._api_at: set[tuple[int, int]] = set()
        # by where the value starts: the value, whether it is named for Celonis, whether a URL's query holds it
        self._scope_vars: dict[int | None, tuple[Text, bool, bool]] = {}
        self._consumed: set[int | None] = set()
        self._splits: dict[int, str] = {}  # values the code splits on a separator before use, by anchor
        self._keys: list[tuple[str, Location, bool]] = []  # AppKey and ``Bearer <static key>`` headers, judged at the end
        self._elsewhere: set[tuple[int, int]] = set()  # headers of requests to another host
        self._to_celonis: set[tuple[int, int]] = set()  # headers of requests to a Celonis URL
        self._named: list = []  # secrets found by their name or header: another service's, by a name like OPENAI_API_KEY?
        self._prose: set[int] = set()  # the ids of those found in comments and other prose
        self._values: dict[int, str] = {}  # the value of each secret found, by its id: never leaves the file
        self._ids: set[str] = set()  # the literal client ids of the file
        self._tls_settings: list[tuple[int, int, str]] = []  # certificate checks switched off for the whole script

    def _once(self, key: tuple) -> bool:
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def api_call(self, url: Text, method: str | None, evidence: str, celonis: bool | None = None,
                 key: str | None = None) -> bool:
        """An ``ApiCall`` when ``url`` is a Celonis URL or a path the catalog knows; ``key``: the key
        authentication its request sends (see ``key_header``)."""
        found = api_path(url)
        if found is None:
            return False
        path, a, b = found
        celonis = is_celonis(url) if celonis is None else celonis
        if a > 0 and ORIGIN.match(url.value) and not celonis:
            return False  # another host's API
        if generic_route(path) and not (celonis or self.celonis_file):
            return False  # too generic a path to be Celonis's without other evidence in the file
        if not api_route_counts(self.catalog, path, method, celonis):
            return False
        if path.startswith("/{x}") and self.catalog.route_for(path, method) is None:
            return False  # the whole path is unknown: an unresolved call, not an API path
        loc = url.loc(self.index, a, b)
        if method is None and (loc.line, loc.col) in self._api_at:
            return True
        self._api_at.add((loc.line, loc.col))
        if self._once(("api", loc.line, loc.col, method)):
            self.facts.api_calls.append(ApiCall(method, path, loc, "http", evidence, key, self.unit))
            self.celonis_file = True
        return True

    def unresolved_call(self, url: Text, evidence: str) -> None:
        """A Celonis base followed by a path not known statically (``${CELONIS_URL}${path}``)."""
        pieces = [p for p in url.pieces if p.text]
        if len(pieces) < 2 or not any(p.ref is not None for p in pieces[1:]) or " " in url.value:
            return
        where = next((p for p in pieces[1:] if p.ref is not None and p.start is not None), None)
        loc = self.index.loc(where.start, where.source_end) if where is not None else url.loc(self.index)
        self._unresolved(loc, f"{evidence} {strip_secrets(url.value)[:200]}".strip())

    def tool_call(self, start: int, end: int, evidence: str) -> None:
        """A command of a Celonis tool that calls the APIs where it cannot be read which ones
        (``content-cli push package ...``): an unresolved call, so that no least-privilege
        conclusion claims to know every call the code makes."""
        self._unresolved(self.index.loc(start, end), evidence[:200])

    def _unresolved(self, loc: Location, evidence: str) -> None:
        if self._once(("unresolved", loc.line, loc.col)):
            self.facts.unresolved_calls.append(UnresolvedCall(loc, evidence, unit=self.unit))
            self.celonis_file = True

    def url_checks(self, url: Text | None) -> None:
        """Secrets in the query string, plain HTTP, and a resolved but malformed token URL."""
        if url is None:
            return
        value = url.value
        userinfo = userinfo_password(value)
        if userinfo is not None:  # https://user:password@host, the password written out
            text = url.slice(userinfo[1], userinfo[1] + len(userinfo[0]))
            if text.literal_only:
                self._url_secret("password", text, USERINFO)
        for name, text, offset in query_fields(url):
            kind = url_secret_kind(name, text.value)
            if kind and text.literal_only:
                self._url_secret(kind, text, name)
            else:  # where the URL names it: the value is written elsewhere
                param = url.slice(offset, offset + len(name))
                if not text.value:  # ``client_secret=${SECRET}`` with ``SECRET = env ?? ""``: the empty piece it is
                    text = _empty_at(url, offset + len(name) + 1) or text
                if not text.literal_only or _defaulted(text, param):
                    self._held(URL_SECRET_PARAMS.get(name.lower()), text, name, param)
        if asks_scopes(value):  # a login link, a token request's URL: unless a request reads them as its own
            scope = next((v for k, v, _ in query_fields(url) if k == "scope"), None)
            if scope is not None and scope.value:
                self.scope_var(scope, True, query=True)
        found = insecure_url(value, url.resolved)
        if found is not None:
            kind, detail = found
            span = url.span(0, 7 if kind == "http-url" else len(value))
            if span is not None or url.pieces and url.pieces[0].start is not None:  # else judged where its base is written
                if span is None:  # a scheme with no place (a helper's value, a tool's default): where the URL is used
                    at = url.anchor or 0
                    span = (at, at)
                self.insecure(kind, *span, detail)

    def _url_secret(self, kind: str, text: Text, name: str) -> None:
        """A secret written out in a Celonis URL (its query string, its user-info), once."""
        loc = text.loc(self.index)
        if self._once(("secret", loc.line, loc.col)):
            self.facts.secrets.append(secret(kind, loc, name, text.value, in_url=True))

    def tls_setting(self, start: int, end: int, detail: str) -> None:
        """A setting that switches certificate checks off for every call after it (PowerShell's
        ``ServerCertificateValidationCallback = { $true }``): a finding where the file talks to Celonis."""
        self._tls_settings.append((start, end, detail))

    def insecure(self, kind: str, start: int, end: int, detail: str) -> None:
        loc = self.index.loc(start, end)
        if self._once(("insecure", kind, loc.line, loc.col)):
            self.facts.insecure.append(Insecure(kind, loc, detail))

    def secret_field(self, f: Field, kind: str | None = None, in_url: bool = False) -> None:
        """A secret written in ``f``; ``in_url``: the field goes in a URL's query string."""
        kind = kind or f.kind or secret_kind(f.name)
        value = f.value
        if in_url and value is not None and (not value.literal_only or _defaulted(value)):
            self._held(kind, value, f.name)
            return
        if kind is None or value is None or not value.literal_only or not looks_like_secret(value.value):
            return
        if any(not_real_name(name) for name in value.names):
            return  # a constant the code calls no real one (``"api_key": invalidApiKey``), wherever it is sent
        if own_name(value.value, f.name):
            return
        self.secret(kind, value, f.name, in_url)

    def secret(self, kind: str, value: Text, name: str, in_url: bool = False) -> bool:
        """The secret ``value``, once; whether it was new. Found again ``in_url``, it is in a URL,
        whichever reading found it first."""
        loc = value.loc(self.index)
        if loc.path != self.index.path:  # written in another module, whose own reading reports it
            return False
        if not self._once(("secret", loc.line, loc.col)):
            if in_url:
                self._in_url(loc)
            return False
        self._named.append(secret(kind, loc, name, value.value, in_url))
        self.facts.secrets.append(self._named[-1])
        self._values[id(self._named[-1])] = value.value
        return True

    def _held(self, kind: str | None, value: Text, name: str, param: Text | None = None) -> None:
        """A variable or setting that puts a secret in a URL's query string (``client_secret=${SECRET}``),
        at the parameter that puts it there (``param``, ``client_secret=``), else at the reference."""
        if kind is None or not value.pieces or not _defaulted(value, param) \
                and any(p.ref is None and p.text.strip() for p in value.pieces):
            return  # a literal part: written here (SL012's when it is a secret), or a <placeholder>
        loc = param.loc(self.index) if param is not None and param.anchor is not None else value.loc(self.index)
        if loc.path != self.index.path:
            return
        if self._once(("secret", loc.line, loc.col)):
            self.facts.secrets.append(held_in_url(kind, loc, name, value.value))

    def _in_url(self, loc: Location) -> None:
        known = next((s for s in self._named if s.loc == loc and not s.in_url), None)
        if known is None:
            return
        moved = replace(known, in_url=True)
        self._values[id(moved)] = self._values.pop(id(known), "")
        for found in (self._named, self.facts.secrets):
            found[:] = [moved if s is known else s for s in found]

    def client_id(self, value: Text | None) -> None:
        """A literal client id: a secret of the file with the same value is a fixture, not a secret."""
        if value is not None and value.literal_only and value.value:
            self._ids.add(value.value)

    def header(self, h: Field, celonis: bool, elsewhere: bool = False, unrouted: bool = False) -> None:
        """``Authorization: AppKey|Bearer|Basic <literal>``: a secret, and AppKey is key auth.
        ``elsewhere``: the request goes to a host written out that is not Celonis's, so the header's
        authentication is not Celonis's (a credential written in it is a secret all the same).
        ``unrouted``: it goes to a host not written out, on a path no Celonis API has: a Bearer key
        there is no Celonis key auth, though the file talks to Celonis (AppKey still is: the scheme is Celonis's)."""
        if h.value is None:
            return
        if h.name.lower() not in ("authorization", "x-authorization"):
            self.secret_field(h)  # ``X-API-KEY: <literal>``: a key by its header's name, in any reader
            return
        m = AUTH_SCHEME.match(h.value.value)
        if m is None:
            return
        loc = h.value.loc(self.index)
        scheme = m.group(1).lower()
        token = h.value.slice(m.end(), len(h.value.value))
        if elsewhere or unrouted and scheme == "bearer":
            self._elsewhere.add((loc.line, loc.col))
        else:
            if celonis:  # a request to a Celonis URL sends it: no guess from its statement undoes that
                self._to_celonis.add((loc.line, loc.col))
            kind = _key_kind(scheme, token)
            if kind is not None:
                self._keys.append((kind, loc, celonis))
        if token.value and token.literal_only and credential_is_secret(scheme, token.value):
            self.secret(credential_kind(scheme, token.value), token, "Authorization")

    def encoded_pair(self, value: Text | None) -> None:
        """``id:password`` written out whole and given to a Base64 encoder (``btoa("id:secret")``,
        ``Base64.getEncoder().encodeToString("id:secret".getBytes())``): HTTP Basic credentials, their
        secret part reported where it is written, as the same pair encoded in an ``Authorization`` is."""
        if value is None or not value.literal_only:
            return
        span = basic_pair_secret(value.value)
        if span is not None:
            self.secret(credential_kind("basic", ""), value.slice(*span), BASIC_CREDENTIALS)

    def free_text(self, text: str, start: int) -> None:
        """Secrets written in comments and other prose: ``client_secret=...``, ``AppKey ...``. A doc
        comment's ``@example`` (up to its next tag) is documentation's sample: not read."""
        if "@example" in text:
            text = _EXAMPLE_TAG.sub(lambda m: " " * len(m.group()), text)
        for m in _FREE_KV.finditer(text):
            kind = secret_kind(m.group(1))
            if kind:  # after ``?`` or ``&``: a parameter of an example URL (``.../items?api_key=...``)
                in_url = m.start(1) > 0 and text[m.start(1) - 1] in "?&"
                self._free_secret(kind, m.group(1), m.group(2), start + m.start(2), in_url)
        for m in _FREE_AUTH.finditer(text):
            self._free_secret(credential_kind(m.group(1), m.group(2)), "Authorization", m.group(2), start + m.start(2))

    def _free_secret(self, kind: str, name: str, value: str, at: int, in_url: bool = False) -> None:
        value = value.rstrip(".")
        if looks_like_secret(value) and self.secret(kind, Text.literal(value, at), name, in_url):
            self._prose.add(id(self._named[-1]))

    def split_on(self, value: Text, sep: str) -> None:
        """The code splits ``value`` on ``sep`` before it uses it (``strings.Split(SCOPES, ",")``,
        ``SCOPES.split(",")``): a list, each item one scope, not one scope string with ``sep`` in it."""
        if value.anchor is not None and sep in LIST_SEPARATORS:
            self._splits[value.anchor] = sep

    def as_split(self, value: Text) -> Text:
        """``value`` as the list the code splits it into: its separator a space."""
        sep = self._splits.get(value.anchor) if self._splits else None  # type: ignore[arg-type]
        return value if sep is None else value.spaced(sep)

    def scope_var(self, value: Text, named: bool = True, query: bool = False) -> None:
        """A scope variable's value; emitted at the end unless a token request used it. ``named``: the
        variable's name says Celonis (``CELONIS_SCOPES``); one that does not (``OAUTH_SCOPES``, which
        PyCelonis reads, and so does every Hugging Face Space) counts where the file talks to Celonis
        or the scopes are Celonis's by themselves. ``query``: the value is a URL query's, form-encoded
        (``+`` for a space)."""
        if value.resolved and not value.value.strip().startswith("<"):
            self._scope_vars.setdefault(value.anchor, (value, named, query))

    def finish(self) -> None:
        """Key authentication where the file talks to Celonis and the request does not go elsewhere;
        a Bearer is no static key where the file requests a token from /oauth2/token. A secret whose
        name names another service (``OPENAI_API_KEY``), or a token in a comment, is not Celonis's business
        unless the file talks to Celonis (``secrets.foreign``); a token in a test is a fixture whoever it is for."""
        celonis = bool(self.celonis_file or self.facts.token_requests or self.facts.api_calls)
        self.facts.secrets = without_foreign(self.facts.secrets, self._named, self._prose, celonis)
        self.facts.secrets = without_id_values(self.facts.secrets, self._values, self._ids)
        for kind, loc, celonis in self._keys:
            at = (loc.line, loc.col)
            if at in self._elsewhere and at not in self._to_celonis or kind == "api-key" and self.facts.token_requests:
                continue
            if (celonis or self.celonis_file) and self._once(("auth", loc.line, loc.col)):
                self.facts.auth_headers.append(AuthHeader(kind, loc))
        talks = self.celonis_file or bool(self.facts.token_requests or self.facts.api_calls)
        for start, end, detail in self._tls_settings if talks else ():
            self.insecure("tls-off", start, end, detail)
        for anchor, (value, named, query) in self._scope_vars.items():
            if anchor in self._consumed:
                continue
            scopes = scope_list(self.as_split(value), self.index, VARIABLE, encoded=query, query=query)
            names = [ref.name for ref in scopes.refs]
            if concerns_celonis(scope_signal(named, talks, names, self.catalog), names, self.catalog):
                self.facts.scope_vars.append(scopes)


def key_header(h: Field) -> str | None:
    """The key authentication (``AppKey``, ``api-key``) an ``Authorization`` header sends, else ``None``."""
    if h.value is None or h.name.lower() not in ("authorization", "x-authorization"):
        return None
    m = AUTH_SCHEME.match(h.value.value)
    return _key_kind(m.group(1), h.value.slice(m.end(), len(h.value.value))) if m is not None else None


def _key_kind(scheme: str, token: Text) -> str | None:
    """What a credential sent with ``scheme`` is: a key (see ``key_auth``), a Bearer built from one
    variable named as a key, or a token (``None``)."""
    if token.literal_only or scheme.lower() != "bearer":
        return key_auth(scheme, token.value)
    return "api-key" if _named_key(token) else None


def _named_key(token: Text) -> bool:
    """A Bearer value built from one variable named as a long-lived key (``${process.env.CELONIS_API_KEY}``,
    ``${apiKey}``), or held under such a name on its way (``const apiKey = process.env.CELONIS_KEY``, then
    ``${apiKey}``: the constants the value is all made of); a value written out is judged by ``key_auth``."""
    refs = [p.ref for p in token.pieces if p.ref is not None and p.text.strip()]
    if len(refs) != 1:
        return False
    if static_key_name(refs[0]):
        return True
    # a value read by name (``process.env.X``), not a command's output (``$(curl ... /oauth2/token)``: a token),
    # nor a member that names a token (``(await login()).access_token``, ``res.data.access_token``)
    return bool(refs[0]) and not any(p.text.strip() for p in token.pieces if p.ref is None) \
        and secret_kind(refs[0].rsplit(".", 1)[-1]) not in ("access token", "refresh token") \
        and any(map(static_key_name, token.names))


def api_path(url: Text) -> tuple[str, int, int] | None:
    """The API path of a URL or path value, its offsets, with unresolved parts as ``{x}``."""
    value = url.value
    m = ORIGIN.match(value)
    if m:
        start = m.end()
    elif value.startswith("/"):
        start = 0
    else:
        first = next((p for p in url.pieces if p.text), None)
        start = len(first.text) if first is not None else 0  # empty pieces before it add nothing
        if first is None or first.ref is None or not value.startswith("/", start):
            return None
    end = len(value)
    for stop in "?#":
        i = value.find(stop, start)
        end = i if 0 <= i < end else end
    path = _path_text(url.slice(start, end), _empty_within(url, start, end))
    return (path, start, end) if path.startswith("/") and " " not in path else None


def _empty_within(text: Text, start: int, end: int) -> bool:
    """Whether a value left empty (a constant or default ``""``) went into ``text`` between two offsets."""
    at = 0
    for p in text.pieces:
        if not p.text and p.ref is None and start <= at <= end:
            return True
        at += len(p.text)
    return False


def _path_text(text: Text, empty_value: bool) -> str:
    """The path a URL's text makes, what is not known as ``{x}`` (see ``urls.template_segments``)."""
    return blank_segments(template_segments("".join(p.text if p.ref is None else "{x}" for p in text.pieces)), empty_value)


def _defaulted(value: Text, param: Text | None = None) -> bool:
    """A variable's value that is no secret of its own, which the environment fills in when the code
    runs: ``process.env.SECRET ?? ""``, a sourced ``CLIENT_SECRET=`` or ``<your secret>``; written
    apart from the parameter ``param`` that puts it in a URL (``?token=<your token>`` written in the
    URL itself is a placeholder, not a variable)."""
    if not value.names or value.value.strip() and not is_placeholder(value.value):
        return False
    if param is None or param.anchor is None or value.anchor is None:
        return True
    return not 0 <= value.anchor - (param.anchor + len(param.value)) <= 1


def _empty_at(url: Text, at: int) -> Text | None:
    """The empty piece a variable put at offset ``at`` of the URL's value, if one did."""
    pos = 0
    for p in url.pieces:
        if pos == at and not p.text and p.ref is None:
            return Text((p,), url.names)
        pos += len(p.text)
        if pos > at:
            break
    return None
