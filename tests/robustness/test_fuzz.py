"""Property tests: every extractor, and ``lint()`` as a whole, on arbitrary and on structurally
valid input of each kind. Whatever the input, the result is facts or findings (or SL000 and
notes), never an exception; a second run gives the same result; every position lies in the file.

``SCOPELINT_FUZZ_EXAMPLES`` raises the number of examples for a longer local run.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scopelint import limits
from scopelint.config import Config
from scopelint.extractors import Source
from scopelint.extractors.documents import ciconfig
from scopelint.extractors.documents import contentcli
from scopelint.extractors.documents import definitions
from scopelint.extractors.documents import envfiles
from scopelint.extractors.javascript import bruno as bruno_scripts
from scopelint.extractors.javascript import code as javascript
from scopelint.extractors.python import notebook
from scopelint.extractors.documents import postman
from scopelint.extractors.python import code as python
from scopelint.extractors.shell import scripts as shell
from scopelint.extractors.documents import appconfig, bruno, connector, mcp, spring
from scopelint.extractors.java import code as java
from scopelint.extractors.shell import ci_steps
from scopelint.linter import run
from scopelint.model import FileFacts
from scopelint.reading import decode
from scopelint.reporters import Context, render
from tests.conftest import kind_of
from tests.robustness import gen

EXAMPLES = int(os.environ.get("SCOPELINT_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])

KINDS = [  # (extractor, a path it claims, the strategy of its structurally valid input)
    (python, "etl/push.py", gen.python_code),
    (notebook, "notebooks/explore.ipynb", gen.notebooks()),
    (javascript, "web/token.ts", gen.js_code),
    (shell, "scripts/token.sh", gen.shell_code),
    (shell, "scripts/token.ps1", gen.powershell_code),
    (envfiles, ".env", gen.env_text),
    (envfiles, "Dockerfile", gen.dockerfile_text),
    (ciconfig, ".github/workflows/deploy.yml", gen.ci_documents()),
    (ciconfig, "k8s/celonis-secret.yaml", gen.ci_documents()),
    (contentcli, ".celonis-content-cli-profiles/acme.json", gen.content_cli_profiles()),
    (postman, "api/celonis.postman_collection.json", gen.postman_collections()),
    (postman, "api/celonis.postman_environment.json", gen.postman_environments()),
    (ci_steps, ".github/workflows/deploy.yml", gen.ci_documents()),
    (ci_steps, ".gitlab-ci.yml", gen.ci_documents()),
    (appconfig, "chart/values.yaml", gen.ci_documents()),
    (spring, "src/main/resources/application.yml", gen.ci_documents()),
    (bruno, "api/Get token.bru", gen.bru_text),
    (bruno, "api/environments/Prod.bru", gen.bru_text),
    (bruno_scripts, "api/collection.bru", gen.bru_text),
]
ARBITRARY = [(ex, path) for ex, path, _ in KINDS] + [
    (definitions, "clients.yaml"), (definitions, "clients.json"), (definitions, "pyproject.toml"),
    (shell, "Makefile"), (shell, "scripts/run.bat"), (envfiles, "app.properties"), (javascript, "web/app.js"),
    (spring, "application.properties"), (appconfig, "conf/app.ini"), (appconfig, "conf/settings.json"),
    (appconfig, "conf/settings.toml"), (connector, "connect/sink.properties"), (connector, "connect/sink.json"),
    (mcp, ".cursor/mcp.json"), (java, "src/Main.java"), (java, "src/Push.kt"), (java, "cmd/push/main.go"),
    (java, "src/Push/Program.cs"), (envfiles, ".env.example"),
]


def extract(module, path: str, text: str, explicit: bool = True) -> FileFacts:
    facts = FileFacts(path)
    with limits.in_force(limits.Limits()):
        module.extract(Source(path, text, explicit), facts)
    return facts


def assert_sound(module, path: str, text: str, explicit: bool = True) -> FileFacts:
    """Extract twice: no exception, the same facts, every location inside the text."""
    first = extract(module, path, text, explicit)
    assert extract(module, path, text, explicit) == first
    for loc in gen.locations(first):
        assert loc.path == path
        why = gen.outside(loc, text)
        assert why is None, f"{kind_of(module).name}: {loc} lies outside the file: {why}"
    return first


@pytest.mark.parametrize("module, path", ARBITRARY, ids=[f"{kind_of(m).name}:{p}" for m, p in ARBITRARY])
@FUZZ
@given(text=st.text(max_size=400), explicit=st.booleans())
def test_every_extractor_survives_arbitrary_text(module, path, text, explicit):
    assert_sound(module, path, text, explicit)


@pytest.mark.parametrize("module, path, strategy", KINDS, ids=[f"{kind_of(m).name}:{p}" for m, p, _ in KINDS])
@FUZZ
@given(data=st.data())
def test_every_extractor_survives_its_own_kind_of_input(module, path, strategy, data):
    text = data.draw(strategy, label="text")
    assert_sound(module, path, text)


@FUZZ
@given(doc=gen.definition_documents(), explicit=st.booleans())
def test_client_definitions_in_every_format_read_or_give_sl000(doc, explicit):
    suffix, text = doc
    facts = assert_sound(definitions, f"clients.{suffix}", text, explicit)
    assert all(p.kind in ("invalid", "skipped") and p.message for p in facts.problems)


@FUZZ
@given(text=gen.python_code)
def test_python_in_a_notebook_cell_is_read_like_a_python_file(text):
    """The same code as a ``.py`` file and as a notebook cell: the notebook locations stay in the notebook."""
    nb = json.dumps({"cells": [{"cell_type": "code", "source": text.splitlines(True)}]}, indent=1)
    as_file = assert_sound(python, "a.py", text)
    in_cell = assert_sound(notebook, "a.ipynb", nb)
    assert [r.kind for r in as_file.secrets] == [r.kind for r in in_cell.secrets]
    assert sorted(c.path for c in as_file.api_calls) == sorted(c.path for c in in_cell.api_calls)


# --- the whole run -----------------------------------------------------------------------------

TREE_FILES = {
    "clients.yaml": gen.definitions_data.map(lambda d: gen.to_yaml(d, False)),
    "more/clients.json": gen.definitions_data.map(json.dumps),
    "more/clients.toml": gen.definitions_data.map(gen.to_toml),
    "etl/push.py": gen.python_code,
    "notebooks/n.ipynb": gen.notebooks(),
    "web/token.js": gen.js_code,
    "scripts/token.sh": gen.shell_code,
    ".env": gen.env_text,
    ".github/workflows/ci.yml": gen.ci_documents(),
    "api/x.postman_collection.json": gen.postman_collections(),
    ".celonis-content-cli-profiles/p.json": gen.content_cli_profiles(),
}
ANY_NAME = sorted(TREE_FILES)


@st.composite
def trees(draw) -> dict[str, bytes]:
    names = draw(st.lists(st.sampled_from(ANY_NAME), min_size=1, max_size=4, unique=True))
    out = {}
    for name in names:
        how = draw(st.sampled_from(("kind", "kind", "text", "bytes", "utf16")))
        if how == "kind":
            out[name] = draw(TREE_FILES[name]).encode("utf-8")
        elif how == "text":
            out[name] = draw(st.text(max_size=300)).encode("utf-8", "surrogatepass")
        elif how == "utf16":
            out[name] = draw(TREE_FILES[name]).encode("utf-16")
        else:
            out[name] = draw(st.binary(max_size=300))
    return out


def lint_files(files: dict[str, bytes]):
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in files.items():
            path = Path(tmp, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            first, second = run(["."], Config()), run(["."], Config())
        finally:
            os.chdir(cwd)
    return first, second


@FUZZ
@given(files=trees())
def test_lint_of_any_tree_gives_findings_and_notes_only_and_is_repeatable(files):
    first, second = lint_files(files)
    assert [f.to_dict() for f in first.findings] == [f.to_dict() for f in second.findings]
    assert first.notes == second.notes
    assert not [n for n in first.notes if "internal error" in n[1]], first.notes
    for finding in first.findings + first.suppressed:
        assert finding.code.startswith("SL") and finding.message and finding.level in ("error", "warning", "note")
        text = decode(files[finding.loc.path])
        assert text is not None, f"a finding in {finding.loc.path}, which was not readable text"
        why = gen.outside(finding.loc, text)
        assert why is None, f"{finding.code} at {finding.loc} lies outside the file: {why}"
    for fmt in ("text", "json", "sarif", "github"):
        assert isinstance(render(fmt, first, Context(color=fmt == "text", include_suppressed=True)), str)
