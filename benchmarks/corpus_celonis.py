"""Celonis usage planted into the synthetic monorepo, with the mistakes real repositories make:
misspelled, retired, malformed and over-broad scopes, plain HTTP, and hard-coded secrets that look
random. Each planter returns the file's text and what it planted, so the runner can compare counts."""
from __future__ import annotations

import math
import random
import string
from collections.abc import Callable
from dataclasses import dataclass, field

from corpus_plain import WORDS, code_cell, notebook, sentence

TEAMS = ("acme", "globex", "initech", "umbrella", "hooli", "stark-ops")
REALMS = ("eu-1", "eu-2", "us-1", "us-2", "eu-3")
SCOPES = (
    "integration.data-pools:data_push", "studio", "intelligence.knowledge-models:read", "integration.data-pools",
    "action-engine.projects", "audit.log:read", "studio integration.data-pools", "package-manager studio",
    "mcp-asset.tools:execute", "user-provisioning.scim",
)
MISTAKES = (
    "integration.datapools", "studio.spaces", "studio,integration.data-pools", "Studio",
    "integration.data-pools:data-push", "studio integration.data-pools action-engine.projects package-manager machine-learning",
    "studio studio", "transformation-center.kpis",
)
API_PATHS = (
    "/integration/api/pools", "/integration/api/v1/data-push/{pool}/jobs/", "/intelligence/api/knowledge-models",
    "/package-manager/api/spaces", "/log/api/external/audit", "/action-engine/api/projects",
    "/data-ingestion/api/v1/data-push/{pool}/jobs/", "/user-provisioning/scim/v2/Users",
)


@dataclass
class Plant:
    """One planted file: where it goes (a directory kind and a name), its text, and what it holds."""

    place: str  # service | web | scripts | config | notebooks | env
    name: str
    text: str
    form: str
    token_requests: int = 0
    secrets: int = 0
    clients: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def secret_value(rng: random.Random) -> str:
    """A random-looking secret: mixed classes, high entropy (as real client secrets are)."""
    alphabet = string.ascii_letters + string.digits + "-_~."
    while True:
        value = "".join(rng.choice(alphabet) for _ in range(rng.choice((32, 40, 48, 64))))
        if _entropy(value) >= 4.0 and sum(any(c in s for c in value) for s in (string.ascii_lowercase,
                                                                               string.ascii_uppercase, string.digits)) == 3:
            return value


def _entropy(value: str) -> float:
    counts = {c: value.count(c) for c in set(value)}
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def team_url(rng: random.Random, insecure: bool = False) -> str:
    return f"{'http' if insecure else 'https'}://{rng.choice(TEAMS)}.{rng.choice(REALMS)}.celonis.cloud"


def scope(rng: random.Random) -> str:
    return rng.choice(MISTAKES) if rng.random() < 0.4 else rng.choice(SCOPES)


def api_path(rng: random.Random) -> str:
    return rng.choice(API_PATHS).replace("{pool}", "{pool_id}")


def py_requests(rng: random.Random) -> Plant:
    base, hard = team_url(rng, insecure=rng.random() < 0.1), rng.random() < 0.5
    secret = f'"{secret_value(rng)}"' if hard else 'os.environ["CELONIS_CLIENT_SECRET"]'
    text = f'''"""{sentence(rng)}"""
from __future__ import annotations

import os

import requests

TEAM_URL = "{base}"
CLIENT_ID = os.environ["CELONIS_CLIENT_ID"]
CLIENT_SECRET = {secret}


def get_token() -> str:
    response = requests.post(
        "{base}/oauth2/token",
        data={{"grant_type": "client_credentials", "scope": "{scope(rng)}"}},
        auth=(CLIENT_ID, CLIENT_SECRET),
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["access_token"]


def call(token: str, pool_id: str) -> dict:
    url = f"{{TEAM_URL}}{api_path(rng)}"
    response = requests.get(url, headers={{"Authorization": f"Bearer {{token}}"}}, timeout=30)
    response.raise_for_status()
    return response.json()
'''
    return Plant("service", f"{rng.choice(WORDS)}_sync.py", text, "python-requests", 1, int(hard))


def py_post_form(rng: random.Random) -> Plant:
    """client_secret_post: id and secret as form fields, the secret sometimes written in."""
    base, hard = team_url(rng), rng.random() < 0.5
    secret = f'"{secret_value(rng)}"' if hard else 'os.getenv("CELONIS_CLIENT_SECRET")'
    text = f'''import os

import requests


def token() -> str:
    payload = requests.post(
        "{base}/oauth2/token",
        data={{
            "grant_type": "client_credentials",
            "client_id": os.getenv("CELONIS_CLIENT_ID"),
            "client_secret": {secret},
            "scope": "{scope(rng)}",
        }},
        timeout=10,
    ).json()
    return payload["access_token"]
'''
    return Plant("service", f"{rng.choice(WORDS)}_auth.py", text, "python-requests-post", 1, int(hard))


def py_query(rng: random.Random) -> Plant:
    base, sc = team_url(rng), scope(rng).replace(" ", "+")
    text = f'''import os

import requests

AUTH = (os.environ["OAUTH_CLIENT_ID"], os.environ["OAUTH_CLIENT_SECRET"])


def token() -> str:
    response = requests.post("{base}/oauth2/token?grant_type=client_credentials&scope={sc}", auth=AUTH, timeout=30)
    return response.json()["access_token"]
'''
    return Plant("service", f"{rng.choice(WORDS)}_token.py", text, "python-query-string", 1)


def py_httpx(rng: random.Random) -> Plant:
    base = team_url(rng)
    text = f'''"""{sentence(rng)}"""
import os

import httpx


async def fetch_token(client: httpx.AsyncClient) -> str:
    response = await client.post(
        "{base}/oauth2/token",
        data={{"grant_type": "client_credentials", "scope": "{scope(rng)}"}},
        auth=(os.environ["CELONIS_CLIENT_ID"], os.environ["CELONIS_CLIENT_SECRET"]),
    )
    response.raise_for_status()
    return response.json()["access_token"]


async def pools(client: httpx.AsyncClient, token: str) -> list:
    response = await client.get("{base}{api_path(rng).replace("{pool_id}", "")}", headers={{"Authorization": f"Bearer {{token}}"}})
    return response.json()
'''
    return Plant("service", f"{rng.choice(WORDS)}_client.py", text, "python-httpx", 1)


def _pycelonis_code(rng: random.Random, hard: bool) -> str:
    secret = f'"{secret_value(rng)}"' if hard else 'os.environ["OAUTH_CLIENT_SECRET"]'
    name = rng.choice(WORDS)
    return f'''import os

from pycelonis import get_celonis, oauth2

celonis = get_celonis(
    base_url="{team_url(rng)}",
    api_token=oauth2(os.environ["OAUTH_CLIENT_ID"], {secret}, "{scope(rng)}"),
    key_type="BEARER",
)
data_pool = celonis.data_integration.get_data_pools().find("{name}")
data_model = data_pool.get_data_models().find("{name}-model")
data_model.reload()
'''


def pycelonis_script(rng: random.Random) -> Plant:
    hard = rng.random() < 0.3
    return Plant("service", f"{rng.choice(WORDS)}_reload.py", _pycelonis_code(rng, hard), "pycelonis", 1, int(hard))


def pycelonis_notebook(rng: random.Random) -> Plant:
    hard = rng.random() < 0.3
    cells = [{"cell_type": "markdown", "metadata": {}, "source": [f"# {sentence(rng)}"]},
             code_cell(_pycelonis_code(rng, hard).splitlines(keepends=True), rng, image=False),
             code_cell(["df = data_model.get_tables()\n", "df\n"], rng)]
    return Plant("notebooks", f"{rng.choice(WORDS)}_analysis.ipynb", notebook(cells), "notebook-pycelonis", 1, int(hard))


def js_fetch(rng: random.Random) -> Plant:
    base, hard = team_url(rng), rng.random() < 0.5
    secret = f'"{secret_value(rng)}"' if hard else "process.env.CELONIS_CLIENT_SECRET"
    text = f'''const TEAM_URL = "{base}";

export async function getToken() {{
  const response = await fetch("{base}/oauth2/token", {{
    method: "POST",
    headers: {{ "Content-Type": "application/x-www-form-urlencoded" }},
    body: new URLSearchParams({{
      grant_type: "client_credentials",
      client_id: process.env.CELONIS_CLIENT_ID,
      client_secret: {secret},
      scope: "{scope(rng)}",
    }}),
  }});
  const body = await response.json();
  return body.access_token;
}}

export async function listModels(token) {{
  const res = await fetch(`${{TEAM_URL}}{api_path(rng)}`, {{ headers: {{ Authorization: `Bearer ${{token}}` }} }});
  return res.json();
}}
'''
    return Plant("web", f"{rng.choice(WORDS)}Api.js", text, "js-fetch", 1, int(hard))


def ts_axios(rng: random.Random) -> Plant:
    base = team_url(rng)
    text = f'''import axios from "axios";

export async function accessToken(): Promise<string> {{
  const body = new URLSearchParams({{ grant_type: "client_credentials", scope: "{scope(rng)}" }});
  const {{ data }} = await axios.post("{base}/oauth2/token", body.toString(), {{
    auth: {{ username: process.env.CELONIS_CLIENT_ID ?? "", password: process.env.CELONIS_CLIENT_SECRET ?? "" }},
  }});
  return data.access_token;
}}
'''
    return Plant("web", f"{rng.choice(WORDS)}Auth.ts", text, "ts-axios", 1)


def curl_script(rng: random.Random) -> Plant:
    base, hard = team_url(rng), rng.random() < 0.3
    auth = f'-d client_id="${{CELONIS_CLIENT_ID}}" -d client_secret={secret_value(rng)}' if hard else \
        '-u "${CELONIS_CLIENT_ID}:${CELONIS_CLIENT_SECRET}"'
    text = f'''#!/usr/bin/env bash
# {sentence(rng)}
set -euo pipefail

TOKEN=$(curl --silent --fail -X POST "{base}/oauth2/token" \\
  {auth} \\
  -d grant_type=client_credentials \\
  -d scope="{scope(rng)}" | jq -r .access_token)

curl --silent --fail -H "Authorization: Bearer ${{TOKEN}}" "{base}{api_path(rng).replace("{pool_id}", "${POOL_ID}")}"
'''
    return Plant("scripts", f"{rng.choice(WORDS)}-push.sh", text, "curl", 1, int(hard))


def env_file(rng: random.Random) -> Plant:
    hard = rng.random() < 0.6
    secret = secret_value(rng) if hard else ""
    text = (f"CELONIS_URL={team_url(rng)}\nCELONIS_CLIENT_ID={rng.getrandbits(128):032x}\n"
            f"CELONIS_CLIENT_SECRET={secret}\nOAUTH_SCOPES=\"{scope(rng)}\"\nLOG_LEVEL=info\n")
    return Plant("env", f"{rng.choice(WORDS)}.env", text, "env-file", 0, int(hard), extra={"scope_variables": 1})


def definition(rng: random.Random) -> Plant:
    name = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{rng.getrandbits(24):06x}"
    scopes = "".join(f"      - {s}\n" for s in scope(rng).split())
    just = f"    justification:\n      {scope(rng).split()[0]}: {sentence(rng)[:50]}\n" if rng.random() < 0.5 else ""
    grant = rng.choice(("client_credentials",) * 5 + ("password",))
    text = (f"oauth_clients:\n  - name: {name}\n    grant_type: {grant}\n    auth_method: client_secret_basic\n"
            f"    scopes:\n{scopes}    permissions:\n      - service: Data Integration\n        template: manage\n"
            f"{just}    code: [\"services/{name}/**\"]\n")
    return Plant("config", "oauth-clients.yaml", text, "client-definition", clients=1)


PLANTERS: tuple[Callable[[random.Random], Plant], ...] = (
    py_requests, py_post_form, py_query, py_httpx, pycelonis_script, pycelonis_notebook,
    js_fetch, ts_axios, curl_script, env_file, definition,
)


def decoy(rng: random.Random) -> tuple[str, str, str]:
    """Code that uses OAuth or the word scope for something else: (place, name, text)."""
    sc = rng.choice(("tasks:read", "read:users", "openid profile", "audit.log:read"))
    return rng.choice((
        ("service", f"{rng.choice(WORDS)}_idp.py",
         f'import requests\n\n\ndef token():\n    return requests.post(\n        "https://login.example-idp.com/oauth2/token",\n'
         f'        data={{"grant_type": "client_credentials", "scope": "{sc}"}},\n        timeout=5,\n    ).json()\n'),
        ("web", f"{rng.choice(WORDS)}Controller.js",
         f'angular.module("app").controller("{rng.choice(WORDS)}", function ($scope) {{\n  $scope.items = [];\n}});\n'),
        ("docs", f"{rng.choice(WORDS)}-scope.md", f"# Scope\n\n{sentence(rng)} Out of scope: the {rng.choice(WORDS)} service.\n"),
    ))
