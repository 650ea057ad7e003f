"""Property: whatever text ends up in a finding (client, scope, path, message, hint, source line, a
note) or in a reviewed client (its name and scopes), every output format writes valid UTF-8, the
JSON formats parse, SARIF stays schema-valid, and a baseline written from it reads back whole.
The text includes lone surrogates, control characters, backticks, HTML and Markdown syntax."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scopelint import baseline
from scopelint.catalog import shipped
from scopelint.cli import _emit, main
from scopelint.findings import Finding, Location
from scopelint.linter import Result
from scopelint.reporters import Context, render

# every code point, surrogates included, weighted towards the troublesome ones
ODD = st.sampled_from(["\ud800", "\udfff", "\udc80", "\x00", "\x1b[31m", "\r\n", "\u2028", "``", "<img src=x>", "|", "%",
                       "::", ",", "\\", '"', "\ufeff", "\U0001f600"])
TEXT = st.lists(st.one_of(st.characters(codec=None, exclude_categories=()), ODD), max_size=12).map("".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _utf8(data: bytes) -> str:
    text = data.decode("utf-8")  # strict
    assert not re.search("[\ud800-\udfff]", text)
    return text


def _no_surrogates(value: object) -> None:
    if isinstance(value, str):
        value.encode("utf-8")  # strict: a decoded lone surrogate escape would fail here
    elif isinstance(value, dict):
        for k, v in value.items():
            _no_surrogates(k)
            _no_surrogates(v)
    elif isinstance(value, list):
        for v in value:
            _no_surrogates(v)


@st.composite
def results(draw) -> Result:
    findings = []
    for code in draw(st.lists(st.sampled_from(["SL001", "SL004", "SL012", "SL014", "SL017"]), min_size=1, max_size=3)):
        loc = Location(draw(TEXT) or "x", draw(st.integers(1, 50)), draw(st.integers(1, 80)))
        findings.append(Finding(loc, code, draw(TEXT), name="rule", level=draw(st.sampled_from(["error", "warning", "note"])),
                                client=draw(st.none() | TEXT), scope=draw(st.none() | TEXT), hint=draw(st.none() | TEXT),
                                key=draw(TEXT), snippet=draw(TEXT)))
    notes = [(draw(TEXT), draw(TEXT)) for _ in range(draw(st.integers(0, 2)))]
    return Result(sorted(findings), [], notes, [], len(findings), shipped())


@SETTINGS
@given(result=results())
def test_every_check_format_writes_valid_utf8_and_json(tmp_path, result):
    from tools.sarif_tools import schema_errors

    for fmt in ("text", "json", "sarif", "github"):
        for color in (False, True) if fmt == "text" else (False,):
            target = tmp_path / f"out.{fmt}"
            _emit(render(fmt, result, Context(color=color)), str(target))
            text = _utf8(target.read_bytes())
            if fmt in ("json", "sarif"):
                doc = json.loads(text)
                _no_surrogates(doc)
                if fmt == "json":
                    assert len(doc["findings"]) == len(result.findings)
                else:
                    assert len(doc["runs"][0]["results"]) == len(result.findings)
                    assert schema_errors(doc) == []
            if fmt == "github":  # one workflow command per finding, then the summary: no line break leaks
                assert "\r" not in text and len(text.rstrip("\n").split("\n")) == len(result.findings) + 1


@SETTINGS
@given(result=results())
def test_the_baseline_writer_round_trips_any_text(tmp_path, result):
    path = tmp_path / "baseline.json"
    path.write_text("old")
    baseline.save(str(path), result.findings)
    doc = json.loads(_utf8(path.read_bytes()))
    _no_surrogates(doc)
    assert sorted(baseline.load(str(path)).elements()) == sorted(f.fingerprint for f in result.findings)
    assert os.listdir(tmp_path) == ["baseline.json"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=TEXT.filter(lambda s: s.strip() != ""), scope=TEXT)
def test_every_review_format_writes_valid_utf8_for_any_client_name(tmp_path, name, scope):
    (tmp_path / "clients.json").write_text(
        json.dumps({"oauth_clients": [{"name": name, "scopes": ["studio", scope]}]}), encoding="ascii")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        for fmt in ("markdown", "html", "json"):
            target = Path(tmp_path / f"review.{fmt}")
            out = CliRunner().invoke(main, ["review", "--format", fmt, "-o", str(target), "clients.json"])
            assert "Traceback" not in out.output and out.exit_code in (0, 1, 2), out.output
            if out.exit_code == 2:  # a name the definition reader refuses (SL000) is a usage message
                assert out.stderr.startswith("scopelint: error: clients.json: no OAuth client definition found")
                break
            text = _utf8(target.read_bytes())
            if fmt == "json":
                doc = json.loads(text)
                _no_surrogates(doc)
                assert len(doc["clients"]) == 1
    finally:
        os.chdir(cwd)
