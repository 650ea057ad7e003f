"""scopelint reads code and never runs it: no import of scanned files, YAML only through safe
loaders, no ``eval``, no subprocess (except git, run through ``scopelint.gitcmd`` with every program setting switched
off, for ``review --against`` and the file list), no network."""
from __future__ import annotations

import ast
import json
import multiprocessing
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

import scopelint
from scopelint import parallel
from scopelint.cli import main
from scopelint.config import Config
from scopelint.linter import run

PACKAGE = Path(scopelint.__file__).parent
TOKEN_URL = "https://acme.eu-1.celonis.cloud/oauth2/token"


def payload(marker: Path) -> str:
    """Python that leaves ``marker`` behind if anything imports or runs it."""
    return f"import pathlib; pathlib.Path({str(marker)!r}).write_text('ran')"


def booby_trapped_tree(root: Path) -> dict[str, Path]:
    """A repository in which every file would leave a marker file if it were executed, imported,
    sourced or loaded with an unsafe YAML loader. Each file also holds what scopelint looks for."""
    markers = {name: root.parent / f"{root.name}-ran-{name}" for name in (
        "module", "setup", "conftest", "init", "sitecustomize", "notebook", "magic", "yaml-apply", "yaml-new",
        "workflow", "k8s", "shell", "envrc", "js", "makefile", "dockerfile", "pyproject")}
    token_call = f"requests.post({TOKEN_URL!r}, data={{'scope': 'studio'}})"
    files = {
        "clients.yaml": "oauth_clients:\n  - name: etl\n    scopes: [studio]\n",
        "etl/push.py": f"import requests\n{payload(markers['module'])}\n{token_call}\n",
        "setup.py": f"import requests\n{payload(markers['setup'])}\n{token_call}\n",
        "conftest.py": f"import requests\n{payload(markers['conftest'])}\n{token_call}\n",
        "etl/__init__.py": f"import requests\n{payload(markers['init'])}\n{token_call}\n",
        "sitecustomize.py": f"import requests\n{payload(markers['sitecustomize'])}\n{token_call}\n",
        "notebooks/explore.ipynb": json.dumps({"cells": [
            {"cell_type": "code", "source": [f"{payload(markers['notebook'])}\n", f"{token_call}\n"]},
            {"cell_type": "code", "source": [f"%%bash\ntouch {markers['magic']}\n"]},
            {"cell_type": "code", "source": [f"!touch {markers['magic']}\n", f"%run {markers['magic']}\n"]}],
            "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}),
        "more/clients.yaml": ("oauth_clients:\n  - name: tagged\n"
                              f"    scopes: !!python/object/apply:os.system ['touch {markers['yaml-apply']}']\n"
                              f"    code: !!python/object/new:subprocess.check_call [['touch', '{markers['yaml-new']}']]\n"),
        ".github/workflows/deploy.yml": ("on: push\nenv:\n"
                                         f"  CELONIS_SCOPE: !!python/object/apply:os.system ['touch {markers['workflow']}']\n"),
        "k8s/secret.yaml": ("apiVersion: v1\nkind: Secret\nmetadata: {name: celonis-oauth}\nstringData:\n"
                            f"  CELONIS_SCOPE: !!python/object/apply:os.system ['touch {markers['k8s']}']\n"
                            "  evil: !!python/name:os.system\n"),
        "scripts/token.sh": f"#!/bin/sh\ntouch {markers['shell']}\ncurl -d scope=studio {TOKEN_URL}\n",
        ".envrc": f"touch {markers['envrc']}\nexport CELONIS_SCOPE=studio\n",
        "web/token.js": (f"require('fs').writeFileSync({str(markers['js'])!r}, 'ran');\n"
                         f"fetch({TOKEN_URL!r}, {{method: 'POST', body: 'scope=studio'}});\n"),
        "Makefile": f"token:\n\ttouch {markers['makefile']}\n\tcurl -d scope=studio {TOKEN_URL}\n",
        "Dockerfile": f"FROM python:3.12\nRUN touch {markers['dockerfile']}\nENV CELONIS_SCOPE=studio\n",
        "pyproject.toml": ("[build-system]\nrequires = ['setuptools']\nbuild-backend = 'evil_backend'\n"
                           f"[tool.evil]\nrun = {str(payload(markers['pyproject']))!r}\n"),
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return markers


def ran(markers: dict[str, Path]) -> list[str]:
    return sorted(name for name, path in markers.items() if path.exists())


@pytest.fixture
def trap(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    root.mkdir()
    markers = booby_trapped_tree(root)
    monkeypatch.chdir(root)
    return markers


def test_check_suggest_and_review_run_nothing_they_read(trap):
    runner = CliRunner()
    for args in (["check", "."], ["check", "--format", "sarif", "."], ["suggest", "."],
                 ["review", "clients.yaml", "--code", "etl"], ["review", "more/clients.yaml"]):
        out = runner.invoke(main, args)
        assert out.exit_code in (0, 1, 2) and "Traceback" not in out.output, (args, out.output)
    assert ran(trap) == []


def test_the_scanned_tree_is_still_linted(trap):
    """Nothing ran, yet every file was read: the token requests in code, the scope variables, the findings."""
    result = run(["."], Config())
    requests = sorted(f.path for f in result.project.files if f.token_requests)
    # conftest.py's is a test's token request: its data, not judged (recognition.testdata)
    assert requests == ["Makefile", "etl/__init__.py", "etl/push.py", "notebooks/explore.ipynb",
                        "scripts/token.sh", "setup.py", "sitecustomize.py", "web/token.js"]
    assert sorted(f.path for f in result.project.files if f.scope_vars) == [".envrc", "Dockerfile"]
    triples = [(f.loc.path, f.loc.line, f.loc.col, f.code) for f in result.findings]
    assert ("clients.yaml", 3, 14, "SL017") in triples
    assert ("more/clients.yaml", 4, 54, "SL000") in triples  # the !!python/object/new value is just a bad 'code'
    assert ran(trap) == []


def test_python_tags_in_yaml_are_inert_or_invalid(trap):
    """A safe composer sees ``!!python/...`` as an unknown tag on a value: the value is read as
    data (a list where scopes must be a list or string) or the file is SL000, and nothing runs."""
    result = run(["more/clients.yaml"], Config())
    tagged = [(f.code, f.loc.line, f.loc.col, f.message) for f in result.findings]
    assert ("SL001", 3, 47, "scope 'touch' is not in the catalog %s" % result.catalog.label) in [
        (code, line, col, message.split(" (")[0]) for code, line, col, message in tagged]
    assert ("SL000", 4, 54, "'code' must be a string, not a list") in tagged
    assert ran(trap) == []


def test_a_config_file_with_a_python_tag_is_a_usage_error(tmp_path, monkeypatch):
    marker = tmp_path / "ran-config"
    (tmp_path / ".scopelint.yaml").write_text(f"exclude: !!python/object/apply:os.system ['touch {marker}']\n")
    (tmp_path / "clients.yaml").write_text("oauth_clients:\n  - name: a\n    scopes: [studio]\n")
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["check", "."])
    assert out.exit_code == 2
    assert out.stderr.startswith("scopelint: error: cannot parse config '") and "Traceback" not in out.output
    assert not marker.exists()


def test_a_catalog_file_with_a_python_tag_is_a_usage_error(tmp_path, monkeypatch):
    marker = tmp_path / "ran-catalog"
    (tmp_path / "extra.yaml").write_text(f"scopes: !!python/object/apply:os.system ['touch {marker}']\n")
    (tmp_path / "clients.yaml").write_text("oauth_clients:\n  - name: a\n    scopes: [studio]\n")
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["check", "--catalog", "extra.yaml", "."])
    assert out.exit_code == 2
    assert out.stderr.startswith("scopelint: error: cannot parse catalog 'extra.yaml'") and "Traceback" not in out.output
    assert not marker.exists()


# --- no network -------------------------------------------------------------------------------


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    calls: list[object] = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise NetworkUsed(f"network access attempted: {args!r}")

    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        monkeypatch.setattr(socket.socket, name, refuse)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse)
    return calls


def test_a_full_run_over_urls_everywhere_touches_no_network(trap, no_network):
    runner = CliRunner()
    for args in (["check", "--format", "sarif", "."], ["check", "--format", "json", "."], ["suggest", "."],
                 ["review", "clients.yaml", "--code", "etl", "--format", "html"]):
        out = runner.invoke(main, args)
        assert not isinstance(out.exception, NetworkUsed), (args, out.exception)
        assert out.exit_code in (0, 1), (args, out.output)
    assert no_network == []


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the guard reaches worker processes only when they are forked")
def test_worker_processes_touch_no_network_either(tmp_path, monkeypatch, no_network):
    """Over 500 files extraction runs in worker processes (forked here, so the guard goes along)."""
    for i in range(520):
        folder = tmp_path / f"svc{i // 100}"
        folder.mkdir(exist_ok=True)
        (folder / f"call{i}.py").write_text(f"import requests\nrequests.get('https://acme.eu-1.celonis.cloud/integration/api/pools/{i}')\n")
    monkeypatch.chdir(tmp_path)
    pools = []

    class Recorded(parallel.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(kwargs.get("max_workers"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Recorded)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 500)
    result = run(["."], Config(jobs=2))
    assert pools == [2]
    assert sum(len(f.api_calls) for f in result.project.files) == 520
    assert no_network == []


# --- the package's own source -----------------------------------------------------------------

SAFE_LOADERS = {"yaml.SafeLoader", "yaml.CSafeLoader", "SafeLoader", "CSafeLoader", "yaml_loader()",
                "getattr(yaml, 'CSafeLoader', yaml.SafeLoader)"}
OWN_DYNAMIC_IMPORTS = {"scopelint/extractors/__init__.py", "scopelint/reporters/__init__.py",
                       "scopelint/rules/__init__.py", "scopelint/review/__init__.py"}


def sources() -> list[tuple[str, ast.Module]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).as_posix()
        out.append((rel, ast.parse(path.read_text(encoding="utf-8"), filename=rel)))
    return out


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return dotted(node.func) + "()"
    return "?"


def assignments(tree: ast.Module) -> dict[str, str]:
    """``name = value`` anywhere in a module, unparsed: enough to see what a variable argument holds."""
    return {t.id: ast.unparse(n.value) for n in ast.walk(tree) if isinstance(n, ast.Assign)
            for t in n.targets if isinstance(t, ast.Name)}


def resolved(node: ast.AST, names: dict[str, str]) -> str:
    text = ast.unparse(node)
    return names.get(text, text) if isinstance(node, ast.Name) else text


def problems(rel: str, tree: ast.Module) -> list[str]:
    out = []
    names = assignments(tree)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in modules:
                top = name.split(".")[0]
                if top in ("subprocess",) and rel != "scopelint/gitcmd.py":
                    out.append(f"{rel}:{node.lineno}: imports {name}")
                if top in ("pickle", "marshal", "shelve", "socket", "urllib3", "requests", "httpx", "http", "ftplib",
                           "telnetlib", "smtplib", "ctypes", "runpy") or name in ("urllib.request", "importlib.machinery"):
                    out.append(f"{rel}:{node.lineno}: imports {name}")
        if not isinstance(node, ast.Call):
            continue
        name = dotted(node.func)
        where = f"{rel}:{node.lineno}"
        if name in ("eval", "exec", "__import__", "os.system", "os.popen", "os.exec", "runpy.run_path", "execfile"):
            out.append(f"{where}: calls {name}")
        if name in ("yaml.load", "yaml.load_all", "yaml.compose", "yaml.compose_all", "yaml.parse", "yaml.scan"):
            loader = next((k.value for k in node.keywords if k.arg == "Loader"), None)
            if loader is None or resolved(loader, names) not in SAFE_LOADERS:
                out.append(f"{where}: {name} without a safe Loader")
        if name in ("yaml.unsafe_load", "yaml.full_load", "yaml.unsafe_load_all", "yaml.full_load_all"):
            out.append(f"{where}: calls {name}")
        if name == "compile" and not any("PyCF_ONLY_AST" in resolved(a, names) for a in node.args + node.keywords):
            out.append(f"{where}: compile() that does not stop at the syntax tree")
        if name == "importlib.import_module":
            arg = ast.unparse(node.args[0]) if node.args else ""
            if not (arg.startswith("f'{__name__}.") or arg.startswith('f"{__name__}.') or arg.startswith("'scopelint.")):
                out.append(f"{where}: imports a module that is not scopelint's own: {arg}")
            elif rel not in OWN_DYNAMIC_IMPORTS:
                out.append(f"{where}: a new dynamic import; list it here once checked")
    return out


def test_the_package_source_has_no_way_to_run_what_it_reads():
    found = [p for rel, tree in sources() for p in problems(rel, tree)]
    assert found == []


def test_the_one_yaml_loader_the_check_trusts_is_a_safe_one():
    import yaml

    from scopelint import located

    assert located.yaml_loader() in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def test_the_source_check_catches_what_it_looks_for():
    bad = ast.parse("import subprocess\nimport pickle\neval(x)\nexec(y)\nyaml.load(t)\nyaml.load(t, Loader=yaml.Loader)\n"
                    "yaml.full_load(t)\ncompile(t, 'f', 'exec')\nimportlib.import_module(name)\nos.system('x')\n")
    assert sorted(p.split(": ", 1)[1] for p in problems("scopelint/x.py", bad)) == sorted([
        "imports subprocess", "imports pickle", "calls eval", "calls exec", "yaml.load without a safe Loader",
        "yaml.load without a safe Loader", "calls yaml.full_load", "compile() that does not stop at the syntax tree",
        "imports a module that is not scopelint's own: name", "calls os.system"])


def test_only_the_git_runner_runs_a_subprocess_and_only_git():
    from scopelint import gitcmd

    source = (PACKAGE / "gitcmd.py").read_text(encoding="utf-8")
    calls = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call) and dotted(n.func).startswith("subprocess.")]
    assert [dotted(c.func) for c in calls] == ["subprocess.run"]
    assert ast.unparse(calls[0].args[0]) == "command(folder, *args)"
    assert not [k for k in calls[0].keywords if k.arg == "shell" and getattr(k.value, "value", False)]
    cmd = gitcmd.command("repo", "ls-files")
    assert cmd[:2] == ["git", "--no-pager"] and cmd[-3:] == ["-C", "repo", "ls-files"]
