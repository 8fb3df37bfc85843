"""Which quoted text is a quotation: span patterns found on PolNeAR train
(issue #25, spans pass).

One pattern per test, each written by hand; all people, places and
organisations are invented.
"""

from masthead.quotes.extract import extract_quotes
from masthead.quotes.spans import mask_markdown


def found(text):
    return [(q.text, q.speaker) for q in extract_quotes(text)]


def test_a_word_in_a_named_persons_sentence_is_her_partial_quote():
    text = (
        "Gov. Talia Mendes spoke in Orvane on Monday. Mendes heralded the river "
        "accord as a “breakthrough” for the valley."
    )
    assert found(text) == [("breakthrough", "Talia Mendes")]


def test_a_word_in_a_sentence_about_a_thing_stays_a_scare_quote():
    text = (
        "Gov. Talia Mendes spoke in Orvane on Monday. The river accord was a "
        "“breakthrough” for the valley."
    )
    assert found(text) == []


def test_a_word_in_a_relative_clause_is_left_to_the_writer():
    text = (
        "Councilwoman Ines Farro, who said she is “weighing” a run, would not "
        "commit on Friday."
    )
    assert found(text) == []


def test_a_named_subjects_word_after_so_called_is_still_a_label():
    text = "Sen. Bo Lindqvist spoke about the so-called “ghost” budget."
    assert found(text) == []


def test_a_named_subjects_title_in_capitals_is_not_speech():
    text = "Sen. Bo Lindqvist praised “Harbor Lights” at the gala."
    assert found(text) == []


def test_a_short_sentence_after_a_split_quotes_cue_is_the_rest_of_it():
    text = (
        "“The ferry costs the county far too much,” Mayor Ruth Obi said. "
        "“Too much.” The council meets Tuesday."
    )
    assert found(text) == [
        ("The ferry costs the county far too much", "Ruth Obi"),
        ("Too much.", "Ruth Obi"),
    ]


def test_a_one_word_reply_after_a_cue_is_the_rest_of_the_quote():
    text = "“Will we win?” Coach Dana Kell asked the crowd. “Yes!”"
    assert [q for q, _ in found(text)] == ["Will we win?", "Yes!"]


def test_a_term_after_a_cue_sentence_that_goes_on_is_no_quote():
    text = (
        "“We will file it on paper,” Ruth Obi wrote. “Blue book” is the "
        "county's name for its budget."
    )
    assert [q for q, _ in found(text)] == ["We will file it on paper"]


def test_quoted_attributes_of_an_embed_tag_are_markup_not_speech():
    text = (
        'Ines Farro posted a reply.\n\n<tweet tweet-author="@inesfarro" '
        'tweet-date="May 2, 2026">We will keep the ferry running.<tweet/>\n\n'
        "“We will keep it,” Farro said."
    )
    assert found(text) == [("We will keep it", "Ines Farro")]


def test_masking_an_embed_tag_keeps_every_offset():
    text = 'A <tweet tweet-id="12">post</tweet> and “more,” she said.'
    masked = mask_markdown(text)
    assert len(masked) == len(text)
    assert masked.index("post") == text.index("post")
    assert '"' not in masked


def test_a_curly_quote_inside_a_straight_one_stays_inside_it():
    text = (
        'Commissioner Lea Stroud wrote:\n\n"The county calls it a “clean water '
        'fee” now. It is a tax, and voters will see it as one."'
    )
    assert [q for q, _ in found(text)] == [
        "The county calls it a “clean water fee” now. It is a tax, and voters "
        "will see it as one."
    ]


def test_a_curly_mark_after_an_unclosed_straight_one_still_opens_a_quote():
    text = 'Ada Roy wrote "the vote is near. “We will win it,” Roy said on Friday.'
    assert "We will win it" in [q for q, _ in found(text)]


def test_a_closed_relative_clause_on_the_subject_does_not_hide_her_words():
    text = (
        "Councilwoman Ines Farro, who chairs the budget panel, brushed off the "
        "audit as “petty.”"
    )
    assert found(text) == [("petty.", "Ines Farro")]


def test_a_subject_led_by_a_role_word_is_still_the_named_person():
    text = "Campaign chair Omar Velde waved off the dispute as “silly.”"
    assert found(text) == [("silly.", "Omar Velde")]


def test_a_speaker_whose_name_ends_like_an_adverb_is_still_named():
    text = "Nora Kelly chairs the board.\n\n“Rules matter,” Kelly said."
    assert found(text) == [("Rules matter", "Nora Kelly")]


def test_words_a_crowd_chanted_are_speech_in_title_case_too():
    text = (
        "Teacher Mara Quint led the march. Marchers kept chanting “Fund Our "
        "Schools” past city hall, Quint said."
    )
    assert [q for q, _ in found(text)] == ["Fund Our Schools"]


def test_a_sign_reading_title_case_words_is_still_not_speech():
    text = "Teacher Mara Quint carried a sign reading “Fund Our Schools” today."
    assert found(text) == []


def test_a_word_in_a_sentence_led_by_she_is_a_partial_quote():
    text = (
        "Councilwoman Ines Farro took questions on Monday. She waved off the "
        "audit as “petty.”"
    )
    assert found(text) == [("petty.", "Ines Farro")]


def test_a_participles_word_after_then_he_is_a_partial_quote():
    text = (
        "Sen. Ivo Marsh spoke after Gov. Lena Pratt. Then he turned on Pratt, "
        "calling her “reckless.”"
    )
    assert found(text) == [("reckless.", "Ivo Marsh")]


def test_one_capitalised_word_after_a_reporting_verb_is_what_was_said():
    text = "Sen. Ivo Marsh said the new levy was “Orwellian.”"
    assert found(text) == [("Orwellian.", "Ivo Marsh")]


def test_two_capitalised_words_after_a_verb_stay_a_name():
    text = "Fans said they would make “Go Hawks” signs for the final."
    assert found(text) == []


def test_an_opening_mark_typed_after_a_word_closes_the_quote():
    text = (
        "Sen. Ivo Marsh called the levy “reckless“ on Monday and said the "
        "county had been “warned for years.”"
    )
    assert [q for q, _ in found(text)] == ["reckless", "warned for years."]


def test_an_opening_mark_after_a_dash_still_opens():
    text = "Ada Roy was blunt—“We lost,” she said—and left."
    assert [q for q, _ in found(text)] == ["We lost"]


def test_a_digests_headline_and_byline_are_not_speech():
    text = (
        "MORE READS:\n\n"
        "—“Harbor ferry fares to rise in spring,” by the Orvane Ledger's Pia "
        "Stromberg: “Riders will pay a dollar more starting in April.” "
        "http://example.com/ferry\n\n"
        "“Fares have to rise,” said Mayor Dana Whitlock."
    )
    assert found(text) == [("Fares have to rise", "Dana Whitlock")]


def test_a_quote_by_someone_is_still_speech_without_a_possessive_byline():
    text = "“We will finish the bridge,” by all accounts, Mayor Dana Whitlock said."
    assert [q for q, _ in found(text)] == ["We will finish the bridge"]


def test_slogans_listed_with_their_years_are_not_speech():
    text = (
        "The party's posters went further each time. “Close the border? Yes.” "
        "(2005) — “Our valley, our rules” (Orvane council poster 2009). "
        "“We never hid what we stood for,” party chair Ines Farro said."
    )
    assert found(text) == [("We never hid what we stood for", "Ines Farro")]
