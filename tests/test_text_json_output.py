"""Text output: colour and carets only on a terminal; JSON output: byte-stable and sorted."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import write_tree

from scopelint.cli import main
from scopelint.config import Config
from scopelint.linter import run
from scopelint.reporters import Context, render

ANSI = re.compile(r"\x1b\[[0-9;]*m")
FILES = {
    "b/clients.toml": """
        [[oauth_clients]]
        name = "auditor"
        scopes = "audit.log integration.datapools"
        """,
    "a/clients.yaml": """
        oauth_clients:
          - name: nightly-erp-push
            grant_type: password
            scopes:
              - integration.datapools
              - integration.data-pools:data_push
              - integration.data-pools:data_push
        """,
}


@pytest.fixture
def tree(tmp_path, monkeypatch):
    write_tree(tmp_path, FILES)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_plain_text_without_a_terminal(tree, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = CliRunner().invoke(main, ["check", "--select", "SL001,SL010"])
    assert not ANSI.search(result.output)
    assert result.output.splitlines() == [
        "a/clients.yaml:3:17: SL010 [error] grant type 'password' is not supported; "
        "use one of client_credentials, authorization_code",
        "    help: use 'client_credentials' for server-to-server code",
        "a/clients.yaml:5:9: SL001 [error] unknown scope 'integration.datapools' (catalog 2026.12.0); "
        "did you mean 'integration.data-pools'?",
        "    help: use 'integration.data-pools'",
        "b/clients.toml:3:21: SL001 [error] unknown scope 'integration.datapools' (catalog 2026.12.0); "
        "did you mean 'integration.data-pools'?",
        "    help: use 'integration.data-pools'",
        "3 findings (3 errors, 0 warnings, 0 notes), 0 suppressed, 2 files scanned",
        "2 fixable with --fix --unsafe-fixes",
    ]


def test_quiet_leaves_out_hints(tree):
    result = CliRunner().invoke(main, ["check", "--select", "SL010", "--quiet"])
    assert result.output.splitlines() == [
        "a/clients.yaml:3:17: SL010 [error] grant type 'password' is not supported; "
        "use one of client_credentials, authorization_code",
        "1 finding (1 errors, 0 warnings, 0 notes), 0 suppressed, 2 files scanned",
    ]


def test_colour_puts_a_caret_under_the_finding(tree):
    result = run(["."], Config(select=("SL001", "SL016")))
    text = render("text", result, Context(color=True))
    assert "\x1b[31m" in text and "\x1b[33m" in text
    plain = ANSI.sub("", text).splitlines()
    start = plain.index("a/clients.yaml")
    assert plain[start + 1].startswith("  5:9: SL001 [error] unknown scope 'integration.datapools'")
    assert plain[start + 2] == "          - integration.datapools"
    assert plain[start + 3] == "            " + "^" * len("integration.datapools")
    dup = plain.index("  7:9: SL016 [*] [warning] scope 'integration.data-pools:data_push' is listed twice (first at line 6)")
    assert plain[dup + 2] == "            " + "^" * len("integration.data-pools:data_push")
    toml = plain.index("b/clients.toml")
    assert plain[toml + 2] == '    scopes = "audit.log integration.datapools"'
    assert plain[toml + 3] == "    " + " " * 20 + "^" * len("integration.datapools")


def test_quiet_colour_has_no_snippet(tree):
    result = run(["."], Config(select=("SL010",)))
    plain = ANSI.sub("", render("text", result, Context(color=True, quiet=True))).splitlines()
    assert plain[:3] == ["a/clients.yaml", "  3:17: SL010 [error] grant type 'password' is not supported; "
                         "use one of client_credentials, authorization_code", ""]


def _on_a_terminal(tree: Path, env: dict[str, str]) -> str:
    import pty

    main_fd, child_fd = pty.openpty()
    root = Path(__file__).resolve().parent.parent
    env = {**{k: v for k, v in os.environ.items() if k != "NO_COLOR"}, "PYTHONPATH": str(root), "TERM": "xterm",
           **env}
    proc = subprocess.run([sys.executable, "-m", "scopelint.cli", "check", "--select", "SL010"], cwd=tree,
                          stdin=subprocess.DEVNULL, stdout=child_fd, stderr=subprocess.DEVNULL, env=env, timeout=60)
    os.close(child_fd)
    chunks = []
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main_fd)
    assert proc.returncode == 1
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_colour_on_a_terminal_unless_no_color(tree):
    coloured = _on_a_terminal(tree, {})
    assert "\x1b[31m[error]\x1b[0m" in coloured
    assert "^^^^^^^^" in coloured
    for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        plain = _on_a_terminal(tree, env)
        assert not ANSI.search(plain), env
        assert "a/clients.yaml:3:17: SL010 [error]" in plain


def test_json_is_byte_identical_and_sorted(tree):
    runs = [CliRunner().invoke(main, ["check", "--format", "json"]) for _ in range(2)]
    assert runs[0].exit_code == runs[1].exit_code == 1
    assert runs[0].output == runs[1].output
    doc = json.loads(runs[0].output)
    keys = [(f["path"], f["line"], f["column"], f["code"]) for f in doc["findings"]]
    assert keys == sorted(keys)
    assert keys == [
        ("a/clients.yaml", 3, 17, "SL010"),
        ("a/clients.yaml", 5, 9, "SL001"),
        ("a/clients.yaml", 7, 9, "SL016"),
        ("b/clients.toml", 3, 11, "SL003"),
        ("b/clients.toml", 3, 21, "SL001"),
    ]
    assert doc["summary"] == {"error": 3, "warning": 2, "note": 0, "findings": 5, "suppressed": 0, "files": 2, "excluded": 0}
    assert doc["excluded"] == []
    assert list(doc) == sorted(doc)
    assert runs[0].output.endswith("}\n")


def test_json_to_a_file_matches_stdout(tree):
    shown = CliRunner().invoke(main, ["check", "--format", "json"]).output
    written = CliRunner().invoke(main, ["check", "--format", "json", "--output", "report.json"])
    assert written.exit_code == 1 and written.output == ""
    assert (tree / "report.json").read_text(encoding="utf-8") == shown


def test_two_secrets_on_one_line_are_both_masked_in_snippets():
    """A mask shorter than its secret must not shift the next one, whatever order they come in."""
    from scopelint.findings import Location
    from scopelint.linter import mask

    first, second = "Qm7vX2bR9tY5wP1nL8hJ4kZ3", "Hc4NsYb6Jd1FgE5uT8rW2eQ9"
    line = f'curl -u "id:{first}" -H "Authorization: Bearer {second}" https://acme.eu-1.celonis.cloud/api/cloud'
    secrets = [Location("x.sh", 1, line.index(v) + 1, 1, line.index(v) + 1 + len(v)) for v in (second, first)]
    masked = mask(line, 1, secrets)
    assert masked == 'curl -u "id:********" -H "Authorization: Bearer ********" https://acme.eu-1.celonis.cloud/api/cloud'


def test_the_caret_stands_under_the_finding_past_a_masked_secret(tmp_path, monkeypatch):
    """A secret before the finding on its line is shown shorter than it is: the caret moves with it."""
    line = ('curl -X POST "https://team.eu-1.celonis.cloud/oauth2/token" -d "client_secret=Zx9kQ2mP7vL4tR8wY3nB6cF1hJ5sD0gA" '
            '-d "scope=studio,integration.data-pools"')
    (tmp_path / "token.sh").write_text(line + "\n")
    monkeypatch.chdir(tmp_path)
    plain = ANSI.sub("", render("text", run(["."], Config(select=("SL002", "SL012"))), Context(color=True))).splitlines()
    at = next(i for i, text in enumerate(plain) if " SL002 " in text)
    shown, caret = plain[at + 1], plain[at + 2]
    assert "Zx9kQ2mP7vL4tR8wY3nB6cF1hJ5sD0gA" not in shown and "********" in shown
    assert shown[caret.index("^"):].startswith("studio,integration.data-pools") and caret.count("^") == 29
