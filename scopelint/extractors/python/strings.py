"""String values as the Python passes see them: a text with its unknown parts kept as
``{name}``, dicts and lists of expressions, and the ways code combines strings."""
from __future__ import annotations

import ast
import re
from typing import Union

from ..recognition.urls import is_absolute
from ...records import record


@record
class Text:
    """A string value; ``resolved`` is False when part of it is unknown (kept as ``{name}``)."""

    text: str
    resolved: bool = True
    celonis: bool = False  # an unknown part comes from a Celonis-named variable
    literal: ast.Constant | None = None  # the one literal this value is, for exact positions
    nodes: tuple[ast.AST, ...] = ()  # the literal nodes it was built from
    env: str | None = None  # the environment variable it is read from
    default: ast.expr | None = None  # the default of that environment look-up
    items: tuple[Text, ...] = ()  # the elements of a ``" ".join([...])``


@record
class DictVal:
    """A dict value as far as it can be read."""

    entries: tuple[tuple[str, ast.expr, ast.expr | None], ...]  # key, value, key node
    complete: bool = True  # False: ``**spread`` or changed after it was built
    node: ast.AST | None = None

    def get(self, key: str) -> ast.expr | None:
        for name, value, _ in self.entries:
            if name == key:
                return value
        return None


@record
class ListVal:
    """A list or tuple value."""

    elts: tuple[ast.expr, ...]


Value = Union[Text, DictVal, ListVal, None]

def held_as(node: ast.AST) -> str | None:
    """The name a value is held under where it is written: a name's, an attribute's last
    (``Settings.secret``: ``secret``); else ``None``."""
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None


def dotted(node: ast.AST) -> str | None:
    """``a.b.c`` for a chain of names and attributes, else ``None``."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def unknown(label: str, celonis: bool = False, **kw: object) -> Text:
    return Text("{%s}" % label, resolved=False, celonis=celonis, **kw)  # type: ignore[arg-type]


def label(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
        return node.slice.value
    if isinstance(node, ast.Call):
        return label(node.func)
    return "value"


def join(left: Text, right: Text) -> Text:
    return Text(left.text + right.text, left.resolved and right.resolved, left.celonis or right.celonis,
                nodes=left.nodes + right.nodes)


def urljoin(base: Text, ref: Text) -> Text:
    if is_absolute(ref.text):
        return ref
    if ref.text.startswith("/") and base.resolved:
        m = re.match(r"^([a-z][a-z0-9+.-]*://[^/]*)", base.text, re.I)
        head = m.group(1) if m else base.text.rstrip("/")
        return Text(head + ref.text, ref.resolved, ref.celonis or base.celonis, nodes=base.nodes + ref.nodes)
    if ref.text.startswith("/"):
        return join(Text(base.text.rstrip("/"), base.resolved, base.celonis, nodes=base.nodes), ref)
    head = base.text if base.text.endswith("/") or not base.resolved else base.text.rsplit("/", 1)[0] + "/"
    return join(Text(head, base.resolved, base.celonis, nodes=base.nodes), ref)


def percent(fmt: Text, values: list[Text]) -> Text:
    it = iter(values)
    out = re.sub(r"%[sdr]", lambda m: next(it, unknown("value")).text, fmt.text)
    return Text(out, fmt.resolved and all(v.resolved for v in values), fmt.celonis or any(v.celonis for v in values),
                nodes=fmt.nodes + tuple(n for v in values for n in v.nodes))


def str_format(fmt: Text, call: ast.Call, text_of) -> Text:
    positional = [text_of(a) for a in call.args]
    named = {kw.arg: text_of(kw.value) for kw in call.keywords if kw.arg}
    used: list[Text] = []
    counter = iter(range(len(positional) + 1))

    def sub(m: re.Match) -> str:
        key = m.group(1).split(":")[0].split("!")[0]
        if key == "":
            i = next(counter)
            val = positional[i] if i < len(positional) else unknown("value")
        elif key.isdigit():
            val = positional[int(key)] if int(key) < len(positional) else unknown("value")
        else:
            val = named.get(key) or unknown(key)
        used.append(val)
        return val.text

    out = re.sub(r"\{([^{}]*)\}", sub, fmt.text)
    return Text(out, fmt.resolved and all(v.resolved for v in used), fmt.celonis or any(v.celonis for v in used),
                nodes=fmt.nodes + tuple(n for v in used for n in v.nodes))
