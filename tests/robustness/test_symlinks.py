"""Followed symbolic links never leave the paths given on the command line, whoever switched
following on: a repository's own ``.scopelint.toml`` cannot have ``../outside/.env`` read and reported."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from scopelint.cli import main
from scopelint.config import Config
from scopelint.discovery import Entry, Skipped, walk

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="no symbolic links here")

SECRET = "Zq8x7VbN3kLp9TmR2wYc4Hs6Jd1Fg5Ae"
OUTSIDE = "symbolic link leads outside the paths given; not followed"
CLIENT = "oauth_clients:\n  - name: own\n    scopes: [integration.datapools]\n"


@pytest.fixture
def planted(tmp_path, monkeypatch):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / ".env").write_text(f"CELONIS_URL=https://acme.eu-1.celonis.cloud\nCELONIS_CLIENT_SECRET={SECRET}\n",
                                  encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / "shared").mkdir(parents=True)
    (repo / ".scopelint.toml").write_text("follow-symlinks = true\n", encoding="utf-8")
    (repo / "clients.yaml").write_text(CLIENT, encoding="utf-8")
    (repo / "shared" / "clients.yaml").write_text(CLIENT.replace("own", "shared"), encoding="utf-8")
    os.symlink("../outside/.env", repo / "config.env")
    os.symlink("../outside", repo / "outside-dir")
    os.symlink("shared", repo / "inside-dir")
    os.symlink("shared/clients.yaml", repo / "inside.yaml")
    monkeypatch.chdir(repo)
    return repo


def test_a_repository_config_cannot_lead_the_scan_out_of_the_tree(planted):
    result = CliRunner().invoke(main, ["check", "--format", "json"])
    doc = json.loads(result.stdout)
    assert SECRET not in result.output
    assert sorted({f["path"] for f in doc["findings"]}) == ["clients.yaml", "inside-dir/clients.yaml"]
    assert [(n["path"], n["message"]) for n in doc["notes"]] == [
        ("config.env", OUTSIDE), ("outside-dir", OUTSIDE),
        ("shared", "symbolic link to a directory already scanned as 'inside-dir'; not scanned twice")]


def test_links_inside_are_followed_and_read_once(planted):
    items = list(walk(["."], (), follow_symlinks=True))
    # inside.yaml is the file read as inside-dir/clients.yaml; shared/ is the folder read as inside-dir/
    assert [i.path for i in items if isinstance(i, Entry)] == [".scopelint.toml", "clients.yaml", "inside-dir/clients.yaml"]
    assert Skipped("config.env", OUTSIDE) in items


def test_a_folder_given_on_the_command_line_is_a_root_links_may_reach(planted):
    items = list(walk([".", "../outside"], (), follow_symlinks=True))
    entries = [i.path for i in items if isinstance(i, Entry)]
    assert entries[:3] == [".scopelint.toml", "clients.yaml", "config.env"]  # the same file as outside-dir/.env
    assert "outside-dir/.env" not in entries
    assert not [i for i in items if isinstance(i, Skipped) and i.reason == OUTSIDE]


def test_the_api_with_following_switched_on_stays_inside_too(planted):
    from scopelint.linter import run

    result = run(["."], Config(follow_symlinks=True))
    assert all(not f.loc.path.startswith(("config.env", "outside-dir")) for f in result.findings)
    assert ("config.env", OUTSIDE) in result.notes
