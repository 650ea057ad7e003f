"""``lazy_re.compile``: a pattern compiled on first use answers as the compiled pattern does, and
every pattern of the package compiles (a mistake in one would otherwise surface only when a file of
its kind is read)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from scopelint import lazy_re

ROOT = Path(__file__).resolve().parent.parent


def test_it_compiles_when_first_asked_and_answers_as_re_does():
    text = "client_id=abc; scope=studio integration.data-pools"
    deferred, compiled = lazy_re.compile(r"(\w+)=([^;]+)", re.I), re.compile(r"(\w+)=([^;]+)", re.I)
    assert "search" not in vars(deferred)  # nothing compiled yet
    assert deferred.search(text).groups() == compiled.search(text).groups() == ("client_id", "abc")
    assert "search" in vars(deferred)  # from now on the compiled pattern's own method, without a look-up
    assert [m.span() for m in deferred.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert deferred.sub(r"\1", text) == compiled.sub(r"\1", text) == "client_id; scope"
    assert deferred.match(text, 15).group(1) == "scope"
    assert deferred.fullmatch("a=b").groups() == ("a", "b")
    assert deferred.split(text) == compiled.split(text)
    assert (deferred.pattern, deferred.flags, deferred.groups) == (compiled.pattern, compiled.flags, 2)
    # a match's pattern is the compiled one: compare patterns by their text, not by identity
    assert deferred.search(text).re is not deferred and deferred.search(text).re.pattern is deferred.pattern


def test_a_bad_pattern_fails_when_used_as_re_compile_would():
    deferred = lazy_re.compile(r"(unclosed")
    try:
        deferred.search("x")
    except re.error as exc:
        assert "missing )" in str(exc)
    else:
        raise AssertionError("a pattern that does not compile matched")


def test_every_pattern_of_the_package_compiles():
    """Each module imported with ``lazy_re.compile`` made eager: a pattern that does not compile stops
    its module's import, as it did before patterns were deferred."""
    script = (
        "import pkgutil, importlib, re, sys\n"
        "import scopelint, scopelint.lazy_re as lazy\n"
        "made = []\n"
        "def eager(pattern, flags=0):\n"
        "    made.append(pattern)\n"
        "    return re.compile(pattern, flags)\n"
        "lazy.compile = eager\n"
        "for info in pkgutil.walk_packages(scopelint.__path__, 'scopelint.'):\n"
        "    importlib.import_module(info.name)\n"
        "importlib.import_module('scopelint.extractors.python.sdk_map').sdk_map()\n"
        "print(len(made))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 200  # the package's module-level patterns (about 220): all were compiled
