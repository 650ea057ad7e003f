"""Texts for ``scopelint explain``: a rule's page, or a scope's catalog entry."""
from __future__ import annotations

import os


def rule_page(rule) -> str:
    """The rule's Markdown page as shipped, or its docstring when the page is missing."""
    name = f"{rule.CODE}-{rule.NAME}.md"
    from .packaged import DATA

    try:
        with open(os.path.join(DATA, "rules", name), encoding="utf-8") as fh:
            return fh.read()
    except OSError:
        import inspect

        return f"# {rule.CODE} {rule.NAME}\n\n{inspect.cleandoc(rule.__doc__ or rule.NAME)}\n"


def scope_text(scope, catalog) -> str:
    routes = catalog.routes_of(scope.name)
    lines = [
        f"# {scope.name}",
        "",
        scope.description,
        "",
        f"- group: {scope.group}",
        f"- access: {scope.access}",
        f"- risk: {scope.risk}",
        f"- permission service: {scope.service or 'none documented'}" + (" (SCIM must be enabled)" if scope.scim else ""),
    ]
    if scope.permission:
        lines.append(f"- minimal permission: {scope.permission}")
    if scope.broader:
        lines.append(f"- broader: {', '.join(scope.broader)}")
    if scope.narrower:
        lines.append(f"- narrower: {', '.join(scope.narrower)}")
    lines.append(f"- status: {status_text(scope)}")
    if scope.source:
        lines.append(f"- seen in: {scope.source}")
    if scope.origin != "shipped":
        lines.append(f"- defined by: {scope.origin}")
    if scope.details:
        lines += ["", scope.details]
    lines += ["", "APIs it opens:" if routes else "APIs it opens: none published (usage cannot be checked from code)"]
    for r in routes:
        methods = f" [{', '.join(r.methods)}]" if r.methods else ""
        lines.append(f"  {r.prefix}{methods}  ({r.confidence})")
    return "\n".join(lines) + "\n"


def status_text(scope) -> str:
    """The status of a catalog scope in words: shared by ``explain``, ``catalog`` and ``review``."""
    if scope.observed:
        return "observed (not yet in the Celonis documentation; used by a public Celonis client)"
    if scope.replacement:
        return f"{scope.status} (use {scope.replacement})"
    return scope.status


def explain_text(name: str) -> str | None:
    from . import catalog
    from .rules import BY_CODE, BY_NAME

    rule = BY_CODE.get(name.upper()) or BY_NAME.get(name.lower())
    if rule is not None:
        return rule_page(rule)
    cat = catalog.shipped()
    if name in cat.scopes:
        return scope_text(cat.scopes[name], cat)
    if name in cat.retired:
        return retired_text(cat.retired[name])
    return None


def retired_text(entry) -> str:
    repl = f"use {entry.replacement!r}" if entry.replacement else "no replacement"
    return f"# {entry.name}\n\n{entry.status}: {repl}. {entry.note}\n"


def closest(name: str) -> str | None:
    """A rule name or scope close to ``name``, for the "did you mean" of a failed look-up."""
    import difflib

    from . import catalog
    from .rules import BY_NAME

    hit = catalog.shipped().closest(name)
    if hit is None:
        names = difflib.get_close_matches(name.lower(), sorted(BY_NAME), n=1, cutoff=0.75)
        hit = names[0] if names else None
    return hit
