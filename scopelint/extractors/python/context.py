"""What the Python passes share while reading one module."""
from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cached_property
from typing import TypeVar

from ...catalog import Catalog
from ...findings import Location
from ...model import ApiCall, AuthHeader, FileFacts, REQUEST, ScopeList, TokenRequest
from ..recognition.scopes import LIST_SEPARATORS, scope_string
from ..recognition.secrets import looks_like_secret, secret
from .positions import Positions
from .bindings import Module
from .strings import DictVal, Text, dotted, held_as
from .evaluate import Evaluator
from ...records import field, record

T = TypeVar("T")


@record(frozen=False)
class Context:
    """What the readers of one Python module share: the module, positions, facts, catalog and evaluator."""

    mod: Module
    pos: Positions
    facts: FileFacts
    catalog: Catalog
    ev: Evaluator = field(init=False)
    consumed: set[int] = field(default_factory=set)  # literal nodes already turned into facts
    celonis_calls: bool = False  # an HTTP call of this module goes to a Celonis URL
    celonis_receivers: set[tuple[int, str]] = field(default_factory=set)  # sessions and clients that call Celonis
    libraries: tuple | None = None  # the OAuth client libraries the module imports, once known
    secret_at: set[Location] = field(default_factory=set)  # where the secrets found so far are
    secret_values: dict[int, str] = field(default_factory=dict)  # each secret's value, by its id: never leaves the module
    elsewhere: set[int] = field(default_factory=set)  # Authorization values sent to another host
    sent_to_celonis: set[int] = field(default_factory=set)  # ... and those sent to Celonis
    # scope values of variables whose name does not say Celonis (``OAUTH_SCOPES``): Celonis's only
    # where the module talks to Celonis or the scopes are Celonis's by themselves
    generic_scopes: list[ScopeList] = field(default_factory=list)
    # static-key headers neither sent to Celonis nor named for it: Celonis's only in a module that talks to it
    unproven: list[AuthHeader] = field(default_factory=list)
    # token requests to no host written out (``self._http_request(url_suffix="/oauth2/token")``) for
    # catalog scopes another provider could name too (``audit.log:read``): Celonis's only in a module that talks to it
    unproven_requests: list[TokenRequest] = field(default_factory=list)
    # calls to paths other services have too (``/api/team``) on a base not known to be Celonis's: Celonis's
    # only in a module that talks to it
    unproven_calls: list[ApiCall] = field(default_factory=list)
    # where the scopes sent to another provider's token URL are written: that provider's, whatever their variable's name
    foreign_scopes: list[Location] = field(default_factory=list)
    # key type settings' defaults (``os.getenv("CELONIS_KEY_TYPE", "APP_KEY")``), and those a call used
    key_type_defaults: list[tuple[ast.expr, str]] = field(default_factory=list)
    key_type_used: set[int] = field(default_factory=set)
    # how each ``get_celonis(...)`` of the module authenticates: ``AppKey`` or ``api-key`` for a static key,
    # None for OAuth or not known; the SDK's calls send what every session of the module sends
    sessions: list[str | None] = field(default_factory=list)
    env_read: set[str] = field(default_factory=set)  # the environment variables the module reads (or sets)
    # by function: the call its **kwargs go to (True), or its one HTTP call of a URL it is given (False)
    forwarding: dict[int, tuple[ast.Call, bool] | None] = field(default_factory=dict)
    elsewhere_requests: int = 0  # token requests read that go to another provider's host, written out

    def receiver_key(self, node: ast.AST) -> tuple[int, str] | None:
        """Which binding a receiver name stands for (the scope that binds it, and the name); for an
        attribute of ``self`` (``self.session``), the class whose methods share it."""
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
            scope = self.mod.scope(node)
            while scope is not None and (scope.func is None or id(scope.func) not in self._methods):
                scope = scope.parent
            return (self._methods[id(scope.func)], f"self.{node.attr}") if scope is not None else None
        if not isinstance(node, ast.Name):
            return None
        found = self.mod.scope(node).find(node.id)
        return (id(found[0]), node.id) if found is not None else None

    @cached_property
    def _methods(self) -> dict[int, int]:
        """Each method of a class in the module: the class it is a method of (by ``id``)."""
        return {id(item): id(node) for node in self.mod.nodes if isinstance(node, ast.ClassDef)
                for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))}

    @cached_property
    def _split(self) -> tuple[dict[int, str], dict[str, str], dict[str, str]]:
        """What the module splits on a list separator before it uses it (``v.split(",")``, ``v.replace(",", " ")``,
        ``re.split(",", v)``), with the separator: the values by ``id`` (the look-up split where it is
        made, each value of a name split later); the attributes split where they are used
        (``settings.scopes.split(",")``); the fields a pydantic validator splits when they are set."""
        values: dict[int, str] = {}
        names: dict[str, str] = {}
        validated: dict[str, str] = {}
        for node in self.mod.nodes:
            if isinstance(node, ast.Call):
                found = _split_call(node)
                if found is None:
                    continue
                sep, target = found
                while isinstance(target, ast.Call) and isinstance(target.func, ast.Attribute) \
                        and target.func.attr in ("strip", "lower") and not target.args:
                    target = target.func.value  # ``v.strip().split(",")``
                values[id(target)] = sep
                if isinstance(target, ast.Attribute):
                    names[target.attr] = sep
                elif isinstance(target, ast.Name):
                    bound = self.mod.scope(target).find(target.id)
                    for value in bound[0].assigns[target.id] if bound is not None and bound[1] == "assign" else ():
                        values[id(value)] = sep
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                fields = [a.value for d in node.decorator_list if isinstance(d, ast.Call)
                          and (dotted(d.func) or "").endswith("validator") for a in d.args
                          if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                sep = next((found[0] for n in ast.walk(node) if isinstance(n, ast.Call)
                            and (found := _split_call(n)) is not None), None) if fields else None
                if sep is not None:
                    validated.update((name, sep) for name in fields)
        return values, names, validated

    def as_sent(self, scopes: ScopeList, node: ast.AST | None = None, name: str | None = None) -> ScopeList:
        """Scopes as the module sends them: written with a separator it splits on, the separator is the
        code's, not the request's. ``node``: the value read (``os.getenv("SCOPES", "a,b").split(",")``,
        a validated field ``settings.scopes``); ``name``: a settings field's."""
        values, names, validated = self._split
        attr = node.attr if isinstance(node, ast.Attribute) else None
        sep = (values.get(id(node)) if node is not None else None) or (validated.get(attr) if attr else None) \
            or (names.get(name) or validated.get(name) if name is not None else None)
        if sep is None or scopes.raw is None:
            return scopes
        return replace(scopes, raw=scopes.raw.replace(sep, " "))

    def __post_init__(self) -> None:
        self.ev = Evaluator(self.mod, path=self.pos.path)

    def secret(self, kind: str, loc: Location, name: str, value: str, in_url: bool = False) -> None:
        """The secret at ``loc``, once however many readings of the module find it; ``in_url``: it is
        sent in a URL's query string, whichever reading finds it first. One written in another module
        is that module's to report, where its own reading finds it."""
        if loc.path != self.pos.path:
            return
        if loc not in self.secret_at:
            self.secret_at.add(loc)
            self.facts.secrets.append(secret(kind, loc, name, value, in_url))
            self.secret_values[id(self.facts.secrets[-1])] = value
        elif in_url:
            for i, found in enumerate(self.facts.secrets):
                if found.loc == loc and not found.in_url:
                    self.facts.secrets[i] = replace(found, in_url=True)
                    self.secret_values[id(self.facts.secrets[i])] = self.secret_values.pop(id(found), value)

    def given_secret(self, node: ast.AST | None, kind: str, name: str) -> None:
        """A secret given to a call that takes one (``get_celonis(api_token=...)``): a literal, or a
        name or attribute bound to one literal in the module (``TOKEN = "..."``, ``Config.TOKEN``, a
        settings field's default), reported where the literal is and by the name it is written under."""
        if node is None:
            return
        val = self.text(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
        literal = node if isinstance(node, ast.Constant) else val.literal if val is not None else None
        if literal is not None and isinstance(literal.value, str) and looks_like_secret(literal.value):
            loc, _ = self.pos.inner(literal)
            written = held_as(node) or name
            self.secret(kind, loc, written, literal.value)

    @property
    def path(self) -> str:
        return self.pos.path

    def text(self, node: ast.AST | None) -> Text | None:
        return self.ev.text(node, self.mod.scope(node)) if node is not None else None

    def value(self, node: ast.AST | None):
        return self.ev.value(node, self.mod.scope(node)) if node is not None else None

    def argument(self, call: ast.Call, index: int, *names: str) -> tuple[ast.expr | None, ast.expr | None]:
        """A call argument by position or keyword, or else an entry of a dict literal spread into the
        call (``get_celonis(**login)`` with ``login = {"api_token": ...}``): ``(value, the spread)``."""
        found = arg(call, index, *names)
        if found is not None:
            return found, None
        for kw in call.keywords:
            spread = self.value(kw.value) if kw.arg is None else None
            if isinstance(spread, DictVal):
                found = next((spread.get(name) for name in names if spread.get(name) is not None), None)
                if found is not None:
                    return found, kw.value
        return None, None

    def spreads_unknown(self, call: ast.Call) -> bool:
        """Whether ``**`` passes arguments that cannot be listed (not a dict literal left unchanged)."""
        for kw in call.keywords:
            if kw.arg is None:
                spread = self.value(kw.value)
                if not isinstance(spread, DictVal) or not spread.complete:
                    return True
        return False

    def where(self, val: Text, node: ast.AST) -> tuple[Location, bool]:
        """The location of a string value: inside its literal when it is one plain literal."""
        if val.literal is not None:
            return self.pos.inner(val.literal)
        return self.pos.node(node), False

    def scopes_of(self, val: Text, node: ast.AST, source: str = REQUEST) -> ScopeList:
        """A scope string as a ``ScopeList``; each scope at its own columns when they can be known."""
        if val.items:
            refs = tuple(ref for item in val.items for ref in self.scopes_of(item, node, source).refs)
            return ScopeList(self.pos.node(node), refs, raw=val.text, source=source)
        loc, exact = self.where(val, node)
        if not exact:
            placed = self.in_pieces(val, lambda at: scope_string(val.text, at, source).refs)
            if placed is not None:  # ``"studio "`` then ``"knowledge-models:read"`` on the next line
                return replace(scope_string(val.text, loc, source), loc=loc, refs=tuple(placed))
        scopes = scope_string(val.text, loc, source)
        return scopes if exact else flatten(scopes, loc)

    def in_pieces(self, val: Text, found: Callable[[Location], Iterable[T]]) -> list[T] | None:
        """What ``found`` finds in a value written as adjacent literals (black's wrapping of a long
        string), each at its own place: ``found`` is given the value as if it stood alone on a line
        (line 0, from column 1), and each fact it gives is moved where it is written; ``None`` when
        the value is no such literal, or a fact runs over two of its pieces."""
        literal = val.literal
        pieces = self.pos.pieces(literal) if literal is not None else None
        if pieces is None:
            return None
        out = []
        for fact in found(Location(self.path, 0, 1, 0, 1 + len(val.text))):
            where = self.pos.place(literal, fact.loc, pieces)  # type: ignore[arg-type,attr-defined]
            if where is None:
                return None
            out.append(replace(fact, loc=where))  # type: ignore[type-var]
        return out


def _split_call(call: ast.Call) -> tuple[str, ast.expr] | None:
    """``v.split(",")``, ``v.replace(",", " ")``, ``re.split(",", v)``: the separator and ``v``."""
    func, args = call.func, call.args
    const = [a.value.strip() if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in args]
    if dotted(func) == "re.split":
        pattern = args[0].value if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str) else ""
        sep = next((c for c in LIST_SEPARATORS if c in pattern), None)
        return (sep, args[1]) if sep is not None and len(args) >= 2 else None
    if isinstance(func, ast.Attribute) and func.attr in ("split", "rsplit", "replace") and const and const[0] in LIST_SEPARATORS:
        if func.attr != "replace" or (len(const) == 2 and const[1] == ""):
            return const[0], func.value
    return None


def flatten(scopes: ScopeList, loc: Location) -> ScopeList:
    """Every scope of the list at ``loc``: used where columns inside the text cannot be known."""
    refs = tuple(replace(ref, loc=loc) for ref in scopes.refs)
    return replace(scopes, loc=loc, refs=refs)


def kwarg(call: ast.Call, *names: str) -> ast.keyword | None:
    for kw in call.keywords:
        if kw.arg in names:
            return kw
    return None


def arg(call: ast.Call, index: int, *names: str) -> ast.expr | None:
    """A call argument given by position or by keyword."""
    kw = kwarg(call, *names)
    if kw is not None:
        return kw.value
    if index < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
        return call.args[index]
    return None
