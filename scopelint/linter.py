"""``lint(paths, config) -> list[Finding]``: discover, extract, build the project, run the rules,
then apply levels, per-path ignores and inline suppressions in one place. Never prints or exits."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence

from . import catalog as catalog_mod
from . import masking
from . import phases
from .config import Config
from .discovery import Entry, Excluded, Skipped, repository_root, walk
from .findings import Finding, Location
from .globs import matches, relative
from .model import FileFacts, Suppression
from .project import CodeLink, Project
from .parallel import extract
from .records import field, record

SUPPRESSION_CODE = "SL000"


@record(frozen=False)
class Result:
    """What a run found, passed over and read."""

    findings: list[Finding]
    suppressed: list[Finding]
    notes: list[tuple[str, str]]  # (path, why): files passed over or not read
    missing: list[str]  # paths given that do not exist
    files: int
    catalog: catalog_mod.Catalog
    project: Project | None = field(default=None, repr=False)
    baselined: int = 0  # findings left out because a baseline lists them
    excluded: list[tuple[str, str]] = field(default_factory=list)  # (folder, what it was taken for): default excludes


def lint(paths: Sequence[str] = (".",), config: Config | None = None) -> list[Finding]:
    """The findings for ``paths`` (suppressed ones left out). Raises ``ConfigError``/``CatalogError``
    for bad configuration; never prints or exits."""
    return run(paths, config).findings


def run(paths: Sequence[str] = (".",), config: Config | None = None,
        progress: Callable[[str], None] | None = None, link: CodeLink | None = None) -> Result:
    """Lint ``paths`` (with the configuration found for them when ``config`` is None).
    ``progress``, when given, is told what stage the run is in (the CLI shows it on a terminal);
    the run itself never prints. ``link`` gives one client the code under some paths."""
    from .config import for_paths

    paths = list(paths) or ["."]
    if config is None:
        config = for_paths(paths)
    catalog = catalog_mod.load(config.catalogs)
    notes: list[tuple[str, str]] = []
    missing: list[str] = []
    scanned: list[str] = []
    excluded: list[tuple[str, str]] = []

    def entries() -> Iterator[Entry]:
        for item in phases.summed("walk", walk(paths, config.exclude, config.follow_symlinks)):
            if isinstance(item, Excluded):
                excluded.append((item.path, item.reason))
            elif isinstance(item, Skipped):
                (missing if item.reason == "no such file or directory" else notes).append(
                    item.path if item.reason == "no such file or directory" else (item.path, item.reason))
            else:
                scanned.append(item.path)
                yield item

    if progress is not None:
        progress("reading files")
    phases.mark("run")
    root, judged = code_roots(paths, config)
    files, count = extract(entries(), config, catalog, judged)
    masking.hide_in_facts(files, masking.found(files))  # what suggest and review show of a call, too
    phases.mark("extracted")
    for facts in files:
        notes.extend((p.loc.path, p.message) for p in facts.problems  # an unread client file is never silent
                     if p.kind == "skipped" or p.kind == "unread" and not config.enabled(SUPPRESSION_CODE))
    whole = any(os.path.isdir(p) for p in paths)  # a list of files (pre-commit) cannot show a glob matches nothing
    project = Project.build(files, catalog, root, scanned if whole else None, link)
    raw = check(project, config)
    findings, suppressed = finish(raw, project, config)
    phases.mark("checked")
    return Result(findings, suppressed, sorted(set(notes)), missing, count, catalog, project,
                  excluded=sorted(set(excluded)))


def code_roots(paths: Sequence[str], config: Config) -> tuple[str, str]:
    """The folder ``code`` globs are relative to: the configuration file's, else the git work tree's
    top, else the path given; and the folder test paths are judged below: the same where a top was
    found (a configuration file's folder, a work tree's top), else as ``repository_root`` says (a
    ``tests/`` folder linted alone is tests all the same)."""
    if config.path is not None and os.path.isfile(config.path):
        return config.base, config.base
    return repository_root(list(paths))


def check(project: Project, config: Config) -> list[Finding]:
    if not project.files:  # nothing was read that a rule reads (tests/test_meta.py holds every rule to it):
        return []  # the rules are not even loaded, as in most pre-commit runs
    from .rules import RULES

    out: list[Finding] = []
    version = project.catalog.label
    for rule in RULES:
        if not config.enabled(rule.CODE):
            continue
        options = config.options_for(rule.CODE, getattr(rule, "OPTIONS", {}))
        for finding in rule.check(project, options):
            level = config.levels.get(rule.CODE) or finding.level or rule.LEVEL
            out.append(finding.with_(name=rule.NAME, level=level, catalog_version=version))
    return out


def finish(raw: Iterable[Finding], project: Project, config: Config) -> tuple[list[Finding], list[Finding]]:
    by_path = {f.path: f for f in project.files}
    shown = _Shown(by_path)
    unique = {(f.loc, f.code, f.message): f for f in raw}  # two problems at one place are both kept
    kept = [shown(f) for f in unique.values() if not _path_ignored(f, config)]
    if config.no_ignores:
        return sorted(kept), []
    active, suppressed, used = _suppress(kept, by_path)
    active.extend(shown(f) for f in _suppression_findings(project, used, config))
    return sorted(active), sorted(suppressed)


def _path_ignored(finding: Finding, config: Config) -> bool:
    for glob, codes in config.per_path_ignores:
        rel = relative(finding.loc.path, config.base)
        if rel is not None and matches(rel, (glob,)) and any(finding.code.startswith(c) or c == "ALL" for c in codes):
            return True
    return False


SHOWN = 400  # the characters of a source line a finding keeps


class _Shown:
    """Every finding as it is shown: its source line with each secret on it masked, and its message,
    hint and line without URL credentials. Each line is worked out once, however many findings it
    has, and each file's secrets are put by line once: a file of thousands of secrets, all on one
    line, costs no more than reading it."""

    def __init__(self, by_path: dict[str, FileFacts]) -> None:
        from .extractors.recognition.urls import strip_secrets

        self.strip = strip_secrets
        self.by_path = by_path
        self.secrets: dict[str, dict[int, list[Location]]] = {}
        self.lines: dict[tuple[str, int], str] = {}
        self._found: masking.Hider | None = None  # every secret the run found (``masking.found``), made when first asked

    def __call__(self, finding: Finding) -> Finding:
        snippet = self.snippet(finding.loc.path, finding.loc.line)
        if self._found is None:
            self._found = masking.found(self.by_path.values())
        found = self._found

        def hide(text: str) -> str:  # no message, hint or scope shows a secret the run found, whichever quotes it
            return found(self.strip(text))

        fix = finding.fix
        if fix is not None and found and any(found.holds(e.text) for e in fix.edits):
            fix = None  # an edit that would write a secret out again (a secret passed as the scope, lower-cased)
        if fix is not None and finding.loc.path in self.by_path and not self.by_path[finding.loc.path].fixable:
            fix = None  # a file --fix will not write (UTF-16, Latin-1, classic Mac line ends): no fix to offer
        return finding.with_(message=hide(finding.message), hint=finding.hint and hide(finding.hint),
                             scope=finding.scope and hide(finding.scope), fix=fix,
                             snippet=self.strip(finding.snippet) if snippet is None else snippet,
                             snippet_col=0 if snippet is None else self.column(finding.loc))

    def column(self, loc: Location) -> int:
        """``loc``'s column in its line as shown, each secret before it masked shorter than it is."""
        col = loc.col
        for span in self.secrets.get(loc.path, {}).get(loc.line, ()):
            if span.end_col is not None and span.end_col <= loc.col:
                col -= (span.end_col - span.col) - _stars(span.end_col - span.col)
        return col

    def snippet(self, path: str, number: int) -> str | None:
        """The line shown for ``path:number``; None when the file's lines are not at hand."""
        key = (path, number)
        if key not in self.lines:
            facts = self.by_path.get(path)
            if facts is None or not facts.lines or not 0 < number <= len(facts.lines):
                return None
            if path not in self.secrets:
                by_line: dict[int, list[Location]] = {}
                for s in facts.secrets:
                    by_line.setdefault(s.loc.line, []).append(s.loc)
                self.secrets[path] = by_line
            self.lines[key] = self.strip(mask(facts.lines[number - 1], number, self.secrets[path].get(number, ())))
        return self.lines[key]


def _stars(width: int) -> int:
    """How many stars stand for a secret of ``width`` characters: a few, whatever its length."""
    return min(8, max(3, width))


def mask(line: str, number: int, secrets: Iterable[Location]) -> str:
    """Line ``number`` with each secret on it (``secrets``, their locations) replaced by a few stars,
    in one pass from the left; no line at all when a secret's extent on it is unknown."""
    spans = []
    for loc in secrets:
        if loc.end_col is None or loc.end_line not in (None, number):
            return ""
        spans.append((loc.col - 1, loc.end_col - 1))
    out: list[str] = []
    at = size = 0
    for start, end in sorted(spans):
        if size >= SHOWN:
            break
        if start < at:  # overlaps one masked already: mask on to its end
            at = max(at, end)
            continue
        out += (line[at:start], "*" * _stars(end - start))
        size += start - at + _stars(end - start)
        at = end
    out.append(line[at:at + SHOWN])
    return "".join(out)[:SHOWN]


def _suppress(findings: list[Finding], by_path: dict[str, FileFacts]
              ) -> tuple[list[Finding], list[Finding], set[Suppression]]:
    active, suppressed, used = [], [], set()
    by_line: dict[str, dict[int, list[tuple[int, Suppression]]]] = {}  # each file's suppressions by line, once
    for finding in findings:
        path = finding.loc.path
        if path not in by_line:
            lines: dict[int, list[tuple[int, Suppression]]] = {}
            for n, sup in enumerate(by_path[path].suppressions if path in by_path else ()):
                for covered in range(sup.loc.line, max(sup.loc.line, sup.through) + 1):  # a block scalar's lines too
                    lines.setdefault(covered, []).append((n, sup))
            by_line[path] = lines
        hit = _matching(finding, by_line[path])
        if hit is None:
            active.append(finding)
        else:
            used.add(hit)
            suppressed.append(finding.with_(suppressed=True, suppression_reason=hit.reason or None))
    return active, suppressed, used


def _matching(finding: Finding, by_line: dict[int, list[tuple[int, Suppression]]]) -> Suppression | None:
    """The first suppression in the file, on the finding's line or alone on the line above, that names
    its code: a comment after code on the line above is that line's own (``key = "..."  # scopelint:
    ignore[SL012] sandbox``), and says nothing of the next."""
    line = finding.loc.line
    above = [(n, sup) for n, sup in by_line.get(line - 1, ()) if sup.alone]
    hits = [(n, sup) for n, sup in (*by_line.get(line, ()), *above)
            if finding.code in sup.codes or "ALL" in sup.codes]
    return min(hits, key=lambda hit: hit[0])[1] if hits else None


def _suppression_findings(project: Project, used: set[Suppression], config: Config) -> list[Finding]:
    """Suppressions are findings too: one without a reason, one naming no code, one that suppresses nothing."""
    if not config.enabled(SUPPRESSION_CODE):
        return []
    out = []
    for facts in project.files:
        for sup in facts.suppressions:
            codes = ", ".join(sup.codes) or "nothing"
            problem = None
            if not sup.codes:
                problem = "suppression names no rule code; write 'scopelint: ignore[SL006] reason'"
            elif sup not in used:
                problem = f"suppression of {codes} suppresses nothing; remove it"
            elif not sup.reason:
                problem = f"suppression of {codes} gives no reason; say why after the bracket"
            if problem:
                loc = Location(sup.loc.path, sup.loc.line, sup.loc.col)
                out.append(Finding(loc, SUPPRESSION_CODE, problem, name="invalid-input", level="warning",
                                   key=f"suppression:{codes}", catalog_version=project.catalog.label))
    return out
