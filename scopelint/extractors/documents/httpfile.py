"""HTTP request files (``.http``, ``.rest``) of the VS Code REST Client and JetBrains' HTTP Client:
requests written out for a person to send, one after another, separated by ``###``.

Each request is a ``Request`` for the shared emitter, judged as a ``curl`` is: the request line
(``POST {{team}}/oauth2/token``, a line of its own ``?``/``&`` query going on), its headers up to the
first blank line, and its body (a form, several lines of one form, or JSON). A file variable
(``@clientSecret = ...``) is a setting, judged as one in an env file is, and its value stands where
``{{clientSecret}}`` is used, at its own place in the file; ``{{$dotenv NAME}}``, ``{{$processEnv
NAME}}``, a response's value (``{{login.response.body.access_token}}``) and a variable no line
defines are references whose values are unknown."""
from __future__ import annotations


from ... import lazy_re
from ...model import FileFacts
from ..recognition.fields import form_fields, form_open, json_fields
from ..recognition.requests import Emitter, Field, Request
from ..recognition.source import Source
from ..recognition.text import LineIndex, Piece, Text
from ..recognition.variables import at, celonis_context, judge, pair_words

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_VARIABLE = lazy_re.compile(r"^@([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$")
_REQUEST = lazy_re.compile(r"^(?:(" + "|".join(METHODS) + r")\s+)?(\S+)(?:\s+HTTP/[\d.]+)?\s*$")
_HEADER = lazy_re.compile(r"^([A-Za-z][\w-]*)\s*:\s?(.*?)\s*$")
_USE = lazy_re.compile(r"\{\{\s*(\$?[\w.-]+)(?:\s+([\w.-]+))?\s*\}\}")
MAX_DEPTH = 4  # variables made of variables, followed this far
MAX_PIECES = 256  # a value put together from more parts than this is no URL or form: the rest stays unknown


def extract(src: Source, facts: FileFacts) -> None:
    text = src.text
    index = LineIndex(src.path, text)
    starts = index.starts
    variables: dict[str, tuple[str, int]] = {}  # name -> (value, where it starts)
    for number, line in enumerate(src.lines):
        m = _VARIABLE.match(line)
        if m:
            variables[m.group(1)] = (m.group(2), starts[number] + m.start(2))
    context = celonis_context(pair_words((n, v) for n, (v, _) in variables.items()))
    for name, (value, start) in variables.items():
        if not _USE.search(value):
            line, col = index.pos(start)
            judge(name, value, at(src.path, line, col, line, col + len(value)), facts, context, src.catalog)
    em = Emitter(facts, index, src.catalog)
    values = _Values(variables)
    for block in _blocks(src.lines):
        req = _request(block, src.lines, starts, values)
        if req is not None:
            em.request(req)
    em.finish()


def _blocks(lines: list[str]) -> list[list[int]]:
    """The line numbers (0-based) of each request, separators, comments and JetBrains' scripts left
    out: a pre-request script (``< {% ... %}`` above the request line) and a response handler
    (``> {% ... %}`` after the body), JavaScript the client runs, no part of the request."""
    out: list[list[int]] = [[]]
    script = False
    for number, line in enumerate(lines):
        stripped = line.strip()
        if script:
            script = "%}" not in stripped
        elif stripped.startswith(("<", ">")) and stripped[1:].lstrip(">!").lstrip().startswith("{%"):
            script = "%}" not in stripped[stripped.index("{%") + 2:]
            if stripped.startswith(">"):
                out[-1].append(number)  # where the body ends
        elif stripped.startswith("###"):
            out.append([])
        elif not (stripped.startswith(("#", "//")) or _VARIABLE.match(stripped)):
            out[-1].append(number)
    return [b for b in out if b]


def _request(block: list[int], lines: list[str], starts: list[int], values: _Values) -> Request | None:
    first = next((k for k, n in enumerate(block) if lines[n].strip()), None)
    if first is None:
        return None
    number = block[first]
    m = _REQUEST.match(lines[number])
    if m is None or not (m.group(1) or m.group(2).startswith(("http", "{{"))):
        return None
    url = values.text(m.group(2), starts[number] + m.start(2))
    k = first + 1
    while k < len(block) and lines[block[k]].lstrip().startswith(("?", "&")):  # the query, a line of its own
        n = block[k]
        part = lines[n].strip()
        url = url + values.text(part, starts[n] + lines[n].index(part))
        k += 1
    req = Request((starts[number] + m.start(2), starts[number] + m.end(2)), url, (m.group(1) or "GET").upper(),
                  evidence="HTTP request file")
    while k < len(block) and lines[block[k]].strip():
        n = block[k]
        header = _HEADER.match(lines[n])
        if header:
            req.headers.append(Field(header.group(1), values.text(header.group(2), starts[n] + header.start(2))))
        k += 1
    rest = block[k:]
    end = next((i for i, n in enumerate(rest) if lines[n].lstrip().startswith(">")), len(rest))
    # the body, up to a response handler or an output redirect (``> {% ... %}``, ``> handler.js``, ``>> out.json``);
    # a line ``< ./body.json`` puts a file's content in, not known
    body_lines = [n for n in rest[:end] if lines[n].strip() and not lines[n].lstrip().startswith("<")]
    if body_lines:
        pieces = [values.text(lines[n].strip(), starts[n] + lines[n].index(lines[n].strip())) for n in body_lines]
        body = pieces[0]
        for piece in pieces[1:]:
            body = body + piece
        json_body = body.value.lstrip().startswith("{")
        found = json_fields(body) if json_body else form_fields(body)
        req.fields.extend(Field(name, value, encoded=not json_body) for name, value, _ in found)
        req.body_open = not body.literal_only if json_body else form_open(body)
    return req


class _Values:
    """The file's variables, each put together once: a variable made of itself, or of variables more
    than ``MAX_DEPTH`` deep, stays unknown."""

    def __init__(self, variables: dict[str, tuple[str, int]]) -> None:
        self.variables = variables
        self.expanded: dict[str, Text | None] = {}
        self.depth = 0

    def text(self, value: str, start: int) -> Text:
        """``value`` (written at ``start``) with each ``{{name}}`` a file variable's value, at its place."""
        pieces: list[Piece] = []
        names: set[str] = set()
        at_ = 0
        for m in _USE.finditer(value):
            if m.start() > at_:
                pieces.append(Piece(value[at_:m.start()], start + at_))
            name = m.group(1)
            inner = self.variable(name) if len(pieces) < MAX_PIECES else None
            if inner is not None:
                pieces.extend(inner.pieces)
                names |= inner.names | {name}
            else:
                ref = m.group(2) if name.startswith("$") and m.group(2) else name  # {{$dotenv NAME}}: NAME
                pieces.append(Piece(m.group(0), start + m.start(), ref, start + m.end()))
                names.add(ref)
            at_ = m.end()
        if at_ < len(value) or not pieces:
            pieces.append(Piece(value[at_:], start + at_))
        return Text(tuple(pieces), frozenset(names))

    def variable(self, name: str) -> Text | None:
        if name in self.expanded:
            return self.expanded[name]
        defined = self.variables.get(name) if not name.startswith("$") else None
        if defined is None or self.depth >= MAX_DEPTH:
            return None
        self.expanded[name] = None  # while it is put together: a use of itself is unknown
        self.depth += 1
        try:
            found = self.text(*defined)
        finally:
            self.depth -= 1
        self.expanded[name] = found if len(found.pieces) <= MAX_PIECES else None
        return self.expanded[name]
