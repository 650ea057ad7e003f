"""Constants another file of the project defines, for Java, Kotlin, Go and C# (``java.classes``):
read where they are written, as the file's own constants are."""
from __future__ import annotations

from conftest import read_facts, the_request

TOKEN = "https://acme.eu-1.celonis.cloud/oauth2/token"

CONSTANTS = """package com.acme.config;

public final class CelonisConstants {
    public static final String TEAM_URL = "https://acme.eu-1.celonis.cloud";
    public static final String TOKEN_URL = TEAM_URL + "/oauth2/token";
    public static final String SCOPE = "studio integration.data-pools";
}
"""

CLIENT = """package com.acme.celonis;
%s
public class PushClient {
    String token() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("scope", %s);
        return rest.postForObject(%s, new HttpEntity<>(form, h), Map.class).toString();
    }
}
"""


def test_a_constant_of_an_imported_or_same_package_class(tmp_path, monkeypatch):
    cases = [
        # imported from another package, found from the source root the package line gives
        ("src/main/java/com/acme/config/CelonisConstants.java", "import com.acme.config.CelonisConstants;\n",
         "CelonisConstants.SCOPE", "CelonisConstants.TOKEN_URL"),
        # a class of the same package needs no import
        ("src/main/java/com/acme/celonis/CelonisConstants.java", "", "CelonisConstants.SCOPE", "CelonisConstants.TOKEN_URL"),
        # a static import names the constant alone
        ("src/main/java/com/acme/config/CelonisConstants.java",
         "import static com.acme.config.CelonisConstants.SCOPE;\nimport static com.acme.config.CelonisConstants.*;\n",
         "SCOPE", "TOKEN_URL"),
    ]
    for k, (where, imports, scope, url) in enumerate(cases):
        constants = CONSTANTS.replace("com.acme.config", where.split("java/", 1)[1].rsplit("/", 1)[0].replace("/", "."))
        f = read_facts(tmp_path / str(k), monkeypatch, {where: constants,
                                                       "src/main/java/com/acme/celonis/PushClient.java": CLIENT % (imports, scope, url)},
                       "src/main/java/com/acme/celonis/PushClient.java")
        assert the_request(f) == (TOKEN, [("studio", where, 6, 41), ("integration.data-pools", where, 6, 48)]), where


def test_another_providers_class_and_a_class_not_in_the_project(tmp_path, monkeypatch):
    okta = CONSTANTS.replace("CelonisConstants", "OktaConstants").replace(
        '"https://acme.eu-1.celonis.cloud"', '"https://dev-1.okta.com/oauth2/default/v1"').replace('"/oauth2/token"', '"/token"').replace(
        "studio integration.data-pools", "okta.users.read")
    f = read_facts(tmp_path / "okta", monkeypatch, {
        "src/main/java/com/acme/config/OktaConstants.java": okta,
        "src/main/java/com/acme/celonis/PushClient.java": CLIENT % ("import com.acme.config.OktaConstants;\n",
                                                                     "OktaConstants.SCOPE", "OktaConstants.TOKEN_URL")},
        "src/main/java/com/acme/celonis/PushClient.java")
    assert f.token_requests == [] and f.scope_vars == []
    f = read_facts(tmp_path / "lib", monkeypatch, {
        "src/main/java/com/acme/celonis/PushClient.java": CLIENT % ("import com.vendor.sdk.CelonisConstants;\n",
                                                                     "CelonisConstants.SCOPE", "CelonisConstants.TOKEN_URL")},
        "src/main/java/com/acme/celonis/PushClient.java")
    assert [(r.url, r.scopes) for r in f.token_requests] == [(None, None)]


def test_a_constants_class_is_no_sign_of_a_token_request_and_its_scopes_are_judged(lint_tree):
    result = lint_tree({"src/main/java/com/acme/celonis/CelonisConstants.java": CONSTANTS.replace("com.acme.config", "com.acme.celonis"),
                        "src/main/java/com/acme/celonis/PushClient.java": (CLIENT % ("", "CelonisConstants.SCOPE",
                                                                                      "CelonisConstants.TOKEN_URL")).replace(
                            "    }\n}\n", "    }\n    String job(String pool) { return rest.postForObject(CelonisConstants.TEAM_URL"
                                         ' + "/integration/api/v1/data-push/" + pool + "/jobs/", "{}", String.class); }\n}\n')})
    assert sorted((f.code, f.loc.path.rsplit("/", 1)[-1], f.loc.line, f.loc.col) for f in result.findings) == [
        ("SL004", "CelonisConstants.java", 6, 48), ("SL006", "CelonisConstants.java", 6, 41)]


def test_go_constants_of_the_same_package_and_csharp_classes_of_the_folder(tmp_path, monkeypatch):
    go = {"svc/celonis/config.go": 'package celonis\n\nconst (\n\ttokenURL = "%s"\n\tscopes   = "studio"\n)\n' % TOKEN,
          "svc/celonis/client.go": "package celonis\n\nfunc Client() {\n\tcfg := clientcredentials.Config{\n"
                                   "\t\tTokenURL: tokenURL,\n\t\tScopes:   []string{scopes},\n\t}\n\t_ = cfg\n}\n",
          "svc/celonis/config_test.go": 'package celonis\n\nconst other = "x"\n'}
    f = read_facts(tmp_path / "go", monkeypatch, go, "svc/celonis/client.go")
    assert the_request(f) == (TOKEN, [("studio", "svc/celonis/config.go", 5, 14)])
    cs = {"Api/CelonisSettings.cs": 'public static class CelonisSettings {\n    public const string TokenUrl = "%s";\n'
                                    '    public const string Scope = "studio";\n}\n' % TOKEN,
          "Api/TokenClient.cs": "var token = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest\n"
                                "{\n    Address = CelonisSettings.TokenUrl,\n    Scope = CelonisSettings.Scope\n});\n"}
    f = read_facts(tmp_path / "cs", monkeypatch, cs, "Api/TokenClient.cs")
    assert the_request(f) == (TOKEN, [("studio", "Api/CelonisSettings.cs", 3, 34)])
