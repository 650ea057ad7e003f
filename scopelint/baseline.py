"""Baselines: record today's findings by content fingerprint, then report only new ones.

The file is ``{"version": 1, "findings": [{fingerprint, code, path, client, scope}, ...]}``,
sorted, one entry per finding (two identical findings are listed twice). A fingerprint hashes the
rule, client, scope, path and the normalised source line, never the line number, so moving code
keeps a finding baselined, and it holds no secret value.
"""
from __future__ import annotations

import errno
from collections import Counter
from collections.abc import Iterable

from .findings import Finding
from .located import short
from .output import dumps as dump_json
from .output import write_atomic

VERSION = 1
KEYS = ("fingerprint", "code", "path", "client", "scope")
MAX_BASELINE_VALUES = 10_000_000  # six values a finding: well over a million findings


class BaselineError(Exception):
    """A baseline file that cannot be read, parsed or written (exit code 2)."""


def apply_baseline(result, baseline_path: str | None, write_path: str | None) -> None:
    """Write the current findings to ``write_path``; drop the findings listed in ``baseline_path``.

    Writing a baseline accepts what it records: those findings are left out of this run's report,
    so the run exits 0 unless something else (a missing path) fails it.
    """
    known = load(baseline_path) if baseline_path else Counter()
    if write_path:
        save(write_path, result.findings)
        known = Counter(f.fingerprint for f in result.findings)
    kept, dropped = split(result.findings, known)
    result.findings = kept
    result.baselined = len(dropped)


def split(findings: Iterable[Finding], known: Counter) -> tuple[list[Finding], list[Finding]]:
    """Findings not in the baseline, and those it covers; each entry covers one finding."""
    left = Counter(known)
    kept, dropped = [], []
    for finding in findings:
        if left[finding.fingerprint] > 0:
            left[finding.fingerprint] -= 1
            dropped.append(finding)
        else:
            kept.append(finding)
    return kept, dropped


def entries(findings: Iterable[Finding]) -> list[dict[str, object]]:
    rows = [{"fingerprint": f.fingerprint, "code": f.code, "path": f.loc.path, "client": f.client,
             "scope": f.scope} for f in findings]
    return sorted(rows, key=lambda r: tuple(str(r[k] or "") for k in ("path", "code", "client", "scope", "fingerprint")))


def dumps(findings: Iterable[Finding]) -> str:
    return dump_json({"version": VERSION, "findings": entries(findings)})


def save(path: str, findings: Iterable[Finding]) -> None:
    """Replace the baseline atomically: the old one stays whole until the new one is complete."""
    try:
        write_atomic(path, dumps(findings))
    except OSError as exc:
        raise BaselineError(f"cannot write baseline {path!r}: {exc.strerror or exc}") from None


def load(path: str) -> Counter:
    """The fingerprints a baseline file lists, with their counts."""
    from . import located
    from .inputs import MAX_BASELINE_SIZE, read_text

    try:
        text = read_text(path, MAX_BASELINE_SIZE)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise BaselineError(f"baseline {path!r} does not exist; create it with --write-baseline") from None
        raise BaselineError(f"cannot read baseline {path!r}: {exc.strerror or exc}") from None
    try:
        doc = located.load(text, path, "json", max_nodes=MAX_BASELINE_VALUES)
    except located.ParseError as exc:
        raise BaselineError(f"baseline {path!r} is not valid JSON: {exc.message.removeprefix('invalid JSON: ')} at line {exc.line} column {exc.col}") from None
    return Counter(_fingerprints(doc, path))


def _fingerprints(doc: object, path: str) -> list[str]:
    if not isinstance(doc, dict) or not isinstance(doc.get("findings"), list):
        raise BaselineError(f"baseline {path!r} is not a scopelint baseline: expected {{'version': 1, 'findings': [...]}}")
    if doc.get("version") != VERSION:
        raise BaselineError(f"baseline {path!r} has version {short(doc.get('version'))}; this scopelint reads version {VERSION}")
    out = []
    for i, entry in enumerate(doc["findings"]):
        fingerprint = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fingerprint, str) or not fingerprint:
            raise BaselineError(f"baseline {path!r}: finding {i + 1} has no 'fingerprint' string")
        out.append(fingerprint)
    return out
