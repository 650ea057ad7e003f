"""HTTP requests that workflow tools store as data: an Azure Logic Apps or Power Automate ``Http``
action, an Azure Data Factory or Synapse ``WebActivity``, an n8n ``HTTP Request`` node, a GitHub
Actions step of an HTTP request action (``uses: fjogeleit/http-request-action``, its ``with:`` inputs),
an Ansible task of the ``uri`` module, a Kestra flow's HTTP ``Request`` task. Each is one
``Request`` for the shared emitter (``recognition.requests``), which judges it as it judges a
``fetch`` or a ``curl``: a token request to a Celonis URL with the scopes of its form body, an API
call, a secret in a header or a field, certificate checks switched off.

Where each tool keeps a request's parts is data (``SHAPES``), not code. A tool's expressions
(``@{parameters('x')}``, ``@pipeline().parameters.url``, n8n's ``={{ $env.X }}``, ``${{ secrets.X }}``, Ansible's ``{{ x }}``) are references
whose values are unknown; a string with JSON escapes is not read (its characters are not where
its value's are)."""
from __future__ import annotations

import re

from ... import lazy_re
from ...located import Node
from ...model import FileFacts
from ...records import record
from ..recognition.fields import form_fields, form_open, json_fields
from ..recognition.names import flag_word
from ..recognition.requests import Emitter, Field, Request
from ..recognition.source import Source
from ..recognition.text import LineIndex, Piece, Text


@record
class Shape:
    """Where one tool keeps a request's parts, as dotted paths under the action's ``holder`` key."""

    tool: str  # for messages
    types: frozenset[str]  # the action's ``type``, lower case
    holder: str  # the key of the action's fields ("" for the action itself)
    url: tuple[str, ...]
    method: tuple[str, ...]
    body: tuple[str, ...] = ()  # a form or JSON body written as a string, or an object
    headers: tuple[str, ...] = ()  # an object of headers
    form: tuple[str, ...] = ()  # a list of ``{name, value}`` form fields
    header_list: tuple[str, ...] = ()  # a list of ``{name, value}`` headers
    tls_off: tuple[str, ...] = ()  # a flag that, true, switches certificate checks off
    uses: frozenset[str] = frozenset()  # a GitHub Actions step's action (``uses: owner/name@v2``), lower case
    modules: frozenset[str] = frozenset()  # a task's module, the key that holds its arguments (Ansible's ``uri:``)
    header_json: tuple[str, ...] = ()  # headers written as a JSON object in a string
    default_method: str | None = None  # the method when none is given
    tls_on: tuple[str, ...] = ()  # a flag that, false, switches certificate checks off
    password: tuple[str, ...] = ()  # the password of HTTP Basic authentication
    auth_type: str = ""  # where the kind of authentication is named: the password is Basic's only when it says so
    query: tuple[str, ...] = ()  # an object of the URL's query parameters


SHAPES = (
    Shape("Logic Apps Http action", frozenset({"http"}), "inputs", ("uri",), ("method",), body=("body",),
          headers=("headers",), query=("queries",), password=("authentication.password",),
          auth_type="authentication.type"),
    Shape("Data Factory Web activity", frozenset({"webactivity", "webhook"}), "typeProperties", ("url",), ("method",),
          body=("body",), headers=("headers",), tls_off=("disableCertValidation",),
          password=("authentication.password.value", "authentication.password"), auth_type="authentication.type"),
    Shape("n8n HTTP Request node", frozenset({"n8n-nodes-base.httprequest"}), "parameters", ("url",),
          ("method", "requestMethod"), body=("body",), form=("bodyParameters.parameters", "bodyParametersUi.parameter"),
          header_list=("headerParameters.parameters", "headerParametersUi.parameter"),
          tls_off=("options.allowUnauthorizedCerts", "allowUnauthorizedCerts")),
    # a workflow step that sends a request with an action's inputs (its action.yml: url, method, data, ...)
    Shape("http-request-action step", frozenset(), "with", ("url",), ("method",), body=("data",),
          header_json=("customHeaders",), tls_off=("ignoreSsl",), uses=frozenset({"fjogeleit/http-request-action"}),
          default_method="POST"),
    # a Kestra flow's HTTP request task (its fields on the task itself; ``formData`` a form)
    Shape("Kestra HTTP Request task", frozenset({"io.kestra.plugin.core.http.request", "io.kestra.plugin.fs.http.request"}),
          "", ("uri",), ("method",), body=("formData", "body"), headers=("headers",),
          tls_off=("options.ssl.insecureTrustAllCertificates", "sslOptions.insecureTrustAllCertificates"),
          default_method="GET"),
    # an Ansible task of the uri module (its arguments under the module's key)
    Shape("Ansible uri task", frozenset(), "", ("url",), ("method",), body=("body",), headers=("headers",),
          tls_on=("validate_certs",), password=("url_password", "password"),
          modules=frozenset({"uri", "ansible.builtin.uri", "ansible.legacy.uri"}), default_method="GET"),
)
_BY_TYPE = {t: shape for shape in SHAPES for t in shape.types}
_BY_USES = {u: shape for shape in SHAPES for u in shape.uses}
_BY_MODULE = {m: shape for shape in SHAPES for m in shape.modules}
# a tool's expression inside a string: ``${{ ... }}`` (GitHub Actions), ``@{...}`` (Logic Apps, Data Factory),
# ``{{ ... }}`` (n8n)
_EXPRESSION = lazy_re.compile(r"\$\{\{.*?\}\}|@\{[^{}]*\}|\{\{.*?\}\}")
_NAME = lazy_re.compile(r"[A-Za-z_][\w-]*")
_WORD = lazy_re.compile(r"\w+")  # a flag's value as written (``no``, ``false``)
MAX_ACTIONS = 2_000


def read(doc: Node, src: Source, facts: FileFacts) -> set[int]:
    """Emit the requests of the actions in ``doc``; the ids of the nodes they were read from, which
    no walk of every key should judge again."""
    done: set[int] = set()
    found = 0
    reader: _Reader | None = None
    stack = [doc]
    while stack and found < MAX_ACTIONS:
        node = stack.pop()
        if isinstance(node.value, list):
            stack.extend(reversed(node.value))
            continue
        if not isinstance(node.value, dict):
            continue
        kind, uses = node.value.get("type"), node.value.get("uses")
        shape = _BY_TYPE.get(str(kind.value).lower()) if kind is not None and kind.tag == "str" else \
            _BY_USES.get(str(uses.value).split("@", 1)[0].lower()) if uses is not None and uses.tag == "str" else None
        module = next((key for key in node.value if key in _BY_MODULE), None) if shape is None else None
        if module is not None:
            shape = _BY_MODULE[module]
        holder = None if shape is None else node.value.get(module) if module is not None else \
            node if not shape.holder else node.value.get(shape.holder)  # "": the fields are the action's own
        if shape is not None and holder is not None and isinstance(holder.value, dict):
            reader = reader or _Reader(src, facts)
            reader.action(shape, holder, done)
            found += 1
            continue
        stack.extend(reversed(list(node.value.values())))
    if reader is not None:
        reader.em.finish()
    return done


def _at(node: Node, path: str) -> Node | None:
    for key in path.split("."):
        if node is None or not isinstance(node.value, dict):
            return None
        node = node.value.get(key)
    return node


def _first(node: Node, paths: tuple[str, ...]) -> Node | None:
    found = next((found for found in (_at(node, p) for p in paths) if found is not None), None)
    return _unwrapped(found) if found is not None else None


def _unwrapped(node: Node) -> Node:
    """A value the tool saved as dynamic content (Data Factory's ``{"value": "@...", "type":
    "Expression"}``): its text."""
    kind = node.get("type") if isinstance(node.value, dict) else None
    value = node.get("value") if kind is not None else None
    if kind is not None and kind.tag == "str" and str(kind.value).lower() == "expression" and value is not None:
        return value
    return node


class _Reader:
    def __init__(self, src: Source, facts: FileFacts) -> None:
        self.src = src
        self.index = LineIndex(src.path, src.text)
        self.em = Emitter(facts, self.index, src.catalog)

    def text(self, node: Node | None) -> Text | None:
        """A string's value as located text, the tool's expressions in it as references."""
        if node is None or node.tag != "str":
            return None
        value = str(node.value)
        start = self.index.written(self.src.text, node.loc, value)
        if start is None:
            return None
        joined = _concat(value, start)
        if joined is not None:
            return joined
        if value.startswith("@") and not value.startswith("@{"):  # a whole expression: @pipeline().parameters.url
            return Text.reference(value, start, start + len(value), _named(value))
        pieces: list[Piece] = []
        names: set[str] = set()
        at = 1 if value.startswith("=") and "{{" in value else 0  # n8n's expression mode
        for m in _EXPRESSION.finditer(value):
            if m.start() > at:
                pieces.append(Piece(value[at:m.start()], start + at))
            name = _named(m.group(0))
            pieces.append(Piece(m.group(0), start + m.start(), name, start + m.end()))
            names.add(name)
            at = m.end()
        if at < len(value) or not pieces:
            pieces.append(Piece(value[at:], start + at))
        return Text(tuple(pieces), frozenset(n for n in names if n))

    def action(self, shape: Shape, holder: Node, done: set[int]) -> None:
        url_node = _first(holder, shape.url)
        url = self.text(url_node)
        if url is None or url_node is None:
            return
        method_node = _first(holder, shape.method)
        method = str(method_node.value).upper() if method_node is not None and method_node.tag == "str" else \
            shape.default_method if method_node is None else None
        req = Request(self._span(url), url, method, evidence=shape.tool)
        body = _first(holder, shape.body)
        if body is not None and body.tag == "str":
            text = self.text(body)
            if text is None or all(p.ref is not None for p in text.pieces if p.text):  # an expression: unknown
                req.body_open = True
            else:
                json_body = text.value.lstrip().startswith("{")
                found = json_fields(text) if json_body else form_fields(text)
                req.fields.extend(Field(n, v, encoded=not json_body) for n, v, _ in found)
                req.body_open = not text.literal_only if json_body else form_open(text)
            done.add(id(body))
        elif body is not None and isinstance(body.value, dict):
            # Logic Apps' form body: ``{"$content-type": ..., "$formdata": [{key, value}]}``; its ``$`` keys say how
            # the body is sent, they are no fields of it
            req.fields.extend(Field(k, self.text(v)) for k, v in body.value.items() if not k.startswith("$"))
            done.update(id(v) for k, v in body.value.items() if not k.startswith("$"))
            req.fields.extend(self._pairs(body.get("$formdata"), done))
            req.body_open = any(k.startswith("$") and k not in ("$content-type", "$formdata") for k in body.value)
        req.fields.extend(self._pairs(_first(holder, shape.form), done))
        query = _first(holder, shape.query)
        if query is not None and isinstance(query.value, dict):
            req.fields.extend(Field(k, self.text(v), query=True) for k, v in query.value.items())
            done.update(id(v) for v in query.value.values())
        headers = _first(holder, shape.headers)
        if headers is not None and isinstance(headers.value, dict):
            req.headers.extend(Field(k, self.text(_unwrapped(v))) for k, v in headers.value.items())
            done.update(id(v) for v in headers.value.values())
        req.headers.extend(self._pairs(_first(holder, shape.header_list), done))
        written = self.text(_first(holder, shape.header_json))
        if written is not None and written.value.lstrip().startswith("{"):
            req.headers.extend(Field(n, v) for n, v, _ in json_fields(written))
        for flags, off in ((shape.tls_off, True), (shape.tls_on, False)):
            flag = _first(holder, flags)
            if flag is not None:
                done.add(id(flag))  # read here, as the request's
            if flag is not None and _flag(flag) is off:
                where = self.index.offset(flag.loc.line, flag.loc.col)
                if where is not None:
                    name, word = flags[0].rsplit(".", 1)[-1], _WORD.match(self.src.text, where)
                    end = word.end() if word is not None else where + len(str(flag.value))
                    req.tls_off.append((where, end, name if off else f"{name}: {self.src.text[where:end]}"))
        kind = _first(holder, (shape.auth_type,)) if shape.auth_type else None
        password = self.text(_first(holder, shape.password)) if kind is None or str(kind.value).lower() == "basic" else None
        if password is not None:
            req.basic = True
            req.fields.append(Field("auth.password", password, kind="client secret"))
        done.add(id(url_node))
        self.em.request(req)

    def _pairs(self, items: Node | None, done: set[int]) -> list[Field]:
        """A ``[{name, value}]`` (or ``[{key, value}]``) list as fields."""
        out: list[Field] = []
        for item in items.value if items is not None and isinstance(items.value, list) else ():
            name, value = item.get("name") or item.get("key"), item.get("value")
            if name is not None and name.tag == "str" and value is not None:
                out.append(Field(str(name.value), self.text(value)))
                done.add(id(value))
        return out

    def _span(self, url: Text) -> tuple[int, int]:
        located = [p for p in url.pieces if p.start is not None]
        start = located[0].start if located else 0
        end = located[-1].source_end if located and located[-1].source_end is not None else start
        return start, end  # type: ignore[return-value]


def _flag(node: Node) -> bool | None:
    """A flag's truth as YAML or a tool writes it (``true``, ``"yes"``, ``no``), or ``None``."""
    if isinstance(node.value, bool):
        return node.value
    return flag_word(str(node.value)) if node.tag == "str" else None


def _concat(value: str, start: int) -> Text | None:
    """A Data Factory or Logic Apps ``@concat('a=', x, '&b=c')`` written at ``start``: its quoted strings
    literal text where they are written, every other argument a value not known (so is a string
    with a doubled quote, whose characters are not where its value's are). ``None`` for any other value."""
    end = len(value.rstrip()) - 1
    if not value[:8].lower() == "@concat(" or end < 8 or value[end] != ")":
        return None
    pieces: list[Piece] = []
    names: set[str] = set()
    i = 8
    while i < end:
        if value[i] in " ,\t\n":
            i += 1
            continue
        j, depth = i, 0
        while j < end and not (depth == 0 and value[j] == ","):  # the argument runs to a comma outside brackets
            if value[j] == "'":
                j = value.find("'", j + 1)
                while j >= 0 and value[j + 1:j + 2] == "'":  # a doubled quote inside the string
                    j = value.find("'", j + 2)
                if j < 0:
                    return None
            elif value[j] in "([":
                depth += 1
            elif value[j] in ")]":
                depth -= 1
            j += 1
        argument = value[i:j].rstrip()
        quoted = argument[1:-1]
        if len(argument) > 1 and argument[0] == argument[-1] == "'" and "'" not in quoted:
            pieces.append(Piece(quoted, start + i + 1))
        else:
            name = _named(argument)
            pieces.append(Piece(argument, start + i, name, start + i + len(argument)))
            names.add(name)
        i = j
    return Text(tuple(pieces), frozenset(n for n in names if n)) if pieces else None


def _named(expression: str) -> str:
    """The name an expression reads (``parameters('celonisClientSecret')``, ``$env.CELONIS_URL``): its last word."""
    quoted = re.findall(r"'([^']+)'", expression)
    if quoted:
        return quoted[-1]
    words = _NAME.findall(expression)
    return words[-1] if words else ""
