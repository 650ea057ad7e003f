"""SARIF 2.1.0 for GitHub code scanning, built with ``sarif-om`` and written byte-stable.

One run; every rule in ``tool.driver.rules``; results with an explicit ``level``, a URI relative to
the repository's root under ``%SRCROOT%``, a content fingerprint and ``fixes`` where the replacement is known. Source
lines are never written, so no secret can leak through a snippet. Suppressed findings are left
out (code scanning ignores SARIF ``suppressions``) unless asked for.
"""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import attr
from sarif_om import (
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix, Invocation, Location, Message, Notification,
    PhysicalLocation, Region, Replacement, Result, Run, SarifLog, Suppression, Tool, ToolComponent,
)

from .. import __version__
from ..findings import Finding
from ..findings import Location as Loc
from ..gitignore import git_root
from ..output import dumps, path_bytes
from . import Context
from .sarif_rules import descriptors

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/scopelint/scopelint"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "scopelint/v1"
MAX_RESULTS = 25_000  # code scanning rejects a run with more results
KEEP_DEFAULTS = frozenset({"level"})  # a dropped level reads as 'warning': always write it
KEEP_EMPTY = frozenset({"results"})  # code scanning wants a results array, even an empty one


def render(result, ctx: Context) -> str:
    return dumps(to_json(build(result, ctx)))


def build(result, ctx: Context) -> SarifLog:
    rules, index = descriptors()
    findings = sorted(list(result.findings) + (list(result.suppressed) if ctx.include_suppressed else []))
    findings, left_out = _within_limit(findings)
    root = source_root(result.project.root if getattr(result, "project", None) is not None else None)
    driver = ToolComponent(name="scopelint", version=__version__, semantic_version=__version__,
                           information_uri=INFORMATION_URI, rules=rules)
    run = Run(
        tool=Tool(driver=driver),
        results=_numbered([_result(f, index, root) for f in findings]),
        invocations=[_invocation(result, root, left_out)],
        original_uri_base_ids={SRCROOT: ArtifactLocation(uri=Path(root).as_uri().rstrip("/") + "/")},
        column_kind="unicodeCodePoints",
    )
    return SarifLog(version="2.1.0", schema_uri=SCHEMA_URI, runs=[run])


def source_root(project_root: str | None = None) -> str:
    """The folder SARIF's relative URIs start from: the top of the git work tree the working directory
    is in, as code scanning reads a relative path from the repository's root (a step run in a
    package's folder of a monorepo still names ``backend/etl/push.py``); else the project's root (the
    configuration's folder) where it holds the working directory; else the working directory."""
    cwd = os.getcwd()
    found = git_root(cwd)
    if found is None and project_root is not None:
        above = os.path.abspath(project_root)
        found = above if _from_root(cwd, above) is not None else None
    return found or cwd


def _from_root(path: str, root: str) -> str | None:
    """``path`` (relative to the working directory, or absolute) relative to ``root``, POSIX style;
    ``None`` outside of it."""
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive than the root's
        return None
    posix = rel.replace(os.sep, "/")
    return None if posix == ".." or posix.startswith("../") else posix


def _result(f: Finding, index: dict[str, int], root: str) -> Result:
    props = {"client": f.client, "scope": f.scope, "catalogVersion": f.catalog_version}
    rooted = _from_root(f.loc.path, root)  # the fingerprint of the path code scanning sees, wherever the run was
    out = Result(
        rule_id=f.code,
        rule_index=index.get(f.code, -1),
        level=f.level,
        message=Message(text=f.message),
        locations=[Location(physical_location=_physical(f.loc, root))],
        partial_fingerprints={FINGERPRINT_KEY: f.with_(loc=replace(f.loc, path=rooted)).fingerprint
                              if rooted is not None else f.fingerprint},
        properties={k: v for k, v in props.items() if v},
    )
    if f.fix is not None:
        replacements = [Replacement(deleted_region=_region(e.loc), inserted_content=ArtifactContent(text=e.text))
                        for e in f.fix.edits]
        change = ArtifactChange(artifact_location=_artifact(f.fix.edits[0].loc.path, root), replacements=replacements)
        out.fixes = [Fix(description=Message(text=f.fix.description), artifact_changes=[change],
                         properties={"safety": f.fix.safety})]
    if f.suppressed:
        out.suppressions = [Suppression(kind="inSource", justification=f.suppression_reason)]
    return out


def _numbered(results: list[Result]) -> list[Result]:
    """Each result's fingerprint told apart from an equal one before it in the run (the same line
    written twice in a file): ``<hash>:2``, ``<hash>:3``, in the order the results stand, as code
    scanning's own line hashes number them. Code scanning makes one alert of results sharing a
    fingerprint, and an identical line added later would be no new alert."""
    seen: dict[str, int] = {}
    for r in results:
        key = r.partial_fingerprints[FINGERPRINT_KEY]
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            r.partial_fingerprints = {FINGERPRINT_KEY: f"{key}:{seen[key]}"}
    return results


def _within_limit(findings: list[Finding]) -> tuple[list[Finding], int]:
    """At most ``MAX_RESULTS`` findings, the most severe first, in their order; and how many were
    left out. Code scanning rejects a run of more results, and would show none of them."""
    if len(findings) <= MAX_RESULTS:
        return findings, 0
    rank = {"error": 0, "warning": 1, "note": 2}
    kept = sorted(sorted(range(len(findings)), key=lambda i: (rank.get(findings[i].level, 3), i))[:MAX_RESULTS])
    return [findings[i] for i in kept], len(findings) - MAX_RESULTS


def _invocation(result, root: str, left_out: int = 0) -> Invocation:
    notes = [_notification(path, why, "note", root) for path, why in result.notes]
    notes += [_notification(path, "no such file or directory", "error", root) for path in result.missing]
    if left_out:
        notes.append(Notification(level="warning", message=Message(
            text=f"{left_out:,} more result(s) left out: code scanning takes at most {MAX_RESULTS:,} a run, "
                 f"so the most severe are given; the text or JSON report lists every one")))
    return Invocation(execution_successful=not result.missing, tool_execution_notifications=notes)


def _notification(path: str, why: str, level: str, root: str) -> Notification:
    where = Location(physical_location=PhysicalLocation(artifact_location=_artifact(path, root)))
    return Notification(message=Message(text=f"{path}: {why}"), level=level, locations=[where])


def _physical(loc: Loc, root: str) -> PhysicalLocation:
    return PhysicalLocation(artifact_location=_artifact(loc.path, root), region=_region(loc))


def _region(loc: Loc) -> Region:
    region = Region(start_line=loc.line, start_column=loc.col)
    if loc.end_col is not None:
        region.end_line, region.end_column = loc.end_line or loc.line, loc.end_col
    elif loc.end_line is not None:
        region.end_line = loc.end_line
    return region


def _artifact(path: str, root: str) -> ArtifactLocation:
    """A URI relative to ``%SRCROOT%`` (``source_root``); absolute outside of it."""
    rooted = _from_root(path, root)
    if rooted is None:
        return ArtifactLocation(uri=Path(os.path.abspath(path)).as_uri())
    return ArtifactLocation(uri=quote(path_bytes(rooted)), uri_base_id=SRCROOT)


def to_json(obj: object) -> object:
    """sarif-om objects as SARIF JSON: camelCase names, unset and default values dropped, levels kept."""
    if attr.has(type(obj)):
        out = {}
        for field in attr.fields(type(obj)):
            value = getattr(obj, field.name)
            if not _omitted(value, field):
                out[field.metadata["schema_property_name"]] = to_json(value)
        return out
    if isinstance(obj, dict):
        return {key: to_json(value) for key, value in obj.items() if value is not None}
    if isinstance(obj, (list, tuple)):
        return [to_json(value) for value in obj]
    return obj


def _omitted(value: object, field: attr.Attribute) -> bool:
    if value is None or (value == [] or value == {}) and field.name not in KEEP_EMPTY:
        return True
    if field.name in KEEP_DEFAULTS or field.default is attr.NOTHING:
        return False
    default = field.default.factory() if isinstance(field.default, attr.Factory) else field.default
    return value == default and type(value) is type(default)
