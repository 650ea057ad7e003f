"""Which string literals are not URLs in use: arguments of assertions (``expect(x).toBe("...")``,
``assert.equal(a, "...")``), operands of ``===``/``!==``, and in a test file the values its
environment set-up assigns (``process.env.CELONIS_URL = "..."``). A URL is a fact where it is used:
an HTTP call, a token URL, a base URL variable or config key, a client record."""
from __future__ import annotations

from .cursor import Cursor
from .lexer import Tok

# callees whose arguments are compared, never requested
_ASSERT_CALLS = frozenset({"expect", "assert", "expectTypeOf", "strictEqual", "deepEqual", "deepStrictEqual",
                           "notEqual", "notStrictEqual", "equal", "equals", "eql", "match", "ok", "is", "same",
                           "stubEnv"})
_COMPARE = frozenset({"==", "===", "!=", "!=="})


def not_used(cur: Cursor, test_file: bool) -> tuple[set[int], set[int]]:
    """Indexes of the ``str``/``tpl`` tokens that are only compared, and of those that are a test's
    environment fixtures (``test_file``: a test's; else none)."""
    toks = cur.toks
    compared: set[int] = set()
    fixtures: set[int] = set()
    stack: list[bool] = []  # one entry per open bracket: inside an assertion's arguments?
    for i in sorted(cur.where("(", "[", "{", ")", "]", "}") + cur.literals):  # the brackets and literals, in order
        tok = toks[i]
        if tok.kind == "punct" and tok.text in "([{":
            stack.append(bool(stack and stack[-1]) or (tok.text == "(" and _asserting(toks, i)))
        elif tok.kind == "punct" and tok.text in ")]}":
            if stack:
                stack.pop()
        elif tok.kind in ("str", "tpl"):
            if (stack and stack[-1]) or _compared(toks, i):
                compared.add(i)
            elif test_file and _env_fixture(toks, i):
                fixtures.add(i)
    return compared, fixtures


def _asserting(toks: list[Tok], paren: int) -> bool:
    """Whether the call opened at ``paren`` is an assertion: ``expect(``, ``.toBe(``, ``assert.equal(``."""
    callee = toks[paren - 1] if paren > 0 else None
    if callee is None or callee.kind != "id":
        return False
    after_dot = paren > 1 and toks[paren - 2].kind == "punct" and toks[paren - 2].text in (".", "?.")
    if callee.text in ("expect", "assert", "expectTypeOf"):
        return True
    if after_dot and (callee.text.startswith("to") and callee.text[2:3].isupper() or callee.text in _ASSERT_CALLS):
        return True
    return False


def _compared(toks: list[Tok], i: int) -> bool:
    return any(0 <= j < len(toks) and toks[j].kind == "punct" and toks[j].text in _COMPARE for j in (i - 1, i + 1))


def _env_fixture(toks: list[Tok], i: int) -> bool:
    """``process.env.NAME = "..."`` or ``process.env["NAME"] = "..."``."""
    if i < 4 or toks[i - 1].kind != "punct" or toks[i - 1].text != "=":
        return False
    k = i - 2
    if toks[k].kind == "id" and toks[k - 1].text in (".", "?.") and toks[k - 2].text == "env":
        return True
    return toks[k].text == "]" and toks[k - 1].kind == "str" and k >= 3 and toks[k - 2].text == "[" \
        and toks[k - 3].text == "env"
