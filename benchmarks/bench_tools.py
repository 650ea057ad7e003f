"""The commands the runner times, and how each tool's output is counted."""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "benchmarks" / "rules" / "semgrep.yaml"
DEFAULT_CAP = 2 * 1024 * 1024
# the literal prefilter when scopelint's extractors cannot be imported or declare no markers
DEFAULT_MARKERS = (
    b"celonis", b"oauth2/token", b"scope", b"oauth_clients", b"client_secret", b"clientsecret", b"appkey",
    b"api_token", b"/integration/api/", b"/data-ingestion/api/", b"/intelligence/api/", b"/package-manager/api/",
    b"/pacman/api/", b"/semantic-layer/api/", b"/action-engine/api/", b"/machine-learning/api/",
    b"/user-provisioning/", b"/log/api/external/", b"/studio-copilot/api/", b"/continuous-batch-processing/api/",
)


@dataclass
class Task:
    """One timed row: a label, a command (``None``: the tool is missing or skipped) and why not."""

    key: str
    tool: str
    what: str
    cmd: list[str] | None
    cwd: Path | None = None
    ok_codes: tuple[int, ...] = (0, 1)  # rg: 1 is "no match"; semgrep: 1 is "findings"
    absent: str = ""
    env: dict[str, str] = field(default_factory=dict)


def binary(name: str) -> str | None:
    """``name`` next to this interpreter (a venv's bin), else on PATH."""
    here = shutil.which(name, path=os.path.dirname(sys.executable))
    return here or shutil.which(name)


def markers() -> tuple[list[str], str]:
    """scopelint's marker strings (the union of its input kinds' markers, read at run time) and where
    they came from; the defaults when the registry cannot be imported or declares none."""
    try:
        sys.path.insert(0, str(ROOT))
        from scopelint.extractors import KINDS
    except Exception as exc:  # a broken work tree must not stop the benchmark
        return sorted(m.decode() for m in DEFAULT_MARKERS), f"defaults: extractors not importable ({exc})"
    found = sorted({m.decode("utf-8", "replace") for kind in KINDS for m in kind.markers})
    if not found:
        return sorted(m.decode() for m in DEFAULT_MARKERS), "defaults: no extractor declares markers"
    unmarked = [kind.name for kind in KINDS if not kind.markers]
    return found, "scopelint's extractors" + (f"; without markers: {', '.join(unmarked)}" if unmarked else "")


def max_file_size() -> int:
    try:
        from scopelint.config import DEFAULT_MAX_FILE_SIZE

        return int(DEFAULT_MAX_FILE_SIZE)
    except Exception:
        return DEFAULT_CAP


def scopelint_env() -> dict[str, str]:
    env = dict(os.environ)
    # an installed package has its bytecode compiled; a source checkout gets the same once the cache is warm
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def console_script() -> str:
    """What the installed ``scopelint`` command runs (the entry point ``pyproject.toml`` names; what
    pre-commit starts), as ``python -c`` code: not ``-m``, whose runpy machinery costs a few
    milliseconds the installed command does not pay."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^scopelint\s*=\s*"([\w.]+):(\w+)"', text, re.M)
    module, function = found.groups() if found else ("scopelint.cli", "main")
    return f"import sys; from {module} import {function}; sys.exit({function}())"


def scopelint_cmd(paths: list[str], fmt: str = "json", jobs: int | None = None) -> list[str]:
    # -P: the working directory is not put on the module path, as for the installed command (a corpus's
    # own ``yaml.py`` is never imported)
    safe = ["-P"] if sys.version_info >= (3, 11) else []
    cmd = [sys.executable, *safe, "-c", console_script(), "check", "--format", fmt, "--fail-on", "never"]
    return cmd + (["--jobs", str(jobs)] if jobs else []) + paths


def interpreter_cmd() -> list[str]:
    """The interpreter's own start and exit, with the same environment: the floor of any command."""
    return [sys.executable, "-c", "pass"]


def rg_cmd(corpus: Path, words: list[str]) -> list[str] | None:
    rg = binary("rg")
    if rg is None:
        return None
    patterns = [arg for w in words for arg in ("-e", w)]
    return [rg, "--files-with-matches", "--ignore-case", "--fixed-strings", "-uu", "--no-messages",
            "--max-filesize", str(max_file_size()), *patterns, str(corpus)]


def semgrep_cmd(corpus: Path) -> list[str] | None:
    semgrep = binary("semgrep")
    if semgrep is None:
        return None
    return [semgrep, "scan", "--config", str(RULES), "--metrics=off", "--disable-version-check", "--json",
            "--max-target-bytes", str(max_file_size()), str(corpus)]


SEMGREP_ENV = {"SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"}


def semgrep_counts(output: Path, corpus: Path) -> dict | None:
    """Distinct (path, line) matches of the token-request and secret rules, per file, and semgrep's errors."""
    try:
        data = json.loads(output.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    hits: dict[str, set[tuple[str, int]]] = {"token_requests": set(), "secrets": set()}
    for r in data.get("results", []):
        rule = r.get("check_id", "").rsplit(".", 1)[-1]
        key = "token_requests" if "token-request" in rule else "secrets" if "hardcoded-secret" in rule else None
        if key:
            hits[key].add((_relative(r.get("path", ""), corpus), r.get("start", {}).get("line", 0)))
    by_path: dict[str, dict[str, int]] = {}
    for key, found in hits.items():
        for path, _ in found:
            by_path.setdefault(path, {"token_requests": 0, "secrets": 0})[key] += 1
    errors = data.get("errors", [])
    first = str(errors[0].get("message", "")).splitlines()[0][:160] if errors else ""
    return {**{k: len(v) for k, v in hits.items()}, "errors": len(errors), "first_error": first, "by_path": by_path,
            "version": data.get("version")}


def scopelint_counts(corpus: Path) -> dict | str:
    """Token requests and secrets scopelint's extractors find, counted in-process after the timed runs."""
    try:
        sys.path.insert(0, str(ROOT))
        from scopelint.linter import run

        result = run([str(corpus)])
    except Exception as exc:  # report, never crash
        return f"error: {type(exc).__name__}: {exc}"
    files = result.project.files if result.project else []
    by_path = {_relative(f.path, corpus): {"token_requests": len(f.token_requests), "secrets": len(f.secrets)}
               for f in files if f.token_requests or f.secrets}
    return {"token_requests": sum(len(f.token_requests) for f in files), "secrets": sum(len(f.secrets) for f in files),
            "findings": len(result.findings), "by_path": by_path}


def _relative(path: str, corpus: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(corpus))).as_posix()


def disagreements(planted: dict, found: dict | str | None) -> list[str]:
    """Planted files where a tool's per-file counts differ from what was planted, and files it adds."""
    if not isinstance(found, dict) or "by_path" not in planted:
        return []
    zero = {"token_requests": 0, "secrets": 0}
    got = found.get("by_path", {})
    out = [f"{path} (planted {want['token_requests']}/{want['secrets']}, found "
           f"{got.get(path, zero)['token_requests']}/{got.get(path, zero)['secrets']})"
           for path, want in planted["by_path"].items()
           if {k: want[k] for k in zero} != {**zero, **got.get(path, {})}]
    out.extend(f"{path} (not planted, found {c['token_requests']}/{c['secrets']})"
               for path, c in sorted(got.items()) if path not in planted["by_path"])
    return out


def json_findings(output: Path) -> int | None:
    try:
        return len(json.loads(output.read_text(encoding="utf-8"))["findings"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def count_lines(output: Path) -> int | None:
    try:
        return sum(1 for _ in output.open("rb"))
    except OSError:
        return None


PARSERS: dict[str, Callable[[Path], object]] = {"scopelint": json_findings, "ripgrep": count_lines}
