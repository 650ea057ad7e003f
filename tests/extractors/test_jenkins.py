"""Jenkins pipelines: the shell of their steps, with their ``environment {}`` variables."""
from __future__ import annotations

import pytest

from scopelint.extractors import for_path
from scopelint.extractors.shell import jenkins
from tests.conftest import call_rows, extract, triples

SECRET = "Zk29fj3LQm8XwP4tR7vN2bYhQ1sD5gH8"

PIPELINE = f"""
pipeline {{
  agent any
  environment {{
    CELONIS_URL   = 'https://acme.eu-1.celonis.cloud'
    CELONIS_SCOPE = "studio package-manager studio"
    CELONIS_CREDS = credentials('celonis-oauth')
  }}
  stages {{
    stage('Import') {{
      steps {{
        sh '''
          TOKEN=$(curl -s -u "$CID:$CSECRET" -d grant_type=client_credentials -d "scope=$CELONIS_SCOPE" "$CELONIS_URL/oauth2/token" | jq -r .access_token)
          curl -s -X POST "$CELONIS_URL/package-manager/api/packages/import" -H "Authorization: Bearer $TOKEN"
        '''
        sh "curl -k \\${{CELONIS_URL}}/integration/api/pools -H 'Authorization: AppKey {SECRET}'"
        // sh 'curl -d scope=studio.spaces https://acme.eu-1.celonis.cloud/oauth2/token'
        bat(script: 'curl -X POST https://acme.eu-1.celonis.cloud/oauth2/token -d "grant_type=client_credentials&scope=studio.widgets"')
      }}
    }}
  }}
}}
"""


def test_steps_are_read_as_shell_with_the_pipelines_environment():
    f = extract("Jenkinsfile", PIPELINE, jenkins)
    # the sh step's token request: its scopes are the environment's, where they are written
    first, second = f.token_requests
    assert (first.url, first.loc.line, first.unit) == ("https://acme.eu-1.celonis.cloud/oauth2/token", 12, "step@11")
    assert [(r.name, r.loc.line, r.loc.col) for r in first.scopes.refs] == [
        ("studio", 5, 22), ("package-manager", 5, 29), ("studio", 5, 45)]
    # the bat step's, its scope written in it; the commented-out step is none
    assert (second.loc.line, [r.name for r in second.scopes.refs], second.unit) == (17, ["studio.widgets"], "step@17")
    assert call_rows(f) == [("POST", "/package-manager/api/packages/import", 13, 40),
                            ("GET", "/integration/api/pools", 15, 36)]  # \$ is the shell's $, in the same column
    assert [(s.kind, s.loc.line) for s in f.secrets] == [("API key", 15)]
    assert [(i.kind, i.loc.line) for i in f.insecure] == [("tls-off", 15)]


def test_another_providers_token_in_a_step_stays_silent():
    f = extract("ci/deploy.jenkinsfile", """
        pipeline {
          environment { OKTA_SCOPE = 'okta.users.read' }
          stages { stage('x') { steps {
            sh 'curl -s -u "$ID:$SECRET" -d grant_type=client_credentials -d "scope=$OKTA_SCOPE" https://dev-1.okta.com/oauth2/default/v1/token'
          } } }
        }
        """, jenkins)
    assert f.token_requests == [] and f.scope_vars == [] and f.secrets == []


ENVIRONMENT_ONLY = f"""\
pipeline {{
  agent any
  environment {{
    CELONIS_URL = 'https://acme.eu-1.celonis.cloud'
    CELONIS_CLIENT_SECRET = '{SECRET}'
    CELONIS_CLIENT_ID = 'push-client'
    CELONIS_SECRET_FILE = credentials('celonis-push-secret')
    CELONIS_API_KEY = '<your api key>'
  }}
  stages {{ stage('push') {{ steps {{ sh 'python3 push.py' }} }} }}
}}
"""


def test_the_environments_values_are_settings_where_they_are_written(lint_tree):
    """A secret written in ``environment {}`` is one whether or not a step sends it (the script a step
    runs reads it from the environment), named as the variable it is; a credential binding or a
    placeholder is none."""
    found = lint_tree({"Jenkinsfile": ENVIRONMENT_ONLY}).findings
    assert [(f.code, f.loc.line, f.loc.col, f.message) for f in found] == [
        ("SL012", 5, 30, "hard-coded client secret in 'CELONIS_CLIENT_SECRET'")]
    # a step that sends it with curl: still named as the variable, and once
    sends = ENVIRONMENT_ONLY.replace("sh 'python3 push.py'",
                                     "sh 'curl -u \"push:$CELONIS_CLIENT_SECRET\" -d grant_type=client_credentials "
                                     "-d scope=studio \"$CELONIS_URL/oauth2/token\"'")
    assert [(f.code, f.loc.line, f.message) for f in lint_tree({"Jenkinsfile": sends}).findings if f.code == "SL012"] == [
        ("SL012", 5, "hard-coded client secret in 'CELONIS_CLIENT_SECRET'")]
    # two stages that set the same names: each stage's value is judged where it stands
    stages = ("pipeline {\n  agent any\n  stages {\n"
              "    stage('eu') {\n      environment { CELONIS_URL = 'https://acme.eu-1.celonis.cloud' }\n"
              "      steps { sh 'python3 push.py' }\n    }\n"
              "    stage('us') {\n      environment {\n        CELONIS_URL = 'http://acme.us-1.celonis.cloud'\n"
              f"        CELONIS_CLIENT_SECRET = '{SECRET}'\n      }}\n      steps {{ sh 'python3 push.py' }}\n    }}\n  }}\n}}\n")
    assert [(f.code, f.loc.line, f.loc.col) for f in lint_tree({"Jenkinsfile": stages}).findings] == [
        ("SL014", 10, 24), ("SL012", 11, 34)]
    # a scripted pipeline writes them as env.NAME = '...': its steps read them, and they are judged
    scripted = ("node {\n    env.CELONIS_URL = 'http://acme.eu-1.celonis.cloud'\n"
                f"    env.CELONIS_CLIENT_SECRET = '{SECRET}'\n"
                "    stage('push') {\n        sh 'curl -s -X POST \"$CELONIS_URL/oauth2/token\" -d scope=studio.spaces'\n    }\n}\n")
    assert [(f.code, f.loc.line, f.loc.col) for f in lint_tree({"Jenkinsfile": scripted}).findings] == [
        ("SL014", 2, 24), ("SL012", 3, 34), ("SL003", 5, 66)]
    # another provider's pipeline: its scope setting is not judged as Celonis's
    okta = ENVIRONMENT_ONLY.replace(f"CELONIS_CLIENT_SECRET = '{SECRET}'", "OKTA_SCOPE = 'celonis studio.x'").replace(
        "CELONIS_URL = 'https://acme.eu-1.celonis.cloud'", "OKTA_TOKEN_URL = 'https://dev-1.okta.com/oauth2/default/v1/token'")
    assert lint_tree({"Jenkinsfile": okta}).findings == []


@pytest.mark.parametrize("path, claimed", [
    ("Jenkinsfile", True), ("ci/Jenkinsfile.release", True), ("deploy.jenkinsfile", True),
    ("jenkins/Jenkinsfile", True), ("scripts/build", False), ("Jenkinsfile.md", False),
    # a shared library's steps hold pipelines' bodies; other Groovy (an application's, Gradle's) does not
    ("vars/celonisPush.groovy", True), ("libs/pipeline/vars/deploy.groovy", True), ("src/main/groovy/App.groovy", False),
    ("src/org/acme/Utils.groovy", False),
])
def test_which_files_are_pipelines(path, claimed):
    assert ("jenkins" in [k.name for k in for_path(path, True)]) is claimed
    # a pipeline is not read as a shell script of its own
    assert not claimed or "shell" not in [k.name for k in for_path(path, True)]


def test_a_pipeline_end_to_end(lint_tree):
    result = lint_tree({"Jenkinsfile": PIPELINE})
    assert sorted(triples(result.findings)) == [
        ("SL003", 17, 120), ("SL012", 15, 85), ("SL014", 15, 18), ("SL016", 5, 45), ("SL018", 15, 78)]


def test_groovy_env_references_and_with_env_steps():
    """``${env.NAME}`` in a double-quoted step is Groovy's, put in before the shell runs; a
    ``withEnv(['NAME=value'])`` step writes variables out as an ``environment`` block does."""
    text = """node {
  withEnv(['CELONIS_URL=https://acme.eu-1.celonis.cloud', "CELONIS_SCOPE=studio integration.datapools"]) {
    sh "curl -X POST ${env.CELONIS_URL}/oauth2/token -d grant_type=client_credentials -d scope=${env.CELONIS_SCOPE}"
    sh "curl -X POST ${env.OTHER_URL}/oauth2/token -d grant_type=client_credentials -d scope=${env.OTHER_SCOPE}"
  }
}
"""
    f = extract("Jenkinsfile", text, jenkins, dedent=False)
    (req,) = f.token_requests  # the second step's URL and scopes are names nothing writes out: no request of Celonis
    assert req.url == "https://acme.eu-1.celonis.cloud/oauth2/token"
    assert [(r.name, r.loc.line, r.loc.col) for r in req.scopes.refs] == [
        ("studio", 2, 74), ("integration.datapools", 2, 81)]


def test_groovy_definitions_are_put_into_double_quoted_steps_only():
    text = """def baseUrl = 'https://acme.eu-1.celonis.cloud'
def scope = "studio integration.datapools"
def twice = 'studio'
twice = 'other'
node {
  sh "curl -X POST ${baseUrl}/oauth2/token -d grant_type=client_credentials -d scope=${scope}"
  sh 'curl -X POST https://acme.eu-1.celonis.cloud/oauth2/token -d grant_type=client_credentials -d scope=$scope'
  sh "curl -X POST ${baseUrl}/oauth2/token -d grant_type=client_credentials -d scope=${twice}"
}
"""
    f = extract("Jenkinsfile", text, jenkins, dedent=False)
    first, second, third = f.token_requests
    assert first.url == "https://acme.eu-1.celonis.cloud/oauth2/token"
    assert [(r.name, r.loc.line) for r in first.scopes.refs] == [("studio", 2), ("integration.datapools", 2)]
    # a single-quoted step is the shell's: $scope is its own variable, not the script's; a variable
    # assigned twice is not known
    assert (second.scopes, third.scopes) == (None, None)


def test_a_steps_script_given_after_other_named_arguments_is_read():
    """``sh(returnStdout: true, script: "...")``, the usual way to keep what a step prints, and the same
    without parentheses: the script is read wherever ``script:`` stands among the arguments."""
    f = extract("Jenkinsfile", """
        pipeline { agent any; stages { stage('t') { steps { script {
          env.A = sh(returnStdout: true, script: "curl -s -d 'grant_type=client_credentials&scope=studio.spaces' https://acme.eu-1.celonis.cloud/oauth2/token").trim()
          def b = sh returnStdout: true, label: 'token', script: "curl -s -d 'grant_type=client_credentials&scope=studio.widgets' https://acme.eu-1.celonis.cloud/oauth2/token"
          env.C = sh(script: "curl -s -d 'grant_type=client_credentials&scope=studio' https://acme.eu-1.celonis.cloud/oauth2/token", returnStdout: true).trim()
        } } } } }
        """, jenkins)
    assert [(r.loc.line, [s.name for s in r.scopes.refs]) for r in f.token_requests] == [
        (2, ["studio.spaces"]), (3, ["studio.widgets"]), (4, ["studio"])]
