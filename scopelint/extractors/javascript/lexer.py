"""A small JavaScript/TypeScript lexer: strings, templates (with their placeholders), comments,
identifiers and punctuation, in one left-to-right pass.

Regular expression literals are told from division by the token before them (a postfix ``++``,
``--`` or non-null ``!`` ends an operand). A JSX element becomes its attribute strings and ``{...}``
expressions, its text a comment: prose, not code. Anything unexpected costs at most the rest of its
line, never a hang or an exception.
"""
from __future__ import annotations

from typing import NamedTuple

from ... import lazy_re
from ...records import record

MAX_NESTING = 24

_WS_SOURCE = r"[ \t\r\n\f\v\u00a0\u2028\u2029\ufeff]"
_WS = lazy_re.compile(_WS_SOURCE + "+")
_WS_CHARS = frozenset(" \t\r\n\f\v\u00a0\u2028\u2029\ufeff")  # what _WS matches
# an identifier, "[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*" (an ASCII letter, "_", "$" or a
# non-ASCII character of the BMP, then those, digits and word characters past the BMP), written as
# ranges plus a look-ahead: it compiles in under a millisecond, where that class takes tens of them
_ID_SOURCE = (r"[^\x00-\x23\x25-\x40\x5b-\x5e\x60\x7b-\x7f\U00010000-\U0010ffff]"
              r"(?:[^\x00-\x23\x25-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f\U00010000-\U0010ffff]+"
              r"|(?=\w)[\U00010000-\U0010ffff])*")
_NUM_SOURCE = r"\.?\d[\w.]*"
_PUNCT_SOURCE = r"\?\?=?|\?\.(?!\d)|\.\.\.|=>|[=!]==?|\|\|=?|&&=?|[-+*%&|^<>!=~?:;,.(){}\[\]@#/\\]"
_ID = lazy_re.compile(_ID_SOURCE)
_NUM = lazy_re.compile(_NUM_SOURCE)
_PUNCT = lazy_re.compile(_PUNCT_SOURCE)
# whitespace, then a token no other reading can start: an identifier, a number, or a punctuation
# mark that opens no comment, regular expression or JSX element; the groups in the order ``_next``
# tries them. It matches (perhaps only whitespace, perhaps nothing) wherever the lexer stands, so
# one scan reads a run of such tokens in order and stops where another reading must be made.
_PLAIN = lazy_re.compile(_WS_SOURCE + r"*(?:(" + _ID_SOURCE + r")|(" + _NUM_SOURCE
                         + r")|(?![/<])(" + _PUNCT_SOURCE + r"))?")
_KINDS = (None, "id", "num", "punct")  # by ``_PLAIN``'s group
_ID_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$")  # _ID matches from these
_PUNCT_START = frozenset("?=!|&-+*%^<>~:;,(){}[]@#/\\")  # _PUNCT (and neither _ID nor _NUM) matches from these
_STRING = {
    "'": lazy_re.compile(r"'((?:[^'\\\n]|\\[\s\S])*)('?)"),
    '"': lazy_re.compile(r'"((?:[^"\\\n]|\\[\s\S])*)("?)'),
}
_REGEX_AFTER = frozenset({"return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void",
                          "throw", "instanceof", "yield", "await"})


class Tok(NamedTuple):  # a tuple: made once per token, several times cheaper than a frozen dataclass
    """``kind``: id, str, tpl, num, punct, regex. A ``str`` holds its raw content (``start`` is
    the opening quote); a ``tpl`` holds ``parts``: ``(text, start)`` literal runs and
    ``(tokens, start, end)`` placeholders (``start``..``end`` spans ``${`` to ``}``)."""

    kind: str
    text: str
    start: int
    end: int
    parts: tuple = ()


_new = tuple.__new__  # a token made without the Python-level ``Tok.__new__``: one call fewer for each of most tokens


@record
class Comment:
    """A comment and its offset in the source."""

    text: str
    start: int


class _Comments(list):
    """The comments found so far, how many JSX readings failed (after a few, ``<`` is only code),
    and how many regular expression readings failed in the stretch of line before ``regex_stop``
    (after a few, ``/`` there is only division: each failed reading scans on to the line's end)."""

    jsx_failures = 0
    regex_stop = 0
    regex_failures = 0

    def __init__(self) -> None:
        super().__init__()
        self.unclosed: list[int] = []  # where a backtick opened a template literal that never closes

    def regex_given_up(self, i: int) -> bool:
        """Whether ``/`` at ``i`` is division without a try: enough readings failed in its stretch."""
        return i < self.regex_stop and self.regex_failures >= MAX_REGEX_FAILURES

    def regex_failed(self, text: str, i: int) -> None:
        """A reading from ``i`` failed: one more in its stretch, or the first of a new stretch (to the
        line's end, or ``MAX_REGEX`` characters on)."""
        if i < self.regex_stop:
            self.regex_failures += 1
            return
        stop = text.find("\n", i, i + MAX_REGEX)
        self.regex_stop, self.regex_failures = (i + MAX_REGEX if stop < 0 else stop), 1


MAX_JSX_FAILURES = 4
MAX_UNCLOSED = 8  # backticks read past as code (each cost a scan to the end); after these, the rest is one template
MAX_JSX_NESTING = 8  # elements inside expressions inside elements


def tokenize(text: str) -> tuple[list[Tok], list[Comment]]:
    comments: list[Comment] = _Comments()
    toks, _ = _lex(text, 0, comments, 0, False)
    return toks, comments


def _lex(text: str, i: int, comments: list[Comment], depth: int, in_placeholder: bool) -> tuple[list[Tok], int]:
    """Tokens from ``i``; inside a placeholder, stop after the ``}`` that closes it."""
    toks: list[Tok] = []
    braces, n = 0, len(text)
    if i == 0 and text.startswith("#!"):
        i = _line_end(text, 0)
    append = toks.append
    while i < n:
        for m in _PLAIN.finditer(text, i):  # most tokens, read in one scan
            group = m.lastindex
            if group is None:  # whitespace at most: another reading starts here
                i = m.end()
                break
            start, end = m.span(group)
            tok = _new(Tok, (_KINDS[group], text[start:end], start, end, ()))
            if in_placeholder and group == 3 and tok.text in "{}":
                braces += 1 if tok.text == "{" else -1
                if braces < 0:
                    return toks, end
            append(tok)
        else:
            return toks, n
        if i >= n:
            break
        tok, i = _next(text, i, toks, comments, depth)
        if tok is None:
            continue
        if in_placeholder and tok.kind == "punct" and tok.text in "{}":
            braces += 1 if tok.text == "{" else -1
            if braces < 0:
                return toks, i
        append(tok)
    return toks, i


def _next(text: str, i: int, toks: list[Tok], comments: list[Comment], depth: int) -> tuple[Tok | None, int]:
    """The token at ``i`` (``None`` for a comment or a stray character) and the index after it."""
    c = text[i]
    if c == "/" and text.startswith(("//", "/*"), i):
        end = _line_end(text, i) if text[i + 1] == "/" else text.find("*/", i + 2)
        end = len(text) if end < 0 else end + 2 * (text[i + 1] == "*")
        comments.append(Comment(text[i:end], i))
        return None, end
    if c in "'\"":
        m = _STRING[c].match(text, i)
        return Tok("str", m.group(1), i, m.end()), m.end()
    if c == "`":
        tok = _template(text, i, comments, depth)
        if _unclosed(text, tok) and len(comments.unclosed) < MAX_UNCLOSED:  # type: ignore[attr-defined]
            # no template runs to the end of a file that parses: this backtick is another's (a JSX
            # element's text, a regular expression not read as one, a template nested past the limit)
            comments.unclosed.append(i)  # type: ignore[attr-defined]
            return None, i + 1
        return tok, tok.end
    if c == "<" and getattr(comments, "jsx_failures", MAX_JSX_FAILURES) < MAX_JSX_FAILURES and _jsx_allowed(text, i, toks):
        found = _jsx(text, i, comments, depth)
        if found is not None:
            inner, end = found
            toks.extend(inner[:-1])
            return inner[-1], end
        comments.jsx_failures += 1  # type: ignore[attr-defined]
    if c == "/" and _regex_allowed(toks) and not comments.regex_given_up(i):  # type: ignore[attr-defined]
        end = _regex_end(text, i)
        if end is not None:
            return Tok("regex", text[i:end], i, end), end
        comments.regex_failed(text, i)  # type: ignore[attr-defined]
    if c in _ID_START:  # the common cases tried first, each with the one pattern it can match
        m = _ID.match(text, i)
    elif c in _PUNCT_START:
        m = _PUNCT.match(text, i)
    else:
        m = _ID.match(text, i) or _NUM.match(text, i) or _PUNCT.match(text, i)
    if m is None:
        return None, i + 1
    kind = "id" if c.isalpha() or c in "_$" or ord(c) > 127 else "num" if m.re.pattern is _NUM.pattern else "punct"
    return Tok(kind, m.group(0), i, m.end()), m.end()


def _unclosed(text: str, tok: Tok) -> bool:
    """Whether a template literal runs to the end of the text without its closing backtick (its last
    text part ends there; a closed one's ends before the backtick)."""
    last = tok.parts[-1] if tok.parts else None
    return tok.end == len(text) and last is not None and len(last) == 2 and last[1] + len(last[0]) == len(text)


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _template(text: str, i: int, comments: list[Comment], depth: int) -> Tok:
    parts: list[tuple] = []
    n = len(text)
    j = seg = i + 1
    while j < n:
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == "`":
            parts.append((text[seg:j], seg))
            return Tok("tpl", text[i + 1:j], i, j + 1, tuple(parts))
        if c == "$" and text.startswith("${", j):
            parts.append((text[seg:j], seg))
            if depth >= MAX_NESTING:
                end = text.find("}", j)
                end = n if end < 0 else end + 1
                inner: list[Tok] = []
            else:
                inner, end = _lex(text, j + 2, comments, depth + 1, True)
            parts.append((tuple(inner), j, end))
            j = seg = end
            continue
        j += 1
    parts.append((text[seg:n], seg))
    return Tok("tpl", text[i + 1:n], i, n, tuple(parts))


_JSX_AFTER = frozenset({"(", ",", "=", "?", ":", "=>", "{", "[", "&&", "||", "??", "return", "yield", "default"})
_JSX_NAME = lazy_re.compile(r"<([A-Za-z][\w.:-]*)?")
MAX_JSX = 20_000  # characters one JSX element may span; a longer "element" is read as code


def _jsx_allowed(text: str, i: int, toks: list[Tok]) -> bool:
    """``<`` where an expression starts, followed by a tag name or ``>`` (a fragment)."""
    if i + 1 >= len(text) or not (text[i + 1].isalpha() or text[i + 1] == ">"):
        return False
    return not toks or toks[-1].text in _JSX_AFTER and toks[-1].kind in ("punct", "id")


def _jsx(text: str, i: int, comments: list[Comment], depth: int) -> tuple[list[Tok], int] | None:
    """A JSX element from ``i``: its attribute strings and ``{...}`` expressions as tokens, its text as
    comments (prose, not code). ``None`` when no well-formed element closes within ``MAX_JSX``
    characters (a TypeScript ``<Type>value`` cast), so the ``<`` is read as code."""
    if depth >= MAX_JSX_NESTING:
        return None
    limit = min(len(text), i + MAX_JSX)
    toks: list[Tok] = []
    pending: list[Comment] = []
    open_tags = 0
    j = i
    while j < limit:
        if text.startswith("</", j):  # closing tag
            end = text.find(">", j, limit)
            if end < 0:
                return None
            j = end + 1
            open_tags -= 1
            if open_tags == 0:
                break
            continue
        if text[j] == "<":
            m = _JSX_NAME.match(text, j)
            j = m.end() if m else j + 1
            j, closed = _jsx_tag(text, j, limit, toks, comments, depth)
            if j < 0:
                return None
            if closed and open_tags == 0:
                break
            open_tags += not closed
            continue
        if text[j] == "{":
            if depth >= MAX_NESTING:
                return None
            inner, j = _lex(text, j + 1, comments, depth + 1, True)
            toks.extend(inner)
            continue
        k = j
        while k < limit and text[k] not in "<{":
            k += 1
        if text[j:k].strip():
            pending.append(Comment(text[j:k], j))
        j = k
    else:
        return None
    comments.extend(pending)
    marker = Tok("punct", ")", j - 1, j)  # an element is a value: what follows is an operator, not a regex
    return [Tok("punct", "(", i, i + 1), *toks, marker], j


def _jsx_tag(text: str, j: int, limit: int, toks: list[Tok], comments: list[Comment], depth: int) -> tuple[int, bool]:
    """The rest of an opening tag from ``j``: ``(index after it, self-closing)``, or ``(-1, False)``."""
    while j < limit:
        c = text[j]
        if c == ">":
            return j + 1, False
        if text.startswith("/>", j):
            return j + 2, True
        if c in "'\"":
            end = text.find(c, j + 1, limit)
            if end < 0:
                return -1, False
            toks.append(Tok("str", text[j + 1:end], j, end + 1))
            j = end + 1
            continue
        if c == "{":
            if depth >= MAX_NESTING:
                return -1, False
            inner, j = _lex(text, j + 1, comments, depth + 1, True)
            toks.extend(inner)
            continue
        j += 1
    return -1, False


def _regex_allowed(toks: list[Tok]) -> bool:
    if not toks:
        return True
    prev = toks[-1]
    if prev.kind == "punct":
        if prev.text in ("+", "-", "!") and _postfix(toks):
            return False  # ``i++ / 2``, ``n-- / 2``, TypeScript's ``x! / 2``: division
        return prev.text not in (")", "]", "}")
    return prev.kind == "id" and prev.text in _REGEX_AFTER


def _postfix(toks: list[Tok]) -> bool:
    """The last token is a postfix operator: ``++``/``--`` (two adjacent tokens) or a non-null ``!``,
    written right after an operand."""
    prev = toks[-1]
    k = len(toks) - 2
    if prev.text in "+-":
        if k < 0 or toks[k].text != prev.text or toks[k].end != prev.start:
            return False
        k -= 1
    if k < 0:
        return False
    operand = toks[k]
    if operand.end != (toks[k + 1].start):
        return False
    if operand.kind in ("num", "str", "tpl"):
        return True
    if operand.kind == "id":
        return operand.text not in _REGEX_AFTER
    return operand.text in (")", "]")


MAX_REGEX = 1_000  # characters a regular expression literal may span: past that, "/" is division
MAX_REGEX_FAILURES = 4  # failed readings of a regular expression in one stretch of line before "/" there is division


# a regular expression literal's body and closing ``/`` (escapes, and ``/`` inside a ``[...]`` class), and its flags
# (each part begins with its own character, and a class must close: the match is made in one pass, no retries)
_REGEX_BODY = lazy_re.compile(r"(?:[^\\/\[\n]|\\[\s\S]|\[(?:[^\\\]\n]|\\[\s\S])*\])*/\w*")


def _regex_end(text: str, i: int) -> int | None:
    """The end of a regular expression literal starting at ``i``, or ``None`` if it is not one (a
    ``/`` that may start one is tried up to ``MAX_REGEX`` characters, not to the end of its line)."""
    m = _REGEX_BODY.match(text, i + 1, min(len(text), i + MAX_REGEX))
    return m.end() if m is not None else None
