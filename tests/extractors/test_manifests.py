"""The shell scripts of Kubernetes workflow resources (``shell.manifests``): an Argo template's
``script.source`` and a Tekton step's ``script``, read where they stand in the YAML file."""
from __future__ import annotations

import pytest

from tests.conftest import triples

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
