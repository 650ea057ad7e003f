"""Which files a run reads: skipped folders, .gitignore, --exclude, binary and oversized files,
missing paths and symbolic links."""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner
from tests.conftest import write_tree

from scopelint.cli import main
from scopelint.config import Config
from scopelint.discovery import Entry, Skipped, walk

CLIENT = """
    oauth_clients:
      - name: {name}
        scopes: [integration.datapools]
    """


def client(name: str) -> str:
    return CLIENT.format(name=name)


def linted(result) -> list[str]:
    """The files that produced a finding (every client file here has one SL001)."""
    return sorted({f.loc.path for f in result.findings})


def walked(root, exclude=(), follow=False) -> list[str]:
    os.chdir(root)
    return [item.path for item in walk(["."], tuple(exclude), follow) if isinstance(item, Entry)]


@pytest.fixture
def cli(tmp_path, monkeypatch):
    def _cli(files: dict, *args: str):
        write_tree(tmp_path, files)
        monkeypatch.chdir(tmp_path)
        return CliRunner().invoke(main, ["check", "--select", "SL001", *args])

    return _cli


def test_tool_vcs_dependency_virtualenv_and_build_folders_are_skipped(lint_tree):
    result = lint_tree({
        "clients.yaml": client("own"),
        ".git/clients.yaml": client("git"),
        "node_modules/pkg/clients.yaml": client("npm"),
        ".venv/lib/clients.yaml": client("venv"),
        "envs/py311/pyvenv.cfg": "home = /usr/bin\n",
        "envs/py311/lib/clients.yaml": client("named-venv"),
        "build/lib/clients.yaml": client("build"),
        "dist/clients.yaml": client("dist"),
        "acme_etl.egg-info/clients.yaml": client("egg"),
        "__pycache__/clients.yaml": client("pycache"),
        "envs/notes/clients.yaml": client("not-a-venv"),
        # a vendor folder a dependency manager filled (Go modules, Composer), and one of the project's own
        "vendor/modules.txt": "# github.com/acme/lib v1.0.0\n",
        "vendor/github.com/acme/lib/clients.yaml": client("go-vendor"),
        "php/vendor/autoload.php": "<?php\n",
        "php/vendor/acme/clients.yaml": client("composer"),
        "integrations/vendor/clients.yaml": client("own-vendor-folder"),
    })
    assert linted(result) == ["clients.yaml", "envs/notes/clients.yaml", "integrations/vendor/clients.yaml"]


def test_a_skipped_folder_named_on_the_command_line_is_read(lint_tree):
    result = lint_tree({"build/clients.yaml": client("build")}, paths=("build",))
    assert linted(result) == ["build/clients.yaml"]


def test_gitignore_nested_and_negated(lint_tree):
    result = lint_tree({
        ".gitignore": "# local overrides\n*.local.yaml\ngenerated/\n/scratch.yaml\n",
        "clients.yaml": client("own"),
        "dev.local.yaml": client("local"),
        "scratch.yaml": client("scratch"),
        "generated/clients.yaml": client("generated"),
        "teams/.gitignore": "secrets/\n!keep.local.yaml\nconfig/dev.yaml\n",
        "teams/scratch.yaml": client("anchored-pattern-does-not-reach-here"),
        "teams/keep.local.yaml": client("negated"),
        "teams/other.local.yaml": client("still-ignored"),
        "teams/secrets/clients.yaml": client("nested-ignored"),
        "teams/config/dev.yaml": client("nested-path-ignored"),
        "teams/config/prod.yaml": client("prod"),
    })
    assert linted(result) == ["clients.yaml", "teams/config/prod.yaml", "teams/keep.local.yaml", "teams/scratch.yaml"]


def test_gitignore_saved_with_a_byte_order_mark_keeps_its_first_pattern(lint_tree):
    # Windows PowerShell's Set-Content -Encoding utf8 and Notepad begin the file with one; git skips it
    result = lint_tree({".gitignore": "\ufeffdev.local.yaml\r\nscratch.yaml\r\n".encode(), "clients.yaml": client("own"),
                        "dev.local.yaml": client("local"), "scratch.yaml": client("scratch")})
    assert linted(result) == ["clients.yaml"]


def test_gitignore_of_a_sibling_does_not_apply(lint_tree):
    result = lint_tree({
        "a/.gitignore": "clients.yaml\n",
        "a/clients.yaml": client("a"),
        "b/clients.yaml": client("b"),
    })
    assert linted(result) == ["b/clients.yaml"]


@pytest.mark.parametrize("patterns, expected", [
    pytest.param(("fixtures/**",), ["clients.yaml", "src/clients.yaml"], id="folder-glob"),
    pytest.param(("*.yaml",), [], id="name-at-any-depth"),
    pytest.param(("src/clients.yaml",), ["clients.yaml", "fixtures/broken/clients.yaml"], id="one-file"),
    pytest.param(("fixtures",), ["clients.yaml", "src/clients.yaml"], id="folder-name"),
    pytest.param(("**/broken/*", "src"), ["clients.yaml"], id="two-globs"),
])
def test_exclude_globs(cli, patterns, expected):
    files = {"clients.yaml": client("own"), "src/clients.yaml": client("src"),
             "fixtures/broken/clients.yaml": client("fixture")}
    args = [arg for pattern in patterns for arg in ("--exclude", pattern)]
    result = cli(files, *args)
    reported = sorted({line.split(":")[0] for line in result.output.splitlines() if ": SL001" in line})
    assert reported == expected


def test_binary_and_oversized_files_are_skipped_with_a_note(cli):
    result = cli({
        "clients.yaml": client("own"),
        "logo.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        "dump.json": b'{"oauth_clients": [\x00\x00\x00]}',
        "big.yaml": client("big") + "# padding\n" * 200,
        ".scopelint.toml": "max-file-size = 1000\n",
    })
    assert result.exit_code == 1
    assert "clients.yaml:3:14: SL001 [error]" in result.output
    lines = result.output.splitlines()
    size = os.path.getsize("big.yaml")
    assert size > 1000
    # files that hold client definitions fail closed: SL000 errors, and notes when SL000 is not selected
    assert (f"scopelint: note: big.yaml: client definition file not linted: {size:,} bytes is over the size limit "
            "of 1,000 bytes (max-file-size)") in lines
    assert ("scopelint: note: dump.json: client definition file not linted: binary file (NUL bytes), not "
            "UTF-8/UTF-16 text") in lines
    assert "scopelint: note: logo.yaml: skipped: binary file (NUL bytes), not UTF-8/UTF-16 text" in lines


def test_notes_are_left_out_of_quiet_and_json_output(cli):
    files = {"clients.yaml": client("own"), "logo.yaml": b"\x00\x01\x02"}
    assert "note:" not in cli(files, "--quiet").output
    assert "scopelint: note:" not in cli(files, "--format", "json").output


def test_utf16_file_is_read(lint_tree):
    text = "oauth_clients:\n  - name: win\n    scopes: [integration.datapools]\n"
    result = lint_tree({"clients.yaml": text.encode("utf-16")})
    assert [(f.code, f.loc.line, f.loc.col) for f in result.findings] == [("SL001", 3, 14)]


def test_missing_path_exits_2_and_the_others_are_still_reported(cli):
    result = cli({"clients.yaml": client("own")}, "missing.yaml", "clients.yaml", "no/such/dir")
    assert result.exit_code == 2
    assert "clients.yaml:3:14: SL001 [error] unknown scope 'integration.datapools'" in result.output
    assert "scopelint: error: missing.yaml: no such file or directory" in result.output
    assert "scopelint: error: no/such/dir: no such file or directory" in result.output
    assert "Traceback" not in result.output


def test_missing_path_is_reported_by_the_api_without_raising(lint_tree):
    result = lint_tree({"clients.yaml": client("own")}, paths=("gone.yaml", "."))
    assert result.missing == ["gone.yaml"]
    assert linted(result) == ["clients.yaml"]


OUTSIDE = "symbolic link leads outside the paths given; not followed"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_symlinks_are_not_followed_by_default(tmp_path, lint_tree):
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "clients.yaml").write_text(client("outside").replace("\n    ", "\n"), encoding="utf-8")
    write_tree(tmp_path, {"repo/clients.yaml": client("own")})
    os.symlink(outside, tmp_path / "repo" / "linked-dir")
    os.symlink(outside / "clients.yaml", tmp_path / "repo" / "linked.yaml")
    os.symlink(tmp_path / "repo", tmp_path / "repo" / "loop")
    result = lint_tree({}, paths=("repo",))
    assert linted(result) == ["repo/clients.yaml"]
    followed = lint_tree({}, Config(follow_symlinks=True), paths=("repo",))
    assert linted(followed) == ["repo/clients.yaml"]
    assert followed.notes == [("repo/linked-dir", OUTSIDE), ("repo/linked.yaml", OUTSIDE),
                              ("repo/loop", "symbolic link loop: directory already scanned")]
    both = lint_tree({}, Config(follow_symlinks=True), paths=("repo", str(outside)))
    assert linted(both) == ["repo/clients.yaml", "repo/linked-dir/clients.yaml"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_symlink_named_on_the_command_line_is_read(tmp_path, lint_tree):
    write_tree(tmp_path, {"real/clients.yaml": client("own")})
    os.symlink(tmp_path / "real" / "clients.yaml", tmp_path / "alias.yaml")
    result = lint_tree({}, paths=("alias.yaml",))
    assert linted(result) == ["alias.yaml"]


def test_walk_yields_sorted_relative_posix_paths(tmp_path, monkeypatch):
    write_tree(tmp_path, {"b/z.yaml": "a: 1\n", "b/a.yaml": "a: 1\n", "a.yaml": "a: 1\n", "node_modules/x.yaml": ""})
    monkeypatch.chdir(tmp_path)
    assert walked(tmp_path) == ["a.yaml", "b/a.yaml", "b/z.yaml"]
    assert walked(tmp_path, exclude=("b/z.yaml",)) == ["a.yaml", "b/a.yaml"]
    assert list(walk(["nope"], ())) == [Skipped("nope", "no such file or directory")]


def test_gitignore_above_the_scanned_folder_applies_inside_a_repository(lint_tree):
    files = {
        ".git/HEAD": "ref: refs/heads/main\n",
        ".gitignore": "generated/\n",
        "teams/erp/clients.yaml": client("erp"),
        "teams/erp/generated/clients.yaml": client("generated"),
    }
    assert linted(lint_tree(files, paths=("teams/erp",))) == ["teams/erp/clients.yaml"]


def test_gitignore_above_the_scanned_folder_applies_from_a_subdirectory(tmp_path, monkeypatch):
    write_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", ".gitignore": "*.local.yaml\n",
                          "teams/clients.yaml": client("erp"), "teams/dev.local.yaml": client("local")})
    monkeypatch.chdir(tmp_path / "teams")
    assert walked(tmp_path / "teams") == ["clients.yaml"]


def test_gitignore_outside_a_repository_stops_at_the_scanned_folder(lint_tree):
    files = {".gitignore": "generated/\n", "teams/generated/clients.yaml": client("generated")}
    assert linted(lint_tree(files, paths=("teams",))) == ["teams/generated/clients.yaml"]


@pytest.mark.parametrize("listed_by_git", [False, True])
def test_a_build_folder_that_is_a_package_or_a_source_module_is_read(lint_tree, tmp_path, listed_by_git):
    # a monorepo's ``packages/build`` (a package of its own) and a bundler's ``src/build`` module are source;
    # a top-level ``build`` and a committed ``lib/build`` of compiled code are build output
    files = {"packages/build/package.json": '{"name": "@acme/build"}\n',
             "packages/build/src/clients.yaml": client("package"),
             "packages/cli/src/build/clients.yaml": client("source-module"),
             "packages/core/src/v3/build/clients.yaml": client("deeper-source-module"),
             "py/build/pyproject.toml": "[project]\nname = 'build-tools'\n",
             "py/build/clients.yaml": client("python-package"),
             "build/clients.yaml": client("output"),
             "lib/build/clients.yaml": client("compiled")}
    if listed_by_git:
        import shutil
        import subprocess
        if shutil.which("git") is None:
            pytest.skip("git is not installed")
        write_tree(tmp_path, files)
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    result = lint_tree(files)
    assert linted(result) == ["packages/build/src/clients.yaml", "packages/cli/src/build/clients.yaml",
                              "packages/core/src/v3/build/clients.yaml", "py/build/clients.yaml"]
    assert sorted(path for path, _ in result.excluded) == ["build", "lib/build"]


REPO = {
    "etl/job.py": 'import requests\nTOKEN_SECRET = "Zq8vR2mN7xT4kP9wL3sB6yH1cF5gJ0dA"\n'
                  'requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={"grant_type": "client_credentials",'
                  ' "scope": "studio"})\n',
    # the repository's own test: its token is a fixture, wherever the repository stands
    "tests/test_job.py": 'ACCESS_TOKEN = "Vq7Rk2Lw9Xp3Tz8Nc4Hs6Jd1Fb5Gm0Ya"\n',
}


@pytest.mark.parametrize("parent", ["tests", "e2e", "t"])
@pytest.mark.parametrize("how", ["absolute", "relative"])
def test_a_repository_under_a_folder_named_like_a_tests_is_not_a_test_of_its_own(tmp_path, monkeypatch, parent, how):
    """A CI job's workspace (``/builds/e2e/...``, a Jenkins job named ``test``) made every file of the
    repository a test's: the code rules went quiet and a secret was read as a fixture."""
    from scopelint.linter import run

    repo = tmp_path / parent / "repo"
    write_tree(repo, REPO)
    monkeypatch.chdir(repo)
    inside = sorted((f.code, f.loc.path, f.loc.line) for f in run(["."]).findings)
    assert ("SL012", "etl/job.py", 2) in inside and not [f for f in inside if f[1].startswith("tests/")]
    monkeypatch.chdir(tmp_path)
    given = str(repo) if how == "absolute" else f"{parent}/repo"
    outside = sorted((f.code, f.loc.path.split("repo/", 1)[1], f.loc.line) for f in run([given]).findings)
    assert outside == inside


@pytest.mark.parametrize("how", ["folder", "file", "absolute"])
def test_a_tests_folder_linted_alone_is_tests_all_the_same(tmp_path, monkeypatch, how):
    """With no work tree or configuration to say where the repository starts, a ``tests/`` folder (or a
    file in it) given on its own is judged with its own name: its token is a fixture."""
    from scopelint.linter import run

    write_tree(tmp_path / "repo", {**REPO, "tests/helpers/client.py": REPO["tests/test_job.py"]})
    monkeypatch.chdir(tmp_path / "repo")
    given = {"folder": "tests", "file": "tests/helpers/client.py", "absolute": str(tmp_path / "repo" / "tests")}[how]
    assert [(f.code, f.loc.path) for f in run([given]).findings] == []
    assert [(f.code, f.loc.path) for f in run(["etl"]).findings if f.code == "SL012"] == [("SL012", "etl/job.py")]


def test_a_file_named_by_its_absolute_path_outside_a_work_tree_is_judged_from_its_folder(tmp_path, monkeypatch):
    """A CI job's workspace under ``e2e/``: the file given by its absolute path is the project's code, its
    token no test's fixture (its folder linted says the same)."""
    from scopelint.linter import run

    write_tree(tmp_path / "e2e" / "export-job", {"export.py": 'ACCESS_TOKEN = "Vq7Rk2Lw9Xp3Tz8Nc4Hs6Jd1Fb5Gm0Ya"\n'})
    monkeypatch.chdir(tmp_path)
    given = str(tmp_path / "e2e" / "export-job" / "export.py")
    assert [f.code for f in run([given]).findings] == [f.code for f in run([str(tmp_path / "e2e" / "export-job")]).findings] \
        == ["SL012"]
