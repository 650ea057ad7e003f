"""MCP client configurations: ``mcp.json``, ``.cursor/mcp.json``, ``.vscode/mcp.json``, ``.mcp.json``,
``claude_desktop_config.json`` and plugin manifests (``plugin.json``) with ``mcpServers``/``servers``.

A server that concerns Celonis (its name, a celonis.cloud URL, a Celonis-named variable) gives:
its URL (plain HTTP, API route), its OAuth block (``auth``/``oauth``: scopes, client id and secret,
grant type) as a client record of origin ``mcp``, ``Authorization`` headers (``AppKey`` is key
auth; a literal token is a secret), ``env`` variables judged as in an env file, and URLs and
``--header`` values among ``args``. Celonis's own public client ``cursor_mcp`` (authorization code
with PKCE, no secret) is recorded for its scopes only: it is not a client the user registered.
"""
from __future__ import annotations

import re

from ... import lazy_re
from ... import located
from ...findings import Location
from ...located import Node, ParseError
from ...model import CLIENT, Client, FileFacts, Problem
from ..recognition.celonis import is_celonis_url
from ..recognition.names import says_celonis, secret_kind
from ..recognition.requests import Emitter, Field
from ..recognition.scopes import setting
from ..recognition.secrets import looks_like_secret, secret
from ..recognition.source import PathPattern, Source
from ..recognition.text import LineIndex, Text
from ..recognition.variables import judge, url
from .definitions import scope_list

_FILE = PathPattern(r"(^|/)([\w.-]*mcp[\w-]*\.json|claude_desktop_config\.json|plugin\.json)$",
                    "mcp", "claude_desktop_config.json", "plugin.json")
PUBLIC_CLIENTS = ("cursor_mcp",)  # Celonis's own public MCP clients
_URL_KEYS = ("url", "serverUrl", "httpUrl", "endpoint")
_HEADER = lazy_re.compile(r"^\s*(Authorization|X-Authorization)\s*:\s*", re.I)


def claims(path: str, explicit: bool = False) -> bool:
    return _FILE.search(path)


def extract(src: Source, facts: FileFacts) -> None:
    try:
        root = located.from_json(src.text, src.path)
    except ParseError as exc:
        facts.problems.append(Problem(Location(src.path, exc.line, exc.col),
                                      f"skipped: MCP configuration: {exc.message} (line {exc.line}, column {exc.col})",
                                      kind="skipped"))
        return
    if root is None or not isinstance(root.value, dict):
        return
    servers = root.get("mcpServers") or root.get("servers") or (root.get("mcp") or Node({}, root.loc)).get("servers")
    if servers is None or not isinstance(servers.value, dict):
        return
    reader = _Reader(src, facts)
    for name, server in servers.value.items():
        if isinstance(server.value, dict) and _celonis(name, server):
            reader.server(name, server)
    reader.em.finish()


def _strings(node: Node) -> list[str]:
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        if current.tag == "str":
            out.append(str(current.value))
        elif isinstance(current.value, dict):
            out.extend(current.value)
            stack.extend(current.value.values())
        elif isinstance(current.value, list):
            stack.extend(current.value)
    return out


def _celonis(name: str, server: Node) -> bool:
    words = [name] + _strings(server)
    return any(says_celonis(w) or is_celonis_url(w) for w in words if len(w) < 300)


class _Reader:
    def __init__(self, src: Source, facts: FileFacts) -> None:
        self.src, self.facts = src, facts
        self.index = LineIndex(src.path, src.text)
        self.em = Emitter(facts, self.index, src.catalog)
        self.em.celonis_file = True

    def server(self, name: str, server: Node) -> None:
        for key in _URL_KEYS:
            node = server.get(key)
            if node is not None and node.tag == "str":
                url(key, str(node.value), node.loc, self.facts, self.src.catalog)
        auth = server.get("auth") or server.get("oauth")
        if auth is not None and isinstance(auth.value, dict):
            self.auth(name, auth)
        headers = server.get("headers")
        if headers is not None and isinstance(headers.value, dict):
            for key, node in headers.value.items():
                if node.tag == "str":
                    self.header(key, node)
        env = server.get("env")
        if env is not None and isinstance(env.value, dict):
            for key, node in env.value.items():
                if node.tag == "str":
                    judge(key, str(node.value), node.loc, self.facts, True, self.src.catalog)
        args = server.get("args")
        if args is not None and isinstance(args.value, list):
            for node in args.value:
                if node.tag != "str":
                    continue
                value = str(node.value)
                m = _HEADER.match(value)
                if m:
                    self.header(m.group(1), node, m.end())
                elif re.match(r"^https?://", value, re.I):
                    url("args", value, node.loc, self.facts, self.src.catalog)

    def auth(self, name: str, auth: Node) -> None:
        fields = {re.sub(r"[-_]", "", key).lower(): node for key, node in auth.value.items()}  # type: ignore[union-attr]
        client_id = fields.get("clientid")
        public = client_id is not None and str(client_id.value) in PUBLIC_CLIENTS
        scopes_node = fields.get("scopes") or fields.get("scope")
        scopes = scope_list(scopes_node, self.facts, CLIENT, auth) if scopes_node is not None else None
        grant = fields.get("granttype")
        self.facts.clients.append(Client(
            name=str(client_id.value) if public and client_id is not None else name,
            loc=auth.key_loc or auth.loc, origin="mcp",
            grant_type=None if public or grant is None or grant.tag != "str" else setting(str(grant.value), grant.loc),
            scopes=scopes))
        for key, node in auth.value.items():  # type: ignore[union-attr]
            kind = secret_kind(key)
            if kind and node.tag == "str" and looks_like_secret(str(node.value)):
                self.facts.secrets.append(secret(kind, node.loc, key, str(node.value)))

    def header(self, key: str, node: Node, offset: int = 0) -> None:
        """``Authorization: AppKey|Bearer <token>`` judged by the one header decision."""
        start = self.index.written(self.src.text, node.loc, str(node.value), offset)
        if start is None:
            return  # escapes in the JSON string: its characters are not where the value's are
        self.em.header(Field(key, Text.literal(str(node.value)[offset:], start)), True)
