"""``lint(paths, config) -> list[Finding]``: discover, extract, build the project, run the rules,
then apply levels, per-path ignores and inline suppressions in one place. Never prints or exits."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from . import catalog as catalog_mod
from . import phases
from .config import Config
from .discovery import Entry, Excluded, Skipped, repository_root, walk
from .findings import Finding, Location
from .globs import matches, relative
from .model import FileFacts, Suppression
from .project import CodeLink, Project
from .parallel import extract

SUPPRESSION_CODE = "SL000"


@dataclass
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
    files, count = extract(entries(), config, catalog)
    phases.mark("extracted")
    for facts in files:
        notes.extend((p.loc.path, p.message) for p in facts.problems  # an unread client file is never silent
                     if p.kind == "skipped" or p.kind == "unread" and not config.enabled(SUPPRESSION_CODE))
    whole = any(os.path.isdir(p) for p in paths)  # a list of files (pre-commit) cannot show a glob matches nothing
    project = Project.build(files, catalog, code_root(paths, config), scanned if whole else None, link)
    raw = check(project, config)
    findings, suppressed = finish(raw, project, config)
    phases.mark("checked")
    return Result(findings, suppressed, sorted(set(notes)), missing, count, catalog, project,
                  excluded=sorted(set(excluded)))


def code_root(paths: Sequence[str], config: Config) -> str:
    """The folder ``code`` globs are relative to: the configuration file's, else the git work
    tree's top, else the path given."""
    if config.path is not None and os.path.isfile(config.path):
        return config.base
    return repository_root(list(paths))


def check(project: Project, config: Config) -> list[Finding]:
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
    unique = {(f.loc, f.code, f.message): f for f in raw}  # two problems at one place are both kept
    kept = [f for f in unique.values() if not _path_ignored(f, config)]
    kept = [_redacted(_with_snippet(f, by_path.get(f.loc.path))) for f in kept]
    if config.no_ignores:
        return sorted(kept), []
    active, suppressed, used = _suppress(kept, by_path)
    active.extend(_suppression_findings(project, used, config))
    return sorted(active), sorted(suppressed)


def _path_ignored(finding: Finding, config: Config) -> bool:
    for glob, codes in config.per_path_ignores:
        rel = relative(finding.loc.path, config.base)
        if rel is not None and matches(rel, (glob,)) and any(finding.code.startswith(c) or c == "ALL" for c in codes):
            return True
    return False


def _redacted(finding: Finding) -> Finding:
    """Every URL a finding shows, in its message, hint or source line, without credentials."""
    from .extractors.recognition.urls import strip_secrets

    return finding.with_(message=strip_secrets(finding.message), hint=finding.hint and strip_secrets(finding.hint),
                         snippet=strip_secrets(finding.snippet))


def _with_snippet(finding: Finding, facts: FileFacts | None) -> Finding:
    """The source line for display and fingerprints, with every secret on it masked."""
    if facts is None or not facts.lines or not 0 < finding.loc.line <= len(facts.lines):
        return finding
    return finding.with_(snippet=mask(facts.lines[finding.loc.line - 1], finding.loc.line, facts))


def mask(line: str, number: int, facts: FileFacts) -> str:
    """``line`` with each secret on it replaced by stars, right to left so that masking one does not
    shift the columns of the next; no line at all when a secret's extent on it is unknown."""
    on_line = sorted((s.loc for s in facts.secrets if s.loc.line == number), key=lambda loc: loc.col, reverse=True)
    for loc in on_line:
        if loc.end_col is None or loc.end_line not in (None, number):
            return ""
        start, end = loc.col - 1, loc.end_col - 1
        line = line[:start] + "*" * min(8, max(3, end - start)) + line[end:]
    return line[:400]


def _suppress(findings: list[Finding], by_path: dict[str, FileFacts]
              ) -> tuple[list[Finding], list[Finding], set[Suppression]]:
    active, suppressed, used = [], [], set()
    for finding in findings:
        facts = by_path.get(finding.loc.path)
        hit = _matching(finding, facts.suppressions if facts else ())
        if hit is None:
            active.append(finding)
        else:
            used.add(hit)
            suppressed.append(finding.with_(suppressed=True, suppression_reason=hit.reason or None))
    return active, suppressed, used


def _matching(finding: Finding, sups: Iterable[Suppression]) -> Suppression | None:
    for sup in sups:
        if sup.loc.line in (finding.loc.line, finding.loc.line - 1) and (finding.code in sup.codes or "ALL" in sup.codes):
            return sup
    return None


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
                line = facts.lines[sup.loc.line - 1] if facts.lines and sup.loc.line <= len(facts.lines) else ""
                out.append(Finding(loc, SUPPRESSION_CODE, problem, name="invalid-input", level="warning",
                                   key=f"suppression:{codes}", snippet=line, catalog_version=project.catalog.label))
    return out
