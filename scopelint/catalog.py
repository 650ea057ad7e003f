"""The scope catalog: scopes, retired spellings and the API routes each scope opens.

Shipped as ``scopelint/data/catalog.yaml`` (its top comment documents the format); users extend
it with ``--catalog FILE`` or the config key ``catalog``. Extension entries are marked with the
file they came from, and an extension that redefines a shipped scope is reported as an override,
never silently.

A scope's ``status`` says where the entry stands: ``documented`` (on the Celonis docs page),
``observed`` (used by one of Celonis's own public clients but not documented; ``source`` names
the client) or ``deprecated`` (documented, with a ``replacement``).
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from . import lazy_re
from .records import field, record

SHIPPED = "shipped"
ACCESS = ("read", "write", "admin")
RISKS = ("low", "medium", "high", "critical")
DOCUMENTED, OBSERVED, DEPRECATED = "documented", "observed", "deprecated"
STATUSES = (DOCUMENTED, OBSERVED, DEPRECATED)
_LEGACY_STATUS = {"current": DOCUMENTED}  # spelling of catalog files before 2026.12: still read
# the namespace of a scope name: everything before the first "." or ":"
_NAMESPACE = lazy_re.compile(r"[.:]")
# the scopes OpenID Connect itself defines: answered by any OpenID provider (Celonis publishes
# /.well-known/openid-configuration for its sign-in), never catalog scopes, and on their own another
# provider's sign-in as often as Celonis's
OIDC_SCOPES = frozenset({"openid", "profile", "email", "address", "phone", "offline_access"})
CONFIDENCE = ("DOC", "CODE", "INF")
GATING = ("scoped", "auth", "unknown")


class CatalogError(ValueError):
    """A catalog file that cannot be used; the message names the file and the entry."""


@record
class Scope:
    """One catalog scope: what it opens, how risky it is, and whether Celonis documents it."""

    name: str
    group: str
    description: str
    access: str
    risk: str
    service: str | None = None
    scim: bool = False
    status: str = DOCUMENTED
    replacement: str | None = None
    source: str | None = None  # where an observed scope was seen (required for observed)
    broader: tuple[str, ...] = ()
    narrower: tuple[str, ...] = ()
    details: str = ""
    category: str | None = None  # review risk category
    permission: str | None = None  # minimal useful permission, as the docs name it
    origin: str = SHIPPED

    @property
    def sensitive(self) -> bool:
        return self.risk in ("high", "critical")

    @property
    def observed(self) -> bool:
        """Used by a public Celonis client but not (yet) on the Celonis docs page."""
        return self.status == OBSERVED


@record
class Retired:
    """A spelling that is not (or no longer) a scope, with its replacement."""

    name: str
    status: str  # retired | variant
    replacement: str | None
    note: str = ""
    origin: str = SHIPPED


@record
class ApiRoute:
    """A path prefix and the scopes that open it, narrowest first."""

    prefix: str
    scopes: tuple[str, ...]
    confidence: str
    gating: str = "scoped"
    methods: tuple[str, ...] | None = None  # restrict the route to these HTTP methods
    note: str = ""
    origin: str = SHIPPED
    segments: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def confirmed(self) -> bool:
        """Whether which scopes open the route is documented or read in Celonis's code (DOC, CODE), not
        inferred: what a finding that a scope is unused, too broad or narrower may rest on."""
        return self.confidence in ("DOC", "CODE")

    def match_length(self, path_segments: tuple[str, ...], method: str | None) -> int:
        """How many segments of the path this prefix matches, or -1."""
        if self.methods is not None and (method is None or method.upper() not in self.methods):
            return -1
        if len(path_segments) < len(self.segments):
            return -1
        for want, got in zip(self.segments, path_segments):
            if want.startswith("{") and want.endswith("}"):
                continue
            if want != got:
                return -1
        return len(self.segments)


def split_path(path: str) -> tuple[str, ...]:
    path = path.split("?", 1)[0].split("#", 1)[0]
    return tuple(s for s in path.split("/") if s)


@record
class Catalog:
    """The scope catalog in force: the shipped one, plus any ``--catalog`` extensions."""

    version: str
    date: str
    source: str
    scopes: Mapping[str, Scope]
    retired: Mapping[str, Retired]
    routes: tuple[ApiRoute, ...]
    extensions: tuple[str, ...] = ()
    overrides: tuple[str, ...] = ()  # shipped names an extension replaced

    @functools.cached_property
    def scope_names(self) -> frozenset[str]:
        return frozenset(self.scopes)

    @property
    def label(self) -> str:
        extra = f" + {len(self.extensions)} extension(s)" if self.extensions else ""
        return f"{self.version}{extra}"

    @functools.cached_property
    def _routes_found(self) -> dict[tuple[str, str | None], ApiRoute | None]:
        return {}

    def route_for(self, path: str, method: str | None = None) -> ApiRoute | None:
        """The longest route matching ``path``; a method-restricted route wins a tie. Remembered:
        a file full of calls asks for the same few paths many times."""
        found = self._routes_found
        key = (path, method)
        if key not in found:
            if len(found) >= 65536:
                found.clear()
            found[key] = self._route_for(path, method)
        return found[key]

    @functools.cached_property
    def _routes_by_first(self) -> tuple[dict[str, tuple[ApiRoute, ...]], tuple[ApiRoute, ...]]:
        """The routes a path can match, by the path's first segment, in catalog order (which breaks
        ties); and those for a first segment no route names (routes starting with a placeholder)."""
        def placeholder(segment: str) -> bool:
            return segment.startswith("{") and segment.endswith("}")

        def first(route: ApiRoute) -> str | None:
            return None if not route.segments or placeholder(route.segments[0]) else route.segments[0]

        firsts = {first(r) for r in self.routes} - {None}
        return ({name: tuple(r for r in self.routes if first(r) in (None, name)) for name in firsts},
                tuple(r for r in self.routes if first(r) is None))

    def _route_for(self, path: str, method: str | None) -> ApiRoute | None:
        segs = split_path(path)
        best: ApiRoute | None = None
        best_len = 0
        by_first, anywhere = self._routes_by_first
        for route in by_first.get(segs[0], anywhere) if segs else anywhere:
            n = route.match_length(segs, method)
            if n > best_len or (n == best_len and n > 0 and route.methods and best and not best.methods
                                and route.origin == best.origin):
                best, best_len = route, n
        return best

    def routes_of(self, scope: str) -> list[ApiRoute]:
        return [r for r in self.routes if scope in r.scopes]

    @functools.cached_property
    def namespaces(self) -> frozenset[str]:
        """Every namespace of a catalog name (scopes and retired or variant spellings), lower case.

        The namespace is the part of a name before its first ``.`` or ``:`` (``integration`` for
        ``integration.data-pools:read``, ``tasks`` for ``tasks:read``); a name with neither is its
        own namespace (``studio``, ``package-manager``, ``studio-mcp``). Some namespaces are common
        words other vendors use too (``studio``, ``team``, ``tasks``): see ``distinctive_namespaces``.
        """
        return frozenset(self.namespace_of(n) for n in (*self.scopes, *self.retired))

    @functools.cached_property
    def distinctive_namespaces(self) -> frozenset[str]:
        """The namespaces unlikely to be met outside Celonis: compound names with a hyphen
        (``user-provisioning``, ``data-pipelines``, ``task-mining``), except the generic compound
        ``machine-learning``. A single word (``studio``, ``team``, ``integration``) never is: on its
        own it does not make a scope list a Celonis one."""
        return frozenset(ns for ns in self.namespaces if "-" in ns and ns not in _GENERIC_COMPOUNDS)

    @functools.cached_property
    def qualified_namespaces(self) -> frozenset[str]:
        """The namespaces some catalog name qualifies with a dot (``integration`` for
        ``integration.data-pools``, ``team`` for ``team.login-history:read``)."""
        return frozenset(self.namespace_of(n) for n in (*self.scopes, *self.retired) if "." in n.split(":", 1)[0])

    @staticmethod
    def namespace_of(name: str) -> str:
        """The namespace of a scope name, lower case: the part before the first ``.`` or ``:``."""
        return _NAMESPACE.split(name.strip(), maxsplit=1)[0].lower()

    def in_known_namespace(self, name: str) -> bool:
        """Whether ``name`` lies in a namespace some catalog name uses."""
        return self.namespace_of(name) in self.namespaces

    def canonical(self, name: str) -> str:
        """The scope a name stands for: a variant spelling's scope (SL003 reports the spelling), else
        the name itself."""
        entry = self.retired.get(name)
        return entry.replacement if entry is not None and entry.status == "variant" and entry.replacement else name

    def closest(self, name: str) -> str | None:
        """The known scope nearest to ``name`` (for did-you-mean), or ``None``.

        A retired or variant spelling gives its replacement; a name that differs only in case or
        ``_``/``-`` gives that scope; otherwise the closest name by ``difflib`` (ratio >= 0.75).
        """
        retired = self.retired.get(name)
        if retired is not None:
            return retired.replacement
        lowered = name.lower().replace("_", "-")
        for known in sorted(self.scopes):
            if known.replace("_", "-") == lowered:
                return known
        import difflib

        hits = difflib.get_close_matches(name, sorted(self.scopes), n=1, cutoff=0.75)
        return hits[0] if hits else None

    def merged(self, data: Mapping[str, object], origin: str) -> Catalog:
        """This catalog with the entries of an extension file laid over it."""
        scopes = dict(self.scopes)
        retired = dict(self.retired)
        overrides = list(self.overrides)
        seen: set[str] = set()
        for item in _list(data, "scopes", origin):
            scope = _scope(item, origin)
            if scope.name in seen:
                raise CatalogError(f"{origin}: scope {_entry(item)} is defined twice")
            seen.add(scope.name)
            if scope.name in scopes and scopes[scope.name].origin == SHIPPED:
                overrides.append(scope.name)
            scopes[scope.name] = scope
            retired.pop(scope.name, None)
        for item in _list(data, "retired", origin):
            entry = _retired(item, origin)
            retired[entry.name] = entry
        routes = tuple(_route(item, origin) for item in _list(data, "apis", origin)) + self.routes
        return replace(self, scopes=dict(sorted(scopes.items())), retired=retired, routes=routes,
                       extensions=self.extensions + (origin,), overrides=tuple(overrides))


_GENERIC_COMPOUNDS = frozenset({"machine-learning"})
_KNOWN_TOP = {"version", "date", "source", "scopes", "retired", "apis"}


def _list(data: Mapping[str, object], key: str, origin: str) -> list[Mapping[str, object]]:
    unknown = sorted(set(data) - _KNOWN_TOP)
    if unknown:
        raise CatalogError(f"{origin}: unknown catalog key(s) {', '.join(map(repr, unknown))}")
    items = data.get(key) or []
    if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
        raise CatalogError(f"{origin}: {key!r} must be a list of mappings")
    return items  # type: ignore[return-value]


def _need(item: Mapping[str, object], key: str, origin: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value:
        raise CatalogError(f"{origin}: entry {_entry(item)} needs a string {key!r}")
    return value


def _choice(item: Mapping[str, object], key: str, allowed: tuple[str, ...], default: str, origin: str) -> str:
    value = item.get(key, default)
    if value not in allowed:
        raise CatalogError(f"{origin}: {_entry(item)}: {key} must be one of {', '.join(allowed)}")
    return str(value)


def _bool(item: Mapping[str, object], key: str, origin: str) -> bool:
    value = item.get(key, False)
    if not isinstance(value, bool):
        raise CatalogError(f"{origin}: {_entry(item)}: {key} must be true or false")
    return value


def _strs(item: Mapping[str, object], key: str, origin: str = SHIPPED) -> tuple[str, ...]:
    value = item.get(key) or ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise CatalogError(f"{origin}: {_entry(item)}: {key} must be a string or a list of strings")
    return tuple(value)


def _text(item: Mapping[str, object], key: str, origin: str, default: str | None = None) -> str | None:
    """An optional string field; any other type is an error naming the field."""
    value = item.get(key)
    if value is None or value == "":
        return default
    if not isinstance(value, str):
        raise CatalogError(f"{origin}: {_entry(item)}: {key} must be a string, not {type(value).__name__}")
    return value


def _entry(item: Mapping[str, object]) -> str:
    from .located import short

    return short(item.get("name") or item.get("prefix"))


def _status(item: Mapping[str, object], origin: str) -> str:
    raw = item.get("status", DOCUMENTED)
    value = _LEGACY_STATUS.get(raw, raw) if isinstance(raw, str) else raw
    return _choice({**item, "status": value}, "status", STATUSES, DOCUMENTED, origin)


def _scope(item: Mapping[str, object], origin: str) -> Scope:
    name = _need(item, "name", origin)
    status = _status(item, origin)
    source = _text(item, "source", origin)
    if status == OBSERVED and not isinstance(source, str):
        raise CatalogError(f"{origin}: observed scope {_entry(item)} needs a string 'source' naming where it was seen")
    return Scope(
        name=name,
        group=_text(item, "group", origin, "Custom") or "Custom",
        description=_text(item, "description", origin, "") or "",
        access=_choice(item, "access", ACCESS, "write", origin),
        risk=_choice(item, "risk", RISKS, "medium", origin),
        service=_text(item, "service", origin),
        scim=_bool(item, "scim", origin),
        status=status,
        replacement=_text(item, "replacement", origin),
        source=source,  # type: ignore[arg-type]
        broader=_strs(item, "broader", origin),
        narrower=_strs(item, "narrower", origin),
        details=_text(item, "details", origin, "") or "",
        category=_text(item, "category", origin),
        permission=_text(item, "permission", origin),
        origin=origin,
    )


def _retired(item: Mapping[str, object], origin: str) -> Retired:
    return Retired(
        name=_need(item, "name", origin),
        status=_choice(item, "status", ("retired", "variant"), "retired", origin),
        replacement=_text(item, "replacement", origin),
        note=_text(item, "note", origin, "") or "",
        origin=origin,
    )


_PREFIX = lazy_re.compile(r"^/[A-Za-z0-9._~\-/{}]*$")


def _route(item: Mapping[str, object], origin: str) -> ApiRoute:
    prefix = _need(item, "prefix", origin)
    if not _PREFIX.match(prefix):
        raise CatalogError(f"{origin}: API prefix {_entry(item)} must be an absolute path")
    methods = item.get("methods")
    return ApiRoute(
        prefix=prefix,
        scopes=_strs(item, "scopes", origin),
        confidence=_choice(item, "confidence", CONFIDENCE, "INF", origin),
        gating=_choice(item, "gating", GATING, "scoped", origin),
        methods=tuple(m.upper() for m in _strs(item, "methods", origin)) if methods else None,
        note=_text(item, "note", origin, "") or "",
        origin=origin,
        segments=split_path(prefix),
    )


def build(data: Mapping[str, object], origin: str = SHIPPED) -> Catalog:
    empty = Catalog(version=str(data.get("version", "0")), date=str(data.get("date", "")),
                    source=str(data.get("source", "")), scopes={}, retired={}, routes=())
    cat = empty.merged(data, origin)
    return replace(cat, extensions=(), overrides=())


@functools.lru_cache(maxsize=None)
def shipped() -> Catalog:
    from . import packaged

    return build(packaged.load("catalog"))  # type: ignore[arg-type]


def load(extra: Iterable[str | Path] = ()) -> Catalog:
    """The shipped catalog with each extension file merged over it, in order."""
    cat = shipped()
    for path in extra:
        cat = cat.merged(read_extension(Path(path)), str(path))
    return cat


def read_extension(path: Path) -> Mapping[str, object]:
    from . import located
    from .inputs import MAX_CATALOG_SIZE, read_text

    try:
        text = read_text(path, MAX_CATALOG_SIZE)
    except OSError as exc:
        raise CatalogError(f"cannot read catalog {str(path)!r}: {exc.strerror or exc}") from None
    try:
        data = located.load(text, str(path), "json" if path.suffix == ".json" else "yaml")
    except located.ParseError as exc:
        raise CatalogError(f"cannot parse catalog {str(path)!r}: {exc.message} (line {exc.line}, column {exc.col})") from None
    if not isinstance(data, Mapping):
        raise CatalogError(f"catalog {str(path)!r} must be a mapping with 'scopes', 'retired' or 'apis'")
    return data
