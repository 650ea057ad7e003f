"""HTTPie (``http``, ``https``) and xh (``xh``, ``xhs``) command lines as requests:
``[METHOD] URL [ITEM...]``, each item a header (``Name:value``), a query parameter (``name==value``),
a body field (``name=value``, a string; ``name:=json``, raw JSON) or a file (``name@path``,
``name=@path``, ``name:=@path``); ``-a``/``--auth user:password`` as Basic credentials (unless
``--auth-type`` names another scheme), ``--verify=no`` (xh's ``--verify no``) and ``--ignore-stdin``
and the like as switches. Without a method, a request with a body field is a POST. A URL without a
scheme (``example.org/x``, ``:8080/x``) takes the tool's: ``http://`` for ``http`` and ``xh``,
``https://`` for ``https`` and ``xhs`` (``--default-scheme``, xh's ``--https``, say otherwise)."""
from __future__ import annotations


from ... import lazy_re
from ..recognition.requests import Field, Request
from ..recognition.text import Piece, Text
from .curl import Resolve, header_field, long_option
from .parts import Word
from .shells import program

PROGRAMS = frozenset({"http", "https", "xh", "xhs", "http.exe", "xh.exe"})
# options that take a value (the rest are switches)
_LONG_ARG = frozenset({
    "auth", "auth-type", "verify", "cert", "cert-key", "cert-key-pass", "output", "session", "session-read-only",
    "timeout", "proxy", "max-redirects", "style", "print", "pretty", "format-options", "response-charset",
    "response-mime", "ssl", "ciphers", "default-scheme", "boundary", "max-headers", "chunk-size", "unix-socket",
    "resolve", "interface", "http-version", "bearer", "raw", "history-print",
})
_SHORT_ARG = frozenset("aAopPs")
_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
# an item's separator, the first one in it: a file's, raw JSON's, a query parameter's, a field's, a header's
_SEPARATOR = lazy_re.compile(r":=@|=@|==|:=|@|=|:")


def is_httpie(word: Text) -> bool:
    return program(word.value).lower() in PROGRAMS


def request(words: list[Word], at: int, resolve: Resolve) -> Request:
    """The request made by HTTPie (or xh) at ``words[at]`` with the arguments after it."""
    tool = program(resolve(words[at]).value)
    req = Request((words[at].start, words[at].end), None, None, evidence=tool)
    scheme: str | None = None  # ``--default-scheme``
    method: str | None = None
    auth: Text | None = None
    basic, body, k = True, False, at + 1
    while k < len(words):
        word, text = words[k], resolve(words[k])
        value = text.value
        k += 1
        option = value.startswith("-") and len(value) > 1 and bool(text.pieces) and text.pieces[0].ref is None
        if option and value.startswith("--"):
            name, arg, k = long_option(text, words, k, resolve, _LONG_ARG)
            if name == "https" and tool.lower().startswith("xh"):  # xh's switch: HTTPS where no scheme is written
                scheme = "https"
            elif arg is not None and name == "default-scheme":
                scheme = arg.value if arg.literal_only else ""
            elif arg is not None:
                auth, basic = _option(req, name, arg, word, auth, basic)
        elif option:
            flag = value[-1]
            if flag in _SHORT_ARG and k < len(words):
                arg, k = resolve(words[k]), k + 1
                auth, basic = _option(req, {"a": "auth", "A": "auth-type"}.get(flag, flag), arg, word, auth, basic)
        elif req.url is None and method is None and text.literal_only and value.upper() in _METHODS \
                and value in (value.upper(), value.lower()):  # either tool takes ``post`` as ``POST``
            method = value.upper()
        elif req.url is None:
            req.url = text if "://" in value else _schemed(text, tool, scheme)
            if req.url is None:
                return req  # what it starts with is not known: a scheme, perhaps
        else:
            body = _item(req, text) or body
    if auth is not None and basic:
        user, colon, _ = auth.value.partition(":")
        req.basic = True
        if colon:
            req.fields.append(Field("--auth", auth.slice(len(user) + 1, len(auth.value)), kind="client secret"))
    req.method = method or ("POST" if body else "GET")
    return req


def _schemed(url: Text, tool: str, scheme: str | None) -> Text | None:
    """A URL written without a scheme, with the one the tool puts in: ``https://`` for ``https`` and
    ``xhs``, else ``http://`` (or ``--default-scheme``); ``:3000/path`` is ``http://localhost:3000/path``.
    The scheme has no place in the source: a finding on it stands where the URL does. None when the URL
    starts with a value not known (it may hold a scheme), or the scheme given is not known."""
    if not url.pieces or url.pieces[0].ref is not None or not url.value or scheme == "":
        return None
    if scheme is None:
        scheme = "https" if tool.lower().removesuffix(".exe") in ("https", "xhs") else "http"
    head = f"{scheme}://" + ("localhost" if url.value.startswith(":") else "")
    return Text((Piece("", url.pieces[0].start), Piece(head, None)) + url.pieces, url.names)


def _option(req: Request, name: str, arg: Text, word: Word, auth: Text | None, basic: bool
            ) -> tuple[Text | None, bool]:
    if name == "auth":
        auth = arg
    elif name == "auth-type":
        basic = arg.value.lower() == "basic"
    elif name == "verify" and arg.value.lower() in ("no", "false"):
        req.tls_off.append((word.start, word.end, "--verify=no"))
    return auth, basic


def _item(req: Request, text: Text) -> bool:
    """One request item: a header, a query parameter, a body field; whether it puts something in the body."""
    m = _SEPARATOR.search(text.value)
    if m is None or m.start() == 0 or any(p.ref is not None for p in text.slice(0, m.end()).pieces):
        return False
    name, separator = text.value[:m.start()], m.group(0)
    if separator == ":":
        found = header_field(text)
        if found is not None:
            req.headers.append(found)
        return False
    if "@" in separator:
        req.body_open = True
        return True
    value = text.slice(m.end(), len(text.value))
    if separator == "==":
        req.fields.append(Field(name, value, query=True))
        return False
    req.fields.append(Field(name, value))
    return True
