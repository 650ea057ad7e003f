"""JavaScript and TypeScript: token requests, Celonis API paths, scope variables, secrets and
TLS switches, read from string and template literals without running or importing anything.

Minified bundles (``*.min.js``, or a line over 5,000 characters) are passed over with a note.
"""
from __future__ import annotations

from ...findings import Location
from ...model import FileFacts, Problem
from ..recognition.source import Source, is_test_path, suffix
from .calls import requests
from .evaluate import Evaluator
from .lexer import tokenize
from .uses import not_used
from ..recognition.requests import Emitter
from .sweeps import appends, declarations, env_defaults, tls_off, values
from ..recognition.text import LineIndex, Text, is_celonis

NAME = "javascript"
MARKERS = (b"oauth2", b"celonis", b"scope", b"secret", b"token", b"appkey", b"/api/", b"api_key", b"apikey",
           b"bearer", b"reject_unauthorized", b"rejectunauthorized", b"/process-analytics", b"/scim/")
SUFFIXES = ("js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts")
MAX_LINE = 5_000


def claims(path: str, explicit: bool = False) -> bool:
    return suffix(path) in SUFFIXES and not path.lower().endswith((".min.js", ".d.ts"))


def extract(src: Source, facts: FileFacts) -> None:
    long_line = next((n for n, line in enumerate(src.lines, 1) if len(line) > MAX_LINE), None)
    if long_line is not None:
        facts.problems.append(Problem(Location(src.path, long_line, 1),
                                      f"skipped: line {long_line} is over {MAX_LINE:,} characters (minified code)",
                                      kind="skipped"))
        return
    toks, comments = tokenize(src.text)
    index = LineIndex(src.path, src.text)
    em = Emitter(facts, index, src.catalog)
    ev = Evaluator(toks, src.text)
    declarations(ev)
    appends(ev)
    em.celonis_file = "celonis" in src.text.lower()
    values(ev, em)
    for req in requests(ev):
        em.request(req)
    _literals(ev, em, is_test_path(src.path))
    env_defaults(ev, em)
    if facts.token_requests or facts.api_calls:
        for start, end, detail in tls_off(ev):
            em.insecure("tls-off", start, end, detail)
    for comment in comments:
        em.free_text(comment.text, comment.start)
    em.finish()
    if ev.budget <= 0:
        facts.problems.append(Problem(Location(src.path, 1, 1), "analysis stopped early: the file is too intricate to "
                                      "read in full", kind="skipped"))


def _literals(ev: Evaluator, em: Emitter, test_file: bool) -> None:
    """Every string and template literal: an API path or Celonis URL, and its query secrets; a literal
    that is only compared (an assertion's argument, a test's environment fixture) is not a URL in use."""
    compared = not_used(ev.toks, test_file)
    for i, tok in enumerate(ev.toks):
        if tok.kind not in ("str", "tpl") or ev.budget <= 0 or i in compared:
            continue
        text = Text.literal(tok.text, tok.start + 1) if tok.kind == "str" else ev.template(tok)
        if not text.value or len(text.value) > 2_000:
            continue
        em.api_call(text, None, "string literal")
        if is_celonis(text) and "/" in text.value:
            em.celonis_file = True
            em.url_checks(text)
