"""Shell, curl, PowerShell, batch and Makefile recipes: token requests, API calls, secrets,
headers and TLS switches with exact positions, and findings end to end."""
from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scopelint.extractors import Source

from scopelint.extractors.shell import scripts as shell
from scopelint.extractors.recognition.secrets import looks_like_secret
from scopelint.model import FileFacts
from tests.conftest import extract
from scopelint.reporters import Context, render
from tests.conftest import request_scopes, triples

SECRET = "Zk3mQ9vX2bR7tY5wP1nL8hJ4"
# the request printed on the Celonis docs page ("This configuration gives you an OAuth request such as:")
DOCS_CURL = """\
curl --request POST \\
  --url https://<team>.<cluster>.celonis.cloud/oauth2/token \\
  --header 'content-type: multipart/form-data' \\
  --form client_id=<client id> \\
  --form client_secret=<client secret> \\
  --form grant_type=client_credentials \\
  --form scope=<scope1 scope2 scopeN>
"""


def facts(text: str, path: str = "scripts/token.sh") -> FileFacts:
    return extract(path, text, shell)


def secrets(f: FileFacts) -> list[tuple[str, str, int, int, int, bool]]:
    return sorted((s.kind, s.name, s.loc.line, s.loc.col, s.loc.end_col, s.in_url) for s in f.secrets)


@pytest.mark.parametrize("path, claimed", [
    pytest.param("scripts/token.sh", True, id="sh"),
    pytest.param("token.bash", True, id="bash"),
    pytest.param("token.zsh", True, id="zsh"),
    pytest.param("token.ksh", True, id="ksh"),
    pytest.param("Get-Token.ps1", True, id="ps1"),
    pytest.param("Celonis.psm1", True, id="psm1"),
    pytest.param("run.bat", True, id="bat"),
    pytest.param("run.cmd", True, id="cmd"),
    pytest.param("Makefile", True, id="makefile"),
    pytest.param("build/rules.mk", True, id="mk"),
    pytest.param(".envrc", True, id="direnv"),
    pytest.param("bin/celonis-token", True, id="no-extension"),
    pytest.param("Dockerfile", False, id="dockerfile"),
    pytest.param("README.md", False, id="markdown"),
    pytest.param(".bashrc", False, id="dotfile"),
])
def test_claims(path, claimed):
    assert shell.claims(path) is claimed


def test_file_without_extension_needs_a_shell_shebang():
    text = "curl -k https://acme.eu-1.celonis.cloud/integration/api/pools\n"
    assert facts(text, "bin/tool").insecure == []
    assert [i.kind for i in facts("#!/usr/bin/env bash\n" + text, "bin/tool").insecure] == ["tls-off"]


# token requests -------------------------------------------------------------------------------

def test_docs_example_has_no_secret_and_unresolved_scopes():
    f = facts(DOCS_CURL)
    (req,) = f.token_requests
    assert (req.loc.line, req.loc.col, req.url, req.scopes, req.auth_style) == (1, 1, None, None, "post")
    assert (req.grant_type.value, req.grant_type.loc.line, req.grant_type.loc.col) == ("client_credentials", 6, 21)
    assert f.secrets == [] and f.insecure == []


def test_docs_example_with_real_scopes():
    f = facts(DOCS_CURL.replace("<scope1 scope2 scopeN>", "'studio integration.data-pools'"))
    assert request_scopes(f) == [[("studio", 7, 17, 23), ("integration.data-pools", 7, 24, 46)]]
    assert f.secrets == []


@pytest.mark.parametrize("text, want", [
    pytest.param("""
        curl -s -X POST "https://acme.eu-1.celonis.cloud/oauth2/token" \\
          -u "$CELONIS_CLIENT_ID:$CELONIS_CLIENT_SECRET" \\
          -d grant_type=client_credentials -d scope=integration.data-pools:data_push
        """, [[("integration.data-pools:data_push", 3, 45, 77)]], id="data-unquoted"),
    pytest.param("""
        curl "$CELONIS_URL/oauth2/token" --data-urlencode "scope=studio integration.data-pools"
        """, [[("studio", 1, 58, 64), ("integration.data-pools", 1, 65, 87)]], id="data-urlencode-spaces"),
    pytest.param("""
        curl "$TEAM_URL/oauth2/token" -d 'grant_type=client_credentials&scope=studio+package-manager'
        """, [[("studio", 1, 71, 77), ("package-manager", 1, 78, 93)]], id="form-encoded-plus"),
    pytest.param("""
        curl -X POST "https://$TEAM.$REALM.celonis.cloud/oauth2/token?grant_type=client_credentials&scope=audit.log:read"
        """, [[("audit.log:read", 1, 99, 113)]], id="query-string"),
    pytest.param("""
        curl --json '{"grant_type": "client_credentials", "scope": "studio"}' "$CELONIS_URL/oauth2/token"
        """, [[("studio", 1, 61, 67)]], id="json-body"),
    pytest.param("""
        SCOPE="studio integration.data-pools"
        export TOKEN_URL=${CELONIS_URL}/oauth2/token
        curl -F "scope=${SCOPE}" -F grant_type=client_credentials "$TOKEN_URL"
        """, [[("studio", 1, 8, 14), ("integration.data-pools", 1, 15, 37)]], id="variables-resolved"),
    pytest.param("""
        curl -F "scope=$CELONIS_SCOPE" "$CELONIS_URL/oauth2/token"
        """, [None], id="unset-variable-unresolved"),
    pytest.param("""
        curl -d grant_type=client_credentials -u "$ID:$SECRET" "$CELONIS_URL/oauth2/token"
        """, [[]], id="no-scope-sent"),
    pytest.param("""
        curl -d @body.txt "$CELONIS_URL/oauth2/token"
        """, [None], id="body-from-file"),
    pytest.param("""
        curl -d "grant_type=client_credentials&client_id=$ID" "$CELONIS_URL/oauth2/token"
        """, [[]], id="unresolved-values-still-no-scope"),
    pytest.param("""
        curl -d "grant_type=client_credentials&$EXTRA_FIELDS" "$CELONIS_URL/oauth2/token"
        """, [None], id="unresolved-fields-may-hold-scope"),
    pytest.param("""
        TOKEN=$(curl -s "$CELONIS_URL/oauth2/token" -d "scope=studio" | jq -r .access_token)
        """, [[("studio", 1, 55, 61)]], id="inside-command-substitution"),
    pytest.param("""
        curl -d "scope=tasks:read" -u "$ID:$SECRET" https://auth.example.com/oauth2/token
        curl -d "scope=openid" https://login.microsoftonline.com/$TENANT/oauth2/token
        """, [], id="other-providers"),
])
def test_curl_token_request_scopes(text, want):
    assert request_scopes(facts(text)) == want


def test_unresolved_team_url_is_celonis_but_not_insecure():
    f = facts('curl -d "scope=studio" "https://$TEAM.$REALM.celonis.cloud/oauth2/token"\n')
    assert [(r.url, r.loc.col) for r in f.token_requests] == [(None, 1)] and f.insecure == []


@pytest.mark.parametrize("text, path, want", [
    pytest.param("""
        $Body = "grant_type=client_credentials&client_id=$Id&client_secret=$Secret&scope=studio integration.data-pools"
        Invoke-RestMethod -Uri "$env:CELONIS_URL/oauth2/token" -Method Post -Body $Body
        """, "get-token.ps1", [[("studio", 1, 82, 88), ("integration.data-pools", 1, 89, 111)]], id="ps-body-string"),
    pytest.param("""
        $Scope = 'integration.data-pools:data_push'
        $resp = Invoke-WebRequest -Uri "https://$Team.eu-1.celonis.cloud/oauth2/token" -Method Post -Body @{
            grant_type = 'client_credentials'
            scope      = $Scope
        }
        """, "get-token.ps1", [[("integration.data-pools:data_push", 1, 11, 43)]], id="ps-hashtable"),
    pytest.param("""
        irm `
          -Uri "$CelonisUrl/oauth2/token" `
          -Method Post `
          -Body @{ grant_type = "client_credentials"; scope = "studio" }
        """, "t.ps1", [[("studio", 4, 56, 62)]], id="ps-backtick-continuation"),
    pytest.param("""
        @echo off
        set "CELONIS_SCOPE=studio integration.data-pools"
        curl -d grant_type=client_credentials -d "scope=%CELONIS_SCOPE%" ^
          %CELONIS_URL%/oauth2/token
        """, "token.cmd", [[("studio", 2, 20, 26), ("integration.data-pools", 2, 27, 49)]], id="batch"),
    pytest.param("""
        SCOPE := studio integration.data-pools
        token:
        \t@curl -d grant_type=client_credentials -d "scope=$(SCOPE)" $(CELONIS_URL)/oauth2/token
        """, "Makefile", [[("studio", 1, 10, 16), ("integration.data-pools", 1, 17, 39)]], id="makefile"),
])
def test_other_dialects(text, path, want):
    assert request_scopes(facts(text, path)) == want


TOKEN_URI = 'Invoke-RestMethod -Method Post -Uri "https://acme.eu-1.celonis.cloud/oauth2/token" -Body $body\n'


@pytest.mark.parametrize("text, want", [
    # PowerShell token bodies are built in steps as often as written at once
    pytest.param("$body = [ordered]@{ grant_type = 'client_credentials'; scope = 'studio' }\n", [[("studio", 1, 65, 71)]],
                 id="ordered"),
    pytest.param("$body = @{ grant_type = 'client_credentials' }\n$body.scope = 'studio'\n", [[("studio", 2, 16, 22)]],
                 id="member"),
    pytest.param("$body = @{ grant_type = 'client_credentials' }\n$body['scope'] = 'studio'\n", [[("studio", 2, 19, 25)]],
                 id="index"),
    pytest.param("$body = @{ grant_type = 'client_credentials' }\n$body.Add('scope', 'studio')\n",
                 [[("studio", 2, 21, 27)]], id="add"),
    pytest.param('$scopes = "studio"\n$body = "grant_type=client_credentials"\n$body += "&scope=$($scopes)"\n',
                 [[("studio", 1, 12, 18)]], id="string-appended"),
    pytest.param("param(\n    [Parameter()][string]$Scope = 'studio'\n)\n"
                 "$body = @{ grant_type = 'client_credentials'; scope = $Scope }\n", [[("studio", 2, 36, 42)]],
                 id="param-default"),
    # set in the two branches of an if, set by a name not known, rebuilt by a command: not known
    pytest.param("$body = @{ grant_type = 'client_credentials' }\n"
                 "if ($env:CELONIS_SCOPE) { $body.Add('scope', $env:CELONIS_SCOPE) } else { $body.Add('scope', 'studio') }\n",
                 [None], id="if-else"),
    pytest.param("$body = @{ grant_type = 'client_credentials' }\n$body.Add($key, 'studio')\n", [None],
                 id="key-not-known"),
    pytest.param('$body = "grant_type=client_credentials"\n$body += Get-Scopes\n', [None], id="appended-command"),
    pytest.param('$body = "grant_type=client_credentials&scope=studio"\n$body = Get-Content body.txt -Raw\n', [None],
                 id="replaced"),
    # a body without a scope stays one
    pytest.param("$body = @{ grant_type = 'client_credentials' }\n$body.client_id = $env:CID\n", [[]], id="no-scope"),
])
def test_a_powershell_body_built_in_steps(text, want):
    assert request_scopes(facts(text + TOKEN_URI, "scripts/Get-Token.ps1")) == want


# scope variables ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, path, want", [
    pytest.param('export CELONIS_SCOPE="studio integration.data-pools"\n', "env.sh",
                 [("studio", 1, 23, 29), ("integration.data-pools", 1, 30, 52)], id="export"),
    pytest.param('SCOPE="${CELONIS_OAUTH_SCOPE:-mcp-asset.tools:execute}"\n', "env.sh",
                 [("mcp-asset.tools:execute", 1, 31, 54)], id="default-of-celonis-variable"),
    pytest.param("$env:CELONIS_SCOPE = 'studio'\n", "env.ps1", [("studio", 1, 23, 29)], id="ps-env"),
    pytest.param("$s = $env:CELONIS_OAUTH_SCOPE ?? 'audit.log:read'\n", "env.ps1", [("audit.log:read", 1, 35, 49)],
                 id="ps-env-default"),
    pytest.param("SCOPE=studio\nGOOGLE_SCOPES=openid\n", "env.sh", [], id="not-celonis-names"),
])
def test_scope_variables(text, path, want):
    f = facts(text, path)
    assert [(r.name, r.loc.line, r.loc.col, r.loc.end_col) for s in f.scope_vars for r in s.refs] == want


# API calls ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, path, want", [
    pytest.param('curl -H "Authorization: Bearer $TOKEN" "$CELONIS_URL/integration/api/pools"\n', "a.sh",
                 [("GET", "/integration/api/pools", 1, 53)], id="curl-get"),
    pytest.param("curl -X DELETE https://acme.eu-1.celonis.cloud/package-manager/api/nodes/$ID\n", "a.sh",
                 [("DELETE", "/package-manager/api/nodes/{x}", 1, 47)], id="curl-method"),
    pytest.param("curl -d @rows.json $CELONIS_URL/integration/api/v1/data-push/$POOL/jobs/\n", "a.sh",
                 [("POST", "/integration/api/v1/data-push/{x}/jobs/", 1, 32)], id="curl-data-means-post"),
    pytest.param('Invoke-RestMethod -Method Put -Uri "$BaseUrl/intelligence/api/knowledge-models/$Km"\n', "a.ps1",
                 [("PUT", "/intelligence/api/knowledge-models/{x}", 1, 45)], id="irm"),
    pytest.param("curl https://api.github.com/integration/api/pools\ncurl http://localhost:8080/health\n", "a.sh", [],
                 id="not-celonis"),
])
def test_api_calls(text, path, want):
    assert [(c.method, c.path, c.loc.line, c.loc.col) for c in facts(text, path).api_calls] == want


# secrets, headers, TLS --------------------------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    pytest.param(f"curl -d client_secret={SECRET} -d scope=studio $CELONIS_URL/oauth2/token\n",
                 [("client secret", "client_secret", 1, 23, 47, False)], id="data-field"),
    pytest.param(f'curl -u "my-client:{SECRET}" $CELONIS_URL/oauth2/token\n',
                 [("client secret", "--user", 1, 20, 44, False)], id="user"),
    pytest.param(f"curl -H 'Authorization: AppKey {SECRET}' $CELONIS_URL/integration/api/pools\n",
                 [("API key", "Authorization", 1, 32, 56, False)], id="appkey-header"),
    pytest.param(f'curl -H "Authorization: Bearer {SECRET}" https://acme.eu-1.celonis.cloud/api/cloud\n',
                 [("access token", "Authorization", 1, 32, 56, False)], id="bearer-header"),
    pytest.param(f"curl --oauth2-bearer {SECRET} https://acme.eu-1.celonis.cloud/api/cloud\n",
                 [("access token", "Authorization", 1, 22, 46, False)], id="oauth2-bearer"),
    pytest.param(f"export CELONIS_CLIENT_SECRET='{SECRET}'\n",
                 [("client secret", "CELONIS_CLIENT_SECRET", 1, 31, 55, False)], id="assignment"),
    pytest.param(f"curl 'https://acme.eu-1.celonis.cloud/oauth2/token?client_secret={SECRET}&scope=studio'\n",
                 [("client secret", "client_secret", 1, 66, 90, True)], id="query-string"),
    pytest.param(f"# curl -d client_secret={SECRET} ...\n", [("client secret", "client_secret", 1, 25, 49, False)],
                 id="comment"),
    pytest.param('curl -d client_secret=$CLIENT_SECRET -d "client_secret=${CLIENT_SECRET}" "$CELONIS_URL/oauth2/token"\n',
                 [], id="variables"),
    pytest.param('curl -u "$ID:$(vault read -field=secret kv/celonis)" "$CELONIS_URL/oauth2/token"\n', [],
                 id="command-substitution"),
    pytest.param("# client_secret=<client secret>\ncurl -u '<client id>:<client secret>' \"$CELONIS_URL/oauth2/token\"\n",
                 [], id="placeholders"),
    pytest.param("$h = @{ Authorization = \"AppKey $env:CELONIS_APP_KEY\" }\n", [], id="ps-env-key"),
])
def test_secrets(text, want):
    path = "a.ps1" if text.startswith("$") else "a.sh"
    assert secrets(facts(text, path)) == want


def test_appkey_header_is_key_auth_on_celonis_calls_only():
    f = facts('curl -H "Authorization: AppKey $KEY" "$CELONIS_URL/integration/api/pools"\n')
    assert [(h.kind, h.loc.line, h.loc.col, h.loc.end_col) for h in f.auth_headers] == [("AppKey", 1, 25, 36)]
    assert facts('curl -H "Authorization: AppKey $KEY" https://example.org/api\n').auth_headers == []


@pytest.mark.parametrize("text, path, want", [
    pytest.param("curl -sk https://acme.eu-1.celonis.cloud/integration/api/pools\n", "a.sh",
                 [("tls-off", 1, 6, "curl -k")], id="combined-short-flags"),
    pytest.param('curl --insecure "$CELONIS_URL/oauth2/token" -d scope=studio\n', "a.sh",
                 [("tls-off", 1, 6, "curl --insecure")], id="insecure"),
    pytest.param("curl -k https://localhost:8443/health\n", "a.sh", [], id="not-celonis"),
    pytest.param('curl "http://acme.eu-1.celonis.cloud/oauth2/token" -d scope=studio\n', "a.sh",
                 [("http-url", 1, 7, "http://acme.eu-1.celonis.cloud/oauth2/token")], id="http"),
    pytest.param('curl -d scope=studio "https://acme.celonis.cloud/oauth/token2"\n', "a.sh", [], id="not-a-token-url"),
    pytest.param('curl -d scope=studio "https://acme.celonis.cloud/api/oauth2/token"\n', "a.sh",
                 [("bad-token-url", 1, 23, "https://acme.celonis.cloud/api/oauth2/token")], id="bad-token-url"),
    pytest.param('Invoke-RestMethod -Uri "$env:CELONIS_URL/api/cloud" -SkipCertificateCheck\n', "a.ps1",
                 [("tls-off", 1, 53, "-SkipCertificateCheck")], id="ps-skip-certificate-check"),
])
def test_insecure(text, path, want):
    assert [(i.kind, i.loc.line, i.loc.col, i.detail) for i in facts(text, path).insecure] == want


# robustness -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, path", [
    pytest.param("$(" * 20000, "a.sh", id="nested-substitutions"),
    pytest.param("${" * 20000, "a.sh", id="nested-braces"),
    pytest.param("X=a\n" + "X=$X$X$X\n" * 60 + "curl $X\n", "a.sh", id="tripling-variable"),
    pytest.param("curl " + "-d scope=x " * 20000, "a.sh", id="long-command"),
    pytest.param("<<EOF\n" * 20000, "a.sh", id="heredocs"),
    pytest.param("@{" * 20000, "a.ps1", id="ps-nested-tables"),
    pytest.param("`\n" * 50000, "a.ps1", id="ps-continuations"),
    pytest.param("%" * 50000 + "^" * 50000, "a.cmd", id="batch-escapes"),
    pytest.param("$(" * 20000, "Makefile", id="make-nested"),
])
def test_pathological_input_is_fast(text, path):
    start = time.perf_counter()
    facts(text, path)
    assert time.perf_counter() - start < 10


PIECES = st.sampled_from(["curl ", "-d ", "-F ", "-k ", "-u ", "-H ", "scope=", "client_secret=", "'", '"', "`", "\\", "\n",
                          " ", "$", "${", "}", "$(", ")", "(", "@{", "=", ";", "|", "#", "<", ">", "<<EOF\n", "%", "^",
                          "studio", SECRET, "$CELONIS_URL/oauth2/token", "https://a.eu-1.celonis.cloud/integration/api/pools",
                          "Invoke-RestMethod ", "-Uri ", "-Body ", "Authorization: AppKey ", "SCOPE="])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join), st.sampled_from(["a.sh", "a.ps1", "a.cmd", "Makefile"]))
def test_any_text_gives_facts_inside_the_text(text, path):
    f = FileFacts(path)
    shell.extract(Source(path, text), f)
    lines = text.splitlines() or [""]
    refs = [r.loc for r in f.token_requests if r.scopes for r in r.scopes.refs]
    for loc in [s.loc for s in f.secrets] + [c.loc for c in f.api_calls] + [i.loc for i in f.insecure] + refs:
        assert 1 <= loc.line <= len(lines) and 1 <= loc.col <= len(lines[loc.line - 1]) + 1
    for s in f.secrets:
        if s.loc.end_line == s.loc.line:
            # a shell word may join quoted parts (abc'def'): the secret is the word without its quotes
            word = lines[s.loc.line - 1][s.loc.col - 1:s.loc.end_col - 1]
            assert looks_like_secret(word.replace("'", "").replace('"', ""))


# end to end -----------------------------------------------------------------------------------

@pytest.mark.parametrize("files, want", [
    pytest.param({"token.sh": 'curl "$CELONIS_URL/oauth2/token" -F grant_type=client_credentials '
                              '-F "scope=studio integration.datapools"\n'}, [("SL001", 1, 84)], id="SL001-typo-in-curl"),
    pytest.param({"token.ps1": "$b = @{ grant_type = 'client_credentials'; scope = 'studio,integration.data-pools' }\n"
                               'Invoke-RestMethod -Uri "$env:CELONIS_URL/oauth2/token" -Method Post -Body $b\n'},
                 [("SL002", 1, 53)], id="SL002-comma-in-powershell"),
    pytest.param({"leak.sh": f"curl -X POST 'https://acme.eu-1.celonis.cloud/oauth2/token?grant_type=client_credentials"
                             f"&client_secret={SECRET}&scope=studio'\n"}, [("SL013", 1, 104)], id="SL013-secret-in-url"),
    pytest.param({"http.sh": "curl -d scope=studio http://acme.eu-1.celonis.cloud/oauth2/token\n"
                             "curl -k https://acme.eu-1.celonis.cloud/api/cloud\n"},
                 [("SL014", 1, 22), ("SL014", 2, 6)], id="SL014-http-and-insecure"),
    pytest.param({"key.sh": 'curl -H "Authorization: AppKey $CELONIS_APP_KEY" "$CELONIS_URL/api/cloud"\n'},
                 [("SL018", 1, 25)], id="SL018-appkey"),
    pytest.param({"docs.sh": DOCS_CURL}, [], id="clean-docs-example"),
    pytest.param({"README.sh": "#!/bin/sh\n# Configure: export CELONIS_CLIENT_SECRET=<client secret>\n"
                               "# then: curl -u \"$CELONIS_CLIENT_ID:$CELONIS_CLIENT_SECRET\" ...\n"}, [],
                 id="clean-readme-comment"),
])
def test_findings(lint_tree, files, want):
    assert triples(lint_tree(files).findings) == want


WGET = ("#!/bin/sh\nCELONIS_URL=\"https://acme.eu-1.celonis.cloud\"\n"
        "wget -qO- --post-data 'grant_type=client_credentials&scope=studio.spaces' \\\n"
        "  --user push --password=%s \"$CELONIS_URL/oauth2/token\"\n"
        "wget -q --no-check-certificate --header='Authorization: AppKey %s' \"$CELONIS_URL/integration/api/pools\"\n"
        % (SECRET, SECRET[::-1]))


def test_wget_requests_are_read_as_curls_are(lint_tree):
    """busybox and Alpine images carry wget, not curl: its body, Basic password, headers and certificate
    switch, each where the script writes it, with options given as the next word or after "="."""
    found = triples(lint_tree({"token.sh": WGET}).findings)
    line3, line4, line5 = WGET.split("\n")[2:5]
    assert found == [("SL003", 3, line3.index("studio.spaces") + 1), ("SL012", 4, line4.index(SECRET) + 1),
                     ("SL014", 5, line5.index("--no-check") + 1), ("SL018", 5, line5.index("AppKey") + 1),
                     ("SL012", 5, line5.index(SECRET[::-1]) + 1)]


@pytest.mark.parametrize("change", [
    pytest.param(("https://acme.eu-1.celonis.cloud", "https://acme.okta.com/oauth2/default/v1"), id="another-provider"),
    pytest.param(("--post-data 'grant_type=client_credentials&scope=studio.spaces'", "--post-file body.txt"),
                 id="a-body-read-from-a-file"),
])
def test_wget_lookalikes_say_nothing_of_scopes(lint_tree, change):
    text = WGET.replace(*change).replace(f"--password={SECRET}", '--password="$SECRET"').replace(SECRET[::-1], "$KEY")
    assert [t for t in triples(lint_tree({"token.sh": text}).findings) if t[0] in ("SL001", "SL003", "SL015", "SL012")] == []


def test_docs_example_with_a_real_secret_never_prints_it(lint_tree):
    result = lint_tree({"token.sh": DOCS_CURL.replace("<client secret>", SECRET)})
    assert triples(result.findings) == [("SL012", 5, 24)]
    finding = result.findings[0]
    assert "client_secret" in finding.message and SECRET not in finding.message and SECRET not in finding.snippet
    for fmt in ("text", "json"):
        out = render(fmt, result, Context())
        assert "SL012" in out and SECRET not in out
    assert SECRET not in json.dumps([f.to_dict() for f in result.findings])


@pytest.mark.parametrize("to, want", [
    ("https://login.microsoftonline.com/common/oauth2/v2.0/token", []),
    ("$CELONIS_URL/oauth2/token", [["openid", "email", "profile"]]),
])
def test_scopes_sent_to_another_providers_token_url_are_its_own(to, want):
    code = ('CELONIS_URL=https://acme.eu-1.celonis.cloud\nOAUTH_SCOPES="openid email profile"\n'
            f'curl -X POST "{to}" -d "grant_type=client_credentials&scope=$OAUTH_SCOPES"\n')
    found = facts(code)
    sent = [[r.name for r in s.refs] for s in found.scope_vars] + [[r.name for r in t.scopes.refs] for t in found.token_requests]
    assert sent == want


@pytest.mark.parametrize("path, text", [
    pytest.param("scripts/token.sh", 'curl -X POST "$CELONIS_TOKEN_URL" -d "grant_type=client_credentials&scope=integration.datapools"\n',
                 id="sh-setting"),
    pytest.param("scripts/token.ps1", '$TokenUrl = $env:CELONIS_TOKEN_URL\n'
                 '$body = "grant_type=client_credentials&scope=integration.datapools"\n'
                 'Invoke-RestMethod -Method Post -Uri $TokenUrl -Body $body\n', id="ps-env"),
    pytest.param("scripts/token.ps1", '$TokenUrl = $envVars["CELONIS_TOKEN_URL"]\n'
                 '$body = "grant_type=client_credentials&scope=integration.datapools"\n'
                 'Invoke-RestMethod -Method Post -Uri $TokenUrl -Body $body\n', id="ps-hashtable"),
])
def test_a_token_url_from_a_celonis_setting_sent_a_grant_type_is_a_token_request(path, text):
    """The token URL read from a setting named for Celonis (``CELONIS_TOKEN_URL``), posted a form that
    names a grant type: a Celonis token request, as in Python, whatever the URL's path."""
    found = facts(text, path)
    assert [[r.name for r in t.scopes.refs] for t in found.token_requests] == [["integration.datapools"]]


def test_another_providers_token_setting_sent_a_grant_type_is_not_celonis():
    found = facts('curl -X POST "$OKTA_TOKEN_URL" -d "grant_type=client_credentials&scope=okta.users.read"\n')
    assert (found.token_requests, found.scope_vars) == ([], [])


SPLAT = """\
$params = @{
    Uri                  = '%s'
    Method               = 'Post'
    Body                 = @{ grant_type = 'client_credentials'; scope = 'studio,package-manager' }
    SkipCertificateCheck = $true
}
$token = (Invoke-RestMethod @params).access_token
"""


@pytest.mark.parametrize("url, expected", [
    ("https://acme.eu-1.celonis.cloud/oauth2/token", [("SL002", 4), ("SL014", 5)]),
    ("https://dev-1.okta.com/oauth2/default/v1/token", []),  # another provider's: its scopes, its TLS
])
def test_a_splatted_hashtable_is_the_calls_parameters(lint_tree, url, expected):
    """``Invoke-RestMethod @params`` takes its Uri, Method, Body and switches from the hashtable."""
    found = lint_tree({"scripts/token.ps1": SPLAT % url}).findings
    assert sorted((f.code, f.loc.line) for f in found) == expected


SOURCED = {
    "ci/env.sh": """
        # shared settings
        export CELONIS_BASE_URL="https://acme.eu-1.celonis.cloud"
        export CELONIS_SCOPE="integration.data-pools"
        """,
    "ci/push.sh": """
        #!/usr/bin/env bash
        set -euo pipefail
        source ./env.sh
        TOKEN=$(curl -sS "${CELONIS_BASE_URL}/oauth2/token" -u "$CID:$CSECRET" \\
          --data-urlencode "grant_type=client_credentials" --data-urlencode "scope=${CELONIS_SCOPE}" | jq -r .access_token)
        curl -sS -X POST "${CELONIS_BASE_URL}/integration/api/v1/data-push/${POOL_ID}/jobs/" -H "Authorization: Bearer ${TOKEN}"
        """,
}


def test_a_sourced_file_gives_the_script_its_variables_where_they_are_written(lint_tree):
    result = lint_tree(SOURCED)
    # the token's scope is the sourced file's, judged by the script's one call
    assert [(f.code, f.loc.path, f.loc.line, f.loc.col) for f in result.findings] == [("SL004", "ci/env.sh", 3, 23)]
    assert "token request at ci/push.sh:4" in result.findings[0].message


def test_what_is_sourced_from_elsewhere_or_not_written_out_stays_unknown(lint_tree):
    for line in ('source "$(get_root)/env.sh"', ". /etc/profile.d/celonis.sh", "source ./missing.sh",
                 "source ../../outside.sh", 'source "$ENV_FILE"'):
        files = {**SOURCED, "ci/push.sh": SOURCED["ci/push.sh"].replace("source ./env.sh", line)}
        result = lint_tree(files)
        assert [f.code for f in result.findings] == [], line


@pytest.mark.parametrize("line", ['source "$(dirname "$0")/env.sh"',
                                  'SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"\nsource "${SCRIPT_DIR}/env.sh"',
                                  '. "$DIR/env.sh"'])
def test_a_file_sourced_from_the_scripts_own_folder(lint_tree, line):
    files = {**SOURCED, "ci/push.sh": SOURCED["ci/push.sh"].replace("source ./env.sh", line)}
    result = lint_tree(files)
    assert [(f.code, f.loc.path, f.loc.line) for f in result.findings] == [("SL004", "ci/env.sh", 3)]


def test_a_workflow_step_sources_from_the_repositorys_top(lint_tree):
    workflow = """
        on: push
        jobs:
          push:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  . ./ci/env.sh
                  TOKEN=$(curl -sS "${CELONIS_BASE_URL}/oauth2/token" -u "$CID:$CSECRET" -d grant_type=client_credentials -d "scope=${CELONIS_SCOPE}" | jq -r .access_token)
                  curl -sS -X POST "${CELONIS_BASE_URL}/integration/api/v1/data-push/${POOL_ID}/jobs/" -H "Authorization: Bearer ${TOKEN}"
        """
    result = lint_tree({"ci/env.sh": SOURCED["ci/env.sh"], ".github/workflows/push.yml": workflow})
    assert [(f.code, f.loc.path, f.loc.line) for f in result.findings] == [("SL004", "ci/env.sh", 3)]


# a GitHub Actions step sets a variable for the job's later steps by writing NAME=value to $GITHUB_ENV
EXPORTED_TOKEN = """
    on: push
    env:
      CELONIS_URL: https://acme.eu-1.celonis.cloud
    jobs:
      trigger:
        runs-on: ubuntu-latest
        steps:
          - name: Token
            run: |
              TOKEN=$(curl -sf -u "$CID:$CSECRET" -d grant_type=client_credentials -d scope="studio package-manager" "$CELONIS_URL/oauth2/token" | jq -r .access_token)
              echo "CELONIS_API_TOKEN=$TOKEN" >> "$GITHUB_ENV"
          - name: Trigger
            run: |
              curl -sf -X POST -H "Authorization: Bearer $CELONIS_API_TOKEN" "$CELONIS_URL/integration/api/v2/data-pools/${POOL}/data-jobs/${JOB}/execute"
    """


def test_a_token_a_workflow_step_hands_on_in_github_env_is_a_token_whatever_its_name(lint_tree):
    """``CELONIS_API_TOKEN`` is the name content-cli reads an API key from, but this one holds the
    token the step before got: no SL018, and the call is judged against the token's scopes."""
    result = lint_tree({".github/workflows/trigger.yml": EXPORTED_TOKEN})
    assert [(f.code, f.loc.line, f.loc.col, f.message.split(" (", 1)[0]) for f in result.findings] == [
        ("SL006", 10, 90, "scope 'studio' opens no API that the code of the token request at .github/workflows/trigger.yml:10 calls"),
        ("SL006", 10, 97, "scope 'package-manager' opens no API that the code of the token request at "
                          ".github/workflows/trigger.yml:10 calls"),
        ("SL005", 14, 87, "API call POST /integration/api/v2/data-pools/{x}/data-jobs/{x}/execute")]


def test_a_key_a_workflow_step_hands_on_in_github_env_is_still_a_key(lint_tree):
    stored = EXPORTED_TOKEN.replace(
        '''TOKEN=$(curl -sf -u "$CID:$CSECRET" -d grant_type=client_credentials -d scope="studio package-manager" "$CELONIS_URL/oauth2/token" | jq -r .access_token)
              echo "CELONIS_API_TOKEN=$TOKEN" >> "$GITHUB_ENV"''',
        '''echo "CELONIS_API_TOKEN=${{ secrets.CELONIS_API_KEY }}" >> "$GITHUB_ENV"''')
    assert [(f.code, f.loc.line, f.loc.col) for f in lint_tree({".github/workflows/trigger.yml": stored}).findings] \
        == [("SL018", 13, 47)]


def test_a_value_handed_on_in_github_env_stands_where_the_step_writes_it(lint_tree):
    workflow = """
        on: push
        jobs:
          push:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  echo "CELONIS_BASE=https://acme.eu-1.celonis.cloud" >> $GITHUB_ENV
                  echo "CELONIS_SCOPE=studio" >> $GITHUB_ENV
              - run: |
                  TOKEN=$(curl -sS "$CELONIS_BASE/oauth2/token" -u "$CID:$CSECRET" -d grant_type=client_credentials -d "scope=$CELONIS_SCOPE" | jq -r .access_token)
                  curl -sS -X POST "$CELONIS_BASE/integration/api/v1/data-push/${POOL_ID}/jobs/" -H "Authorization: Bearer $TOKEN"
          other:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  curl -sS -X POST "$CELONIS_BASE/integration/api/v1/data-push/${POOL_ID}/jobs/" -H "Authorization: Bearer $TOKEN"
        """
    found = lint_tree({".github/workflows/push.yml": workflow}).findings
    # the scope at line 8, where the first step writes it; the second step's token request is judged by
    # it; another job's step starts without it, so its call has no token request of its own
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == [("SL006", 8, 31), ("SL005", 11, 42), ("SL005", 16, 42)]
    assert "the token request at .github/workflows/push.yml:10 does not grant" in found[1].message
    assert "the scopes this code requests do not grant" in found[2].message


HANDED_ON_SCOPE = """
    on: push
    env:
      CELONIS_URL: https://acme.eu-1.celonis.cloud
    jobs:
      push:
        runs-on: ubuntu-latest
        steps:
          - shell: SHELL
            run: |
              WRITE
          - run: |
              TOKEN=$(curl -sS "$CELONIS_URL/oauth2/token" -u "$CID:$CSECRET" -d grant_type=client_credentials -d "scope=$CELONIS_SCOPE" | jq -r .access_token)
              curl -sS -X POST "$CELONIS_URL/integration/api/v1/data-push/${POOL_ID}/jobs/" -H "Authorization: Bearer $TOKEN"
    """


@pytest.mark.parametrize("shell, write, col", [
    # what a command pipes into tee, or PowerShell writes to $env:GITHUB_ENV, sets the variable as echo >> does
    pytest.param("bash", 'echo "CELONIS_SCOPE=studio" | tee -a "$GITHUB_ENV"', 31, id="tee-append"),
    pytest.param("bash", "echo CELONIS_SCOPE=studio | tee --append $GITHUB_ENV", 30, id="tee-long-option"),
    pytest.param("pwsh", '"CELONIS_SCOPE=studio" | Out-File -FilePath $env:GITHUB_ENV -Append -Encoding utf8', 26,
                 id="out-file"),
    pytest.param("pwsh", '"CELONIS_SCOPE=studio" | Out-File $env:GITHUB_ENV -Encoding utf8 -Append', 26,
                 id="out-file-positional"),
    pytest.param("pwsh", 'echo "CELONIS_SCOPE=studio" >> $env:GITHUB_ENV', 31, id="pwsh-redirect"),
    pytest.param("pwsh", 'Add-Content -Path $env:GITHUB_ENV -Value "CELONIS_SCOPE=studio"', 67, id="add-content"),
    pytest.param("pwsh", "Add-Content $Env:GITHUB_ENV 'CELONIS_SCOPE=studio'", 54, id="add-content-positional"),
])
def test_every_way_a_step_writes_to_github_env_hands_the_value_on(lint_tree, shell, write, col):
    workflow = HANDED_ON_SCOPE.replace("SHELL", shell).replace("WRITE", write)
    found = lint_tree({".github/workflows/push.yml": workflow}).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == [("SL006", 10, col), ("SL005", 13, 41)]
    assert "the token request at .github/workflows/push.yml:12 does not grant" in found[1].message


@pytest.mark.parametrize("shell, write", [
    # the value changed on its way, another file, the step's outputs: the later step's scopes stay unknown
    pytest.param("bash", 'echo "CELONIS_SCOPE=studio" | sed s/studio/integration.data-pools/ | tee -a "$GITHUB_ENV"',
                 id="filtered"),
    pytest.param("bash", 'echo "CELONIS_SCOPE=studio" | tee -a ci.env', id="other-file"),
    pytest.param("bash", 'echo "CELONIS_SCOPE=studio" >> "$GITHUB_OUTPUT"', id="step-output"),
    pytest.param("bash", 'echo "CELONIS_SCOPE=studio"\ntee -a "$GITHUB_ENV" < scopes.env', id="not-piped"),
    pytest.param("pwsh", '"CELONIS_SCOPE=studio" | Out-File -FilePath $env:GITHUB_OUTPUT -Append', id="pwsh-output"),
    pytest.param("pwsh", 'Write-Host "CELONIS_SCOPE=studio"', id="console"),
])
def test_what_a_step_does_not_write_to_github_env_is_not_handed_on(lint_tree, shell, write):
    workflow = HANDED_ON_SCOPE.replace("SHELL", shell).replace("WRITE", write.replace("\n", "\n              "))
    assert lint_tree({".github/workflows/push.yml": workflow}).findings == []


@pytest.mark.parametrize("command, called", [
    pytest.param("content-cli push package -f package_sales.zip --spaceKey sales", "content-cli push package",
                 id="push"),
    pytest.param("npx -y @celonis/content-cli pull analysis --id 7f3c2a9e", "@celonis/content-cli pull analysis",
                 id="npx"),
    pytest.param("./node_modules/.bin/content-cli list spaces --json", "./node_modules/.bin/content-cli list spaces",
                 id="local-bin"),
    # installing it, its profiles and its help call no API
    pytest.param("npm install -g @celonis/content-cli", None, id="install"),
    pytest.param("content-cli profile create --name ci", None, id="profile"),
    pytest.param("content-cli --version", None, id="version"),
    pytest.param("echo content-cli push package", None, id="echoed"),
])
def test_a_content_cli_command_is_a_call_whose_api_is_not_known(command, called):
    """content-cli calls the team's APIs with the token in CELONIS_API_TOKEN; which ones a command
    calls is not read, so a least-privilege conclusion must not claim to know every call."""
    f = facts(f'export CELONIS_URL="https://acme.eu-1.celonis.cloud"\n{command}\n', "deploy.sh")
    assert [(u.loc.line, u.loc.col, u.evidence) for u in f.unresolved_calls] == ([(2, 1, called)] if called else [])


def test_a_content_cli_command_holds_back_unused_scope_findings(lint_tree):
    workflow = EXPORTED_TOKEN.replace("          - name: Trigger\n", "          - name: Push\n"
                                      "            run: content-cli push package -f p.zip --spaceKey sales\n"
                                      "          - name: Trigger\n")
    result = lint_tree({".github/workflows/trigger.yml": workflow})
    assert [(f.code, f.loc.line) for f in result.findings] == [("SL005", 16)]  # no SL006: content-cli may use them
    assert [(u.loc.line, u.evidence) for u in result.project.files[0].unresolved_calls] == [(13, "content-cli push package")]


CLIENT_SECRET_VALUE = "Eu1j-vfrMI344-xHwp051NloKpcC2x21y7YgRn0_1e4Dc75n-3Fl6Q"


@pytest.mark.parametrize("line, want", [
    # NAME=value arguments set NAME for what the command runs or makes: a secret written there is one
    pytest.param(f"kubectl create secret generic celonis --from-literal=CELONIS_CLIENT_SECRET={CLIENT_SECRET_VALUE}",
                 [("client secret", "CELONIS_CLIENT_SECRET", 1, 76)], id="kubectl-from-literal"),
    pytest.param(f"docker run --rm -e CELONIS_API_TOKEN={CLIENT_SECRET_VALUE} acme/sync",
                 [("API key", "CELONIS_API_TOKEN", 1, 38)], id="docker-env"),
    pytest.param(f'helm upgrade --install etl ./chart --set celonis.clientSecret="{CLIENT_SECRET_VALUE}"',
                 [("client secret", "celonis.clientSecret", 1, 64)], id="helm-set"),
    pytest.param(f"make deploy CLIENT_SECRET={CLIENT_SECRET_VALUE}", [("client secret", "CLIENT_SECRET", 1, 27)],
                 id="make-variable"),
    # a reference, a placeholder, a password that is a word: nothing
    pytest.param('kubectl create secret generic okta --from-literal=OKTA_CLIENT_SECRET="$OKTA_CLIENT_SECRET"', [],
                 id="reference"),
    pytest.param("docker run -e CELONIS_CLIENT_SECRET=your-client-secret acme/sync", [], id="placeholder"),
    pytest.param("helm upgrade --install grafana grafana/grafana --set adminPassword=admin", [], id="word"),
    # a setting whose name is made at run time names nothing known
    pytest.param(f"docker run -e ${{PREFIX}}_SECRET={CLIENT_SECRET_VALUE} acme/sync", [], id="name-not-known"),
])
def test_a_secret_given_to_a_command_as_name_equals_value(line, want):
    f = facts(f"#!/bin/sh\n{line}\n", "deploy/create-secrets.sh")
    assert [(s.kind, s.name, s.loc.line - 1, s.loc.col) for s in f.secrets] == want
    assert CLIENT_SECRET_VALUE not in repr(f)


def test_scopes_given_to_a_command_are_judged_where_written(lint_tree):
    script = '#!/bin/sh\ndocker run --rm -e CELONIS_URL=https://acme.eu-1.celonis.cloud -e OAUTH_SCOPES="studio,integration.data-pools" acme/sync\n'
    assert [(f.code, f.loc.line, f.loc.col) for f in lint_tree({"run.sh": script}).findings] == [("SL002", 2, 81)]


def test_scopes_a_helm_path_names_and_another_providers_beside_them(lint_tree):
    script = ("#!/bin/sh\nhelm upgrade --install sync ./chart --set celonis.teamUrl=https://acme.eu-1.celonis.cloud "
              '--set-string celonis.scope="studio;integration.data-pools"\n'
              'helm upgrade --install proxy oauth2-proxy/oauth2-proxy --set extraArgs.scope="openid,email,profile"\n')
    assert [(f.code, f.loc.line, f.loc.col) for f in lint_tree({"deploy.sh": script}).findings] == [("SL002", 2, 119)]


def test_a_call_not_known_holds_back_only_the_tokens_it_may_send(lint_tree):
    """A step that gets a token of its own sends that one: content-cli in the deploy job holds back the
    unused-scope findings of the deploy job's token, not those of the sync job's."""
    workflow = """
        on: push
        env:
          CELONIS_URL: https://acme.eu-1.celonis.cloud
        jobs:
          sync:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  TOKEN=$(curl -sf -u "$CID:$CSECRET" -d grant_type=client_credentials -d scope="studio integration.data-pools" "$CELONIS_URL/oauth2/token" | jq -r .access_token)
                  curl -sf -H "Authorization: Bearer $TOKEN" "$CELONIS_URL/integration/api/pools"
          deploy:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  export CELONIS_API_TOKEN=$(curl -sf -u "$CID:$CSECRET" -d grant_type=client_credentials -d scope="studio package-manager" "$CELONIS_URL/oauth2/token" | jq -r .access_token)
                  content-cli push package -f p.zip --spaceKey sales
        """
    found = lint_tree({".github/workflows/release.yml": workflow}).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == [("SL006", 9, 90)]
    assert "token request at .github/workflows/release.yml:9" in found[0].message


SHARED_SCOPES = {
    "ci/env.sh": 'CELONIS_URL="https://acme.eu-1.celonis.cloud"\nCELONIS_SCOPE="studio integration.data-pools"\n',
    "ci/pools.sh": '#!/bin/sh\n. ./ci/env.sh\n'
                   'TOKEN=$(curl -sf "$CELONIS_URL/oauth2/token" -u "$CID:$CSECRET" -d grant_type=client_credentials '
                   '-d "scope=$CELONIS_SCOPE" | jq -r .access_token)\n'
                   'curl -sf -H "Authorization: Bearer $TOKEN" "$CELONIS_URL/integration/api/pools"\n',
}


@pytest.mark.parametrize("second_call, want", [
    # the other script uses studio: each scope of the shared list is used by one of the two
    pytest.param("/package-manager/api/nodes", [], id="each-used-by-one"),
    # neither uses studio: one finding, naming both requests
    pytest.param("/integration/api/pools/p1/data-models", [("SL006", "ci/env.sh", 2, 16)], id="unused-by-both"),
])
def test_a_scope_list_two_scripts_share_is_judged_by_both(lint_tree, second_call, want):
    files = {**SHARED_SCOPES, "ci/models.sh": SHARED_SCOPES["ci/pools.sh"].replace("/integration/api/pools", second_call)}
    found = [f for f in lint_tree(files).findings if f.code == "SL006"]
    assert [(f.code, f.loc.path, f.loc.line, f.loc.col) for f in found] == want
    if found:
        assert "token requests at ci/models.sh:3 and ci/pools.sh:3 calls" in found[0].message


AZURE_HANDED_ON = """
    trigger: none
    variables:
      CELONIS_URL: https://acme.eu-1.celonis.cloud
    steps:
      - bash: |
          {first}
          echo "##vso[task.setvariable variable=CELONIS_API_TOKEN;issecret=true]{value}"
      - bash: |
          curl -sf -X POST -H "Authorization: Bearer $(CELONIS_API_TOKEN)" "$CELONIS_URL/integration/api/v2/data-pools/${{POOL}}/data-jobs/${{JOB}}/execute"
    """
GET_TOKEN = ('TOKEN=$(curl -sf -u "$CID:$CSECRET" -d grant_type=client_credentials -d scope="studio" '
             '"$CELONIS_URL/oauth2/token" | jq -r .access_token)')


@pytest.mark.parametrize("first, value, want", [
    # a token the step got, handed on under content-cli's key name: judged against the token request
    pytest.param(GET_TOKEN, "$TOKEN", [("SL006", 6, 86), ("SL005", 9, 85)], id="token"),
    # a key from the pipeline's library handed on: a key all the same
    pytest.param("set -e", "$(celonisApiKey)", [("SL018", 9, 43)], id="key"),
])
def test_a_value_an_azure_step_sets_for_the_later_steps(lint_tree, first, value, want):
    workflow = AZURE_HANDED_ON.format(first=first, value=value)
    found = lint_tree({"azure-pipelines.yml": workflow}).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == want


@pytest.mark.parametrize("line, want", [
    # a plain-text SecureString is a secret written in the script, whatever keeps it
    pytest.param(f'$s = ConvertTo-SecureString "{CLIENT_SECRET_VALUE}" -AsPlainText -Force',
                 [("client secret", "ConvertTo-SecureString", 1, 30)], id="positional"),
    pytest.param(f"$cred = New-Object PSCredential ($id, (ConvertTo-SecureString -String '{CLIENT_SECRET_VALUE}' -AsPlainText -Force))",
                 [("client secret", "ConvertTo-SecureString", 1, 72)], id="named-in-a-credential"),
    pytest.param(f'$s = "{CLIENT_SECRET_VALUE}" | ConvertTo-SecureString -AsPlainText -Force',
                 [("client secret", "ConvertTo-SecureString", 1, 7)], id="piped"),
    # a placeholder, the environment's, an encrypted string (no -AsPlainText): nothing
    pytest.param('$s = ConvertTo-SecureString "<client secret>" -AsPlainText -Force', [], id="placeholder"),
    pytest.param(f'$s = "{CLIENT_SECRET_VALUE}" | ConvertTo-SecureString', [], id="piped-encrypted"),
    pytest.param("$s = ConvertTo-SecureString $env:CELONIS_CLIENT_SECRET -AsPlainText -Force", [], id="environment"),
    pytest.param(f'$s = ConvertTo-SecureString "{CLIENT_SECRET_VALUE}"', [], id="encrypted-standard-string"),
])
def test_a_plain_text_secure_string_is_a_secret(line, want):
    f = facts(line + "\n", "scripts/Connect-Celonis.ps1")
    assert [(s.kind, s.name, s.loc.line, s.loc.col) for s in f.secrets] == want
    assert CLIENT_SECRET_VALUE not in repr(f)


JAVA_RUN = """\
#!/bin/sh
export JAVA_OPTS="-Xmx1g -Dcelonis.token-url=http://acme.eu-1.celonis.cloud/oauth2/token"
java $JAVA_OPTS \\
  -Dcelonis.oauth.client-secret=Qm8vX2pLr7TzN4wKs9YdHc3BfE6uA1gV \\
  -Dcelonis.oauth.scope=studio,integration.data-pools \\
  -jar /opt/pusher.jar
"""


def test_java_system_properties_on_a_command_line_and_in_java_opts_are_settings(lint_tree):
    # each -Dname=value, an argument of java or a part of JAVA_OPTS, is judged as the setting it is
    found = lint_tree({"bin/run.sh": JAVA_RUN}).findings
    lines = JAVA_RUN.split("\n")
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == [
        ("SL014", 2, lines[1].index("http://") + 1), ("SL012", 4, lines[3].index("Qm8v") + 1),
        ("SL002", 5, lines[4].index("studio,") + 1)]


def test_another_frameworks_system_properties_on_a_command_line_say_nothing(lint_tree):
    text = ("java -Djavax.net.ssl.trustStorePassword=changeit -Dkeycloak.credentials.secret=$KC_SECRET \\\n"
            "  -Dspring.security.oauth2.client.registration.okta.scope=openid,profile -jar app.jar\n")
    assert lint_tree({"bin/run.sh": text}).findings == []


def test_a_prose_file_without_a_suffix_is_no_token_request_of_its_own(lint_tree):
    """NOTES, TODO, an EXPECT file: a file without a suffix or a shell's ``#!`` line is not a script, and
    naming the grant in a sentence is no token request whose unknown scopes silence the code beside it."""
    push = ('import requests\nBASE = "https://acme.eu-1.celonis.cloud"\n'
            'requests.post(BASE + "/oauth2/token", data={"grant_type": "client_credentials", "scope": "studio integration.data-pools"})\n'
            'requests.get(BASE + "/integration/api/pools")\n')
    notes = "Notes\n\nThe job gets its token from Celonis with the OAuth client_credentials grant.\n"
    found = [(f.code, f.scope) for f in lint_tree({"push.py": push, "NOTES": notes}).findings]
    assert found == [("SL006", "studio")]
    # a script without a suffix whose #! names a shell is one: a grant it sends where it cannot be read is one
    script = "#!/bin/sh\n# celonis\ncurl -d grant_type=client_credentials \"$(cat token-url.txt)\"\n"
    assert lint_tree({"push.py": push, "token": script}).findings == []


def test_an_empty_default_is_the_variable_not_an_empty_value(lint_tree):
    """``scope=${CELONIS_SCOPE:-}`` passes the variable on where it is set (a ``set -u``-safe spelling): its
    value is not known, so the request is not one that sends no scope; a default written out still counts."""
    script = ('#!/bin/sh\ncurl -s -X POST "$CELONIS_URL/oauth2/token" -d grant_type=client_credentials '
              '-d "scope=${CELONIS_SCOPE:-}"\ncurl -s -H "Authorization: Bearer $TOKEN" "$CELONIS_URL/integration/api/pools"\n')
    assert lint_tree({"push.sh": script}).findings == []
    assert [f.code for f in lint_tree({"push.sh": script.replace(":-}", ":-studio.spaces}")}).findings] == ["SL003", "SL005"]


def test_a_look_at_the_token_endpoint_is_no_token_request_and_https_port_is_its_own(lint_tree):
    """``curl -I`` and ``wget --spider`` ask whether the endpoint answers: no body, no token, so no "sends
    no scope"; a POST without a scope still is one. ``:443`` is https's own port, not a malformed token URL."""
    look = ("#!/bin/sh\ncurl -sI https://acme.eu-1.celonis.cloud/oauth2/token\n"
            "wget --spider -q https://acme.eu-1.celonis.cloud/oauth2/token\n")
    assert lint_tree({"check.sh": look}).findings == []
    post = look + "wget -qO- --post-data grant_type=client_credentials https://acme.eu-1.celonis.cloud/oauth2/token\n"
    assert triples(lint_tree({"check.sh": post}).findings) == [("SL015", 4, 1)]
    port = "#!/bin/sh\ncurl -d 'grant_type=client_credentials&scope=studio' https://acme.eu-1.celonis.cloud:443/oauth2/token\n"
    assert lint_tree({"check.sh": port}).findings == []
    assert [f.code for f in lint_tree({"check.sh": port.replace(":443", ":8443")}).findings] == ["SL014"]



DOCKERFILE = f"""# syntax=docker/dockerfile:1
FROM python:3.12-slim
ENV CELONIS_URL=https://acme.eu-1.celonis.cloud
RUN apt-get update && apt-get install -y curl jq
RUN --mount=type=cache,target=/root/.cache curl -s -X POST "https://acme.eu-1.celonis.cloud/oauth2/token" \\
      # one comment line inside the instruction: Docker leaves it out, the command goes on
      -d "grant_type=client_credentials&client_id=build-bot&client_secret={SECRET}&scope=studio,package-manager" \\
      | jq -r .access_token > /tmp/token
RUN wget -q --post-data "grant_type=client_credentials&scope=studio.spaces" http://acme.eu-1.celonis.cloud/oauth2/token
RUN <<EOF
set -e
curl -u "build-bot:{SECRET[::-1]}" https://acme.eu-1.celonis.cloud/integration/api/pools
EOF
HEALTHCHECK --interval=30s CMD curl -fsS -H "Authorization: AppKey {SECRET[:20]}abc" https://acme.eu-1.celonis.cloud/package-manager/api/spaces || exit 1
CMD ["python", "app.py"]
"""


_READ = ("SL002", "SL003", "SL012", "SL014", "SL018")  # what reading the scripts finds (not what the calls need)


def test_a_dockerfiles_instructions_run_their_shell(lint_tree):
    """RUN (its flags aside, a comment line inside it left out, a here-document that is its script),
    and HEALTHCHECK CMD, each read as the script its shell runs, where the Dockerfile writes it."""
    lines = DOCKERFILE.split("\n")
    found = [t for t in triples(lint_tree({"Dockerfile": DOCKERFILE}).findings) if t[0] in _READ]
    assert found == [("SL012", 7, lines[6].index(SECRET) + 1), ("SL002", 7, lines[6].index("studio,") + 1),
                     ("SL003", 9, lines[8].index("studio.spaces") + 1), ("SL014", 9, lines[8].index("http://") + 1),
                     ("SL012", 12, lines[11].index(SECRET[::-1]) + 1), ("SL018", 14, lines[13].index("AppKey") + 1),
                     ("SL012", 14, lines[13].index(SECRET[:20]) + 1)]


@pytest.mark.parametrize("change, gone", [
    # another provider's token request: its form is its own (the wget to Celonis still counts)
    pytest.param(("https://acme.eu-1.celonis.cloud/oauth2/token", "https://accounts.google.com/o/oauth2/token"),
                 [("SL002", 7)], id="another-provider"),
    # the exec form runs no shell
    pytest.param(('RUN wget -q --post-data "grant_type=client_credentials&scope=studio.spaces" '
                  "http://acme.eu-1.celonis.cloud/oauth2/token",
                  'RUN ["wget", "-q", "--post-data", "grant_type=client_credentials&scope=studio.spaces", '
                  '"http://acme.eu-1.celonis.cloud/oauth2/token"]'), [("SL003", 9), ("SL014", 9)], id="exec-form"),
    # a here-document given to another program is its input, not the script
    pytest.param(("RUN <<EOF\nset -e", "RUN python3 <<EOF\nimport os"), [("SL012", 12)], id="a-document-for-python"),
    # a shell the reader does not know: nothing after it in its stage is read
    pytest.param(("RUN apt-get", 'SHELL ["/usr/bin/fish", "-c"]\nRUN apt-get'), "all", id="another-shell"),
])
def test_dockerfile_lookalikes_say_nothing(lint_tree, change, gone):
    text = DOCKERFILE.replace(*change)
    assert text != DOCKERFILE
    shift = change[1].count("\n") - change[0].count("\n")
    before = [(code, line + (shift if line > 4 else 0)) for code, line, _ in triples(lint_tree({"Dockerfile": DOCKERFILE}).findings)
              if code in _READ]
    found = [(code, line) for code, line, _ in triples(lint_tree({"Dockerfile": text}).findings) if code in _READ]
    assert found == ([] if gone == "all" else [f for f in before if f not in gone])


def test_each_instruction_is_a_shell_of_its_own_and_a_stage_starts_with_the_default_shell():
    from scopelint.extractors.shell import dockerfiles

    text = ("FROM mcr.microsoft.com/powershell AS build\n"
            'SHELL ["pwsh", "-Command"]\n'
            "RUN Invoke-RestMethod -Method Post -Uri https://acme.eu-1.celonis.cloud/oauth2/token \\\n"
            "      -Body @{ grant_type = 'client_credentials'; scope = 'studio integration.data-pools' }\n"
            "FROM alpine\n"
            "RUN SCOPE=studio\n"
            'RUN curl -d "grant_type=client_credentials&scope=$SCOPE" https://acme.eu-1.celonis.cloud/oauth2/token\n')
    f = extract("Containerfile", text, dockerfiles, dedent=False)
    # PowerShell's, its line continued as PowerShell continues lines; then sh again, where SCOPE is not set
    assert [(r.loc.line, [s.name for s in r.scopes.refs] if r.scopes is not None else None) for r in f.token_requests] \
        == [(3, ["studio", "integration.data-pools"]), (7, None)]
    assert [(r.loc.line, r.unit) for r in f.token_requests] == [(3, "instruction@3"), (7, "instruction@7")]


def _spot(text: str, needle: str) -> tuple[int, int]:
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


SHELLS = """\
#!/bin/sh
URL=https://acme.eu-1.celonis.cloud
docker run --rm curlimages/curl sh -c "curl -s -X POST $URL/oauth2/token -u etl-client:Xk9fQ2pLm7RtZ4vB8nW3yH6j -d grant_type=client_credentials -d 'scope=studio,integration.data-pools'"
bash -euo pipefail -c 'curl -s -X POST http://acme.eu-1.celonis.cloud/oauth2/token -d grant_type=client_credentials -d scope=studio.spaces'
kubectl exec deploy/etl -- sh -c "curl -H \\"Authorization: AppKey Zk3mQ9vL2pR8tX5wQ9vL2pR8Zk3m\\" $URL/integration/api/pools"
"""


def test_a_script_given_to_a_shell_is_read_where_it_stands(lint_tree):
    # ``sh -c "..."`` (the outer shell's $URL put in), ``bash -c '...'``, and ``\\"`` in a double-quoted script
    found = triples(lint_tree({"scripts/push.sh": SHELLS}).findings)
    assert found == [
        ("SL012", *_spot(SHELLS, "Xk9f")), ("SL002", *_spot(SHELLS, "studio,")),
        ("SL014", *_spot(SHELLS, "http://acme")), ("SL003", *_spot(SHELLS, "studio.spaces")),
        ("SL018", *_spot(SHELLS, "AppKey")), ("SL012", *_spot(SHELLS, "Zk3m")),
    ]


@pytest.mark.parametrize("line", [
    # another provider's token request
    """sh -c 'curl -s -X POST https://login.microsoftonline.com/t/oauth2/v2.0/token -d client_secret=$AZURE_SECRET -d scope=studio,openid'""",
    # the script is printed, not run
    """echo "sh -c 'curl -s -X POST https://acme.eu-1.celonis.cloud/oauth2/token -d scope=studio,openid'" """,
    # ``\\$`` leaves the value to the inner shell: not known here
    """sh -c "curl -s -X POST https://acme.eu-1.celonis.cloud/oauth2/token -u etl:\\$SECRET -d scope=\\${SCOPE}" """,
    # the shell runs a file, not a script
    """bash -c ./token.sh 'scope=studio,openid'""",
    # ``\\\\`` in a double-quoted script: not read as written
    """sh -c "curl -u etl:Xk9fQ2pLm7RtZ4vB8nW3yH6j\\\\\\\\ https://acme.eu-1.celonis.cloud/oauth2/token" """,
])
def test_shell_lookalikes_say_nothing(lint_tree, line):
    assert triples(lint_tree({"scripts/push.sh": "#!/bin/sh\n" + line + "\n"}).findings) == []


def test_what_an_inner_shell_assigns_stays_its_own(lint_tree):
    # the inner script's SCOPE is gone when it ends: the token request's scope is the outer one
    text = ("#!/bin/sh\nSCOPE=integration.data-pools:data_push\nsh -c 'SCOPE=pools; echo $SCOPE'\n"
            "curl -X POST https://acme.eu-1.celonis.cloud/oauth2/token -d grant_type=client_credentials -d \"scope=$SCOPE\"\n")
    found = facts(text)
    assert [[scope[0] for scope in scopes] for scopes in request_scopes(found)] == [["integration.data-pools:data_push"]]


@pytest.mark.parametrize("limit, read", [(1, False), (2, True)])
def test_shells_within_shells_are_read_to_a_depth(monkeypatch, limit, read):
    from scopelint.extractors.shell import interpret

    monkeypatch.setattr(interpret, "MAX_SHELLS", limit)
    text = ("#!/bin/sh\nsh -c 'sh -c \"curl -s -X POST https://acme.eu-1.celonis.cloud/oauth2/token "
            "-d grant_type=client_credentials -d scope=studio\"'\n")
    assert len(facts(text).token_requests) == read


HTTPIE = """\
#!/bin/sh
TOKEN=$(http --form --ignore-stdin POST https://acme.eu-1.celonis.cloud/oauth2/token \\
  grant_type=client_credentials scope='studio,integration.data-pools' \\
  -a etl-client:Xk9fQ2pLm7RtZ4vB8nW3yH6j | jq -r .access_token)
http GET https://acme.eu-1.celonis.cloud/integration/api/pools "Authorization:Bearer $TOKEN"
xh --verify=no http://acme.eu-1.celonis.cloud/oauth2/token grant_type=client_credentials scope=studio.spaces
"""


def test_httpie_and_xh_command_lines_are_requests(lint_tree):
    # items: ``name=value`` body fields, ``Header:value``; ``-a id:secret`` is Basic; no method and a field: POST
    found = triples(lint_tree({"scripts/token.sh": HTTPIE}).findings)
    assert found == [
        ("SL002", *_spot(HTTPIE, "studio,")), ("SL006", *_spot(HTTPIE, "studio,")),
        ("SL012", *_spot(HTTPIE, "Xk9f")),
        ("SL014", *_spot(HTTPIE, "--verify=no")),  # certificate checks off for a Celonis call
        ("SL014", *_spot(HTTPIE, "http://acme")), ("SL003", *_spot(HTTPIE, "studio.spaces")),
    ]


@pytest.mark.parametrize("line", [
    # another provider's token endpoint, a placeholder secret, references for credentials
    'http --form POST https://login.microsoftonline.com/{tenant id}/oauth2/v2.0/token grant_type="client_credentials" '
    'client_id="{client id}" client_secret="{client secret}" scope="https://graph.microsoft.com/.default"',
    'http --form POST https://${OKTA_DOMAIN}/oauth2/v1/token grant_type=client_credentials scope="tasks:read,audit.log:read" '
    '-a "$OKTA_CLIENT_ID:$OKTA_CLIENT_SECRET"',
    # a token for another scheme: no Basic password; a URL that starts with a value not known may hold its scheme
    'http -A bearer -a Xk9fQ2pLm7RtZ4vB8nW3yH6j https://api.example.com/v1/items',
    'http POST $TEAM_HOST/oauth2/token grant_type=client_credentials scope=studio,openid',
    'http --default-scheme "$SCHEME" POST acme.eu-1.celonis.cloud/oauth2/token grant_type=client_credentials',
    # another provider's host over the tool's plain-HTTP default
    'http --form POST :8080/realms/demo/protocol/openid-connect/token grant_type=client_credentials scope=openid',
    # the word as a service's name, not a program
    'ufw allow http',
])
def test_httpie_lookalikes_say_nothing(lint_tree, line):
    assert triples(lint_tree({"scripts/token.sh": "#!/bin/sh\n" + line + "\n"}).findings) == []


HTTPIE_SCHEMES = """\
#!/bin/sh
http POST acme.eu-1.celonis.cloud/oauth2/token grant_type=client_credentials scope=studio.spaces
xh post acme.eu-1.celonis.cloud/oauth2/token grant_type=client_credentials scope=studio.spaces
https POST acme.eu-1.celonis.cloud/oauth2/token grant_type=client_credentials scope=studio.spaces
xhs POST acme.eu-1.celonis.cloud/oauth2/token grant_type=client_credentials scope=studio.spaces
xh --https POST acme.eu-1.celonis.cloud/oauth2/token grant_type=client_credentials scope=studio.spaces
http --default-scheme=https POST acme.eu-1.celonis.cloud/oauth2/token grant_type=client_credentials scope=studio.spaces
"""


def test_httpie_urls_without_a_scheme_take_the_tools(lint_tree):
    # ``http`` and ``xh`` send a URL written without a scheme over plain HTTP: the finding stands at the host;
    # ``https``, ``xhs``, xh's ``--https`` and ``--default-scheme=https`` send it over HTTPS
    lines = HTTPIE_SCHEMES.splitlines()
    found = triples(lint_tree({"scripts/token.sh": HTTPIE_SCHEMES}).findings)
    assert [f for f in found if f[0] == "SL014"] == [("SL014", 2, lines[1].index("acme") + 1),
                                                      ("SL014", 3, lines[2].index("acme") + 1)]
    # every line is a Celonis token request: its scope is judged (``studio.spaces`` is retired)
    assert [line for code, line, _ in found if code == "SL003"] == [2, 3, 4, 5, 6, 7]


def test_a_make_recipes_shell_and_the_outer_shells_values_in_inner_quotes(lint_tree):
    # a recipe's ``sh -c "..."`` as a script's; in ``sh -c "curl '$URL/...'"`` the outer shell puts the
    # value in before the inner one reads its single quotes
    makefile = ("token-sh:\n\tsh -c \"curl -X POST https://acme.eu-1.celonis.cloud/oauth2/token -d scope=studio.widgets\"\n"
                "kc:\n\tsh -c \"curl -X POST http://keycloak:8080/realms/demo/protocol/openid-connect/token -d scope=openid\"\n")
    script = ("#!/bin/bash\nTEAM_URL=\"https://acme.eu-1.celonis.cloud\"\n"
              "docker exec etl /bin/sh -c \"curl -X POST -d 'scope=studio.spaces' '$TEAM_URL/oauth2/token'\"\n"
              "docker exec etl /bin/sh -c 'curl -X POST -d \"scope=studio.spaces\" \"$KC_URL/protocol/openid-connect/token\"'\n")
    found = triples(lint_tree({"Makefile": makefile, "scripts/setup.sh": script}).findings)
    assert found == [("SL003", *_spot(makefile, "studio.widgets")), ("SL003", *_spot(script, "studio.spaces"))]


def test_httpie_methods_in_lower_case_and_api_key_headers_in_curl(lint_tree):
    text = ("#!/bin/sh\nhttp --form post https://acme.eu-1.celonis.cloud/oauth2/token grant_type=client_credentials "
            "scope=studio.spaces\ncurl -s -H 'X-API-KEY: Hk3uQ9vZr2LmX8wPc5TyN7bD' https://api.example.com/v1/items\n"
            "curl -s -H \"X-API-KEY: $API_KEY\" https://api.example.com/v1/items\n"
            "curl -s -H 'X-API-KEY: <your-api-key>' https://api.example.com/v1/items\n")
    found = [(f.code, f.loc.line, f.loc.col, f.message) for f in lint_tree({"scripts/items.sh": text}).findings]
    assert found == [("SL003", *_spot(text, "studio.spaces"), found[0][3]),
                     ("SL012", *_spot(text, "Hk3u"), "hard-coded API key in 'X-API-KEY'")]
