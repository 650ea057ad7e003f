"""``scopelint catalog --from-docs``: a saved copy of the Celonis scopes page against the catalog.

The fixtures are the page as text (the copy in the project reference) and as HTML, rendered the
way the docs site renders its scope table (group cells with ``rowspan``, scope names in ``code``,
lists inside the details cells). The edited copies are made from the text by one change each.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scopelint import catalog, catalog_docs
from scopelint.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "docs-page"
TEXT = FIXTURES / "registering-oauth-client.txt"
HTML = FIXTURES / "registering-oauth-client.html"

NEW_ROW = """task-mining.metadata:read

Gives read-only access to Task Mining user metadata.

task-mining.recordings:read

Gives read-only access to Task Mining recordings based on granted permissions.

"""


def run(*args: str):
    return CliRunner().invoke(main, ["catalog", *args])


def edited(tmp_path: Path, old: str, new: str) -> Path:
    text = TEXT.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "page.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# --- reading the page -------------------------------------------------------------------------

@pytest.mark.parametrize("page", [TEXT, HTML], ids=["text", "html"])
def test_the_page_yields_the_documented_scopes_with_groups_and_descriptions(page):
    scopes = catalog_docs.read_page(page)
    shipped = catalog.shipped()
    documented = {n: s for n, s in shipped.scopes.items() if s.status == "documented"}
    assert [s.name for s in scopes][:3] == ["action-engine.projects", "audit.log:read", "authorization.permissions:read"]
    assert {s.name for s in scopes} == set(documented)
    for s in scopes:
        assert s.group == documented[s.name].group, s.name
        assert s.description == documented[s.name].description, s.name


def test_html_ignores_scripts_code_blocks_and_the_text_before_the_table():
    names = {s.name for s in catalog_docs.read_page(HTML)}
    assert "studio.spaces" not in names and "not.a-scope" not in names  # inside <script>
    assert len(names) == 36


@pytest.mark.parametrize("page", [TEXT, HTML], ids=["text", "html"])
def test_the_reference_copy_reports_no_difference_and_exits_0(page):
    result = run("--from-docs", str(page))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{page}: 36 scopes on the page; catalog {catalog.shipped().label} ({catalog.shipped().date})"
    assert lines[1] == "no difference: every documented scope and description matches the catalog"
    # observed scopes were never on the page: counted, not reported as gone
    assert lines[2].startswith("(6 observed scope(s) in the catalog are not on the page, as expected")
    assert "gone" not in result.output


def test_one_added_scope(tmp_path):
    page = edited(tmp_path, "task-mining.metadata:read\n\nGives read-only access to Task Mining user metadata.\n\n",
                  NEW_ROW)
    result = run("--from-docs", str(page))
    assert result.exit_code == 1, result.output
    assert ("added: task-mining.recordings:read (Task Mining): Gives read-only access to Task Mining recordings "
            "based on granted permissions.") in result.output.splitlines()
    assert "gone:" not in result.output and "changed:" not in result.output


def test_one_removed_scope(tmp_path):
    page = edited(tmp_path, "triggers:read\n\nGives read-only access to triggers based on granted permissions.\n\n", "")
    result = run("--from-docs", str(page))
    assert result.exit_code == 1, result.output
    assert "gone: triggers:read (in the catalog, no longer on the page)" in result.output.splitlines()
    assert "35 scopes on the page" in result.output and "added:" not in result.output


def test_one_renamed_scope(tmp_path):
    page = edited(tmp_path, "\ntasks:update\n", "\ntasks:write\n")
    result = run("--from-docs", str(page))
    assert result.exit_code == 1, result.output
    assert "renamed: tasks:update -> tasks:write (same description)" in result.output.splitlines()
    assert "gone:" not in result.output and "added:" not in result.output


def test_a_changed_description(tmp_path):
    page = edited(tmp_path, "Gives access to studio based on granted permissions.",
                  "Gives access to Studio and its packages based on granted permissions.")
    result = run("--from-docs", str(page))
    assert result.exit_code == 1, result.output
    assert ("changed: studio\n    catalog: Gives access to studio based on granted permissions.\n"
            "    page:    Gives access to Studio and its packages based on granted permissions.") in result.output


def test_quote_style_and_line_breaks_are_no_difference(tmp_path):
    page = edited(tmp_path, "Gives read-only access to team login history based on granted permissions.",
                  "Gives read-only access to team login\u00a0history based on granted permissions.")
    assert run("--from-docs", str(page)).exit_code == 0


def test_an_observed_scope_the_page_now_lists(tmp_path):
    page = edited(tmp_path, NEW_ROW.split("task-mining.recordings")[0],
                  NEW_ROW.split("task-mining.recordings")[0]
                  + "eml-explorer:read\n\nGives read-only access to the EML explorer based on granted permissions.\n\n")
    result = run("--from-docs", str(page))
    assert result.exit_code == 1, result.output
    assert "now documented: eml-explorer:read (observed in the catalog; the page now lists it)" in result.output
    assert "added:" not in result.output
    assert "(5 observed scope(s)" in result.output


def test_yaml_writes_the_added_scopes_as_a_catalog_extension(tmp_path):
    page = edited(tmp_path, "task-mining.metadata:read\n\nGives read-only access to Task Mining user metadata.\n\n",
                  NEW_ROW.replace("task-mining.metadata:read\n\nGives read-only access to Task Mining user metadata.\n\n",
                                  "task-mining.metadata:read\n\nGives read-only access to Task Mining user metadata.\n\n"
                                  "task-mining.clients:pause\n\nAllows pausing Task Mining clients.\n\n"))
    result = run("--from-docs", str(page), "--format", "yaml")
    assert result.exit_code == 1, result.output
    assert result.output.startswith("# Scopes on ")
    data = yaml.safe_load(result.output)
    assert data == {"scopes": [
        {"name": "task-mining.clients:pause", "group": "Task Mining", "description": "Allows pausing Task Mining clients.",
         "access": "write", "risk": "medium", "status": "documented"},
        {"name": "task-mining.recordings:read", "group": "Task Mining",
         "description": "Gives read-only access to Task Mining recordings based on granted permissions.",
         "access": "read", "risk": "low", "status": "documented"},
    ]}
    ext = tmp_path / "extension.yaml"
    ext.write_text(result.output, encoding="utf-8")
    merged = catalog.load([ext])
    assert merged.scopes["task-mining.recordings:read"].origin == str(ext) and merged.overrides == ()
    # with the extension in force, the edited page no longer differs
    again = run("--from-docs", str(page), "--catalog", str(ext))
    assert again.exit_code == 0, again.output


def test_json_lists_every_kind_of_difference(tmp_path):
    page = edited(tmp_path, "\ntasks:update\n", "\ntasks:write\n")
    result = run("--from-docs", str(page), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["differs"] is True and data["page_scopes"] == 36
    assert data["renamed"] == [{"from": "tasks:update", "to": "tasks:write",
                                "description": "Gives access to updating Tasks data based on granted permissions."}]
    assert data["added"] == [] and data["gone"] == [] and data["changed"] == []
    assert len(data["observed_not_on_page"]) == 6


def test_an_extension_scope_missing_from_the_page_is_gone(tmp_path):
    ext = tmp_path / "ext.yaml"
    ext.write_text("scopes:\n  - {name: custom.thing:read, access: read, risk: low, description: Reads things.}\n",
                   encoding="utf-8")
    result = run("--from-docs", str(TEXT), "--catalog", str(ext))
    assert result.exit_code == 1
    assert "gone: custom.thing:read (in the catalog, no longer on the page)" in result.output


@pytest.mark.parametrize("make, message", [
    (lambda p: p / "missing.txt", "cannot read"),
    (lambda p: (p / "notes.txt").write_text("studio\n\nnothing else\n") and p / "notes.txt", "holds no scope table"),
    (lambda p: (p / "page.html").write_text("<html><body><p>moved</p></body></html>") and p / "page.html",
     "holds no scope table"),
])
def test_unreadable_or_unrelated_files_are_usage_errors(tmp_path, make, message):
    result = run("--from-docs", str(make(tmp_path)))
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    result = run("--from-docs", str(fifo))
    assert result.exit_code == 2
    assert "is not a regular file" in result.output


def test_a_directory_is_a_usage_error(tmp_path):
    result = run("--from-docs", str(tmp_path))
    assert result.exit_code == 2
