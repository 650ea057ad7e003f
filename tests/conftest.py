from __future__ import annotations

import os
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

from scopelint import catalog
from scopelint.config import Config
from scopelint.extractors import KINDS, Kind, Source
from scopelint.findings import Location
from scopelint.linter import check, run
from scopelint.model import ApiCall, Client, FileFacts, ScopeList, ScopeRef, TokenRequest
from scopelint.project import Project

# the fixture corpus holds test files of linted repositories (``tests/test_urls.py``): data, not tests to run
collect_ignore_glob = ["fixtures/*"]


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def lint_tree(tmp_path, monkeypatch):
    """Write files under a temporary directory, lint it from there, return (code, line, col) triples and the result."""

    def _lint(files: dict[str, str | bytes], config: Config | None = None, paths=(".",)):
        write_tree(tmp_path, files)
        monkeypatch.chdir(tmp_path)
        return run(list(paths), config or Config())

    return _lint


def triples(findings) -> list[tuple[str, int, int]]:
    return [(f.code, f.loc.line, f.loc.col) for f in findings]


def lint_one(lint_tree, code: str, files, **settings):
    """Lint ``files`` (a YAML text for ``clients.yaml``, or a dict of files) with rule ``code`` alone.

    SL000 runs too, so that a case whose input does not parse cannot pass by accident."""
    if isinstance(files, str):
        files = {"clients.yaml": files}
    options = {code: settings} if settings else {}
    result = lint_tree(files, Config(select=(code, "SL000"), options=options))
    invalid = [f.message for f in result.findings if f.code == "SL000"]
    assert code == "SL000" or not invalid, invalid
    assert code == "SL000" or result.project.clients, "no client definition was read"
    return [f for f in result.findings if f.code == code]


def check_rule(lint_tree, code, files, expected, **settings):
    """``lint_one``, and its findings' (code, line, col) must be ``expected``."""
    findings = lint_one(lint_tree, code, files, **settings)
    assert triples(findings) == expected, [f.message for f in findings]
    return findings


def selected(lint_tree, code: str, files: dict[str, str]):
    """The findings of rule ``code`` alone for a tree of files (code, not only definitions)."""
    return [f for f in lint_tree(files, Config(select=(code,))).findings if f.code == code]


def secret_spans(facts) -> list[tuple[str, str, int, int, int]]:
    """Each secret an extractor found as (kind, name, line, col, end col), sorted."""
    return sorted((s.kind, s.name, s.loc.line, s.loc.col, s.loc.end_col) for s in facts.secrets)


def request_scopes(facts) -> list[list[tuple[str, int, int, int]] | None]:
    """The scopes of each token request as (name, line, col, end col); None where unresolved."""
    return [None if r.scopes is None else [(s.name, s.loc.line, s.loc.col, s.loc.end_col) for s in r.scopes.refs]
            for r in facts.token_requests]


# --- facts built directly, for the usage rules (SL004-SL007) independent of any extractor

KM_READS = (("GET", "/intelligence/api/knowledge-models/km-1/kpis"),)
DATA_PUSH = (("POST", "/data-ingestion/api/v1/data-push/pool-1/jobs/"),
             ("POST", "/integration/api/v1/data-push/p/jobs/j/chunks/upserted"))


def definition_facts(*scopes: str, code=("etl/**",), name="erp") -> FileFacts:
    """``clients.yaml`` with one client granting ``scopes`` from line 3, column 9."""
    refs = tuple(ScopeRef(s, Location("clients.yaml", 3 + i, 9, 3 + i, 9 + len(s))) for i, s in enumerate(scopes))
    client = Client(name, Location("clients.yaml", 2, 11), scopes=ScopeList(Location("clients.yaml", 3, 5), refs),
                    code=code)
    lines = ["oauth_clients:", f"  - name: {name}"] + [f"      - {s}" for s in scopes]  # what a fix checks
    return FileFacts("clients.yaml", clients=[client], lines=lines)


def code_facts(path: str, *calls: tuple[str | None, str], requested: tuple[str, ...] | None = None) -> FileFacts:
    """A code file making ``calls`` from line 10 on, and requesting ``requested`` on line 2 when given."""
    facts = FileFacts(path)
    for i, (method, api) in enumerate(calls):
        facts.api_calls.append(ApiCall(method, api, Location(path, 10 + i, 5)))
    if requested is not None:
        refs = tuple(ScopeRef(s, Location(path, 2, 20 + 10 * i), "request") for i, s in enumerate(requested))
        facts.token_requests.append(TokenRequest(Location(path, 2, 1), "https://acme.eu-1.celonis.cloud/oauth2/token",
                                                 ScopeList(Location(path, 2, 20), refs, raw=" ".join(requested), source="request")))
    return facts


def usage_findings(*files: FileFacts, codes=("SL004", "SL005", "SL006", "SL007")):
    """(code, path, line, col) of the usage rules on a project built from ``files``."""
    project = Project.build(list(files), catalog.shipped())
    return sorted((f.code, f.loc.path, f.loc.line, f.loc.col) for f in check(project, Config(select=codes)))


# --- a small realistic project: a client, and code that over-, under- and mis-uses its grant

KM_EXPORT = {
    "clients.yaml": """
        oauth_clients:
          - name: km-export
            scopes:
              - studio
              - audit.log:read
            code: ["etl/**"]
        """,
    "etl/export.py": """
        import os

        import requests

        TEAM = "https://acme.eu-1.celonis.cloud"


        def token() -> str:
            response = requests.post(
                f"{TEAM}/oauth2/token",
                data={"grant_type": "client_credentials", "scope": "studio integration.data-pools"},
                auth=(os.environ["CELONIS_CLIENT_ID"], os.environ["CELONIS_CLIENT_SECRET"]),
            )
            return response.json()["access_token"]


        def kpis(km: str) -> dict:
            headers = {"Authorization": f"Bearer {token()}"}
            kpi = requests.get(f"{TEAM}/intelligence/api/knowledge-models/{km}/kpis", headers=headers)
            pools = requests.get(f"{TEAM}/integration/api/pools", headers=headers)
            return {"kpis": kpi.json(), "pools": pools.json()}
        """,
}


@pytest.fixture(autouse=True)
def _no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    os.environ.pop("FORCE_COLOR", None)


# property tests explore a fixed sequence of examples, so a run fails or passes the same way everywhere
from hypothesis import settings  # noqa: E402

settings.register_profile("scopelint", derandomize=True, print_blob=True)
settings.load_profile("scopelint")


# --- extractor tests: run one extractor on a text and read its facts back as tuples

def kind_of(module: ModuleType | Kind) -> Kind:
    """The registry's entry for an extractor module (a ``Kind`` is its own)."""
    return module if isinstance(module, Kind) else next(k for k in KINDS if k.load() is module)


def extract(path: str, text: str, *modules: ModuleType | Kind, dedent: bool = True) -> FileFacts:
    """The facts ``modules`` find in ``text`` at ``path``, each run only when it claims the path."""
    if dedent:
        text = textwrap.dedent(text).lstrip("\n")
    out = FileFacts(path)
    src = Source(path, text)
    for module in modules:
        if kind_of(module).claims(path):
            module.extract(src, out)
    return out


def text_at(text: str, loc) -> str:
    """The text a single-line location covers in ``text``."""
    return text.split("\n")[loc.line - 1][loc.col - 1:loc.end_col - 1]


def scope_var_rows(f: FileFacts, end: bool = True) -> list[tuple]:
    """``(name, line, col[, end_col])`` of each scope in the file's Celonis scope variables."""
    return [(r.name, r.loc.line, r.loc.col) + ((r.loc.end_col,) if end else ()) for s in f.scope_vars for r in s.refs]


def call_rows(f: FileFacts) -> list[tuple[str | None, str, int, int]]:
    """``(method, path, line, col)`` of each API call."""
    return [(c.method, c.path, c.loc.line, c.loc.col) for c in f.api_calls]


def read_facts(tmp_path, monkeypatch, files: dict[str, str], path: str) -> FileFacts:
    """Write ``files`` under a temporary directory and read the facts of ``path`` there, as a run does."""
    from scopelint.discovery import Entry
    from scopelint.reading import read

    write_tree(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    return read(Entry(path, path, False, os.path.getsize(path)), catalog.shipped())


def the_request(f: FileFacts):
    """The one token request of ``f``: its URL, and each scope with the path, line and column it is written at."""
    (req,) = f.token_requests
    return req.url, [(r.name, r.loc.path, r.loc.line, r.loc.col) for r in req.scopes.refs] if req.scopes else None
