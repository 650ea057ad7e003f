"""Start-up scales with the command: each command imports what it uses and no more.

Each case runs the command in a fresh interpreter and lists the modules it ended with; a module
that only another command needs (the SARIF model, the review package, the process pool, the YAML
library where no YAML is read) must not be among them. This is about what is imported, not about
how long anything takes."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

DRIVER = """
import json, sys
from scopelint.cli import main
try:
    main(sys.argv[1:], prog_name="scopelint")
except SystemExit:
    pass
sys.stdout.flush()
print("\\nMODULES=" + json.dumps(sorted(sys.modules)))
"""

# needed by some command, never by --version, explain, catalog or a check of a few files
NEVER_AT_START = ("sarif_om", "attr", "jsonschema", "concurrent.futures", "multiprocessing", "scopelint.review",
                  "importlib.resources", "yaml", "pathspec")


def run(args: list[str], cwd) -> tuple[str, set[str]]:
    proc = subprocess.run([sys.executable, "-c", DRIVER, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    out, _, listed = proc.stdout.rpartition("\nMODULES=")
    assert listed, proc.stderr
    return out, set(json.loads(listed))


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_importing_the_cli_imports_none_of_the_commands(tmp_path):
    proc = subprocess.run([sys.executable, "-c", "import json, sys, scopelint.cli; print(json.dumps(sorted(sys.modules)))"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    modules = set(json.loads(proc.stdout))
    assert "scopelint.cli" in modules and "click" in modules
    assert loaded(modules, NEVER_AT_START + ("scopelint.linter", "scopelint.rules", "scopelint.extractors",
                                            "scopelint.catalog", "scopelint.findings")) == []


def test_the_api_names_are_there_when_asked_for(tmp_path):
    code = ("import sys, scopelint; before = 'scopelint.linter' in sys.modules; "
            "from scopelint import Finding, Location, lint; "
            "print(before, lint.__module__, Finding.__module__, Location.__module__, 'lint' in dir(scopelint))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["False", "scopelint.linter", "scopelint.findings", "scopelint.findings", "True"]
    proc = subprocess.run([sys.executable, "-c", "import scopelint; scopelint.nothing"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert "AttributeError: module 'scopelint' has no attribute 'nothing'" in proc.stderr


@pytest.mark.parametrize("args, shown", [
    (["--version"], "scopelint 0.1.0 (catalog "),
    (["explain", "SL001"], "# SL001 unknown-scope"),
    (["explain", "integration.data-pools"], "# integration.data-pools"),
    (["catalog"], "integration.data-pools"),
    (["catalog", "--format", "json"], '"integration.data-pools"'),
    (["check", "one.py"], "1 file scanned"),
    (["check", "--format", "json", "one.py", "two.py"], '"files": 2'),
])
def test_a_command_imports_only_what_it_uses(tmp_path, args, shown):
    (tmp_path / "one.py").write_text("x = 1\n")
    (tmp_path / "two.py").write_text("import requests\nrequests.get('https://acme.eu-1.celonis.cloud/integration/api/pools')\n")
    out, modules = run(args, tmp_path)
    assert shown in out
    assert loaded(modules, NEVER_AT_START) == []
    if args == ["check", "one.py"]:  # a file with nothing to check: no rule is loaded, nor OpenSSL for a digest
        assert loaded(modules, ("scopelint.rules", "hashlib", "_hashlib")) == []
    if args[0] != "check":
        wings = tuple(f"scopelint.extractors.{wing}" for wing in ("python", "javascript", "shell", "documents"))
        assert loaded(modules, ("scopelint.linter", "scopelint.reporters.text") + wings) == []


def test_a_check_of_python_files_loads_only_the_python_wing_and_only_to_parse(tmp_path):
    """A file's kinds are found without importing their modules; a module is imported when a file
    with one of its markers is parsed."""
    (tmp_path / "one.py").write_text("x = 1\n")
    (tmp_path / "two.py").write_text("token = get_token()\n")
    wings = tuple(f"scopelint.extractors.{wing}" for wing in ("python", "javascript", "shell", "documents", "java"))
    out, modules = run(["check", "one.py"], tmp_path)
    assert "0 findings" in out
    assert loaded(modules, wings) == []  # no marker: nothing is parsed
    out, modules = run(["check", "two.py"], tmp_path)
    assert "0 findings" in out
    assert "scopelint.extractors.python.code" in modules
    assert loaded(modules, wings[1:]) == []


@pytest.mark.parametrize("args, expected", [
    (["check", "--format", "sarif", "one.py"], "sarif_om"),
    (["check", "--jobs", "2", "."], "concurrent.futures"),
    (["review", "clients.yaml"], "scopelint.review"),
    (["catalog", "--format", "yaml"], "yaml"),
])
def test_what_a_command_needs_it_imports(tmp_path, args, expected):
    """The probe sees imports: each module kept out above is imported by the command that uses it."""
    (tmp_path / "one.py").write_text("x = 1\n")
    from scopelint.parallel import PARALLEL_MIN_FILES

    for i in range(PARALLEL_MIN_FILES + 20):  # enough files for the worker pool
        (tmp_path / f"f{i}.py").write_text(f"x = {i}\n")
    (tmp_path / "clients.yaml").write_text("oauth_clients:\n  - name: etl\n    scopes: [integration.data-pools]\n")
    _, modules = run(args, tmp_path)
    assert expected in modules


def test_the_gitignore_matcher_is_imported_only_for_a_gitignore(tmp_path):
    (tmp_path / "one.py").write_text("x = 1\n")
    (tmp_path / "skip.py").write_text("token = 'Zq8x7VbN3kLp9TmR2wYc4Hs6Jd1Fg5Ae'\n")
    out, modules = run(["check", "--format", "json", "."], tmp_path)
    assert json.loads(out)["summary"]["files"] == 2 and "pathspec" not in modules
    (tmp_path / ".gitignore").write_text("skip.py\n")
    out, modules = run(["check", "--format", "json", "."], tmp_path)
    assert json.loads(out)["summary"]["files"] == 2 and "pathspec" in modules  # one.py and .gitignore
    assert "skip.py" not in out


def test_a_pool_run_loads_the_extractors_once_before_the_workers_fork(tmp_path):
    """Workers forked from the parent share what it loaded: the parent loads every extractor module,
    the YAML parser and the data maps before it starts them (on platforms that fork)."""
    import multiprocessing

    from scopelint.parallel import PARALLEL_MIN_FILES

    for i in range(PARALLEL_MIN_FILES + 20):
        (tmp_path / f"f{i}.py").write_text(f"x = {i}\n")
    _, modules = run(["check", "--jobs", "2", "."], tmp_path)
    forks = multiprocessing.get_start_method(allow_none=False) == "fork"
    wanted = {"scopelint.extractors.javascript.lexer", "scopelint.extractors.shell.interpret",
              "scopelint.extractors.java.lexer", "scopelint.extractors.documents.cloudformation", "yaml"}
    assert (wanted <= modules) is forks
    _, modules = run(["check", "--jobs", "1", "."], tmp_path)
    assert not wanted & modules  # no pool, nothing loaded ahead: these files need no parser
