"""``wget`` command lines as requests (busybox and Alpine images carry wget, not curl): URLs,
``--method``, ``--post-data``/``--body-data`` fields, ``--header``, ``--user``/``--password`` (and
``--http-user``/``--http-password``) as Basic credentials, ``--no-check-certificate``, ``--spider`` (a
HEAD request). An option's
value is the next word or follows ``=`` (``--post-data='grant_type=...'``). A body read from a file
(``--post-file``, ``--body-file``) is not known."""
from __future__ import annotations

from ..recognition.requests import Field, Request
from ..recognition.text import Text
from .curl import Resolve, data_fields, header_field, long_option
from .parts import Word

# options that take a value (the rest are switches); short ones as wget spells them
# (-F, --force-html, is a switch, and so are -nv and -nc, written as one)
SHORT_ARG = frozenset("OoaiBtTwPUeQlADRXI")
LONG_ARG = frozenset({
    "post-data", "body-data", "post-file", "body-file", "method", "header", "user", "password", "http-user",
    "http-password", "output-document", "output-file", "append-output", "input-file", "base", "tries", "timeout",
    "wait", "directory-prefix", "user-agent", "execute", "quota", "level", "accept", "reject", "domains",
    "exclude-directories", "include-directories", "referer", "load-cookies", "save-cookies", "ca-certificate",
    "ca-directory", "certificate", "private-key", "certificate-type", "private-key-type", "dns-timeout",
    "connect-timeout", "read-timeout", "limit-rate", "bind-address", "proxy-user", "proxy-password",
    "secure-protocol", "ciphers", "local-encoding", "remote-encoding", "config", "waitretry", "retry-on-http-error",
})
_BODY_FILES = frozenset({"post-file", "body-file"})
_PASSWORDS = frozenset({"password", "http-password"})


PROGRAMS = frozenset({"wget", "wget.exe"})


def is_wget(word: Text) -> bool:
    return word.value.rsplit("/", 1)[-1].lower() in PROGRAMS


def request(words: list[Word], at: int, resolve: Resolve) -> Request:
    """The request made by ``wget`` at ``words[at]`` with the arguments after it."""
    req = Request((words[at].start, words[at].end), None, None, evidence="wget")
    urls: list[Text] = []
    method, data, k = None, False, at + 1
    while k < len(words):
        word, text = words[k], resolve(words[k])
        value = text.value
        k += 1
        if value.startswith("--") and len(value) > 2 and text.pieces and text.pieces[0].ref is None:
            name, arg, k = long_option(text, words, k, resolve, LONG_ARG)
            if name == "no-check-certificate":
                req.tls_off.append((word.start, word.end, "wget --no-check-certificate"))
            elif name == "spider":  # whether the page is there: no body is sent or read
                method = method or "HEAD"
            if arg is not None:
                method, data = _option(req, name, arg, method, data)
        elif value.startswith("-") and len(value) > 1 and text.pieces and text.pieces[0].ref is None:
            for j in range(1, len(value)):  # a cluster of switches, the last one perhaps taking a value (-qO-)
                if value[j] in SHORT_ARG:
                    if j + 1 == len(value) and k < len(words):
                        k += 1
                    break
        else:
            urls.append(text)
    req.url = urls[0] if urls else None
    req.method = method or ("POST" if data else "GET")
    return req


def _option(req: Request, name: str, arg: Text, method: str | None, data: bool) -> tuple[str | None, bool]:
    if name == "method":
        method = arg.value.upper() if arg.resolved else method
    elif name == "header":
        found = header_field(arg)
        if found is not None:
            req.headers.append(found)
    elif name in ("user", "http-user"):
        req.basic = True
    elif name in _PASSWORDS:
        req.basic = True
        req.fields.append(Field("--password", arg, kind="client secret"))
    elif name in _BODY_FILES:
        req.body_open, data = True, True
    elif name in ("post-data", "body-data"):
        data = True
        data_fields(req, "data", arg)
    return method, data
