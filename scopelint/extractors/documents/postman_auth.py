"""A Postman collection as scopelint reads it: its variables, whether it concerns Celonis, its
auth blocks (OAuth2 → client record and token request; API key and bearer → key auth, secrets)
and the secrets and key authentication in its entries."""
from __future__ import annotations


from ... import lazy_re
from ...findings import Location
from ...located import Node
from ...model import CLIENT, AuthHeader, Client, FileFacts, ScopeList, TokenRequest, Value
from ..recognition.source import Source
from ..recognition.names import CELONIS_NAME, normalise
from ..recognition.celonis import concerns_celonis, is_celonis_url
from ..recognition.emit import url_facts
from ..recognition.names import secret_kind
from ..recognition.scopes import scope_string, setting
from ..recognition.secrets import looks_like_secret, secret
from ..recognition.urls import UNRESOLVED

GRANTS = {"client_credentials": "client_credentials", "authorization_code": "authorization_code",
          "authorization_code_with_pkce": "authorization_code", "password_credentials": "password",
          "implicit": "implicit"}
AUTH_STYLES = {"header": ("client_secret_basic", "basic"), "body": ("client_secret_post", "post")}
POSTMAN_CALLBACK = "https://oauth.pstmn.io/v1/callback"
_VAR = lazy_re.compile(r"\{\{\s*([\w.\-]+)\s*\}\}")
MAX_SCAN = 200_000


def entries(node: Node | None) -> dict[str, Node]:
    """``[{key, value}, ...]`` (collection v2.1) or ``{key: value}`` (older exports) as a mapping."""
    if node is None:
        return {}
    if isinstance(node.value, dict):
        return dict(node.value)
    out = {}
    for item in node.value if isinstance(node.value, list) else []:
        key, value = item.get("key"), item.get("value")
        if key is not None and value is not None and key.tag == "str":
            out[str(key.value)] = value
    return out


def _text(node: Node | None) -> str | None:
    return str(node.value) if node is not None and node.tag == "str" else None


def named_for_celonis(text: str) -> bool:
    return any(CELONIS_NAME.search(normalise(name)) for name in _VAR.findall(text))


MAX_RESOLVED = 64 * 1024  # characters a text may grow to as its variables are put in (a URL, a header, a body)


class Collection:
    def __init__(self, root: Node, src: Source, facts: FileFacts, origin: str = "postman",
                 callback: str | None = POSTMAN_CALLBACK) -> None:
        self.facts = facts
        self.lines = src.lines  # the file's, where a string's escapes are looked for
        self.origin = origin  # the tool the collection is written for (a client record's origin)
        self.callback = callback  # the redirect URI of an OAuth2 block that sets none
        self.catalog = src.catalog
        info = root.get("info")
        name = _text(info.get("name")) if info is not None else None
        self.name = name or src.path.rsplit("/", 1)[-1].split(".postman_", 1)[0]
        self.variables = {k: v for k, v in entries(root.get("variable")).items() if v.tag == "str"}
        self.celonis = self._is_celonis(root)

    def resolve(self, text: str) -> str:
        """``text`` with the collection's variables put in, three rounds deep (a variable may refer to
        another). Variables that repeat one another grow without bound (a 2 kB collection to
        gigabytes): a round that would pass ``MAX_RESOLVED`` characters is not made."""
        for _ in range(3):
            out: list[str] = []
            size = last = 0
            for m in _VAR.finditer(text):
                known = self.variables.get(m.group(1))
                if known is None:
                    continue
                piece = str(known.value)
                size += m.start() - last + len(piece)
                if size > MAX_RESOLVED:
                    return text
                out += (text[last:m.start()], piece)
                last = m.end()
            new = "".join(out) + text[last:]
            if new == text or len(new) > MAX_RESOLVED:
                break
            text = new
        return text

    def _is_celonis(self, root: Node) -> bool:
        if any(CELONIS_NAME.search(normalise(key)) for key in self.variables):
            return True
        stack, budget = [root], MAX_SCAN
        while stack and budget > 0:
            node = stack.pop()
            budget -= 1
            if node.tag == "str":
                text = str(node.value)
                if named_for_celonis(text) or ("//" in text and is_celonis_url(self.resolve(text))):
                    return True
            elif isinstance(node.value, dict):
                stack.extend(node.value.values())
            elif isinstance(node.value, list):
                stack.extend(node.value)
        return False

    def auth(self, node: Node | None) -> str | None:
        """Read an auth block; its type, or ``None`` when the block is absent or inherits."""
        if node is None or not isinstance(node.value, dict):
            return None
        kind = _text(node.get("type"))
        if kind == "oauth2":
            self._oauth2(node.get("type"), entries(node.get("oauth2")))  # type: ignore[arg-type]
        elif kind == "apikey" and self.celonis:
            e = entries(node.get("apikey"))
            if e.get("value") is not None:
                self.credential(_text(e.get("key")) or "apikey", e["value"], default="API key")
        elif kind == "bearer" and self.celonis:
            token = entries(node.get("bearer")).get("token")
            if token is not None:
                self.credential("token", token, default="access token")
        return None if kind == "inherit" else kind

    def _counts(self, url: str | None, scope: Node | None) -> bool:
        resolved = self.resolve(url or "")
        if url and (is_celonis_url(resolved) or named_for_celonis(url)):
            return True
        if url and not UNRESOLVED.search(resolved):
            return False  # a resolved token URL of another provider
        text = self.resolve(_text(scope) or "")
        names = [ref.name for ref in scope_string(text, Location("", 1, 1), CLIENT).refs]
        return concerns_celonis(self.celonis, names, self.catalog)

    def _oauth2(self, where: Node, e: dict[str, Node]) -> None:
        url = _text(e.get("accessTokenUrl"))
        if not self._counts(url, e.get("scope")):
            return
        scopes = self._scopes(e.get("scope"))
        style = AUTH_STYLES.get(_text(e.get("client_authentication")) or "")
        grant = e.get("grant_type")
        grant_value = setting(GRANTS.get(str(grant.value), str(grant.value)), grant.loc) if _text(grant) else None
        self.facts.clients.append(Client(
            self.name, where.loc, origin=self.origin, grant_type=grant_value, scopes=scopes,
            auth_method=Value(style[0], e["client_authentication"].loc) if style else None,
            redirect_uris=self._redirects(e, where)))
        for key, value in e.items():
            self.credential(key, value)
        node = e.get("accessTokenUrl")
        if url is not None and node is not None:
            self.add(url_facts(url, node.loc))
            usable = scopes if scopes is not None and scopes.valid and scopes.refs else None
            self.facts.token_requests.append(TokenRequest(node.loc, None if UNRESOLVED.search(url) else url, usable,
                                                          auth_style=style[1] if style else None))

    def _redirects(self, e: dict[str, Node], where: Node) -> tuple[Value, ...]:
        redirect = e.get("redirect_uri")
        if _text(redirect):
            return (Value(str(redirect.value), redirect.loc),)  # type: ignore[union-attr]
        return (Value(self.callback, where.loc),) if self.callback else ()  # Postman's own callback when none is set

    def _scopes(self, node: Node | None) -> ScopeList | None:
        if node is None:
            return None
        text = _text(node) or ""
        whole = _VAR.fullmatch(text.strip())
        if whole and whole.group(1) in self.variables:
            node = self.variables[whole.group(1)]
            text = str(node.value)
        if UNRESOLVED.search(text):
            return ScopeList(node.loc, (), raw=None, valid=False)  # unknown, not empty
        return scope_string(text, node.loc, CLIENT)

    def credential(self, key: str, value: Node, default: str | None = None) -> None:
        """A secret-named entry, or an ``AppKey``/``Bearer`` authorization value."""
        text = _text(value)
        if text is None:
            return
        scheme, sep, rest = text.partition(" ")
        if sep and scheme in ("AppKey", "Bearer"):
            if scheme == "AppKey":
                self.facts.auth_headers.append(AuthHeader("AppKey", value.loc))
            self._secret("API key" if scheme == "AppKey" else "access token", key, value, rest.strip())
            return
        kind = secret_kind(normalise(key)) or default
        if kind:
            self._secret(kind, key, value, text)

    def _secret(self, kind: str, key: str, value: Node, token: str) -> None:
        if not token or not looks_like_secret(token):
            return
        loc, text = value.loc, str(value.value)
        if token != text and loc.end_line in (None, loc.line) and token in text:
            col = loc.col + text.index(token)
            loc = Location(loc.path, loc.line, col, loc.line, col + len(token))
        self.facts.secrets.append(secret(kind, loc, key, token))

    def add(self, found: tuple[list, list]) -> None:
        self.facts.secrets.extend(found[0])
        self.facts.insecure.extend(found[1])
