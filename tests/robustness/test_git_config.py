"""A repository's own ``.git/config`` cannot make scopelint's git run a program: fsmonitor, pager,
external diff, textconv, hooks, ssh, signature checks are all switched off on git's command line,
for the file list of ``check`` and for ``review --against``."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from scopelint.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None or os.name == "nt",
                                reason="needs git and executable shell scripts")

TRAPS = ("fsmonitor", "pager", "external", "textconv", "hooks", "ssh", "gpg", "askpass", "filter")
BEFORE = "oauth_clients:\n  - name: etl\n    scopes: [studio]\n"
AFTER = "oauth_clients:\n  - name: etl\n    scopes: [studio, integration.data-pools]\n"


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false",
                           *args], cwd=root, check=check, capture_output=True, stdin=subprocess.DEVNULL, timeout=60)


def trap(folder: Path, name: str, marker: Path) -> Path:
    script = folder / f"trap-{name}.sh"
    script.write_text(f"#!/bin/sh\necho ran >> '{marker}'\ncat >/dev/null 2>&1 </dev/null\nexit 0\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    """A committed repository whose config, written after the commits, points every program
    setting at a script that leaves a marker file."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "repo"
    (root / "clients").mkdir(parents=True)
    (root / "clients" / "oauth.yaml").write_text(BEFORE, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    (root / "clients" / "oauth.yaml").write_text(AFTER, encoding="utf-8")
    git(root, "commit", "-q", "-am", "widen")
    (root / "clients" / "oauth.yaml").write_text(AFTER + "# edited\n", encoding="utf-8")  # a dirty work tree
    (root / ".gitattributes").write_text("* diff=trap filter=trap\n", encoding="utf-8")
    bait = tmp_path / "bait"
    bait.mkdir()
    markers = {name: tmp_path / f"ran-{name}" for name in TRAPS}
    scripts = {name: trap(bait, name, markers[name]) for name in TRAPS}
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for hook in ("pre-commit", "post-checkout", "post-index-change", "reference-transaction", "fsmonitor-watchman"):
        shutil.copy(scripts["hooks"], hooks / hook)
    with open(root / ".git" / "config", "a", encoding="utf-8") as fh:
        fh.write(f"[core]\n\tfsmonitor = {scripts['fsmonitor']}\n\tpager = {scripts['pager']}\n"
                 f"\thooksPath = {hooks}\n\tsshCommand = {scripts['ssh']}\n\taskPass = {scripts['askpass']}\n"
                 f"[pager]\n\tshow = {scripts['pager']}\n\tlog = {scripts['pager']}\n"
                 f"[diff]\n\texternal = {scripts['external']}\n"
                 f"[diff \"trap\"]\n\ttextconv = {scripts['textconv']}\n"
                 f"[filter \"trap\"]\n\tclean = {scripts['filter']}\n\tsmudge = {scripts['filter']}\n"
                 f"[log]\n\tshowSignature = true\n[gpg]\n\tprogram = {scripts['gpg']}\n")
    monkeypatch.chdir(root)
    return root, markers


def ran(markers: dict[str, Path]) -> list[str]:
    return sorted(name for name, path in markers.items() if path.exists())


def test_the_traps_are_live_for_plain_git(hostile):
    root, markers = hostile
    git(root, "status", check=False)
    git(root, "log", "-p", "-1", check=False)
    git(root, "diff", check=False)
    assert {"fsmonitor", "external"} <= set(ran(markers))  # proof that a careless git call runs them


def test_check_runs_nothing_a_repository_config_names(hostile):
    root, markers = hostile
    result = CliRunner().invoke(main, ["check", "--format", "json", "."])
    assert result.exit_code in (0, 1), result.output
    assert '"path": "clients/oauth.yaml"' in result.output
    assert ran(markers) == []


def test_review_against_runs_nothing_a_repository_config_names(hostile):
    root, markers = hostile
    result = CliRunner().invoke(main, ["review", "clients/oauth.yaml", "--against", "HEAD~1", "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert '"ref": "HEAD~1"' in result.output and '"subject": "integration.data-pools"' in result.output
    assert ran(markers) == []


def test_git_from_a_hook_environment_lists_the_folders_own_repository(hostile, tmp_path, monkeypatch):
    """A pre-commit hook runs with GIT_DIR and GIT_INDEX_FILE set; the file list still comes from the
    repository of the folder scanned."""
    root, markers = hostile
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(other / ".git" / "index"))
    from scopelint.gitignore import git_files

    assert "clients/oauth.yaml" in (git_files(str(root)) or [])
    assert ran(markers) == []
