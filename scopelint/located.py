"""Parsed documents with positions: YAML and JSON through ``yaml.compose`` marks, TOML by
finding each value in the source text (``tomllib`` gives none).

Every builder returns a ``Node`` tree or raises ``ParseError`` with a 1-based position; none
expands YAML aliases more than a bounded number of times or recurses without a bound.
"""
from __future__ import annotations

import bisect
import itertools
import re

from . import lazy_re
from .findings import Location
from .limits import LimitExceeded, max_depth, too_deep
from .lines import line_col, line_starts, other_breaks, split_lines
from .records import field, record
from .templated import untemplated

MAX_NODES = 200_000
FLOW_DEPTH = 1000  # brackets nested this deep are refused before a parser sees them (max-depth is at most 1,000)
MAX_DIGITS = 4300  # Python's own limit for turning digits into an int
SHORT = 60  # values quoted in messages are cut to this many characters


def short(value: object, limit: int = SHORT) -> str:
    """``repr(value)`` for a message, cut to about ``limit`` characters without building the whole
    ``repr`` first: a value can be huge (an expanded alias, a 5,000-digit number)."""
    import reprlib

    if isinstance(value, int) and not isinstance(value, bool) and abs(value).bit_length() > 3 * limit:
        return "a number too long to show"
    cut = reprlib.Repr()
    cut.maxstring = cut.maxother = cut.maxlong = limit
    cut.maxlist = cut.maxtuple = cut.maxdict = cut.maxset = 5
    cut.maxlevel = 2
    text = cut.repr(value)
    return text if len(text) <= limit + 10 else text[:limit] + "…"


class ParseError(ValueError):
    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


@record(frozen=False)
class Node:
    """A value with its position; mappings and sequences hold ``Node`` children."""

    value: object  # str | int | float | bool | None | list[Node] | dict[str, Node]
    loc: Location
    key_loc: Location | None = None
    tag: str = field(default="")  # str | int | float | bool | null | seq | map
    yaml_tag: str = field(default="")  # an explicit application tag such as "!Ref"; "" when none
    # a block scalar's (``scopes: >-`` and lines below) lines of text, each where it stands, when they are
    # written as the value reads (``block_lines``); empty for any other value
    parts: tuple[tuple[str, Location], ...] = field(default=(), compare=False, repr=False)

    def get(self, key: str) -> Node | None:
        return self.value.get(key) if isinstance(self.value, dict) else None


def name_value(item: Node) -> tuple[str, Node] | None:
    """A ``NAME=value`` string written on one line (an item of a Compose ``environment`` list): the
    name, and the value as a node located inside the string; None for any other item."""
    name, equals, value = str(item.value).partition("=")
    loc = item.loc
    if item.tag != "str" or not equals or loc.end_line not in (None, loc.line):
        return None
    col = loc.col + len(name) + 1
    return name, Node(value, Location(loc.path, loc.line, col, loc.line, col + len(value)), tag="str")


def yaml_loader():  # type: ignore[no-untyped-def]
    """The YAML loader class (C-accelerated where PyYAML has it), importing PyYAML on first use."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def from_yaml(text: str, path: str, unique_keys: bool = False, max_nodes: int = MAX_NODES,
              plain_tags: bool = False) -> Node | None:
    """A single-document YAML (or JSON) text, or ``None`` for an empty one."""
    docs = from_yaml_all(text, path, unique_keys, max_nodes, plain_tags)
    if len(docs) > 1:
        raise ParseError("expected a single document, found %d" % len(docs), docs[1].loc.line, 1)
    return docs[0] if docs else None


MAX_ESCAPES = 20  # backslashes of escapes YAML does not know passed over in one document, before it is invalid


def _bad_escape(text: str, problem: str, mark: object) -> int | None:
    """Where the backslash of an escape YAML does not know is (``"\\$"``), if that is the problem."""
    index = getattr(mark, "index", None)
    if not problem.startswith("found unknown escape character") or index is None:
        return None
    for at in (index, index - 1):
        if 0 <= at < len(text) and text[at] == "\\":
            return at
    return None


def _compose(text: str, strict: bool) -> tuple[list, str]:
    """The YAML stream's node trees, and the text they were read from: unless ``strict`` (a client
    definition is read as the schema says), an escape YAML does not know (``"\\${host}/realms"``, written
    for a build step that renders the file) has its backslash read as a space, so that every other
    character keeps its place, up to ``MAX_ESCAPES`` of them."""
    import yaml

    for _ in range(MAX_ESCAPES + 1):
        try:
            return list(yaml.compose_all(text, Loader=yaml_loader())), text
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "invalid YAML"
            at = None if strict else _bad_escape(text, problem, mark)
            if at is None:
                where = (1, 1) if mark is None else _point_of(text, mark.index) if other_breaks(text, wide_only=True) \
                    else (mark.line + 1, mark.column + 1)  # YAML 1.1 counts NEL and U+2028/U+2029 as line breaks
                raise ParseError(f"invalid YAML: {problem}", *where) from None
            text = text[:at] + " " + text[at + 1:]
        except yaml.YAMLError as exc:
            unreadable = _NOT_YAML_TEXT.search(text) if isinstance(exc, yaml.reader.ReaderError) else None
            where = _point_of(text, unreadable.start()) if unreadable is not None else (1, 1)
            raise ParseError(f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", *where) from None
        except RecursionError:
            raise ParseError("invalid YAML: nested too deeply", *nesting_point(text)) from None
    raise ParseError(f"invalid YAML: more than {MAX_ESCAPES} unknown escape characters", 1, 1)


# what YAML's reader refuses (its ``NON_PRINTABLE``): the first of them is where a reader error is, which no mark gives
_NOT_YAML_TEXT = lazy_re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")


def _point_of(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of a character index."""
    return line_col(line_starts(text), index)


def from_yaml_all(text: str, path: str, unique_keys: bool = False, max_nodes: int = MAX_NODES,
                  plain_tags: bool = False) -> list[Node]:
    """Every document of a YAML stream; empty documents are left out. ``unique_keys``: a key
    given twice in one mapping is a ``ParseError`` at the second one (YAML would keep the last).
    ``plain_tags``: a tag other than YAML's own plain types (``!!python/...``, ``!Ref``) is one too."""
    deep = flow_too_deep(text)
    if deep is not None:  # refused before the parser sees it: some builds of libyaml recurse until the C stack overflows
        raise ParseError("invalid YAML: nested too deeply", *deep)
    roots, text = _compose(text, strict=unique_keys)
    roots = [root for root in roots if root is not None]
    if "&" in text:  # without an anchor nothing is shared, and the converter's budget is enough
        for root in roots:
            _check_expansion(root, max_nodes)
    converter = _Converter(path, unique_keys, max_nodes, plain_tags, text)
    return [converter.convert(root) for root in roots]


def _children(ynode: object) -> list:
    value = getattr(ynode, "value", None)
    if not isinstance(value, list):
        return []
    return [item[1] if isinstance(item, tuple) else item for item in value]


def _check_expansion(root: object, max_nodes: int = MAX_NODES) -> None:
    """Refuse a document whose aliases expand to more than ``MAX_NODES`` values (a "billion laughs"),
    counting each shared node once, so the check costs no more than the text it reads. Each
    kilobyte of a string counts as a value too: one long string aliased thousands of times is
    read as many times as it is used."""
    size: dict[int, int] = {}
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        ynode, finished = stack.pop()
        if finished:
            value = getattr(ynode, "value", None)
            own = 1 + (len(value) >> 10 if isinstance(value, str) else 0)
            size[id(ynode)] = min(own + sum(size[id(c)] for c in _children(ynode)), max_nodes + 1)
        elif id(ynode) not in size:
            size[id(ynode)] = max_nodes + 1  # until finished: an alias back to it is a cycle, endless
            stack.append((ynode, True))
            stack.extend((c, False) for c in _children(ynode) if id(c) not in size)
    if size[id(root)] <= max_nodes:
        return
    culprit, seen = root, set()
    while id(culprit) not in seen:  # the innermost node that is still too large: where the expansion is
        seen.add(id(culprit))
        big = [c for c in _children(culprit) if size[id(c)] > max_nodes and id(c) not in seen]
        if not big:
            break
        culprit = big[0]
    mark = culprit.start_mark  # type: ignore[attr-defined]
    raise ParseError(f"document too large: YAML aliases expand to more than {max_nodes} values",
                     mark.line + 1, mark.column + 1)


def _end_of(text: str) -> tuple[int, int]:
    """Just after the last character that is not white space."""
    lines = split_lines(text.rstrip()) or [""]
    return len(lines), len(lines[-1]) + 1


def nesting_point(text: str, limit: int = FLOW_DEPTH) -> tuple[int, int]:
    """Where brackets first nest ``limit`` deep: a position for parsers that stop without one."""
    return flow_too_deep(text, limit) or (1, 1)


def flow_too_deep(text: str, limit: int = FLOW_DEPTH) -> tuple[int, int] | None:
    """Where brackets first nest ``limit`` deep, if they do (brackets in strings count too)."""
    if text.count("[") + text.count("{") < limit:
        return None
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
    return None


_PLAIN_TAGS = frozenset("tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp"))


class _Converter:
    def __init__(self, path: str, unique_keys: bool = False, max_nodes: int = MAX_NODES,
                 plain_tags: bool = False, text: str | None = None) -> None:
        self.path = path
        self.text = text  # the source, to step over an anchor or tag written before a value
        self.unique_keys = unique_keys
        self.plain_tags = plain_tags
        self.max_nodes = self.budget = max_nodes
        self.max_depth = max_depth()
        self._merged: dict[int, list[tuple[object, object]]] = {}  # a merged mapping's pairs, by its node's id
        # where each line starts, when YAML counts lines another way than ``lines.split_lines``: it breaks
        # them at NEL and U+2028/U+2029 too (a Postman description pasted from a document holds one)
        self._starts = line_starts(text) if text is not None and other_breaks(text, wide_only=True) else None

    def loc(self, node: object) -> Location:
        return Location(self.path, *self.point(node.start_mark), *self.point(node.end_mark))  # type: ignore[attr-defined]

    def point(self, mark: object) -> tuple[int, int]:
        """The 1-based line and column of a YAML mark, lines as ``lines.split_lines`` counts them."""
        if self._starts is None:
            return mark.line + 1, mark.column + 1  # type: ignore[attr-defined]
        return self.point_at(mark.index)  # type: ignore[attr-defined]

    def point_at(self, index: int) -> tuple[int, int]:
        """The 1-based line and column of an index of the source (``text``)."""
        if self._starts is None:
            self._starts = line_starts(self.text or "")
        return line_col(self._starts, index)

    def convert(self, root: object) -> Node:
        import yaml

        # an explicit stack, not recursion: deep nesting must not blow the interpreter stack
        out = Node(None, self.loc(root))
        stack: list[tuple[object, Node, int]] = [(root, out, 0)]
        while stack:
            ynode, target, depth = stack.pop()
            self.budget -= 1
            if self.budget < 0:
                raise ParseError("document too large: more than %d values, counting what YAML aliases expand to" % self.max_nodes,
                                 target.loc.line, target.loc.col)
            if depth > self.max_depth:
                raise too_deep(target.loc.line, target.loc.col)
            if self.plain_tags and getattr(ynode, "tag", None) not in _PLAIN_TAGS:
                raise ParseError(f"YAML tag {short(ynode.tag)} is not allowed here", target.loc.line, target.loc.col)  # type: ignore[attr-defined]
            if isinstance(ynode, yaml.ScalarNode):
                target.value, target.tag = _scalar(ynode)
                target.loc = self._scalar_loc(ynode)
                if getattr(ynode, "style", None) in ("|", ">") and target.tag == "str":
                    target.parts = self._block_lines(ynode)
                    if len(target.parts) == 1 and target.parts[0][0] == target.value:
                        target.loc = target.parts[0][1]  # ``KEY: >-`` and one line below: the value is that line
                target.yaml_tag = _explicit_tag(ynode)
            elif isinstance(ynode, yaml.SequenceNode):
                items = [Node(None, self.loc(child)) for child in ynode.value]
                target.value, target.tag = items, "seq"
                stack.extend((child, node, depth + 1) for child, node in zip(ynode.value, items))
            elif isinstance(ynode, yaml.MappingNode):
                mapping: dict[str, Node] = {}
                for key, child in self._pairs(ynode, target):
                    if not isinstance(key, yaml.ScalarNode):
                        raise ParseError("mapping keys must be plain values", *self.point(key.start_mark))
                    node = Node(None, self.loc(child), key_loc=self.loc(key))
                    if self.unique_keys and str(key.value) in mapping:
                        first = mapping[str(key.value)].key_loc
                        raise ParseError(f"duplicate key {short(key.value)}; first given on line {first.line}",  # type: ignore[union-attr]
                                         *self.point(key.start_mark))
                    mapping[str(key.value)] = node
                    stack.append((child, node, depth + 1))
                target.value, target.tag = mapping, "map"
        return out

    def _pairs(self, ynode: object, target: Node, depth: int = 0) -> list[tuple[object, object]]:
        """A mapping's keys and values, with YAML's merge keys resolved (``<<: *defaults``, ``<<: [*a, *b]``):
        the keys of each mapping merged in that the mapping does not write itself, the first merged
        mapping's first, each value where its anchor's mapping writes it."""
        import yaml

        own, merged = [], []
        for key, child in ynode.value:  # type: ignore[attr-defined]
            if isinstance(key, yaml.ScalarNode) and key.tag == "tag:yaml.org,2002:merge":
                for source in child.value if isinstance(child, yaml.SequenceNode) else [child]:
                    if not isinstance(source, yaml.MappingNode):
                        raise ParseError("a merge key ('<<') takes a mapping or a list of mappings",
                                         *self.point(source.start_mark))
                    if depth > self.max_depth:
                        raise too_deep(target.loc.line, target.loc.col)
                    found = self._merged.get(id(source))  # a mapping merged again and again is resolved once
                    if found is None:
                        found = self._merged[id(source)] = self._pairs(source, target, depth + 1)
                    merged += found
            else:
                own.append((key, child))
        if not merged:
            return own
        self.budget -= len(merged)  # merges expand as aliases do: counted against the same limit
        if self.budget < 0:
            raise ParseError("document too large: more than %d values, counting what YAML aliases expand to" % self.max_nodes,
                             target.loc.line, target.loc.col)
        written = {key.value for key, _ in own if isinstance(key, yaml.ScalarNode)}
        for key, child in merged:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name not in written:
                written.add(name)
                own.append((key, child))
        return own

    def _block_lines(self, ynode: object) -> tuple[tuple[str, Location], ...]:
        """A block scalar's lines of text, each where it stands, when joining them as its style does (with
        spaces for ``>``, line breaks for ``|``) gives its value: no line more indented, no blank line
        inside, written as it reads. Else none: the value is placed where it starts."""
        text, start, end = self.text, ynode.start_mark.index, ynode.end_mark.index  # type: ignore[attr-defined]
        if text is None:
            return ()
        body = text[start:end]
        first = body.find("\n")
        if first < 0:
            return ()
        out: list[tuple[str, Location]] = []
        indent = None
        at = start + first + 1
        for row in body[first + 1:].split("\n"):
            content = row.strip()
            if content:
                lead = len(row) - len(row.lstrip(" "))
                if indent is None:
                    indent = lead
                if lead != indent or row[lead:lead + 1] == "\t":
                    return ()
                line, col = self.point_at(at + lead)
                width = len(row.rstrip(" \r"))
                out.append((row[lead:width], Location(self.path, line, col, line, col + width - lead)))
            elif out:
                break  # a blank line: the value's end, or a break folded into it (checked below)
            at += len(row) + 1
        joined = (" " if ynode.style == ">" else "\n").join(t for t, _ in out)  # type: ignore[attr-defined]
        return tuple(out) if out and joined == str(ynode.value).rstrip("\n") else ()

    def _scalar_loc(self, ynode: object) -> Location:
        loc = self.loc(ynode)
        start = ynode.start_mark  # type: ignore[attr-defined]
        text, index = self.text, getattr(start, "index", None)
        if text is not None and index is not None and text[index:index + 1] in ("&", "!"):
            # the mark starts at the value's anchor or tag (``&setup 'curl ...'``): the value starts after them
            found = _PROPERTIES.match(text, index)
            if found is not None:
                loc = Location(loc.path, *self.point_at(found.end()), loc.end_line, loc.end_col)
        elif _explicit_tag(ynode) and loc.end_line == loc.line:  # the mark starts at the tag: skip it
            quotes = 2 if getattr(ynode, "style", None) in ('"', "'") else 0
            width = len(ynode.value) + quotes  # type: ignore[attr-defined]
            loc = Location(loc.path, loc.line, max(loc.col, (loc.end_col or 1) - width), loc.end_line, loc.end_col)
        if getattr(ynode, "style", None) in ('"', "'"):  # point inside the quotes
            return Location(loc.path, loc.line, loc.col + 1, loc.end_line, (loc.end_col or 2) - 1)
        return loc


# a node's properties, an anchor and a tag in either order, each followed by white space, and perhaps
# comments (``&pools # shared by the nightly jobs``, or on lines of their own before the value)
_PROPERTIES = lazy_re.compile(r"(?:[&!]\S*(?:\s+#[^\n]*)*\s*)+")


def _explicit_tag(ynode: object) -> str:
    tag = getattr(ynode, "tag", "") or ""
    return "" if tag.startswith("tag:yaml.org,2002:") else tag


_INT = lazy_re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = lazy_re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+][0-9]+)?$")


def _scalar(ynode: object) -> tuple[object, str]:
    tag, text = ynode.tag, ynode.value  # type: ignore[attr-defined]
    if tag.endswith(":null") or (tag.endswith(":str") is False and text in ("", "~", "null", "Null", "NULL") and ynode.style is None):  # type: ignore[attr-defined]
        return None, "null"
    if tag.endswith(":bool"):
        return text.lower() in ("true", "yes", "on", "y"), "bool"
    if tag.endswith(":int") and _INT.match(text):
        if len(text) > MAX_DIGITS:
            raise ParseError(f"number too long: {len(text):,} digits (at most {MAX_DIGITS:,})",
                             ynode.start_mark.line + 1, ynode.start_mark.column + 1)  # type: ignore[attr-defined]
        return int(text.replace("_", "")), "int"
    if tag.endswith(":float") and _FLOAT.match(text):
        return float(text.replace("_", "")), "float"
    if tag.endswith((":int", ":float", ":timestamp")):
        return text, tag.rsplit(":", 1)[-1]
    return text, "str"


# JSON files their tools read with comments and trailing commas: .NET's appsettings, VS Code's and Cursor's
# settings (``mcp.json``), dev containers, TypeScript's tsconfig, and any ``.jsonc``
_JSONC = lazy_re.compile(r"(^|/)(appsettings[^/]*\.json|[^/]*\.jsonc|\.vscode/[^/]+\.json|\.cursor/[^/]+\.json"
                         r"|\.devcontainer/[^/]+\.json|devcontainer\.json|tsconfig[^/]*\.json)$", re.I)


# in JSONC: a string (kept), a comment, or a comma before a closing bracket (perhaps past comments)
_JSONC_PART = lazy_re.compile(r'"(?:\\.|[^"\\\n])*"|//[^\n]*|/\*[\s\S]*?(?:\*/|\Z)'
                              r'|,(?=(?:\s|//[^\n]*|/\*[\s\S]*?\*/)*[}\]])')


def without_comments(text: str) -> str:
    """JSON with comments and trailing commas (JSONC) as plain JSON: each comment and each comma before a
    closing bracket written as spaces, every line and column where it was."""
    def blank(m: re.Match[str]) -> str:
        part = m.group()
        return part if part.startswith('"') else re.sub(r"[^\n]", " ", part)

    return _JSONC_PART.sub(blank, text) if "/" in text or "," in text else text


def from_json(text: str, path: str, unique_keys: bool = False, max_nodes: int = MAX_NODES) -> Node | None:
    """Validate with ``json`` (exact errors), then take positions from the YAML composer. A file its tool
    reads as JSONC (``_JSONC``) may hold comments and trailing commas."""
    try:
        data = _json_data(text, unique_keys)
    except ParseError:
        plain = without_comments(text) if _JSONC.search(path) else text
        if plain == text:
            raise
        text = plain
        data = _json_data(text, unique_keys)
    try:
        return from_yaml(text, path, unique_keys, max_nodes)
    except ParseError:
        # valid JSON that YAML will not read (tabs, odd escapes): positions come from the text
        return from_data(data, path, text)


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _json_data(text: str, unique_keys: bool = False) -> object:
    """``json.loads`` with every way it can fail a ``ParseError``: syntax, nesting too deep for the
    parser, a number too long to convert, and (``unique_keys``) a key given twice in one object."""
    import json

    try:
        return json.loads(text, object_pairs_hook=_unique_pairs if unique_keys else None)
    except json.JSONDecodeError as exc:
        # ``Invalid control character '\x07' at``: json puts the position after it, and says it apart
        raise ParseError(f"invalid JSON: {exc.msg.removesuffix(' at')}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise ParseError("invalid JSON: nested too deeply", *nesting_point(text)) from None
    except _DuplicateKey as exc:
        first, line, col = _second_key(text, exc.key)
        raise ParseError(f"duplicate key {short(exc.key)}" + (f"; first given on line {first}" if first else ""),
                         line, col) from None
    except ValueError as exc:  # Python's int-string conversion limit
        raise ParseError(f"invalid JSON: {_number_problem(exc)}", *_long_number(text)) from None


def _second_key(text: str, key: str) -> tuple[int, int, int]:
    """The line of a JSON key's first occurrence, and where it occurs again (``json`` does not say);
    a guess by text search, 0 and 1, 1 when the key is spelt with escapes."""
    import json

    pattern = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:")
    hits = list(itertools.islice(pattern.finditer(text), 2))
    if len(hits) < 2:
        return 0, 1, 1
    first, start = hits[0].start(), hits[1].start()
    return text.count("\n", 0, first) + 1, text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1


def _long_number(text: str) -> tuple[int, int]:
    m = re.search(r"[0-9]{%d}" % (MAX_DIGITS + 1), text)
    if m is None:
        return 1, 1
    start = m.start()
    return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1


def _number_problem(exc: ValueError) -> str:
    return f"a number is too long (more than {MAX_DIGITS:,} digits)" if "digits" in str(exc) else short(str(exc))


def documents(text: str, path: str, kind: str, unique_keys: bool = False) -> list[Node]:
    """The documents of a file by its kind (``json``, ``toml``, else a YAML stream), empty ones left
    out: the one way the document extractors parse a file."""
    if kind == "toml":
        return [from_toml(text, path)]
    if kind == "json":
        node = from_json(text, path, unique_keys=unique_keys)
        return [node] if node is not None else []
    try:
        return from_yaml_all(text, path, unique_keys=unique_keys)
    except ParseError as exc:
        error = exc  # the file as written: its error is the one to report
    plain = untemplated(text)  # a template (a Helm chart's): the YAML around its actions
    if plain is not None:
        try:
            return from_yaml_all(plain, path, unique_keys=unique_keys)
        except ParseError:
            pass
    raise error


def from_toml(text: str, path: str) -> Node:
    return from_data(_toml_data(text), path, text)


_TOML_KEY = lazy_re.compile(r"[ \t]*([A-Za-z0-9_.\"'-][^=]*?)[ \t]*=")  # the key a TOML line sets


def _first_in_table(lines: list[str], line: int, key: str) -> int | None:
    """The line before ``line``, in the same table, that sets ``key`` first (``tomllib`` does not say)."""
    first = None
    for n in range(line - 1, 0, -1):
        if lines[n - 1].lstrip().startswith("["):
            break
        found = _TOML_KEY.match(lines[n - 1])
        if found is not None and found.group(1) == key:
            first = n
    return first


def _toml_data(text: str) -> dict[str, object]:
    toml = _toml()
    if toml is None:  # pragma: no cover
        raise ParseError("TOML support needs 'tomli' on Python < 3.11")
    try:
        return toml.loads(text)
    except toml.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line, col = (int(m.group(1)), int(m.group(2))) if m else _end_of(text) if "end of document" in msg else (1, 1)
        problem = re.sub(r" \(at .*\)$", "", msg)
        lines = split_lines(text) if problem.startswith("Cannot overwrite") and m else []
        key = _TOML_KEY.match(lines[line - 1]) if 0 < line <= len(lines) else None
        if key is not None:  # ``name = "t2"`` after ``name = "t1"``: at the second key, as YAML and JSON say it
            first = _first_in_table(lines, line, key.group(1))
            raise ParseError(f"duplicate key {short(key.group(1).strip(chr(34) + chr(39)))}"
                             + (f"; first given on line {first}" if first else ""), line, key.start(1) + 1) from None
        raise ParseError("invalid TOML: " + (problem if len(problem) <= 200 else problem[:200] + "..."), line, col) from None
    except RecursionError:
        raise ParseError("invalid TOML: nested too deeply", *nesting_point(text)) from None
    except ValueError as exc:  # Python's int-string conversion limit
        raise ParseError(f"invalid TOML: {_number_problem(exc)}", *_long_number(text)) from None


def load(text: str, path: str, kind: str, max_nodes: int = MAX_NODES) -> object:
    """Plain data (dicts, lists, scalars) from a YAML, JSON or TOML text (``kind``: ``yaml``,
    ``json`` or ``toml``), under the limits client definitions are read with: at most
    ``max_nodes`` values (YAML aliases counted as expanded), nesting no deeper than
    ``limits.max_depth()``, no number longer than Python converts, no key given twice.
    Every failure is a ``ParseError`` with a short message and a position."""
    try:
        if kind == "yaml":
            root = from_yaml(text, path, unique_keys=True, max_nodes=max_nodes, plain_tags=True)
            return None if root is None else plain(root)
        data = _json_data(text, unique_keys=True) if kind == "json" else _toml_data(text)
        _check_size(data, max_nodes)
        return data
    except LimitExceeded as exc:
        raise ParseError(exc.message, exc.line, exc.col) from None


def plain(node: Node) -> object:
    """The value of a ``Node`` tree without positions."""
    if isinstance(node.value, dict):
        return {key: plain(child) for key, child in node.value.items()}
    if isinstance(node.value, list):
        return [plain(child) for child in node.value]
    return node.value


def _check_size(data: object, max_nodes: int) -> None:
    """Count values and depth of already-parsed data without recursion."""
    limit, budget = max_depth(), max_nodes
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        budget -= 1
        if budget < 0:
            raise ParseError(f"document too large: more than {max_nodes} values")
        if depth > limit:
            raise too_deep()
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def _toml():  # type: ignore[no-untyped-def]
    """The TOML parser, imported when a TOML text is first read (most runs read none)."""
    try:  # pragma: no cover - which branch runs depends on the interpreter
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            return None
    return tomllib


def from_data(data: object, path: str, text: str) -> Node:
    """A ``Node`` tree for already-parsed data, each value located by a forward text search."""
    return _TextLocator(path, text).build(data)


def _key_at(text: str, key: str, pos: int) -> int:
    """Where ``key`` is next written as a key from ``pos`` (bare or quoted, not inside a longer name,
    then ``=``, ``:`` or ``]``), or -1. Plain searches, not a pattern compiled for every key; keys
    come in document order, so the next few kilobytes are searched first, and the rest of the text
    only when the key is not there (a form never written was otherwise searched for to the end of
    the text, once per key)."""
    near = _key_in(text, key, pos, min(len(text), pos + _NEAR))
    return near if near >= 0 or pos + _NEAR >= len(text) else _key_in(text, key, pos, len(text))


_NEAR = 4096


def _key_in(text: str, key: str, pos: int, stop: int) -> int:
    best = -1
    for form in (key, f'"{key}"', f"'{key}'"):
        limit = stop if best < 0 else min(stop, best + len(form))
        idx = text.find(form, pos, limit)
        while idx >= 0:
            before = text[idx - 1] if idx else ""
            after = idx + len(form)
            while after < len(text) and text[after].isspace():
                after += 1
            inside_a_name = bool(before) and (before.isalnum() or before in "_.-")
            if not inside_a_name and text[after:after + 1] in ("=", ":", "]"):
                best = idx
                break
            idx = text.find(form, idx + 1, limit)
    return best


class _TextLocator:
    """Finds keys and values in document order; good for TOML and JSON, where order is kept."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.pos = 0
        self.budget = MAX_NODES
        self.missing: set[str] = set()  # keys not found from ``pos`` on
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def at(self, offset: int, length: int = 0) -> Location:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        end_line = bisect.bisect_right(self.line_starts, offset + length) - 1
        return Location(self.path, line + 1, offset - start + 1, end_line + 1, offset + length - self.line_starts[end_line] + 1)

    def find_key(self, key: str) -> Location | None:
        # the search only moves forward: a key not found from here is not found from further on either,
        # so it is searched for once (a table of dotted keys asked for the same missing key at every row)
        if key in self.missing:
            return None
        at = _key_at(self.text, key, self.pos)
        if at < 0:
            self.missing.add(key)
            return None
        self.pos = at
        return self.at(at, len(key))

    def find_value(self, value: object) -> Location:
        if isinstance(value, str):  # the nearest of its written forms, not the first form found further on
            hits: list[tuple[int, int, str]] = []
            for quoted in _written_forms(value):
                # only as far as the nearest form found so far: a form that is never written was
                # searched for to the end of the text, once per value
                limit = min(hits)[0] + len(quoted) if hits else len(self.text)
                idx = self.text.find(quoted, self.pos, limit)
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


_KEY_THEN_BRACKET = lazy_re.compile(r"(?:\"[^\"\n]*\"|'[^'\n]*'|[\w.-]+)\s*[=:]\s*\[")


def _written_forms(value: str) -> tuple[str, ...]:
    """The ways a string value may be written in TOML or JSON: quoted as JSON (with its non-ASCII
    characters as they are, and escaped), in single quotes, and as the start of a multi-line string.
    A value with nothing to escape (most) is quoted the same in both JSON forms: that one is searched once."""
    if value.isascii() and value.isprintable() and '"' not in value and "\\" not in value:
        return (f'"{value}"', f"'{value}'", f'"""{value}', f"'''{value}")
    return (_json_quote(value), _json_quote(value, True), f"'{value}'", f'"""{value}', f"'''{value}")


def _json_quote(value: str, ascii_only: bool = False) -> str:
    import json

    return json.dumps(value, ensure_ascii=ascii_only)
