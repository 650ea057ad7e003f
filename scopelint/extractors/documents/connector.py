"""The Celonis EMS sink connector for Kafka Connect: ``connect.ems.*`` settings in ``.properties``
files (standalone workers), JSON (the Connect REST API's ``config``) and YAML (a Strimzi
``KafkaConnector``'s ``spec.config``).

``connect.ems.endpoint`` is the push API call (plain HTTP is SL014); ``connect.ems.authorization.key``
is an ``Authorization`` header value: ``AppKey <key>`` is key authentication (SL018), and a literal
key or token is a hard-coded secret (SL012). The proxy password is a secret of the proxy, not Celonis's.
"""
from __future__ import annotations

from collections.abc import Iterator

from . import documents
from ...findings import Location
from ...located import ParseError
from ...model import FileFacts
from ..recognition.names import AUTH_SCHEME
from ..recognition.requests import Emitter, Field
from ..recognition.source import Source, suffix
from ..recognition.text import LineIndex, Text
from ..recognition.variables import url
from .envfiles import properties
from .tree import EMS_CONNECTOR

_ENDPOINT = EMS_CONNECTOR + "endpoint"
_KEY = EMS_CONNECTOR + "authorization.key"


def extract(src: Source, facts: FileFacts) -> None:
    em = Emitter(facts, LineIndex(src.path, src.text), src.catalog)
    em.celonis_file = True  # the connector only talks to Celonis
    for name, value, loc in _settings(src):
        key = name.lower()
        if key == _ENDPOINT:
            url(name, value, loc, facts, src.catalog, method="POST")
        elif key == _KEY:
            _authorization(value, loc, src, em)
    em.finish()


def _settings(src: Source) -> Iterator[tuple[str, str, Location]]:
    if suffix(src.path) in ("properties", "conf"):
        for name, value, (line, col, end_line, end_col) in properties(src.lines):
            if name.lower().startswith(EMS_CONNECTOR):
                yield name, value, Location(src.path, line, col, end_line, end_col)
        return
    try:
        kind = suffix(src.path)
        docs = documents(src, kind)
    except ParseError:
        return  # not a connector configuration this extractor can read; others note the file
    stack = [doc for doc in docs if doc is not None]
    while stack:
        node = stack.pop()
        if isinstance(node.value, dict):
            for key, child in node.value.items():
                if key.lower().startswith(EMS_CONNECTOR) and child.tag == "str":
                    yield key, str(child.value), child.loc
                elif isinstance(child.value, (dict, list)):
                    stack.append(child)
        elif isinstance(node.value, list):
            stack.extend(node.value)


def _unquoted(value: str) -> tuple[str, int]:
    """``value`` without a pair of surrounding quotes and trailing white space, and the offset of
    what is left (in plain code: a pattern ``(.*?)\\1\\s*$`` tried every end over a run of spaces)."""
    body = value.rstrip()
    if len(body) >= 2 and body[0] in "\"'" and body[-1] == body[0]:
        return body[1:-1], 1
    return body, 0


def _authorization(value: str, loc: Location, src: Source, em: Emitter) -> None:
    """``AppKey <key>`` or ``Bearer <token>``, quoted or not, judged as an ``Authorization`` header."""
    start = em.index.written(src.text, loc, value)
    if start is None:
        return  # escapes: the value's characters are not where the text's are
    inner, offset = _unquoted(value)
    text = Text.literal(inner, start + offset)
    if AUTH_SCHEME.match(inner):
        em.header(Field("Authorization", text), True)
    else:  # a bare key: a secret all the same
        em.secret_field(Field("connect.ems.authorization.key", text, kind="API key"))
