"""Python 3.12's type parameters (PEP 695) read by an older interpreter's parser.

Since 3.12 a class or function may declare type parameters, ``class Client[T](Base):``,
``def get[T](name: str, default: T) -> T:``, and ``type Alias = ...`` declares a type alias. Before
3.12 each is a syntax error, and the lines around it were read without them. ``untyped`` blanks a
declaration's type parameters (``class Client   (Base):``) and writes ``type`` as an empty statement
before the alias's assignment (``_=0; Alias = ...``): the same program to every reader of scopelint, with
every other character, and so every line and column, where the file has it. Type parameters written
over several lines are blanked with a backslash at the end of each of their lines but the last, which
joins the lines as the brackets did."""
from __future__ import annotations

import io
import tokenize

from ... import lazy_re

_LINE = lazy_re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_OPEN, _CLOSE = "([{", ")]}"


def untyped(text: str) -> str | None:
    """``text`` with its type parameter lists blanked and its ``type`` statements made assignments;
    None when it has none, or when it cannot be read into tokens."""
    if "[" not in text and "type" not in text:
        return None
    lines = _LINE.findall(text)
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO("".join(lines), newline="").readline)
                  if t.type not in (tokenize.COMMENT, tokenize.NL)]
    except (tokenize.TokenError, SyntaxError, ValueError):
        return None
    rows = [list(line) for line in lines]
    changed = False
    for i, tok in enumerate(tokens):
        if tok.type != tokenize.NAME or i + 2 >= len(tokens) or tokens[i + 1].type != tokenize.NAME:
            continue
        statement = i == 0 or tokens[i - 1].type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT) \
            or tokens[i - 1].string == ";"
        alias = tok.string == "type" and statement
        if tok.string not in ("class", "def") and not alias:
            continue
        after = i + 2
        if tokens[after].string == "[":
            end = _closing(tokens, after)
            if end is None:
                continue
            _blank(rows, tokens[after].start, tokens[end].end)
            after = end + 1
            changed = True
        if alias:
            if after >= len(tokens) or tokens[after].string != "=":
                continue
            row, col = tok.start
            rows[row - 1][col:col + 4] = "_=0;"
            changed = True
    return "".join("".join(row) for row in rows) if changed else None


def _blank(rows: list[list[str]], start: tuple[int, int], end: tuple[int, int]) -> None:
    """Spaces from ``start`` to ``end`` (``(row, col)``, rows 1-based); over several lines, each line but the
    last ends in a backslash, so that what comes after the brackets goes on the statement they were in."""
    (first, col), (last, end_col) = start, end
    for number in range(first, last + 1):
        row = rows[number - 1]
        body = len("".join(row).rstrip("\r\n"))  # the line without its ending
        stop = end_col if number == last else body
        for k in range(col if number == first else 0, stop):
            row[k] = " "
        if number != last:
            if body:
                row[body - 1] = "\\"
            else:  # an empty line: nothing on it has a place to keep
                row.insert(0, "\\")


def _closing(tokens: list[tokenize.TokenInfo], at: int) -> int | None:
    """The index of the bracket that closes the one at ``at``."""
    depth = 0
    for k in range(at, len(tokens)):
        s = tokens[k].string
        if tokens[k].type == tokenize.OP and s in _OPEN:
            depth += 1
        elif tokens[k].type == tokenize.OP and s in _CLOSE:
            depth -= 1
            if depth == 0:
                return k
    return None
