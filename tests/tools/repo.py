"""A realistic repository as scopelint sees it: a client definition read from disk by the real
extractor, plus the facts of a Python module with secrets and insecure calls (built here, so the
reporters are tested whatever the state of the code extractors)."""
from __future__ import annotations

import textwrap
from pathlib import Path

from scopelint import catalog as catalog_mod
from scopelint.config import Config
from scopelint.extractors.recognition.secrets import secret
from scopelint.findings import Location
from scopelint.linter import Result, check, finish, run
from scopelint.model import AuthHeader, FileFacts, Insecure
from scopelint.project import Project

CLIENTS = """\
# OAuth clients of the ACME ERP integration
oauth_clients:
  - name: nightly-erp-push
    scopes:
      - integration.datapools
      - integration.data-pools:data-push
      - studio   # scopelint: ignore[SL017] approved in security review SEC-142
    code: ["etl/**"]

  - name: km-dashboard-reader
    scopes: "studio, intelligence.knowledge-models:read"
    code: ["dashboards/**"]
"""
SECRET_VALUE = "Zr8Qk2LwP9xVt4NcB7mH3sJd6FgY1aEu"
URL_SECRET = "Pq7Lm2Xv9Rt4Wz8Kc3Nb6Hd1Fg5YaEs"
PUSH_PY = [
    "import requests",
    f'CLIENT_SECRET = "{SECRET_VALUE}"',
    f'TOKEN_URL = "https://acme.eu-1.celonis.cloud/oauth2/token?client_secret={URL_SECRET}"',
    'requests.get("http://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models", headers={"Authorization": "AppKey " + KEY})',
]
SECRETS = (SECRET_VALUE, URL_SECRET)


def push_facts() -> FileFacts:
    path = "etl/push.py"
    line2, line3, line4 = PUSH_PY[1], PUSH_PY[2], PUSH_PY[3]
    s1 = line2.index(SECRET_VALUE) + 1
    s2 = line3.index(URL_SECRET) + 1
    u = line4.index("http://") + 1
    a = line4.index("AppKey") + 1
    return FileFacts(
        path, lines=list(PUSH_PY),
        secrets=[secret("client secret", Location(path, 2, s1, 2, s1 + len(SECRET_VALUE)), "CLIENT_SECRET", SECRET_VALUE),
                 secret("client secret", Location(path, 3, s2, 3, s2 + len(URL_SECRET)), "client_secret", URL_SECRET, in_url=True)],
        insecure=[Insecure("http-url", Location(path, 4, u, 4, u + 64), "http://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models")],
        auth_headers=[AuthHeader("AppKey", Location(path, 4, a, 4, a + 6))],
    )


def write_repo(root: Path) -> None:
    (root / "oauth-clients.yaml").write_text(CLIENTS, encoding="utf-8")


def acme_result(root: Path, notes=(), missing=()) -> Result:
    """Lint the repository under ``root`` (the working directory; written on first use) with the Python facts added."""
    if not (root / "oauth-clients.yaml").exists():
        write_repo(root)
    files = run(["."], Config()).project.files + [push_facts()]
    catalog = catalog_mod.load(())
    project = Project.build(files, catalog)
    findings, suppressed = finish(check(project, Config()), project, Config())
    return Result(findings, suppressed, sorted(notes), list(missing), len(files), catalog, project)


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")
