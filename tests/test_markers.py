"""The marker test every read file goes through: one pass of the automaton gives the same answer
as one scan per needle, on any bytes, and with or without the compiled package."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scopelint import markers
from scopelint.extractors import KINDS
from scopelint.reading import marker_needles, prefilter

NEEDLES = st.lists(st.binary(min_size=1, max_size=6), min_size=1, max_size=12)
# haystacks built from pieces of needles and noise, so matches at every offset and overlap are common
HAYSTACK = st.lists(st.one_of(st.binary(max_size=8), st.sampled_from([b"tok", b"token", b"en", b"scope", b"\x00"])),
                    max_size=20).map(b"".join)


@given(needles=NEEDLES, data=HAYSTACK)
@settings(max_examples=300, deadline=None)
def test_the_automaton_answers_as_a_scan_per_needle(needles, data):
    expected = any(n in data for n in needles)
    assert markers.any_of(needles)(data) is expected


def test_without_the_compiled_package_the_answer_is_the_same(monkeypatch):
    needles = marker_needles(tuple(KINDS))
    texts = [b"import os\nprint(1)\n", b"headers = {'authorization': f'bearer {t}'}", b"x" * 10_000 + b"/scim/",
             b"# scopelint: ignore[SL004] reviewed", b"", b"oauth_clients:\n"]
    fast = [markers.any_of(needles)(t) for t in texts]
    monkeypatch.setattr(markers, "BytesAhoCorasick", None)
    assert [markers.any_of(needles)(t) for t in texts] == fast == [False, True, True, True, False, True]


def test_no_needles_match_nothing():
    assert markers.any_of([])(b"anything") is False


def test_the_prefilter_covers_every_marker_and_suppressions():
    python = next(k for k in KINDS if k.name == "python")
    test = prefilter((python,))
    assert test is not None
    for marker in python.markers + (b"scopelint:",):
        assert test(b"x = 1\n# " + marker + b"\n"), marker
    assert not test(b"x = 1\nprint(x)\n")
    postman = next(k for k in KINDS if k.name == "postman")
    assert prefilter((python, postman)) is None  # a kind without markers parses every file it claims


def test_every_name_that_says_secret_passes_the_code_and_settings_markers():
    # a file whose one secret is held under a name secret_kind knows (``B2_APPLICATION_KEY = "..."``) must be
    # read: the markers and the names cannot drift apart
    from scopelint.extractors.recognition.names import SECRET_FIELDS, SECRET_SUFFIXES, secret_kind

    names = [f"b2_{suffix}" for suffix, _ in SECRET_SUFFIXES] + list(SECRET_FIELDS)
    forms = {form for name in names for form in (name.upper(), name.replace("_", ""), name.replace("_", "-"))}
    kinds = [k for k in KINDS if k.name in ("python", "javascript", "envfiles", "java", "ciconfig")]
    assert len(kinds) == 5
    for form in sorted(forms):
        if secret_kind(form) is None:  # a spelling secret_kind does not take is no name it reads
            continue
        for kind in kinds:
            assert prefilter((kind,))(f'{form} = "Zx8vQ2pL9mN4rT7yB1cK5dF3gH6jW0eA"\n'.encode().lower()), (kind.name, form)
