"""The extractors' layout holds: one shared layer and five wings, data flowing one way.

A wing imports the shared layer and nothing of another wing; the shared layer imports no wing;
there is no import circle among the extractor modules; and no extractor reads a module-level
catalog (the catalog in force arrives with the ``Source``)."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scopelint.extractors as extractors_pkg
from scopelint.extractors import KINDS, for_path
from scopelint.extractors.documents import definitions

ROOT = Path(extractors_pkg.__file__).parent
SHARED = "recognition"
WINGS = ("python", "javascript", "shell", "documents", "java")


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """The scopelint modules a file imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if node.module is None or not node.level:
                found.update(f"{target}.{a.name}" for a in node.names)
            found.add(target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.startswith("scopelint")}


FILES = sorted(ROOT.rglob("*.py"))
MODULES = {_module_name(p): p for p in FILES}


def _room(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "extractors" else None


def test_every_extractor_module_lives_in_a_wing_or_the_shared_layer():
    loose = [p.name for p in ROOT.glob("*.py") if p.name != "__init__.py"]
    assert loose == []
    assert {p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith("__")} == {SHARED, *WINGS}
    assert all(kind.module.split(".")[0] in WINGS for kind in KINDS)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_wing_imports_no_other_wing_and_the_shared_layer_no_wing(path):
    room = _room(_module_name(path))
    others = {_room(m) for m in _imports(path) if _room(m) not in (None, room)}
    if room == SHARED:
        assert others == set(), f"the shared layer imports wings: {others}"
    elif room in WINGS:
        assert others <= {SHARED}, f"{room} imports {others - {SHARED}}"


def test_no_import_circle_among_extractor_modules():
    graph = {m: {i for i in _imports(p) if i in MODULES and i != m} for m, p in MODULES.items()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                pytest.fail("import circle: " + " -> ".join(trail + [node, nxt]))
            if nxt not in state:
                visit(nxt, trail + [node])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_extractor_reads_a_module_level_catalog(path):
    source = path.read_text(encoding="utf-8")
    if path.name == "source.py" and path.parent.name == SHARED:
        return  # the one default: a Source made without a catalog gets the shipped one
    assert "shipped(" not in source and "import shipped" not in source


def test_every_registered_kind_declares_its_interface():
    assert len({kind.name for kind in KINDS}) == len({kind.module for kind in KINDS}) == len(KINDS)
    for kind in KINDS:
        module = kind.load()
        assert isinstance(kind.markers, tuple) and all(isinstance(m, bytes) and m == m.lower() for m in kind.markers)
        assert kind.suffixes and all(s == s.lower() and "." not in s for s in kind.suffixes)
        assert all(p == p.lower() for p in kind.prefixes)
        assert callable(module.extract)
        # a module's claims() is asked exactly when the kind refines the name test
        assert callable(getattr(module, "claims", None)) is kind.refine, kind.name


# file names built from the pieces the kinds' tests look at, so every branch of every claims() is reached
_NAME_PIECES = st.sampled_from(["", ".", "-", "_", "env", "Dockerfile", "containerfile", "compose", "docker-", "mcp",
                                "application", "bootstrap", "postman_collection", "postman_environment", "Makefile",
                                "envrc", "min", "d", "ts", "js", "json", "yaml", "yml", "properties", "sh", "ps1",
                                "bat", "mk", "template", "ini", "cfg", "toml", "conf", "plugin", "claude_desktop_config",
                                "azure-pipelines", "gitlab-ci", "bitbucket-pipelines", "README", "x", "config", "/", "docker-compose",
                                # whole names of every kind a path test looks for
                                "claude_desktop_config.json", "compose.yml", "docker-compose.prod.yaml", ".gitlab-ci.yml",
                                "azure-pipelines-ci.yml", "bitbucket-pipelines.yml", "config.yml", "mcp.json",
                                "my-mcp-servers.json", "plugin.json", "application-dev.yml", "bootstrap.properties",
                                "x.postman_collection.json", "y.postman_environment.json", ".env.local",
                                "Dockerfile.prod", "app.min.js", "types.d.ts", "values.yaml", ".envrc"])
_FOLDERS = st.sampled_from(["", ".github/workflows/", ".circleci/", ".celonis-content-cli-profiles/", "templates/",
                            ".cursor/", "src/main/resources/", "a/b/", "chart/templates/", "x.postman_collection/"])


@given(folder=_FOLDERS, pieces=st.lists(_NAME_PIECES, min_size=1, max_size=5))
@settings(max_examples=400, deadline=None)
def test_the_name_test_admits_every_file_a_module_claims(folder, pieces):
    """The registry asks a module only about the files its name test admits: a file the module's
    own claims() takes but the name test turned away would never be read."""
    path = folder + "".join(pieces)
    if not path or path.endswith("/"):
        return
    name = path.rsplit("/", 1)[-1].lower()
    ext = name.rsplit(".", 1)[-1] if "." in name else ""
    for kind in KINDS:
        if kind.refine and kind.load().claims(path, False):
            assert kind.admits(name, ext), (kind.name, path)
    expected = [k.name for k in KINDS if k.admits(name, ext) and (not k.refine or k.load().claims(path, False))]
    assert [k.name for k in for_path(path)] == expected  # the suffix index and its short cuts change nothing


def _path_patterns() -> list:
    from scopelint.extractors.recognition import source

    modules = [kind.load() for kind in KINDS] + [source]
    return [(f"{m.__name__}.{name}", value) for m in modules for name, value in vars(m).items()
            if isinstance(value, source.PathPattern)]


@given(folder=_FOLDERS, pieces=st.lists(_NAME_PIECES, min_size=1, max_size=5), upper=st.booleans())
@settings(max_examples=400, deadline=None)
def test_a_path_patterns_words_never_change_its_answer(folder, pieces, upper):
    """The words a ``PathPattern`` looks for first are in every path its pattern matches."""
    path = folder + "".join(pieces)
    path = path.upper() if upper else path
    patterns = _path_patterns()
    assert len(patterns) >= 5
    for name, pattern in patterns:
        assert pattern.search(path) is (pattern.pattern.search(path) is not None), (name, path)


def test_the_definitions_name_test_is_the_registrys():
    kind = next(k for k in KINDS if k.name == "definitions")
    assert set(definitions.SUFFIXES) == kind.suffixes


def test_asking_which_kinds_claim_a_file_imports_no_wing_it_does_not_need():
    code = ("import sys\nfrom scopelint.extractors import for_path\n"
            "print(for_path('src/app.py'), for_path('web/logo.png'), for_path('notes.md'))\n"
            "print(sorted(m for m in sys.modules if m.startswith('scopelint.extractors.')"
            " and m.split('.')[2] != 'recognition'))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    first, second = proc.stdout.splitlines()
    assert first.startswith("(Kind(name='python'") and first.endswith("() ()")
    assert second == "[]"  # python.code is claimed by its suffix alone: loaded only when a file is parsed


def test_preload_loads_every_extractor_module_and_fills_the_data_caches():
    code = ("import json, sys\nfrom scopelint.extractors import preload\npreload()\n"
            "from scopelint.extractors.python.sdk_map import sdk_map\n"
            "from scopelint.extractors.recognition.libraries import libraries\n"
            "print(sdk_map.cache_info().currsize, libraries.cache_info().currsize, 'yaml' in sys.modules)\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('scopelint.extractors'))))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    caches, listed = proc.stdout.splitlines()
    assert caches == "1 2 True", proc.stderr
    assert set(MODULES) <= set(json.loads(listed))


@pytest.mark.parametrize(("text", "parsed"), [
    ("kind: Deployment\nspec:\n  containers:\n    - image: nginx\n", False),  # a marker, but nothing a shell reads
    ("kind: Job\nspec:\n  containers:\n    - image: curl\n      command: [curl, https://x]\n", True),
    ("kind: Job\nspec:\n  template:\n    command: [curl, https://x]\n", False),  # what a shell reads, no marker
])
def test_a_kind_that_requires_a_second_marker_parses_a_file_only_with_both(text, parsed):
    from scopelint import reading

    wanted = {kind.name for kind in reading.wanted_extractors("k8s/job.yaml", False, text)}
    assert ("manifest_scripts" in wanted) is parsed
