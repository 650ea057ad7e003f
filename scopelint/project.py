"""The ``Project``: every fact of a run, the clients, and which code each client owns."""
from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .catalog import Catalog
from .globs import matches, relative
from .model import Client, CodeGroup, FileFacts, ScopeList, ScopeRef


@dataclass(frozen=True)
class CodeLink:
    """The code under ``roots`` belongs to one client of the definition file ``definition`` (the one
    named ``client``, or its only one), whatever that client's ``code`` globs say (``review --code``)."""

    definition: str
    roots: tuple[str, ...]
    client: str | None = None

    def target(self, clients: Sequence[Client]) -> Client | None:
        mine = [c for c in clients if c.origin == "definition" and _same_file(c.loc.path, self.definition)]
        if self.client is not None:
            mine = [c for c in mine if c.name == self.client]
        return mine[0] if len(mine) == 1 else None

    def covers(self, path: str) -> bool:
        return under(path, self.roots)


def under(path: str, roots: Sequence[str]) -> bool:
    """Whether ``path`` is one of ``roots`` or inside one of them."""
    full = os.path.abspath(path)
    for root in roots:
        base = os.path.abspath(root)
        if full == base or full.startswith(base.rstrip(os.sep) + os.sep):
            return True
    return False


def _same_file(a: str, b: str) -> bool:
    return os.path.abspath(a) == os.path.abspath(b)


@dataclass
class Project:
    catalog: Catalog
    files: list[FileFacts]
    clients: list[Client] = field(default_factory=list)
    groups: list[CodeGroup] = field(default_factory=list)
    _by_path: dict[str, FileFacts] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, files: Sequence[FileFacts], catalog: Catalog, link: CodeLink | None = None) -> Project:
        files = sorted(files, key=lambda f: f.path)
        clients = [c for f in files for c in f.clients]
        project = cls(catalog, list(files), clients)
        project.groups = _link(files, clients, link)
        return project

    def facts_of(self, path: str) -> FileFacts | None:
        """The facts of the file at ``path`` (as findings name it), or ``None``."""
        if not self._by_path:
            self._by_path.update((f.path, f) for f in self.files)
        return self._by_path.get(path)

    def client_lists(self) -> Iterator[tuple[ScopeList, Client]]:
        for client in self.clients:
            if client.scopes is not None:
                yield client.scopes, client

    def scope_lists(self) -> Iterator[tuple[ScopeList, str | None]]:
        """Every scope list in the project, each with the name of the client it concerns."""
        for scopes, client in self.client_lists():
            yield scopes, client.name
        for group in self.groups:
            name = group.client.name if group.client else None
            for scopes in group.requested():
                yield scopes, name

    def scope_refs(self) -> Iterator[tuple[ScopeRef, str | None]]:
        for scopes, client in self.scope_lists():
            for ref in scopes.refs:
                yield ref, client

    def group_of(self, client: Client) -> CodeGroup | None:
        for group in self.groups:
            if group.client is client:
                return group
        return None


def _code_files(files: Sequence[FileFacts]) -> list[FileFacts]:
    return [f for f in files if f.token_requests or f.scope_vars or f.api_calls]


def _link(files: Sequence[FileFacts], clients: Sequence[Client], link: CodeLink | None = None) -> list[CodeGroup]:
    """Each client owns the code its ``code`` globs match (relative to its definition file);
    with exactly one definition client and no globs, it owns all code. The rest is unclaimed.
    A ``link`` gives its client exactly the code under its roots (its group first), taken from
    every other group."""
    code = _code_files(files)
    groups = _by_globs(code, [c for c in clients if c.origin == "definition"])
    target = link.target(clients) if link is not None else None
    if target is None:
        return groups
    linked = CodeGroup(target, [f for f in code if link.covers(f.path)])
    taken = {id(f) for f in linked.files}
    out = [linked]
    for group in groups:
        if group.client is target:
            continue
        rest = [f for f in group.files if id(f) not in taken]
        if rest or group.client is not None:
            out.append(CodeGroup(group.client, rest))
    return out


def _by_globs(code: list[FileFacts], defined: list[Client]) -> list[CodeGroup]:
    groups = [CodeGroup(c) for c in defined]
    unclaimed = CodeGroup(None)
    if len(defined) == 1 and defined[0].code is None:
        groups[0].files.extend(code)
        return groups
    for facts in code:
        owner = next((g for g in groups if _owns(g.client, facts.path)), None)
        (owner or unclaimed).files.append(facts)
    if unclaimed.files:
        groups.append(unclaimed)
    return groups


def _owns(client: Client | None, path: str) -> bool:
    if client is None or not client.code:
        return False
    rel = relative(path, posixpath.dirname(client.loc.path))
    return rel is not None and matches(rel, client.code)
