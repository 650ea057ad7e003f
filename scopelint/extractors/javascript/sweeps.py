"""Token sweeps over a JavaScript file: constant declarations, named values (object keys,
assignments) that hold secrets or Celonis scopes, environment defaults, and TLS switches."""
from __future__ import annotations

from collections.abc import Collection, Iterator

from ... import lazy_re
from ..recognition.celonis import asks_scopes, client_endpoint, configures_client, goes_elsewhere, statement_strings
from ..recognition.names import (ENDPOINT_KEYS, SETTING_NAME_KEYS, SETTING_VALUE_KEYS, endpoint_name, generic_setting,
                                 names_another, not_real_name, partner_id_name, secret_kind, uses_secret)
from .evaluate import Arr, Entry, Evaluator, Obj
from .literals import join_texts
from ..recognition.requests import Emitter, Field
from ..recognition.names import says_celonis, scope_var_name
from ..recognition.secrets import looks_like_secret, named_kind
from ..recognition.text import Text
from ..recognition.urls import url_query

_DECL = frozenset({"const", "let", "var"})
_TLS_KEYS = {"rejectUnauthorized": "false", "strictSSL": "false"}


def declarations(ev: Evaluator) -> None:
    """``const NAME = expr`` (also ``let``/``var``, with a TypeScript type): where each starts."""
    toks = ev.toks
    for i in ev.where(*_DECL):
        if i + 1 >= len(toks) or toks[i + 1].kind != "id":
            continue
        name, j = toks[i + 1].text, i + 2
        if ev.is_(j, ":"):
            j = _past_type(ev, j + 1)
        if not ev.is_(j, "="):
            continue
        if name in ev.consts:
            ev.ambiguous.add(name)
        ev.consts[name] = j + 1
        ev.declared.setdefault(name, []).append(j + 1)


# words that open a block with a parenthesised head: ``if (x) {`` is no method
_NOT_METHODS = frozenset({"if", "for", "while", "switch", "catch", "function", "return", "with", "do", "else", "typeof",
                          "await", "new", "super", "constructor"})
_MODIFIERS = frozenset({"async", "static", "public", "private", "protected", "readonly", "override"})


def helpers(ev: Evaluator) -> None:
    """Functions of the file that return one expression, by name: ``function api(path) { return
    `${BASE}/${path}`; }``, ``const api = (path) => `${BASE}/${path}```, a class method ``url(path)
    { return ...; }`` (called as ``this.url(...)`` in its class). A name defined twice is left out."""
    toks = ev.toks
    seen: set[str] = set()
    classes: list[tuple[int, int]] = []  # the token spans of class bodies
    for i in ev.where("class"):
        if toks[i].kind == "id" and ev.budget > 0:
            j = i + 1
            while j < min(len(toks), i + 40) and not ev.is_(j, "{"):
                j += 1
            if ev.is_(j, "{"):
                classes.append((j, ev.close(j)))
                if toks[i + 1].kind == "id" and not ev.is_(i - 1, "."):  # ``class Client {``: constructed as ``new Client(...)``
                    ev.class_names[j] = toks[i + 1].text
                    ev.defined[toks[i + 1].text] = ev.defined.get(toks[i + 1].text, 0) + 1
    ev.set_classes(classes)
    # where a helper may be defined: ``function``, a declaration, a name before "(" (a method)
    starts = {k - 1 for k in ev.where("(") if k > 0}.union(ev.where("function", *_DECL))
    for i in sorted(starts):
        tok = toks[i]
        if tok.kind != "id" or ev.budget <= 0:
            continue
        if tok.text == "function" and ev.at(i + 1) is not None and toks[i + 1].kind == "id" and ev.is_(i + 2, "("):
            name, opens, arrow, method = toks[i + 1].text, i + 2, False, False
        elif tok.text in _DECL and i + 3 < len(toks) and toks[i + 1].kind == "id" and ev.is_(i + 2, "="):
            j = i + 4 if toks[i + 3].text == "async" else i + 3
            if not ev.is_(j, "("):
                continue
            name, opens, arrow, method = toks[i + 1].text, j, True, False
        elif ev.is_(i + 1, "(") and tok.text not in _NOT_METHODS and tok.text not in _DECL and i > 0 \
                and (ev.is_(i - 1, "{", "}", ";") or toks[i - 1].text in _MODIFIERS):
            name, opens, arrow, method = tok.text, i + 1, False, True
        else:
            continue
        found = _helper(ev, opens, arrow)
        if name in seen:
            ev.helpers.pop(name, None)
        elif found is not None:
            ev.helpers[name] = (*found, ev.class_at(i) if method else None)
        seen.add(name)


# words before a parenthesis that opens no parameter list
_NOT_PARAMETERS = frozenset({"if", "for", "while", "switch", "catch", "with", "return", "typeof", "await", "new", "super",
                             "else", "do", "in", "of", "yield", "void", "delete"})
_ACCESS = frozenset({"public", "private", "protected", "readonly", "override"})


def parameters(ev: Evaluator) -> None:
    """Where parameters and fields hold, for names read inside a function or a class: each
    function's parameters over its body, with their defaults (``getToken(scope = "studio")``); each
    class's fields written once (``private readonly scopes = [...]``, ``constructor(private base =
    "https://...")``, one ``this.base = ...``). Run after ``helpers`` (the class spans)."""
    toks = ev.toks
    for i in ev.where("("):
        if ev.budget <= 0:
            return
        if i > 0 and toks[i - 1].text in _NOT_PARAMETERS:
            continue
        after = ev.close(i)
        j = _past_return_type(ev, after + 1) if ev.is_(after, ":") else after
        if ev.is_(j, "=>"):
            body = (j + 1, ev.close(j + 1) if ev.is_(j + 1, "{") else ev.skip(j + 1))
        elif ev.is_(j, "{") and i > 0 and toks[i - 1].kind == "id":  # ``function f(...) {``, a method ``f(...) {``
            body = (j, ev.close(j))
        else:
            continue
        constructor = toks[i - 1].text == "constructor" if i > 0 else False
        # the parameters hold over the list and the body (a parameter property is read where it is written)
        span = (toks[i].start, toks[min(body[1], len(toks)) - 1].start) if body[0] < len(toks) else (0, 0)
        ev.parameter_lists.add(i)
        owner = _function_name(ev, i)
        if constructor:  # its calls are its class's: ``new Client(...)``
            home = ev.class_at(i)
            owner = ev.class_names.get(home[0]) if home is not None else None
        elif owner is not None:
            ev.defined[owner] = ev.defined.get(owner, 0) + 1
        for position, (name, access, default, at) in enumerate(_parameter_list(ev, i + 1, after - 1)):
            if not name:
                continue
            ev.params.setdefault(name, []).append((span[0], span[1], default, (owner, position) if owner else None))
            home = ev.class_at(i) if constructor and access else None
            if home is not None:  # ``constructor(private readonly base = "...")`` is also a field: the parameter's value
                _field(ev, home[0], name, at)
    for start, end in ev.classes:
        _fields(ev, start, end)


def _function_name(ev: Evaluator, i: int) -> str | None:
    """The name the function whose parameter list opens at token ``i`` is called by: ``function
    name(``, a method ``name(``, ``const name = (`` or ``const name = async (``; ``None`` for another."""
    toks = ev.toks
    before = toks[i - 1] if i > 0 else None
    if before is None:
        return None
    if before.kind == "id" and before.text not in _NOT_PARAMETERS and before.text != "function":
        return None if before.text == "async" else before.text  # (a constructor's calls are its class's)
    j = i - 2 if before.text == "async" else i - 1
    if j >= 2 and ev.is_(j, "=") and toks[j - 1].kind == "id" and toks[j - 2].kind == "id" and toks[j - 2].text in _DECL:
        return toks[j - 1].text
    return None


def _parameter_list(ev: Evaluator, a: int, b: int) -> Iterator[tuple[str, bool, int | None, int]]:
    """(name, has an access modifier, where its default starts, its name's token) of each plain
    parameter between tokens ``a`` and ``b``, in order; a destructured or rest parameter is yielded
    with the name ``""`` (it names nothing here, but takes its place among the arguments)."""
    toks = ev.toks
    for j, end in _segments(ev, a, b):
        k, access = j, False
        while ev.is_(k, "@") and k + 1 < end:  # a decorator: ``@Inject(TOKEN) private readonly x``
            k += 2
            k = ev.close(k) if ev.is_(k, "(") else k
        while k < end and toks[k].kind == "id" and toks[k].text in _ACCESS and k + 1 < end and toks[k + 1].kind == "id":
            k, access = k + 1, True
        if k < end and toks[k].kind == "id":
            name, at, k = toks[k].text, k, k + 1
            if ev.is_(k, "?"):
                k += 1
            if ev.is_(k, ":"):
                k = _past_type(ev, k + 1)
            yield name, access, (k + 1 if ev.is_(k, "=") and k + 1 < end else None), at
        else:
            yield "", access, None, j


def _segments(ev: Evaluator, a: int, b: int) -> Iterator[tuple[int, int]]:
    """The spans of the items between tokens ``a`` and ``b`` that commas outside brackets separate
    (a parameter list's parameters)."""
    j = a
    while j < b:
        end = j
        depth = 0
        while end < b and not (depth == 0 and ev.is_(end, ",")):
            depth += ev.is_(end, "(", "[", "{", "<") - ev.is_(end, ")", "]", "}", ">")
            end += 1
        yield j, end
        j = end + 1


def _fields(ev: Evaluator, start: int, end: int) -> None:
    """The fields of the class whose body spans tokens ``start``..``end``: ``name = value`` among its
    members, ``this.name = value`` anywhere in it."""
    toks = ev.toks
    k = start + 1
    while k < end - 1 and ev.budget > 0:
        tok = toks[k]
        if ev.is_(k, "(", "[", "{"):
            k = ev.close(k)
            continue
        if tok.kind == "id" and tok.text not in _MODIFIERS and (ev.is_(k - 1, "{", ";", "}") or toks[k - 1].text in _MODIFIERS):
            j = k + 1
            if ev.is_(j, "?", "!"):
                j += 1
            if ev.is_(j, ":"):
                j = _past_type(ev, j + 1)
            if ev.is_(j, "=") and j + 1 < end:
                _field(ev, start, tok.text, j + 1)
                k = ev.skip(j + 1)
                continue
        k += 1
    ev.budget -= end - start
    for k in range(start, end - 3):
        if toks[k].kind == "id" and toks[k].text == "this" and ev.is_(k + 1, ".") and toks[k + 2].kind == "id" \
                and ev.is_(k + 3, "="):
            _field(ev, start, toks[k + 2].text, k + 4)


def _field(ev: Evaluator, klass: int, name: str, start: int | None) -> None:
    """A value written for field ``name`` of the class at ``klass``; written twice, it is not known."""
    fields = ev.fields.setdefault(klass, {})
    fields[name] = None if name in fields else start


def _past_return_type(ev: Evaluator, j: int) -> int:
    """Past a TypeScript return type, up to the body (an object type is not followed)."""
    depth, limit = 0, min(len(ev.toks), j + 40)
    while j < limit and not (depth == 0 and ev.is_(j, "=>", "{")):
        depth += ev.is_(j, "(", "[", "<") - ev.is_(j, ")", "]", ">")
        j += 1
    return j


def _helper(ev: Evaluator, opens: int, arrow: bool) -> tuple[tuple[str, ...], int] | None:
    """(parameter names, where the returned expression starts) for the function whose parameter list
    opens at ``opens``; None unless it returns one expression and defines no function inside."""
    closes = ev.close(opens) - 1
    j = closes + 1
    if ev.is_(j, ":"):  # a TypeScript return type
        j = _past_return_type(ev, j + 1)
    if not ev.is_(j, "=>" if arrow else "{"):
        return None  # a call (``step(arg, function (err) {...})``), not a function: its arguments are not read
    ev.budget -= closes - opens  # the parameter list, read item by item
    params: list[str] = []
    for k, _ in _segments(ev, opens + 1, closes):
        if ev.toks[k].kind != "id":
            return None  # ``...rest`` or a destructured parameter: what reaches a name is not known
        params.append(ev.toks[k].text)
    if arrow:
        j += 1
        if not ev.is_(j, "{"):
            return tuple(params), j
    end = ev.close(j)
    returns: list[int] = []
    k = j + 1
    for k in range(j + 1, end - 1):  # read up to the first function inside, which makes it no helper: a
        tok = ev.toks[k]             # pyramid of callbacks is read once, not once for each level around it
        if tok.text in ("function", "=>", "class", "yield"):
            returns = []
            break
        if tok.kind == "id" and tok.text == "return":
            returns.append(k)
    ev.budget -= k - j  # what was read: the file's budget bounds it
    if ev.budget <= 0 or len(returns) != 1:
        return None
    return tuple(params), returns[0] + 1


def appends(ev: Evaluator) -> None:
    """``params.append("scope", "...")`` / ``.set(...)`` on a ``URLSearchParams`` constant adds a field."""
    toks = ev.toks
    for k in ev.where("append", "set"):
        i = k - 2
        if i < 0 or k + 3 >= len(toks) or toks[i].kind != "id" or not ev.is_(i + 1, ".") \
                or not ev.is_(i + 3, "(") or toks[i + 4].kind != "str" or not ev.is_(i + 5, ","):
            continue
        target = ev.const(toks[i].text)
        if isinstance(target, Obj):
            value, end = ev.expr(i + 6)
            key = toks[i + 4]
            target.entries[key.text] = Entry(key.text, key.start + 1, value, i + 6, end)


# objects of the platform a script runs on: their members set are not an object of the file's
_GLOBALS = frozenset({"window", "document", "globalThis", "global", "self", "this", "module", "exports", "process",
                      "console", "location", "navigator", "localStorage", "sessionStorage"})
_COMPOUND = frozenset({"+", "-", "*", "/", "%", "**", "<<", ">>", "&", "|", "^"})


_HEADER_GROUPS = frozenset({"common", "get", "post", "put", "patch", "delete", "head", "options"})


def default_headers(ev: Evaluator) -> None:
    """``axios.defaults.headers.common.Authorization = ...`` (or ``["Authorization"]``, or a method's
    group, ``headers.post``), and ``api.defaults.headers.common = {...}`` on an instance: headers the
    client sends with every request (of that method), kept in ``Evaluator.default_headers``."""
    toks = ev.toks
    if "defaults" not in ev.source:
        return
    for i in ev.where("defaults"):
        if not 2 <= i < len(toks) - 4 or not ev.is_(i - 1, ".") or toks[i - 2].kind != "id" \
                or i >= 3 and ev.is_(i - 3, ".", "?.") or not ev.is_(i + 1, ".") or toks[i + 2].text != "headers":
            continue
        j, method = i + 3, None
        if ev.is_(j, ".") and j + 1 < len(toks) and toks[j + 1].text in _HEADER_GROUPS:
            method = None if toks[j + 1].text == "common" else toks[j + 1].text
            j += 2
        found = ev.default_headers.setdefault(toks[i - 2].text, [])
        if ev.is_(j, ".") and j + 2 < len(toks) and toks[j + 1].kind == "id" and ev.is_(j + 2, "="):
            found.append((method, toks[j + 1].text, j + 3))
        elif ev.is_(j, "[") and j + 3 < len(toks) and toks[j + 1].kind == "str" and ev.is_(j + 2, "]") and ev.is_(j + 3, "="):
            found.append((method, toks[j + 1].text, j + 4))
        elif ev.is_(j, "="):
            value, _ = ev.expr(j + 1)
            if isinstance(value, Obj):
                found.extend((method, key, entry.first) for key, entry in value.entries.items())


_COMPUTED = "[]"  # the key of ``obj[k] = v``: no key a literal can have, and never known


def members(ev: Evaluator) -> None:
    """``options.url = "..."`` or ``options["url"] = "..."``: a member set once, as a statement, is a key
    of the object it is set on (``Evaluator.members``, read when the object is). A member set twice,
    changed in place (``+=``) or set under a key computed (``options[k] = v``) is not known, and leaves
    the object open; members of the platform's objects, of parameters and of imports are not read."""
    toks = ev.toks
    found: dict[str, dict[str, tuple[int, int] | None]] = {}  # root -> key -> (key token, value start); None: not known
    first: dict[str, int] = {}  # root -> where a key is first set on it
    for i in range(len(toks) - 3):
        dot, key = toks[i + 1], toks[i + 2]
        if toks[i].kind != "id" or dot.kind != "punct":
            continue
        if dot.text == "[":  # ``params["scope"] = ...``: a key written as a string; ``params[k] = ...``: one not known
            close = ev.close(i + 1)
            if close >= len(toks) or not ev.is_(close, "=") or i and ev.is_(i - 1, ".", "?."):
                continue
            named = key.kind == "str" and close == i + 4
            keys = found.setdefault(toks[i].text, {})
            keys[key.text if named else _COMPUTED] = None if not named or key.text in keys else (i + 2, close + 1)
            first.setdefault(toks[i].text, toks[i].start)
            continue
        if dot.text != "." or key.kind != "id":
            continue
        before, after = toks[i - 1] if i else None, toks[i + 3]
        if before is not None and (before.text in (".", "?.") and before.kind == "punct"
                                   or before.kind == "id" and before.text in _DECL):
            continue
        root = toks[i].text
        if after.text == "=" and after.kind == "punct":  # ``==`` and ``=>`` are tokens of their own
            keys = found.setdefault(root, {})
            keys[key.text] = None if key.text in keys else (i + 2, i + 4)
            first.setdefault(root, toks[i].start)
        elif after.kind == "punct" and (after.text in ("||=", "&&=", "??=") or after.text in _COMPOUND
                                         and ev.is_(i + 4, "=") and after.end == toks[i + 4].start):
            found.setdefault(root, {})[key.text] = None
            first.setdefault(root, toks[i].start)
    imported = ev.imports.bound if ev.imports is not None else ()
    for root, keys in found.items():
        if root not in _GLOBALS and root not in ev.params and root not in imported:
            ev.members[root] = (first[root], keys)


def _past_type(ev: Evaluator, j: int) -> int:
    depth, limit = 0, j + 40
    while j < min(len(ev.toks), limit):
        t = ev.toks[j]
        if t.kind == "punct" and t.text in "([{<":
            depth += 1
        elif t.kind == "punct" and t.text in ")]}>":
            depth -= 1
        elif depth == 0 and t.kind == "punct" and t.text in ("=", ";", ","):
            return j
        j += 1
    return j


def named_values(ev: Evaluator) -> Iterator[tuple[str, int]]:
    """``(name, token index of its value)`` for object keys, assignments, ``.set("k", v)``. A key of an
    object that is itself the value of a key naming a service is named with it: ``algolia: {apiKey}``
    gives ``algolia.apiKey``, whose key is Algolia's (``names.names_another``), ``celonis: {scope}``
    ``celonis.scope``. A setting declared by its name and value (convict's ``{ env: "CELONIS_SCOPE",
    default: "studio" }``, a container's ``{ name: "CELONIS_CLIENT_SECRET", value: "..." }``, n8n's
    ``{ name: "scope", default: "..." }``) gives the value under that name."""
    toks = ev.toks
    clients = _client_objects(ev)
    opened: list[str | None] = []  # for each open bracket, the key of the object it opens, if a service's
    declared: list[dict[str, object]] = []  # for each open bracket, its ``env`` name and ``default`` value
    for i in ev.joints:
        tok = toks[i]
        if tok.text in ("{", "(", "["):
            key = toks[i - 2].text if tok.text == "{" and i >= 2 and ev.is_(i - 1, ":") \
                and toks[i - 2].kind in ("id", "str") else None
            if tok.text == "(" and i >= 1 and toks[i - 1].kind == "id":
                key = toks[i - 1].text  # a call named for a service (``docsearch({appId, apiKey})``): its arguments are its
            elif tok.text == "{" and key is None and opened and opened[-1] != _CLIENT and ev.is_(i - 1, "(", ","):
                key = opened[-1]  # an object given to such a call
            elif tok.text == "{" and i >= 2 and ev.is_(i - 1, "=") and toks[i - 2].kind == "id" \
                    and names_another(toks[i - 2].text):
                key = toks[i - 2].text  # an object held by a name or typed so (``const oktaConfig = {``, ``: OktaAuthOptions = {``)
            if i in clients or opened and opened[-1] == _CLIENT:
                opened.append(_CLIENT)  # a Celonis client's settings, and those nested in them
            else:
                opened.append(key if key is not None and (names_another(key) or says_celonis(key)) else None)
            declared.append({})
        elif tok.text in ("}", ")", "]") and opened:
            opened.pop()
            setting = declared.pop()
            if isinstance(setting.get("name"), str) and isinstance(setting.get("value"), int):
                owner = opened[-1] if opened else None
                yield (f"{owner}.{setting['name']}" if owner else setting["name"]), setting["value"]  # type: ignore[misc]
        if tok.text == ":" and i >= 2 and toks[i - 1].kind in ("id", "str") and ev.is_(i - 2, "{", ","):
            owner = opened[-1] if opened else None
            key = toks[i - 1].text
            if owner == _CLIENT and not generic_setting(key):
                owner = None  # graphScope beside a Celonis token URL is not the Celonis client's
            if declared and key in SETTING_VALUE_KEYS:
                declared[-1]["value"] = i + 1
            elif declared and key in SETTING_NAME_KEYS:
                value = toks[i + 1] if i + 1 < len(toks) else None  # a name, not a label ("OAuth2 Access Token")
                declared[-1]["name"] = value.text if value is not None and value.kind == "str" \
                    and ev.is_(i + 2, ",", "}") and _SETTING_NAME.fullmatch(value.text) else None
            yield (f"{owner}.{key}" if owner else key), i + 1
        elif tok.text == "=" and i >= 1 and toks[i - 1].kind == "id":
            typed = i >= 3 and ev.is_(i - 2, ":") and toks[i - 3].kind == "id"
            yield (toks[i - 3].text if typed else toks[i - 1].text), i + 1
        elif tok.text == "=" and i >= 3 and ev.is_(i - 1, "]") and toks[i - 2].kind == "str" and ev.is_(i - 3, "["):
            yield toks[i - 2].text, i + 1  # ``headers["Authorization"] = ...``, as ``headers.Authorization = ...``
        elif tok.text == "(" and i >= 2 and toks[i - 1].text in _SETTERS and ev.is_(i - 2, ".") \
                and i + 2 < len(toks) and toks[i + 1].kind == "str" and ev.is_(i + 2, ","):
            yield toks[i + 1].text, i + 3
        elif tok.text == "(" and i >= 2 and toks[i - 1].kind == "id" and ev.is_(i - 2, ".", "?.") \
                and secret_kind(toks[i - 1].text) and not uses_secret(toks[i - 1].text) \
                and i + 1 < len(toks) and not ev.is_(i + 1, ")") \
                and ev.is_(ev.skip(i + 1), ")"):
            # a builder's or setter's one argument (Adobe's ``.withClientSecret("...")``, ``.setClientSecret(...)``),
            # as the JVM reader reads them; a receiver named for another service makes it that service's
            receiver = toks[i - 3].text if i >= 3 and toks[i - 3].kind == "id" and names_another(toks[i - 3].text) else None
            yield (f"{receiver}.{toks[i - 1].text}" if receiver else toks[i - 1].text), i + 1


# methods that set a named value: a form's or a ``Headers``' field, a request's header (Node's
# ``ClientRequest.setHeader``, the browser's ``XMLHttpRequest.setRequestHeader``)
_SETTERS = frozenset({"set", "append", "setHeader", "setRequestHeader"})
_CLIENT = "celonis"  # the owner of the keys of an object that configures a Celonis OAuth client
_SETTING_NAME = lazy_re.compile(r"[A-Za-z_][\w.-]*")  # what names a setting: a label with spaces does not


def _client_objects(ev: Evaluator) -> set[int]:
    """The ``{`` of each object literal (or list of n8n properties) that configures a Celonis OAuth client,
    as ``celonis.configures_client`` decides on its endpoint-named entries (or an endpoint's object in
    it): ``{accessTokenUrl: "https://acme.eu-1.celonis.cloud/oauth2/token", scope: "..."}``, an Auth.js
    provider, but not an object beside another provider's token URL; its keys are that client's settings,
    named as ``celonis: {...}`` names them."""
    toks = ev.toks
    out: set[int] = set()
    if ev.imports is None and "celonis" not in ev.source.lower():
        return out  # no Celonis URL written here, nor one a value could bring from another module
    brackets: list[int] = []  # the open brackets, innermost last
    endpoints: list[list[tuple[str, str]]] = []  # for each, its endpoint-named entries: (name, URL)
    declared: list[dict[str, object]] = []  # for each, the endpoint it names and the index of its value
    for i in ev.joints:
        tok = toks[i]
        if tok.text in ("{", "[", "("):
            brackets.append(i)
            endpoints.append([])
            declared.append({})
        elif tok.text in ("}", "]", ")") and brackets:
            opener, pairs, setting = brackets.pop(), endpoints.pop(), declared.pop()
            if configures_client(pairs):
                out.add(opener)
                if brackets and ev.is_(opener - 1, ":") and toks[opener - 2].text in ENDPOINT_KEYS:
                    # Auth.js's ``token: {url}``: the provider's endpoint, so the object around it is a client too
                    endpoints[-1].append((toks[opener - 2].text, next(v for _, v in pairs if client_endpoint(v))))
            if brackets and isinstance(setting.get("name"), str) and isinstance(setting.get("value"), int):
                url = _endpoint_url(ev, setting["value"])  # type: ignore[arg-type]
                if url is not None:  # n8n's ``[{name: "accessTokenUrl", default: "https://..."}, ...]``
                    endpoints[-1].append((setting["name"], url))  # type: ignore[arg-type]
        elif tok.text == ":" and brackets and ev.is_(brackets[-1], "{") and i + 1 < len(toks) \
                and toks[i - 1].kind in ("id", "str") and ev.budget > 0:
            key = toks[i - 1].text
            if key in SETTING_VALUE_KEYS:
                declared[-1]["value"] = i + 1
            elif key in SETTING_NAME_KEYS and toks[i + 1].kind == "str" and endpoint_name(toks[i + 1].text):
                declared[-1]["name"] = toks[i + 1].text
            elif endpoint_name(key):
                url = _endpoint_url(ev, i + 1)
                if url is not None:
                    endpoints[-1].append((key, url))
    return out


def _endpoint_url(ev: Evaluator, j: int) -> str | None:
    """The URL the value at ``j`` is (also as an n8n expression, ``"=https://{{$self.team}}.eu-1.celonis.cloud/..."``),
    for ``celonis.configures_client`` to judge, or ``None`` when it is no text."""
    if ev.toks[j].kind not in ("str", "tpl", "id"):
        return None
    value, _ = ev.expr(j)
    if not isinstance(value, Text):
        return None
    return value.value[1:] if value.value.startswith("=http") else value.value


def local_text(ev: Evaluator, j: int) -> Text | None:
    """The value at ``j`` when it is a string written right there (or a default after ``??``/``||``)."""
    if j >= len(ev.toks):
        return None
    value, end = ev.expr(j)
    end = min(end, len(ev.toks))
    if not isinstance(value, Text) or not value.pieces or end <= j:
        return None
    lo, hi = ev.toks[j].start, ev.toks[end - 1].end
    if all(p.start is not None and lo <= p.start < hi for p in value.pieces if p.ref is None):
        return value
    return None


def splits(ev: Evaluator, em: Emitter) -> None:
    """Each constant the file splits on a list separator before it uses it (``SCOPES.split(",")``): a
    list of scopes, not one string with the separator in it."""
    toks = ev.toks
    for i in ev.where("split"):
        if i >= 2 and ev.is_(i - 1, ".", "?.") and ev.is_(i + 1, "(") \
                and toks[i - 2].kind == "id" and not ev.is_(i - 3, ".", "?.") and i + 3 < len(toks) \
                and toks[i + 2].kind == "str" and ev.is_(i + 3, ")"):
            value = ev.const(toks[i - 2].text)
            if isinstance(value, Text) and value.literal_only:
                em.split_on(value, toks[i + 2].text)


# calls that encode their argument in Base64, by their dotted name: the browser's, js-base64's, Apps Script's
_BASE64_CALLS = frozenset({"btoa", "window.btoa", "globalThis.btoa", "self.btoa", "Base64.encode", "base64.encode",
                           "Base64.btoa", "Utilities.base64Encode", "Utilities.base64EncodeWebSafe"})

# the first word of each of those names, and Node's ``Buffer.from(X).toString("base64")``
_BASE64_ROOTS = frozenset({n.split(".", 1)[0] for n in _BASE64_CALLS} | {"Buffer"})


def encoded_pairs(ev: Evaluator, em: Emitter, compared: Collection[int] = ()) -> None:
    """Each value the file encodes in Base64 (``btoa(X)``, ``Buffer.from(X).toString("base64")``): an
    ``id:secret`` written out there is HTTP Basic credentials (``Emitter.encoded_pair``)."""
    toks = ev.toks
    for i in ev.where(*_BASE64_ROOTS):
        tok = toks[i]
        if tok.kind != "id" or ev.is_(i - 1, ".", "?.") or ev.budget <= 0:
            continue
        name, j = ev.chain_name(i)
        if not ev.is_(j, "(") or j + 1 in compared:
            continue
        if name in _BASE64_CALLS:
            value, _ = ev.expr(j + 1)
        elif name == "Buffer.from":
            close = ev.close(j)  # .toString("base64") after it
            if not (ev.is_(close, ".") and ev.at(close + 1) is not None and toks[close + 1].text == "toString"
                    and ev.is_(close + 2, "(") and ev.at(close + 3) is not None and toks[close + 3].kind == "str"
                    and toks[close + 3].text == "base64"):
                continue
            value, _ = ev.expr(j + 1)
        else:
            continue
        if isinstance(value, Text):
            em.encoded_pair(value)


def values(ev: Evaluator, em: Emitter, compared: Collection[int] = ()) -> None:
    """Every named value: secrets, scope variables, Authorization headers, client ids. ``compared``: the
    literals a test only compares (an assertion's expected object: ``expect(c).toEqual({clientSecret:
    "..."})``), which are not where a secret is written to be used."""
    for name, j in named_values(ev):
        if ev.budget <= 0:
            return
        kind = secret_kind(name)
        if kind is None and j < len(ev.toks) and ev.toks[j].kind == "str":  # a Celonis API key by its shape
            kind = named_kind(None, ev.toks[j].text)
        if kind and j in compared:
            continue
        is_auth = name.rsplit(".", 1)[-1].lower() == "authorization"
        if endpoint_name(name):
            _endpoint_scopes(ev, em, j)
        if not (kind or is_auth or scope_var_name(name)):
            if partner_id_name(name):
                em.client_id(local_text(ev, j))
            continue
        value = local_text(ev, j)
        if kind:
            branches = _branches(ev, j)  # ``isDev ? "..." : process.env.X``: each literal it may be
            if any(looks_like_secret(b.value) for b in (*branches, *([value] if value is not None else []))) \
                    and _held_by_a_dummy(ev, j):
                continue  # ``const mockConfig = { apiKey: "..." }``: a test's made-up value, as Python's dict so held
            for branch in branches:
                em.secret_field(Field(name, branch), kind)
        elif value is None and not is_auth:
            value = _local_list(ev, j)  # ``scope: ["studio", "integration.data-pools"]``
        if value is None:
            continue
        if kind:
            em.secret_field(Field(name, value), kind)
        elif is_auth:
            em.header(Field("Authorization", value), False, goes_elsewhere(_strings_before(ev, j)))
        else:
            em.scope_var(value, says_celonis(name))


def _held_by_a_dummy(ev: Evaluator, j: int, levels: int = 4) -> bool:
    """Whether the value at ``j`` stands in an object or call held by a name that says it is no real
    one (``const mockConfig = {...}``, ``fakeCredentials: {...}``, ``createFakeClient({...})``), up to
    ``levels`` brackets out."""
    toks = ev.toks
    k = ev.enclosing(j)
    while k >= 0 and levels:
        levels -= 1
        named = k - 1 if toks[k].text == "(" else k - 2 if ev.is_(k - 1, "=", ":") else -1
        if named >= 0 and toks[named].kind in ("id", "str") and not_real_name(toks[named].text):
            return True
        k = ev.enclosing(k)
    return False


def _endpoint_scopes(ev: Evaluator, em: Emitter, j: int) -> None:
    """A Celonis token or authorization URL written with the scopes it asks for in its query
    (Auth.js's ``authorization: "https://acme.eu-1.celonis.cloud/oauth2/authorize?scope=studio"``):
    those scopes, a Celonis client's."""
    value = local_text(ev, j)
    if value is None or not asks_scopes(value.value):
        return
    found = next(((v, at) for k, v, at in url_query(value.value) if k == "scope"), None)
    if found is not None and found[0]:
        em.scope_var(value.slice(found[1], found[1] + len(found[0])), True, query=True)


def _local_list(ev: Evaluator, j: int) -> Text | None:
    """The array of strings written at ``j`` (``["studio", "audit.log:read"]``), each one scope, as the
    one list a library sends: its items joined by spaces, each where it is written."""
    if not ev.is_(j, "["):
        return None
    value, end = ev.expr(j)
    if not isinstance(value, Arr) or not value.items or end <= j:
        return None
    lo, hi = ev.toks[j].start, ev.toks[min(end, len(ev.toks)) - 1].end
    if not all(isinstance(item, Text) and item.pieces and all(p.ref is None and p.start is not None and lo <= p.start < hi
                                                               for p in item.pieces) for item in value.items):
        return None
    return join_texts(value, Text.literal(" ", None))


def _branches(ev: Evaluator, j: int) -> list[Text]:
    """The literals the branches of a conditional at ``j`` may be (``test ? "a" : b``), at its top
    level: not inside a call or object of a branch, which is another value's."""
    toks = ev.toks
    if not any(t.kind == "punct" and t.text == "?" for t in toks[j:j + 64]):
        return []
    _, end = ev.expr(j)
    out: list[Text] = []
    depth = 0
    for k in range(j, min(end, len(toks))):
        tok = toks[k]
        if tok.kind == "punct" and tok.text in ("(", "[", "{"):
            depth += 1
        elif tok.kind == "punct" and tok.text in (")", "]", "}"):
            depth -= 1
        elif depth == 0 and tok.kind in ("str", "tpl") and ev.is_(k - 1, "?", ":") and (k + 1 >= end or ev.is_(k + 1, ":")):
            branch = local_text(ev, k)
            if branch is not None:
                out.append(branch)
    return out


def _strings_before(ev: Evaluator, j: int) -> list[str]:
    """The string literals before token ``j`` in its statement, nearest first."""
    return statement_strings(ev.toks, j, ev.source, lambda t: t.text if t.kind in ("str", "tpl") else None)


def env_defaults(ev: Evaluator, em: Emitter) -> None:
    """``process.env.CELONIS_OAUTH_SCOPE ?? "..."`` (or ``||``): the default is a requested scope;
    the default of a secret-named variable is a hard-coded secret."""
    toks = ev.toks
    for i in ev.where("??", "||"):
        if i < 3:
            continue
        if toks[i - 1].kind == "id" and ev.is_(i - 2, ".") and ev.is_(i - 3, "env"):
            name = toks[i - 1].text
        elif ev.is_(i - 1, "]") and toks[i - 2].kind == "str" and ev.is_(i - 3, "[") and ev.is_(i - 4, "env"):
            name = toks[i - 2].text
        else:
            continue
        if scope_var_name(name):
            value, _ = ev.expr(i + 1)
            if isinstance(value, Text):
                em.scope_var(value, says_celonis(name))
        elif secret_kind(name):
            value = local_text(ev, i + 1)
            if value is not None:
                em.secret_field(Field(name, value))
    for i in ev.where("?"):  # ``dev ? "..." : process.env.CELONIS_API_KEY``, either way round
        if ev.budget <= 0:
            break
        if i + 2 < len(toks) and toks[i + 1].kind == "str" and ev.is_(i + 2, ":"):
            literal, read = i + 1, i + 3
        else:
            _, end = ev.chain_name(i + 1)
            literal, read = end + 1, i + 1
            if not ev.is_(end, ":") or literal >= len(toks) or ev.is_(literal + 1, *_CONTINUED):
                continue  # the literal is a branch whole, not the start of one (``: "https://" + host``)
        name, end = ev.chain_name(read)
        head, _, var = name.rpartition(".")
        if toks[literal].kind == "str" and head.rpartition(".")[2] == "env" and secret_kind(var) \
                and not ev.is_(end, "(", "[", *_CONTINUED):
            value = local_text(ev, literal)
            if value is not None:
                em.secret_field(Field(var, value))


# marks after a value that make it part of a larger expression
_CONTINUED = ("+", ".", "?.", "[", "(", "??", "||", "&&", "?")


def tls_off(ev: Evaluator) -> Iterator[tuple[int, int, str]]:
    """``rejectUnauthorized: false`` and ``NODE_TLS_REJECT_UNAUTHORIZED = "0"``."""
    toks = ev.toks
    for i, tok in enumerate(toks):
        if tok.text in _TLS_KEYS and tok.kind in ("id", "str") and ev.is_(i + 1, ":") and ev.is_(i + 2, "false"):
            yield tok.start, toks[i + 2].end, f"{tok.text}: false"
        elif tok.text == "NODE_TLS_REJECT_UNAUTHORIZED" and tok.kind in ("id", "str"):
            k = i + 1 + ev.is_(i + 1, "]")
            if ev.is_(k, "=") and k + 1 < len(toks) and toks[k + 1].text == "0":
                yield tok.start, toks[k + 1].end, "NODE_TLS_REJECT_UNAUTHORIZED=0"
