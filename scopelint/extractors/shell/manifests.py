"""The shell of Kubernetes resources: an Argo Workflows template's ``script`` (its ``source``, run
by the interpreter its ``command`` names), a Tekton task's step ``script`` (run by the interpreter its
``#!`` line names, else ``sh``), and the ``command`` and ``args`` of any resource's container, each
with the ``env`` of its container. A container's command is a shell's script when it runs one
(``[sh, -c]`` and the script in ``args``), else its words are one command line. Argo's ``{{...}}``
parameters are values not known; Kubernetes' ``$(NAME)`` in a container's command is the variable's
value. A script another interpreter runs (Python, Node) is not shell, and is not read.

Each is read as a CI step's script is (``ci_steps.read_steps``): where it stands in the YAML file,
the container's variables written out as values."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ... import lazy_re
from ... import located
from ...located import Node, ParseError
from ...model import FileFacts
from ..recognition.source import Source
from . import curl, httpie, wget
from .ci_steps import Env, Step, env_of, read_steps
from .shells import INTERPRETERS, dialect as _dialect, program as _program, script_operand as _script_operand

MAX_NODES = 100_000  # mappings and lists looked through for scripts
_API_GROUPS = ("argoproj.io/", "tekton.dev/")
_ARGO_PARAMETER = r"\{\{[^{}\n]*\}\}"
_TEMPLATE = lazy_re.compile(_ARGO_PARAMETER)  # Argo's ``{{inputs.parameters.url}}``: a value not known (Tekton's ``$(params.x)`` is one to the shell)
# what Kubernetes (and Argo) put into a container's command and args before it runs: ``$(NAME)``, a variable
# of the container's (Tekton's ``$(params.x)``: a value not known), and Argo's parameters
_CONTAINER = lazy_re.compile(_ARGO_PARAMETER + r"|\$\([A-Za-z_][\w.-]*\)")
_COMMAND_KEYS = ("command", "args")
# images whose entrypoint is a program scopelint reads: their ``args`` alone are that program's words
_ENTRYPOINTS = {"curlimages/curl": "curl"}
# the request programs the shell interpreter reads: an image's entrypoint runs one when its command names it
_PROGRAMS = curl.PROGRAMS | wget.PROGRAMS | httpie.PROGRAMS


class Runtime(NamedTuple):
    """What a container platform puts into a container's command before it runs: its references in
    the command's words, and in a script a shell is given; ``dollars``: ``$$`` in such a script is one
    ``$`` (Compose's escape)."""

    words: re.Pattern[str]
    script: re.Pattern[str]
    dollars: bool = False


KUBERNETES = Runtime(_CONTAINER, _CONTAINER)


def container_step(command: Node | None, args: Node | None, image: Node | None, env: Env, line: int,
                   runtime: Runtime = KUBERNETES) -> Step | None:
    """What a container runs, given as lists of strings: ``command`` (Kubernetes' ``command``, Compose's
    ``entrypoint``) with ``args`` (Compose's ``command``) after it; the script of the shell it runs, or
    its words as one command line. Without a ``command``, the image's own entrypoint runs ``args``: the
    program it is known to be (``_ENTRYPOINTS``), else the command ``args`` names when it names a shell,
    or a request program (curl, wget, HTTPie: an entrypoint script runs the command it is given). None when a part is not a list of
    strings, the shell runs a file or another interpreter runs, or what runs is not known."""
    argv: list[Node] = []
    for part in (command, args):
        if part is None:
            continue
        if not isinstance(part.value, list) or any(item.tag != "str" for item in part.value):
            return None
        argv.extend(part.value)
    words = [str(item.value) for item in argv]
    first = 0
    if words and _program(words[0]) == "env":  # ``env [-i] [NAME=value]... PROGRAM``
        first = 1
        while first < len(words) and (words[first].startswith("-") or "=" in words[first]):
            first += 1
    if len(words) <= first:
        return None
    named = _program(words[first])
    if command is None and named not in INTERPRETERS and named.lower() not in _PROGRAMS:  # the image's entrypoint, given these words
        entrypoint = _ENTRYPOINTS.get(_image_name(image)) if image is not None and image.tag == "str" else None
        return None if entrypoint is None else Step("sh", argv, env, line, words=True, program=entrypoint,
                                                    templates=runtime.words)
    dialect = INTERPRETERS.get(named)
    if dialect is None:
        return Step("sh", argv, env, line, words=True, templates=runtime.words)
    script = _script_operand(words, first + 1, dialect)
    return None if script is None else Step(dialect, [argv[script]], env, line, templates=runtime.script,
                                            dollars=runtime.dollars)


def _image_name(image: Node) -> str:
    """An image reference's repository, without its registry, tag or digest (``docker.io/curlimages/curl:8.8.0``:
    ``curlimages/curl``)."""
    name = str(image.value).split("@", 1)[0]
    parts = name.rsplit(":", 1)
    name = parts[0] if len(parts) == 2 and "/" not in parts[1] else name
    head, _, rest = name.partition("/")
    return rest if rest and ("." in head or ":" in head or head == "localhost") else name


def _argo(script: Node) -> str | None:
    command = script.get("command")
    first = command.value[0] if command is not None and isinstance(command.value, list) and command.value else None
    return _dialect(str(first.value)) if first is not None and first.tag == "str" else None


def _tekton(script: Node) -> str | None:
    head = str(script.value).lstrip().split("\n", 1)[0]
    return _dialect(head[2:]) if head.startswith("#!") else "sh"


def _scripts(doc: Node, workflow: bool) -> Iterator[Step]:
    """The scripts of a resource: an Argo or Tekton one's (``workflow``), and every container's command."""
    stack, seen = [doc], 0
    while stack and seen < MAX_NODES:
        node = stack.pop()
        seen += 1
        if isinstance(node.value, list):
            stack.extend(node.value)
            continue
        if not isinstance(node.value, dict):
            continue
        script = node.get("script") if workflow else None
        if script is not None and isinstance(script.value, dict):  # Argo: script: {image, command, source}
            source = script.get("source")
            kind = _argo(script) if source is not None and source.tag == "str" else None
            if kind is not None:
                yield Step(kind, [source], env_of(script, {}), source.loc.line)  # type: ignore[list-item]
            stack.extend(value for key, value in node.value.items() if key != "script")
            continue
        elif script is not None and script.tag == "str" and node.get("image") is not None:  # a Tekton step
            kind = _tekton(script)
            if kind is not None:
                yield Step(kind, [script], env_of(node, {}), script.loc.line)
            continue
        if node.get("image") is not None and any(node.get(key) is not None for key in _COMMAND_KEYS):
            step = container_step(node.get("command"), node.get("args"), node.get("image"), env_of(node, {}),
                                  node.loc.line)
            if step is not None:
                yield step
            continue
        stack.extend(node.value.values())


_IMAGE = lazy_re.compile(r"image:[ \t]+[^\s#]")  # a container's image given a value (a schema's ``image:`` has none)
_DOCUMENT = lazy_re.compile(r"\n---")  # at the start of a line, only a document's start (a block scalar's lines are indented)
_SCHEMA = lazy_re.compile(r"\nkind:[ \t]*CustomResourceDefinition[ \t]*(?:\r?\n|$)")
_RUNS = ("command:", "args:", "script:", "source:")  # what a container runs, if not its image's own command


_CONFIG_MAP = lazy_re.compile(r"""\nkind:[ \t]*(["']?)ConfigMap\1[ \t]*(?:\r?\n|$)""")  # searched in "\n" + text: a literal start
_SCRIPT_NAMES = (".sh:", ".bash:", ".sh\":", ".bash\":", ".sh':", ".bash':")  # a data key naming a shell script


def _holds_scripts(text: str) -> bool:
    """Whether a file (or a document) may be a ConfigMap holding a shell script (``script.sh: |``,
    or a value starting ``#!/bin/sh``), as a container mounts one to run."""
    return "ConfigMap" in text and (any(name in text for name in _SCRIPT_NAMES) or "#!/" in text) \
        and bool(_CONFIG_MAP.search("\n" + text))


def _config_scripts(doc: Node) -> Iterator[Step]:
    """The shell scripts a ConfigMap holds: the values of its ``data`` keys named as shell scripts, and
    those whose ``#!`` line names a shell. Nothing says which container runs them, so none of a
    container's variables is put in."""
    data = doc.get("data")
    for key, value in (data.value.items() if data is not None and isinstance(data.value, dict) else ()):
        if value.tag != "str":
            continue
        head = str(value.value).lstrip().split("\n", 1)[0]
        dialect = _dialect(head[2:]) if head.startswith("#!") else "sh" if key.endswith((".sh", ".bash")) else None
        if dialect is not None:
            yield Step(dialect, [value], {}, value.loc.line)


# what a script that requests a token or calls an API writes: a chart's templates hold "secret" and "token"
# all through (secretKeyRef, serviceAccountToken) and are parsed around their actions only with one of these
_REQUESTS = ("curl", "wget", "invoke-restmethod", "invoke-webrequest", "iwr ", "irm ", "celonis", "oauth2", "appkey",
             "app_key", "api_key", "apikey", "bearer", "scope")


def _requesting(text: str) -> bool:
    """Whether a template (a file with ``{{ }}`` actions) may hold a script that makes a request."""
    if "{{" not in text:
        return False
    lowered = text.lower()
    return any(word in lowered for word in _REQUESTS)


def _has_image(text: str) -> bool:
    """Whether ``text`` gives an image a value as a key of its own (``- image: curl``, ``{image: curl}``)."""
    for m in _IMAGE.finditer(text):
        before = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if not before.strip(" \t-") or before.rstrip()[-1:] in ("{", ","):
            return True
    return False


def _runs(text: str) -> bool:
    """Whether a file (or a document) may hold something to read: an image, and what it runs."""
    return any(key in text for key in _RUNS) and _has_image(text)


def _readable(text: str) -> bool:
    """Whether a document may hold something to read (``_runs``, ``_holds_scripts``) and defines no custom resource."""
    return (_runs(text) or _holds_scripts(text)) and not _SCHEMA.search("\n" + text)


def _with_images(text: str) -> str:
    """``text`` with each document that has nothing to read (``_readable``) blanked out, its lines kept:
    often most of the file (a bundle's custom resource definitions, roles, services)."""
    starts = [0] + [m.start() + 1 for m in _DOCUMENT.finditer(text)] + [len(text)]
    if len(starts) == 2:
        return text
    parts = [text[a:b] for a, b in zip(starts, starts[1:])]
    return "".join(part if _readable(part) else "\n" * part.count("\n") for part in parts)


def extract(src: Source, facts: FileFacts) -> None:
    if not (_runs(src.text) or _holds_scripts(src.text)):
        return
    text = _with_images(src.text)
    try:  # a Helm chart's template, where a script in it may make a request: the YAML around its actions
        docs = located.documents(text, src.path, "yaml") if _requesting(src.text) else located.from_yaml_all(text, src.path)
    except ParseError:
        return  # the settings readers note the file as skipped
    found: list[Step] = []
    for doc in docs:
        version = doc.get("apiVersion") if isinstance(doc.value, dict) else None
        kind = doc.get("kind") if version is not None else None
        if kind is not None and kind.value == "ConfigMap":
            found.extend(_config_scripts(doc))
        elif kind is not None:
            found.extend(_scripts(doc, str(version.value).startswith(_API_GROUPS)))
    read_steps(src, facts, iter(found), _TEMPLATE)
