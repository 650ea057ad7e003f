"""The shell scripts of Kubernetes workflow resources (``shell.manifests``): an Argo template's
``script.source`` and a Tekton step's ``script``, read where they stand in the YAML file."""
from __future__ import annotations

import pytest

from scopelint.extractors import Source
from scopelint.model import FileFacts
from tests.conftest import extract, triples

ARGO = """\
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: celonis-push
spec:
  templates:
    - name: push
      script:
        image: curlimages/curl:8.8.0
        command: [{command}]
        env:
          - name: SCOPE
            value: "integration.data-pools:data_push studio"
          - name: CLIENT_SECRET
            valueFrom:
              secretKeyRef: {{name: celonis-oauth, key: client_secret}}
        source: |
          curl -s -X POST https://acme.eu-1.celonis.cloud/oauth2/token \\
            -u "celonis-sync:$CLIENT_SECRET" -d grant_type=client_credentials -d "scope=$SCOPE"
          curl -s http://acme.eu-1.celonis.cloud/integration/api/v1/data-push/pool-1/jobs/
"""

TEKTON = """\
apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: celonis-token
spec:
  steps:
    - name: token
      image: curlimages/curl:8.8.0
      script: |
        {shebang}
        curl -s -X POST https://acme.eu-1.celonis.cloud/oauth2/token -d grant_type=client_credentials \\
          -d "scope=studio studio"
"""


def _at(text: str, needle: str) -> tuple[int, int]:
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


@pytest.mark.parametrize("command", ["sh", "bash", "/bin/sh"])
def test_an_argo_script_templates_shell_is_read_with_its_containers_variables(lint_tree, command):
    text = ARGO.format(command=command)
    # the scope its env writes out, judged where it is written; the plain-HTTP call where the script has it
    assert triples(lint_tree({"workflows/push.yaml": text}).findings) == [
        ("SL006", *_at(text, "studio\"")), ("SL014", *_at(text, "http://acme"))]


@pytest.mark.parametrize("shebang", ["", "#!/bin/sh", "#!/usr/bin/env bash"])
def test_a_tekton_steps_script_is_read_where_it_stands(lint_tree, shebang):
    text = TEKTON.format(shebang=shebang)
    assert triples(lint_tree({"tekton/task.yaml": text}).findings) == [("SL016", *_at(text, "studio\""))]


@pytest.mark.parametrize("files", [
    # another interpreter's script
    pytest.param({"a.yaml": ARGO.format(command="python")}, id="argo-python"),
    pytest.param({"t.yaml": TEKTON.format(shebang="#!/usr/bin/env python3")}, id="tekton-python"),
    # the same shape outside an Argo or Tekton resource, and another provider's token request
    pytest.param({"deploy/job.yaml": ARGO.format(command="sh").replace("argoproj.io/v1alpha1", "example.com/v1")},
                 id="not-a-workflow-resource"),
    pytest.param({"t.yaml": TEKTON.format(shebang="").replace("acme.eu-1.celonis.cloud/oauth2/token",
                                                              "keycloak.example.com/realms/x/protocol/openid-connect/token")},
                 id="keycloak"),
])
def test_lookalikes_say_nothing(lint_tree, files):
    assert lint_tree(files).findings == []


def test_a_maven_property_inside_a_command_substitution_is_read_without_trouble(lint_tree):
    # a -D option inside $(...) whose value is not known: it was split again and again, and the file went unread
    text = TEKTON.format(shebang="#!/usr/bin/env bash").replace(
        "        curl", "        VERSION=$(mvn -s $(workspaces.settings.path)/settings.xml -Dexec.args='${project.version}')\n"
                       "        curl", 1)
    result = lint_tree({"tekton/task.yaml": text})
    assert triples(result.findings) == [("SL016", *_at(text, "studio\""))]
    assert result.notes == []


def test_argo_parameters_are_values_not_known_and_the_calls_beside_them_count(lint_tree):
    text = ARGO.format(command="sh").replace("https://acme.eu-1.celonis.cloud/oauth2/token",
                                             '"{{inputs.parameters.team-url}}/oauth2/token"').replace(
        "http://acme.eu-1.celonis.cloud/integration/api/v1/data-push/pool-1/jobs/",
        '"{{inputs.parameters.team-url}}/intelligence/api/knowledge-models"')
    found = lint_tree({"workflows/km.yaml": text}).findings
    # the knowledge-model read is the script's one call: data push and studio are broader than it needs
    assert [(f.code, f.scope, f.loc.line, f.loc.col) for f in found] == [
        ("SL006", "integration.data-pools:data_push", *_at(text, "integration.data-pools:data_push")),
        ("SL004", "studio", *_at(text, "studio\""))]


CRONJOB = """\
apiVersion: batch/v1
kind: CronJob
metadata:
  name: celonis-sync
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: sync
              image: curlimages/curl:8.8.0
              env:
                - name: SCOPE
                  value: "studio integration.data-pools"
                - name: CLIENT_SECRET
                  valueFrom: {{secretKeyRef: {{name: celonis-oauth, key: secret}}}}
              command: [{shell}]
              args:
                - |
                  TOKEN=$(curl -s -X POST https://acme.eu-1.celonis.cloud/oauth2/token -u "sync:$CLIENT_SECRET" \\
                    -d grant_type=client_credentials -d "scope=$SCOPE" | jq -r .access_token)
                  curl -s -H "Authorization: Bearer $TOKEN" https://acme.eu-1.celonis.cloud/integration/api/pools
"""

ARGV = """\
apiVersion: v1
kind: Pod
metadata:
  name: token
spec:
  containers:
    - name: token
      image: curlimages/curl:8.8.0
      env:
        - name: TEAM
          value: https://acme.eu-1.celonis.cloud
        - name: SCOPES
          value: studio,integration.data-pools
      command: [curl]
      args:
        - -s
        # the token endpoint of the team
        - $(TEAM)/oauth2/token
        - -d
        - grant_type=client_credentials&scope=$(SCOPES)
        - -d
        - client_secret=9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc
"""


@pytest.mark.parametrize("shell", ['"/bin/sh", "-ec"', "bash, -o, pipefail, -c", "/usr/bin/env, sh, -c",
                                   "bash, -euo, pipefail, -c", '"/bin/sh", "-c", "--"', "bash, --noprofile, --norc, -ec",
                                   "env, -i, LANG=C, sh, -c"])
def test_a_containers_shell_script_is_read_with_its_variables(lint_tree, shell):
    text = CRONJOB.format(shell=shell)
    # the scope its env writes out, judged against the script's one call (pools: integration.data-pools)
    found = lint_tree({"k8s/cronjob.yaml": text}).findings
    assert [(f.code, f.scope, f.loc.line, f.loc.col) for f in found] == [("SL006", "studio", *_at(text, "studio "))]


def _chart(text: str) -> str:
    """``text`` as ``helm create`` writes a template: a wrapper, names and labels filled in by actions."""
    return ("{{- if .Values.sync.enabled }}\n" + text.replace("  name: celonis-sync\n",
            '  name: {{ include "sync.fullname" . }}\n  labels:\n    {{- include "sync.labels" . | nindent 4 }}\n')
            .replace('schedule: "0 * * * *"', "schedule: {{ .Values.schedule | quote }}")
            .replace("image: curlimages/curl:8.8.0", "image: {{ .Values.image.repository }}:{{ .Values.image.tag }}")
            + "{{- end }}\n")


def test_a_helm_templates_container_script_is_read_around_its_actions(lint_tree):
    """A chart's template is YAML only once its actions are taken out; its container's script is read
    as written, with an action in it a value not known."""
    text = _chart(CRONJOB.format(shell='"/bin/sh", "-c"'))
    found = lint_tree({"chart/templates/cronjob.yaml": text}).findings
    assert [(f.code, f.scope, f.loc.line, f.loc.col) for f in found] == [("SL006", "studio", *_at(text, "studio "))]
    # the same where an action gives the token URL's host; but scopes an action gives are not known
    host = text.replace("https://acme.eu-1.celonis.cloud/oauth2/token", "{{ .Values.celonis.url }}/oauth2/token")
    assert [(f.code, f.scope) for f in lint_tree({"chart/templates/cronjob.yaml": host}).findings] == [("SL006", "studio")]
    scopes = text.replace('value: "studio integration.data-pools"', "value: {{ .Values.celonis.scopes | quote }}")
    assert lint_tree({"chart/templates/cronjob.yaml": scopes}).findings == []
    # another provider's token request in the same chart says nothing of Celonis scopes
    text = _chart(CRONJOB.format(shell="sh, -c")).replace(
        "https://acme.eu-1.celonis.cloud/oauth2/token", "https://login.example.okta.com/oauth2/default/v1/token")
    assert [f.code for f in lint_tree({"chart/templates/cronjob.yaml": text}).findings] == []


SCRIPT_CONFIG_MAP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: celonis-token-fetcher
data:
  settings.json: '{{"retries": 3}}'
  {key}: |
    {shebang}
    TOKEN=$(curl --request POST --url "https://acme.eu-1.celonis.cloud/oauth2/token" \\
      --user "$CLIENT_ID:$CLIENT_SECRET" --data 'grant_type=client_credentials&scope=studio.spaces' | jq -r .access_token)
    curl -s -H "Authorization: Bearer $TOKEN" https://acme.eu-1.celonis.cloud/integration/api/v1/data-push/pool-1/jobs/
"""


@pytest.mark.parametrize("key, shebang, kind", [("script.sh", "#!/bin/bash", "ConfigMap"), ("fetch.sh", "", "ConfigMap"),
                                               ("entrypoint", "#!/bin/sh -e", "ConfigMap"), ("script.sh", "", '"ConfigMap"')])
def test_a_shell_script_a_config_map_holds_is_read_where_it_stands(lint_tree, key, shebang, kind):
    """A CronJob often runs a script kept in a ConfigMap (``command: [/bin/bash, /script.sh]``, mounted
    from it): the script is read where the ConfigMap writes it, named as a shell script or by its ``#!``
    (and a generator's ``kind: "ConfigMap"`` is one)."""
    text = SCRIPT_CONFIG_MAP.format(key=key, shebang=shebang).replace("kind: ConfigMap", f"kind: {kind}")
    found = lint_tree({"k8s/script-cm.yml": text}).findings
    assert triples(found) == [("SL003", *_at(text, "studio.spaces")), ("SL005", *_at(text, "/integration/api/v1"))]


@pytest.mark.parametrize("changes", [
    pytest.param([("script.sh", "fetch.py"), ("#!/bin/bash", "#!/usr/bin/env python3")], id="another-interpreter"),
    pytest.param([("kind: ConfigMap", "kind: Secret")], id="not-a-config-map"),
    pytest.param([("https://acme.eu-1.celonis.cloud/oauth2/token", "https://sso.example.com/realms/x/protocol/openid-connect/token"),
                  ("https://acme.eu-1.celonis.cloud/integration", "https://reports.example.com/integration")], id="another-provider"),
])
def test_config_map_lookalikes_say_nothing(lint_tree, changes):
    text = SCRIPT_CONFIG_MAP.format(key="script.sh", shebang="#!/bin/bash")
    for old, new in changes:
        text = text.replace(old, new)
    assert lint_tree({"k8s/script-cm.yml": text}).findings == []


def test_a_containers_words_are_one_command_line(lint_tree):
    # $(TEAM) and $(SCOPES) are the variables' values; a word holding "&" is still one word; each finding
    # where the file writes it
    assert triples(lint_tree({"pod.yaml": ARGV}).findings) == [
        ("SL002", *_at(ARGV, "studio,")), ("SL012", *_at(ARGV, "9f8e7d6c"))]
    # the token URL over plain HTTP, where the variable writes it
    text = ARGV.replace("https://acme", "http://acme")
    assert ("SL014", *_at(text, "http://acme")) in triples(lint_tree({"pod.yaml": text}).findings)


@pytest.mark.parametrize("image", ["curlimages/curl:8.8.0", "docker.io/curlimages/curl@sha256:4a3b", "curlimages/curl"])
def test_args_alone_are_the_words_of_an_images_known_entrypoint(lint_tree, image):
    # curlimages/curl runs curl: its args alone are a curl command line, -k and plain HTTP included
    text = ARGV.replace("      command: [curl]\n", "").replace("curlimages/curl:8.8.0", image).replace("- -s", "- -sk")
    assert triples(lint_tree({"pod.yaml": text}).findings) == [
        ("SL002", *_at(text, "studio,")), ("SL014", *_at(text, "-sk")), ("SL012", *_at(text, "9f8e7d6c"))]


@pytest.mark.parametrize("command", ["pwsh, -NoProfile, -Command", "pwsh, -NoProfile, -ExecutionPolicy, Bypass, -c"])
def test_a_powershell_containers_command_is_read(lint_tree, command):
    pwsh = ARGV.replace("command: [curl]", f"command: [{command}]").replace(
        "      args:\n        - -s\n        # the token endpoint of the team\n        - $(TEAM)/oauth2/token\n        - -d\n"
        "        - grant_type=client_credentials&scope=$(SCOPES)\n        - -d\n"
        "        - client_secret=9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc\n",
        "      args: ['Invoke-RestMethod -Method Post -Uri https://acme.eu-1.celonis.cloud/oauth2/token "
        "-Body \"grant_type=client_credentials&scope=studio.spaces:read\"']\n")
    assert triples(lint_tree({"pod.yaml": pwsh}).findings) == [("SL001", *_at(pwsh, "studio.spaces:read"))]


def test_an_argo_container_templates_words_with_its_parameters(lint_tree):
    argo = ARGO.format(command="sh").replace("      script:", "      container:").replace(
        "        command: [sh]", "        command: [curl, -s]\n        args: [https://acme.eu-1.celonis.cloud/oauth2/token, "
        "-u, \"{{inputs.parameters.client}}:$(CLIENT_SECRET)\", -d, \"grant_type=client_credentials&scope=studio.package\"]"
    ).split("        source:")[0]
    assert triples(lint_tree({"argo.yaml": argo}).findings) == [("SL001", *_at(argo, "studio.package"))]


@pytest.mark.parametrize("changes", [
    pytest.param([("acme.eu-1.celonis.cloud", "keycloak.example.com/realms/x/protocol/openid-connect/token")],
                 id="another-provider"),
    pytest.param([("command: [curl]", "command: [bash, /scripts/token.sh]")], id="a-shell-running-a-file"),
    pytest.param([("command: [curl]", "command: [python3, -c]")], id="another-interpreter"),
    pytest.param([("$(SCOPES)", "$(SCOPE_LIST)")], id="a-variable-it-does-not-have"),
    pytest.param([("apiVersion: v1\nkind: Pod\n", "version: 1\n")], id="not-a-kubernetes-resource"),
    pytest.param([("image: curlimages/curl:8.8.0", "image: acme/fetcher:1.0"), ("      command: [curl]\n", "")],
                 id="args-alone-to-an-entrypoint-not-known"),
])
def test_container_lookalikes_say_nothing(lint_tree, changes):
    text = ARGV
    for old, new in changes:
        text = text.replace(old, new)
    text = text.replace("        - -d\n        - client_secret=9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc\n", "").replace(
        "value: studio,integration.data-pools", "value: studio")
    assert text != ARGV
    assert lint_tree({"pod.yaml": text}).findings == []


def test_a_word_holding_quotes_is_one_word_and_a_shell_variable_in_argv_is_not_expanded(lint_tree):
    # a JSON body as one word: the AppKey header of the call beside it is read
    text = ARGV.replace("      args:\n", '      args:\n        - -H\n        - "Authorization: AppKey $(KEY)"\n'
                        "        - -d\n        - '{\"type\": \"DELTA\"}'\n").replace(
        "$(TEAM)/oauth2/token", "$(TEAM)/integration/api/v1/data-push/pool-1/jobs/")
    assert ("SL018", *_at(text, "AppKey $(KEY)")) in triples(lint_tree({"pod.yaml": text}).findings)
    # nothing expands ${SCOPES} in a container's words: curl is sent the text as it is, and the value is not judged
    text = ARGV.replace("scope=$(SCOPES)", "scope=${SCOPES}")
    assert triples(lint_tree({"pod.yaml": text}).findings) == [("SL012", *_at(text, "9f8e7d6c"))]


def test_a_custom_resources_schema_is_not_parsed(monkeypatch):
    # ``containers:`` in a schema, and no image with a value: nothing to read, and a large file to parse
    from scopelint.extractors.shell import manifests

    crd = ("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  versions:\n    - schema:\n"
           "        openAPIV3Schema:\n          properties:\n            containers:\n              items:\n"
           "                properties:\n                  image:\n                    type: string\n"
           "                  command: {type: array, description: the token to curl}\n")
    monkeypatch.setattr(manifests.located, "from_yaml_all", lambda *a, **k: pytest.fail("parsed"))
    manifests.extract(Source("crd.yaml", crd), FileFacts("crd.yaml"))


def test_words_not_written_as_they_read_leave_the_command_unread(lint_tree):
    # an escape in a word: the command line cannot be written out as it runs, so none of it is read
    text = ARGV.replace("- -s", '- "-s\\tv"')
    assert lint_tree({"pod.yaml": text}).findings == []


DEPENDENT = ARGV.replace("""        - name: SCOPES
          value: studio,integration.data-pools
""", """        - name: TOKEN_URL
          value: $(TEAM)/oauth2/token
        - name: SCOPES
          value: integration.data-pools:data_push integration.data-pools:data_push
""").replace("$(TEAM)/oauth2/token\n        - -d", "$(TOKEN_URL)\n        - -d").replace(
    "        - -d\n        - client_secret=9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc\n", "")


def _token_urls(text: str) -> list[str | None]:
    from scopelint.extractors.shell import manifests

    return [r.url for r in extract("pod.yaml", text, manifests, dedent=False).token_requests]


def test_a_variable_made_of_one_set_before_it_is_both_values(lint_tree):
    # Kubernetes puts $(TEAM) into TOKEN_URL's value: the token request goes to the team's URL
    assert _token_urls(DEPENDENT) == ["https://acme.eu-1.celonis.cloud/oauth2/token"]
    assert triples(lint_tree({"pod.yaml": DEPENDENT}).findings) == [
        ("SL016", *_at(DEPENDENT, "integration.data-pools:data_push\n"))]


def test_a_variable_set_after_it_is_not_put_in_and_another_providers_says_nothing(lint_tree):
    # Kubernetes leaves $(TEAM) as it is when TEAM is set later: the host is not known
    later = DEPENDENT.replace("""        - name: TEAM
          value: https://acme.eu-1.celonis.cloud
        - name: TOKEN_URL
          value: $(TEAM)/oauth2/token
""", """        - name: TOKEN_URL
          value: $(TEAM)/oauth2/token
        - name: TEAM
          value: https://acme.eu-1.celonis.cloud
""")
    assert later != DEPENDENT and _token_urls(later) != ["https://acme.eu-1.celonis.cloud/oauth2/token"]
    azure = DEPENDENT.replace("https://acme.eu-1.celonis.cloud", "https://login.microsoftonline.com/contoso").replace(
        "integration.data-pools:data_push integration.data-pools:data_push", "https://graph.microsoft.com/.default")
    assert lint_tree({"pod.yaml": azure}).findings == []



POD_ARGS = """\
apiVersion: v1
kind: Pod
metadata:
  name: token
spec:
  containers:
    - name: token
      image: acme/tools:1.0
      args: [{args}]
"""


@pytest.mark.parametrize("args", [
    "curl, -s, https://acme.eu-1.celonis.cloud/oauth2/token, -d, client_secret=9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc",
    "wget, -qO-, --post-data, client_secret=9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc, https://acme.eu-1.celonis.cloud/oauth2/token",
    "http, --form, POST, https://acme.eu-1.celonis.cloud/oauth2/token, client_secret=9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc",
    "/usr/bin/xh, -f, POST, https://acme.eu-1.celonis.cloud/oauth2/token, client_secret=9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc",
])
def test_args_alone_that_name_a_request_program_are_its_command_line(lint_tree, args):
    # an image whose entrypoint runs the command it is given (``alpine/httpie``, a tools image): the args name it
    text = POD_ARGS.format(args=args)
    assert triples(lint_tree({"pod.yaml": text}).findings) == [
        ("SL015", *_at(text, args.split(",")[0])), ("SL012", *_at(text, "9f8e7d6c"))]


@pytest.mark.parametrize("program", ["http-server", "httpd", "python"])
def test_args_alone_that_name_another_program_say_nothing(lint_tree, program):
    # a server (``http-server``, ``httpd``) or another interpreter is not a request program
    text = POD_ARGS.format(args=f"{program}, -s, https://acme.eu-1.celonis.cloud/oauth2/token, -d, "
                                "client_secret=9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc")
    assert lint_tree({"pod.yaml": text}).findings == []
