"""The secrets a run found, kept out of everything it shows. A secret is found where it is written
(``Secret.loc``); the same text may also stand in a URL, an API path or a scope the code builds with
it, and from there in a finding's message, ``suggest``'s evidence or ``review``'s tables. ``Hider``
masks each such text, in any case, wherever it is shown."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .model import FileFacts

PREFIX = 8  # a secret is looked for by its first characters: no text shorter than this is hidden
FEW = 64  # up to this many secrets, each is looked for with ``in``; past it, by their first characters


class Hider:
    """``hider(text)``: ``text`` with each found secret in it as ``***``. A few secrets are each looked for
    in the text; many are indexed by their first ``PREFIX`` characters, so that a text costs one look-up
    per character, however many secrets the run found."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.secrets = sorted({t.lower() for t in texts if len(t) >= PREFIX}, key=len, reverse=True)
        self.by_prefix: dict[str, list[str]] = {}
        for text in self.secrets:
            self.by_prefix.setdefault(text[:PREFIX], []).append(text)

    def __bool__(self) -> bool:
        return bool(self.by_prefix)

    def holds(self, text: str) -> bool:
        return self(text) != text

    def __call__(self, text: str) -> str:
        if not self.by_prefix or len(text) < PREFIX:
            return text
        lowered = text.lower()
        if len(self.secrets) <= FEW and not any(s in lowered for s in self.secrets):
            return text  # the common case: no secret in it, found at the speed of ``in``
        out: list[str] = []
        i = done = 0
        while i <= len(text) - PREFIX:
            found = next((s for s in self.by_prefix.get(lowered[i:i + PREFIX], ()) if lowered.startswith(s, i)), None)
            if found is None:
                i += 1
                continue
            out += (text[done:i], "***")
            i = done = i + len(found)
        return "".join(out) + text[done:] if out else text


def found(files: Iterable[FileFacts]) -> Hider:
    """Every secret the files hold, as its text stands at its place (a value over several lines, or
    one a variable puts in a URL, has no text of its own here)."""
    texts = []
    for facts in files:
        for s in facts.secrets:
            loc = s.loc
            if s.held or loc.end_col is None or loc.end_line not in (None, loc.line) or not 0 < loc.line <= len(facts.lines):
                continue
            texts.append(facts.lines[loc.line - 1][loc.col - 1:loc.end_col - 1].strip("'\"`"))
    return Hider(texts)


def hide_in_facts(files: Iterable[FileFacts], hider: Hider) -> None:
    """The API paths, URLs and evidence the files' facts hold, each found secret in them masked: what
    ``suggest`` and ``review`` show of a call, as a finding's message shows it."""
    if not hider:
        return
    for facts in files:
        if any(hider.holds(c.path) or hider.holds(c.evidence) for c in facts.api_calls):
            facts.api_calls = [replace(c, path=hider(c.path), evidence=hider(c.evidence)) for c in facts.api_calls]
        if any(hider.holds(c.evidence) for c in facts.unresolved_calls):
            facts.unresolved_calls = [replace(c, evidence=hider(c.evidence)) for c in facts.unresolved_calls]
        if any(r.url and hider.holds(r.url) for r in facts.token_requests):
            facts.token_requests = [replace(r, url=r.url and hider(r.url)) for r in facts.token_requests]
        if any(hider.holds(i.detail) for i in facts.insecure):
            facts.insecure = [replace(i, detail=hider(i.detail)) for i in facts.insecure]
