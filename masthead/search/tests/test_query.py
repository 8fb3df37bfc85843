"""The reader's input to a query string: no database needed."""

import pytest

from masthead.search import query


def test_words_and_quoted_phrases_are_kept_apart():
    parsed = query.parse('police "city council" raids')
    assert parsed.words == ("police", "raids")
    assert parsed.phrases == (("city", "council"),)


def test_every_part_is_quoted_for_fts5():
    parsed = query.parse('budget "city council" vote')
    assert query.to_fts5(parsed) == '"budget" "vote" "city council"'


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "*",
        "AND (",
        "NEAR(a b)",
        "a OR",
        "-",
        "col:value",
        "^x",
        "\x00",
        "🦊🦊",
        "'; DROP TABLE search_entry; --",
        "x" * 2000,
        '"unclosed phrase',
    ],
)
def test_no_input_reaches_the_query_as_syntax(text):
    fts = query.to_fts5(query.parse(text))
    # Only quoted strings of letters and digits, separated by spaces.
    for part in filter(None, fts.split('" "')):
        assert all(ch.isalnum() or ch in ' "' for ch in part), fts


def test_operators_typed_by_the_reader_become_words():
    assert query.parse("raid AND (police").words == ("raid", "AND", "police")


def test_an_unclosed_quote_is_ignored():
    assert query.parse('"city council').words == ("city", "council")


def test_a_quoted_single_word_is_a_word():
    assert query.parse('"budget"').words == ("budget",)


def test_punctuation_emoji_and_nul_alone_are_an_empty_query():
    assert not query.parse("🦊 * \x00 ( ) _ -")


def test_long_input_is_cut_to_a_bounded_query():
    parsed = query.parse(" ".join(f"word{n}" for n in range(1000)))
    assert len(parsed.words) == query.MAX_PARTS


def test_repeated_words_are_searched_once():
    assert query.parse("Raid raid RAID").words == ("Raid",)


def test_websearch_string_has_the_same_words_and_phrases():
    parsed = query.parse('storm "river flood" -closed')
    assert query.to_websearch(parsed) == 'storm closed "river flood"'


def test_highlight_escapes_text_and_marks_matches():
    snippet = f"<b>{query.MARK_START}raid{query.MARK_END}</b> & more"
    assert query.highlight(snippet) == "&lt;b&gt;<mark>raid</mark>&lt;/b&gt; &amp; more"


def test_highlight_closes_a_mark_cut_off_by_the_snippet():
    assert query.highlight(f"…the {query.MARK_START}raid") == "…the <mark>raid</mark>"


def test_clean_text_removes_the_marker_characters():
    assert query.clean_text(f"a{query.MARK_START}b{query.MARK_END}c") == "a b c"


def test_without_phrases_keeps_every_word_required():
    parsed = query.without_phrases(query.parse('storm "river flood" storm'))
    assert parsed.words == ("storm", "river", "flood") and parsed.phrases == ()
