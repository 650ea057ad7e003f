"""Plain-text phrases shared by the Markdown and HTML reports (each escapes them its own way)."""
from __future__ import annotations

from ..catalog import OBSERVED
from .model import CATEGORIES, Api, Call, LeastPrivilege, PermissionNeed, ScopeSection, Setting

CALLS_SHOWN = 5


def setting(value: Setting | None) -> tuple[str | None, str]:
    """The value (``None``: not stated) and what to say after it."""
    if value is None:
        return None, "not stated"
    return value.value, " (default)" if value.default else ""


def status(sec: ScopeSection) -> str:
    if sec.status == "unknown":
        hint = f"; did you mean {sec.replacement!r}?" if sec.replacement else ""
        return f"not in the catalog{hint}"
    if sec.status in ("retired", "variant", "deprecated"):
        use = f"use {sec.replacement!r}" if sec.replacement else "no replacement"
        return f"{sec.status}: {use}"
    if sec.status == OBSERVED:
        return f"observed: not yet in the Celonis documentation (seen in {sec.source})"
    return sec.status


def risk(sec: ScopeSection) -> str:
    return sec.risk or "unknown"


def permission(need: PermissionNeed | None) -> str:
    if need is None:
        return "unknown"
    if need.status == "none":
        return "none documented"
    minimal = f" (minimal permission: {need.minimal})" if need.minimal else ""
    state = {
        "declared": f"declared ({', '.join(need.declared)})",
        "missing": "missing: the client declares no permission on this service",
        "scim-off": "declared without scim: true",
        "not-listed": "not stated: the client lists no permissions",
    }[need.status]
    return f"{need.service}{minimal}; {state}"


def scim(need: PermissionNeed | None) -> str:
    if need is None or not need.scim:
        return "not needed"
    if need.status in ("declared",):
        return "needed: User Provisioning permission with scim: true (declared)"
    return "needed: User Provisioning permission with scim: true (not declared)"


def api(item: Api) -> tuple[str, str]:
    """The route (with its methods, if restricted) and the confidence of the link."""
    methods = f" [{', '.join(item.methods)}]" if item.methods else ""
    return f"{item.prefix}{methods}", f" ({item.confidence})"


def category(key: str) -> str:
    return CATEGORIES.get(key, key)


def calls(items: tuple[Call, ...]) -> tuple[list[tuple[str, str]], int]:
    """The first calls as (request, where), and how many more there are."""
    shown = [(f"{c.method or 'ANY'} {c.path}", c.where) for c in items[:CALLS_SHOWN]]
    return shown, max(0, len(items) - CALLS_SHOWN)


def least_rows(least: LeastPrivilege) -> list[tuple[str, tuple[str, ...], str]]:
    """(change, scopes, detail) rows: what to narrow (from, to), drop and add."""
    rows = [("narrow", (a, b), f"{b!r} opens every call the code needs {a!r} for") for a, b in least.narrow]
    rows += [("drop", (s,), "opens no API the code calls") for s in least.drop]
    rows += [("add", (s,), "the code calls an API only it opens") for s in least.add]
    return rows


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
