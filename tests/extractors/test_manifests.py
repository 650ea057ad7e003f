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
