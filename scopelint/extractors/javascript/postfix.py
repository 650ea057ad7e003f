"""Member access, calls and ``new`` after an operand: ``process.env.X``, ``a.join(" ")``,
``JSON.stringify({...})``, ``new URLSearchParams({...})``, ``new URL(path, base)``."""
from __future__ import annotations

from .literals import MAX_PIECES, Arr, Literals, Obj, Value, join_texts
from ..recognition.scopes import LIST_SEPARATORS
from ..recognition.text import Piece, Text

_FORM_FACTORIES = frozenset({"URLSearchParams", "FormData", "Headers", "stringify"})
_PASS_THROUGH = frozenset({"String", "encodeURIComponent", "encodeURI", "trim", "toString", "valueOf"})


class Postfix(Literals):
    def _new(self, i: int) -> tuple[Value, int]:
        name, j = self.chain_name(i)
        if not self.is_(j, "("):
            return None, j
        args, end = self.args(j)
        last = name.rsplit(".", 1)[-1]
        if last in _FORM_FACTORIES:
            first = args[0][0] if args else None
            return (first if first is not None else Obj(self.toks[j].start)), end
        if last == "URL" and args and isinstance(args[0][0], Text):
            base = args[1][0] if len(args) > 1 else None
            return (base + args[0][0] if isinstance(base, Text) else args[0][0]), end
        return None, end

    def chain_name(self, i: int) -> tuple[str, int]:
        """A dotted name from ``i`` (``process.env.X``, ``axios.post``) and the index after it."""
        parts = []
        while True:
            t = self.at(i)
            if t is None or t.kind != "id":
                break
            parts.append(t.text)
            if self.is_(i + 1, ".", "?.") and self.at(i + 2) is not None and self.toks[i + 2].kind == "id":
                i += 2
                continue
            i += 1
            break
        return ".".join(parts), i

    def _postfix(self, value: Value, start: int, i: int) -> tuple[Value, int]:
        """Member access, calls and indexing after an operand."""
        names: list[str] = []
        first = self.at(start)
        if first is not None and first.kind == "id":
            names.append(first.text)
        while i < len(self.toks) and self.budget > 0:
            if self.is_(i, ".", "?.") and self.at(i + 1) is not None and self.toks[i + 1].kind == "id":
                member = self.toks[i + 1].text
                names.append(member)
                value = self._member(value, names, start, i + 2, member)
                i += 2
            elif self.is_(i, "[") and self.at(i + 1) is not None and self.toks[i + 1].kind == "str" \
                    and self.is_(i + 2, "]"):
                member = self.toks[i + 1].text
                names.append(member)
                value = self._member(value, names, start, i + 3, member)
                i += 3
            elif self.is_(i, "("):
                args, i = self.args(i)
                value = self._call(value, names, args, start, i)
                names = []
            elif self.is_(i, "["):
                i = self.close(i)
                value = None
            else:
                break
        return value, i

    def _member(self, value: Value, names: list[str], start: int, end: int, member: str) -> Value:
        if isinstance(value, (Text, Obj)) and member in _PASS_THROUGH or isinstance(value, Arr) and member == "join" \
                or isinstance(value, Text) and member == "split":  # what the call does with it is _call's
            return value
        if isinstance(value, Obj) and (member in value.entries or not value.open):
            return value.get(member)
        if len(names) == 2 and names[0] == "this" and getattr(self, "fields", None):
            found = self.field(member, self.toks[start].start)  # type: ignore[attr-defined]
            if found is not None:
                return found
        dotted = ".".join(names)
        s, e = self.toks[start].start, self.toks[end - 1].end
        return Text.reference("${" + dotted + "}", s, e, dotted) if names and names[0] != "this" else \
            Text.reference("${" + dotted + "}", s, e, names[-1])

    def _call(self, callee: Value, names: list[str], args: list[tuple[Value, int]], start: int, end: int) -> Value:
        last = names[-1] if names else ""
        first = args[0][0] if args else None
        if last in _PASS_THROUGH and (isinstance(callee, (Text, Obj)) or first is not None):
            return callee if isinstance(callee, (Text, Obj)) and last not in ("String", "encodeURIComponent",
                                                                               "encodeURI") else first
        if last == "stringify" and isinstance(first, Obj):
            return first
        if last == "split" and isinstance(callee, Text) and callee.literal_only and isinstance(first, Text) \
                and first.value in LIST_SEPARATORS:  # SCOPES.split(","): the list of its parts, where each is written
            at, parts = 0, []
            for part in callee.value.split(first.value):
                parts.append(callee.slice(at, at + len(part)))
                at += len(part) + 1
            return Arr(parts)  # type: ignore[arg-type]
        if last == "join" and isinstance(callee, Arr):
            return join_texts(callee, first if isinstance(first, Text) else Text.literal(",", None))  # type: ignore[arg-type]
        found = self._helper_call(names, args, start)
        if found is None:  # what another function returns: a value not known, written where the call is
            s, e = self.toks[start].start, self.toks[min(end, len(self.toks)) - 1].end
            return Text.reference("${" + ".".join(names) + "()}", s, e, "")
        return found

    def _helper_call(self, names: list[str], args: list[tuple[Value, int]], start: int) -> Value:
        """What a function of this file returns (``api("/pools")``, ``this.url(path)``), with its
        parameters bound to the call's arguments; an argument not known stays a reference. The value
        stands where the call is: what the helper wrote has no place of its own in it."""
        helpers = getattr(self, "helpers", {})
        name = names[-1] if len(names) == 1 or len(names) == 2 and names[0] == "this" else ""
        if name not in helpers or name in self.calling:  # type: ignore[attr-defined]
            return None
        params, at, home = helpers[name]
        if (home is not None) != (len(names) == 2):  # this.url(...) calls a method, url(...) a function
            return None
        if home is not None and self.class_at(start) != home:  # type: ignore[attr-defined]
            return None  # a method of another class (the caller's may inherit its own)
        self.calling.add(name)  # type: ignore[attr-defined]
        try:
            value, _ = self.expr(at)  # type: ignore[attr-defined]
        finally:
            self.calling.discard(name)  # type: ignore[attr-defined]
        if not isinstance(value, Text):
            return None
        unplaced = Text((Piece("", self.toks[start].start),) + tuple(Piece(p.text, None, p.ref) for p in value.pieces),
                        value.names)
        bound = unplaced.bound({p: a for p, (a, _) in zip(params, args) if isinstance(a, Text)})
        return bound if len(bound.pieces) <= MAX_PIECES else None
