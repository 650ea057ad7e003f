"""The files real integrations keep: Spring Boot registrations, application config files and Helm
values, CI step shell, the Kafka EMS connector, commented-out env lines, MCP client configurations,
Java and Kotlin. Facts with exact positions in the original file."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scopelint import reading
from scopelint.discovery import Entry
from scopelint.catalog import shipped
from scopelint.extractors import for_path
from scopelint.extractors.documents import appconfig, connector, envfiles, mcp, spring, terraform
from scopelint.extractors.java import code as java
from scopelint.extractors.shell import ci_steps
from scopelint.extractors.recognition.scopes import comma_list
from scopelint.findings import Location
from scopelint.model import CLIENT
from tests.conftest import extract, kind_of, scope_var_rows

SECRET = "Zq8x7VbN3kLp9TmR2wYc4Hs6Jd1Fg5Ae"
TEAM = "https://acme.eu-1.celonis.cloud"


def secrets(f):
    return [(s.kind, s.name, s.loc.line, s.loc.col, s.loc.end_col) for s in f.secrets]


# --- Spring Boot

def test_spring_properties_make_a_client_with_comma_list_items_located():
    f = extract("src/main/resources/application.properties", f"""
        spring.security.oauth2.client.registration.celonis.scope=studio, integration.data-pools
        spring.security.oauth2.client.registration.celonis.client-secret={SECRET}
        spring.security.oauth2.client.registration.celonis.client-authentication-method=post
        spring.security.oauth2.client.provider.celonis.token-uri={TEAM}/oauth2/token
        spring.security.oauth2.client.registration.github.client-secret=9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6
        """, spring, envfiles)
    (client,) = f.clients
    assert (client.name, client.origin, client.loc.line, client.loc.col) == ("celonis", "spring", 1, 1)
    assert client.auth_method is not None and client.auth_method.value == "client_secret_post"  # Spring's old spelling
    assert client.scopes is not None and client.scopes.raw is None  # a list: SL002 judges the items
    assert [(v.value, v.loc.col, v.loc.end_col) for v in client.scopes.items] == [
        ("studio", 58, 64), ("integration.data-pools", 66, 88)]
    assert secrets(f) == [("client secret", "client-secret", 2, 66, 66 + len(SECRET))]  # github's stays silent


@pytest.mark.parametrize("path, text, want", [
    pytest.param("src/main/resources/application.properties", f"""
        spring.security.oauth2.client.registration.celonis.scope=studio.packages:read,\\
            integraton.data-pools:read, \\
            studio
        spring.security.oauth2.client.provider.celonis.token-uri={TEAM}/oauth2/token
        """, [("studio.packages:read", 1, 58, 78), ("integraton.data-pools:read", 2, 5, 31), ("studio", 3, 5, 11)],
        id="properties-continued"),
    pytest.param("src/main/resources/application.yml", f"""
        spring.security.oauth2.client:
          registration.celonis.scope: >-
            studio.packages:read,
            integraton.data-pools:read
          provider.celonis.token-uri: {TEAM}/oauth2/token
        """, [("studio.packages:read", 3, 5, 25), ("integraton.data-pools:read", 4, 5, 31)], id="yaml-block"),
])
def test_spring_scopes_written_over_lines_are_each_where_written(path, text, want):
    (client,) = extract(path, text, spring, envfiles).clients
    assert client.scopes is not None
    assert [(v.value, v.loc.line, v.loc.col, v.loc.end_col) for v in client.scopes.items] == want
    assert [(r.name, r.loc.line, r.loc.col, r.loc.end_col) for r in client.scopes.refs] == want


def test_spring_yaml_nested_and_dotted_keys_alike():
    f = extract("config/application-prod.yaml", f"""
        spring.security.oauth2.client:
          registration:
            celonis:
              authorization-grant-type: client_credentials
              scope: [studio, "integration.data-pools"]
          provider.celonis.issuer-uri: http://acme.eu-1.celonis.cloud
          registration.okta.client-secret: {SECRET}
        """, spring)
    (client,) = f.clients
    assert client.grant_type is not None and (client.grant_type.value, client.grant_type.loc.line) == ("client_credentials", 4)
    assert [r.name for r in client.scope_refs] == ["studio", "integration.data-pools"]
    assert [(i.kind, i.loc.line, i.loc.col) for i in f.insecure] == [("http-url", 6, 32)]
    assert f.secrets == []


@pytest.mark.parametrize("registration, provider, token_uri, celonis", [
    ("celonis", "keycloak", "https://sso.acme.com/realms/internal/protocol/openid-connect/token", False),
    ("ems", "ems", "https://auth.energy-ems.example.com/oauth/token", False),
    ("ems", "ems", None, False),  # EMS alone names other systems too
    ("celonis", "celonis", "${CELONIS_TOKEN_URL}", True),
    ("celonis", "celonis", None, True),
    ("erp", "erp", f"{TEAM}/oauth2/token", True),
])
def test_a_registration_is_celonis_by_its_endpoints_before_its_name(registration, provider, token_uri, celonis):
    """A registration called ``celonis`` whose provider's token URI is Keycloak's is Keycloak's client: its
    scopes are not judged as Celonis's. A Celonis token URI makes any registration Celonis's."""
    lines = [f"spring.security.oauth2.client.registration.{registration}.scope=openid,integration.read",
             f"spring.security.oauth2.client.registration.{registration}.provider={provider}"]
    if token_uri:
        lines.append(f"spring.security.oauth2.client.provider.{provider}.token-uri={token_uri}")
    f = extract("src/main/resources/application.properties", "\n".join(lines) + "\n", spring)
    assert [c.name for c in f.clients] == ([registration] if celonis else [])


def test_a_spring_registrations_defaults_are_its_values():
    """``scope=${CELONIS_SCOPE:studio.spaces}`` and a token URI written the same way hold their defaults
    wherever the environment sets nothing: the registration is read with them, where they stand."""
    text = ("spring.security.oauth2.client.registration.celonis.scope=${CELONIS_SCOPE:studio.spaces}\n"
            "spring.security.oauth2.client.provider.celonis.token-uri=${CELONIS_TOKEN_URI:http://acme.eu-1.celonis.cloud/oauth2/token}\n")
    f = extract("src/main/resources/application.properties", text, spring)
    (client,) = f.clients
    lines = text.split("\n")
    assert [(r.name, r.loc.line, r.loc.col) for r in client.scope_refs] == [("studio.spaces", 1, lines[0].index("studio.spaces") + 1)]
    assert [(i.kind, i.loc.line, i.loc.col) for i in f.insecure] == [("http-url", 2, lines[1].index("http://") + 1)]
    # no default: nothing known, and another provider's default token URI makes no Celonis client
    assert extract("application.properties", text.replace(":studio.spaces}", "}").replace(
        ":http://acme.eu-1.celonis.cloud/oauth2/token}", "}"), spring).clients[0].scope_refs == ()
    okta = text.replace("http://acme.eu-1.celonis.cloud/oauth2/token", "https://dev-1.okta.com/oauth2/default/v1/token")
    assert extract("application.properties", okta.replace("registration.celonis", "registration.crm").replace(
        "provider.celonis", "provider.crm"), spring).clients == []


def test_spring_registration_for_another_provider_is_no_client():
    f = extract("application.yml", """
        spring.security.oauth2.client.registration.okta.scope: openid,profile
        spring.security.oauth2.client.provider.okta.issuer-uri: https://dev-1.okta.com/oauth2/default
        """, spring)
    assert f.clients == []


SPRING_SECRET = "0YBEJf4hn5njfIa1CG0Jb_ZrU2ZUhRURBFG173bDQ5uJkuCNAr_9jqt1EDr5"


@pytest.mark.parametrize("registration, provider, secret, reported", [
    # a registration that names no service: its client secret is judged as any setting's
    ("partner", None, SPRING_SECRET, True),
    ("billing", "https://auth.billing.local/oauth/token", SPRING_SECRET, False),  # another host's endpoint
    ("okta", None, SPRING_SECRET, False), ("github", None, SPRING_SECRET, False),  # another service by name
    ("keycloak", None, SPRING_SECRET, False),
    ("partner", None, "${PARTNER_CLIENT_SECRET}", False), ("partner", None, "${OAUTH2_CLIENT_SECRET:}", False),
    ("partner", None, "your-client-secret", False),  # a variable, an empty default, a placeholder
])
def test_a_registrations_client_secret_is_judged_unless_another_services(registration, provider, secret, reported):
    text = (f"spring.security.oauth2.client.registration.{registration}.authorization-grant-type=client_credentials\n"
            f"spring.security.oauth2.client.registration.{registration}.client-secret={secret}\n")
    if provider:
        text += f"spring.security.oauth2.client.provider.{registration}.token-uri={provider}\n"
    f = extract("src/main/resources/application.properties", text, spring)
    assert f.clients == []
    col = text.splitlines()[1].index("=") + 2
    assert [(s.kind, s.name, s.loc.line, s.loc.col) for s in f.secrets] == (
        [("client secret", "client-secret", 2, col)] if reported else [])


@pytest.mark.parametrize("path, claimed", [
    ("src/main/resources/application.yml", True), ("application-dev.properties", True), ("bootstrap.yaml", True),
    ("config/app.yml", False), ("applications.json", False),
])
def test_spring_claims(path, claimed):
    assert spring.claims(path) is claimed


def test_comma_list_items_are_one_scope_each():
    scopes = comma_list("a, b c,'D'", Location("f", 3, 10, 3, 20), CLIENT)
    assert [(v.value, v.loc.col) for v in scopes.items] == [("a", 10), ("b", 13), ("c", 15), ("'D'", 17)]
    assert [r.name for r in scopes.refs] == ["a", "b", "c", "D"]


# --- application config files

def test_nested_keys_are_judged_by_the_name_their_path_spells():
    f = extract("chart/values.yaml", f"""
        global:
          celonis:
            tokenUrl: http://acme.eu-1.celonis.cloud/oauth2/token
            oauth:
              scopes: "studio,integration.data-pools"
        github:
          client_secret: {SECRET}
        """, appconfig)
    assert [(i.kind, i.loc.line, i.loc.col) for i in f.insecure] == [("http-url", 3, 15)]
    assert scope_var_rows(f) == [("studio", 5, 16, 22), ("integration.data-pools", 5, 23, 45)]
    assert f.secrets == []  # another provider's section


def test_json_toml_ini_values_located():
    f = extract("conf/settings.json", '{"celonis": {"url": "%s", "auth": {"clientSecret": "%s"}}}' % (TEAM, SECRET),
                appconfig)
    assert secrets(f) == [("client secret", "celonis.auth.clientSecret", 1, 82, 82 + len(SECRET))]
    f = extract("conf/app.toml", f'[celonis]\nurl = "{TEAM}"\nscopes = ["studio", "integration.datapools"]\n', appconfig)
    assert scope_var_rows(f) == [("studio", 3, 12, 18), ("integration.datapools", 3, 22, 43)]
    f = extract("conf/exporter.ini", f"[celonis]\nteam_url = {TEAM}\n; note\napi_key = '{SECRET}'  ; inline\n", appconfig)
    assert secrets(f) == [("API key", "celonis.api_key", 4, 12, 12 + len(SECRET))]


def test_a_helm_action_is_a_value_not_known_and_the_rest_is_read():
    f = extract("chart/values.yaml", "celonis:\n  secret: {{ .Values.secretName }}\n", appconfig)
    assert f.problems == [] and f.secrets == []
    f = extract("chart/values.yaml", f"celonis:\n  secret: {{{{ .Values.secretName }}}}\n  api_key: {SECRET}\n", appconfig)
    assert f.problems == [] and secrets(f) == [("API key", "celonis.api_key", 3, 12, 12 + len(SECRET))]


def test_files_without_celonis_and_files_read_elsewhere_are_left_alone():
    assert extract("conf/app.yaml", f"sentry:\n  api_key: {SECRET}\n", appconfig).is_empty()
    assert not appconfig.claims(".github/workflows/ci.yml") and not appconfig.claims(".cursor/mcp.json")
    assert extract("clients.yaml", f"oauth_clients: []\ncelonis:\n  api_key: {SECRET}\n", appconfig).is_empty()


# --- CI steps

def test_run_block_scalar_positions_are_in_the_yaml_file():
    f = extract(".github/workflows/token.yml", f"""
        jobs:
          t:
            steps:
              - run: |
                  curl -X POST {TEAM}/oauth2/token \\
                    -d client_id=${{{{ secrets.CELONIS_CLIENT_ID }}}} -d scope=studio.spaces
              - run: >-
                  curl -H 'Authorization: AppKey {SECRET}'
                  {TEAM}/integration/api/pools
        """, ci_steps)
    (req,) = f.token_requests
    assert (req.loc.line, req.loc.col) == (5, 11)
    assert scope_var_rows(type(f)("x", scope_vars=[req.scopes])) == [("studio.spaces", 6, 68, 81)]
    assert [(a.path, a.loc.line, a.loc.col) for a in f.api_calls] == [("/integration/api/pools", 9, 42)]
    assert [(h.kind, h.loc.line) for h in f.auth_headers] == [("AppKey", 8)]
    assert [(s.loc.line, s.loc.col) for s in f.secrets] == [(8, 42)]


@pytest.mark.parametrize("path, text", [
    pytest.param(".github/actions/push/action.yml", """
        name: push packages
        runs:
          using: composite
          steps:
            - shell: bash
              run: |
                curl -X POST "https://acme.eu-1.celonis.cloud/oauth2/token" -d "grant_type=client_credentials&scope=studio.spaces"
        """, id="composite-action"),
    pytest.param(".gitlab/ci/deploy.yml", """
        deploy:
          stage: deploy
          script:
            - curl -X POST "https://acme.eu-1.celonis.cloud/oauth2/token" -d "grant_type=client_credentials&scope=studio.spaces"
        """, id="gitlab-include"),
])
def test_the_steps_of_composite_actions_and_included_pipelines_are_read(path, text):
    """Steps run from a composite action or a file a GitLab pipeline includes are CI steps like any."""
    f = extract(path, text, ci_steps)
    assert [[r.name for r in t.scopes.refs] for t in f.token_requests] == [["studio.spaces"]]


@pytest.mark.parametrize("path", ["docs/examples/action.md", "deploy/templates/job.yml", "ci/deploy.yml"])
def test_yaml_elsewhere_is_no_pipeline(path):
    assert not ci_steps.claims(path)


def test_gitlab_before_script_and_script_share_a_shell():
    f = extract(".gitlab-ci.yml", f"""
        push:
          before_script:
            - SCOPE="integration.datapools"
          script:
            - curl -d "grant_type=client_credentials&scope=$SCOPE" {TEAM}/oauth2/token
            - 'echo "a: b"'
        """, ci_steps)
    (req,) = f.token_requests
    assert req.scopes is not None and [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [
        ("integration.datapools", 3, 14)]



def test_a_step_far_below_its_anchored_script_keeps_the_lines_of_both():
    """The lines between an anchor and the job that uses it are one blank line of the step's script:
    what stands after the gap is still placed on its own line of the file."""
    f = extract(".gitlab-ci.yml", ".setup: &setup\n  - 'curl -H \"Authorization: AppKey $KEY\" \"$CELONIS_URL/integration/api/pools\"'\n"
                + "".join(f"filler{i}:\n  script:\n    - echo {i}\n" for i in range(20))
                + "push:\n  before_script: *setup\n  script:\n    - curl \"$CELONIS_URL/package-manager/api/packages\"\n",
                ci_steps, dedent=False)
    assert [(c.path, c.loc.line, c.loc.col) for c in f.api_calls] == [
        ("/integration/api/pools", 2, 56), ("/package-manager/api/packages", 66, 25)]
    assert [(h.kind, h.loc.line, h.loc.col) for h in f.auth_headers] == [("AppKey", 2, 30)]

def test_github_expressions_are_unresolved_references():
    f = extract(".github/workflows/x.yml", """
        jobs:
          t:
            steps:
              - run: curl -d "client_secret=${{ secrets.CELONIS_SECRET }}&scope=studio" https://${{ vars.TEAM }}.eu-1.celonis.cloud/oauth2/token
        """, ci_steps)
    assert f.secrets == [] and f.insecure == []
    assert [r.url for r in f.token_requests] == [None]



def _scopes_of_requests(f):
    return [(t.url, t.scopes and [(r.name, r.loc.line, r.loc.col) for r in t.scopes.refs]) for t in f.token_requests]


def test_a_step_reads_the_variables_of_its_pipeline_job_and_step():
    """``env:`` of the workflow, the job and the step, as ``$NAME``, ``${{ env.NAME }}`` and
    PowerShell's ``$env:NAME``: each scope is placed on the value where the block sets it."""
    f = extract(".github/workflows/push.yml", f"""
        env:
          CELONIS_URL: {TEAM}
        jobs:
          push:
            env:
              CELONIS_SCOPE: "studio integration.data-pools"
            steps:
              - run: curl -X POST "$CELONIS_URL/oauth2/token" -d "grant_type=client_credentials&scope=${{{{ env.CELONIS_SCOPE }}}}"
              - shell: pwsh
                env:
                  SCOPE: studio.spaces
                run: Invoke-RestMethod -Method Post -Uri "$env:CELONIS_URL/oauth2/token" -Body @{{grant_type='client_credentials'; scope=$env:SCOPE}}
              - run: curl -X POST "$CELONIS_URL/oauth2/token" -d "grant_type=client_credentials&scope=$SCOPE"
        """, ci_steps)
    assert sorted(_scopes_of_requests(f), key=str) == sorted([
        (f"{TEAM}/oauth2/token", [("studio", 6, 23), ("integration.data-pools", 6, 30)]),
        (f"{TEAM}/oauth2/token", [("studio.spaces", 11, 18)]),
        (f"{TEAM}/oauth2/token", None),  # the step's own ``SCOPE`` is another step's: not set here
    ], key=str)


@pytest.mark.parametrize("text, want", [
    pytest.param("""
        variables:
          SCOPE: studio
        push:
          variables:
            SCOPE: {value: "integration.data-pools", description: "what the push needs"}
          script:
            - curl -d "grant_type=client_credentials&scope=$SCOPE" https://acme.eu-1.celonis.cloud/oauth2/token
        other:
          script:
            - curl -d "grant_type=client_credentials&scope=$SCOPE" https://acme.eu-1.celonis.cloud/oauth2/token
        """, [[("integration.data-pools", 5, 21)], [("studio", 2, 10)]], id="gitlab-global-and-job-value"),
    pytest.param("""
        variables:
          - name: SCOPE
            value: studio.spaces
        steps:
          - bash: curl -d "grant_type=client_credentials&scope=$SCOPE" https://acme.eu-1.celonis.cloud/oauth2/token
        """, [[("studio.spaces", 3, 12)]], id="azure-list"),
    pytest.param("""
        variables:
          CELONIS_URL: 'https://acme.eu-1.celonis.cloud'
          CELONIS_OAUTH_SCOPE: 'studio integration.data-pools'
        steps:
          - bash: |
              curl -X POST "$(CELONIS_URL)/oauth2/token" -d "scope=$(CELONIS_OAUTH_SCOPE)" -d grant_type=client_credentials
              curl -X POST "$(OTHER_URL)/oauth2/token" -d "scope=$(date)" -d grant_type=client_credentials
        """, [[("studio", 3, 25), ("integration.data-pools", 3, 32)]], id="azure-macros"),
])
def test_pipeline_variables_of_gitlab_and_azure(text, want):
    f = extract(".gitlab-ci.yml" if "push:" in text else "azure-pipelines.yml", text, ci_steps)
    assert sorted((scopes for _, scopes in _scopes_of_requests(f)), key=str) == sorted(want, key=str)


@pytest.mark.parametrize("text", [
    pytest.param("""
        env:
          TOKEN_URL: https://acme.okta.com/oauth2/default/v1/token
          SCOPE: studio
        jobs:
          t:
            steps:
              - run: curl -d "grant_type=client_credentials&scope=$SCOPE" "$TOKEN_URL"
        """, id="another-providers-token-url"),
    pytest.param("""
        jobs:
          t:
            environment: {name: production, url: https://acme.eu-1.celonis.cloud}
            steps:
              - run: curl -d "grant_type=client_credentials&scope=studio" "$url/oauth2/token"
        """, id="deployment-environment-is-no-variables"),
    pytest.param("""
        env:
          SCOPE: ${{ vars.CELONIS_SCOPE }}
          URL: |
            https://acme.eu-1.celonis.cloud/oauth2/token
        jobs:
          t:
            steps:
              - run: curl -d "grant_type=client_credentials&scope=$SCOPE" "$URL"
        """, id="expression-and-block-values-stay-unresolved"),
])
def test_pipeline_variables_that_give_no_celonis_scope(text):
    f = extract(".github/workflows/t.yml", text, ci_steps)
    assert all(t.scopes is None or not t.scopes.refs for t in f.token_requests)
    assert [t.url for t in f.token_requests if t.url and "celonis" in t.url] == []



def test_a_job_scope_checked_against_the_calls_of_its_steps(lint_tree):
    """The job's scope list is the token request's: an unused broad scope (SL006), a typo (SL001,
    once, though two readers see it) and the call no requested scope opens (SL005)."""
    result = lint_tree({".github/workflows/push.yml": """
        env:
          CELONIS_URL: https://acme.eu-1.celonis.cloud
        jobs:
          push:
            env:
              CELONIS_SCOPE: "studio integration.data-pool"
            steps:
              - run: |
                  TOKEN=$(curl -s -X POST "$CELONIS_URL/oauth2/token" -u "$ID:$SECRET" -d "grant_type=client_credentials&scope=${{ env.CELONIS_SCOPE }}" | jq -r .access_token)
                  curl -H "Authorization: Bearer $TOKEN" "$CELONIS_URL/integration/api/pools"
        """})
    assert [(f.code, f.loc.line, f.loc.col) for f in result.findings] == [
        ("SL006", 6, 23), ("SL001", 6, 30), ("SL005", 10, 63)]


PS_STEPS = {
    "azure-pipelines.yml": """
        steps:
          - task: PowerShell@2
            inputs:
              targetType: inline
              script: |
                $body = @{ grant_type = 'client_credentials'; scope = 'studio,package-manager' }
                $r = Invoke-RestMethod -Method Post -Uri "https://acme.eu-1.celonis.cloud/oauth2/token" -Body $body
                Invoke-RestMethod -Uri "https://acme.eu-1.celonis.cloud/api/external/members" -Headers @{ Authorization = "Bearer $($r.access_token)" }
        """,
    ".github/workflows/members.yml": """
        on: push
        jobs:
          a:
            runs-on: windows-latest
            defaults:
              run:
                shell: pwsh
            steps:
              - run: |
                  $body = @{ grant_type = 'client_credentials'; scope = 'studio,package-manager' }
                  $r = Invoke-RestMethod -Method Post -Uri "https://acme.eu-1.celonis.cloud/oauth2/token" -Body $body
                  Invoke-RestMethod -Uri "https://acme.eu-1.celonis.cloud/api/external/members" -Headers @{ Authorization = "Bearer $($r.access_token)" }
        """,
}


@pytest.mark.parametrize("path", sorted(PS_STEPS))
def test_powershell_steps_by_their_task_or_the_jobs_default_shell(lint_tree, path):
    """Azure's ``task: PowerShell@2`` inline script and the steps of a job whose ``defaults: run:
    shell:`` is pwsh are PowerShell: the hashtable body is read (SL002) and the call judged (SL005)."""
    found = [f.code for f in lint_tree({path: PS_STEPS[path]}).findings if f.code in ("SL002", "SL005")]
    assert found == ["SL002", "SL005"]


def test_a_gitlab_reference_in_a_script_list_leaves_the_other_commands_read(lint_tree):
    result = lint_tree({".gitlab-ci.yml": """
        .snippets:
          noop:
            - echo start
        job-a:
          script:
            - !reference [.snippets, noop]
            - 'curl -sf -X POST "https://acme.eu-1.celonis.cloud/oauth2/token" -d grant_type=client_credentials -d "scope=studio,package-manager"'
        """})
    assert [(f.code, f.loc.line) for f in result.findings] == [("SL002", 7)]


# --- connector, commented env lines, MCP

def test_connector_properties():
    f = extract("connect/sink.properties", f"""
        connect.ems.endpoint=http://acme.eu-1.celonis.cloud/continuous-batch-processing/api/v1/p/items
        connect.ems.authorization.key="AppKey {SECRET}"
        """, connector, envfiles)
    assert [(c.method, c.path, c.loc.line) for c in f.api_calls] == [("POST", "/continuous-batch-processing/api/v1/p/items", 1)]
    assert [(i.kind, i.loc.line) for i in f.insecure] == [("http-url", 1)]
    assert [(h.kind, h.loc.line, h.loc.col) for h in f.auth_headers] == [("AppKey", 2, 32)]
    assert secrets(f) == [("API key", "Authorization", 2, 39, 39 + len(SECRET))]


def test_commented_assignments_give_secrets_only():
    f = extract(".env.example", f"""
        CELONIS_URL={TEAM}
        # CELONIS_CLIENT_SECRET={SECRET}
        #CELONIS_API_TOKEN=<your token>
        # CELONIS_SCOPES=studio,integration.data-pools
        """, envfiles)
    assert secrets(f) == [("client secret", "CELONIS_CLIENT_SECRET", 2, 25, 25 + len(SECRET))]
    assert f.scope_vars == []


def test_mcp_server_with_scopes_header_and_env():
    text = ('{"mcpServers": {"celonis": {"url": "%s/studio-copilot/api/v1/mcp-servers/mcp/a",\n'
            ' "auth": {"clientId": "cursor_mcp", "scopes": ["studio-mcp", "integration.datapools"]},\n'
            ' "headers": {"Authorization": "AppKey %s"}},\n'
            ' "github": {"headers": {"Authorization": "Bearer %s"}}}}\n') % (TEAM, SECRET, SECRET[::-1])
    f = extract(".cursor/mcp.json", text, mcp)
    (client,) = f.clients
    assert (client.name, client.origin, client.grant_type) == ("cursor_mcp", "mcp", None)
    assert [(r.name, r.loc.line, r.loc.col) for r in client.scope_refs] == [
        ("studio-mcp", 2, 49), ("integration.datapools", 2, 63)]
    assert [(h.kind, h.loc.line) for h in f.auth_headers] == [("AppKey", 3)]
    assert [(s.line, s.col) for s in (x.loc for x in f.secrets)] == [(3, 39)]  # github's header is not Celonis's


# --- Java and Kotlin

def test_java_constants_headers_and_form_body():
    f = extract("src/Push.java", f"""
        class Push {{
          static final String TOKEN_URL = "{TEAM}" + "/oauth2/token";
          private static final String CLIENT_SECRET = "{SECRET}";
          void go(String key) {{
            post(TOKEN_URL, "grant_type=client_credentials&scope=studio");
            get("/integration/api/pools").header("Authorization", "AppKey " + key);
          }}
        }}
        """, java)
    assert secrets(f) == [("client secret", "CLIENT_SECRET", 3, 48, 48 + len(SECRET))]
    (req,) = f.token_requests
    assert req.url == f"{TEAM}/oauth2/token" and [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [
        ("studio", 5, 58)]
    assert [(c.path, c.loc.line, c.loc.col) for c in f.api_calls] == [("/integration/api/pools", 6, 10)]
    assert [(h.kind, h.loc.line, h.loc.col) for h in f.auth_headers] == [("AppKey", 6, 60)]


SPRING_ESCAPED = """spring:
  security:
    oauth2:
      resourceserver:
        jwt:
          issuer-uri: "\\${acme.keycloak.host}/realms/\\${acme.keycloak.realm}"
      client:
        registration:
          celonis:
            client-id: erp-push
            client-secret: %s
            authorization-grant-type: client_credentials
            scope: integration.data-pools:data_push
        provider:
          celonis:
            token-uri: http://acme.eu-1.celonis.cloud/oauth2/token
"""


def test_an_escape_yaml_does_not_know_leaves_the_rest_of_the_file_read(lint_tree):
    # ``\$`` keeps a ``${...}`` from a build step that renders the file; YAML has no such escape
    result = lint_tree({"src/main/resources/application.yml": SPRING_ESCAPED % SECRET})
    assert [(f.code, f.loc.line, f.loc.col) for f in result.findings] == [("SL012", 11, 28), ("SL014", 16, 24)]
    assert result.notes == []
    # another error is still one, at its place; so is the escape in a client definition, read as the schema says
    broken = lint_tree({"src/main/resources/application.yml": SPRING_ESCAPED.replace("      client:", "     client: [") % SECRET})
    assert [n.split(":")[0] for _, n in broken.notes] == ["skipped"] and broken.findings == []
    strict = lint_tree({"clients.yaml": 'oauth_clients:\n  - name: "\\$erp"\n    scopes: [studio]\n'})
    assert [(f.code, f.loc.line) for f in strict.findings if f.code == "SL000"] == [("SL000", 2)]


def test_a_java_line_over_the_limit_is_left_unread_and_the_rest_of_the_file_is_read():
    # a hand-written test with a document inlined as one long literal: that line alone is passed over, with a note
    spec = '{"openapi": "3.0.0", "paths": {' + ", ".join(f'"/p{i}": {{}}' for i in range(600)) + "}}"
    escaped = spec.replace('"', '\\"')
    f = extract("src/test/java/PushClientTest.java", f"""
        class PushClientTest {{
          static final String SPEC = "{escaped}";
          static final String CLIENT_SECRET = "{SECRET}";
          static final String TOKEN_URL = "{TEAM}/oauth2/token";
        }}
        """, java)
    assert secrets(f) == [("client secret", "CLIENT_SECRET", 3, 40, 40 + len(SECRET))]
    assert [(p.loc.line, p.message, p.kind) for p in f.problems] == [
        (2, "line 2 over 5,000 characters (generated code or data) not read; the rest of the file was", "skipped")]


def test_a_java_credential_is_judged_by_the_call_that_fills_it_not_by_its_name():
    """``apiToken`` filled by a call is what the call returns: a token another class fetched, or the key an
    environment variable holds; a parameter of that name is a key handed in (as Python and JavaScript read them)."""
    f = extract("src/PoolClient.java", """
        public class PoolClient {
            private final String apiToken;
            PoolClient(TokenService tokens, String id, String secret) { this.apiToken = tokens.fetch(id, secret); }
            String pools() {
                HttpHeaders headers = new HttpHeaders();
                headers.add("Authorization", "Bearer " + this.apiToken);
                return rest.exchange(BASE + "/integration/api/pools", HttpMethod.GET, new HttpEntity<>(headers), String.class);
            }
            String models(String apiToken) {
                return http.get(BASE + "/intelligence/api/knowledge-models").header("Authorization", "Bearer " + apiToken);
            }
            String spaces() {
                String apiKey = System.getenv("CELONIS_API_KEY");
                return http.get(BASE + "/package-manager/api/spaces").header("Authorization", "Bearer " + apiKey);
            }
            String jobs() {
                String apiToken = vault.readApiKey("celonis");
                return http.get(BASE + "/integration/api/v1/data-push/x/jobs/").header("Authorization", "Bearer " + apiToken);
            }
            String members() {
                String apiKey = config.getProperty("celonis.api-key");
                return http.get(BASE + "/api/external/members").header("Authorization", "Bearer " + apiKey);
            }
            String teams() {
                String token = auth.exchangeApiKey(System.getenv("CELONIS_API_KEY"));
                return http.get(BASE + "/api/teams").header("Authorization", "Bearer " + token);
            }
        }
        """, java)
    # the parameter (10), the environment's key (14), the vault's key (18) and a key a getter reads (22);
    # not the fetched token (6), nor a token a key was exchanged for (26)
    assert [(h.kind, h.loc.line) for h in f.auth_headers] == [("api-key", 10), ("api-key", 14), ("api-key", 18),
                                                              ("api-key", 22)]


def test_java_token_url_joined_from_constants_where_it_is_used():
    """``new URL(API_BASE_URL + AUTH_ENDPOINT)``: the two constants make the token URL the form body
    after it goes to; the same join to another provider's host, with its scopes, stays silent."""
    code = """
        class Mining {{
          private static final String API_BASE_URL = "{base}";
          private static final String AUTH_ENDPOINT = "/oauth2/token";
          String token() throws Exception {{
            URL url = new URL(API_BASE_URL + AUTH_ENDPOINT);
            String body = "grant_type=client_credentials&scope={scope}";
            return post(url, body);
          }}
        }}
        """
    f = extract("src/Mining.java", code.format(base=TEAM, scope="studio"), java)
    (req,) = f.token_requests
    assert req.url == f"{TEAM}/oauth2/token" and [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [
        ("studio", 6, 56)]
    other = extract("src/Okta.java", code.format(base="https://acme.okta.com", scope="openid"), java)
    assert other.token_requests == []


def test_java_form_body_joined_with_a_constant_sends_its_scopes():
    """``ofString("grant_type=client_credentials&scope=" + SCOPE)``: the scope is the constant's, at
    its place; read from the environment it is unknown; never 'no scope'."""
    code = """
        class TokenClient {{
          private static final String TOKEN_URL = "{team}/oauth2/token";
          private static final String SCOPE = {scope};
          HttpRequest token() {{
            return HttpRequest.newBuilder(URI.create(TOKEN_URL))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + SCOPE)).build();
          }}
        }}
        """
    f = extract("src/TokenClient.java", code.format(team=TEAM, scope='"integration.data-pools"'), java)
    (req,) = f.token_requests
    assert [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [("integration.data-pools", 3, 40)]
    f = extract("src/TokenClient.java", code.format(team=TEAM, scope='System.getenv("CELONIS_SCOPE")'), java)
    (req,) = f.token_requests
    assert req.scopes is None
    # String.format("...&scope=%s", ..., SCOPE): the format's arguments fill it in, never a scope "%s"
    formatted = code.replace('ofString("grant_type=client_credentials&scope=" + SCOPE)',
                             'ofString(String.format("grant_type=client_credentials&client_id=%s&scope=%s", id, SCOPE))')
    (req,) = extract("src/TokenClient.java", formatted.format(team=TEAM, scope='"integration.data-pools"'), java).token_requests
    assert [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [("integration.data-pools", 3, 40)]


def test_kotlin_templates_and_scope_builders():
    f = extract("src/Push.kt", f"""
        const val CELONIS_URL = "{TEAM}"
        val reg = ClientRegistration.withRegistrationId("celonis").tokenUri("$CELONIS_URL/oauth2/token")
            .scope("studio", "integration.data-pools").build()
        fun pools(token: String) = get("${{CELONIS_URL}}/integration/api/pools", "Bearer $token")
        """, java)
    assert scope_var_rows(f) == [("studio", 3, 13, 19), ("integration.data-pools", 3, 23, 45)]
    assert [(c.path, c.loc.line) for c in f.api_calls] == [("/integration/api/pools", 4)]
    assert f.secrets == []


def test_kotlin_token_url_written_as_a_template_of_a_constant():
    # Ktor's submitForm and OkHttp's Request.Builder with "$base/oauth2/token": the template's constant bound,
    # as BASE + "/oauth2/token" is; a template of a parameter stays unknown, and so unjudged
    code = """
        class CelonisClient(private val http: HttpClient) {
            private val base = "%s"
            suspend fun token() = http.submitForm(
                url = "$base/oauth2/token",
                formParameters = parameters {
                    append("grant_type", "client_credentials")
                    append("scope", "studio.spaces")
                },
            )
        }
        """
    (req,) = extract("src/CelonisClient.kt", code % TEAM, java).token_requests
    assert (req.url, [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs]) == (
        f"{TEAM}/oauth2/token", [("studio.spaces", 7, 30)])
    okhttp = f"""
        const val BASE = "{TEAM}"
        fun token(client: OkHttpClient) {{
            val body = FormBody.Builder().add("grant_type", "client_credentials").add("scope", "studio").build()
            client.newCall(Request.Builder().url("${{BASE}}/oauth2/token").post(body).build()).execute()
        }}
        """
    (req,) = extract("src/Token.kt", okhttp, java).token_requests
    assert req.url == f"{TEAM}/oauth2/token"
    other = extract("src/AuthClient.kt", (code % TEAM).replace('"$base/oauth2/token"', '"$authUrl/auth/oauth/token"'), java)
    assert other.token_requests == [] and other.scope_vars == []


def test_java_scopes_for_another_provider_stay_silent():
    f = extract("src/Gh.java", 'class Gh { String scopes = "repo read:org"; void x() { b.scope("openid", "profile"); } }',
                java)
    assert f.scope_vars == []


# --- Go and C#, read as Java is: the libraries of the reference map, and their lookalikes

def test_go_clientcredentials_config_and_key_headers():
    f = extract("internal/celonis/client.go", f"""
        package celonis

        const baseURL = "{TEAM}"

        func client(ctx context.Context) *http.Client {{
        \tcfg := clientcredentials.Config{{
        \t\tClientID:     os.Getenv("CELONIS_CLIENT_ID"),
        \t\tClientSecret: `{SECRET}`,
        \t\tTokenURL:     baseURL + "/oauth2/token",
        \t\tScopes:       []string{{"studio", "integration.data-pools"}},
        \t}}
        \treturn cfg.Client(ctx)
        }}

        func pools() {{
        \treq, _ := http.NewRequest("GET", baseURL+"/integration/api/pools", nil)
        \treq.Header.Set("Authorization", "AppKey "+os.Getenv("CELONIS_APP_KEY"))
        \treq.Header.Set("Authorization", fmt.Sprintf("Bearer %s", os.Getenv("CELONIS_API_KEY")))
        }}
        """, java)
    assert secrets(f) == [("client secret", "ClientSecret", 8, 18, 18 + len(SECRET))]  # in a raw string
    # the config is the token request the library makes: its URL, its scopes where they are written
    (req,) = f.token_requests
    assert (req.url, req.loc.line, req.grant_type.value) == (f"{TEAM}/oauth2/token", 6, "client_credentials")
    assert [(r.name, r.loc.line, r.loc.col, r.loc.end_col) for r in req.scopes.refs] == [
        ("studio", 10, 27, 33), ("integration.data-pools", 10, 37, 59)]
    assert f.scope_vars == []
    assert [(c.path, c.loc.line) for c in f.api_calls] == [("/integration/api/pools", 16)]
    # AppKey is key authentication; a Bearer is the token the file's own config requests
    assert [(h.kind, h.loc.line) for h in f.auth_headers] == [("AppKey", 17)]


def test_go_scopes_are_the_token_urls_of_their_struct():
    """Generic scopes (``studio``) count where the same struct literal holds a Celonis URL; beside
    another provider's token URL they are that provider's."""
    f = extract("internal/auth.go", f"""
        package auth

        const base = "{TEAM}"

        var celonis = clientcredentials.Config{{
        \tTokenURL: base + "/oauth2/token",
        \tScopes:   []string{{"studio", "studio.spaces"}},
        }}

        var okta = clientcredentials.Config{{
        \tTokenURL: "https://dev-123456.okta.com/oauth2/default/v1/token",
        \tScopes:   []string{{"studio", "okta.users.read"}},
        }}
        """, java)
    # the Celonis config is a token request with its scopes; the Okta one makes no fact
    assert [(r.url, [(ref.name, ref.loc.line, ref.loc.col) for ref in r.scopes.refs]) for r in f.token_requests] == [
        (f"{TEAM}/oauth2/token", [("studio", 7, 22), ("studio.spaces", 7, 32)])]
    assert f.scope_vars == []


def test_go_endpoint_params_scope_is_its_configs():
    """``EndpointParams`` adds form keys to the token request: its ``scope`` is the config's token
    request's, Celonis's where the config holds a Celonis token URL; in another provider's config, or in a map of its own
    (``url.Values{"scope": ...}`` sent elsewhere), it is not."""
    f = extract("internal/auth.go", f"""
        package auth

        var celonis = clientcredentials.Config{{
        \tTokenURL:       "{TEAM}/oauth2/token",
        \tEndpointParams: url.Values{{"scope": {{"studio"}}}},
        }}

        var okta = clientcredentials.Config{{
        \tTokenURL:       "https://dev-123456.okta.com/oauth2/default/v1/token",
        \tEndpointParams: url.Values{{"scope": {{"studio"}}, "audience": {{"api://default"}}}},
        }}

        func form() url.Values {{
        \treturn url.Values{{"scope": {{"studio"}}, "grant_type": {{"client_credentials"}}}}
        }}
        """, java)
    # the Celonis config's token request sends it; the map of its own is nobody's
    (req,) = f.token_requests
    assert [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [("studio", 5, 40)] and scope_var_rows(f) == []


def test_go_config_set_field_by_field_is_the_token_request_it_makes():
    f = extract("internal/push.go", f"""
        package push

        const base = "{TEAM}"

        func celonis(ctx context.Context) *http.Client {{
        \tcfg := clientcredentials.Config{{}}
        \tcfg.TokenURL = base + "/oauth2/token"
        \tcfg.Scopes = []string{{"studio.spaces"}}
        \treturn cfg.Client(ctx)
        }}

        func okta(ctx context.Context) *http.Client {{
        \tvar o clientcredentials.Config
        \to.TokenURL = "https://acme.okta.com/oauth2/default/v1/token"
        \to.Scopes = []string{{"studio.spaces"}}
        \treturn o.Client(ctx)
        }}
        """, java)
    # each config's scopes go to its own token URL, the request where the config is written
    assert [(r.url, r.loc.line, [s.name for s in r.scopes.refs], r.grant_type.value) for r in f.token_requests] == [
        (f"{TEAM}/oauth2/token", 6, ["studio.spaces"], "client_credentials")]
    assert f.scope_vars == []


def test_go_endpoint_params_assigned_are_the_configs_request_not_a_form():
    # cfg.EndpointParams = url.Values{"grant_type": ...}: what the library adds to the request it makes
    # with cfg.Scopes (where the config is declared), never a token request of its own that sends no scope
    f = extract("internal/push.go", f"""
        package push

        const base = "{TEAM}"

        func newClient(ctx context.Context) *http.Client {{
        \tvar cfg clientcredentials.Config
        \tcfg.TokenURL = base + "/oauth2/token"
        \tcfg.Scopes = []string{{"integration.data-pools"}}
        \tcfg.EndpointParams = url.Values{{"grant_type": {{"client_credentials"}}}}
        \treturn cfg.Client(ctx)
        }}

        func form() url.Values {{
        \treturn url.Values{{"grant_type": {{"client_credentials"}}, "scope": {{"studio"}}}}
        }}
        """, java)
    assert [(r.loc.line, [s.name for s in r.scopes.refs]) for r in f.token_requests] == [
        (6, ["integration.data-pools"]), (14, ["studio"])]


def test_go_configs_that_are_a_structs_fields_each_go_to_their_own_token_url():
    f = extract("internal/clients.go", f"""
        package tokens

        func NewClients() Clients {{
        \tvar c Clients
        \tc.Celonis.TokenURL = "{TEAM}/oauth2/token"
        \tc.Celonis.Scopes = []string{{"studio.spaces"}}
        \tc.Auth0.TokenURL = "https://acme.eu.auth0.com/oauth/token"
        \tc.Auth0.Scopes = []string{{"read:users,update:users"}}
        \treturn c
        }}
        """, java)
    assert [(r.url, r.loc.line, [s.name for s in r.scopes.refs]) for r in f.token_requests] == [
        (f"{TEAM}/oauth2/token", 5, ["studio.spaces"])]
    assert f.scope_vars == []


def test_a_constant_two_classes_give_two_values_is_neither_where_it_is_used():
    # Kotlin companions (or C# private consts) of the same name: "$BASE/oauth2/token" is not known in either class
    f = extract("src/Apis.kt", f"""
        class CelonisApi {{
            companion object {{ const val BASE = "{TEAM}" }}
            fun token() = http.submitForm(url = "$BASE/oauth2/token", formParameters = parameters {{
                append("grant_type", "client_credentials"); append("scope", "studio") }})
        }}
        class OktaApi {{
            companion object {{ const val BASE = "https://acme.okta.com/oauth2/default/v1" }}
            fun token() = http.submitForm(url = "$BASE/token", formParameters = parameters {{
                append("grant_type", "client_credentials"); append("scope", "okta.users.read,okta.apps.read") }})
        }}
        """, java)
    assert [r.url for r in f.token_requests if r.url] == [] and f.scope_vars == []


def test_a_go_map_entry_is_a_named_value_judged_with_the_constant_it_holds():
    """``"client_secret": pushSecret`` names its value as a field would; a constant the code calls no
    real one (``invalidApiKey``) is none under any key it is put."""
    f = extract("internal/push.go", f"""
        package push

        var pushSecret = "{SECRET}"
        var invalidApiKey = "{SECRET[::-1]}"

        func form() url.Values {{
        \treturn url.Values{{"client_secret": {{pushSecret}}, "api_key": {{invalidApiKey}}}}
        }}
        """, java)
    assert secrets(f) == [("client secret", "client_secret", 3, 19, 19 + len(SECRET))]


def test_nimbus_secret_and_scope_constructors():
    """Nimbus's ``new Secret("...")`` is the client secret, ``new Scope(...)`` the scopes of the token
    request its ``TokenRequest`` makes: Celonis's where it names a Celonis URL; ``studio`` sent to Okta is not."""
    f = extract("src/Token.java", f"""
        import com.nimbusds.oauth2.sdk.*;
        class Token {{
          static final String CELONIS_TOKEN_URL = "{TEAM}/oauth2/token";
          TokenRequest celonis() {{
            return new TokenRequest(URI.create(CELONIS_TOKEN_URL),
                new ClientSecretBasic(new ClientID("etl"), new Secret("{SECRET}")),
                new ClientCredentialsGrant(), new Scope("studio", "integration.data-pools"));
          }}
          TokenRequest okta() {{
            return new TokenRequest(URI.create("https://acme.okta.com/oauth2/default/v1/token"),
                new ClientSecretBasic(new ClientID("etl"), new Secret(System.getenv("OKTA_SECRET"))),
                new ClientCredentialsGrant(), new Scope("studio"));
          }}
        }}
        """, java)
    assert secrets(f) == [("client secret", "Secret", 6, 64, 64 + len(SECRET))]
    # the Celonis request is a token request for its grant with those scopes; Okta's is Okta's
    assert [(r.url, [(x.name, x.loc.line, x.loc.col) for x in r.scopes.refs]) for r in f.token_requests] == [
        (f"{TEAM}/oauth2/token", [("studio", 7, 50), ("integration.data-pools", 7, 60)])]
    assert scope_var_rows(f) == []


@pytest.mark.parametrize("path, text", [
    ("Src/Token.cs", """
        class A {
          object T(string clientId) => new ClientCredentialsTokenRequest {
                Address = "https://acme.eu-1.celonis.cloud/oauth2/token",
                ClientId = clientId,
                ClientSecret = "%s",
          };
        }
        """),
    ("src/Token.kt", """
        val cfg = TokenCfg(
            tokenUrl = "https://acme.eu-1.celonis.cloud/oauth2/token",
            clientId = id,
            clientSecret = "%s",
        )
        """),
    ("auth/token.go", """
        package auth

        func creds() (string, string) {
            clientID, clientSecret := "etl-client", "%s"
            return clientID, clientSecret
        }
        """),
])
def test_an_entry_after_one_whose_value_is_a_name_is_read(path, text):
    """``ClientId = clientId,`` then ``ClientSecret = "..."`` (C# initialiser, Kotlin named arguments) is
    two entries, not Go's ``a, b = x, y``; Go's, on one line, still pairs its names and values."""
    f = extract(path, text % SECRET, java)
    assert [(kind, name, line) for kind, name, line, _col, _end in secrets(f)] == [
        ("client secret", "ClientSecret" if path.endswith(".cs") else "clientSecret", 5 if path.endswith(".cs") else 4)]


KM_EXPORT = f"""
    public class KmExport {{
        private readonly HttpClient _http = new HttpClient {{ BaseAddress = new Uri("{TEAM}/") }};
        public async Task<string> RunAsync(string km) {{
            return await _http.GetStringAsync($"intelligence/api/knowledge-models/{{km}}/kpis");
        }}
    }}
    """


def test_a_path_without_its_leading_slash_is_a_call_on_a_celonis_base_address():
    """.NET writes the base address with its "/" and the request's path without one; so does a WebClient's
    ``baseUrl`` often. On the Celonis base address set around it, the path is a call there."""
    f = extract("src/KmExport.cs", KM_EXPORT, java)
    assert [(c.path, c.loc.line, c.loc.col) for c in f.api_calls] == [("/intelligence/api/knowledge-models/{x}/kpis", 4, 45)]
    f = extract("src/Pools.java", f"""
        class Pools {{
            WebClient wc = WebClient.builder().baseUrl("{TEAM}/").build();
            Mono<String> pools() {{ return wc.get().uri("integration/api/pools").retrieve().bodyToMono(String.class); }}
        }}
        """, java)
    assert [(c.path, c.loc.line, c.loc.col) for c in f.api_calls] == [("/integration/api/pools", 3, 49)]


@pytest.mark.parametrize("made", [f'WebClient.create("{TEAM}/")', f'RestClient.create("{TEAM}/")',
                                  f'WebClient.builder().baseUrl("{TEAM}/").build()'])
def test_a_spring_client_made_with_its_base_address_sends_paths_there(made):
    f = extract("src/Km.java", f"""
        class Km {{
            private final WebClient wc = {made};
            Mono<String> records(String km) {{ return wc.get().uri("intelligence/api/knowledge-models/{{km}}/records", km).retrieve().bodyToMono(String.class); }}
        }}
        """, java)
    assert [c.path for c in f.api_calls] == ["/intelligence/api/knowledge-models/{km}/records"]
    other = extract("src/Km.java", f"""
        class Km {{
            private final WebClient wc = {made.replace(TEAM, "https://api.example.com")};
            Mono<String> records(String km) {{ return wc.get().uri("intelligence/api/knowledge-models/{{km}}/records", km).retrieve().bodyToMono(String.class); }}
        }}
        """, java)
    assert other.api_calls == []


@pytest.mark.parametrize("change", [
    pytest.param([(f"{TEAM}/", "https://keycloak.example.com/")], id="another-hosts-base-address"),
    pytest.param([(f'BaseAddress = new Uri("{TEAM}/")', 'BaseAddress = new Uri(config["Celonis:Url"])')], id="a-base-not-written"),
    pytest.param([("_http.GetStringAsync", "_other.GetStringAsync"), ("private readonly", 'private readonly HttpClient _other = '
                   'new HttpClient { BaseAddress = new Uri("https://api.example.com/") };\n        private readonly')],
                 id="on-a-second-client-of-another-host"),
    pytest.param([("_http.GetStringAsync", "_erp.GetStringAsync")], id="on-a-client-given-no-base-here"),
])
def test_a_path_without_its_leading_slash_on_a_base_not_known_to_be_celonis_is_no_call(change):
    text = KM_EXPORT
    for old, new in change:
        text = text.replace(old, new)
    assert extract("src/KmExport.cs", text, java).api_calls == []


def test_csharp_identitymodel_request_verbatim_secret_and_header_value():
    f = extract("src/Sync/Program.cs", f"""
        class Program {{
            const string Team = "{TEAM}";
            static async Task Main() {{
                var token = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest {{
                    Address = $"{{Team}}/oauth2/token",
                    ClientId = "etl-client",
                    ClientSecret = @"{SECRET}",
                    Scope = "studio package-manager",
                }});
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("AppKey", key);
                var res = await http.GetAsync($"{{Team}}/package-manager/api/packages");
            }}
        }}
        """, java)
    assert secrets(f) == [("client secret", "ClientSecret", 7, 30, 30 + len(SECRET))]
    # the initialiser is the token request IdentityModel sends: client credentials, to its Address
    (req,) = f.token_requests
    assert (req.url, req.loc.line, req.grant_type.value) == (f"{TEAM}/oauth2/token", 4, "client_credentials")
    assert [(r.name, r.loc.line, r.loc.col, r.loc.end_col) for r in req.scopes.refs] == [
        ("studio", 8, 22, 28), ("package-manager", 8, 29, 44)]
    assert [(h.kind, h.loc.line) for h in f.auth_headers] == [("AppKey", 10)]
    assert [(c.path, c.loc.line) for c in f.api_calls] == [("/package-manager/api/packages", 11)]


def _found(report):
    return sorted((f.loc.path, f.code, f.loc.line, f.loc.col) for f in report.findings)


def test_a_scope_encoded_for_the_url_or_joined_with_a_space_is_what_the_request_sends(lint_tree):
    """``URLEncoder.encode(X)``, ``Uri.EscapeDataString(X)``, ``url.QueryEscape(X)`` send ``X``; Go's
    ``strings.Join(list, " ")``, .NET's ``string.Join(" ", ...)`` and Java's ``String.join("%20", ...)``
    send the items as one space-separated string: the scopes in them are judged where they are written."""
    report = lint_tree({"CelonisToken.java": f"""
        class CelonisToken {{
            private static final String TEAM = "{TEAM}";
            HttpRequest token() {{
                String form = "grant_type=client_credentials"
                        + "&scope=" + URLEncoder.encode("studio.packages integration.data-pools", StandardCharsets.UTF_8);
                return HttpRequest.newBuilder(URI.create(TEAM + "/oauth2/token")).POST(BodyPublishers.ofString(form)).build();
            }}
        }}
        """, "CelonisToken.cs": f"""
        var body = "grant_type=client_credentials&scope=" + Uri.EscapeDataString("studio,integration.data-pools");
        var request = new HttpRequestMessage(HttpMethod.Post, "{TEAM}/oauth2/token") {{ Content = new StringContent(body) }};
        """, "token.go": f"""
        package celonis

        const tokenURL = "{TEAM}/oauth2/token"

        func Token() {{
        \tform := url.Values{{
        \t\t"grant_type": {{"client_credentials"}},
        \t\t"scope":      {{strings.Join([]string{{"studio.packages", "integration.data-pools"}}, " ")}},
        \t}}
        \thttp.PostForm(tokenURL, form)
        }}
        """, "Factory.cs": f"""
        static ClientCredentialsTokenRequest Create(string id) => new ClientCredentialsTokenRequest {{
            Address = "{TEAM}/oauth2/token", ClientId = id, Scope = string.Join(" ", "studio.packages", "integration.data-pools") }};
        """, "TokenForm.java": f"""
        class TokenForm {{
            static final String TOKEN_URL = "{TEAM}/oauth2/token";
            String body() {{ return "grant_type=client_credentials&scope=" + String.join("%20", "studio.packages", "package-manager"); }}
        }}
        """})
    assert _found(report) == [("CelonisToken.cs", "SL002", 1, 75), ("CelonisToken.java", "SL003", 5, 50),
                              ("Factory.cs", "SL003", 2, 104), ("TokenForm.java", "SL003", 3, 89),
                              ("token.go", "SL003", 8, 41)]


@pytest.mark.parametrize("path, text", [
    pytest.param("GoogleLogin.java", """
        class GoogleLogin {
            static String authUrl(String clientId) {
                return "https://accounts.google.com/o/oauth2/v2/auth?client_id=" + clientId + "&response_type=code"
                        + "&scope=" + URLEncoder.encode("email profile studio", StandardCharsets.UTF_8);
            }
        }
        """, id="google-login-url-encoded"),
    pytest.param("github.go", """
        func StartDevice(clientID string) {
        \tscopes := []string{"read:user", "read:org", "repo"}
        \tform := url.Values{"client_id": {clientID}, "grant_type": {"client_credentials"}, "scope": {strings.Join(scopes, " ")}}
        \thttp.PostForm("https://github.com/login/oauth/access_token", form)
        }
        """, id="github-joined"),
    pytest.param("Joined.cs", f"""
        var request = new ClientCredentialsTokenRequest {{
            Address = "{TEAM}/oauth2/token", Scope = string.Join(",", Settings.Scopes) }};
        """, id="joined-on-a-comma-from-a-setting-not-known"),
])
def test_encoded_or_joined_scopes_of_another_provider_or_not_known_stay_silent(lint_tree, path, text):
    assert _found(lint_tree({path: text})) == []


def test_a_scope_setting_the_code_splits_into_a_list_is_a_list_not_a_malformed_string(lint_tree):
    """A comma-separated setting split before use (``strings.Split(SCOPES, ",")``, ``SCOPES.split(",")``,
    C#'s ``Split(',')``, JavaScript's ``.split(",")``) is sent as the list of its items. The same string
    sent as it is stays one malformed scope (SL002)."""
    report = lint_tree({"split/client.go": f"""
        package celonis

        const celonisScopes = "studio,integration.data-pools"

        func Client(ctx context.Context) *http.Client {{
        \tcfg := clientcredentials.Config{{TokenURL: "{TEAM}/oauth2/token", Scopes: strings.Split(celonisScopes, ",")}}
        \treturn cfg.Client(ctx)
        }}
        """, "split/Registration.java": f"""
        class Registration {{
            private static final String CELONIS_SCOPES = "studio,integration.data-pools";
            ClientRegistration registration() {{
                return ClientRegistration.withRegistrationId("celonis").tokenUri("{TEAM}/oauth2/token")
                        .scope(CELONIS_SCOPES.split(",")).build();
            }}
        }}
        """, "split/Options.cs": """
        public static class CelonisOptions {
            public const string CelonisScopes = "studio;integration.data-pools";
            public static string[] Scopes => CelonisScopes.Split(';');
        }
        """, "split/token.js": f"""
        const {{ ClientCredentials }} = require("simple-oauth2");
        const CELONIS_SCOPES = "studio,integration.data-pools";
        const client = new ClientCredentials({{ client: {{ id: "r", secret: process.env.S }},
          auth: {{ tokenHost: "{TEAM}", tokenPath: "/oauth2/token" }} }});
        module.exports = () => client.getToken({{ scope: CELONIS_SCOPES.split(",") }});
        """, "sent/params.go": f"""
        package celonis

        const celonisScopes = "studio,integration.data-pools"

        var cfg = clientcredentials.Config{{TokenURL: "{TEAM}/oauth2/token", EndpointParams: url.Values{{"scope": {{celonisScopes}}}}}}
        """, "sent/token.js": f"""
        const {{ ClientCredentials }} = require("simple-oauth2");
        const CELONIS_SCOPES = "studio,integration.data-pools";
        const client = new ClientCredentials({{ client: {{ id: "r", secret: process.env.S }},
          auth: {{ tokenHost: "{TEAM}", tokenPath: "/oauth2/token" }} }});
        module.exports = () => client.getToken({{ scope: CELONIS_SCOPES }});
        """})
    assert _found(report) == [("sent/params.go", "SL002", 3, 24), ("sent/token.js", "SL002", 2, 25)]
    go = extract("internal/client.go", f"""
        const celonisScopes = "studio,integration.data-pools"
        var cfg = clientcredentials.Config{{TokenURL: "{TEAM}/oauth2/token", Scopes: strings.Split(celonisScopes, ",")}}
        """, java)
    (req,) = go.token_requests
    assert [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [("studio", 1, 24), ("integration.data-pools", 1, 31)]


def test_a_map_of_arguments_by_turns_is_the_form_it_makes():
    """``Map.of("grant_type", ..., "scope", ...)``: keys and values by turns. A value not read leaves the
    form's scope unknown; a form with no ``scope`` key sends none."""
    f = extract("CelonisTokenClient.java", f"""
        class CelonisTokenClient {{
            private static final String TOKEN_URL = "{TEAM}/oauth2/token";
            Map<String, String> form(String id) {{
                return Map.of("grant_type", "client_credentials", "client_id", id, "scope", "studio integration.data-pools");
            }}
            Map<String, String> bare() {{ return Map.of("grant_type", "client_credentials", "client_id", id); }}
            Map<String, String> unread() {{ return Map.of("grant_type", "client_credentials", "scope", a ? b : c); }}
        }}
        """, java)
    assert [(r.loc.line, None if r.scopes is None else [s.name for s in r.scopes.refs], r.grant_type.value)
            for r in f.token_requests] == [(4, ["studio", "integration.data-pools"], "client_credentials"),
                                           (6, [], "client_credentials"), (7, None, "client_credentials")]


def test_a_csharp_anonymous_object_with_a_grant_type_is_a_token_request(lint_tree):
    report = lint_tree({"CelonisAuth.cs": f"""
        public class CelonisAuth {{
            private const string TokenUrl = "{TEAM}/oauth2/token";
            public Task<HttpResponseMessage> RequestToken(string id, string secret) =>
                _http.PostAsJsonAsync(TokenUrl, new {{ grant_type = "password", client_id = id, client_secret = secret,
                    scope = "studio.packages" }});
        }}
        """, "Auth0Token.cs": """
        public class Auth0Token {
            public Task<HttpResponseMessage> RequestToken(string id, string secret) =>
                _http.PostAsJsonAsync("https://quickquotes.eu.auth0.com/oauth/token", new { grant_type = "password",
                    client_id = id, client_secret = secret, audience = "urn:auth0-authz-api", scope = "read:users studio" });
        }
        """})
    assert _found(report) == [("CelonisAuth.cs", "SL003", 5, 22), ("CelonisAuth.cs", "SL010", 4, 61)]


def test_go_oauth2_config_and_identitymodel_requests_send_the_grant_their_use_names():
    """Go's ``oauth2.Config`` holds its token URL in the endpoint it is given and sends the grant of the
    method called on it (``PasswordCredentialsToken``: password; ``Exchange``: a code exchange);
    IdentityModel's request class names its grant (``PasswordTokenRequest``)."""
    f = extract("internal/login.go", f"""
        package login

        func password(ctx context.Context) (*oauth2.Token, error) {{
        \tconf := &oauth2.Config{{
        \t\tClientID: os.Getenv("CELONIS_CLIENT_ID"),
        \t\tScopes:   []string{{"studio"}},
        \t\tEndpoint: oauth2.Endpoint{{TokenURL: "{TEAM}/oauth2/token"}},
        \t}}
        \treturn conf.PasswordCredentialsToken(ctx, os.Getenv("USER"), os.Getenv("PASS"))
        }}

        func callback(ctx context.Context, code string) (*oauth2.Token, error) {{
        \tweb := oauth2.Config{{
        \t\tScopes:   []string{{"studio"}},
        \t\tEndpoint: oauth2.Endpoint{{AuthURL: "{TEAM}/oauth2/authorize", TokenURL: "{TEAM}/oauth2/token"}},
        \t}}
        \treturn web.Exchange(ctx, code)
        }}
        """, java)
    assert [(r.loc.line, r.url, [s.name for s in r.scopes.refs], r.grant_type.value if r.grant_type else None)
            for r in f.token_requests] == [(4, f"{TEAM}/oauth2/token", ["studio"], "password"),
                                           (13, f"{TEAM}/oauth2/token", ["studio"], "authorization_code")]
    g = extract("Celonis/Login.cs", f"""
        var password = await http.RequestPasswordTokenAsync(new PasswordTokenRequest {{
            Address = "{TEAM}/oauth2/token", ClientId = id, Scope = "studio", UserName = user, Password = pass }});
        var client = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest {{
            Address = "{TEAM}/oauth2/token", ClientId = id, Scope = "studio" }});
        """, java)
    assert [(r.loc.line, r.grant_type.value) for r in g.token_requests] == [(1, "password"), (3, "client_credentials")]


def test_a_password_grant_of_a_library_to_celonis_is_sl010_and_to_another_provider_silent(lint_tree):
    report = lint_tree({"internal/login.go": f"""
        package login

        var celonis = &oauth2.Config{{Scopes: []string{{"studio"}}, Endpoint: oauth2.Endpoint{{TokenURL: "{TEAM}/oauth2/token"}}}}
        var entra = &oauth2.Config{{Scopes: []string{{"User.Read"}},
        \tEndpoint: oauth2.Endpoint{{TokenURL: "https://login.microsoftonline.com/common/oauth2/v2.0/token"}}}}
        var google = &oauth2.Config{{Scopes: []string{{"openid"}}, Endpoint: google.Endpoint}}

        func tokens(ctx context.Context) {{
        \tcelonis.PasswordCredentialsToken(ctx, "u", os.Getenv("P"))
        \tentra.PasswordCredentialsToken(ctx, "u", os.Getenv("P"))
        \tgoogle.PasswordCredentialsToken(ctx, "u", os.Getenv("P"))
        }}
        """, "Keycloak.cs": """
        var t = await http.RequestPasswordTokenAsync(new PasswordTokenRequest {
            Address = "https://sso.acme.io/realms/acme/protocol/openid-connect/token", Scope = "openid", UserName = u, Password = p });
        """})
    assert [(f.code, f.loc.path, f.loc.line, f.message) for f in report.findings] == [
        ("SL010", "internal/login.go", 3, "token request uses grant type 'password', which Celonis does not support")]


@pytest.mark.parametrize("path, text", [
    pytest.param("auth/google.go", """
        func conf() *oauth2.Config {
        \treturn &oauth2.Config{
        \t\tClientSecret: os.Getenv("GOOGLE_CLIENT_SECRET"),
        \t\tScopes:       []string{"https://www.googleapis.com/auth/drive.readonly", "openid", "profile"},
        \t\tEndpoint:     google.Endpoint,
        \t}
        }
        """, id="go-google-config"),
    pytest.param("auth/okta.go", """
        var cfg = clientcredentials.Config{
        \tClientSecret: "<client-secret>",
        \tTokenURL:     "https://dev-123456.okta.com/oauth2/default/v1/token",
        \tScopes:       []string{"okta.users.read", "studio"},
        }
        """, id="go-okta-placeholder"),
    pytest.param("auth/auth_test.go", """
        func TestScopes(t *testing.T) {
        \tif c.Scopes[1] != "openid" {
        \t\tt.Fatalf("scope = %q", c.Scopes[1])
        \t}
        }
        """, id="go-test-assertion"),
    pytest.param("Graph.cs", """
        var app = ConfidentialClientApplicationBuilder.Create(id)
            .WithClientSecret(Environment.GetEnvironmentVariable("AZURE_CLIENT_SECRET"))
            .Build();
        var result = await app.AcquireTokenForClient(new[] { "https://graph.microsoft.com/.default" }).ExecuteAsync();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", result.AccessToken);
        await http.GetAsync("https://graph.microsoft.com/v1.0/users");
        """, id="csharp-msal"),
])
def test_go_and_csharp_lookalikes_stay_silent(path, text):
    f = extract(path, text, java)
    assert (f.scope_vars, f.secrets, f.auth_headers, f.token_requests, f.api_calls) == ([], [], [], [], [])


# --- the prefilter: a file without any marker is never parsed

@pytest.mark.parametrize("module", [spring, appconfig, ci_steps, connector, mcp, java])
def test_every_new_extractor_declares_markers(module):
    assert kind_of(module).markers and all(m == m.lower() and isinstance(m, bytes) for m in kind_of(module).markers)


def test_files_without_markers_are_never_parsed(tmp_path, monkeypatch):
    calls = []
    for module in (spring, appconfig, ci_steps, connector, mcp, java):
        monkeypatch.setattr(module, "extract", lambda src, facts, m=module: calls.append(kind_of(m).name))
    for name, text in {"application.yml": "server:\n  port: 8080\n", "values.yaml": "replicaCount: 1\n",
                       ".cursor/mcp.json": '{"mcpServers": {}}\n', "Main.java": "class Main {}\n",
                       "conf/app.ini": "[db]\nhost = x\n"}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        assert for_path(name)
        reading.read(Entry(name, str(path), False, path.stat().st_size), shipped())
    assert calls == []


def test_spring_authorization_code_gets_springs_default_redirect_uri():
    f = extract("application.yml", f"""
        spring.security.oauth2.client.registration.celonis:
          authorization-grant-type: authorization_code
          scope: studio
        spring.security.oauth2.client.provider.celonis.token-uri: {TEAM}/oauth2/token
        """, spring)
    (client,) = f.clients
    assert [(r.value, r.loc.line) for r in client.redirect_uris] == [("{baseUrl}/login/oauth2/code/{registrationId}", 2)]


def test_the_java_lexer_shortcuts_agree_with_its_patterns():
    """The Java lexer skips white space where ``str.isspace`` says so, takes an ASCII character no
    name starts with as punctuation at once, and one that starts nothing longer as a token of its
    own before any other test: each must be what its patterns and branches would say."""
    from scopelint.extractors.java import lexer

    for code in range(0x10000):
        c = chr(code)
        assert c.isspace() == bool(lexer._WS.match(c)), hex(code)
    for code in range(128):
        c = chr(code)
        assert (c in lexer._PUNCT_ASCII) == (not lexer._ID.match(c)), c
        starts_more = c.isspace() or c.isdigit() or c in "/\"'`@$"  # a comment, a string, a character, a number
        assert (c in lexer._PLAIN) == (c in lexer._PUNCT_ASCII and not starts_more), c
    marks = "~!#%^&*()-=[]{}|;:<>?,.\\"
    text = 'x.y(a, "s") /* c */ + 1.5 // d\n@"v" $"{z}" `r` \'q\' ' + marks
    for dialect in ("java", "kotlin", "go", "csharp"):
        toks, comments = lexer.tokenize(text, dialect)
        assert all(t.text == text[t.start:t.end] for t in toks if t.kind != "str"), dialect
        assert [t.text for t in toks if t.start >= text.index(marks)] == list(marks), dialect
        assert [t.text for t in toks if t.kind == "id"][:3] == ["x", "y", "a"] and len(comments) == 2, dialect


_KEY_TEXT = st.lists(st.sampled_from(['a', 'b', '"', "'", '=', ':', ']', '.', '-', '_', ' ', '\n', 'ab', '"a"', "'b'", 'é', '1']),
                     max_size=14).map("".join)


@settings(max_examples=500, deadline=None)
@given(_KEY_TEXT, st.sampled_from(["a", "b", "ab", "a.b", "a-b"]), st.integers(0, 20))
def test_a_key_is_found_where_the_key_pattern_finds_it(text, key, pos):
    """TOML and JSON keys are located by plain searches (a pattern compiled for every key took most
    of the time on a file of many keys); they find what the pattern finds."""
    import re

    from scopelint.located import _key_at

    pos = min(pos, len(text))
    m = re.compile(r"(?<![\w.-])(?:\"%s\"|'%s'|%s)\s*[=:\]]" % ((re.escape(key),) * 3)).search(text, pos)
    assert _key_at(text, key, pos) == (m.start() if m else -1)


@settings(max_examples=1000, deadline=None)
@given(st.text(st.sampled_from(['a', '1', ' ', '"', "'", '\\', '/', '\n', '\t', '\x7f', 'é', '\u2028', '💡']), max_size=8))
def test_a_string_value_is_searched_in_every_form_it_may_be_written_in(value):
    """A value with nothing to escape is quoted once for both JSON forms; any other keeps both."""
    import json

    from scopelint.located import _written_forms

    expected = {json.dumps(value, ensure_ascii=False), json.dumps(value), f"'{value}'", f'"""{value}', f"'''{value}"}
    assert set(_written_forms(value)) == expected


def test_a_key_past_the_first_kilobytes_is_still_found():
    from scopelint.located import _key_at

    text = "# " + "filler " * 1_000 + "\nname = 1\n"
    assert _key_at(text, "name", 0) == text.index("name =")
    assert _key_at(text, "missing", 0) == -1


@pytest.mark.parametrize("text, where", [
    pytest.param("key: &anc value\n", (1, 11, 1, 16), id="anchor"),
    pytest.param("key: &anc !!str  value\n", (1, 18, 1, 23), id="anchor-and-tag"),
    pytest.param('key: !t &a2 "quoted"\n', (1, 14, 1, 20), id="tag-and-anchor-quoted"),
    pytest.param("key: &a3\n  on the next line\n", (2, 3, 2, 19), id="anchor-alone-on-its-line"),
    pytest.param("key: plain\n", (1, 6, 1, 11), id="no-properties"),
    pytest.param("key: &pools # shared by the nightly jobs\n  value\n", (2, 3, 2, 8), id="anchor-then-a-comment"),
    pytest.param("key: &pools\n  # shared by the nightly jobs\n  value\n", (3, 3, 3, 8), id="anchor-then-a-comment-line"),
])
def test_a_yaml_value_written_after_an_anchor_or_tag_is_located_where_it_starts(text, where):
    """The composer's mark starts at the anchor: a secret or a step's command was placed on ``&name``."""
    from scopelint import located

    node = located.from_yaml(text, "x.yml").value["key"]
    assert (node.loc.line, node.loc.col, node.loc.end_line, node.loc.end_col) == where


def test_an_anchored_command_shared_by_steps_is_read_as_written():
    f = extract(".gitlab-ci.yml", ".setup: &setup 'curl -H \"Authorization: AppKey $KEY\" \"$CELONIS_URL/integration/api/pools\"'\n"
                "push:\n  script:\n    - *setup\n    - echo done\n", ci_steps, dedent=False)
    assert [(c.path, c.loc.line, c.loc.col) for c in f.api_calls] == [("/integration/api/pools", 1, 67)]
    assert [(h.kind, h.loc.line, h.loc.col) for h in f.auth_headers] == [("AppKey", 1, 41)]


def test_a_double_quoted_step_with_escaped_quotes_is_read_in_its_columns():
    """``- "curl -H \\"Authorization: AppKey ...\\" https://..."``: each ``\\"`` is a quote, and what the
    step holds stays in the columns it is written in (the secret's place is where it is masked)."""
    key = "wM0ePoYdF7BAZBQhKKtmETg4bV3F0qdcmMWX"
    text = ('pools:\n  script:\n'
            f'    - "curl -sf -H \\"Authorization: AppKey {key}\\" https://acme.eu-1.celonis.cloud/integration/api/pools"\n'
            '    - "printf \\"a\\nb\\""\n')
    f = extract(".gitlab-ci.yml", text, ci_steps, dedent=False)
    line = text.splitlines()[2]
    assert [(h.kind, h.loc.line, h.loc.col) for h in f.auth_headers] == [("AppKey", 3, line.index("AppKey") + 1)]
    assert [(s.loc.line, s.loc.col, s.loc.end_col) for s in f.secrets] == [
        (3, line.index(key) + 1, line.index(key) + 1 + len(key))]
    assert [(c.path, c.loc.line) for c in f.api_calls] == [("/integration/api/pools", 3)]


SECRET_LATIN1 = "Zq8vR2mN7xT4kP9wL3sB6yH1cF5gJ0dA"


@pytest.mark.parametrize("name, text, want", [
    pytest.param("config/app.properties", f"# Café Müller connector\ncelonis.oauth.client-secret={SECRET_LATIN1}\n",
                 [("secret", 2, 29)], id="properties-are-iso-8859-1"),
    pytest.param("etl/push.py", "# -*- coding: latin-1 -*-\n# Überweisungen\nimport requests\n"
                 f"r = requests.post('https://acme.eu-1.celonis.cloud/oauth2/token', auth=('id', '{SECRET_LATIN1}'))\n",
                 [("secret", 4, 80)], id="python-declares-its-encoding"),
    pytest.param("etl/push2.py", "# Überweisungen\nimport requests\n"
                 f"r = requests.post('https://acme.eu-1.celonis.cloud/oauth2/token', auth=('id', '{SECRET_LATIN1}'))\n",
                 [("secret", 3, 80), ("skipped", 1, 1)], id="python-without-a-declaration"),
    pytest.param("deploy/values.yaml", f"# Café\ncelonis:\n  clientSecret: {SECRET_LATIN1}\n",
                 [("secret", 3, 17), ("skipped", 1, 1)], id="yaml-is-utf-8"),
])
def test_text_in_the_encoding_its_kind_or_declaration_gives(tmp_path, name, text, want):
    """Not UTF-8: Java's ``.properties`` files are ISO-8859-1, and a Python file may declare its
    encoding (PEP 263); other files are read with each byte that is not UTF-8 replaced where it stands
    (the rest of an ANSI-saved file is what it says), and a note says which byte is the first."""
    path = tmp_path / name
    path.parent.mkdir(parents=True)
    path.write_bytes(text.encode("latin-1"))
    f = reading.read(Entry(name, str(path), False, path.stat().st_size), shipped())
    found = [("secret", s.loc.line, s.loc.col) for s in f.secrets] + [(p.kind, p.loc.line, p.loc.col) for p in f.problems]
    assert found == want


@pytest.mark.parametrize("call, want", [
    pytest.param('oauthClient.setSecret("c352e8a1f7b94d06a5c3b2e1d9f8a7b6");', [("client secret", "setSecret", 3)],
                 id="a-setter"),
    # a receiver named for another service: that service's, in a file that does not talk to Celonis
    pytest.param('facebookClient.setSecret("c352e8a1f7b94d06a5c3b2e1d9f8a7b6");', [], id="another-services-client"),
    pytest.param('clients.inMemory().withClient("etl").secret("9Kq2Lm7Xv4Rt8Wz1Nc6Hb3Jd5Fs0Gy2P");',
                 [("client secret", "secret", 3)], id="a-builder"),
    pytest.param('facebookClient.setSecret("your_secret");', [], id="a-placeholder"),
    pytest.param('facebookClient.setSecret(System.getenv("FB_SECRET"));', [], id="read-from-the-environment"),
    pytest.param('String secret = "c352e8a1f7b94d06a5c3b2e1d9f8a7b6";', [], id="a-bare-secret-variable-says-too-little"),
])
def test_an_oauth_clients_secret_setter_or_builder(call, want):
    """pac4j's ``setSecret`` and Spring's ``.secret(...)`` set a client's secret."""
    f = extract("src/test/java/RunFacebookClient.java", f"""
        class RunFacebookClient {{
          void run() {{
            {call}
          }}
        }}
        """, java)
    assert [(s.kind, s.name, s.loc.line) for s in f.secrets] == want


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be", "utf-16"])
def test_text_wider_than_a_byte_is_read_by_its_byte_order_mark(tmp_path, encoding):
    """UTF-32's little-endian mark starts with UTF-16's: it was read as UTF-16 and found nothing,
    without a note."""
    text = f"CELONIS_URL=https://acme.eu-1.celonis.cloud\nOAUTH_CLIENT_SECRET={SECRET_LATIN1}\n"
    data = text.encode(encoding)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        data = ("\ufeff" + text).encode(encoding)  # the big-endian codecs write no mark of their own
    path = tmp_path / ".env"
    path.write_bytes(data)
    f = reading.read(Entry(".env", str(path), False, len(data)), shipped())
    assert [(s.kind, s.loc.line, s.loc.col) for s in f.secrets] == [("client secret", 2, 21)]
    assert f.problems == []


def test_go_sprintf_url_is_the_call_it_makes():
    f = extract("push/push.go", f"""
        package push

        const baseURL = "{TEAM}"

        func CreateJob(poolID string) (*http.Response, error) {{
        \turl := fmt.Sprintf("%s/integration/api/v1/data-push/%s/jobs/", baseURL, poolID)
        \treturn http.Post(url, "application/json", nil)
        }}

        func Report(name string) string {{
        \treturn fmt.Sprintf("%s/reports/%s", os.Getenv("REPORT_HOST"), name)
        }}
        """, java)
    # the format string's base is the Celonis constant: a Data Push call; another base is nobody's API
    assert [(c.path, c.loc.line) for c in f.api_calls] == [("/integration/api/v1/data-push/{x}/jobs/", 6)]


# --- Terraform

def test_terraform_variables_defaults_locals_and_tfvars():
    tf = extract("infra/variables.tf", """
        variable "celonis_team_url" {
          type    = string
          default = "http://acme.eu-1.celonis.cloud"
        }

        variable "celonis_scope" {
          description = "OAuth scopes for the Celonis client"
          default     = "studio.widgets integration.data-pools"
        }

        locals {
          token_url = "${var.celonis_team_url}/oauth2/token"
          tags = {
            team = "data"
          }
        }

        resource "okta_auth_server_scope" "read" {
          name    = "studio.widgets"
          consent = "IMPLICIT"
        }

        variable "script" {
          default = <<EOT
        client_secret = "Zk29fj3LQm8XwP4tR7vN2bYhQ1sD5gH8"
        EOT
        }
        """, terraform)
    # a variable's default is the variable's value; another provider's scope name is no scope list
    assert scope_var_rows(tf) == [("studio.widgets", 8, 18, 32), ("integration.data-pools", 8, 33, 55)]
    assert [(i.kind, i.loc.line, i.loc.col) for i in tf.insecure] == [("http-url", 3, 14)]
    assert tf.secrets == []  # a heredoc is text, not settings
    tfvars = extract("env/prod.tfvars", f"""
        celonis_team_url      = "https://acme.eu-1.celonis.cloud"
        celonis_client_secret = "{SECRET}"
        celonis_client_id     = "etl-prod"
        """, terraform)
    assert secrets(tfvars) == [("client secret", "celonis_client_secret", 2, 26, 26 + len(SECRET))]


def test_terraform_quoted_keys_and_maps_written_on_one_line_are_settings(lint_tree):
    # azurerm's app_settings quote their keys (``"KEY" = "v"``, also ``"KEY" : "v"``); a Lambda's
    # ``variables = { A = "x", B = "y" }`` sits on one line: each is the setting its key names
    text = (
        'resource "azurerm_linux_function_app" "sync" {\n'
        '  app_settings = {\n'
        '    "CELONIS_TOKEN_URL"     = "http://acme.eu-1.celonis.cloud/oauth2/token"\n'
        f'    "CELONIS_CLIENT_SECRET" : "{SECRET}"\n'
        '    "CELONIS_SCOPE"         = "integration.datapools"\n'
        '  }\n'
        '}\n'
        'resource "aws_lambda_function" "sync" {\n'
        '  environment {\n'
        f'    variables = {{ CELONIS_URL = var.url, "CELONIS_CLIENT_SECRET" = "{SECRET}", RETRIES = 3 }}\n'
        '  }\n'
        '}\n')
    found = lint_tree({"infra/main.tf": text}).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == [
        ("SL014", 3, 32), ("SL012", 4, 32), ("SL001", 5, 32), ("SL012", 10, 69)]
    assert "'CELONIS_CLIENT_SECRET'" in found[1].message and SECRET not in found[1].message
    # the same shapes holding references, a template, another service's names, or text with marks in it
    quiet = (
        'resource "azurerm_linux_function_app" "sync" {\n'
        '  app_settings = {\n'
        '    "AZURE_CLIENT_SECRET" : var.azure_client_secret,\n'
        '    "CELONIS_CLIENT_SECRET" = "${var.celonis_client_secret}"\n'
        '  }\n'
        '  tags = { Name = "celonis {prod} = \\"x\\"", owner = "data" }\n'
        '  environment { variables = { CELONIS_CLIENT_SECRET = data.vault_generic_secret.c.data["v"] } }\n'
        '}\n')
    assert lint_tree({"infra/main.tf": quiet}).findings == []


def test_terragrunt_inputs_are_settings(lint_tree):
    # Terragrunt passes a module's variables as ``inputs = {...}`` in terragrunt.hcl; references stay unknown
    found = lint_tree({"live/prod/push/terragrunt.hcl": (
        'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n\n'
        'terraform {\n  source = "git::https://github.com/acme/modules.git//celonis-push?ref=v1.2.0"\n}\n\n'
        'inputs = {\n  celonis_team_url      = "https://acme.eu-1.celonis.cloud"\n'
        f'  celonis_client_secret = "{SECRET}"\n  celonis_scope         = "studio,integration.data-pools"\n'
        '  other_secret          = dependency.secrets.outputs.client_secret\n}\n'),
        "live/staging/push/terragrunt.hcl": 'inputs = {\n  celonis_client_id = get_env("CELONIS_CLIENT_ID", "")\n'
        '  celonis_scope     = "integration.data-pools:data_push"\n}\n'}).findings
    assert sorted((f.loc.path, f.code, f.loc.line, f.loc.col) for f in found) == [
        ("live/prod/push/terragrunt.hcl", "SL002", 12, 28), ("live/prod/push/terragrunt.hcl", "SL012", 11, 28)]


def test_terraform_of_another_provider_stays_silent():
    f = extract("infra/okta.tf", """
        resource "okta_app_oauth" "etl" {
          label       = "etl"
          type        = "service"
          grant_types = ["client_credentials"]
        }
        resource "okta_auth_server_scope" "scope" {
          name = "integration.data-pools"
        }
        """, terraform)
    assert f.scope_vars == [] and f.secrets == [] and f.insecure == []


GATEWAY_TF = """
resource "aws_bedrockagentcore_gateway_target" "celonis_mcp" {
  name = "celonis-mcp"
  credential_provider_configuration {
    oauth {
      provider_arn = aws_bedrockagentcore_oauth2_credential_provider.%s.credential_provider_arn
      scopes = [
        "mcp-asset.tools:execute",  # the MCP server's tools
        "studio.packages",
      ]
    }
  }
}
"""
PROVIDER_TF = """
resource "aws_bedrockagentcore_oauth2_credential_provider" "%s" {
  name = "%s"
  oauth2_provider_config {
    custom_oauth2_provider_config {
      oauth_discovery {
        discovery_url = "%s"
      }
      client_id = var.client_id
    }
  }
}
"""


def test_terraform_scopes_of_a_resource_that_names_a_celonis_oauth_provider(lint_tree):
    """An AgentCore gateway target's ``scopes`` are a token request where the credential provider it
    names, in this file or another of the module's folder, holds a Celonis token or discovery URL."""
    celonis = PROVIDER_TF % ("celonis", "celonis", "https://acme.eu-1.celonis.cloud/.well-known/openid-configuration")
    okta = PROVIDER_TF % ("okta", "okta", "https://dev-1.okta.com/oauth2/default/.well-known/openid-configuration")
    one_file = extract("infra/agent.tf", GATEWAY_TF % "celonis" + celonis, terraform)
    (req,) = one_file.token_requests
    assert req.url == "https://acme.eu-1.celonis.cloud/oauth2/token"
    assert [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [
        ("mcp-asset.tools:execute", 7, 10), ("studio.packages", 8, 10)]
    result = lint_tree({"infra/gateway.tf": GATEWAY_TF % "celonis", "infra/providers.tf": celonis + okta,
                        "other/gateway.tf": GATEWAY_TF % "okta", "other/providers.tf": okta})
    assert [(f.code, f.loc.path, f.loc.line, f.loc.col) for f in result.findings] == [
        ("SL003", "infra/gateway.tf", 8, 10)]


def test_terraform_scopes_left_unknown_or_of_nobody():
    f = extract("infra/main.tf", """
        resource "aws_bedrockagentcore_oauth2_credential_provider" "celonis" {
          token_endpoint = "https://acme.eu-1.celonis.cloud/oauth2/token"
          scopes         = var.celonis_scopes
          default_scopes = ["studio", local.extra]
        }
        resource "google_container_node_pool" "np" {
          oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]
        }
        """, terraform)
    # an expression is no list; a list with an item not written out is one of unknown scopes
    assert [(r.url, r.scopes) for r in f.token_requests] == [("https://acme.eu-1.celonis.cloud/oauth2/token", None)]


def test_terraform_a_map_beside_a_celonis_token_url_is_that_clients(lint_tree):
    # locals { celonis = { token_url, scope } }: the map configures a Celonis client, whatever it is called;
    # the same map for another provider, and another map of the same block, stay silent
    text = """\
locals {
  sync = {
    base_url  = "https://acme.eu-1.celonis.cloud"
    token_url = "https://acme.eu-1.celonis.cloud/oauth2/token"
    scope     = "studio integration.data-pools:data-push"
  }
  okta = {
    token_url = "https://acme.okta.com/oauth2/default/v1/token"
    scope     = "okta.users.read studio.spaces"
  }
  other = {
    scope = "studio.spaces"
  }
}
"""
    assert [(f.code, f.loc.line, f.loc.col) for f in lint_tree({"infra/locals.tf": text}).findings] == [("SL003", 5, 25)]


def test_terraform_a_scope_string_of_a_resource_with_a_celonis_token_url(lint_tree):
    text = """resource "restapi_object" "celonis_client" {
  token_url = "https://acme.eu-1.celonis.cloud/oauth2/token"
  scope     = "studio,integration.data-pools"
}
resource "restapi_object" "okta_client" {
  token_url = "https://dev-1.okta.com/oauth2/default/v1/token"
  scope     = "crm.read,crm.write"
}
"""
    (req,) = extract("infra/main.tf", text, terraform, dedent=False).token_requests
    assert [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [("studio", 3, 16), ("integration.data-pools", 3, 23)]
    # one finding where the scopes are written: the request's, not a scope variable's as well
    assert [(f.code, f.loc.line, f.loc.col) for f in lint_tree({"infra/main.tf": text}).findings] == [("SL002", 3, 16)]


GENERIC_TOKEN_REQUEST = """using IdentityModel.Client;

public class Tokens
{
    async Task<TokenResponse> Custom(HttpClient client, string grantType) =>
        await client.RequestTokenAsync(new TokenRequest
        {
            Address = "%s",
            GrantType = grantType,
            ClientId = "client.custom",
            Parameters =
            {
                { "scope", "studio integration.datapools" },
            }
        });

    async Task<TokenResponse> Password(HttpClient client) =>
        await client.RequestTokenAsync(new TokenRequest
        {
            Address = "%s",
            GrantType = "password",
            Parameters = { { "scope", "Studio" } }
        });
}
"""


def test_csharp_identitymodel_generic_token_request_its_parameters_scope_and_grant(lint_tree):
    # RequestTokenAsync(new TokenRequest { GrantType, Parameters = { { "scope", ... } } }): the request's
    # scope is its parameter's, its grant its own GrantType (one passed in is not known)
    celonis = GENERIC_TOKEN_REQUEST % (("https://acme.eu-1.celonis.cloud/oauth2/token",) * 2)
    found = lint_tree({"src/Tokens.cs": celonis}).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == [("SL001", 13, 36), ("SL010", 18, 44), ("SL002", 22, 40)]
    # another provider's token endpoint: its scopes and its password grant are its own
    other = GENERIC_TOKEN_REQUEST % (("https://login.microsoftonline.com/acme/oauth2/v2.0/token",) * 2)
    assert lint_tree({"src/Tokens.cs": other}).findings == []


def test_csharp_identitymodel_address_from_a_discovery_document():
    code = """
        var http = new HttpClient();
        var disco = await http.GetDiscoveryDocumentAsync("{base}");
        var token = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {{
            Address = disco.TokenEndpoint,
            ClientId = Environment.GetEnvironmentVariable("CLIENT_ID"),
            Scope = "{scope}"
        }});
        """
    (req,) = extract("src/Program.cs", code.format(base=TEAM, scope="package-manager"), java).token_requests
    # discovery on a Celonis team: its token endpoint
    assert (req.url, req.loc.line, [r.name for r in req.scopes.refs]) == (f"{TEAM}/oauth2/token", 3, ["package-manager"])
    # discovery on another provider: not Celonis's, whatever the scopes are called
    other = extract("src/Program.cs", code.format(base="https://localhost:5001", scope="api1"), java)
    assert other.token_requests == [] and other.scope_vars == []


@pytest.mark.parametrize("pairs", [
    '{ "grant_type", "client_credentials" }, { "scope", "%s" }, { "client_id", id }',
    'new KeyValuePair<string, string>("grant_type", "client_credentials"), new KeyValuePair<string, string>("scope", "%s")',
])
def test_csharp_form_of_key_value_pairs(pairs):
    code = """
        class Push {
            static readonly string Token = "%s";
            async Task<string> TokenAsync(string id) {
                var form = new FormUrlEncodedContent(new Dictionary<string, string> {
                    PAIRS
                });
                return await (await Http.PostAsync(Token, form)).Content.ReadAsStringAsync();
            }
        }
        """.replace("PAIRS", pairs)
    (req,) = extract("src/Push.cs", code % (f"{TEAM}/oauth2/token", "studio.spaces"), java).token_requests
    assert (req.url, req.loc.line, [(r.name, r.loc.line) for r in req.scopes.refs]) == (
        f"{TEAM}/oauth2/token", 5, [("studio.spaces", 5)])
    # Entra's v1 token endpoint, scopes of the catalog's spelling: that provider's
    entra = extract("src/Graph.cs", code % ("https://login.microsoftonline.com/contoso/oauth2/token", "audit.log:read"), java)
    assert entra.token_requests == [] and entra.scope_vars == []


BASE_ADDRESS = """
    class CelonisAuth {
        static readonly HttpClient Http = new HttpClient { BaseAddress = new Uri("BASE") };
        async Task<string> TokenAsync() {
            var form = new FormUrlEncodedContent(new Dictionary<string, string> {
                { "grant_type", "client_credentials" }, { "scope", "studio.spaces" } });
            return await (await Http.PostAsync("PATH", form)).Content.ReadAsStringAsync();
        }
    }
    """


def test_a_relative_token_path_on_the_files_one_celonis_base_address():
    (req,) = extract("src/CelonisAuth.cs", BASE_ADDRESS.replace("BASE", TEAM + "/").replace("PATH", "oauth2/token"),
                     java).token_requests
    assert (req.url, [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs]) == (
        f"{TEAM}/oauth2/token", [("studio.spaces", 5, 65)])
    # Spring's WebClient with its base URL, the path where the request is built
    spring = extract("src/Push.java", f"""
        class Push {{
            WebClient web = WebClient.builder().baseUrl("{TEAM}").build();
            Mono<String> token() {{
                return web.post().uri("/oauth2/token")
                    .body(BodyInserters.fromFormData("grant_type", "client_credentials").with("scope", "studio")).retrieve()
                    .bodyToMono(String.class);
            }}
        }}
        """, java)
    assert [r.url for r in spring.token_requests] == [f"{TEAM}/oauth2/token"]
    entra = extract("src/Graph.java", """
        class Graph {
            Mono<String> token() {
                return web.post().uri("https://login.microsoftonline.com/contoso/oauth2/v2.0/token")
                    .body(BodyInserters.fromFormData("grant_type", "client_credentials").with("scope", "studio")).retrieve()
                    .bodyToMono(String.class);
            }
        }
        """, java)
    assert (entra.token_requests, entra.scope_vars) == ([], [])


@pytest.mark.parametrize("base, path", [
    pytest.param("https://acme.okta.com/", "oauth2/token", id="another-providers-base"),
    pytest.param("https://acme.okta.com/", "oauth2/v1/token", id="another-providers-path"),
    pytest.param(TEAM + "/api/", "oauth2/token", id="base-with-a-path"),
])
def test_a_relative_token_path_of_another_base_is_nobodys(base, path):
    f = extract("src/Auth.cs", BASE_ADDRESS.replace("BASE", base).replace("PATH", path), java)
    assert (f.token_requests, f.scope_vars) == ([], [])


@pytest.mark.parametrize("path, code", [
    ("src/Tokens.java", 'class T { String url(String team, String realm) {\n'
                        '    return "http://" + team + "." + realm + ".celonis.cloud/oauth2/token"; } }'),
    ("src/Tokens.cs", 'class T { string Url(string team) => "http://" + team + ".eu-1.celonis.cloud/oauth2/token"; }'),
    ("src/Pools.java", 'class P { String url(String team, String id) {\n'
                       '    return "http://" + team + ".eu-1.celonis.cloud/integration/api/pools/" + id; } }'),
])
def test_a_url_joined_from_its_first_literal_is_read_whole(path, code):
    """``"http://" + team + ".eu-1.celonis.cloud/oauth2/token"``: the scheme and the domain are written,
    only the labels are not known: a Celonis URL over plain HTTP, where its first literal stands."""
    f = extract(path, code, java, dedent=False)
    line = 2 if "\n" in code else 1
    col = code.split("\n")[line - 1].index('"http://') + 2
    assert [(i.kind, i.loc.line, i.loc.col) for i in f.insecure] == [("http-url", line, col)]
    https = extract(path, code.replace("http://", "https://"), java, dedent=False)
    assert https.insecure == []


@pytest.mark.parametrize("client", ["client", "restClient", "_restClient"])
def test_a_restsharp_token_request_is_on_the_base_address_of_its_methods_client(client):
    """RestSharp: the client's base address in ``new RestClient(base)``, the token path in the request.
    Beside a method asking another provider for its token, each method's request is its own client's,
    whatever the client is named (``restClient``, as RestSharp's own documents name it)."""
    f = extract("src/Tokens.cs", f"""
        public class Tokens {{
            public async Task<string> Internal() {{
                var kc = new RestClient("https://sso.acme.com/realms/ops/protocol/openid-connect/token");
                var kreq = new RestRequest("", Method.Post);
                kreq.AddParameter("grant_type", "client_credentials");
                kreq.AddParameter("scope", "profile email");
                return (await kc.ExecuteAsync(kreq)).Content;
            }}
            public async Task<string> Celonis() {{
                var {client} = new RestClient("{TEAM}");
                var req = new RestRequest("/oauth2/token", Method.Post);
                req.AddParameter("grant_type", "client_credentials");
                req.AddParameter("scope", "studio integration.datapools");
                return (await {client}.ExecuteAsync(req)).Content;
            }}
        }}
        """, java)
    (req,) = f.token_requests
    assert (req.url, [(r.name, r.loc.line) for r in req.scopes.refs]) == (
        f"{TEAM}/oauth2/token", [("studio", 13), ("integration.datapools", 13)])


def test_a_restsharp_token_request_in_top_level_statements():
    """C#'s top-level statements (a ``Program.cs`` as Postman's RestSharp snippets are pasted into): the
    form is read as inside a method; beside it, another provider's request keeps its own scopes."""
    f = extract("Program.cs", f"""
        using RestSharp;
        var client = new RestClient("{TEAM}");
        var request = new RestRequest("/oauth2/token", Method.Post);
        request.AddParameter("grant_type", "client_credentials");
        request.AddParameter("client_id", "etl");
        request.AddParameter("scope", "studio integration.datapools");
        var response = await client.ExecuteAsync(request);
        """, java)
    (req,) = f.token_requests
    assert (req.url, [(r.name, r.loc.line) for r in req.scopes.refs]) == (
        f"{TEAM}/oauth2/token", [("studio", 6), ("integration.datapools", 6)])
    graph = extract("Program.cs", """
        using RestSharp;
        var client = new RestClient("https://login.microsoftonline.com/tenant1/oauth2/v2.0/token");
        var request = new RestRequest("", Method.Post);
        request.AddParameter("grant_type", "client_credentials");
        request.AddParameter("scope", "https://graph.microsoft.com/.default");
        """, java)
    assert [r.url for r in graph.token_requests if r.scopes is not None and r.scopes.refs] == []


def test_a_relative_token_path_is_on_the_client_it_is_sent_with():
    """Two clients of one class, each with its base address: the token path is on the one the request is
    sent with (``Okta.PostAsync``: another provider's); on a client given none here (one a factory makes)
    it is not known. A client the class does not hold (another class's, in the same file) is not one of them."""
    two = BASE_ADDRESS.replace("BASE", TEAM + "/").replace("PATH", "oauth2/token").replace(
        "        async Task", '        static readonly HttpClient Okta = new HttpClient { BaseAddress = new Uri("https://acme.okta.com/") };\n'
        "        async Task")
    (req,) = extract("src/Auth.cs", two, java).token_requests
    assert req.url == f"{TEAM}/oauth2/token"
    for other in ("Okta", "_erp"):
        f = extract("src/Auth.cs", two.replace("await Http.PostAsync", f"await {other}.PostAsync"), java)
        assert (f.token_requests, f.scope_vars) == ([], [])
    apart = BASE_ADDRESS.replace("BASE", TEAM + "/").replace("PATH", "oauth2/token") + \
        'class Okta { static readonly HttpClient Http = new HttpClient { BaseAddress = new Uri("https://acme.okta.com/") }; }\n'
    (req,) = extract("src/Auth.cs", apart, java).token_requests
    assert req.url == f"{TEAM}/oauth2/token"


@pytest.mark.parametrize("path, code, detail", [
    pytest.param("client.go", 'tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}',
                 "InsecureSkipVerify: true", id="go"),
    pytest.param("Api.cs", "var h = new HttpClientHandler { ServerCertificateCustomValidationCallback = "
                 "(message, cert, chain, errors) => true };", "ServerCertificateCustomValidationCallback accepting any certificate",
                 id="csharp-callback"),
    pytest.param("Api.cs", "var h = new HttpClientHandler { ServerCertificateCustomValidationCallback = "
                 "HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };",
                 "DangerousAcceptAnyServerCertificateValidator", id="csharp-validator"),
    pytest.param("Push.kt", "val c = OkHttpClient.Builder().hostnameVerifier { _, _ -> true }.build()",
                 "hostnameVerifier accepting any certificate", id="kotlin-verifier"),
    pytest.param("Push.java", "import org.apache.http.conn.ssl.NoopHostnameVerifier;\n"
                 "var c = HttpClients.custom().setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE).build();",
                 "NoopHostnameVerifier", id="java-noop-verifier"),
])
def test_certificate_checks_switched_off_beside_a_celonis_call(path, code, detail):
    call = f'\nget("{TEAM}/integration/api/pools");\n'
    f = extract(path, code + call, java)
    assert [(i.kind, i.loc.line, i.detail) for i in f.insecure] == [("tls-off", code.count("\n") + 1, detail)]
    # the same switch where no Celonis call is made; a callback that checks
    assert extract(path, code + '\nget("https://localhost:8443/api/now/table/sys_user");\n', java).insecure == []
    checked = "var h = new HttpClientHandler { ServerCertificateCustomValidationCallback = (m, c, ch, e) => e == None };"
    assert extract("Api.cs", checked + call, java).insecure == []
    # a file that also writes another host's URL (a vault, a sidecar): which client the switch is on is not known;
    # a test's client of its local test server
    elsewhere = code + call + 'get("https://vault.default.svc:8200/v1/secret");\n'
    assert extract(path, elsewhere, java).insecure == []
    assert extract(f"src/test/{path.replace('.', '_test.', 1)}", code + call, java).insecure == []


# --- a mapping that configures a Celonis OAuth client, and certificate checks switched off in settings

AIRFLOW = """\
airflow:
  connections:
    - conn_id: celonis_ems
      conn_type: http
      conn_host: acme.eu-1.celonis.cloud
      conn_extra:
        token_url: https://acme.eu-1.celonis.cloud/oauth2/token
        scope: "studio,integration.data-pools"
        verify: false
    - conn_id: salesforce_prod
      conn_extra:
        token_url: https://login.salesforce.com/services/oauth2/token
        scope: "api,refresh_token,studio"
        verify: false
"""

FLOWS = """\
[
  {"id": "a2", "type": "oauth2", "name": "Celonis token", "grant_type": "client_credentials",
   "access_token_url": "https://acme.eu-1.celonis.cloud/oauth2/token",
   "scope": "studio, integration.data-pools", "rejectUnauthorized": false},
  {"id": "b2", "type": "oauth2", "name": "Graph token", "grant_type": "client_credentials",
   "access_token_url": "https://login.microsoftonline.com/contoso/oauth2/v2.0/token",
   "scope": "https://graph.microsoft.com/.default, studio", "rejectUnauthorized": false}
]
"""


def test_the_settings_beside_a_celonis_token_url_are_that_clients(lint_tree):
    # an Airflow connection's extra and a Node-RED oauth2 node (a record of a top-level list): the scope
    # beside a Celonis token URL is Celonis's, and so is the certificate check it switches off; the same
    # settings beside another provider's token URL are that provider's
    found = lint_tree({"airflow_settings.yaml": AIRFLOW, "flows.json": FLOWS}).findings
    assert [(f.code, f.loc.path, f.loc.line, f.loc.col) for f in found] == [
        ("SL002", "airflow_settings.yaml", 8, 17), ("SL014", "airflow_settings.yaml", 9, 17),
        ("SL002", "flows.json", 4, 14), ("SL014", "flows.json", 4, 69)]
    assert [f.message for f in found if f.code == "SL014"] == [
        "TLS certificate verification is switched off for a Celonis call (verify: false)",
        "TLS certificate verification is switched off for a Celonis call (rejectUnauthorized: false)"]


@pytest.mark.parametrize("path, text, want", [
    pytest.param("values.yaml", "celonis:\n  url: https://acme.eu-1.celonis.cloud\n  verifySsl: false\n",
                 [("SL014", 3, 14)], id="helm-values"),
    pytest.param(".env", "CELONIS_URL=https://acme.eu-1.celonis.cloud\nCELONIS_VERIFY_SSL=false\n"
                 "CELONIS_INSECURE_SKIP_VERIFY=true\n", [("SL014", 2, 20), ("SL014", 3, 30)], id="dotenv"),
    # what switches nothing off, or is not Celonis's by its name
    pytest.param(".env", "CELONIS_URL=https://acme.eu-1.celonis.cloud\nVERIFY_SSL=false\nCELONIS_VERIFY_SSL=true\n"
                 "CELONIS_INSECURE=false\n", [], id="dotenv-not-off-or-not-named"),
    pytest.param("values.yaml", "celonis:\n  url: https://acme.eu-1.celonis.cloud\nelastic:\n  verifySsl: false\n",
                 [], id="another-services-block"),
])
def test_a_celonis_setting_that_switches_certificate_checks_off(lint_tree, path, text, want):
    assert [(f.code, f.loc.line, f.loc.col) for f in lint_tree({path: text}).findings] == want


@pytest.mark.parametrize("path, text", [
    # a map of several services' settings beside a Celonis token URL: each named for its own service
    pytest.param("k8s/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n"
                 "  CELONIS_TOKEN_URL: https://acme.eu-1.celonis.cloud/oauth2/token\n  CELONIS_SCOPE: integration.data-pools\n"
                 '  GRAPH_SCOPE: User.Read,Mail.Send\n  JIRA_SCOPES: "read:jira-work,write:jira-work"\n  SFTP_VERIFY: "false"\n',
                 id="configmap-of-several-services"),
    # ... or two providers' token URLs in one map: no one client's, so a generic flag is nobody's
    pytest.param("k8s/configmap.yaml", "data:\n  CELONIS_TOKEN_URL: https://acme.eu-1.celonis.cloud/oauth2/token\n"
                 "  GRAPH_TOKEN_URL: https://login.microsoftonline.com/contoso/oauth2/v2.0/token\n"
                 '  VERIFY_SSL: "false"\n  SCOPE: "openid,offline_access"\n', id="two-providers-token-urls"),
    # a TLS setting deep in a Celonis chart's values is another client's (a ServiceMonitor's, an ingress's)
    pytest.param("charts/exporter/values.yaml", "celonisExporter:\n  serviceMonitor:\n    tlsConfig:\n"
                 "      insecureSkipVerify: true\n  ingress:\n    annotations:\n"
                 '      nginx.ingress.kubernetes.io/proxy-ssl-verify: "off"\n', id="chart-tls-settings"),
])
def test_settings_not_of_the_celonis_client_stay_silent(lint_tree, path, text):
    assert lint_tree({path: text}).findings == []


TWO_CLIENTS = f"""
    public class SyncService {{
        private readonly HttpClient _celonis;
        private readonly HttpClient _keycloak;
        public SyncService() {{
            _celonis = new HttpClient {{ BaseAddress = new Uri("{TEAM}/") }};
            _keycloak = new HttpClient {{ BaseAddress = new Uri("https://sso.example.org/realms/erp/protocol/openid-connect/") }};
        }}
        public async void Run() {{
            var form = new FormUrlEncodedContent(new Dictionary<string, string> {{
                {{ "grant_type", "client_credentials" }}, {{ "scope", "integration.data-pools:data_push" }} }});
            var tok = await _celonis.PostAsync("oauth2/token", form);
            var kc = await _keycloak.PostAsync("token", new FormUrlEncodedContent(new Dictionary<string, string> {{
                {{ "grant_type", "client_credentials" }}, {{ "scope", "openid erp.read" }} }}));
        }}
    }}
    """


@pytest.mark.parametrize("path, code", [
    pytest.param("src/SyncService.cs", TWO_CLIENTS, id="a-form-sent-on-another-hosts-client"),
    pytest.param("src/Services.cs", f"""
        public class CelonisService {{
            private readonly HttpClient _httpClient;
            public CelonisService(HttpClient h) {{ _httpClient = h; _httpClient.BaseAddress = new Uri("{TEAM}/"); }}
            public Task<HttpResponseMessage> Token() => _httpClient.PostAsync("oauth2/token", new FormUrlEncodedContent(
                new Dictionary<string, string> {{ {{ "grant_type", "client_credentials" }}, {{ "scope", "integration.data-pools:data_push" }} }}));
        }}
        public class ErpService {{
            private readonly HttpClient _httpClient;
            public ErpService(HttpClient h) {{ _httpClient = h; _httpClient.BaseAddress = new Uri("https://erp.example.org/"); }}
            public async Task<string> Token() {{
                var form = new FormUrlEncodedContent(new Dictionary<string, string> {{
                    {{ "grant_type", "client_credentials" }}, {{ "scope", "openid erp.read" }} }});
                return await (await _httpClient.PostAsync("oauth2/token", form)).Content.ReadAsStringAsync();
            }}
        }}
        """, id="two-classes-whose-clients-share-a-name"),
    pytest.param("src/Sync.java", f"""
        public class Sync {{
            private final WebClient celonis = WebClient.create("{TEAM}");
            private final WebClient keycloak = WebClient.create("https://sso.example.org/realms/erp/protocol/openid-connect");
            public void run() {{
                String tok = celonis.post().uri("oauth2/token")
                    .body(BodyInserters.fromFormData("grant_type", "client_credentials").with("scope", "integration.data-pools:data_push"))
                    .retrieve().bodyToMono(String.class).block();
                String kc = keycloak.post().uri("token")
                    .body(BodyInserters.fromFormData("grant_type", "client_credentials").with("scope", "openid erp.read"))
                    .retrieve().bodyToMono(String.class).block();
            }}
        }}
        """, id="spring-webclients"),
])
def test_a_token_request_sent_on_another_hosts_client_is_that_hosts(path, code):
    """Each token request is its client's: the Celonis one on the Celonis base address, Keycloak's or an
    ERP's on theirs, whose scopes are theirs (before, both were read as Celonis's: SL001 on erp.read)."""
    f = extract(path, code, java)
    assert [(r.url, [s.name for s in r.scopes.refs]) for r in f.token_requests] == [
        (f"{TEAM}/oauth2/token", ["integration.data-pools:data_push"])]


def test_the_secrets_of_a_class_named_as_a_mock_are_none():
    code = ('public class SaApiKeyMockMapper {\n    static {\n        ApiKeyModel ak = new ApiKeyModel();\n'
            '        ak.setApiKey("AK-Qm7Xv2Lp9Rt4Yw8Kz3Nb6Jc1Hd5Fg0SaUe4Ki");\n    }\n}\n')
    assert extract("src/main/java/com/pj/mock/SaApiKeyMockMapper.java", code, java).secrets == []
    (found,) = extract("src/main/java/com/pj/ApiKeyStore.java", code.replace("SaApiKeyMockMapper", "ApiKeyStore"), java).secrets
    assert (found.kind, found.loc.line) == ("API key", 4)


NIMBUS = """import com.nimbusds.oauth2.sdk.*;

class Tokens {
    TokenResponse password(String user, String pw) throws Exception {
        return TokenResponse.parse(new TokenRequest(URI.create(TOKEN_URL), new ClientSecretBasic(new ClientID(ID), new Secret(SEC)),
                new ResourceOwnerPasswordCredentialsGrant(user, new Secret(pw)), new Scope("studio")).toHTTPRequest().send());
    }
    TokenResponse service() throws Exception {
        return TokenResponse.parse(new TokenRequest(URI.create(TOKEN_URL), new ClientSecretBasic(new ClientID(ID), new Secret(SEC)),
                new ClientCredentialsGrant(), Scope.parse("studio triggers:reed")).toHTTPRequest().send());
    }
    static final String TOKEN_URL = "%s";
}
"""
SPRING_REGISTRATION = """class Config {
    ClientRegistration celonis() {
        return ClientRegistration.withRegistrationId("celonis").tokenUri("%s")
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).scope("studio", "skills:exec").build();
    }
}
"""


def test_java_nimbus_token_requests_and_a_spring_registration_written_in_code(lint_tree):
    # Nimbus's new TokenRequest(URI, auth, grant, scope): a request for the grant its class names, with
    # its Scope's scopes (new Scope(...) or Scope.parse(...)); Spring's builder chain's scopes are its URL's
    celonis = "https://acme.eu-1.celonis.cloud/oauth2/token"
    found = lint_tree({"src/Tokens.java": NIMBUS % celonis, "src/Config.java": SPRING_REGISTRATION % celonis}).findings
    assert [(f.code, f.loc.path, f.loc.line, f.loc.col) for f in found] == [
        ("SL001", "src/Config.java", 4, 97), ("SL010", "src/Tokens.java", 5, 40), ("SL001", "src/Tokens.java", 10, 67)]
    # another provider's token URL: its password grant and scopes are its own
    other = "https://login.microsoftonline.com/acme/oauth2/v2.0/token"
    assert lint_tree({"src/Tokens.java": NIMBUS % other, "src/Config.java": SPRING_REGISTRATION % other}).findings == []


def test_spring_registrations_in_code_take_their_own_chains_token_url(lint_tree):
    # .scope(...) before or after .tokenUri(...); two registrations given to one repository: each its own
    text = """class Config {
    ClientRegistrationRepository repo() {
        return new InMemoryClientRegistrationRepository(
            ClientRegistration.withRegistrationId("celonis").scope("studio", "skills:exec")
                .tokenUri("https://acme.eu-1.celonis.cloud/oauth2/token").build(),
            ClientRegistration.withRegistrationId("github").scope("read:user", "user:email")
                .tokenUri("https://github.com/login/oauth/access_token").build());
    }
}
"""
    found = lint_tree({"src/Config.java": text}).findings
    assert [(f.code, f.loc.line, f.loc.col, f.scope) for f in found] == [("SL001", 4, 79, "skills:exec")]


def test_csharp_identitymodel_grant_named_by_its_constant(lint_tree):
    text = """class C {
    async Task<TokenResponse> Get(HttpClient client) =>
        await client.RequestPasswordTokenAsync(new PasswordTokenRequest {
            Address = "https://acme.eu-1.celonis.cloud/oauth2/token",
            GrantType = OidcConstants.GrantTypes.Password,
            UserName = "bob", Password = Environment.GetEnvironmentVariable("PW"), Scope = "studio" });
}
"""
    found = lint_tree({"src/C.cs": text}).findings
    assert [(f.code, f.loc.line) for f in found] == [("SL010", 3)]
