"""Full stops that do not end a sentence: titles, initials, months (issue #25).

A sentence cut at "Rep. D.L." or "on Jan." loses the speaker of the cue that
follows it. All people and places here are invented.
"""

from masthead.quotes.extract import extract_quotes
from masthead.quotes.spans import sentence_end, sentence_start


def end_of_sentence_after(text, marker):
    """The sentence end found from ``marker`` to the end of ``text``."""
    return sentence_end(text, text.index(marker), len(text))


def test_initials_run_together_do_not_end_a_sentence():
    text = "“Yes,” said Rep. D.L. Ferreira of Maine. The hall emptied."
    end = end_of_sentence_after(text, "said")
    assert text[:end].endswith("Ferreira of Maine.")


def test_a_single_initial_does_not_end_a_sentence():
    text = "“No,” wrote Paula K. Vance, a clerk. Then the line went dead."
    end = end_of_sentence_after(text, "wrote")
    assert text[:end].endswith("a clerk.")


def test_a_month_before_a_date_does_not_end_a_sentence():
    text = "“We will vote,” she said on Jan. 12 at the hall. Nobody came."
    end = end_of_sentence_after(text, "said")
    assert text[:end].endswith("at the hall.")


def test_a_title_before_a_title_does_not_end_a_sentence():
    text = "The count was late. Lt. Gov. Omar Delacroix said it was “a farce.”"
    start = sentence_start(text, 0, text.index("“"))
    assert text[start:].startswith("Lt. Gov. Omar Delacroix")


def test_a_full_stop_after_a_word_still_ends_the_sentence():
    text = "“Fine,” said Ferreira. The hall emptied. Nobody stayed."
    end = end_of_sentence_after(text, "said")
    assert text[:end] == "“Fine,” said Ferreira."
    start = sentence_start(text, 0, text.index("Nobody"))
    assert text[start:] == "Nobody stayed."


def test_speaker_with_run_together_initials_keeps_the_surname():
    text = (
        "The vote was close.\n\n"
        "“We held the line,” said Rep. D.L. Ferreira of Maine."
    )
    [quote] = extract_quotes(text)
    assert quote.speaker == "D.L. Ferreira"


def test_speaker_named_after_two_titles_joined_by_and():
    """"former Ohio Gov. and party chair Nadia Brask": one person with two
    titles, named after the second, not a speaker called "Ohio Gov"."""
    text = (
        "The bridge reopened on Monday.\n\n"
        "“The levee will hold,” said former Ohio Gov. and party chair "
        "Nadia Brask."
    )
    [quote] = extract_quotes(text)
    assert quote.speaker == "Nadia Brask"


def test_a_lower_case_and_after_a_plain_word_still_ends_the_name():
    text = (
        "The bridge reopened on Monday.\n\n"
        "“The levee will hold,” said Nadia Brask and then left the podium."
    )
    [quote] = extract_quotes(text)
    assert quote.speaker == "Nadia Brask"


def test_a_pronoun_finds_the_person_named_after_a_title():
    """The ranker's sentence edge does not stop at "Sen.": Tull is the
    subject of his sentence, so "he" is Tull, not Marsh before him."""
    text = (
        "Ned Marsh met party leaders on Tuesday.\n\n"
        "Marsh told a news conference they are “building bridges” for the fall.\n\n"
        "Sen. Omar Tull of Vermont, a Marsh ally, said it will help both the "
        "nominee and the leader.\n\n"
        "“I don’t think it’s over,” he said."
    )
    quote = extract_quotes(text)[-1]
    assert quote.speaker == "Omar Tull"
