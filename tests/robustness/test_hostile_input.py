"""Hostile and odd input (issue 18, input side): no hang, no unbounded read or memory, no traceback,
and a client definition that cannot be linted whole fails closed. Runs that could hang or grow
run in a subprocess with a timeout and an address-space limit, so a regression fails instead of
stalling the suite."""
from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from scopelint import inputs, limits, located, reading
from scopelint.catalog import CatalogError, read_extension

TIMEOUT = 20  # seconds: every run here takes well under one
MEMORY = 1536 * 1024 * 1024  # bytes of address space a run may use
CLIENT = "oauth_clients:\n  - name: ok\n    scopes: [integration.datapools]\n"  # SL001 at 3:14


def billion_laughs(tail: str = "") -> str:
    """Nine levels of nine aliases: 9**9 strings once expanded, in a few hundred bytes."""
    text = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    for prev, name in zip("abcdefgh", "bcdefghi"):
        text += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    return text + tail


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def scopelint(cwd: Path, *args: str, timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    """``scopelint ARGS`` in a child process bounded in time and memory."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    try:
        return subprocess.run([sys.executable, "-c", "from scopelint.cli import main; main()", *args], cwd=cwd,
                              capture_output=True, text=True, timeout=timeout, env=env,
                              preexec_fn=_limit_memory if sys.platform != "win32" else None)
    except subprocess.TimeoutExpired:
        pytest.fail(f"scopelint {' '.join(args)[:200]} ran past {timeout} s")


def json_findings(proc) -> list[tuple]:
    return [(f["path"], f["line"], f["column"], f["code"], f["message"]) for f in json.loads(proc.stdout)["findings"]]


# --- 1. suppressions are parsed in linear time ------------------------------------------------

@pytest.mark.parametrize("spaces", [5_000, 1_000_000])
def test_a_long_run_of_spaces_in_a_suppression_finishes_at_once(tmp_path, spaces):
    """It took 73 s at 5,000 spaces (the pattern backtracked cubically) and ran after the file budget."""
    write(tmp_path, {"etl/a.py": "import celonis\nx = 1  # scopelint: ignore[" + " " * spaces + "\n",
                     "etl/b.py": "import celonis\ny = 2  # scopelint: ignore[SL001," + " " * spaces + "] reason" + " " * spaces + "\n"})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    assert proc.returncode == 0, proc.stderr
    # the unclosed bracket is no suppression; the closed one is, and suppresses nothing
    assert json_findings(proc) == [("etl/b.py", 2, 8, "SL000", "suppression of SL001 suppresses nothing; remove it")]


@pytest.mark.parametrize("line, expected", [
    ("x  # scopelint: ignore[SL001, sl002]  why not  ", (("SL001", "SL002"), "why not", 4)),
    ("<!-- scopelint: ignore[SL006] kept for the demo -->", (("SL006",), "kept for the demo", 1)),
    ("a ## scopelint:ignore[ SL003 ]", (("SL003",), "", 4)),
    ("REM scopelint: ignore[SL012] test key", (("SL012",), "test key", 1)),
    ("XREM scopelint: ignore[SL012] test key", None),
    ("/// scopelint: ignore[SL001] r", (("SL001",), "r", 2)),
    ("x = 'scopelint: ignore[SL001]'  # scopelint: ignore[SL014] local", (("SL014",), "local", 33)),
    ("# scopelint: ignore[" + " " * 50_000 + "x", None),
    ("#" + " " * 50_000 + "scopelint:" + " " * 50_000 + "ignore[" + " " * 50_000 + "SL001" + " " * 50_000 + "]" + " " * 50_000,
     (("SL001",), "", 1)),
])
def test_suppression_comments_are_read_as_before(line, expected):
    found = reading.suppressions("f.py", [line])
    assert [(s.codes, s.reason, s.loc.col) for s in found] == ([expected] if expected else [])


# --- 2. only regular files are read, with a cap -----------------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")


@needs_fifo
def test_a_fifo_in_the_tree_does_not_block_the_run(tmp_path):
    write(tmp_path, {"clients.yaml": CLIENT})
    os.mkfifo(tmp_path / "pipe.yaml")
    os.mkfifo(tmp_path / "pipe.js")
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    assert proc.returncode == 1, proc.stderr
    assert [f[:4] for f in json_findings(proc)] == [("clients.yaml", 3, 14, "SL001")]


@needs_fifo
def test_a_fifo_named_on_the_command_line_does_not_block_the_run(tmp_path):
    write(tmp_path, {"clients.yaml": CLIENT})
    os.mkfifo(tmp_path / "pipe.yaml")
    proc = scopelint(tmp_path, "check", "--format", "json", "pipe.yaml", "clients.yaml")
    assert proc.returncode == 1, proc.stderr
    assert ("clients.yaml", 3, 14, "SL001") in [f[:4] for f in json_findings(proc)]


@needs_fifo
@pytest.mark.parametrize("option, message", [
    ("--baseline", "cannot read baseline 'pipe': not a regular file (a FIFO)"),
    ("--catalog", "cannot read catalog 'pipe': not a regular file (a FIFO)"),
    ("--config", "cannot read config 'pipe': not a regular file (a FIFO)"),
])
def test_a_fifo_as_baseline_catalog_or_config_is_a_usage_error(tmp_path, option, message):
    write(tmp_path, {"clients.yaml": CLIENT})
    os.mkfifo(tmp_path / "pipe")
    proc = scopelint(tmp_path, "check", option, "pipe", ".")
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
@pytest.mark.parametrize("option, message", [
    ("--baseline", "cannot read baseline '/dev/zero': not a regular file (a character device)"),
    ("--catalog", "cannot read catalog '/dev/zero': not a regular file (a character device)"),
    ("--config", "cannot read config '/dev/zero': not a regular file (a character device)"),
])
def test_dev_zero_is_not_read(tmp_path, option, message):
    write(tmp_path, {"clients.yaml": CLIENT})
    proc = scopelint(tmp_path, "check", option, "/dev/zero", ".")
    assert proc.returncode == 2
    assert message in proc.stderr


def test_a_missing_config_file_is_said_to_be_missing(tmp_path):
    write(tmp_path, {"clients.yaml": CLIENT})
    (tmp_path / "dangling.toml").symlink_to(tmp_path / "gone.toml")
    for name in ("nope.toml", "dangling.toml"):
        proc = scopelint(tmp_path, "check", "--config", name, ".")
        assert proc.returncode == 2
        assert f"config file '{name}' does not exist" in proc.stderr


def test_the_reader_caps_what_it_reads(tmp_path):
    (tmp_path / "big.json").write_bytes(b" " * 5000)
    assert inputs.read_bytes(tmp_path / "big.json", 5000) == b" " * 5000
    with pytest.raises(inputs.TooLarge, match=r"over the size limit of 4,999 bytes \(max-file-size\)") as caught:
        inputs.read_bytes(tmp_path / "big.json", 4999, "max-file-size")
    assert len(caught.value.head) == 4999
    with pytest.raises(inputs.InputError, match="not a regular file \\(a directory\\)"):
        inputs.read_bytes(tmp_path, 10)


@pytest.mark.parametrize("told", [0, 1, 10, 70_000, 5_000_000])
@pytest.mark.parametrize("size", [0, 9, 65_536, 200_000, 2_500_000])
def test_the_reader_gets_the_whole_file_whatever_size_fstat_told(tmp_path, monkeypatch, size, told):
    """A small file is read in one call, trusting fstat's size; a file that grew or shrank since
    (or a /proc file that says 0) is still read whole, up to the cap."""
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    (tmp_path / "f.bin").write_bytes(data)
    real_fstat = os.fstat
    monkeypatch.setattr(inputs.os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], told, *real_fstat(fd)[7:])))
    assert inputs.read_bytes(tmp_path / "f.bin", 3_000_000) == data
    if size:
        with pytest.raises(inputs.TooLarge) as caught:
            inputs.read_bytes(tmp_path / "f.bin", size - 1)
        assert caught.value.head == data[:size - 1]


def test_a_small_file_is_read_in_one_call(tmp_path, monkeypatch):
    (tmp_path / "f.py").write_bytes(b"a" * 4000)
    calls = []
    real_read = os.read
    monkeypatch.setattr(inputs.os, "read", lambda fd, n: calls.append(n) or real_read(fd, n))
    assert inputs.read_bytes(tmp_path / "f.py", 10_000) == b"a" * 4000
    assert len(calls) == 1

def test_a_baseline_over_its_cap_is_a_usage_error(tmp_path, monkeypatch):
    write(tmp_path, {"clients.yaml": CLIENT, "base.json": '{"version": 1, "findings": []}' + " " * 200})
    monkeypatch.setattr(inputs, "MAX_BASELINE_SIZE", 100)
    from click.testing import CliRunner

    from scopelint.cli import main

    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["check", "--baseline", "base.json", "."])
    assert out.exit_code == 2
    assert "cannot read baseline 'base.json': over the size limit of 100 bytes" in out.stderr


# --- 3. one loader with node and depth limits -------------------------------------------------

def test_a_459_byte_config_alias_bomb_found_by_walking_up_is_refused_at_once(tmp_path):
    """It cost 35 s, 5.3 GB and a 1.36 GB error message."""
    bomb = billion_laughs("exclude: *i\n")
    assert len(bomb) < 500
    write(tmp_path, {".scopelint.yaml": bomb, "repo/src/clients.yaml": CLIENT})
    proc = scopelint(tmp_path / "repo", "check", "src")
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"scopelint: error: cannot parse config {str(tmp_path / '.scopelint.yaml')!r}: "
                                   "document too large: YAML aliases expand to more than 200000 values (line 6, column 4)")


def test_a_catalog_extension_alias_bomb_is_refused_at_once(tmp_path):
    write(tmp_path, {"cat.yaml": billion_laughs("scopes: *i\n"), "clients.yaml": CLIENT})
    proc = scopelint(tmp_path, "check", "--catalog", "cat.yaml", ".")
    assert proc.returncode == 2
    assert proc.stderr.strip() == ("scopelint: error: cannot parse catalog 'cat.yaml': document too large: YAML aliases "
                                   "expand to more than 200000 values (line 6, column 4)")


def test_a_huge_config_value_is_cut_short_in_the_message(tmp_path):
    write(tmp_path, {".scopelint.yaml": "fail-on: " + "x" * 1_000_000 + "\n", "clients.yaml": CLIENT})
    proc = scopelint(tmp_path, "check", ".")
    assert proc.returncode == 2
    assert ("scopelint.yaml: 'fail-on' must be one of error, warning, note, never, not 'xxxxxxxxxxxxxxxxxxxxxxxxxxx..."
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n") in proc.stderr
    assert len(proc.stderr) < 300


@pytest.mark.parametrize("name, text, message", [
    ("a.yaml", "exclude: !!python/object/apply:os.system ['true']\n", "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed here"),
    ("a.yaml", "exclude: [a]\nexclude: [b]\n", "duplicate key 'exclude'; first given on line 1"),
    ("a.json", '{"a": 1, "a": 2}', "duplicate key 'a'; first given on line 1"),
    ("a.toml", "a = 1\na = 2\n", "duplicate key 'a'; first given on line 1"),
])
def test_the_loader_refuses_tags_and_duplicate_keys(name, text, message):
    kind = name.rsplit(".", 1)[1]
    with pytest.raises(located.ParseError) as caught:
        located.load(text, name, kind)
    assert caught.value.message == message


# --- 4. deep nesting and long numbers ---------------------------------------------------------

DEEP = 100_000


@pytest.mark.parametrize("name, text, message", [
    ("cat.json", '{"scopes": ' + "[" * DEEP + "]" * DEEP + "}", "cannot parse catalog 'cat.json': invalid JSON: nested too deeply (line 1, column 1010)"),
    ("cat.yaml", "scopes: " + "[" * DEEP + "]" * DEEP + "\n", "cannot parse catalog 'cat.yaml': invalid YAML: nested too deeply (line 1, column 1008)"),
], ids=["json", "yaml"])  # short ids: the test's id reaches the child's environment, where 200 kB is too long
def test_a_deep_catalog_is_a_clear_error(tmp_path, name, text, message):
    write(tmp_path, {name: text, "clients.yaml": CLIENT})
    proc = scopelint(tmp_path, "check", "--catalog", name, ".")
    assert proc.returncode == 2
    assert proc.stderr.startswith("scopelint: error: " + message), proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("text, message", [
    ('{"version": 1, "findings": ' + "[" * DEEP + "]" * DEEP + "}",
     "baseline 'base.json' is not valid JSON: nested too deeply at line 1 column 1026"),
    ('{"version": ' + "9" * 5000 + ', "findings": []}',
     "baseline 'base.json' is not valid JSON: a number is too long (more than 4,300 digits) at line 1 column 13"),
    ('{"version": 1, "findings": ' + "[" * 600 + "]" * 600 + "}",
     "baseline 'base.json' is not valid JSON: nested more than 500 levels deep at line 1 column 1"),
], ids=["100000-deep", "5000-digits", "600-deep"])
def test_a_deep_or_long_numbered_baseline_is_a_clear_error(tmp_path, text, message):
    write(tmp_path, {"base.json": text, "clients.yaml": CLIENT})
    proc = scopelint(tmp_path, "check", "--baseline", "base.json", ".")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "scopelint: error: " + message


@pytest.mark.parametrize("name, text, position, message", [
    ("clients.yaml", "oauth_clients:\n  - name: a\n    code: " + "9" * 5000 + "\n", (3, 11),
     "number too long: 5,000 digits (at most 4,300)"),
    ("clients.json", '{"oauth_clients": [{"name": "a", "code": ' + "9" * 5000 + "}]}", (1, 42),
     "invalid JSON: a number is too long (more than 4,300 digits)"),
    ("clients.toml", "[[oauth_clients]]\nname = \"a\"\ncode = " + "9" * 5000 + "\n", (3, 8),
     "invalid TOML: a number is too long (more than 4,300 digits)"),
])
def test_a_5000_digit_number_in_a_definition_is_sl000(tmp_path, name, text, position, message):
    write(tmp_path, {name: text, "ok/clients.yaml": CLIENT})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["notes"] == []
    assert (name, *position, "SL000", message) in json_findings(proc)
    assert ("ok/clients.yaml", 3, 14, "SL001") in [f[:4] for f in json_findings(proc)]


# --- 5. large JavaScript: read up to the limits ------------------------------------------------

CALL = 'fetch("https://x.celonis.cloud/integration/api/pools/" + id, {headers: {Authorization: "Bearer " + t}});\n'
TOKEN = ('fetch("https://acme.eu-1.celonis.cloud/oauth2/token", {method: "POST", '
         'body: "grant_type=client_credentials&scope=studioo"});\n')


def test_a_javascript_file_full_of_calls_keeps_facts_up_to_the_cap(tmp_path):
    """It was dropped whole by the fact limit; now the facts of its first lines are kept. (The
    time limit is generous: this machine may be shared; a 2 MB file takes a few seconds.)"""
    lines = 12_000
    write(tmp_path, {"app/a.js": TOKEN + CALL * lines, ".scopelint.toml": "file-timeout = 100\n"})
    proc = scopelint(tmp_path, "check", "--format", "json", ".", timeout=120)
    doc = json.loads(proc.stdout)
    assert ("app/a.js", 1, "SL001") in [(f[0], f[1], f[3]) for f in json_findings(proc)]
    [note] = doc["notes"]
    assert note["path"] == "app/a.js"
    assert note["message"].startswith("read up to line ")
    assert note["message"].endswith(f"over the limit of {limits.MAX_FACTS:,} per file; the facts after it were not kept")
    last = int(note["message"].split()[4].rstrip(":").replace(",", ""))
    assert 1 < last < lines


def test_an_over_long_line_is_skipped_and_the_rest_of_the_file_is_read(tmp_path):
    """It skipped the whole file as "minified"."""
    write(tmp_path, {"app/a.js": "const x = [" + "1," * 4000 + "];\n" + TOKEN})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    doc = json.loads(proc.stdout)
    assert doc["notes"] == [{"path": "app/a.js", "message": "line 1 over 5,000 characters (minified code) not read; "
                                                            "the rest of the file was"}]
    assert [f[:2] + f[3:4] for f in json_findings(proc)] == [("app/a.js", 2, "SL001")]


SECRET_PY = 'CLIENT_SECRET = "Zx8vQ2mN7pL4kR9tW3yB6cF1hJ5sD0gA"\n'


@pytest.mark.parametrize("path, text, note", [
    # valid Python this interpreter's parser runs out of stack on (3.13 builds both), and brackets nested
    # past its limit over many lines: that one statement is left out, not the module
    ("etl/columns.py", "import os\nCOLUMNS = (\n" + "".join(f'    "COL_{i}, " +\n' for i in range(3000))
     + '    "END"\n)\n' + SECRET_PY, "not valid Python (line 2): nested too deeply to build; the statement at line 2 not read, "
                                     "the rest of the file was"),
    ("etl/dispatch.py", "def kind(x):\n    return x\n\n\nif x == 0:\n    y = 0\n"
     + "".join(f"elif x == {i}:\n    y = {i}\n" for i in range(1, 3000)) + "else:\n    y = -1\n" + SECRET_PY,
     "not valid Python (line 5): nested too deeply to build; the statement at line 5 not read, the rest of the file was"),
    ("etl/nested.py", "import os\nNESTED = " + "[\n" * 300 + "]\n" * 300 + SECRET_PY,
     "not valid Python (line 202): too many nested parentheses; the statement at line 2 not read, the rest of the file was"),
])
def test_a_python_statement_too_deep_to_build_leaves_the_rest_of_the_module_read(tmp_path, path, text, note):
    """One such statement left the whole module unread, with a note only: a secret after it was lost."""
    import ast

    try:  # a newer interpreter may build what this one cannot: then there is nothing to leave out
        ast.parse(text)
        built = True
    except (SyntaxError, RecursionError, MemoryError):
        built = False
    write(tmp_path, {path: text})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    doc = json.loads(proc.stdout)
    assert [f[:2] + f[3:4] for f in json_findings(proc)] == [(path, text.count("\n"), "SL012")]
    assert doc["notes"] == ([] if built else [{"path": path, "message": note}])


SECRET_JS = ('const CELONIS_TOKEN_URL = "https://acme.eu-1.celonis.cloud/oauth2/token";\n'
             'const clientSecret = "Zx8vQ2mN7pL4kR9tW3yB6cF1hJ5sD0gA";\n')


@pytest.mark.parametrize("path, text, note_line", [
    # valid code whose backtick the lexer took for a template's: nested past its limit, in a regular
    # expression after a block, in a JSX element's text longer than it reads as JSX
    ("app/label.js", "const label = " + "`a${" * 30 + "1" + "}`" * 30 + ";\n\n" + SECRET_JS, 1),
    ("app/check.js", "function check(s) {\n  return s;\n}\n/`/.test(document.title) && check('x');\n\n" + SECRET_JS, 4),
    ("app/Console.jsx", "export const Console = () => (\n  <main>\n" + "    <p>Press <kbd>n</kbd> for next.</p>\n" * 700
     + "    <p>Toggle with <kbd>`</kbd>.</p>\n  </main>\n);\n\n" + SECRET_JS, 703),
    # a template that closes with the file's last character is closed
    ("app/last.js", SECRET_JS + "export const t = `end`", None),
])
def test_a_backtick_opening_a_template_that_never_closes_is_read_past_as_code(tmp_path, path, text, note_line):
    """The rest of the file was read as one template literal, silently: no literal after it was read."""
    write(tmp_path, {path: text})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    doc = json.loads(proc.stdout)
    secret = 2 if note_line is None else text.count("\n", 0, text.index("clientSecret")) + 1
    assert [f[:2] + f[3:4] for f in json_findings(proc)] == [(path, secret, "SL012")]
    assert doc["notes"] == ([] if note_line is None else [{"path": path, "message": (
        f"line {note_line}: a backtick opens a template literal that never closes; the file was read on past it as code")}])


@pytest.mark.parametrize("levels", [40, 3_000])
def test_a_pyramid_of_callbacks_leaves_the_rest_of_the_file_read_in_linear_time(tmp_path, levels):
    """Each level's body was charged to the file's work budget by every level around it (a bracket's
    partner looked up as if scanned, a call's arguments read as a parameter list): 32 levels spent it,
    and then no literal of the file was read, a secret on line 2 among them."""
    steps = "".join(f"step{i}(arg{i}, function (err, r{i}) {{\n  if (err) return done(err);\n" for i in range(levels))
    write(tmp_path, {"scripts/migrate.js": 'const fs = require("fs");\nconst clientSecret = "Zq8vR2mN7xT4kP9wL3sB6yH1cF5gJ0dA";\n'
                     + steps + "});\n" * levels + TOKEN, ".scopelint.toml": "file-timeout = 3\n"})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    doc = json.loads(proc.stdout)
    assert doc["notes"] == []
    assert [f[:2] + f[3:4] for f in json_findings(proc)] == [
        ("scripts/migrate.js", 2, "SL012"), ("scripts/migrate.js", 3 + 3 * levels, "SL001")]


def test_lines_just_under_the_limit_next_to_an_over_long_one_are_read_in_linear_time(tmp_path):
    """The over-long line was blanked by a pattern for "over 5,000 characters", which tried and failed
    at every character of every shorter line: 300 lines of 4,990 characters took longer than the
    file budget, and the request at the end of the file was never read."""
    padding = ("// " + "a" * 4_987 + "\n") * 300
    write(tmp_path, {"app/a.js": "const x = [" + "1," * 4000 + "];\n" + padding + TOKEN,
                     ".scopelint.toml": "file-timeout = 3\n"})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    doc = json.loads(proc.stdout)
    assert doc["notes"] == [{"path": "app/a.js", "message": "line 1 over 5,000 characters (minified code) not read; "
                                                            "the rest of the file was"}]
    assert [f[:2] + f[3:4] for f in json_findings(proc)] == [("app/a.js", 302, "SL001")]


PS_TOKEN = ('Invoke-RestMethod -Uri "https://acme.eu-1.celonis.cloud/oauth2/token" -Method Post '
            '-Body "grant_type=client_credentials&scope=studioo"\n')


def test_many_unclosed_braces_in_powershell_are_split_in_linear_time(tmp_path):
    """Each operator looked through every brace still open: 40,000 unclosed ``{`` took minutes, past
    the file budget, and the request after them was never read."""
    write(tmp_path, {"get-token.ps1": ("{" * 4_000 + "\n") * 10 + PS_TOKEN, ".scopelint.toml": "file-timeout = 3\n"})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    assert json.loads(proc.stdout)["notes"] == []
    assert [f[:2] + f[3:4] for f in json_findings(proc)] == [("get-token.ps1", 11, "SL001")]


@pytest.mark.parametrize("blank", [" ", "\t"])
def test_long_blank_lines_in_a_notebook_cell_are_read_in_linear_time(tmp_path, blank):
    """A cell that is not plain Python is read again with IPython's magics blanked: the magic pattern
    tried every split of a long run of white space, 0.2 s per line of 5,000 spaces."""
    source = ["import requests\n", "%matplotlib inline\n", *[blank * 4_990 + "\n"] * 100,
              'requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", '
              'data={"grant_type": "client_credentials", "scope": "studioo"})\n']
    notebook = {"cells": [{"cell_type": "code", "source": source, "metadata": {}, "outputs": [], "execution_count": None}],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    write(tmp_path, {"nb.ipynb": json.dumps(notebook, indent=1), ".scopelint.toml": "file-timeout = 3\n"})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    doc = json.loads(proc.stdout)
    assert [n["message"] for n in doc["notes"]] == []
    assert [f[0] + ":" + f[3] for f in json_findings(proc)] == ["nb.ipynb:SL001"]


def test_blank_lines_before_a_kubernetes_manifest_are_passed_in_linear_time(tmp_path):
    """Whether a YAML file is a Kubernetes manifest was asked with ``^\\s*apiVersion``: at every line,
    ``\\s*`` ran on over all the blank lines that followed. 300 lines of spaces took 6.5 s."""
    write(tmp_path, {"deploy.yaml": "# celonis\n" + (" " * 4_990 + "\n") * 300 + "# deployment\napiVersion: v1\n"
                     "kind: ConfigMap\nmetadata:\n  name: etl\ndata:\n  CELONIS_URL: http://acme.eu-1.celonis.cloud\n",
                     ".scopelint.toml": "file-timeout = 3\n"})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    assert json.loads(proc.stdout)["notes"] == []
    assert [f[:4] for f in json_findings(proc)] == [("deploy.yaml", 308, 16, "SL014")]


@pytest.mark.parametrize("name, text, line, col", [
    pytest.param("Dockerfile", "FROM python:3.12\nRUN echo start \\\n" + "    && echo step \\\n" * 100_000
                 + "    && echo done\nENV CELONIS_URL=http://acme.eu-1.celonis.cloud\n", 100_004, 17, id="dockerfile"),
    pytest.param("application.properties", "app.banner=start \\\n" + "  and then some more of the banner text \\\n" * 45_000
                 + "  end\ncelonis.url=http://acme.eu-1.celonis.cloud\n", 45_003, 13, id="properties"),
])
def test_a_long_run_of_continuation_lines_is_joined_in_linear_time(tmp_path, name, text, line, col):
    """Each continuation line was added to the value read so far, copying it: 100,000 lines of a
    Dockerfile instruction ran past the file budget, and the ENV after it was never read."""
    write(tmp_path, {name: text, ".scopelint.toml": "file-timeout = 2\n"})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    assert json.loads(proc.stdout)["notes"] == []
    assert [f[:4] for f in json_findings(proc)] == [(name, line, col, "SL014")]


HEADER = "# celonis oauth2 scope token secret /api/ bearer curl connect.ems. apikey api_key\n"


def _deep(top: str, depth: int, key: int, leaves: int) -> str:
    """A JSON document ``depth`` levels deep under ``top``, each level's key ``key`` characters long,
    with ``leaves`` values at the bottom."""
    text = "{" + ",".join(f'"l{i}": "v"' for i in range(leaves)) + "}"
    for level in range(depth):
        text = '{"' + "k" * key + str(level) + '": ' + text + "}"
    return '{"' + top + '": ' + text + "}\n"


@pytest.mark.parametrize("name, text", [
    pytest.param("config.ini", HEADER + "[celonis]\nkey" + " " * 40_000 + "x\n", id="ini-key-spaces"),
    pytest.param("connector.properties", HEADER + "connect.ems.authorization.key=a" + " " * 40_000 + "b\n",
                 id="connector-key-spaces"),
    pytest.param(".env", HEADER + "CELONIS_SCOPES=" + "<" * 80_000 + "\n", id="unclosed-placeholders"),
    pytest.param("app.py", HEADER + 'import requests\nrequests.get("https://t.r.celonis.cloud/api/' + "<" * 80_000 + '")\n',
                 id="unclosed-placeholders-in-a-url"),
    pytest.param(".env", HEADER + "CELONIS_URL=https://" + "A" * 40_000 + "a.x/oauth2/token\n", id="long-host-label"),
    pytest.param("app.py", HEADER + "# " * 20_000 + "\n", id="python-comment-marks"),
    pytest.param(".github/workflows/ci.yml", HEADER + "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"
                 "      - run: echo " + "${{" * 16_000 + "\n", id="unclosed-ci-expressions"),
    # 60 lines: read in a third of the budget on a slow machine, in more than the budget where every "/" is tried
    pytest.param("app.js", HEADER + ("x=/[" * 1_200 + "\n") * 60, id="javascript-regex-starts"),
    pytest.param("api.postman_collection.json", json.dumps({
        "info": {"name": "celonis"}, "variable": [{"key": "v", "value": "{{v}}" * 400}],
        "item": [{"name": "r", "request": {"method": "GET", "url": "https://t.r.celonis.cloud/api/" + "{{v}}" * 400}}]}),
                 id="postman-variables-that-repeat-themselves"),
    pytest.param("app.js", HEADER + 'const s = require("simple-oauth2");\n' + ")).getToken(\n" * 8_000,
                 id="javascript-calls-on-unbalanced-parentheses"),
    pytest.param("api.postman_collection.json", json.dumps({
        "info": {"name": "celonis"}, "event": [{"listen": "prerequest", "script": {"exec": [f"x{i} = 1;" for i in range(80_000)]}}],
        "item": [{"name": "t", "request": {"method": "POST", "url": "https://t.r.celonis.cloud/oauth2/token?scope=studio"}}]},
        separators=(",", ":")), id="postman-script-lines-on-one-line"),
    pytest.param("App.java", HEADER + "".join(f'String u{i} = "https://t.r.celonis.cloud/oauth2/token";\n' for i in range(4_000))
                 + "".join(f'String b{i} = "grant_type=client_credentials&scope=studio";\n' for i in range(4_000)),
                 id="java-form-bodies-and-token-urls"),
    pytest.param("App.java", HEADER + "class A { void f() { b.scopes(" + ",\n".join(
        ", ".join(['"studio"'] * 200) for _ in range(80)) + "); } }\n", id="java-scope-call-with-many-arguments"),
    pytest.param("App.kt", HEADER + 'val scope = """' + "\n".join("$a " * 500 for _ in range(16)) + '"""\n',
                 id="kotlin-scope-template-with-many-references"),
    pytest.param("run.sh", HEADER + 'curl -X POST https://t.r.celonis.cloud/oauth2/token -d "' + "k=$v&" * 4_000 + '"\n',
                 id="shell-form-body-of-many-references"),
    pytest.param("settings.toml", HEADER + "".join(f'a{i}.x = "value{i}"\n' for i in range(6_000)), id="toml-dotted-keys"),
    pytest.param("settings.toml", HEADER + "[celonis]\n" + "".join(f'k{i} = "value{i}"\n' for i in range(40_000)),
                 id="toml-many-strings"),
    pytest.param("settings.yaml", 'celonis:\n  big: &x "https://t.r.celonis.cloud/' + "a" * 160_000 + '"\n  env:\n'
                 + "".join(f"    K{i}: *x\n" for i in range(16_000)), id="yaml-one-long-string-aliased-many-times"),
    # a manifest read for its secrets when a key is named as one: a key pattern that could split a long run of
    # name characters every way (``[\w]*(secret|token|key)[\w]*``) took minutes on one line of them
    pytest.param("deploy/app.yaml", "apiVersion: v1\nkind: Secret\n" + "key" * 40_000 + "\n  - name: " + "token" * 20_000
                 + "x y\n", id="manifest-key-names-on-one-long-line"),
    pytest.param("app.py", HEADER + 'import requests\nB = "https://t.r.celonis.cloud/" + "' + "a" * 100_000 + '"\n'
                 + "".join(f'requests.get(B + "/api/x{i}")\n' for i in range(8_000)), id="python-long-constant-used-everywhere"),
    pytest.param("etl/chain.py", 'import requests\nBASE = "https://acme.eu-1.celonis.cloud"\ndef h0(p):\n    return f"{BASE}/{p}"\n'
                 + "".join(f'def h{i}(p):\n    return h{i - 1}(p + "/x") + h{i - 1}(p + "/y")\n' for i in range(1, 20))
                 + "".join(f'requests.get(h19("integration/api/pools/{i}"))\n' for i in range(3_000)),
                 id="python-helpers-calling-helpers-from-thousands-of-places"),
    # one headers object given to each of 2,000 requests of a method: each looked back over the method to the
    # header for every name among its arguments (7 s; 34 s at 3,000)
    pytest.param("Gen.java", HEADER + "class G { void f(RestTemplate rest) {\n  HttpHeaders headers = new HttpHeaders();\n"
                 '  headers.set("Authorization", "AppKey " + System.getenv("CELONIS_APP_KEY"));\n'
                 + "".join(f'  rest.exchange(BASE + "/integration/api/pools/p{i}/jobs", HttpMethod.GET, '
                           "new HttpEntity<>(headers), String.class);\n" for i in range(2_000)) + "} }\n",
                 id="java-one-headers-object-given-to-thousands-of-requests"),
    # ... and a key added to it before each (every earlier addition was read for each request: 5 s at 3,000)
    pytest.param("Gen.java", HEADER + "class G { void f(RestTemplate rest) {\n  HttpHeaders headers = new HttpHeaders();\n"
                 + "".join('  headers.add("Authorization", "AppKey " + key);\n'
                           f'  rest.exchange(BASE + "/integration/api/pools/p{i}/jobs", HttpMethod.GET, '
                           "new HttpEntity<>(headers), String.class);\n" for i in range(3_000)) + "} }\n",
                 id="java-a-key-added-before-each-of-thousands-of-requests"),
    # one request given 100 paths and 1,000 names after a key header: each path asked for the key of each name
    pytest.param("Gen.java", HEADER + "class G { void f(String key) {\n  HttpHeaders h = new HttpHeaders();\n"
                 '  h.add("Authorization", "AppKey " + key);\n' + "".join(f"  int b{i} = {i};\n" for i in range(500))
                 + "  rest.exchange(" + ",\n    ".join(f'"/integration/api/pools/{i}"' for i in range(100)) + ",\n    "
                 + ",\n    ".join(", ".join(f"a{i}" for i in range(k, k + 20)) for k in range(0, 1_000, 20)) + ");\n} }\n",
                 id="java-a-request-of-many-paths-and-names"),
    # a notebook on one line, of 5,000 cells that do not parse: CPython read the whole file named for each one's
    # error (13 s)
    pytest.param("nb.ipynb", json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {},
                                                    "outputs": [], "source": [f"print 'x{k}'\n"]} for k in range(5_000)]
                                        + [{"cell_type": "code", "execution_count": None, "metadata": {},
                                            "outputs": [],
                                            "source": ['CELONIS_URL = "https://acme.eu-1.celonis.cloud"\n']}],
                                         "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), id="notebook-of-many-python-2-cells"),
    # a chain of assignments each read only by the next: one was set aside for each reading over all of them
    pytest.param("etl/chain.py", 'from pycelonis import get_celonis\nc = get_celonis(base_url="https://acme.eu-1.celonis.cloud")\n'
                 "X0 = 'a'\n" + "".join(f"X{i} = X{i - 1}\n" for i in range(1, 8_000)), id="python-a-chain-of-assignments"),
    # each module-level assignment no other reads was held against a new set of all those before it
    pytest.param("app.py", HEADER + "".join(f"v{i} = {i}\n" for i in range(30_000)), id="python-many-module-assignments"),
    # 4,000 steps: 0.85 s of CPU on a slow machine; more than 9 s when each step was read against the whole file
    pytest.param("Jenkinsfile", HEADER + "pipeline { environment { CELONIS_SCOPE = 'studio' }\n"
                 + "sh 'curl -d scope=$CELONIS_SCOPE https://t.r.celonis.cloud/oauth2/token'\n" * 4_000 + "}\n",
                 id="jenkins-many-steps"),
    pytest.param("Jenkinsfile", HEADER + "sh '" + "''\n" + 'sh "x\n' * 40_000 + "/* " * 20_000, id="jenkins-unclosed-strings"),
    pytest.param("main.tf", HEADER + "locals " + "a " * 200_000 + "\n" + 'celonis_scope = "studio"\n', id="terraform-long-header"),
    pytest.param("sync.service", HEADER + "[Service]\nEnvironment=" + " ".join(f'"CELONIS_K{i}=a b"' for i in range(40_000))
                 + ' "x\n' + "ExecStart=java " + "-Dk=v " * 40_000 + "\n", id="systemd-long-lines"),
    pytest.param("main.tf", HEADER + 'resource "a" "b" {\n' + "  scopes = [\n" * 40_000, id="terraform-unclosed-lists"),
    # 10,000 nodes, one program: 1.1 s of CPU on a slow machine, every script read once
    pytest.param("flows.json", json.dumps([{"id": f"n{i}", "type": "function", "func": f'msg.token = "x{i}";\nreturn msg;'}
                                          for i in range(10_000)]), id="node-red-many-function-nodes"),
    pytest.param("flows.json", json.dumps([{"type": "function", "func": 'const s = "' + '\\"' * 100_000 + '";\nreturn msg;'}]
                                         * 20), id="node-red-scripts-of-many-escapes"),
    pytest.param("index.html", HEADER + "<script>" * 60_000 + "<script>token = 'x'\n", id="html-unclosed-scripts"),
    pytest.param("index.html", HEADER + "<script>token</script>\n" * 20_000, id="html-many-scripts"),
    pytest.param("index.html", HEADER + "<p>" + "x " * 100_000 + "</p><script>const token = 'x';</script>\n",
                 id="html-long-line-before-a-script"),
    pytest.param("api.http", HEADER + "@a = " + "{{a}}" * 2_000 + "\n" + "POST https://t.r.celonis.cloud/oauth2/token?x={{a}}\n###\n"
                 * 2_000, id="http-file-variable-made-of-itself"),
    pytest.param("settings.json", _deep("celonis", depth=200, key=1_000, leaves=4_000), id="deep-config-with-long-keys"),
    pytest.param(".github/workflows/ci.yml", _deep("celonis_env", depth=480, key=1_000, leaves=9_600), id="deep-ci-document"),
])
def test_shapes_that_were_superlinear_are_read_within_the_budget(tmp_path, name, text):
    """Each took from 4 s to minutes (a regular expression trying every split of a run of
    characters, a scan to the end of the line from every opening mark, a Postman variable put into
    itself until the text reached gigabytes); each is now read within a budget of 3 s."""
    write(tmp_path, {name: text, ".scopelint.toml": "file-timeout = 3\n"})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    assert proc.returncode in (0, 1), proc.stderr
    assert [n for n in json.loads(proc.stdout)["notes"] if "took longer" in n["message"]] == []



@pytest.mark.parametrize("name, text", [
    pytest.param("Deep.java", "class A { String scopes = " + "{\n" * 5_000 + '"studio"' + "}\n" * 5_000 + "; }\n",
                 id="java-braces"),
    pytest.param("deep.go", "package main\nvar scopes = " + "[]string{\n" * 5_000 + '"studio"' + "}\n" * 5_000, id="go-slices"),
    pytest.param("Deep.java", "class A { List scopes = " + "List.of(\n" * 3_000 + '"studio"' + ")\n" * 3_000 + "; }\n",
                 id="java-lists"),
    pytest.param("Deep.java", "class A { String t = " + "String.format(\n" * 3_000 + '"token %s"' + ")\n" * 3_000 + "; }\n",
                 id="java-formats"),
])
def test_deeply_nested_values_are_read_a_few_levels_deep_not_refused(tmp_path, name, text):
    """A value nested thousands deep (lists in lists, formats in formats) is no scope list or header:
    it is read a few levels deep and the rest passed over, not refused with "nested too deeply"."""
    write(tmp_path, {name: text})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout)["findings"] == []


def _distinct_secrets(count: int) -> list[str]:
    """``count`` different secret-shaped values (40 letters and digits), the same every run. A random
    one may hold a placeholder word (``xxx``, ``todo``, ``fake``) and is then passed over."""
    import random
    import string

    from scopelint.extractors.recognition.secrets import looks_like_secret

    rng = random.Random(17)
    values: list[str] = []
    while len(values) < count:
        value = f"S{len(values)}" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(38))
        if looks_like_secret(value):
            values.append(value)
    return values


@pytest.mark.parametrize("layout", ["one line", "one per line"])
def test_thousands_of_secrets_in_one_file_are_listed_up_to_the_cap_and_fail_the_gate(tmp_path, layout):
    """Each secret's digest is slow on purpose. 6,000 different ones spent the file's whole time
    budget, so the file would have lost every fact (a real secret hidden among them passed the
    gate); on one line, masking each finding's line over every secret on it took minutes more."""
    items = [{"url": "https://acme.eu-1.celonis.cloud", "client_secret": value} for value in _distinct_secrets(6_000)]
    write(tmp_path, {"clients.json": json.dumps({"clients": items}, indent=None if layout == "one line" else 1)})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert [f["code"] for f in doc["findings"]] == ["SL012"] * limits.MAX_SECRETS
    lines = [f["line"] for f in doc["findings"]]
    # the first 1,000 in the document are listed: one JSON object takes four lines, its secret the third
    first = 1 if layout == "one line" else 4 * limits.MAX_SECRETS + 5
    assert lines == ([1] * limits.MAX_SECRETS if layout == "one line" else list(range(5, first, 4)))
    assert [n["message"] for n in doc["notes"]] == [
        f"5,000 more secrets not listed, the first at line {first:,}: over the limit of 1,000 different values per file"]


def test_a_secret_repeated_past_the_cap_keeps_its_findings(tmp_path):
    """The cap counts different values: one value used again after it is still listed."""
    values = _distinct_secrets(1_001)
    lines = [f'client_secret = "{v}"' for v in values] + [f'client_secret = "{values[0]}"']
    write(tmp_path, {"etl/push.py": 'BASE = "https://acme.eu-1.celonis.cloud"\n' + "\n".join(lines) + "\n"})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    found = [(f[1], f[3]) for f in json_findings(proc)]
    assert len(found) == 1_001 and found[-1] == (1_003, "SL012") and (1_002, "SL012") not in found
    assert [n["message"] for n in json.loads(proc.stdout)["notes"]] == [
        "1 more secrets not listed, the first at line 1,002: over the limit of 1,000 different values per file"]


def test_twenty_thousand_secrets_in_a_python_module_are_read_in_linear_time(tmp_path):
    """Each secret was looked for among all those found before it: 9,000 took 8 s of the budget."""
    lines = [f'api_key = "{v}"' for v in _distinct_secrets(20_000)]
    write(tmp_path, {"etl/keys.py": 'BASE = "https://acme.eu-1.celonis.cloud"\n' + "\n".join(lines) + "\n"})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    assert [(f[1], f[3]) for f in json_findings(proc)] == [(line, "SL012") for line in range(2, 1_002)]
    assert [n["message"] for n in json.loads(proc.stdout)["notes"]] == [
        "19,000 more secrets not listed, the first at line 1,002: over the limit of 1,000 different values per file"]


def test_thousands_of_jobs_sharing_an_anchored_script_are_read_in_linear_time_and_report_it_once(tmp_path):
    """Each job's script was laid out from the anchor's line down to the job's (4,000 jobs: past the
    budget), and each wrote the anchored command's facts again, until the file was over its limit.
    2,000 jobs: read in 1.2 s of CPU on a slow machine, and in more than 9 s by that layout."""
    lines = [".setup: &setup", """  - 'curl -H "Authorization: AppKey $CELONIS_APP_KEY" "$CELONIS_URL/integration/api/pools"'"""]
    for i in range(2_000):
        lines += [f"job{i}:", "  before_script: *setup", "  script:", "    - echo done"]
    write(tmp_path, {".gitlab-ci.yml": "\n".join(lines) + "\n", ".scopelint.toml": "file-timeout = 3\n"})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    assert [(f[1], f[2], f[3]) for f in json_findings(proc)] == [(2, 30, "SL018")]
    assert json.loads(proc.stdout)["notes"] == []

def test_thousands_of_suppressions_are_matched_to_thousands_of_findings_in_linear_time(tmp_path):
    """Each finding was held against every suppression of its file (5,000 of each: 4 s)."""
    lines = [f'u{i} = "http://acme.eu-1.celonis.cloud/api/x{i}"  # scopelint: ignore[SL012] reason' for i in range(5_000)]
    write(tmp_path, {"etl/urls.py": "\n".join(lines) + "\n", ".scopelint.toml": "file-timeout = 3\n"})
    proc = scopelint(tmp_path, "check", "--format", "json", ".", timeout=6)
    codes = [f[3] for f in json_findings(proc)]
    assert codes.count("SL014") == codes.count("SL000") == 5_000


# --- 6. fail closed ---------------------------------------------------------------------------

def test_a_client_file_with_too_many_facts_is_an_error_that_fails_the_gate_and_quiet_shows(tmp_path):
    """One bad client next to 10,000 padding scopes passed a ``--fail-on note`` gate."""
    padding = "".join("      - integration.data-pools:data_push\n" for _ in range(limits.MAX_FACTS))
    write(tmp_path, {"clients.yaml": "oauth_clients:\n  - name: padded\n    scopes:\n" + padding
                     + "  - name: bad\n    scopes: [studioo]\n"})
    proc = scopelint(tmp_path, "check", "-q", "--fail-on", "error", ".")
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0] == (
        "clients.yaml:1:1: SL000 [error] client definition file not linted: 20,004 scopes, calls and other facts, "
        "over the limit of 10,000 per file")


def test_an_unreadable_client_file_stays_visible_when_sl000_is_not_selected(tmp_path):
    write(tmp_path, {"clients.yaml": b"oauth_clients:\n  - name: caf\xe9\n"})
    proc = scopelint(tmp_path, "check", "--select", "SL001", ".")
    assert proc.returncode == 0
    assert ("scopelint: note: clients.yaml: client definition file not linted: not UTF-8 text: invalid byte 0xe9 on "
            "line 2") in proc.stderr.splitlines()


# --- 9. duplicate keys; catalog field types ---------------------------------------------------

@pytest.mark.parametrize("name, text, position, message", [
    ("clients.yaml", "oauth_clients:\n  - name: a\n    name: b\n    scopes: [studio]\n", (3, 5),
     "duplicate key 'name'; first given on line 2"),
    ("clients.json", '{"oauth_clients": [{"name": "a",\n "name": "b", "scopes": ["studio"]}]}', (2, 2),
     "duplicate key 'name'; first given on line 1"),
    ("clients.toml", '[[oauth_clients]]\nname = "a"\nname = "b"\n', (3, 1), "duplicate key 'name'; first given on line 2"),
])
def test_a_duplicate_key_in_a_client_definition_is_sl000_at_the_second_key(tmp_path, name, text, position, message):
    write(tmp_path, {name: text})
    proc = scopelint(tmp_path, "check", "--format", "json", ".")
    assert proc.returncode == 1
    assert [f for f in json_findings(proc) if f[3] == "SL000"] == [(name, *position, "SL000", message)]


@pytest.mark.parametrize("entry, message", [
    ({"name": "x.y", "service": ["a"]}, "cat.yaml: 'x.y': service must be a string, not list"),
    ({"name": "x.y", "description": {"a": 1}}, "cat.yaml: 'x.y': description must be a string, not dict"),
    ({"name": "x.y", "broader": [1]}, "cat.yaml: 'x.y': broader must be a string or a list of strings"),
    ({"name": "x.y", "permission": 3}, "cat.yaml: 'x.y': permission must be a string, not int"),
])
def test_a_catalog_field_of_the_wrong_type_is_an_error_naming_it(tmp_path, entry, message):
    import yaml

    from scopelint import catalog

    (tmp_path / "cat.yaml").write_text(yaml.safe_dump({"scopes": [entry]}))
    with pytest.raises(CatalogError) as caught:
        catalog.shipped().merged(read_extension(tmp_path / "cat.yaml"), "cat.yaml")
    assert str(caught.value) == message


def _inline_pool(monkeypatch, started, chunks):
    """A pool that runs each chunk at once, recording the workers asked for and each chunk's paths."""
    from concurrent.futures import Future

    from scopelint import parallel

    class Inline:
        def __init__(self, max_workers, initializer=None, initargs=()):
            started.append(max_workers)
            monkeypatch.setattr(parallel, "_worker", tuple(initargs[:2]))  # what the initializer gives a worker

        def submit(self, fn, entries, *args):
            entries = pickle.loads(pickle.dumps(entries))  # on its way to a worker, as a real pool sends it
            chunks.append([e.path for e in entries])
            future = Future()
            future.set_result(fn(entries, *args))
            return future

        def shutdown(self, cancel_futures=False):
            pass

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Inline)


def test_big_walked_files_are_spread_over_workers_though_the_walk_learns_no_size(tmp_path, monkeypatch):
    """The walk does not stat files: until the pool starts their sizes are looked up, so a few big
    files still start it and land one per chunk."""
    from scopelint import catalog, discovery, parallel
    from scopelint.config import Config

    started, chunks = [], []
    _inline_pool(monkeypatch, started, chunks)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 8 * 1024 * 1024)
    monkeypatch.chdir(tmp_path)
    padding = "#" * (3 * 1024 * 1024) + "\n"  # 3 MiB each: over a chunk's bytes, three over the pool's
    for i in range(4):
        write(tmp_path, {f"c{i}.yaml": padding + CLIENT})
    entries = [e for e in discovery.walk(["."], ()) if isinstance(e, discovery.Entry)]
    assert [e.size for e in entries] == [discovery.UNKNOWN] * 4
    files, count = parallel.extract(entries, Config(jobs=2, max_file_size=4 * 1024 * 1024), catalog.shipped())
    assert count == 4 and [f.path for f in files] == ["c0.yaml", "c1.yaml", "c2.yaml", "c3.yaml"]
    assert started == [2]
    assert chunks == [["c0.yaml"], ["c1.yaml"], ["c2.yaml"], ["c3.yaml"]]  # the last by the mean: 3 MiB


@pytest.mark.parametrize("sized, explicit", [(False, False), (True, False), (False, True), (True, True)])
def test_a_chunk_reaches_a_worker_as_it_left(tmp_path, sized, explicit):
    """A chunk is pickled as joined strings, not entry by entry: paths with spaces, non-ASCII and
    Windows separators, sizes known or not, files named or walked all come out as they went in."""
    from scopelint import parallel
    from scopelint.discovery import UNKNOWN, Entry

    paths = ["a b/c.py", "ünï/código.yaml", "dir\\win.json", ".env", "x" * 300]
    entries = [Entry(p, str(tmp_path / p), explicit and i % 2 == 0, i * 7 if sized and i != 1 else UNKNOWN)
               for i, p in enumerate(paths)]
    back = pickle.loads(pickle.dumps(parallel.Chunk(entries)))
    assert type(back) is parallel.Chunk and back == entries
    assert [type(e) for e in back] == [Entry] * len(paths)
    assert pickle.loads(pickle.dumps(parallel.Chunk())) == []


def test_once_the_pool_runs_a_file_of_unknown_size_counts_as_the_mean_of_those_before(tmp_path, monkeypatch):
    from scopelint import catalog, parallel
    from scopelint.config import Config
    from scopelint.discovery import UNKNOWN, Entry

    started, chunks = [], []
    _inline_pool(monkeypatch, started, chunks)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 4)
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {f"f{i}.py": "x = 1\n" for i in range(12)})
    # the first four were big (as far as their sizes said): later ones close a chunk every 2 files
    mib = 1024 * 1024
    entries = [Entry(f"f{i}.py", str(tmp_path / f"f{i}.py"), False, mib if i < 4 else UNKNOWN) for i in range(12)]
    parallel.extract(entries, Config(jobs=2, max_file_size=2 * mib), catalog.shipped())
    assert chunks == [["f0.py", "f1.py"], ["f2.py", "f3.py"], ["f4.py", "f5.py"], ["f6.py", "f7.py"],
                      ["f8.py", "f9.py"], ["f10.py", "f11.py"]]
    chunks.clear()
    small = [e._replace(size=10) if i < 4 else e for i, e in enumerate(entries)]  # small ones: by count
    parallel.extract(small, Config(jobs=2, max_file_size=2 * mib), catalog.shipped())
    assert chunks == [["f0.py", "f1.py", "f2.py", "f3.py"], [f"f{i}.py" for i in range(4, 12)]]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_tree_slow_to_read_goes_to_workers_once_reading_it_here_took_too_long(tmp_path, monkeypatch, jobs):
    """Few small files can still be slow (documents of 200,000 values): after ``SERIAL_BUDGET``
    seconds of reading them one after another, the files left are spread over workers, and the
    results come back in discovery order all the same."""
    from scopelint import catalog, discovery, parallel
    from scopelint.config import Config

    started, chunks = [], []
    _inline_pool(monkeypatch, started, chunks)
    write(tmp_path, {f"c{i}.yaml": CLIENT for i in range(10)})
    monkeypatch.chdir(tmp_path)
    entries = [e for e in discovery.walk(["."], ()) if isinstance(e, discovery.Entry)]
    clock = iter(range(100))  # a second per look at the clock: the budget is spent after the first file
    monkeypatch.setattr(parallel.time, "monotonic", lambda: next(clock))
    files, count = parallel.extract(entries, Config(jobs=jobs), catalog.shipped())
    assert count == 10 and [f.path for f in files] == [f"c{i}.yaml" for i in range(10)]
    if jobs == 1:
        assert started == [] and chunks == []
    else:
        assert started == [2]
        assert chunks == [["c1.yaml", "c2.yaml"], ["c3.yaml", "c4.yaml"], ["c5.yaml", "c6.yaml"], ["c7.yaml", "c8.yaml"],
                          ["c9.yaml"]]


def test_a_file_over_the_limit_by_its_size_is_not_read_at_all(tmp_path, monkeypatch):
    (tmp_path / "big.json").write_bytes(b" " * 5000)
    reads = []
    real_read = os.read
    monkeypatch.setattr(inputs.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(inputs.TooLarge, match=r"over the size limit of 4,999 bytes \(max-file-size\)") as caught:
        inputs.read_bytes(tmp_path / "big.json", 4999, "max-file-size", head=False)
    assert (caught.value.size, caught.value.head, reads) == (5000, b"", [])


def test_big_files_are_spread_over_workers_even_when_they_are_few(tmp_path, monkeypatch):
    """100 large files ran one after another: the pool starts by size as well as by count."""
    from scopelint import catalog, parallel
    from scopelint.config import Config
    from scopelint.discovery import Entry

    started, chunks = [], []
    _inline_pool(monkeypatch, started, chunks)
    monkeypatch.chdir(tmp_path)
    for i in range(4):
        write(tmp_path, {f"c{i}.yaml": CLIENT})
    big = 9 * 1024 * 1024  # as the walk reported them: 9 MiB each, 36 MiB in all
    entries = [Entry(f"c{i}.yaml", str(tmp_path / f"c{i}.yaml"), False, big) for i in range(4)]
    files, count = parallel.extract(entries, Config(jobs=2, max_file_size=2 * big), catalog.shipped())
    assert count == 4 and [f.path for f in files] == ["c0.yaml", "c1.yaml", "c2.yaml", "c3.yaml"]
    assert started == [2]
    assert chunks == [["c0.yaml"], ["c1.yaml"], ["c2.yaml"], ["c3.yaml"]]  # each over a chunk's bytes: one each



def test_a_small_file_importing_from_large_modules_is_read_within_its_budget(tmp_path):
    """Reading the values a file imports was charged to that file: a 1 KB script importing a name from
    each of twelve generated modules of 1 MB spent its budget tokenising them, and its secret was lost.
    What one file's reading takes in from other modules is bounded; past it, their values are not known."""
    module = "".join(f"export const V{i} = {{ a: 'x{i}', b: [1, 2, 3], c: {{ d: 'y' }} }};\n" for i in range(16_000))
    files = {f"src/m{m}.js": module + f"export const URL{m} = 'https://acme.eu-1.celonis.cloud/integration/api/pools';\n"
             for m in range(12)}
    files["src/a.js"] = ("".join(f"import {{ URL{m} }} from './m{m}';\n" for m in range(12))
                         + 'const CELONIS_CLIENT_SECRET = "Zq8vR2mN5tLpX7wK9yB3cF6hJ4dS1aGe";\n'
                         + "".join(f"fetch(URL{m}, {{ headers: {{ Authorization: 'AppKey ' + CELONIS_CLIENT_SECRET }} }});\n"
                                   for m in range(12)))
    write(tmp_path, {**files, ".scopelint.toml": "file-timeout = 3\n"})
    proc = scopelint(tmp_path, "check", "--format", "json", "src/a.js")
    assert json.loads(proc.stdout)["notes"] == []
    assert [(f[0], f[1], f[3]) for f in json_findings(proc) if f[3] == "SL012"] == [("src/a.js", 13, "SL012")]
