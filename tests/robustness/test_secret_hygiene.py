"""No output ever carries a secret scopelint found: distinct random secrets planted in every input
kind that can hold one must not appear (nor any 12 characters of them, nor a plain hash of them)
in text (coloured too), JSON, SARIF, github, review Markdown/HTML/JSON, stderr or the baseline
file. The SL012/SL013 findings for each of them must be there, so the test cannot pass vacuously."""
from __future__ import annotations

import base64
import hashlib
import json
import random
import string
from pathlib import Path

import pytest
from click.testing import CliRunner

from scopelint.cli import main
from scopelint.config import Config
from scopelint.extractors.recognition import secrets as common
from scopelint.linter import run
from scopelint.reporters import Context, render

TEAM = "https://acme.eu-1.celonis.cloud"
TOKEN_URL = f"{TEAM}/oauth2/token"
SEED = 20_261_128


def make_secrets(names: list[str], seed: int = SEED) -> dict[str, str]:
    """Realistic secrets: 32-40 mixed-case letters and digits, each distinct, from a seeded RNG."""
    rng = random.Random(seed)
    out: dict[str, str] = {}
    alphabet = string.ascii_letters + string.digits
    for name in names:
        while True:
            value = "".join(rng.choice(alphabet) for _ in range(rng.randint(32, 40)))
            if any(c.isupper() for c in value) and any(c.islower() for c in value) and any(c.isdigit() for c in value):
                break
        out[name] = value
    return out


# kind -> (path, the line the secret stands on, the code expected there, file text with {s} for the secret)
PLANTS: dict[str, tuple[str, int, str, str]] = {
    "python": ("etl/push.py", 3, "SL012",
               f"import requests\n\nCLIENT_SECRET = \"{{s}}\"\nrequests.post(\"{TOKEN_URL}\", data={{{{\"scope\": \"studio\"}}}})\n"),
    "python-url": ("etl/pools.py", 2, "SL013",
                   f"import requests\nrequests.get(\"{TEAM}/integration/api/pools?access_token={{s}}\")\n"),
    "notebook": ("notebooks/explore.ipynb", 0, "SL012", ""),  # built below: JSON needs the secret escaped
    "javascript": ("web/token.js", 1, "SL012",
                   f"const clientSecret = \"{{s}}\";\nfetch(\"{TOKEN_URL}\", {{{{method: \"POST\", body: \"scope=studio\"}}}});\n"),
    "javascript-url": ("web/pools.js", 1, "SL013", f"fetch(\"{TEAM}/integration/api/pools?access_token={{s}}\");\n"),
    "shell": ("scripts/token.sh", 2, "SL012",
              f"#!/bin/sh\ncurl -d client_secret={{s}} -d grant_type=client_credentials -d scope=studio {TOKEN_URL}\n"),
    "shell-url": ("scripts/pools.sh", 2, "SL013", f"#!/bin/sh\ncurl \"{TEAM}/integration/api/pools?access_token={{s}}\"\n"),
    "powershell": ("scripts/token.ps1", 1, "SL012",
                   f"$body = @{{{{ client_secret = '{{s}}'; grant_type = 'client_credentials'; scope = 'studio' }}}}\n"
                   f"Invoke-RestMethod -Uri '{TOKEN_URL}' -Method Post -Body $body\n"),
    "env": (".env", 2, "SL012", f"CELONIS_URL={TEAM}\nCELONIS_CLIENT_SECRET={{s}}\n"),
    "dockerfile": ("Dockerfile", 2, "SL012", "FROM python:3.12\nENV CELONIS_API_TOKEN={s}\n"),
    "github-actions": (".github/workflows/deploy.yml", 5, "SL012",
                       "on: push\njobs:\n  push:\n    env:\n      CELONIS_CLIENT_SECRET: {s}\n"
                       "    runs-on: ubuntu-latest\n    steps:\n      - run: python etl/push.py\n"),
    "k8s-secret": ("k8s/celonis-oauth.yaml", 5, "SL012",
                   "apiVersion: v1\nkind: Secret\nmetadata: {{name: celonis-oauth}}\nstringData:\n"
                   "  CELONIS_CLIENT_SECRET: {s}\n"),
    "content-cli": (".celonis-content-cli-profiles/acme.json", 6, "SL012",
                    '{{\n  "name": "acme",\n  "team": "https://acme.eu-1.celonis.cloud",\n  "type": "Client Credentials",\n'
                    '  "clientId": "0f6c2a",\n  "clientSecret": "{s}",\n  "scopes": ["studio"]\n}}\n'),
    "postman-collection": ("api/celonis.postman_collection.json", 0, "SL012", ""),  # built below
    "postman-environment": ("api/celonis.postman_environment.json", 0, "SL012", ""),  # built below
    "spring-properties": ("svc/src/main/resources/application.properties", 2, "SL012",
                          "spring.security.oauth2.client.registration.celonis.scope=studio\n"
                          "spring.security.oauth2.client.registration.celonis.client-secret={s}\n"
                          f"spring.security.oauth2.client.provider.celonis.token-uri={TOKEN_URL}\n"),
    "spring-yaml": ("svc/src/main/resources/application-prod.yml", 3, "SL012",
                    "spring.security.oauth2.client:\n  registration.celonis:\n    client-secret: {s}\n"
                    f"    scope: studio\n  provider.celonis.token-uri: {TOKEN_URL}\n"),
    "app-config": ("svc/config.yaml", 3, "SL012", f"celonis:\n  url: {TEAM}\n  apiToken: {{s}}\n"),
    "app-config-toml": ("svc/settings.toml", 3, "SL012", f"[celonis]\nurl = \"{TEAM}\"\nclient_secret = \"{{s}}\"\n"),
    "app-config-ini": ("svc/exporter.ini", 3, "SL012", f"[celonis]\nteam_url = {TEAM}\napi_key = {{s}}\n"),
    "ci-step": (".github/workflows/refresh.yml", 6, "SL012",
                "on: push\njobs:\n  refresh:\n    steps:\n      - run: |\n"
                f"          curl -d client_secret={{s}} -d grant_type=client_credentials -d scope=studio {TOKEN_URL}\n"),
    "connector": ("connect/celonis-sink.properties", 2, "SL012",
                  f"connect.ems.endpoint={TEAM}/continuous-batch-processing/api/v1/pool/items\n"
                  "connect.ems.authorization.key=\"AppKey {s}\"\n"),
    "env-comment": ("svc/.env.example", 2, "SL012", "CELONIS_CLIENT_SECRET=\n# CELONIS_CLIENT_SECRET={s}\n"),
    "mcp": (".cursor/mcp.json", 0, "SL012", ""),  # built below
    "java": ("svc/src/main/java/Push.java", 2, "SL012",
             f"class Push {{{{\n  static final String CLIENT_SECRET = \"{{s}}\";\n  String url = \"{TEAM}/integration/api/pools\";\n}}}}\n"),
    "kotlin": ("svc/src/main/kotlin/Push.kt", 2, "SL012",
               f"const val CELONIS_URL = \"{TEAM}\"\nval apiKey = \"{{s}}\"\n"),
    "go": ("cmd/push/main.go", 3, "SL012",
           f"package main\n\nvar cfg = clientcredentials.Config{{{{ClientSecret: `{{s}}`, TokenURL: \"{TEAM}/oauth2/token\"}}}}\n"),
    "csharp": ("src/Push/Program.cs", 2, "SL012",
               f"class Push {{{{\n  const string ClientSecret = @\"{{s}}\";\n  string url = $\"{TEAM}/integration/api/pools\";\n}}}}\n"),
    # a client definition has no secret field; one written there anyway is an unknown key and a hard-coded secret
    "definition": ("clients.yaml", 4, "SL012", "oauth_clients:\n  - name: etl\n    scopes: [studio]\n    client_secret: {s}\n"),
}


def notebook(secret: str) -> str:
    cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
              "source": ["import pycelonis\n", f"client_secret = \"{secret}\"\n",
                         f"celonis = pycelonis.get_celonis(base_url=\"{TEAM}\", client_id=\"abc\", client_secret=client_secret)\n"]}]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def postman_collection(secret: str) -> str:
    auth = {"type": "oauth2", "oauth2": [
        {"key": "accessTokenUrl", "value": TOKEN_URL, "type": "string"},
        {"key": "clientSecret", "value": secret, "type": "string"},
        {"key": "scope", "value": "studio", "type": "string"},
        {"key": "grant_type", "value": "client_credentials", "type": "string"}]}
    doc = {"info": {"name": "Celonis", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
           "auth": auth, "item": [{"name": "pools", "request": {"method": "GET", "url": f"{TEAM}/integration/api/pools"}}]}
    return json.dumps(doc, indent=2)


def postman_environment(secret: str) -> str:
    return json.dumps({"name": "acme", "values": [
        {"key": "team_url", "value": TEAM, "enabled": True},
        {"key": "client_secret", "value": secret, "enabled": True}]}, indent=2)


def mcp_config(secret: str) -> str:
    return json.dumps({"mcpServers": {"celonis": {
        "url": f"{TEAM}/studio-copilot/api/v1/mcp-servers/mcp/agent",
        "headers": {"Authorization": f"AppKey {secret}"}}}}, indent=2)


BUILT = {"notebook": notebook, "postman-collection": postman_collection, "postman-environment": postman_environment,
         "mcp": mcp_config}
EXTRA = {"broken-python": ("etl/broken.py", "import requests\nCLIENT_SECRET = \"{s}\n"),
         "broken-yaml": ("more/clients.yaml", "oauth_clients:\n  - name: x\n    scopes: [{s}\n")}
SUPPRESS = {"python": "# scopelint: ignore[SL012] fixture", "javascript": "// scopelint: ignore[SL012] fixture",
            "shell": "# scopelint: ignore[SL012] fixture", "env": "# scopelint: ignore[SL012] fixture",
            "github-actions": "      # scopelint: ignore[SL012] fixture", "k8s-secret": "  # scopelint: ignore[SL012] fixture"}


def planted_tree(root: Path, seed: int = SEED, suppress: bool = False) -> dict[str, str]:
    """Write every input kind with its own secret; return kind -> secret."""
    secrets = make_secrets([*PLANTS, *EXTRA], seed)
    for kind, (path, line, _code, template) in PLANTS.items():
        text = BUILT[kind](secrets[kind]) if kind in BUILT else template.format(s=secrets[kind])
        if suppress and kind in SUPPRESS:
            lines = text.splitlines(True)
            lines.insert(line - 1, SUPPRESS[kind] + "\n")
            text = "".join(lines)
        _write(root / path, text)
    for kind, (path, template) in EXTRA.items():
        _write(root / path, template.format(s=secrets[kind]))
    return secrets


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def secret_line(root: Path, kind: str) -> int:
    path = PLANTS[kind][0]
    text = (root / path).read_text(encoding="utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if SECRETS_BY_ROOT[root][kind] in line)


SECRETS_BY_ROOT: dict[Path, dict[str, str]] = {}


@pytest.fixture
def planted(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    secrets = planted_tree(root)
    SECRETS_BY_ROOT[root] = secrets
    monkeypatch.chdir(root)
    yield root, secrets
    SECRETS_BY_ROOT.pop(root, None)


def leaks(text: str, secrets: dict[str, str]) -> list[str]:
    """What of each secret shows in ``text``: any 12 characters of it, its base64, or the first
    8 hex digits of a plain hash of it."""
    found = []
    for kind, value in secrets.items():
        if any(value[i:i + 12] in text for i in range(len(value) - 11)):
            found.append(f"{kind}: 12 characters of the secret")
        if base64.b64encode(value.encode()).decode()[:16] in text:
            found.append(f"{kind}: the secret in base64")
        for algo in ("md5", "sha1", "sha256", "sha512"):
            if hashlib.new(algo, value.encode()).hexdigest()[:8] in text.lower():
                found.append(f"{kind}: a plain {algo} of the secret")
    return found


def invoke(*args: str) -> tuple[str, str, int]:
    out = CliRunner().invoke(main, list(args))
    assert out.exception is None or isinstance(out.exception, SystemExit), out.output
    return out.stdout, out.stderr, out.exit_code


def all_outputs(root: Path, include_review: bool = True) -> dict[str, str]:
    """Every report scopelint writes about the tree, keyed by how it was made."""
    outputs: dict[str, str] = {}
    for label, args in {
        "text": ["check", "."], "text-no-ignores": ["check", "--no-ignores", "."],
        "json": ["check", "--format", "json", "."],
        "json-with-suppressed": ["check", "--format", "json", "--sarif-include-suppressed", "."],
        "sarif": ["check", "--format", "sarif", "."],
        "sarif-with-suppressed": ["check", "--format", "sarif", "--sarif-include-suppressed", "."],
        "github": ["check", "--format", "github", "."],
        "baseline-run": ["check", "--write-baseline", "baseline.json", "."],
        "suggest": ["suggest", "."], "suggest-yaml": ["suggest", "--format", "yaml", "."],
        "suggest-json": ["suggest", "--format", "json", "."],
    }.items():
        stdout, stderr, code = invoke(*args)
        assert code in (0, 1), (label, stdout, stderr)
        outputs[label], outputs[f"{label} (stderr)"] = stdout, stderr
    outputs["baseline file"] = (root / "baseline.json").read_text(encoding="utf-8")
    (root / "baseline.json").unlink()
    result = run(["."], Config())
    outputs["text in colour"] = render("text", result, Context(color=True))
    outputs["text in colour, suppressed too"] = render("text", result, Context(color=True, include_suppressed=True))
    outputs["notes and messages"] = "\n".join([f"{p}: {m}" for p, m in result.notes]
                                              + [f"{f.message} {f.hint} {f.snippet} {f.key}" for f in result.findings])
    if include_review:
        code_dirs = [arg for d in ("etl", "notebooks", "web", "scripts", "api", ".celonis-content-cli-profiles")
                     for arg in ("--code", d)]
        for fmt in ("markdown", "html", "json"):
            stdout, stderr, code = invoke("review", "clients.yaml", *code_dirs, "--format", fmt)
            assert code in (0, 1) and stdout, (fmt, stdout, stderr)
            outputs[f"review {fmt}"], outputs[f"review {fmt} (stderr)"] = stdout, stderr
    return outputs


def assert_no_leaks(outputs: dict[str, str], secrets: dict[str, str]) -> None:
    found = {label: leaks(text, secrets) for label, text in outputs.items()}
    assert {label: what for label, what in found.items() if what} == {}


def test_every_planted_secret_is_found(planted):
    root, _ = planted
    result = run(["."], Config())
    found = {(f.loc.path, f.loc.line, f.code) for f in result.findings}
    missing = [kind for kind, (path, _, code, _) in PLANTS.items() if (path, secret_line(root, kind), code) not in found]
    assert missing == []


def test_no_output_shows_a_secret(planted):
    root, secrets = planted
    outputs = all_outputs(root)
    assert '"code": "SL012"' in outputs["json"] and "SL013" in outputs["sarif"] and "SL012" in outputs["review markdown"]
    assert "\n    CELONIS_CLIENT_SECRET=********\n" in outputs["text in colour"]  # snippets are shown, masked
    assert_no_leaks(outputs, secrets)


def test_suppressed_secret_findings_show_no_secret_either(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    secrets = planted_tree(root, suppress=True)
    monkeypatch.chdir(root)
    result = run(["."], Config())
    assert sorted(f.loc.path for f in result.suppressed if f.code == "SL012") == sorted(
        PLANTS[kind][0] for kind in SUPPRESS)
    outputs = all_outputs(root, include_review=False)
    assert '"suppressed": true' in outputs["json-with-suppressed"]
    assert_no_leaks(outputs, secrets)


def test_error_messages_show_no_secret(tmp_path, monkeypatch):
    """Usage errors quote paths and keys, never a value read from a scanned or configuration file."""
    root = tmp_path / "repo"
    secrets = planted_tree(root)
    monkeypatch.chdir(root)
    (root / "broken.json").write_text(json.dumps({"version": 1, "findings": [{"fingerprint": 1,
                                                                              "note": secrets["python"]}]}))
    (root / ".scopelint.toml").write_text(f'exclude = ["a"]\nclient_secret = "{secrets["env"]}"\n')
    runs = {"bad config": invoke("check", ".")}
    (root / ".scopelint.toml").unlink()
    runs.update({"bad baseline": invoke("check", "--baseline", "broken.json", "."),
                 "no client": invoke("review", "etl/push.py"),
                 "unknown client": invoke("review", "clients.yaml", "--client", secrets["powershell"][:6]),
                 "profile review": invoke("review", ".celonis-content-cli-profiles/acme.json")})
    assert {label: code for label, (_, _, code) in runs.items()} == {
        "bad config": 2, "bad baseline": 2, "no client": 2, "unknown client": 2, "profile review": 1}
    assert "hard-coded" in runs["profile review"][0]
    assert "unknown key(s) 'client-secret'" in runs["bad config"][1]
    assert "finding 1 has no 'fingerprint' string" in runs["bad baseline"][1]
    assert_no_leaks({label: out + err for label, (out, err, _) in runs.items()}, secrets)


def fingerprints(root: Path, secret: str) -> list[str]:
    (root / "etl").mkdir(parents=True, exist_ok=True)
    (root / "etl" / "push.py").write_text(PLANTS["python"][3].format(s=secret), encoding="utf-8")
    return [f.fingerprint for f in run(["."], Config()).findings if f.code == "SL012"]


def test_a_secret_finding_fingerprint_depends_on_the_secret_only_through_the_slow_digest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first, second = make_secrets(["a", "b"], seed=1).values()
    assert len(fingerprints(tmp_path, first)) == 1
    assert fingerprints(tmp_path, first) != fingerprints(tmp_path, second)
    monkeypatch.setattr(common, "digest", lambda value: "00000000")
    assert fingerprints(tmp_path, first) == fingerprints(tmp_path, second)


def test_the_digest_is_slow_and_no_plain_hash():
    values = list(make_secrets([str(i) for i in range(20)], seed=2).values())
    slow = getattr(common.digest, "__wrapped__", common.digest)  # past the cache
    import time

    started = time.perf_counter()
    digests = [slow(v) for v in values]
    per_digest = (time.perf_counter() - started) / len(values)
    assert per_digest > 0.0005, f"{per_digest * 1000:.3f} ms: a fast hash of a short secret can be brute-forced"
    assert len(set(digests)) == len(values)
    for value, digest in zip(values, digests):
        plain = [hashlib.new(a, value.encode()).hexdigest() for a in ("md5", "sha1", "sha256", "sha512", "blake2b")]
        assert not any(h.startswith(digest) for h in plain)
        assert value not in digest and digest not in value


def test_a_suppression_finding_on_a_secret_line_shows_the_line_masked(tmp_path, monkeypatch):
    """An ``ignore`` without a reason is an SL000 finding at the comment. Its source line, shown on a
    terminal and hashed into the fingerprint, was the raw line, secret included."""
    monkeypatch.chdir(tmp_path)
    first, second = make_secrets(["a", "b"], seed=3).values()
    shown = []
    for value in (first, second):
        (tmp_path / "push.py").write_text(f'BASE = "{TEAM}"\nclient_secret = "{value}"  # scopelint: ignore[SL012]\n',
                                          encoding="utf-8")
        result = run(["."], Config())
        [finding] = result.findings
        assert (finding.code, finding.loc.line, finding.message) == (
            "SL000", 2, "suppression of SL012 gives no reason; say why after the bracket")
        assert finding.snippet == 'client_secret = "********"  # scopelint: ignore[SL012]'
        coloured = render("text", result, Context(color=True))
        assert "    client_secret = \"********\"  # scopelint: ignore[SL012]\n" in coloured
        assert_no_leaks({"text in colour": coloured, "fingerprint": finding.fingerprint}, {"a": value})
        shown.append(finding.fingerprint)
    assert shown[0] == shown[1]  # the fingerprint no longer depends on the secret
