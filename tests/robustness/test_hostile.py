"""Hostile input, each with its exact outcome: a finding or a note that names the file and says why,
the rest of the tree still linted (a bad client definition beside every hostile file keeps its
finding), bounded time, and the exit code DESIGN §1 gives. Files are generated here, never committed."""
from __future__ import annotations

import codecs
import errno
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scopelint import inputs, linter
from scopelint.cli import main

BESIDE = {"ok/clients.yaml": "oauth_clients:\n  - name: beside\n    scopes: [integration.datapools]\n"}
BESIDE_FINDING = ("ok/clients.yaml", 3, 14, "SL001")
DEEP = 10_000


def billion_laughs(tail: str) -> str:
    """Nine levels of nine aliases each: 9**9 (387 million) strings once expanded."""
    text = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    for prev, name in zip("abcdefgh", "bcdefghi"):
        text += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    return text + tail


def nested(open_: str, close: str, depth: int = DEEP) -> str:
    return open_ * depth + close * depth


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def check(root: Path, *args: str):
    """``scopelint check --format json`` in ``root``: (exit code, document, stderr)."""
    cwd = os.getcwd()
    os.chdir(root)
    try:
        out = CliRunner().invoke(main, ["check", "--format", "json", *args])
    finally:
        os.chdir(cwd)
    assert "Traceback" not in out.output and (out.exception is None or isinstance(out.exception, SystemExit)), out.output
    doc = json.loads(out.stdout) if out.stdout.strip() else None
    return out.exit_code, doc, out.stderr


def findings(doc) -> list[tuple[str, int, int, str, str]]:
    return [(f["path"], f["line"], f["column"], f["code"], f["message"]) for f in doc["findings"]]


def notes(doc) -> list[tuple[str, str]]:
    return [(n["path"], n["message"]) for n in doc["notes"]]


def assert_beside_linted(doc) -> None:
    assert BESIDE_FINDING in [f[:4] for f in findings(doc)]


def _deep_block_expected() -> tuple[str, str, int, int, str]:
    """A block mapping nested 1,500 deep is refused by whichever layer meets it first: libyaml's
    own limit (builds that have one), Python's recursion (pure PyYAML), or max-depth (scopelint's)."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return ("SL000", "clients.yaml", 1, 1, "invalid YAML: nested too deeply")
    try:
        yaml.compose("a:\n" + "".join(" " * i + "a:\n" for i in range(1, 1100)), Loader=loader)
    except yaml.YAMLError:
        return ("SL000", "clients.yaml", 1000, 1001, "invalid YAML: exceeded maximum nesting depth")
    return ("SL000", "clients.yaml", 1, 1, "client definition file not linted: nested more than 500 levels deep at line 502 (max-depth)")


YAML_DEPTH = "invalid YAML: nested too deeply"  # flow brackets: refused before any parser, whatever the build
LAUGHS = "document too large: YAML aliases expand to more than 200000 values"

# (id, files, the finding or note expected: ("SL000", path, line, col, message) or ("note", path, message))
CASES = [
    ("alias-bomb-definition", {"clients.yaml": billion_laughs("oauth_clients: []\n")},
     ("SL000", "clients.yaml", 6, 4, LAUGHS)),
    ("alias-bomb-workflow", {".github/workflows/ci.yml": billion_laughs("env: {CELONIS_SCOPE: studio}\n")},
     ("note", ".github/workflows/ci.yml", f"skipped: {LAUGHS} (line 6, column 4)")),
    ("alias-cycle", {"clients.yaml": "oauth_clients: &a [*a]\n"}, ("SL000", "clients.yaml", 1, 16, LAUGHS)),
    ("deep-json", {"clients.json": '{"oauth_clients": ' + nested("[", "]") + "}"},
     ("SL000", "clients.json", 1, 1017, "invalid JSON: nested too deeply")),
    ("deep-yaml-flow", {"clients.yaml": "oauth_clients: " + nested("[", "]") + "\n"},
     ("SL000", "clients.yaml", 1, 1015, YAML_DEPTH)),
    ("deep-yaml-block", {"clients.yaml": "oauth_clients:\n" + "".join(" " * i + "a:\n" for i in range(1, 1500))},
     _deep_block_expected()),
    ("deep-toml", {"clients.toml": "x = " + nested("[", "]") + "\noauth_clients = []\n"},
     ("SL000", "clients.toml", 1, 1004, "invalid TOML: nested too deeply")),
    ("deep-postman", {"api/c.postman_collection.json": '{"item": ' + nested("[", "]") + ', "auth": {"type": "oauth2"}}'},
     ("SL000", "api/c.postman_collection.json", 1, 1008, "Postman file: invalid JSON: nested too deeply")),
    # nothing in it names credentials or Celonis: no gate is passed by leaving it unread
    ("deep-postman-of-nothing", {"api/c.postman_collection.json": '{"item": ' + nested("[", "]") + "}"},
     ("note", "api/c.postman_collection.json", "Postman file: invalid JSON: nested too deeply (line 1, column 1008)")),
    ("deep-content-cli", {".celonis-content-cli-profiles/p.json": '{"team": ' + nested("[", "]") + "}"},
     ("SL000", ".celonis-content-cli-profiles/p.json", 1, 1008, "content-cli profile: invalid JSON: nested too deeply")),
    ("deep-workflow", {".github/workflows/ci.yml": "# deploys to celonis\nenv: " + nested("[", "]") + "\n"},
     ("note", ".github/workflows/ci.yml", f"skipped: {YAML_DEPTH} (line 2, column 1005)")),
    ("deep-notebook", {"n.ipynb": '{"cells": ' + nested("[", "]") + ', "x": "celonis"}'},
     ("note", "n.ipynb", "not a valid notebook (line 1): nested more than 500 levels deep (max-depth)")),
    ("deep-python", {"etl/a.py": "import celonis\nx = " + nested("(", ")") + "\n"},
     ("note", "etl/a.py", "not valid Python (line 2): too many nested parentheses; line 2 not read, the rest of the file was")),
    ("nul-bytes", {"clients.yaml": b"\x00" * 1_000_000},
     ("note", "clients.yaml", "skipped: binary file (NUL bytes), not UTF-8/UTF-16 text")),
    # a file that holds client definitions and cannot be read fails closed: SL000 at its first line
    ("nul-bytes-definition", {"clients.yaml": b"oauth_clients:\n  - name: a\x00\n"},
     ("SL000", "clients.yaml", 1, 1, "client definition file not linted: binary file (NUL bytes), not UTF-8/UTF-16 text")),
    ("invalid-utf8", {"clients.yaml": b"oauth_clients:\n  - name: caf\xe9\n"},
     ("SL000", "clients.yaml", 1, 1, "client definition file not linted: not UTF-8 text: invalid byte 0xe9 on line 2")),
    ("invalid-utf16", {"clients.yaml": codecs.BOM_UTF16_LE + "oauth_clients: []\n".encode("utf-16-le") + b"\x00\xd8"},
     ("SL000", "clients.yaml", 1, 1, "client definition file not linted: not UTF-16 text: invalid byte 0x00 on line 2")),
    ("invalid-utf8-not-a-definition", {"other.yaml": b"celonis_team: caf\xe9\n"},
     ("note", "other.yaml", "read with its invalid bytes replaced (not UTF-8 text: invalid byte 0xe9 on line 1)")),
    # cut off inside a key (an interrupted save): the notebook is broken, not the reader
    ("notebook-cut-in-a-key", {"n.ipynb": '{"cells": [{"cell_type": "code", "source": ["import celonis"], "outp'},
     ("note", "n.ipynb", "not a valid notebook (line 1): Unterminated string starting at")),
    ("notebook-cells-not-a-list", {"n.ipynb": json.dumps({"cells": "import celonis", "nbformat": 4})},
     ("note", "n.ipynb", "not a notebook: no list of 'cells'")),
    ("notebook-not-an-object", {"n.ipynb": json.dumps([{"cells": []}, "celonis"])},
     ("note", "n.ipynb", "not a notebook: no list of 'cells'")),
    ("notebook-cell-source-not-text", {"n.ipynb": json.dumps({"cells": [1, None, {"cell_type": "code", "source": {"a": 1}}],
                                                              "x": "celonis"})},
     ("note", "n.ipynb", "cell 3: 'source' is not text or a list of strings; skipped")),
    ("python-syntax-error", {"etl/bad.py": "import celonis\ndef (:\n"},
     ("note", "etl/bad.py", "not valid Python (line 2): invalid syntax")),
]


@pytest.mark.parametrize("name, files, expected", CASES, ids=[c[0] for c in CASES])
def test_hostile_file_is_reported_and_the_rest_is_linted(tmp_path, name, files, expected):
    write(tmp_path, {**files, **BESIDE})
    started = time.monotonic()
    code, doc, _ = check(tmp_path)
    assert time.monotonic() - started < 20, "hostile input must not make scopelint crawl"
    assert code == 1  # the beside client's SL001 is an error; nothing else changes the exit code
    assert_beside_linted(doc)
    if expected[0] == "SL000":
        assert expected[1:] in [(f[0], f[1], f[2], f[4]) for f in findings(doc) if f[3] == "SL000"]
    else:
        assert expected[1:] in notes(doc)
        assert not [f for f in findings(doc) if f[0] == expected[1]]


def test_an_alias_bomb_is_refused_in_well_under_a_second(tmp_path, monkeypatch):
    write(tmp_path, {"clients.yaml": billion_laughs("oauth_clients: []\n")})
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    result = linter.run(["."])
    elapsed = time.monotonic() - started
    assert [(f.code, f.loc.line, f.message) for f in result.findings] == [("SL000", 6, LAUGHS)]
    assert elapsed < 5, f"{elapsed:.2f} s"  # measured: about 0.05 s


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
                         ids=["le", "be"])
def test_utf16_with_a_bom_is_decoded_and_linted(tmp_path, bom, codec):
    text = "oauth_clients:\n  - name: wide\n    scopes: [studio.spaces, integration.datapools]\n"
    write(tmp_path, {"wide/clients.yaml": bom + text.encode(codec), **BESIDE})
    code, doc, _ = check(tmp_path)
    assert code == 1
    assert [f[:4] for f in findings(doc) if f[0] == "wide/clients.yaml"] == [
        ("wide/clients.yaml", 3, 14, "SL003"), ("wide/clients.yaml", 3, 29, "SL001")]
    assert_beside_linted(doc)


# syntax of a newer Python that scopelint cannot read as older syntax (3.12's type parameters it can), with
# the message this interpreter's parser gives for it
NEWER_PYTHON = [((3, 12), 'greeting = f"{"\\n".join(rows)}"\n', "unexpected character after line continuation character"),
                ((3, 14), 'greeting = t"hello {name}"\n', "invalid syntax")]


def test_python_that_needs_a_newer_interpreter_is_a_note(tmp_path):
    newer = [(code, message) for version, code, message in NEWER_PYTHON if sys.version_info[:2] < version]
    if not newer:
        pytest.skip(f"no syntax newer than Python {sys.version_info[0]}.{sys.version_info[1]} is listed here")
    write(tmp_path, {"etl/new.py": "import celonis, os\n" + newer[0][0]
                     + 'S = os.environ.get("CELONIS_SCOPE", "studio,package-manager")\n', **BESIDE})
    code, doc, _ = check(tmp_path)
    assert code == 1
    # the line it cannot parse is left out, with a note; the others are read
    assert ("etl/new.py", f"not valid Python (line 2): {newer[0][1]}; line 2 not read, the rest of the file was") \
        in notes(doc)
    assert ("SL002", 3) in [(f["code"], f["line"]) for f in doc["findings"] if f["path"] == "etl/new.py"]
    assert_beside_linted(doc)


def _ram_disk(need_bytes: int, need_inodes: int) -> str | None:
    """``/dev/shm`` when it is a writable RAM disk with room: these tests measure scopelint, not the disk."""
    try:
        stat = os.statvfs("/dev/shm")
    except (AttributeError, OSError):
        return None
    room = stat.f_bavail * stat.f_frsize >= 2 * need_bytes and stat.f_favail >= 2 * need_inodes
    return "/dev/shm" if room and os.access("/dev/shm", os.W_OK) else None


@pytest.fixture
def scratch(tmp_path, request):
    """A folder for big trees, on a RAM disk where there is one, and removed afterwards (pytest
    keeps recent temporary folders, and these are big). ``request.param``: (bytes, inodes) needed."""
    need_bytes, need_inodes = getattr(request, "param", (0, 0))
    base = _ram_disk(need_bytes, need_inodes)
    folder = Path(tempfile.mkdtemp(prefix="scopelint-", dir=base)) if base else tmp_path
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


# --- size -------------------------------------------------------------------------------------

FIFTY_MB = 50 * 1024 * 1024
UNIT = "celonis scope token secret oauth2 /api/integration/api/pools "


def fifty_mb_line(prefix: str, suffix: str) -> bytes:
    body = (UNIT * (FIFTY_MB // len(UNIT) + 1))[:FIFTY_MB - len(prefix) - len(suffix)]
    return (prefix + body + suffix).encode("ascii")


@pytest.mark.parametrize("scratch", [(FIFTY_MB, 10)], indirect=True, ids=["50mb"])
def test_a_50_mb_line_over_the_default_cap_is_an_error_without_being_read(scratch, monkeypatch):
    """A client definition file over the cap fails closed (SL000), found by searching its first
    piece for ``oauth_clients``; it is never read whole. Any other file over the cap is a note."""
    tmp_path = scratch
    write(tmp_path, {"clients.yaml": fifty_mb_line('oauth_clients: [{name: big, scopes: "', '"}]\n'),
                     "notes.yaml": fifty_mb_line("a: ", "\n"), **BESIDE})
    opened = []
    real_read = inputs.read_bytes
    monkeypatch.setattr(inputs, "read_bytes", lambda p, *a, **k: opened.append(str(p)) or real_read(p, *a, **k))
    started = time.monotonic()
    code, doc, _ = check(tmp_path)
    assert time.monotonic() - started < 10
    assert code == 1
    assert ("clients.yaml", 1, 1, "SL000", "client definition file not linted: 52,428,800 bytes is over the size "
            "limit of 2,097,152 bytes (max-file-size)") in findings(doc)
    assert notes(doc) == [("notes.yaml", "skipped: 52,428,800 bytes is over the size limit of 2,097,152 bytes "
                                         "(max-file-size)")]
    assert not [p for p in opened if p.endswith(("/clients.yaml", "notes.yaml")) and "ok/" not in p]
    assert_beside_linted(doc)


# the timer may first fire inside a garbage-collector callback (hypothesis installs one), where
# Python swallows the exception and says so; the budget fires again until it lands
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("scratch", [(2 * FIFTY_MB, 10)], indirect=True, ids=["2x50mb"])
def test_a_50_mb_line_under_a_raised_cap_is_bounded_by_the_time_budget(scratch):
    tmp_path = scratch
    """Raised cap: the file is read, and ``file-timeout`` bounds the work. Measured here: about
    1.3 s and under 500 MB per file with ``file-timeout = 1``."""
    write(tmp_path, {
        ".scopelint.toml": "max-file-size = 67108864\nfile-timeout = 1\n",
        "clients.yaml": fifty_mb_line('oauth_clients: [{name: big, scopes: "', '"}]\n'),
        "scripts/token.sh": fifty_mb_line("curl ", "\n"),
        **BESIDE,
    })
    started = time.monotonic()
    code, doc, _ = check(tmp_path)
    elapsed = time.monotonic() - started
    assert elapsed < 45, f"{elapsed:.1f} s"
    assert code == 1
    assert ("clients.yaml", 1, 1, "SL000", "client definition file not linted: extraction took longer than 1 s "
            "(file-timeout)") in findings(doc)
    assert ("scripts/token.sh", "skipped: extraction took longer than 1 s (file-timeout)") in notes(doc)
    assert_beside_linted(doc)


# --- the file system --------------------------------------------------------------------------

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="no symbolic links")


@needs_symlinks
def test_symlinks_are_not_followed_by_default(tmp_path):
    outside = tmp_path / "outside"
    write(outside, {"clients.yaml": "oauth_clients:\n  - name: outside\n    scopes: [studioo]\n"})
    repo = tmp_path / "repo"
    write(repo, BESIDE)
    os.symlink(outside, repo / "linked-dir")
    os.symlink(outside / "clients.yaml", repo / "linked.yaml")
    os.symlink(repo, repo / "ok" / "loop")
    os.symlink("self", repo / "self")
    code, doc, _ = check(repo)
    assert code == 1
    assert [f[:4] for f in findings(doc)] == [BESIDE_FINDING]
    assert notes(doc) == []
    assert doc["summary"]["files"] == 1


@needs_symlinks
def test_followed_symlink_loops_are_detected_and_reported_once(tmp_path):
    outside = tmp_path / "outside"
    write(outside, {"clients.yaml": "oauth_clients:\n  - name: outside\n    scopes: [studioo]\n"})
    repo = tmp_path / "repo"
    write(repo, {".scopelint.toml": "follow-symlinks = true\n", **BESIDE})
    os.symlink(outside, repo / "linked-dir")
    os.symlink(repo, repo / "ok" / "loop")
    os.symlink("self", repo / "self")
    started = time.monotonic()
    code, doc, _ = check(repo)
    assert time.monotonic() - started < 10
    assert code == 1
    assert [f[:4] for f in findings(doc)] == [BESIDE_FINDING]  # the repository's config cannot lead out of it
    assert notes(doc) == [("linked-dir", "symbolic link leads outside the paths given; not followed"),
                          ("ok/loop", "symbolic link loop: directory already scanned"),
                          ("self", "symbolic link not followed: Too many levels of symbolic links")]


def test_an_unreadable_file_is_a_note(tmp_path, monkeypatch):
    """Simulated: CI runs as root, where ``chmod 000`` does not stop a read."""
    write(tmp_path, {"locked/clients.yaml": BESIDE["ok/clients.yaml"], **BESIDE})
    real_open = inputs._open_regular

    def guarded(path, *args, **kwargs):
        if str(path).endswith("locked/clients.yaml"):
            raise inputs.InputError("Permission denied", errno.EACCES)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(inputs, "_open_regular", guarded)
    code, doc, _ = check(tmp_path)
    assert code == 1
    assert notes(doc) == [("locked/clients.yaml", "skipped: cannot be read: Permission denied")]
    assert_beside_linted(doc)


def test_an_unreadable_directory_is_a_note(tmp_path, monkeypatch):
    """Simulated: CI runs as root, where ``chmod 000`` does not stop a listing."""
    write(tmp_path, {"locked/clients.yaml": BESIDE["ok/clients.yaml"], **BESIDE})
    real_scandir = os.scandir

    def guarded(path="."):
        if str(path).rstrip("/").endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    code, doc, _ = check(tmp_path)
    assert code == 1
    assert notes(doc) == [("locked", "cannot list directory: Permission denied")]
    assert [f[:4] for f in findings(doc)] == [BESIDE_FINDING]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="running as root: chmod 000 does not stop root from reading (the simulated tests cover it)")
def test_chmod_000_files_and_directories_are_notes(tmp_path):
    write(tmp_path, {"locked-file/clients.yaml": BESIDE["ok/clients.yaml"],
                     "locked-dir/clients.yaml": BESIDE["ok/clients.yaml"], **BESIDE})
    (tmp_path / "locked-file" / "clients.yaml").chmod(0)
    (tmp_path / "locked-dir").chmod(0)
    try:
        code, doc, _ = check(tmp_path)
    finally:
        (tmp_path / "locked-file" / "clients.yaml").chmod(0o644)
        (tmp_path / "locked-dir").chmod(0o755)
    assert code == 1
    assert notes(doc) == [("locked-dir", "cannot list directory: Permission denied"),
                          ("locked-file/clients.yaml", "skipped: cannot be read: Permission denied")]
    assert [f[:4] for f in findings(doc)] == [BESIDE_FINDING]


def test_a_file_deleted_between_discovery_and_reading_is_a_note(tmp_path, monkeypatch):
    write(tmp_path, {"gone/clients.yaml": BESIDE["ok/clients.yaml"], **BESIDE})
    real_walk = linter.walk

    def walk_then_delete(*args, **kwargs):
        items = list(real_walk(*args, **kwargs))
        (tmp_path / "gone" / "clients.yaml").unlink()
        yield from items

    monkeypatch.setattr(linter, "walk", walk_then_delete)
    code, doc, _ = check(tmp_path)
    assert code == 1
    assert notes(doc) == [("gone/clients.yaml", "skipped: cannot be read: No such file or directory")]
    assert [f[:4] for f in findings(doc)] == [BESIDE_FINDING]


def test_a_path_that_does_not_exist_exits_2_and_the_others_are_linted(tmp_path):
    write(tmp_path, BESIDE)
    code, doc, stderr = check(tmp_path, "no/such/clients.yaml", "ok")
    assert code == 2
    assert "scopelint: error: no/such/clients.yaml: no such file or directory" in stderr
    assert [f[:4] for f in findings(doc)] == [BESIDE_FINDING]


@pytest.mark.parametrize("scratch", [(1 << 20, 100_200)], indirect=True, ids=["100k"])
def test_a_directory_of_100000_empty_files(scratch):
    """Bounded time: measured here about 2 s for the run on two cores (creating the files not counted)."""
    kinds = ("py", "yaml", "json", "js", "sh", "env", "ipynb", "toml", "txt", "md")
    for d in range(100):
        folder = scratch / "many" / f"d{d:02d}"
        folder.mkdir(parents=True)
        for i in range(1000):
            os.close(os.open(folder / f"f{i:03d}.{kinds[i % 10]}", os.O_CREAT | os.O_WRONLY, 0o644))
    write(scratch, BESIDE)
    started = time.monotonic()
    code, doc, _ = check(scratch)
    elapsed = time.monotonic() - started
    assert code == 1
    assert [f[:4] for f in findings(doc)] == [BESIDE_FINDING]
    assert notes(doc) == []
    assert doc["summary"]["files"] == 100_001
    assert elapsed < 120, f"{elapsed:.1f} s"  # a hang guard, not a benchmark


SECRET_LINE = ('curl -d "grant_type=client_credentials&client_id=etl&client_secret=Zq8vR2mN7xT4kP9wL3sB6yH1cF5gJ0dA" '
               "https://acme.eu-1.celonis.cloud/oauth2/token\n")


@pytest.mark.parametrize("path, text", [
    ("push.sh", "#!/bin/sh\nX=" + "${A:-" * 400 + "x" + "}" * 400 + "\n" + SECRET_LINE),
    (".github/workflows/push.yml", "on: push\njobs:\n  push:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n"
     "          X=" + "${A:-" * 400 + "x" + "}" * 400 + "\n          " + SECRET_LINE),
])
def test_shell_defaults_nested_hundreds_deep_leave_the_rest_of_the_file_read(tmp_path, path, text):
    write(tmp_path, {path: text})
    _, doc, _ = check(tmp_path)
    assert [(f[0], f[3]) for f in findings(doc) if f[3] == "SL012"] == [(path, "SL012")]
    assert notes(doc) == []


@pytest.mark.parametrize("path, text, expected", [
    # a reader that runs out of stack on a file: a note for code, SL000 for a client definition (fails closed)
    ("etl/push.sh", "curl https://acme.eu-1.celonis.cloud/integration/api/pools\n",
     ("note", "etl/push.sh", "nested too deeply to read")),
    ("clients.yaml", "oauth_clients:\n  - name: a\n    scopes: [studio]\n",
     ("SL000", "clients.yaml", 1, 1, "nested too deeply to read")),
])
def test_a_reader_out_of_stack_is_a_note_except_for_a_client_definition(tmp_path, monkeypatch, path, text, expected):
    from scopelint.extractors import KINDS

    def deep(*_args):
        raise RecursionError("maximum recursion depth exceeded")

    for kind in KINDS:
        monkeypatch.setattr(kind.load(), "extract", deep)
    write(tmp_path, {path: text})
    _, doc, _ = check(tmp_path)
    if expected[0] == "SL000":
        assert [(f[0], f[1], f[2], f[4]) for f in findings(doc) if f[3] == "SL000"] == [expected[1:]]
    else:
        assert expected[1:] in notes(doc) and findings(doc) == []
