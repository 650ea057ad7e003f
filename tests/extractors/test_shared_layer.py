"""What the shared layer promises every input kind: the catalog in force reaches extraction, one
secret test judges every language alike, and no extractor depends on another's run order."""
from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from scopelint import catalog as catalog_mod
from scopelint.cli import main
from scopelint.config import Config
from scopelint.extractors import Source, for_path
from scopelint.model import FileFacts
from tests.conftest import extract, triples, write_tree

WIDGETS = """
scopes:
  - {name: "widgets:read", group: Widgets, description: reads widgets, access: read, risk: low}
apis:
  - {prefix: /widgets/api/v1/, scopes: ["widgets:read"], confidence: DOC}
"""
TREE = {
    "widgets-catalog.yaml": WIDGETS,
    "clients.yaml": """
        oauth_clients:
          - name: sync
            scopes: [integration.data-pools]
            code: ["sync/**"]
        """,
    "sync/items.py": """
        import requests

        s = requests.Session()
        s.headers["Authorization"] = "Bearer " + token()
        items = s.get("/widgets/api/v1/items")
        packages = s.get("/package-manager/api/packages")
        """,
}


def test_an_extension_route_yields_api_calls_and_reaches_sl005(lint_tree, tmp_path):
    result = lint_tree(TREE, Config(select=("SL005",), catalogs=(str(tmp_path / "widgets-catalog.yaml"),)))
    assert triples(result.findings) == [("SL005", 5, 16), ("SL005", 6, 19)]
    assert "'widgets:read'" in result.findings[0].message


def test_without_the_extension_the_route_is_unknown(lint_tree):
    result = lint_tree(TREE, Config(select=("SL005",)))
    assert triples(result.findings) == [("SL005", 6, 19)]


def test_suggest_uses_the_extension_route(tmp_path, monkeypatch):
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["suggest", "--catalog", "widgets-catalog.yaml", "--format", "json", "."])
    assert out.exit_code == 0, out.output
    assert "widgets:read" in out.output and "/widgets/api/v1/items" in out.output


def test_extraction_reads_the_catalog_it_is_given():
    cat = catalog_mod.shipped().merged(__import__("yaml").safe_load(WIDGETS), "widgets-catalog.yaml")
    text = 'import requests\nrequests.get("/widgets/api/v1/items")\n'
    with_ext, without = FileFacts("a.py"), FileFacts("a.py")
    for ex in for_path("a.py"):
        ex.extract(Source("a.py", text, catalog=cat), with_ext)
        ex.extract(Source("a.py", text), without)
    assert [(c.path, c.loc.line) for c in with_ext.api_calls] == [("/widgets/api/v1/items", 2)]
    assert without.api_calls == []


# words joined by - . _ : / are test-fixture phrases in every language; a real secret is a secret in every language
PHRASE, REAL = "retrieved-api-token", "Zk3mQ9vX2bR7tY5wP1nL8hJ4aS6dF0gH"
SECRET_IN = [
    pytest.param("src/auth.spec.ts", 'const profile = {team: "https://acme.eu-1.celonis.cloud", apiToken: "{v}"};\n',
                 id="typescript"),
    pytest.param("tests/test_auth.py", 'CELONIS_URL = "https://acme.eu-1.celonis.cloud"\napi_token = "{v}"\n', id="python"),
    pytest.param(".env", "CELONIS_URL=https://acme.eu-1.celonis.cloud\nCELONIS_API_TOKEN={v}\n", id="env"),
    pytest.param("scripts/call.sh", 'curl -H "Authorization: AppKey {v}" https://acme.eu-1.celonis.cloud/api/x\n',
                 id="shell"),
    pytest.param("clients.yaml", "oauth_clients:\n  - name: a\n    scopes: [studio]\n    client_secret: {v}\n",
                 id="definition"),
]


@pytest.mark.parametrize("path, template", SECRET_IN)
def test_one_secret_test_for_every_input_kind(path, template):
    def secrets(value: str) -> list[FileFacts]:
        return extract(path, template.replace("{v}", value), *for_path(path), dedent=False).secrets

    assert secrets(PHRASE) == []
    found = secrets(REAL)
    assert len(found) == 1 and found[0].loc.end_col - found[0].loc.col == len(REAL)


ORDER_CASES = {
    "clients.yaml": """
        oauth_clients:
          - name: erp
            scopes: [studio, integration.datapools]
        env:
          CELONIS_CLIENT_SECRET: Zk3mQ9vX2bR7tY5wP1nL8hJ4aS6dF0gH
        """,
    ".github/workflows/sync.yml": """
        on: push
        jobs:
          sync:
            runs-on: ubuntu-latest
            env:
              CELONIS_URL: http://acme.eu-1.celonis.cloud
              CELONIS_OAUTH_SCOPES: studio integration.data-pools
        """,
    ".celonis-content-cli-profiles/dev.json": """
        {"name": "dev", "team": "https://acme.eu-1.celonis.cloud", "type": "Client Credentials",
         "clientId": "x", "clientSecret": "Zk3mQ9vX2bR7tY5wP1nL8hJ4aS6dF0gH", "scopes": ["studio"]}
        """,
    "broken.yaml": "oauth_clients: [\n",
}


@pytest.mark.parametrize("path", sorted(ORDER_CASES))
def test_extractors_do_not_depend_on_their_run_order(path):
    text = textwrap.dedent(ORDER_CASES[path]).lstrip("\n")
    claimed = for_path(path)
    assert len(claimed) > 1  # a case only where several extractors claim the file
    forward = extract(path, text, *claimed, dedent=False)
    backward = extract(path, text, *reversed(claimed), dedent=False)
    for kind in ("clients", "token_requests", "scope_vars", "api_calls", "secrets", "insecure", "auth_headers", "problems"):
        assert sorted(map(repr, getattr(forward, kind))) == sorted(map(repr, getattr(backward, kind))), kind
    assert not forward.is_empty()


def _slice_by_walking(text, a: int, b: int):
    """Text.slice as it was written first: every piece looked at, from the start."""
    from scopelint.extractors.recognition.text import Piece, Text

    out, pos = [], 0
    for p in text.pieces:
        lo, hi = pos, pos + len(p.text)
        pos = hi
        if p.ref is not None:
            if lo < b and hi > a:
                out.append(p)
            continue
        i, j = max(a, lo), min(b, hi)
        if i < j or a == b and lo <= a <= hi and not out:
            out.append(Piece(p.text[i - lo:j - lo], None if p.start is None else p.start + i - lo))
    return Text(tuple(out), text.names)


_PIECES = st.lists(st.tuples(st.text("ab=&$", max_size=4), st.booleans()), max_size=8)


@settings(max_examples=300, deadline=None)
@given(_PIECES, st.integers(0, 20), st.integers(0, 20))
def test_slice_passes_over_pieces_by_halving_and_gives_what_walking_gives(parts, a, b):
    from scopelint.extractors.recognition.text import Piece, Text

    pieces, at = [], 0
    for body, is_ref in parts:
        pieces.append(Piece(body, at, "v", at + len(body) + 1) if is_ref else Piece(body, at))
        at += len(body) + 1
    text = Text(tuple(pieces), frozenset({"v"}))
    a, b = min(a, b), max(a, b)
    assert text.slice(a, b) == _slice_by_walking(text, a, b)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=6), st.one_of(st.none(), st.integers(0, 99)), st.one_of(st.none(), st.integers(0, 99)),
       st.text("abc_", max_size=3))
def test_a_literal_and_a_reference_are_the_records_their_constructors_make(body, start, end, name):
    """``Text.literal``/``reference`` set the fields without ``__init__``: every field as it sets them."""
    from scopelint.extractors.recognition.text import Piece, Text

    made = Text.literal(body, start)
    assert vars(made) == vars(Text((Piece(body, start),))) and vars(made.pieces[0]) == vars(Piece(body, start))
    assert made == Text((Piece(body, start),)) and hash(made) == hash(Text((Piece(body, start),)))
    ref = Text.reference(body, start, end, name)
    want = Text((Piece(body, start, name, end),), frozenset({name}) if name else frozenset())
    assert vars(ref) == vars(want) and vars(ref.pieces[0]) == vars(want.pieces[0]) and ref == want
    assert ref.value == body and ref.names == want.names


_SEGMENT = st.lists(st.sampled_from(["spring", "security", "oauth2", "client", "connect", "ems", "Client", "EMS", "x",
                                     "spring.security", "oauth2.client", "connect.ems", "a.b"]), min_size=1, max_size=3).map(".".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(_SEGMENT, max_size=7), _SEGMENT)
def test_a_key_opens_a_block_read_elsewhere_as_its_whole_path_says(path, key):
    """The walk asks only the last four segments and the key, and only for a key holding a prefix's
    last word; for a path outside every such block that is what joining the whole path says."""
    from scopelint.extractors.documents.tree import opens_block, read_elsewhere

    path = tuple(path)
    if any(read_elsewhere(".".join(path[:k])) for k in range(1, len(path) + 1)):
        return  # the walk never gets below a block read elsewhere
    assert opens_block(path, key) == read_elsewhere(".".join(path + (key,)))


@pytest.mark.parametrize("scheme, credential, kind", [
    ("AppKey", "${CELONIS_APP_KEY}", "AppKey"),
    ("appkey", "c2VjcmV0", "AppKey"),
    ("Bearer", "API_KEY_HERE", "api-key"),
    ("Bearer", "${CELONIS_API_KEY}", "api-key"),
    ("Bearer", "$CELONIS_PAT", "api-key"),
    ("Bearer", "{{apiKey}}", "api-key"),
    ("Bearer", "${CELONIS_ACCESS_TOKEN}", None),
    ("Bearer", "${token}", None),
    ("Bearer", "eyJhbGciOiJIUzI1NiJ9.e30.sig", None),
    ("Basic", "${CELONIS_API_KEY}", None),
])
def test_key_auth_is_one_decision_for_every_reader(scheme, credential, kind):
    from scopelint.extractors.recognition.names import key_auth

    assert key_auth(scheme, credential) == kind


@pytest.mark.parametrize("url, celonis", [
    ("https://acme.eu-1.celonis.cloud/oauth2/token", True),
    ("https://<team>.<realm>.celonis.cloud/oauth2/token", True),
    ("https://${TEAM}.celonis.cloud/integration/api/pools", True),
    ("https://acme.eu-1.celonis.cloud{path}", True),  # a base URL with the path glued on
    ("https://acme.mycelonis.cloud/oauth2/token", False),
    ("https://login.example-celonis.cloud.evil.io/oauth2/token", False),
    ("https://acme.eu-1.celonis.cloud.evil.io/oauth2/token", False),
])
def test_a_celonis_host_is_one_under_celonis_cloud_not_one_that_contains_the_words(url, celonis):
    from scopelint.extractors.recognition.celonis import is_celonis_url

    assert is_celonis_url(url) is celonis



def test_a_plain_http_token_url_on_a_lookalike_host_is_not_celonis(lint_tree):
    code = textwrap.dedent('''\
        import os, requests
        requests.post("http://login.example-celonis.cloud.evil.io/oauth2/token",
                      data={"grant_type": "client_credentials", "scope": "studio", "client_secret": os.environ["X"]})
        ''')
    assert triples(lint_tree({"t.py": code}).findings) == []
    assert triples(lint_tree({"t.py": code.replace("login.example-celonis.cloud.evil.io", "acme.eu-1.celonis.cloud")}).findings) \
        == [("SL014", 2, 16)]


@pytest.mark.parametrize("path, template", [
    ("t.py", '''import os, requests
requests.post("{url}", data={{"grant_type": "client_credentials", "scope": "studio,integration.data-pools",
                              "client_secret": os.environ["X"]}})
'''),
    ("t.ts", '''import axios from "axios";
export const token = () => axios.post("{url}", new URLSearchParams({{grant_type: "client_credentials", scope: "studio,integration.data-pools"}}));
'''),
    ("t.sh", '''curl -X POST "{url}" -d grant_type=client_credentials -d "scope=studio,integration.data-pools"
'''),
])
def test_celonis_scope_names_sent_to_a_token_url_written_out_for_another_host_are_its_own(lint_tree, path, template):
    foreign = lint_tree({path: template.format(url="https://auth.example.com/oauth2/token")}).findings
    assert triples(foreign) == []
    celonis = lint_tree({path: template.format(url="https://acme.eu-1.celonis.cloud/oauth2/token")}).findings
    assert [f.code for f in celonis] == ["SL002"]


def test_a_document_is_parsed_once_for_every_reader_of_the_documents_wing(tmp_path, monkeypatch):
    """A JSON file that the definitions, app-config and connector readers all claim is parsed once;
    a file that does not parse is still SL000's, once."""
    from scopelint import located
    from scopelint.catalog import shipped
    from scopelint.discovery import Entry
    from scopelint.reading import read

    calls: list[str] = []
    parse = located.documents
    monkeypatch.setattr(located, "documents", lambda text, path, kind, **kw: calls.append(path) or parse(text, path, kind, **kw))
    text = ('{"oauth_clients": [{"name": "etl", "scopes": ["studio"]}],\n'
            ' "celonis": {"connect.ems.endpoint": "https://acme.eu-1.celonis.cloud", "scopes": "studio"}}\n')
    write_tree(tmp_path, {"config/app.json": text, "config/broken.json": text[:-3]})
    monkeypatch.chdir(tmp_path)
    readers = [k.name for k in for_path("config/app.json", True)]
    assert {"definitions", "appconfig", "connector"} <= set(readers)
    facts = read(Entry("config/app.json", "config/app.json", True, len(text)), shipped())
    assert calls == ["config/app.json"] and [c.name for c in facts.clients] == ["etl"]
    broken = read(Entry("config/broken.json", "config/broken.json", True, len(text) - 3), shipped())
    assert [(p.kind, p.loc.line) for p in broken.problems] == [("invalid", 2)] and broken.clients == []


@pytest.mark.parametrize("path, text", [
    ("etl/push.py", 'import requests\nPOOL_ID = ""\n'
                    'requests.post(f"https://acme.eu-1.celonis.cloud/integration/api/v1/data-push/{POOL_ID}/jobs/", json={})\n'),
    ("src/push.js", 'const POOL_ID = "";\n'
                    'fetch(`https://acme.eu-1.celonis.cloud/integration/api/v1/data-push/${POOL_ID}/jobs/`, {method: "POST"});\n'),
])
def test_a_path_segment_left_empty_is_shown_as_one_not_known(path, text):
    # a setting whose default is "" (filled in from the environment) leaves no "//" in a finding's path
    facts = FileFacts(path)
    for kind in for_path(path):
        kind.extract(Source(path, text), facts)
    assert [(c.method, c.path, c.loc.line) for c in facts.api_calls] == [
        ("POST", "/integration/api/v1/data-push/{x}/jobs/", 3 if path.endswith(".py") else 2)]


@pytest.mark.parametrize("path, text, want", [
    # written with "//" (a hackathon app's Package Manager call; a job id put after "jobs/" with a "/"
    # of its own): one "/", as servers read it, and no segment made up
    ("src/data-service.ts", 'const url = "https://acme.eu-1.celonis.cloud/package-manager//api/nodes/tree?spaceId=s1";\n'
                            'fetch(url);\n', [("GET", "/package-manager/api/nodes/tree", 1)]),
    ("etl/cloud_api.py", 'import os, requests\nJOBS = "https://acme.eu-1.celonis.cloud/integration/api/v1/data-push/p1/jobs/"\n'
                         'requests.delete(JOBS + "/{}".format(os.environ["JOB_ID"]))\n'
                         'requests.get("https://acme.eu-1.celonis.cloud/integration//api/pools")\n',
     [("DELETE", "/integration/api/v1/data-push/p1/jobs/{JOB_ID}", 3), ("GET", "/integration/api/pools", 4)]),
])
def test_a_double_slash_written_out_is_one(path, text, want):
    facts = FileFacts(path)
    for kind in for_path(path):
        kind.extract(Source(path, text), facts)
    assert [(c.method, c.path, c.loc.line) for c in facts.api_calls] == want


@pytest.mark.parametrize("name, kind", [
    ("CELONIS_CLIENT_SECRET_OLD", "client secret"), ("clientSecret2", "client secret"), ("API_KEY_V2", "API key"),
    ("celonis_api_token_new", "API key"), ("api_key_primary", "API key"),
    ("CLIENT_SECRET_PROD", "client secret"), ("GB_CLIENT_SECRET_UNPRIV", "client secret"), ("apiKeyStaging", "API key"),
    # a generation word is no secret's name of its own, nor a word that only starts like one
    ("TOKEN_2", None), ("CLIENT_SECRET_OLDER", None), ("FAKE_CLIENT_SECRET_OLD", None), ("CLIENT_SECRET_PRODUCT", None),
])
def test_a_secrets_name_with_the_generation_it_holds_is_still_a_secrets(name, kind):
    from scopelint.extractors.recognition.names import secret_kind

    assert secret_kind(name) == kind


# names as settings files and code write them: words, digits, separators, case changes, and a few
# characters outside ASCII that lower-casing or the name pattern treat apart
_NAME = st.lists(st.sampled_from(["client", "Secret", "SECRET", "secret", "api", "Key", "key", "KEY", "token", "Token",
                                  "app", "celonis", "fake", "old", "v2", "k1", "9", "_", "-", ".", " ", "sec9ret",
                                  "\u212a", "\u0130", "é", "x"]), max_size=6).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_NAME, st.text(max_size=12)))
def test_the_quick_answers_for_plain_names_are_what_the_full_reading_gives(name):
    """``normalise`` returns a lower-case ASCII word as it is upper-cased, and ``secret_kind`` turns
    away a name holding none of the words a secret's name ends in, before their patterns run: the
    answers are those of the patterns (a 40,000-key settings file spent a third of its time here)."""
    import re

    from scopelint.extractors.recognition import names

    snake = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name.strip())
    assert names.normalise.__wrapped__(name) == re.sub(r"[^A-Za-z0-9]+", "_", snake).strip("_").upper()
    words = names._SECRET_WORDS
    try:
        names._SECRET_WORDS = ("",)  # every name goes the whole way
        full = names.secret_kind.__wrapped__(name)
    finally:
        names._SECRET_WORDS = words
    assert names.secret_kind.__wrapped__(name) == full


def test_a_rotated_secret_under_its_generations_name_is_found(lint_tree):
    found = lint_tree({"etl/auth.py": 'import os\nCLIENT_SECRET_OLD = "Zb8Qw3Lr6Tn1Vy4Kc7Xm2Pd5Hs9Gf0Ja"\n'
                                      'URL = "https://acme.eu-1.celonis.cloud/oauth2/token"\n'}).findings
    assert [(f.code, f.loc.line, f.loc.col) for f in found] == [("SL012", 2, 22)]


@pytest.mark.parametrize("path, text", [
    ("dags/push.py", 'ENDPOINT = "/intelligence/api/knowledge-models/{{ params.km }}/kpis"\n'),
    ("push.sh", 'curl -s "https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models/{{ params.km }}/kpis"\n'),
    ("push.js", 'fetch("https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models/{{ params.km }}/kpis");\n'),
])
def test_a_template_expression_spaced_as_jinja_writes_it_is_one_segment_of_a_path(path, text):
    """Airflow's documented ``{{ params.km }}`` is the segment ``{{params.km}}`` is: the route is read,
    in every reader's path test (a path holding other spaces is still none)."""
    from scopelint.extractors import for_path as kinds

    def calls(code: str) -> list[str]:
        facts = FileFacts(path)
        for kind in kinds(path, True):
            kind.extract(Source(path, code, True, catalog_mod.load(())), facts)
        return [c.path for c in facts.api_calls]

    assert calls(text) == ["/intelligence/api/knowledge-models/{{params.km}}/kpis"]
    assert calls(text.replace("{{ params.km }}", "{{ params km }}")) == []


@pytest.mark.parametrize("name, kind", [
    ("CELONIS_PAT", "API key"), ("celonisPat", "API key"), ("CELONIS_PAT_OLD", "API key"),
    ("GITLAB_PERSONAL_ACCESS_TOKEN", "API key"), ("personalAccessToken", "API key"),
    # a pattern, a path, another word that holds the letters: no secret's name
    ("CELONIS_PATH", None), ("CELONIS_PATTERN", None), ("URL_PAT", None), ("PAT_PATH", None), ("celonisPatch", None),
])
def test_a_personal_access_tokens_name_is_an_api_keys(name, kind):
    from scopelint.extractors.recognition.names import secret_kind

    assert secret_kind(name) == kind


@pytest.mark.parametrize("name, kind", [
    # Quarkus's OIDC client secret, under each key its documentation gives (akoserwal/keycloak-integrations)
    ("quarkus.oidc.credentials.secret", "client secret"), ("quarkus.oidc-client.credentials.secret", "client secret"),
    ("quarkus.oidc.credentials.client-secret.value", "client secret"), ("%dev.quarkus.oidc.credentials.secret", "client secret"),
    # another credential's secret is not an OAuth client's
    ("db.credentials.secret", None), ("aws.credentials.secret-key", None), ("quarkus.oidc.credentials.jwt.secret", None),
])
def test_quarkus_oidc_client_secret_keys_are_client_secrets(name, kind):
    from scopelint.extractors.recognition.names import secret_kind

    assert secret_kind(name) == kind


def test_a_quarkus_oidc_secret_in_application_properties_is_reported(lint_tree):
    text = ("quarkus.datasource.username=quarkus_test\n"
            "quarkus.oidc.credentials.secret=207f76f9-c51f-4bc4-9e7d-fe1baf539dc8\n"
            "quarkus.oidc-client.credentials.secret=${OIDC_CLIENT_SECRET}\n"
            "%dev.quarkus.oidc.credentials.secret=<SECRET>\n"
            "quarkus.oidc.auth-server-url=http://localhost:8081/auth/realms/keycloak-demo\n")
    found = lint_tree({"src/main/resources/application.properties": text}).findings
    assert [(f.code, f.loc.line, f.loc.col, f.message) for f in found] == [
        ("SL012", 2, 33, "hard-coded client secret in 'quarkus.oidc.credentials.secret'")]


def _b64(text: str) -> str:
    import base64

    return base64.b64encode(text.encode()).decode()


CELONIS_KEY = _b64("3fa85f64-5717-4562-b3fc-2c963f66afa6:kT9xQ2mZ7vLp4RwB8nYc3HsJ6dFg1AeUoPq5")


@pytest.mark.parametrize("value, shaped", [
    (CELONIS_KEY, True),
    # the secret after the uuid a placeholder, a phrase, too short; no uuid; not base64; base64 of a phrase
    (_b64("3fa85f64-5717-4562-b3fc-2c963f66afa6:changeme-changeme-changeme"), False),
    (_b64("3fa85f64-5717-4562-b3fc-2c963f66afa6:" + _b64("get this from a real key")), False),
    (_b64("3fa85f64-5717-4562-b3fc-2c963f66afa6:kT9x"), False),
    (_b64("client-id-of-the-etl:kT9xQ2mZ7vLp4RwB8nYc3HsJ6dFg1AeUoPq5"), False),
    ("3fa85f64-5717-4562-b3fc-2c963f66afa6:kT9xQ2mZ7vLp4RwB8nYc3HsJ6dFg1AeUoPq5", False),
    (_b64("the quick brown fox jumps over the lazy dog, twice over"), False),
])
def test_a_celonis_api_key_is_known_by_its_shape(value, shaped):
    from scopelint.extractors.recognition.secrets import celonis_key_shaped, named_kind

    assert celonis_key_shaped(value) is shaped
    assert named_kind(None, value) == ("API key" if shaped else None)
    assert named_kind("client secret", value) == "client secret"  # the name's kind, where it gives one


@pytest.mark.parametrize("path, text, want", [
    ("ui/app.py", f'celonis_url = "https://acme.eu-1.celonis.cloud"\ntoken = "{CELONIS_KEY}"\n', [("token", 2, 10)]),
    ("web/app.js", f'const base = "https://acme.eu-1.celonis.cloud";\nconst token = "{CELONIS_KEY}";\n', [("token", 2, 16)]),
    ("src/A.java", f'class A {{\n  static final String DEFAULT = "{CELONIS_KEY}";\n}}\n', [("DEFAULT", 2, 34)]),
    # the same names holding no key stay silent
    ("ui/app.py", 'token = "<celonis api token>"\npage_token = "next"\n', []),
    ("web/app.js", f'const token = "{_b64("3fa85f64-5717-4562-b3fc-2c963f66afa6:your-api-key-goes-here")}";\n', []),
])
def test_a_celonis_api_key_under_any_name_is_a_hard_coded_api_key(path, text, want):
    from scopelint.extractors import for_path

    facts = FileFacts(path)
    for kind in for_path(path):
        kind.extract(Source(path, text), facts)
    assert [(s.name, s.loc.line, s.loc.col) for s in facts.secrets if s.kind == "API key"] == want


@pytest.mark.parametrize("lines, want", [
    pytest.param(["scope=studio,\\", "  studio.spaces"], [("studio", 1, 7, 13), ("studio.spaces", 2, 3, 16)],
                 id="each-where-written"),
    # "studio" is not taken from inside "studio.spaces": the one written alone, on the next line
    pytest.param(["scope=studio.spaces\\", "  studio"], None, id="a-name-is-a-word-of-its-own"),
    # the value as read is not the text on the lines (an escape): every scope stays at its start
    pytest.param(["scope=stu\\u0064io,\\", "  studio.spaces"], None, id="not-as-written"),
])
def test_a_value_over_lines_places_each_scope_on_its_line_or_none(lines, want):
    from scopelint.extractors.recognition.scopes import comma_list, placed
    from scopelint.findings import Location

    value = "studio,studio.spaces" if want is not None or "u0064" in lines[0] else "studio.spaces,studio"
    end = (len(lines), len(lines[-1]) + 1)
    found = comma_list(value, Location("app.properties", 1, 7, *end), "client")
    got = placed(found, lines)
    if want is None and "u0064" in lines[0]:
        assert got is found
        return
    if want is None:
        want = [("studio.spaces", 1, 7, 20), ("studio", 2, 3, 9)]
    assert [(r.name, r.loc.line, r.loc.col, r.loc.end_col) for r in got.refs] == want
    assert [(i.value, i.loc.line, i.loc.col, i.loc.end_col) for i in got.items] == want
