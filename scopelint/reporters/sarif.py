"""SARIF 2.1.0 for GitHub code scanning, built with ``sarif-om`` and written byte-stable.

One run; every rule in ``tool.driver.rules``; results with an explicit ``level``, a relative URI
under ``%SRCROOT%``, a content fingerprint and ``fixes`` where the replacement is known. Source
lines are never written, so no secret can leak through a snippet. Suppressed findings are left
out (code scanning ignores SARIF ``suppressions``) unless asked for.
"""
from __future__ import annotations

import os
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
from ..output import dumps, path_bytes
from . import Context
from .sarif_rules import descriptors

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/scopelint/scopelint"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "scopelint/v1"
KEEP_DEFAULTS = frozenset({"level"})  # a dropped level reads as 'warning': always write it
KEEP_EMPTY = frozenset({"results"})  # code scanning wants a results array, even an empty one


def render(result, ctx: Context) -> str:
    return dumps(to_json(build(result, ctx)))


def build(result, ctx: Context) -> SarifLog:
    rules, index = descriptors()
    findings = sorted(list(result.findings) + (list(result.suppressed) if ctx.include_suppressed else []))
    driver = ToolComponent(name="scopelint", version=__version__, semantic_version=__version__,
                           information_uri=INFORMATION_URI, rules=rules)
    run = Run(
        tool=Tool(driver=driver),
        results=[_result(f, index) for f in findings],
        invocations=[_invocation(result)],
        original_uri_base_ids={SRCROOT: ArtifactLocation(uri=Path.cwd().as_uri().rstrip("/") + "/")},
        column_kind="unicodeCodePoints",
    )
    return SarifLog(version="2.1.0", schema_uri=SCHEMA_URI, runs=[run])


def _result(f: Finding, index: dict[str, int]) -> Result:
    props = {"client": f.client, "scope": f.scope, "catalogVersion": f.catalog_version}
    out = Result(
        rule_id=f.code,
        rule_index=index.get(f.code, -1),
        level=f.level,
        message=Message(text=f.message),
        locations=[Location(physical_location=_physical(f.loc))],
        partial_fingerprints={FINGERPRINT_KEY: f.fingerprint},
        properties={k: v for k, v in props.items() if v},
    )
    if f.fix is not None:
        replacements = [Replacement(deleted_region=_region(e.loc), inserted_content=ArtifactContent(text=e.text))
                        for e in f.fix.edits]
        change = ArtifactChange(artifact_location=_artifact(f.fix.edits[0].loc.path), replacements=replacements)
        out.fixes = [Fix(description=Message(text=f.fix.description), artifact_changes=[change],
                         properties={"safety": f.fix.safety})]
    if f.suppressed:
        out.suppressions = [Suppression(kind="inSource", justification=f.suppression_reason)]
    return out


def _invocation(result) -> Invocation:
    notes = [_notification(path, why, "note") for path, why in result.notes]
    notes += [_notification(path, "no such file or directory", "error") for path in result.missing]
    return Invocation(execution_successful=not result.missing, tool_execution_notifications=notes)


def _notification(path: str, why: str, level: str) -> Notification:
    where = Location(physical_location=PhysicalLocation(artifact_location=_artifact(path)))
    return Notification(message=Message(text=f"{path}: {why}"), level=level, locations=[where])


def _physical(loc: Loc) -> PhysicalLocation:
    return PhysicalLocation(artifact_location=_artifact(loc.path), region=_region(loc))


def _region(loc: Loc) -> Region:
    region = Region(start_line=loc.line, start_column=loc.col)
    if loc.end_col is not None:
        region.end_line, region.end_column = loc.end_line or loc.line, loc.end_col
    elif loc.end_line is not None:
        region.end_line = loc.end_line
    return region


def _artifact(path: str) -> ArtifactLocation:
    """A URI relative to ``%SRCROOT%`` (the working directory); absolute outside of it."""
    posix = path.replace(os.sep, "/")
    if os.path.isabs(path) or posix == ".." or posix.startswith("../"):
        return ArtifactLocation(uri=Path(os.path.abspath(path)).as_uri())
    return ArtifactLocation(uri=quote(path_bytes(posix)), uri_base_id=SRCROOT)


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
