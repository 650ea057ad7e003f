"""Requests that workflow tools store as data (``documents.actions``): Logic Apps and Power Automate
Http actions, Data Factory Web activities, n8n HTTP Request nodes, GitHub Actions steps of an HTTP
request action, Ansible uri tasks, judged as any request is."""
from __future__ import annotations

import json

TEAM = "https://acme.eu-1.celonis.cloud"
KEY = "Zx8vQ2pL9mN4rT7yB1cK5dF3gH6jW0eA"


def logic_app(token_url: str, body: str) -> str:
    return json.dumps({"definition": {"actions": {
        "Get_token": {"type": "Http", "inputs": {
            "method": "POST", "uri": token_url, "headers": {"Content-Type": "application/x-www-form-urlencoded"},
            "body": body}},
        "Push": {"type": "Http", "inputs": {
            "method": "POST", "uri": TEAM + "/integration/api/v1/data-push/@{parameters('poolId')}/jobs/",
            "headers": {"Authorization": "Bearer @{body('Get_token')?['access_token']}"}}}}}}, indent=2)


def rows(result, *codes):
    return [(f.code, f.loc.path, f.loc.line, f.loc.col) for f in result.findings if f.code in codes]


def test_a_logic_app_token_request_and_its_call(lint_tree):
    body = ("grant_type=client_credentials&client_id=@{parameters('celonisClientId')}"
            "&client_secret=@{parameters('celonisClientSecret')}&scope=studio,integration.data-pools")
    text = logic_app(TEAM + "/oauth2/token", body)
    result = lint_tree({"workflows/push/workflow.json": text})
    line = next(i for i, l in enumerate(text.split("\n"), 1) if '"body": "grant_type' in l)
    col = text.split("\n")[line - 1].index("studio,") + 1
    # the comma-joined scopes where they are written; the parameters put in are no secrets
    assert rows(result, "SL002", "SL004", "SL006", "SL012") == [
        ("SL002", "workflows/push/workflow.json", line, col), ("SL006", "workflows/push/workflow.json", line, col),
        ("SL004", "workflows/push/workflow.json", line, col + len("studio,"))]


def test_an_n8n_token_request_tls_switched_off_and_a_key_header(lint_tree):
    nodes = [
        {"parameters": {"method": "POST", "url": TEAM + "/oauth2/token", "sendBody": True, "contentType": "form-urlencoded",
                        "bodyParameters": {"parameters": [
                            {"name": "grant_type", "value": "client_credentials"},
                            {"name": "client_secret", "value": "={{ $env.CELONIS_CLIENT_SECRET }}"},
                            {"name": "scope", "value": "integration.data-pools:data-push"}]},
                        "options": {"allowUnauthorizedCerts": True}},
         "name": "Token", "type": "n8n-nodes-base.httpRequest"},
        {"parameters": {"url": "={{ $env.CELONIS_URL }}/integration/api/pools", "sendHeaders": True,
                        "headerParameters": {"parameters": [{"name": "Authorization", "value": f"AppKey {KEY}"}]}},
         "name": "Pools", "type": "n8n-nodes-base.httpRequest"},
        # another service's API with a key of its own, and a node of another kind
        {"parameters": {"url": "https://api.example.com/v1/items", "headerParameters": {"parameters": [
            {"name": "Authorization", "value": "={{ 'AppKey ' + $credentials.key }}"}]}},
         "name": "Other", "type": "n8n-nodes-base.httpRequest"},
        {"parameters": {"url": TEAM + "/oauth2/token"}, "name": "Note", "type": "n8n-nodes-base.stickyNote"},
    ]
    text = json.dumps({"name": "Celonis", "nodes": nodes}, indent=2)
    lines = text.split("\n")

    def where(needle: str, offset: int = 0) -> tuple[int, int]:
        line = next(i for i, l in enumerate(lines, 1) if needle in l)
        return line, lines[line - 1].index(needle) + 1 + offset

    result = lint_tree({"n8n/celonis.json": text})
    found = sorted(rows(result, "SL003", "SL012", "SL014", "SL018"))
    assert found == sorted([
        ("SL003", "n8n/celonis.json", *where("integration.data-pools:data-push")),
        ("SL014", "n8n/celonis.json", *where("\"allowUnauthorizedCerts\": true", len("\"allowUnauthorizedCerts\": "))),
        ("SL018", "n8n/celonis.json", *where(f"AppKey {KEY}")),
        ("SL012", "n8n/celonis.json", *where(KEY)),
    ])


def test_another_providers_web_activity_and_escaped_strings_say_nothing(lint_tree):
    graph = json.dumps({"name": "pl_graph", "properties": {"activities": [{
        "name": "GetGraphToken", "type": "WebActivity", "typeProperties": {
            "url": "https://login.microsoftonline.com/@{pipeline().parameters.tenant}/oauth2/v2.0/token",
            "method": "POST", "disableCertValidation": True,
            "body": "grant_type=client_credentials&scope=https://graph.microsoft.com/.default&celonis=studio"}}]}}, indent=2)
    # a body with a JSON escape: its characters are not where its value's are, so it is not read
    escaped = logic_app(TEAM + "/oauth2/token", "grant_type=client_credentials&scope=studio,integration.data-pools") \
        .replace("grant_type=client_credentials", "grant_type=client_credentials\\u0026x=1")
    result = lint_tree({"adf/pipeline/pl_graph.json": graph, "flows/escaped.json": escaped})
    assert rows(result, "SL002", "SL004", "SL006", "SL012", "SL014") == []


def test_dynamic_content_of_a_web_activity_and_a_body_field_named_like_a_grant(lint_tree):
    def activity(body):
        return {"name": "GetToken", "type": "WebActivity", "typeProperties": {
            "url": TEAM + "/oauth2/token", "method": "POST", "body": body}}
    pipeline = json.dumps({"name": "pl", "properties": {"activities": [
        # the designer saves a body with dynamic content as an expression object: its text is the body
        activity({"value": "grant_type=client_credentials&client_id=@{pipeline().parameters.id}&scope=studio integration.datapools",
                  "type": "Expression"}),
        # a whole expression: what it sends is unknown (no "sends no scope")
        activity({"value": "@concat('grant_type=client_credentials&scope=', pipeline().parameters.scope)", "type": "Expression"}),
        activity("@concat('grant_type=client_credentials&scope=', pipeline().parameters.scope)"),
    ]}}, indent=2)
    subscription = json.dumps({"definition": {"actions": {"Subscribe": {"type": "Http", "inputs": {
        "method": "POST", "uri": TEAM + "/intelligence/api/knowledge-models/km1/triggers/t1/subscriptions",
        "body": {"name": "sub", "scope": "TEAM", "grant_type": "none"}}}}}}, indent=2)
    result = lint_tree({"adf/pipeline/pl.json": pipeline, "la/workflow.json": subscription})
    line = next(i for i, l in enumerate(pipeline.split("\n"), 1) if "integration.datapools" in l)
    assert [(f.code, f.loc.path, f.loc.line) for f in result.findings if f.code in ("SL001", "SL002", "SL003", "SL015")] == [
        ("SL001", "adf/pipeline/pl.json", line)]


WORKFLOW = """\
name: deploy
on: [push]
jobs:
  push:
    runs-on: ubuntu-latest
    steps:
      - name: Get a token
        id: tok
        uses: fjogeleit/http-request-action@v1
        with:
          url: 'TOKEN_URL'
          customHeaders: '{"Content-Type": "application/x-www-form-urlencoded"}'
          data: 'grant_type=client_credentials&client_id=${{ secrets.CLIENT_ID }}&client_secret=${{ secrets.CLIENT_SECRET }}&scope=SCOPES'
          ignoreSsl: true
      - run: |
          curl -sf "https://acme.eu-1.celonis.cloud/integration/api/pools" -H "Authorization: Bearer $TOKEN"
        env:
          TOKEN: ${{ fromJson(steps.tok.outputs.response).access_token }}
"""


def test_a_workflow_steps_http_request_action_is_a_request(lint_tree):
    # the action's inputs are a request's parts; ${{ ... }} is a value not known, the method POST by default
    text = WORKFLOW.replace("TOKEN_URL", TEAM + "/oauth2/token").replace("SCOPES", "studio,integration.data-pools")
    result = lint_tree({".github/workflows/deploy.yml": text})
    assert rows(result, "SL002", "SL014", "SL013", "SL012") == [
        ("SL002", ".github/workflows/deploy.yml", 13, text.split("\n")[12].index("studio,") + 1),
        ("SL014", ".github/workflows/deploy.yml", 14, 22)]


def test_another_providers_http_request_action_says_nothing(lint_tree):
    text = WORKFLOW.replace("TOKEN_URL", "https://login.example-idp.com/oauth2/token").replace(
        "SCOPES", "studio,read:org").replace("acme.eu-1.celonis.cloud/integration/api/pools", "api.example.com/v1/pools")
    assert lint_tree({".github/workflows/deploy.yml": text}).findings == []


TASKS = """\
---
- name: Get a token
  ansible.builtin.uri:
    url: "TOKEN_URL"
    method: POST
    body_format: form-urlencoded
    body:
      grant_type: client_credentials
      client_id: "{{ client_id }}"
      client_secret: "{{ client_secret }}"
      scope: "SCOPES"
  register: token
- name: Push the extract
  uri:
    url: "API_URL/integration/api/v1/data-push/{{ pool_id }}/jobs/"
    method: POST
    validate_certs: no
    url_password: PASSWORD
    headers:
      Authorization: "Bearer {{ token.json.access_token }}"
"""


def test_an_ansible_uri_task_is_a_request(lint_tree):
    # the module's arguments are a request's parts; {{ ... }} is a value not known
    text = TASKS.replace("TOKEN_URL", TEAM + "/oauth2/token").replace("SCOPES", "integration.data-pool").replace(
        "API_URL", TEAM).replace("PASSWORD", KEY)
    result = lint_tree({"roles/celonis/tasks/main.yml": text})
    lines = text.split("\n")
    assert rows(result, "SL001", "SL005", "SL012", "SL014") == [
        ("SL001", "roles/celonis/tasks/main.yml", 11, lines[10].index("integration") + 1),
        ("SL005", "roles/celonis/tasks/main.yml", 15, lines[14].index("/integration") + 1),
        ("SL014", "roles/celonis/tasks/main.yml", 17, lines[16].index("no") + 1),
        ("SL012", "roles/celonis/tasks/main.yml", 18, lines[17].index(KEY) + 1)]
    assert [f.message for f in result.findings if f.code == "SL014"] == [
        "TLS certificate verification is switched off for a Celonis call (validate_certs: no)"]


def test_another_providers_ansible_uri_task_says_nothing(lint_tree):
    text = TASKS.replace("TOKEN_URL", "https://login.microsoftonline.com/tenant/oauth2/v2.0/token").replace(
        "SCOPES", "https://graph.microsoft.com/.default").replace("API_URL", "https://graph.microsoft.com").replace(
        "PASSWORD", "{{ vault_password }}")
    assert lint_tree({"roles/graph/tasks/main.yml": text}).findings == []


def _logic_app_inputs(inputs: dict) -> str:
    return json.dumps({"definition": {"actions": {"Get_token": {"type": "Http", "inputs": {
        "method": "POST", "uri": TEAM + "/oauth2/token", **inputs}}}}}, indent=2)


def _at(text: str, needle: str) -> tuple[int, int]:
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def test_a_logic_apps_form_body_and_query_parameters_are_the_requests_fields(lint_tree):
    # the designer's form body: its scope is sent, so no "sends no scope", and it is judged where written
    formdata = {"body": {"$content-type": "application/x-www-form-urlencoded", "$formdata": [
        {"key": "grant_type", "value": "client_credentials"}, {"key": "client_secret", "value": "@parameters('secret')"},
        {"key": "scope", "value": "studio;package-manager"}]}}
    text = _logic_app_inputs(formdata)
    assert rows(lint_tree({"wf/workflow.json": text}), "SL002", "SL012", "SL015") == [
        ("SL002", "wf/workflow.json", *_at(text, "studio;"))]
    formdata["body"]["$formdata"][2]["value"] = "integration.data-pools:data_push"
    assert rows(lint_tree({"wf/workflow.json": _logic_app_inputs(formdata)}), "SL001", "SL002", "SL015") == []
    # query parameters with the client's credentials sent by Basic authentication
    text = _logic_app_inputs({"queries": {"grant_type": "client_credentials", "scope": "studio,action-engine.projects"},
                              "authentication": {"type": "Basic", "username": "@parameters('id')",
                                                 "password": "@parameters('secret')"}})
    assert rows(lint_tree({"wf/workflow.json": text}), "SL002", "SL012", "SL015") == [
        ("SL002", "wf/workflow.json", *_at(text, "studio,"))]


def test_a_literal_basic_password_of_a_celonis_token_request_is_a_secret(lint_tree):
    logic = _logic_app_inputs({"body": "grant_type=client_credentials&scope=studio",
                               "authentication": {"type": "Basic", "username": "celonis-sync", "password": KEY}})
    adf = json.dumps({"name": "pl", "properties": {"activities": [{"name": "Token", "type": "WebActivity", "typeProperties": {
        "url": TEAM + "/oauth2/token", "method": "POST", "body": "grant_type=client_credentials&scope=studio",
        "authentication": {"type": "Basic", "username": "celonis-sync",
                           "password": {"type": "SecureString", "value": KEY}}}}]}}, indent=2)
    result = lint_tree({"wf/workflow.json": logic, "pipeline/pl.json": adf})
    assert sorted(rows(result, "SL012")) == [("SL012", "pipeline/pl.json", *_at(adf, KEY)),
                                             ("SL012", "wf/workflow.json", *_at(logic, KEY))]
    assert all(KEY not in f.message for f in result.findings)


def test_masked_and_other_kinds_of_authentication_passwords_say_nothing(lint_tree):
    # the export's mask; a client certificate's password (no Basic credentials); another provider's Basic request
    masked = json.dumps({"name": "pl", "properties": {"activities": [{"name": "Token", "type": "WebActivity", "typeProperties": {
        "url": TEAM + "/oauth2/token", "method": "POST", "body": "grant_type=client_credentials&scope=studio",
        "authentication": {"type": "Basic", "username": "x", "password": {"type": "SecureString", "value": "**********"}}}}]}})
    certificate = _logic_app_inputs({"body": "grant_type=client_credentials&scope=studio",
                                     "authentication": {"type": "ClientCertificate", "pfx": "@parameters('pfx')",
                                                        "password": "@parameters('pfxPassword')"}})
    other = json.dumps({"definition": {"actions": {"Token": {"type": "Http", "inputs": {
        "method": "POST", "uri": "https://login.microsoftonline.com/tenant/oauth2/v2.0/token",
        "body": {"$content-type": "application/x-www-form-urlencoded", "$formdata": [
            {"key": "scope", "value": "studio;package-manager"}]},
        "queries": {"scope": "https://graph.microsoft.com/.default"}}}}}})
    result = lint_tree({"a/pl.json": masked, "b/workflow.json": certificate, "c/workflow.json": other})
    assert rows(result, "SL002", "SL012", "SL015") == []


KESTRA = """\
id: celonis_push
namespace: company.data
tasks:
  - id: token
    type: io.kestra.plugin.core.http.Request
    uri: {uri}
    method: POST
    contentType: application/x-www-form-urlencoded
    formData:
      grant_type: {grant}
      client_id: "{{{{ secret('CELONIS_CLIENT_ID') }}}}"
      client_secret: {secret}
      scope: "integration.data-pools:data_push;studio"
"""


def test_a_kestra_request_tasks_form_is_a_token_request(lint_tree):
    text = KESTRA.format(uri=TEAM + "/oauth2/token", grant="password", secret=KEY)
    result = lint_tree({"flows/push.yaml": text})
    assert rows(result, "SL002", "SL010", "SL012") == [
        ("SL010", "flows/push.yaml", *_at(text, "password")), ("SL012", "flows/push.yaml", *_at(text, KEY)),
        ("SL002", "flows/push.yaml", *_at(text, "integration.data-pools:data_push;"))]
    # the secret store's value is no literal; another provider's request says nothing of its scopes
    text = KESTRA.format(uri=TEAM + "/oauth2/token", grant="client_credentials", secret="\"{{ secret('S') }}\"")
    assert rows(lint_tree({"flows/push.yaml": text}), "SL010", "SL012") == []
    text = KESTRA.format(uri="https://api.hubapi.com/oauth/v1/token", grant="client_credentials",
                         secret="\"{{ secret('S') }}\"")
    assert [f for f in lint_tree({"flows/hubspot.yaml": text}).findings if f.loc.path == "flows/hubspot.yaml"] == []


def _adf(url: str, body: str) -> str:
    return json.dumps({"name": "pl", "properties": {"activities": [{"name": "Token", "type": "WebActivity", "typeProperties": {
        "url": url, "method": "POST", "headers": {"Content-Type": "application/x-www-form-urlencoded"},
        "body": {"value": body, "type": "Expression"}}}]}}, indent=2)


def test_the_quoted_parts_of_a_data_factory_concat_body_are_read_where_written(lint_tree):
    body = ("@concat('grant_type=client_credentials&scope=studio,integration.data-pools&client_id=', "
            "pipeline().parameters.clientId, '&client_secret=', pipeline().parameters.clientSecret)")
    text = _adf(TEAM + "/oauth2/token", body)
    result = lint_tree({"pipeline/pl.json": text})
    assert rows(result, "SL002", "SL012", "SL015") == [("SL002", "pipeline/pl.json", *_at(text, "studio,"))]
    # a part with a doubled quote is not known; another provider's token request says nothing
    quoted = "@concat('grant_type=client_credentials&scope=', 'studio,integration.data-pools''s')"
    assert rows(lint_tree({"pipeline/pl.json": _adf(TEAM + "/oauth2/token", quoted)}), "SL002", "SL015") == []
    other = _adf("https://login.microsoftonline.com/t/oauth2/v2.0/token", body)
    assert [f for f in lint_tree({"pipeline/aad.json": other}).findings if f.loc.path == "pipeline/aad.json"] == []
