"""Token requests made through an OAuth client library (openid-client v5 and v6, simple-oauth2,
axios-oauth-client), read with the library map of the shared layer. A call that sends the request
takes the facts of its arguments and of the object it is called on or given: a constructor or factory
chained before it, or a constant bound to one (``const issuer = await Issuer.discover(url)``), and
the objects that one was made from (``new issuer.Client({...})``)."""
from __future__ import annotations

from collections.abc import Iterator

from ..recognition.libraries import Library, Spec, auth_style, libraries, refused_method
from ..recognition.requests import Field, Request
from ..recognition.text import Text
from .evaluate import Evaluator, Obj, Value
from .literals import Arr, join_texts

MAX_HOPS = 4
Found = dict[str, Value]


def library_requests(ev: Evaluator) -> Iterator[Request]:
    used = tuple(lib for lib in libraries("javascript")
                 if any(f'"{m}"' in ev.source or f"'{m}'" in ev.source for m in lib.modules))
    if not used:
        return
    methods = {name for lib in used for name in lib.calls}
    toks = ev.toks
    for i in range(len(toks) - 1):
        t = toks[i]
        if t.kind != "id" or t.text not in methods or not ev.is_(i + 1, "(") or ev.budget <= 0:
            continue
        if ev.is_(i - 1, "function", "async") or ev.is_(ev.close(i + 1), "{", "=>"):
            continue  # a definition, not a call
        raw = ev.args(i + 1)[0]
        args = [a for a, _ in raw]
        for lib in used:
            spec = lib.calls.get(t.text)
            if spec is None:
                continue
            found: Found = {}
            specs = [spec]
            start = i
            obj = None
            if ev.is_(i - 1, ".", "?."):
                obj, start = _receiver(ev, i - 2, lib)
            if obj is None and args and toks[i + 2].kind == "id":  # v6: clientCredentialsGrant(config, {...})
                obj = _bound(ev, toks[i + 2].text, lib, 0, i)
            if obj is not None:
                found.update(obj[0])
                specs += obj[1]
            found.update(_facts(args, spec))
            # no scope anywhere: the library's objects hold none, and the call leaves it out where it is written
            unscoped = "scope" not in found and not any("scope" in s.where for s in lib.objects.values()) \
                and _written_without(ev, raw, spec.where.get("scope", ()))
            later = list(_returned_calls(ev, start, spec)) if spec.returned else []
            for at, facts, without in later:  # getToken("studio"): each call of the function it returns sends one
                yield _request(ev, at, {**found, **facts}, specs, t.text, unscoped and without)
            if not later:
                yield _request(ev, (toks[start].start, t.end), found, specs, t.text, unscoped)
            break


def _returned_calls(ev: Evaluator, start: int, spec: Spec) -> Iterator[tuple[tuple[int, int], Found, bool]]:
    """Where the function returned by the call starting at token ``start`` is called, when the call is
    bound to a constant (``const getToken = oauth.clientCredentials(...)``), with the facts of each
    call (``spec.returned``): ``getToken("studio")``, ``await getToken()``; and whether that call
    leaves the scope out."""
    toks = ev.toks
    k = start - 1 if ev.is_(start - 1, "await") else start
    if not (ev.is_(k - 1, "=") and k >= 3 and toks[k - 2].kind == "id" and toks[k - 3].text in ("const", "let", "var")):
        return
    name = toks[k - 2].text
    returned = Spec(spec.returned or {})
    for j in range(k, len(toks) - 1):
        if toks[j].kind == "id" and toks[j].text == name and ev.is_(j + 1, "(") and not ev.is_(j - 1, ".", "?."):
            raw = ev.args(j + 1)[0]
            yield (toks[j].start, toks[j].end), _facts([a for a, _ in raw], returned), \
                _written_without(ev, raw, returned.where.get("scope", ()))


def _receiver(ev: Evaluator, j: int, lib: Library) -> tuple[tuple[Found, list[Spec]] | None, int]:
    """The object a method is called on, ending at token ``j``, and the token index it starts at."""
    toks = ev.toks
    if j < 0:
        return None, j + 2
    if ev.is_(j, ")"):
        depth, k = 0, j
        while k >= 0:
            depth += ev.is_(k, ")") - ev.is_(k, "(")
            if depth == 0:
                break
            k -= 1
        ev.budget -= j - k  # a scan back over unbalanced ")" at every call would otherwise be quadratic
        if ev.budget <= 0:
            return None, j + 2
        first = k - 1
        while first >= 2 and ev.is_(first - 1, ".") and toks[first - 2].kind == "id":
            first -= 2
        if ev.is_(first - 1, "new"):
            first -= 1
        return _object_at(ev, first, lib, 0), max(first, 0)
    if toks[j].kind == "id" and not ev.is_(j - 1, ".", "?."):
        return _bound(ev, toks[j].text, lib, 0, j), j
    return None, j + 2


def _bound(ev: Evaluator, name: str, lib: Library, hops: int, at: int) -> tuple[Found, list[Spec]] | None:
    """The object a constant used at token ``at`` is bound to (``const cc = new ClientCredentials({...})``)."""
    k = ev.declaration_before(name, at)
    if k is None or hops > MAX_HOPS:
        return None
    return _object_at(ev, k, lib, hops + 1)


def _object_at(ev: Evaluator, k: int, lib: Library, hops: int) -> tuple[Found, list[Spec]] | None:
    while ev.is_(k, "await", "new"):
        k += 1
    name, paren = ev.chain_name(k)
    if not name or not ev.is_(paren, "("):
        return None
    parts = name.split(".")
    spec = lib.objects.get(".".join(parts[-2:])) or lib.objects.get(parts[-1])
    if spec is None:
        return None
    found: Found = {}
    specs = [spec]
    if len(parts) > 1 and hops <= MAX_HOPS:  # new issuer.Client(...): what the issuer knows
        inner = _bound(ev, parts[0], lib, hops, k)
        if inner is not None:
            found.update(inner[0])
            specs += inner[1]
    found.update(_facts([a for a, _ in ev.args(paren)[0]], spec))
    return found, specs


def _facts(args: list[Value], spec: Spec) -> Found:
    first_obj = next((a for a in args if isinstance(a, Obj)), None)
    return spec.locate(lambda place: _at(args, first_obj, place))


def _at(args: list[Value], first_obj: Obj | None, place: str) -> Value:
    if place.isdigit():
        i = int(place)
        return args[i] if i < len(args) else None
    if place.startswith("@"):
        index, _, member = place[1:].partition(".")
        base = args[int(index)] if int(index) < len(args) else None
        return _member(base, member)
    return _member(first_obj, place)


def _written_without(ev: Evaluator, raw: list[tuple[Value, int]], places: tuple[str, ...]) -> bool:
    """Whether a call's arguments (``raw``: value and token index each) leave out every one of a fact's
    ``places``, as written in the call: ``getToken()``, ``getToken({})``, ``clientCredentialsGrant(config)``.
    An object held by a name may be given the member elsewhere, a spread may bring it: neither is known
    to leave it out."""
    if any(ev.is_(j, "...") for _, j in raw):
        return False
    first = next((arg for arg in raw if isinstance(arg[0], Obj)), None)
    for place in places:
        if place.isdigit() or place.startswith("@"):
            index, _, member = place.lstrip("@").partition(".")
            if int(index) >= len(raw):
                continue
            if not member or not _lacks(ev, raw[int(index)], member):
                return False
        elif first is None:
            if raw:  # an argument not written as an object may hold it
                return False
        elif not _lacks(ev, first, place):
            return False
    return True


def _lacks(ev: Evaluator, arg: tuple[Value, int], path: str) -> bool:
    """Whether an object literal written as an argument has no member at ``path`` (``a.b``)."""
    value, at = arg
    if not ev.is_(at, "{"):
        return False
    for part in path.split("."):
        if not isinstance(value, Obj) or value.open:
            return False
        entry = value.entries.get(part)
        if entry is None:
            return True
        value = entry.value
    return False


def _member(value: Value, path: str) -> Value:
    for part in path.split("."):
        if not isinstance(value, Obj):
            return None
        value = value.get(part)
    return value


def _request(ev: Evaluator, at: tuple[int, int], found: Found, specs: list[Spec], evidence: str,
             unscoped: bool = False) -> Request:
    """The token request of a library call; ``unscoped``: the call is known to send no scope."""
    url = found.get("token_url")
    host = found.get("token_host")
    if isinstance(host, Text):
        path = found.get("token_path")
        default = next((s.token_path_default for s in specs if s.token_path_default), None)
        url = host + path if isinstance(path, Text) else host + Text.literal(default, None) if default else host
    req = Request(at, url if isinstance(url, Text) else None, "POST", grant=True, evidence=evidence, library=True)
    scope = found.get("scope")
    if isinstance(scope, Arr):  # the library joins a list: with a space unless told otherwise
        separator = found.get("scope_separator", Text.literal(" ", None))
        scope = join_texts(scope, separator) if isinstance(separator, Text) and separator.literal_only else None
    if "scope" in found:
        req.fields.append(Field("scope", scope if isinstance(scope, Text) else None))
    for fact in ("grant_type", "client_secret", "client_id"):
        value = found.get(fact)
        if isinstance(value, Text):
            req.fields.append(Field(fact, value))
    req.grant_default = next((s.grant for s in specs if s.grant), None)
    grant = found.get("grant_type")
    known_grant = isinstance(grant, Text) and grant.literal_only if "grant_type" in found else req.grant_default is not None
    if "scope" not in found and not (unscoped and known_grant):
        req.body_open = True  # the scope may be set where this reading does not reach
    method = found.get("auth_method")
    style = auth_style(method.value) if isinstance(method, Text) and method.resolved else None
    if isinstance(method, Text) and method.resolved and refused_method(method.value):
        req.auth_method = method
    if style is None and "client_secret" in found:
        style = next((s.auth for s in specs if s.auth), None)
    req.auth_style = style
    return req
