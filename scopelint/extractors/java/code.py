"""Java, Kotlin, Go and C#, read lightly: string literals and constants, as the JavaScript wing
reads literals. No type inference and nothing run: a value is what its literals and this file's
constants (``static final String``, ``const val``, ``val``, ``const``, ``:=``) spell, anything else
unresolved. Go struct fields and C# named arguments (``ClientSecret: "..."``) are named values, and
a list of strings (``[]string{"a", "b"}``, ``new[] {"a", "b"}``, ``List.of("a", "b")``) is its
strings, space-separated, as a scope string is.

- every literal: a Celonis API path or URL (plain HTTP, secrets in its query string);
- a secret-named variable or builder call (``clientSecret = "..."``, ``.clientSecret("...")``)
  holding a literal secret;
- scopes in a scope-named variable, a ``.scope(...)``/``.scopes(...)`` call or a ``scope =``
  argument, when they concern Celonis;
- ``"AppKey " + key`` and ``"Bearer " + token`` header values (AppKey is key auth), and C#'s
  ``new AuthenticationHeaderValue("AppKey", key)``;
- a form body (``"grant_type=client_credentials&scope=..."``) sent to this file's token URL;
- secrets written in comments.
"""
from __future__ import annotations

import posixpath
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from itertools import chain, islice
from typing import TYPE_CHECKING

from ... import lazy_re
from ...model import LITERAL, FileFacts
from ..recognition.celonis import (celonis_code, concerns_celonis, goes_elsewhere, is_celonis_url, other_host,
                                   request_target, statement_strings, token_target)
from ..recognition.fields import form_fields
from ..recognition.names import (AUTH_SCHEME, names_another, not_real_name, says_celonis, scope_var_name, secret_kind,
                                 static_key_name, uses_secret)
from ..recognition.secrets import named_kind
from ..recognition.requests import Emitter, Field, Request
from ..recognition.sink import key_header
from ..recognition.scopes import scope_spans
from ..recognition.source import Source, is_test_path, long_lines_left, suffix
from ..recognition.imported import Parsed
from ..recognition.text import LineIndex, Piece, Text, elsewhere, is_celonis
from ..recognition.urls import any_token_endpoint, url_path
from .classes import Classes

if TYPE_CHECKING:  # the lexer is loaded with the first Java or Kotlin file, not at start-up
    from .lexer import Tok

MAX_PIECES = 64
_SCOPE_CALLS = ("scope", "scopes", "setscope", "setscopes", "withscope", "withscopes", "addscope")
_SPACE = Text((Piece(" ", None),))
# calls whose last argument is the value to use when there is none, by how many arguments they take
_FALLBACK_CALLS = {"getordefault": 2, "orelse": 1, "getproperty": 2, "requirenonnullelse": 2, "defaultifblank": 2,
                   "defaultifempty": 2, "defaultstring": 2, "getenvordefault": 2}
# functions, called with or without a receiver, that read the environment variable their first argument
# names, with their second as the default: the helpers Go and Java code writes for it (``getEnv("K", "...")``),
# the standard calls taking one argument only
_ENV_DEFAULT_CALLS = frozenset({"getenv", "getenvordefault", "getenvor", "getenvdefault", "envor", "envordefault"})
_OPENERS, _CLOSERS = frozenset("([{"), frozenset(")]}")
_STATEMENT_TOKENS = 256  # a declaration read further than this is not a simple value
# a local variable holding a URL is followed this many tokens into its block to the call it is given to,
# and a file's variables this many tokens in all (a generated file of thousands of them stays linear)
_SENT_THROUGH_TOKENS = 2_000
# the methods that set a token's credential on a headers object (Spring's ``HttpHeaders``)
_OTHER_AUTH = frozenset({"setBearerAuth", "setBasicAuth"})
# words that stand before a name without declaring it
_NOT_TYPES = frozenset({"return", "throw", "yield", "await", "new", "case", "in", "is", "as", "else", "go", "defer",
                        "not", "and", "or", "typeof", "instanceof", "out", "ref", "when"})
_TYPE_WORDS = frozenset({"class", "interface", "enum", "record", "object", "struct"})  # what opens a type's body
_CONSTRUCTED = frozenset({"class", "struct", "record"})  # the types whose constructor is named after them
_SENT_THROUGH_BUDGET = 200_000
_MAX_NESTING = 4  # lists of strings and formats read inside one another, at most
_DIALECTS = {"kt": "kotlin", "kts": "kotlin", "go": "go", "cs": "csharp"}
# calls whose arguments are the items of a list: a list of scopes is its scopes
_LIST_CALLS = frozenset({"List.of", "Set.of", "Arrays.asList", "listOf", "setOf", "arrayOf", "mutableListOf",
                         "Stream.of", "ImmutableList.of", "ImmutableSet.of"})
# calls that read an environment variable or system property named by their first argument
_ENV_CALLS = frozenset({"System.getenv", "getenv", "os.Getenv", "Getenv", "Environment.GetEnvironmentVariable",
                        "GetEnvironmentVariable", "System.getProperty", "getProperty"})
_ENV_LAST = frozenset(name.rsplit(".", 1)[-1] for name in _ENV_CALLS)
_NULLABLE_WRAPS = frozenset({"ofNullable", "fromNullable"})  # ``Optional.ofNullable(x)``, Guava's ``Optional.fromNullable(x)``
# the Nimbus OAuth SDK's grants, by class, and the grant type each sends
_NIMBUS_GRANTS = {"ClientCredentialsGrant": "client_credentials", "ResourceOwnerPasswordCredentialsGrant": "password",
                  "AuthorizationCodeGrant": "authorization_code", "RefreshTokenGrant": "refresh_token",
                  "JWTBearerGrant": "urn:ietf:params:oauth:grant-type:jwt-bearer",
                  "TokenExchangeGrant": "urn:ietf:params:oauth:grant-type:token-exchange"}
_SCHEMES = frozenset({"appkey", "bearer", "basic", "token"})
# the fields that name a library's token endpoint beside its scopes (Go's clientcredentials.Config,
# .NET IdentityModel's token requests)
_TOKEN_URL_FIELDS = ("tokenurl", "token_url", "tokenendpoint", "address", "tokenuri")
_ACCESSORS = frozenset({"get", "set", "init", "private", "protected", "internal"})  # C# property accessors
# the calls of HTTP clients that take the URL or path they send a request to (Spring's WebClient, RestClient
# and RestTemplate, java.net.http, OkHttp, .NET's HttpClient and RestSharp, Go's net/http)
_HTTP_CALLS = frozenset({"uri", "url", "exchange", "getForObject", "getForEntity", "postForObject", "postForEntity",
                         "patchForObject", "newBuilder", "GetAsync", "PostAsync", "PutAsync", "PatchAsync", "DeleteAsync",
                         "GetStringAsync", "GetByteArrayAsync", "GetStreamAsync", "PostAsJsonAsync", "PutAsJsonAsync",
                         "GetFromJsonAsync", "HttpRequestMessage", "RestRequest", "NewRequest", "NewRequestWithContext",
                         "Get", "Post", "Head", "PostForm"})
# calls that make a map of their arguments by turns, key then value, by the last two parts of their name
_KEYED_CALLS = (["Map", "of"], ["ImmutableMap", "of"])
# calls that encode their first argument for a URL, by the last two parts of their name
_ENCODE_CALLS = frozenset({"URLEncoder.encode", "Uri.EscapeDataString", "Uri.EscapeUriString", "HttpUtility.UrlEncode",
                           "WebUtility.UrlEncode", "url.QueryEscape", "url.PathEscape"})
# calls that encode their argument's bytes in Base64: Java's and Kotlin's ``Base64.Encoder``, Apache Commons
# Codec's, .NET's ``Convert``, Go's ``encoding/base64``
_BASE64_CALLS = frozenset({"encodeToString", "encodeBase64String", "ToBase64String", "EncodeToString"})
# what turns a string into its bytes, before it is encoded in Base64
_BYTES_CALLS = frozenset({"GetBytes", "getBytes", "toByteArray", "encodeToByteArray"})
# the helpers that take a user and a password for HTTP Basic authentication, by their name in lower case
_BASIC_AUTH = frozenset({"setbasicauth", "basicauth", "basic", "basicauthentication", "basicauthcredentials",
                         "httpbasicauthenticator"})
# calls that join a list's items with a separator: Go's (list, separator), the others' (separator, items...)
_JOIN_CALLS = frozenset({"strings.Join", "String.join", "string.Join", "String.Join", "TextUtils.join"})
_FORMAT_CALLS = frozenset({"String.format", "format", "fmt.Sprintf", "Sprintf"})
# what accepts any server certificate, written by name (.NET, Netty, Apache HttpClient)
_ACCEPT_ALL = frozenset({"DangerousAcceptAnyServerCertificateValidator", "InsecureTrustManagerFactory",
                         "NoopHostnameVerifier", "TrustAllStrategy", "ALLOW_ALL_HOSTNAME_VERIFIER"})
# what takes a callback that decides whether a certificate or host name is accepted
_VERIFIERS = frozenset({"hostnameVerifier", "setHostnameVerifier", "setDefaultHostnameVerifier",
                        "ServerCertificateCustomValidationCallback", "ServerCertificateValidationCallback"})
# what sets an HTTP client's base address (lower case, without underscores), and what wraps the URL given to it
_BASE_NAMES = frozenset({"baseaddress", "baseurl", "baseuri", "setbaseurl", "setbaseaddress", "setbaseuri", "restclient",
                         "restclientoptions"})
_CREATED = frozenset({"WebClient", "RestClient"})  # Spring clients whose create(base) gives them a base address
# what stands between a base address's name and its value (``new Uri(...)``, ``restClient = new RestClient(...)``)
_URL_WRAPPERS = frozenset({"new", "Uri", "URI", "create", "URL", "parse", "toURI", "HttpUrl", "toHttpUrl", "RestClient",
                           "RestClientOptions"})


# IdentityModel's names of the grant types (``OidcConstants.GrantTypes.Password``)
_GRANT_CONSTANTS = {"Password": "password", "ClientCredentials": "client_credentials",
                    "AuthorizationCode": "authorization_code", "RefreshToken": "refresh_token",
                    "DeviceCode": "urn:ietf:params:oauth:grant-type:device_code",
                    "TokenExchange": "urn:ietf:params:oauth:grant-type:token-exchange"}
# a token request's library type, as its written name holds it (lower case, dots dropped), and the grant it
# sends: .NET IdentityModel's request classes, Go's clientcredentials.Config
_LIBRARY_GRANTS = (("passwordtokenrequest", "password"), ("authorizationcodetokenrequest", "authorization_code"),
                   ("refreshtokenrequest", "refresh_token"),
                   ("devicetokenrequest", "urn:ietf:params:oauth:grant-type:device_code"),
                   ("clientcredentials", "client_credentials"))
# the methods of Go's oauth2.Config, by the grant each sends
_CONFIG_GRANTS = {"PasswordCredentialsToken": "password", "Exchange": "authorization_code"}
# what a call that acquires a token is named after (``fetch``, ``requestAccessToken``, ``login``)
_ACQUIRES = ("token", "fetch", "login", "logon", "authenticate", "authorize", "oauth", "acquire", "obtain")


def _team_url(base: str) -> bool:
    """Whether a base address is a Celonis team's URL (no path after the host)."""
    return bool(base) and is_celonis_url(base) and not url_path(base).strip("/")


def fetching_token(callee: str) -> bool:
    """Whether a call named ``callee`` acquires a token: its last word says so, and it names no key
    (``exchangeApiKey``, ``tokenForApiKey``, ``readApiKey`` are named after a key)."""
    last = callee.rsplit(".", 1)[-1].lower()
    return any(word in last for word in _ACQUIRES) and not static_key_name(callee)


# AssertJ's and Hamcrest's comparisons, after ``assertThat(x)``
_ASSERTED = frozenset({"isEqualTo", "isEqualToComparingFieldByField", "containsExactly", "equalTo", "is"})


def extract(src: Source, facts: FileFacts) -> None:
    src, note = long_lines_left(src, "generated code or data")
    if note is not None:
        facts.problems.append(note)
    from .lexer import tokenize

    dialect = _DIALECTS.get(suffix(src.path), "java")
    toks, comments = tokenize(src.text, dialect)
    em = Emitter(facts, LineIndex(src.path, src.text), src.catalog)
    em.celonis_file = "celonis" in src.text.lower() and celonis_code(
        (t.text for t in toks if t.kind == "id"), (t.value.value for t in toks if t.kind == "str" and t.value is not None))
    reader = _Reader(toks, em, src, dialect in ("go", "csharp"))
    reader.classes = Classes(src.path, src.text, _others)
    reader.constants()
    reader.splits()
    reader.encoded_pairs()
    reader.named()
    reader.injected()
    reader.calls()
    reader.literals()
    reader.anonymous_forms()
    if (facts.token_requests or facts.api_calls) and not is_test_path(src.path) and not reader.other_hosts():
        # which client a switch is set on is not followed: only where every URL the file writes is Celonis's
        for start, end, detail in reader.tls_off():
            em.insecure("tls-off", start, end, detail)
    for comment in comments:
        em.free_text(comment.text, comment.start)
    em.finish()
    if facts.secrets and not_real_name(posixpath.basename(src.path).split(".", 1)[0]):
        facts.secrets = []  # a class named as a mock's, a fake's or an example's (``SaApiKeyMockMapper``)
    if not facts.token_requests and "celonis" in src.text.lower():  # what ``unread_token_request`` looks at
        src.signs = "" if em.elsewhere_requests or reader.elsewhere else reader.without_definitions()


def _constants(path: str, text: str) -> dict[str, Text]:
    """Another file's string constants (``classes``), their offsets where that file stands (``text.elsewhere``)."""
    from .lexer import tokenize

    toks, _ = tokenize(text, _DIALECTS.get(suffix(path), "java"))
    reader = _Reader(toks, None, Source(path, text), suffix(path) in ("go", "cs"))  # type: ignore[arg-type]
    reader.own_constants()
    base = elsewhere(LineIndex(path, text))
    return {name: value.shifted(base) for name, value in reader.consts.items()}


_others = Parsed(_constants, 64).load  # each read once per process while it is unchanged

_COLLECTIONS = frozenset({"List", "Set", "Collection", "Iterable", "Array", "MutableList", "MutableSet", "SortedSet"})
# a Spring property with a default written out: ``${celonis.scope:studio}`` (not ``${a:${B}}``)
_INJECTED = lazy_re.compile(r"\$\{([A-Za-z_][\w.-]*):([^${}]+)\}")


def _token_endpoint(url: str) -> bool:
    """A URL a form with a grant type may go to: a token URL, or another provider's token endpoint
    written out (``https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token``), whose form and
    scopes are that provider's."""
    return token_target(url) or other_host(url) and any_token_endpoint(url)


class _Reader:
    def __init__(self, toks: list[Tok], em: Emitter, src: Source, pairs: bool = False) -> None:
        self.toks, self.em, self.src = toks, em, src
        # each token's text where it is punctuation, else None: what ``is_`` asks of every token, again and again
        self.punct: list[str | None] = [t.text if t.kind == "punct" else None for t in toks]
        self.pairs = pairs  # ``Name: value`` names a value (Go struct fields, C# named arguments)
        self._nesting = 0  # lists and formats being read inside one another
        self.consts: dict[str, Text] = {}
        self.ambiguous: set[str] = set()  # names this file gives two values: known in neither place
        self.classes: Classes | None = None  # other files' constants (``classes``); None in one read for them
        self._foreign_at: dict[int, int] = {}  # a token URL of another file: where this one uses it
        self.elsewhere = False  # uses another provider's token endpoint that another file defines
        self.token_urls: list[Text] = []
        self._url_anchors: list[int] = []
        self._brace_pairs: dict[int, int] | None = None  # "{" -> its "}", found when first asked for
        self._fetched: dict[str, list[tuple[str | None, int, int]]] | None = None  # see ``fetched``
        self._base_list: list[tuple[int, str, str | None]] | None = None  # see ``_bases``
        self._opened_at: dict[int, int] | None = None  # ")" -> its "(", found when first asked for
        self.closing: dict[int, int] = {}  # "(" -> its ")", found in one pass
        self._enclosing: list[int] = []  # each token's innermost bracket ("(", "[", "{") around it; -1: none
        self._looked = 0  # tokens read after local variables, to the call each is given to (``_sent_through``)
        # headers objects given a key header, by name: the block, the kind of key and where it was added
        self.key_holders: dict[str, list[tuple[int, str | None, int]]] = {}
        self._holders: dict[tuple[str, int], list[tuple[int, str | None]]] = {}  # (name, block) -> (where, kind), in order
        self._sets: tuple[dict[str, list[int]], dict[str, list[int]]] | None = None  # see ``_set_at``
        opened: list[int] = []
        brackets: list[int] = [-1]
        for k, tok in enumerate(toks):
            self._enclosing.append(brackets[-1])
            if tok.kind != "punct":
                continue
            if tok.text == "(":
                opened.append(k)
            elif tok.text == ")" and opened:
                self.closing[opened.pop()] = k
            if tok.text in _OPENERS:
                brackets.append(k)
            elif tok.text in _CLOSERS and len(brackets) > 1:
                brackets.pop()

    def is_(self, i: int, *texts: str) -> bool:
        return 0 <= i < len(self.punct) and self.punct[i] in texts

    def value(self, i: int) -> tuple[Text | None, int]:
        """A string expression from token ``i``: literals, constants and names joined by ``+``."""
        out: Text | None = None
        j = i
        while j < len(self.toks):
            tok = self.toks[j]
            if tok.kind == "str" and tok.value is not None:
                part, j = self._bound(tok.value), j + 1
            elif tok.kind == "id":
                k = j
                while self.is_(k + 1, ".") and k + 2 < len(self.toks) and self.toks[k + 2].kind == "id":
                    k += 2
                name = "".join(t.text for t in self.toks[j:k + 1])
                if tok.text == "new" or self.is_(k + 1, "{") and out is None:  # new[] {"a"}, Go's T{...}
                    items = self._items(j)
                    if items is None:
                        return out, j
                    part, j = items
                elif self.is_(k + 1, "("):  # a call: its value is unknown, but for a format or a list
                    close = self.closing.get(k + 1)
                    if close is None:  # unbalanced: the value ends here
                        return out, k + 1
                    formatted = None
                    callee = ".".join(name.rsplit(".", 2)[-2:])  # URLEncoder.encode, strings.Join, SCOPES.split
                    if self._nesting < _MAX_NESTING and (callee in _ENCODE_CALLS or callee in _JOIN_CALLS):
                        self._nesting += 1
                        try:
                            formatted = self._passed_on(callee, k + 1)
                        finally:
                            self._nesting -= 1
                    elif self.toks[k].text in ("split", "Split"):
                        split = self._split_at(k)  # the constant: split, its scopes are a list (``splits``)
                        formatted = split[0] if split is not None else None
                    elif self._nesting < _MAX_NESTING and (name in _FORMAT_CALLS or name in _LIST_CALLS and out is None):
                        self._nesting += 1  # a format or list inside another is read, a few deep
                        try:
                            if name in _FORMAT_CALLS:
                                formatted = self._format(k + 1, close)
                            else:
                                args = self.args(k + 1)
                                formatted = Text.joined(args, _SPACE) if args else None
                        finally:
                            self._nesting -= 1
                    elif name in _ENV_CALLS and k + 2 < close and self.toks[k + 2].kind == "str":
                        var = self.toks[k + 2].value  # System.getenv("CELONIS_API_KEY"): the variable's name
                        if var is not None and var.literal_only and var.value:
                            formatted = Text.reference(var.value, tok.start, self.toks[close].end, var.value)
                    part = formatted or Text.reference(name, tok.start, self.toks[k].end, name)
                    j = close + 1
                else:
                    part = self._constant(name) or self.consts.get(self.toks[k].text) \
                        or Text.reference(name, tok.start, self.toks[k].end, name)
                    j = k + 1
            elif out is None and (self.is_(j, "{") or self.is_(j, "[") and self.is_(j + 1, "]")):
                items = self._items(j)  # Java's {"a", "b"}, Go's []string{"a", "b"}
                if items is None:
                    return out, j
                part, j = items
            else:
                break
            out = part if out is None else out + part
            if len(out.pieces) > MAX_PIECES or not self.is_(j, "+"):
                break
            j += 1
        return out, j

    def _passed_on(self, callee: str, opens: int) -> Text | None:
        """What a call that encodes its argument for a URL (``URLEncoder.encode(SCOPE, UTF_8)``,
        ``Uri.EscapeDataString(scope)``) or joins a list with a space (``strings.Join(scopes, " ")``,
        ``String.join(" ", scopes)``) sends: the value, or the list's items, as the scope string they are
        on the wire. A join on another separator is not known."""
        args = self.args(opens)
        if not args:
            return None
        if callee in _ENCODE_CALLS:
            return args[0]
        sep, items = (args[-1], args[:-1]) if callee == "strings.Join" else (args[0], args[1:])
        if not items or not sep.literal_only or sep.value not in (" ", "%20", "+"):
            return None
        return Text.joined(items, _SPACE)

    def splits(self) -> None:
        """Each constant the file splits on a list separator before it uses it (Go's ``strings.Split(SCOPES, ",")``,
        Java's and Kotlin's ``SCOPES.split(",")``, C#'s ``Scopes.Split(',')``): a list of scopes, not one string."""
        for j, tok in enumerate(self.toks):
            if tok.kind == "id" and tok.text in ("split", "Split") and self.is_(j + 1, "("):
                found = self._split_at(j)
                if found is not None:
                    self.em.split_on(*found)

    def encoded_pairs(self) -> None:
        """Each string the file encodes in Base64 as it stands (Java's ``Base64.getEncoder().encodeToString(
        "id:secret".getBytes())``, C#'s ``Convert.ToBase64String(Encoding.UTF8.GetBytes("id:secret"))``, Go's
        ``base64.StdEncoding.EncodeToString([]byte("id:secret"))``): an ``id:secret`` there is HTTP Basic
        credentials (``Emitter.encoded_pair``). A value joined or formatted in the call is not one literal."""
        for j, tok in enumerate(self.toks):
            close = self.closing.get(j + 1) if tok.kind == "id" and tok.text in _BASE64_CALLS else None
            if close is None:
                continue
            inside = range(j + 2, close)
            if any(self.punct[k] in ("+", ",") for k in inside):
                continue
            strings = [k for k in inside if self.toks[k].kind == "str"]
            if len(strings) == 1:
                self.em.encoded_pair(self.toks[strings[0]].value)
            elif not strings:  # a name the file binds to one literal (``var creds = "id:secret";``), or to its bytes
                names = {self.toks[k].text for k in inside if self.toks[k].kind == "id"}
                held = [self.consts[n] for n in names if n in self.consts and n not in self.ambiguous]
                held += [b for n in names if n not in self.consts and (b := self._bytes_of(n)) is not None]
                if len(held) == 1:
                    self.em.encoded_pair(held[0])

    def _bytes_of(self, name: str) -> Text | None:
        """The one literal a local variable holds the bytes of: C#'s ``var b = Encoding.ASCII.GetBytes("id:secret");``,
        Go's ``b := []byte("id:secret")``, Java's ``byte[] b = "id:secret".getBytes();``; ``None`` when it is
        bound otherwise, or more than once."""
        found = []
        for j, tok in enumerate(self.toks):
            if tok.kind != "id" or tok.text != name or not (self.is_(j + 1, "=", ":=") or self.is_(j + 1, ":")
                                                              and self.is_(j + 2, "=")):
                continue
            start = j + 2 if not self.is_(j + 1, ":") else j + 3
            end = min(start + 12, len(self.toks))
            text = self.src.text  # the statement ends at a ";", or its line's end (Go, Kotlin)
            stop = next((k for k in range(start, end) if self.is_(k, ";")
                         or k > start and "\n" in text[self.toks[k - 1].end:self.toks[k].start]), end)
            span = range(start, stop)
            strings = [k for k in span if self.toks[k].kind == "str"]
            byting = any(self.toks[k].text in _BYTES_CALLS for k in span) or self.is_(start, "[") and self.is_(start + 1, "]")
            found.append(self.toks[strings[0]].value if len(strings) == 1 and byting and not
                         any(self.punct[k] in ("+", ",") for k in span) else None)
        return found[0] if len(found) == 1 else None

    def _split_at(self, j: int) -> tuple[Text, str] | None:
        """The constant the ``split`` or ``Split`` called at token ``j`` splits, and on what."""
        close = self.closing.get(j + 1)
        if close is None or not self.is_(j - 1, ".") or j < 2 or self.toks[j - 2].kind != "id":
            return None
        if self.toks[j - 2].text == "strings" and not self.is_(j - 3, "."):  # Go: strings.Split(SCOPES, ",")
            first, sep_at = j + 2, close - 1
            if not (self.toks[first].kind == "id" and self.is_(first + 1, ",") and sep_at == first + 2):
                return None
            name = self.toks[first].text
        else:  # SCOPES.split(","), Config.SCOPES.Split(',')
            first = self._dotted_start(j - 2)
            name, sep_at = "".join(t.text for t in self.toks[first:j - 1]), j + 2
            if sep_at != close - 1 and not (sep_at == close and self._char_between(j + 1, close)):
                return None
        sep = self._char_between(j + 1, close) if sep_at == close else (
            self.toks[sep_at].value.value if self.toks[sep_at].kind == "str" and self.toks[sep_at].value is not None
            and self.toks[sep_at].value.literal_only else None)  # type: ignore[union-attr]
        value = self._constant(name) or self.consts.get(name.rsplit(".", 1)[-1])
        return (value, sep) if value is not None and sep is not None and value.literal_only else None

    def _char_between(self, opens: int, close: int) -> str | None:
        """The one character literal written between tokens ``opens`` and ``close`` (C#'s ``','``, which
        the lexer passes over), if that is all there is."""
        between = self.src.text[self.toks[opens].end:self.toks[close].start].strip()
        return between[1] if len(between) == 3 and between[0] == between[2] == "'" else None

    def _bound(self, text: Text) -> Text:
        """A template's references to constants (Kotlin's ``"$BASE/oauth2/token"``, C#'s
        ``$"{Team}/oauth2/token"``) replaced by their values, as ``BASE + "/oauth2/token"`` is read."""
        if text.literal_only:
            return text
        values: dict[str, Text] = {}
        for piece in text.pieces:
            if piece.ref and piece.ref not in values:
                found = self._constant(piece.ref)
                if found is not None:
                    values[piece.ref] = found
        return text.bound(values) if values else text

    def _constant(self, name: str) -> Text | None:
        """The value of this file's constant ``name``, or of another class's (``CelonisConfig.TOKEN_URL``, a
        static import); ``None`` for a name this file gives two values."""
        return self.consts.get(name) or (self.classes.value(name)
                                         if self.classes is not None and name not in self.ambiguous else None)

    def _items(self, i: int) -> tuple[Text, int] | None:
        """A list of strings from token ``i``: its type (``new string[]``, ``[]string``, ``new
        List<String>``) passed over, then ``{...}`` of values; the items joined by spaces."""
        j = i
        while j < len(self.toks) and j < i + 16 and not self.is_(j, "{"):
            if not (self.toks[j].kind == "id" or self.is_(j, "[", "]", "<", ">", ".", "?")):
                return None
            j += 1
        if not self.is_(j, "{") or self._nesting >= _MAX_NESTING:
            return None  # a list of lists of lists is no scope list, and no reason to recurse
        items: list[Text] = []
        k = j + 1
        self._nesting += 1
        try:
            while k < len(self.toks) and not self.is_(k, "}"):
                item, k = self.value(k)
                if item is None or not self.is_(k, ",", "}"):
                    return None
                items.append(item)
                k += 1 if self.is_(k, ",") else 0
        finally:
            self._nesting -= 1
        if not items or k >= len(self.toks):
            return None
        return Text.joined(items, _SPACE), k + 1

    def _format(self, opens: int, close: int) -> Text | None:
        """``String.format("Bearer %s", apiKey)``: each ``%s`` of a known format replaced by its argument."""
        fmt, j = self.value(opens + 1)
        if fmt is None or not fmt.literal_only or "%" not in fmt.value:
            return None
        args: list[Text] = []
        while self.is_(j, ",") and j < close:
            arg, j = self.value(j + 1)
            if arg is None:
                return None
            args.append(arg)
        pieces = fmt.value.replace("%v", "%s").split("%s")  # Go's %v prints a string as %s does
        if len(pieces) != len(args) + 1 or any("%" in piece.replace("%%", "") for piece in pieces):
            return None  # other conversions (%d, %1$s): not worth guessing
        out, at = fmt.slice(0, len(pieces[0])), len(pieces[0])
        for arg, piece in zip(args, pieces[1:]):
            out = out + arg + fmt.slice(at + 2, at + 2 + len(piece))
            at += 2 + len(piece)
        return out

    def assignments(self, fields: bool = True):
        """``name = value``, ``name: Type = value``, Go's ``name := value`` (``==`` and compound
        operators are not), and with ``pairs`` and ``fields``, ``Name: value`` or ``"name": value`` after
        ``{``, ``(`` or ``,`` (a struct field, a named argument or a map entry such as Go's
        ``url.Values{"scope": {...}}``: a value of its own, never a constant of the file)."""
        punct = self.punct
        for j, tok in enumerate(self.toks):
            here = punct[j]
            if here is None:  # most tokens: neither ``:`` nor ``=``
                continue
            if here == ":" and self.pairs and fields and not self.is_(j + 1, "=", ":") and j >= 2 \
                    and self.is_(j - 2, "{", "(", ","):
                key = self.toks[j - 1]
                if key.kind == "id":
                    yield key.text, j + 1
                elif key.kind == "str" and key.value is not None and key.value.literal_only:
                    yield key.value.value, j + 1
                continue
            if here != "=" or self.is_(j + 1, "=") or self.is_(j - 1, "=", "!", "<", ">", "+", "-", "*", "/"):
                continue
            k = j - 1
            if self.is_(k, ":") and self.toks[k].end == tok.start:
                k -= 1  # Go: name := value
            if k >= 2 and self.toks[k].kind == "id" and self.is_(k - 1, ":") and self.toks[k - 2].kind == "id":
                k -= 2  # Kotlin: val name: String = ...
            if self.is_(k, "}"):  # C#: Name { get; set; } = value
                k = self._property_name(k)
            if k < 0 or self.toks[k].kind != "id":
                continue
            start = j + 2 if self.is_(j + 1, ">") else j + 1  # C#: Name => value
            first = k
            while first >= 2 and self.is_(first - 1, ",") and self.toks[first - 2].kind == "id":
                first -= 2
            # Go: a, b := x, y, on one line; not a call's named arguments or an initialiser's entries
            # (``ClientId = clientId,`` then ``ClientSecret = "..."``: the name before the comma is a value)
            if first < k and not self.is_(first - 1, "(", ",", "=") \
                    and "\n" not in self.src.text[self.toks[first].start:tok.start]:
                starts = self._starts(start, (k - first) // 2 + 1)
                if starts is not None:  # paired by position; a count that differs pairs nothing
                    yield from ((self.toks[n].text, at) for n, at in zip(range(first, k + 1, 2), starts))
                continue
            yield self.toks[k].text, start

    def _property_name(self, close: int) -> int:
        """The name of a C# auto-property ``Name { get; set; }`` whose ``}`` is at ``close``, or -1."""
        k = close - 1
        while k > close - 12 and k >= 0 and not self.is_(k, "{"):
            if not (self.toks[k].kind == "id" and self.toks[k].text in _ACCESSORS or self.is_(k, ";")):
                return -1
            k -= 1
        return k - 1 if k >= 1 and self.is_(k, "{") and self.toks[k - 1].kind == "id" else -1

    def _starts(self, i: int, count: int) -> list[int] | None:
        """Where each of ``count`` comma-separated values from token ``i`` starts, if there are that many."""
        starts = [i]
        while len(starts) < count:
            _, end = self.value(starts[-1])
            if end <= starts[-1] or not self.is_(end, ","):
                return None
            starts.append(end + 1)
        _, end = self.value(starts[-1])
        return starts if end > starts[-1] and not self.is_(end, ",") else None

    def without_definitions(self) -> str:
        """Where signs of a token request no reader could read count (``Source.signs``): the text with
        each constant the file declares and never uses itself blanked (``public static final String
        TOKEN_URL = ...`` of a constants class): a value for other files, read where they use it
        (``classes``)."""
        uses: dict[str, int] = {}
        for tok in self.toks:
            if tok.kind == "id" and tok.text in self.consts:
                uses[tok.text] = uses.get(tok.text, 0) + 1
        out = list(self.src.text)
        for name, j in self.assignments(fields=False):
            if name not in self.consts or uses.get(name, 0) > 1:  # its declaration is its one mention
                continue
            _, end = self.value(j)
            if end > j:
                first, last = self.toks[j], self.toks[min(end, len(self.toks)) - 1]
                out[first.start:last.end] = " " * (last.end - first.start)
        return "".join(out)

    def own_constants(self) -> list[Text]:
        """This file's string constants; the values assigned that are token URLs."""
        urls: list[Text] = []
        assigned = list(self.assignments(fields=False))
        seen: dict[str, str] = {}
        for name, j in assigned:  # a name given two values (two classes' BASE): neither is known where it is used
            tok = self.toks[j] if j < len(self.toks) else None
            if tok is not None and tok.kind == "str" and tok.value is not None and not self.is_(j + 1, "+"):
                if seen.setdefault(name, tok.value.value) != tok.value.value:
                    self.ambiguous.add(name)
        for name, j in assigned:
            value, _ = self.value(j)
            if value is not None and value.literal_only and name not in self.ambiguous:
                self.consts.setdefault(name, value.named(name))
            if value is not None and _token_endpoint(value.value):
                urls.append(value)
        return urls

    def constants(self) -> None:
        """This file's string constants, and its token URLs (a constant's whole value, a literal, or
        another class's constant used here)."""
        urls = self.own_constants()
        urls += [t.value for t in self.toks if t.kind == "str" and t.value is not None
                 and t.value.value.startswith("http") and _token_endpoint(t.value.value)]
        if self.classes is not None:
            for j, tok in enumerate(self.toks):  # CelonisConfig.TOKEN_URL: where it is used, that class's value
                if tok.kind != "id" or self.is_(j - 1, ".") or tok.text in self.consts:
                    continue
                if tok.text[:1].isupper() and self.is_(j + 1, ".") and j + 2 < len(self.toks) and self.toks[j + 2].kind == "id":
                    name = f"{tok.text}.{self.toks[j + 2].text}"
                elif self.classes.imported_alone(tok.text) and not self.is_(j + 1, "(", "."):
                    name = tok.text  # a constant a static import names
                else:
                    continue
                found = self.classes.value(name)
                if found is not None and found.literal_only and token_target(found.value):
                    urls.append(Text(found.pieces, found.names))
                    self._foreign_at[id(urls[-1])] = tok.start
                elif found is not None and found.literal_only and other_host(found.value) \
                        and any_token_endpoint(found.value):
                    self.elsewhere = True  # another provider's token endpoint: the signs of a request are its
        placed = [(self._foreign_at.get(id(u), u.anchor or 0), u) for u in urls]
        placed += self._relative_token_paths()
        for tok in self.toks:  # "$BASE/oauth2/token": the template's constants bound, where the template is written
            if tok.kind == "str" and tok.value is not None and not tok.value.literal_only:
                bound = self._bound(tok.value)
                if bound is not tok.value and bound.value.startswith("http") and _token_endpoint(bound.value):
                    placed.append((tok.start, bound))
        for j, tok in enumerate(self.toks):  # constants joined where they are used: new URL(BASE + TOKEN_PATH)
            if tok.kind == "id" and tok.text in self.consts and self.is_(j + 1, "+") and not self.is_(j - 1, "+", "."):
                joined, _ = self.value(j)
                if joined is not None and joined.literal_only and joined.value.startswith("http") \
                        and token_target(joined.value):
                    placed.append((tok.start, joined))
        named = {name: value for name, value in self.consts.items()
                 if value.value.startswith("http") and _token_endpoint(value.value)}
        if named:  # where a token URL constant is used whole: url(ENTRA_TOKEN) after the form it sends
            placed += [(tok.start, named[tok.text]) for j, tok in enumerate(self.toks)
                       if tok.kind == "id" and tok.text in named and not self.is_(j - 1, ".", "+")
                       and not self.is_(j + 1, "+")]
        placed.sort(key=lambda p: p[0])
        self.token_urls = [u for _, u in placed]
        self._url_anchors = [at for at, _ in placed]

    def other_hosts(self) -> bool:
        """Whether the file writes out a URL of another host than Celonis (a vault, a sidecar on localhost)."""
        return any(tok.kind == "str" and tok.value is not None and "://" in tok.value.value
                   and other_host(self._bound(tok.value).value) for tok in self.toks)

    def tls_off(self) -> Iterator[tuple[int, int, str]]:
        """Certificate checks switched off: Go's ``tls.Config{InsecureSkipVerify: true}``, a verifier or
        validation callback that accepts anything (``hostnameVerifier { _, _ -> true }``, C#'s
        ``ServerCertificateCustomValidationCallback = (m, c, ch, e) => true``), and the accept-all
        objects of .NET, Netty and Apache HttpClient."""
        toks = self.toks
        for j, tok in enumerate(toks):
            if tok.kind != "id":
                continue
            if tok.text == "InsecureSkipVerify" and self.is_(j + 1, ":", "=") and j + 2 < len(toks) \
                    and toks[j + 2].text == "true":
                yield tok.start, toks[j + 2].end, "InsecureSkipVerify: true"
            elif tok.text in _ACCEPT_ALL and not self.is_(j + 1, "=", ":") and not self._imported(j):
                yield tok.start, tok.end, tok.text
            elif tok.text in _VERIFIERS:
                for k in range(j + 1, min(j + 24, len(toks) - 2)):  # an arrow to true: a lambda that accepts anything
                    if self.is_(k, "-", "=") and self.is_(k + 1, ">") and toks[k + 2].text == "true":
                        yield tok.start, toks[k + 2].end, f"{tok.text} accepting any certificate"
                        break
                    if self.is_(k, ";") or toks[k].text == "return":
                        break

    def _dotted_start(self, j: int) -> int:
        """Where the dotted name ending at token ``j`` starts (``System.getenv``'s ``System``)."""
        while j >= 2 and self.is_(j - 1, ".") and self.toks[j - 2].kind == "id":
            j -= 2
        return j

    def _imported(self, j: int) -> bool:
        """Whether the dotted name token ``j`` ends is what an ``import`` or ``using`` line names."""
        k = self._dotted_start(j)
        return k >= 1 and self.toks[k - 1].text in ("import", "using", "static")

    def _relative_token_paths(self) -> list[tuple[int, Text]]:
        """``"oauth2/token"``, written alone, on a base address (``_base_at``): a Celonis team's, or another
        host's (whose requests are its own), the token URL there, where the path is written."""
        out = []
        for j, tok in enumerate(self.toks):
            if tok.kind == "str" and tok.value is not None and tok.value.literal_only \
                    and tok.value.value.strip("/") == "oauth2/token" and not self.is_(j - 1, "+") and not self.is_(j + 1, "+"):
                base = self._base_at(j)
                if _team_url(base) or base and other_host(base):
                    out.append((tok.start, Text((Piece(base if tok.value.value.startswith("/") else base + "/", None),
                                                 *tok.value.pieces), tok.value.names)))
        return out

    def _bases(self) -> list[tuple[int, str, str | None]]:
        """The base addresses the file gives its HTTP clients (C#'s ``BaseAddress = new Uri(...)``, Spring's
        ``.baseUrl(...)``, Retrofit's ``Retrofit.Builder().baseUrl(...)``, RestSharp's ``new RestClient(...)``,
        resty's ``SetBaseURL``): the token each is set at, its value without a final "/" ("" where not
        known), and the client it is given to (``_owner``, without ``this.``)."""
        if self._base_list is None:
            self._base_list = []
            for j, tok in enumerate(self.toks):
                if tok.kind != "id" or not self.is_(j + 1, "=", "(", ":") or tok.text.lower().replace("_", "") not in _BASE_NAMES \
                        and not self._created(j):
                    continue
                k = j + 2
                while k < min(j + 8, len(self.toks)) and (self.toks[k].text in _URL_WRAPPERS or self.is_(k, ".", "(")):
                    k += 1  # new Uri(...), URI.create(...)
                value = self.value(k)[0] if k < len(self.toks) and self.toks[k].kind in ("str", "id") else None
                owner = self._owner(j)
                self._base_list.append((j, value.value.rstrip("/") if value is not None and value.resolved else "",
                                        owner.removeprefix("this.") if owner is not None else None))
        return self._base_list

    def _owned(self, receiver: str) -> list[tuple[int, str, str | None]]:
        """The base addresses the file gives the client named ``receiver``."""
        return [base for base in self._bases() if base[2] == receiver]

    def _created(self, j: int) -> bool:
        """Whether token ``j`` is Spring's ``WebClient.create(base)`` or ``RestClient.create(base)``: a
        client made with its base address."""
        return self.toks[j].text == "create" and self.is_(j - 1, ".") and j >= 2 and self.toks[j - 2].text in _CREATED

    def _owner(self, j: int) -> str | None:
        """The client a base address set at token ``j`` is given to: ``X`` of ``X.BaseAddress = ...``, else
        the name its statement assigns (``_celonis = new HttpClient { BaseAddress = ... }``, ``wc =
        WebClient.builder().baseUrl(...)``, ``client = new RestClient(...)``); None when not written so."""
        if self.is_(j - 1, ".") and j >= 2 and self.toks[j - 2].kind == "id" and not self._created(j):
            return self.toks[j - 2].text
        owner, k = None, j - 1
        while k >= 1 and j - k < 4 * _STATEMENT_TOKENS:
            tok = self.toks[k]
            if tok.kind == "punct" and (tok.text in (";", "}") or tok.text == "{" and self.toks[k - 2].text != "new"):
                break  # a statement's start; an object initializer's "{" (``new HttpClient {``) is inside it
            if tok.kind == "punct" and tok.text == "=" and not self.is_(k + 1, "=") and self.toks[k - 1].kind == "id":
                owner = self.toks[k - 1].text  # the statement's first assignment, as the walk goes back
            k -= 1
        return owner

    def _receiver(self, j: int) -> str | None:
        """The object a call takes the string at token ``j`` as its first argument on: the root of
        ``_celonis.PostAsync("...")`` or ``wc.get().uri("...")``; None for a call on no object written."""
        k = j - 2
        if not self.is_(j - 1, "(") or k < 0 or self.toks[k].kind != "id" or not self.is_(k - 1, "."):
            return None  # a function's or a constructor's (``new RestRequest("oauth2/token")``): on no object
        while self.is_(k - 1, "."):
            k -= 2
            if self.is_(k, ")"):  # a call in the chain: to the name before its "("
                opened = self._parens().get(k)
                if opened is None:
                    return None
                k = opened - 1
            if k < 0 or self.toks[k].kind != "id":
                return None
        return self.toks[k].text

    def _parens(self) -> dict[int, int]:
        """Each ``)`` token's partner ``(`` (``closing`` the other way), found once."""
        if self._opened_at is None:
            self._opened_at = {close: opened for opened, close in self.closing.items()}
        return self._opened_at

    def _other_client(self, j: int) -> Text | None:
        """The base address of another host than Celonis's that the call around token ``j`` is made on
        (the innermost call on an object the file gives a base address), as a URL; else None."""
        b, steps = self._enclosing[j] if j < len(self._enclosing) else -1, 0
        while b >= 0 and steps < 64:
            receiver = self._receiver(b + 1) if self.is_(b, "(") else None
            owned = {value for _, value, _ in self._owned(receiver)} if receiver is not None else set()
            if owned:  # a call on a client given a base address (not one on a helper: BodyInserters.fromFormData)
                base = owned.pop() if len(owned) == 1 else ""
                return Text.literal(base, None) if base and other_host(base) else None  # type: ignore[arg-type]
            b, steps = self._enclosing[b], steps + 1
        return None

    def _base_at(self, j: int) -> str:
        """The base address a request written at token ``j`` is made on ("" where not known): the one of
        the client the call is made on, where the file gives that client one (``_celonis.PostAsync(...)``),
        and none for a call on a client the file gives none (one a factory makes); else the one set in
        the innermost block around it that sets any (its method's client, else its class's), or else the
        file's one. "" where that block or the file sets two, or one not known."""
        bases = self._bases()
        if not bases:
            return ""
        receiver = self._receiver(j)
        if receiver is not None:
            owned = self._owned(receiver)
            if not owned and any(owner for _, _, owner in bases):
                return ""  # another client than those given a base address here
            bases = owned or bases
        found = None
        for start, end in self._blocks_around(j):
            inside = {value for at, value, _ in bases if start <= self.toks[at].start < end}
            if inside:
                found = inside
                break
        found = found if found is not None else {value for _, value, _ in bases}
        return found.pop() if len(found) == 1 else ""

    def named_by_string(self) -> Iterator[tuple[str, int]]:
        """A value given under a secret's name written as a string: the second of a call's two arguments
        (RestSharp's ``AddParameter("client_secret", "...")``, Go's ``data.Set(...)``, OkHttp's
        ``FormBody.Builder().add(...)``, Spring's ``form.add(...)``, ``headers.set("X-Api-Key", ...)``), a C#
        initializer's pair (``{ "client_secret", "..." }``), Kotlin's ``"client_secret" to "..."``: a form,
        header or map entry named so, with or without a grant type beside it."""
        toks = self.toks
        for j, tok in enumerate(toks):
            if tok.kind != "str" or tok.value is None or not tok.value.literal_only:
                continue
            if tok.value.value == "scope" and self.is_(j - 1, "{") and self.is_(j + 1, ","):
                _, end = self.value(j + 2)  # a C# pair's scope (IdentityModel's ``Parameters = { { "scope", "..." } }``)
                if self.is_(end, "}"):
                    yield "scope", j + 2
                continue
            if not secret_kind(tok.value.value):
                continue
            if self.is_(j + 1, ",") and self.is_(j - 1, "(", "{"):
                _, end = self.value(j + 2)
                if self.is_(end, ")" if self.is_(j - 1, "(") else "}"):
                    yield tok.value.value, j + 2
            elif j + 2 < len(toks) and self._infix_to(j + 1):
                yield tok.value.value, j + 2

    def named(self) -> None:
        compared = self.asserted() if is_test_path(self.src.path) else set()
        for name, j in chain(self.assignments(), self.named_by_string()):
            lowered = name.lower()
            if not (secret_kind(name) or lowered in ("authorization", "scope", "scopes") or scope_var_name(name)
                    or self._key_shaped(j)):
                continue
            if j in compared and secret_kind(name):
                continue  # a test's expected value (``AssertProtoEqual(t, &Config{ClientSecret: "..."}, got)``)
            value, _ = self.value(j)
            owner = self.owner(j) if secret_kind(name) else None
            name = f"{owner}.{name}" if owner else name  # ``AddGoogle.ClientSecret``: Google's, as its name says
            if value is not None:
                self.judge(name, value, j)
            if secret_kind(name):
                for fallback in self.fallbacks(j):
                    self.em.secret_field(Field(name, fallback))
        self.env_fallbacks(compared)

    def owner(self, j: int) -> str | None:
        """The other service a value at token ``j`` is given to, by the call or receiver around it that
        names one (``.AddGoogle(o => o.ClientSecret = ...)``, ``githubClient.setSecret(...)``), as a
        JavaScript object given to ``new GitHubStrategy({...})`` is that service's."""
        k = self._enclosing[j] if j < len(self._enclosing) else -1
        for _ in range(4):
            if k < 1:
                return None
            if self.is_(k, "(") and self.toks[k - 1].kind == "id":
                callee = self.toks[k - 1].text
                receiver = self.toks[k - 3].text if k > 2 and self.is_(k - 2, ".") and self.toks[k - 3].kind == "id" else ""
                for word in (callee, receiver):
                    if word and names_another(word):
                        return word
            k = self._enclosing[k]
        return None

    def _key_shaped(self, j: int) -> bool:
        """Whether the value at token ``j`` is a string with a Celonis API key's shape (``named_kind``)."""
        tok = self.toks[j] if j < len(self.toks) else None
        return tok is not None and tok.kind == "str" and tok.value is not None and named_kind(None, tok.value.value) is not None

    def asserted(self) -> set[int]:
        """The tokens inside an assertion's arguments: ``assertEquals(...)``, Go's ``assert.Equal(t, ...)``,
        ``require.Equal``, C#'s ``Assert.Equal``, AssertJ's ``assertThat(x).isEqualTo(...)``: values compared."""
        out: set[int] = set()
        for opened, close in self.closing.items():
            callee = self.toks[opened - 1] if opened > 0 else None
            if callee is None or callee.kind != "id":
                continue
            receiver = self.toks[opened - 3].text if opened > 2 and self.is_(opened - 2, ".") else ""
            if callee.text.lower().startswith("assert") or callee.text in _ASSERTED \
                    or receiver in ("assert", "require", "Assert", "Assertions"):
                out.update(range(opened + 1, close))
        return out

    def injected(self) -> None:
        """Spring's ``@Value("${celonis.scope:studio}")``: the default after the colon is the field's
        value wherever the property is not set, judged under the property's name (a nested
        ``${OTHER}`` default, or none, commits nothing)."""
        for j, tok in enumerate(self.toks):
            if tok.kind != "str" or tok.value is None or not self.is_(j - 1, "(") or j < 3 \
                    or self.toks[j - 2].text != "Value" or not self.is_(j - 3, "@"):
                continue
            m = _INJECTED.fullmatch(tok.value.value)
            if m is None or not tok.value.literal_only:
                continue
            default = tok.value.slice(m.start(2), m.end(2))
            if "," in m.group(2) and self._collection_after(j + 2):  # Spring splits it: a list, one item a scope
                commas = [k for k, c in enumerate(default.value) if c == ","]
                items = [default.slice(a + 1, b) for a, b in zip([-1, *commas], [*commas, len(default.value)])]
                default = Text.joined(items, Text.literal(" ", None))
            self.judge(m.group(1), default, j)
            if "://" in m.group(2) and is_celonis(default):
                self.em.url_checks(default)

    def _collection_after(self, j: int) -> bool:
        """Whether the declaration from token ``j`` (after an annotation) is of a list or an array:
        ``private List<String> scopes;``, ``String[] scopes``, Kotlin's ``lateinit var scopes: Set<String>``."""
        for k in range(j, min(j + 16, len(self.toks) - 1)):
            tok = self.toks[k]
            if tok.kind == "punct" and tok.text in (";", "=", "{", ")"):
                return False
            if tok.kind == "id" and tok.text in _COLLECTIONS and self.is_(k + 1, "<") or self.is_(k, "[") and self.is_(k + 1, "]"):
                return True
        return False

    def env_fallbacks(self, compared: set[int]) -> None:
        """The literal an environment variable named as a secret falls back to, wherever it is read
        (``System.getenv("CELONIS_CLIENT_SECRET") ?: "..."`` given to a call, held by ``val key``,
        ``Optional.ofNullable(System.getenv(...)).orElse("...")``): under the variable's name. A
        value held under a secret's own name was reported under that name first (``named``)."""
        toks = self.toks
        for k, tok in enumerate(toks):
            if tok.kind != "id" or tok.text not in _ENV_LAST or not self.is_(k + 1, "(") or not self.is_(k + 3, ")") \
                    or toks[k + 2].kind != "str" or k + 2 in compared:
                continue
            var = toks[k + 2].value
            start = self._dotted_start(k)
            if var is None or not var.literal_only or not secret_kind(var.value) \
                    or "".join(t.text for t in toks[start:k + 1]) not in _ENV_CALLS:
                continue
            if start >= 2 and self.is_(start - 1, "(") and toks[start - 2].text in _NULLABLE_WRAPS:
                start = self._dotted_start(start - 2)  # ``Optional.ofNullable(System.getenv("K"))``: its ``.orElse("...")``
            for fallback in self.fallbacks(start):
                self.em.secret_field(Field(var.value, fallback))

    def fallbacks(self, j: int) -> list[Text]:
        """The literals a value from token ``j`` falls back to, at its statement's top level:
        ``System.getenv().getOrDefault("K", "...")``, ``Optional.ofNullable(x).orElse("...")``,
        ``System.getProperty("k", "...")``, Go's ``getEnv("K", "...")``, Kotlin's ``x ?: "..."``, C#'s ``x ?? "..."``."""
        out: list[Text] = []
        depth = 0
        for k in range(j, min(j + _STATEMENT_TOKENS, len(self.toks))):
            tok = self.toks[k]
            if tok.kind == "punct":
                if tok.text in ("(", "[", "{"):
                    depth += 1
                elif tok.text in (")", "]", "}"):
                    depth -= 1
                elif tok.text == ";" or (tok.text == "," and depth == 0):
                    break
                if depth < 0:
                    break
            if k > j and depth == 0 and "\n" in self.src.text[self.toks[k - 1].end:tok.start] \
                    and not self.is_(k, ".", "?", "+", ":") and not self.is_(k - 1, ".", "?", "+", ":", "=", "("):
                break  # a new statement (Kotlin ends them with the line)
            if depth:
                continue  # a default given to another call's argument is that argument's
            lowered = tok.text.lower() if tok.kind == "id" else ""
            wanted = (_FALLBACK_CALLS.get(lowered) if self.is_(k - 1, ".") else None) \
                or (2 if lowered in _ENV_DEFAULT_CALLS else None)
            if wanted and self.is_(k + 1, "("):
                args = self.args(k + 1)
                if len(args) == wanted and args[-1].literal_only:
                    out.append(args[-1])
            elif self.is_(k, "?") and self.is_(k + 1, ":", "?") and k + 2 < len(self.toks) and self.toks[k + 2].kind == "str":
                value, _ = self.value(k + 2)  # Kotlin's x ?: "...", C#'s x ?? "..."
                if value is not None and value.literal_only:
                    out.append(value)
        return out

    def _to_celonis(self, j: int) -> bool:
        """Whether the statement of token ``j`` names a Celonis URL before it, written there or as a
        constant (``new TokenRequest(URI.create(CELONIS_TOKEN_URL), ..., new Scope(...))``)."""
        def text_of(t: Tok) -> str | None:
            value = self._string(t)
            return value.value if value is not None else None
        return any("://" in s and is_celonis_url(s) for s in statement_strings(self.toks, j, self.src.text, text_of))

    def _string(self, tok: Tok) -> Text | None:
        """A string token's value, or a constant's a name stands for."""
        return tok.value if tok.kind == "str" else self.consts.get(tok.text) if tok.kind == "id" else None

    def _elsewhere(self, j: int) -> bool:
        """Whether the statement of token ``j`` sends it to a URL written out to another host."""
        return goes_elsewhere(statement_strings(self.toks, j, self.src.text, lambda t: t.value.value
                                                if t.kind == "str" and t.value is not None else None))

    def judge(self, name: str, value: Text, at: int) -> None:
        kind = secret_kind(name) or (named_kind(None, value.value) if value.literal_only else None)
        if kind:
            self.em.secret_field(Field(name, value), kind)
        elif name.lower() == "authorization":
            self.em.header(Field("Authorization", self.held(value)), False, self._elsewhere(at))
        elif scope_var_name(name):
            self.scopes(value, says_celonis(name) or self.em.celonis_file)
        elif name.lower() in ("scope", "scopes"):
            host = self._block_host(at)
            if host != "other" and not self._block_request(value, at):
                # the scopes of a config holding another provider's token URL are its own
                self.scopes(value, host == "celonis")

    def _block_request(self, scope: Text, at: int) -> bool:
        """A token request a library makes from the braces around token ``at``, which name its token
        URL beside its scopes (Go's ``clientcredentials.Config{TokenURL: ..., Scopes: ...}``, .NET
        IdentityModel's ``new ClientCredentialsTokenRequest { Address = ..., Scope = ... }``); whether
        there was one."""
        opened = self._opening(at)
        fields = self._fields(opened) if opened is not None else {}
        typed = opened  # what the config's type is written before
        url_at = self._token_url_at(fields)
        outer = opened
        for _ in range(2):  # a scope among a request's parameters (IdentityModel's ``new TokenRequest { Address
            # = ..., Parameters = { { "scope", "..." } } }``): the request's braces, around the pair's and the list's
            outer = self._opening(outer) if url_at is None and outer is not None else None
            if outer is None:
                break
            if self._token_url_at(self._fields(outer)) is not None:
                opened = typed = outer
                fields = self._fields(outer)
                url_at = self._token_url_at(fields)
        if url_at is None:  # cfg.Scopes = ... beside cfg.TokenURL = ...: a config set field by field in its block
            opened, fields, typed = self._set_fields(at)
            url_at = self._token_url_at(fields)
        if url_at is None:
            return False
        if typed is None:  # c.Celonis.TokenURL = ...: no declaration of its own, written where its token URL is set
            typed = url_at - 2
        url, _ = self.value(url_at)
        if url is not None and not url.literal_only:
            url = self._discovered(url_at) or url
        kind = "".join(t.text.lower() for t in self.toks[max(typed - 3, 0):typed] if t.kind == "id")
        grant = next((g for name, g in _LIBRARY_GRANTS if name in kind), None) or self._grant_called(typed)
        if "granttype" in fields:  # a request's own ``GrantType = "..."`` or ``OidcConstants.GrantTypes.Password``
            at = fields["granttype"]
            given, _ = self.value(at)
            named = _GRANT_CONSTANTS.get(self.toks[at + 4].text) if at + 4 < len(self.toks) \
                and [t.text for t in self.toks[at:at + 4]] == ["OidcConstants", ".", "GrantTypes", "."] else None
            if given is not None and given.literal_only:
                grant = given.value
            elif named is not None:
                grant = named
            elif not any(name in kind for name, _ in _LIBRARY_GRANTS):
                grant = None  # a generic request's grant passed in: not known
        start = self.toks[max(typed - 1, 0)]
        self.em.request(Request((start.start, start.end), url, "POST", [Field("scope", scope)], grant=True, library=True,
                                grant_default=grant))
        return True

    def _token_url_at(self, fields: dict[str, int]) -> int | None:
        """Where a config's token URL starts among its ``fields``: a field of its own (``TokenURL``,
        ``Address``), or one of the endpoint it is given (Go's ``Endpoint: oauth2.Endpoint{TokenURL: ...}``)."""
        at = next((fields[n] for n in _TOKEN_URL_FIELDS if n in fields), None)
        if at is None and "endpoint" in fields:
            j = fields["endpoint"]
            while j < len(self.toks) and j - fields["endpoint"] < 6 and (self.toks[j].kind == "id" or self.is_(j, ".", "&")):
                j += 1
            inner = self._fields(j) if self.is_(j, "{") else {}
            at = next((inner[n] for n in _TOKEN_URL_FIELDS if n in inner), None)
        return at

    def _grant_called(self, typed: int) -> str | None:
        """The grant a config written before token ``typed`` and bound to a name (``conf := &oauth2.Config{``)
        is used for, by the method the file calls on it (``conf.PasswordCredentialsToken(...)``)."""
        k = typed - 1
        while k > 0 and (self.toks[k].kind == "id" or self.is_(k, ".", "&")) and typed - k < 8:
            k -= 1
        if self.is_(k, "=") and self.is_(k - 1, ":"):  # Go's :=
            k -= 1
        if not (k > 0 and self.is_(k, "=", ":", ":=") and self.toks[k - 1].kind == "id"):
            return None
        name = self.toks[k - 1].text
        for j, tok in enumerate(self.toks[:-3]):
            if tok.kind == "id" and tok.text == name and self.is_(j + 1, ".") and self.is_(j + 3, "("):
                grant = _CONFIG_GRANTS.get(self.toks[j + 2].text)
                if grant is not None:
                    return grant
        return None

    def _set_fields(self, at: int) -> tuple[int | None, dict[str, int], int | None]:
        """For a value assigned to a receiver's field (``cfg.Scopes = ...`` at ``at``): the braces of the
        block it is set in, the fields set on the same receiver there (``cfg.TokenURL = ...``) by
        lower-case name (where each value starts), and the token after the receiver's declaration's
        type (``var cfg clientcredentials.Config``), where the config is written."""
        if not (at >= 4 and self.is_(at - 1, "=") and self.is_(at - 3, ".") and self.toks[at - 4].kind == "id"):
            return None, {}, None
        first = at - 4  # the receiver, dotted: cfg, or c.Celonis (a struct's field of its own)
        while self.is_(first - 1, ".") and first >= 2 and self.toks[first - 2].kind == "id" and at - first < 12:
            first -= 2
        receiver = [t.text for t in self.toks[first:at - 3]]
        opened = next((k for k in self._around(at, _STATEMENT_TOKENS) if self.is_(k, "{")), None)
        if opened is None:
            return None, {}, None
        fields: dict[str, int] = {}
        typed = None
        width = len(receiver)
        for j, depth in self._within(opened, 4 * _STATEMENT_TOKENS):
            tok = self.toks[j]
            if depth or tok.kind != "id" or tok.text != receiver[0] or self.is_(j - 1, ".") \
                    or [t.text for t in self.toks[j:j + width]] != receiver:
                continue
            end = j + width  # past the receiver
            declared = end if self.toks[j - 1].text == "var" else end + 2 if self.is_(end, ":") and self.is_(end + 1, "=") \
                else None  # var cfg clientcredentials.Config, cfg := clientcredentials.Config{}: past its dotted type
            if typed is None and width == 1 and declared is not None and declared < len(self.toks) \
                    and self.toks[declared].kind == "id":
                typed = declared
                while self.is_(typed + 1, ".") and typed + 2 < len(self.toks) and self.toks[typed + 2].kind == "id":
                    typed += 2
                typed += 1
            elif self.is_(end, ".") and end + 2 < len(self.toks) and self.toks[end + 1].kind == "id" \
                    and self.is_(end + 2, "=") and not self.is_(end + 3, "="):
                fields.setdefault(self.toks[end + 1].text.lower(), end + 3)
        return opened, fields, typed

    def _discovered(self, at: int) -> Text | None:
        """``Address = disco.TokenEndpoint`` where ``disco = await http.GetDiscoveryDocumentAsync(BASE)``
        (.NET IdentityModel) and ``BASE`` is a Celonis URL: Celonis's token endpoint there."""
        if not (at + 2 < len(self.toks) and self.toks[at].kind == "id" and self.is_(at + 1, ".")
                and self.toks[at + 2].text == "TokenEndpoint"):
            return None
        name = self.toks[at].text
        for j, tok in enumerate(self.toks):
            if tok.text != "GetDiscoveryDocumentAsync" or not self.is_(j + 1, "("):
                continue
            k = j - 1
            while k > 0 and (self.toks[k].kind == "id" or self.is_(k, ".")) and j - k < 8:
                k -= 1  # back over ``await http.`` to the ``=`` of the name it is assigned to
            if k < 1 or not self.is_(k, "=") or self.toks[k - 1].text != name:
                continue
            args = self.args(j + 1)
            base = args[0].bound(self.consts) if args else None
            if base is not None and base.literal_only and is_celonis(base):
                return Text.literal(base.value.rstrip("/") + "/oauth2/token", None)
        return None

    def _opening(self, at: int) -> int | None:
        """The ``{`` of the braces token ``at`` stands in, directly."""
        k = next(self._around(at, _STATEMENT_TOKENS), None)
        return k if k is not None and self.is_(k, "{") else None

    def _around(self, j: int, limit: int) -> Iterator[int]:
        """The brackets token ``j`` stands in (``(``, ``[``, ``{``), innermost first, among the
        ``limit`` tokens before it."""
        k = self._enclosing[j] if 0 <= j < len(self._enclosing) else -1
        while k >= 0 and k >= j - limit:
            yield k
            k = self._enclosing[k]

    def _within(self, opened: int, limit: int) -> Iterator[tuple[int, int]]:
        """Each token inside the braces opened at ``opened`` (at most ``limit`` of them), with how deep
        in other brackets it stands there (0: the braces' own level)."""
        depth = 0
        for j in range(opened + 1, min(opened + limit, len(self.toks))):
            if self.is_(j, "{", "(", "["):
                depth += 1
            elif self.is_(j, "}", ")", "]"):
                if not depth:
                    return
                depth -= 1
                continue
            yield j, depth

    def _fields(self, opened: int) -> dict[str, int]:
        """``Name: value`` and ``Name = value`` entries of the braces opened at ``opened``, by lower-case
        name: where each value starts."""
        out: dict[str, int] = {}
        for j, depth in self._within(opened, 2 * _STATEMENT_TOKENS):
            if not depth and self.is_(j, ":", "=") and not self.is_(j + 1, "=") and self.is_(j - 2, "{", ",") \
                    and self.toks[j - 1].kind == "id":
                out.setdefault(self.toks[j - 1].text.lower(), j + 1)
        return out

    def _block_host(self, at: int) -> str | None:
        """Whose URL the braces around token ``at`` (a Go ``clientcredentials.Config{...}``, a C# object
        initialiser), or the braces around those (``EndpointParams: url.Values{"scope": {...}}`` in the
        config), hold, written there or as a constant: ``celonis``, ``other`` (another provider's token
        endpoint, written out), or ``None``. Their ``Scopes`` are that token URL's."""
        depth, k, levels = 0, at, 0
        while k > 0 and at - k < _STATEMENT_TOKENS:
            k -= 1
            if self.is_(k, "}"):
                depth += 1
            elif self.is_(k, "{"):
                if depth:
                    depth -= 1
                    continue
                host = self._held_host(k)
                if host is not None:
                    return host
                levels += 1
                if levels == 2 or not self._field_value(k):
                    break
        return None

    def _extra_params(self, k: int) -> bool:
        """Whether the braces opened at token ``k`` are what Go's ``clientcredentials.Config`` adds to
        the token request it makes (``cfg.EndpointParams = url.Values{...}``, ``EndpointParams:
        url.Values{...}``): that request's, with the config's scopes, not a form of its own."""
        j = k - 1
        while j >= 0 and (self.toks[j].kind == "id" or self.is_(j, ".")) and k - j < 8:
            j -= 1
        return j >= 1 and self.is_(j, ":", "=") and self.toks[j - 1].text == "EndpointParams"

    def _field_value(self, k: int) -> bool:
        """Whether the braces opened at token ``k`` are the value of a field of the literal around them
        (``EndpointParams: url.Values{`` in a config's ``{...}``), not a literal or a body of its own."""
        j = k - 1
        while j >= 0 and (self.toks[j].kind == "id" or self.is_(j, ".", "[", "]", "*")) and k - j < 12:
            j -= 1
        return j >= 2 and j < k - 1 and self.is_(j, ":") and self.toks[j - 1].kind == "id" and self.is_(j - 2, "{", ",")

    def _held_host(self, k: int) -> str | None:
        """Whose URL the braces opened at token ``k`` hold, written there or as a constant: ``celonis``
        (any Celonis URL among them), ``other`` (another provider's token URL, written out), or ``None``."""
        depth, found = 0, None
        for j in range(k, min(k + 2 * _STATEMENT_TOKENS, len(self.toks))):
            tok = self.toks[j]
            if self.is_(j, "{"):
                depth += 1
            elif self.is_(j, "}"):
                depth -= 1
                if depth == 0:
                    return found
            else:
                value = self._string(tok)
                if value is not None and "://" in value.value:  # a literal or a constant
                    if is_celonis(value):
                        return "celonis"
                    if other_host(value.value) and any_token_endpoint(value.value):  # an audience URL is not where it goes
                        found = "other"
        return found

    def scopes(self, value: Text, celonis: bool) -> None:
        """A scope value: a Celonis one where it stands (``celonis``), or by its own names."""
        text = value.value
        names = [text[a:b] for a, b in scope_spans(text)]
        if value.resolved and concerns_celonis(celonis, names, self.src.catalog):
            self.em.scope_var(value)

    def calls(self) -> None:
        """``.scope("a", "b")``, ``.clientSecret("...")``: builder calls with literal arguments; with the
        Nimbus OAuth SDK, ``new Scope("a", "b")`` and ``new Secret("...")`` (Kotlin without ``new``)."""
        nimbus = "com.nimbusds.oauth2" in self.src.text
        requested: set[int] = set()  # the ``Scope(`` of each Nimbus token request read whole
        for j, tok in enumerate(self.toks):
            if tok.kind != "id" or not self.is_(j + 1, "("):
                continue
            if nimbus and tok.text == "TokenRequest" and not self.is_(j - 1, "."):
                requested |= self._nimbus_request(j)
                continue
            if nimbus and tok.text in ("Scope", "Secret") and not self.is_(j - 1, "."):
                args = self.args(j + 1)
                if tok.text == "Secret" and len(args) == 1:
                    self.em.secret_field(Field("Secret", args[0], kind="client secret"))
                elif tok.text == "Scope" and args and j not in requested:
                    self.scopes(Text.joined(args, _SPACE), self._to_celonis(j))
                continue
            lowered = tok.text.lower()
            if tok.text == "buildConfigField":  # Android's Gradle: buildConfigField("String", "NAME", "\"value\"")
                args = self.args(j + 1)
                quote = next((q for q in ('\\"', '"') if len(args) == 3 and len(args[2].value) >= 2 * len(q)
                              and args[2].value.startswith(q) and args[2].value.endswith(q)), None)
                if quote is not None and args[1].literal_only:  # the value is Java source: a quoted string, escaped
                    self.judge(args[1].value, args[2].slice(len(quote), len(args[2].value) - len(quote)), j)
                continue
            if lowered in _BASIC_AUTH and (lowered != "basic" or j >= 2 and self.toks[j - 2].text == "Credentials"):
                args = self.args(j + 1)
                if len(args) == 2:
                    # Go's req.SetBasicAuth(id, secret), Spring's setBasicAuth(...) and basicAuthentication(...), OkHttp's
                    # Credentials.basic(...), Ktor's BasicAuthCredentials(...), RestSharp's new HttpBasicAuthenticator(...):
                    # the password as surely as the half after ":" of an encoded pair
                    self.em.encoded_pair(args[0] + Text.literal(":", None) + args[1])
                continue
            if not self.is_(j - 1, "."):
                continue
            args = self.args(j + 1)
            if lowered in _SCOPE_CALLS and args:
                # Spring's ``ClientRegistration.withRegistrationId(...).tokenUri(URL)...scope(...)``: Celonis's
                # scopes where its own chain names a Celonis token URL, before or after the scopes
                url = self._chain_url(j)
                if url is None or not url.literal_only or is_celonis_url(url.value):
                    self.scopes(Text.joined(args, _SPACE), url is not None and url.literal_only or self._to_celonis(j))
            elif (secret_kind(tok.text) and not uses_secret(tok.text) or lowered in ("secret", "setsecret")) and len(args) == 1:
                # an OAuth client's builder or setter (pac4j's ``config.setSecret("...")``, Spring's
                # ``.withClient("etl").secret("...")``): a bare ``secret`` variable says too little
                owner = self.toks[j - 2].text if j > 1 and self.toks[j - 2].kind == "id" \
                    and names_another(self.toks[j - 2].text) else self.owner(j)
                name = f"{owner}.{tok.text}" if owner else tok.text  # ``githubClient.setSecret``: GitHub's
                self.em.secret_field(Field(name, args[0], kind=None if secret_kind(tok.text) else "client secret"))

    def _chain_url(self, j: int) -> Text | None:
        """The URL a builder chain's ``.tokenUri(...)`` gives (``ClientRegistration.withRegistrationId(...)
        .tokenUri(URL).scope(...)``), the chain that the call at token ``j`` is part of: the calls at its
        level between the marks that end an argument or a statement."""
        level = self._enclosing[j] if j < len(self._enclosing) else -1
        first = j
        while first > 0 and first - 1 != level \
                and not (self._enclosing[first - 1] == level and self.is_(first - 1, ",", ";", "{", "}", "=")):
            first -= 1
        k = first
        while k < len(self.toks) and not (self._enclosing[k] == level and k != first and self.is_(k, ",", ";", "}", ")")):
            if self._enclosing[k] == level and self.toks[k].kind == "id" and self.toks[k].text == "tokenUri" \
                    and self.is_(k - 1, ".") and self.is_(k + 1, "("):
                url, _ = self.value(k + 2)
                return url
            k += 1
        return None

    def _nimbus_request(self, j: int) -> set[int]:
        """Nimbus's ``new TokenRequest(URI.create(URL), auth, new ...Grant(...), new Scope(...))``: a token
        request to its URL, for the grant its grant's class names and the scopes of its ``Scope`` (none
        given: none sent). The ``Scope`` it was read from, if any; nothing when its URL is not known."""
        close = self.closing.get(j + 1)
        if close is None:
            return set()
        url: Text | None = None
        grant: str | None = None
        scope: tuple[int, Text | None] | None = None
        starts = {j + 2, *(k + 1 for k in self._commas(j + 1, close))}  # where each argument starts
        for k, depth in self._within(j + 1, close - j):
            if depth or k >= close or k not in starts:
                continue
            created = self.toks[k].kind == "id" and self.toks[k].text == "new" and k + 1 < close
            name = self.toks[k + 1].text if created else self.toks[k].text
            after = k + 2 if created else k + 1
            if name == "URI" and self.is_(k + 1, ".") and self.toks[k + 2].text == "create" and self.is_(k + 3, "("):
                url, _ = self.value(k + 4)
            elif name == "URI" and self.is_(after, "("):
                url, _ = self.value(after + 1)
            elif name in _NIMBUS_GRANTS:
                grant = _NIMBUS_GRANTS[name]
            elif name == "Scope" and self.is_(after, "("):
                args = self.args(after)
                scope = (after - 1, Text.joined(args, _SPACE) if args else None)
            elif name == "Scope" and self.is_(k + 1, ".") and self.toks[k + 2].text == "parse" and self.is_(k + 3, "("):
                args = self.args(k + 3)  # ``Scope.parse("a b")``
                scope = (k, args[0] if len(args) == 1 else None)
        if url is None or not url.literal_only or grant is None:
            return set()
        fields = [Field("scope", scope[1])] if scope is not None and scope[1] is not None else []
        start = self.toks[j]
        self.em.request(Request((start.start, start.end), url, "POST", fields, body_open=scope is not None and scope[1] is None,
                                grant=True, library=True, grant_default=grant))
        return {scope[0]} if scope is not None else set()

    def _commas(self, opened: int, close: int) -> list[int]:
        """The commas between the arguments of the call whose ``(`` is at ``opened``."""
        return [k for k, depth in self._within(opened, close - opened) if not depth and k < close and self.is_(k, ",")]

    def args(self, i: int) -> list[Text]:
        out, j = [], i + 1
        while j < len(self.toks) and not self.is_(j, ")"):
            value, k = self.value(j)
            if value is None or not self.is_(k, ",", ")"):
                return []
            out.append(value)
            j = k + 1 if self.is_(k, ",") else k
        return out

    def fetched(self) -> dict[str, list[tuple[str | None, int, int]]]:
        """What this file assigns each name, where the name holds it: the callee of a call that acquires a
        token (``String apiToken = tokens.fetch(id)``, ``auth.requestAccessToken()``: ``fetching_token``),
        or ``None`` for any other value (a key a getter reads, ``vault.getSecret("celonis-api-key")``, is
        what its name says); with the span of the source where it is set (the block the assignment stands
        in, the whole file for a field set through ``this``)."""
        if self._fetched is None:
            self._fetched = {}
            for name, j in self.assignments(fields=False):
                at = j + 1 if j < len(self.toks) and self.toks[j].text == "await" else j  # C#'s await
                k = at
                while self.is_(k + 1, ".") and k + 2 < len(self.toks) and self.toks[k + 2].kind == "id":
                    k += 2
                value = self.value(at)[0] if at < len(self.toks) and self.toks[at].kind == "id" and self.is_(k + 1, "(") \
                    else None
                ref = value.pieces[0].ref if value is not None and len(value.pieces) == 1 else None
                self._fetched.setdefault(name, []).append((ref if ref and fetching_token(ref) else None, *self._scope_of(j)))
            braces = self._braces()
            for opened, close in self.closing.items():  # a parameter holds what the caller hands in, in its body
                body = close + 1
                if not self.is_(body, "{") or body not in braces:
                    continue
                span = (self.toks[body].start, self.toks[braces[body]].end)
                for i in range(opened + 2, close):
                    if self.toks[i].kind == "id" and self.is_(i + 1, ",", ")") and \
                            (self.toks[i - 1].kind == "id" or self.is_(i - 1, ">", "]")):
                        self._fetched.setdefault(self.toks[i].text, []).append((None, *span))
        return self._fetched

    def _scope_of(self, j: int) -> tuple[int, int]:
        """The source span an assignment whose value starts at token ``j`` sets its name in."""
        name = j - 2 if self.is_(j - 1, "=") else j - 1
        if name >= 2 and self.is_(name - 1, ".") and self.toks[name - 2].text == "this":
            return 0, len(self.src.text)
        block = self._enclosing[name] if 0 <= name < len(self._enclosing) else -1
        if block < 0:
            return 0, len(self.src.text)
        close = self._braces().get(block) if self.is_(block, "{") else self.closing.get(block)
        return self.toks[block].start, self.toks[close].end if close is not None else len(self.src.text)

    def held(self, value: Text) -> Text:
        """``value`` with each reference to a name that holds what one call returned (``fetched``: every
        assignment of the name around it is that call's) named after that call, where it stands: a
        credential is what the call gave (``"Bearer " + apiToken``, filled by ``tokens.fetch``, is a
        token, as in Python and JavaScript), not what the variable is named."""
        if not any(p.ref for p in value.pieces):
            return value
        fetched = self.fetched()
        renamed = []
        for p in value.pieces:
            around = [ref for ref, lo, hi in fetched.get(p.ref.removeprefix("this."), ()) if lo <= (p.start or 0) < hi] \
                if p.ref and p.start is not None else []
            one = around[0] if around and all(ref == around[0] for ref in around) else None
            renamed.append(Piece(p.text, p.start, one, p.end) if one and static_key_name(p.ref) else p)
        return Text(tuple(renamed), frozenset(p.ref for p in renamed if p.ref))

    def keyed(self) -> dict[int, str]:
        """The key authentication sent with each URL literal, by where the literal starts: a key header
        in the statement that sends the request (``newBuilder(URI.create(url)).header("Authorization",
        "AppKey " + key)``) goes with the nearest URL or path before it."""
        out: dict[int, str] = {}
        where: dict[int, int] = {}  # a string token's index, by where it starts: made when a key header is met
        for j, tok in enumerate(self.toks):
            if tok.kind == "id" and tok.text in _OTHER_AUTH and self.is_(j + 1, "(") and self.is_(j - 1, ".") \
                    and self.toks[j - 2].kind == "id":
                self._hold(j + 1, None)  # ``headers.setBearerAuth(token)``: no key from here on
                continue
            if tok.kind != "str" or tok.value is None or not AUTH_SCHEME.match(tok.value.value):
                continue
            value, _ = self.value(j)
            kind = key_header(Field("Authorization", self.held(value))) if value is not None else None
            opens = self._enclosing[j]
            holder = self.is_(opens, "(") and opens >= 3 and self.toks[opens - 1].kind == "id" \
                and self.is_(opens - 2, ".") and self.toks[opens - 3].kind == "id"  # headers.add("Authorization", ...)
            if holder:
                self._hold(opens, kind)  # a token's header too: it takes the place of a key set before
            if kind is None:
                continue
            before = statement_strings(self.toks, j, self.src.text, lambda t: t if t.kind == "str" and t.value is not None else None)
            url = next((t for t in before if request_target(t.value.value)), None)
            if url is not None:
                where = where or {t.start: i for i, t in enumerate(self.toks) if t.kind == "str"}
                first = self._chain_first(where[url.start])
                # a URL of the function before (a sibling's body) is another request's; so is one before a
                # header set on an object in a statement of its own, unless that URL's statement makes the
                # object (Go's ``req, _ := http.NewRequest("GET", url, nil)``, then ``req.Header.Set(...)``)
                if self._block(first) in self._blocks(j) and (not holder or self._makes(first, self.toks[self._dotted_start(opens - 1)].text)
                                                              or self._keyed_use(first)
                                                              or self._made_from(self.toks[opens - 3].text, first, opens)):
                    out.setdefault(self.toks[first].start, kind)
        return out

    def _hold(self, opens: int, kind: str | None) -> None:
        """Record the header a call opening at token ``opens`` sets on a headers object (``headers.add(``,
        ``conn.setRequestProperty(``), or on every request of a client (.NET's ``_http.DefaultRequestHeaders.Add(``:
        held by ``_http``): its kind of key, or None for a token's."""
        k = opens - 3
        if self.toks[k].text == "DefaultRequestHeaders" and self.is_(k - 1, ".") and k >= 2 and self.toks[k - 2].kind == "id":
            k -= 2
        block = self._block(opens)
        self.key_holders.setdefault(self.toks[k].text, []).append((block, kind, k))
        self._holders.setdefault((self.toks[k].text, block), []).append((k, kind))

    def _made_from(self, holder: str, first: int, at: int) -> bool:
        """Whether the object ``holder`` a header is set on at token ``at`` was last made, in a block around
        it, from the URL whose chain's first literal is token ``first``, or from the local variable that URL
        is set to: ``URL url = new URL(base + "/..."); conn = (HttpURLConnection) url.openConnection();``
        then ``conn.setRequestProperty("Authorization", ...)``."""
        made = self._set_from(holder, self._blocks(at), at)
        if not made:
            return False
        start = self._chain_start(first)
        start = first if start is None else start
        for _ in range(2):  # wrapped in a URL's making: ``new URL(...)``, ``URI.create(...)``
            opens = self._enclosing[start]
            if not (self.is_(opens, "(") and opens >= 1 and self.toks[opens - 1].kind == "id"):
                break
            start = self._dotted_start(opens - 1)
            start -= start >= 1 and self.toks[start - 1].text == "new"
        held = self.toks[start - 2] if self.is_(start - 1, "=") and start >= 2 and self.toks[start - 2].kind == "id" else None
        return first in made or held is not None and not self.is_(start - 3, ".") \
            and any(self.toks[k].text == held.text and self.toks[k].kind == "id" for k in made)

    def _makes(self, k: int, name: str) -> bool:
        """Whether the line token ``k`` stands on sets ``name`` (``req, _ := ...``, ``var req = ...``)."""
        text = self.src.text
        line = text[text.rfind("\n", 0, self.toks[k].start) + 1:self.toks[k].start]
        return re.match(rf"\s*(?:[\w<>\[\]]+\s+)?{re.escape(name)}\s*(?:,|:?=)", line) is not None

    def _blocks(self, k: int) -> set[int]:
        """The braces token ``k`` stands in, innermost to outermost."""
        out = set()
        block = self._block(k)
        while block >= 0:
            out.add(block)
            block = self._block(block)
        return out

    def _block(self, k: int) -> int:
        """The innermost braces token ``k`` stands in (``-1``: none)."""
        k = self._enclosing[k] if 0 <= k < len(self._enclosing) else -1
        while k >= 0 and not self.is_(k, "{"):
            k = self._enclosing[k]
        return k

    def _holder_key(self, opens: int) -> str | None:
        """The key authentication of a headers object given to the request whose arguments open at token
        ``opens`` (``restTemplate.exchange(url, GET, new HttpEntity<>(headers), ...)``), where a key header
        was added to it in the same block (``headers.add("Authorization", "Bearer " + key)``)."""
        if not self.key_holders:
            return None
        blocks = self._blocks(opens)  # the braces the request stands in: a header added in one of them holds there
        if self.is_(opens - 2, ".") and opens >= 3 and self.toks[opens - 3].kind == "id":
            kind = self._held_key(self.toks[opens - 3].text, blocks, opens)  # ``_http.GetStringAsync(url)``
            if kind is not None:
                return kind
        for k in range(opens + 1, self.closing.get(opens, opens + 1)):
            if self.toks[k].kind != "id":
                continue
            kind = self._held_key(self.toks[k].text, blocks, opens)
            for j in () if kind is not None else self._set_from(self.toks[k].text, blocks, opens):
                # an entity made of the headers (``HttpEntity<String> request = new HttpEntity<>(headers)``)
                kind = kind or (self._held_key(self.toks[j].text, blocks, j) if self.toks[j].kind == "id" else None)
            if kind is not None:
                return kind
        return None

    def _held_key(self, name: str, blocks: set[int], at: int) -> str | None:
        """The key header last added to the headers object ``name`` before token ``at``, in one of
        ``blocks``, where the name was not set or declared again between (``headers = new HttpHeaders()``,
        an inner ``val headers``): that object is the one the request is given."""
        last: tuple[int, str | None] | None = None
        for block in blocks:
            added = self._holders.get((name, block))
            i = bisect_left(added, (at,)) if added else 0
            if i and (last is None or added[i - 1][0] > last[0]):  # type: ignore[index]
                last = added[i - 1]  # type: ignore[index]
        if last is None:
            return self._field_key(name, blocks, at)
        pos, kind = last
        again = self._set_at()[1].get(name, ())
        i = bisect_left(again, pos + 1)
        return kind if i == len(again) or again[i] >= at else None

    def _field_key(self, name: str, blocks: set[int], at: int) -> str | None:
        """The key header a constructor of the class sets on its field ``name`` (``headers.set(
        "Authorization", "AppKey " + appKey)`` in ``PoolClient(...)``, on ``private final HttpHeaders
        headers``), for a request at token ``at`` in a method of that class that declares no ``name`` of its
        own; the last set there wins, a token's as well."""
        if name not in self.key_holders:
            return None
        declared = self._set_at()[1].get(name, ())
        body = next((b for b in blocks if self._class_body(b) and any(self._enclosing[k] == b for k in declared)), None)
        if body is None:
            return None
        # the member's braces, or where an expression-bodied one starts (C#'s ``=> ...``, Kotlin's ``fun f() = ...``)
        start = next((b for b in blocks if self._block(b) == body), at)
        while start > body and not (self._enclosing[start - 1] == body and self.is_(start - 1, ";", "{")
                                    or self.is_(start - 1, "}") and self._enclosing[self._enclosing[start - 1]] == body):
            start -= 1  # back to the member's signature (past the member before): its parameters are its own
        if any(start <= k < at for k in declared):
            return None
        kinds = [(pos, kind) for where, kind, pos in self.key_holders.get(name, ())
                 if self._block(where) == body and self._constructor(where, body)]
        return max(kinds)[1] if kinds else None

    def _constructor(self, block: int, body: int) -> bool:
        """Whether the braces opened at token ``block`` in the class body opened at ``body`` are a
        constructor's (``PoolClient(String base) {``, Kotlin's ``constructor(...) {`` and ``init {``)."""
        if block >= 1 and self.toks[block - 1].text == "init":
            return True
        opened = self._parens().get(block - 1) if self.is_(block - 1, ")") else None
        if opened is None or opened < 1:
            return False
        named = self.toks[opened - 1].text
        if named == "constructor":
            return True
        k = body - 1
        while k > max(body - 64, 0) and self.toks[k].text not in _CONSTRUCTED:
            k -= 1
        return k + 1 < body and self.toks[k].text in _CONSTRUCTED and self.toks[k + 1].text == named

    def _set_at(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Where each name is set (``name = ...``), and where it is set or declared (also ``val name: T``,
        ``T name``), as token indexes in order: found in one pass, looked up by ``bisect`` (a method giving
        one headers object to thousands of requests asked for each of them)."""
        if self._sets is None:
            assigned: dict[str, list[int]] = {}
            declared: dict[str, list[int]] = {}
            for k, tok in enumerate(self.toks):
                if tok.kind != "id":
                    continue
                sets = self.is_(k + 1, "=") and not self.is_(k + 2, "=")
                if sets:
                    assigned.setdefault(tok.text, []).append(k)
                if not self.is_(k - 1, ".") and (sets or self.is_(k + 1, ":") or self._after_type(k)):
                    declared.setdefault(tok.text, []).append(k)  # ``name = ...``, ``val name: T``, ``T name``
            self._sets = assigned, declared
        return self._sets

    def _set_from(self, name: str, blocks: set[int], before: int) -> range:
        """The tokens of the value ``name`` is last set to before token ``before`` in one of ``blocks``
        (``name = ...;``), as a range; empty when it is set there to nothing read."""
        sets = self._set_at()[0].get(name, ())
        lowest = max(min(blocks, default=0), before - _SENT_THROUGH_TOKENS)
        for i in range(bisect_left(sets, before) - 1, -1, -1):
            k = sets[i]
            if k <= lowest:
                break
            if self._block(k) in blocks:
                end = k + 2
                while end < before and not self.is_(end, ";"):
                    end += 1
                return range(k + 2, end)
        return range(0)

    def _chain_first(self, j: int) -> int:
        """The first string literal of the ``+`` chain string token ``j`` is part of (``BASE + "/pools/" +
        pool + "/data-models"``: ``"/pools/"``, whose chain reads the whole path), ``j`` when it is first."""
        while self._joined(j) is None:
            k = j
            while self.is_(k - 1, "+") and k >= 2 and self.toks[k - 2].kind != "str":
                k = self._dotted_start(k - 2)
            j = k - 2
        return j

    def literals(self) -> None:
        keyed = self.keyed()
        holder_keys: dict[int, str | None] = {}
        for j, tok in enumerate(self.toks):
            text = tok.value
            if tok.kind != "str" or text is None or not text.value or len(text.value) > 2_000:
                continue
            start = self._format_start(j)
            if start is not None:  # fmt.Sprintf("%s/integration/api/...", baseURL, id): the path the call makes
                made, _ = self.value(start)
                text = made if made is not None and made.value.startswith(("http", "/")) else text
            joined = self._joined(j)
            if joined is None:  # a later literal of a + chain: the chain's first one reads the whole
                pass
            elif (joined != j or self.is_(j + 1, "+")) and text.value.startswith(("http", "/")):
                # BASE + "/integration/api/v1/data-pools/" + pool + "/data-models", "http://" + team +
                # ".eu-1.celonis.cloud/oauth2/token": the URL or path it makes
                made, _ = self.value(joined)
                if start is None and joined != j:  # String.format(BASE + "/.../%s", id): the call holds the URL
                    start = self._format_start(joined)
                    formatted = self.value(start)[0] if start is not None else None
                    made = formatted if formatted is not None and formatted.value.startswith(("http", "/")) else made
                if made is not None:
                    text = made
            first = joined if start is None else start
            request = self._request_at(first) if joined is not None else None
            if request is None and joined is not None and "/api" in text.value:
                request = self._sent_through(first)
            sent_by = self.toks[request - 1].text if request is not None else LITERAL
            if request is not None and request not in holder_keys:  # a request of many literals asked once
                holder_keys[request] = self._holder_key(request)
            key = keyed.get(tok.start) or (holder_keys[request] if request is not None else None)
            called = joined is not None and self.em.api_call(self._rooted(j, text), None, sent_by, key=key)
            if (called or is_celonis(text)) and "/" in text.value:  # a Celonis API's path goes to Celonis
                self.em.celonis_file = True
                self.em.url_checks(text)
            if AUTH_SCHEME.match(text.value):
                value, _ = self.value(self._format_start(j) or j)  # String.format("Bearer %s", key), fmt.Sprintf(...)
                if value is not None:
                    self.em.header(Field("Authorization", self.held(value)), False, self._elsewhere(j))
            elif text.value.lower() in _SCHEMES and self.is_(j - 1, "(") and j >= 2 \
                    and self.toks[j - 2].text == "AuthenticationHeaderValue":
                args = self.args(j - 1)  # C#: new AuthenticationHeaderValue("AppKey", key)
                if len(args) == 2:
                    self.em.header(Field("Authorization", self.held(args[0] + _SPACE + args[1])), False,
                                   self._elsewhere(j))
            elif text.value == "grant_type" and ((by_turns := self._keyed_call(j)) is not None
                                                 or self._pair_value(j) is not None):
                self.pairs_form(j, by_turns)
            elif "grant_type=" in text.value and "=" in text.value:
                # "grant_type=client_credentials&scope=" + SCOPE, String.format("...&scope=%s", SCOPE): the whole body
                whole, _ = self.value(self._format_start(j) or j)
                self.form(j, whole if whole is not None else text)

    def _request_at(self, k: int) -> int | None:
        """Where the arguments open of the HTTP client's call token ``k`` is given to, a bracket or two out."""
        for opens in islice(self._around(k, _STATEMENT_TOKENS), 2):
            if self.is_(opens, "(") and opens >= 1 and self.toks[opens - 1].text in _HTTP_CALLS:
                return opens
        return None

    def _sent_through(self, k: int, call: Callable[[int], int | None] | None = None) -> int | None:
        """For a URL or path that starts at token ``k`` and is what a local variable is set to (``String
        targetUrl = this.url + "/integration/api/pools"``, ``url := base + "/..."``, ``var url = ...``): the
        HTTP client's call the variable is given to later in its block, before it is set again
        (``restTemplate.exchange(targetUrl, ...)``, ``http.NewRequest("GET", url, nil)``), as where its
        arguments open; else ``None``. ``call``: which call a use of the variable at a token counts as
        (``_request_at``, an HTTP client's)."""
        call = call or self._request_at
        eq = k - 1
        name = eq - 2 if self.is_(eq - 1, ":") else eq - 1  # Go's ``:=``
        if not self.is_(eq, "=") or name < 1 or self.toks[name].kind != "id" or self.is_(name - 1, ".") \
                or not self.is_(self._enclosing[name], "{") or self._class_body(self._enclosing[name]) \
                or self._looked >= _SENT_THROUGH_BUDGET:
            return None  # not a local variable: a class's field is read in any of its methods
        held, depth, shadowed = self.toks[name].text, 0, None
        for j in range(k + 1, min(k + _SENT_THROUGH_TOKENS, len(self.toks))):
            self._looked += 1
            if self.is_(j, "{", "(", "["):
                depth += 1
            elif self.is_(j, "}", ")", "]"):
                depth -= 1
                if depth < 0:  # the end of the variable's block
                    break
                if shadowed is not None and depth < shadowed:
                    shadowed = None  # the end of the block another variable of the name was declared in
            elif shadowed is None and self.toks[j].text == held and self.toks[j].kind == "id" and not self.is_(j - 1, "."):
                if self._declares(j):
                    if depth == 0:
                        break
                    shadowed = depth  # another variable in an inner block (``val url: String = ...``, Go's ``:=``)
                elif self.is_(j + 1, "=") and not self.is_(j + 2, "="):
                    break  # set again: another value from here on
                else:
                    opens = call(j)
                    if opens is not None:
                        return opens
        return None

    def _chain_start(self, first: int) -> int | None:
        """Where the value whose ``+`` chain's first literal is token ``first`` starts: the chain's start, or
        the ``String.format(`` call around it; None when an earlier literal of its chain reads it."""
        start = self._joined(first)
        return None if start is None else self._format_start(start) or start

    def _after_type(self, k: int) -> bool:
        """Whether the name at token ``k`` follows a type or a keyword that declares it (``String url``,
        ``val url``, Go's ``var url``), not a word that only stands before a value (``return url``)."""
        return k >= 1 and self.toks[k - 1].kind == "id" and self.toks[k - 1].text not in _NOT_TYPES

    def _declares(self, j: int) -> bool:
        """Whether the name at token ``j`` is declared there: ``var url = ...``, ``val url: String``,
        ``String url =``, Go's ``url := ...``, ``var url string = ...`` and ``u, err := ...``."""
        if self._after_type(j):
            return True
        k = j + 1
        while self.is_(k, ",") and k + 1 < len(self.toks) and self.toks[k + 1].kind == "id":
            k += 2  # ``u, err := ...``
        return self.is_(k, ":") and self.is_(k + 1, "=")

    def _keyed_use(self, first: int) -> bool:
        """Whether the URL whose chain's first literal is token ``first`` is held by a local variable that
        is given, later in its block, to a call also given a headers object with a key header (or an
        entity made of it): ``targetUrl = ...; ...; APIUtils.get(targetUrl, new HttpEntity<>(headers))``."""
        start = self._chain_start(first)
        if start is None:
            return False

        def keyed_call(j: int) -> int | None:
            opens = self._enclosing[j]
            return opens if self.is_(opens, "(") and self._holder_key(opens) is not None else None

        return self._sent_through(start, keyed_call) is not None

    def _class_body(self, opened: int) -> bool:
        """Whether the braces opened at token ``opened`` are a class's, interface's, enum's, record's or
        object's body (``class Client extends Base {``), not a function's or a block's."""
        k, stop = opened - 1, max(opened - 256, 0)
        while k >= stop:
            if self.is_(k, ")"):  # a primary constructor's or a base's arguments (``class X(val a: A) : B() {``)
                k = self._parens().get(k, k) - 1
                continue
            if self.is_(k, ";", "{", "}"):
                return False
            if self.toks[k].kind == "id" and self.toks[k].text in _TYPE_WORDS:
                return True
            k -= 1
        return False

    def _rooted(self, j: int, text: Text) -> Text:
        """A path written at token ``j`` without its leading ``/`` (.NET's ``GetStringAsync("intelligence/api/...")``,
        ``.uri("integration/api/pools")``) as the path it is on a Celonis base address (``_base_at``), the
        "/" standing where it starts; else ``text`` as it is."""
        value, first = text.value, text.pieces[0] if text.pieces else None
        if first is None or first.ref is not None or not value[:1].isalpha() or "://" in value \
                or not _team_url(self._base_at(j)):
            return text
        return Text((Piece("/", first.start),) + text.pieces, text.names)

    def _joined(self, j: int) -> int | None:
        """Where the ``+`` chain whose first string literal is token ``j`` starts (``j`` itself when
        nothing is joined to it); ``None`` when an earlier literal of its chain reads it. Operands
        before it are names (``BASE``, ``Config.BASE_URL``) and literals; a call or a parenthesis
        ends the walk back."""
        if not self.is_(j - 1, "+") and not self.is_(j + 1, "+"):
            return j
        k = j
        while self.is_(k - 1, "+") and k >= 2:
            p = k - 2
            tok = self.toks[p]
            if tok.kind == "str":
                return None
            if tok.kind != "id":
                break
            p = self._dotted_start(p)
            k = p
        return k

    def _format_start(self, j: int) -> int | None:
        """Where the format call whose format string is token ``j`` starts (``String.format(`` or
        ``fmt.Sprintf(``), if it is one."""
        if not (self.is_(j - 1, "(") and j >= 2 and self.toks[j - 2].text in ("format", "Sprintf")):
            return None
        start = j - 2
        if start >= 2 and self.is_(start - 1, ".") and self.toks[start - 2].text in ("String", "fmt"):
            start -= 2
        return start

    def pairs_form(self, j: int, keyed: tuple[list[Field], bool] | None = None) -> None:
        """A form of key-value pairs with a grant type (C#'s ``new FormUrlEncodedContent(new
        Dictionary<string, string> { { "grant_type", ... }, { "scope", ... } })`` or of ``new
        KeyValuePair<string, string>("grant_type", ...)`` items): a token request to this file's token
        URL, or to none written out when its scopes say Celonis. ``keyed``: the form of ``Map.of("grant_type",
        ..., "scope", ...)`` around it, read by turns (``_keyed_call``)."""
        if keyed is not None:
            fields, whole = keyed
            tok = self.toks[j]
            self.em.request(Request((tok.start, tok.end), self._token_url(j), "POST", fields, body_open=not whole,
                                    evidence="form body", grant=True))
            return
        # the braces around the pair, whatever opens the pair; Go's ``url.Values{"grant_type": ...}`` its own,
        # Kotlin's ``mapOf("grant_type" to ...)`` its parentheses
        outer = self._opening(j if self.is_(j + 1, ":") else j - 1) if not self._infix_to(j + 1) \
            else next((k for k in self._around(j, _STATEMENT_TOKENS - 1) if self.is_(k, "(")), None)
        if outer is None and self.is_(j - 1, "("):  # a builder's call among others (Spring's fromFormData(...).with(...)):
            outer = next((k for k in self._around(j - 1, _STATEMENT_TOKENS - 1) if self.is_(k, "{")), None)  # its block
        top = outer is None and self.is_(j - 1, "(") and j - 1 < len(self._enclosing) and self._enclosing[j - 1] == -1
        if not top and (outer is None or self._extra_params(outer)):
            return
        fields: list[Field] = []
        # the calls of the block around it; of a C# program's top-level statements, the calls at the top level near it
        keys = (k for k in range(max(0, j - 4 * _STATEMENT_TOKENS), min(len(self.toks), j + 4 * _STATEMENT_TOKENS))
                if self.is_(k - 1, "(") and self._enclosing[k - 1] == -1) if top \
            else (k for k, _ in self._within(outer, 4 * _STATEMENT_TOKENS))  # type: ignore[arg-type]
        for k in keys:
            tok = self.toks[k]
            at = self._pair_value(k) if tok.kind == "str" and tok.value is not None else None
            if at is not None:
                value, _ = self.value(at)
                fields.append(Field(tok.value.value, value))  # type: ignore[union-attr]
        tok = self.toks[j]
        self.em.request(Request((tok.start, tok.end), self._token_url(j), "POST", fields, evidence="form body",
                                grant=True))

    def anonymous_forms(self) -> None:
        """A C# anonymous object with a grant type (``PostAsJsonAsync(url, new { grant_type = ..., scope = ... })``):
        a token request to this file's token URL, its members the fields."""
        for j, tok in enumerate(self.toks):
            if tok.kind != "id" or tok.text != "grant_type" or not self.is_(j + 1, "=") or self.is_(j + 2, "="):
                continue
            opens = self._enclosing[j]
            if opens < 1 or not self.is_(opens, "{") or self.toks[opens - 1].text != "new":
                continue
            fields: list[Field] = []
            whole = True
            for k, depth in self._within(opens, 4 * _STATEMENT_TOKENS):
                if depth or not self.is_(k - 1, "{", ","):
                    continue
                value, end = self.value(k + 2) if self.toks[k].kind == "id" and self.is_(k + 1, "=") else (None, k)
                if value is None or not self.is_(end, ",", "}"):
                    whole = False  # a member named by its value (``new { scope }``), or a value not read
                else:
                    fields.append(Field(self.toks[k].text, value))
            self.em.request(Request((tok.start, tok.end), self._token_url(j), "POST", fields, body_open=not whole,
                                    evidence="form body", grant=True))

    def _keyed_call(self, k: int) -> tuple[list[Field], bool] | None:
        """The form a call makes of its arguments by turns (``Map.of("grant_type", v, "scope", s)``, ``_by_turns``),
        when the string at ``k`` is its grant type's key."""
        opens = self._enclosing[k] if k < len(self._enclosing) else -1
        if opens < 1 or not self.is_(opens, "(") or not self.is_(k + 1, ","):
            return None
        first = self._dotted_start(opens - 1)
        if ".".join(t.text for t in self.toks[first:opens] if t.kind == "id").rsplit(".", 2)[-2:] not in _KEYED_CALLS:
            return None
        form = self._by_turns(opens)
        return form if any(f.value is not None and f.name == "grant_type" for f in form[0]) else None

    def _by_turns(self, opens: int) -> tuple[list[Field], bool]:
        """The key-value pairs of a call's arguments by turns, from the ``(`` at ``opens``; whether every
        argument was read (a value not read leaves the rest of the form unknown)."""
        fields: list[Field] = []
        close = self.closing.get(opens, len(self.toks))
        k = opens + 1
        while k < close:
            key = self.toks[k]
            if key.kind != "str" or key.value is None or not key.value.literal_only or not self.is_(k + 1, ","):
                return fields, False
            value, end = self.value(k + 2)
            if value is None or not self.is_(end, ",", ")"):
                return fields, False
            fields.append(Field(key.value.value, value))
            k = end + 1
        return fields, True

    def _pair_value(self, k: int) -> int | None:
        """Where the value keyed by the string at ``k`` starts, when the string is a key of a pair:
        ``{ "scope", value }``, ``("scope", value)`` (C#'s collection initializer, a KeyValuePair),
        ``["scope"] = value`` (C#'s index initializer), ``"scope": {value}`` (Go's ``url.Values``, a map)."""
        if self.is_(k - 1, "{", "(") and self.is_(k + 1, ","):
            return k + 2
        if self.is_(k - 1, "[") and self.is_(k + 1, "]") and self.is_(k + 2, "="):
            return k + 3
        if self.is_(k - 1, "{", ",") and self.is_(k + 1, ":"):
            return k + 2
        if self.is_(k - 1, "(", ",") and self._infix_to(k + 1) and k + 2 < len(self.toks):
            return k + 2  # Kotlin's mapOf("scope" to ...)
        return None

    def _infix_to(self, k: int) -> bool:
        """Whether token ``k`` is Kotlin's ``to``, which makes a pair of the values around it."""
        return 0 <= k < len(self.toks) and self.toks[k].kind == "id" and self.toks[k].text == "to"

    def _token_url(self, j: int) -> Text | None:
        """This file's token URL for a form body at token ``j``: the base address of another host that
        the call sending it is made on (``_keycloak.PostAsync("token", form)``); else, of those written
        or used in the innermost block around it that has any (its method, its class), the nearest (the
        one before it where two are as near); a token URL constant counts where it is used."""
        elsewhere = self._other_client(j)
        if elsewhere is not None:
            return elsewhere
        if not self.token_urls:
            return None
        at = self.toks[j].start
        for start, end in self._blocks_around(j):
            lo, hi = bisect_left(self._url_anchors, start), bisect_left(self._url_anchors, end)
            if lo < hi:
                return self._nearest(at, lo, hi)
        return self._nearest(at, 0, len(self.token_urls))

    def _nearest(self, at: int, lo: int, hi: int) -> Text:
        """Of ``token_urls[lo:hi]`` (sorted by anchor), the one anchored nearest offset ``at``."""
        k = min(max(bisect_left(self._url_anchors, at, lo, hi), lo), hi)
        if k == hi or k > lo and at - self._url_anchors[k - 1] <= self._url_anchors[k] - at:
            return self.token_urls[k - 1]
        return self.token_urls[k]

    def _blocks_around(self, j: int) -> Iterator[tuple[int, int]]:
        """The source spans of the braces around token ``j``, innermost first (a few, nearby)."""
        for k in self._around(j, 4 * _STATEMENT_TOKENS - 1):
            if self.is_(k, "{"):
                close = self._braces().get(k)
                yield self.toks[k].start, self.toks[close].end if close is not None else self.toks[-1].end

    def _braces(self) -> dict[int, int]:
        """Each ``{`` token's partner ``}``, found once."""
        if self._brace_pairs is None:
            self._brace_pairs, opened = {}, []
            for k, tok in enumerate(self.toks):
                if tok.kind == "punct" and tok.text == "{":
                    opened.append(k)
                elif tok.kind == "punct" and tok.text == "}" and opened:
                    self._brace_pairs[opened.pop()] = k
        return self._brace_pairs

    def form(self, j: int, body: Text) -> None:
        """A form body naming a grant type (the string at token ``j``): a token request to this file's token URL."""
        tok = self.toks[j]
        url = self._token_url(j)
        fields = [Field(name, value, encoded=True) for name, value, _ in form_fields(body)]
        if url is not None:
            self.em.request(Request((tok.start, tok.end), url, "POST", fields, evidence="form body", grant=True))
