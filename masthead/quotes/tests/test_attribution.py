"""Attribution on the patterns of real news (issue #25), one pattern per test.

All people, places and agencies here are invented.
"""

import json

from masthead.quotes import ranker
from masthead.quotes.confidence import SHOW_THRESHOLD
from masthead.quotes.extract import extract_quotes
from masthead.quotes.roles import clean_role
from masthead.quotes.spans import paragraphs


def speakers(text):
    return [(q.text, q.speaker) for q in extract_quotes(text)]


def test_a_short_partial_quote_after_a_reporting_verb_is_found():
    text = "Senator Oda Brill insisted the plan was “premature” and left the room."
    (quote,) = extract_quotes(text)
    assert (quote.text, quote.speaker, quote.is_partial) == (
        "premature",
        "Oda Brill",
        True,
    )


def test_a_labelled_word_is_not_a_quote():
    text = (
        "Medics described the injuries as “not serious” on Friday, Tomas Ferrer said."
    )
    assert extract_quotes(text) == []


def test_a_relative_clause_speaker_does_not_make_a_word_a_quote():
    text = "Mayor Ines Vatra, who said she is “seriously considering” a run, smiled."
    assert extract_quotes(text) == []


def test_a_partial_quote_goes_to_the_reporting_clauses_subject():
    text = (
        "Governor Lise Harmon spoke in Corvale on Monday.\n\n"
        "Harmon said the rival plan from Pell Ostrander was “a historic mistake "
        "for every family here.”"
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Lise Harmon" and quote.cue_type == "partial"


def test_fragments_in_a_list_share_the_first_ones_speaker():
    text = (
        "Councilman Abel Strom spoke last.\n\n"
        "Strom called the deal “reckless,” “rushed” and “a gift to the developer.”"
    )
    found = speakers(text)
    assert [speaker for _, speaker in found] == ["Abel Strom"] * len(found)
    assert "a gift to the developer." in [words for words, _ in found]


def test_a_single_newline_after_a_sentence_ends_a_paragraph():
    text = "The vote was close.\n“We lost,” Pia Sorel said.\nThe line\nwrapped here."
    assert [text[s:e] for s, e in paragraphs(text)] == [
        "The vote was close.",
        "“We lost,” Pia Sorel said.",
        "The line\nwrapped here.",
    ]


def test_a_headline_names_no_one_but_introduces_full_names():
    text = (
        "Quill Says Budget Vote Was Rigged.\n\n"
        "Orrin Quill spoke to reporters on Tuesday.\n\n"
        "“It was rigged from the start,” Quill said."
    )
    assert speakers(text) == [("It was rigged from the start", "Orrin Quill")]


def test_cue_verbs_of_pleading_and_scoffing_are_cues():
    text = (
        "“Please fund the shelter,” pleaded Hana Lutz.\n\n"
        "“That will never pass,” scoffed Dov Amari."
    )
    assert speakers(text) == [
        ("Please fund the shelter", "Hana Lutz"),
        ("That will never pass", "Dov Amari"),
    ]


def test_a_party_tag_and_an_auxiliary_are_not_part_of_the_name():
    text = (
        "“We will hold the line,” Rep. Gil Varda (D-Ore.) said.\n\n"
        "“Nobody asked us,” Maren Tesch has said."
    )
    assert speakers(text) == [
        ("We will hold the line", "Gil Varda"),
        ("Nobody asked us", "Maren Tesch"),
    ]


def test_names_in_a_list_joined_by_and_are_each_a_person():
    text = (
        "The budget passed, with Council Members Ilse Brandau and Joss Pereira "
        "voting no.\n\n"
        "“We keep asking renters to pay,” Pereira said."
    )
    (quote,) = extract_quotes(text)
    assert (quote.speaker, quote.speaker_role) == ("Joss Pereira", "Council Member")


def test_a_bare_surname_quoted_first_is_the_full_name_given_later():
    text = (
        "“The road stays shut,” Okafor said.\n\n"
        "Engineer Talia Okafor later met with the board."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Talia Okafor"


def test_roles_are_short_noun_phrases_never_clauses_or_honorifics():
    assert clean_role("who represents the north ward") == ""
    assert clean_role("Dr.") == ""
    assert clean_role("the county’s emergency manager") == "county’s emergency manager"
    assert clean_role("County Engineer") == "County Engineer"
    text = (
        "“Keep the windows shut,” said Dr. Yara Okonedo, who runs the clinic.\n\n"
        "Councilman Rolf Avni, who represents the north ward, called it “a gamble.”"
    )
    assert [(q.speaker, q.speaker_role) for q in extract_quotes(text)] == [
        ("Yara Okonedo", ""),
        ("Rolf Avni", "Councilman"),
    ]


def test_an_organisation_speaks_without_a_role():
    text = "“Crews will work all night,” the Varrow County Roads Department said."
    (quote,) = extract_quotes(text)
    assert quote.cue_type == "organisation" and quote.speaker_role == ""


def test_a_pronoun_goes_to_the_person_of_its_gender_the_ranker_prefers():
    text = (
        "Mayor Ilse Dorn and Sheriff Bram Kovac met on Monday. Dorn spoke first.\n\n"
        "“We will reopen the bridge,” she said."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Ilse Dorn" and quote.cue_type == "pronoun"
    assert 0 < quote.confidence < SHOW_THRESHOLD  # a pronoun waits for an editor


def test_a_named_cue_is_shown_and_a_pronoun_is_not():
    text = (
        "“The pier opens Friday,” Harbormaster Noor Vell said.\n\n"
        "“Bring a coat,” she added."
    )
    named, pronoun = extract_quotes(text)
    assert named.confidence >= SHOW_THRESHOLD > pronoun.confidence


def test_the_ranker_weights_ship_with_the_code_and_match_its_features():
    stored = json.loads(ranker.WEIGHTS.read_text(encoding="utf-8"))
    assert stored["features"] == list(ranker.FEATURES)
    assert set(stored["weights"]) == set(ranker.KINDS)
    assert ranker.WEIGHTS.stat().st_size < 20_000  # a small file, no download


def test_a_pull_quote_signed_on_the_next_line_is_that_persons():
    text = (
        "Readers wrote in about the new bus routes.\n\n"
        "“The 14 now skips my stop entirely.”\n\n"
        "— Marta Quell, Eastfield\n\n"
        "The transit office said it would review the change."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Marta Quell"


def test_a_programme_named_after_a_possessive_is_not_a_quote():
    text = (
        "Speaking on WBXR’s “Morning Desk,” Senator Ivo Brandt said the vote was close."
    )
    assert extract_quotes(text) == []


def test_a_transcript_speaker_in_capitals_reads_as_a_name():
    text = (
        "MS. LEDA KORR: “We cannot wait any longer.”\n\nMR. ODUYA: “Then vote today.”"
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Leda Korr", "Oduya"]


def test_an_editors_note_is_nobody():
    text = (
        "Mayor Ada Quist spoke on Monday.\n\n"
        "“We will fight this,” Quist said.\n\n"
        "Editor’s note: This story was updated on Tuesday.\n\n"
        "“It is not over,” she said."
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Ada Quist", "Ada Quist"]


def test_an_organisation_keeps_its_kind_when_its_statement_goes_on():
    text = (
        "“Crews will work all night,” the Varrow County Roads Department said.\n\n"
        "“Drivers should use Route 4 until Friday.”"
    )
    first, second = extract_quotes(text)
    assert second.speaker == first.speaker == "Varrow County Roads Department"
    assert first.speaker_kind == second.speaker_kind == "org"


def test_a_name_set_before_a_colon_is_the_speaker():
    text = "Pollsters agree - Wendell Achebe: “Keep counting until the end.”"
    assert speakers(text) == [("Keep counting until the end.", "Wendell Achebe")]


def test_a_leading_conjunction_is_not_the_subject():
    text = (
        "Governor Lise Harmon spoke last.\n\n"
        "But Harmon put it bluntly: “The bridge will not wait another year.”"
    )
    assert speakers(text) == [("The bridge will not wait another year.", "Lise Harmon")]
