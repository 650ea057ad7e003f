"""The review as GitHub-flavoured Markdown for a pull-request comment: headings, tables and lists,
no raw HTML; every value from the reviewed files is escaped or put in a code span."""
from __future__ import annotations


from .. import lazy_re
from . import phrases as say
from .model import POLICY, LeastPrivilege, Report, Review, ScopeSection

_SPECIAL = lazy_re.compile(r"([\\`*_\[\]<>|~&#!])")


def text(value: str) -> str:
    """Plain text that renders as itself: Markdown and HTML syntax escaped, one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(value.split()))


_TICKS = lazy_re.compile("`+")


def code(value: str) -> str:
    """A code span that holds ``value`` whatever it contains: fenced with a backtick run longer than
    any in it, padded with a space on each side (which CommonMark strips) when it holds a backtick,
    so no run inside can close the span early and nothing in it renders as Markdown or HTML."""
    value = " ".join(value.split()).replace("|", "\\|")
    if not value:
        return "` `"
    fence = "`" * (max((len(run) for run in _TICKS.findall(value)), default=0) + 1)
    pad = " " if "`" in value else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def link(url: str, label: str) -> str:
    """A link to documentation; anything but a plain http(s) URL stays text."""
    if not url.startswith(("https://", "http://")) or any(ch in url for ch in " \t\n()<>"):
        return text(label)
    return f"[{text(label)}]({url})"


def setting(value) -> str:
    shown, rest = say.setting(value)
    return (code(shown) if shown else "") + rest


def table(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return out + [""]


def render(report: Report) -> str:
    cat = report.catalog
    lines = [f"# Security review of {code(report.file)}: {report.verdict}", "",
             f"scopelint {report.tool_version}, scope catalog {text(cat.version)} ({text(cat.date)}) "
             f"from {link(cat.source, 'the Celonis documentation')}"
             + (f", extended by {', '.join(code(e) for e in cat.extensions)}" if cat.extensions else ""), ""]
    for rev in report.reviews:
        lines += review(rev, cat.version)
    lines += [f"Verdict policy: {text(POLICY)}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def review(rev: Review, catalog: str) -> list[str]:
    head = ("client", f"{code(rev.client)} at {code(rev.where)}")
    rows = [("grant type", setting(rev.grant_type)), ("auth method", setting(rev.auth_method))]
    if rev.redirect_uris:
        rows.append(("redirect URIs", ", ".join(code(u) for u in rev.redirect_uris)))
    rows += [("scopes", ", ".join(code(s.name) for s in rev.scopes) or "none"),
             ("catalog", text(catalog)), ("verdict", f"**{rev.verdict}**")]
    out = [f"## {code(rev.client)}: {rev.verdict}", ""] + table(head, rows)
    if rev.reasons:
        out += ["Decided by:", ""] + [f"- {text(r.text)}" for r in rev.reasons] + [""]
    out += risk(rev) + [s for sec in rev.scopes for s in scope(sec)] + findings(rev)
    if rev.least is not None:
        out += least(rev.least)
    if rev.changes is not None:
        out += [f"### Changes since {code(rev.changes.ref)}", ""]
        rows = [(text(c.kind), code(c.subject), text(c.detail)) for c in rev.changes.items]
        out += table(("change", "scope or setting", "detail"), rows) if rows else \
            ["No change to scopes, justifications, grant type or auth method.", ""]
    return out


def risk(rev: Review) -> list[str]:
    rows = [(text(c.label), f"**{text(c.risk or 'unknown')}**", ", ".join(
        f"{code(name)} ({text(tier or 'unknown')})" for name, tier in c.scopes)) for c in rev.risk]
    return ["### Risk summary", ""] + (table(("category", "highest risk", "scopes"), rows) if rows else ["No scopes.", ""])


def scope(sec: ScopeSection) -> list[str]:
    out = [f"### Scope {code(sec.name)}", ""]
    out += [text(p) + "\n" for p in (sec.description, sec.details) if p]
    rows = [("status", text(say.status(sec)))]
    if sec.known:
        rows += [("group", text(sec.group)), ("access", text(sec.access)),
                 ("risk", f"**{text(sec.risk)}** ({text(say.category(sec.category))})"),
                 ("permission", text(say.permission(sec.permission))), ("SCIM", text(say.scim(sec.permission)))]
    rows.append(("justification", text(sec.justification) if sec.justification else "**none given**"))
    if sec.known:
        rows.append(("narrower alternatives", ", ".join(code(n) for n in sec.narrower) or "none known"))
    out += table(("property", "value"), rows)
    if sec.known:
        out += ["APIs it opens:" if sec.apis else "APIs it opens: none published (usage cannot be checked from code)", ""]
        out += [f"- {code(route)} {text(conf)}" for route, conf in map(say.api, sec.apis)] + ([""] if sec.apis else [])
    return out


def findings(rev: Review) -> list[str]:
    if not rev.findings:
        return ["### Findings", "", "No findings.", ""]
    urls = {r.code: r.url for r in rev.rules}
    rows = [(f.level, link(urls[f.code], f"{f.code} {f.name}") if f.code in urls else text(f.code),
             code(f"{f.loc.path}:{f.loc.line}:{f.loc.col}"), text(f.message), text(f.hint or ""))
            for f in rev.findings]
    out = ["### Findings", ""] + table(("level", "rule", "where", "message", "fix"), rows)
    return out + [f"- {link(r.url, f'{r.code} {r.name}')}: {text(r.summary)}" for r in rev.rules] + [""]


def least(lp: LeastPrivilege) -> list[str]:
    out = [f"### Least privilege for the code under {', '.join(code(p) for p in lp.paths)}", ""]
    if not lp.evidence:
        return out + [f"No Celonis API call whose scope the catalog knows was found "
                      f"({say.count(lp.files, 'file')} with Celonis calls); nothing to compare.", ""]
    out += [f"The code needs {', '.join(code(s) for s in lp.suggested)} "
            f"({say.count(lp.files, 'file')} with Celonis calls).", ""]
    rows = [(kind, " → ".join(code(s) for s in scopes), text(detail)) for kind, scopes, detail in say.least_rows(lp)]
    out += table(("change", "scope", "why"), rows) if rows else ["The requested scopes match what the code needs.", ""]
    out += table(("scope", "calls"), [(code(s), calls(cs)) for s, cs in lp.evidence])
    if lp.unjudged:
        out += [f"Not judged (no published API, so use cannot be seen in code): "
                f"{', '.join(code(s) for s in lp.unjudged)}", ""]
    if lp.ungated:
        out += [f"Calls whose scope the catalog does not know: {calls(lp.ungated)}", ""]
    return out


def calls(items) -> str:
    shown, more = say.calls(items)
    return "; ".join(f"{code(call)} at {code(where)}" for call, where in shown) + (f"; and {more} more" if more else "")
