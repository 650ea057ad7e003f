"""The review as one self-contained HTML file: inline CSS, no scripts, no external assets, links
only to documentation (the catalog's source page and the rule pages); every value escaped."""
from __future__ import annotations

from html import escape

from . import phrases as say
from .model import APPROVE, CHANGES, POLICY, LeastPrivilege, Report, Review, ScopeSection

CSS = (
    "body{font:15px/1.5 system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1f2328}"
    "table{border-collapse:collapse;margin:.5rem 0 1rem}"
    "th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}"
    "th{background:#f6f8fa}code{font:13px ui-monospace,monospace;background:#f6f8fa;padding:0 .2rem}"
    ".verdict{display:inline-block;padding:.2rem .7rem;border-radius:6px;font-weight:600}"
    ".approve{background:#dafbe1}.changes{background:#fff8c5}.reject{background:#ffebe9}"
    ".critical,.high{font-weight:600}.critical{color:#a40e26}.high{color:#bc4c00}"
)
_CLASS = {APPROVE: "approve", CHANGES: "changes"}


def c(value: str) -> str:
    return f"<code>{escape(value)}</code>"


def link(url: str, label: str) -> str:
    """A link to documentation; anything but an http(s) URL stays plain text."""
    if not url.startswith(("https://", "http://")):
        return escape(label)
    return f'<a href="{escape(url)}">{escape(label)}</a>'


def verdict(value: str) -> str:
    return f'<span class="verdict {_CLASS.get(value, "reject")}">{escape(value)}</span>'


def setting(value) -> str:
    shown, rest = say.setting(value)
    return (c(shown) if shown else "") + escape(rest)


def table(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """Cells are HTML already (escaped by the caller)."""
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>", "<tbody>"]
    out += ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows]
    return out + ["</tbody>", "</table>"]


def render(report: Report) -> str:
    cat = report.catalog
    title = f"Security review of {report.file}: {report.verdict}"
    extended = f", extended by {', '.join(c(e) for e in cat.extensions)}" if cat.extensions else ""
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f"<h1>Security review of {c(report.file)}: {verdict(report.verdict)}</h1>",
           f"<p>scopelint {escape(report.tool_version)}, scope catalog {escape(cat.version)} "
           f"({escape(cat.date)}) from {link(cat.source, 'the Celonis documentation')}{extended}</p>"]
    for rev in report.reviews:
        out += review(rev, cat.version)
    out += [f"<p>Verdict policy: {escape(POLICY)}</p>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def review(rev: Review, catalog: str) -> list[str]:
    rows = [("grant type", setting(rev.grant_type)), ("auth method", setting(rev.auth_method))]
    if rev.redirect_uris:
        rows.append(("redirect URIs", ", ".join(c(u) for u in rev.redirect_uris)))
    rows += [("scopes", ", ".join(c(s.name) for s in rev.scopes) or "none"), ("catalog", escape(catalog)),
             ("verdict", verdict(rev.verdict))]
    out = ["<section>", f"<h2>{c(rev.client)}: {verdict(rev.verdict)}</h2>"]
    out += table(("client", f"{c(rev.client)} at {c(rev.where)}"), rows)
    if rev.reasons:
        out += ["<p>Decided by:</p>", "<ul>"] + [f"<li>{escape(r.text)}</li>" for r in rev.reasons] + ["</ul>"]
    out += risk(rev) + [s for sec in rev.scopes for s in scope(sec)] + findings(rev)
    if rev.least is not None:
        out += least(rev.least)
    if rev.changes is not None:
        out.append(f"<h3>Changes since {c(rev.changes.ref)}</h3>")
        rows = [(escape(ch.kind), c(ch.subject), escape(ch.detail)) for ch in rev.changes.items]
        out += table(("change", "scope or setting", "detail"), rows) if rows else \
            ["<p>No change to scopes, justifications, grant type or auth method.</p>"]
    return out + ["</section>"]


def tier(value: str) -> str:
    return f'<span class="{escape(value)}">{escape(value)}</span>' if value else "unknown"


def risk(rev: Review) -> list[str]:
    rows = [(escape(cat.label), tier(cat.risk), ", ".join(f"{c(name)} ({tier(r)})" for name, r in cat.scopes))
            for cat in rev.risk]
    return ["<h3>Risk summary</h3>"] + (table(("category", "highest risk", "scopes"), rows) if rows else ["<p>No scopes.</p>"])


def scope(sec: ScopeSection) -> list[str]:
    out = [f"<h3>Scope {c(sec.name)}</h3>"] + [f"<p>{escape(p)}</p>" for p in (sec.description, sec.details) if p]
    rows = [("status", escape(say.status(sec)))]
    if sec.known:
        rows += [("group", escape(sec.group)), ("access", escape(sec.access)),
                 ("risk", f"{tier(sec.risk)} ({escape(say.category(sec.category))})"),
                 ("permission", escape(say.permission(sec.permission))), ("SCIM", escape(say.scim(sec.permission)))]
    rows.append(("justification", escape(sec.justification) if sec.justification else "<strong>none given</strong>"))
    if sec.known:
        rows.append(("narrower alternatives", ", ".join(c(n) for n in sec.narrower) or "none known"))
    out += table(("property", "value"), rows)
    if sec.known and sec.apis:
        out += ["<p>APIs it opens:</p>", "<ul>"] + [f"<li>{c(route)}{escape(conf)}</li>" for route, conf in map(say.api, sec.apis)] + ["</ul>"]
    elif sec.known:
        out.append("<p>APIs it opens: none published (usage cannot be checked from code)</p>")
    return out


def findings(rev: Review) -> list[str]:
    if not rev.findings:
        return ["<h3>Findings</h3>", "<p>No findings.</p>"]
    urls = {r.code: r.url for r in rev.rules}
    rows = [(escape(f.level), link(urls[f.code], f"{f.code} {f.name}") if f.code in urls else escape(f.code),
             c(f"{f.loc.path}:{f.loc.line}:{f.loc.col}"), escape(f.message), escape(f.hint or ""))
            for f in rev.findings]
    out = ["<h3>Findings</h3>"] + table(("level", "rule", "where", "message", "fix"), rows)
    return out + ["<ul>"] + [f"<li>{link(r.url, f'{r.code} {r.name}')}: {escape(r.summary)}</li>" for r in rev.rules] + ["</ul>"]


def least(lp: LeastPrivilege) -> list[str]:
    out = [f"<h3>Least privilege for the code under {', '.join(c(p) for p in lp.paths)}</h3>"]
    files = say.count(lp.files, "file")
    if not lp.evidence:
        return out + [f"<p>No Celonis API call whose scope the catalog knows was found ({files} with Celonis calls); "
                      "nothing to compare.</p>"]
    out.append(f"<p>The code needs {', '.join(c(s) for s in lp.suggested)} ({files} with Celonis calls).</p>")
    rows = [(kind, " → ".join(c(s) for s in scopes), escape(detail)) for kind, scopes, detail in say.least_rows(lp)]
    out += table(("change", "scope", "why"), rows) if rows else ["<p>The requested scopes match what the code needs.</p>"]
    out += table(("scope", "calls"), [(c(s), calls(cs)) for s, cs in lp.evidence])
    if lp.unjudged:
        out.append("<p>Not judged (no published API, so use cannot be seen in code): "
                   f"{', '.join(c(s) for s in lp.unjudged)}</p>")
    if lp.ungated:
        out.append(f"<p>Calls whose scope the catalog does not know: {calls(lp.ungated)}</p>")
    return out


def calls(items) -> str:
    shown, more = say.calls(items)
    return "; ".join(f"{c(call)} at {c(where)}" for call, where in shown) + (f"; and {more} more" if more else "")
