"""One test over the annotated fixture corpus: every finding expected in place, every expectation met.

Each folder under ``tests/fixtures/corpus/`` is linted as one repository. A line that ends with a
comment ``expect: SL005`` (or ``expect: SL005, SL012``; ``#``, ``//``, ``--``, ``<!-- -->``, ``REM``
forms) expects exactly those codes on that line. Files that cannot hold comments (JSON, notebooks)
list their expectations in a sibling ``NAME.expect`` file, one ``LINE CODE`` pair per line.
A file named ``clean-*`` or a folder named ``clean-*`` must produce no finding at all.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from scopelint.config import Config
from scopelint.linter import run

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
EXPECT = re.compile(r"expect:\s*((?:SL\d{3}\s*,?\s*)+)")


def expectations(folder: Path) -> Counter:
    want: Counter = Counter()
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        if path.suffix == ".expect":
            target = rel[: -len(".expect")]
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.startswith("#"):
                    number, code = line.split()
                    want[(target, int(number), code)] += 1
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(lines, 1):
            m = EXPECT.search(line)
            if m:
                for code in re.findall(r"SL\d{3}", m.group(1)):
                    want[(rel, number, code)] += 1
    return want


FOLDERS = sorted(p for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_corpus_folder(folder, monkeypatch):
    monkeypatch.chdir(folder)
    result = run(["."], Config())
    got = Counter((f.loc.path, f.loc.line, f.code) for f in result.findings)
    want = expectations(folder)
    missing = sorted((want - got).elements())
    unexpected = sorted((got - want).elements())
    details = {(f.loc.path, f.loc.line, f.code): f.message for f in result.findings}
    assert not missing and not unexpected, (
        f"missing: {missing}\nunexpected: {[(u, details.get(u)) for u in unexpected]}")
