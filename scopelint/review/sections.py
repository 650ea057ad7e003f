"""Per-scope sections, the risk summary and the rule texts of a review, all read from the
catalog and the rules: the same sources ``scopelint explain`` prints."""
from __future__ import annotations

from collections.abc import Iterable

from ..catalog import RISKS, Catalog, Scope
from ..explain import retired_text, rule_page, scope_text
from ..findings import Finding
from ..model import Client
from ..rules import BY_CODE, summary
from ..rules._common import service_key
from .model import CATEGORIES, Api, Category, PermissionNeed, RuleText, ScopeSection


def scope_sections(client: Client, catalog: Catalog) -> tuple[ScopeSection, ...]:
    return tuple(section(ref.name, client, catalog) for ref in client.unique_refs)


def section(name: str, client: Client, catalog: Catalog) -> ScopeSection:
    given = client.justification.get(name)
    justification = given.value if given else None
    scope = catalog.scopes.get(name)
    if scope is None:
        retired = catalog.retired.get(name)
        if retired is None:
            return ScopeSection(name, False, "unknown", "", replacement=catalog.closest(name),
                                justification=justification)
        return ScopeSection(name, False, retired.status, retired_text(retired),
                            replacement=retired.replacement, description=retired.note,
                            justification=justification)
    return ScopeSection(
        name, True, scope.status, scope_text(scope, catalog), replacement=scope.replacement,
        group=scope.group, description=scope.description, details=scope.details, access=scope.access,
        risk=scope.risk, category=scope.category or "other",
        apis=tuple(Api(r.prefix, r.methods, r.confidence, r.note) for r in catalog.routes_of(name)),
        permission=permission_need(scope, client), justification=justification,
        narrower=narrower_of(name, catalog), source=scope.source,
    )


def narrower_of(name: str, catalog: Catalog) -> tuple[str, ...]:
    """The catalog's narrower scopes, then every scope listed before ``name`` on one of its routes:
    on a route whose scopes are only inferred, one whose name says it is a part of ``name``
    (``studio.packages:read`` of ``studio``); another scope beside it there (``package-manager``)
    is an alternative of unknown reach, not a narrower one."""
    scope = catalog.scopes.get(name)
    out = list(scope.narrower) if scope else []
    for route in catalog.routes_of(name):
        for other in route.scopes[: route.scopes.index(name)]:
            if not route.confirmed and not other.startswith((name + ".", name + ":")):
                continue
            if other not in out:
                out.append(other)
    return tuple(out)


def permission_need(scope: Scope, client: Client) -> PermissionNeed:
    if not scope.service:
        return PermissionNeed(None, scope.permission, scope.scim, "none")
    if client.permissions is None:
        return PermissionNeed(scope.service, scope.permission, scope.scim, "not-listed")
    key = service_key(scope.service)
    matching = [p for p in client.permissions if service_key(p.service) == key]
    templates = tuple(p.template or "(no template)" for p in matching)
    if not matching:
        status = "missing"
    elif scope.scim and not any(p.scim for p in matching):
        status = "scim-off"
    else:
        status = "declared"
    return PermissionNeed(scope.service, scope.permission, scope.scim, status, templates)


def risk_summary(sections: Iterable[ScopeSection]) -> tuple[Category, ...]:
    """Scopes grouped by review category, the category with the highest risk tier first."""
    groups: dict[str, list[ScopeSection]] = {}
    for sec in sections:
        groups.setdefault(sec.category, []).append(sec)
    cats = [Category(key, max((s.risk for s in items), key=_rank), tuple((s.name, s.risk) for s in items))
            for key, items in groups.items()]
    order = list(CATEGORIES)
    return tuple(sorted(cats, key=lambda c: (-_rank(c.risk), order.index(c.key) if c.key in order else len(order))))


def _rank(risk: str) -> int:
    return RISKS.index(risk) if risk in RISKS else -1


def rule_texts(findings: Iterable[Finding]) -> tuple[RuleText, ...]:
    codes = sorted({f.code for f in findings if f.code in BY_CODE})
    return tuple(RuleText(c, BY_CODE[c].NAME, summary(BY_CODE[c]), rule_page(BY_CODE[c])) for c in codes)
