"""The shell scripts of Kubernetes workflow resources: an Argo Workflows template's ``script`` (its
``source``, run by the interpreter its ``command`` names) and a Tekton task's step ``script`` (run by
the interpreter its ``#!`` line names, else ``sh``), each with the ``env`` of its container; Argo's
``{{...}}`` parameters are values not known. A
script another interpreter runs (Python, Node) is not shell, and is not read.

Each is read as a CI step's script is (``ci_steps.read_steps``): where it stands in the YAML file,
the container's variables written out as values."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ... import located
from ...located import Node, ParseError
from ...model import FileFacts
from ..recognition.source import Source
from .ci_steps import Step, env_of, read_steps

MAX_NODES = 100_000  # mappings and lists looked through for scripts
_INTERPRETERS = {"sh": "sh", "bash": "sh", "ash": "sh", "dash": "sh", "zsh": "sh", "ksh": "sh",
                 "pwsh": "ps", "powershell": "ps"}
_API_GROUPS = ("argoproj.io/", "tekton.dev/")
_TEMPLATE = re.compile(r"\{\{[^{}\n]*\}\}")  # Argo's ``{{inputs.parameters.url}}``: a value not known (Tekton's ``$(params.x)`` is one to the shell)


def _dialect(command: str) -> str | None:
    """The dialect of the interpreter a command line names (``/bin/bash -e``, ``/usr/bin/env sh``)."""
    words = command.split()
    if words and words[0].rsplit("/", 1)[-1] == "env":
        words = words[1:]
    return _INTERPRETERS.get(words[0].rsplit("/", 1)[-1]) if words else None


def _argo(script: Node) -> str | None:
    command = script.get("command")
    first = command.value[0] if command is not None and isinstance(command.value, list) and command.value else None
    return _dialect(str(first.value)) if first is not None and first.tag == "str" else None


def _tekton(script: Node) -> str | None:
    head = str(script.value).lstrip().split("\n", 1)[0]
    return _dialect(head[2:]) if head.startswith("#!") else "sh"


def _scripts(doc: Node) -> Iterator[Step]:
    stack, seen = [doc], 0
    while stack and seen < MAX_NODES:
        node = stack.pop()
        seen += 1
        if isinstance(node.value, list):
            stack.extend(node.value)
            continue
        if not isinstance(node.value, dict):
            continue
        script = node.get("script")
        if script is not None and isinstance(script.value, dict):  # Argo: script: {image, command, source}
            source = script.get("source")
            kind = _argo(script) if source is not None and source.tag == "str" else None
            if kind is not None:
                yield kind, [source], env_of(script, {}), source.loc.line, None  # type: ignore[list-item, union-attr]
        elif script is not None and script.tag == "str" and node.get("image") is not None:  # a Tekton step
            kind = _tekton(script)
            if kind is not None:
                yield kind, [script], env_of(node, {}), script.loc.line, None
        stack.extend(node.value.values())


def extract(src: Source, facts: FileFacts) -> None:
    try:
        docs = located.from_yaml_all(src.text, src.path)
    except ParseError:
        return  # the settings readers note the file as skipped
    found: list[Step] = []
    for doc in docs:
        version = doc.get("apiVersion") if isinstance(doc.value, dict) else None
        if version is not None and str(version.value).startswith(_API_GROUPS):
            found.extend(_scripts(doc))
    read_steps(src, facts, iter(found), _TEMPLATE)
