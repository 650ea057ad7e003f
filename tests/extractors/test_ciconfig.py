"""CI pipelines, Compose files, Kubernetes manifests and CloudFormation templates."""
from __future__ import annotations

import base64

import pytest


from scopelint.extractors.documents import ciconfig

from scopelint.extractors.documents import definitions
from scopelint.model import FileFacts
from tests.conftest import extract, scope_var_rows
from scopelint.reporters import Context, render
from tests.conftest import secret_spans, triples

SECRET = "Zq8x7VbN3kLp9TmR2wYc4Hs6Jd1Fg5Ae"


def facts(path: str, text: str) -> FileFacts:
    return extract(path, text, definitions, ciconfig)


def scope_vars(f: FileFacts) -> list[tuple[str, int, int]]:
    return scope_var_rows(f, end=False)


@pytest.mark.parametrize("path, claimed", [
    pytest.param(".github/workflows/push.yml", True, id="github"),
    pytest.param(".gitlab-ci.yml", True, id="gitlab"),
    pytest.param("azure-pipelines.yml", True, id="azure"),
    pytest.param(".circleci/config.yml", True, id="circleci"),
    pytest.param("bitbucket-pipelines.yml", True, id="bitbucket"),
    pytest.param(".github/actions/deploy/action.yml", True, id="composite-action"),
    pytest.param(".gitlab/ci/deploy.yml", True, id="gitlab-include"),
    pytest.param("ci/deploy.gitlab-ci.yml", True, id="gitlab-include-by-name"),
    pytest.param("deploy/k8s/secret.yaml", True, id="any-yaml"),
    pytest.param("infra/stack.template", True, id="cfn-template"),
    pytest.param("collections/Celonis.postman_collection.json", False, id="postman"),
    pytest.param(".celonis-content-cli-profiles/dev.json", False, id="content-cli"),
    pytest.param("README.md", False, id="markdown"),
])
def test_claims(path, claimed):
    assert ciconfig.claims(path) is claimed


GITHUB = """
name: nightly push
on: {schedule: [{cron: "0 2 * * *"}]}
env:
  CELONIS_URL: https://acme.eu-1.celonis.cloud
  OAUTH_SCOPES: "integration.data-pools:data_push"
  OAUTH_CLIENT_SECRET: ${{ secrets.CELONIS_CLIENT_SECRET }}
jobs:
  push:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: python push.py
        env:
          CELONIS_CLIENT_SECRET: %s
"""


def test_github_actions_env_blocks():
    f = facts(".github/workflows/push.yml", GITHUB % SECRET)
    assert scope_vars(f) == [("integration.data-pools:data_push", 5, 18)]
    assert secret_spans(f) == [("client secret", "CELONIS_CLIENT_SECRET", 14, 34, 66)]
    assert SECRET not in repr(f)


BLOCK_SCOPE_WORKFLOW = """jobs:
  push:
    runs-on: ubuntu-latest
    env:
      CELONIS_SCOPE: %s
    steps:
      - run: |
          TOKEN=$(curl -s -X POST "https://acme.eu-1.celonis.cloud/oauth2/token" -u "$ID:$SECRET" -d grant_type=client_credentials --data-urlencode "scope=$CELONIS_SCOPE" | jq -r .access_token)
          curl -s -X POST "https://acme.eu-1.celonis.cloud/integration/api/v1/data-push/$POOL/jobs/" -H "Authorization: Bearer $TOKEN"
"""


@pytest.mark.parametrize("value, where", [('"studio"', (5, 23)), (">-\n        studio", (6, 9)), ("|-\n        studio", (6, 9))])
def test_a_step_env_scope_written_as_a_block_scalar_is_the_token_requests(lint_tree, value, where):
    # ``CELONIS_SCOPE: >-`` and one line below is the string on that line, as when it is quoted
    found = lint_tree({".github/workflows/push.yml": BLOCK_SCOPE_WORKFLOW % value}).findings
    assert sorted((f.code, f.loc.line, f.loc.col) for f in found if f.code != "SL005") == [("SL006", *where)]
    assert [f.code for f in found if f.code == "SL005"] == ["SL005"]


def test_a_step_env_value_written_as_a_block_scalar_is_reported_once_where_it_stands(lint_tree):
    # the env reader and the step's script read one value: one finding, at the value's own line
    text = ("jobs:\n  sync:\n    runs-on: ubuntu-latest\n    env:\n      CELONIS_API_KEY: >-\n        %s\n"
            "      CELONIS_URL: >-\n        http://acme.eu-1.celonis.cloud\n    steps:\n      - run: |\n"
            '          curl "$CELONIS_URL/intelligence/api/knowledge-models" -H "Authorization: Bearer $CELONIS_API_KEY"\n') % SECRET
    found = lint_tree({".github/workflows/sync.yml": text}).findings
    assert sorted((f.code, f.loc.line, f.loc.col) for f in found if f.code in ("SL012", "SL014")) == [
        ("SL012", 6, 9), ("SL014", 8, 9)]
    assert [f.message for f in found if f.code == "SL012"] == ["hard-coded API key in 'CELONIS_API_KEY'"]


def test_github_actions_secret_expression_is_not_a_secret():
    f = facts(".github/workflows/push.yml", GITHUB % "${{ secrets.CELONIS_CLIENT_SECRET }}")
    assert f.secrets == []


@pytest.mark.parametrize("path, text, want", [
    pytest.param(".gitlab-ci.yml", """
        variables:
          CELONIS_URL: "https://acme.eu-1.celonis.cloud"
          CELONIS_SCOPE:
            value: "studio package-manager"
            description: scopes for the content export
        """, [("studio", 4, 13), ("package-manager", 4, 20)], id="gitlab-value-map"),
    pytest.param("azure-pipelines.yml", """
        variables:
          - group: celonis-secrets
          - name: CELONIS_OAUTH_SCOPE
            value: action-engine.projects
        steps:
          - script: python deploy.py
        """, [("action-engine.projects", 4, 12)], id="azure-name-value-list"),
    pytest.param(".circleci/config.yml", """
        jobs:
          build:
            environment:
              CELONIS_SCOPE: studio
        """, [("studio", 4, 22)], id="circleci-environment"),
    pytest.param("docker-compose.yml", """
        services:
          pusher:
            environment:
              - CELONIS_URL=https://acme.eu-1.celonis.cloud
              - OAUTH_SCOPES=integration.data-pools
        """, [("integration.data-pools", 5, 22)], id="compose-list"),
])
def test_ci_variables(path, text, want):
    assert scope_vars(facts(path, text)) == want


K8S = """
apiVersion: v1
kind: Secret
metadata:
  name: celonis-oauth
type: Opaque
stringData:
  client-secret: "%s"
data:
  CELONIS_API_TOKEN: %s
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: erp-pusher
spec:
  template:
    spec:
      containers:
        - name: pusher
          image: acme/pusher:1.4
          env:
            - name: CELONIS_URL
              value: http://acme.eu-1.celonis.cloud
            - name: OAUTH_SCOPES
              value: integration.data-pools:data_push
            - name: OAUTH_CLIENT_SECRET
              valueFrom: {secretKeyRef: {name: celonis-oauth, key: client-secret}}
"""


def test_kubernetes_secret_and_deployment():
    encoded = base64.b64encode(SECRET[::-1].encode()).decode()
    f = facts("deploy/celonis.yaml", K8S % (SECRET, encoded))
    assert secret_spans(f) == [("API key", "CELONIS_API_TOKEN", 9, 22, 22 + len(encoded)),
                               ("client secret", "client-secret", 7, 19, 51)]
    assert scope_vars(f) == [("integration.data-pools:data_push", 25, 22)]
    assert [(i.kind, i.loc.line, i.loc.col) for i in f.insecure] == [("http-url", 23, 22)]


def test_kubernetes_base64_placeholder_is_not_a_secret():
    encoded = base64.b64encode(b"changeme-please").decode()
    f = facts("deploy/celonis.yaml", K8S % ("<client secret>", encoded))
    assert f.secrets == []


SEALED = """
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: celonis-oauth
spec:
  encryptedData:
    CELONIS_CLIENT_SECRET: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq8mK9QxW2n7YhZ1fC3bR5tU6vX8wY0zA1bC2dE3fG4hI5jK6lM7nO8pQ9
  template:
    metadata:
      name: celonis-oauth
    data:
      CELONIS_CLIENT_SECRET: "%s"
"""


def test_a_sealed_secrets_encrypted_data_is_no_secret_written_out():
    # sealed for the cluster's key to be committed; what its template writes out in the clear still counts
    f = facts("deploy/celonis-sealed.yaml", SEALED % SECRET)
    assert [(s.name, s.loc.line) for s in f.secrets] == [("CELONIS_CLIENT_SECRET", 12)]
    assert facts("deploy/celonis-sealed.yaml", SEALED % "{{ .Values.secret }}").secrets == []


def test_kubernetes_without_celonis_is_read_for_secrets_named_as_such_only():
    # the generic client secret is reported wherever it is; Auth0's own token, its scopes and URLs are Auth0's
    text = K8S.replace("celonis-oauth", "auth0").replace("CELONIS_", "AUTH0_").replace("celonis.cloud", "auth0.com") \
        .replace("integration.data-pools:data_push", "read:users")
    f = facts("deploy/app.yaml", text % (SECRET, base64.b64encode(SECRET[::-1].encode()).decode()))
    assert secret_spans(f) == [("client secret", "client-secret", 7, 19, 51)]
    assert f.scope_vars == [] and f.insecure == [] and f.token_requests == [] and f.problems == []


GENERIC_SECRET = """apiVersion: v1
kind: Secret
metadata:
  name: billing-oauth
type: Opaque
stringData:
  CLIENT_ID: billing-worker
  CLIENT_SECRET: %s
"""

GENERIC_ENV = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: etl
spec:
  template:
    spec:
      containers:
        - name: etl
          image: acme/etl:1.4.2
          env:
            - name: CLIENT_ID
              value: billing-worker
            - name: CLIENT_SECRET
              value: %s
            - name: DB_PASSWORD
              valueFrom: {secretKeyRef: {name: db, key: password}}
"""

OIDC_PROVIDER = """apiVersion: idp.supervisor.pinniped.dev/v1alpha1
kind: OIDCIdentityProvider
metadata:
  name: okta
spec:
  issuer: https://dev-00000000.okta.com
  client:
    secretName: okta-client-credentials
---
apiVersion: v1
kind: Secret
metadata:
  name: okta-client-credentials
type: secrets.pinniped.dev/oidc-client
stringData:
  # The "Client secret" that you got from the domain admin.
  clientID: "0oa0fake0client0id0d7"
  clientSecret: "%s"
"""


@pytest.mark.parametrize("text, want", [
    pytest.param(GENERIC_SECRET, ("client secret", "CLIENT_SECRET", 8, 18, 50), id="secret-string-data"),
    pytest.param(GENERIC_ENV, ("client secret", "CLIENT_SECRET", 15, 22, 54), id="container-env"),
    pytest.param(OIDC_PROVIDER, ("client secret", "clientSecret", 18, 18, 50), id="oidc-provider-and-its-secret"),
])
def test_a_manifest_that_does_not_name_celonis_is_read_for_its_secrets(text, want):
    assert secret_spans(facts("deploy/app.yaml", text % SECRET)) == [want]


@pytest.mark.parametrize("text", [
    pytest.param(GENERIC_SECRET % "${CLIENT_SECRET}", id="an-envsubst-template"),
    pytest.param(GENERIC_SECRET % "<client secret from the partner portal>", id="a-placeholder"),
    pytest.param(GENERIC_SECRET.replace("CLIENT_SECRET", "OPENAI_API_KEY") % "sk-proj-Zq8x7VbN3kLp9TmR2wYc4Hs6Jd1Fg5Ae",
                 id="another-services-key"),
    pytest.param(GENERIC_ENV.replace("CLIENT_SECRET", "CLIENT_SECRET_FILE") % "/var/run/secrets/oauth", id="a-path"),
    pytest.param(SEALED.replace("CELONIS_", "") % "{{ .Values.secret }}", id="sealed"),
    # a kubeconfig is kubectl's own settings file, applied to no cluster: its OIDC plugin's secret is not Celonis's
    pytest.param("apiVersion: v1\nkind: Config\nclusters:\n- cluster: {server: https://k8s.acme.io}\n  name: acme\n"
                 "users:\n- name: oidc\n  user:\n    auth-provider:\n      name: oidc\n      config:\n"
                 "        client-id: kubernetes\n        client-secret: %s\n        idp-issuer-url: https://accounts.google.com\n" % SECRET,
                 id="a-kubeconfig"),
    pytest.param('apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ include "etl.fullname" . }}-oauth\nstringData:\n'
                 '  clientSecret: {{ .Values.oauth.clientSecret | quote }}\n', id="a-helm-template"),
    # no YAML: read only for its secrets, it is passed over without a note (a Celonis manifest's is noted)
    pytest.param(GENERIC_SECRET.replace("  CLIENT_ID", "\tCLIENT_ID") % SECRET, id="not-yaml"),
])
def test_a_manifest_that_does_not_name_celonis_without_a_secret_written_out_gives_nothing(text):
    assert facts("deploy/app.yaml", text).is_empty()


CFN = """
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  CelonisClientSecret:
    Type: String
    NoEcho: true
Resources:
  CelonisProvider:
    Type: AWS::BedrockAgentCore::OAuth2CredentialProvider
    Properties:
      Name: celonis
      CustomOauth2ProviderConfig:
        OauthDiscovery:
          AuthorizationServerMetadata:
            TokenEndpoint: https://acme.eu-1.celonis.cloud/oauth2/token
        ClientId: 9f2c1d2e-celonis
        ClientSecret: !Ref CelonisClientSecret
      GrantType: %s
      Scopes:
        - studio
        - integration.data-pools
"""


def test_cloudformation_scopes_next_to_a_celonis_token_url():
    f = facts("infra/agent.yaml", CFN % "CLIENT_CREDENTIALS")
    assert f.secrets == []  # !Ref is not a literal
    [req] = f.token_requests
    assert (req.loc.line, req.loc.col, req.url) == (14, 28, "https://acme.eu-1.celonis.cloud/oauth2/token")
    assert [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [("studio", 19, 11), ("integration.data-pools", 20, 11)]
    assert req.grant_type.value == "client_credentials"


CONNECTION = """\
Resources:
  CelonisConnection:
    Type: AWS::Events::Connection
    Properties:
      AuthorizationType: OAUTH_CLIENT_CREDENTIALS
      AuthParameters:
        OAuthParameters:
          AuthorizationEndpoint: %s
          HttpMethod: POST
          ClientParameters:
            ClientID: '{{resolve:secretsmanager:celonis/oauth:SecretString:client_id}}'
            ClientSecret: '{{resolve:secretsmanager:celonis/oauth:SecretString:client_secret}}'
          OAuthHttpParameters:
            BodyParameters:
              - Key: grant_type
                Value: %s
              - Key: scope
                Value: studio integration.data-pools
      Tags:
        - Key: owner
          Value: data-team
"""


def test_an_eventbridge_connections_body_parameters_are_its_token_requests_scope_and_grant():
    f = facts("infra/connection.yaml", CONNECTION % ("https://acme.eu-1.celonis.cloud/oauth2/token", "client_credentials"))
    [req] = f.token_requests
    assert (req.loc.line, req.loc.col, req.grant_type.value) == (8, 34, "client_credentials")
    assert [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [("studio", 18, 24), ("integration.data-pools", 18, 31)]
    assert f.secrets == []  # a secret store's reference is no literal
    # another provider's connection: its scope is its own
    assert facts("infra/connection.yaml", CONNECTION % ("https://login.example.com/oauth/token", "client_credentials")) \
        .token_requests == []


def test_a_secret_written_as_an_eventbridge_connections_body_parameter_is_hard_coded(lint_tree):
    secret = "9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc"
    text = (CONNECTION % ("https://acme.eu-1.celonis.cloud/oauth2/token", "client_credentials")).replace(
        "      Tags:", f"              - Key: client_secret\n                Value: {secret}\n"
        "                IsValueSecret: true\n      Tags:")
    line = text.splitlines().index(f"                Value: {secret}") + 1
    assert triples(lint_tree({"infra/connection.yaml": text}).findings) == [("SL012", line, 24)]
    # a tag's value, and a secret store's reference under the same name, are no hard-coded secret
    clean = text.replace(secret, "'{{resolve:secretsmanager:celonis/oauth:SecretString:client_secret}}'")
    assert lint_tree({"infra/connection.yaml": clean.replace("Key: owner", "Key: api_key")}).findings == []


@pytest.mark.parametrize("scopes, want", [
    pytest.param("\n        - !Ref CelonisOAuthScope", [("mcp-asset.tools:execute", 5, 14)], id="item"),
    pytest.param(" !Ref CelonisScopes", [("studio", 8, 14), ("integration.data-pools", 8, 21)], id="whole-list"),
    pytest.param(" [!Ref NoDefault]", None, id="no-default-is-unknown"),
    pytest.param(" !GetAtt Other.Scopes", None, id="a-function-is-unknown"),
])
def test_cloudformation_scopes_from_a_parameter_default(scopes, want):
    text = CFN.replace("Parameters:\n", "Parameters:\n  CelonisOAuthScope:\n    Type: String\n"
                       "    Default: mcp-asset.tools:execute\n  CelonisScopes:\n    Type: CommaDelimitedList\n"
                       "    Default: studio,integration.data-pools\n  NoDefault:\n    Type: String\n")
    text = text.replace("\n        - studio\n        - integration.data-pools", scopes)
    [req] = facts("infra/agent.yaml", text % "CLIENT_CREDENTIALS").token_requests
    assert (None if req.scopes is None else [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs]) == want


GATEWAY = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Provider:
    Type: AWS::BedrockAgentCore::OAuth2CredentialProvider
    Properties:
      CredentialProviderVendor: CustomOauth2
      Oauth2ProviderConfigInput:
        CustomOauth2ProviderConfig:
          OauthDiscovery:
            AuthorizationServerMetadata:
              TokenEndpoint: %s
  Target:
    Type: AWS::BedrockAgentCore::GatewayTarget
    Properties:
      CredentialProviderConfigurations:
        - CredentialProviderType: OAUTH
          CredentialProvider:
            OauthCredentialProvider:
              ProviderArn: %s
              Scopes:
                - mcp-asset.tools:exec
              GrantType: CLIENT_CREDENTIALS
"""


@pytest.mark.parametrize("link", ["!GetAtt Provider.CredentialProviderArn", "{'Fn::GetAtt': [Provider, CredentialProviderArn]}",
                                  "!Ref Provider"])
def test_cloudformation_scopes_of_a_resource_that_names_the_provider_with_the_token_url(link):
    """An AgentCore gateway target holds the scopes; the credential provider it names holds the token URL."""
    [req] = facts("infra/agent.yaml", GATEWAY % ("https://acme.eu-1.celonis.cloud/oauth2/token", link)).token_requests
    assert (req.url, req.loc.line) == ("https://acme.eu-1.celonis.cloud/oauth2/token", 11)
    assert [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [("mcp-asset.tools:exec", 21, 19)]
    # another provider's token URL, or a target that names no provider: no token request
    assert facts("infra/agent.yaml", GATEWAY % ("https://auth.example.com/oauth2/token", link)).token_requests == []
    assert facts("infra/agent.yaml", GATEWAY % ("https://acme.eu-1.celonis.cloud/oauth2/token",
                                                "arn:aws:acme:provider")).token_requests == []
    # a Celonis discovery document names the team's token endpoint; another provider's does not
    [req] = facts("infra/agent.yaml", GATEWAY % ("https://acme.eu-1.celonis.cloud/.well-known/openid-configuration",
                                                 link)).token_requests
    assert req.url == "https://acme.eu-1.celonis.cloud/oauth2/token"
    assert facts("infra/agent.yaml", GATEWAY % ("https://login.example.com/.well-known/openid-configuration",
                                                link)).token_requests == []


def test_cloudformation_json_scopes_from_a_parameter_default():
    text = """{
      "AWSTemplateFormatVersion": "2010-09-09",
      "Parameters": {"Scope": {"Type": "String", "Default": "studio.spaces"}},
      "Resources": {"Provider": {"Type": "AWS::AppFlow::ConnectorProfile", "Properties": {
        "TokenUrl": "https://acme.eu-1.celonis.cloud/oauth2/token",
        "OAuthScopes": [{"Ref": "Scope"}]}}}
    }"""
    [req] = facts("infra/appflow.json", text).token_requests
    assert [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [("studio.spaces", 3, 62)]


def test_cloudformation_literal_client_secret():
    text = CFN.replace("!Ref CelonisClientSecret", SECRET)
    f = facts("infra/agent.yaml", text % "CLIENT_CREDENTIALS")
    assert secret_spans(f) == [("client secret", "ClientSecret", 16, 23, 55)]


def test_cloudformation_json_template():
    text = """{
      "AWSTemplateFormatVersion": "2010-09-09",
      "Resources": {"Provider": {"Type": "AWS::AppFlow::ConnectorProfile", "Properties": {
        "TokenUrl": "https://acme.eu-1.celonis.cloud/oauth2/token",
        "OAuthScopes": ["studio.spaces"]}}}
    }"""
    f = facts("infra/appflow.json", text)
    [req] = f.token_requests
    assert [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [("studio.spaces", 5, 26)]


def test_definition_files_are_left_to_the_definitions_extractor():
    f = facts("celonis-clients.yaml", """
        apiVersion: scopelint/v1
        kind: ClientList
        oauth_clients:
          - name: erp
            scopes: [studio]
        env:
          CELONIS_SCOPE: studio
        """)
    assert [c.name for c in f.clients] == ["erp"] and f.scope_vars == []


def test_malformed_workflow_is_a_note_not_sl000():
    f = facts(".github/workflows/push.yml", "env:\n  CELONIS_SCOPE: [studio\n")
    assert [(p.kind, p.loc.line) for p in f.problems] == [("skipped", 3)]
    assert f.problems[0].message.startswith("skipped: invalid YAML")


# end to end -----------------------------------------------------------------------------------

def test_findings_end_to_end(lint_tree):
    encoded = base64.b64encode(SECRET[::-1].encode()).decode()
    result = lint_tree({
        ".github/workflows/push.yml": GITHUB % SECRET,
        "deploy/celonis.yaml": K8S % (SECRET, encoded),
        "infra/agent.yaml": CFN % "PASSWORD",
        ".gitlab-ci.yml": "variables:\n  CELONIS_SCOPE: studio;package-manager\n",
    })
    assert triples(result.findings) == [
        ("SL012", 14, 34),  # workflow step env
        ("SL002", 2, 18),  # gitlab ';'
        ("SL012", 7, 19), ("SL012", 9, 22), ("SL014", 23, 22),  # kubernetes
        ("SL010", 17, 18),  # cloudformation grant type
    ]
    assert [f.loc.path for f in result.findings] == [".github/workflows/push.yml", ".gitlab-ci.yml"] + \
        ["deploy/celonis.yaml"] * 3 + ["infra/agent.yaml"]
    for fmt in ("text", "json"):
        out = render(fmt, result, Context())
        assert SECRET not in out and encoded not in out


def test_malformed_yaml_is_a_note(lint_tree):
    result = lint_tree({".github/workflows/push.yml": "env:\n  CELONIS_SCOPE: [studio\n"})
    assert result.findings == []
    assert [path for path, _why in result.notes] == [".github/workflows/push.yml"]


@pytest.mark.parametrize("files", [
    pytest.param({".github/workflows/push.yml": GITHUB % "${{ secrets.CELONIS_CLIENT_SECRET }}"}, id="secrets-expression"),
    pytest.param({"azure-pipelines.yml": "variables:\n  CELONIS_CLIENT_SECRET: $(celonisClientSecret)\n"}, id="azure-macro"),
    pytest.param({".gitlab-ci.yml": "variables:\n  SCOPE: openid profile\n  AUTH0_CLIENT_SECRET: $AUTH0_SECRET\n"},
                 id="other-provider"),
])
def test_clean(lint_tree, files):
    assert triples(lint_tree(files).findings) == []


@pytest.mark.parametrize("path, text, name", [
    pytest.param(".gitlab-ci.yml", """\
variables:
  CELONIS_CLIENT_SECRET: "Qm9vdHN0cmFwLVNlY3JldC1kYjc0OWExYTM5ZTg0"
tok:
  script:
    - curl -sf -X POST "https://acme.eu-1.celonis.cloud/oauth2/token" -u "$CID:$CELONIS_CLIENT_SECRET" -d scope=studio
""", "CELONIS_CLIENT_SECRET", id="gitlab-user"),
    pytest.param(".github/workflows/push.yml", """\
on: push
jobs:
  push:
    runs-on: ubuntu-latest
    env:
      CELONIS_CLIENT_SECRET: Zq8vN2kL7pX4rT9wY3bH6mJ1cF5gD0sAe7Ru
    steps:
      - run: |
          curl -s https://acme.eu-1.celonis.cloud/oauth2/token -d "client_secret=$CELONIS_CLIENT_SECRET&scope=studio"
""", "CELONIS_CLIENT_SECRET", id="github-form"),
])
def test_a_secret_in_a_pipelines_variables_is_one_finding_however_many_steps_send_it(lint_tree, path, text, name):
    """The literal in ``variables:``/``env:`` and the step that sends it (``-u "$ID:$SECRET"``,
    ``-d client_secret=$SECRET``) are one secret: one SL012, named where it is written."""
    found = [f for f in lint_tree({path: text}).findings if f.code in ("SL012", "SL013")]
    assert [(f.code, f.loc.line, f.message) for f in found] == [
        ("SL012", text[:text.index(name)].count("\n") + 1, f"hard-coded client secret in {name!r}")]


KUSTOMIZATION = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
secretGenerator:
  - name: celonis-oauth
    literals:
      - CELONIS_CLIENT_SECRET=%s
configMapGenerator:
  - name: celonis-settings
    literals:
      - CELONIS_URL=https://acme.eu-1.celonis.cloud
      - CELONIS_OAUTH_SCOPE=studio tasks:reed
"""


@pytest.mark.parametrize("secret, expected", [
    ("Mn8Bv4Cx0Zl6Kj2Hg8Fd4Sa0Po6Iu2Yt8", [("SL001", 11, 36), ("SL012", 6, 31)]),
    ("${CLIENT_SECRET}", [("SL001", 11, 36)]),
])
def test_kustomize_generator_literals_are_read_as_settings(lint_tree, secret, expected):
    found = lint_tree({"deploy/kustomization.yaml": KUSTOMIZATION % secret}).findings
    assert sorted((f.code, f.loc.line, f.loc.col) for f in found) == expected


def test_a_generic_scope_setting_of_another_provider_beside_a_celonis_one(lint_tree):
    """GitHub's scopes under a generic name, in a kustomization that also names Celonis, are GitHub's:
    in settings, a generically named list is Celonis's only with a name in a Celonis namespace."""
    text = KUSTOMIZATION % "REPLACE_ME" + """\
  - name: gh
    literals:
      - OAUTH_SCOPES=repo read:org
      - TOKEN_URL=https://github.com/login/oauth/access_token
  - name: celonis
    literals:
      - OAUTH_SCOPE=studio.pacakges:read
"""
    found = lint_tree({"kustomization.yaml": text}).findings
    assert [(f.code, f.loc.line) for f in found] == [("SL001", 11), ("SL001", 18)]


# a Deployment of one container, its settings to be written after its name
PUSHER = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: celonis-pusher
spec:
  template:
    spec:
      containers:
        - name: pusher
"""
JAVA_TOOL_OPTIONS = PUSHER + """\
          env:
            - name: JAVA_TOOL_OPTIONS
              value: >-
                -Dcelonis.oauth.client-secret=%s
                -Dcelonis.oauth.scope=studio,integration.data-pools
"""


def test_java_options_folded_over_lines_give_their_secrets_at_the_value():
    # a folded scalar's parts have no column of their own: the secret is reported where the value starts,
    # and the scope list, which a finding would point into, is not judged
    f = facts("deploy/pusher.yaml", JAVA_TOOL_OPTIONS % SECRET)
    assert [(s.name, s.loc.line) for s in f.secrets] == [("celonis.oauth.client-secret", 12)]
    assert f.scope_vars == []


JAVA_ARGS = PUSHER + """\
          command: ["java", "-Dcelonis.oauth.scope=studio,integration.data-pools", "-jar", "/app.jar"]
          args:
            - -Dcelonis.oauth.client-secret=%s
            - "-Dkeycloak.credentials.secret=$(KC_SECRET)"
"""


def test_java_system_properties_among_a_containers_arguments_are_settings():
    # each -Dname=value item of command or args, at its column; a reference to the environment is no value
    text = JAVA_ARGS % SECRET
    f = facts("deploy/pusher.yaml", text)
    lines = text.strip("\n").split("\n")
    assert [(s.name, s.loc.line, s.loc.col) for s in f.secrets] == [
        ("celonis.oauth.client-secret", 12, lines[11].index(SECRET) + 1)]
    assert [(r.name, r.loc.line, r.loc.col) for s in f.scope_vars for r in s.refs] == [
        ("studio", 10, lines[9].index("studio,") + 1), ("integration.data-pools", 10, lines[9].index("integration") + 1)]


COMPOSITE = """\
name: Celonis token
inputs:
  client-id:
    required: true
  scope:
    description: Scopes to request
    default: {default}
runs:
  using: composite
  steps:
    - shell: bash
      run: |
        curl -sS -X POST "https://acme.eu-1.celonis.cloud/oauth2/token" -u "${{{{ inputs.client-id }}}}:$SECRET" \\
          -d "grant_type=client_credentials" -d "scope={reference}"
"""


def test_a_composite_actions_input_default_is_the_scope_its_steps_send(lint_tree):
    text = COMPOSITE.format(default="studio,integration.data-pools", reference="${{ inputs.scope }}")
    found = lint_tree({".github/actions/token/action.yml": text}).findings
    line = text.split("\n").index("    default: studio,integration.data-pools") + 1
    assert [(f.code, f.loc.line, f.loc.col) for f in found if f.code == "SL002"] == [("SL002", line, 14)]
    # a shell variable of the same name is no input; an input without a default is not known
    for default, reference in (("studio,integration.data-pools", "$scope"), ("''", "${{ inputs.scope }}")):
        text = COMPOSITE.format(default=default, reference=reference)
        assert [f.code for f in lint_tree({".github/actions/token/action.yml": text}).findings if f.code == "SL002"] == []


HELD = """apiVersion: v1
kind: ConfigMap
metadata:
  name: erp-push
data:
  application.yaml: |
    spring:
      security:
        oauth2:
          client:
            registration:
              celonis:
                client-id: erp-push
                client-secret: ${CELONIS_CLIENT_SECRET:%s}
                authorization-grant-type: client_credentials
                scope: integration.data-pools:data-push
            provider:
              celonis:
                token-uri: http://acme.eu-1.celonis.cloud/oauth2/token
  celonis.properties: |
    celonis.url=https://acme.eu-1.celonis.cloud

    celonis.client-secret=%s
  notes.txt: |
    client-secret: %s
"""


def test_a_configmap_is_read_for_the_configuration_files_it_holds():
    # each held file is read as one of its own (Spring's, a properties file), at the lines and columns of the
    # manifest; a file of no kind read (notes.txt) is one setting's value, as before
    text = HELD % (SECRET, SECRET[::-1], SECRET.upper())
    f = facts("deploy/erp-push.yaml", text)
    assert secret_spans(f) == [("client secret", "celonis.client-secret", 23, 27, 59),
                               ("client secret", "client-secret", 14, 56, 88)]
    assert [(c.name, c.loc.line) for c in f.clients] == [("celonis", 13)]
    assert [(r.name, r.loc.line, r.loc.col) for r in f.clients[0].scopes.refs] == [
        ("integration.data-pools:data-push", 16, 24)]
    assert [(i.kind, i.loc.line, i.loc.col) for i in f.insecure] == [("http-url", 19, 28)]


@pytest.mark.parametrize("text", [
    # another provider's registration, its secret from the environment
    pytest.param(HELD.replace("celonis", "keycloak").replace("${CELONIS_CLIENT_SECRET:%s}", "${KC_SECRET}")
                 .replace("http://acme.eu-1.keycloak.cloud", "http://keycloak.iam/realms/erp/protocol/openid-connect")
                 .replace("integration.data-pools:data-push", "openid") % ("", ""), id="another-provider"),
    # written as one quoted string, or folded: not the file's lines, judged as one value as before
    pytest.param('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: celonis}\ndata:\n'
                 f'  celonis.properties: "celonis.url=https://acme.eu-1.celonis.cloud\\\\ncelonis.scope={SECRET}"\n',
                 id="a-quoted-string"),
    pytest.param('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: celonis}\ndata:\n  application.yml: >\n'
                 '    spring.security.oauth2.client.registration.celonis.client-id: erp\n'
                 f'    spring.security.oauth2.client.registration.celonis.client-secret: {SECRET}\n', id="folded"),
])
def test_a_configmap_holding_no_secret_or_celonis_file_gives_nothing(text):
    assert facts("deploy/erp-push.yaml", text).is_empty()


RENDER = f"""services:
  - type: worker
    name: celonis-push
    runtime: python
    envVars:
      - key: CELONIS_URL
        value: https://acme.eu-1.celonis.cloud
      - key: CELONIS_CLIENT_SECRET
        value: {SECRET}
      - key: CELONIS_SCOPE
        value: studio,integration.data-pools
      - key: DATABASE_URL
        fromDatabase:
          name: db
          property: connectionString
"""

APP_PLATFORM = f"""name: celonis-push
workers:
  - name: push
    envs:
      - key: CELONIS_CLIENT_SECRET
        value: {SECRET}
        scope: RUN_TIME
        type: SECRET
      - key: CELONIS_SCOPE
        value: studio;integration.data-pools
        scope: RUN_AND_BUILD_TIME
      - key: CELONIS_API_KEY
        value: EV[1:Zk9vQ2mZ7pLr4TbW8sNc1yHe:Xk9vQ2mZ7pLr4TbW8sNc1yHe5uJd3FgAQ2mZ7pLr4Tb]
        scope: RUN_TIME
"""


@pytest.mark.parametrize("path, text, expected", [
    # Render's and DigitalOcean App Platform's ``{key, value}`` lists name their settings as Kubernetes'
    # ``{name, value}`` do; App Platform's own ``scope: RUN_TIME`` is no OAuth scope, and its encrypted
    # ``EV[...]`` value no secret written out
    pytest.param("render.yaml", RENDER, [("SL002", 11, 16), ("SL012", 9, 16)], id="render"),
    pytest.param(".do/app.yaml", APP_PLATFORM, [("SL002", 10, 16), ("SL012", 6, 16)], id="app-platform"),
])
def test_key_value_lists_name_their_settings(lint_tree, path, text, expected):
    assert sorted(triples(lint_tree({path: text}).findings)) == expected


EB_ENV = f"""option_settings:
  aws:elasticbeanstalk:application:environment:
    CELONIS_URL: https://acme.eu-1.celonis.cloud
    CELONIS_CLIENT_SECRET: {SECRET}
    CELONIS_SCOPE: studio,integration.data-pools
"""


def test_an_elastic_beanstalk_config_is_yaml_and_sets_the_environment(lint_tree):
    # Elastic Beanstalk reads .ebextensions/*.config as YAML; another .config (.NET's web.config) is not its
    found = lint_tree({".ebextensions/02-celonis.config": EB_ENV, "web/web.config": EB_ENV,
                       ".ebextensions/01-packages.config": "packages:\n  yum:\n    jq: []\noption_settings:\n"
                       "  aws:elasticbeanstalk:application:environment:\n"
                       "    CELONIS_CLIENT_SECRET: '{{resolve:secretsmanager:prod/celonis:SecretString:client_secret}}'\n"
                       "    CELONIS_SCOPE: integration.data-pools:data_push\n"}).findings
    assert sorted((f.loc.path, f.code, f.loc.line, f.loc.col) for f in found) == [
        (".ebextensions/02-celonis.config", "SL002", 5, 20), (".ebextensions/02-celonis.config", "SL012", 4, 28)]


def test_a_cloudformation_parameters_default_is_the_settings_value(lint_tree):
    """A parameter named as the Celonis scope holds, by default, the scope the stack sends; a Cognito
    resource server's scope beside it is Cognito's."""
    text = ('AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nParameters:\n'
            '  CelonisTeamUrl:\n    Type: String\n    Default: https://acme.eu-1.celonis.cloud\n'
            '  CelonisOAuthScope:\n    Type: String\n    Default: mcp-asset.tools:exec\n'
            '    Description: The scope the gateway asks Celonis for\n'
            'Resources:\n  ResourceServer:\n    Type: AWS::Cognito::UserPoolResourceServer\n    Properties:\n'
            '      Identifier: celonis-agent\n      Scopes:\n        - ScopeName: invoke\n          ScopeDescription: Invoke\n')
    found = lint_tree({"agentcore/template.yaml": text}).findings
    assert [(f.code, f.loc.line, f.loc.col, f.message.split(" (")[0]) for f in found] == [
        ("SL001", 9, 14, "unknown scope 'mcp-asset.tools:exec'")]
