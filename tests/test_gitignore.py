"""The files a run reads equal the files git lists (``git ls-files -co --exclude-standard``), on a
repository full of the ``.gitignore`` shapes stock templates use: character classes, negations,
nested files, anchors, ``**``, escapes; from git's list and from the walk alike. Tracked files are
read whatever ``.gitignore`` says; what default excludes pass over is reported."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import write_tree

from scopelint.cli import main
from scopelint.config import Config
from scopelint.discovery import Entry, Excluded, walk
from scopelint.linter import run

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ROOT_IGNORE = r"""
# from the stock Python and Visual Studio templates
*.py[cod]
[Bb]in/
[Dd]ebug/
*.log
!important.log
/anchored.txt
docs/*.tmp
**/cache/
logs/**/*.txt
\#hash.txt
\!bang.txt
name\ with\ space.txt
\[abc\].txt
*.secret
!keep/*.secret
out/
!out/readme.md
foo/**/bar
a?c.txt
[!x]y.cfg
*.[oa]
tmpdir/
trailing.txt   
"""
SUB_IGNORE = "*.yaml\n!clients.yaml\nlocal/\n/only-here.txt\n"
DEEPER_IGNORE = "!*.yaml\n"

# file -> whether git lists it (False: ignored)
TREE = {
    "a.py": True, "a.pyc": False, "a.pyo": False, "a.pyd": False, "a.pyx": True,
    "bin/tool.sh": False, "Bin/tool.sh": False, "BIN/tool.sh": True, "src/bin/clients.yaml": False,
    "debug/clients.yaml": False, "Debug/clients.yaml": False, "DEBUG/clients.yaml": True,
    "app.log": False, "important.log": True, "sub/other.log": False,
    "anchored.txt": False, "sub/anchored.txt": True,
    "docs/a.tmp": False, "docs/deep/b.tmp": True,
    "x/cache/c.json": False, "cache/d.json": False, "cached/e.json": True,
    "logs/a/b/c.txt": False, "logs/top.txt": False, "logs/a/keep.md": True,
    "#hash.txt": False, "!bang.txt": False, "hash.txt": True,
    "name with space.txt": False, "[abc].txt": False, "a.txt": True,
    "key.secret": False, "keep/key.secret": True, "keep/deeper/key.secret": False,
    "out/readme.md": False, "out/clients.yaml": False,
    "foo/bar": False, "foo/a/b/bar": False, "foo/bar.txt": True,
    "abc.txt": False, "ac.txt": True,
    "ay.cfg": False, "xy.cfg": True,
    "lib.o": False, "lib.a": False, "lib.so": True,
    "tmpdir": True, "x/tmpdir/f.yaml": False,
    "trailing.txt": False,
    "excluded-by-info.txt": False,
    "sub/clients.yaml": True, "sub/x.yaml": False, "sub/local/z.txt": False,
    "sub/only-here.txt": False, "sub/deeper/only-here.txt": True, "sub/deeper/y.yaml": True,
}


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false",
                           *args], cwd=root, check=True, capture_output=True, text=True)


def listed_by_git(root: Path) -> set[str]:
    out = git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout
    return {p for p in out.split("\0") if p}


def scanned(root: Path, use_git: bool, paths=(".",)) -> list[str]:
    os.chdir(root)
    return [item.path for item in walk(list(paths), (), False, use_git) if isinstance(item, Entry)]


@pytest.fixture
def clean_git(tmp_path, monkeypatch):
    """git with no global or system config of the user's (no global excludes file)."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def edge_repo(tmp_path, clean_git):
    root = tmp_path / "repo"
    files = {name: "a: 1\n" for name in TREE}
    files.update({".gitignore": ROOT_IGNORE, "sub/.gitignore": SUB_IGNORE, "sub/deeper/.gitignore": DEEPER_IGNORE})
    write_tree(root, files)
    (root / "trailing.txt").write_text("a: 1\n", encoding="utf-8")  # the pattern's trailing spaces are dropped
    git(root, "init", "-q")
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("excluded-by-info.txt\n", encoding="utf-8")
    return root


def test_the_edge_cases_are_what_git_says(edge_repo):
    expected = {name for name, kept in TREE.items() if kept} | {".gitignore", "sub/.gitignore", "sub/deeper/.gitignore"}
    assert listed_by_git(edge_repo) == expected  # the table above is git's own reading
    assert sum(not kept for kept in TREE.values()) >= 31


@pytest.mark.parametrize("use_git", [False, True], ids=["walk", "git"])
def test_scanned_files_equal_gits_list_untracked(edge_repo, use_git):
    assert sorted(scanned(edge_repo, use_git)) == sorted(listed_by_git(edge_repo))


@pytest.mark.parametrize("use_git", [False, True], ids=["walk", "git"])
def test_scanned_files_equal_gits_list_once_committed_and_from_a_subfolder(edge_repo, use_git):
    git(edge_repo, "add", "-A")
    git(edge_repo, "commit", "-q", "-m", "tree")
    (edge_repo / "sub" / "new.yaml").write_text("a: 1\n", encoding="utf-8")  # untracked, ignored by sub/.gitignore
    (edge_repo / "sub" / "new.txt").write_text("a: 1\n", encoding="utf-8")  # untracked, not ignored
    assert sorted(scanned(edge_repo, use_git)) == sorted(listed_by_git(edge_repo))
    below = sorted(p for p in listed_by_git(edge_repo) if p.startswith("sub/"))
    assert sorted(scanned(edge_repo, use_git, paths=("sub",))) == below
    assert "sub/new.txt" in below and "sub/new.yaml" not in below


def test_git_list_and_walk_give_the_same_order(edge_repo):
    assert scanned(edge_repo, True) == scanned(edge_repo, False)
    names = scanned(edge_repo, True)
    assert names.index("logs/a/keep.md") < names.index("logs/top.txt") if "logs/top.txt" in names else True
    assert names == sorted(names, key=lambda p: p.split("/"))


def test_the_default_excludes_apply_to_gits_list_too_and_are_reported(edge_repo):
    write_tree(edge_repo, {"node_modules/pkg/clients.yaml": "a: 1\n", "dist/clients.yaml": "a: 1\n",
                           "envs/py/pyvenv.cfg": "home = /usr/bin\n", "envs/py/lib/clients.yaml": "a: 1\n",
                           "go/vendor/modules.txt": "# acme v1\n", "go/vendor/acme/clients.yaml": "a: 1\n",
                           "own/vendor/clients.yaml": "a: 1\n",  # a folder of the project's own, named so
                           ".hg/store/clients.yaml": "a: 1\n"})  # another VCS's folder: passed over in silence
    for use_git in (True, False):
        os.chdir(edge_repo)
        items = list(walk(["."], (), False, use_git))
        excluded = sorted((i.path, i.reason) for i in items if isinstance(i, Excluded))
        assert excluded == [("dist", "build output"), ("envs/py", "virtualenv"), ("go/vendor", "dependency folder"),
                            ("node_modules", "dependency folder")]
        assert sorted(i.path for i in items if isinstance(i, Entry)) == sorted(listed_by_git(edge_repo) - {
            "node_modules/pkg/clients.yaml", "dist/clients.yaml", "envs/py/pyvenv.cfg", "envs/py/lib/clients.yaml",
            "go/vendor/modules.txt", "go/vendor/acme/clients.yaml", ".hg/store/clients.yaml"})


CLIENT = "oauth_clients:\n  - name: {name}\n    scopes: [integration.datapools]\n"


def test_a_tracked_file_that_gitignore_matches_is_scanned(tmp_path, clean_git, monkeypatch):
    root = tmp_path / "repo"
    write_tree(root, {".gitignore": "secrets/\n*.local.yaml\n", "clients.yaml": CLIENT.format(name="own"),
                      "secrets/clients.yaml": CLIENT.format(name="forced"),
                      "dev.local.yaml": CLIENT.format(name="forced-too"),
                      "other.local.yaml": CLIENT.format(name="untracked-ignored")})
    git(root, "init", "-q")
    git(root, "add", ".gitignore", "clients.yaml")
    git(root, "add", "-f", "secrets/clients.yaml", "dev.local.yaml")
    git(root, "commit", "-q", "-m", "forced")
    monkeypatch.chdir(root)
    result = run(["."], Config())
    assert sorted({f.loc.path for f in result.findings if f.code == "SL001"}) == [
        "clients.yaml", "dev.local.yaml", "secrets/clients.yaml"]


def test_an_empty_pyvenv_cfg_does_not_make_a_virtualenv(lint_tree):
    result = lint_tree({
        "clients.yaml": CLIENT.format(name="own"),
        "hidden/pyvenv.cfg": "",
        "hidden/lib/clients.yaml": CLIENT.format(name="hidden"),
        "noshape/pyvenv.cfg": "home = /usr/bin\n",  # a home line, but no bin/, Scripts/ or lib/
        "noshape/clients.yaml": CLIENT.format(name="noshape"),
        "env/pyvenv.cfg": "home = /usr/bin\nversion = 3.11\n",
        "env/Scripts/clients.yaml": CLIENT.format(name="real-venv"),
    })
    assert sorted({f.loc.path for f in result.findings}) == ["clients.yaml", "hidden/lib/clients.yaml",
                                                            "noshape/clients.yaml"]
    assert result.excluded == [("env", "virtualenv")]


def test_what_default_excludes_pass_over_is_counted_and_listed(tmp_path, monkeypatch):
    write_tree(tmp_path, {"clients.yaml": CLIENT.format(name="own"), "build/clients.yaml": CLIENT.format(name="b"),
                          "web/node_modules/x/clients.yaml": CLIENT.format(name="n"),
                          ".venv/lib/clients.yaml": CLIENT.format(name="v"), ".git/clients.yaml": CLIENT.format(name="g")})
    monkeypatch.chdir(tmp_path)
    text = CliRunner().invoke(main, ["check", "--select", "SL001"]).output
    assert text.splitlines()[-2] == (
        "1 finding (1 errors, 0 warnings, 0 notes), 0 suppressed, 1 file scanned, 3 folders passed over by "
        "default excludes (1 build output, 1 dependency folder, 1 virtualenv; listed in --format json)")
    doc = json.loads(CliRunner().invoke(main, ["check", "--select", "SL001", "--format", "json"]).output)
    assert doc["excluded"] == [{"path": ".venv", "reason": "virtualenv"}, {"path": "build", "reason": "build output"},
                               {"path": "web/node_modules", "reason": "dependency folder"}]
    assert doc["summary"]["excluded"] == 3


def test_exclude_globs_apply_to_gits_list_as_to_the_walk(edge_repo):
    os.chdir(edge_repo)
    by_git, by_walk = ([i.path for i in walk(["."], ("sub", "*.md"), False, use_git) if isinstance(i, Entry)]
                       for use_git in (True, False))
    assert by_git == by_walk
    assert not [p for p in by_git if p.startswith("sub/") or p.endswith(".md")]
    assert "a.py" in by_git and "logs/a/keep.md" in listed_by_git(edge_repo)


def test_outside_a_work_tree_or_without_git_the_walk_is_used(edge_repo, monkeypatch):
    from scopelint import gitignore

    expected = scanned(edge_repo, False)
    monkeypatch.setenv("PATH", str(edge_repo / "no-such-bin"))  # git cannot be found
    assert gitignore.git_files(str(edge_repo)) is None
    assert scanned(edge_repo, True) == expected


@pytest.mark.parametrize("gitlink", ["vendor/sdk", "lib"], ids=["nested", "top-level"])
def test_a_submodule_not_checked_out_is_an_empty_folder_passed_over(tmp_path, clean_git, monkeypatch, gitlink):
    """A repository cloned without ``--recursive`` has each submodule as an empty folder. git lists its
    gitlink, and from inside the folder lists the folder itself (``./``): that was read as a folder of
    its own, again and again, until the run stopped with a RecursionError."""
    root = tmp_path / "repo"
    write_tree(root, {"src/push.py": "a: 1\n"})
    git(root, "init", "-q")
    git(root, "add", "src/push.py")
    git(root, "update-index", "--add", "--cacheinfo", f"160000,3ecabcd5d7eeea889a810a1d2c40a4f80c10f8b8,{gitlink}")
    (root / gitlink).mkdir(parents=True)
    assert scanned(root, True) == scanned(root, False) == ["src/push.py"]
    # files put into such a folder by hand are read as the walk finds them, .gitignore included
    write_tree(root, {f"{gitlink}/client.py": "a: 1\n", f"{gitlink}/skip.log": "x\n", f"{gitlink}/.gitignore": "*.log\n"})
    assert sorted(scanned(root, True)) == sorted([f"{gitlink}/.gitignore", f"{gitlink}/client.py", "src/push.py"])
    monkeypatch.chdir(root)
    done = CliRunner().invoke(main, ["check", ".", "--format", "json", "--fail-on", "never"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["summary"]["files"] == 3
