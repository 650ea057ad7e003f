"""The pre-commit hook: a valid manifest, file kinds that cover scopelint's inputs, the README
snippet, and a real ``pre-commit try-repo`` run that refuses a bad client and accepts a fixed one."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scopelint import __version__

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
BAD = "oauth_clients:\n  - name: erp\n    scopes:\n      - integration.datapools\n"
FIXED = ("oauth_clients:\n  - name: erp\n    scopes:\n      - integration.data-pools:data_push\n"
         "    justification:\n      integration.data-pools:data_push: nightly push\n")


def hook(hook_id: str = "scopelint") -> dict:
    (entry,) = [h for h in yaml.safe_load(MANIFEST.read_text()) if h["id"] == hook_id]
    return entry


def test_hook_checks_the_whole_repository_serially():
    h = hook()
    assert (h["id"], h["entry"], h["language"]) == ("scopelint", "scopelint check", "python")
    assert h["pass_filenames"] is False and h["require_serial"] is True


def test_fix_hook_is_check_fix_on_the_same_files():
    assert [h["id"] for h in yaml.safe_load(MANIFEST.read_text())] == ["scopelint", "scopelint-fix"]
    h = hook("scopelint-fix")
    assert (h["entry"], h["language"], h["pass_filenames"], h["require_serial"]) == (
        "scopelint check --fix", "python", False, True)
    assert h["files"] == hook()["files"] and "types_or" not in h


def test_manifest_is_valid_for_pre_commit():
    clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is not installed")
    loaded = clientlib.load_manifest(str(MANIFEST))  # validates the regular expression and every key
    assert [h["files"] for h in loaded] == [hook()["files"], hook("scopelint-fix")["files"]]


def _triggers(filename: str) -> bool:
    """What pre-commit decides: the ``files`` expression searched in the path (no type filter)."""
    return re.compile(hook()["files"]).search(filename) is not None and not hook().get("types_or")


@pytest.mark.parametrize("filename", [
    "oauth-clients.yaml", "ci/.gitlab-ci.yml", "profiles/acme.json", "pyproject.toml", "etl/push.py",
    "notebooks/explore.ipynb", "web/token.js", "web/client.mjs", "web/api.ts", "web/App.tsx", "web/App.jsx",
    "scripts/token.sh", "scripts/token.bash", "scripts/Get-Token.ps1", "deploy/prod.env", "Dockerfile",
    "config/app.properties", "celonis.postman_collection.json",
    # the kinds added since: a file named exactly .env, Spring, Helm, INI, MCP, connector, Java/Kotlin
    ".env", "deploy/.env.example", "src/main/resources/application.yml", "chart/values.yaml", "conf/exporter.ini",
    "setup.cfg", ".cursor/mcp.json", "claude_desktop_config.json", "connect/celonis-sink.properties",
    "src/main/java/com/acme/CelonisClient.java", "src/main/kotlin/Push.kt", "build.gradle.kts",
    ".github/workflows/refresh.yml", "Containerfile", "docker/Dockerfile.prod", "Makefile",
    "cmd/push/main.go", "src/Sync/Program.cs",
])
def test_hook_triggers_on_every_input_kind(filename):
    assert _triggers(filename), filename


def test_hook_triggers_on_every_suffix_and_prefix_a_reader_claims():
    """Every file kind scopelint reads triggers the hook: a commit that changes only a Terraform file,
    an HTTP request file or a systemd unit is checked too."""
    from scopelint.extractors import KINDS

    names = {f"dir/x.{s}" for k in KINDS for s in k.suffixes if s} | {f"dir/{p}prod" for k in KINDS for p in k.prefixes}
    assert sorted(n for n in names if not _triggers(n)) == []
    assert _triggers("ci/Jenkinsfile") and _triggers("deploy/celonis-sync.service")
    # a reader that claims names with no extension (a script read by its ``#!`` line): every such name
    assert any("" in k.suffixes for k in KINDS)
    assert _triggers("bin/get-token") and _triggers("scripts/celonis-login") and _triggers("get-token")


@pytest.mark.parametrize("filename", ["README.md", "logo.png", "lib/sync.rb", "docs/index.rst", "LICENSE.txt", "src/lib.rs",
                                      ".gitignore"])
def test_hook_does_not_trigger_on_unrelated_files(filename):
    assert not _triggers(filename), filename


def test_readme_snippet_names_this_hook_and_the_release_tag():
    section = (ROOT / "README.md").read_text().split("\n## pre-commit\n", 1)[1].split("\n## ", 1)[0]
    config = yaml.safe_load(re.search(r"```yaml\n(.*?)```", section, re.S)[1])
    (repo,) = config["repos"]
    assert repo["repo"] == "https://github.com/scopelint/scopelint"
    assert repo["rev"] == f"v{__version__}"
    assert [h["id"] for h in repo["hooks"]] == [hook()["id"]]


# -- the real thing ---------------------------------------------------------------------------

def _pre_commit() -> list[str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    return [sys.executable, "-m", "pre_commit"]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=scopelint tests", "-c", "user.email=tests@scopelint.invalid",
                    "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True, capture_output=True)


def _snapshot(dest: Path) -> None:
    """This checkout's tracked and untracked, not ignored files, committed in a fresh repository."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True)
    if listed.returncode != 0:
        pytest.skip("the project is not a git checkout, so there is no hook repository to try")
    for name in filter(None, listed.stdout.decode().split("\0")):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "snapshot")


def _hook_and_project(tmp_path, definition: str) -> tuple[list[str], Path, Path, dict[str, str]]:
    """pre-commit's command, a snapshot of this checkout as the hook repository, a project whose
    staged ``oauth-clients.yaml`` holds ``definition``, and the environment to run pre-commit in."""
    pre_commit = _pre_commit()
    hook_repo, project = tmp_path / "hook", tmp_path / "project"
    hook_repo.mkdir()
    project.mkdir()
    _snapshot(hook_repo)
    _git(project, "init", "-q")
    (project / "oauth-clients.yaml").write_text(definition)
    _git(project, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}
    env.pop("PYTHONPATH", None)
    return pre_commit, hook_repo, project, env


def test_try_repo_refuses_a_bad_client_and_accepts_the_fixed_one(tmp_path):
    pre_commit, hook_repo, project, env = _hook_and_project(tmp_path, BAD)
    cmd = [*pre_commit, "try-repo", str(hook_repo), "scopelint", "--all-files"]

    bad = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "scopelint" in bad.stdout and "Failed" in bad.stdout
    assert "oauth-clients.yaml:4:9: SL001 [error] unknown scope 'integration.datapools'" in bad.stdout

    (project / "oauth-clients.yaml").write_text(FIXED)
    _git(project, "add", "-A")
    good = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"^scopelint\.+Passed$", good.stdout, re.M), good.stdout


FIXABLE = ("oauth_clients:\n  - name: erp\n    scopes:\n      - integration.data-pools:data-push  # nightly\n"
           "      - integration.data-pools:data_push\n"
           "    justification:\n      integration.data-pools:data_push: nightly push\n")
FIXED_BY_HOOK = ("oauth_clients:\n  - name: erp\n    scopes:\n      - integration.data-pools:data_push  # nightly\n"
                 "    justification:\n      integration.data-pools:data_push: nightly push\n")


def test_fix_hook_repairs_a_staged_definition_fails_then_passes(tmp_path):
    pre_commit, hook_repo, project, env = _hook_and_project(tmp_path, FIXABLE)
    cmd = [*pre_commit, "try-repo", str(hook_repo), "scopelint-fix"]  # the staged files, as at commit time

    first = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert first.returncode == 1, first.stdout + first.stderr
    assert re.search(r"^scopelint \(fix\)\.+Failed$", first.stdout, re.M), first.stdout
    assert "files were modified by this hook" in first.stdout
    assert (project / "oauth-clients.yaml").read_text() == FIXED_BY_HOOK

    _git(project, "add", "-A")  # the user reviews and stages the fix
    second = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stdout + second.stderr
    assert re.search(r"^scopelint \(fix\)\.+Passed$", second.stdout, re.M), second.stdout
    _git(project, "commit", "-q", "-m", "client with the fixed scope")
