"""content-cli profiles: client records, key authentication and committed secrets."""
from __future__ import annotations

import json

import pytest


from scopelint.extractors.documents import contentcli
from scopelint.model import FileFacts
from tests.conftest import extract
from scopelint.reporters import Context, render
from tests.conftest import triples

SECRET = "Zq8x7VbN3kLp9TmR2wYc4Hs6Jd1Fg5Ae"
TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjb250ZW50LWNsaSJ9.Tq7vN2kXpL9wR4mB8yC3hF6jD1sA0gE5uZ-oT2iKwMx"

PROFILE = """
{
  "name": "prod-export",
  "team": "https://acme.eu-1.celonis.cloud",
  "type": "Client Credentials",
  "authenticationType": "Bearer",
  "clientId": "5e1f3b0c-7d0a-4f7e-9a51-2f0c8f6d4b11",
  "clientSecret": "%s",
  "scopes": [%s],
  "clientAuthenticationMethod": "client_secret_post",
  "apiToken": "%s",
  "expiresAt": 1733400000
}
"""


def profile(secret: str = "", scopes: str = '"studio", "package-manager"', token: str = "") -> str:
    return PROFILE % (secret, scopes, token)


def facts(path: str, text: str) -> FileFacts:
    return extract(path, text, contentcli)


def test_oauth_profile_is_a_client():
    f = facts(".celonis-content-cli-profiles/prod.json", profile())
    [client] = f.clients
    assert (client.name, client.origin, client.loc.line, client.loc.col) == ("prod-export", "content-cli", 2, 12)
    assert client.auth_method.value == "client_secret_post"
    assert [(r.name, r.loc.line, r.loc.col, r.loc.end_col) for r in client.scope_refs] == [
        ("studio", 8, 15, 21), ("package-manager", 8, 25, 40)]
    assert f.secrets == [] and f.auth_headers == []


def test_profile_secrets_are_located_and_never_kept():
    f = facts(".celonis-content-cli-profiles/prod.json", profile(SECRET, token=TOKEN))
    assert sorted((s.kind, s.name, s.loc.line, s.loc.col, s.loc.end_col) for s in f.secrets) == [
        ("access token", "apiToken", 10, 16, 16 + len(TOKEN)), ("client secret", "clientSecret", 7, 20, 52)]
    assert SECRET not in repr(f) and TOKEN not in repr(f)


@pytest.mark.parametrize("auth, want", [
    pytest.param("AppKey", [("AppKey", 5, 26)], id="app-key"),
    pytest.param("Bearer", [("api-key", 4, 12)], id="user-api-key"),
])
def test_key_profile(auth, want):
    text = json.dumps({"name": "legacy", "team": "https://acme.eu-1.celonis.cloud", "type": "Key",
                       "authenticationType": auth, "apiToken": SECRET}, indent=2)
    f = facts(".celonis-content-cli-profiles/legacy.json", text)
    assert f.clients == []  # not an OAuth client
    assert [(h.kind, h.loc.line, h.loc.col) for h in f.auth_headers] == want
    assert [(s.kind, s.loc.line) for s in f.secrets] == [("API key", 6)]


def test_profile_outside_the_profile_folder_is_recognised_by_its_fields():
    f = facts("ops/celonis/dev-profile.json", profile())
    assert [c.name for c in f.clients] == ["prod-export"]


def test_other_json_is_not_a_profile():
    f = facts("package.json", '{"name": "app", "type": "module", "team": "core", "scopes": ["x"]}')
    assert f.is_empty()


def test_profile_without_name_takes_the_file_stem():
    f = facts(".celonis-content-cli-profiles/staging.json",
              '{"team": "https://acme.eu-1.celonis.cloud", "type": "Device Code", "scopes": ["studio"]}')
    assert [(c.name, c.loc.line, c.loc.col) for c in f.clients] == [("staging", 1, 1)]


def test_older_profile_without_scopes_is_unknown_not_empty():
    f = facts(".celonis-content-cli-profiles/old.json",
              '{"name": "old", "team": "https://acme.eu-1.celonis.cloud", "type": "Device Code"}')
    [client] = f.clients
    assert client.scopes is not None and not client.scopes.valid and client.scope_refs == ()


def test_malformed_profile_is_invalid_input():
    f = facts(".celonis-content-cli-profiles/broken.json", '{"name": "x", "team": "https://a.celonis.cloud",\n')
    assert [(p.kind, p.loc.line) for p in f.problems] == [("invalid", 2)]
    assert f.problems[0].message.startswith("content-cli profile: invalid JSON")


# end to end -----------------------------------------------------------------------------------

@pytest.mark.parametrize("files, want", [
    pytest.param({".celonis-content-cli-profiles/p.json": profile(scopes='"studio.spaces", "package-manager"')},
                 [("SL003", 8, 15)], id="SL003-retired"),
    pytest.param({".celonis-content-cli-profiles/p.json": profile(scopes="")}, [("SL015", 8, 13)], id="SL015-empty"),
    pytest.param({".celonis-content-cli-profiles/p.json": profile().replace("https://", "http://")},
                 [("SL014", 3, 12)], id="SL014-http-team"),
    pytest.param({".celonis-content-cli-profiles/k.json": json.dumps(
        {"name": "k", "team": "https://acme.eu-1.celonis.cloud", "type": "Key", "authenticationType": "AppKey"})},
        [("SL018", 1, 96)], id="SL018-app-key"),
    pytest.param({".celonis-content-cli-profiles/p.json": profile().replace("client_secret_post", "private_key_jwt")},
                 [("SL011", 9, 34)], id="SL011-auth-method"),
    pytest.param({".celonis-content-cli-profiles/p.json": '{"name": "x", "team": "https://acme.eu-1.celonis.cloud",,}'},
                 [("SL000", 1, 57)], id="SL000-malformed"),
    pytest.param({".celonis-content-cli-profiles/p.json": profile("${CONTENT_CLI_SECRET}")}, [], id="clean-placeholder"),
])
def test_findings(lint_tree, files, want):
    assert triples(lint_tree(files).findings) == want


def test_committed_secret_is_reported_never_printed(lint_tree):
    result = lint_tree({".celonis-content-cli-profiles/prod.json": profile(SECRET)})
    assert triples(result.findings) == [("SL012", 7, 20)]
    assert result.findings[0].message == "hard-coded client secret in 'clientSecret'"
    for fmt in ("text", "json"):
        out = render(fmt, result, Context())
        assert "SL012" in out and SECRET not in out
