"""``check --fix`` and ``--diff``: apply the edits that findings carry (the same ones SARIF ``fixes``
shows), in memory and pass by pass, then write each changed file once, atomically.

A pass applies, per file, every fix whose edits overlap no other's, right to left so that one edit
does not move the next; a fix that overlaps one already taken waits for the next pass, which reads
the fixed text again and lints the project anew. A file is left alone, with a note, when it is not
a regular file inside the given paths (or is reached through a symbolic link), does not parse, has
a secret on a line a fix would edit, or would not parse after the fix.
"""
from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Callable, Sequence

from .config import Config
from .findings import Edit, Finding, Fix, Location
from .lines import line_starts, split_lines
from .masking import Hider, found
from .output import write_bytes_atomic
from .project import Project
from .reading import decode, facts_of_text, utf8_text, wanted_extractors
from .records import field, record

MAX_PASSES = 4
_BOM = "\ufeff"


@record(frozen=False)
class Outcome:
    """What fixing did: the new text of each changed file, how many fixes, and why files were left alone."""

    original: dict[str, str] = field(default_factory=dict)  # path -> text as read (BOM kept)
    fixed: dict[str, str] = field(default_factory=dict)  # path -> text after every pass
    applied: int = 0
    by_file: dict[str, int] = field(default_factory=dict)  # path -> how many of ``applied`` are its
    unwritten: set[str] = field(default_factory=set)  # changed files ``write`` could not write
    notes: list[tuple[str, str]] = field(default_factory=list)
    passes: int = 0
    secrets: dict[str, list[Location]] = field(default_factory=dict)  # path -> where its secrets are, as read
    hider: Hider | None = None  # every secret the run found, to mask wherever a line shows one (``masking``)

    @property
    def written(self) -> tuple[int, int]:
        """How many fixes ``write`` wrote, in how many files."""
        files = [p for p in self.changed if p not in self.unwritten]
        return sum(self.by_file.get(p, 0) for p in files), len(files)

    @property
    def changed(self) -> list[str]:
        return sorted(p for p, text in self.fixed.items() if text != self.original.get(p))

    def diff(self) -> str:
        """The changes as a unified diff, every secret on a line it shows masked as the report masks it
        (a fix never edits a line with a secret, so such a line reads the same before and after)."""
        out: list[str] = []
        for path in self.changed:
            before = split_lines(self.original[path], keepends=True)
            masked = _masked_lines(before, self.secrets.get(path, ()))
            before = [masked.get(line, line) for line in before]
            after = [masked.get(line, line) for line in split_lines(self.fixed[path], keepends=True)]
            for line in difflib.unified_diff(before, after, f"a/{path}", f"b/{path}"):
                line = self.hider(line) if self.hider is not None else line  # a secret elsewhere on an edited line
                out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
        return "".join(out)


def _masked_lines(lines: list[str], secrets: Sequence[Location]) -> dict[str, str]:
    """Each line of ``lines`` that holds a secret, and the line with it masked."""
    from .linter import mask

    by_line: dict[int, list[Location]] = {}
    for loc in secrets:
        by_line.setdefault(loc.line, []).append(loc)
    out: dict[str, str] = {}
    for number, locs in by_line.items():
        if 0 < number <= len(lines):
            raw = lines[number - 1]
            body = raw.rstrip("\r\n")
            bom = _BOM if number == 1 and body.startswith(_BOM) else ""
            out[raw] = bom + mask(body[len(bom):], number, locs) + raw[len(body):]
    return out


def fixable(finding: Finding, safeties: Sequence[str]) -> bool:
    return finding.fix is not None and finding.fix.safety in safeties


def plan(result, config: Config, paths: Sequence[str], safeties: Sequence[str],
         keep: Callable[[list[Finding]], list[Finding]] = lambda findings: findings) -> Outcome:
    """Every pass of fixing, in memory; nothing is written. ``keep`` filters each pass's findings
    the way the report does (a baseline)."""
    from .linter import check, finish

    project: Project = result.project
    out = Outcome(hider=found(project.files))
    findings = list(result.findings)
    refused: set[str] = set()
    for number in range(1, MAX_PASSES + 1):
        by_path: dict[str, list[Fix]] = {}
        for finding in findings:
            if fixable(finding, safeties) and finding.loc.path not in refused:
                fix = finding.fix
                paths_of = {edit.loc.path for edit in fix.edits}  # type: ignore[union-attr]
                if len(paths_of) == 1:
                    by_path.setdefault(paths_of.pop(), []).append(fix)  # type: ignore[arg-type]
        replaced: dict[str, object] = {}
        for path, fixes in sorted(by_path.items()):
            facts = project.facts_of(path)
            text = out.fixed.get(path)
            if text is None:
                why, text = _readable(path, paths, facts)
                if why:
                    refused.add(path)
                    out.notes.append((path, f"not fixed: {why}"))
                    continue
                out.original[path] = text  # type: ignore[assignment]
                out.secrets[path] = [secret.loc for secret in facts.secrets]
            new, count, why = _apply(text, fixes, facts)  # type: ignore[arg-type]
            if why:
                refused.add(path)
                out.notes.append((path, f"not fixed: {why}"))
                continue
            if count == 0:
                continue
            new_facts = _facts(path, new, paths, config, project.catalog)
            if any(p.kind == "invalid" for p in new_facts.problems):
                refused.add(path)
                out.notes.append((path, "not fixed: the fixed text would not parse"))
                continue
            out.fixed[path] = new
            out.applied += count
            out.by_file[path] = out.by_file.get(path, 0) + count
            replaced[path] = new_facts
        if not replaced:
            break
        out.passes = number
        files = [replaced.get(f.path, f) for f in project.files]  # type: ignore[misc]
        project = Project.build(files, project.catalog)  # type: ignore[arg-type]
        findings = keep(finish(check(project, config), project, config)[0])
    for path in list(out.fixed):
        if out.fixed[path] == out.original.get(path):
            del out.fixed[path]
    return out


def _readable(path: str, roots: Sequence[str], facts) -> tuple[str | None, str | None]:
    """Why the file must not be fixed (or ``None``), and its text."""
    if facts is None:
        return "not read", None
    if any(p.kind == "invalid" for p in facts.problems):
        return "it does not parse (SL000)", None
    if not _inside(path, roots):
        return "not a regular file inside the paths given, or reached through a symbolic link", None
    try:
        data = _read_regular(path)
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}", None
    if data is None:
        return "not a regular file", None
    text = utf8_text(data)
    if text is None:
        return "not UTF-8 text", None
    if split_lines(text) != facts.lines:
        return "it changed while scopelint read it", None
    return None, (_BOM + text) if data.startswith(b"\xef\xbb\xbf") else text


def _inside(path: str, roots: Sequence[str]) -> bool:
    """A regular file under one of ``roots`` (or one of them), with no symbolic link on the way from
    that root, nor from the working directory when the file is below it."""
    target = os.path.abspath(path)
    try:
        if not stat.S_ISREG(os.lstat(target).st_mode):
            return False
    except OSError:
        return False
    if _below(target, os.getcwd()) and not _no_link(os.getcwd(), target):
        return False
    return any(_below(target, os.path.abspath(root)) and _no_link(os.path.abspath(root), target) for root in roots)


def _below(target: str, base: str) -> bool:
    rel = os.path.relpath(target, base)
    return not (rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel))


def _no_link(base: str, target: str) -> bool:
    """Whether ``target`` resolves to where it is written below ``base``: no link in between."""
    rel = os.path.relpath(target, base)
    real = os.path.realpath(base) if rel == "." else os.path.join(os.path.realpath(base), rel)
    return os.path.realpath(target) == os.path.normpath(real)


def _read_regular(path: str) -> bytes | None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return None
        return fh.read()


def _apply(text: str, fixes: list[Fix], facts) -> tuple[str, int, str | None]:
    """The text with every fix that overlaps no earlier one applied, right to left; the number of
    fixes applied; or why none may be (a secret on an edited line)."""
    bom = text.startswith(_BOM)
    body = text[1:] if bom else text
    starts = line_starts(body)
    secret_lines = {s.loc.line for s in facts.secrets} if facts is not None else set()
    taken: list[tuple[int, int, Edit]] = []
    seen: set[tuple[tuple[int, int, str], ...]] = set()
    count = 0
    for fix in fixes:
        if facts is not None and facts.path.endswith(".ipynb") and any(
                set(edit.text) & set('"\\\n') for edit in fix.edits):
            continue  # code inside a notebook's JSON strings: only plain text may go in unescaped
        spans = []
        for edit in fix.edits:
            loc = edit.loc
            if set(range(loc.line, (loc.end_line or loc.line) + 1)) & secret_lines:
                return text, 0, "a secret is on a line the fix would edit (SL012/SL013)"
            start = _offset(body, starts, loc.line, loc.col)
            end = _offset(body, starts, loc.end_line or loc.line, loc.end_col or loc.col)
            if end < start or body[start:end].replace("\r\n", "\n") != edit.old.replace("\r\n", "\n"):
                spans = None
                break
            spans.append((start, end, edit))
        if not spans:
            continue
        key = tuple((s, e, ed.text) for s, e, ed in spans)
        if key in seen:
            continue  # the same fix twice (one place, two findings)
        if any(s < te and ts < e or s == e == ts == te for s, e, _ in spans for ts, te, _ in taken):
            continue  # overlaps a fix already taken: the next pass
        seen.add(key)
        taken.extend(spans)
        count += 1
    for start, end, edit in sorted(taken, key=lambda t: (t[0], t[1]), reverse=True):
        body = body[:start] + edit.text + body[end:]
    return (_BOM + body) if bom else body, count, None




def _offset(text: str, starts: list[int], line: int, col: int) -> int:
    if line > len(starts) - 1:
        return len(text)
    return min(starts[line - 1] + col - 1, starts[line])


def _facts(path: str, text: str, roots: Sequence[str], config: Config, catalog):
    explicit = any(os.path.normpath(root) == os.path.normpath(path) for root in roots)
    body = text[1:] if text.startswith(_BOM) else text
    return facts_of_text(path, body, wanted_extractors(path, explicit, body), explicit, catalog, config.limits)


def write(outcome: Outcome) -> list[tuple[str, str]]:
    """Write each changed file, unless it changed on disk since it was read; notes for those not written."""
    notes = []
    for path in outcome.changed:
        try:
            data = _read_regular(path)
            if data is None or _as_text(data) != outcome.original[path]:
                notes.append((path, "not fixed: it changed on disk while scopelint fixed it"))
                outcome.unwritten.add(path)
                continue
            write_bytes_atomic(path, outcome.fixed[path].encode("utf-8"))
        except OSError as exc:
            notes.append((path, f"not fixed: cannot be written: {exc.strerror or exc}"))
            outcome.unwritten.add(path)
    return notes


def _as_text(data: bytes) -> str | None:
    text = decode(data)
    return None if text is None else (_BOM + text if data.startswith(b"\xef\xbb\xbf") else text)


