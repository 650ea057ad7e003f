"""SL013 secret-in-url: a secret in a URL query string, in code and in shell scripts, never printed."""
from __future__ import annotations

import textwrap

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
    # a password in a Celonis URL's user-info, in every reader; a placeholder or another host's is no finding
    pytest.param("scripts/pools.sh", f'curl "https://svc-user:{TOKEN}@acme.eu-1.celonis.cloud/integration/api/pools"\n',
                 [("SL013", 1, 24, "password in the user-info (user:password@) of a URL")], id="shell-userinfo"),
    pytest.param("scripts/pools_var.sh", f'#!/bin/bash\nURL="https://svc-user:{TOKEN}@acme.eu-1.celonis.cloud"\n'
                 'curl "$URL/integration/api/pools"\n',
                 [("SL013", 2, 23, "password in the user-info (user:password@) of a URL")], id="shell-variable-userinfo"),
    pytest.param("src/pools.js", f'const u = "https://svc-user:{TOKEN}@acme.eu-1.celonis.cloud/integration/api/pools";\n'
                 'await fetch(u);\n', [("SL013", 1, 29, "password in the user-info (user:password@) of a URL")], id="js-userinfo"),
    pytest.param("scripts/pools.sh", 'curl "https://${CELONIS_USER}:${CELONIS_PASSWORD}@acme.eu-1.celonis.cloud/integration/api/pools"\n'
                 f'curl "https://svc:{TOKEN}@git.acme.io/api/v4/projects"\n', [], id="placeholder-and-another-host"),
])
def test_sl013_secret_in_url(lint_tree, path, text, expected):
    found = selected(lint_tree, "SL013", {path: text})
    assert [(f.code, f.loc.line, f.loc.col, f.message) for f in found] == expected
    assert all(f.level == "error" and TOKEN not in f.message and TOKEN not in (f.snippet or "") for f in found)


def test_sl013_and_sl012_do_not_report_the_same_secret(lint_tree):
    result = lint_tree({"src/audit.py": PYTHON})
    assert [f.code for f in result.findings if f.code in ("SL012", "SL013")] == ["SL013"]


PARAMS = f'''
    import requests

    TOKEN_URL = "https://acme.eu-1.celonis.cloud/oauth2/token"
    CLIENT_SECRET = "Wq4Lz8Xc2Vb6Nm1Ks9Dj3Hf7"


    def token() -> str:
        return requests.post(TOKEN_URL, params={{"grant_type": "client_credentials", "client_id": "etl",
                                                "client_secret": "{TOKEN}"}}).json()["access_token"]


    def token_from_a_dict() -> str:
        query = {{"grant_type": "client_credentials", "client_secret": "{TOKEN[::-1]}"}}
        return requests.post(TOKEN_URL, params=query).json()["access_token"]


    def token_from_a_constant() -> str:
        return requests.post(TOKEN_URL, params={{"client_secret": CLIENT_SECRET}}).json()["access_token"]


    def token_in_the_body() -> str:
        return requests.post(TOKEN_URL, data={{"client_secret": "Pk3Jm8Xw2Vr6Nt1Ls9Dq4Hb7"}}).json()["access_token"]
    '''


def test_sl013_a_secret_written_in_params_goes_in_the_query_string(lint_tree):
    """``requests`` puts ``params=`` in the URL: a secret literal written there (in the call, or in
    the dict it is given) is SL013. A constant defined elsewhere stays SL012 where it is written, and
    one sent in the body is SL012 only."""
    result = lint_tree({"src/token.py": PARAMS})
    found = [(f.code, f.loc.line, f.loc.col) for f in result.findings if f.code in ("SL012", "SL013")]
    assert found == [("SL012", 4, 18), ("SL013", 9, 63), ("SL013", 13, 68), ("SL012", 22, 61)]
    assert all(TOKEN not in f.message and TOKEN[::-1] not in f.message for f in result.findings)
    assert next(f.message for f in result.findings if f.code == "SL013") == \
        "client secret in the query string of a URL ('client_secret')"


AXIOS = f'''
    import axios from "axios";

    const TOKEN_URL = "https://acme.eu-1.celonis.cloud/oauth2/token";

    export async function token(): Promise<string> {{
      const res = await axios.post(TOKEN_URL, null, {{
        params: {{ grant_type: "client_credentials", client_id: "etl", client_secret: "{TOKEN}",
                  scope: "studio.packages:read" }},
      }});
      return res.data.access_token;
    }}

    export async function placeholder(): Promise<string> {{
      const res = await axios.post(TOKEN_URL, null, {{ params: {{ client_secret: "<your-client-secret>" }} }});
      return res.data.access_token;
    }}

    export async function inTheBody(): Promise<string> {{
      const res = await axios.post(TOKEN_URL, {{ client_secret: "Pk3Jm8Xw2Vr6Nt1Ls9Dq4Hb7", scope: "studio.packages:read" }});
      return res.data.access_token;
    }}
    '''


def test_sl013_a_secret_in_axios_params_goes_in_the_query_string(lint_tree):
    """axios's ``params`` (got's ``searchParams``) become the query string: SL013 there, SL012 in the
    body, nothing for a placeholder."""
    result = lint_tree({"src/token.ts": AXIOS})
    found = [(f.code, f.loc.line, f.loc.col) for f in result.findings if f.code in ("SL012", "SL013")]
    assert found == [("SL013", 7, 83), ("SL012", 19, 61)]
    assert all(TOKEN not in f.message for f in result.findings)


@pytest.mark.parametrize("path, text", [
    ("src/token.py", PARAMS.replace("acme.eu-1.celonis.cloud", "login.example-idp.com")),
    ("src/token.ts", AXIOS.replace("acme.eu-1.celonis.cloud", "login.example-idp.com")),
])
def test_sl013_not_for_params_sent_to_another_host(lint_tree, path, text):
    """The rule is about Celonis URLs: a secret in the query of another host's request stays a
    hard-coded secret (SL012) where it is written."""
    result = lint_tree({path: text})
    assert [f.code for f in result.findings if f.code == "SL013"] == []
    assert sum(f.code == "SL012" for f in result.findings) >= 2


HELD = {
    "scripts/token.sh": """
        #!/usr/bin/env bash
        BASE="https://acme.eu-1.celonis.cloud"
        curl -s -X POST "$BASE/oauth2/token?grant_type=client_credentials&scope=studio&client_secret=${CELONIS_CLIENT_SECRET}"
        curl -s -X POST "$BASE/oauth2/token?grant_type=client_credentials&scope=studio" -u "$CELONIS_CLIENT_ID:$CELONIS_CLIENT_SECRET"
        curl -s "$BASE/package-manager/api/spaces?access_token=$TOKEN"
        curl -s "https://login.example.com/token?client_secret=${OKTA_SECRET}"
        curl -s "$BASE/package-manager/api/spaces?access_token=<your token>"
        """,
    "scripts/token.ps1": """
        $Base = "https://acme.eu-1.celonis.cloud"
        Invoke-RestMethod -Method Post -Uri "$Base/oauth2/token?grant_type=client_credentials&client_secret=$($env:CELONIS_CLIENT_SECRET)"
        """,
    "etl/token.py": """
        import os
        import requests

        SECRET = os.environ["CELONIS_CLIENT_SECRET"]
        TEAM = "https://acme.eu-1.celonis.cloud"

        def token():
            url = f"{TEAM}/oauth2/token?grant_type=client_credentials&scope=studio&client_secret={SECRET}"
            return requests.post(url).json()

        def pools(tok):
            return requests.get(f"{TEAM}/integration/api/pools", params={"access_token": tok}).json()

        def graph(secret):
            return requests.post("https://login.microsoftonline.com/t/oauth2/v2.0/token", params={"client_secret": secret})
        """,
    "web/token.js": """
        const base = 'https://acme.eu-1.celonis.cloud';
        export const token = (secret) => fetch(`${base}/oauth2/token?grant_type=client_credentials&client_secret=${secret}`, { method: 'POST' });
        """,
}


def test_sl013_a_secret_a_variable_or_setting_puts_in_a_celonis_url(lint_tree):
    """The value is not written in the file, but the code sends it in the URL's query string all the same:
    SL013 where the URL names it, never SL012; another provider's URL, a <placeholder> and a secret sent
    with -u are none of its business."""
    result = lint_tree(HELD)
    found = [(f.code, f.loc.path, f.loc.line, f.loc.col, f.message) for f in result.findings if f.code in ("SL012", "SL013")]
    secret, token = "client secret in the query string of a URL ('client_secret')", \
        "access token in the query string of a URL ('access_token')"
    assert found == [
        ("SL013", "etl/token.py", 8, col("etl/token.py", 8, 'f"{TEAM}'), secret),  # the whole f-string
        ("SL013", "etl/token.py", 12, col("etl/token.py", 12, "tok}"), token),
        # where the URL names the parameter: the value is the variable's
        ("SL013", "scripts/token.ps1", 2, col("scripts/token.ps1", 2, "client_secret=$("), secret),
        ("SL013", "scripts/token.sh", 3, col("scripts/token.sh", 3, "client_secret=${"), secret),
        ("SL013", "scripts/token.sh", 5, col("scripts/token.sh", 5, "access_token=$TOKEN"), token),
        ("SL013", "web/token.js", 2, col("web/token.js", 2, "client_secret=${secret}"), secret),
    ]


def col(path: str, line: int, ref: str) -> int:
    """The column where ``ref`` starts on ``line`` of ``HELD[path]`` as written."""
    return textwrap.dedent(HELD[path]).lstrip("\n").split("\n")[line - 1].index(ref) + 1


def test_sl013_a_secret_the_environment_fills_in_behind_an_empty_default(lint_tree):
    """``process.env.X ?? ''`` is what the TypeScript idiom writes; the secret is the environment's,
    and goes in the URL all the same. A literal placeholder written in the URL itself is no secret."""
    env = "export const CELONIS_CLIENT_SECRET = process.env.CELONIS_CLIENT_SECRET ?? '';\n"
    token = ("import { CELONIS_CLIENT_SECRET } from './env';\n"
             "export const token = () => fetch(`https://acme.eu-1.celonis.cloud/oauth2/token?grant_type=client_credentials"
             "&client_secret=${CELONIS_CLIENT_SECRET}`, { method: 'POST' });\n"
             "export const doc = () => fetch('https://acme.eu-1.celonis.cloud/oauth2/token?client_secret=<your secret>');\n")
    found = selected(lint_tree, "SL013", {"src/env.ts": env, "src/token.ts": token})
    assert [(f.loc.path, f.loc.line, f.loc.col) for f in found] == [
        ("src/token.ts", 2, token.split("\n")[1].index("client_secret=") + 1)]
