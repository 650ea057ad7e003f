"""``scopelint review FILE``: a security review of the OAuth client(s) one definition file requests.

The file is read through the normal pipeline (``linter.run`` on the file and the ``--code``
paths, the code linked to the client by ``project.CodeLink``), so the findings are those of ``check``. A file with several clients gives one review per
client unless ``--client`` names one; ``--code`` needs a single client to link the code to.
"""
from __future__ import annotations

import importlib
import os
from collections.abc import Sequence

from .. import __version__
from ..catalog import Catalog, CatalogError
from ..config import Config
from ..extractors.recognition.urls import strip_secrets
from ..findings import Finding
from ..linter import Result, run
from ..model import Client
from ..project import CodeLink, same_file, under
from ..oauth import DEFAULT_AUTH_METHOD, DEFAULT_GRANT
from . import code as code_mod
from .diff import GitProblem, clients_in, compare, read_at
from .model import REJECT, CatalogInfo, Report, Review, Setting
from .sections import risk_summary, rule_texts, scope_sections
from .verdict import decide

FORMATS = {"markdown": "markdown", "html": "html", "json": "json_"}


class ReviewError(Exception):
    """A usage problem (missing file, unknown client, bad git ref); the message is one line."""


def review(file: str, client: str | None = None, code: Sequence[str] = (), against: str | None = None,
           config: Config | None = None) -> Report:
    for path in (file, *code):
        if not os.path.exists(path):
            raise ReviewError(f"{path}: no such file or directory")
    if os.path.isdir(file):
        raise ReviewError(f"{file}: is a directory; review takes one client definition file")
    config = config or _config(file)
    link = CodeLink(file, tuple(code), client) if code else None
    try:
        result = run([file, *code], config, link=link)
    except CatalogError as exc:
        raise ReviewError(str(exc)) from None
    chosen = _choose(_clients_of(result, file), file, client, code)
    old = _old_clients(chosen[0].loc.path, file, against, result.catalog) if against else None
    reviews = tuple(_review(c, result, file, tuple(code), old, against) for c in chosen)
    cat = result.catalog
    info = CatalogInfo(cat.version, cat.date, cat.source, tuple(cat.extensions))
    return Report(chosen[0].loc.path, info, reviews, __version__)


def render(report: Report, fmt: str) -> str:
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    return module.render(report)


def exit_code(report: Report) -> int:
    """1 when a client is rejected, else 0: approve-with-changes is advice, not a failed gate."""
    return 1 if report.verdict == REJECT else 0


def _config(file: str) -> Config:
    from ..config import ConfigError, for_paths

    try:
        return for_paths([file])
    except ConfigError as exc:
        raise ReviewError(str(exc)) from None


def _clients_of(result: Result, file: str) -> list[Client]:
    clients = [c for c in result.project.clients if same_file(c.loc.path, file)] if result.project else []
    if clients:
        return clients
    invalid = next((f for f in result.findings if f.code == "SL000" and same_file(f.loc.path, file)), None)
    why = f": {invalid.loc.line}:{invalid.loc.col}: {invalid.message}" if invalid else ""
    raise ReviewError(f"{file}: no OAuth client definition found{why}")


def _choose(clients: list[Client], file: str, name: str | None, code: Sequence[str]) -> list[Client]:
    if name is not None:
        hits = [c for c in clients if c.name == name]
        if not hits:
            known = ", ".join(repr(c.name) for c in clients)
            raise ReviewError(f"{file}: no client {name!r} (clients: {known})")
        return hits[:1]
    if code and len(clients) > 1:
        raise ReviewError(f"{file} defines {len(clients)} clients; name the one the --code belongs to with --client")
    return clients


def _old_clients(display: str, file: str, ref: str, catalog: Catalog) -> list[Client]:
    try:
        return clients_in(display, read_at(file, ref), catalog)
    except GitProblem as exc:
        raise ReviewError(str(exc)) from None


def _review(client: Client, result: Result, file: str, code: tuple[str, ...],
            old: list[Client] | None, ref: str | None) -> Review:
    catalog = result.catalog
    findings, least = result.findings, None
    group = result.project.group_of(client) if code and result.project is not None else None
    if group is not None:
        least = code_mod.least(group, catalog, code)
    mine = tuple(f for f in findings if _concerns(f, client, file, code))
    sections = scope_sections(client, catalog)
    verdict, reasons = decide(sections, mine, least)
    changes = None
    if old is not None and ref is not None:
        changes = compare(next((c for c in old if c.name == client.name), None), client, catalog, ref)
    return Review(
        client.name, client.origin, f"{client.loc.path}:{client.loc.line}",
        _setting(client.grant_type, DEFAULT_GRANT, client.origin),
        _setting(client.auth_method, DEFAULT_AUTH_METHOD, client.origin),
        tuple(strip_secrets(v.value) for v in client.redirect_uris), sections, risk_summary(sections), mine,
        rule_texts(mine), verdict, reasons, least, changes,
    )


def _concerns(f: Finding, client: Client, file: str, code: Sequence[str]) -> bool:
    if f.client is not None:
        return f.client == client.name
    return same_file(f.loc.path, file) or bool(code) and under(f.loc.path, code)


def _setting(value, default: str, origin: str) -> Setting | None:
    if value is not None:
        return Setting(value.value)
    return Setting(default, default=True) if origin == "definition" else None
