"""A test file takes no part in the scope analysis (``recognition.testdata``): a Go table of cases, a
token request to a mock server, a request a test expects to be refused, a test's own API calls. The
same code outside a test is judged; a test's committed secrets are judged as before."""
from __future__ import annotations

import pytest

GO_CLIENT = """package celo

import "golang.org/x/oauth2/clientcredentials"

func New(id, secret string) *clientcredentials.Config {
	return &clientcredentials.Config{
		ClientID:     id,
		ClientSecret: secret,
		TokenURL:     "https://acme.eu-1.celonis.cloud/oauth2/token",
		Scopes:       []string{"studio,package-manager"},
	}
}
"""

GO_TABLE = """package celo

import "testing"

func TestValidateScopes(t *testing.T) {
	tests := []struct {
		name    string
		scope   string
		wantErr bool
	}{
		{name: "comma separated", scope: "studio,package-manager", wantErr: true},
		{name: "typo", scope: "integration.data-pool", wantErr: true},
	}
	for _, tt := range tests {
		if err := ValidateScopes(tt.scope); (err != nil) != tt.wantErr {
			t.Fatalf("got %v", err)
		}
	}
}
"""

GO_MOCK = """package celo

import (
	"context"
	"net/http/httptest"
	"testing"

	"golang.org/x/oauth2/clientcredentials"
)

func TestTokenAgainstMock(t *testing.T) {
	srv := httptest.NewServer(handler)
	defer srv.Close()
	c := clientcredentials.Config{ClientID: "client", TokenURL: srv.URL + "/oauth2/token",
		Scopes: []string{"studio", "integration.data-pool"}}
	c.Token(context.Background())
}
"""

JAVA_MOCK = """package com.acme;

import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.mockwebserver.MockWebServer;

class TokenServiceTest {
    @Test
    void fetchesToken() throws Exception {
        MockWebServer server = new MockWebServer();
        FormBody body = new FormBody.Builder().add("grant_type", "password").add("scope", "studio,package-manager").build();
        Request request = new Request.Builder().url(server.url("/oauth2/token")).post(body).build();
        new OkHttpClient().newCall(request).execute();
    }
}
"""

CS_NEGATIVE = """using Xunit;

public class ScopeTests
{
    [Fact]
    public void RejectsCommaScope()
    {
        var options = new CelonisOptions { TokenUrl = "https://acme.eu-1.celonis.cloud/oauth2/token", Scope = "studio,package-manager" };
        Assert.Throws<System.ArgumentException>(() => options.Validate());
    }
}
"""

JS_REJECTED = """it('rejects a bad grant', async () => {
  await expect(fetch('https://acme.eu-1.celonis.cloud/oauth2/token', { method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', scope: 'studio' }) })).rejects.toThrow();
});
"""


@pytest.mark.parametrize("path, text", [
    pytest.param("pkg/scopes_test.go", GO_TABLE, id="go-table-of-cases"),
    pytest.param("pkg/client_test.go", GO_MOCK, id="go-httptest-server"),
    pytest.param("src/test/java/com/acme/TokenServiceTest.java", JAVA_MOCK, id="java-mockwebserver"),
    pytest.param("Acme.Celonis.Tests/ScopeTests.cs", CS_NEGATIVE, id="csharp-assert-throws"),
    pytest.param("src/__tests__/token.test.js", JS_REJECTED, id="jest-rejects"),
])
def test_a_tests_scopes_and_token_requests_are_its_data(lint_tree, path, text):
    result = lint_tree({path: text, "pkg/client.go": GO_CLIENT})
    assert [(f.code, f.loc.path, f.loc.line) for f in result.findings] == [("SL002", "pkg/client.go", 10)]
    # the same code outside a test is judged
    outside = path.replace("_test.go", ".go").replace("src/test/", "src/main/").replace(".Tests/", "/") \
        .replace("__tests__/", "").replace(".test.js", ".js").replace("Test.java", ".java").replace("Tests.cs", ".cs")
    moved = lint_tree({outside: text})
    assert {f.code for f in moved.findings if f.loc.path == outside} & {"SL001", "SL002", "SL010"}


def test_a_tests_api_calls_are_not_judged_against_the_codes_grant(lint_tree):
    """Before, a test's token request made its calls' scopes granted; dropped alone, it left the test's
    call judged against the code's grant (SL005 on a test). Neither takes part."""
    files = {
        "src/token.py": 'import requests\n\ndef token():\n    return requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", '
                        'data={"grant_type": "client_credentials", "scope": "studio"})\n',
        "tests/test_pools.py": 'import requests\n\ndef test_pools(tok):\n'
                               '    requests.get("https://acme.eu-1.celonis.cloud/integration/api/pools", '
                               'headers={"Authorization": f"Bearer {tok}"})\n',
    }
    assert lint_tree(files).findings == []
    files["src/pools.py"] = files.pop("tests/test_pools.py").replace("def test_pools", "def pools")
    assert sorted((f.code, f.loc.path) for f in lint_tree(files).findings) == [
        ("SL005", "src/pools.py"), ("SL006", "src/token.py")]  # its call is the code's: 'studio' opens none of them


def test_a_tests_committed_secret_is_still_reported(lint_tree):
    text = GO_MOCK.replace('ClientID: "client",', 'ClientID: "client", ClientSecret: "Qx7vN2mK9pL4wR8tY3zB5cD",') \
        .replace("srv.URL", '"https://acme.eu-1.celonis.cloud"')
    found = [(f.code, f.loc.path, f.loc.line) for f in lint_tree({"pkg/client_test.go": text}).findings]
    assert found == [("SL012", "pkg/client_test.go", 14)]
