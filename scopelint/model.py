"""Facts with locations. Extractors yield these; rules read them through a ``Project``.

No fact ever holds a secret value: a ``Secret`` carries its kind, where it is, and a
keyed digest good enough to tell two secrets apart, nothing that gives the value back.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from .findings import Location
from .records import field, record

# where a scope string came from
CLIENT = "client"  # a client definition, content-cli profile, Postman auth block
REQUEST = "request"  # a token request in code
VARIABLE = "variable"  # a Celonis scope variable (env file, os.environ default, CI env)
# the evidence of an API call that is a URL or path written in a string, no request seen to send it
LITERAL = "string literal"


@record
class Value:
    """A scalar read from a file, with where it stands."""

    value: str
    loc: Location


@record
class ScopeRef:
    """One scope name as written, e.g. ``studio`` in ``scope="studio integration.data-pools"``."""

    name: str
    loc: Location
    source: str = CLIENT


@record
class ScopeList:
    """A whole scope value: a YAML/JSON list, or one string to be split on spaces.

    ``raw`` is the string form when the value was one string (``None`` for a list);
    ``items`` keeps the raw list elements (each may itself be malformed, e.g. ``"a,b"``).
    """

    loc: Location
    refs: tuple[ScopeRef, ...]
    raw: str | None = None
    items: tuple[Value, ...] = ()
    source: str = CLIENT
    valid: bool = True  # False: the value had the wrong type (SL000 reports it)
    # False: written with a reference of a template or another tool (``${SCOPES}``, ``{{scope}}``): the
    # scopes it stands for are unknown, and no rule may rest on them (``refs`` holds the names written out)
    resolved: bool = True
    query: bool = False  # written in a URL's query string, where a space is written "+"


@record
class Permission:
    """A permission a client definition asks for."""

    service: str
    template: str | None
    scim: bool
    loc: Location


@record
class Client:
    """An OAuth client record: a definition file, a content-cli profile, a Postman auth block."""

    name: str
    loc: Location
    origin: str = "definition"  # definition | content-cli | postman | bruno | spring
    grant_type: Value | None = None
    auth_method: Value | None = None
    redirect_uris: tuple[Value, ...] = ()
    scopes: ScopeList | None = None
    permissions: tuple[Permission, ...] | None = None  # None: the key is absent
    justification: dict[str, Value] = field(default_factory=dict)
    code: tuple[str, ...] | None = None  # None: no ``code`` key
    code_loc: Location | None = None  # where the ``code`` key stands

    @property
    def scope_refs(self) -> tuple[ScopeRef, ...]:
        return self.scopes.refs if self.scopes else ()

    @property
    def unique_refs(self) -> tuple[ScopeRef, ...]:
        """The first occurrence of each scope (duplicates are SL016's business alone)."""
        seen: set[str] = set()
        out = []
        for ref in self.scope_refs:
            if ref.name not in seen:
                seen.add(ref.name)
                out.append(ref)
        return tuple(out)


@record
class TokenRequest:
    """A request to a token endpoint found in code.

    ``scopes`` is ``None`` when the scope value cannot be resolved statically (then no rule may
    rest on it); an empty ``ScopeList`` means the request really sends no scope.
    ``url`` is the resolved URL, or ``None`` when it is built from something unresolved.
    """

    loc: Location
    url: str | None
    scopes: ScopeList | None
    grant_type: Value | None = None
    auth_style: str | None = None  # basic | post | None
    auth_method: Value | None = None  # a method it names that Celonis refuses (``oauth.REFUSED_AUTH_METHODS``)
    unit: str | None = None  # the part of its file that runs on its own (a CI step's shell); see ``ApiCall.unit``


@record
class ApiCall:
    """A call to a Celonis API path (``/integration/api/pools``), from a literal or an SDK call."""

    method: str | None  # GET, POST, ... or None when unknown
    path: str
    loc: Location
    via: str = "http"  # http | sdk
    evidence: str = ""  # the SDK call or literal that implies it, for suggest and messages
    key_auth: str | None = None  # AppKey | api-key: the request sends a key, not an OAuth token
    # the part of its file that runs on its own (a CI step's shell, ``step@LINE``), or None: a call in a
    # unit that requests a token of its own sends that token
    unit: str | None = None


@record
class UnresolvedCall:
    """A call to a Celonis base URL whose path cannot be read statically (``f"{CELONIS_URL}{path}"``),
    or a PyCelonis call through a part of the SDK its map does not cover (``sdk``): no least-privilege
    conclusion may claim to know every call while one of these stands."""

    loc: Location
    evidence: str  # the URL as far as it is known, unknown parts as ``{name}``; the SDK call as written
    unit: str | None = None  # the part of its file that runs on its own; see ``ApiCall.unit``
    # a call the code surely makes to Celonis whose requests are not known at all (PyCelonis 1.x's
    # ``celonis.pools.find(...)``): not even a client's scopes can be judged unused or too broad beside it
    sdk: bool = False


@record
class Secret:
    """A secret found in a file: its kind and place, never its value."""

    kind: str  # client-secret | access-token | api-key | refresh-token
    loc: Location
    name: str  # the field or variable that holds it, never the value
    digest: str  # keyed, truncated; never a plain hash of the value
    in_url: bool = False
    another: bool = False  # the value has the form of another service's key (``names.service_key``)
    # not written here: a variable or setting (``client_secret={SECRET}``) puts it in a URL, which is
    # SL013's whatever its value; SL012 has nothing to say of it
    held: bool = False


@record
class Insecure:
    """An insecure transport fact: ``http-url``, ``tls-off`` or ``bad-token-url``."""

    kind: str
    loc: Location
    detail: str  # a URL with secrets stripped, or a short description


@record
class AuthHeader:
    """An authorization header with a non-OAuth scheme (AppKey or an API key)."""

    kind: str  # AppKey | api-key
    loc: Location


@record
class Suppression:
    """An inline ``scopelint: ignore[CODES] reason`` comment."""

    codes: tuple[str, ...]
    reason: str
    loc: Location
    alone: bool = True  # the comment stands on a line of its own, so it is also the next line's (not one after code)
    through: int = 0  # after a YAML block scalar's mark (``scopes: >-  # scopelint: ...``): the block's last line


@record
class Problem:
    """Something in a file that could not be read as it should (SL000) or a note about skipping it."""

    loc: Location
    message: str
    kind: str = "invalid"  # invalid (SL000) | skipped (a note, not a finding) | unread (SL000; a note when SL000 is off)


@record(frozen=False)
class FileFacts:
    """Everything extractors found in one file."""

    path: str
    clients: list[Client] = field(default_factory=list)
    token_requests: list[TokenRequest] = field(default_factory=list)
    scope_vars: list[ScopeList] = field(default_factory=list)
    api_calls: list[ApiCall] = field(default_factory=list)
    unresolved_calls: list[UnresolvedCall] = field(default_factory=list)
    secrets: list[Secret] = field(default_factory=list)
    insecure: list[Insecure] = field(default_factory=list)
    auth_headers: list[AuthHeader] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list, repr=False)
    # the file's line ending, for fixes that insert a line; set per file by reading, not a field,
    # so that code walking the fields of a FileFacts (merging, counting) need not know of it
    newline: ClassVar[str] = "\n"
    # whether ``check --fix`` may write the file back: UTF-8 text read as it is written, no lone CR read
    # as a line feed (set by reading, as ``newline`` is)
    fixable: ClassVar[bool] = True

    def is_empty(self) -> bool:
        return not (self.clients or self.token_requests or self.scope_vars or self.api_calls
                    or self.unresolved_calls or self.secrets or self.insecure or self.auth_headers or self.problems)

    def worth_keeping(self) -> bool:
        """Anything a rule, a note or a suppression check could use."""
        return not self.is_empty() or bool(self.suppressions)


@record(frozen=False)
class CodeGroup:
    """The code owned by one client, or code no client claims (``client is None``): all of it, or
    the part of it under ``folder`` that is a project of its own (see ``project.unclaimed_groups``)."""

    client: Client | None
    files: list[FileFacts] = field(default_factory=list)
    folder: str = ""  # of unclaimed code split by folder: the folder its files are under (or its one file)

    @property
    def label(self) -> str:
        if self.client:
            return self.client.name
        if len(self.files) == 1 and self.files[0].path == self.folder:
            return f"(unclaimed code in {self.folder})"
        return f"(unclaimed code in {self.folder}/)" if self.folder else "(unclaimed code)"

    def api_calls(self) -> Iterator[ApiCall]:
        for f in self.files:
            yield from f.api_calls

    def unresolved_calls(self) -> Iterator[UnresolvedCall]:
        for f in self.files:
            yield from f.unresolved_calls

    def token_requests(self) -> Iterator[TokenRequest]:
        for f in self.files:
            yield from f.token_requests

    def requested(self) -> Iterator[ScopeList]:
        """Scope lists requested at token time: token requests and Celonis scope variables."""
        for f in self.files:
            for req in f.token_requests:
                if req.scopes is not None:
                    yield req.scopes
            yield from f.scope_vars
