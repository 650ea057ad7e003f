"""``.env``, ``.properties`` and Dockerfile ``ENV``/``ARG``: facts with exact positions, and
findings end to end."""
from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scopelint.extractors import Source

from scopelint.extractors.documents import envfiles
from scopelint.extractors.recognition.secrets import looks_like_secret
from scopelint.model import FileFacts
from tests.conftest import extract, scope_var_rows
from scopelint.reporters import Context, render
from tests.conftest import secret_spans, triples

SECRET = "Zq8x7VbN3kLp9TmR2wYc4Hs6Jd1Fg5Ae"
API_KEY = "NjA0YjE5ZTEtYjM1Ny00ZjQ2LWE2NzQtZDJkY2M1ZGI4YTI2OlF4Y3ZC"


def facts(path: str, text: str) -> FileFacts:
    return extract(path, text, envfiles)


scope_vars = scope_var_rows


@pytest.mark.parametrize("path, claimed", [
    pytest.param(".env", True, id="dotenv"),
    pytest.param("deploy/.env.production", True, id="dotenv-suffix"),
    pytest.param("config/prod.env", True, id="named-env"),
    pytest.param("src/main/resources/application.properties", True, id="properties"),
    pytest.param("Dockerfile", True, id="dockerfile"),
    pytest.param("docker/Dockerfile.prod", True, id="dockerfile-suffix"),
    pytest.param("images/worker.dockerfile", True, id="dot-dockerfile"),
    pytest.param("Containerfile", True, id="containerfile"),
    pytest.param("deploy/celonis-sync.service", True, id="systemd-service"),
    pytest.param("quadlet/sync.container", True, id="quadlet-container"),
    pytest.param("deploy/celonis-sync.timer", False, id="systemd-timer"),
    pytest.param(".envrc", False, id="direnv-is-shell"),
    pytest.param("environment.yml", False, id="conda-env"),
    pytest.param("src/env.py", False, id="python"),
])
def test_claims(path, claimed):
    assert envfiles.claims(path) is claimed


@pytest.mark.parametrize("path, text, want", [
    pytest.param(".env", """
        # Celonis
        export OAUTH_SCOPES="studio integration.data-pools"
        """, [("studio", 2, 22, 28), ("integration.data-pools", 2, 29, 51)], id="export-double-quoted"),
    pytest.param(".env", """
        CELONIS_SCOPE = integration.data-pools:data_push  # nightly push
        """, [("integration.data-pools:data_push", 1, 17, 49)], id="spaces-and-comment"),
    pytest.param(".env", "CELONIS_OAUTH_SCOPE='mcp-asset.tools:execute'\n",
                 [("mcp-asset.tools:execute", 1, 22, 45)], id="single-quoted"),
    pytest.param("app.properties", """
        # celonis client
        celonis.oauth.scopes: studio \\
            package-manager
        """, [("studio", 2, 23, 29), ("package-manager", 3, 5, 20)], id="properties-continued"),
    pytest.param(".env", """
        CELONIS_URL=https://acme.eu-1.celonis.cloud
        OAUTH_SCOPES="studio
          integration.data-pools:read"
        """, [("studio", 2, 15, 21), ("integration.data-pools:read", 3, 3, 30)], id="quoted-over-lines"),
    pytest.param("Dockerfile", """
        FROM python:3.12-slim
        ENV CELONIS_URL=https://acme.eu-1.celonis.cloud OAUTH_SCOPES="studio integration.data-pools"
        """, [("studio", 2, 63, 69), ("integration.data-pools", 2, 70, 92)], id="dockerfile-env-pairs"),
    pytest.param("Dockerfile", """
        FROM python:3.12-slim
        ENV CELONIS_URL=https://acme.eu-1.celonis.cloud \\
            CELONIS_SCOPE=studio
        """, [("studio", 3, 19, 25)], id="dockerfile-continuation"),
    pytest.param("Dockerfile", """
        FROM python:3.12-slim
        ENV CELONIS_SCOPE studio integration.data-pools
        """, [("studio", 2, 19, 25), ("integration.data-pools", 2, 26, 48)], id="dockerfile-legacy-env"),
    pytest.param("Dockerfile", "ARG CELONIS_SCOPE=studio\n", [("studio", 1, 19, 25)], id="dockerfile-arg-default"),
])
def test_scope_variables(path, text, want):
    assert scope_vars(facts(path, text)) == want


@pytest.mark.parametrize("path, text", [
    pytest.param(".env", "SCOPE=openid profile email\nAUTH0_SCOPE=tasks:read\n", id="other-provider-scope"),
    pytest.param(".env", "CELONIS_URL=https://acme.eu-1.celonis.cloud\nOAUTH_SCOPES=${SCOPES}\n", id="unresolved"),
    pytest.param(".env", "OAUTH_SCOPES=openid profile\n", id="generic-oauth-scopes-without-celonis"),
    pytest.param(".env", "# front end only, not for Celonis\nOAUTH_SCOPES=openid profile\n", id="celonis-only-in-a-comment"),
    pytest.param("Dockerfile", "ARG CELONIS_SCOPE\nENV OAUTH_SCOPES=$CELONIS_SCOPE\n", id="dockerfile-no-default"),
    # TEAM_URL names PyCelonis's setting, but this one is a GitHub team: no Celonis signal
    pytest.param(".env", "TEAM_URL=https://github.com/orgs/acme/teams/platform\nOAUTH_SCOPES=openid profile email\n",
                 id="team-url-of-another-host"),
])
def test_scope_variables_that_do_not_count(path, text):
    assert facts(path, text).scope_vars == []


def test_a_celonis_team_url_makes_generic_oauth_scopes_celonis():
    f = facts(".env", "TEAM_URL=https://acme.eu-1.celonis.cloud\nOAUTH_SCOPES=openid studio\n")
    assert scope_vars(f) == [("openid", 2, 14, 20), ("studio", 2, 21, 27)]


def test_generic_oauth_scopes_count_when_distinctly_celonis():
    f = facts(".env", "OAUTH_SCOPES=integration.data-pools:data_push\n")
    assert scope_vars(f) == [("integration.data-pools:data_push", 1, 14, 46)]


@pytest.mark.parametrize("path, text, want", [
    pytest.param(".env", f"CELONIS_CLIENT_SECRET={SECRET}\n",
                 [("client secret", "CELONIS_CLIENT_SECRET", 1, 23, 55)], id="dotenv"),
    pytest.param(".env", f"CELONIS_URL=https://acme.eu-1.celonis.cloud\nOAUTH_CLIENT_SECRET=\"{SECRET}\" # rotate\n",
                 [("client secret", "OAUTH_CLIENT_SECRET", 2, 22, 54)], id="quoted-with-celonis-context"),
    pytest.param(".env", f"CELONIS_API_TOKEN={API_KEY}\n",
                 [("API key", "CELONIS_API_TOKEN", 1, 19, 19 + len(API_KEY))], id="api-token"),
    pytest.param("celonis.properties", f"celonis.clientSecret = {SECRET}\n",
                 [("client secret", "celonis.clientSecret", 1, 24, 56)], id="properties-camel-case"),
    pytest.param("Dockerfile", f"FROM alpine\nENV CELONIS_CLIENT_SECRET {SECRET}\n",
                 [("client secret", "CELONIS_CLIENT_SECRET", 2, 27, 59)], id="dockerfile-legacy"),
    pytest.param("Dockerfile", f"FROM alpine\nARG CELONIS_API_KEY=\"{API_KEY}\"\n",
                 [("API key", "CELONIS_API_KEY", 2, 22, 22 + len(API_KEY))], id="dockerfile-arg"),
])
def test_secrets(path, text, want):
    f = facts(path, text)
    assert secret_spans(f) == want
    assert SECRET not in repr(f) and API_KEY not in repr(f)


@pytest.mark.parametrize("text", [
    pytest.param("CELONIS_CLIENT_SECRET=${CELONIS_CLIENT_SECRET}\n", id="shell-variable"),
    pytest.param("CELONIS_CLIENT_SECRET=<client secret>\n", id="angle-placeholder"),
    pytest.param("CELONIS_CLIENT_SECRET=changeme\n", id="changeme"),
    pytest.param("CELONIS_CLIENT_SECRET=***\n", id="stars"),
    pytest.param("CELONIS_CLIENT_SECRET=$(secrets.CELONIS_CLIENT_SECRET)\n", id="azure-macro"),
    pytest.param("CELONIS_CLIENT_SECRET=\n", id="empty"),
    pytest.param(f"STRIPE_API_KEY={SECRET}\n", id="other-service-key"),
])
def test_not_secrets(text):
    assert facts(".env", text).secrets == []


def test_urls_and_key_type():
    f = facts(".env", """
        CELONIS_URL=http://acme.eu-1.celonis.cloud   # local tunnel
        CELONIS_TOKEN_URL=https://acme.eu-1.celonis.cloud/oauth/token
        CELONIS_PUSH_URL=https://acme.eu-1.celonis.cloud/integration/api/v1/data-push/
        CELONIS_KEY_TYPE=APP_KEY
        """)
    # /oauth/token on a Celonis host is a token URL at the wrong path (the endpoint is /oauth2/token)
    assert [(i.kind, i.loc.line, i.loc.col, i.loc.end_col) for i in f.insecure] == [
        ("http-url", 1, 13, 43), ("bad-token-url", 2, 19, 62)]
    assert [(c.path, c.loc.line, c.loc.col) for c in f.api_calls] == [("/integration/api/v1/data-push/", 3, 18)]
    assert [(h.kind, h.loc.line, h.loc.col) for h in f.auth_headers] == [("AppKey", 4, 18)]


def test_bad_token_url_in_a_celonis_variable():
    f = facts(".env", "CELONIS_TOKEN_URL=https://acme.eu-1.celonis.cloud/api/oauth2/token\n")
    assert [(i.kind, i.loc.col) for i in f.insecure] == [("bad-token-url", 19)]


def test_multi_line_quoted_value_keeps_following_lines():
    f = facts(".env", f"""
        CELONIS_CERT="-----BEGIN CERTIFICATE-----
        MIIB
        -----END CERTIFICATE-----"
        CELONIS_CLIENT_SECRET={SECRET}
        """)
    assert secret_spans(f) == [("client secret", "CELONIS_CLIENT_SECRET", 4, 23, 55)]


# end to end -----------------------------------------------------------------------------------

@pytest.mark.parametrize("files, want", [
    pytest.param({".env": "CELONIS_URL=https://acme.eu-1.celonis.cloud\nOAUTH_SCOPES=studio integration.datapools\n"},
                 [("SL001", 2, 21)], id="SL001-typo"),
    pytest.param({".env": "CELONIS_SCOPE=studio,integration.data-pools\n"}, [("SL002", 1, 15)], id="SL002-comma"),
    pytest.param({".env": "CELONIS_URL=http://acme.eu-1.celonis.cloud\n"}, [("SL014", 1, 13)], id="SL014-http"),
    pytest.param({"Dockerfile": "FROM python:3.12\nENV CELONIS_SCOPE=studio.spaces\n"}, [("SL003", 2, 19)],
                 id="SL003-dockerfile"),
    pytest.param({".env": "CELONIS_KEY_TYPE=APP_KEY\n"}, [("SL018", 1, 18)], id="SL018-app-key"),
    pytest.param({".env": "CELONIS_API_TOKEN=\n# leave as AppKey for an API token\nCELONIS_KEY_TYPE=AppKey\n"},
                 [("SL018", 3, 18)], id="SL018-app-key-as-the-header-spells-it"),
    pytest.param({".env": "KIOSK_KEY_TYPE=AppKey\n"}, [], id="another-apps-key-type"),
    # EMS and IBC are the platform's old names, and others' too: they make only their own variable Celonis's
    pytest.param({".env": "EMS_DB_HOST=localhost\nOAUTH_SCOPES=openid email profile offline_access\n"}, [],
                 id="an-energy-management-system"),
    pytest.param({"app.properties": "ems.server.url=tcp://ems-host:7222\noauth.scope=openid profile\n"}, [],
                 id="tibco-ems"),
    pytest.param({".env": "IBC_RELAYER_HOME=/srv/relayer\nOAUTH_SCOPES=read:user user:email\n"}, [], id="cosmos-ibc"),
    pytest.param({".env": "EMS_DB_HOST=localhost\nEMS_CLIENT_SECRET=Zq8vR2mN7xT4kP9wL3sB6yH1cF5gJ0dA\n"}, [("SL012", 2, 19)],
                 id="an-ems-named-secret-itself"),
    pytest.param({".env": "CELONIS_URL=https://acme.eu-1.celonis.cloud\nOAUTH_SCOPES=studio integration.datapools\n"},
                 [("SL001", 2, 21)], id="celonis-named-context"),
    pytest.param({".env": "SCOPE=openid profile email\nGOOGLE_SCOPE=https://www.googleapis.com/auth/drive\n"}, [],
                 id="clean-other-provider"),
    pytest.param({".env.example": "CELONIS_URL=https://<team>.<realm>.celonis.cloud\n"
                                  "CELONIS_CLIENT_SECRET=<client secret>\nOAUTH_SCOPES=studio\n"}, [],
                 id="clean-example"),
])
def test_findings(lint_tree, files, want):
    assert triples(lint_tree(files).findings) == want


def test_secret_never_printed(lint_tree):
    result = lint_tree({".env": f"# Celonis\nCELONIS_CLIENT_SECRET={SECRET}\n"})
    assert triples(result.findings) == [("SL012", 2, 23)]
    finding = result.findings[0]
    assert "CELONIS_CLIENT_SECRET" in finding.message and SECRET not in finding.message
    assert finding.snippet.startswith("CELONIS_CLIENT_SECRET=***")
    for fmt in ("text", "json"):
        out = render(fmt, result, Context())
        assert "SL012" in out and SECRET not in out


PIECES = st.sampled_from(["ENV ", "ARG ", "export ", "CELONIS_SCOPE=", "CELONIS_CLIENT_SECRET=", "OAUTH_SCOPES", "=", ":",
                          '"', "'", "`", "\\", "\n", " ", "#", "studio", SECRET, "${X}", "http://a.eu-1.celonis.cloud"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join), st.sampled_from([".env", "Dockerfile", "app.properties"]))
def test_any_text_gives_facts_inside_the_text(text, path):
    f = FileFacts(path)
    envfiles.extract(Source(path, text), f)
    lines = text.splitlines() or [""]
    for loc in [s.loc for s in f.secrets] + [r.loc for s in f.scope_vars for r in s.refs]:
        assert 1 <= loc.line <= len(lines) and 1 <= loc.col <= len(lines[loc.line - 1]) + 1
    for s in f.secrets:  # a single-line secret is located exactly: the text there is what was judged
        if s.loc.end_line == s.loc.line:
            assert looks_like_secret(lines[s.loc.line - 1][s.loc.col - 1:s.loc.end_col - 1])


@pytest.mark.parametrize("text, expected", [
    # OpenID Connect's scopes beside another provider's token URL, in a file that also names Celonis
    ("CELONIS_URL=https://acme.eu-1.celonis.cloud\nOKTA_TOKEN_URL=https://dev-1.okta.com/oauth2/default/v1/token\n"
     "OAUTH_SCOPES=openid profile\n", []),
    # the same variable holding Celonis scopes is read, and a Celonis-named one is Celonis's whatever it
    # holds (OpenID Connect's own scopes in it are the protocol's, never unknown: SL001)
    ("CELONIS_URL=https://acme.eu-1.celonis.cloud\nOAUTH_SCOPES=studio integration.datapools\n", [("SL001", 2)]),
    ("CELONIS_SCOPES=openid integration.datapools\n", [("SL001", 1)]),
])
def test_openid_connect_scopes_are_another_providers_sign_in(lint_tree, text, expected):
    found = lint_tree({".env": text}).findings
    assert [(f.code, f.loc.line) for f in found if f.code.startswith("SL00")] == expected


@pytest.mark.parametrize("text, expected", [
    # Uplink's own spelling, run together
    ("CELONIS_URL=https://acme.eu-1.celonis.cloud\nUPLINK_CLIENTSECRET=Hq7Wm2Xr9Tv4Yp6Ks1Ln3Bz8\n",
     [("SL012", 2, "hard-coded client secret in 'UPLINK_CLIENTSECRET'")]),
    ("CELONIS_APPLICATION_KEY=Ty4Ui3Op8As2Df7Gh1Jk6Lz9\n", [("SL012", 1, "hard-coded API key in 'CELONIS_APPLICATION_KEY'")]),
    ("CELONIS_URL=https://acme.eu-1.celonis.cloud\nCELONIS_AUTH_HEADER=AppKey Ty4Ui3Op8As2Df7Gh1Jk6Lz9\n",
     [("SL012", 2, "hard-coded API key in 'CELONIS_AUTH_HEADER'"),
      ("SL018", 2, "Celonis call authenticated with an application key (AppKey) instead of an OAuth token")]),
    # the same names with placeholders: no secret, though an AppKey header is key authentication all the same
    ("UPLINK_CLIENTSECRET=<your-client-secret>\nCELONIS_APPLICATION_KEY=changeme\nCELONIS_AUTH_HEADER=AppKey ${KEY}\n",
     [("SL018", 3, "Celonis call authenticated with an application key (AppKey) instead of an OAuth token")]),
])
def test_secret_names_as_uplink_and_key_settings_write_them(lint_tree, text, expected):
    found = lint_tree({".env": text}).findings
    assert sorted((f.code, f.loc.line, f.message) for f in found) == expected


@pytest.mark.parametrize("path, text, expected", [
    (".env", "CELONIS_URL=https://acme.eu-1.celonis.cloud\n"
             "CELONIS_CLIENT_SECRET=${CELONIS_CLIENT_SECRET:-Hq7Wm2Xr9Tv4Yp6Ks1Ln3Bz8}\n"
             "CELONIS_API_KEY=${CELONIS_API_KEY:-changeme}\nCELONIS_APP_KEY=${CELONIS_APP_KEY}\n", [("SL012", 2, 48)]),
    ("docker-compose.yml", "services:\n  etl:\n    environment:\n"
                           "      - CELONIS_CLIENT_SECRET=${CELONIS_CLIENT_SECRET:-Hq7Wm2Xr9Tv4Yp6Ks1Ln3Bz8}\n"
                           "      - CELONIS_URL=https://acme.eu-1.celonis.cloud\n", [("SL012", 4, 56)]),
    ("src/main/resources/application.properties",
     "spring.security.oauth2.client.registration.celonis.client-secret=${CELONIS_CLIENT_SECRET:Hq7Wm2Xr9Tv4Yp6Ks1Ln3Bz8}\n"
     "spring.security.oauth2.client.registration.celonis.scope=studio\n"
     "spring.security.oauth2.client.provider.celonis.token-uri=https://acme.eu-1.celonis.cloud/oauth2/token\n",
     [("SL012", 1, 90)]),
])
def test_a_secret_written_as_a_references_default_is_committed(lint_tree, path, text, expected):
    """``${NAME:-default}`` (shell, Compose) and ``${NAME:default}`` (Spring) commit the default whatever
    the environment sets: a secret there is SL012 at the default; a placeholder default or none is not."""
    found = lint_tree({path: text}).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found if f.code == "SL012"] == expected


@pytest.mark.parametrize("text, want", [
    # the settings of a Celonis client's credentials: ``SCOPE`` alone is its scopes
    pytest.param("TOKEN_URL=https://acme.eu-1.celonis.cloud/oauth2/token\nCLIENT_ID=etl\nCLIENT_SECRET=${VAULT}\n"
                 "SCOPE=studio integration.data-pools\n", [("studio", 4, 7, 13), ("integration.data-pools", 4, 14, 36)],
                 id="client-settings"),
    # beside another provider's endpoint, or without a client's credentials, it says whose nothing
    pytest.param("BASE_URL=https://acme.eu-1.celonis.cloud\nTOKEN_URL=https://login.example-idp.com/oauth2/token\n"
                 "CLIENT_ID=etl\nSCOPE=studio api.read\n", [], id="other-provider"),
    pytest.param("BASE_URL=https://acme.eu-1.celonis.cloud\nSCOPE=studio\n", [], id="no-credentials"),
    pytest.param("TOKEN_URL=https://acme.eu-1.celonis.cloud/oauth2/token\nCLIENT_ID=etl\nSCOPE=openid profile\n", [],
                 id="sign-in-scopes"),
])
def test_the_scope_setting_of_a_clients_credentials(text, want):
    assert scope_vars(facts(".env", text)) == want


@pytest.mark.parametrize("files, want", [
    # a token URL that carries its request in its query string, as Celonis's documentation writes it
    pytest.param({".env": "CELONIS_TOKEN_URL=https://acme.eu-1.celonis.cloud/oauth2/token"
                          "?grant_type=client_credentials&scope=studio,integration.data-pools\n"},
                 [("SL002", ".env", 1, 100)], id="env-file"),
    pytest.param({"config/app.yaml": 'celonis:\n  token_url: "https://acme.eu-1.celonis.cloud/oauth2/token'
                                     '?grant_type=client_credentials&scope=studio.spaces"\n'},
                 [("SL003", "config/app.yaml", 2, 96)], id="yaml-config-quoted"),
    # another provider's token URL; a scope the environment fills in
    pytest.param({".env": "OKTA_TOKEN_URL=https://acme.okta.com/oauth2/v1/token?scope=studio.spaces\n"}, [],
                 id="another-provider"),
    pytest.param({".env": "CELONIS_TOKEN_URL=https://acme.eu-1.celonis.cloud/oauth2/token?scope=${SCOPE}\n"}, [],
                 id="scope-not-known"),
])
def test_a_configured_token_url_with_its_query_is_a_token_request(lint_tree, files, want):
    found = lint_tree(files).findings
    assert [(f.code, f.loc.path, f.loc.line, f.loc.col) for f in found] == want


JAVA_OPTS = ("CELONIS_URL=https://acme.eu-1.celonis.cloud\n"
             "JAVA_OPTS=-Xmx512m -Dcelonis.oauth.client-secret=Qm8vX2pLr7TzN4wKs9YdHc3BfE6uA1gV "
             "-Dcelonis.oauth.scope='studio,integration.data-pools' -Dcelonis.token-url=http://acme.eu-1.celonis.cloud/oauth2/token\n")


def test_java_system_properties_in_an_option_value_are_settings(lint_tree):
    # each -Dname=value of JAVA_OPTS (or JAVA_TOOL_OPTIONS) is judged as the setting it is, at its column
    found = lint_tree({".env": JAVA_OPTS}).findings
    line = JAVA_OPTS.split("\n")[1]
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == [
        ("SL012", 2, line.index("Qm8v") + 1), ("SL002", 2, line.index("studio,") + 1),
        ("SL014", 2, line.index("http://") + 1)]


def test_another_frameworks_system_properties_say_nothing(lint_tree):
    text = "JAVA_OPTS=-Dkeycloak.credentials.secret=${KC_SECRET} -Dspring.profiles.active=prod -Dscope=openid,profile\n"
    assert lint_tree({".env": text}).findings == []


DOCKERFILE = """\
FROM eclipse-temurin:17-jre
COPY target/pusher.jar /app.jar
CMD ["java", "-Dcelonis.oauth.client-secret=Qm8vX2pLr7TzN4wKs9YdHc3BfE6uA1gV", \\
     "-Dcelonis.base-url=http://acme.eu-1.celonis.cloud", "-Dcelonis.oauth.scope=studio integration.data-pool", "-jar", "/app.jar"]
"""


def test_java_system_properties_of_a_dockerfiles_command_are_settings(lint_tree):
    # exec form over two lines: each -Dname=value at its own line and column, a string's whole value
    found = lint_tree({"Dockerfile": DOCKERFILE}).findings
    lines = DOCKERFILE.split("\n")
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == [
        ("SL012", 3, lines[2].index("Qm8v") + 1), ("SL014", 4, lines[3].index("http://") + 1),
        ("SL001", 4, lines[3].index("integration.data-pool") + 1)]


def test_another_frameworks_properties_in_a_dockerfile_say_nothing(lint_tree):
    text = ('FROM eclipse-temurin:17-jre\nENTRYPOINT java -Djavax.net.ssl.trustStorePassword=changeit '
            '-Dkeycloak.credentials.secret=${KC_SECRET} -jar /app.jar\n')
    assert lint_tree({"Dockerfile": text}).findings == []


UNIT = """\
[Unit]
Description=Celonis data push

[Service]
Environment="CELONIS_URL=https://acme.eu-1.celonis.cloud" "CELONIS_CLIENT_ID=sync-client"
Environment=CELONIS_CLIENT_SECRET=Qm8vX2pLr7TzN4wKs9YdHc3BfE6uA1gV
Environment="CELONIS_SCOPES=studio integration.data-pool"
ExecStart=/usr/bin/java -Dcelonis.token-url=http://acme.eu-1.celonis.cloud/oauth2/token -jar /opt/sync.jar
"""


def test_a_units_environment_and_java_options_are_settings(lint_tree):
    # systemd's Environment= (a whole assignment quoted, several on a line) and ExecStart's -D options;
    # a Quadlet container's Exec=
    quadlet = ("[Container]\nImage=acme/sync:1.2\nExec=java -Dcelonis.url=https://acme.eu-1.celonis.cloud "
               "-Dcelonis.scope=integration.data-pool -jar app.jar\n")
    found = lint_tree({"deploy/celonis-sync.service": UNIT, "sync.container": quadlet}).findings
    lines = UNIT.split("\n")
    assert [(f.code, f.loc.path, f.loc.line, f.loc.col) for f in found] == [
        ("SL012", "deploy/celonis-sync.service", 6, lines[5].index("Qm8v") + 1),
        ("SL001", "deploy/celonis-sync.service", 7, lines[6].index("integration.data-pool") + 1),
        ("SL014", "deploy/celonis-sync.service", 8, lines[7].index("http://") + 1),
        ("SL001", "sync.container", 3, quadlet.split("\n")[2].index("integration.data-pool") + 1)]


def test_another_providers_unit_and_secrets_from_elsewhere_say_nothing(lint_tree):
    okta = ('[Service]\nEnvironment="OKTA_ORG_URL=https://acme.okta.com" "OKTA_SCOPES=okta.users.read studio"\n'
            "ExecStart=/usr/bin/java -Dokta.scopes=okta.users.read -jar /opt/sync.jar\n")
    celonis = ("[Service]\n# Environment=CELONIS_CLIENT_SECRET=Qm8vX2pLr7TzN4wKs9YdHc3BfE6uA1gV\n"
               "Environment=CELONIS_CLIENT_SECRET=%d/celonis-secret\n"
               'Environment="CELONIS_CLIENT_SECRET=${CELONIS_SECRET}"\nEnvironmentFile=/etc/celonis/sync.env\n'
               "LoadCredential=celonis-secret:/etc/credstore/celonis\nEnvironment=CELONIS_SCOPES=studio\n")
    assert lint_tree({"okta-sync.service": okta, "celonis-sync.service": celonis}).findings == []


@pytest.mark.parametrize("path, text", [
    (".env.example", "CELONIS_URL=${CELONIS_URL:-http://acme.eu-1.celonis.cloud}\nCELONIS_SCOPE=${CELONIS_SCOPE:-studio.spaces}\n"),
    ("docker-compose.yml", "services:\n  app:\n    environment:\n      CELONIS_URL: ${CELONIS_URL:-http://acme.eu-1.celonis.cloud}\n"
                           "      CELONIS_SCOPE: ${CELONIS_SCOPE:-studio.spaces}\n"),
    ("src/main/resources/application.yml", "celonis:\n  url: ${CELONIS_URL:http://acme.eu-1.celonis.cloud}\n"
                                           "  scope: ${CELONIS_SCOPE:studio.spaces}\n"),
])
def test_a_settings_default_is_judged_where_it_is_written(lint_tree, path, text):
    """``${CELONIS_SCOPE:-studio.spaces}`` (Compose, the shell, Spring's ``${X:default}``) holds its default
    wherever the environment sets nothing: judged as the value it is, where it stands, as its secret already was."""
    found = triples(lint_tree({path: text}).findings)
    lines = text.split("\n")
    url = next(i for i, line in enumerate(lines) if "http://" in line)
    scope = next(i for i, line in enumerate(lines) if "studio.spaces" in line)
    assert found == [("SL014", url + 1, lines[url].index("http://") + 1), ("SL003", scope + 1, lines[scope].index("studio.spaces") + 1)]


@pytest.mark.parametrize("text", [
    "CELONIS_SCOPE=${CELONIS_SCOPE:?set the scope}\n",  # no default: an error when unset
    "CELONIS_SCOPE=${CELONIS_SCOPE:-}\n",  # an empty default: the variable, or nothing (not Spring's "-")
    "CELONIS_SCOPE=${CELONIS_SCOPE:+studio}\n",  # a value when set: not known here
    "CELONIS_SCOPE=${CELONIS_SCOPE:-$DEFAULT_SCOPE}\n",  # a default that is another reference
    "CELONIS_URL=${CELONIS_URL:-http://localhost:8080}\n",  # a stand-in of another host
    "CELONIS_CLIENT_SECRET=${CELONIS_CLIENT_SECRET:-your-client-secret}\n",  # a placeholder
])
def test_defaults_that_say_nothing(lint_tree, text):
    assert lint_tree({".env.example": text}).findings == []


WORKFLOW = """\
on: workflow_dispatch
jobs:
  push:
    runs-on: ubuntu-latest
    env:
      CELONIS_URL: https://acme.eu-1.celonis.cloud
      CELONIS_SCOPE: ${{ inputs.scope || 'integration.data-pools:data_push' }}
      CELONIS_OAUTH_SCOPE: ${{ vars.CELONIS_OAUTH_SCOPE != '' && vars.CELONIS_OAUTH_SCOPE || 'studio' }}
    steps:
      - run: echo "$CELONIS_SCOPE"
"""


def test_a_ci_expression_is_a_value_not_known_and_its_fallback_a_default(lint_tree):
    """``${{ inputs.scope || 'x' }}`` is GitHub's "one value, or this literal": the literal is judged as a
    default is; any other expression is a value not known, never a list of scopes '$', '&&' and '!='
    (whose --fix rewrote the expression and broke the workflow)."""
    assert lint_tree({".github/workflows/push.yml": WORKFLOW}).findings == []
    retired = WORKFLOW.replace("'integration.data-pools:data_push'", "'studio.spaces'")
    line = retired.split("\n")[6]
    assert triples(lint_tree({".github/workflows/push.yml": retired}).findings) == [("SL003", 7, line.index("studio.spaces") + 1)]


def test_a_celonis_personal_access_token_is_an_api_key():
    """``CELONIS_PAT`` holds a user's key, which lives until revoked; a placeholder and a path named
    alike stay silent."""
    f = facts(".env", f"CELONIS_URL=https://acme.eu-1.celonis.cloud\nCELONIS_PAT={API_KEY}\n"
                      "CELONIS_PAT_EXAMPLE=<your personal access token>\nPAT_PATH=/home/runner/.config/pat\n")
    assert [(s.kind, s.name, s.loc.line, s.loc.col) for s in f.secrets] == [("API key", "CELONIS_PAT", 2, 13)]


def test_cloudflare_dev_vars_is_an_env_file(lint_tree):
    # wrangler dev reads .dev.vars (and .dev.vars.<environment>) as a .env file
    text = "CELONIS_URL=https://acme.eu-1.celonis.cloud\nCELONIS_CLIENT_SECRET=q8Jf2LmZx7Vt9RkPw3NsBy6Hc\n"
    found = lint_tree({"worker/.dev.vars": text, "worker/.dev.vars.staging": text}).findings
    assert sorted((f.loc.path, f.code, f.loc.line) for f in found) == [
        ("worker/.dev.vars", "SL012", 2), ("worker/.dev.vars.staging", "SL012", 2)]
