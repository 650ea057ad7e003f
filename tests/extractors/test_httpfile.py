"""HTTP request files of the VS Code REST Client and JetBrains' HTTP Client (``documents.httpfile``)."""
from __future__ import annotations

from scopelint.extractors import for_path
from scopelint.extractors.documents import httpfile
from scopelint.model import FileFacts

from conftest import extract, text_at

SECRET = "nj1YybfVH3CPZnnYBUxmvP0oEcqvsvKzEPP1u9nV"

CELONIS = f"""@team = https://acme.eu-1.celonis.cloud
@clientId = 7f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b
@clientSecret = {SECRET}
@token_url = {{{{team}}}}/oauth2/token

# @name token
POST {{{{token_url}}}}
Content-Type: application/x-www-form-urlencoded

grant_type=client_credentials&client_id={{{{clientId}}}}&client_secret={{{{clientSecret}}}}
&scope=studio integration.datapools

###

GET {{{{team}}}}/integration/api/pools
    ?limit=10
Authorization: Bearer {{{{token.response.body.access_token}}}}
"""


def facts_of(path: str, text: str) -> FileFacts:
    return extract(path, text, httpfile, dedent=False)


def test_a_token_request_and_a_call_with_file_variables_put_in():
    facts = facts_of("api/celonis.http", CELONIS)
    (req,) = facts.token_requests
    assert req.url == "https://acme.eu-1.celonis.cloud/oauth2/token"
    assert [(r.name, r.loc.line, text_at(CELONIS, r.loc)) for r in req.scopes.refs] == [
        ("studio", 11, "studio"), ("integration.datapools", 11, "integration.datapools")]
    assert req.grant_type.value == "client_credentials"
    assert [(c.method, c.path, c.loc.line) for c in facts.api_calls] == [("GET", "/integration/api/pools", 15)]
    # the secret where the variable holds it
    assert {(s.loc.line, text_at(CELONIS, s.loc)) for s in facts.secrets} == {(3, SECRET)}


def test_one_finding_for_a_secret_a_variable_holds(lint_tree):
    result = lint_tree({"api/celonis.http": CELONIS})
    assert [(f.code, f.loc.line, f.loc.col) for f in result.findings if f.code in ("SL001", "SL012")] == [
        ("SL012", 3, 17), ("SL001", 11, 15)]


def test_references_and_another_providers_requests_say_nothing():
    entra = """@clientSecret = {{$dotenv ENTRA_SECRET}}
POST https://login.microsoftonline.com/tenant/oauth2/v2.0/token
Content-Type: application/x-www-form-urlencoded

grant_type=client_credentials&client_id=abc&client_secret={{clientSecret}}&scope=https://graph.microsoft.com/.default
"""
    facts = facts_of("api/entra.http", entra)
    assert (facts.token_requests, facts.secrets, facts.scope_vars) == ([], [], [])
    # a Celonis token request whose secret comes from the environment: no secret, scopes read
    from_env = CELONIS.replace(f"@clientSecret = {SECRET}", "@clientSecret = {{$processEnv CELONIS_SECRET}}")
    facts = facts_of("api/celonis.http", from_env)
    assert facts.secrets == [] and len(facts.token_requests) == 1


def test_json_bodies_and_the_suffixes_claimed():
    text = """POST https://acme.eu-1.celonis.cloud/oauth2/token
Content-Type: application/json

{"grant_type": "client_credentials", "scope": "studio.packages"}
"""
    (req,) = facts_of("t.rest", text).token_requests
    assert [(r.name, r.loc.line) for r in req.scopes.refs] == [("studio.packages", 4)]
    assert [k.name for k in for_path("requests/api.http")] == ["httpfile"]


JETBRAINS = """< {%
    request.variables.set("team", "https://acme.eu-1.celonis.cloud");
%}
POST https://acme.eu-1.celonis.cloud/oauth2/token
Content-Type: application/x-www-form-urlencoded

grant_type=client_credentials&scope=integration.data-pools:data_push

> {%
    client.global.set("access_token", response.body.access_token);
%}

###
POST https://acme.eu-1.celonis.cloud/oauth2/token
Content-Type: application/json

{"grant_type": "client_credentials", "scope": "studio.packages:read"}
> {% client.global.set("token", response.body.access_token); %}
>> token.json

###
POST https://acme.eu-1.celonis.cloud/integration/api/v1/data-push/abc/jobs/
Authorization: Bearer {{access_token}}
"""


def test_jetbrains_scripts_are_no_part_of_a_request():
    # the response handler after a body, one line or several, and a pre-request script above the request
    # line: JavaScript the client runs; the body ends at the handler, the request line is the one after the script
    facts = facts_of("http-client/authentication.http", JETBRAINS)
    assert [[(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] for req in facts.token_requests] == [
        [("integration.data-pools:data_push", 7, 37)], [("studio.packages:read", 17, 48)]]
    assert [(c.method, c.loc.line) for c in facts.api_calls] == [("POST", 22)]
    assert facts.secrets == [] and facts.scope_vars == []


def test_a_session_token_pasted_into_a_request_file_for_another_service_is_no_secret(lint_tree):
    """A request file is written to be sent by hand: a Bearer or refresh token pasted from a session of
    another service (expired within hours) is left alone, as one in a comment is. A client secret or key
    there, or anything sent to Celonis, is still reported."""
    found = lint_tree({
        "admin/OAuth2UserController.http": (
            "### get the user\n"
            "GET {{baseUrl}}/system/oauth2/user/get\n"
            "Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0\n"
            "\n"
            "### refresh\n"
            "POST {{baseUrl}}/system/oauth2/token\n"
            "Content-Type: application/x-www-form-urlencoded\n"
            "\n"
            "grant_type=refresh_token&refresh_token=0a1b2c3d4e5f60718293a4b5c6d7e8f9&client_id=default\n"
            "\n"
            "### the shop's key\n"
            "GET {{baseUrl}}/shop/items\n"
            "X-API-KEY: Zq8x7VbN3kLp9TmR2wYc4Hs6Jd1Fg5Ae\n"),
        "celonis/pools.http": (
            "GET https://acme.eu-1.celonis.cloud/integration/api/pools\n"
            "Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0\n")}).findings
    assert sorted((f.loc.path, f.code, f.loc.line) for f in found) == [
        ("admin/OAuth2UserController.http", "SL012", 13), ("celonis/pools.http", "SL012", 2)]


def test_akamai_edgegrid_s_documented_sample_credentials_are_nobodys(lint_tree):
    sample = ("const eg = new EdgeGrid({\n"
              "  clientToken: 'akab-c113ntt0k3n4qtari252bfxxbsl-yvsdj',\n"
              "  clientSecret: 'C113nt53KR3TN6N90yVuAgICxIRwsObLi0E67/N8eRN=',\n"
              "  accessToken: 'akab-acc35t0k3nodujqunph3w7hzp7-gtm6ij',\n"
              "  host: 'akab-h05tnam3wl42son7nktnlnnx-kbob3i3v.luna.akamaiapis.net',\n"
              "});\n")
    real = sample.replace("C113nt53KR3TN6N90yVuAgICxIRwsObLi0E67/N8eRN=", "Q7zRk2PmW9xLc4VtN8bJh3Ds6FgY1aEu0oIq5TnBw+M=")
    found = lint_tree({"examples/edgegrid.js": sample, "deploy/edgegrid.js": real}).findings
    assert [(f.loc.path, f.code, f.loc.line) for f in found] == [("deploy/edgegrid.js", "SL012", 3)]
