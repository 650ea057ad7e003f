"""What a Docker Compose service's container runs (``shell.compose``): its ``entrypoint`` and
``command``, and its ``healthcheck``'s ``test``, read as the shell reads them, where they stand."""
from __future__ import annotations

import pytest

from tests.conftest import triples


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


ONE_SHOT = """\
services:
  celonis-token:
    image: curlimages/curl:8.5.0
    command: >
      sh -c "curl -s -X POST https://acme.eu-1.celonis.cloud/oauth2/token
      -u etl-client:Xk9fQ2pLm7RtZ4vB8nW3yH6j
      -d grant_type=client_credentials
      -d 'scope=studio,integration.data-pools'"
  celonis-push:
    image: alpine:3.19
    entrypoint: ["sh", "-c", "wget -qO- --post-data 'grant_type=client_credentials&scope=integration.data-pools:data-push' http://acme.eu-1.celonis.cloud/oauth2/token"]
  celonis-probe:
    image: curlimages/curl:8.5.0
    healthcheck:
      test: ["CMD", "curl", "-f", "-H", "Authorization: AppKey Zk3mQ9vL2pR8tX5wQ9vL2pR8Zk3m", "https://acme.eu-1.celonis.cloud/integration/api/pools"]
"""


def test_a_services_command_entrypoint_and_health_check_are_read_where_they_stand(lint_tree):
    found = triples(lint_tree({"docker-compose.yml": ONE_SHOT}).findings)
    assert found == [
        ("SL012", *_at(ONE_SHOT, "Xk9f")),  # the password of curl's -u, in sh -c's script
        ("SL002", *_at(ONE_SHOT, "studio,")),  # the script's own single quotes
        ("SL003", *_at(ONE_SHOT, "integration.data-pools:data-push")),
        ("SL014", *_at(ONE_SHOT, "http://acme")),
        ("SL018", *_at(ONE_SHOT, "AppKey")),  # a health check's CMD words: curl's header
        ("SL012", *_at(ONE_SHOT, "Zk3m")),
    ]


LOOKALIKE = """\
services:
  keycloak-token:
    image: curlimages/curl:8.5.0
    environment:
      KC_CLIENT_SECRET: ${KC_CLIENT_SECRET}
    command: >
      sh -c "curl -s -X POST http://keycloak:8080/realms/app/protocol/openid-connect/token
      -d grant_type=client_credentials -d client_id=svc
      -d client_secret=$$KC_CLIENT_SECRET -d 'scope=openid,profile'"
  celonis-token:
    image: curlimages/curl:8.5.0
    command: ["curl", "-s", "-X", "POST", "https://acme.eu-1.celonis.cloud/oauth2/token",
              "-u", "$${CELONIS_CLIENT_ID}:$${CELONIS_CLIENT_SECRET}",
              "-d", "grant_type=client_credentials", "-d", "scope=integration.data-pools:data_push"]
  web:
    image: nginx:1.25
    healthcheck:
      test: ["CMD-SHELL", "curl -sf http://localhost:8080/health -H 'Authorization: Bearer $${HEALTH_TOKEN}' || exit 1"]
  worker:
    image: python:3.12
    command: python -m worker --token-url http://keycloak:8080/realms/app/protocol/openid-connect/token
"""


def test_another_providers_token_requests_and_references_stay_silent(lint_tree):
    # Keycloak's token URL and scopes, a secret Compose leaves for the container, a health check on
    # localhost, a program that is no request: nothing to report
    assert triples(lint_tree({"docker-compose.yml": LOOKALIKE}).findings) == []


SCRIPTED = """\
x-celonis: &celonis
  image: alpine/curl:8.5.0
  environment:
    - CELONIS_URL=https://acme.eu-1.celonis.cloud
    - CELONIS_CLIENT_ID=${CELONIS_CLIENT_ID}
    - CELONIS_SCOPE=studio.spaces
services:
  celonis-push:
    <<: *celonis
    entrypoint: ["/bin/sh", "-c"]
    command:
      - |
        TOKEN=$$(curl -s -X POST "$$CELONIS_URL/oauth2/token" -u "$$CELONIS_CLIENT_ID:$$CELONIS_CLIENT_SECRET" -d grant_type=client_credentials -d "scope=$$CELONIS_SCOPE" | jq -r .access_token)
        curl -s -H "Authorization: Bearer $$TOKEN" "$$CELONIS_URL/integration/api/v1/data-push/pool-1/jobs/"
    healthcheck:
      test: curl -sf -X POST http://acme.eu-1.celonis.cloud/oauth2/token -d grant_type=client_credentials -d scope=integration.data-pools:data_push || exit 1
"""


def test_a_script_reads_the_containers_variables_through_compose_escapes(lint_tree):
    # ``$$NAME`` is the container's variable: the list-form environment a merge key brings in gives
    # the URL and the scope; each finding keeps the column the file writes it in
    found = triples(lint_tree({"compose.yaml": SCRIPTED}).findings)
    assert found == [
        ("SL003", *_at(SCRIPTED, "studio.spaces")),  # judged where the environment writes it
        ("SL005", *_at(SCRIPTED, "/integration/api")),  # the call, with the token its script requested
        ("SL014", *_at(SCRIPTED, "http://acme")),  # the health check's own script
    ]


@pytest.mark.parametrize("command", [
    'command: curl -s -X POST https://acme.eu-1.celonis.cloud/oauth2/token -d grant_type=client_credentials -d "scope=studio studio"',
    'entrypoint: curl\n    command: ["-s", "-X", "POST", "https://acme.eu-1.celonis.cloud/oauth2/token", "-d", "grant_type=client_credentials", "-d", "scope=studio studio"]',
    'command: ["-s", "-X", "POST", "https://acme.eu-1.celonis.cloud/oauth2/token", "-d", "grant_type=client_credentials", "-d", "scope=studio studio"]',
])
def test_a_command_without_a_shell_is_one_command_line(lint_tree, command):
    # a string Compose splits as a shell would; curl's words after its entrypoint; the words alone,
    # given to the curl image's own entrypoint
    text = f"services:\n  token:\n    image: curlimages/curl:8.5.0\n    {command}\n"
    found = triples(lint_tree({"docker-compose.yml": text}).findings)
    assert [code for code, _, _ in found] == ["SL016"], found  # the scope named twice
    line, col = _at(text, "studio studio")
    assert found[0][1:] == (line, col + len("studio "))


def test_a_word_compose_leaves_a_dollar_in_is_not_read():
    # curl is given ``$SECRET`` as it is written (no shell puts its value in): no value to judge
    from scopelint.extractors.shell.ci_steps import _quoted
    from scopelint.extractors.shell.compose import COMPOSE

    assert _quoted("$${SECRET}", COMPOSE.words) is None
    assert _quoted("${SECRET}", COMPOSE.words) == '"${SECRET}"'
    assert _quoted("scope=studio", COMPOSE.words) == "scope=studio"


def test_a_file_not_named_as_compose_is_not_read(lint_tree):
    assert triples(lint_tree({"deploy/services.yml": ONE_SHOT}).findings) == []


def test_an_api_key_header_in_a_health_check_is_a_secret(lint_tree):
    text = ("services:\n  app:\n    image: myorg/app:1.0\n    healthcheck:\n"
            "      test: [\"CMD-SHELL\", \"curl -fsS -H 'X-API-KEY: Hk3uQ9vZr2LmX8wPc5TyN7bD' http://localhost:3000/health || exit 1\"]\n")
    assert triples(lint_tree({"docker-compose.yml": text}).findings) == [("SL012", *_at(text, "Hk3u"))]
