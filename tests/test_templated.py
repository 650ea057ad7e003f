"""YAML written through a template engine: Helm chart templates are read around their actions."""
from __future__ import annotations

import textwrap

from hypothesis import given, strategies as st

from scopelint import located
from scopelint.extractors.documents import appconfig, ciconfig, definitions
from scopelint.templated import untemplated
from tests.conftest import extract, secret_spans, triples

SECRET = "q8Zr2LmN4vX7pT1sK9wB3yH6cJ0dF5gA"

DEPLOYMENT = f"""\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{{{ include "app.fullname" . }}}}
  labels:
    {{{{- include "app.labels" . | nindent 4 }}}}
spec:
  template:
    spec:
      containers:
        - name: app
          image: "{{{{ .Values.image.repository }}}}:{{{{ .Values.image.tag | default .Chart.AppVersion }}}}"
          env:
            - name: CELONIS_URL
              value: {{{{ .Values.celonis.url | quote }}}}
            {{{{- if .Values.celonis.existingSecret }}}}
            - name: CELONIS_CLIENT_SECRET
              valueFrom:
                secretKeyRef: {{{{ .Values.celonis.existingSecret }}}}
            {{{{- else }}}}
            - name: CELONIS_CLIENT_SECRET
              value: "{SECRET}"
            {{{{- end }}}}
            {{{{- with .Values.extraEnv }}}}
            {{{{- toYaml . | nindent 12 }}}}
            {{{{- end }}}}
"""


def facts(path: str, text: str):
    return extract(path, text, definitions, ciconfig, appconfig, dedent=False)


def test_every_line_and_column_stays_where_it_was():
    plain = untemplated(DEPLOYMENT)
    assert plain is not None
    lines = plain.split("\n")
    assert len(lines) == len(DEPLOYMENT.split("\n"))
    assert all(len(a) == len(b) for a, b in zip(lines, DEPLOYMENT.split("\n")) if a)  # an emptied line held only actions
    assert lines[3] == "  name: $__include__app_fullname______"
    assert lines[5] == ""  # an action alone on its line leaves it empty
    assert lines[14] == "              value: $___Values_celonis_url___quote___"


def test_else_branch_is_left_out_and_the_first_branch_kept():
    plain = untemplated(DEPLOYMENT)
    lines = plain.split("\n")
    assert "secretKeyRef" in lines[18]
    assert lines[20].strip() == "" and lines[21].strip() == "" and SECRET not in plain


def test_a_literal_secret_in_a_helm_template_is_found_where_it_is_written():
    text = DEPLOYMENT.replace("{{- if .Values.celonis.existingSecret }}", "").replace("{{- else }}", "") \
        .replace("    {{- end }}\n            {{- with", "    {{- with")
    f = facts("chart/templates/deployment.yaml", text)
    assert f.problems == []
    line = text.split("\n").index(f'              value: "{SECRET}"') + 1
    assert secret_spans(f) == [("client secret", "CELONIS_CLIENT_SECRET", line, 23, 23 + len(SECRET))]


def test_a_template_whose_values_are_all_references_is_read_silently():
    f = facts("chart/templates/deployment.yaml", DEPLOYMENT.replace(f'"{SECRET}"', "{{ .Values.celonis.secret | quote }}"))
    assert f.problems == [] and f.secrets == [] and f.token_requests == []


def test_lint_reports_the_template_secret_with_its_position(lint_tree):
    text = DEPLOYMENT.replace("{{- else }}", "{{- end }}\n            {{- if true }}")
    findings = lint_tree({"chart/templates/deployment.yaml": text})
    assert triples(findings.findings) == [("SL012", 23, 23)]


def test_yaml_that_is_not_a_template_keeps_its_error():
    f = facts(".github/workflows/push.yml", "env:\n  CELONIS_SCOPE: [studio\n")
    assert [(p.kind, p.loc.line) for p in f.problems] == [("skipped", 3)]
    broken = "apiVersion: v1\nkind: ConfigMap\ndata:\n  CELONIS_URL: {{ .Values.url }\n  x: [\n"
    f = facts("chart/templates/cm.yaml", broken)  # an action never closed: nothing to take out
    assert [(p.kind, p.loc.line) for p in f.problems] == [("skipped", 5)] and f.problems[0].message.startswith("skipped: invalid YAML")


def test_a_template_that_still_does_not_parse_reports_the_error_of_the_file_as_written():
    text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  CELONIS_URL: x\n  {{- toYaml .Values.data | nindent 2 }}\n  other: [unclosed\n"
    f = facts("chart/templates/cm.yaml", text)  # taken out, the action leaves line 7's error; as written it is line 6's
    assert [(p.kind, p.loc.line, p.loc.col) for p in f.problems] == [("skipped", 6, 3)]


def test_comments_multi_line_actions_and_nesting():
    text = textwrap.dedent("""\
        {{/* a comment
           over two lines */}}
        a: {{ if .x }}1{{ else }}2{{ end }}
        {{- range .Values.items }}
        {{- if .on }}
        b: {{ .name }}
        {{- else if .off }}
        b: off
        {{- end }}
        {{- end }}
        c: 3
        """)
    plain = untemplated(text)
    assert plain.split("\n")[:3] == ["", "", "a: " + " " * len("{{ if .x }}") + "1" + " " * len("{{ else }}2{{ end }}")]
    assert plain.split("\n")[5] == "b: $___name___" and plain.split("\n")[7].strip() == ""
    assert plain.split("\n")[10] == "c: 3"


def test_text_without_actions_or_with_one_left_open_is_not_a_template():
    assert untemplated("a: 1\n") is None
    assert untemplated("a: {{ .x\n") is None


@given(st.text(alphabet="{} \n-abc:.\"", max_size=200))
def test_any_text_keeps_its_lines_and_columns(text):
    plain = untemplated(text)
    if plain is not None:
        lines, written = plain.split("\n"), text.split("\n")
        assert len(lines) == len(written)
        assert all(len(a) == len(b) or not a.strip() for a, b in zip(lines, written))


def test_a_comment_may_hold_braces_and_run_over_lines():
    text = '{{/*\nkind: Pod\nname: "{{ include "x" . }}-test"\n*/}}\napiVersion: v1\n'
    assert untemplated(text) == "\n\n\n\napiVersion: v1\n"
    assert untemplated("{{/* never closed }}\na: 1\n") is None


def test_an_action_that_writes_lines_after_a_key_is_blank():
    text = '{{- if .on }}\nmetadata:\n  labels: {{- include "x.labels" . | nindent 4 }}\n    app: web\n{{- end }}\n'
    (doc,) = located.documents(text, "t.yaml", "yaml")
    assert doc.value["metadata"].value["labels"].value["app"].loc.line == 4


def test_a_block_scalar_whose_first_line_was_an_action_still_parses():
    text = "{{- if .on }}\nscript: |\n  {{- if .x }}\n  echo on\n  {{- end }}\n{{- end }}\n"
    assert [d.value["script"].value for d in located.documents(text, "t.yaml", "yaml")] == ["\necho on\n"]


def test_a_value_written_in_an_action_is_read_where_it_stands():
    key = "freFq8Zr2LmN4vX7pT1sK9wB3yH6cJ0d"
    text = textwrap.dedent(f"""\
        apiVersion: apps/v1
        kind: Deployment
        spec:
          env:
            - name: CELONIS_API_KEY
              value: {{{{ default "{key}" .Values.celonis.apiKey | quote }}}}
            - name: CELONIS_CLIENT_SECRET
              value: {{{{ .Values.celonis.secret | default "changeme" }}}}
            - name: CELONIS_URL
              value: "{{{{ .Values.url }}}}"
        {{{{- if .Values.x }}}}
        """)
    f = facts("chart/templates/deployment.yaml", text)
    col = text.split("\n")[5].index(key) + 1
    assert secret_spans(f) == [("API key", "CELONIS_API_KEY", 6, col, col + len(key))]


def test_a_define_block_is_left_out():
    text = '{{- define "x.labels" }}\napp: web\n{{- end }}\nkind: ConfigMap\n'
    assert untemplated(text) == "\n\n\nkind: ConfigMap\n"
