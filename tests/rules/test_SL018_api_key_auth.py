"""SL018 api-key-auth: Celonis calls authenticated with ``AppKey`` or a static API key (a note)."""
from __future__ import annotations

import pytest
from tests.conftest import selected

PYTHON = '''
    import os

    import requests

    TEAM = "https://acme.eu-1.celonis.cloud"


    def packages() -> dict:
        headers = {"Authorization": "AppKey " + os.environ["CELONIS_APP_KEY"]}
        return requests.get(f"{TEAM}/package-manager/api/packages", headers=headers).json()
    '''

SHELL = """
    #!/bin/sh
    curl -fsS -H "Authorization: AppKey ${CELONIS_APP_KEY}" "https://acme.eu-1.celonis.cloud/package-manager/api/packages"
    """


@pytest.mark.parametrize("path, text, expected", [
    pytest.param("src/packages.py", PYTHON,
                 [("SL018", 9, 33, "Celonis call authenticated with AppKey instead of an OAuth token")], id="python"),
    pytest.param("scripts/pull.sh", SHELL,
                 [("SL018", 2, 30, "Celonis call authenticated with AppKey instead of an OAuth token")], id="shell"),
    pytest.param("src/packages.py", PYTHON.replace('"AppKey " + os.environ["CELONIS_APP_KEY"]', 'f"Bearer {os.environ[\'TOKEN\']}"'),
                 [], id="bearer-is-clean"),
])
def test_sl018_api_key_auth(lint_tree, path, text, expected):
    found = selected(lint_tree, "SL018", {path: text})
    assert [(f.code, f.loc.line, f.loc.col, f.message) for f in found] == expected
    assert all(f.level == "note" for f in found)
