"""``scopelint catalog``: the catalog in force as a table, JSON or YAML."""
from __future__ import annotations

from .output import dumps


def as_data(cat) -> dict[str, object]:
    return {
        "version": cat.version,
        "date": cat.date,
        "source": cat.source,
        "extensions": list(cat.extensions),
        "overrides": list(cat.overrides),
        "scopes": [
            {"name": s.name, "group": s.group, "description": s.description, "access": s.access, "risk": s.risk,
             "service": s.service, "scim": s.scim, "status": s.status, "source": s.source, "replacement": s.replacement,
             "broader": list(s.broader), "narrower": list(s.narrower), "origin": s.origin,
             "apis": [r.prefix for r in cat.routes_of(s.name)]}
            for s in sorted(cat.scopes.values(), key=lambda s: s.name)
        ],
        "retired": [{"name": r.name, "status": r.status, "replacement": r.replacement, "origin": r.origin}
                    for r in sorted(cat.retired.values(), key=lambda r: r.name)],
        "apis": [{"prefix": r.prefix, "scopes": list(r.scopes), "confidence": r.confidence, "gating": r.gating,
                  "methods": list(r.methods) if r.methods else None, "origin": r.origin} for r in cat.routes],
    }


def render_catalog(cat, fmt: str) -> str:
    data = as_data(cat)
    if fmt == "json":
        return dumps(data, ensure_ascii=True)
    if fmt == "yaml":
        import yaml

        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    head_row = ("scope", "group", "access", "risk", "status", "service", "")
    rows = [(s["name"], s["group"], s["access"], s["risk"], s["status"], s["service"] or "-",
             "" if s["origin"] == "shipped" else f"extension: {s['origin']}") for s in data["scopes"]]
    widths = [max(len(str(r[i])) for r in rows + [head_row]) for i in range(len(head_row))]
    head = f"scopelint catalog {cat.version} ({cat.date}) from {cat.source}"
    if cat.extensions:
        head += f"\nextended by: {', '.join(cat.extensions)}"
    if cat.overrides:
        head += f"\nshipped scopes overridden: {', '.join(cat.overrides)}"
    lines = [head, ""]
    for row in [head_row] + rows:
        lines.append("  ".join(str(v).ljust(w) for v, w in zip(row, widths)).rstrip())
    lines.append("")
    observed = [s for s in data["scopes"] if s["status"] == "observed"]
    lines.append(f"{len(rows)} scopes, {len(data['retired'])} retired or variant spellings, {len(data['apis'])} API routes")
    if observed:
        lines.append(f"observed: {len(observed)} scope(s) used by public Celonis clients but not yet in the Celonis "
                     "documentation ('scopelint explain SCOPE' names the client)")
    return "\n".join(lines) + "\n"
