"""The JavaScript lexer's identifier pattern, written for a fast compile, reads exactly the
identifiers of the plain character-class form."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from scopelint.extractors.javascript import lexer

PLAIN = re.compile(r"[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*")
# every boundary of the classes involved, and characters on both sides of it
EDGES = sorted({cp + d for cp in (0x00, 0x24, 0x30, 0x39, 0x41, 0x5a, 0x5f, 0x61, 0x7a, 0x7f, 0x80, 0xaa, 0xff,
                                  0xd7ff, 0xe000, 0xfeff, 0xffff, 0x10000, 0x1d465, 0x1f600, 0x10ffff)
                for d in (-1, 0, 1) if 0 <= cp + d <= 0x10ffff})


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int] | None]:
    return [(m.span() if (m := pattern.match(text, i)) else None) for i in range(len(text))]


def test_every_character_of_the_bmp_and_the_edges_past_it_start_and_continue_alike():
    for cp in list(range(0x10000)) + EDGES:
        c = chr(cp)
        for text in (c, f"a{c}", f"a{c}b", f"{c}1$"):
            assert spans(lexer._ID, text) == spans(PLAIN, text), (hex(cp), text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([chr(cp) for cp in EDGES] + list("abcXYZ019$_ -.é𝑥😀\u00a0")), max_size=24))
def test_any_text_is_split_into_the_same_identifiers(text):
    assert spans(lexer._ID, text) == spans(PLAIN, text)


def test_identifiers_in_code():
    code = "const señal = $api.get_token(a𝑥1, 𝑥2, café😀, _private2);"
    found = [m.group() for m in lexer._ID.finditer(code)]
    assert found == ["const", "señal", "$api", "get_token", "a𝑥1", "café", "_private2"]  # 𝑥 only inside a name
    assert found == [m.group() for m in PLAIN.finditer(code)]


def _regex_end_by_characters(text: str, i: int) -> int | None:
    """A regular expression literal's end, one character at a time: escapes skip the next character
    (a line break too), a ``/`` inside a ``[...]`` class does not end it, a line break does."""
    j, n, in_class = i + 1, min(len(text), i + lexer.MAX_REGEX), False
    while j < n:
        c = text[j]
        if c == "\n":
            return None
        if c == "\\":
            j += 2
            continue
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        elif c == "/" and not in_class:
            j += 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            return j
        j += 1
    return None


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab/[]\\\n_9 g(é")), max_size=16))
def test_a_regular_expression_literal_ends_where_reading_it_character_by_character_ends_it(body):
    text = "x = /" + body
    assert lexer._regex_end(text, 4) == _regex_end_by_characters(text, 4)


def test_a_regular_expression_literal_is_read_within_its_window():
    assert lexer._regex_end("/[/]x\\/y/gi;", 0) == 11
    assert lexer._regex_end("/" + "a" * (lexer.MAX_REGEX + 10) + "/", 0) is None  # past the window: division
    assert lexer._regex_end("/[a/\nb]/", 0) is None  # a class does not run on past the line
