"""Positions for Python facts: ``ast`` gives 1-based lines and 0-based UTF-8 byte offsets;
findings want 1-based character columns, and scopes and secrets want the columns of the value
inside its string literal."""
from __future__ import annotations

import ast

from ... import lazy_re
from ...findings import Location

TAG = "_scopelint_module"  # set on the nodes of another module the file's values were read in (``modules``)
# the name a module is parsed under: no file's, as CPython reads the file named to show a syntax error's line
UNNAMED = "<python>"
_LINE_END = lazy_re.compile(r"\r\n|\r|\n")
_PREFIX = lazy_re.compile(r"([rRbBuUfF]{0,2})('''|\"\"\"|'|\")")
# one literal of a string written in adjacent pieces, on one line, in one kind of quotes (not triple)
_PIECE = lazy_re.compile(r"\s*([rRbBuUfF]{0,2})(\"(?!\"\")|'(?!''))((?:[^\\\n]|\\.)*?)\2\s*")


def split_lines(text: str) -> list[str]:
    """Lines as the Python tokenizer counts them (``str.splitlines`` also breaks on form feeds)."""
    return _LINE_END.split(text)


class Positions:
    def __init__(self, path: str, lines: list[str]) -> None:
        self.path = path
        self.lines = lines

    def char_col(self, lineno: int, byte_col: int) -> int:
        """The 0-based character column of a byte offset on a line."""
        if not 0 < lineno <= len(self.lines):
            return byte_col
        line = self.lines[lineno - 1]
        if line.isascii():
            return byte_col
        return len(line.encode("utf-8")[:byte_col].decode("utf-8", "ignore"))

    def node(self, node: ast.AST) -> Location:
        """The whole span of a node (of another module of the project, in that module's file)."""
        home = getattr(node, TAG, None)
        if home is not None and home.pos is not self:
            return home.pos.node(node)
        line, end_line = node.lineno, getattr(node, "end_lineno", None) or node.lineno  # type: ignore[attr-defined]
        col = self.char_col(line, node.col_offset) + 1  # type: ignore[attr-defined]
        end_off = getattr(node, "end_col_offset", None)
        end_col = self.char_col(end_line, end_off) + 1 if end_off is not None else None
        return Location(self.path, line, col, end_line, end_col)

    def attr(self, call: ast.Call) -> Location:
        """A method call from its name to the end of the call (``pool.get_jobs()`` -> ``get_jobs()``)."""
        func = call.func
        if not isinstance(func, ast.Attribute) or func.end_lineno is None:
            return self.node(call)
        start = self.char_col(func.end_lineno, func.end_col_offset or 0) - len(func.attr)
        end = self.node(call) if call.end_lineno == func.end_lineno else self.node(func)
        return Location(self.path, func.end_lineno, start + 1, end.end_line, end.end_col)

    def inner(self, node: ast.Constant) -> tuple[Location, bool]:
        """Where a string's value stands: its own columns for a plain single-line literal
        (``True``), else the whole literal (``False``)."""
        home = getattr(node, TAG, None)
        if home is not None and home.pos is not self:
            return home.pos.inner(node)
        whole = self.node(node)
        if whole.end_line != whole.line or not 0 < whole.line <= len(self.lines):
            return whole, False
        raw = self.lines[whole.line - 1][whole.col - 1:(whole.end_col or 1) - 1]
        m = _PREFIX.match(raw)
        if not m:
            return whole, False
        quote = m.group(2)
        body = raw[m.end():len(raw) - len(quote)] if raw.endswith(quote) and len(raw) >= m.end() + len(quote) else None
        value = node.value.decode("latin-1") if isinstance(node.value, bytes) else node.value  # b"id:secret"
        if body is None or body != value:
            return whole, False
        col = whole.col + m.end()
        return Location(self.path, whole.line, col, whole.line, col + len(body)), True

    def pieces(self, node: ast.Constant) -> list[tuple[int, int, int, int]] | None:
        """For a string written as adjacent literals (``("https://...token"`` then ``"?scope=..."``, as
        black wraps a long one), each literal's place in the value and in the file: (start in the
        value, its end, line, column); ``None`` unless every piece is a plain one-line literal read as
        it is written (no escape, no triple quotes, no bytes) and together they make the value."""
        home = getattr(node, TAG, None)
        if home is not None and home.pos is not self:
            return home.pos.pieces(node)
        whole = self.node(node)
        if whole.end_line is None or not isinstance(node.value, str) or not 0 < whole.line <= whole.end_line <= len(self.lines):
            return None
        rows = self.lines[whole.line - 1:whole.end_line]
        rows[-1] = rows[-1][:(whole.end_col or 1) - 1]
        rows[0] = rows[0][whole.col - 1:]
        out: list[tuple[int, int, int, int]] = []
        bodies: list[str] = []
        at = 0
        for offset, row in enumerate(rows):
            pos, base = 0, whole.col if offset == 0 else 1
            while pos < len(row):
                m = _PIECE.match(row, pos)
                if m is None:
                    rest = row[pos:].strip()
                    if rest and not rest.startswith("#") and rest != "\\":
                        return None  # something else between the pieces: not one literal of pieces
                    break
                prefix, body = m.group(1).lower(), m.group(3)
                if "b" in prefix or "f" in prefix or "\\" in body and "r" not in prefix:
                    return None
                out.append((at, at + len(body), whole.line + offset, base + m.start(3)))
                bodies.append(body)
                at += len(body)
                pos = m.end()
        if len(out) < 2 or "".join(bodies) != node.value:
            return None
        return out

    def place(self, node: ast.Constant, loc: Location, found: list[tuple[int, int, int, int]] | None = None) -> Location | None:
        """Where a span of a value written in ``pieces`` stands (``found``: those pieces, when the caller
        has them): ``loc`` gives it as columns of the value from 1 (``Location(path, 0, start + 1, 0, end + 1)``);
        ``None`` when it runs over two pieces."""
        home = getattr(node, TAG, None)
        if home is not None and home.pos is not self:
            return home.pos.place(node, loc, found)
        found = self.pieces(node) if found is None else found
        start, end = loc.col - 1, (loc.end_col or loc.col) - 1
        for a, b, line, col in found or ():
            if a <= start and end <= b:
                return Location(self.path, line, col + start - a, line, col + end - a)
        return None

    def part(self, node: ast.Constant) -> tuple[Location, bool]:
        """Where a string's value stands, also for a literal part of an f-string, whose own position
        ``ast`` gives as the whole f-string's before Python 3.12: its columns when the value is
        written as is, once, in the f-string's line."""
        home = getattr(node, TAG, None)
        if home is not None and home.pos is not self:
            return home.pos.part(node)
        loc, exact = self.inner(node)
        if exact or loc.end_line != loc.line or not node.value or not 0 < loc.line <= len(self.lines):
            return loc, exact
        raw = self.lines[loc.line - 1][loc.col - 1:(loc.end_col or 1) - 1]
        k = raw.find(node.value)
        if k < 0 or raw.find(node.value, k + 1) >= 0:
            return loc, False
        col = loc.col + k
        return Location(self.path, loc.line, col, loc.line, col + len(node.value)), True

    def keyword(self, kw: ast.keyword) -> Location:
        if getattr(kw, "lineno", None) is None:  # Python < 3.9 keywords had no position
            return self.node(kw.value)
        return self.node(kw)


def is_docstring(node: ast.AST, parent: ast.AST | None) -> bool:
    return isinstance(parent, ast.Expr) and isinstance(node, ast.Constant) and isinstance(node.value, str)
