"""The Java and Kotlin code of a Spring Boot module whose configuration registers one Celonis OAuth
client is that client's code: a call that needs a scope the registration lacks is SL005. Its scopes are
not judged unused or too broad (SL006, SL004): a path the code builds at run time leaves no trace."""
from __future__ import annotations

import pytest

from tests.conftest import triples

CONFIG = """\
spring:
  security:
    oauth2:
      client:
        registration:
          celonis:
            client-id: ${{CELONIS_CLIENT_ID}}
            client-secret: ${{CELONIS_CLIENT_SECRET}}
            authorization-grant-type: client_credentials
            scope: {scope}
        provider:
          celonis:
            token-uri: https://acme.eu-1.celonis.cloud/oauth2/token
"""
CLIENT = """\
package com.acme.celonis;

@Component
public class CelonisClient {
    private final WebClient webClient;

    public CelonisClient(OAuth2AuthorizedClientManager manager) {
        var oauth2 = new ServletOAuth2AuthorizedClientExchangeFilterFunction(manager);
        oauth2.setDefaultClientRegistrationId("celonis");
        this.webClient = WebClient.builder().baseUrl("https://acme.eu-1.celonis.cloud")
                .apply(oauth2.oauth2Configuration()).build();
    }

    public String knowledgeModels() {
        return webClient.get().uri("/intelligence/api/knowledge-models").retrieve().bodyToMono(String.class).block();
    }
}
"""
RESOURCES = "svc/src/main/resources/application.yml"
CODE = "svc/src/main/java/com/acme/celonis/CelonisClient.java"


def test_the_modules_calls_are_judged_against_its_one_registration(lint_tree):
    result = lint_tree({RESOURCES: CONFIG.format(scope="integration.data-pools:data_push"), CODE: CLIENT})
    found = sorted((f.loc.path, f.code, f.loc.line, f.loc.col, f.message) for f in result.findings)
    assert found == [
        (CODE, "SL005", 15, 37, "API call /intelligence/api/knowledge-models (via uri) needs scope "
                                "'intelligence.knowledge-models:read', which client 'celonis' does not grant")]


def test_a_registration_whose_scope_covers_the_calls_is_silent(lint_tree):
    result = lint_tree({RESOURCES: CONFIG.format(scope="intelligence.knowledge-models:read"), CODE: CLIENT})
    assert triples(result.findings) == []


@pytest.mark.parametrize("files", [
    pytest.param({RESOURCES: CONFIG.format(scope="integration.data-pools:data_push")
                  + "        registration.celonis-read:\n          scope: integration.data-pools\n", CODE: CLIENT},
                 id="two-registrations"),
    pytest.param({RESOURCES: CONFIG.format(scope="integration.data-pools:data_push"),
                  "other/src/main/java/Client.java": CLIENT}, id="another-module"),
    pytest.param({RESOURCES: CONFIG.format(scope="integration.data-pools:data_push"),
                  CODE: CLIENT.replace(".apply(oauth2.oauth2Configuration())",
                                       '.defaultHeader("Authorization", "AppKey " + System.getenv("CELONIS_APP_KEY"))')},
                 id="code-that-sends-a-key-of-its-own"),
])
def test_code_not_known_to_go_with_the_registration_is_not_judged_against_it(lint_tree, files):
    """Two registrations (which call goes with which is not known), code of another module, or a file
    that authenticates on its own."""
    assert [(f.code, f.loc.path) for f in lint_tree(files).findings if f.code in ("SL004", "SL005", "SL006")] == []
