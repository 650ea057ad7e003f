"""SL011 unsupported-auth-method: each case a small, realistic definition file linted with SL011 alone (and SL000,
so that an input that does not parse cannot pass by accident); exact (code, line, col) compared."""
from __future__ import annotations

import pytest
import textwrap

from tests.conftest import check_rule, selected


SL011_CASES = [
    pytest.param("""
        oauth_clients:
          - name: erp-push
            auth_method: client_secret_basic
            scopes: [integration.data-pools:data_push]
        """, [], id="clean-basic"),
    pytest.param("""
        oauth_clients:
          - name: erp-push
            auth_method: client_secret_post
            scopes: [integration.data-pools:data_push]
        """, [], id="clean-post"),
    pytest.param("""
        oauth_clients:
          - name: hr-sync
            auth_method: private_key_jwt
            scopes: [team.user-group-info:read]
        """, [("SL011", 3, 18)], id="private-key-jwt"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "hr-sync"
        auth_method = "tls_client_auth"
        scopes = ["team.user-group-info:read"]
        """}, [("SL011", 3, 16)], id="toml-tls-client-auth"),
    pytest.param({"pyproject.toml": """
        [[tool.scopelint.oauth_clients]]
        name = "hr-sync"
        auth_method = "none"
        scopes = ["team.user-group-info:read"]
        """}, [("SL011", 3, 16)], id="pyproject-none"),
    pytest.param({"clients.json": """
        {"oauth_clients": [{"name": "x", "auth_method": "client_secret_jwt", "scopes": ["studio"]}]}
        """}, [("SL011", 1, 50)], id="json-client-secret-jwt"),
]


@pytest.mark.parametrize("files, expected", SL011_CASES)
def test_sl011_unsupported_auth_method(lint_tree, files, expected):
    check_rule(lint_tree, "SL011", files, expected)


def test_sl011_message(lint_tree):
    [finding] = check_rule(lint_tree, "SL011", """
        oauth_clients:
          - name: hr-sync
            auth_method: private_key_jwt
            scopes: [team.user-group-info:read]
        """, [("SL011", 3, 18)])
    assert finding.message == ("auth method 'private_key_jwt' is not supported; "
                               "use one of client_secret_basic, client_secret_post")
    assert finding.hint == "use 'client_secret_basic'"


ASSERTION_CASES = [
    # a token request that sends a signed client assertion (RFC 7523) instead of the secret
    pytest.param({"src/token.ts": """
        export const token = () => axios.post("https://acme.eu-1.celonis.cloud/oauth2/token", new URLSearchParams({
          grant_type: "client_credentials",
          client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
          client_assertion: process.env.CELONIS_CLIENT_ASSERTION!,
          scope: "studio",
        }));
        """}, [("SL011", 3, 27)], id="js-jwt-bearer-assertion"),
    pytest.param({"etl/token.py": """
        import os, requests
        r = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={
            "grant_type": "client_credentials", "scope": "studio",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": os.environ["ASSERTION"]})
        """}, [("SL011", 4, 31)], id="python-jwt-bearer-assertion"),
    pytest.param({"get-token.sh": """
        curl -s https://acme.eu-1.celonis.cloud/oauth2/token -d grant_type=client_credentials -d scope=studio \\
          -d client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer -d "client_assertion=$JWT"
        """}, [("SL011", 2, 28)], id="curl-jwt-bearer-assertion"),
    # another provider's token request with an assertion is its own; a Celonis one with the secret is fine
    pytest.param({"src/token.ts": """
        export const token = () => axios.post("https://login.microsoftonline.com/t/oauth2/v2.0/token", new URLSearchParams({
          grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default",
          client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
          client_assertion: process.env.ASSERTION!,
        }));
        """}, [], id="another-providers-assertion"),
    pytest.param({"src/token.ts": """
        export const token = () => axios.post("https://acme.eu-1.celonis.cloud/oauth2/token", new URLSearchParams({
          grant_type: "client_credentials", scope: "studio", client_assertion_type: process.env.ASSERTION_TYPE!,
          client_secret: process.env.CELONIS_CLIENT_SECRET!,
        }));
        """}, [], id="assertion-type-not-known"),
]


@pytest.mark.parametrize("files, expected", ASSERTION_CASES)
def test_sl011_a_token_request_that_sends_a_client_assertion(lint_tree, files, expected):
    """RFC 7523: ``client_assertion_type=...:jwt-bearer`` with a signed JWT in place of the secret
    (private_key_jwt, client_secret_jwt), in any language's token request to Celonis."""
    found = selected(lint_tree, "SL011", {k: textwrap.dedent(v).lstrip("\n") for k, v in files.items()})
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == expected


def test_sl011_message_names_the_assertion(lint_tree):
    [finding] = selected(lint_tree, "SL011", {"src/token.ts": (
        'await fetch("https://acme.eu-1.celonis.cloud/oauth2/token", { method: "POST", body: new URLSearchParams({\n'
        '  grant_type: "client_credentials", scope: "studio",\n'
        '  client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: jwt }) });\n')})
    assert (finding.loc.line, finding.loc.col) == (3, 27)
    assert finding.message == ("token request authenticates with 'jwt-bearer client assertion', which Celonis does not "
                               "support; use one of client_secret_basic, client_secret_post")
