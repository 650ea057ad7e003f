"""Hostile and odd input on the output and command-line side: every selection and limit checked,
every report encodable whatever it holds, every file written atomically, Ctrl-C answered with 130,
paths that cannot be looked at refused with a message, no credential of a URL printed, and no
client name able to escape a Markdown code span. Files are generated here, never committed."""
from __future__ import annotations

import errno
import json
import multiprocessing
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from scopelint import config as config_mod
from scopelint import limits, output, parallel
from scopelint.cli import main
from scopelint.extractors.recognition.urls import REDACTED_PARAMS, strip_secrets

BAD = "oauth_clients:\n  - name: beside\n    scopes: [integration.datapools]\n"  # SL001 at 3:14
TEAM = "https://acme.eu-1.celonis.cloud"
PYTHON = [sys.executable, "-c", "from scopelint.cli import main; main()"]


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / os.fsdecode(name) if isinstance(name, bytes) else root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def invoke(root: Path, *args: str):
    cwd = os.getcwd()
    os.chdir(root)
    try:
        out = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(cwd)
    assert "Traceback" not in out.output and (out.exception is None or isinstance(out.exception, SystemExit)), out.output
    return out


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The real program: real stdout bytes, real exit code."""
    return subprocess.run([*PYTHON, *args], cwd=root, capture_output=True, timeout=300)


# --- 8: selections and limits ------------------------------------------------------------------


@pytest.mark.parametrize("args, files", [
    (["--select", ","], {}),
    (["--select", " , ,"], {}),
    ([], {".scopelint.toml": "select = []\n"}),
    ([], {".scopelint.toml": 'select = ","\n'}),
    ([], {".scopelint.yaml": "select: ''\n"}),
    ([], {"pyproject.toml": "[tool.scopelint]\nselect = []\n"}),
], ids=["cli-comma", "cli-blanks", "toml-empty-list", "toml-comma", "yaml-empty", "pyproject-empty"])
def test_an_empty_selection_is_a_usage_error(tmp_path, args, files):
    write(tmp_path, {"clients.yaml": BAD, **files})
    out = invoke(tmp_path, "check", *args, ".")
    assert out.exit_code == 2
    assert out.stdout == ""
    assert re.fullmatch(r"scopelint: error: .*no rule code given, so no rule would run.*\n", out.stderr), out.stderr
    assert ("--select" if args else "'select'") in out.stderr
    # the same tree with the selection left out has its finding: an empty selection was switching it off
    (tmp_path / next(iter(files), "none")).unlink(missing_ok=True)
    assert "clients.yaml:3:14: SL001" in invoke(tmp_path, "check", ".").stdout


LIMIT_CASES = [
    ("file-timeout = 1e-300", "file-timeout"), ("file-timeout = 0.01", "file-timeout"),
    ("file-timeout = inf", "file-timeout"), ("file-timeout = -inf", "file-timeout"), ("file-timeout = nan", "file-timeout"),
    ("file-timeout = 86400", "file-timeout"), ("file-timeout = true", "file-timeout"), ('file-timeout = "10"', "file-timeout"),
    ("max-depth = 1", "max-depth"), ("max-depth = -5", "max-depth"), ("max-depth = 100000", "max-depth"),
    ("max-depth = 20.0", "max-depth"), ("max-depth = inf", "max-depth"), ("max-depth = [500]", "max-depth"),
    ("max-file-size = 12345678901234567890", "max-file-size"), ("max-file-size = -1", "max-file-size"),
    ("max-file-size = 1e9", "max-file-size"), ("max-file-size = nan", "max-file-size"), ("max-file-size = 999", "max-file-size"),
    ("max-file-size = {a = 1}", "max-file-size"),
]


def _range(key: str) -> tuple[str, str]:
    low, high = config_mod.BOUNDS[key][2]
    return config_mod._num(low), config_mod._num(high)


@pytest.mark.parametrize("line, key", LIMIT_CASES, ids=[c[0] for c in LIMIT_CASES])
def test_a_limit_out_of_its_range_is_a_usage_error_stating_the_range(tmp_path, line, key):
    write(tmp_path, {".scopelint.toml": line + "\n", "clients.yaml": BAD})
    out = invoke(tmp_path, "check", ".")
    low, high = _range(key)
    assert out.exit_code == 2, out.output
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("scopelint: error: ")
    assert f"{key!r} must be a " in out.stderr and f" from {low} to {high}, not " in out.stderr, out.stderr


@pytest.mark.parametrize("text, key", [
    ("max-file-size: 123456789012345678901234567890\n", "max-file-size"),
    ("file-timeout: .nan\n", "file-timeout"), ("file-timeout: .inf\n", "file-timeout"), ("max-depth: '500'\n", "max-depth"),
])
def test_yaml_limits_are_checked_the_same_way(tmp_path, text, key):
    write(tmp_path, {".scopelint.yaml": text, "clients.yaml": BAD})
    out = invoke(tmp_path, "check", ".")
    low, high = _range(key)
    assert out.exit_code == 2 and f"{key!r} must be a " in out.stderr and f"from {low} to {high}" in out.stderr, out.stderr


def test_each_bound_is_stated_next_to_its_default():
    assert config_mod.BOUNDS["max-depth"][2] is limits.MAX_DEPTH_RANGE
    assert config_mod.BOUNDS["file-timeout"][2] is limits.FILE_TIMEOUT_RANGE
    assert config_mod.BOUNDS["max-file-size"][2] is config_mod.MAX_FILE_SIZE_RANGE
    defaults = config_mod.Config()
    for key, (attr, _whole, (low, high), _unit) in config_mod.BOUNDS.items():
        assert low <= getattr(defaults, attr) <= high, key


@pytest.mark.parametrize("line", ["file-timeout = 0.1", "file-timeout = 3600", "max-depth = 10", "max-depth = 1000",
                                  "max-file-size = 1000", "max-file-size = 1073741824"])
def test_limits_at_the_ends_of_their_range_are_accepted(tmp_path, line):
    write(tmp_path, {".scopelint.toml": line + "\n", "clients.yaml": BAD})
    out = invoke(tmp_path, "check", ".")
    assert out.exit_code == 1 and "clients.yaml:3:14: SL001" in out.stdout, out.output


# --- 10: lone surrogates and non-UTF-8 file names ---------------------------------------------

ODD_NAME = b"clients-\xff\xfe.json"


def odd_tree(root: Path) -> None:
    write(root, {
        "clients.json": '{"oauth_clients": [{"name": "pay\\ud800roll", "scopes": ["studio", "x\\udc80y"]}]}\n',
        "etl/push.py": 'import requests\nrequests.post("https://acme.eu-1.celonis.cloud/oauth2/token", '
                       'data={"scope": "studio\\udc80", "grant_type": "client_credentials"})\n',
        ODD_NAME: '{"oauth_clients": [{"name": "odd", "scopes": ["nope.scope"]}]}\n',  # type: ignore[dict-item]
    })


def _decoded(data: bytes) -> str:
    text = data.decode("utf-8")  # strict: raises on anything that is not UTF-8
    assert not re.search("[\ud800-\udfff]", text)
    return text


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_lone_surrogates_and_odd_file_names_survive_every_check_format(tmp_path, fmt):
    odd_tree(tmp_path)
    proc = run(tmp_path, "check", "--format", fmt, ".")
    assert proc.returncode == 1, proc.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in proc.stderr
    text = _decoded(proc.stdout)
    proc_o = run(tmp_path, "check", "--format", fmt, "-o", "report.out", ".")
    assert proc_o.returncode == 1 and proc_o.stdout == b""
    assert _decoded((tmp_path / "report.out").read_bytes()) == text
    if fmt in ("json", "sarif"):
        doc = json.loads(text)
        if fmt == "json":
            found = {(f["path"], f["code"], f["scope"], f["client"]) for f in doc["findings"]}
            assert ("clients.json", "SL001", "x\\udc80y", "pay\\ud800roll") in found
            assert ("clients-\\udcff\\udcfe.json", "SL001", "nope.scope", "odd") in found
        else:
            from tools.sarif_tools import schema_errors

            assert schema_errors(doc) == []
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
            assert "clients-%FF%FE.json" in uris  # the file's own bytes, percent-encoded
    else:
        assert "x\\udc80y" in text and "pay\\ud800roll" in text and "clients-\\udcff\\udcfe.json" in text


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
@pytest.mark.parametrize("file", ["clients.json", ODD_NAME], ids=["surrogate-values", "odd-name"])
def test_lone_surrogates_and_odd_file_names_survive_every_review_format(tmp_path, fmt, file):
    odd_tree(tmp_path)
    name = os.fsdecode(file) if isinstance(file, bytes) else file
    proc = run(tmp_path, "review", "--format", fmt, name)
    assert proc.returncode in (0, 1) and b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    text = _decoded(proc.stdout)
    assert run(tmp_path, "review", "--format", fmt, "-o", "review.out", name).returncode == proc.returncode
    assert _decoded((tmp_path / "review.out").read_bytes()) == text
    if fmt == "json":
        doc = json.loads(text)
        assert doc["verdict"] == ("reject" if proc.returncode else "approve with changes")
        assert doc["file"] == ("clients.json" if file == "clients.json" else "clients-\\udcff\\udcfe.json")
        assert doc["clients"][0]["name"] == ("pay\\ud800roll" if file == "clients.json" else "odd")
    else:
        assert ("pay\\ud800roll" if file == "clients.json" else "clients-\\udcff\\udcfe.json") in text


ESC_NAME = "clients-\x1b[2J\x1b[32mclean\u202e.json"


def test_names_and_values_cannot_drive_the_terminal(tmp_path, monkeypatch):
    """A file name or a value with an escape sequence or a bidirectional override is written as
    escapes in the text report (plain and coloured) and on stderr: it cannot clear the screen,
    set the window title or recolour a line."""
    from scopelint.linter import run as lint_run
    from scopelint.reporters import Context, render

    (tmp_path / ESC_NAME).write_text('{"oauth_clients": [{"name": "x", "scopes": ["studio\\u001b[0m"]}]}\n')
    (tmp_path / "bad\x1b]0;title\x07.yaml").write_text("oauth_clients: [unclosed\n")
    proc = run(tmp_path, "check", "--format", "text", ".")
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert proc.returncode == 1, err
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", out + err)
    assert "clients-\\x1b[2J\\x1b[32mclean\\u202e.json:" in out
    assert "studio\\x1b[0m" in out
    assert "bad\\x1b]0;title\\x07.yaml:" in out
    monkeypatch.chdir(tmp_path)
    coloured = render("text", lint_run(["."]), Context(color=True))
    ours = re.compile("\x1b\\[[0-9;]*m")  # the report's own colours
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", ours.sub("", coloured))
    assert "clients-\\x1b[2J\\x1b[32mclean\\u202e.json" in coloured


def test_write_baseline_with_surrogates_writes_a_valid_baseline_that_matches(tmp_path):
    odd_tree(tmp_path)
    (tmp_path / "base.json").write_text('{"version": 1, "findings": []}\n')
    proc = run(tmp_path, "check", "--write-baseline", "base.json", ".")
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr
    doc = json.loads(_decoded((tmp_path / "base.json").read_bytes()))
    assert {(e["path"], e["scope"]) for e in doc["findings"] if e["code"] == "SL001"} >= {
        ("clients.json", "x\\udc80y"), ("clients-\\udcff\\udcfe.json", "nope.scope")}
    again = run(tmp_path, "check", "--format", "json", "--baseline", "base.json", ".")
    assert again.returncode == 0 and json.loads(again.stdout)["findings"] == []


def test_a_secret_holding_a_surrogate_is_still_found(tmp_path):
    write(tmp_path, {"etl/pools.py": 'import requests\n'
                                     'requests.get("https://acme.eu-1.celonis.cloud/api?password=Zq8wX2vN5mK7\\udc80pL9rT4")\n'})
    proc = run(tmp_path, "check", "--format", "json", ".")
    doc = json.loads(_decoded(proc.stdout))
    assert [(f["path"], f["line"], f["code"], f["message"]) for f in doc["findings"] if f["code"] == "SL013"] == [
        ("etl/pools.py", 2, "SL013", "password in the query string of a URL ('password')")]
    assert "Zq8wX2vN5mK7" not in proc.stdout.decode() and doc["notes"] == []


# --- 11: atomic writes ---------------------------------------------------------------------------


def test_write_atomic_replaces_the_file_keeping_its_mode(tmp_path):
    target = tmp_path / "report.sarif"
    target.write_text("old\n")
    target.chmod(0o640)
    output.write_atomic(str(target), "new \ud800\n")
    assert target.read_bytes() == b"new \\ud800\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.sarif"]  # no temporary file left


def test_write_atomic_creates_new_files_with_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        output.write_atomic(str(tmp_path / "new.json"), "{}\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_write_atomic_writes_through_a_symbolic_link(tmp_path):
    (tmp_path / "real.json").write_text("old")
    (tmp_path / "link.json").symlink_to("real.json")
    output.write_atomic(str(tmp_path / "link.json"), "new")
    assert (tmp_path / "link.json").is_symlink() and (tmp_path / "real.json").read_text() == "new"


def test_output_to_a_device_is_written_not_replaced(tmp_path):
    """``-o /dev/stdout`` and ``-o /dev/null`` still work: there is no file to replace."""
    write(tmp_path, {"clients.yaml": BAD})
    proc = run(tmp_path, "check", "--format", "json", "-o", "/dev/stdout", ".")
    assert proc.returncode == 1 and json.loads(proc.stdout)["findings"][0]["code"] == "SL001"
    assert run(tmp_path, "check", "-o", "/dev/null", ".").returncode == 1
    assert Path("/dev/null").is_char_device()


def _disk_full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("args, target", [
    (["check", "--write-baseline", "base.json", "."], "base.json"),
    (["check", "--format", "sarif", "-o", "base.json", "."], "base.json"),
    (["review", "--format", "html", "-o", "base.json", "clients.yaml"], "base.json"),
], ids=["write-baseline", "check-output", "review-output"])
def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch, args, target):
    """A full disk at the last step (fsync) before the rename: the old file is untouched, the
    temporary file removed, and the run says why (exit 2)."""
    write(tmp_path, {"clients.yaml": BAD})
    old = json.dumps({"version": 1, "findings": [{"fingerprint": "f" * 32}]}, indent=2).encode() * 50
    (tmp_path / target).write_bytes(old)
    monkeypatch.setattr(output.os, "fsync", _disk_full)
    out = invoke(tmp_path, *args)
    assert out.exit_code == 2, out.output
    assert re.search(r"cannot write .*'base.json': No space left on device", out.stderr), out.stderr
    assert (tmp_path / target).read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["base.json", "clients.yaml"]


def test_write_baseline_never_truncates_before_the_content_is_known(tmp_path, monkeypatch):
    """Rendering fails (as an encoding error did): nothing on disk has changed yet."""
    write(tmp_path, {"clients.yaml": BAD, "base.json": '{"version": 1, "findings": []}\n'})
    before = (tmp_path / "base.json").read_bytes()

    def broken(_findings):
        raise OSError(errno.EIO, "cannot render")

    monkeypatch.setattr("scopelint.baseline.dumps", broken)
    out = invoke(tmp_path, "check", "--write-baseline", "base.json", ".")
    assert out.exit_code == 2 and (tmp_path / "base.json").read_bytes() == before


def _writer(args: tuple[str, int]) -> None:
    path, n = args
    body = json.dumps({"writer": n, "pad": [n] * 200_000})
    for _ in range(15):
        output.write_atomic(path, body)


def test_concurrent_writers_never_interleave(tmp_path):
    target = str(tmp_path / "baseline.json")
    with multiprocessing.get_context("fork").Pool(4) as pool:
        pool.map(_writer, [(target, n) for n in range(4)])
    doc = json.loads(Path(target).read_text())  # one whole document, from one writer
    assert doc["pad"] == [doc["writer"]] * 200_000
    assert os.listdir(tmp_path) == ["baseline.json"]


# --- 12: Ctrl-C ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["check", "."], ["check", "--format", "sarif", "."], ["suggest", "."],
                                     ["review", "clients.yaml"]])
def test_ctrl_c_exits_130_with_one_line(tmp_path, monkeypatch, command):
    write(tmp_path, {"clients.yaml": BAD})

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("scopelint.linter.run", interrupted)
    monkeypatch.setattr("scopelint.review.run", interrupted)
    out = invoke(tmp_path, *command)
    assert out.exit_code == 130
    assert out.stderr == "scopelint: interrupted\n" and out.stdout == ""


def test_ctrl_c_during_a_parallel_run_exits_130_at_once(tmp_path):
    """SIGINT to the whole process group (what a terminal's Ctrl-C does) while worker processes read
    files: exit 130 within seconds, one line on stderr, no traceback from any process."""
    line = f'fetch("{TEAM}/integration/api/pools/" + id, {{method: "POST"}});\n'
    write(tmp_path, {f"svc{i // 100}/m{i}.js": line * 150 for i in range(parallel.PARALLEL_MIN_FILES + 200)})
    err = tmp_path.parent / f"{tmp_path.name}.stderr"
    with open(err, "wb") as sink:
        proc = subprocess.Popen([*PYTHON, "check", "-j", "2", "."], cwd=tmp_path, stdout=subprocess.DEVNULL,
                                stderr=sink, start_new_session=True)
        try:
            deadline = time.monotonic() + 120
            children: list[str] = []
            while time.monotonic() < deadline and len(children) < 2 and proc.poll() is None:
                try:
                    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
                except OSError:
                    pass
                time.sleep(0.05)
            assert len(children) == 2, "the workers never started"
            time.sleep(0.5)
            os.killpg(proc.pid, signal.SIGINT)
            started = time.monotonic()
            assert proc.wait(timeout=60) == 130
            assert time.monotonic() - started < 30
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
    assert err.read_text() == "scopelint: interrupted\n"
    for pid in children:  # the workers are gone too
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]


# --- 13: paths config discovery cannot look at ---------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["check", "--format", "json"], ["suggest"], ["review"]])
def test_an_explicit_symlink_loop_is_a_usage_error(tmp_path, command):
    (tmp_path / "loop").symlink_to("loop")
    out = invoke(tmp_path, *command, "loop")
    assert out.exit_code == 2
    assert out.stderr == "scopelint: error: loop: cannot look for a configuration file there: symbolic link loop\n"


def test_a_file_in_a_folder_without_search_permission_is_a_usage_error(tmp_path, monkeypatch):
    """As root, permissions do not stop anything: the refusal the kernel would give is simulated."""
    write(tmp_path, {"locked/clients.yaml": BAD})
    real_stat = Path.stat

    def stat_(self, *args, **kwargs):
        if "locked" in self.parts:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat_)
    for command in (["check"], ["review"]):
        out = invoke(tmp_path, *command, "locked/clients.yaml")
        assert out.exit_code == 2
        assert out.stderr == ("scopelint: error: locked/clients.yaml: cannot look for a configuration file there: "
                              "Permission denied\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root is not stopped by permissions")
def test_a_folder_without_the_x_bit_is_a_usage_error(tmp_path):  # pragma: no cover - non-root only
    write(tmp_path, {"locked/clients.yaml": BAD})
    (tmp_path / "locked").chmod(0o600)
    try:
        out = invoke(tmp_path, "check", "locked/clients.yaml")
    finally:
        (tmp_path / "locked").chmod(0o700)
    assert out.exit_code == 2 and "Permission denied" in out.stderr


# --- 14: credentials in URLs --------------------------------------------------------------------

USER_SECRET = "Ux7kQ2mW9pZ4rT6y"
PASSWORD = "Pq3vN8bL5hJ2sD7g"


@pytest.mark.parametrize("url, shown", [
    (f"https://id:{USER_SECRET}@host.example/oauth2/token", "https://***@host.example/oauth2/token"),
    (f"https://{USER_SECRET}@host.example/x", "https://***@host.example/x"),
    (f"{TEAM}/api?password={PASSWORD}&page=2", f"{TEAM}/api?password=***&page=2"),
    (f"{TEAM}/api?page=2&x-api-key={PASSWORD}#access_token={USER_SECRET}", f"{TEAM}/api?page=2&x-api-key=***#access_token=***"),
    (f"message 'http://a.celonis.cloud/?sig={PASSWORD}' and {TEAM}/?Client_Secret={USER_SECRET};",
     f"message 'http://a.celonis.cloud/?sig=***' and {TEAM}/?Client_Secret=***;"),
    (f"{TEAM}/api?scope=studio&grant_type=client_credentials", f"{TEAM}/api?scope=studio&grant_type=client_credentials"),
])
def test_strip_secrets_hides_userinfo_and_secret_named_parameters(url, shown):
    assert strip_secrets(url) == shown


@pytest.mark.parametrize("name", sorted({"password", "passwd", "pwd", "secret", "client_secret", "token", "access_token",
                                         "refresh_token", "api_key", "apikey", "api_token", "app_key", "appkey", "key",
                                         "sig", "signature", "id_token", "celonis_api_token", "X-Amz-Signature"}))
def test_every_secret_named_parameter_is_hidden(name):
    assert strip_secrets(f"{TEAM}/x?a=1&{name}={PASSWORD}&b=2") == f"{TEAM}/x?a=1&{name}=***&b=2"
    assert {"password", "passwd", "pwd", "secret", "key", "sig", "signature"} <= REDACTED_PARAMS


URL_FILES = {
    "etl/token.py": "import requests\n"
                    f'requests.post("https://id:{USER_SECRET}@acme.eu-1.celonis.cloud/oauth2/tokens?password={PASSWORD}",\n'
                    '              data={"grant_type": "client_credentials", "scope": "studio"})\n',
    "web/pools.js": f'fetch("http://id:{USER_SECRET}@acme.eu-1.celonis.cloud/integration/api/pools?password={PASSWORD}&sig={PASSWORD}x");\n',
    "clients.yaml": "oauth_clients:\n  - name: etl\n    scopes: [studio]\n"
                    f"    redirect_uris: ['https://app.example/cb?token={PASSWORD}y']\n",
}


@pytest.mark.parametrize("args", [["check", "--format", f] for f in ("text", "json", "sarif", "github")]
                         + [["review", "--format", f, "clients.yaml", "--code", "etl", "--code", "web"]
                            for f in ("markdown", "html", "json")])
def test_no_url_credential_is_printed_in_any_format(tmp_path, args):
    write(tmp_path, URL_FILES)
    out = invoke(tmp_path, *args)
    assert out.exit_code == 1, out.output
    for secret in (USER_SECRET, PASSWORD):
        assert secret[:10] not in out.output, args
    if args[0] == "check" and args[2] == "json":
        doc = json.loads(out.stdout)
        got = {(f["path"], f["line"], f["code"], f["message"]) for f in doc["findings"] if f["code"] in ("SL013", "SL014")}
        assert got == {
            ("etl/token.py", 2, "SL014", "token URL 'https://***@acme.eu-1.celonis.cloud/oauth2/tokens' is not "
                                         "https://<team>.<realm>.celonis.cloud/oauth2/token"),
            ("etl/token.py", 2, "SL013", "password in the user-info (user:password@) of a URL"),
            ("etl/token.py", 2, "SL013", "password in the query string of a URL ('password')"),
            ("web/pools.js", 1, "SL014", "Celonis URL over plain HTTP: 'http://***@acme.eu-1.celonis.cloud/"
                                         "integration/api/pools?password=***&sig=***'"),
            ("web/pools.js", 1, "SL013", "password in the user-info (user:password@) of a URL"),
            ("web/pools.js", 1, "SL013", "password in the query string of a URL ('password')"),
        }


def test_source_lines_shown_in_colour_hide_url_credentials(tmp_path, monkeypatch):
    write(tmp_path, URL_FILES)
    monkeypatch.chdir(tmp_path)
    from scopelint.config import Config
    from scopelint.linter import run as lint_run

    result = lint_run(["."], Config())
    snippets = [f.snippet for f in result.findings if f.loc.path in ("etl/token.py", "web/pools.js")]
    assert snippets and all(USER_SECRET not in s and PASSWORD not in s for s in snippets)
    assert any("https://***@acme" in s for s in snippets)


# --- 16: Markdown code spans ---------------------------------------------------------------------


def code_spans(markdown: str) -> tuple[list[str], str]:
    """CommonMark inline code: (the contents of every code span, the text outside them), with
    backslash escapes outside spans resolved to ``\\x00`` + the character."""
    spans, outside, i = [], [], 0
    while i < len(markdown):
        ch = markdown[i]
        if ch == "\\" and i + 1 < len(markdown) and markdown[i + 1] in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~":
            outside.append("\x00" + markdown[i + 1])
            i += 2
            continue
        if ch == "`":
            run = re.match("`+", markdown[i:]).group()
            close = re.compile(rf"(?<!`){run}(?!`)")
            found = close.search(markdown, i + len(run))
            if found:
                content = markdown[i + len(run):found.start()].replace("\n", " ")
                if content.startswith(" ") and content.endswith(" ") and content.strip():
                    content = content[1:-1]
                spans.append(content)
                i = found.end()
                continue
            outside.append(run)
            i += len(run)
            continue
        outside.append(ch)
        i += 1
    return spans, "".join(outside)


HOSTILE_NAMES = ["x``<img src=x onerror=alert(1)>``y", "`<b>bold</b>`", "a```b````c", "``", "trailing`",
                 "<script>alert(1)</script>", "pipe | <i>"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_client_name_never_leaves_its_code_span(tmp_path, name):
    write(tmp_path, {"clients.json": json.dumps({"oauth_clients": [{"name": name, "scopes": ["studio"]}]})})
    out = invoke(tmp_path, "review", "clients.json")
    assert out.exit_code in (0, 1), out.output
    spans, outside = code_spans(out.stdout)
    assert re.sub(r"\\\|", "|", name.replace("|", "\\|")) in [s.replace("\\|", "|") for s in spans]
    assert "<" not in outside.replace("\x00<", ""), outside  # HTML outside code spans is escaped
    heading = next(line for line in out.stdout.splitlines() if line.startswith("## "))
    assert heading.endswith(": approve with changes") or heading.endswith(": reject")


def test_values_from_a_catalog_extension_are_escaped_outside_code_spans(tmp_path):
    write(tmp_path, {
        "extra.yaml": "version: 1\nscopes:\n  - name: acme.reports\n    description: <img src=x onerror=alert(1)>\n"
                      "    risk: high\n    category: read\n",
        "clients.yaml": "oauth_clients:\n  - name: etl\n    scopes: [acme.reports]\n",
    })
    out = invoke(tmp_path, "review", "clients.yaml")
    _spans, outside = code_spans(out.stdout)
    assert "<img" not in outside.replace("\x00<", "")
