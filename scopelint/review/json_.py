"""The review as JSON for tools: ``{"version": 1, "tool", "catalog", "file", "verdict", "policy",
"clients": [...]}``; keys sorted, byte-stable. Findings use the same fields as ``check --format json``."""
from __future__ import annotations

from dataclasses import asdict

from ..output import dumps
from .model import POLICY, LeastPrivilege, Report, Review, ScopeSection


def document(report: Report) -> dict[str, object]:
    cat = report.catalog
    return {
        "version": 1,
        "tool": {"name": "scopelint", "version": report.tool_version},
        "catalog": {"version": cat.version, "date": cat.date, "source": cat.source, "extensions": list(cat.extensions)},
        "file": report.file,
        "verdict": report.verdict,
        "policy": POLICY,
        "clients": [review(r) for r in report.reviews],
    }


def review(rev: Review) -> dict[str, object]:
    return {
        "name": rev.client,
        "origin": rev.origin,
        "where": rev.where,
        "grant_type": asdict(rev.grant_type) if rev.grant_type else None,
        "auth_method": asdict(rev.auth_method) if rev.auth_method else None,
        "redirect_uris": list(rev.redirect_uris),
        "verdict": rev.verdict,
        "reasons": [{"code": r.code, "text": r.text} for r in rev.reasons],
        "scopes": [scope(s) for s in rev.scopes],
        "risk_summary": [{"category": c.key, "label": c.label, "risk": c.risk or None,
                          "scopes": [{"scope": n, "risk": r or None} for n, r in c.scopes]} for c in rev.risk],
        "findings": [f.to_dict() for f in rev.findings],
        "rules": [{"code": r.code, "name": r.name, "summary": r.summary, "url": r.url} for r in rev.rules],
        "least_privilege": least(rev.least) if rev.least else None,
        "changes": {"ref": rev.changes.ref, "items": [asdict(i) for i in rev.changes.items]} if rev.changes else None,
    }


def scope(sec: ScopeSection) -> dict[str, object]:
    d = asdict(sec)
    d["apis"] = [{"prefix": a.prefix, "methods": list(a.methods) if a.methods else None,
                  "confidence": a.confidence, "note": a.note} for a in sec.apis]
    d["narrower"] = list(sec.narrower)
    if sec.permission is not None:
        d["permission"]["declared"] = list(sec.permission.declared)
    d["explain"] = d.pop("text")
    return d


def least(lp: LeastPrivilege) -> dict[str, object]:
    def call(c):
        return {"method": c.method, "path": c.path, "where": c.where}

    return {
        "paths": list(lp.paths),
        "files": lp.files,
        "suggested": list(lp.suggested),
        "add": list(lp.add),
        "drop": list(lp.drop),
        "narrow": [{"from": a, "to": b} for a, b in lp.narrow],
        "unjudged": list(lp.unjudged),
        "evidence": [{"scope": s, "calls": [call(c) for c in cs]} for s, cs in lp.evidence],
        "ungated": [call(c) for c in lp.ungated],
    }


def render(report: Report) -> str:
    return dumps(document(report))
