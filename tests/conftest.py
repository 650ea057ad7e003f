from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from scopelint.config import Config
from scopelint.linter import run


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def lint_tree(tmp_path, monkeypatch):
    """Write files under a temporary directory, lint it from there, return (code, line, col) triples and the result."""

    def _lint(files: dict[str, str | bytes], config: Config | None = None, paths=(".",)):
        write_tree(tmp_path, files)
        monkeypatch.chdir(tmp_path)
        return run(list(paths), config or Config())

    return _lint


def triples(findings) -> list[tuple[str, int, int]]:
    return [(f.code, f.loc.line, f.loc.col) for f in findings]


@pytest.fixture(autouse=True)
def _no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    os.environ.pop("FORCE_COLOR", None)


# property tests explore a fixed sequence of examples, so a run fails or passes the same way everywhere
from hypothesis import settings  # noqa: E402

settings.register_profile("scopelint", derandomize=True, print_blob=True)
settings.load_profile("scopelint")
