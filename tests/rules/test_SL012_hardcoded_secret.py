"""SL012 hardcoded-secret: a literal client secret, access token or API key in code or config,
found in every input kind, never printed; placeholders and environment look-ups are not secrets."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from tests.conftest import selected, write_tree

from scopelint.cli import main

SECRET = "q8Jf2LmZx7Vt9RkPw3NsBy6Hc"

PYTHON = f'''
    import requests

    TEAM = "https://acme.eu-1.celonis.cloud"
    CLIENT_SECRET = "{SECRET}"


    def token() -> str:
        response = requests.post(
            f"{{TEAM}}/oauth2/token",
            data={{"grant_type": "client_credentials", "scope": "studio"}},
            auth=("etl-client", CLIENT_SECRET),
        )
        return response.json()["access_token"]
    '''

ENV = f"""
    CELONIS_URL=https://acme.eu-1.celonis.cloud
    CELONIS_CLIENT_ID=etl-client
    CELONIS_CLIENT_SECRET={SECRET}
    CELONIS_SCOPE=studio
    """

TYPESCRIPT = """
    const TEAM = "https://acme.eu-1.celonis.cloud";

    export async function packages(token: string) {
      const res = await fetch(`${TEAM}/package-manager/api/packages`, { headers: { Authorization: `Bearer ${token}` } });
      return res.json();
    }

    export const apiToken = "Nq7Rw2Lx9Pz4Vb8Kt3Mf6Hd5";
    """


@pytest.mark.parametrize("path, text, expected", [
    pytest.param("src/sync.py", PYTHON, [("SL012", 4, 18, "hard-coded client secret in 'auth'")], id="python"),
    pytest.param(".env", ENV, [("SL012", 3, 23, "hard-coded client secret in 'CELONIS_CLIENT_SECRET'")], id="env-file"),
    pytest.param("web/client.ts", TYPESCRIPT, [("SL012", 8, 26, "hard-coded API key in 'apiToken'")], id="typescript"),
    pytest.param(".env.example", "CELONIS_CLIENT_SECRET=<client secret>\nCELONIS_API_TOKEN=${CELONIS_API_TOKEN}\n", [],
                 id="placeholders-are-clean"),
    pytest.param("src/sync.py", PYTHON.replace(f'"{SECRET}"', 'os.environ["CELONIS_CLIENT_SECRET"]'), [],
                 id="environment-lookup-is-clean"),
])
def test_sl012_hardcoded_secret(lint_tree, path, text, expected):
    found = selected(lint_tree, "SL012", {path: text})
    assert [(f.code, f.loc.line, f.loc.col, f.message) for f in found] == expected
    assert all(f.level == "error" and SECRET not in f.message for f in found)


def test_sl012_value_is_masked_in_every_output_format(tmp_path, monkeypatch):
    write_tree(tmp_path, {".env": ENV})
    monkeypatch.chdir(tmp_path)
    for fmt in ("text", "json", "sarif", "github"):
        out = CliRunner().invoke(main, ["check", "--select", "SL012", "--format", fmt, "."])
        assert out.exit_code == 1, out.output
        assert "SL012" in out.output and SECRET not in out.output, fmt
