"""SL002 malformed-scope-list: each case a small, realistic definition file linted with SL002 alone (and SL000,
so that an input that does not parse cannot pass by accident); exact (code, line, col) compared."""
from __future__ import annotations

import pytest
from tests.conftest import check_rule, lint_one, selected, triples

from scopelint.config import Config


SL002_CASES = [
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: studio intelligence.knowledge-models:read
        """, [], id="clean-space-separated"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes:
              - studio
              - intelligence.knowledge-models:read
        """, [], id="clean-list"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: "studio, intelligence.knowledge-models:read"
        """, [("SL002", 3, 14)], id="comma-string"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: studio;intelligence.knowledge-models:read
        """, [("SL002", 3, 13)], id="semicolon-string"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: "studio|intelligence.knowledge-models:read"
        """, [("SL002", 3, 14)], id="pipe-string"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: "'studio intelligence.knowledge-models:read'"
        """, [("SL002", 3, 14)], id="quoted-inside-string"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: "[studio intelligence.knowledge-models:read]"
        """, [("SL002", 3, 14)], id="brackets-inside-string"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: Studio Intelligence.Knowledge-Models:read
        """, [("SL002", 3, 13)], id="upper-case-string"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes:
              - Studio
        """, [("SL002", 4, 9)], id="upper-case-list-item"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes:
              - studio
              - studio.packages:read tasks:read
        """, [("SL002", 5, 9)], id="several-scopes-in-one-list-item"),
    pytest.param("""
        oauth_clients:
          - name: km-reader
            scopes: [studio tasks:read, "triggers:read,tasks:update"]
        """, [("SL002", 3, 14), ("SL002", 3, 34)], id="flow-list-items"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "km-reader"
        scopes = "studio,tasks:read"
        """}, [("SL002", 3, 11)], id="toml-comma-string"),
    pytest.param({"pyproject.toml": """
        [[tool.scopelint.oauth_clients]]
        name = "km-reader"
        scopes = ["studio", "tasks:read;triggers:read"]
        """}, [("SL002", 3, 22)], id="pyproject-semicolon-item"),
    pytest.param({"clients.json": """
        {"oauth_clients": [{"name": "km-reader", "scopes": ["STUDIO"]}]}
        """}, [("SL002", 1, 54)], id="json-upper-case-item"),
]


@pytest.mark.parametrize("files, expected", SL002_CASES)
def test_sl002_malformed_scope_list(lint_tree, files, expected):
    check_rule(lint_tree, "SL002", files, expected)


@pytest.mark.parametrize("value, why, fixed", [
    pytest.param('"studio, tasks:read"', "scopes joined by ','", "studio tasks:read", id="comma"),
    pytest.param('"studio;tasks:read"', "scopes joined by ';'", "studio tasks:read", id="semicolon"),
    pytest.param('"studio|tasks:read"', "scopes joined by '|'", "studio tasks:read", id="pipe"),
    pytest.param("'\"studio tasks:read\"'", "scopes wrapped in quotes or brackets", "studio tasks:read", id="quotes"),
    pytest.param('"(studio tasks:read)"', "scopes wrapped in quotes or brackets", "studio tasks:read", id="parentheses"),
    pytest.param("Studio Tasks:Read", "scopes must be lower-case", "studio tasks:read", id="upper-case"),
])
def test_sl002_string_form_names_the_problem_and_the_fix(lint_tree, value, why, fixed):
    [finding] = lint_one(lint_tree, "SL002", f"""
        oauth_clients:
          - name: km-reader
            scopes: {value}
        """)
    assert finding.message == f"malformed scope list: {why}; Celonis expects one space-separated lower-case string"
    assert finding.hint == f"write {fixed!r}"
    assert finding.fix is not None and finding.fix.text == fixed


def test_sl002_list_item_says_one_scope_per_item(lint_tree):
    [finding] = check_rule(lint_tree, "SL002", """
        oauth_clients:
          - name: km-reader
            scopes:
              - studio tasks:read
        """, [("SL002", 4, 9)])
    assert finding.message.startswith("malformed scope list: several scopes in one list item;")
    assert finding.hint == "put one lower-case scope in each list item"
    assert finding.fix is not None and finding.fix.safety == "safe"
    assert [(e.loc.line, e.loc.col, e.loc.end_col, e.text) for e in finding.fix.edits] == [
        (4, 9, 26, "studio\n      - tasks:read")]


def test_sl002_scopes_of_a_joined_string_are_still_checked_one_by_one(lint_tree):
    result = lint_tree({"clients.yaml": """
        oauth_clients:
          - name: km-reader
            scopes: "studio,integration.datapools"
        """}, Config(select=("SL001", "SL002")))
    assert triples(result.findings) == [("SL002", 3, 14), ("SL001", 3, 21)]


DICT_SETTINGS = '''import requests

SETTINGS = {"token_url": "https://acme.eu-1.celonis.cloud/oauth2/token", "scope": "studio,integration.data-pools"}
%s

def token(secret):
    return requests.post(SETTINGS["token_url"], data={"grant_type": "client_credentials", "scope": SETTINGS["scope"]},
                         auth=("etl", secret)).json()["access_token"]
'''


def test_sl002_a_scope_read_from_an_entry_of_a_dict_written_in_the_module(lint_tree):
    """``SETTINGS["scope"]`` is the entry as written, reported where it is written; once the dict is
    changed after (``SETTINGS["scope"] = ...``), the entry is no longer known and nothing is reported."""
    found = selected(lint_tree, "SL002", {"etl/token.py": DICT_SETTINGS % ""})
    assert [(f.loc.line, f.loc.col) for f in found] == [(3, 84)]
    assert selected(lint_tree, "SL002", {"etl/token.py": DICT_SETTINGS % 'SETTINGS["scope"] = input()'}) == []
    # set again in the module's own body: that value is the one sent, where it is written
    again = DICT_SETTINGS % 'SETTINGS["scope"] = "studio integration.data-pools"'
    assert selected(lint_tree, "SL002", {"etl/token.py": again}) == []
    again = DICT_SETTINGS % 'SETTINGS["scope"] = "studio;integration.data-pools"'
    assert [(f.loc.line, f.loc.col) for f in selected(lint_tree, "SL002", {"etl/token.py": again})] == [(4, 22)]


@pytest.mark.parametrize("path, text, expected", [
    pytest.param("bin/token.sh",
                 'curl -X POST "https://acme.us-1.celonis.cloud/oauth2/token?grant_type=client_credentials'
                 '&scope=studio%20package-manager" -u "$CID:$SEC"\n', [], id="encoded-space"),
    pytest.param("bin/token.sh",
                 'curl -X POST "https://acme.us-1.celonis.cloud/oauth2/token?grant_type=client_credentials'
                 '&scope=studio%2Cpackage-manager" -u "$CID:$SEC"\n', [("SL002", 1, 96)], id="encoded-comma"),
    pytest.param("src/token.js",
                 'const axios = require("axios");\n'
                 'axios.post("https://acme.us-1.celonis.cloud/oauth2/token", '
                 '"grant_type=client_credentials&scope=action-engine.projects%20package-manager");\n', [],
                 id="encoded-space-in-a-form-string"),
])
def test_sl002_encoded_separators_split_names(lint_tree, path, text, expected):
    """``%20`` is a space and ``%2C`` a comma in a URL-encoded scope: each name after one starts after
    it (no ``20package-manager``, never an SL001 on it), and the fix keeps every name."""
    found = lint_tree({path: text}).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found if f.code in ("SL001", "SL002")] == expected
    for f in found:  # in a URL's query string the space is written "+": a raw one breaks the URL
        if f.code == "SL002":
            assert f.hint == "write 'studio+package-manager'"


def test_sl002_fix_writes_the_separator_of_where_the_scopes_stand(lint_tree):
    """A URL's query string takes "+" for the space (curl refuses a URL with a raw space); a form
    body, a variable or a definition takes the space Celonis documents."""
    from scopelint.config import Config

    text = ('curl -X POST "https://acme.eu-1.celonis.cloud/oauth2/token?grant_type=client_credentials'
            '&scope=studio,integration.data-pools" -u "$ID:$SECRET"\n'
            'curl -X POST "https://acme.eu-1.celonis.cloud/oauth2/token" '
            '-d "grant_type=client_credentials&scope=studio,integration.data-pools" -u "$ID:$SECRET"\n')
    result = lint_tree({"bin/token.sh": text}, Config(select=("SL002",)))
    assert sorted((f.loc.line, f.hint, f.fix.edits[0].text) for f in result.findings) == [
        (1, "write 'studio+integration.data-pools'", "studio+integration.data-pools"),
        (2, "write 'studio integration.data-pools'", "studio integration.data-pools")]


_SENT = '''import os
import requests

CELONIS_URL = os.getenv("CELONIS_URL", "https://acme.eu-1.celonis.cloud")
%s


def token(cid, sec):
    return requests.post(f"{CELONIS_URL}/oauth2/token", data={"grant_type": "client_credentials", "scope": SCOPES},
                         auth=(cid, sec)).json()["access_token"]
'''

_SETTINGS = '''import httpx
from pydantic import field_validator
from pydantic_settings import BaseSettings


class CelonisSettings(BaseSettings):
    base_url: str = "https://acme.eu-1.celonis.cloud"
    scopes: str = "studio,integration.data-pools.read"
%s

settings = CelonisSettings()


def token(cid: str, sec: str) -> str:
    r = httpx.post(f"{settings.base_url}/oauth2/token", data={"grant_type": "client_credentials", "scope": %s},
                   auth=(cid, sec))
    return r.json()["access_token"]
'''

_VALIDATOR = '''
    @field_validator("scopes")
    @classmethod
    def _space_separated(cls, v: str) -> str:
        return " ".join(p.strip() for p in v.split(","))
'''


@pytest.mark.parametrize("files, expected", [
    # the comma is the code's: it splits the setting before it is sent (the names are still judged)
    pytest.param({"etl/token.py": _SENT % 'SCOPES = os.getenv("CELONIS_SCOPES", "studio,integration.data-pools").replace(",", " ")'},
                 [], id="an-environment-default-made-space-separated"),
    pytest.param({"etl/token.py": _SENT % 'SCOPES = os.environ.get("CELONIS_SCOPES", "studio,integration.data-pools").strip().split(",")'},
                 [], id="an-environment-default-split-into-a-list"),
    pytest.param({"etl/token.py": _SENT % 'RAW = os.getenv("CELONIS_SCOPES", "studio;integration.data-pools")\nSCOPES = re.split(";", RAW)'},
                 [], id="a-name-split-after"),
    pytest.param({"etl/token.py": _SETTINGS % ("", '" ".join(s.strip() for s in settings.scopes.split(","))')},
                 [("SL001", 8, 27)], id="a-settings-field-split-where-it-is-used"),
    pytest.param({"etl/token.py": _SETTINGS % (_VALIDATOR, "settings.scopes")},
                 [("SL001", 8, 27)], id="a-settings-field-a-validator-splits"),
    # the comma reaches Celonis
    pytest.param({"etl/token.py": _SENT % 'SCOPES = os.getenv("CELONIS_SCOPES", "studio,integration.data-pools")'},
                 [("SL002", 5, 39)], id="an-environment-default-sent-as-it-is"),
    pytest.param({"etl/token.py": _SENT % 'SCOPES = os.getenv("CELONIS_SCOPES", "studio,integration.data-pools").split(" ")'},
                 [("SL002", 5, 39)], id="split-on-another-separator"),
    pytest.param({"etl/token.py": _SETTINGS % ("", "settings.scopes")}, [("SL001", 8, 27), ("SL002", 8, 20)],
                 id="a-settings-field-sent-as-it-is"),
    pytest.param({"etl/token.py": _SETTINGS % ('\n    @field_validator("base_url")\n    @classmethod\n'
                                              '    def _no_slash(cls, v):\n        return v.split(",")[0]\n', "settings.scopes")},
                 [("SL001", 8, 27), ("SL002", 8, 20)], id="a-validator-of-another-field"),
])
def test_sl002_a_separator_the_code_splits_on_is_not_sent(lint_tree, files, expected):
    from scopelint.config import Config

    found = lint_tree(files, Config(select=("SL001", "SL002"))).findings
    assert sorted((f.code, f.loc.line, f.loc.col) for f in found) == expected
