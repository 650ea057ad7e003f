"""Lines as editors, git and code scanning count them: a form feed, a vertical tab, NEL or U+2028 in a
file is a character of its line, so findings after it keep their line, its snippet shows that line
(with its secret masked), a suppression on it applies and its fix is offered."""
from __future__ import annotations

import pytest

from conftest import triples
from scopelint.lines import split_lines

SECRET = "Zx9kQ2mP7vL4tR8wY3nB6cF1hJ5sD0gA"


@pytest.mark.parametrize("text, expected", [
    ("a\fb\nc\u2028d\r\ne\rf", ["a\fb", "c\u2028d", "e", "f"]),
    ("a\x0bb\x1c\x85c\n\n", ["a\x0bb\x1c\x85c", ""]),
    ("plain\nlines\n", ["plain", "lines"]),
    ("", []),
])
def test_lines_break_at_newlines_and_carriage_returns_only(text, expected):
    assert split_lines(text) == expected
    assert "".join(split_lines(text, keepends=True)) == text


@pytest.mark.parametrize("brk", ["\f", "\x0b", "\x1c", "\x85", "\u2028", "\u2029"])
def test_a_python_page_break_keeps_snippets_masks_and_suppressions_on_their_line(lint_tree, brk):
    text = ('"""Push the nightly extract."""\nimport requests\n\n# ----' + brk + "----\n# Credentials\n"
            f'CLIENT_SECRET = "{SECRET}"\n'
            'r = requests.post("https://team.eu-1.celonis.cloud/oauth2/token", data={"client_secret": CLIENT_SECRET, '
            '"scope": "studio,integration.data-pools"})  # scopelint: ignore[SL002] legacy tenant wants commas\n')
    result = lint_tree({"etl/push.py": text.encode()})
    assert triples(result.findings) == [("SL012", 6, 18)], [(f.message, f.loc) for f in result.findings]
    (secret,) = result.findings
    assert secret.snippet == 'CLIENT_SECRET = "********"'
    assert [(f.code, f.loc.line) for f in result.suppressed] == [("SL002", 7)]


@pytest.mark.parametrize("path, text, line", [
    # a description pasted from a document holds a line separator, which JSON.stringify leaves as it is
    ("push.postman_collection.json", '{\n  "info": {\n    "name": "Celonis Data Push",\n'
     '    "description": "Pushes the nightly extract.\u2028Ask the data team first.",\n'
     '    "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"\n  },\n'
     '  "auth": {\n    "type": "oauth2",\n    "oauth2": [\n'
     '      {"key": "accessTokenUrl", "value": "https://acme.eu-1.celonis.cloud/oauth2/token", "type": "string"},\n'
     '      {"key": "grant_type", "value": "client_credentials", "type": "string"},\n'
     '      {"key": "scope", "value": "studio,integration.data-pools", "type": "string"}\n    ]\n  },\n'
     '  "item": []\n}\n', 12),
    ("push.js", "// nightly push\f\nfetch('https://acme.eu-1.celonis.cloud/oauth2/token', {method: 'POST', "
     "body: new URLSearchParams({grant_type: 'client_credentials', scope: 'studio,integration.data-pools'})});\n", 2),
    ("push.sh", "#!/bin/sh\n# nightly push\x0b\ncurl -X POST https://acme.eu-1.celonis.cloud/oauth2/token "
     "-d grant_type=client_credentials -d 'scope=studio,integration.data-pools'\n", 3),
])
def test_findings_after_another_break_character_keep_their_line(lint_tree, path, text, line):
    found = [f for f in lint_tree({path: text.encode()}).findings if f.code == "SL002"]
    assert [f.loc.line for f in found] == [line]
    assert "studio,integration.data-pools" in split_lines(text)[line - 1]


@pytest.mark.parametrize("path, text", [
    # a file saved with classic Mac line ends: a line comment ends at its CR, not at the end of the file
    ("src/push.js", "// nightly push\rconst r = fetch('http://acme.eu-1.celonis.cloud/oauth2/token');\r"),
    ("src/Push.java", "// nightly push\rclass P { String U = \"http://acme.eu-1.celonis.cloud/oauth2/token\"; }\r"),
    ("push.sh", "#!/bin/sh\r# nightly push\rcurl -X POST http://acme.eu-1.celonis.cloud/oauth2/token -d grant_type=client_credentials\r"),
])
def test_a_comment_ends_at_a_lone_carriage_return(lint_tree, path, text):
    found = [(f.code, f.loc.line) for f in lint_tree({path: text.encode()}).findings if f.code == "SL014"]
    assert found == [("SL014", 2 if not path.endswith(".sh") else 3)]


def test_a_yaml_error_after_a_line_separator_is_at_its_line(lint_tree):
    text = 'description: "the nightly\u2028push"\noauth_clients:\n  - name: etl\n    scopes: [studio\n  bad: ]\n'
    [found] = [f for f in lint_tree({"clients.yaml": text.encode()}).findings if f.code == "SL000"]
    assert found.loc.line <= len(split_lines(text)) and found.loc.line == 5
