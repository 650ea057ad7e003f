"""Client definition files that are broken, hostile or odd: each gives SL000 with a position,
never a crash, and the other files of the tree are still linted."""
from __future__ import annotations

import time

import pytest
from tests.conftest import triples

from scopelint.config import Config

# a valid definition beside every broken one: its SL001 must still be reported
GOOD = {"good.yaml": """
    oauth_clients:
      - name: nightly-erp-push
        scopes: [integration.datapools]
    """}
GOOD_FINDING = ("SL001", 3, 14)


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["a: &a [" + ", ".join(['"lol"'] * width) + "]"]
    names = [chr(ord("a") + i) for i in range(levels)]
    for prev, name in zip(names, names[1:]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * width) + "]")
    lines += ["oauth_clients:", "  - name: laughs", f"    scopes: *{names[-1]}"]
    return "\n".join(lines) + "\n"


BROKEN = [
    pytest.param({"bad.yaml": """
        oauth_clients:
          - name: erp
            scopes: [studio
        """}, (".", ), ("bad.yaml", 4, 1), "invalid YAML: did not find expected ',' or ']'", id="yaml"),
    pytest.param({"bad.yaml": """
        oauth_clients:
          - name: erp
           scopes: [studio]
        """}, (".",), ("bad.yaml", 3, 4), "invalid YAML:", id="yaml-indentation"),
    pytest.param({"clients.toml": """
        [[oauth_clients]]
        name = "erp"
        scopes = [studio]
        """}, (".",), ("clients.toml", 3, 11), "invalid TOML: Invalid value", id="toml"),
    pytest.param({"pyproject.toml": """
        [tool.scopelint]
        oauth_clients = [{name = "erp", scopes = ["studio"]}
        """}, (".",), ("pyproject.toml", 2, 53), "invalid TOML:", id="pyproject-toml"),
    pytest.param({"clients.json": """
        {"oauth_clients": [
          {"name": "erp", "scopes": ["studio"],}
        ]}
        """}, (".",), ("clients.json", 2, 40), "invalid JSON: Expecting property name enclosed in double quotes",
        id="json-trailing-comma"),
    pytest.param({"clients.yaml": """
        - name: erp
          scopes: [studio]
        """}, ("clients.yaml", "good.yaml"), ("clients.yaml", 1, 1),
        "top level is a list; a client definition file is a mapping with 'oauth_clients'", id="list-named-explicitly"),
    pytest.param({"clients.yaml": ""}, ("clients.yaml", "."), ("clients.yaml", 1, 1),
                 "empty file: expected a mapping with 'oauth_clients'", id="empty-named-explicitly"),
    pytest.param({"clients.yaml": """
        oauth_clients:
          - name: erp
            scopes:
              - 42
              - studio
            justification: {studio: deploys the package}
        """}, (".",), ("clients.yaml", 4, 9), "a scope must be a string, not a number", id="scope-is-a-number"),
    pytest.param({"clients.yaml": """
        oauth_clients: integration.data-pools
        """}, (".",), ("clients.yaml", 1, 16), "'oauth_clients' must be a list of clients, not a string",
        id="clients-is-a-string"),
    pytest.param({"bomb.yaml": alias_bomb()}, (".",), ("bomb.yaml", 6, 4),
                 "document too large: YAML aliases expand to more than 200000 values", id="billion-laughs"),
    pytest.param({"loop.yaml": "a: &a [*a, *a]\noauth_clients: *a\n"}, (".",), ("loop.yaml", 1, 4),
                 "document too large: YAML aliases expand", id="recursive-alias"),
    pytest.param({"deep.json": '{"oauth_clients": ' + "[" * 2000 + "]" * 2000 + "}\n"}, (".",),
                 ("deep.json", 1, 1017), "invalid JSON: nested too deeply", id="deep-json"),
    pytest.param({"deep.yaml": "oauth_clients: " + "[" * 2000 + "]" * 2000 + "\n"}, (".",),
                 ("deep.yaml", 1, 1015), "invalid YAML:", id="deep-yaml"),
    pytest.param({"deep.toml": "oauth_clients = " + "[" * 2000 + "]" * 2000 + "\n"}, (".",),
                 ("deep.toml", 1, 1016), "invalid TOML: nested too deeply", id="deep-toml"),
]


@pytest.mark.parametrize("files, paths, where, message", BROKEN)
def test_broken_definition_gives_sl000_and_the_rest_is_linted(lint_tree, files, paths, where, message):
    started = time.monotonic()
    result = lint_tree({**GOOD, **files}, paths=paths)
    assert time.monotonic() - started < 5
    broken = [(f.loc.path, f.loc.line, f.loc.col) for f in result.findings if f.code == "SL000"]
    assert broken == [where], [f.message for f in result.findings]
    [finding] = [f for f in result.findings if f.code == "SL000"]
    assert finding.message.startswith(message), finding.message
    assert finding.level == "error"
    assert "\n" not in finding.message
    assert GOOD_FINDING in [(f.code, f.loc.line, f.loc.col) for f in result.findings if f.loc.path == "good.yaml"]


def test_billion_laughs_is_refused_quickly(lint_tree):
    started = time.monotonic()
    result = lint_tree({"bomb.yaml": alias_bomb()})
    assert time.monotonic() - started < 1.0
    assert triples(result.findings) == [("SL000", 6, 4)]


def test_modest_aliases_are_still_read(lint_tree):
    result = lint_tree({"clients.yaml": """
        x-common: &pool-push [integration.data-pools:data_push]
        oauth_clients:
          - name: erp-push-eu
            scopes: *pool-push
          - name: erp-push-us
            scopes: *pool-push
        """})
    assert triples(result.findings) == []
    assert [c.name for c in result.project.clients] == ["erp-push-eu", "erp-push-us"]


MERGED = """
    x-defaults: &defaults
      grant_type: client_credentials
      scopes:
        - studio.spaces
        - integration.data-pools
    oauth_clients:
      - <<: *defaults
        name: nightly-erp-push
      - <<: [*defaults]
        name: weekly-report
        grant_type: password
    """


def test_merge_keys_give_each_client_the_shared_settings_and_its_own_win(lint_tree):
    # a team's clients sharing grant, scopes and justification through YAML's merge key: read as a YAML
    # loader reads them, no "unknown client key '<<'" and no "no scopes"; the shared retired scope is
    # reported once, where the anchor writes it (one edit mends both); a client's own key wins over the merged one
    result = lint_tree({"clients.yaml": MERGED})
    found = sorted((f.code, f.loc.line, f.loc.col) for f in result.findings if f.code in ("SL000", "SL003", "SL010", "SL015"))
    assert found == [("SL003", 4, 7), ("SL010", 11, 17)]
    assert sorted(f.client for f in result.findings if f.code == "SL017") == ["nightly-erp-push", "weekly-report"]
    clients = {c.name: c for c in result.project.clients}
    assert [r.name for r in clients["weekly-report"].scopes.refs] == ["studio.spaces", "integration.data-pools"]
    assert clients["nightly-erp-push"].grant_type.value == "client_credentials"


def test_a_merge_key_on_a_scalar_is_invalid_input(lint_tree):
    result = lint_tree({"clients.yaml": """
        oauth_clients:
          - <<: studio
            name: etl
            scopes: [studio]
        """})
    assert [(f.code, f.loc.line, f.message) for f in result.findings if f.code == "SL000"] == [
        ("SL000", 2, "a merge key ('<<') takes a mapping or a list of mappings")]


def test_a_file_given_twice_is_read_once(lint_tree):
    result = lint_tree(GOOD, paths=(".", "good.yaml", "./good.yaml"))
    assert triples(result.findings) == [GOOD_FINDING]
    assert result.files == 1


def test_list_found_by_walking_is_not_a_definition(lint_tree):
    result = lint_tree({**GOOD, "docker-compose.yaml": """
        - name: oauth_clients
          image: postgres
        """})
    assert triples(result.findings) == [GOOD_FINDING]


def test_duplicate_client_names_across_files(lint_tree):
    result = lint_tree({
        "etl/clients.yaml": """
            oauth_clients:
              - name: nightly-erp-push
                scopes: [integration.data-pools:data_push]
            """,
        "reports/clients.toml": """
            [[oauth_clients]]
            name = "km-reader"
            scopes = ["intelligence.knowledge-models:read"]

            [[oauth_clients]]
            name = "nightly-erp-push"
            scopes = ["intelligence.knowledge-models:read"]
            """,
    }, Config(select=("SL000",)))
    assert [(f.loc.path, f.loc.line, f.loc.col) for f in result.findings] == [("reports/clients.toml", 6, 9)]
    [finding] = result.findings
    assert finding.message == "duplicate client name 'nightly-erp-push'; first defined at etl/clients.yaml:2"
    assert finding.client == "nightly-erp-push"


def test_unknown_client_and_permission_keys_have_positions(lint_tree):
    result = lint_tree({"clients.yaml": """
        oauth_clients:
          - name: entra-scim
            scope: user-provisioning.scim
            scopes: [user-provisioning.scim]
            permissions:
              - service: User Provisioning
                templte: manage
                scim: true
            justification:
              user-provisioning.scim: provisions users from Entra ID
        """}, Config(select=("SL000",)))
    assert triples(result.findings) == [("SL000", 3, 5), ("SL000", 7, 9)]
    first, second = (f.message for f in result.findings)
    assert first.startswith("unknown client key 'scope'")
    assert "did you mean 'scopes'?" in first
    assert second.startswith("unknown permission key 'templte'")
    assert "did you mean 'template'?" in second


def test_unknown_keys_in_toml_and_json(lint_tree):
    result = lint_tree({
        "clients.toml": """
            [[oauth_clients]]
            name = "auditor"
            scopes = ["audit.log:read"]
            grant = "client_credentials"

            [[oauth_clients.permissions]]
            service = "Team"
            role = "Analyst"
            """,
        "clients.json": """
            {"oauth_clients": [{"name": "km", "scopes": ["knowledge-models:read"], "owner": "bi-team"}]}
            """,
    }, Config(select=("SL000",)))
    assert [(f.loc.path, f.loc.line, f.loc.col) for f in result.findings] == [
        ("clients.json", 1, 72), ("clients.toml", 4, 1), ("clients.toml", 8, 1)]
    assert [f.message.split(" (")[0] for f in result.findings] == [
        "unknown client key 'owner'", "unknown client key 'grant'; did you mean 'grant_type'?",
        "unknown permission key 'role'"]


def test_invalid_client_still_gets_its_other_findings(lint_tree):
    result = lint_tree({"clients.yaml": """
        oauth_clients:
          - name: erp
            grant_type: password
            scopes: [integration.datapools]
            colour: blue
        """}, Config(select=("SL000", "SL001", "SL010")))
    assert triples(result.findings) == [("SL010", 3, 17), ("SL001", 4, 14), ("SL000", 5, 5)]


def test_two_problems_at_one_place_are_both_reported(lint_tree):
    result = lint_tree({"clients.yaml": """
        oauth_clients:
          - name: entra-scim
            scopes: [user-provisioning.scim]
            permissions:
              - templte: manage
        """}, Config(select=("SL000",)))
    assert [(f.loc.line, f.loc.col, f.message.split(" (")[0]) for f in result.findings] == [
        (5, 9, "unknown permission key 'templte'; did you mean 'template'?"),
        (5, 9, "a permission needs a string 'service'"),
    ]


def test_jsonc_files_their_tools_read_with_comments_are_read(lint_tree):
    # .NET's appsettings and VS Code's mcp.json take comments and trailing commas; a plain .json does not
    text = ('{\n  // the ERP push\n  "Celonis": {\n    "Url": "https://acme.eu-1.celonis.cloud", /* team */\n'
            '    "ClientSecret": "q8Jf2LmZx7Vt9RkPw3NsBy6Hc",\n    "Scopes": "studio,integration.data-pools",\n  },\n}\n')
    result = lint_tree({"api/appsettings.json": text, "api/appsettings.Development.json": text, "data/other.json": text})
    found = sorted((f.loc.path, f.code, f.loc.line, f.loc.col) for f in result.findings)
    assert found == [("api/appsettings.Development.json", "SL002", 6, 16), ("api/appsettings.Development.json", "SL012", 5, 22),
                     ("api/appsettings.json", "SL002", 6, 16), ("api/appsettings.json", "SL012", 5, 22)]


KM_CALL = ('import requests\nrequests.get(f"{BASE}/intelligence/api/knowledge-models/{km}/kpis",\n'
           '             headers={"Authorization": f"Bearer {token}"})\n')


@pytest.mark.parametrize("style", [">-", "|", ">"])
def test_scopes_written_as_a_block_scalar_are_each_where_they_stand(lint_tree, style):
    # ``scopes: >-`` and its lines read as the string they fold to, each scope at its own line and column
    text = (f"oauth_clients:\n  - name: km\n    scopes: {style}\n      studio\n      audit.log:read\n"
            "    code: ['kpis.py']\n")
    found = lint_tree({"clients.yaml": text, "kpis.py": KM_CALL}).findings
    assert [(f.code, f.loc.line, f.loc.col, f.scope) for f in found if f.code in ("SL004", "SL006")] == [
        ("SL004", 4, 7, "studio"), ("SL006", 5, 7, "audit.log:read")]


@pytest.mark.parametrize("body", ["      studio\n        audit.log:read\n", "      studio\n\n      audit.log:read\n"])
def test_a_block_scalar_not_written_as_it_reads_keeps_its_scopes_at_its_start(lint_tree, body):
    # a more-indented line keeps its line break in a folded value, a blank line is one: the scopes are
    # still read, each placed where the value starts
    text = f"oauth_clients:\n  - name: km\n    scopes: >-\n{body}    code: ['kpis.py']\n"
    found = lint_tree({"clients.yaml": text, "kpis.py": KM_CALL}).findings
    assert [(f.code, f.loc.line, f.loc.col, f.scope) for f in found if f.code in ("SL004", "SL006")] == [
        ("SL004", 3, 13, "studio"), ("SL006", 3, 13, "audit.log:read")]
