"""scopelint runs on every Python its package metadata admits (``requires-python``), not only on the
one the suite runs on: its modules parse as that oldest version's grammar, and its regular
expressions use no syntax that version's ``re`` rejects (possessive quantifiers and atomic groups
came in 3.11; a pattern with one made every run on 3.9 and 3.10 stop at import)."""
from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "scopelint"
_RE_CALLS = {"compile", "match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer"}
_RE_MODULES = {"re", "lazy_re"}  # lazy_re.compile: a pattern compiled on first use (scopelint/lazy_re.py)


def oldest() -> tuple[int, int]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^requires-python\s*=\s*">=\s*(\d+)\.(\d+)', text, re.M)
    assert found, "pyproject.toml states no requires-python"
    return int(found.group(1)), int(found.group(2))


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def patterns() -> list[tuple[str, int, str]]:
    """Every constant pattern given to a ``re`` function: (module, line, pattern)."""
    out = []
    for path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _RE_CALLS
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in _RE_MODULES and node.args):
                value = _constant(node.args[0])
                if value is not None:
                    out.append((str(path.relative_to(ROOT)), node.lineno, value))
    return out


def _constant(node: ast.AST) -> str | None:
    """A string the expression always is: a literal, a concatenation of literals, or ``literal % ...``
    (whose literal part carries the syntax)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        left = _constant(node.left)
        right = _constant(node.right) if isinstance(node.op, ast.Add) else ""
        return None if left is None or right is None else left + right
    return None


def newer_syntax(pattern: str) -> str | None:
    """The first construct of ``pattern`` that ``re`` before 3.11 rejects, if any."""
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a class: quantifier characters inside it are literal
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
            continue
        if pattern.startswith("(?>", i):
            return f"atomic group at {i}"
        quantifier = c in "*+?" and i > 0 and pattern[i - 1] != "(" or c == "}" and _closes_repeat(pattern, i)
        if quantifier and i + 1 < n and pattern[i + 1] == "+":
            return f"possessive quantifier {pattern[i:i + 2]!r} at {i}"
        if quantifier and c in "*+}" and i + 1 < n and pattern[i + 1] == "?":
            i += 2  # a lazy quantifier: its "?" is not a quantifier of its own
            continue
        i += 1
    return None


def _closes_repeat(pattern: str, i: int) -> bool:
    start = pattern.rfind("{", 0, i)
    return start >= 0 and re.fullmatch(r"\d*,?\d*", pattern[start + 1:i]) is not None and i > start + 1


@pytest.mark.parametrize("pattern, found", [
    (r"[A-Za-z0-9, ]*+\s*+\]", "possessive quantifier '*+' at 13"),
    (r"a{2,5}+b", "possessive quantifier '}+' at 5"),
    (r"(?>ab|a)c", "atomic group at 0"),
    (r"\d++", "possessive quantifier '++' at 2"),
    (r"x?+", "possessive quantifier '?+' at 1"),
    (r"[*+]+\++a+?b*?c{1,2}?(?:d)+", None),
    (r"(?=(a+))\1[+*]", None),
])
def test_the_check_finds_what_older_versions_reject(pattern, found):
    assert newer_syntax(pattern) == found


def test_every_pattern_is_one_the_oldest_python_compiles():
    found = patterns()
    assert len(found) > 100, "the patterns were not found"  # the package has hundreds
    rejected = [f"{where}:{line}: {why}" for where, line, p in found if (why := newer_syntax(p))]
    assert rejected == []


def test_every_module_parses_as_the_oldest_python():
    major, minor = oldest()
    failed = []
    for path in modules():
        try:
            ast.parse(path.read_text(encoding="utf-8"), str(path), feature_version=(major, minor))
        except SyntaxError as exc:
            failed.append(f"{path.relative_to(ROOT)}:{exc.lineno}: {exc.msg}")
    assert failed == []


def test_every_module_compiles_without_a_warning():
    """An invalid escape in a string (``"\\$"`` in a docstring) is a warning today and an error in a
    later Python: each module compiles with warnings made errors."""
    failed = []
    for path in modules():
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                compile(path.read_text(encoding="utf-8"), str(path), "exec")
            except SyntaxError as exc:
                failed.append(f"{path.relative_to(ROOT)}:{exc.lineno}: {exc.msg}")
    assert failed == []


def _interpreter() -> str | None:
    major, minor = oldest()
    return next((found for name in (f"python{major}.{minor}", f"python{major}.{minor + 1}")
                 if (found := shutil.which(name)) and found != sys.executable), None)


@pytest.mark.skipif(_interpreter() is None, reason="no interpreter of the oldest admitted versions on PATH")
def test_the_oldest_python_compiles_every_pattern():
    """Where such an interpreter is installed, it compiles the patterns itself (no scopelint
    dependency needed: the patterns are handed over as data)."""
    import json

    script = ("import json, re, sys\n"
              "bad = []\n"
              "for where, line, p in json.load(sys.stdin):\n"
              "    try:\n        re.compile(p)\n"
              "    except re.error as exc:\n        bad.append(f'{where}:{line}: {exc}')\n"
              "print(json.dumps(bad))\n")
    done = subprocess.run([_interpreter(), "-c", script], input=json.dumps(patterns()), capture_output=True,
                          text=True, timeout=60, check=False)
    if done.returncode != 0 and ("pyenv: " in done.stderr or "No such file" in done.stderr):  # a shim without its version
        pytest.skip(f"the interpreter does not run: {done.stderr.strip()[:200]}")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
