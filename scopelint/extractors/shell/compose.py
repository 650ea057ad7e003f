"""The shell of Docker Compose services: what a service's container runs (its ``entrypoint`` with its
``command``, as a Kubernetes container's ``command`` with its ``args``: ``manifests.container_step``)
and its ``healthcheck``'s ``test``, each a process of its own, with the service's ``environment``.

A command written as one string is split by Compose as a shell splits a line, and is read as one
(``sh -c "..."`` in it is read as the shell it runs reads it); a health check's string, and its
``CMD-SHELL`` form, is a script ``/bin/sh -c`` runs. Compose puts in ``${NAME}`` and ``$NAME`` from
the machine it runs on (values not known here) and writes ``$$`` for the ``$`` the container sees:
in a script, ``$$NAME`` is the container's variable, set in ``environment``; in a command's words,
which no shell reads, a word holding one is not read."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ... import lazy_re
from ... import located
from ...findings import Location
from ...located import Node, ParseError
from ...model import FileFacts
from ..recognition.source import Source, compose_file
from .ci_steps import Env, Step, read_steps
from .manifests import Runtime, container_step

_INTERPOLATION = r"\$\{[^{}\n]*\}|\$[A-Za-z_]\w*"
COMPOSE = Runtime(lazy_re.compile(_INTERPOLATION), lazy_re.compile(r"\$\$|" + _INTERPOLATION), dollars=True)
_MERGE = "<<"  # YAML's merge key: a service's settings taken from an anchored block (``<<: *defaults``)


def claims(path: str, explicit: bool = False) -> bool:
    return compose_file(path)


def extract(src: Source, facts: FileFacts) -> None:
    try:
        docs = located.from_yaml_all(src.text, src.path)
    except ParseError:
        return  # the ciconfig extractor notes the file as skipped
    found: list[Step] = []
    for doc in docs:
        services = doc.get("services") if isinstance(doc.value, dict) else None
        for service in services.value.values() if services is not None and isinstance(services.value, dict) else ():
            if isinstance(service.value, dict):
                found.extend(_service(service))
    read_steps(src, facts, iter(found))


def _get(service: Node, key: str) -> Node | None:
    """A service's setting, its own or one a merge key brings in (the first block naming it)."""
    own = service.get(key)
    if own is not None:
        return own
    merged = service.get(_MERGE)
    blocks = [merged] if merged is not None and isinstance(merged.value, dict) else \
        merged.value if merged is not None and isinstance(merged.value, list) else []
    return next((block.get(key) for block in blocks if block.get(key) is not None), None)


def _service(service: Node) -> Iterator[Step]:
    env = _environment(service)
    entrypoint, command = _get(service, "entrypoint"), _get(service, "command")
    step = _runs(entrypoint, command, _get(service, "image"), env)
    if step is not None:
        yield step
    health = _get(service, "healthcheck")
    test = health.get("test") if health is not None and isinstance(health.value, dict) else None
    step = _health(test, env) if test is not None else None
    if step is not None:
        yield step


def _runs(entrypoint: Node | None, command: Node | None, image: Node | None, env: Env) -> Step | None:
    """What the service's container runs: a command line written as one string (the other part not
    given), else its words (``container_step``), a string of plain words split as Compose splits it."""
    if entrypoint is None and command is None:
        return None
    if entrypoint is None and command is not None and command.tag == "str":
        return _line(command, env)
    if command is None and entrypoint is not None and entrypoint.tag == "str":
        return _line(entrypoint, env)
    parts = [_split(part) if part is not None and part.tag == "str" else part for part in (entrypoint, command)]
    if any(part is None for part, given in zip(parts, (entrypoint, command)) if given is not None):
        return None
    line = min(part.loc.line for part in (entrypoint, command) if part is not None)
    return container_step(parts[0], parts[1], image, env, line, COMPOSE)


def _split(node: Node) -> Node | None:
    """A string of plain words (``/bin/sh -c``, ``curl``) as the list of them Compose makes, each where it
    stands; None when it is not written so on one line (quotes, escapes: the shell's splitting)."""
    value, loc = str(node.value), node.loc
    lines = loc.end_line or loc.line
    if lines != loc.line or any(c in value for c in "'\"\\$") or loc.end_col is None or \
            loc.end_col - loc.col != len(value):
        return None
    words = [Node(m.group(0), Location(loc.path, loc.line, loc.col + m.start(), loc.line, loc.col + m.end()), tag="str")
             for m in re.finditer(r"\S+", value)]
    return Node(words, loc, tag="seq")


def _line(node: Node, env: Env) -> Step:
    """A command line Compose splits into words, or a script ``/bin/sh -c`` runs: read as the shell reads one."""
    return Step("sh", [node], env, node.loc.line, templates=COMPOSE.script, dollars=True)


def _health(test: Node, env: Env) -> Step | None:
    """A health check's ``test``: a string or ``[CMD-SHELL, script]`` is a shell's script, ``[CMD, ...]``
    a command's words; ``[NONE]`` runs nothing."""
    if test.tag == "str":
        return _line(test, env)
    items = test.value if isinstance(test.value, list) else []
    if len(items) < 2 or any(item.tag != "str" for item in items):
        return None
    form = str(items[0].value).upper()
    if form == "CMD-SHELL" and len(items) == 2:
        return _line(items[1], env)
    if form == "CMD":
        return container_step(Node(items[1:], test.loc, tag="seq"), None, None, env, items[1].loc.line, COMPOSE)
    return None


def _environment(service: Node) -> Env:
    """The variables a service's container is given: ``environment`` as a mapping, or as a list of
    ``NAME=value`` strings (each value located inside its string)."""
    block = _get(service, "environment")
    if block is not None and isinstance(block.value, dict):
        return {name: value for name, value in block.value.items() if value.tag == "str"}
    items = block.value if block is not None and isinstance(block.value, list) else ()
    return {found[0]: found[1] for found in map(located.name_value, items) if found is not None and found[0]}
