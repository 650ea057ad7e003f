"""PowerShell commands: hashtables and ``Invoke-RestMethod``/``Invoke-WebRequest`` calls.

``-Uri … -Method Post -Body "grant_type=…&scope=…"`` or ``-Body @{ scope = '…' }``,
``-Headers @{ Authorization = "AppKey $key" }`` and ``-SkipCertificateCheck`` become a
``Request`` for the shared emitter.
"""
from __future__ import annotations

import re

from ... import lazy_re
from ..recognition.fields import form_fields, form_open, json_fields
from ..recognition.requests import Field, Request
from ..recognition.text import Text
from .parts import Op, Ref, Word
from ...records import field, record

CMDLETS = frozenset({"invoke-restmethod", "invoke-webrequest", "irm", "iwr"})
PARAMS = ("uri", "method", "body", "headers", "skipcertificatecheck", "contenttype", "credential",
          "authentication", "usebasicparsing", "outfile", "token", "form")
_SWITCHES = frozenset({"skipcertificatecheck", "usebasicparsing"})


@record(frozen=False)
class Table:
    """A hashtable literal ``@{ key = value; ... }``: lower-case key -> (key, value, key start)."""

    start: int
    entries: dict[str, tuple[str, object, int]] = field(default_factory=dict)
    later: set[str] = field(default_factory=set)  # the keys set after it was written (``$body.scope = ...``)


def table(items: list, k: int) -> tuple[Table, int]:
    """The hashtable whose ``@{`` is ``items[k]``, and the index after its ``}``."""
    t, k = Table(items[k].start), k + 1
    while k < len(items) and not _is(items[k], "}"):
        item = items[k]
        if isinstance(item, Word) and k + 2 < len(items) and _is(items[k + 1], "="):
            value, k = value_at(items, k + 2)
            key = "".join(getattr(p, "text", "") for p in item.parts)
            t.entries[key.lower()] = (key, value, item.start)
        else:
            k += 1
    return t, k + 1


_CAST = lazy_re.compile(r"\[(?:ordered|hashtable|pscustomobject)\]", re.I)


def hashtable_at(items: list, k: int) -> tuple[Table, int] | None:
    """The hashtable written at ``items[k]`` (``@{...}``, ``[ordered]@{...}``) and the index after it."""
    if k + 1 < len(items) and _is(items[k + 1], "@{") and _CAST.fullmatch(_literal(items[k]) or ""):
        k += 1
    return table(items, k) if k < len(items) and _is(items[k], "@{") else None


def value_at(items: list, k: int) -> tuple[object, int]:
    """A value: a word, a hashtable (``[ordered]@{...}`` too), or ``(...)``/``@(...)`` (None, skipped)."""
    found = hashtable_at(items, k)
    if found is not None:
        return found
    item = items[k]
    if _is(item, "(", "@("):
        depth, start, found = 0, k, None
        while k < len(items):
            depth += _is(items[k], "(", "@(", "@{", "{") - _is(items[k], ")", "}")
            if found is None and _is(items[k], "@{"):
                found = table(items, k)[0]
            k += 1
            if depth <= 0:
                break
        first = items[start + 1] if start + 1 < len(items) else None
        if found is None and isinstance(first, Word) and len(first.parts) == 1 and isinstance(first.parts[0], Ref):
            found = first
        return found, k
    return (item, k + 1) if isinstance(item, Word) else (None, k + 1)


def commands(items: list) -> list[list]:
    """Split on newlines, ``;`` and ``|`` outside hashtables and parentheses; script-block
    braces separate commands too. A command piped into starts with its ``|``."""
    out: list[list] = []
    cur: list = []
    stack: list[str] = []
    exprs = 0  # the openers on the stack that are not script blocks: kept as a count, not searched for
    for item in items:
        if not isinstance(item, Op):
            cur.append(item)
            continue
        t = item.text
        in_expr = exprs > 0
        block = t == "{" and not in_expr
        if t in ("@{", "@(", "(", "{"):
            stack.append(t)
            exprs += t != "{"
        elif t in ("}", ")") and stack:
            opened = stack.pop()
            exprs -= opened != "{"
            block = opened == "{" and exprs == 0
        if block or t in ("\n", ";", "|") and not in_expr:
            if cur:
                out.append(cur)
            cur = [item] if t == "|" and not block else []  # a piped command starts with its ``|``
        else:
            cur.append(item)
    if cur:
        out.append(cur)
    return out


def _is(item: object, *texts: str) -> bool:
    return isinstance(item, Op) and item.text in texts


def parameters(words: list, at: int, known: tuple[str, ...], switches: frozenset[str], tables: dict
               ) -> tuple[dict[str, object], dict[str, Word], list[Word]]:
    """The arguments of the command ``words[at]``: its named parameters' values (a word, a hashtable,
    ``None`` for an expression), its switches, and its positional words. A parameter is named in full
    or by a prefix of one of ``known`` (``-Meth``); ``@name`` splats the entries of a known hashtable."""
    args: dict[str, object] = {}
    flags: dict[str, Word] = {}
    positional: list[Word] = []
    k = at + 1
    while k < len(words):
        item = words[k]
        name = _param(item, known)
        splatted = _splatted(item, tables)
        if splatted is not None:  # ``Invoke-RestMethod @params``: the hashtable's entries are the parameters
            for key, value, _ in splatted.entries.values():
                param = _param_name(key, known)
                if isinstance(value, Table) or not _true(value):
                    args[param] = value
                else:
                    flags[param] = value  # ``SkipCertificateCheck = $true``
            k += 1
            continue
        if name is None:
            if isinstance(item, Word):
                positional.append(item)
            k += 1
            continue
        if name in switches or k + 1 >= len(words) or _param(words[k + 1], known):
            flags[name] = item
            k += 1
            continue
        args[name], k = value_at(words, k + 1)
    return args, flags, positional


def invoke(words: list, at: int, resolve, tables: dict) -> Request | None:
    """``Invoke-RestMethod`` arguments (``words[at]`` is the cmdlet) as a ``Request``."""
    args, flags, positional = parameters(words, at, PARAMS, _SWITCHES, tables)
    if "uri" not in args and positional:
        args["uri"] = positional[0]
    uri = args.get("uri")
    if not isinstance(uri, Word):
        return None
    method = resolve(args["method"]).value.upper() if isinstance(args.get("method"), Word) else "GET"
    req = Request((words[at].start, words[at].end), resolve(uri), method, evidence=_text(words[at]))
    if "body" in args or "form" in args:
        _body(req, args.get("body", args.get("form")), resolve, tables)
    headers = _lookup(args.get("headers"), tables)
    if isinstance(headers, Table):
        req.headers.extend(Field(key, resolve(v) if isinstance(v, Word) else None) for key, v, _ in headers.entries.values())
    if "skipcertificatecheck" in flags:
        w = flags["skipcertificatecheck"]
        req.tls_off.append((w.start, w.end, "-SkipCertificateCheck"))
    req.basic = "credential" in args or "authentication" in args
    return req


def _body(req: Request, body: object, resolve, tables: dict) -> None:
    body = _lookup(body, tables)
    if body is None:
        req.body_open = True
        return
    if isinstance(body, Table):
        for key, value, _ in body.entries.values():
            req.fields.append(Field(key, resolve(value) if isinstance(value, Word) else None))
        return
    text: Text = resolve(body)
    found = json_fields(text) if text.value.lstrip().startswith("{") else form_fields(text)
    req.fields.extend(Field(n, v, encoded=True) for n, v, _ in found)
    req.body_open = form_open(text) if not text.value.lstrip().startswith("{") else not text.literal_only


def _lookup(value: object, tables: dict) -> object:
    if isinstance(value, Word) and len(value.parts) == 1 and isinstance(value.parts[0], Ref):
        return tables.get(value.parts[0].name.lower(), value)
    return value


def _literal(item: object) -> str | None:
    """The text of a word written as one literal piece (``-Uri``, ``@params``), else ``None``."""
    if not isinstance(item, Word) or len(item.parts) != 1 or isinstance(item.parts[0], Ref):
        return None
    return item.parts[0].text


def _param(item: object, known: tuple[str, ...]) -> str | None:
    text = (_literal(item) or "").lower()
    if not re.fullmatch(r"-[a-z]+:?", text):
        return None
    return _param_name(text[1:].rstrip(":"), known)


def _param_name(text: str, known: tuple[str, ...]) -> str:
    """A parameter's full name from a prefix (``-Uri``, ``-Meth``) or a splatted hashtable's key."""
    text = text.lower()
    hits = [p for p in known if p == text or len(text) >= 3 and p.startswith(text)]
    return hits[0] if hits else text


def _splatted(item: object, tables: dict) -> Table | None:
    """The hashtable ``@name`` splats into a call (``Invoke-RestMethod @params``), when it is known."""
    text = _literal(item)
    if text is None or not re.fullmatch(r"@[A-Za-z_]\w*", text):
        return None
    found = tables.get(text[1:].lower())
    return found if isinstance(found, Table) else None


def _true(value: object) -> bool:
    return isinstance(value, Word) and len(value.parts) == 1 and isinstance(value.parts[0], Ref) \
        and value.parts[0].name.lower() == "true"


def _text(word: Word) -> str:
    return "".join(getattr(p, "text", "") for p in word.parts)
