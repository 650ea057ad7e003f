"""JavaScript and TypeScript: token requests, Celonis API paths, scope variables, secrets and
TLS switches, read from string and template literals without running or importing anything.

Minified bundles (``*.min.js``) the walk finds are passed over (one named on the command line is
read); a line over 5,000 characters (minified code) is left unread with a note, and the rest of the
file is read.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...findings import Location
from ...model import LITERAL, FileFacts, Problem
from ..recognition.source import Source, is_test_path, long_lines_left, suffix

if TYPE_CHECKING:  # the lexer and evaluator are imported when a file is read: claims() alone stays cheap
    from ..recognition.requests import Emitter
    from .evaluate import Evaluator

SUFFIXES = ("js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts", "gs")  # .gs: Google Apps Script's


def claims(path: str, explicit: bool = False) -> bool:
    """JavaScript and TypeScript, but not minified bundles and type declarations found by the walk:
    one named on the command line is read (its long lines with a note), not passed over in silence."""
    return suffix(path) in SUFFIXES and (explicit or not path.lower().endswith((".min.js", ".d.ts")))


def preload() -> None:
    """The OAuth library map, read from its data file."""
    from ..recognition.libraries import libraries

    libraries("javascript")


def extract(src: Source, facts: FileFacts) -> None:
    from ..recognition.celonis import celonis_code
    from ..recognition.requests import Emitter
    from ..recognition.text import LineIndex
    from .calls import requests
    from .evaluate import Evaluator
    from .lexer import tokenize
    from .libraries import library_requests
    from .modules import Imports, bindings
    from .sweeps import (appends, declarations, default_headers, encoded_pairs, env_defaults, helpers, members, parameters,
                         splits, tls_off, values)
    from .uses import not_used

    whole, note = long_lines_left(src, "minified code")
    if note is not None:
        facts.problems.append(note)
    text = whole.text
    toks, comments = tokenize(text)
    index = LineIndex(src.path, text)
    unclosed = getattr(comments, "unclosed", ())
    if unclosed and note is None:  # in minified code whose long lines were left out, the partner may be in one
        line = index.loc(unclosed[0], unclosed[0] + 1).line
        facts.problems.append(Problem(Location(src.path, line, 1), f"line {line}: a backtick opens a template literal "
                                      "that never closes; the file was read on past it as code", kind="skipped"))
    em = Emitter(facts, index, src.catalog)
    ev = Evaluator(toks, text)
    bound = bindings(toks)
    if bound:
        ev.imports = Imports(src.path, bound)
    declarations(ev)
    helpers(ev)
    parameters(ev)
    appends(ev)
    members(ev)
    default_headers(ev)
    em.celonis_file = "celonis" in text.lower() and celonis_code(
        (t.text for t in toks if t.kind == "id"), (t.text for t in toks if t.kind in ("str", "tpl")))
    test_file = is_test_path(src.path)
    compared, fixtures = not_used(ev, test_file)  # literals only compared (an assertion's arguments), a test's fixtures
    splits(ev, em)
    values(ev, em, compared if test_file else ())  # a test's expected values
    encoded_pairs(ev, em, compared if test_file else ())
    taken = set()
    for req in library_requests(ev):
        taken.add(req.at[1])
        em.request(req)
    for req in requests(ev):
        if not (req.grant and req.at[1] in taken):
            em.request(req)
    _literals(ev, em, compared | fixtures)
    env_defaults(ev, em)
    if facts.token_requests or facts.api_calls:
        for start, end, detail in tls_off(ev):
            em.insecure("tls-off", start, end, detail)
    for comment in comments:
        em.free_text(comment.text, comment.start)
    em.finish()
    if not facts.token_requests and "celonis" in text.lower():  # what ``unread_token_request`` looks at
        src.signs = _without_exported(ev, text)
    if ev.budget <= 0:
        facts.problems.append(Problem(Location(src.path, 1, 1), "analysis stopped early: the file is too intricate to "
                                      "read in full", kind="skipped"))


def _without_exported(ev: Evaluator, text: str) -> str:
    """Where signs of a token request no reader could read count (``Source.signs``): the text with
    each constant the file declares once and never uses itself blanked (``export const TOKEN_URL =
    "..."``, or one ``module.exports`` lists): a value for other modules to import, read where they
    use it (``modules``)."""
    toks = ev.toks
    listed = _export_lists(ev)
    uses: dict[str, int] = {}
    for i, tok in enumerate(toks):
        if tok.kind == "id" and tok.text in ev.consts and not ev.is_(i - 1, ".") and not ev.is_(i + 1, ":") \
                and i not in listed:
            uses[tok.text] = uses.get(tok.text, 0) + 1
    _template_uses(toks, ev.consts, uses)
    out = list(text)
    for name, at in ev.consts.items():
        if name in ev.ambiguous or uses.get(name, 0) > 1:  # its declaration is its one mention
            continue
        first = at - 3 if at >= 3 and toks[at - 3].kind == "id" and toks[at - 3].text in ("const", "let", "var") else at - 2
        end = ev.skip(at)
        last = toks[min(end, len(toks)) - 1]
        out[toks[max(first, 0)].start:last.end] = " " * (last.end - toks[max(first, 0)].start)
    return "".join(out)


def _template_uses(toks: list, consts: dict, uses: dict[str, int]) -> None:
    """The uses of ``consts`` in the placeholders of template literals (`` `${BASE}/oauth2/token` ``), counted
    into ``uses``: a constant used there is no value left for other modules."""
    for tok in toks:
        for part in tok.parts if tok.kind == "tpl" else ():
            if len(part) == 3:
                inner = part[0]
                for k, sub in enumerate(inner):
                    if sub.kind == "id" and sub.text in consts and not (k and inner[k - 1].text in (".", "?.")):
                        uses[sub.text] = uses.get(sub.text, 0) + 1
                _template_uses(inner, consts, uses)


def _export_lists(ev: Evaluator) -> set[int]:
    """Token indices inside ``export { A, B }`` and ``module.exports = { A, B }``: names listed there
    are handed on, not used."""
    out: set[int] = set()
    toks = ev.toks
    for i, tok in enumerate(toks):
        opens = None
        if tok.kind == "id" and tok.text == "export" and ev.is_(i + 1, "{"):
            opens = i + 1
        elif tok.kind == "id" and tok.text == "exports" and ev.is_(i + 1, "=") and ev.is_(i + 2, "{"):
            opens = i + 2
        if opens is not None:
            out.update(range(opens, ev.close(opens)))
    return out


def _literals(ev: Evaluator, em: Emitter, compared: set[int]) -> None:
    """Every string and template literal: an API path or Celonis URL, and its query secrets; a literal
    that is only compared (``compared``: an assertion's argument, a test's environment fixture) is not a
    URL in use."""
    from ..recognition.text import Text, is_celonis

    for i in ev.literals:
        tok = ev.toks[i]
        if ev.budget <= 0 or i in compared:
            continue
        text = Text.literal(tok.text, tok.start + 1) if tok.kind == "str" else ev.template(tok)
        if not text.value or len(text.value) > 2_000:
            continue
        called = em.api_call(text, None, LITERAL)  # a Celonis API's path goes to Celonis, whatever its base
        if (called or is_celonis(text)) and "/" in text.value:
            em.celonis_file = True
            em.url_checks(text)
