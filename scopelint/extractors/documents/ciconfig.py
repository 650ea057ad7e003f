"""CI pipelines (GitHub Actions, GitLab CI, Azure Pipelines, CircleCI, Bitbucket), Compose files,
Kubernetes manifests and CloudFormation/SAM templates.

Every ``name: value`` in the document is judged as a variable (``env:``, ``variables:``,
``environment:``, ConfigMap ``data``, Secret ``stringData`` and base64 ``data``, container
``env: [{name, value}]``, ``with:`` inputs); CloudFormation ``Scopes`` lists next to a Celonis
token URL become token requests. Kubernetes and CloudFormation files count when they name Celonis,
or when a key or ``env`` entry is named as a secret (then for their secrets). Files holding
``oauth_clients`` are left to the definitions extractor.
"""
from __future__ import annotations

import re

from ... import lazy_re
from . import actions, appconfig, documents, envfiles, spring
from ...findings import Location
from ...located import Node, ParseError
from ...model import FileFacts, Problem
from ..recognition.source import PathPattern, Source, ci_pipeline, compose_file, eb_extension, suffix
from .cloudformation import token_requests
from .definitions import clients_node, reports_parse_errors
from .tree import walk, words
from ..recognition.variables import celonis_context
from ..recognition.names import secret_kind


_OTHERS = PathPattern(r"(\.postman_(collection|environment)\.json|(^|/)\.celonis-content-cli-profiles/[^/]+)$",
                      ".postman_", ".celonis-content-cli-profiles/")
# a Kubernetes manifest has both keys, in either order; each is looked for once, by a pattern that
# stays on its line (``^\s*`` would run on over every blank line that follows, at every line)
_K8S_KEYS = (lazy_re.compile(r"^[ \t]*[\"']?apiVersion[\"']?[ \t]*:", re.M), lazy_re.compile(r"^[ \t]*[\"']?kind[\"']?[ \t]*:", re.M))
_CFN = lazy_re.compile(r"AWSTemplateFormatVersion|^[\"']?Resources[\"']?\s*:|\"Resources\"\s*:", re.M)


def claims(path: str, explicit: bool = False) -> bool:
    if _ci(path):
        return True
    return suffix(path) in ("yaml", "yml", "json", "template") and not _OTHERS.search(path)


def extract(src: Source, facts: FileFacts) -> None:
    ci = _ci(src.path)
    named = "celonis" in src.text.lower()
    if not ci and not ((all(key.search(src.text) for key in _K8S_KEYS) or _CFN.search(src.text))
                       and (named or _holds_secret(src.text))):
        return
    try:
        docs = _parse(src)
    except ParseError as exc:
        if reports_parse_errors(src) or not (ci or named):
            return  # a manifest read only for its secrets that is no YAML (a Helm template): nothing to say
        facts.problems.append(Problem(Location(src.path, exc.line, exc.col),
                                      f"skipped: {exc.message} (line {exc.line}, column {exc.col})", kind="skipped"))
        return
    if any(clients_node(doc, src.path) is not None for doc in docs):
        return  # a client definition file: the definitions extractor reads it
    context = named and celonis_context(words(docs))
    for doc in docs:
        if not isinstance(doc.value, dict) or not (ci or _infra(doc)):
            continue
        done = _sealed(doc) | (actions.read(doc, src, facts) if ci else set())  # a workflow step's HTTP request action
        done |= _held_files(doc, src, facts)
        walk(doc, facts, context, src.catalog, secret_data=_text(doc.get("kind")) == "Secret", done=done,
             lines=src.lines)
        if doc.get("Resources") is not None:
            token_requests(doc, facts)


# a key given a value on its line that is no reference or block (``CLIENT_SECRET: Xy7k...``), and an
# ``env`` entry's name (``- name: CLIENT_SECRET``); one run of name characters each, so that a long line
# is tried once, not once for each way of splitting it
_ENTRY = lazy_re.compile(r"""^[ \t]*(?:-[ \t]+)?["']?([\w.-]+)["']?[ \t]*:[ \t]*["']?[^\s"'#|>{$<&*]""", re.M)
_ENV_NAME = lazy_re.compile(r"""^[ \t]*(?:-[ \t]+)?name:[ \t]*["']?([\w.-]+)["']?[ \t]*$""", re.M)


def _holds_secret(text: str) -> bool:
    """Whether a manifest that does not name Celonis may hold a secret written out, worth parsing:
    a key or an ``env`` entry named as a secret (``secret_kind``), the value left to the judge."""
    return any(secret_kind(m.group(1)) is not None for pattern in (_ENTRY, _ENV_NAME) for m in pattern.finditer(text))


# the readers of configuration files a ConfigMap may hold, in the order a file is offered to them
_HELD_READERS = (spring, envfiles, appconfig)


def _held_files(doc: Node, src: Source, facts: FileFacts) -> set[int]:
    """The configuration files a ConfigMap holds (``application.yaml: |``, ``celonis.properties: |``), each
    read as a file of its own by the first reader that claims its name (``_HELD_READERS``), at the lines
    and columns this file has it; the ids of the values read so. A value that is not its lines written
    out as a block (a quoted string with escapes) is left to be judged as one setting."""
    data = doc.get("data") if _text(doc.get("kind")) == "ConfigMap" else None
    if data is None or not isinstance(data.value, dict):
        return set()
    read: set[int] = set()
    for key, value in data.value.items():
        reader = next((r for r in _HELD_READERS if r.claims(key)), None)
        if reader is None or value.tag != "str" or value.loc is None:
            continue
        text = _in_place(str(value.value), value.loc.line, src.lines)
        if text is not None:
            reader.extract(Source(src.path, text, catalog=src.catalog, held=key), facts)
            read.add(id(value))
    return read


def _in_place(value: str, line: int, lines: list[str]) -> str | None:
    """A block scalar's text where the file has it: blank lines up to its first line, then the file's own
    lines (their indentation kept); None when the file's lines do not hold the value so."""
    body = value.split("\n")
    if body and body[-1] == "":
        body.pop()
    first = line  # the line after the ``|`` or ``>`` indicator, 0-based
    if not body or first + len(body) > len(lines):
        return None
    held = lines[first:first + len(body)]
    indent = len(held[0]) - len(held[0].lstrip(" "))
    if any(row[indent:] != want and row.strip() or (not row.strip() and want.strip()) for row, want in zip(held, body)):
        return None
    return "\n" * first + "\n".join(held) + "\n"


def _ci(path: str) -> bool:
    return ci_pipeline(path) or compose_file(path) or eb_extension(path)


def _parse(src: Source) -> list[Node]:
    kind = suffix(src.path)
    return documents(src, "yaml" if kind == "config" else kind)  # an Elastic Beanstalk .config is YAML (JSON is too)


def _infra(doc: Node) -> bool:
    """A Kubernetes manifest or a CloudFormation template; not a kubeconfig (``kind: Config`` with its
    ``users``/``clusters``/``contexts``), which is kubectl's own settings file, applied to no cluster."""
    kubeconfig = _text(doc.get("kind")) == "Config" and any(doc.get(k) is not None for k in ("users", "clusters", "contexts"))
    k8s = doc.get("apiVersion") is not None and doc.get("kind") is not None and not kubeconfig
    resources = doc.get("Resources")
    cfn = doc.get("AWSTemplateFormatVersion") is not None or (resources is not None and resources.tag == "map")
    return k8s or cfn


def _sealed(doc: Node) -> set[int]:
    """The values of a ``SealedSecret``'s ``spec.encryptedData`` (Bitnami's sealed-secrets): each
    encrypted for the cluster's key, made to be committed, no secret written out."""
    spec = doc.get("spec") if _text(doc.get("kind")) == "SealedSecret" else None
    data = spec.get("encryptedData") if spec is not None else None
    return {id(value) for value in data.value.values()} if data is not None and isinstance(data.value, dict) else set()


def _text(node: Node | None) -> str | None:
    return str(node.value) if node is not None and node.tag == "str" else None
