"""The notebook extractor: code cells read as one Python module, every position pointing into
the ``.ipynb`` file itself."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scopelint.extractors import Source

from scopelint.extractors.python import notebook
from scopelint.extractors.recognition import notebooks

from scopelint.extractors.python import code as python
from scopelint.model import FileFacts

CORPUS = Path(__file__).parent.parent / "fixtures" / "corpus" / "python-etl" / "etl"

SECRET = "Zx8vQ2pL9mN4rT7yB1cK5dF3gH6jW0eA"


def code(*lines: str) -> dict:
    """A code cell as nbformat writes it: one JSON string per source line."""
    source = [line + "\n" for line in lines[:-1]] + list(lines[-1:])
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}


def markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": [text]}


def notebook_text(*cells: dict) -> str:
    return json.dumps({"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def facts_of(text: str, path: str = "km.ipynb") -> FileFacts:
    facts = FileFacts(path)
    notebook.extract(Source(path, text), facts)
    return facts


def at(text: str, loc) -> str:
    """The file text a single-line location covers."""
    assert loc.end_line == loc.line
    return text.split("\n")[loc.line - 1][loc.col - 1:loc.end_col - 1]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


TOKEN_CELL = code(
    "import os, requests",
    'BASE = os.environ["CELONIS_URL"]',
    'resp = requests.post(f"{BASE}/oauth2/token", data={"grant_type": "client_credentials", "scope": "studio integration.data-pools"})',
)


def test_scopes_point_into_the_notebook_file():
    text = notebook_text(markdown("# Orders\nscope studio"), TOKEN_CELL)
    facts = facts_of(text)
    (req,) = facts.token_requests
    line = line_of(text, "resp = requests.post")
    assert [(r.name, r.loc.line, at(text, r.loc)) for r in req.scopes.refs] == [
        ("studio", line, "studio"), ("integration.data-pools", line, "integration.data-pools")]
    assert req.scopes.refs[0].loc.col == text.split("\n")[line - 1].index("studio integration") + 1
    assert (req.grant_type.value, at(text, req.grant_type.loc)) == ("client_credentials", "client_credentials")
    assert req.url is None


def test_cells_share_names_and_api_calls_map_back():
    text = notebook_text(TOKEN_CELL, code(
        'KM = f"{BASE}/intelligence/api/knowledge-models/orders/records"',
        "rows = requests.get(KM, verify=False).json()",
    ))
    facts = facts_of(text)
    call_line = line_of(text, "rows = requests.get")
    assert [(c.method, c.path, c.loc.line, at(text, c.loc)) for c in facts.api_calls] == [
        ("GET", "/intelligence/api/knowledge-models/orders/records", call_line, "KM")]
    assert [(i.kind, i.loc.line, at(text, i.loc)) for i in facts.insecure] == [("tls-off", call_line, "verify=False")]


def test_magics_and_shell_lines_are_skipped_keeping_lines():
    text = notebook_text(code(
        "%pip install pycelonis",
        "!ls -la",
        "files = !ls",
        "import os",
        'S = os.environ.get("CELONIS_SCOPE", "audit.log:read")',
    ))
    facts = facts_of(text)
    assert facts.problems == []
    ((ref,),) = [s.refs for s in facts.scope_vars]
    assert (ref.name, ref.loc.line, at(text, ref.loc)) == ("audit.log:read", line_of(text, "CELONIS_SCOPE"), "audit.log:read")


def test_line_magics_written_without_their_percent_sign_are_skipped():
    """IPython's automagic (on by default) runs ``pip install ftfy`` as ``%pip``: the cell is Python
    all the same, and what follows in it is read."""
    text = notebook_text(code(
        "pip install ftfy pycelonis",
        "cd data",
        "env CELONIS_CLIENT_SECRET=Zq8vR2mN7xT4kP9wL3sB6yH1cF5gJ0dA",
        "import os",
        'S = os.environ.get("CELONIS_SCOPE", "audit.log:read")',
        "time = 3",  # names of magics used as Python: read as Python
        "run = time if time else 0",
    ))
    facts = facts_of(text)
    assert facts.problems == []
    ((ref,),) = [s.refs for s in facts.scope_vars]
    assert (ref.name, ref.loc.line) == ("audit.log:read", line_of(text, "CELONIS_SCOPE"))
    assert [(s.name, at(text, s.loc)) for s in facts.secrets] == [("CELONIS_CLIENT_SECRET", "Zq8vR2mN7xT4kP9wL3sB6yH1cF5gJ0dA")]


@pytest.mark.parametrize("magic", ["%env CELONIS_CLIENT_SECRET=Zq8vR2mN7xT4kP9wL3sB6yH1cF5gJ0dA",
                                   "%env CELONIS_CLIENT_SECRET Zq8vR2mN7xT4kP9wL3sB6yH1cF5gJ0dA",
                                   "%set_env CELONIS_CLIENT_SECRET=Zq8vR2mN7xT4kP9wL3sB6yH1cF5gJ0dA"])
def test_env_magics_set_variables_as_os_environ_does(magic):
    """``%env NAME=value`` sets an environment variable: a secret written in it is leaked, and a
    scope set in it is what PyCelonis will request."""
    text = notebook_text(code("%pip install pycelonis", magic, "%env OAUTH_SCOPES=studio,integration.data-pools",
                              "%env EDITOR", "from pycelonis import get_celonis"))
    facts = facts_of(text)
    assert [(s.name, s.loc.line, at(text, s.loc)) for s in facts.secrets] == [
        ("CELONIS_CLIENT_SECRET", line_of(text, "env CELONIS"), "Zq8vR2mN7xT4kP9wL3sB6yH1cF5gJ0dA")]
    assert [(s.raw, s.loc.line, at(text, s.loc)) for s in facts.scope_vars] == [
        ("studio,integration.data-pools", line_of(text, "OAUTH_SCOPES"), "studio,integration.data-pools")]


def test_env_magics_holding_references_or_quotes_set_nothing_read():
    text = notebook_text(code("%env CELONIS_CLIENT_SECRET=$SECRET_FROM_VAULT", "%env CELONIS_CLIENT_SECRET='it''s'",
                              "import os"))
    assert facts_of(text).secrets == []


def test_plain_python_is_not_mistaken_for_magics():
    text = notebook_text(code(
        "import os",
        'msg = ("%s/oauth2/token"',
        '       % os.environ["CELONIS_URL"])',
        "ok = (1",
        "      != 2)",
        'url = await resolve("/integration/api/pools")',
    ))
    facts = facts_of(text)
    assert facts.problems == []
    assert [(c.path, c.loc.line) for c in facts.api_calls] == [("/integration/api/pools", line_of(text, "await resolve"))]


def test_cell_magics_without_python_are_skipped():
    text = notebook_text(code("%%bash", 'curl -k "https://acme.eu-1.celonis.cloud/integration/api/pools"'),
                         code("%%time", 'U = "https://acme.eu-1.celonis.cloud/log/api/external/audit"'))
    facts = facts_of(text)
    assert [(c.path, c.loc.line) for c in facts.api_calls] == [("/log/api/external/audit", line_of(text, "U = "))]


def test_escapes_before_the_value_keep_columns_exact():
    cell = code('label = "tab\\there \\"quoted\\" \U0001F600"; s = os.environ.get("CELONIS_SCOPES", "studio")')
    text = json.dumps({"cells": [cell], "nbformat": 4, "nbformat_minor": 5, "metadata": {}}, indent=1)
    assert "\\ud83d\\ude00" in text and '\\\\\\"quoted' in text
    facts = facts_of(text)
    ((ref,),) = [s.refs for s in facts.scope_vars]
    assert at(text, ref.loc) == "studio"


def test_source_as_one_string():
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": 1,
            "source": f'import requests\nclient_secret = "{SECRET}"\nr = requests.get("https://acme.eu-1.celonis.cloud/api/team")\n'}
    text = notebook_text(cell)
    facts = facts_of(text)
    line = line_of(text, "client_secret")
    assert [(s.kind, s.loc.line, at(text, s.loc)) for s in facts.secrets] == [("client secret", line, SECRET)]
    assert [(c.path, c.loc.line) for c in facts.api_calls] == [("/api/team", line)]
    assert SECRET not in repr(facts)


def test_secret_in_a_comment_line():
    text = notebook_text(code("import os", f'# api_key = "{SECRET}"', 'K = os.environ["CELONIS_API_KEY"]'))
    facts = facts_of(text)
    assert [(s.kind, s.loc.line, at(text, s.loc)) for s in facts.secrets] == [("API key", line_of(text, "# api_key"), SECRET)]


def test_invalid_cell_is_noted_and_other_cells_read():
    text = notebook_text(code("x = (1,"), code('P = "/integration/api/pools"'))
    facts = facts_of(text)
    assert [(p.kind, p.loc.line) for p in facts.problems] == [("skipped", line_of(text, "x = (1,"))]
    assert facts.problems[0].message.startswith(f"cell 1 is not valid Python (line {line_of(text, 'x = (1,')}): ")
    assert [(c.path, c.loc.line) for c in facts.api_calls] == [("/integration/api/pools", line_of(text, "P = "))]


def test_a_line_of_a_cell_that_does_not_parse_is_left_out_and_the_rest_of_the_cell_read():
    # a Python 2 ``print`` among the cell's lines: read as ``pass``, as in a module, the key beside it found
    text = notebook_text(code("import requests", 'print "pushing"', f'API_KEY = "{SECRET}"',
                              'requests.get("https://acme.eu-1.celonis.cloud/api/team")'))
    facts = facts_of(text)
    assert [(p.kind, p.loc.line) for p in facts.problems] == [("skipped", line_of(text, "pushing"))]
    assert facts.problems[0].message.endswith(f"line {line_of(text, 'pushing')} not read, the rest of the cell was")
    assert [(s.name, s.loc.line) for s in facts.secrets] == [("API_KEY", line_of(text, "API_KEY"))]
    assert [(c.path, c.loc.line) for c in facts.api_calls] == [("/api/team", line_of(text, "requests.get"))]


@pytest.mark.parametrize("text, message", [
    pytest.param('{"cells": [ {"cell_type": "code", "source": ["celonis"] ', "not a valid notebook (line 1): ", id="truncated"),
    pytest.param('{"cells": {"celonis": 1}}', "not a notebook: no list of 'cells'", id="cells-not-a-list"),
    pytest.param('["celonis"]', "not a notebook: no list of 'cells'", id="top-level-list"),
    pytest.param('{"cells": [{"cell_type": "code", "source": 42}], "x": "celonis"}',
                 "cell 1: 'source' is not text or a list of strings; skipped", id="source-not-text"),
])
def test_bad_notebooks_are_notes(text, message):
    facts = facts_of(text)
    assert [p.kind for p in facts.problems] == ["skipped"]
    assert facts.problems[0].message.startswith(message)
    assert facts.api_calls == [] and facts.token_requests == []


def test_a_cell_with_a_bad_source_is_noted_at_the_cell_and_the_rest_read():
    bad = {"cell_type": "code", "metadata": {}, "outputs": [], "source": {"lines": 1}}
    text = notebook_text(bad, code('P = "/integration/api/pools"'))
    facts = facts_of(text)
    assert [(p.message, p.loc.line) for p in facts.problems] == [
        ("cell 1: 'source' is not text or a list of strings; skipped", line_of(text, '"cell_type": "code"'))]
    assert [c.path for c in facts.api_calls] == ["/integration/api/pools"]


def test_nbformat_3_worksheets():
    text = json.dumps({"worksheets": [{"cells": [{"cell_type": "code", "input": ['P = "/package-manager/api/spaces"']}]}],
                       "nbformat": 3}, indent=1)
    assert [(c.path, c.loc.line) for c in facts_of(text).api_calls] == [("/package-manager/api/spaces", line_of(text, "P = "))]


def test_notebook_without_markers_is_not_parsed(lint_tree, monkeypatch):
    calls: list[str] = []
    real = notebooks.parse
    monkeypatch.setattr(notebooks, "parse", lambda text: calls.append(text) or real(text))
    lint_tree({"plain.ipynb": notebook_text(code("import pandas as pd", "df = pd.read_csv('orders.csv')"))})
    assert calls == []
    lint_tree({"uses.ipynb": notebook_text(code('URL = "https://acme.eu-1.celonis.cloud"'))})
    assert calls


def test_end_to_end_through_the_rules(lint_tree):
    nb = notebook_text(markdown("Reads the order knowledge model"), TOKEN_CELL, code(
        'KM = f"{BASE}/intelligence/api/knowledge-models/orders/records"',
        "rows = requests.get(KM, verify=False).json()",
    ))
    result = lint_tree({
        "oauth-clients.yaml": """
            oauth_clients:
              - name: km-notebook
                scopes: [studio, integration.data-pools]
                justification: {studio: reads KPIs, integration.data-pools: reads pools}
                code: ["notebooks/**"]
            """,
        "notebooks/km.ipynb": nb,
    })
    got = sorted((f.loc.path, f.loc.line, f.code) for f in result.findings)
    assert got == sorted([
        ("oauth-clients.yaml", 3, "SL004"),  # studio -> intelligence.knowledge-models:read
        ("oauth-clients.yaml", 3, "SL006"),  # integration.data-pools opens nothing called
        ("notebooks/km.ipynb", line_of(nb, "rows = requests.get"), "SL014"),
    ])
    sl004 = next(f for f in result.findings if f.code == "SL004")
    assert sl004.scope == "studio" and "'intelligence.knowledge-models:read'" in sl004.message


def _spans(facts: FileFacts, lines: list[str]) -> list[tuple[str, str]]:
    """Every located fact as (what, the text it points at), in a form both file kinds share."""
    out = []
    for kind in ("token_requests", "scope_vars", "api_calls", "secrets", "insecure", "auth_headers"):
        for item in getattr(facts, kind):
            for loc in _locations(item):
                if loc.end_line == loc.line and loc.end_col:
                    out.append((kind, lines[loc.line - 1][loc.col - 1:loc.end_col - 1]))
    return sorted(out)


def _locations(item):
    from dataclasses import fields, is_dataclass

    from scopelint.findings import Location

    if isinstance(item, Location):
        yield item
    elif is_dataclass(item):
        for f in fields(item):
            yield from _locations(getattr(item, f.name))
    elif isinstance(item, (tuple, list)):
        for sub in item:
            yield from _locations(sub)


@pytest.mark.parametrize("name", ["push_orders.py", "audit.py", "legacy_export.py"])
def test_a_cell_gives_the_facts_of_the_same_python_file(name):
    source = (CORPUS / name).read_text(encoding="utf-8")
    as_py = FileFacts(name)
    python.extract(Source(name, source), as_py)
    text = notebook_text(code(*source.rstrip("\n").split("\n")))
    as_nb = facts_of(text, "copy.ipynb")
    # in the notebook the same code sits inside JSON strings: compare the decoded text each fact covers
    nb_spans = [(kind, json.loads(f'"{span}"')) for kind, span in _spans(as_nb, text.split("\n"))]
    assert sorted(nb_spans) == _spans(as_py, source.split("\n"))
    assert _spans(as_py, source.split("\n"))  # the comparison is not vacuous



# --- the shell of a notebook: escapes and %%bash cells (the shell wing)

from scopelint.extractors.shell import notebook as shell_notebook  # noqa: E402
from tests.conftest import request_scopes, triples  # noqa: E402

TEAM = "https://acme.eu-1.celonis.cloud"


def shell_facts(text: str, path: str = "km.ipynb") -> FileFacts:
    facts = FileFacts(path)
    shell_notebook.extract(Source(path, text), facts)
    return facts


def test_a_shell_escape_token_request_is_read_where_it_stands_in_the_file():
    text = notebook_text(code("import os"), code(
        f"!curl -X POST {TEAM}/oauth2/token \\",
        f'    -d "grant_type=client_credentials&scope=studio integration.data-pools&client_secret={SECRET}"'))
    f = shell_facts(text)
    (req,) = f.token_requests
    assert [at(text, s.loc) for s in req.scopes.refs] == ["studio", "integration.data-pools"]
    assert [r[0] for r in request_scopes(f)[0]] == ["studio", "integration.data-pools"]
    (secret,) = f.secrets
    assert at(text, secret.loc) == SECRET and secret.loc.line == line_of(text, "grant_type")


def test_a_bash_cell_is_a_script_and_an_assigned_escape_a_command():
    text = notebook_text(
        code("%%bash", f"TOKEN_URL={TEAM.replace('https', 'http')}/oauth2/token",
             'curl -X POST "$TOKEN_URL" -d grant_type=client_credentials -d scope=studio'),
        code(f"out = !curl -s {TEAM}/integration/api/pools -H \"Authorization: AppKey $KEY\""))
    f = shell_facts(text)
    assert [at(text, s.loc) for r in f.token_requests for s in r.scopes.refs] == ["studio"]
    assert [c.path for c in f.api_calls] == ["/integration/api/pools"]
    assert f.token_requests[0].url.startswith("http://") and f.token_requests[0].loc.line == line_of(text, "curl -X POST")


def test_python_interpolation_in_an_escape_is_a_value_not_known():
    text = notebook_text(code(
        'secret = os.environ["CELONIS_CLIENT_SECRET"]',
        f'!curl {TEAM}/oauth2/token -d "grant_type=client_credentials&client_secret={{secret}}&scope=studio"'))
    f = shell_facts(text)
    assert f.secrets == [] and [r[0] for r in request_scopes(f)[0]] == ["studio"]


def test_other_cells_and_other_providers_stay_silent():
    text = notebook_text(
        code("%%sql", "SELECT * FROM token WHERE scope = 'studio'"),
        code("!pip install pycelonis", "!ls -la"),
        code('!curl -X POST https://dev-123.okta.com/oauth2/default/v1/token -d "grant_type=client_credentials&scope=studio"'))
    assert shell_facts(text).is_empty()


def test_escapes_do_not_stop_the_python_of_their_cell(lint_tree):
    text = notebook_text(code(
        f"!curl -X POST {TEAM}/oauth2/token \\",
        f'    -d "grant_type=client_credentials&scope=studio&client_secret={SECRET}"',
        f'requests.get("{TEAM}/intelligence/api/knowledge-models", headers={{"Authorization": "AppKey " + KEY}})'))
    result = lint_tree({"km.ipynb": text})
    assert result.notes == []  # the cell is valid Python once its escape, continuation included, is left to the shell
    line = line_of(text, "grant_type")
    assert ("SL012", line, text.split("\n")[line - 1].index(SECRET) + 1) in triples(result.findings)
    assert [c.path for c in facts_of(text).api_calls] == ["/intelligence/api/knowledge-models"]


def test_a_cell_that_writes_a_script_holds_that_scripts_code():
    # ``%%writefile push.py`` (Colab's and SageMaker's way to make a script of a cell): its body is Python;
    # ``%%file -a run.sh`` a shell script; a cell writing prose or data is not code
    text = notebook_text(
        code("%%writefile push.py", "import requests",
             f'requests.post("{TEAM}/oauth2/token", data={{"grant_type": "client_credentials", '
             f'"client_secret": "{SECRET}", "scope": "studio,integration.data-pools"}})'),
        code("%%file -a run.sh", f"curl -X POST {TEAM}/oauth2/token -d grant_type=client_credentials -d scope=studio"),
        code("%%writefile README.md", f"Call {TEAM}/integration/api/pools with client_secret: <your secret>"))
    facts = facts_of(text)
    (req,) = facts.token_requests
    assert req.loc.line == line_of(text, "requests.post") and req.scopes.raw == "studio,integration.data-pools"
    assert [at(text, s.loc) for s in facts.secrets] == [SECRET]
    shell = shell_facts(text)
    assert [at(text, s.loc) for r in shell.token_requests for s in r.scopes.refs] == ["studio"]
    assert shell.api_calls == [] and facts.api_calls == []


def test_a_timed_statement_is_code_over_the_lines_its_brackets_hold_open():
    # ``%time``/``%timeit`` run the statement after them; IPython reads it over several lines while its
    # brackets are open, and so the cell is valid notebook code, its secret and its call read where they stand
    text = notebook_text(
        code(f'%time tok = requests.post("{TEAM}/oauth2/token", data={{',
             f'    "grant_type": "client_credentials", "client_secret": "{SECRET}",',
             '    "scope": "studio"})'),
        code("%timeit -n 3 np.fromiter((xi + yi for xi, yi in zip(x, y)),",
             "                          dtype=x.dtype, count=len(x))",
             f'r = requests.get("{TEAM}/integration/api/pools", verify=False)'))
    facts = facts_of(text)
    assert not facts.problems
    assert [at(text, s.loc) for s in facts.secrets] == [SECRET]
    assert [(c.path, c.loc.line) for c in facts.api_calls] == [("/integration/api/pools", line_of(text, "verify=False"))]
    assert [r.loc.line for r in facts.token_requests] == [line_of(text, "%time tok")]


def test_a_magic_inside_a_block_keeps_the_block():
    # the Colab guard that opens so many notebooks: an indented %pip or !pip, and an indented %env
    text = notebook_text(code(
        "import os, sys",
        "IN_COLAB = 'google.colab' in sys.modules",
        "if IN_COLAB:",
        "    %pip install -q pycelonis",
        "    !pip install -q requests",
        f"    %env CELONIS_API_TOKEN={SECRET}",
        f'requests.get("{TEAM}/integration/api/pools", headers={{"Authorization": "AppKey " + os.environ["KEY"]}})'))
    facts = facts_of(text)
    assert not facts.problems
    assert [(c.path, c.loc.line) for c in facts.api_calls] == [("/integration/api/pools", line_of(text, "integration/api"))]
    assert [(s.name, at(text, s.loc)) for s in facts.secrets] == [("CELONIS_API_TOKEN", SECRET)]


def test_a_cell_that_writes_a_settings_file_is_read_as_that_file():
    # %%writefile .env in a Colab notebook: its body is a .env file, every position in the notebook;
    # a cell that writes prose is not read
    text = notebook_text(
        code("%%writefile .env", f"CELONIS_URL={TEAM}", f"CELONIS_CLIENT_SECRET={SECRET}",
             "CELONIS_SCOPE=studio,integration.data-pools"),
        code("%%writefile notes.txt", f"client_secret: {SECRET}x"))
    from scopelint.extractors.documents import notebook_files

    facts = FileFacts("km.ipynb")
    notebook_files.extract(Source("km.ipynb", text), facts)
    assert [(s.name, at(text, s.loc)) for s in facts.secrets] == [("CELONIS_CLIENT_SECRET", SECRET)]
    assert [(s.raw, s.loc.line) for s in facts.scope_vars] == [("studio,integration.data-pools", line_of(text, "CELONIS_SCOPE"))]


def test_a_notebook_of_another_language_is_not_read_as_python():
    # a C# (.NET Interactive) notebook: its cells are no Python, and no note says they are invalid
    doc = json.loads(notebook_text(code('var secret = "Zx8vQ2pL9mN4rT7yB1cK5dF3gH6jW0eA";', "Console.WriteLine(secret);")))
    doc["metadata"] = {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"}}
    facts = facts_of(json.dumps(doc, indent=1))
    assert facts.problems == [] and facts.is_empty()


def test_databricks_cells_name_their_language_in_their_first_line():
    text = notebook_text(
        code("%sql", "SELECT * FROM token WHERE scope = 'studio'"),
        code("%sh", f"curl -X POST {TEAM}/oauth2/token -u etl:{SECRET} -d grant_type=client_credentials -d scope=studio"),
        code("%python", f'requests.get("{TEAM}/integration/api/pools")'))
    facts = facts_of(text)
    assert facts.problems == [] and [c.path for c in facts.api_calls] == ["/integration/api/pools"]
    assert [at(text, s.loc) for s in shell_facts(text).secrets] == [SECRET]


def test_an_operator_opening_a_line_inside_brackets_is_no_magic():
    # Black puts a long expression's operator first on its line; the cell also holds a magic
    text = notebook_text(code("%pip install -q requests", "ok = (", "    total",
                              "    % (limit)", "    != 0", ")", f'CLIENT_SECRET = "{SECRET}"'))
    facts = facts_of(text)
    assert facts.problems == [] and [at(text, s.loc) for s in facts.secrets] == [SECRET]


def test_the_note_of_a_cell_read_in_part_counts_every_line_left_out():
    text = notebook_text(code("import requests", 'print "one"', 'API_KEY = "%s"' % SECRET, 'print "two"'))
    (problem,) = facts_of(text).problems
    assert problem.message.endswith(f"line {line_of(text, 'one')} and 1 more not read, the rest of the cell was")
