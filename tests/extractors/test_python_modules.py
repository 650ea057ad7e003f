"""Values a Python module imports from another module of the project (``python.modules``): read
in that module's text, where it is written, and never imported or run."""
from __future__ import annotations

import os

from scopelint.extractors.python import modules

from conftest import read_facts, the_request, write_tree

TOKEN = "https://acme.eu-1.celonis.cloud/oauth2/token"
PUSH = "https://acme.eu-1.celonis.cloud/integration/api/v1/data-push/pool-1/jobs/"

CLIENT = f'''
import os
import requests

{{imports}}


def token():
    r = requests.post({{url}}, data={{{{"grant_type": "client_credentials", "scope": {{scope}},
                                    "client_id": os.environ["{{env}}_CLIENT_ID"],
                                    "client_secret": os.environ["{{env}}_CLIENT_SECRET"]}}}})
    return r.json()["access_token"]


def push(tok, rows):
    return requests.post("{PUSH}", json=rows, headers={{{{"Authorization": f"Bearer {{{{tok}}}}"}}}})
'''


def client(imports: str, url: str = "TOKEN_URL", scope: str = "SCOPES", env: str = "CELONIS") -> str:
    return CLIENT.format(imports=imports, url=url, scope=scope, env=env)


CONFIG = f'''
TOKEN_URL = "{TOKEN}"
SCOPES = "studio integration.data-pools"
'''


def test_relative_import_reads_the_values_where_they_are_written(tmp_path, monkeypatch):
    f = read_facts(tmp_path, monkeypatch, {"etl/__init__.py": "", "etl/config.py": CONFIG,
                                      "etl/client.py": client("from .config import TOKEN_URL, SCOPES")}, "etl/client.py")
    # each scope at its own columns in the module that writes it
    assert the_request(f) == (TOKEN, [("studio", "etl/config.py", 2, 11), ("integration.data-pools", "etl/config.py", 2, 18)])


def test_module_attributes_star_imports_and_aliases(tmp_path, monkeypatch):
    files = {"app/settings/__init__.py": "", "app/settings/celonis.py": CONFIG, "app/__init__.py": ""}
    shapes = {
        "import app.settings.celonis": ("app.settings.celonis.TOKEN_URL", "app.settings.celonis.SCOPES"),
        "from app.settings import celonis as cfg": ("cfg.TOKEN_URL", "cfg.SCOPES"),
        "from .settings import celonis": ("celonis.TOKEN_URL", "celonis.SCOPES"),
        "from .settings.celonis import *": ("TOKEN_URL", "SCOPES"),
        "from .settings.celonis import TOKEN_URL as URL, SCOPES as S": ("URL", "S"),
    }
    for imports, (url, scope) in shapes.items():
        f = read_facts(tmp_path, monkeypatch, {**files, "app/job.py": client(imports, url, scope)}, "app/job.py")
        assert the_request(f) == (TOKEN, [("studio", "app/settings/celonis.py", 2, 11),
                                      ("integration.data-pools", "app/settings/celonis.py", 2, 18)]), imports


def test_absolute_import_from_the_folder_of_the_script_or_above(tmp_path, monkeypatch):
    files = {"constants.py": CONFIG, "jobs/nightly/push.py": client("from constants import TOKEN_URL, SCOPES")}
    assert the_request(read_facts(tmp_path, monkeypatch, files, "jobs/nightly/push.py"))[1][0] == ("studio", "constants.py", 2, 11)
    # Airflow puts plugins/ beside dags/ on the path; a src layout is on it too
    files = {"plugins/celonis_conf.py": CONFIG, "dags/push.py": client("import celonis_conf as conf", "conf.TOKEN_URL",
                                                                       "conf.SCOPES")}
    assert the_request(read_facts(tmp_path, monkeypatch, files, "dags/push.py"))[1][0] == ("studio", "plugins/celonis_conf.py", 2, 11)
    files = {"src/etl/settings.py": CONFIG, "scripts/push.py": client("from etl.settings import TOKEN_URL, SCOPES")}
    assert the_request(read_facts(tmp_path, monkeypatch, files, "scripts/push.py"))[1][0] == ("studio", "src/etl/settings.py", 2, 11)


def test_settings_object_and_class_attributes_of_another_module(tmp_path, monkeypatch):
    config = f'''
import os


class Settings:
    token_url: str = "{TOKEN}"
    scopes: str = "studio"


settings = Settings()
'''
    files = {"svc/config.py": config}
    for imports, url, scope in (("from .config import settings", "settings.token_url", "settings.scopes"),
                                ("from .config import Settings", "Settings.token_url", "Settings.scopes")):
        f = read_facts(tmp_path, monkeypatch, {**files, "svc/client.py": client(imports, url, scope)}, "svc/client.py")
        assert the_request(f) == (TOKEN, [("studio", "svc/config.py", 6, 20)]), imports


def test_an_instance_of_a_settings_class_of_another_module(tmp_path, monkeypatch):
    """``cfg = CelonisSettings()`` or ``def token(c: CelonisSettings)`` here, the dataclass in another
    module: its fields' defaults, read and located there; a field given at construction is not."""
    settings = f'''
from dataclasses import dataclass, field


@dataclass
class CelonisSettings:
    token_url: str = "{TOKEN}"
    client_secret: str = ""
    scopes: str = field(default="studio")
'''
    shapes = [
        ("cfg = CelonisSettings()", "cfg.token_url", "cfg.scopes", [("studio", "app/settings.py", 8, 34)]),
        ("def make(c: CelonisSettings):\n    return c.scopes\ncfg = CelonisSettings()", "cfg.token_url", "make(cfg)",
         [("studio", "app/settings.py", 8, 34)]),
        ("cfg = CelonisSettings(scopes=os.environ['SCOPES'])", "cfg.token_url", "cfg.scopes", None),
    ]
    for setup, url, scope, expected in shapes:
        f = read_facts(tmp_path, monkeypatch, {"app/settings.py": settings, "app/main.py": client(
            f"from settings import CelonisSettings\n{setup}", url, scope)}, "app/main.py")
        assert the_request(f) == (TOKEN, expected), setup
    # a class no module of the project defines is not guessed at
    f = read_facts(tmp_path, monkeypatch, {"app/main.py": client(
        "from acme_settings import CelonisSettings\ncfg = CelonisSettings()", "cfg.token_url", "cfg.scopes")}, "app/main.py")
    assert [(r.url, r.scopes) for r in f.token_requests] == [(None, None)]


def test_lists_and_dicts_of_another_module(tmp_path, monkeypatch):
    config = f'''
CELONIS = {{"token_url": "{TOKEN}", "scopes": ["studio", "integration.data-pools"]}}
'''
    f = read_facts(tmp_path, monkeypatch, {"etl/config.py": config,
                                      "etl/client.py": client("from .config import CELONIS", 'CELONIS["token_url"]',
                                                              '" ".join(CELONIS["scopes"])')}, "etl/client.py")
    assert the_request(f) == (TOKEN, [("studio", "etl/config.py", 1, 85), ("integration.data-pools", "etl/config.py", 1, 95)])


def test_another_providers_values_stay_another_providers(tmp_path, monkeypatch):
    config = '''
TOKEN_URL = "https://login.microsoftonline.com/contoso/oauth2/v2.0/token"
SCOPES = "https://graph.microsoft.com/.default"
'''
    f = read_facts(tmp_path, monkeypatch, {"graph/config.py": config,
                                      "graph/client.py": client("from .config import TOKEN_URL, SCOPES", env="GRAPH")
                                      .replace(PUSH, "https://graph.microsoft.com/v1.0/users")},
              "graph/client.py")
    assert f.token_requests == [] and f.scope_vars == []


def test_what_cannot_be_found_stays_unknown(tmp_path, monkeypatch):
    # a module that is not there, one that does not parse, a module above the working directory: a
    # token request of unknown URL and scopes (the file names Celonis); a name the module does not
    # define: unknown scopes, never made up
    cases = {
        "from .missing import TOKEN_URL, SCOPES": ({}, None),
        "from .broken import TOKEN_URL, SCOPES": ({"etl/broken.py": "TOKEN_URL = (\n"}, None),
        "from ...config import TOKEN_URL, SCOPES": ({"config.py": CONFIG}, None),
        "from .config import TOKEN_URL, SCOPE_LIST as SCOPES": ({"etl/config.py": CONFIG}, TOKEN),
    }
    for imports, (extra, url) in cases.items():
        f = read_facts(tmp_path, monkeypatch, {**extra, "etl/client.py": client(imports)}, "etl/client.py")
        assert [(r.url, r.scopes) for r in f.token_requests] == [(url, None)], imports
        for stale in extra:
            os.remove(stale)


def test_an_import_cycle_and_a_chain_of_re_exports_end(tmp_path, monkeypatch):
    files = {
        "pkg/a.py": "from .b import TOKEN_URL\nfrom .b import SCOPES\n",
        "pkg/b.py": "from .a import TOKEN_URL\nfrom .c import SCOPES\n",
        "pkg/c.py": "from .d import *\n",
        "pkg/d.py": CONFIG,
    }
    # SCOPES: a -> b -> c -> * of d
    f = read_facts(tmp_path, monkeypatch, {**files, "pkg/client.py": client("from .a import SCOPES\nfrom .d import TOKEN_URL")},
              "pkg/client.py")
    assert the_request(f) == (TOKEN, [("studio", "pkg/d.py", 2, 11), ("integration.data-pools", "pkg/d.py", 2, 18)])
    # TOKEN_URL: a -> b -> a -> ...: not known, so only the signs of a request are left
    f = read_facts(tmp_path, monkeypatch, {"pkg/client.py": client("from .a import SCOPES, TOKEN_URL")}, "pkg/client.py")
    assert [(r.url, r.scopes) for r in f.token_requests] == [(None, None)]


def test_standard_library_names_are_never_looked_for(tmp_path, monkeypatch):
    write_tree(tmp_path, {"json.py": CONFIG})
    monkeypatch.chdir(tmp_path)
    assert modules.locate("client.py", 0, "json") is None
    assert modules.locate("client.py", 0, "config") is None
    assert modules.locate("sub/client.py", 0, "json.decoder") is None


def test_a_config_module_is_no_unread_token_request_and_its_scopes_are_judged_by_their_use(lint_tree):
    result = lint_tree({"etl/config.py": CONFIG, "etl/client.py": client("from .config import TOKEN_URL, SCOPES")})
    rows = sorted((f.code, f.loc.path, f.loc.line, f.loc.col) for f in result.findings)
    # the push opens only with integration.data-pools: studio is unused, the pool scope broader than needed
    assert rows == [("SL004", "etl/config.py", 2, 18), ("SL006", "etl/config.py", 2, 11)]
    assert "token request at etl/client.py:8" in next(f.message for f in result.findings if f.code == "SL006")
    # a module that uses its own token URL in a way no reader reads is still a request of unknown scopes
    unread = CONFIG + "\nsession = make_session(TOKEN_URL)\n"
    result = lint_tree({"etl/config.py": unread, "etl/client.py": client("from .config import TOKEN_URL, SCOPES")})
    assert [f.code for f in result.findings] == []


def test_an_imported_literal_secret_is_one_finding_where_it_is_written(lint_tree):
    secret = "Zk29fj3LQm8XwP4tR7vN2bYhQ1sD5gH8"
    code = client("from .config import TOKEN_URL, SCOPES, CLIENT_ID, CLIENT_SECRET as SECRET")
    sent = '"client_secret": os.environ["CELONIS_CLIENT_SECRET"]}'
    assert sent in code
    files = {"etl/config.py": CONFIG + f'CLIENT_ID = "etl"\nCLIENT_SECRET = "{secret}"\n',
             "etl/client.py": code.replace(sent, "}, auth=(CLIENT_ID, SECRET)")}
    result = lint_tree(files)
    assert [(f.code, f.loc.path, f.loc.line) for f in result.findings if f.code == "SL012"] == [("SL012", "etl/config.py", 4)]


def test_a_value_the_importing_module_sets_is_the_one_it_uses(tmp_path, monkeypatch):
    okta = '''
import requests
import config

config.TOKEN_URL = "https://dev-4711.okta.com/oauth2/default/v1/token"
config.SCOPES = "okta.logs.read"


def token():
    return requests.post(config.TOKEN_URL, data={"grant_type": "client_credentials", "scope": config.SCOPES}, verify=False)
'''
    f = read_facts(tmp_path, monkeypatch, {"config.py": CONFIG, "okta_audit.py": okta}, "okta_audit.py")
    assert f.token_requests == [] and f.insecure == [] and f.scope_vars == []
    # set where its value is not known (a test's monkeypatch): not the module's value either
    patched = okta.replace('config.TOKEN_URL = "https://dev-4711.okta.com/oauth2/default/v1/token"',
                           'def test_x(monkeypatch, url):\n    monkeypatch.setattr(config, "TOKEN_URL", url)')
    f = read_facts(tmp_path, monkeypatch, {"okta_audit.py": patched}, "okta_audit.py")
    assert [(r.url, r.scopes) for r in f.token_requests] in ([], [(None, None)]) and f.insecure == []


def test_an_alias_in_the_config_and_another_providers_module_leave_the_request_judged(lint_tree):
    """``TOKEN_URL = CELONIS_TOKEN_URL`` is a definition for other modules, not a use; a module whose
    token request goes to Okta has the signs of that request, not of one scopelint could not read."""
    config = CONFIG.replace('TOKEN_URL = "', 'CELONIS_TOKEN_URL = "') + "TOKEN_URL = CELONIS_TOKEN_URL\n"
    okta = '''
import requests
from .config import TOKEN_URL  # the Celonis one, shadowed


def okta_token():
    TOKEN_URL = "https://dev-4711.okta.com/oauth2/default/v1/token"
    return requests.post(TOKEN_URL, data={"grant_type": "client_credentials", "scope": "okta.users.read"}).json()
'''
    result = lint_tree({"etl/config.py": config, "etl/okta.py": okta,
                        "etl/client.py": client("from .config import TOKEN_URL, SCOPES")})
    assert sorted((f.code, f.loc.path, f.loc.line) for f in result.findings) == [
        ("SL004", "etl/config.py", 2), ("SL006", "etl/config.py", 2)]


CONNECTION = '''
import pycelonis
from pycelonis import get_celonis

from pm.config import CELONIS_URL, CLIENT_ID, CLIENT_SECRET, OAUTH_SCOPE


def connect():
    return get_celonis(base_url=CELONIS_URL, api_token=pycelonis.oauth2(CLIENT_ID, CLIENT_SECRET, OAUTH_SCOPE),
                       key_type="BEARER", permissions=False)


celonis = connect()
'''
PM_CONFIG = '''
import os

CELONIS_URL = os.getenv("CELONIS_URL", "https://acme.eu-1.celonis.cloud")
CLIENT_ID = os.getenv("CELONIS_CLIENT_ID")
CLIENT_SECRET = os.getenv("CELONIS_CLIENT_SECRET")
OAUTH_SCOPE = "studio"
'''


def test_a_pycelonis_connection_another_module_makes_is_one(lint_tree):
    """``connect()`` of a connection module returns ``get_celonis(...)``; a script that imports it
    (or the object the module keeps) calls the SDK on what it returns."""
    script = '''
        from pm.connection import connect, celonis as shared


        def main(df):
            conn = connect()
            pool = conn.data_integration.get_data_pool("9b8f0c3e-0000-4000-8000-000000000001")
            pool.create_table(df, "orders", drop_if_exists=True)
            shared.studio.get_spaces()
        '''
    result = lint_tree({"pm/__init__.py": "", "pm/config.py": PM_CONFIG, "pm/connection.py": CONNECTION,
                        "pm/push_orders.py": script})
    push = next(f for f in result.project.files if f.path == "pm/push_orders.py")
    assert sorted({(c.loc.line, c.evidence) for c in push.api_calls}) == [
        (6, "DataIntegration.get_data_pool()"), (7, "DataPool.create_table()"), (8, "Studio.get_spaces()")]
    assert [(f.code, f.loc.path, f.loc.line, f.loc.col) for f in result.findings if f.code == "SL005"][:2] == [
        ("SL005", "pm/push_orders.py", 6, 34), ("SL005", "pm/push_orders.py", 7, 10)]


def test_objects_of_a_module_that_does_not_use_pycelonis_are_not_its(lint_tree):
    """The same calls on what a database module's ``connect()`` returns: nothing of PyCelonis's."""
    db = '''
        import snowflake.connector


        def connect():
            return snowflake.connector.connect(account="acme", user="etl")
        '''
    script = '''
        from warehouse.db import connect


        def main(df):
            conn = connect()
            pool = conn.data_integration.get_data_pool("9b8f0c3e-0000-4000-8000-000000000001")
            pool.create_table(df, "orders", drop_if_exists=True)
        '''
    result = lint_tree({"warehouse/__init__.py": "", "warehouse/db.py": db, "warehouse/load.py": script})
    assert [c for f in result.project.files for c in f.api_calls] == []


SETTINGS_MODULE = '''
from functools import lru_cache

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    celonis_url: str = "https://acme.eu-1.celonis.cloud"
    celonis_scope: str = "studio"


@lru_cache
def get_settings() -> Settings:
    return Settings({given})
'''
SERVICE = '''
import httpx

from app.settings import get_settings


def token():
    s = get_settings()
    r = httpx.post(f"{s.celonis_url}/oauth2/token", data={"grant_type": "client_credentials", "scope": s.celonis_scope})
    return r.json()["access_token"]


def pools():
    settings = get_settings()
    alias = settings
    return httpx.get(f"{alias.celonis_url}/integration/api/pools", headers={"Authorization": f"Bearer {token()}"})
'''


def test_settings_a_function_returns_as_fastapi_writes_it(lint_tree):
    """``@lru_cache def get_settings(): return Settings()`` in a settings module, ``s = get_settings()``
    (and an alias of it) where the token is requested and the API called: the class's defaults."""
    files = {"app/__init__.py": "", "app/settings.py": SETTINGS_MODULE.format(given=""), "app/service.py": SERVICE}
    found = lint_tree(files).findings
    assert [(f.code, f.loc.path, f.loc.line, f.loc.col) for f in found] == [
        ("SL005", "app/service.py", 15, 22), ("SL006", "app/settings.py", 8, 27)]
    # a field given where the instance is made is not the class's default: the scope is not known
    files["app/settings.py"] = SETTINGS_MODULE.format(given='celonis_scope=os.environ["SCOPE"]')
    assert lint_tree(files).findings == []


def test_a_module_importing_from_hundreds_of_modules_loads_a_few(tmp_path, monkeypatch):
    """Whether a module works with PyCelonis objects another module makes is asked of the modules it
    imports from, as many as one file's reading may load (``modules.MAX_MODULES``), not all 500."""
    files = {f"etl/m{i}.py": "import os\n\n\ndef f(x):\n    return x\n" for i in range(500)}
    files["etl/__init__.py"] = ""
    files["etl/job.py"] = "".join(f"from etl.m{i} import f as g{i}\n" for i in range(500)) + \
        'celonis = connect()\npool = celonis.data_integration.get_data_pool("9b8f0c3e")\n'
    loaded: list[str] = []
    real = modules.load
    monkeypatch.setattr(modules, "load", lambda path: loaded.append(path) or real(path))
    facts = read_facts(tmp_path, monkeypatch, files, "etl/job.py")
    assert facts.api_calls == []  # no module of the project uses pycelonis
    assert 0 < len(set(loaded)) <= modules.MAX_MODULES
