"""``curl`` command lines as requests: URLs (also ``--url``), ``-X``, ``-d``/``--data*``/``-F``
fields (``scope=…``, ``grant_type=…``, ``client_secret=…``), ``-u id:secret``, ``-H`` headers,
``--oauth2-bearer`` and ``-k``/``--insecure``."""
from __future__ import annotations

from collections.abc import Callable

from ..recognition.fields import form_fields, form_open, json_fields
from ..recognition.requests import Field, Request
from ..recognition.text import Text
from .parts import Word

# options that take a value (the rest are switches)
SHORT_ARG = set("AbcCdDeEFHKmoPQrTuUwxXyYzt")
LONG_ARG = frozenset({
    "url", "request", "header", "data", "data-raw", "data-binary", "data-ascii", "data-urlencode", "form",
    "form-string", "user", "output", "write-out", "user-agent", "cookie", "cookie-jar", "connect-timeout",
    "max-time", "retry", "retry-delay", "retry-max-time", "cacert", "capath", "cert", "key", "proxy", "resolve",
    "oauth2-bearer", "json", "referer", "config", "interface", "limit-rate", "dump-header", "upload-file",
    "range", "continue-at", "max-redirs", "trace", "trace-ascii", "stderr", "ciphers", "proxy-user",
    "netrc-file", "variable", "cert-type", "key-type", "pass", "connect-to", "aws-sigv4", "create-file-mode",
    "expect100-timeout", "happy-eyeballs-timeout-ms", "keepalive-time", "local-port", "login-options",
    "mail-from", "mail-rcpt", "noproxy", "preproxy", "proxy-header", "quote", "rate", "service-name",
    "socks5", "socks5-hostname", "speed-limit", "speed-time", "tls-max", "unix-socket", "url-query",
})
DATA = {"d": "data", "F": "form"}
ENCODED = frozenset({"data", "data-raw", "data-binary", "data-ascii"})

Resolve = Callable[[Word], Text]


PROGRAMS = frozenset({"curl", "curl.exe"})


def is_curl(word: Text) -> bool:
    name = word.value.lstrip("@-+").rsplit("/", 1)[-1].lower()
    return name in PROGRAMS


def request(words: list[Word], at: int, resolve: Resolve) -> Request:
    """The request made by ``curl`` at ``words[at]`` with the arguments after it."""
    req = Request((words[at].start, words[at].end), None, None, evidence="curl")
    urls: list[Text] = []
    method, data, k = None, False, at + 1
    while k < len(words):
        word, text = words[k], resolve(words[k])
        value = text.value
        k += 1
        if value.startswith("--") and len(value) > 2:
            name = value[2:]
            if name == "insecure":
                req.tls_off.append((word.start, word.end, "curl --insecure"))
            elif name == "get":
                method = method or "GET"
            if name in LONG_ARG and k < len(words):
                arg = resolve(words[k])
                k += 1
                method, data = _option(req, urls, name, arg, method, data)
        elif value.startswith("-") and len(value) > 1 and text.pieces and text.pieces[0].ref is None:
            k, method, data = _short(req, urls, words, k, word, text, method, data, resolve)
        else:
            urls.append(text)
    req.url = urls[0] if urls else None
    req.method = method or ("POST" if data else "GET")
    return req


def _short(req: Request, urls: list[Text], words: list[Word], k: int, word: Word, text: Text,
           method: str | None, data: bool, resolve: Resolve) -> tuple[int, str | None, bool]:
    value = text.value
    for j in range(1, len(value)):
        flag = value[j]
        if flag == "k":
            req.tls_off.append((word.start, word.end, "curl -k"))
        elif flag == "G":
            method = method or "GET"
        elif flag == "I":
            method = method or "HEAD"
        if flag in SHORT_ARG:
            if j + 1 < len(value):
                arg = text.slice(j + 1, len(value))
            elif k < len(words):
                arg, k = resolve(words[k]), k + 1
            else:
                break
            long = {"X": "request", "H": "header", "u": "user", "d": "data", "F": "form"}.get(flag, flag)
            method, data = _option(req, urls, long, arg, method, data)
            break
    return k, method, data


def _option(req: Request, urls: list[Text], name: str, arg: Text, method: str | None,
            data: bool) -> tuple[str | None, bool]:
    if name == "url":
        urls.append(arg)
    elif name == "request":
        method = arg.value.upper() if arg.resolved else method
    elif name == "header":
        found = header_field(arg)
        if found is not None:
            req.headers.append(found)
    elif name == "oauth2-bearer":
        req.headers.append(Field("Authorization", Text.literal("Bearer ", None) + arg))  # type: ignore[arg-type]
    elif name == "user":
        _user(req, arg)
    elif name in ENCODED or name in ("data-urlencode", "form", "form-string", "json", "url-query"):
        data = data or name != "url-query"
        data_fields(req, name, arg)
    return method, data


def long_option(text: Text, words: list[Word], k: int, resolve: Resolve, takes: frozenset[str]
                ) -> tuple[str, Text | None, int]:
    """A ``--name`` option (``text``, its word before ``words[k]``): its name, and its value when it is one
    of ``takes`` (written after ``=``, else the next word), with where reading goes on; the value is None
    for a switch, or for an option at the end of the line."""
    name, eq, _ = text.value[2:].partition("=")
    if name not in takes:
        return name, None, k
    if eq:
        return name, text.slice(len(name) + 3, len(text.value)), k
    return (name, resolve(words[k]), k + 1) if k < len(words) else (name, None, k)


def header_field(arg: Text) -> Field | None:
    """``Name: value`` given as a header option (curl's ``-H``, wget's ``--header``), the value where it stands."""
    header, colon, _ = arg.value.partition(":")
    if not colon:
        return None
    start = len(header) + 1
    start += len(arg.value[start:]) - len(arg.value[start:].lstrip())
    return Field(header.strip(), arg.slice(start, len(arg.value)))


def _user(req: Request, arg: Text) -> None:
    req.basic = True
    user, colon, _ = arg.value.partition(":")
    if colon:
        req.fields.append(Field("--user", arg.slice(len(user) + 1, len(arg.value)), kind="client secret"))


def _reads_file(arg: Text, name: str) -> bool:
    """``-d @file``, ``-F name=@file`` or ``-F name=<file`` (a ``<placeholder>`` is not a file)."""
    value = arg.value
    if value.startswith("@"):
        return True
    eq = value.find("=")
    if name not in ("form", "form-string") or eq < 0 or value[eq + 1:eq + 2] not in ("@", "<"):
        return False
    head = arg.slice(eq + 1, eq + 2).pieces
    return not head or head[0].ref is None


def data_fields(req: Request, name: str, arg: Text) -> None:
    """The fields of a body option's value (curl's ``-d``/``--data*``/``-F``/``--json``, wget's
    ``--post-data``), as ``name`` reads it; a body read from a file is not known."""
    value = arg.value
    if _reads_file(arg, name):
        req.body_open = True
        return
    if name == "json" or value.lstrip().startswith("{"):
        found = json_fields(arg)
    elif name in ("form", "form-string", "data-urlencode"):
        key, eq, _ = value.partition("=")
        found = [(key, arg.slice(len(key) + 1, len(value)), 0)] if eq else []
    else:
        found = form_fields(arg)
    req.fields.extend(Field(n, v, encoded=name in ENCODED) for n, v, _ in found)
    if not arg.literal_only and (not found or name in ENCODED and form_open(arg)):
        req.body_open = True
