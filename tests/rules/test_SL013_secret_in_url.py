"""SL013 secret-in-url: a secret in a URL query string, in code and in shell scripts, never printed."""
from __future__ import annotations

import pytest
from tests.conftest import selected

TOKEN = "Zk29fj3LQm8XwP4tR7vN2bYh"

PYTHON = f'''
    import requests


    def audit() -> dict:
        url = "https://acme.eu-1.celonis.cloud/log/api/external/audit?access_token={TOKEN}"
        return requests.get(url).json()
    '''

SHELL = f"""
    #!/bin/sh
    set -eu
    curl -fsS "https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models/km/kpis?api_key={TOKEN}"
    """


@pytest.mark.parametrize("path, text, expected", [
    pytest.param("src/audit.py", PYTHON,
                 [("SL013", 5, 80, "access token in the query string of a URL ('access_token')")], id="python"),
    pytest.param("scripts/pull.sh", SHELL,
                 [("SL013", 3, 94, "API key in the query string of a URL ('api_key')")], id="shell"),
    pytest.param("src/audit.py", PYTHON.replace(f"?access_token={TOKEN}", ""), [], id="no-query-is-clean"),
])
def test_sl013_secret_in_url(lint_tree, path, text, expected):
    found = selected(lint_tree, "SL013", {path: text})
    assert [(f.code, f.loc.line, f.loc.col, f.message) for f in found] == expected
    assert all(f.level == "error" and TOKEN not in f.message and TOKEN not in (f.snippet or "") for f in found)


def test_sl013_and_sl012_do_not_report_the_same_secret(lint_tree):
    result = lint_tree({"src/audit.py": PYTHON})
    assert [f.code for f in result.findings if f.code in ("SL012", "SL013")] == ["SL013"]
