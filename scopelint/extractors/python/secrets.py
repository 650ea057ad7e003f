"""Hard-coded secrets and key-based authentication in Python: secret-named keywords, dict keys,
assignments, defaults and comments holding a literal that looks like a secret, and
``Authorization: AppKey``/``Bearer`` headers. Values never leave this module: a ``Secret`` keeps
its kind, place and a digest."""
from __future__ import annotations

import ast
import io
import re
import tokenize
from functools import cached_property

from ... import lazy_re
from ...findings import Location
from ...model import AuthHeader
from ..recognition.names import (AUTH_SCHEME, key_auth, names_another, not_real_name, own_name, paired_kind,
                                 partner_id_name, secret_kind, static_key_name)
from ..recognition.secrets import (BASIC_CREDENTIALS, basic_pair_secret, credential_is_secret, credential_kind,
                                   looks_like_secret, named_kind, without_id_values)
from .context import Context, arg
from .strings import Text, dotted, held_as
from .call_values import env_call
from .evaluate import FIELD_FACTORIES, field_default
from .pycelonis import from_call, read_key
from .bindings import Module

COMMENT_PAIR = lazy_re.compile(r"(?P<name>[A-Za-z_][\w.-]*)[\"']?\s*[:=]\s*(?P<q>[\"']?)(?P<value>[^\s\"',;)}\]]+)")
# a line with ``#`` and then a secret-like name before ``=`` or ``:``; only then are comments tokenized
_COMMENT_CANDIDATE = lazy_re.compile(r"(secret|token|key)[\w.-]*[\"']?\s*[:=]", re.I)


def _candidate(text: str) -> bool:
    """A line with ``#`` and then a secret-like name before ``=`` or ``:``. Each line is searched once,
    from its first ``#`` (a pattern starting at every ``#`` ran on to the line's end at each one);
    the lines are not copied out of the text, and they end at ``\n`` only, as the pattern's did."""
    at = text.find("#")
    while at >= 0:
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if _COMMENT_CANDIDATE.search(text, at, end):
            return True
        at = text.find("#", end)
    return False


class Secrets:
    KINDS = (ast.Call, ast.Dict, ast.Assign, ast.AnnAssign, ast.arguments)

    def __init__(self, ctx: Context, compared: set[int] | None = None) -> None:
        self.ctx = ctx
        self.seen: set[int] = set(compared or ())  # literals judged already, and those a test only compares
        self.ids: set[str] = set()  # the literal client ids of the module
        self.dummies: set[str] = set()  # the values an example or a dummy of the module holds (``_example``)

    def client_id(self, node: ast.AST | None, name: str) -> None:
        if partner_id_name(name) and isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
            self.ids.add(node.value)

    def drop_fixtures(self) -> None:
        """Secrets with the value of a client id of the module (``secrets.without_id_values``), or of a value
        an example or a dummy of the module holds: a test's copies of ``def dummy_connection_data()``'s
        secret are the same dummy value."""
        self.ctx.facts.secrets = without_id_values(self.ctx.facts.secrets, self.ctx.secret_values, self.ids | self.dummies)

    def _dummy(self, node: ast.AST) -> None:
        """The string values written in an example's or a dummy's ``node``."""
        self.dummies.update(n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                            and len(n.value) >= 8)

    def literal(self, node: ast.AST | None, name: str, kind: str | None = None) -> None:
        """Record ``node`` when it is a string literal that looks like a secret, or each such literal
        it may be: a fallback (``os.getenv("K") or "..."``) or a branch (``"..." if test else x``)."""
        kind = kind or secret_kind(name)
        if kind is None and isinstance(node, (ast.BoolOp, ast.IfExp)):
            # ``token = os.getenv("CELONIS_API_TOKEN") or "..."``: the variable read says what the value is
            read = self._read_from(node)
            if read is not None:
                name, kind = read
        if kind is None:  # a name that says nothing: a Celonis API key by its shape (``token = "..."``)
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                return
            kind = named_kind(None, node.value)
            if kind is None:
                return
        for literal in _may_be(node, self.ctx.mod):
            if id(literal) in self.seen or not looks_like_secret(literal.value) or own_name(literal.value, name):
                continue  # ``B2_APPLICATION_KEY = "B2_APPLICATION_KEY"``: a setting's name, not its value
            self.seen.add(id(literal))
            loc, _ = self.ctx.pos.inner(literal)
            self.ctx.secret(kind, loc, name, literal.value)

    def _read_from(self, node: ast.BoolOp | ast.IfExp) -> tuple[str, str] | None:
        """The environment variable named as a secret that a fallback or a branch reads (``os.getenv("K")
        or "..."``, ``"..." if dev else os.environ["K"]``), with the kind its name says."""
        for operand in node.values if isinstance(node, ast.BoolOp) else (node.body, node.orelse):
            val = self.ctx.text(operand) if not isinstance(operand, ast.Constant) else None
            kind = secret_kind(val.env) if val is not None and val.env else None
            if kind is not None:
                return val.env, kind  # type: ignore[return-value]
        return None

    def node(self, node: ast.AST) -> None:
        if isinstance(node, ast.Call):
            self._call(node)
        elif isinstance(node, ast.Dict):
            self._dict(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                self._assign(target, node.value)
        elif isinstance(node, ast.arguments):
            self._defaults(node)

    @cached_property
    def _examples(self) -> set[int]:
        """The dicts and calls a name that says they are no real ones holds (``connection_args_example =
        OrderedDict(...)``, ``DUMMY_CONFIG = {...}``), and those inside a documentation example (an
        OpenAPI schema's ``{"example": {...}}``, ``json_schema_extra={"examples": [...]}``, FastAPI's
        ``Body(openapi_examples={...})``), by ``id``."""
        out = set()
        for node in self.ctx.mod.nodes:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, (ast.Dict, ast.Call)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(not_real_name(dotted(t) or "") for t in targets):
                    out.add(id(node.value))
            shown: list[ast.AST] = []
            if isinstance(node, ast.Dict):
                shown = [v for k, v in zip(node.keys, node.values)
                         if isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value in _EXAMPLE_KEYS]
            elif isinstance(node, ast.Call):
                shown = [kw.value for kw in node.keywords if kw.arg in _EXAMPLE_KEYS]
            for value in shown:
                out.update(id(n) for n in ast.walk(value) if isinstance(n, (ast.Dict, ast.Call)))
        return out

    def _example(self, node: ast.AST) -> bool:
        """Whether ``node`` is written as an example's, a dummy's or a mock's: held by a name that says so,
        or in a function or class so named (``def dummy_connection_data()``, ``class SaApiKeyMockMapper``)."""
        if id(node) in self._examples:
            return True
        scope = self.ctx.mod.scope(node)
        while scope is not None:
            func = scope.func
            cls = self.ctx.ev._class_of(func)
            if func is not None and not_real_name(func.name) or cls is not None and not_real_name(cls.name):
                return True
            scope = scope.parent
        return False

    def _call(self, call: ast.Call) -> None:
        if self._example(call):
            self._dummy(call)
            return
        name = dotted(call.func) or ""
        last = name.rsplit(".", 1)[-1]
        # a class or function named for another service (``KeycloakOpenID(client_secret_key=...)``,
        # ``OktaClient(...)``): its secrets are that service's, as a key inside ``okta: {...}`` is
        service = last if names_another(last) else None
        for kw in call.keywords:
            if kw.arg:
                self.literal(kw.value, f"{service}.{kw.arg}" if service else kw.arg, secret_kind(kw.arg))
                self.client_id(kw.value, kw.arg)
                self._bound(kw.value, kw.arg)
        if last in _BASE64_CALLS and call.args:
            self._encoded_pair(call.args[0])
        if last in _BASIC_HELPERS:  # HTTPBasicAuth("id", "..."), BasicAuth(login=..., password=...)
            user, password = arg(call, 0, "username", "login"), arg(call, 1, "password")
            if user is not None and password is not None:
                self._basic_pair(user, password)
        for kw in call.keywords:  # requests.post(url, auth=("api", "...")); Elasticsearch(hosts, basic_auth=(...))
            pair = self._pair(kw.value) if kw.arg in _BASIC_KEYWORDS else None
            if pair is not None:
                self._basic_pair(*pair, holder=kw.value.id if isinstance(kw.value, ast.Name) else None)
        option = _option_name(call, name)
        if option is not None:
            self.literal(next((kw.value for kw in call.keywords if kw.arg == "default"), None), option)
        default = arg(call, 1, "default", "value")
        if default is not None and env_call(call, self.ctx.mod, setdefault=True):
            var = call.args[0] if call.args else None
            if isinstance(var, ast.Constant) and isinstance(var.value, str):
                self.literal(self._fallback(default, call), var.value)

    def _encoded_pair(self, value: ast.AST) -> None:
        """``base64.b64encode(b"id:secret")``, ``b64encode("id:secret".encode())``, or a name bound to the
        one literal: HTTP Basic credentials written out whole, their secret part reported where it is written."""
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "encode":
            value = value.func.value
        if isinstance(value, ast.Name):
            val = self.ctx.text(value)
            value = val.literal if val is not None and val.literal is not None else value
        if not isinstance(value, ast.Constant) or id(value) in self.seen:
            return
        pair = value.value.decode("latin-1") if isinstance(value.value, bytes) else value.value
        span = basic_pair_secret(pair) if isinstance(pair, str) else None
        if span is None:
            return
        self.seen.add(id(value))
        loc, exact = self.ctx.pos.inner(value)
        if exact:
            loc = Location(loc.path, loc.line, loc.col + span[0], loc.line, loc.col + span[1])
        self.ctx.secret(credential_kind("basic", ""), loc, BASIC_CREDENTIALS, pair[span[0]:span[1]])

    def _basic_pair(self, user: ast.AST, password: ast.AST, holder: str | None = None) -> None:
        """The id and password given to an HTTP Basic helper (``auth=("api", "...")``, ``HTTPBasicAuth(...)``,
        ``session.auth = (...)``), the password written out: judged as an encoded pair's (``basic_pair_secret``),
        sent to whatever host, as Go's ``SetBasicAuth`` and OkHttp's ``Credentials.basic`` are. An id not
        written out stands as one that is."""
        if any(secret_kind(held_as(node) or "") for node in (user, password)):
            return  # a value held under a secret's name (``auth=(EMAIL, API_TOKEN)``): reported under that name
        pw, named = self.ctx.text(password), self.ctx.text(user)
        if pw is None or pw.literal is None or not isinstance(pw.literal.value, str):
            return
        literal_user = named is not None and named.literal is not None and isinstance(named.literal.value, str)
        span = basic_pair_secret(f"{named.text if literal_user else 'id'}:{pw.text}")  # type: ignore[union-attr]
        if span is None:
            return
        # the password; or where there is none, a key sent as the user name (Stripe's ``auth=(KEY, "")``)
        found, node = (pw, password) if span[0] > 0 else (named, user) if literal_user else (None, None)
        if found is None or node is None or id(found.literal) in self.seen:
            return
        self.seen.add(id(found.literal))
        loc, _ = self.ctx.where(found, node)
        # a password to whatever host (a database's, a search cluster's), or the key sent as the user name;
        # held under a name that names another service (``auth=("api", MAILGUN_KEY)``, ``auth=MAILGUN_AUTH``), that service's
        held = next((name for name in (held_as(node), holder) if name and names_another(name)), None)
        self.ctx.secret("password" if node is password else "API key", loc, held or BASIC_CREDENTIALS, found.text)

    def _pair(self, value: ast.AST) -> list[ast.expr] | None:
        """The id and password of ``auth=("id", "...")``, or of ``auth=AUTH`` where ``AUTH`` is bound to such
        a pair alone (``AUTH = ("developer", "...")``)."""
        if isinstance(value, ast.Name):
            once = self.ctx.mod.scope(value).bound_once(value.id)
            value = once[1] if once is not None else value
        if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == 2:
            return list(value.elts)
        return None

    def _bound(self, value: ast.AST, name: str) -> None:
        """A name given for a secret parameter or key (``Connector(api_token=token)``, ``{"client_secret": s}``)
        that is bound to one literal: that literal is the secret, under the name it is written as where that
        says it is one, else the parameter's."""
        if isinstance(value, (ast.Name, ast.Attribute)) and secret_kind(name) is not None:
            val = self.ctx.text(value)
            if val is not None and val.literal is not None and isinstance(val.literal.value, str):
                written = held_as(value) or name  # as reading its assignment would
                self.literal(val.literal, written if secret_kind(written) is not None else name)

    def _fallback(self, default: ast.expr, call: ast.Call) -> ast.expr | None:
        """An environment look-up's default; for a name (``TOKEN = os.getenv("K", TOKEN)``), the one
        literal it is bound to apart from this look-up, if that is all it is bound to."""
        if not isinstance(default, ast.Name):
            return default
        found = self.ctx.mod.scope(default).find(default.id)
        if found is None or found[1] != "assign":
            return None
        others = [v for v in found[0].assigns[default.id] if v is not call]
        return others[0] if len(others) == 1 and isinstance(others[0], ast.Constant) else None

    def _dict(self, node: ast.Dict) -> None:
        example = self._example(node)  # its key authentication is shown all the same, its values are no secrets
        if example:
            self._dummy(node)
        keys = [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
        for key, value in zip(node.keys, node.values):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                continue
            if key.value.lower() == "authorization":
                self.header(value, credentials=not example)
            elif not example:
                self.literal(value, key.value, paired_kind(key.value, keys))
                self.client_id(value, key.value)
                self._bound(value, key.value)

    def _assign(self, target: ast.AST, value: ast.AST | None) -> None:
        if isinstance(target, ast.Name):
            self.literal(value, target.id)
            self.client_id(value, target.id)
        elif isinstance(target, ast.Attribute):
            self.literal(value, target.attr)
            self.client_id(value, target.attr)
            if target.attr == "auth" and isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == 2:
                self._basic_pair(*value.elts)  # session.auth = ("id", "...")
        elif isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant) \
                and isinstance(target.slice.value, str):
            if target.slice.value.lower() == "authorization" and value is not None:
                self.header(value)
            else:
                self.literal(value, target.slice.value)

    def _defaults(self, args: ast.arguments) -> None:
        positional = args.posonlyargs + args.args
        for a, default in zip(positional[len(positional) - len(args.defaults):], args.defaults):
            self.literal(default, a.arg)
        for a, default in zip(args.kwonlyargs, args.kw_defaults):
            self.literal(default, a.arg)

    def header(self, value: ast.AST, credentials: bool = True) -> None:
        """An ``Authorization`` header value: AppKey or static-key auth, and (``credentials``) a literal credential."""
        val = self.ctx.text(value)
        if val is None:
            return
        m = AUTH_SCHEME.match(val.text)
        scheme = m.group(1).lower() if m else ""
        loc = self.ctx.pos.node(value)
        kind = key_header(value, self.ctx)
        if id(value) in self.ctx.elsewhere and id(value) not in self.ctx.sent_to_celonis:
            pass  # sent to another host only: its authentication, not Celonis's
        elif kind is not None:
            header = AuthHeader(kind, loc)
            self.ctx.facts.auth_headers.append(header)
            if not (val.celonis or id(value) in self.ctx.sent_to_celonis or self.ctx.celonis_calls):
                # whose? ``"Bearer " + os.environ["LANGWATCH_API_KEY"]`` for a telemetry exporter, an
                # ``AppKey`` scheme of a kiosk's own API or a blockchain indexer
                self.ctx.unproven.append(header)
        if not credentials:
            return
        if m and isinstance(value, ast.Constant) and id(value) not in self.seen:
            self._credential(value, val, m.end(), scheme)
        elif m:
            self._bound_credential(value, scheme)

    def _credential(self, node: ast.Constant, val: Text, offset: int, scheme: str) -> None:
        token = val.text[offset:].strip()
        if not credential_is_secret(scheme, token):
            return
        self.seen.add(id(node))
        loc, exact = self.ctx.pos.inner(node)
        if exact:
            start = loc.col + offset
            loc = Location(loc.path, loc.line, start, loc.line, start + len(token))
        kind = credential_kind(scheme, token)
        self.ctx.secret(kind, loc, "Authorization", token)

    def _bound_credential(self, value: ast.AST, scheme: str) -> None:
        """``"AppKey " + KEY``, ``f"Bearer {TOKEN}"``, ``"Bearer {}".format(CONFIG["key"])``: a name
        bound to one literal in the module, whatever it is called, is the credential; it is reported
        where it is written."""
        for part in _interpolated(value):
            val = self.ctx.text(part)
            literal = val.literal if val is not None else None
            if literal is None or not isinstance(literal.value, str) or id(literal) in self.seen:
                continue
            token = literal.value.strip()
            if not credential_is_secret(scheme, token):
                continue
            self.seen.add(id(literal))
            loc, _ = self.ctx.pos.inner(literal)
            # by the name it is written under where that says it is a secret (as reading the assignment
            # would report it: one record, whichever is read first), else as the header's
            written = part.id if isinstance(part, ast.Name) else part.attr if isinstance(part, ast.Attribute) else ""
            kind = secret_kind(written) if written else None
            self.ctx.secret(kind or credential_kind(scheme, token), loc, written if kind else "Authorization", token)


# the keys and keywords that hold a documentation example: OpenAPI's and JSON Schema's, FastAPI's
_EXAMPLE_KEYS = frozenset({"example", "examples", "openapi_examples"})
# the functions of ``base64`` that encode their argument as HTTP Basic credentials are
_BASE64_CALLS = frozenset({"b64encode", "standard_b64encode", "encodebytes"})
# HTTP Basic helpers given the id and the password: requests', httpx's and aiohttp's; and the keywords that
# take the pair (requests' ``auth``, the Elasticsearch and OpenSearch clients' ``basic_auth`` and ``http_auth``,
# pycontribs jira's ``basic_auth``)
_BASIC_HELPERS = frozenset({"HTTPBasicAuth", "BasicAuth"})
_BASIC_KEYWORDS = frozenset({"auth", "basic_auth", "http_auth"})
# the calls that declare a command-line option: argparse's ``parser.add_argument``, optparse's ``add_option``, click's
_OPTION_CALLS = ("add_argument", "add_option")
_OPTION_DECORATORS = ("click.option", "cloup.option")


def _option_name(call: ast.Call, name: str) -> str | None:
    """The value name a command-line option declares (``add_argument("--api-token", default=...)``:
    ``api_token``, its ``dest`` if one is given), whose ``default`` is its value when none is given."""
    if not (isinstance(call.func, ast.Attribute) and call.func.attr in _OPTION_CALLS or name in _OPTION_DECORATORS):
        return None
    dest = next((kw.value for kw in call.keywords if kw.arg == "dest"), None)
    if isinstance(dest, ast.Constant) and isinstance(dest.value, str):
        return dest.value
    flags = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    named = [flag[2:] for flag in flags if flag.startswith("--") and len(flag) > 2]
    if not named and flags and not flags[0].startswith("-"):  # a positional argument: its name
        named = flags[:1]
    return named[0].replace("-", "_") if named else None


def _interpolated(value: ast.AST) -> list[ast.AST]:
    """The values a header built from parts puts after its scheme: the right of ``"Bearer " + x``,
    the fields of an f-string, the arguments of ``"Bearer {}".format(x)``."""
    if isinstance(value, ast.BinOp):
        return [value.right]
    if isinstance(value, ast.JoinedStr):
        return [p.value for p in value.values if isinstance(p, ast.FormattedValue)]
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "format":
        return list(value.args) + [kw.value for kw in value.keywords]
    return []


def _may_be(node: ast.AST | None, mod: Module) -> list[ast.Constant]:
    """The string literals ``node`` may evaluate to: itself, the operands of ``or``, the branches of
    ``if``/``else``, a field factory's default, nested (an explicit stack: a long chain of branches
    is no deep recursion)."""
    out: list[ast.Constant] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, ast.Constant) and isinstance(item.value, str):
            out.append(item)
        elif isinstance(item, ast.BoolOp) and isinstance(item.op, ast.Or):
            stack.extend(reversed(item.values))
        elif isinstance(item, ast.IfExp):
            stack.extend((item.orelse, item.body))
        elif isinstance(item, ast.Call) and (dotted(item.func) or "") in FIELD_FACTORIES:
            stack.append(field_default(item))  # ``api_token: str = Field(default="...")``
        elif isinstance(item, ast.Call) and (dotted(item.func) or "").rsplit(".", 1)[-1] in SECRET_WRAPPERS \
                and len(item.args) == 1:
            stack.append(item.args[0])  # ``client_secret: SecretStr = SecretStr("...")``
        elif isinstance(item, ast.Call) and env_call(item, mod, setdefault=True):
            # ``CLIENT_SECRET = os.getenv("CELONIS_CLIENT_SECRET_OLD", "...")``: its default, under the name it is bound to
            stack.append(arg(item, 1, "default", "value"))
    return out


# types that hold a secret they are given, keeping it out of logs and reprs (pydantic)
SECRET_WRAPPERS = frozenset({"SecretStr", "SecretBytes"})


def key_header(value: ast.AST, ctx: Context) -> str | None:
    """The key authentication (``AppKey``, ``api-key``) an ``Authorization`` value sends, else ``None``."""
    val = ctx.text(value)
    m = AUTH_SCHEME.match(val.text) if val is not None else None
    if m is None:
        return None
    scheme = m.group(1).lower()
    if scheme == "appkey":
        return "AppKey"
    return "api-key" if scheme == "bearer" and _static_key(value, ctx) else None


def _static_key(value: ast.AST, ctx: Context) -> bool:
    """A long-lived key sent as a Bearer token, not a token from ``/oauth2/token``:
    ``"Bearer " + os.environ["CELONIS_API_KEY"]``; in a module that calls Celonis and gets no token,
    ``f"Bearer {api_key}"`` with a parameter or constant named as a key, or ``"Bearer API_KEY_HERE"``."""
    keyed = ctx.celonis_calls and not ctx.facts.token_requests
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        m = AUTH_SCHEME.match(value.value)
        return keyed and m is not None and key_auth(m.group(1), value.value[m.end():]) == "api-key"
    for part in _interpolated(value):
        val = ctx.text(part)
        if val is not None and val.env and static_key_name(val.env):
            return True
        if keyed and (_key_named(part, ctx) or val is not None and val.literal is not None
                      or isinstance(part, ast.Name) and read_key(part, ctx)):
            # a key by its name, a credential written out in the module (``TOKEN = "..."``), or one a
            # prompt or form field asks for (``st.text_input("Celonis App Key")``)
            return True
    return False


def _key_named(node: ast.AST, ctx: Context, depth: int = 0) -> bool:
    """``api_key`` or ``self.api_key``: a parameter, attribute or constant named as a key, not a call's
    result; or an entry named so (``cfg["api_key"]``, ``env()["api_key"]``, ``cfg.get("api_key")``); or a
    name given one such value tidied (``token = (override or self.settings.api_key or "").strip()``)."""
    node = _untrimmed(node)
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) and depth < 3:
        # each source the value may come from: a key by its name, a parameter or "", none a call's result
        sources = [_untrimmed(v) for v in node.values]
        return any(_key_named(v, ctx, depth + 1) for v in sources) and not any(
            isinstance(v, ast.Call) and not env_call(v, ctx.mod, setdefault=True) for v in sources)
    if isinstance(node, ast.Attribute):
        return static_key_name(node.attr)
    entry = node.slice if isinstance(node, ast.Subscript) else \
        node.args[0] if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
        and node.func.attr == "get" and node.args else None
    if entry is not None:
        return isinstance(entry, ast.Constant) and isinstance(entry.value, str) and static_key_name(entry.value)
    if not isinstance(node, ast.Name):
        return False
    found = ctx.mod.scope(node).find(node.id)
    if not static_key_name(node.id):
        values = found[0].assigns[node.id] if found is not None and found[1] == "assign" else []
        given = _untrimmed(values[0]) if len(values) == 1 and depth < 3 else None
        return given is not None and (given is not values[0] or isinstance(given, ast.BoolOp)) \
            and _key_named(given, ctx, depth + 1)
    if found is None or found[1] == "param":
        return True
    return found[1] == "assign" and not from_call(node, ctx)


def _untrimmed(node: ast.AST) -> ast.AST:
    """A value with the white space trimming around it taken off (``(token or "").strip()``: ``token or ""``)."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _TRIMS \
            and not node.args and not node.keywords:
        node = node.func.value
    return node


_TRIMS = frozenset({"strip", "lstrip", "rstrip"})


def comments(ctx: Context, text: str) -> None:
    """``# client_secret = "..."``: a real secret in a comment is still a leaked secret."""
    if not _candidate(text):
        return
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return
    for tok in tokens:
        if tok.type != tokenize.COMMENT:
            continue
        for m in COMMENT_PAIR.finditer(tok.string):
            kind = secret_kind(m.group("name").rsplit(".", 1)[-1])
            value = m.group("value")
            if kind is None or not looks_like_secret(value):
                continue
            line, col = tok.start[0], tok.start[1] + m.start("value") + 1
            loc = Location(ctx.path, line, col, line, col + len(value))
            ctx.secret(kind, loc, m.group("name"), value)
