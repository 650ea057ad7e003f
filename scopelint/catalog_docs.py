"""``scopelint catalog --from-docs FILE``: compare a saved copy of the Celonis docs page with the catalog.

The page is "Registering your OAuth client in the Celonis Platform"; its "OAuth scopes" section
holds the scope table (scope group, scope, description, additional details). A saved copy is
either the page's HTML or its text (as a browser's "save as text" or a text-mode browser writes
it). Only the scope names and their descriptions are compared:

- ``added``: on the page, not in the catalog in force;
- ``gone``: a documented catalog scope the page no longer lists;
- ``renamed``: a gone and an added scope with the same description;
- ``changed``: a scope on both sides whose description differs (whitespace and quote style aside);
- ``now documented``: an observed scope that the page now lists.

Observed scopes were never on the page, so their absence is no difference: they are counted,
not listed. The file is read as data only: never executed, never fetched, nothing resolved.
"""
from __future__ import annotations

import stat
from html.parser import HTMLParser
from pathlib import Path

from . import lazy_re
from .catalog import DOCUMENTED, Catalog
from .records import field, record

MAX_PAGE_BYTES = 8 * 1024 * 1024  # the real page is about 60 KB as HTML

# a scope string as the docs spell them: lower case, dots and one optional ":suffix"
SCOPE_NAME = lazy_re.compile(r"[a-z][a-z0-9-]*(?:\.[a-z0-9_-]+)*(?::[a-z0-9_-]+)?")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


class DocsPageError(ValueError):
    """A page that cannot be read or holds no scope table; the message names the file."""


@record
class DocScope:
    name: str
    description: str
    group: str = ""


@record
class DocsDiff:
    added: tuple[DocScope, ...] = ()
    gone: tuple[str, ...] = ()
    renamed: tuple[tuple[str, DocScope], ...] = ()  # (catalog name, page entry)
    changed: tuple[tuple[str, str, str], ...] = ()  # (name, catalog description, page description)
    now_documented: tuple[str, ...] = ()
    observed: tuple[str, ...] = field(default=())  # observed scopes the page does not list (no difference)
    page_count: int = 0

    @property
    def differs(self) -> bool:
        return bool(self.added or self.gone or self.renamed or self.changed or self.now_documented)


def normal(text: str) -> str:
    """A description as compared: quotes unified, whitespace collapsed."""
    return " ".join(text.translate(_QUOTES).split())


# --- reading the page -------------------------------------------------------------------------

def read_page(path: Path) -> tuple[DocScope, ...]:
    """The scope table of a saved docs page (HTML or text), in page order."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise DocsPageError(f"{str(path)!r} is not a regular file")
        if info.st_size > MAX_PAGE_BYTES:
            raise DocsPageError(f"{str(path)!r} is larger than {MAX_PAGE_BYTES // (1024 * 1024)} MB: not a saved docs page")
        data = path.read_bytes()
    except OSError as exc:
        raise DocsPageError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    scopes = parse_html(text) if looks_like_html(text) else parse_text(text)
    if not scopes:
        raise DocsPageError(f"{str(path)!r} holds no scope table (expected the Celonis page "
                            "'Registering your OAuth client in the Celonis Platform', saved as HTML or text)")
    return scopes


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:4096].lower()
    return head.startswith("<") or "<html" in head or "<table" in text.lower()


def _dedupe(items: list[DocScope]) -> tuple[DocScope, ...]:
    seen: dict[str, DocScope] = {}
    for item in items:
        seen.setdefault(item.name, item)
    return tuple(seen.values())


def parse_text(text: str) -> tuple[DocScope, ...]:
    """The scope table of the page's text: cells are unindented lines, lists inside cells indented.

    A scope row is a line that is exactly a scope name, followed by its description (the next
    unindented line, which starts with a capital). A short capitalised line right before a scope
    line that is not the previous row's description is the scope group.
    """
    lines = [line.translate(_QUOTES).rstrip() for line in text.splitlines()]
    start = next((i + 1 for i, line in enumerate(lines) if line.strip() == "Additional details"), 0)
    cells: list[str] = []
    for line in lines[start:]:
        if line.strip() == "Related topics":
            break
        if line.strip() and not line[:1].isspace():
            cells.append(line.strip())
    out: list[DocScope] = []
    group, last_description = "", None
    for i, cell in enumerate(cells):
        if not SCOPE_NAME.fullmatch(cell):
            continue
        following = cells[i + 1] if i + 1 < len(cells) else ""
        if not following[:1].isupper():
            continue
        before = cells[i - 1] if i > 0 else ""
        if (before and before != last_description and len(before) <= 40 and before[:1].isupper()
                and not before.endswith((".", ":")) and not SCOPE_NAME.fullmatch(before)):
            group = before
        out.append(DocScope(cell, normal(following), group))
        last_description = following
    return _dedupe(out)


class _Tables(HTMLParser):
    """Rows of table cells as plain text; script and style are skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._skip = 0
        self._depth = 0  # nested tables: only the outermost cell collects

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "table":
            self._depth += 1
        elif tag == "tr" and self._depth == 1:
            self._end_row()
            self._row = []
        elif tag in ("td", "th") and self._depth == 1 and self._row is not None:
            self._end_cell()
            self._cell = []
        elif tag in ("br", "p", "li", "div") and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "table":
            if self._depth == 1:
                self._end_row()
            self._depth = max(0, self._depth - 1)
        elif tag == "tr" and self._depth == 1:
            self._end_row()
        elif tag in ("td", "th") and self._depth == 1:
            self._end_cell()

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skip:
            self._cell.append(data)

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row:
            self.rows.append(self._row)
        self._row = None


def parse_html(text: str) -> tuple[DocScope, ...]:
    """The scope table of the page's HTML: in each row, the first cell that is exactly a scope
    name, the cell after it as the description, the cell before it (or the last one seen, under
    a ``rowspan``) as the group."""
    parser = _Tables()
    parser.feed(text)
    parser.close()
    out: list[DocScope] = []
    group = ""
    for row in parser.rows:
        for i, cell in enumerate(row):
            if SCOPE_NAME.fullmatch(cell) and i + 1 < len(row) and row[i + 1][:1].isupper():
                if i > 0 and row[i - 1]:
                    group = row[i - 1]
                out.append(DocScope(cell, normal(row[i + 1]), group))
                break
    return _dedupe(out)


# --- comparing --------------------------------------------------------------------------------

def compare(page: tuple[DocScope, ...], cat: Catalog) -> DocsDiff:
    on_page = {s.name: s for s in page}
    documented = {n: s for n, s in cat.scopes.items() if not s.observed}
    observed = {n for n, s in cat.scopes.items() if s.observed}
    added = [s for s in page if s.name not in cat.scopes]
    gone = sorted(n for n in documented if n not in on_page)
    renamed: list[tuple[str, DocScope]] = []
    for old in list(gone):
        same = [s for s in added if normal(s.description) == normal(documented[old].description)]
        if len(same) == 1:
            renamed.append((old, same[0]))
            gone.remove(old)
            added.remove(same[0])
    changed = [(n, documented[n].description, on_page[n].description) for n in sorted(documented)
               if n in on_page and normal(documented[n].description) != normal(on_page[n].description)]
    return DocsDiff(
        added=tuple(sorted(added, key=lambda s: s.name)), gone=tuple(gone),
        renamed=tuple(sorted(renamed)), changed=tuple(changed),
        now_documented=tuple(sorted(n for n in observed if n in on_page)),
        observed=tuple(sorted(n for n in observed if n not in on_page)), page_count=len(page),
    )


# --- output -----------------------------------------------------------------------------------

def render_text(diff: DocsDiff, cat: Catalog, page: str) -> str:
    head = f"{page}: {diff.page_count} scopes on the page; catalog {cat.label} ({cat.date})"
    lines = [head]
    if not diff.differs:
        lines.append("no difference: every documented scope and description matches the catalog")
    for s in diff.added:
        lines.append(f"added: {s.name} ({s.group or 'no group'}): {s.description}")
    for name in diff.gone:
        lines.append(f"gone: {name} (in the catalog, no longer on the page)")
    for old, new in diff.renamed:
        lines.append(f"renamed: {old} -> {new.name} (same description)")
    for name, was, now in diff.changed:
        lines.append(f"changed: {name}\n    catalog: {was}\n    page:    {now}")
    for name in diff.now_documented:
        lines.append(f"now documented: {name} (observed in the catalog; the page now lists it)")
    if diff.observed:
        lines.append(f"({len(diff.observed)} observed scope(s) in the catalog are not on the page, as expected: "
                     "they are used by public Celonis clients, not documented)")
    return "\n".join(lines) + "\n"


def render_json(diff: DocsDiff, cat: Catalog, page: str) -> str:
    from .output import dumps

    data = {
        "page": page, "catalog": cat.label, "catalog_date": cat.date, "page_scopes": diff.page_count,
        "differs": diff.differs,
        "added": [{"name": s.name, "group": s.group, "description": s.description} for s in diff.added],
        "gone": list(diff.gone),
        "renamed": [{"from": old, "to": new.name, "description": new.description} for old, new in diff.renamed],
        "changed": [{"name": n, "catalog": was, "page": now} for n, was, now in diff.changed],
        "now_documented": list(diff.now_documented),
        "observed_not_on_page": list(diff.observed),
    }
    return dumps(data, ensure_ascii=True)


def guess_access(name: str) -> str:
    """Access judged from the name alone, as the catalog header describes: only ``:read`` and
    ``:query`` are read-only."""
    return "read" if name.endswith((":read", ":query")) else "write"


def render_extension(diff: DocsDiff, cat: Catalog, page: str) -> str:
    """The added (and renamed-to) scopes as a catalog extension for ``--catalog``."""
    import yaml

    new = sorted([*diff.added, *(n for _, n in diff.renamed)], key=lambda s: s.name)
    entries = []
    for s in new:
        access = guess_access(s.name)
        entries.append({"name": s.name, "group": s.group or "Custom", "description": s.description,
                        "access": access, "risk": "low" if access == "read" else "medium",
                        "status": DOCUMENTED})
    header = (f"# Scopes on {page} that catalog {cat.label} ({cat.date}) does not have.\n"
              "# Access and risk are judged from the name only: review them before use.\n"
              "# Use with: scopelint check --catalog THIS_FILE (or the config key 'catalog').\n")
    return header + yaml.safe_dump({"scopes": entries}, sort_keys=False, allow_unicode=True, width=1000)
