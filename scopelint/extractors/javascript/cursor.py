"""A cursor over JavaScript tokens with a work budget: bracket matching and recovery."""
from __future__ import annotations

from .lexer import Tok


class Cursor:
    def __init__(self, toks: list[Tok]) -> None:
        self.toks = toks
        # each token's text where it is a word or a mark (``None`` for a literal): what ``is_`` asks, in one look
        self.words = [t.text if t.kind == "id" or t.kind == "punct" else None for t in toks]
        self._size = len(toks)
        self._where: dict[str, list[int]] | None = None  # each word's and mark's indices (``where``)
        self._joints: list[int] | None = None
        self._literals: list[int] | None = None
        self.budget = 40 * len(toks) + 10_000  # tokens the analysis may visit, in all
        self._partners: dict[int, int] | None = None  # opening bracket -> its closing one, found in one pass
        self._enclosing: list[int] | None = None  # each token's innermost opening bracket around it (-1: none)

    def at(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def is_(self, i: int, *texts: str) -> bool:
        """Whether token ``i`` is one of the words or marks ``texts`` (a literal with that text is not)."""
        return 0 <= i < self._size and self.words[i] in texts  # asked for every token, often several times

    def where(self, *texts: str) -> list[int]:
        """The indices of the words or marks ``texts``, in order: where a sweep that starts at one of
        them need look. Every word and mark of the file is listed in one pass, when first asked."""
        if self._where is None:
            index: dict[str, list[int]] = {}
            for i, word in enumerate(self.words):
                if word is not None:
                    at = index.get(word)
                    if at is None:
                        index[word] = [i]
                    else:
                        at.append(i)
            self._where = index
        if len(texts) == 1:
            return self._where.get(texts[0], [])
        return sorted(i for text in texts for i in self._where.get(text, ()))

    @property
    def joints(self) -> list[int]:
        """The indices of the brackets, ``:`` and ``=``, in order: what a sweep of objects, calls and
        assignments visits (three marks in five of a file are one of these)."""
        if self._joints is None:
            self._joints = self.where("(", "[", "{", ")", "]", "}", ":", "=")
        return self._joints

    @property
    def literals(self) -> list[int]:
        """The indices of the string and template literals, in order."""
        if self._literals is None:
            self._literals = [i for i, t in enumerate(self.toks) if t.kind == "str" or t.kind == "tpl"]
        return self._literals

    def skip(self, i: int) -> int:
        """Past one balanced expression: to the next stop token at depth 0."""
        depth = 0
        start = i
        while i < len(self.toks):
            t = self.toks[i]
            if t.kind == "punct":
                if t.text in "([{":
                    depth += 1
                elif t.text in ")]}":
                    if depth == 0:
                        break
                    depth -= 1
                elif depth == 0 and t.text in (",", ";"):
                    break
            i += 1
        self.budget -= i - start
        return i

    def close(self, i: int) -> int:
        """From an opening bracket at ``i`` to the index after its partner (the end, unclosed). The
        partners are found once per file, so a look-up costs one step of the budget, whatever the span:
        charged the tokens a scan would visit, a pyramid of nested callbacks (each level's body looked
        past by each level around it) spent the file's budget before any literal was read."""
        toks = self.toks
        if 0 <= i < len(toks) and toks[i].kind == "punct" and toks[i].text in "([{":
            partners = self._partners
            if partners is None:
                partners = self._partners = self._pair()
            self.budget -= 1
            return partners.get(i, len(toks) - 1) + 1
        depth = 0
        start = i
        while i < len(self.toks):
            t = self.toks[i]
            if t.kind == "punct" and t.text in "([{":
                depth += 1
            elif t.kind == "punct" and t.text in ")]}":
                depth -= 1
                if depth <= 0:
                    i += 1
                    break
            i += 1
        self.budget -= i - start
        return i

    def enclosing(self, i: int) -> int:
        """The innermost opening bracket token ``i`` stands in (``-1``: none), any kind in any kind, as
        ``close`` pairs them; every token's found in one pass, when first asked."""
        if self._enclosing is None:
            out: list[int] = []
            opened: list[int] = [-1]
            for k, t in enumerate(self.toks):
                out.append(opened[-1])
                if t.kind == "punct":
                    if t.text in "([{":
                        opened.append(k)
                    elif t.text in ")]}" and len(opened) > 1:
                        opened.pop()
            self._enclosing = out
        return self._enclosing[i] if 0 <= i < len(self._enclosing) else -1

    def _pair(self) -> dict[int, int]:
        """Every opening bracket's closing partner, any kind closing any kind, as ``close`` scans."""
        partners: dict[int, int] = {}
        opened: list[int] = []
        for k, t in enumerate(self.toks):
            if t.kind == "punct":
                if t.text in "([{":
                    opened.append(k)
                elif t.text in ")]}" and opened:
                    partners[opened.pop()] = k
        return partners
