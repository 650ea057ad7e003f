"""``check --fix``, ``--unsafe-fixes`` and ``--diff``: golden before/after trees for every fixable rule
in every format, the same edits as SARIF ``fixes``, idempotence on the corpus, and safe writing.

Each folder under ``tests/fixtures/fix/`` holds ``before/`` and ``after/`` and, optionally, ``args``
(the options, default ``--fix --unsafe-fixes``). The test copies ``before/`` to a temporary folder,
runs ``scopelint check`` there, and compares every file byte for byte with ``after/``.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from scopelint.cli import main
from scopelint.config import Config
from scopelint.findings import Edit, Fix, Location
from scopelint.fix import _apply
from scopelint.linter import run

FIXTURES = Path(__file__).parent / "fixtures" / "fix"
CORPUS = Path(__file__).parent / "fixtures" / "corpus"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
FOLDERS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
FIXED_CODES = {"SL001", "SL002", "SL003", "SL004", "SL006", "SL014", "SL016"}


def _args(case: str) -> list[str]:
    args = FIXTURES / case / "args"
    return args.read_text().split() if args.exists() else ["--fix", "--unsafe-fixes"]


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, symlinks=True)
    return dest


def _check(where: Path, *args: str):
    cwd = os.getcwd()
    os.chdir(where)
    try:
        return CliRunner().invoke(main, ["check", *args])
    finally:
        os.chdir(cwd)


def _findings(where: Path, unsafe: bool = True) -> list[dict]:
    result = _check(where, "--format", "json", *(["--unsafe-fixes"] if unsafe else []))
    return json.loads(result.stdout)["findings"]


# -- golden trees --------------------------------------------------------------------------------

def test_every_fixable_rule_has_a_golden_in_every_format_it_occurs_in():
    assert {"yaml-block", "yaml-flow", "yaml-string", "toml", "json", "pyproject", "python", "js-ts", "shell",
            "env"} <= set(CASES)
    seen: dict[str, set[str]] = {}
    for case in CASES:
        for f in _findings(FIXTURES / case / "before"):
            if f.get("fix"):
                seen.setdefault(f["code"], set()).add(case)
    assert set(seen) == FIXED_CODES, seen
    documents = {"yaml-block", "yaml-flow", "yaml-string", "toml", "json", "pyproject"}
    code = {"python", "js-ts", "shell", "env"}
    assert documents | code <= seen["SL001"] and documents | code <= seen["SL003"]
    assert documents | code <= seen["SL002"] and documents | code <= seen["SL016"]
    assert documents <= seen["SL004"] and documents <= seen["SL006"]  # client definitions only
    assert code <= seen["SL014"]


@pytest.mark.parametrize("case", CASES)
def test_fix_gives_the_golden_tree(case, tmp_path):
    work = _copy(FIXTURES / case / "before", tmp_path / "work")
    result = _check(work, *_args(case), "--quiet")
    assert result.exit_code in (0, 1), result.output
    assert _tree(work) == _tree(FIXTURES / case / "after")
    for path in (FIXTURES / case / "before").rglob("*"):  # the mode stays
        if path.is_file():
            assert stat.S_IMODE((work / path.relative_to(FIXTURES / case / "before")).stat().st_mode) == \
                stat.S_IMODE(path.stat().st_mode)
    assert not [p for p in work.rglob("*.tmp")]


@pytest.mark.parametrize("case", CASES)
def test_a_second_fix_changes_nothing(case, tmp_path):
    work = _copy(FIXTURES / case / "after", tmp_path / "work")
    diff = _check(work, *_args(case), "--diff")
    assert diff.exit_code == 0 and diff.stdout == "", diff.output
    _check(work, *_args(case))
    assert _tree(work) == _tree(FIXTURES / case / "after")


def test_safe_fixes_leave_unsafe_ones_for_unsafe_fixes(tmp_path):
    work = _copy(FIXTURES / "safe-only" / "before", tmp_path / "work")
    _check(work, "--fix")
    left = {(f["code"], f["line"]) for f in _findings(work) if f.get("fix")}
    assert {code for code, _ in left} == {"SL001", "SL003", "SL004", "SL006"}
    assert all(f["fix"]["safety"] == "unsafe" for f in _findings(work) if f.get("fix"))


# -- one source of truth: SARIF fixes ------------------------------------------------------------

def _apply_sarif(root: Path) -> bool:
    """Apply the SARIF ``fixes`` of one run to the files under ``root``, every replacement that
    overlaps none applied before, right to left; whether anything changed."""
    sarif = json.loads(_check(root, "--format", "sarif").stdout)
    per_file: dict[str, list[tuple[int, int, str]]] = {}
    texts: dict[str, str] = {}
    for res in sarif["runs"][0]["results"]:
        for fix in res.get("fixes", []):
            (change,) = fix["artifactChanges"]
            path = change["artifactLocation"]["uri"]
            if path not in texts:
                texts[path] = (root / path).read_bytes().decode("utf-8")
            text = texts[path]
            body_start = 1 if text.startswith("\ufeff") else 0
            starts = [body_start]
            for line in text[body_start:].splitlines(keepends=True):
                starts.append(starts[-1] + len(line))
            spans = []
            for rep in change["replacements"]:
                region = rep["deletedRegion"]

                def at(line: int, col: int) -> int:
                    return len(text) if line > len(starts) - 1 else min(starts[line - 1] + col - 1, starts[line])

                spans.append((at(region["startLine"], region["startColumn"]),
                              at(region["endLine"], region["endColumn"]), rep["insertedContent"]["text"]))
            taken = per_file.setdefault(path, [])
            if any(s == ts and e == te and t == tt for s, e, t in spans for ts, te, tt in taken):
                continue
            if any(s < te and ts < e for s, e, _ in spans for ts, te, _ in taken):
                continue
            taken.extend(spans)
    for path, spans in per_file.items():
        text = texts[path]
        for start, end, new in sorted(spans, reverse=True):
            text = text[:start] + new + text[end:]
        (root / path).write_bytes(text.encode("utf-8"))
    return any(per_file.values())


@pytest.mark.parametrize("case", CASES)
def test_sarif_fixes_and_fix_give_the_same_files(case, tmp_path):
    by_sarif = _copy(FIXTURES / case / "before", tmp_path / "sarif")
    by_fix = _copy(FIXTURES / case / "before", tmp_path / "fix")
    for _ in range(4):
        if not _apply_sarif(by_sarif):
            break
    _check(by_fix, "--fix", "--unsafe-fixes")
    assert _tree(by_sarif) == _tree(by_fix)
    assert _tree(by_fix) != _tree(FIXTURES / case / "before")


# -- the corpus: fix then check, fix twice -------------------------------------------------------

@pytest.mark.parametrize("folder", FOLDERS)
def test_fix_then_check_reports_none_of_the_fixed_findings(folder, tmp_path):
    work = _copy(CORPUS / folder, tmp_path / "work")
    before = _findings(work)
    fixed = Counter((f["code"], f["path"], f["scope"], f["message"]) for f in before if f.get("fix"))
    first = _check(work, "--fix", "--unsafe-fixes", "--format", "json")
    after = json.loads(first.stdout)["findings"]
    assert not [f for f in after if f.get("fix")], after
    again = Counter((f["code"], f["path"], f["scope"], f["message"]) for f in after)
    assert not (fixed & again), fixed & again
    expected_exit = 1 if any(f["level"] == "error" for f in after) else 0
    assert first.exit_code == expected_exit
    tree = _tree(work)
    second = _check(work, "--fix", "--unsafe-fixes")
    assert _tree(work) == tree, second.output
    assert _check(work, "--diff", "--unsafe-fixes").exit_code == 0


def test_the_corpus_has_fixes_to_make():
    total = sum(1 for folder in FOLDERS for f in _findings(CORPUS / folder) if f.get("fix"))
    assert total >= 15


# -- diff and text marks -------------------------------------------------------------------------

def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path):
    work = _copy(FIXTURES / "yaml-string" / "before", tmp_path / "work")
    tree = _tree(work)
    result = _check(work, "--diff")
    assert result.exit_code == 1
    assert _tree(work) == tree
    assert result.stdout.splitlines()[:2] == ["--- a/celonis-clients.yaml", "+++ b/celonis-clients.yaml"]
    assert '-    scopes: "integration.data-pools:data-push,audit.log:read"   # SL002, then SL003' in result.stdout
    assert '+    scopes: "integration.data-pools:data_push audit.log:read"   # SL002, then SL003' in result.stdout
    assert "+    scopes: audit.log:read team.login-histroy:read  # SL016 and SL001" in result.stdout  # safe only
    unsafe = _check(work, "--diff", "--unsafe-fixes")
    assert "+    scopes: audit.log:read team.login-history:read  # SL016 and SL001" in unsafe.stdout


def test_diff_masks_the_secrets_on_the_lines_it_shows(tmp_path):
    secret, key = "Cye0vQ8mZt2LxR7pK4nW9bF3hJ6sD1gA", "8981Tq3ZrX9vLk2WmP7yBn4HdS6cJf0G"
    (tmp_path / "values.yaml").write_text(
        "celonis:\n"
        "  tokenUrl: https://acme.eu-1.celonis.cloud/oauth2/token\n"
        f"  clientSecret: {secret}\n"
        '  scopes: "studio,integration.data-pools"\n'
        f"  apiKey: {key}\n", encoding="utf-8")
    result = _check(tmp_path, "--diff")
    assert '+  scopes: "studio integration.data-pools"' in result.stdout
    assert "   clientSecret: ********" in result.stdout.splitlines() and "   apiKey: ********" in result.stdout.splitlines()
    assert secret[:8] not in result.stdout and key[:8] not in result.stdout


def test_text_marks_fixable_findings_and_counts_them(tmp_path):
    work = _copy(FIXTURES / "yaml-block" / "before", tmp_path / "work")
    lines = _check(work, "--quiet").stdout.splitlines()
    assert "oauth-clients.yaml:7:9: SL003 [*] [warning] scope 'integration.data-pools:data-push' is a variant " \
           "spelling; use 'integration.data-pools:data_push' (hyphen spelling seen on one docs page; the scope is " \
           "spelled with an underscore)" in lines
    assert any(line.startswith("oauth-clients.yaml:6:9: SL001 [error]") for line in lines)  # unsafe: no mark
    assert lines[-1] == "[*] 3 fixable with --fix (5 more with --unsafe-fixes)"
    unsafe = _check(work, "--quiet", "--unsafe-fixes").stdout.splitlines()
    assert any(line.startswith("oauth-clients.yaml:6:9: SL001 [*] [error]") for line in unsafe)
    assert unsafe[-1] == "[*] 8 fixable with --fix --unsafe-fixes"


def test_json_and_sarif_carry_the_edits_and_their_safety(tmp_path):
    work = _copy(FIXTURES / "yaml-block" / "before", tmp_path / "work")
    dup = next(f for f in _findings(work) if f["code"] == "SL016")
    assert dup["fix"] == {"description": "remove the second 'integration.datapools'", "safety": "safe",
                          "edits": [{"line": 10, "column": 1, "end_line": 11, "end_column": 1, "replacement": ""}]}
    sarif = json.loads(_check(work, "--format", "sarif").stdout)
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "SL016"]
    [fix] = result["fixes"]
    assert fix["properties"] == {"safety": "safe"}
    assert fix["artifactChanges"][0]["replacements"] == [
        {"deletedRegion": {"startLine": 10, "startColumn": 1, "endLine": 11, "endColumn": 1},
         "insertedContent": {"text": ""}}]


# -- what is never edited ------------------------------------------------------------------------

def test_a_location_without_an_end_column_gets_no_fix(tmp_path):
    # the retired scope's name is broken over two lines: the value reads it, no column range holds it
    (tmp_path / "application.properties").write_text(
        "celonis.base-url=https://acme.eu-1.celonis.cloud\n"
        "celonis.oauth.scopes=integration.data-pools studio.sp\\\n    aces\n")
    [props] = [f for f in _findings(tmp_path) if f["code"] == "SL003"]
    assert (props["line"], props["column"], props["end_column"]) == (2, 22, None) and "fix" not in props


def test_a_scope_on_a_continued_line_is_fixed_where_it_stands():
    findings = _findings(CORPUS / "config-pycelonis-env")
    [props] = [f for f in findings if f["path"] == "config/application.properties" and f["code"] == "SL003"]
    assert (props["line"], props["column"], props["end_line"], props["end_column"]) == (5, 22, 5, 35)
    assert props["fix"]["edits"] == [{"line": 5, "column": 22, "end_line": 5, "end_column": 35,
                                      "replacement": "studio"}]


def test_a_value_built_at_run_time_is_not_edited(tmp_path):
    (tmp_path / "token.py").write_text(
        'import requests\n'
        'EXTRA = "audit.log:read"\n'
        'requests.post("https://acme.eu-1.celonis.cloud/oauth2/token",\n'
        '              data={"grant_type": "client_credentials", "scope": "studio," + EXTRA})\n')
    before = (tmp_path / "token.py").read_bytes()
    _check(tmp_path, "--fix", "--unsafe-fixes")
    assert (tmp_path / "token.py").read_bytes() == before


def test_a_file_with_a_secret_on_an_edited_line_is_left_alone(tmp_path):
    text = ('import requests\n'
            'requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={"grant_type": "client_credentials", '
            '"client_secret": "k8Qz7Vw2Lp9Xr4Tn6Ys1Bm3Hd5Fj0Gc", "scope": "studio,audit.log:read"})\n')
    (tmp_path / "token.py").write_text(text)
    assert any(f["code"] == "SL002" and f.get("fix") for f in _findings(tmp_path))
    result = _check(tmp_path, "--fix")
    assert (tmp_path / "token.py").read_text() == text
    assert "token.py: not fixed: a secret is on a line the fix would edit" in result.stderr
    assert "k8Qz7Vw2" not in result.output


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-32-be"])
def test_a_file_in_another_encoding_than_utf_8_is_left_alone(tmp_path, encoding):
    """Read, and its findings reported, but not rewritten: --fix writes UTF-8 only, so no fix is
    offered for them (no ``[*]``, no count of fixable findings) and --fix says it fixed nothing."""
    text = "CELONIS_URL=https://acme.eu-1.celonis.cloud\nCELONIS_SCOPE=studio,integration.data-pools\n"
    data = text.encode(encoding)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        data = ("\ufeff" + text).encode(encoding)  # the big-endian codec writes no mark of its own
    (tmp_path / ".env").write_bytes(data)
    found = _findings(tmp_path)
    assert [f["code"] for f in found] == ["SL002"] and not found[0].get("fix")
    result = _check(tmp_path, "--fix")
    assert (tmp_path / ".env").read_bytes() == data
    assert "[*]" not in result.output and "fixed" not in result.stderr and "SL002" in result.output


@pytest.mark.parametrize("newline, fixed", [("\r", False), ("\r\n", True), ("\n", True)])
def test_a_file_with_classic_mac_line_ends_offers_no_fix(tmp_path, newline, fixed):
    """A lone CR is read as a line feed, so a fix made to the text read would not apply to the file:
    none is offered (no ``[*]``), and --fix leaves it; CRLF and LF files are fixed."""
    text = "CELONIS_URL=https://acme.eu-1.celonis.cloud\nCELONIS_SCOPE=studio,integration.data-pools\n".replace("\n", newline)
    (tmp_path / ".env").write_bytes(text.encode())
    found = _findings(tmp_path)
    assert [f["code"] for f in found] == ["SL002"] and bool(found[0].get("fix")) is fixed
    result = _check(tmp_path, "--fix")
    assert ((tmp_path / ".env").read_bytes() != text.encode()) is fixed
    assert ("[*]" in result.output or "fixed" in result.stderr) is fixed


def test_a_fix_that_cannot_be_written_is_not_counted_as_made(tmp_path, monkeypatch):
    text = "CELONIS_URL=https://acme.eu-1.celonis.cloud\nCELONIS_SCOPE=studio,integration.data-pools\n"
    (tmp_path / ".env").write_text(text)
    (tmp_path / "ok.env").write_text(text)

    def read_only(path, data):
        if path.endswith("/.env") or path == ".env":
            raise OSError(30, "Read-only file system")
        return real(path, data)

    import scopelint.fix as fix

    real = fix.write_bytes_atomic
    monkeypatch.setattr(fix, "write_bytes_atomic", read_only)
    result = _check(tmp_path, "--fix")
    assert ".env: not fixed: cannot be written: Read-only file system" in result.stderr
    assert "scopelint: fixed 1 finding(s) in 1 file(s)" in result.stderr
    assert (tmp_path / ".env").read_text() == text and "studio integration.data-pools" in (tmp_path / "ok.env").read_text()


def test_a_file_that_does_not_parse_is_left_alone(tmp_path):
    text = "oauth_clients:\n  - name: erp\n    colour: blue\n    scopes:\n      - studio\n      - studio\n"
    (tmp_path / "clients.yaml").write_text(text)
    assert {f["code"] for f in _findings(tmp_path)} >= {"SL000", "SL016"}
    result = _check(tmp_path, "--fix")
    assert (tmp_path / "clients.yaml").read_text() == text
    assert "clients.yaml: not fixed: it does not parse (SL000)" in result.stderr


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_file_reached_through_a_symbolic_link_is_left_alone(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    text = "oauth_clients:\n  - name: erp\n    scopes:\n      - studio\n      - studio\n"
    (outside / "clients.yaml").write_text(text)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "linked").symlink_to(outside, target_is_directory=True)
    (repo / ".scopelint.toml").write_text("follow-symlinks = true\n")
    # walked: a followed link never leaves the paths given, so the file outside is not even read
    assert not any(f["code"] == "SL016" for f in _findings(repo))
    assert _check(repo, "--fix").exit_code == 0
    assert (outside / "clients.yaml").read_text() == text
    # named on the command line through the link: it is read and reported, and still never edited
    named = _check(repo, "--format", "json", "linked/clients.yaml")
    assert any(f["code"] == "SL016" for f in json.loads(named.stdout)["findings"])
    result = _check(repo, "--fix", "linked/clients.yaml")
    assert (outside / "clients.yaml").read_text() == text, result.output
    assert (repo / "linked").is_symlink()
    assert "not fixed: not a regular file inside the paths given, or reached through a symbolic link" in result.stderr


def test_only_the_paths_given_are_fixed(tmp_path):
    text = "oauth_clients:\n  - name: erp\n    scopes:\n      - studio\n      - studio\n"
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "clients.yaml").write_text(text.replace("erp", f"erp-{name}"))
    _check(tmp_path, "--fix", "a")
    assert (tmp_path / "a" / "clients.yaml").read_text().count("studio") == 1
    assert (tmp_path / "b" / "clients.yaml").read_text().count("studio") == 2


def test_review_never_edits(tmp_path):
    text = "oauth_clients:\n  - name: erp\n    scopes:\n      - studio\n      - studio\n"
    (tmp_path / "clients.yaml").write_text(text)
    result = _check(tmp_path)  # sanity: there is something to fix
    assert "SL016 [*]" in result.output
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert CliRunner().invoke(main, ["review", "clients.yaml", "--fix"]).exit_code == 2
        CliRunner().invoke(main, ["review", "clients.yaml"])
    finally:
        os.chdir(cwd)
    assert (tmp_path / "clients.yaml").read_text() == text


def test_write_baseline_and_fix_do_not_mix(tmp_path):
    (tmp_path / "clients.yaml").write_text("oauth_clients:\n  - name: erp\n    scopes: [studio, studio]\n")
    result = _check(tmp_path, "--fix", "--write-baseline", "b.json")
    assert result.exit_code == 2 and "cannot be combined" in result.output


# -- one pass: right to left, overlaps wait ------------------------------------------------------

def _edit(line: int, col: int, end: int, text: str, old: str) -> Edit:
    return Edit(Location("f.yaml", line, col, line, end), text, old)


def test_edits_apply_right_to_left_and_an_overlapping_one_waits():
    text = "scopes: a,b c c\n"
    join = Fix((_edit(1, 9, 12, "a b", "a,b"),), "join", "safe")
    inner = Fix((_edit(1, 11, 12, "x", "b"),), "overlaps the join", "safe")
    dup = Fix((_edit(1, 14, 16, "", " c"),), "remove", "safe")
    new, count, why = _apply(text, [join, inner, dup], None)
    assert (new, count, why) == ("scopes: a b c\n", 2, None)


def test_an_edit_whose_text_changed_is_not_applied():
    new, count, _ = _apply("scopes: z,b\n", [Fix((_edit(1, 9, 12, "a b", "a,b"),), "join", "safe")], None)
    assert (new, count) == ("scopes: z,b\n", 0)


def test_lint_api_never_fixes(tmp_path, monkeypatch):
    (tmp_path / "clients.yaml").write_text("oauth_clients:\n  - name: erp\n    scopes: [studio, studio]\n")
    monkeypatch.chdir(tmp_path)
    result = run(["."], Config())
    assert [f.code for f in result.findings if f.fix] == ["SL016"]
    assert (tmp_path / "clients.yaml").read_text() == "oauth_clients:\n  - name: erp\n    scopes: [studio, studio]\n"


# -- the docs say which rules fix and how --------------------------------------------------------

def _safeties_in_goldens() -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    for case in CASES:
        for f in _findings(FIXTURES / case / "before"):
            if f.get("fix"):
                seen.setdefault(f["code"], set()).add(f["fix"]["safety"])
    return seen


def test_rule_pages_and_readme_say_which_fixes_exist():
    import re

    from scopelint.rules import RULES

    seen = _safeties_in_goldens()
    root = Path(__file__).resolve().parents[1]
    readme = root / "README.md"
    table = readme.read_text(encoding="utf-8").split("\n### Fixes\n", 1)[1].split("\n## ", 1)[0]
    rows = {m[1]: m[2] for m in re.finditer(r"^\| \[(SL\d{3})\]\([^)]+\) \| .+ \| ([a-z (),;]+) \|$", table, re.M)}
    for rule in RULES:
        page = (root / "rules" / f"{rule.CODE}-{rule.NAME}.md").read_text(encoding="utf-8")
        [label] = re.findall(r"^- \*\*Fix:\*\* (.+)$", page, re.M)
        kinds = seen.get(rule.CODE, set())
        want = {frozenset(): "none", frozenset({"safe"}): "safe (`--fix`)",
                frozenset({"unsafe"}): "unsafe (`--fix --unsafe-fixes`)",
                frozenset({"safe", "unsafe"}): "safe or unsafe (see below)"}[frozenset(kinds)]
        assert label == want, rule.CODE
        if kinds:
            assert "`check --fix" in page.split("## How to fix", 1)[1].split("\n## ", 1)[0], rule.CODE
            assert set(re.findall(r"safe|unsafe", rows[rule.CODE])) == kinds, rule.CODE
        else:
            assert rule.CODE not in rows


def test_a_notebook_scope_string_is_fixed_inside_its_json(tmp_path):
    source = ['import requests\n', 'TOKEN = "https://acme.eu-1.celonis.cloud/oauth2/token"\n',
              'r = requests.post(TOKEN, data={"grant_type": "client_credentials", "scope": "studio,audit.log:read"})\n']
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
    (tmp_path / "t.ipynb").write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5},
                                                 indent=1))
    _check(tmp_path, "--fix")
    fixed = json.loads((tmp_path / "t.ipynb").read_text())["cells"][0]["source"]
    assert fixed[:2] == source[:2]
    assert fixed[2] == source[2].replace("studio,audit.log:read", "studio audit.log:read")
