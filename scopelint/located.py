"""Parsed documents with positions: YAML and JSON through ``yaml.compose`` marks, TOML by
finding each value in the source text (``tomllib`` gives none).

Every builder returns a ``Node`` tree or raises ``ParseError`` with a 1-based position; none
expands YAML aliases more than a bounded number of times or recurses without a bound.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .findings import Location
from .limits import max_depth, too_deep

MAX_NODES = 200_000


class ParseError(ValueError):
    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


@dataclass
class Node:
    """A value with its position; mappings and sequences hold ``Node`` children."""

    value: object  # str | int | float | bool | None | list[Node] | dict[str, Node]
    loc: Location
    key_loc: Location | None = None
    tag: str = field(default="")  # str | int | float | bool | null | seq | map
    yaml_tag: str = field(default="")  # an explicit application tag such as "!Ref"; "" when none

    def get(self, key: str) -> Node | None:
        return self.value.get(key) if isinstance(self.value, dict) else None


def _yaml_loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def from_yaml(text: str, path: str) -> Node | None:
    """A single-document YAML (or JSON) text, or ``None`` for an empty one."""
    docs = from_yaml_all(text, path)
    if len(docs) > 1:
        raise ParseError("expected a single document, found %d" % len(docs), docs[1].loc.line, 1)
    return docs[0] if docs else None


def from_yaml_all(text: str, path: str) -> list[Node]:
    """Every document of a YAML stream; empty documents are left out."""
    import yaml

    try:
        roots = list(yaml.compose_all(text, Loader=_yaml_loader()))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise ParseError(f"invalid YAML: {problem}", (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1) from None
    except yaml.YAMLError as exc:
        raise ParseError(f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    except RecursionError:
        raise ParseError("invalid YAML: nested too deeply", *nesting_point(text)) from None
    roots = [root for root in roots if root is not None]
    if "&" in text:  # without an anchor nothing is shared, and the converter's budget is enough
        for root in roots:
            _check_expansion(root)
    converter = _Converter(path)
    return [converter.convert(root) for root in roots]


def _children(ynode: object) -> list:
    value = getattr(ynode, "value", None)
    if not isinstance(value, list):
        return []
    return [item[1] if isinstance(item, tuple) else item for item in value]


def _check_expansion(root: object) -> None:
    """Refuse a document whose aliases expand to more than ``MAX_NODES`` values (a "billion laughs"),
    counting each shared node once, so the check costs no more than the text it reads."""
    size: dict[int, int] = {}
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        ynode, finished = stack.pop()
        if finished:
            size[id(ynode)] = min(1 + sum(size[id(c)] for c in _children(ynode)), MAX_NODES + 1)
        elif id(ynode) not in size:
            size[id(ynode)] = MAX_NODES + 1  # until finished: an alias back to it is a cycle, endless
            stack.append((ynode, True))
            stack.extend((c, False) for c in _children(ynode) if id(c) not in size)
    if size[id(root)] <= MAX_NODES:
        return
    culprit, seen = root, set()
    while id(culprit) not in seen:  # the innermost node that is still too large: where the expansion is
        seen.add(id(culprit))
        big = [c for c in _children(culprit) if size[id(c)] > MAX_NODES and id(c) not in seen]
        if not big:
            break
        culprit = big[0]
    mark = culprit.start_mark  # type: ignore[attr-defined]
    raise ParseError(f"document too large: YAML aliases expand to more than {MAX_NODES} values",
                     mark.line + 1, mark.column + 1)


def _end_of(text: str) -> tuple[int, int]:
    """Just after the last character that is not white space."""
    lines = text.rstrip().splitlines() or [""]
    return len(lines), len(lines[-1]) + 1


def nesting_point(text: str, limit: int = 1000) -> tuple[int, int]:
    """Where brackets first nest ``limit`` deep: a position for parsers that stop without one."""
    depth, line, line_start = 0, 1, 0
    for m in re.finditer(r"[\[\]{}\n]", text):
        ch = m.group(0)
        if ch == "\n":
            line, line_start = line + 1, m.end()
        elif ch in "[{":
            depth += 1
            if depth >= limit:
                return line, m.start() - line_start + 1
        else:
            depth -= 1
    return 1, 1


class _Converter:
    def __init__(self, path: str) -> None:
        self.path = path
        self.budget = MAX_NODES
        self.max_depth = max_depth()

    def loc(self, node: object) -> Location:
        start, end = node.start_mark, node.end_mark  # type: ignore[attr-defined]
        return Location(self.path, start.line + 1, start.column + 1, end.line + 1, end.column + 1)

    def convert(self, root: object) -> Node:
        import yaml

        # an explicit stack, not recursion: deep nesting must not blow the interpreter stack
        out = Node(None, self.loc(root))
        stack: list[tuple[object, Node, int]] = [(root, out, 0)]
        while stack:
            ynode, target, depth = stack.pop()
            self.budget -= 1
            if self.budget < 0:
                raise ParseError("document too large: more than %d values (YAML aliases expand to this)" % MAX_NODES,
                                 target.loc.line, target.loc.col)
            if depth > self.max_depth:
                raise too_deep(target.loc.line, target.loc.col)
            if isinstance(ynode, yaml.ScalarNode):
                target.value, target.tag = _scalar(ynode)
                target.loc = self._scalar_loc(ynode)
                target.yaml_tag = _explicit_tag(ynode)
            elif isinstance(ynode, yaml.SequenceNode):
                items = [Node(None, self.loc(child)) for child in ynode.value]
                target.value, target.tag = items, "seq"
                stack.extend((child, node, depth + 1) for child, node in zip(ynode.value, items))
            elif isinstance(ynode, yaml.MappingNode):
                mapping: dict[str, Node] = {}
                for key, child in ynode.value:
                    if not isinstance(key, yaml.ScalarNode):
                        raise ParseError("mapping keys must be plain values", key.start_mark.line + 1, key.start_mark.column + 1)
                    node = Node(None, self.loc(child), key_loc=self.loc(key))
                    mapping[str(key.value)] = node
                    stack.append((child, node, depth + 1))
                target.value, target.tag = mapping, "map"
        return out

    def _scalar_loc(self, ynode: object) -> Location:
        loc = self.loc(ynode)
        if _explicit_tag(ynode) and loc.end_line == loc.line:  # the mark starts at the tag: skip it
            quotes = 2 if getattr(ynode, "style", None) in ('"', "'") else 0
            width = len(ynode.value) + quotes  # type: ignore[attr-defined]
            loc = Location(loc.path, loc.line, max(loc.col, (loc.end_col or 1) - width), loc.end_line, loc.end_col)
        if getattr(ynode, "style", None) in ('"', "'"):  # point inside the quotes
            return Location(loc.path, loc.line, loc.col + 1, loc.end_line, (loc.end_col or 2) - 1)
        return loc


def _explicit_tag(ynode: object) -> str:
    tag = getattr(ynode, "tag", "") or ""
    return "" if tag.startswith("tag:yaml.org,2002:") else tag


_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+][0-9]+)?$")


def _scalar(ynode: object) -> tuple[object, str]:
    tag, text = ynode.tag, ynode.value  # type: ignore[attr-defined]
    if tag.endswith(":null") or (tag.endswith(":str") is False and text in ("", "~", "null", "Null", "NULL") and ynode.style is None):  # type: ignore[attr-defined]
        return None, "null"
    if tag.endswith(":bool"):
        return text.lower() in ("true", "yes", "on", "y"), "bool"
    if tag.endswith(":int") and _INT.match(text):
        return int(text.replace("_", "")), "int"
    if tag.endswith(":float") and _FLOAT.match(text):
        return float(text.replace("_", "")), "float"
    if tag.endswith((":int", ":float", ":timestamp")):
        return text, tag.rsplit(":", 1)[-1]
    return text, "str"


def from_json(text: str, path: str) -> Node | None:
    """Validate with ``json`` (exact errors), then take positions from the YAML composer."""
    import json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise ParseError("invalid JSON: nested too deeply", *nesting_point(text)) from None
    try:
        return from_yaml(text, path)
    except ParseError:
        # valid JSON that YAML will not read (tabs, odd escapes): positions come from the text
        return from_data(data, path, text)


def from_toml(text: str, path: str) -> Node:
    if _tomllib is None:  # pragma: no cover
        raise ParseError("TOML support needs 'tomli' on Python < 3.11")
    try:
        data = _tomllib.loads(text)
    except _tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line, col = (int(m.group(1)), int(m.group(2))) if m else _end_of(text) if "end of document" in msg else (1, 1)
        raise ParseError("invalid TOML: " + re.sub(r" \(at .*\)$", "", msg), line, col) from None
    except RecursionError:
        raise ParseError("invalid TOML: nested too deeply", *nesting_point(text)) from None
    return from_data(data, path, text)


try:  # pragma: no cover - which branch runs depends on the interpreter
    import tomllib as _tomllib
except ModuleNotFoundError:  # pragma: no cover
    try:
        import tomli as _tomllib  # type: ignore[no-redef]
    except ModuleNotFoundError:
        _tomllib = None  # type: ignore[assignment]


def from_data(data: object, path: str, text: str) -> Node:
    """A ``Node`` tree for already-parsed data, each value located by a forward text search."""
    return _TextLocator(path, text).build(data)


class _TextLocator:
    """Finds keys and values in document order; good for TOML and JSON, where order is kept."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.pos = 0
        self.budget = MAX_NODES
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def at(self, offset: int, length: int = 0) -> Location:
        import bisect

        line = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        end_line = bisect.bisect_right(self.line_starts, offset + length) - 1
        return Location(self.path, line + 1, offset - start + 1, end_line + 1, offset + length - self.line_starts[end_line] + 1)

    def find_key(self, key: str) -> Location | None:
        pattern = re.compile(r"(?<![\w.-])(?:\"%s\"|'%s'|%s)\s*[=:\]]" % ((re.escape(key),) * 3))
        m = pattern.search(self.text, self.pos)
        if not m:
            return None
        self.pos = m.start()
        return self.at(m.start(), len(key))

    def find_value(self, value: object) -> Location:
        if isinstance(value, str):  # the nearest of its written forms, not the first form found further on
            hits = []
            for quoted in (_json_quote(value), _json_quote(value, True), f"'{value}'", f'"""{value}', f"'''{value}"):
                idx = self.text.find(quoted, self.pos)
                if idx >= 0:
                    hits.append((idx, -len(quoted), quoted))
            if hits:
                idx, _, quoted = min(hits)
                self.pos = idx + len(quoted)
                return self.at(idx + (3 if quoted.startswith(('"""', "'''")) else 1), len(value))
        elif isinstance(value, (bool, int, float)):
            token = str(value).lower() if isinstance(value, bool) else str(value)
            m = re.compile(r"(?<![\w.])%s(?![\w.])" % re.escape(token)).search(self.text, self.pos)
            if m:
                self.pos = m.end()
                return self.at(m.start(), len(token))
        return self.at(self.pos)

    def _opening_bracket(self) -> int:
        """Where an inline list written as ``key = [`` opens (an array of tables stays at its key)."""
        m = _KEY_THEN_BRACKET.match(self.text, self.pos)
        if m is None:
            return self.pos
        self.pos = m.end() - 1
        return self.pos

    def build(self, data: object, depth: int = 0, key_loc: Location | None = None) -> Node:
        self.budget -= 1
        if depth > max_depth():
            here = self.at(self.pos)
            raise too_deep(here.line, here.col)
        if self.budget < 0:
            raise ParseError("document too large: more than %d values" % MAX_NODES)
        if isinstance(data, dict):
            here = self.at(self.pos)
            children = {}
            for key, value in data.items():
                kloc = self.find_key(str(key))
                children[str(key)] = self.build(value, depth + 1, kloc)
            return Node(children, key_loc or here, key_loc=key_loc, tag="map")
        if isinstance(data, list):
            here = self.at(self._opening_bracket())
            return Node([self.build(v, depth + 1) for v in data], here, key_loc=key_loc, tag="seq")
        loc = self.find_value(data)
        tag = {bool: "bool", int: "int", float: "float", str: "str", type(None): "null"}.get(type(data), "str")
        return Node(data if tag != "str" or isinstance(data, str) else str(data), loc, key_loc=key_loc, tag=tag)


_KEY_THEN_BRACKET = re.compile(r"(?:\"[^\"\n]*\"|'[^'\n]*'|[\w.-]+)\s*[=:]\s*\[")


def _json_quote(value: str, ascii_only: bool = False) -> str:
    import json

    return json.dumps(value, ensure_ascii=ascii_only)
