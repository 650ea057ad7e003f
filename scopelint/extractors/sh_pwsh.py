"""PowerShell: words, hashtables and ``Invoke-RestMethod``/``Invoke-WebRequest`` calls.

``-Uri … -Method Post -Body "grant_type=…&scope=…"`` or ``-Body @{ scope = '…' }``,
``-Headers @{ Authorization = "AppKey $key" }`` and ``-SkipCertificateCheck`` become a
``Request`` for the shared emitter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .js_request import Field, Request
from .js_text import Text, form_fields, json_fields
from .sh_lexer import Builder, Op, Ref, ShLexer, Word, _matching

_VAR = re.compile(r"(?:(env|script|global|local|private|using):)?([A-Za-z_]\w*)", re.I)
_MEMBER = re.compile(r"(?:\.[A-Za-z_]\w*)+")
CMDLETS = frozenset({"invoke-restmethod", "invoke-webrequest", "irm", "iwr"})
PARAMS = ("uri", "method", "body", "headers", "skipcertificatecheck", "contenttype", "credential",
          "authentication", "usebasicparsing", "outfile", "token", "form")


class PwshLexer(ShLexer):
    STOPS = " \t\r\n;|(){},"

    def __init__(self, text: str) -> None:
        super().__init__(text, "ps")
        self.stack: list[str] = []

    def lex(self, i: int, end: int) -> None:
        s, items = self.s, self.out.items
        while i < end:
            c = s[i]
            cont = self._continuation(i)
            if cont is not None:
                i = cont
            elif c in " \t\r":
                i += 1
            elif c == "#" or s.startswith("<#", i):
                i = self._comment(i, end)
            elif s.startswith(("@{", "@("), i) or c in "\n;|(){},=":
                i = self._op(i)
            else:
                word, i = self.word(i, end)
                items.append(word)

    def _comment(self, i: int, end: int) -> int:
        s = self.s
        if s.startswith("<#", i):
            j = s.find("#>", i, end)
            j = end if j < 0 else j + 2
        else:
            j = s.find("\n", i, end)
            j = end if j < 0 else j
        self.out.comments.append((s[i:j], i))
        return max(j, i + 1)

    def _op(self, i: int) -> int:
        s = self.s
        text = s[i:i + 2] if s.startswith(("@{", "@("), i) else s[i]
        if text in ("@{", "@(", "{", "("):
            self.stack.append(text)
        elif text in ("}", ")") and self.stack:
            self.stack.pop()
        self.out.items.append(Op(text, i))
        return i + len(text)

    def word(self, i: int, end: int, spaces: bool = False) -> tuple[Word, int]:
        b, s, start = Builder(), self.s, i
        if s.startswith(('@"', "@'"), i):
            close = s.find("\n" + s[i + 1] + "@", i, end)
            close = end if close < 0 else close
            body = i + 3 if s.startswith("\n", i + 2) else i + 2
            self._expand(b, body, close) if s[i + 1] == '"' else b.text(s[body:close], body)
            return Word(b.done(), start, min(close + 3, end)), min(close + 3, end)
        while i < end:
            c = s[i]
            if not spaces and (c in self.STOPS or c == "=" and self._equals_stops(b)):
                break
            i = self.part(b, i, end)
        return Word(b.done(), start, i), i

    def _equals_stops(self, b: Builder) -> bool:
        b.flush()
        in_table = bool(self.stack) and self.stack[-1] == "@{"
        return in_table or len(b.parts) == 1 and isinstance(b.parts[0], Ref) or not b.parts

    def part(self, b: Builder, i: int, end: int) -> int:
        s, c = self.s, self.s[i]
        if c == "`" and i + 1 < end:
            b.char(s[i + 1], i + 1)
            return i + 2
        if c == "'":
            j = i + 1
            while j < end and (s[j] != "'" or s.startswith("''", j)):
                b.char(s[j], j)
                j += 2 if s.startswith("''", j) else 1
            return j + 1
        if c == '"':
            close = _dq_end(s, i + 1, end)
            self._expand(b, i + 1, close)
            return close + 1
        if c == "$":
            return self._dollar(b, i, end, member=True)
        b.char(c, i)
        return i + 1

    def _expand(self, b: Builder, i: int, end: int) -> None:
        s = self.s
        while i < end:
            c = s[i]
            if c == "`" and i + 1 < end:
                b.char(s[i + 1], i + 1)
                i += 2
            elif c == '"' and s.startswith('""', i):
                b.char('"', i + 1)
                i += 2
            elif c == "$":
                i = self._dollar(b, i, end, member=False)
            else:
                b.char(c, i)
                i += 1

    def _dollar(self, b: Builder, i: int, end: int, member: bool = False) -> int:
        s = self.s
        if s.startswith("$(", i):
            j = _matching(s, i + 1, end, "(", ")")
            self.out.subs.append((i + 2, j - 1))
            b.ref(Ref("", i, j, s[i:j]))
            return j
        if s.startswith("${", i):
            j = _matching(s, i + 1, end, "{", "}")
            b.ref(Ref(s[i + 2:j - 1], i, j, s[i:j]))
            return j
        m = _VAR.match(s, i + 1, end)
        if m is None:
            b.char("$", i)
            return i + 1
        j = m.end()
        name = m.group(2) if (m.group(1) or "").lower() != "env" else "env:" + m.group(2)
        if member and (mm := _MEMBER.match(s, j, end)):
            j, name = mm.end(), name + mm.group(0)
        b.ref(Ref(name, i, j, s[i:j]))
        return j


def _dq_end(s: str, i: int, end: int) -> int:
    while i < end:
        if s[i] == "`":
            i += 2
        elif s[i] == '"' and s.startswith('""', i):
            i += 2
        elif s[i] == '"':
            return i
        else:
            i += 1
    return end


@dataclass
class Table:
    """A hashtable literal ``@{ key = value; ... }``: lower-case key -> (key, value, key start)."""

    start: int
    entries: dict[str, tuple[str, object, int]] = field(default_factory=dict)


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


def value_at(items: list, k: int) -> tuple[object, int]:
    """A value: a word, a hashtable, or ``(...)``/``@(...)`` (None, skipped)."""
    item = items[k]
    if _is(item, "@{"):
        return table(items, k)
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
    braces separate commands too."""
    out: list[list] = []
    cur: list = []
    stack: list[str] = []
    for item in items:
        if not isinstance(item, Op):
            cur.append(item)
            continue
        t = item.text
        in_expr = any(o != "{" for o in stack)
        block = t == "{" and not in_expr
        if t in ("@{", "@(", "(", "{"):
            stack.append(t)
        elif t in ("}", ")") and stack:
            block = stack.pop() == "{" and not any(o != "{" for o in stack)
        if block or t in ("\n", ";", "|") and not in_expr:
            if cur:
                out.append(cur)
            cur = []
        else:
            cur.append(item)
    if cur:
        out.append(cur)
    return out


def _is(item: object, *texts: str) -> bool:
    return isinstance(item, Op) and item.text in texts


def invoke(words: list, at: int, resolve, tables: dict) -> Request | None:
    """``Invoke-RestMethod`` arguments (``words[at]`` is the cmdlet) as a ``Request``."""
    args: dict[str, object] = {}
    flags: dict[str, Word] = {}
    k = at + 1
    while k < len(words):
        item = words[k]
        name = _param(item)
        if name is None:
            if isinstance(item, Word) and "uri" not in args:
                args["uri"] = item
            k += 1
            continue
        if name in ("skipcertificatecheck", "usebasicparsing") or k + 1 >= len(words) or _param(words[k + 1]):
            flags[name] = item
            k += 1
            continue
        args[name], k = value_at(words, k + 1)
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
    req.body_open = not text.literal_only and not found


def _lookup(value: object, tables: dict) -> object:
    if isinstance(value, Word) and len(value.parts) == 1 and isinstance(value.parts[0], Ref):
        return tables.get(value.parts[0].name.lower(), value)
    return value


def _param(item: object) -> str | None:
    if not isinstance(item, Word) or len(item.parts) != 1 or isinstance(item.parts[0], Ref):
        return None
    text = item.parts[0].text.lower()
    if not re.fullmatch(r"-[a-z]+:?", text):
        return None
    text = text[1:].rstrip(":")
    hits = [p for p in PARAMS if p == text or len(text) >= 3 and p.startswith(text)]
    return hits[0] if hits else text


def _text(word: Word) -> str:
    return "".join(getattr(p, "text", "") for p in word.parts)
