"""The Python extractor: token requests, scope variables, API calls, PyCelonis SDK calls, TLS,
secrets and key auth, with exact positions; and end to end through the rules."""
from __future__ import annotations

import ast
import json
import sys
import textwrap

import pytest

from scopelint.extractors import Source

from scopelint.extractors.python import code as python
from scopelint.model import FileFacts
from scopelint.reporters import Context, render
from tests.conftest import triples

SECRET = "Zx8vQ2pL9mN4rT7yB1cK5dF3gH6jW0eA"
TOKEN = "Qw3rTy8uIo2pAs5dFg7hJk9lZx1cVb4n"


def facts_of(code: str, path: str = "etl/job.py") -> FileFacts:
    facts = FileFacts(path)
    python.extract(Source(path, textwrap.dedent(code).lstrip("\n")), facts)
    return facts


def source_at(code: str, loc) -> str:
    """The text a single-line location covers in the (dedented) source."""
    line = textwrap.dedent(code).lstrip("\n").split("\n")[loc.line - 1]
    return line[loc.col - 1:loc.end_col - 1]


def spans(code: str, scopes) -> list[tuple[str, int, str]]:
    """Each scope with its line and the exact source text its columns cover."""
    return [(r.name, r.loc.line, source_at(code, r.loc)) for r in scopes.refs]


def api(facts: FileFacts) -> list[tuple[str | None, str]]:
    return [(c.method, c.path) for c in facts.api_calls]


# --- token requests ----------------------------------------------------------------------------

LITERAL = '"studio\\x20package-manager"'
TOKEN_CASES = [
    pytest.param(
        """
        import requests
        r = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={"grant_type": "client_credentials", "scope": "studio integration.data-pools"})
        """,
        "https://acme.eu-1.celonis.cloud/oauth2/token",
        [("studio", 2, "studio"), ("integration.data-pools", 2, "integration.data-pools")], "client_credentials", None,
        id="requests-post-literal"),
    pytest.param(
        """
        import os, httpx
        CELONIS_URL = os.environ["CELONIS_URL"]
        r = httpx.Client().post(f"{CELONIS_URL}/oauth2/token", json={"scope": "integration.data-pools:data_push"}, auth=("id", os.environ["SECRET"]))
        """,
        None, [("integration.data-pools:data_push", 3, "integration.data-pools:data_push")], None, "basic", id="httpx-client-fstring-env"),
    pytest.param(
        """
        import os, requests
        base_url = os.environ["CELONIS_URL"]

        def token(session):
            payload = {"grant_type": "client_credentials", "scope": "studio", "client_secret": os.environ["S"]}
            return session.post(f"{base_url}/oauth2/token", data=payload)
        """,
        None, [("studio", 5, "studio")], "client_credentials", "post", id="session-post-bound-dict"),
    pytest.param(
        """
        import urllib3
        TEAM = "https://acme.eu-1.celonis.cloud"
        http = urllib3.PoolManager()
        r = http.request("POST", TEAM + "/oauth2/token", fields={"grant_type": "client_credentials", "scope": "audit.log:read"})
        """,
        "https://acme.eu-1.celonis.cloud/oauth2/token", [("audit.log:read", 4, "audit.log:read")], "client_credentials", None,
        id="urllib3-request-fields"),
    pytest.param(
        """
        import aiohttp
        async def token():
            async with aiohttp.ClientSession() as session:
                async with session.post("https://acme.us-2.celonis.cloud/oauth2/token", data={"scope": "action-engine.projects"}) as r:
                    return await r.json()
        """,
        "https://acme.us-2.celonis.cloud/oauth2/token", [("action-engine.projects", 4, "action-engine.projects")], None, None,
        id="aiohttp-session"),
    pytest.param(
        """
        import requests
        r = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token?grant_type=client_credentials&scope=user-provisioning.scim")
        """,
        "https://acme.eu-1.celonis.cloud/oauth2/token?grant_type=client_credentials&scope=user-provisioning.scim",
        [("user-provisioning.scim", 2, "user-provisioning.scim")], "client_credentials", None, id="scope-in-query-string"),
    pytest.param(
        """
        from urllib.parse import urljoin
        import requests
        TEAM_URL = "https://acme.eu-1.celonis.cloud/"
        r = requests.post(urljoin(TEAM_URL, "/oauth2/token"), data="grant_type=client_credentials&scope=studio")
        """,
        "https://acme.eu-1.celonis.cloud/oauth2/token", [("studio", 4, "studio")], "client_credentials", None,
        id="urljoin-and-form-string"),
    pytest.param(
        """
        import requests
        TEAM_URL = "https://acme.eu-1.celonis.cloud"
        SCOPES = " ".join(["studio", "package-manager"])
        r = requests.post("{}/oauth2/token".format(TEAM_URL), data={"scope": SCOPES})
        """,
        "https://acme.eu-1.celonis.cloud/oauth2/token", [("studio", 3, "studio"), ("package-manager", 3, "package-manager")], None,
        None, id="format-and-join"),
    pytest.param(
        """
        import requests
        label = "größe"; r = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={"scope": r"studio"})
        """,
        "https://acme.eu-1.celonis.cloud/oauth2/token", [("studio", 2, "studio")], None, None,
        id="non-ascii-line-and-raw-prefix"),
    pytest.param(
        """
        import requests
        r = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={"scope": "studio\\x20package-manager"})
        """,
        "https://acme.eu-1.celonis.cloud/oauth2/token", [("studio", 2, LITERAL), ("package-manager", 2, LITERAL)],
        None, None, id="escapes-point-at-the-literal"),
    # a form written as one string with the credentials put in, as generated snippets write it: the
    # scopes are known when their own parameter is, each at its columns in the literal that writes it
    pytest.param(
        """
        import os, requests
        cid, sec = os.environ["CELONIS_CLIENT_ID"], os.environ["CELONIS_CLIENT_SECRET"]
        payload = f"grant_type=client_credentials&client_id={cid}&client_secret={sec}&scope=studio,integration.data-pools"
        r = requests.request("POST", "https://acme.eu-1.celonis.cloud/oauth2/token", data=payload)
        """,
        "https://acme.eu-1.celonis.cloud/oauth2/token", [("studio", 3, "studio"),
                                                          ("integration.data-pools", 3, "integration.data-pools")],
        "client_credentials", "post", id="form-string-fstring"),
    pytest.param(
        """
        import os, requests
        cid = os.environ["CELONIS_CLIENT_ID"]
        body = "grant_type=client_credentials&client_id=" + cid + "&scope=studio package-manager"
        r = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data=body)
        """,
        "https://acme.eu-1.celonis.cloud/oauth2/token", [("studio", 3, "studio"), ("package-manager", 3, "package-manager")],
        "client_credentials", None, id="form-string-concatenated"),
]


@pytest.mark.parametrize("code, url, scopes, grant, auth", TOKEN_CASES)
def test_token_request(code, url, scopes, grant, auth):
    facts = facts_of(code)
    assert len(facts.token_requests) == 1
    req = facts.token_requests[0]
    assert req.url == url
    assert spans(code, req.scopes) == scopes
    assert (req.grant_type.value if req.grant_type else None) == grant
    assert req.auth_style == auth


def test_token_request_positions_of_grant_and_call():
    facts = facts_of(TOKEN_CASES[0].values[0])
    req = facts.token_requests[0]
    assert (req.loc.line, req.loc.col) == (2, 5)
    assert (req.grant_type.loc.line, req.grant_type.loc.col, req.grant_type.loc.end_col) == (2, 88, 106)


UNRESOLVED_SCOPES = [
    pytest.param("""
        import requests
        def token(scope):
            return requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={"scope": scope})
        """, id="function-parameter"),
    pytest.param("""
        import os, requests
        r = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={"scope": os.environ["CELONIS_SCOPE"]})
        """, id="environ-without-default"),
    pytest.param("""
        import requests
        def token(body):
            return requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data=body)
        """, id="whole-body-unknown"),
    pytest.param("""
        import requests
        def token(scope):
            body = {"grant_type": "client_credentials"}
            body["scope"] = scope
            return requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data=body)
        """, id="dict-changed-after-binding"),
]


def test_a_scope_put_into_a_form_string_is_unknown():
    (req,) = facts_of("""
        import os, requests
        r = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token",
                          data=f"grant_type=client_credentials&scope={os.environ['CELONIS_SCOPE']}")
        """).token_requests
    assert (req.scopes.refs, req.scopes.resolved) == ((), False)


@pytest.mark.parametrize("code", UNRESOLVED_SCOPES)
def test_unresolved_scope_is_none(code):
    facts = facts_of(code)
    assert [r.scopes for r in facts.token_requests] == [None]
    assert facts.token_requests[0].url == "https://acme.eu-1.celonis.cloud/oauth2/token"


@pytest.mark.parametrize("code, want", [
    pytest.param("""
        import requests
        r = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", {"scope": "studio"})
        """, ["studio"], id="positional-body"),
    pytest.param("""
        import requests
        def token(**options):
            return requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", **options)
        """, None, id="spread-keywords-unknown"),
])
def test_body_given_without_a_keyword(code, want):
    scopes = facts_of(code).token_requests[0].scopes
    assert (None if scopes is None else [r.name for r in scopes.refs]) == want


def test_token_request_without_scope_is_empty():
    facts = facts_of("""
        import requests
        r = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={"grant_type": "client_credentials"})
        """)
    scopes = facts.token_requests[0].scopes
    assert scopes is not None and scopes.refs == () and scopes.raw == ""


OTHER_PROVIDERS = [
    pytest.param("""
        import os, requests
        r = requests.post("https://dev-x1.us.auth0.com/oauth/token", json={"grant_type": "client_credentials", "scope": "tasks:read", "client_secret": os.environ["AUTH0_SECRET"]})
        """, id="auth0"),
    pytest.param("""
        import requests
        r = requests.post("https://dev-123.okta.com/oauth2/default/v1/token", data={"scope": "tasks:read tasks:update"})
        """, id="okta"),
    pytest.param("""
        import requests
        r = requests.post("https://acme.auth.eu-west-1.amazoncognito.com/oauth2/token", data={"scope": "studio tasks:read"})
        """, id="cognito-generic-scopes"),
    pytest.param("""
        import requests
        def token(base_url):
            return requests.post(f"{base_url}/oauth2/token", data={"scope": "skills:read"})
        """, id="unknown-base-generic-scope"),
]


_SENT_ON_BASE = '\nimport requests\nr = requests.post(f"{BASE}/oauth2/token", data={"scope": "studio.package:read"})\n'


# settings readers that take the variable's name from the environment or a ``.env`` file: the value is the
# variable's, so a URL built on ``CELONIS_URL`` is Celonis's as with ``os.getenv``
@pytest.mark.parametrize("reader", [
    pytest.param("from decouple import config\nBASE = config('CELONIS_URL')", id="decouple"),
    pytest.param("from decouple import config as setting\nBASE = setting('CELONIS_URL', cast=str)", id="decouple-renamed"),
    pytest.param("import decouple\nBASE = decouple.config('CELONIS_URL', default='')", id="decouple-module"),
    pytest.param("from decouple import AutoConfig\nconfig = AutoConfig(search_path='.')\nBASE = config('CELONIS_URL')",
                 id="decouple-autoconfig"),
    pytest.param("from environs import Env\nenv = Env()\nenv.read_env()\nBASE = env.str('CELONIS_URL')", id="environs"),
    pytest.param("import environ\nenv = environ.Env()\nBASE = env('CELONIS_URL')", id="django-environ"),
])
def test_settings_readers_read_the_environment(reader):
    code = reader + _SENT_ON_BASE
    facts = facts_of(code)
    assert [[ref.name for ref in req.scopes.refs] for req in facts.token_requests] == [["studio.package:read"]]


@pytest.mark.parametrize("reader", [
    pytest.param("from myapp.settings import config\nBASE = config('CELONIS_URL')", id="a-config-function-of-the-project"),
    pytest.param("def config(name):\n    return SETTINGS[name]\nBASE = config('CELONIS_URL')", id="a-config-function-of-the-module"),
    pytest.param("from decouple import config\nBASE = config('OKTA_ISSUER')", id="another-providers-setting"),
    pytest.param("from jinja2 import Environment\nenv = Environment()\nBASE = env.str('CELONIS_URL')", id="another-env-object"),
    pytest.param("from environs import Env\nenv = Env()\nBASE = env.read_env('CELONIS_URL')", id="not-a-typed-read"),
])
def test_other_readers_are_not_the_environment(reader):
    code = reader + _SENT_ON_BASE
    assert facts_of(code).token_requests == []


@pytest.mark.parametrize("code", OTHER_PROVIDERS)
def test_other_token_endpoints_are_not_celonis(code):
    facts = facts_of(code)
    assert facts.token_requests == [] and facts.api_calls == [] and facts.insecure == []


def test_unknown_base_with_distinctly_celonis_scope_counts():
    code = """
        import requests
        def token(base_url):
            return requests.post(f"{base_url}/oauth2/token", data={"scope": "integration.data-pools"})
        """
    facts = facts_of(code)
    assert [spans(code, r.scopes) for r in facts.token_requests] == [[("integration.data-pools", 3, "integration.data-pools")]]
    assert facts.token_requests[0].url is None


def test_httpx_client_with_celonis_base_url():
    facts = facts_of("""
        import os, httpx
        client = httpx.Client(base_url=os.environ["CELONIS_URL"])
        r = client.post("/oauth2/token", data={"scope": "skills:read"})
        """)
    assert [r.scopes.refs[0].name for r in facts.token_requests] == ["skills:read"]


def test_bad_token_url_from_concatenation():
    facts = facts_of("""
        import requests
        BASE = "https://acme.eu-1.celonis.cloud"
        r = requests.post(BASE + "/api/oauth2/token", data={"scope": "studio"})
        """)
    assert [(i.kind, i.loc.line, i.loc.col, i.detail) for i in facts.insecure] == [
        ("bad-token-url", 3, 19, "https://acme.eu-1.celonis.cloud/api/oauth2/token")]


# --- PyCelonis auth and scope variables ---------------------------------------------------------

def test_pycelonis_oauth2_positional_and_keyword():
    code = f"""
        import pycelonis
        from pycelonis import get_celonis, oauth2
        a = pycelonis.oauth2("client-id", "{SECRET}", "studio integration.data-pools")
        b = oauth2(client_id="x", client_secret=os.environ["S"], scope="audit.log:read")
        """
    facts = facts_of(code)
    assert [spans(code, r.scopes) for r in facts.token_requests] == [
        [("studio", 3, "studio"), ("integration.data-pools", 3, "integration.data-pools")],
        [("audit.log:read", 4, "audit.log:read")]]
    assert all(r.url is None for r in facts.token_requests)
    assert [(s.kind, s.name, s.loc.line, s.loc.col, s.loc.end_col) for s in facts.secrets] == [
        ("client secret", "client_secret", 3, 36, 68)]
    assert source_at(code, facts.secrets[0].loc) == SECRET


@pytest.mark.parametrize("code", [
    pytest.param("""
        from authlib import oauth2
        token = oauth2("id", "secret", "integration.data-pools")
        """, id="another-library"),
    pytest.param("""
        import pycelonis
        from mycompany.auth import oauth2
        token = oauth2("partner-id", os.environ["PARTNER_SECRET"], "studio.spaces")
        """, id="another-package-beside-pycelonis"),
    pytest.param("""
        from pycelonis import get_celonis

        def oauth2(client, secret, scope):
            return partner.token(client, secret, scope)

        token = oauth2("partner-id", os.environ["PARTNER_SECRET"], "studio.spaces")
        """, id="defined-in-the-module"),
])
def test_oauth2_of_another_library_is_ignored(code):
    """Only PyCelonis's ``oauth2`` is a Celonis token request: a name imported from elsewhere or
    defined in the module is not, though the module uses PyCelonis."""
    assert facts_of(code).token_requests == []


def test_oauth2_of_a_star_import_from_pycelonis():
    facts = facts_of("""
        from pycelonis import *
        token = oauth2("id", os.environ["S"], "studio")
        """)
    assert [[r.name for r in t.scopes.refs] for t in facts.token_requests] == [["studio"]]


@pytest.mark.parametrize("code, kind, line, col", [
    pytest.param("""
        from pycelonis import get_celonis
        c = get_celonis(base_url=URL, api_token=os.environ["CELONIS_API_TOKEN"], key_type="APP_KEY")
        """, "AppKey", 2, 83, id="key-type-app-key"),
    pytest.param("""
        import pycelonis
        from pycelonis_core.utils.ml_workbench import KeyType
        c = pycelonis.get_celonis(URL, os.environ["CELONIS_API_TOKEN"], KeyType.USER_KEY)
        """, "api-key", 3, 65, id="positional-user-key"),
    pytest.param("""
        from pycelonis import get_celonis
        c = get_celonis(base_url=URL, api_token=os.environ["CELONIS_API_TOKEN"])
        """, "api-key", 2, 41, id="static-token-no-key-type"),
    pytest.param("""
        from pycelonis import get_celonis
        api_key = args.api_key or os.getenv("CELONIS_API_KEY")
        c = get_celonis(base_url=URL, api_token=api_key)
        """, "api-key", 3, 41, id="static-token-from-an-argument-or-the-environment"),
    pytest.param("""
        from pycelonis import get_celonis
        c = get_celonis(base_url=URL, api_token=os.getenv("CELONIS_APP_KEY") or DEFAULT_KEY)
        """, "api-key", 2, 41, id="static-token-or-inline"),
    pytest.param("""
        from pycelonis import get_celonis
        api_token = open("api_token.txt").read().strip()
        c = get_celonis(celonis_url=URL, api_token=api_token)
        """, "api-key", 3, 44, id="a-key-read-from-a-file"),
    pytest.param("""
        from decouple import config
        from pycelonis import get_celonis
        c = get_celonis(celonis_url=config("CELONIS_URL"), api_token=config("API_TOKEN"))
        """, "api-key", 3, 62, id="a-decouple-setting-named-as-a-key"),
    pytest.param("""
        from pycelonis import get_celonis
        api = input("Insert Celonis API key -> ")
        c = get_celonis(api_token=api, celonis_url=input("URL -> "))
        """, "api-key", 3, 27, id="a-prompt-for-a-key"),
])
def test_get_celonis_key_auth(code, kind, line, col):
    facts = facts_of(code)
    assert [(h.kind, h.loc.line, h.loc.col) for h in facts.auth_headers] == [(kind, line, col)]


@pytest.mark.parametrize("code", [
    pytest.param("""
        from pycelonis import get_celonis, oauth2
        c = get_celonis(base_url=URL, api_token=oauth2(ID, SECRET, "studio"), key_type="BEARER")
        """, id="bearer-oauth"),
    pytest.param("""
        from pycelonis import get_celonis, oauth2
        token = oauth2(ID, SECRET, "studio")
        c = get_celonis(base_url=URL, api_token=token)
        """, id="token-from-oauth2-name"),
    pytest.param("""
        from pycelonis import get_celonis, oauth2
        token = cached_token or oauth2(ID, SECRET, "studio")
        c = get_celonis(base_url=URL, api_token=token)
        """, id="cached-or-oauth2"),
    pytest.param("""
        from pycelonis import get_celonis
        token = args.token or os.getenv("CELONIS_ACCESS_TOKEN")
        c = get_celonis(base_url=URL, api_token=token)
        """, id="an-access-token-from-the-environment"),
    pytest.param("""
        from pycelonis import get_celonis
        token = args.token or settings.token
        c = get_celonis(base_url=URL, api_token=token)
        """, id="nothing-resolved"),
    pytest.param("""
        from pycelonis import get_celonis
        access_token = open("access_token.txt").read().strip()
        c = get_celonis(base_url=URL, api_token=access_token)
        """, id="an-access-token-read-from-a-file"),
    pytest.param("""
        from pycelonis import get_celonis
        api_token = fetch_token(CLIENT_ID, CLIENT_SECRET)
        c = get_celonis(base_url=URL, api_token=api_token)
        """, id="a-key-name-given-what-a-function-returns"),
    pytest.param("""
        from pycelonis import get_celonis
        token = input("Paste the OAuth access token: ")
        c = get_celonis(base_url=URL, api_token=token)
        """, id="a-prompt-for-an-access-token"),
    pytest.param("""
        from decouple import config
        from pycelonis import get_celonis
        c = get_celonis(base_url=URL, api_token=config("OAUTH_ACCESS_TOKEN"))
        """, id="a-decouple-access-token"),
    pytest.param("""
        from pycelonis import get_celonis
        api_token = open("api_token.txt").read().strip()
        c = get_celonis(base_url=URL, api_token=api_token, key_type="BEARER")
        """, id="a-key-name-sent-as-a-bearer-token"),
])
def test_get_celonis_with_oauth_is_not_key_auth(code):
    assert facts_of(code).auth_headers == []


SCOPE_VARS = [
    pytest.param('import os\nS = os.environ.get("CELONIS_OAUTH_SCOPE", "mcp-asset.tools:execute")\n',
                 [("mcp-asset.tools:execute", 2, 44, 67)], id="environ-get"),
    pytest.param('import os\nS = os.getenv("OAUTH_SCOPES", "studio package-manager")\n',
                 [("studio", 2, 32, 38), ("package-manager", 2, 39, 54)], id="getenv"),
    pytest.param('import os\nos.environ.setdefault("CELONIS_SCOPES", "integration.data-pools")\n',
                 [("integration.data-pools", 2, 42, 64)], id="setdefault"),
    pytest.param('import os\nos.environ["OAUTH_SCOPES"] = "studio"\nimport pycelonis\n', [("studio", 2, 31, 37)],
                 id="set-for-pycelonis"),
    # a login link to a Celonis authorization URL: the scopes it asks for in its query
    pytest.param('import webbrowser\nwebbrowser.open("https://acme.eu-1.celonis.cloud/oauth2/authorize'
                 '?response_type=code&scope=studio+audit.log:read")\n',
                 [("studio", 2, 92, 98), ("audit.log:read", 2, 99, 113)], id="authorization-url-query"),

]


@pytest.mark.parametrize("code, want", SCOPE_VARS)
def test_scope_variable_defaults(code, want):
    facts = facts_of(code)
    assert [[(r.name, r.loc.line, r.loc.col, r.loc.end_col) for r in s.refs] for s in facts.scope_vars] == [want]
    assert all(source_at(code, r.loc) == r.name for s in facts.scope_vars for r in s.refs)
    assert all(s.source == "variable" for s in facts.scope_vars)


@pytest.mark.parametrize("code", [
    pytest.param('import os\nos.environ["OAUTH_SCOPES"] = "studio"\n', id="generic-name-without-pycelonis"),
    pytest.param('import os\nfrom authlib.integrations.starlette_client import OAuth\n'
                 'OAuth().register(name="huggingface", server_metadata_url="https://huggingface.co/.well-known/openid-configuration",\n'
                 '                 client_kwargs={"scope": os.environ.get("OAUTH_SCOPES", "openid profile")})\n',
                 id="hugging-face-login"),
])
def test_a_generic_scope_variable_outside_celonis_code_is_anyones(code):
    """``OAUTH_SCOPES`` is what PyCelonis reads, and what every Hugging Face Space is given: where the
    module does not talk to Celonis and the scopes are not Celonis's by themselves, they are not read."""
    assert facts_of(code).scope_vars == []


@pytest.mark.parametrize("code", [
    pytest.param('LOGIN = "https://login.example.com/oauth2/authorize?scope=studio+audit.log:read"\n', id="another-host"),
    pytest.param('assert url == "https://acme.eu-1.celonis.cloud/oauth2/authorize?scope=studio+audit.log:read"\n',
                 id="compared"),
    pytest.param('LOGIN = f"https://acme.eu-1.celonis.cloud/oauth2/authorize?scope={SCOPES}"\n', id="not-known"),
    pytest.param('POOLS = "https://acme.eu-1.celonis.cloud/integration/api/pools?scope=studio"\n', id="api-url"),
])
def test_a_urls_scope_query_of_no_celonis_client_is_not_read(code):
    """Another host's, an assertion's, an unknown or an API URL's ``scope=`` asks nothing of a Celonis client."""
    assert facts_of(code).scope_vars == []


def test_a_generic_scope_variable_in_pycelonis_settings_is_celonis():
    """A module that reads PyCelonis's own settings (``TEAM_URL``) is Celonis code, however it reads them."""
    code = ('import os\nTEAM_URL = os.environ["TEAM_URL"]\nOAUTH_CLIENT_ID = os.environ["OAUTH_CLIENT_ID"]\n'
            'OAUTH_SCOPES = os.getenv("OAUTH_SCOPES", "studio,team")\n')
    assert [[r.name for r in s.refs] for s in facts_of(code).scope_vars] == [["studio", "team"]]


def test_other_environment_defaults_are_not_scopes():
    facts = facts_of('import os\nLEVEL = os.environ.get("LOG_LEVEL", "studio")\nS = os.getenv("CELONIS_SCOPE")\n')
    assert facts.scope_vars == []


# --- API calls ----------------------------------------------------------------------------------

API_CASES = [
    pytest.param('import requests\nBASE = os.environ["CELONIS_URL"]\nr = requests.get(f"{BASE}/integration/api/pools")\n',
                 [("GET", "/integration/api/pools", 3, 18)], id="requests-get-fstring"),
    pytest.param('def go(session, url):\n    return session.request("DELETE", url + "/integration/api/pools/p1")\n',
                 [("DELETE", "/integration/api/pools/p1", 2, 38)], id="session-request-method"),
    pytest.param('r = celonis.client.request(method="GET", url="/package-manager/api/spaces")\n',
                 [("GET", "/package-manager/api/spaces", 1, 47)], id="pycelonis-raw-client"),
    pytest.param('KM = "/intelligence/api/knowledge-models"\n',
                 [(None, "/intelligence/api/knowledge-models", 1, 7)], id="bare-literal"),
    pytest.param('u = "https://acme.eu-1.celonis.cloud/log/api/external/audit?limit=10"\n',
                 [(None, "/log/api/external/audit", 1, 6)], id="absolute-celonis-url"),
    pytest.param('import requests\nr = requests.post("https://acme.eu-1.celonis.cloud/some/new/thing")\n',
                 [("POST", "/some/new/thing", 2, 20)], id="celonis-host-unknown-route"),
    pytest.param('import httpx\nPOOLS = "/integration/api/pools"\nr = httpx.get(BASE + POOLS)\n',
                 [("GET", "/integration/api/pools", 3, 15)], id="constant-used-by-call-counts-once"),
]


@pytest.mark.parametrize("code, want", API_CASES)
def test_api_calls(code, want):
    facts = facts_of(code)
    assert [(c.method, c.path, c.loc.line, c.loc.col) for c in facts.api_calls] == want
    assert all(c.via == "http" for c in facts.api_calls)


@pytest.mark.parametrize("code", [
    pytest.param('"""Calls /integration/api/pools with scope integration.data-pools."""\n', id="docstring"),
    pytest.param('r = requests.get("https://api.github.com/integration/api/pools")\n', id="other-host"),
    pytest.param('r = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={"scope": "studio"})\n',
                 id="token-endpoint-is-not-an-api-call"),
    pytest.param('x = "see https://docs.celonis.com/en/integration.html"\n', id="docs-link"),
])
def test_not_api_calls(code):
    assert facts_of(code).api_calls == []


# --- PyCelonis SDK ------------------------------------------------------------------------------

PUSH = "/data-ingestion/api/v1/data-push/{pool_id}/jobs/{id}"
SDK_CASES = [
    pytest.param("""
        from pycelonis import get_celonis
        celonis = get_celonis(permissions=False)
        pool = celonis.data_integration.get_data_pool(POOL_ID)
        job = pool.create_data_push_job(target_name="t", type_="REPLACE")
        job.execute()
        """, [
        ("GET", "/integration/api/pools/{id}", "DataIntegration.get_data_pool()", 3),
        ("POST", "/data-ingestion/api/v1/data-push/{pool_id}/jobs/", "DataPool.create_data_push_job()", 4),
        ("GET", PUSH, "DataPushJob.execute()", 5), ("POST", PUSH, "DataPushJob.execute()", 5)],
        id="push-job-execute-typed-by-chain"),
    pytest.param("""
        from pycelonis import get_celonis
        celonis = get_celonis()
        pool = celonis.data_integration.get_data_pools().find("ERP")
        job = pool.get_jobs().find("nightly")
        job.execute()
        """, [
        ("GET", "/integration/api/pools", "DataIntegration.get_data_pools()", 3),
        ("GET", "/integration/api/pools/{pool_id}/jobs", "DataPool.get_jobs()", 4),
        ("GET", "/integration/api/pools/{pool_id}/logs/status", "Job.execute()", 5),
        ("POST", "/integration/api/pools/{pool_id}/jobs/{job_id}/execute", "Job.execute()", 5)],
        id="data-job-execute-through-find"),
    pytest.param("""
        import pycelonis
        def run(push_job, job):
            push_job.execute()
            job.execute()
        """, [
        ("GET", PUSH, "DataPushJob.execute()", 3), ("POST", PUSH, "DataPushJob.execute()", 3),
        ("GET", "/integration/api/pools/{pool_id}/logs/status", "Job.execute()", 4),
        ("POST", "/integration/api/pools/{pool_id}/jobs/{job_id}/execute", "Job.execute()", 4)],
        id="name-heuristics"),
    pytest.param("""
        from pycelonis import get_celonis
        celonis = get_celonis()
        for space in celonis.studio.get_spaces():
            for package in space.get_packages():
                kms = package.get_knowledge_models()
                km = kms.find_by_id(KM_ID)
                km.get_kpis()
        """, [
        ("GET", "/package-manager/api/spaces", "Studio.get_spaces()", 3),
        ("GET", "/package-manager/api/nodes/tree", "Space.get_packages()", 4),
        ("GET", "/package-manager/api/nodes/by-root-key/{root_key}", "Package.get_knowledge_models()", 5),
        ("GET", "/semantic-layer/api/knowledge-model/{layer_asset_id}/kpis", "KnowledgeModel.get_kpis()", 7)],
        id="for-loops-and-find-by-id"),
    pytest.param("""
        from pycelonis.ems import DataPool
        pool = DataPool(client=client, id=POOL_ID)
        pool.create_data_push_job(target_name="t", type_="DELTA").add_data_frame(df)
        """, [
        ("POST", "/data-ingestion/api/v1/data-push/{pool_id}/jobs/", "DataPool.create_data_push_job()", 3),
        ("POST", "/data-ingestion/api/v1/data-push/{pool_id}/jobs/{id}/chunks/upserted", "DataPushJob.add_data_frame()", 3)],
        id="direct-construction-and-chained-call"),
    pytest.param("""
        from pycelonis import get_celonis
        celonis = get_celonis()
        dm = celonis.data_integration.get_data_pool(P).get_data_model(D)
        tables = dm.tables
        dm.reload()
        """, [
        ("GET", "/integration/api/pools/{id}", "DataIntegration.get_data_pool()", 3),
        ("GET", "/integration/api/pools/{pool_id}/data-models/{data_model_id}", "DataPool.get_data_model()", 3),
        ("GET", "/integration/api/pools/{pool_id}/data-models/{data_model_id}/load-history/load-info-sync", "DataModel.reload()", 5),
        ("POST", "/integration/api/pools/{pool_id}/data-models/{data_model_id}/reload", "DataModel.reload()", 5)],
        id="attribute-access-sends-nothing"),
]


@pytest.mark.parametrize("code, want", SDK_CASES)
def test_sdk_calls(code, want):
    facts = facts_of(code)
    ordered = sorted(facts.api_calls, key=lambda c: (c.loc.line, c.loc.col))
    sdk = [(c.method, c.path, c.evidence, c.loc.line) for c in ordered if c.via == "sdk" and not c.path.startswith("/api/")]
    assert sdk == want


def test_sdk_call_location_is_the_method_name():
    facts = facts_of("import pycelonis\nx = celonis.data_integration.get_data_pools()\n")
    call = next(c for c in facts.api_calls if c.evidence == "DataIntegration.get_data_pools()")
    assert (call.loc.line, call.loc.col, call.loc.end_col) == (1 + 1, 30, 46)


def test_get_celonis_calls_api_cloud():
    facts = facts_of("from pycelonis import get_celonis\nc = get_celonis()\n")
    assert api(facts) == [("GET", "/api/cloud"), ("GET", "/api/team")]


@pytest.mark.parametrize("code", [
    pytest.param("from pycelonis import get_celonis\nc = get_celonis()\nc.data_integration.get_data_model('x')\n", id="di-get-data-model"),
    pytest.param("from pycelonis import get_celonis\nc = get_celonis()\nc.apps.get_apps()\nc.apps.deploy_app(a)\n", id="apps"),
    pytest.param("import pycelonis\nteam.get_members()\nteam.request_permission()\nspace.get_content_nodes()\n", id="team-and-space"),
])
def test_methods_pycelonis_does_not_have_are_not_learned(code):
    assert [c for c in facts_of(code).api_calls if not c.path.startswith("/api/")] == []


@pytest.mark.parametrize("code, want", [
    # PyCelonis 1.x: a Celonis object's parts the 2.x map does not have, called
    pytest.param("from pycelonis import get_celonis\ncelonis = get_celonis()\npool = celonis.pools.find('ERP')\n"
                 "celonis.datamodels.find('O2C').reload()\ncelonis.api_request(url)\n",
                 [(3, 22, "celonis.pools.find()"), (4, 20, "celonis.datamodels.find()"), (5, 9, "celonis.api_request()")],
                 id="pycelonis-1"),
    # a parameter that says it holds the Celonis object, in a module that uses PyCelonis
    pytest.param("import pycelonis\n\ndef backup(celonis):\n    return celonis.pools.find('ERP')\n",
                 [(4, 26, "celonis.pools.find()")], id="by-name"),
    # lookalikes: 2.x parts, a value read and not called, private parts, no PyCelonis in the module
    pytest.param("from pycelonis import get_celonis\nc = get_celonis()\nc.data_integration.get_data_pools()\n"
                 "c.client.request('GET', '/x')\nprint(settings.celonis.url)\nc._tracker.track()\n", [], id="pycelonis-2"),
    pytest.param("import requests\ncelonis = Api()\ncelonis.pools.find('ERP')\n", [], id="not-pycelonis"),
])
def test_a_pycelonis_call_the_map_does_not_have_is_a_call_not_known(code, want):
    found = [(u.loc.line, u.loc.col, u.evidence) for u in facts_of(code).unresolved_calls if u.sdk]
    assert found == want


def test_sdk_needs_pycelonis():
    facts = facts_of("import threading\njob.execute()\npool.create_data_push_job('x')\nimportlib.reload(m)\n")
    assert facts.api_calls == []


def test_generic_method_names_need_a_type():
    facts = facts_of("import pycelonis\nthread.start()\nitems.append(x)\nimportlib.reload(mod)\ncursor.execute(q)\n")
    assert facts.api_calls == []


# --- TLS, URLs, secrets and key auth ------------------------------------------------------------

def test_verify_false_on_celonis_call():
    facts = facts_of('import requests\nr = requests.get(f"{CELONIS_URL}/api/team", verify=False)\n'
                     'requests.get("https://example.com/x", verify=False)\nurllib3.disable_warnings()\n')
    assert [(i.kind, i.loc.line, i.loc.col, i.loc.end_col, i.detail) for i in facts.insecure] == [
        ("tls-off", 2, 45, 57, "verify=False")]


def test_verify_bound_to_false():
    facts = facts_of('import requests\nVERIFY_TLS = False\nr = requests.get(CELONIS_URL, verify=VERIFY_TLS)\n')
    assert [(i.kind, i.loc.line, i.detail) for i in facts.insecure] == [("tls-off", 3, "verify=False")]


@pytest.mark.parametrize("code, want", [
    pytest.param('import httpx\nurl = "https://acme.eu-1.celonis.cloud"\nclient = httpx.Client(headers={}, verify=False)\n'
                 'resp = client.post(f"{url}/integration/api/pools/abc/data-sources", json={})\n',
                 [("tls-off", 3, "verify=False")], id="a-client-made-without-checks-then-calling-celonis"),
    pytest.param('import httpx\nclient = httpx.Client(headers={}, verify=False)\n'
                 'resp = client.post("https://hooks.example.com/x", json={})\n', [], id="a-client-calling-elsewhere"),
    pytest.param('from pycelonis import get_celonis\n'
                 'c = get_celonis(base_url=URL, api_token=TOKEN, key_type="BEARER", verify_ssl=False)\n',
                 [("tls-off", 2, "verify_ssl=False")], id="get-celonis-without-checks"),
])
def test_tls_switched_off_where_the_client_is_made(code, want):
    """A client made with ``verify=False`` and then used for Celonis calls, and ``get_celonis(...,
    verify_ssl=False)``, whose every call goes to Celonis."""
    assert [(i.kind, i.loc.line, i.detail) for i in facts_of(code).insecure] == want


@pytest.mark.parametrize("default", ['Field(default="{s}", description="Celonis API token")', 'Field("{s}")',
                                     'field(default="{s}")', 'SecretStr("{s}")', 'pydantic.SecretStr("{s}")',
                                     'Field(default=SecretStr("{s}"))'])
def test_a_secret_as_a_field_factorys_default(default):
    code = f'from pydantic import BaseModel, Field\nclass Settings(BaseModel):\n    celonis_api_token: str = {default.format(s=SECRET)}\n'
    facts = facts_of(code)
    assert [(s.kind, s.name, s.loc.line) for s in facts.secrets] == [("API key", "celonis_api_token", 3)]
    assert source_at(code, facts.secrets[0].loc) == SECRET


def test_a_field_without_a_literal_default_holds_no_secret():
    code = ('from pydantic import BaseModel, Field\nclass Settings(BaseModel):\n'
            '    celonis_api_token: str = Field(..., description="Celonis API token, read from CELONIS_API_TOKEN")\n'
            '    client_secret: str = Field(default_factory=read_secret)\n'
            '    app_key: SecretStr = SecretStr("")\n    api_key: SecretStr = SecretStr(os.environ["KEY"])\n')
    assert facts_of(code).secrets == []


@pytest.mark.parametrize("code, want", [
    # the scheme is written, and reported, where the base is: once, not again where the token URL is built on it
    pytest.param('import requests\nURL = "http://acme.eu-1.celonis.cloud"\n'
                 'r = requests.post(f"{URL}/oauth2/token", data={"scope": "studio"})\n', [("http-url", 2, 8)], id="a-base-constant"),
    pytest.param('import requests\nclass S:\n    base: str = Field(default="http://acme.eu-1.celonis.cloud")\n'
                 's = S()\nr = requests.post(f"{s.base}/oauth2/token", data={"scope": "studio"})\n', [("http-url", 3, 32)],
                 id="a-settings-field"),
    # written in the f-string itself: reported there
    pytest.param('import requests\nHOST = "acme.eu-1.celonis.cloud"\n'
                 'r = requests.post(f"http://{HOST}/oauth2/token", data={"scope": "studio"})\n', [("http-url", 3, 19)],
                 id="the-scheme-in-the-f-string"),
])
def test_a_plain_http_base_is_reported_where_its_scheme_is_written(code, want):
    assert [(i.kind, i.loc.line, i.loc.col) for i in facts_of(code).insecure] == want


def test_http_url_and_secret_in_query():
    facts = facts_of(f'U = "http://acme.eu-1.celonis.cloud/api/team?access_token={TOKEN}"\n')
    assert [(i.kind, i.loc.col) for i in facts.insecure] == [("http-url", 6)]
    assert [(s.kind, s.in_url, s.loc.col, s.loc.end_col) for s in facts.secrets] == [("access token", True, 59, 91)]
    assert TOKEN not in repr(facts)


SECRET_CASES = [
    pytest.param(f'client_secret = "{SECRET}"\n', ("client secret", "client_secret", 1, 18, 50), id="assignment"),
    pytest.param(f'CELONIS_CLIENT_SECRET: str = "{SECRET}"\n', ("client secret", "CELONIS_CLIENT_SECRET", 1, 31, 63),
                 id="annotated-assignment"),
    pytest.param(f'f(client_id="x", client_secret="{SECRET}")\n', ("client secret", "client_secret", 1, 33, 65),
                 id="keyword"),
    pytest.param(f'BODY = {{"grant_type": "client_credentials", "client_secret": "{SECRET}"}}\n',
                 ("client secret", "client_secret", 1, 63, 95), id="dict-key"),
    pytest.param(f'c = get_celonis(api_token="{SECRET}")\n', ("API key", "api_token", 1, 28, 60), id="api-token"),
    pytest.param(f'h = {{"Authorization": "Bearer {TOKEN}"}}\n', ("access token", "Authorization", 1, 31, 63),
                 id="bearer-literal"),
    pytest.param(f'h = {{"Authorization": "AppKey {SECRET}"}}\n', ("API key", "Authorization", 1, 31, 63),
                 id="appkey-literal"),
    pytest.param(f'    # client_secret = "{SECRET}"\n', ("client secret", "client_secret", 1, 20, 52), id="comment"),
    pytest.param(f'def f(api_key="{SECRET}"):\n    pass\n', ("API key", "api_key", 1, 16, 48), id="default-argument"),
    pytest.param(f'import os\nS = os.getenv("CELONIS_CLIENT_SECRET", "{SECRET}")\n',
                 ("client secret", "CELONIS_CLIENT_SECRET", 2, 41, 73), id="environment-default"),
    # a variable the name does not call a secret, bound to a name that does
    pytest.param(f'import os\nCLIENT_SECRET = os.getenv("CELONIS_LEGACY_VALUE", default="{SECRET}")\n',
                 ("client secret", "CLIENT_SECRET", 2, 60, 92), id="environment-default-of-a-secret-name"),
    pytest.param(f'import os\nS = os.getenv("CELONIS_CLIENT_SECRET", default="{SECRET}")\n',
                 ("client secret", "CELONIS_CLIENT_SECRET", 2, 49, 81), id="environment-default-as-a-keyword"),
    pytest.param(f'import requests\nr = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", auth=("id", "{SECRET}"))\n',
                 ("client secret", "auth", 2, 80, 112), id="basic-auth-tuple"),
    # a form body written as one string, as generated snippets write it, to any host
    pytest.param(f'import requests\nurl = "https://acme.eu-1.celonis.cloud/oauth2/token"\n'
                 f'payload = "client_id=my-client&client_secret={SECRET}&grant_type=client_credentials&scope=studio"\n'
                 'response = requests.request("POST", url, headers={}, data=payload)\n',
                 ("client secret", "client_secret", 3, 46, 78), id="form-body-variable"),
    pytest.param(f'import requests\nrequests.post("https://login.example.com/oauth/token", '
                 f'data="grant_type=client_credentials&client_id=abc&client_secret={SECRET}")\n',
                 ("client secret", "client_secret", 2, 120, 152), id="form-body-inline-other-host"),
    pytest.param(f'import msal\napp = msal.ConfidentialClientApplication("id", client_credential="{SECRET}")\n',
                 ("client secret", "client_credential", 2, 67, 99), id="msal-client-credential"),
    pytest.param(f'bearer_token = "{TOKEN}"\n', ("access token", "bearer_token", 1, 17, 49), id="bearer-token-name"),
    # the defaults of settings readers: python-decouple, environs, django-environ
    pytest.param(f'from decouple import config\nS = config("CELONIS_CLIENT_SECRET", default="{SECRET}")\n',
                 ("client secret", "CELONIS_CLIENT_SECRET", 2, 46, 78), id="decouple-default"),
    pytest.param(f'from environs import Env\nenv = Env()\nCLIENT_SECRET = env.str("OLD_VALUE", default="{SECRET}")\n',
                 ("client secret", "CLIENT_SECRET", 3, 47, 79), id="environs-default-of-a-secret-name"),
    pytest.param(f'import environ\nenv = environ.Env()\nS = env("CELONIS_API_KEY", default="{SECRET}")\n',
                 ("API key", "CELONIS_API_KEY", 3, 37, 69), id="django-environ-default"),
]


# a setting's default given to a reader of something else than the environment: not known to be the setting's value
@pytest.mark.parametrize("code", [
    pytest.param(f'from myapp.settings import config\nS = config("CELONIS_CLIENT_SECRET", default="{SECRET}")\n',
                 id="a-config-function-of-the-project"),
    pytest.param(f'from environs import Env\nenv = Env()\nS = env.str("CELONIS_CLIENT_SECRET", default="changeme")\n',
                 id="a-placeholder-default"),
    pytest.param(f'from jinja2 import Environment\nenv = Environment()\nS = env.str("CELONIS_CLIENT_SECRET", default="{SECRET}")\n',
                 id="another-object-named-env"),
])
def test_defaults_of_other_readers_are_not_secrets(code):
    assert facts_of(code).secrets == []


@pytest.mark.parametrize("code, want", SECRET_CASES)
def test_secrets(code, want):
    facts = facts_of(code)
    assert [(s.kind, s.name, s.loc.line, s.loc.col, s.loc.end_col) for s in facts.secrets] == [want]
    assert source_at(code, facts.secrets[0].loc) in (SECRET, TOKEN)
    assert SECRET not in repr(facts) and TOKEN not in repr(facts)



_LOGIN = 'from pycelonis import get_celonis\n{binding}\nc = get_celonis(url="acme.eu-1.celonis.cloud", api_token=TOKEN_VALUE)\n'


def assert_secrets_at(code: str, want: list[tuple]) -> None:
    """The secrets found in ``code``: their kind, name and place are ``want``, and each place holds ``SECRET``."""
    facts = facts_of(code)
    assert [(s.kind, s.name, s.loc.line, s.loc.col, s.loc.end_col) for s in facts.secrets] == want
    assert all(source_at(code, s.loc) == SECRET for s in facts.secrets)


@pytest.mark.parametrize("binding, want", [
    pytest.param(f'TOKEN_VALUE = "{SECRET}"', [("API key", "TOKEN_VALUE", 2, 16, 48)], id="module-constant"),
    pytest.param(f'def login():\n    TOKEN_VALUE = "{SECRET}"\n    return 1', [], id="a-local-of-another-function"),
    pytest.param('import os\nTOKEN_VALUE = os.environ["CELONIS_API_TOKEN"]', [], id="read-from-the-environment"),
    pytest.param('TOKEN_VALUE = "your-api-token"', [], id="placeholder"),
    pytest.param(f'TOKEN_VALUE = "{SECRET}"\nif DEBUG:\n    TOKEN_VALUE = "{TOKEN}"', [], id="bound-to-two-literals"),
])
def test_a_constant_given_as_the_api_token_is_a_secret_where_it_is_written(binding, want):
    """A hard-coded key under a name that does not say what it is (``TOKEN = "..."``), passed to
    ``get_celonis(api_token=TOKEN)``: reported at the literal, under the name it is written as."""
    assert_secrets_at(_LOGIN.format(binding=binding), want)

@pytest.mark.parametrize("code, want", [
    # a key under a name that says nothing, given for a parameter that does
    pytest.param(f'from pyinsights import Connector\ntoken = "{SECRET}"\nc = Connector(url=URL, api_token=token)\n',
                 [("API key", "api_token", 2, 10, 42)], id="keyword"),
    pytest.param(f'import requests\nclass Config:\n    value = "{SECRET}"\n'
                 'requests.post(URL, data={"client_secret": Config.value, "grant_type": "client_credentials"})\n',
                 [("client secret", "client_secret", 3, 14, 46)], id="dict-value-of-a-class-attribute"),
    pytest.param('import streamlit as st\nfrom pyinsights import Connector\ntoken = st.text_input("Key", type="password")\n'
                 'c = Connector(url=URL, api_token=token)\n', [], id="typed-in"),
    pytest.param('from pyinsights import Connector\ntoken = "<your api token>"\nc = Connector(url=URL, api_token=token)\n',
                 [], id="placeholder"),
    pytest.param(f'from pyinsights import Connector\ntoken = "{SECRET}"\nif PROD:\n    token = "{TOKEN}"\n'
                 'c = Connector(url=URL, api_token=token)\n', [], id="bound-to-two-literals"),
    # a parameter that names no secret
    pytest.param(f'from pyinsights import Connector\ntoken = "{SECRET}"\nc = Connector(url=URL, user=token)\n', [],
                 id="not-a-secret-parameter"),
])
def test_a_literal_bound_to_a_name_given_for_a_secret_is_a_secret_where_it_is_written(code, want):
    assert_secrets_at(code, want)


@pytest.mark.parametrize("code, want", [
    pytest.param(f'import argparse\np = argparse.ArgumentParser()\np.add_argument("--api-token", "-t", default="{SECRET}")\n',
                 [("API key", "api_token", 3, 46, 78)], id="argparse"),
    pytest.param(f'import argparse\np = argparse.ArgumentParser()\np.add_argument("-s", dest="client_secret", default="{SECRET}")\n',
                 [("client secret", "client_secret", 3, 53, 85)], id="argparse-dest"),
    pytest.param(f'import click\n@click.option("--client-secret", default="{SECRET}", show_default=False)\ndef main(client_secret): ...\n',
                 [("client secret", "client_secret", 2, 43, 75)], id="click"),
    # lookalikes: read from the environment, a placeholder, an option that names no secret, an option's help text
    pytest.param('import os\np.add_argument("--api-token", default=os.environ.get("CELONIS_API_TOKEN"))\n', [], id="env"),
    pytest.param('p.add_argument("--api-token", default="<your api token>")\n', [], id="placeholder"),
    pytest.param(f'p.add_argument("--team-url", default="{SECRET}")\n', [], id="names-no-secret"),
    pytest.param(f'p.add_argument("--api-token", help="{SECRET}")\n', [], id="help-text"),
])
def test_a_command_line_options_default_is_its_value(code, want):
    assert_secrets_at(code, want)


@pytest.mark.parametrize("value", ["<client secret>", "your-client-secret", "${CLIENT_SECRET}", "changeme", "***",
                                   "{{client_secret}}", "REPLACE_ME",
                                   # a test's words spelled with digits
                                   "s3cr3t-for-tests", "f4k3-cl13nt-s3cr3t-2024"])
def test_placeholders_are_not_secrets(value):
    facts = facts_of(f'client_secret = "{value}"\nf(client_secret="{value}")\n# client_secret = {value}\n')
    assert facts.secrets == []


@pytest.mark.parametrize("body", [
    'f"client_id=abc&client_secret={SECRET_VALUE}&grant_type=client_credentials"',  # read from elsewhere
    '"client_id=abc&client_secret=your-client-secret&grant_type=client_credentials"',  # a placeholder
    '"client_id=abc&client_secret=${CLIENT_SECRET}&grant_type=client_credentials"',
    '"grant_type=client_credentials&client_id=abc"',  # no secret field
    'open("body.txt").read()',
])
def test_form_bodies_without_a_written_secret_hold_none(body):
    code = f'import os, requests\nSECRET_VALUE = os.environ["S"]\nrequests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={body})\n'
    assert facts_of(code).secrets == []


@pytest.mark.parametrize("code, want", [
    pytest.param('import os, requests\nCELONIS_URL = os.environ["CELONIS_URL"]\n'
                 'OAUTH_SCOPES = os.environ.get("OAUTH_SCOPES", "openid email profile")\n'
                 'requests.post("https://oauth2.googleapis.com/token", data={"grant_type": "authorization_code", "scope": OAUTH_SCOPES})\n',
                 [], id="a-setting-sent-to-another-provider"),
    pytest.param('import os, requests\nCELONIS_URL = os.environ["CELONIS_URL"]\nSCOPES = "openid offline_access"\n'
                 'requests.post("https://login.microsoftonline.com/t/oauth2/v2.0/token", data={"scope": SCOPES})\n',
                 [], id="a-constant-sent-to-another-provider"),
    # sent nowhere: a sign-in's scopes by their shape (OpenID Connect's, as every reader judges them) are
    # another provider's; Celonis's own are Celonis's
    pytest.param('import os, requests\nCELONIS_URL = os.environ["CELONIS_URL"]\n'
                 'OAUTH_SCOPES = os.environ.get("OAUTH_SCOPES", "openid email profile")\n',
                 [], id="the-same-setting-sent-nowhere"),
    pytest.param('import os, requests\nCELONIS_URL = os.environ["CELONIS_URL"]\n'
                 'OAUTH_SCOPES = os.environ.get("OAUTH_SCOPES", "studio integration.data-pools")\n',
                 [["studio", "integration.data-pools"]], id="celonis-scopes-sent-nowhere"),
    pytest.param('import os, requests\nCELONIS_URL = os.environ["CELONIS_URL"]\n'
                 'OAUTH_SCOPES = os.environ.get("OAUTH_SCOPES", "studio")\n'
                 'requests.post(f"{CELONIS_URL}/oauth2/token", data={"scope": OAUTH_SCOPES})\n',
                 [["studio"]], id="sent-to-celonis"),
])
def test_scopes_sent_to_another_providers_host_are_its_own(code, want):
    """A scope variable is judged by where its value goes: sent to Google's or Microsoft's token URL,
    it is theirs, even under a name PyCelonis also reads, in a module that talks to Celonis."""
    facts = facts_of(code)
    assert [[r.name for r in s.refs] for s in facts.scope_vars] == want


def test_an_msal_certificate_or_a_secret_from_the_environment_is_no_literal_secret():
    code = ('import msal, os\napp = msal.ConfidentialClientApplication("id", client_credential={\n'
            '    "thumbprint": "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678", "private_key": open("key.pem").read()})\n'
            'other = msal.ConfidentialClientApplication("id", client_credential=os.environ["AZURE_CLIENT_SECRET"])\n')
    assert facts_of(code).secrets == []


def test_identifiers_in_secret_named_constants_are_not_secrets():
    assert facts_of('_SAR_APP_KEY = "serverlessrepo:applicationId"\nAPI_KEY_HEADER = "X-Celonis-Api-Key"\n').secrets == []


def test_environment_lookups_are_not_secrets():
    facts = facts_of('import os\nclient_secret = os.environ["CELONIS_CLIENT_SECRET"]\nf(client_secret=client_secret)\n')
    assert facts.secrets == []


@pytest.mark.parametrize("code, want", [
    pytest.param('h = {"Authorization": "AppKey " + os.environ["CELONIS_APP_KEY"]}\n', [("AppKey", 1, 23)], id="appkey"),
    pytest.param('import os\nKEY = os.environ["CELONIS_API_KEY"]\nh = {"Authorization": "Bearer " + KEY}\n',
                 [("api-key", 3, 23)], id="static-bearer-key"),
    pytest.param('h = {"Authorization": f"Bearer {os.environ[\'API_TOKEN\']}"}\n', [("api-key", 1, 23)],
                 id="static-bearer-fstring"),
    pytest.param('tok = r.json()["access_token"]\nh = {"Authorization": "Bearer " + tok}\n', [], id="oauth-token"),
    pytest.param('h = {"Authorization": f"Bearer {os.environ[\'CELONIS_ACCESS_TOKEN\']}"}\n', [], id="access-token-var"),
    # the AppKey scheme of other APIs, in modules that do not talk to Celonis: a kiosk's own server, a blockchain indexer
    pytest.param('import httpx\nc = httpx.AsyncClient(base_url=settings.central_api_base,\n'
                 '                      headers={"Authorization": f"AppKey {settings.kiosk_app_key}"})\n', [],
                 id="appkey-of-another-api"),
    pytest.param('import os, requests\nrequests.post(f"{os.environ[\'APG_BASE\']}/login",\n'
                 '              headers={"Authorization": f"AppKey {os.environ[\'CELO_INDEXER_KEY\']}"})\n', [],
                 id="appkey-of-another-api-by-env"),
    pytest.param('import httpx, os\ncelonis = httpx.Client(base_url=os.environ["BASE_URL"],\n'
                 '                       headers={"Authorization": f"AppKey {os.environ[\'KEY\']}"})\n',
                 [("AppKey", 3, 50)], id="appkey-of-a-client-named-for-celonis"),
])
def test_auth_headers(code, want):
    assert [(h.kind, h.loc.line, h.loc.col) for h in facts_of(code).auth_headers] == want


DASHBOARD = ('import os, requests\nBASE = os.environ["{base}"]\nH = {{"Authorization": f"AppKey {{os.environ[\'KEY\']}}"}}\n'
             'def widget(i):\n    return requests.get(f"{{BASE}}{path}", headers=H)\n')


@pytest.mark.parametrize("base, path, calls, keys", [
    # paths other services have too, on a base nothing says is Celonis's: a dashboard's or a portal's own API
    ("DASHBOARD_URL", "/api/widgets/{i}", [], []),
    ("DASHBOARD_URL", "/api/team/{i}/members", [], []),
    ("PORTAL_URL", "/api/external/members", [], []),
    # the same paths on a base named for Celonis, and a path that names a Celonis service on any base
    ("CELONIS_URL", "/api/widgets/{i}", ["/api/widgets/{i}"], [(3, 23)]),
    ("PORTAL_URL", "/integration/api/pools", ["/integration/api/pools"], [(3, 23)]),
])
def test_a_generic_api_path_on_a_base_not_known_is_no_celonis_call(base, path, calls, keys):
    facts = facts_of(DASHBOARD.format(base=base, path=path))
    assert [c.path for c in facts.api_calls] == calls
    assert [(h.loc.line, h.loc.col) for h in facts.auth_headers] == keys


def test_a_generic_api_path_counts_in_a_module_that_talks_to_celonis():
    code = DASHBOARD.format(base="BASE_URL", path="/api/team/{i}/members") + "import pycelonis\n"
    facts = facts_of(code)
    assert [c.path for c in facts.api_calls] == ["/api/team/{i}/members"] and len(facts.auth_headers) == 1


# --- parsing and the prefilter ------------------------------------------------------------------

def test_syntax_error_is_a_note_not_a_fact():
    facts = facts_of('import requests\nr = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token",\n')
    assert facts.token_requests == [] and facts.api_calls == []
    assert [(p.kind, p.loc.line) for p in facts.problems] == [("skipped", 2)]
    assert facts.problems[0].message.startswith("not valid Python (line 2): ")


def test_deep_nesting_is_a_note():
    facts = facts_of("x = " + "(" * 5000 + "1" + ")" * 5000 + "\nscope = 1\n")
    assert [p.kind for p in facts.problems] == ["skipped"]
    assert facts.token_requests == []


def _not_python(source: str) -> str:
    """The note for a file that does not parse: it quotes this interpreter's own message, whose
    wording changes between Python versions (3.9 suggests ``print("celonis")``, later ones ``print(...)``)."""
    try:
        ast.parse(source)
    except SyntaxError as exc:
        return f"not valid Python (line {exc.lineno}): {exc.msg}"
    raise AssertionError("the source parses")


def test_syntax_error_file_is_noted_and_others_linted(lint_tree):
    result = lint_tree({
        "broken.py": 'print "celonis"\n',
        "job.py": 'import os\nS = os.environ.get("CELONIS_SCOPE", "studio,package-manager")\n',
    })
    assert ("broken.py", _not_python('print "celonis"\n')) in result.notes
    assert _not_python('print "celonis"\n').startswith("not valid Python (line 1): Missing parentheses in call to 'print'.")
    assert ("SL002", 2, 38) in triples(result.findings)
    assert not [f for f in result.findings if f.loc.path == "broken.py"]


def test_files_without_markers_are_not_parsed(lint_tree, monkeypatch):
    parsed: list[str] = []
    real = ast.parse

    def spy(source, filename="<unknown>", *args, **kwargs):
        parsed.append(str(source))  # by its text: a module is parsed under a name that is no file's
        return real(source, filename, *args, **kwargs)

    monkeypatch.setattr(ast, "parse", spy)
    big = "".join(f"def handler_{i}(request):\n    return request.args.get('page', {i})\n\n\n" for i in range(1250))
    assert big.count("\n") == 5000
    lint_tree({"big.py": big, "uses.py": 'URL = "https://acme.eu-1.celonis.cloud"\n'})
    assert [text for text in parsed if "acme.eu-1.celonis.cloud" in text]
    assert not [text for text in parsed if "handler_1249" in text]


def test_a_file_named_on_the_command_line_is_read_as_the_walk_reads_it(lint_tree, monkeypatch):
    """Pre-commit names every staged file: a code file without a marker is not parsed then either
    (no syntax note a walk would not give), while a named client definition file still is."""
    parsed: list[str] = []
    real = ast.parse
    monkeypatch.setattr(ast, "parse", lambda source, filename="<unknown>", *a, **k: (
        parsed.append(str(source)), real(source, filename, *a, **k))[1])  # by its text, as it is parsed under no file's name
    files = {"plain.py": "def f(:\n    pass\n", "push.py": 'print "celonis"\n', "clients.yaml": "name: [unclosed\n"}
    named = lint_tree(files, paths=("plain.py", "push.py", "clients.yaml"))
    walked = lint_tree(files)
    assert parsed.count(files["plain.py"]) == 0 and parsed.count(files["push.py"]) == 2
    assert [n for n in named.notes if n[0].endswith(".py")] == [n for n in walked.notes if n[0].endswith(".py")] == [
        ("push.py", _not_python('print "celonis"\n'))]
    assert [(f.code, f.loc.path) for f in named.findings] == [("SL000", "clients.yaml")]
    assert [(f.code, f.loc.path) for f in walked.findings] == []  # walked, a YAML file without oauth_clients is config


# --- end to end ---------------------------------------------------------------------------------

DEFINITION = """
oauth_clients:
  - name: erp-push
    scopes:
      - integration.data-pools
      - team.login-history:read
    justification:
      integration.data-pools: pushes the nightly ERP extract
      team.login-history:read: audits logins
    code: ["etl/**"]
  - name: km-reader
    scopes: [studio]
    justification: {studio: reads the order knowledge model}
    code: ["km/**"]
"""

PUSH_CODE = f'''
"""Nightly ERP push; needs scope integration.data-pools."""
import os

import requests
from pycelonis import get_celonis
from pycelonis.ems import DataPool

TEAM_URL = "https://acme.eu-1.celonis.cloud"
CELONIS_CLIENT_SECRET = "{SECRET}"


def token() -> str:
    response = requests.post(
        f"{{TEAM_URL}}/oauth2/token",
        data={{"grant_type": "client_credentials", "scope": "integration.data-pools machine-learning"}},
        auth=(os.environ["CELONIS_CLIENT_ID"], os.environ["CELONIS_CLIENT_SECRET"]),
    )
    return response.json()["access_token"]


def push(frame) -> None:
    celonis = get_celonis(base_url=TEAM_URL, api_token=token(), key_type="BEARER", permissions=False)
    pool = DataPool(client=celonis.client, id=os.environ["POOL_ID"])
    job = pool.create_data_push_job(target_name="erp_orders", type_="DELTA")
    job.add_data_frame(frame)
    job.execute()


def audit() -> dict:
    headers = {{"Authorization": "AppKey " + os.environ["CELONIS_APP_KEY"]}}
    return requests.get(f"{{TEAM_URL}}/log/api/external/audit", headers=headers, verify=False).json()


LEGACY = "http://acme.eu-1.celonis.cloud/api/team?access_token={TOKEN}"
'''

KM_CODE = '''
import os
import requests

BASE = os.environ["CELONIS_URL"]


def records(token: str, km: str) -> list:
    url = f"{BASE}/intelligence/api/knowledge-models/{km}/records"
    return requests.get(url, headers={"Authorization": f"Bearer {token}"}).json()["content"]
'''


def test_end_to_end(lint_tree):
    result = lint_tree({"oauth-clients.yaml": DEFINITION, "etl/push.py": PUSH_CODE, "km/export.py": KM_CODE})
    got = {(f.loc.path, f.code, f.loc.line, f.loc.col) for f in result.findings}
    assert got == {
        ("oauth-clients.yaml", "SL004", 4, 9),   # integration.data-pools -> :data_push
        ("oauth-clients.yaml", "SL006", 5, 9),   # team.login-history:read opens nothing called
        ("oauth-clients.yaml", "SL004", 11, 14),  # studio -> intelligence.knowledge-models:read
        ("etl/push.py", "SL012", 9, 26),
        ("etl/push.py", "SL007", 15, 84),  # machine-learning requested, not granted
        ("etl/push.py", "SL018", 30, 33),  # the audit call sends an AppKey: no SL005, it uses no scope
        ("etl/push.py", "SL014", 31, 80),  # verify=False
        ("etl/push.py", "SL014", 34, 11),  # http://
        ("etl/push.py", "SL013", 34, 64),
    }
    by_code = {(f.code, f.loc.line): f for f in result.findings}
    assert "'integration.data-pools:data_push'" in by_code[("SL004", 4)].message
    assert "'intelligence.knowledge-models:read'" in by_code[("SL004", 11)].message
    assert by_code[("SL007", 15)].scope == "machine-learning"
    text = render("text", result, Context())
    document = render("json", result, Context())
    assert "hard-coded client secret in 'CELONIS_CLIENT_SECRET'" in text
    for output in (text, document):
        assert SECRET not in output and TOKEN not in output
    assert json.loads(document)["summary"]


_HELPER = '''import requests
BASE = "https://acme.eu-1.celonis.cloud"

{helper}

def jobs(pool_id, api_key):
    return requests.get(api("integration/api/v1/data-push/{{}}/jobs/".format(pool_id)),
                        headers={{"Authorization": "Bearer " + api_key}})
'''


@pytest.mark.parametrize("helper, calls, keys", [
    pytest.param('def api(path):\n    return f"{BASE}/{path}"', [("GET", "/integration/api/v1/data-push/{pool_id}/jobs/", 7)],
                 [("api-key", 8)], id="function-returning-a-celonis-url"),
    pytest.param('def api(path, base=BASE):\n    url = base.rstrip("/") + "/" + path\n    return url',
                 [("GET", "/integration/api/v1/data-push/{pool_id}/jobs/", 7)], [("api-key", 8)], id="default-and-local"),
    # lookalikes: another host, a helper whose value is not one expression, a helper defined twice, recursion
    pytest.param('def api(path):\n    return "https://api.github.com/" + path', [], [], id="another-host"),
    pytest.param('def api(path):\n    if path:\n        return f"{BASE}/{path}"\n    return "https://example.org"', [], [],
                 id="two-returns"),
    pytest.param('def api(path):\n    return f"{BASE}/{path}"\n\ndef api(path):\n    return path', [], [], id="defined-twice"),
    pytest.param('def api(path):\n    return api(path)', [], [], id="recursive"),
    pytest.param('def api(path):\n    yield f"{BASE}/{path}"', [], [], id="generator"),
])
def test_a_url_built_by_a_helper_of_the_module_is_followed_into_it(helper, calls, keys):
    """``requests.get(api("integration/..."))`` with ``def api(path): return f"{BASE}/{path}"``: the
    helper's return value, read with its parameter bound to the call's argument."""
    code = _HELPER.format(helper=helper)
    facts = facts_of(code)
    offset = helper.count("\n")
    # the calls made at the call site (a URL literal in the helper may be an API path of its own)
    assert [(c.method, c.path, c.loc.line - offset) for c in facts.api_calls if c.method] == calls
    assert [(h.kind, h.loc.line - offset) for h in facts.auth_headers] == keys


def test_a_url_built_by_a_method_of_the_class_is_followed_into_it():
    code = ('import requests\nclass Cloud:\n    def __init__(self, tenant, realm, api_key):\n'
            '        self.tenant, self.realm, self.api_key = tenant, realm, api_key\n'
            '    def get_api(self, path):\n        return "https://{}.{}.celonis.cloud/{}".format(self.tenant, self.realm, path)\n'
            '    def list_jobs(self, pool_id):\n'
            '        api = self.get_api("integration/api/v1/data-push/{}/jobs/".format(pool_id))\n'
            '        return requests.get(api, headers={"Authorization": "Bearer {}".format(self.api_key)})\n')
    facts = facts_of(code)
    assert [(c.method, c.path, c.loc.line) for c in facts.api_calls] == [
        ("GET", "/integration/api/v1/data-push/{pool_id}/jobs/", 9)]
    assert [(h.kind, h.loc.line) for h in facts.auth_headers] == [("api-key", 9)]


def test_a_settings_parameter_annotated_with_the_modules_class_reads_its_field_defaults():
    """``def km(s: Settings)`` with ``scope: str = "studio"`` in the module's dataclass: the default."""
    code = ('from dataclasses import dataclass\nimport requests\n@dataclass\nclass Settings:\n'
            '    base_url: str = "https://acme.eu-1.celonis.cloud"\n    scope: str = "studio"\n'
            'def km(s: Settings):\n'
            '    return requests.post(f"{s.base_url}/oauth2/token", data={"grant_type": "client_credentials", "scope": s.scope})\n')
    (req,) = facts_of(code).token_requests
    assert req.url == "https://acme.eu-1.celonis.cloud/oauth2/token"
    assert req.scopes is not None and [(r.name, r.loc.line) for r in req.scopes.refs] == [("studio", 6)]
    # a parameter annotated with a class of another module stays unknown
    assert facts_of(code.replace("def km(s: Settings)", "def km(s: OtherSettings)")).token_requests == []



CLIENT_CLASS = (
    "import os\nimport requests\n\n"
    "class CelonisClient:\n"
    "    def __init__(self, base_url, client_id, client_secret, scopes=(\"studio\",)):\n"
    "        self.base_url = base_url.rstrip(\"/\")\n"
    "        self.auth = (client_id, client_secret)\n"
    "        self.scopes = scopes\n\n"
    "    def token(self):\n"
    "        return requests.post(f\"{self.base_url}/oauth2/token\", auth=self.auth,\n"
    "                             data={\"grant_type\": \"client_credentials\", \"scope\": \" \".join(self.scopes)})\n\n"
    "{made}"
)
MADE = 'c = CelonisClient("https://acme.eu-1.celonis.cloud", os.environ["ID"], os.environ["SECRET"], scopes=["audit.log:read"])\n'


@pytest.mark.parametrize("made, want", [
    # every construction in the module passes the same value: the constructor's parameter holds it
    pytest.param(MADE, ("https://acme.eu-1.celonis.cloud/oauth2/token", [("audit.log:read", 14)]), id="keyword"),
    pytest.param(MADE.replace("scopes=", ""), ("https://acme.eu-1.celonis.cloud/oauth2/token", [("audit.log:read", 14)]),
                 id="positional"),
    pytest.param(MADE.replace(', scopes=["audit.log:read"]', ""),
                 ("https://acme.eu-1.celonis.cloud/oauth2/token", [("studio", 5)]), id="default"),
    pytest.param("class C2(CelonisClient):\n    @classmethod\n    def make(cls):\n        return cls(\"x\")\n" + MADE,
                 ("https://acme.eu-1.celonis.cloud/oauth2/token", [("audit.log:read", 18)]), id="another-class-cls-call"),
    # constructions that pass different values, or a value not known: not known
    pytest.param(MADE + MADE.replace("audit.log:read", "studio"), None, id="different"),
    pytest.param(MADE.replace('["audit.log:read"]', 'os.environ["SCOPES"].split()'), None, id="not-known"),
])
def test_a_constructor_parameter_holds_what_every_construction_in_the_module_passes(made, want):
    """``self.scopes = scopes`` in ``__init__``, and ``CelonisClient(..., scopes=[...])`` in the module:
    the scopes requested are the construction's, at its literal. Never across files."""
    (req,) = facts_of(CLIENT_CLASS.replace("{made}", made)).token_requests
    got = (req.url, [(r.name, r.loc.line) for r in req.scopes.refs]) if req.scopes is not None else None
    assert got == want


def test_cls_in_the_classs_own_methods_constructs_it_too():
    code = CLIENT_CLASS.replace("    def token(self):", "    @classmethod\n    def from_env(cls):\n"
                                "        return cls(\"https://acme.eu-1.celonis.cloud\", \"id\", \"s\", scopes=os.environ[\"S\"].split())\n\n"
                                "    def token(self):").replace("{made}", MADE)
    (req,) = facts_of(code).token_requests
    assert req.scopes is None  # cls(...) passes a value not known: which one a token asks for is not known


def test_another_providers_client_class_of_the_same_shape_stays_silent(lint_tree):
    code = CLIENT_CLASS.replace("{made}", MADE.replace("https://acme.eu-1.celonis.cloud", "https://login.example.com")
                                .replace("audit.log:read", "studio,integration.data-pool"))
    assert lint_tree({"client.py": code}).findings == []


def test_a_constructor_parameter_bound_at_its_construction_is_judged_there(lint_tree):
    result = lint_tree({"client.py": CLIENT_CLASS.replace("{made}", MADE.replace("audit.log:read", "audit.logs:read"))})
    assert triples(result.findings) == [("SL001", 14, 103)]


def test_a_helper_that_rewrites_its_parameter_is_read_with_the_rewrite():
    """``path = path.lstrip("/")`` in the helper: the argument as passed, then rewritten; the literal
    argument is part of the call's URL, not an API path of its own."""
    code = ('import requests\nBASE = "https://acme.eu-1.celonis.cloud"\n'
            'def url(path):\n    path = path.lstrip("/")\n    return f"{BASE}/{path}"\n'
            'pools = requests.get(url("/integration/api/pools"))\n')
    assert [(c.method, c.path, c.loc.line) for c in facts_of(code).api_calls] == [("GET", "/integration/api/pools", 6)]


def test_self_calls_a_method_of_its_own_class_only():
    """``self.url(...)`` in one class is not the ``url`` method another class of the module defines."""
    code = ('import requests\nCELONIS = "https://acme.eu-1.celonis.cloud"\n'
            'class CelonisClient:\n    def url(self, path):\n        return f"{CELONIS}/{path}"\n'
            'class GitHubEnterprise(BaseClient):\n    def pulls(self, repo):\n'
            '        return requests.get(self.url(f"repos/{repo}/pulls"), verify=False)\n')
    facts = facts_of(code)
    assert facts.insecure == [] and [c for c in facts.api_calls if c.method] == []


def test_a_key_sent_to_another_host_is_not_celonis_key_authentication():
    code = ('import requests\nCELONIS = "https://acme.eu-1.celonis.cloud"\n'
            'pools = requests.get(f"{CELONIS}/integration/api/pools", headers={"Authorization": f"Bearer {api_key}"})\n'
            'requests.post("https://slack.com/api/chat.postMessage", headers={"Authorization": f"Bearer {slack_api_key}"})\n')
    assert [(h.kind, h.loc.line) for h in facts_of(code).auth_headers] == [("api-key", 3)]


def test_one_dict_of_headers_sent_to_celonis_and_elsewhere_is_celonis_key_authentication():
    code = ('import os\nimport requests\nHEADERS = {"Authorization": f"AppKey {os.environ[\'CELONIS_APP_KEY\']}"}\n'
            'pools = requests.get("https://acme.eu-1.celonis.cloud/integration/api/pools", headers=HEADERS)\n'
            'requests.post("https://hooks.example.com/notify", headers=HEADERS, json={})\n')
    assert [(h.kind, h.loc.line) for h in facts_of(code).auth_headers] == [("AppKey", 3)]


@pytest.mark.parametrize("code", [
    pytest.param('from pycelonis import get_celonis as connect\nTOKEN = "{s}"\n'
                 'c = connect(base_url="https://acme.eu-1.celonis.cloud", api_token=TOKEN, key_type="USER_KEY")\n',
                 id="imported-under-another-name"),
    pytest.param('import pycelonis as pc\nclass Config:\n    TOKEN = "{s}"\n'
                 'c = pc.get_celonis(base_url="https://acme.eu-1.celonis.cloud", api_token=Config.TOKEN, key_type="USER_KEY")\n',
                 id="class-attribute"),
])
def test_a_login_under_another_name_or_from_a_class_attribute_is_read(code):
    facts = facts_of(code.replace("{s}", SECRET))
    assert [(s.kind, s.name) for s in facts.secrets] == [("API key", "TOKEN")]
    assert [h.kind for h in facts.auth_headers] == ["api-key"]



@pytest.mark.parametrize("code, want", [
    pytest.param('import os\nfrom pycelonis import get_celonis\nKEY_TYPE = "USER_KEY"\n'
                 'os.environ["CELONIS_API_TOKEN"] = os.environ["SOURCE_KEY"]\nos.environ["CELONIS_KEY_TYPE"] = KEY_TYPE\n'
                 'celonis = get_celonis(permissions=False)\n', [("api-key", 5, 34)], id="key-type-set-in-the-environment"),
    pytest.param('import os\nos.environ["CELONIS_KEY_TYPE"] = "APP_KEY"\n', [("AppKey", 2, 34)], id="app-key-set"),
    pytest.param('import os\nos.environ["OAUTH_CLIENT_ID"] = os.environ["ID"]\nos.environ["OAUTH_CLIENT_SECRET"] = os.environ["S"]\n'
                 'os.environ["CELONIS_KEY_TYPE"] = "USER_KEY"\n', [], id="beside-an-oauth-client-it-is-the-bearer-prefix"),
    pytest.param('import os\nos.environ["KIOSK_KEY_TYPE"] = "APP_KEY"\n', [], id="another-apps-setting"),
    pytest.param('import os, requests\nfrom pycelonis import get_celonis\nBASE = "https://acme.eu-1.celonis.cloud"\n'
                 'def fetch_token():\n    return requests.post(f"{BASE}/oauth2/token", data={"grant_type": "client_credentials", '
                 '"scope": "studio"}).json()["access_token"]\n'
                 'c = get_celonis(base_url=BASE, api_token=fetch_token, key_type="USER_KEY")\n', [],
                 id="user-key-with-a-token-made-when-needed"),
    # the module's function called there: what it returns is the token it requests
    pytest.param('import os, requests\nfrom pycelonis import get_celonis\nBASE = "https://acme.eu-1.celonis.cloud"\n'
                 'def fetch_token():\n    return requests.post(f"{BASE}/oauth2/token", data={"grant_type": "client_credentials", '
                 '"scope": "studio"}).json()["access_token"]\n'
                 'c = get_celonis(base_url=BASE, api_token=fetch_token(), key_type="USER_KEY")\n', [],
                 id="user-key-with-a-token-a-function-requests"),
    # one that reads a key from a file returns a key
    pytest.param('from pycelonis import get_celonis\ndef load_key():\n    return open("key").read().strip()\n'
                 'c = get_celonis("https://acme.eu-1.celonis.cloud", api_token=load_key(), key_type="USER_KEY")\n',
                 [("api-key", 4, 83)], id="user-key-with-a-key-a-function-reads"),
    pytest.param('import os\nfrom pycelonis import get_celonis\n'
                 'c = get_celonis(base_url=os.environ["U"], api_token=os.environ["CELONIS_API_TOKEN"], key_type="USER_KEY")\n',
                 [("api-key", 3, 95)], id="user-key-with-a-static-token"),
    pytest.param('from pycelonis import get_celonis\ntoken = open("token").read().strip()\n'
                 'c = get_celonis("https://acme.eu-1.celonis.cloud", api_token=token, key_type="USER_KEY")\n',
                 [("api-key", 3, 78)], id="user-key-with-a-token-read-from-a-file"),
    pytest.param('import pycelonis\nfrom pycelonis import get_celonis\nmake = pycelonis.oauth2("id", "s", "studio")\n'
                 'c = get_celonis("https://acme.eu-1.celonis.cloud", api_token=make, key_type="USER_KEY")\n',
                 [], id="user-key-with-pycelonis-oauth2"),
])
def test_key_types_in_the_environment_and_tokens_made_when_needed(code, want):
    """PyCelonis reads ``CELONIS_KEY_TYPE`` from the environment, so setting it there is key
    authentication; ``USER_KEY`` with a token a function makes only picks the Bearer prefix."""
    assert [(h.kind, h.loc.line, h.loc.col) for h in facts_of(code).auth_headers] == want


@pytest.mark.parametrize("call, want", [
    pytest.param('api(f"data-pools/{pool_id}/data-jobs")', [("POST", "/integration/api/v1/data-pools/{pool_id}/data-jobs")],
                 id="the-default-picks-a-branch"),
    pytest.param('api(f"data-pools/{pool_id}/data-jobs", v2=True)', [("POST", "/integration/api/v2/data-pools/{pool_id}/data-jobs")],
                 id="the-argument-picks-a-branch"),
    pytest.param('api(f"data-pools/{pool_id}/data-jobs", v2=flag)', [], id="an-unknown-test-picks-neither"),
])
def test_a_conditional_url_follows_the_branch_its_test_picks(call, want):
    code = ('import requests\nBASE = "https://acme.eu-1.celonis.cloud"\n'
            'def api(path, v2=False):\n    return f"{BASE}/integration/api/v2/{path}" if v2 else f"{BASE}/integration/api/v1/{path}"\n'
            'r = requests.post(' + call + ')\n')
    assert [(c.method, c.path) for c in facts_of(code).api_calls if c.method] == want


XSOAR = '''
import demistomock as demisto
from CommonServerPython import *


class Client(BaseClient):
    def __init__(self, base_url: str, verify: bool, client_id: str, client_secret: str):
        super().__init__(base_url=base_url, verify=verify)
        self.client_id, self.client_secret = client_id, client_secret

    def create_access_token(self) -> None:
        data = {"grant_type": "client_credentials", "scope": "{scope}"}
        results = self._http_request(
            method="POST", url_suffix="/oauth2/token", data=data, auth=(self.client_id, self.client_secret), retries=3
        )
        self.set_token(results["access_token"])

    def get_audit_logs(self, start: str):
        return self._http_request("GET", f"/log/api/external/audit?from={start}")
'''


def test_a_framework_client_method_is_an_http_call():
    """Cortex XSOAR's ``self._http_request(method=, url_suffix=)``: the token request it sends, with
    the scopes the catalog names; the same call for another provider's scopes is not Celonis's."""
    facts = facts_of(XSOAR.replace("{scope}", "audit.log:read"), "Packs/Celonis/Integrations/Collector/Collector.py")
    [req] = facts.token_requests
    assert (req.url, [r.name for r in req.scopes.refs], req.grant_type.value, req.auth_style) == \
        ("/oauth2/token", ["audit.log:read"], "client_credentials", "basic")
    assert req.loc.line == 12 and req.scopes.refs[0].loc.line == 11
    # another vendor's integration: the same scope name, but nothing in the module talks to Celonis
    other = XSOAR.replace("/log/api/external/audit", "/api/v2/alerts")
    assert facts_of(other.replace("{scope}", "audit.log:read"), "Packs/Acme/Integrations/Acme/Acme.py").token_requests == []
    assert facts_of(XSOAR.replace("{scope}", "read:alerts"), "Packs/Acme/Integrations/Acme/Acme.py").token_requests == []


def test_a_helper_of_the_same_name_with_another_signature_is_no_http_call():
    facts = facts_of('''
        import requests
        class Api:
            def _http_request(self, path, payload):
                return requests.post(self.base + path, data=payload)
            def token(self):
                return self._http_request("/oauth2/token", {"grant_type": "client_credentials", "scope": "studio"})
        ''')
    assert facts.token_requests == []  # the URL is the first argument here: unknown, so nothing is made of it


PY2_LINES = '''import requests

TOKEN_URL = "http://acme.eu-1.celonis.cloud/oauth2/token"
print "starting"
if TOKEN_URL <> "":
    requests.post(TOKEN_URL, data={"grant_type": "client_credentials", "scope": "studio,integration.data-pools"})
'''


def test_lines_that_do_not_parse_are_left_out_and_the_rest_is_read(lint_tree):
    """A statement this interpreter cannot parse (Python 2's ``print "x"``, a block opened by ``<>``, a
    newer Python's syntax) is read as ``pass`` (a block header as ``if True:``, so its block stays one):
    the other lines are read at their places, and a note names the first line left out."""
    result = lint_tree({"etl/push.py": PY2_LINES})
    assert [(c, line) for c, line, _ in triples(result.findings)] == [("SL014", 3), ("SL002", 6)]
    assert result.notes == [("etl/push.py", "not valid Python (line 4): Missing parentheses in call to 'print'. "
                                            "Did you mean print(...)?; line 4 and 1 more not read, the rest of the file was")]


PEP701 = """import os
import requests

resp = requests.post(
    f"{os.environ["CELONIS_URL"]}/oauth2/token",
    data={"grant_type": "client_credentials", "scope": "studio,integration.data-pools"},
    auth=(os.environ["CELONIS_CLIENT_ID"], os.environ["CELONIS_CLIENT_SECRET"]),
)
print(f"token for {os.environ.get("CELONIS_URL", "?")!r:>{40}}: {resp.json()['access_token'][:4]}")
"""


@pytest.mark.parametrize("shape", [
    pytest.param(("", ""), id="double-quotes-in-double-quotes"),
    pytest.param(('f"{os.environ["CELONIS_URL"]}/oauth2/token"', "f'{os.environ['CELONIS_URL']}/oauth2/token'"),
                 id="single-quotes-in-single-quotes"),
    pytest.param(('f"{os.environ["CELONIS_URL"]}/oauth2/token"', 'f"""{os.environ["CELONIS_URL"]}/oauth2/token"""'),
                 id="a-triple-quoted-f-string-as-before-3.12"),
])
def test_a_312_f_string_holding_its_own_quotes_is_read_where_it_stands(lint_tree, shape):
    """Python 3.12 lets a replacement field hold a string in the f-string's quotes (PEP 701): the
    file is read whole, with no note, every finding at the file's own line and column."""
    text = PEP701.replace(*shape) if shape[0] else PEP701
    result = lint_tree({"etl/push.py": text})
    assert triples(result.findings) == [("SL002", 6, text.splitlines()[5].index("studio,") + 1)]
    assert result.notes == []


@pytest.mark.parametrize("line, noted", [
    # another provider's token endpoint in the same 3.12 shape: read, and silent
    ('requests.post(f"{os.environ["OKTA_ISSUER"]}/v1/token", data={"grant_type": "client_credentials", '
     '"scope": "tasks:read,tasks:write"})', False),
    # 3.12 shapes quotes cannot make older: a nested string holding the other quote, a third level
    ("requests.post(f\"{os.environ[\"CELONIS_URL\"]}/oauth2/token\", data={\"scope\": f\"{cfg[\"it's\"]}\"})", True),
    ('requests.post(f"{os.environ["CELONIS_URL"]}/oauth2/token", data={"scope": f"{f"{cfg["s"]}"}"})', True),
])
def test_312_f_strings_of_other_providers_and_shapes_not_made_older(lint_tree, line, noted):
    result = lint_tree({"etl/push.py": f"import os\nimport requests\n{line}\n"})
    assert result.findings == []
    older = sys.version_info < (3, 12)  # 3.12's own parser reads them all
    assert [n.split(":")[0] for _, n in result.notes] == (["not valid Python (line 3)"] if noted and older else [])


@pytest.mark.parametrize("text, expected", [
    ('u = f"{env["URL"]}/oauth2/token"\n', "u = f\"{env['URL']}/oauth2/token\"\n"),
    ("u = f'{env['URL']}'\n", 'u = f\'{env["URL"]}\'\n'),
    ('u = rf"{d.get("a", "")}\\d {y!r:>{w}}"\n', "u = rf\"{d.get('a', '')}\\d {y!r:>{w}}\"\n"),
    ('u = f"{f"{a}"}"\n', "u = f\"{f'{a}'}\"\n"),
    # nothing to change: no string in the f-string's quotes, or one in a comment, or a triple-quoted f-string
    ('u = f"{a}" + "b"  # f"{d["a"]}"\n', None), ('u = f"""{d["k"]}"""\n', None),
    # what swapping quotes cannot make older: the other quote inside, a third level, a comment or a backslash in a field
    ("u = f\"{d[\"it's\"]}\"\n", None), ('u = f"{d["a"] + f"{b["c"]}"}"\n', None),
    ('u = f"{d["a"]  # note\n}"\n', None), ('u = f"{d["\\n"]}"\n', None), ('print "x"\n', None),
])
def test_requoted_swaps_only_the_quotes_of_strings_nested_in_their_own_quotes(text, expected):
    from scopelint.extractors.python.requote import requoted

    got = requoted(text)
    assert got == expected
    if got is not None:
        assert len(got) == len(text) and all(a == b or {a, b} == {"'", '"'} for a, b in zip(got, text))
        ast.parse(got)


PEP695 = """import requests
from typing import Literal

type Method = Literal["GET", "POST"]
type Page[T] = list[T]


class CelonisClient[T: (str, bytes), *Ts, **P](object):
    token_url: str = "https://acme.eu-1.celonis.cloud/oauth2/token"
    scope: str = "studio,integration.data-pools"

    def token[R](self, cid: str, client_secret: str = "Zq8vT3nLw9RkP2xYc7HmJ4sDf6GbN1aE") -> R:
        r = requests.post(self.token_url, data={"grant_type": "client_credentials", "scope": self.scope},
                          auth=(cid, client_secret))
        return r.json()["access_token"]


def get_or_default[T](name: str, default: T, /) -> str | T:
    type = "client_credentials"
    return type
"""


def test_312_type_parameters_and_aliases_are_read_where_they_stand(lint_tree):
    """Python 3.12's type parameters (PEP 695) are read by an older parser without them: the file is read
    whole, with no note, each finding at the file's own line and column (a variable named ``type`` is one)."""
    result = lint_tree({"etl/client.py": PEP695})
    lines = PEP695.splitlines()
    assert triples(result.findings) == [("SL002", 10, lines[9].index("studio,") + 1),
                                        ("SL012", 12, lines[11].index("Zq8v") + 1)]
    assert result.notes == []


@pytest.mark.parametrize("text, expected", [
    ("class C[T](Base):\n    pass\n", "class C   (Base):\n    pass\n"),
    ("async def f[T: (int, str)](x: T) -> T:\n    pass\n", "async def f               (x: T) -> T:\n    pass\n"),
    ("type X = int\nif a:\n    type Y[T] = list[T]\n", "_=0; X = int\nif a:\n    _=0; Y    = list[T]\n"),
    ("x = 1; type X = int\n", "x = 1; _=0; X = int\n"),
    # over several lines (as formatters write a long list): each line but the last ends in a backslash
    ("class C[\n    T,  # the row\n\n    U: int,\n](Base):\n    pass\n",
     "class C\\\n                \\\n\\\n          \\\n (Base):\n    pass\n"),
    # not 3.12 syntax: a name ``type``, a call of it, a subscript
    ("type = 1\nprint(type(x))\nt = type[int]\n", None),
    ('u = f"{a}"  # class C[T]:\n', None),
])
def test_untyped_blanks_type_parameters_and_keeps_every_column(text, expected):
    from scopelint.extractors.python.typeparams import untyped

    got = untyped(text)
    assert got == expected
    if got is not None:  # every line of the text keeps its length, but an empty one inside a list of parameters
        pairs = list(zip(got.split("\n"), text.split("\n")))
        assert len(pairs) == text.count("\n") + 1 and all(len(a) == len(b) or (a, b) == ("\\", "") for a, b in pairs)
        ast.parse(got)


def test_a_file_with_more_lines_that_do_not_parse_than_the_limit_is_not_read(lint_tree):
    from scopelint.extractors.python.code import MAX_UNREAD_LINES

    text = PY2_LINES.replace('print "starting"\n', 'print "step"\n' * MAX_UNREAD_LINES)
    result = lint_tree({"etl/push.py": text})
    assert result.findings == []
    assert result.notes == [("etl/push.py", "not valid Python (line 4): Missing parentheses in call to 'print'. "
                                            "Did you mean print(...)?")]


def test_a_file_left_with_only_assignments_after_its_unparsed_line_is_still_read(lint_tree):
    """``password = …`` is a line to read, though it starts as ``pass`` does."""
    text = 'print "x"\npassword_url = "http://acme.eu-1.celonis.cloud/oauth2/token"\n'
    result = lint_tree({"etl/push.py": text})
    assert [(c, line) for c, line, _ in triples(result.findings)] == [("SL014", 2)]


CLASS_ATTRIBUTES = '''\
import requests


class Client:
    BASE_URL = "%s"
    SCOPE = "studio"

    def token(self):
        return requests.post(f"{self.BASE_URL}/oauth2/token", data={"grant_type": "client_credentials", "scope": self.SCOPE},
                             auth=("a", "b")).json()["access_token"]

    def pools(self):
        return requests.get(f"{self.BASE_URL}/integration/api/pools", headers={"Authorization": f"Bearer {self.token()}"}).json()
'''


@pytest.mark.parametrize("base, expected", [
    ("https://acme.us-1.celonis.cloud", [("SL005", 13), ("SL006", 6)]),
    ("https://dev-1.okta.com/oauth2/default/v1", []),  # another provider's: its scope, its calls
])
def test_self_reads_a_class_attribute_never_set_on_the_instance(lint_tree, base, expected):
    """``self.BASE_URL`` and ``self.SCOPE`` in a method are the class body's values when no method sets
    them on the instance: the token request and the call are read."""
    found = lint_tree({"etl/client.py": CLASS_ATTRIBUTES % base}).findings
    assert sorted((f.code, f.loc.line) for f in found if f.code.startswith("SL00")) == expected


def test_a_path_variable_used_in_an_f_string_is_one_call_not_two():
    code = ('def copy_package(client, package_id, body):\n'
            '    path = "/package-manager/api/nodes"\n'
            '    return client.request(method="POST", url=f"{path}/{package_id}/copy", request_body=body)\n'
            'def hide(client, key):\n'
            '    return client.request(method="PUT", url=f"/package-manager/api/nodes/{key}/visibility")\n')
    calls = [(c.method, c.path, c.loc.line) for c in facts_of(code).api_calls]
    assert calls == [("POST", "/package-manager/api/nodes/{package_id}/copy", 3),
                     ("PUT", "/package-manager/api/nodes/{key}/visibility", 5)]


WRAPPER = '''
import os
import requests


class {cls}:
    BASE_URL = "{base}"
    TOKEN_PATH = "{token}"
    SCOPES = ("integration.data-pools",)

    def __init__(self):
        self.session = requests.Session()

    def _request(self, method, path, **kwargs):
        return self.session.request(method, self.BASE_URL + path, timeout=30, **kwargs)

    def login(self):
        r = self._request("POST", self.TOKEN_PATH, data={{"grant_type": "client_credentials", "scope": " ".join(self.SCOPES)}},
                          auth=(os.environ["CLIENT_ID"], os.environ["CLIENT_SECRET"]))
        return r.json()["access_token"]

    def create_push_job(self, pool_id, table, token):
        return self._request("POST", f"/integration/api/v1/data-push/{{pool_id}}/jobs/", json={{"targetName": table}},
                             headers={{"Authorization": f"Bearer {{token}}"}})
'''


def test_a_wrapper_that_hands_on_its_keywords_makes_its_calls_where_it_is_called():
    f = facts_of(WRAPPER.format(cls="CelonisApi", base="https://acme.eu-1.celonis.cloud", token="/oauth2/token"))
    (req,) = f.token_requests
    assert (req.url, req.loc.line, req.auth_style) == ("https://acme.eu-1.celonis.cloud/oauth2/token", 17, "basic")
    assert [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [("integration.data-pools", 8, 16)]
    assert [(c.method, c.path, c.loc.line) for c in f.api_calls] == [
        ("POST", "/integration/api/v1/data-push/{pool_id}/jobs/", 22)]
    # the wrapper's own call is read at each of its calls, not as a call to an unknown path
    assert f.unresolved_calls == []
    # the same client of another provider: no token request, whatever its scopes are called
    other = facts_of(WRAPPER.format(cls="Salesforce", base="https://acme.my.salesforce.com", token="/services/oauth2/token")
                     .replace("/integration/api/v1/data-push/{pool_id}/jobs/", "/services/data/v58.0/jobs/ingest"))
    assert other.token_requests == [] and other.api_calls == []


TWO_HELPERS = """\
import requests


class cloud:
    def get_api(self, path):
        return f"https://{self.tenant}.{self.realm}.celonis.cloud/{path}"

    def get_jobs_api(self, pool_id):
        return self.get_api(f"integration/api/v1/data-push/{pool_id}/jobs/")

    def create_job(self, pool_id):
        return requests.post(self.get_jobs_api(pool_id), headers={"Authorization": f"AppKey {self.api_key}"})


class cloudC:
    def get_api(self, path):
        return "https://{}.{}.celonis.cloud/{}".format(self.tenant, self.realm, path)

    def get_jobs_api(self, data_pool_id):
        return self.get_api("continuous-batch-processing/api/v1/{}".format(data_pool_id))

    def push_new_chunk(self, data_pool_id):
        return requests.post(url=self.get_jobs_api(data_pool_id) + "/items", headers={"Authorization": "AppKey " + self.key})


class Jira:
    def get_api(self, path):
        return f"https://acme.atlassian.net/{path}"

    def issues(self):
        return requests.get(self.get_api("rest/api/3/search"), headers={"Authorization": f"Bearer {self.token}"})
"""


def test_methods_of_the_same_name_in_two_classes_are_each_their_classs():
    """``self.get_api(...)`` calls the method of the class it is called in: two helper classes with the
    same method names (Data Push and Continuous Push) each resolve their own calls; another service's
    class with the same names stays another service's."""
    f = facts_of(TWO_HELPERS)
    assert [(c.method, c.path, c.loc.line) for c in f.api_calls] == [
        ("POST", "/integration/api/v1/data-push/{pool_id}/jobs/", 12),
        ("POST", "/continuous-batch-processing/api/v1/{data_pool_id}/items", 23)]


@pytest.mark.parametrize("base, path, want", [
    ('"https://acme.eu-1.celonis.cloud/"', '"/integration/api/pools"', [("GET", "/integration/api/pools")]),
    ('os.environ["CELONIS_URL"]', '"integration/api/pools"', [("GET", "/integration/api/pools")]),
    ('os.environ["CELONIS_URL"]', '"ui/studio/spaces"', []),  # a page after the base, no API
    ('os.environ["JIRA_URL"]', '"integration/api/pools"', []),  # a base not known to be Celonis's
])
def test_a_base_set_with_its_slash_and_the_path_after_it_make_one_path(base, path, want):
    """PyCelonis's documentation writes the team URL with its trailing ``/``: a path added with a ``/``
    of its own (``f"{url}/integration/..."``) is the same path, and one added without (``f"{url}integration/..."``)
    after a Celonis base is the path of an API the catalog knows."""
    f = facts_of(f"import os, requests\nbase = {base}\nrequests.get(base + {path})\n")
    assert [(c.method, c.path) for c in f.api_calls] == want


def test_a_token_url_after_a_base_set_with_its_slash_is_a_token_request():
    f = facts_of("""\
import os, requests
team_url = os.environ["CELONIS_URL"]
token = requests.post(f"{team_url}oauth2/token", data={"scope": "studio"}, auth=(os.environ["ID"], os.environ["S"]))
""")
    assert [[r.name for r in req.scopes.refs] for req in f.token_requests] == [["studio"]]


MSAL_CONFIG = """\
import msal, os

config = {{
    "authority": "https://login.microsoftonline.com/common",
    "client_id": "3c9d2f41-7b8e-4a60-9d15-e2f0a6b4c871",
    "scope": ["https://graph.microsoft.com/.default"],
    "secret": {secret},
}}
app = msal.ConfidentialClientApplication(config["client_id"], authority=config["authority"],
                                         client_credential=config["secret"])
"""


def test_a_bare_secret_beside_a_client_id_is_the_clients_secret(lint_tree):
    """msal's sample configuration keeps the client secret under ``secret``, beside ``client_id``: a
    client secret, in a Python dict as in a configuration file. Without a client id beside it, or read
    from the environment, or the sample's placeholder, it is not."""
    found = lint_tree({"graph_token.py": MSAL_CONFIG.format(secret='"Xq8~Lk2.Pz7_Tw4-Rb9vNm3sJh6Gc1Fd0Ya5Ue"'),
                       "env_token.py": MSAL_CONFIG.format(secret='os.environ["GRAPH_CLIENT_SECRET"]'),
                       "sample.py": MSAL_CONFIG.format(secret='"Enter_the_Client_Secret_Here"'),
                       "webhook.py": 'HOOK = {"url": "https://hooks.acme.io/x", "secret": "Xq8~Lk2.Pz7_Tw4-Rb9vNm3sJh6Gc1Fd0Ya5Ue"}\n',
                       "config/settings.json": '{\n  "celonis_url": "https://acme.eu-1.celonis.cloud",\n'
                                               '  "client_id": "3c9d2f41-7b8e-4a60-9d15-e2f0a6b4c871",\n'
                                               '  "secret": "Xq8~Lk2.Pz7_Tw4-Rb9vNm3sJh6Gc1Fd0Ya5Ue"\n}\n'}).findings
    assert sorted((f.loc.path, f.code, f.loc.line, f.loc.col, f.message) for f in found) == [
        ("config/settings.json", "SL012", 4, 14, "hard-coded client secret in 'secret'"),
        ("graph_token.py", "SL012", 7, 16, "hard-coded client secret in 'secret'")]


STREAMLIT_FORM = """\
import requests
import streamlit as st

base_url = st.text_input("Celonis Base URL", value="{base}")
{name} = st.text_input("{label}", type="password")

if st.button("Save"):
    headers = {{"Authorization": f"Bearer {{{name}}}", "Content-Type": "application/json"}}
    st.write(requests.get(f"{{base_url}}{path}", headers=headers, timeout=10).status_code)
"""


@pytest.mark.parametrize("name, label, base, path, want", [
    ("celonis_app_key_input", "Celonis App Key", "https://acme.eu-1.celonis.cloud", "/integration/api/pools",
     [("api-key", 8, 33)]),
    ("access_token", "Celonis OAuth access token (from /oauth2/token)", "https://acme.eu-1.celonis.cloud",
     "/integration/api/pools", []),
    ("jira_key_input", "Jira API key", "https://acme.atlassian.net", "/rest/api/3/project", []),
])
def test_a_key_a_form_field_asks_for_sent_as_bearer_to_celonis_is_a_static_key(name, label, base, path, want):
    """A Streamlit field labelled as a key (``st.text_input("Celonis App Key")``) holds a key pasted in,
    not a token that expires; sent as ``Bearer`` to the Celonis URL the base field is given, it is key
    authentication (SL018). A field asking for an OAuth token, or a key sent to another host, is not."""
    f = facts_of(STREAMLIT_FORM.format(name=name, label=label, base=base, path=path))
    assert [(h.kind, h.loc.line, h.loc.col) for h in f.auth_headers] == want


SETTINGS_MANAGER = """\
from pycelonis import get_celonis
from pydantic_settings import BaseSettings, SettingsConfigDict


class CelonisSettings(BaseSettings):
    CELONIS_BASE_URL: str
    API_TOKEN: str
    model_config = SettingsConfigDict(env_file=".env"{prefix})


class CelonisConnectionManager:
    def __init__(self, base_url: str, api_token: str):
        self.api_token = api_token
        self.celonis = get_celonis(base_url=base_url, api_token=self.api_token)


def connection() -> CelonisConnectionManager:
    cfg = CelonisSettings()
    return CelonisConnectionManager(base_url=cfg.CELONIS_BASE_URL, api_token=cfg.API_TOKEN)
"""


@pytest.mark.parametrize("prefix", ["", ', env_prefix="CELONIS_"'])
def test_a_pydantic_settings_field_with_no_default_is_the_environment_variable_of_its_name(prefix):
    """``API_TOKEN: str`` of a ``BaseSettings`` class is read from the environment (after the class's
    ``env_prefix``): a static key given to ``get_celonis`` through a connection class (SL018)."""
    f = facts_of(SETTINGS_MANAGER.format(prefix=prefix))
    assert [(h.kind, h.loc.line, h.loc.col) for h in f.auth_headers] == [("api-key", 14, 65)]


@pytest.mark.parametrize("code", [
    pytest.param(SETTINGS_MANAGER.format(prefix=", env_prefix=PREFIX"), id="a-prefix-not-known"),
    pytest.param(SETTINGS_MANAGER.format(prefix="").replace("(BaseSettings)", ""), id="not-a-settings-class"),
    pytest.param(SETTINGS_MANAGER.format(prefix="").replace("api_token=self.api_token)",
                                                            'api_token=self.api_token, key_type="BEARER")')
                 .replace("api_token=cfg.API_TOKEN", "api_token=fetch_token")
                 + "\n\ndef fetch_token():\n    return requests.post(f\"{CelonisSettings().CELONIS_BASE_URL}/oauth2/token\","
                   " data={'grant_type': 'client_credentials', 'scope': 'studio'}).json()['access_token']\n",
                 id="an-oauth-token-made-each-time"),
])
def test_a_settings_value_not_known_to_be_a_key_is_no_static_key(code):
    assert facts_of(code).auth_headers == []


WRAPPER_OF_PATHS = """\
import json
from pathlib import Path

import requests

ENV_FILE = Path.home() / ".celonis/environments.json"


def env() -> dict:
    return json.loads(ENV_FILE.read_text())["environments"]["sandbox"]


def get(path: str, timeout: float = 60):
    r = requests.get(env()["url"].rstrip("/") + path, headers={"Authorization": f"Bearer {env()['api_key']}"},
                     timeout=timeout, verify=False)
    return r.json()


def pools() -> list:
    return get("/integration/api/pools")


def kpis(km: str) -> list:
    return get(f"/semantic-layer/api/knowledge-model/{km}/kpis", timeout=30)
"""


def test_a_function_that_requests_the_path_it_is_given_makes_a_request_at_each_of_its_calls(lint_tree):
    """``def get(path): requests.get(base + path, ...)``, called with several paths: each call is a request
    of the wrapper's method to its path, sent with the wrapper's headers and TLS switch. Before, a
    second caller left the path unknown and the file's Celonis calls unseen (no SL018, no SL014)."""
    f = facts_of(WRAPPER_OF_PATHS)
    assert [(c.method, c.path, c.loc.line, c.loc.col) for c in f.api_calls] == [
        ("GET", "/integration/api/pools", 20, 16), ("GET", "/semantic-layer/api/knowledge-model/{km}/kpis", 24, 16)]
    assert f.unresolved_calls == []
    report = lint_tree({"celonis_api.py": WRAPPER_OF_PATHS})
    assert triples(report.findings) == [("SL018", 14, 81), ("SL014", 15, 39)]


@pytest.mark.parametrize("code", [
    pytest.param(WRAPPER_OF_PATHS.replace(".celonis/", ".jira/").replace("/integration/api/pools", "/rest/api/3/project")
                 .replace("/semantic-layer/api/knowledge-model/{km}/kpis", "/rest/api/3/search"), id="jira"),
])
def test_the_same_wrapper_of_another_service_stays_silent(lint_tree, code):
    assert triples(lint_tree({"jira_api.py": code}).findings) == []


def test_a_function_given_only_its_base_is_read_where_its_path_is_written():
    """``def pools(team): requests.get(team + "/integration/api/pools")``: the path is the function's own,
    the call read once, where it is written, however many bases it is given."""
    f = facts_of("""\
import os, requests
KEY = os.environ["CELONIS_API_KEY"]

def pools(team):
    return requests.get(team + "/integration/api/pools", headers={"Authorization": f"AppKey {KEY}"})

pools("https://acme.eu-1.celonis.cloud")
pools("https://other.eu-1.celonis.cloud")
""")
    assert [(c.method, c.path, c.loc.line) for c in f.api_calls] == [("GET", "/integration/api/pools", 5)]


def test_a_wrapper_nobody_calls_or_that_keeps_its_keywords_is_no_wrapper():
    code = WRAPPER.format(cls="CelonisApi", base="https://acme.eu-1.celonis.cloud", token="/oauth2/token")
    # called from no place in the module: its call goes to a path nobody here names
    alone = code[:code.index("    def login")]
    assert [u.loc.line for u in facts_of(alone).unresolved_calls] == [14]
    # keywords not handed on: what the caller passes never reaches the request
    kept = code.replace("timeout=30, **kwargs)", "timeout=30)")
    f = facts_of(kept)
    assert [(r.url, r.scopes) for r in f.token_requests] in ([], [(None, None)])


def test_a_generic_api_path_on_a_base_named_for_another_service_is_never_celonis():
    """In a module that talks to Celonis too, ``f"{GRAFANA_URL}/api/widgets/{i}"`` is Grafana's."""
    code = DASHBOARD.format(base="GRAFANA_URL", path="/api/widgets/{i}") + "import pycelonis\n"
    concatenated = code.replace('f"{BASE}/api/widgets/{i}"', 'BASE + "/api/widgets"')
    assert facts_of(code).api_calls == [] and facts_of(concatenated).api_calls == []


@pytest.mark.parametrize("code, want", [
    # a dict that configures a client with a Celonis token URL: its scope entry is that client's scopes
    pytest.param('CONFIG = {\n    "token_url": "https://acme.eu-1.celonis.cloud/oauth2/token",\n    "scope": "studio,integration.data-pools",\n}\n',
                 [("studio", 3, 15), ("integration.data-pools", 3, 22)], id="dict"),
    pytest.param('BASE = "https://acme.eu-1.celonis.cloud"\nclient = dict(token_endpoint=f"{BASE}/oauth2/token", scopes=["studio"])\n',
                 [("studio", 2, 63)], id="dict-call-list"),
    # another provider's client, a Celonis API URL beside another provider's scopes, a scope read later
    pytest.param('CONFIG = {"token_url": "https://login.example.com/oauth2/token", "scope": "studio,api.read"}\n', [],
                 id="another-provider"),
    pytest.param('CONFIG = {"api_url": "https://acme.eu-1.celonis.cloud/integration/api/pools", "scope": "repo,read:org"}\n',
                 [], id="api-url-is-no-client"),
])
def test_a_dict_configuring_a_celonis_client_holds_its_scopes(code, want):
    from tests.conftest import scope_var_rows

    assert scope_var_rows(facts_of(code), end=False) == want


def test_a_client_dict_sent_as_a_token_requests_form_is_read_once():
    f = facts_of('import requests\nCLIENT = {"token_url": "https://acme.eu-1.celonis.cloud/oauth2/token", "scope": "studio"}\n'
                 'requests.post(CLIENT["token_url"], data={"grant_type": "client_credentials", "scope": CLIENT["scope"]})\n')
    assert [[r.name for r in t.scopes.refs] for t in f.token_requests] == [["studio"]] and f.scope_vars == []


@pytest.mark.parametrize("code, want", [
    ("from collections import OrderedDict\nconnection_args_example = OrderedDict(client_id='3MVG9', "
     "client_secret='5A52C1A1E21DF9012IODC9ISNXXAADDA9')\n", []),
    ("class TestSalesforce:\n    @property\n    def dummy_connection_data(self):\n"
     "        return {'client_id': '3MVG9', 'client_secret': '5A52C1A1E21DF9012IODC9ISNXXAADDA9'}\n", []),
    ("class MockVault:\n    def get(self):\n        return {'client_secret': '5A52C1A1E21DF9012IODC9ISNXXAADDA9'}\n", []),
    # the same values under a neutral name are reported
    ("salesforce_connection = dict(client_id='3MVG9', client_secret='5A52C1A1E21DF9012IODC9ISNXXAADDA9')\n",
     [("client secret", 1)]),
])
def test_a_secret_held_by_an_example_a_dummy_or_a_mock_is_none(code, want):
    """A name that says its value is no real one says so of what it holds: a dict or settings call
    assigned to one (``connection_args_example = OrderedDict(...)``), or written in a function or class
    so named (``def dummy_connection_data``, ``class MockVault``)."""
    assert [(s.kind, s.loc.line) for s in facts_of(code, "handlers/salesforce.py").secrets] == want


@pytest.mark.parametrize("token, secret", [
    ("ntn_q5_your_token_o5xQLn1sewnep6", False),
    ("sk-your-openai-key-here-Q3x9", False),
    ("ntn_insert_token_here_o5xQLn1", False),
    ("ntn_q5Zr8LkQ2mVx7o5xQLn1sewnep6", True),  # no words: a token
    ("aBYOURcdEf9h2k3LmNHEREq", True),  # the letters of a word inside a random run are no word
])
def test_placeholder_words_between_joints_of_a_token_make_it_a_placeholder(token, secret):
    from scopelint.extractors.recognition.secrets import looks_like_secret

    assert looks_like_secret(token) is secret


@pytest.mark.parametrize("code, want", [
    ("private_token = 'c4e81a97d2b05f36e1a8d7c9b3f20e5a6d4c8b17'\n", [("access token", "private_token")]),
    ("AUTH_TOKEN = 'Zk4xQ2pWb1NmTXh2UTdKc0xwR2Y5aEt0'\n", [("access token", "AUTH_TOKEN")]),
    ("headers = {'x-auth-token': 'Zk4xQ2pWb1NmTXh2UTdKc0xwR2Y5aEt0'}\n", [("access token", "x-auth-token")]),
    # read from the environment, or a setting's name, a header's name or a path: no secret
    ("import os\nprivate_token = os.environ['JMS_PRIVATE_TOKEN']\nprivate_token_header = 'PRIVATE-TOKEN'\n"
     "auth_token_url = 'https://acme.symbioweb.com/acme/_api/auth/token'\n", []),
])
def test_a_services_own_token_names_hold_tokens(code, want):
    """``auth_token`` (Twilio's, OpenStack's ``X-Auth-Token``) and ``private_token`` (GitLab's and
    JumpServer's ``PRIVATE-TOKEN``) name a token, as ``access_token`` does."""
    assert [(s.kind, s.name) for s in facts_of(code, "scripts/users.py").secrets] == want


@pytest.mark.parametrize("default, celonis", [
    ('"https://acme.atlassian.net"', False),  # PyCelonis's setting name, read with another host's default
    ('"https://acme.eu-1.celonis.cloud"', True),
    (None, True),  # no default: the name says Celonis
])
def test_a_celonis_setting_name_read_with_another_hosts_default_is_that_hosts(default, celonis):
    read = f'os.getenv("TEAM_URL", {default})' if default else 'os.environ["TEAM_URL"]'
    code = (f'import os\nimport requests\n\nTEAM_URL = {read}\n'
            'SCOPE = os.getenv("OAUTH_SCOPES", "read:confluence-content.all write:confluence-content")\n\n\n'
            'def pages(token):\n    return requests.get(f"{TEAM_URL}/wiki/rest/api/content", '
            'headers={"Authorization": f"Bearer {token}"}).json()\n')
    facts = facts_of(code)
    assert bool(facts.api_calls) is celonis and bool(facts.scope_vars) is celonis


@pytest.mark.parametrize("search", [
    # a table found by name, as people write it where .find() would raise: its write is a Data Push call
    pytest.param("table = None\nfor t in pool.get_tables():\n    if t.name == 'ORDERS':\n        table = t\n        break\n",
                 id="loop-after-none"),
    pytest.param("table = next((t for t in pool.get_tables() if t.name == 'ORDERS'), None)\n", id="next-of-a-generator"),
    pytest.param("table = [t for t in pool.get_tables() if t.name == 'ORDERS'][0]\n", id="first-of-a-list"),
    pytest.param("table = {t.name: t for t in pool.get_tables()}['ORDERS']\n", id="entry-of-a-dict"),
])
def test_an_sdk_object_found_by_searching_a_collection_keeps_its_class(search):
    code = ("from pycelonis import get_celonis\ncelonis = get_celonis()\n"
            "pool = celonis.data_integration.get_data_pool('6b43443e')\n" + search + "table.append(df)\n")
    facts = facts_of(code)
    line = code.count("\n")
    assert ("POST", "/data-ingestion/api/v1/data-push/{pool_id}/jobs/", "DataPoolTable.append()") in {
        (c.method, c.path, c.evidence) for c in facts.api_calls if c.loc.line == line}


def test_a_search_over_plain_values_is_no_sdk_call():
    code = ("rows = [{'name': 'ORDERS'}, {'name': 'ITEMS'}]\nfound = None\nfor r in rows:\n    if r['name'] == 'ORDERS':\n"
            "        found = r\nfirst = next((r for r in rows if r), None)\nnames = [r['name'] for r in rows]\n"
            "found.append(1)\nfirst.append(2)\nnames.append('x')\n")
    assert facts_of(code).api_calls == []


def test_a_databricks_source_export_is_read_a_command_at_a_time():
    # one command with a placeholder to fill in does not drop the others, as it would not stop the notebook
    code = ("# Databricks notebook source\nimport requests\n\n# COMMAND ----------\n\n"
            'CLIENT_SECRET = "q8Jf2LmZx7Vt9RkPw3NsBy6Hc"\n\n# COMMAND ----------\n\n'
            "tables = requests.get(\n    f\"https://acme.eu-1.celonis.cloud/integration/api/pools/{pool}/tables\",\n"
            "    params=<FILL_IN>,\n)\n\n# COMMAND ----------\n\n"
            'requests.get("https://acme.eu-1.celonis.cloud/integration/api/pools")\n')
    facts = facts_of(code, "labs/1.1-pools.py")
    assert [(s.name, s.loc.line) for s in facts.secrets] == [("CLIENT_SECRET", 6)]
    assert [(c.path, c.loc.line) for c in facts.api_calls] == [("/integration/api/pools", 17)]
    assert [p.loc.line for p in facts.problems] == [12]


TWO_STEP = ('import requests\npayload = {"grant_type": "client_credentials"}\n%s'
            'token = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data=payload, auth=(cid, sec))\n')


@pytest.mark.parametrize("setting, want", [
    pytest.param('payload["scope"] = "studio knowledge-model:read"\n', [("SL001", 3, 28)], id="subscript"),
    pytest.param('payload.update({"scope": "studio knowledge-model:read"})\n', [("SL001", 3, 34)], id="update-dict"),
    pytest.param('payload.update(scope="studio knowledge-model:read")\n', [("SL001", 3, 30)], id="update-keywords"),
    pytest.param('payload["scope"] = "studio"\npayload["scope"] = "studio knowledge-model:read"\n', [("SL001", 4, 28)],
                 id="the-last-set-wins"),
    # set under a condition, in a loop or under a computed key: what is sent is not known, so nothing is said
    # (no SL015 for a request that may send none)
    pytest.param('if scope:\n    payload["scope"] = "studio knowledge-model:read"\n', [], id="conditional"),
    pytest.param('for k in keys:\n    payload[k] = "studio knowledge-model:read"\n', [], id="loop"),
    pytest.param('payload[KEY] = "studio knowledge-model:read"\n', [], id="computed-key"),
    pytest.param('payload.update(extra)\n', [], id="update-from-elsewhere"),
    pytest.param('payload.pop("grant_type")\n', [], id="pop"),
    pytest.param('del payload["grant_type"]\n', [], id="del"),
    # a ``with`` or ``try`` body (and a ``finally``) runs whenever its statement does
    pytest.param('with open(path) as f:\n    payload["scope"] = "studio knowledge-model:read"\n', [("SL001", 4, 32)],
                 id="with-body"),
    pytest.param('try:\n    payload["scope"] = "studio knowledge-model:read"\nexcept KeyError:\n    pass\n',
                 [("SL001", 4, 32)], id="try-body"),
    pytest.param('try:\n    pass\nfinally:\n    payload["scope"] = "studio knowledge-model:read"\n',
                 [("SL001", 6, 32)], id="finally-body"),
    pytest.param('try:\n    pass\nexcept KeyError:\n    payload["scope"] = "studio knowledge-model:read"\n', [],
                 id="except-body"),
    pytest.param('with open(path) as f:\n    if f:\n        payload["scope"] = "studio knowledge-model:read"\n', [],
                 id="conditional-in-with"),
])
def test_a_token_form_built_in_two_steps_is_read(lint_tree, setting, want):
    found = lint_tree({"etl/token.py": TWO_STEP % setting}).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found if f.code in ("SL001", "SL015")] == want


def test_a_line_of_generated_fields_is_left_out_and_the_rest_read(lint_tree):
    # CPython parses an f-string of many fields in time that grows with their square, past any timeout:
    # such a line is left out with a note, the secret on the next line is still found where it stands
    fields = "{x}" * 12_000
    text = (f'import requests\nrequests.get(f"https://acme.eu-1.celonis.cloud/api/{fields}")\n'
            'CELONIS_CLIENT_SECRET = "Zx8vQ2mN7pL4kR9tW3yB6cF1hJ5sD0gA"\n')
    result = lint_tree({"gen/client.py": text})
    assert [(f.code, f.loc.line, f.loc.col) for f in result.findings] == [("SL012", 3, 26)]
    assert [n for n in result.notes if "braces" in n[1]] == [
        ("gen/client.py", "line 2 with over 10,000 braces (generated code) not read; the rest of the file was")]


@pytest.mark.parametrize("body, want", [
    # black's wrapping of a long string: each fact where its piece writes it
    ('    data={"grant_type": "client_credentials", "scope": "studio "\n          "knowledge-model:read"},\n',
     [("SL001", 4, 12)]),
    ('    data={"grant_type": "client_credentials", "scope": "studio " "knowledge-model:read"},\n', [("SL001", 3, 67)]),
    # a piece with an escape, or a scope written over two pieces: where the value starts, as before
    ('    data={"grant_type": "client_credentials", "scope": "studio\\x20"\n          "knowledge-model:read"},\n',
     [("SL001", 3, 56)]),
    ('    data={"grant_type": "client_credentials", "scope": "studio knowledge-"\n          "model:read"},\n',
     [("SL001", 3, 56)]),
])
def test_a_value_written_in_adjacent_pieces_is_placed_where_each_piece_writes_it(lint_tree, body, want):
    text = 'import requests\ntoken = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token",\n' + body + \
        '    auth=(cid, sec))\n'
    found = lint_tree({"etl/token.py": text}).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found if f.code == "SL001"] == want


def test_a_scope_in_a_token_url_written_in_pieces_is_where_its_piece_writes_it(lint_tree):
    text = ('import requests\nURL = ("https://acme.eu-1.celonis.cloud/oauth2/token?grant_type=client_credentials"\n'
            '       "&scope=studio%20knowledge-model:read")\nrequests.post(URL, auth=(cid, sec))\n')
    found = lint_tree({"etl/token.py": text}).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found if f.code == "SL001"] == [("SL001", 3, 25)]


def test_a_secret_in_a_token_url_written_in_pieces_is_where_its_piece_writes_it(lint_tree):
    text = ('import requests\nTOKEN_URL = ("https://acme.eu-1.celonis.cloud/oauth2/token"\n'
            '             "?grant_type=client_credentials&scope=studio"\n'
            '             "&client_id=3f1c2a9e&client_secret=Zx8vQ2mN7pL4kR9tW3yB6cF1hJ5sD0gA")'
            '  # scopelint: ignore[SL013] a sandbox client\nrequests.post(TOKEN_URL)\n')
    result = lint_tree({"etl/token.py": text})
    assert [(f.code, f.loc.line, f.loc.col) for f in result.suppressed] == [("SL013", 4, 49)]
    assert [f.code for f in result.findings] == []


PUSH_ANNOTATED = '''from typing import Optional
from pycelonis.ems.data_integration.data_push_job import DataPushJob
from pycelonis.ems.data_integration.data_model import DataExport


def push(job: DataPushJob, df) -> None:
    job.add_data_frame(df)
    job.execute()


def read(exports, i: int, other: Optional["DataExport"]) -> None:
    data_export: DataExport = exports[i]
    data_export.get_chunks()
    other.get_chunks()


def forward(job: "DataPushJob | None", other: Union[DataPushJob, None]) -> None:
    job.execute()
    other.execute()


class Pusher:
    job: DataPushJob

    def __init__(self, make):
        self.export: DataExport = make()

    def run(self):
        self.job.execute()
        self.export.get_chunks()
'''


def test_an_annotation_types_a_pycelonis_receiver_over_its_name():
    # ``job: DataPushJob`` is a Data Push job whatever its name says (a ``job`` is a Data Job by name);
    # ``data_export: DataExport = exports[i]`` is an export though nothing it is assigned says so
    calls = sorted((c.loc.line, c.evidence) for c in facts_of(PUSH_ANNOTATED).api_calls if c.via == "sdk")
    assert calls == [(7, "DataPushJob.add_data_frame()"), (8, "DataPushJob.execute()"), (8, "DataPushJob.execute()"),
                     (13, "DataExport.get_chunks()"), (14, "DataExport.get_chunks()"),
                     (18, "DataPushJob.execute()"), (18, "DataPushJob.execute()"),
                     (19, "DataPushJob.execute()"), (19, "DataPushJob.execute()"),
                     (29, "DataPushJob.execute()"), (29, "DataPushJob.execute()"), (30, "DataExport.get_chunks()")]


def test_a_dict_sent_before_it_is_set_again_is_sent_as_built(lint_tree):
    # the first request sends the dict as built (its typo is reported); what it holds after is not known
    text = ('import requests\nURL = "https://acme.eu-1.celonis.cloud/oauth2/token"\n'
            'payload = {"grant_type": "client_credentials", "scope": "studio knowledge-model:read"}\n'
            'first = requests.post(URL, data=payload, auth=(cid, sec))\n'
            'payload["scope"] = "studio"\nsecond = requests.post(URL, data=payload, auth=(cid, sec))\n')
    found = lint_tree({"etl/token.py": text}).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found if f.code in ("SL001", "SL015")] == [("SL001", 3, 65)]


def test_a_crowded_line_that_is_a_blocks_only_statement_keeps_the_block(lint_tree):
    fields = ", ".join(f'"k{i}": {{}}' for i in range(11_000))
    text = ('import requests\n\nclass Schema:\n    FIELDS = {' + fields + '}\n\n'
            'requests.post("https://acme.eu-1.celonis.cloud/oauth2/token", data={"grant_type": "client_credentials", '
            '"scope": "knowledge-model:read"})\n')
    result = lint_tree({"gen/schema.py": text})
    assert [(f.code, f.loc.line) for f in result.findings] == [("SL001", 6)]
    assert [n for n in result.notes if "braces" in n[1]] == [
        ("gen/schema.py", "line 4 with over 10,000 braces (generated code) not read; the rest of the file was")]


def test_a_chain_from_a_name_that_says_celonis_is_typed_through_its_attributes():
    # ``celonis`` a parameter (typed by its name), ``self.celonis`` an attribute: ``.studio.get_spaces()``
    # is Studio's, though Apps has a get_spaces too
    text = ('from pycelonis import get_celonis\n\n'
            'def export(celonis):\n    celonis.studio.get_spaces()\n    celonis.apps.get_spaces()\n\n'
            'class Exporter:\n    def run(self):\n        self.celonis.studio.get_space("id")\n')
    calls = sorted((c.loc.line, c.evidence) for c in facts_of(text).api_calls if c.via == "sdk")
    assert calls == [(4, "Studio.get_spaces()"), (5, "Apps.get_spaces()"), (9, "Studio.get_space()")]


@pytest.mark.parametrize("session, keyed", [
    ('get_celonis(base_url=URL, api_token="Zx8vQ2mN7pL4kR9tW3yB6cF1hJ5sD0gA", key_type="APP_KEY")', "AppKey"),
    ('get_celonis(base_url=URL, api_token=os.environ["CELONIS_API_TOKEN"], key_type="USER_KEY")', "api-key"),
    ('get_celonis(base_url=URL, client_id=os.environ["ID"], client_secret=os.environ["SECRET"])', None),
])
def test_the_sdks_calls_send_what_the_modules_session_sends(session, keyed):
    # calls made through a session given a static key use no OAuth client's scopes, as an AppKey header's
    text = f'import os\nfrom pycelonis import get_celonis\nURL = "https://acme.eu-1.celonis.cloud"\ncelonis = {session}\n' \
           'pool = celonis.data_integration.get_data_pool("p1")\n'
    calls = [(c.evidence, c.key_auth) for c in facts_of(text).api_calls if c.via == "sdk"]
    assert ("DataIntegration.get_data_pool()", keyed) in calls and {key for _, key in calls} == {keyed}


def test_a_python_3_14_except_of_several_types_leaves_only_its_line_unread(lint_tree):
    # PEP 758's ``except A, B:`` does not parse here: the clause is read as ``except Exception:``, so its
    # ``try`` keeps an except and the rest of the module is read
    text = ('import requests\nCLIENT_SECRET = "Zx8vQ2mN7pL4kR9tW3yB6cF1hJ5sD0gA"\n\ndef get():\n    try:\n'
            '        return requests.get("https://acme.eu-1.celonis.cloud/integration/api/pools", verify=False)\n'
            '    except ValueError, TypeError:\n        return None\n')
    result = lint_tree({"app/deps.py": text})
    assert sorted((f.code, f.loc.line) for f in result.findings) == [("SL012", 2), ("SL014", 6)]
    assert [n[1].split(";")[1].strip() for n in result.notes if n[0] == "app/deps.py"] == [
        "line 7 not read, the rest of the file was"]


@pytest.mark.parametrize("handler, unread", [
    ("    except KeyError, ValueError: return None\n", 7),  # Python 2's one-line form
    ("    except Exception, e:\n        return None\n", 7),
])
def test_an_except_of_another_python_keeps_its_try(lint_tree, handler, unread):
    text = ('import requests\nCLIENT_SECRET = "Zx8vQ2mN7pL4kR9tW3yB6cF1hJ5sD0gA"\n\ndef get():\n    try:\n'
            '        return requests.get("https://acme.eu-1.celonis.cloud/integration/api/pools")\n' + handler)
    result = lint_tree({"app/old.py": text})
    assert [(f.code, f.loc.line) for f in result.findings] == [("SL012", 2)]
    assert [n[1].split("; ")[1] for n in result.notes if n[0] == "app/old.py"] == [
        f"line {unread} not read, the rest of the file was"]


def test_an_except_with_no_try_is_left_out_as_another_line_is(lint_tree):
    text = ('import requests\nCLIENT_SECRET = "Zx8vQ2mN7pL4kR9tW3yB6cF1hJ5sD0gA"\n\ndef get():\n'
            '    x = 1\n    return x\nexcept ValueError:\n    pass\n')
    result = lint_tree({"app/orphan.py": text})
    assert [(f.code, f.loc.line) for f in result.findings] == [("SL012", 2)]


def test_a_receiver_annotated_with_another_librarys_type_is_not_typed_by_its_name():
    text = ('from pycelonis import get_celonis\nfrom rq.job import Job as RqJob\n\n'
            'def run(job: RqJob) -> None:\n    job.execute()\n\n'
            'class Worker:\n    job: RqJob\n\n    def go(self):\n        self.job.execute()\n\n'
            'def push(job) -> None:\n    job.execute()\n')
    calls = sorted({(c.loc.line, c.evidence) for c in facts_of(text).api_calls if c.via == "sdk"})
    assert calls == [(14, "Job.execute()")]  # only the one its name alone types


def test_a_session_given_a_token_the_module_got_is_no_key_session():
    # ``access = token()`` then ``get_celonis(url, api_token=access, key_type="USER_KEY")``: an OAuth token,
    # so the SDK's calls use the token's scopes
    text = ('import requests\nfrom pycelonis import get_celonis\nURL = "https://acme.eu-1.celonis.cloud"\n\n'
            'def token():\n    return requests.post(URL + "/oauth2/token", data={"grant_type": "client_credentials",\n'
            '        "scope": "studio"}, auth=(cid, sec)).json()["access_token"]\n\n'
            'access = token()\ncelonis = get_celonis(URL, api_token=access, key_type="USER_KEY")\n'
            'pool = celonis.data_integration.get_data_pool("p1")\n')
    calls = [(c.evidence, c.key_auth) for c in facts_of(text).api_calls if c.via == "sdk"]
    assert ("DataIntegration.get_data_pool()", None) in calls


def test_a_file_cut_off_inside_a_bracket_keeps_the_statements_before(lint_tree):
    text = ('import requests\nCELONIS_CLIENT_SECRET = "Zx8vQ2mN7pL4kR9tW3yB6cF1hJ5sD0gA"\n'
            'r = requests.post("https://acme.eu-1.celonis.cloud/oauth2/token",\n'
            '    data={"grant_type": "client_credentials", "scope": "studio.spaces"},\n')
    result = lint_tree({"etl/token.py": text})
    assert [(f.code, f.loc.line, f.loc.col) for f in result.findings] == [("SL012", 2, 26)]
    assert [n[1].split(";")[1] for n in result.notes] == [" line 3 and 2 more not read, the rest of the file was"]
    # a call missing its ``)`` in the middle of a file: that line alone is left out, the calls after it read
    middle = ('import logging, requests\nlog = logging.getLogger()\nlog.info("starting (pid %s", 1\n'
              'requests.get("https://acme.eu-1.celonis.cloud/integration/api/pools")\n')
    assert [(c.path, c.loc.line) for c in facts_of(middle).api_calls] == [("/integration/api/pools", 4)]
    # a bracket left open over more lines than a few is a file that does not parse, as before
    long = text + "".join(f"    x{i}=1,\n" for i in range(12))
    assert [f.code for f in lint_tree({"etl/token.py": long}).findings] == []
