"""Attribution patterns found on PolNeAR train (issue #25, second pass).

One pattern per test, each written by hand; all people, places and
organisations are invented.
"""

from masthead.quotes import ranker
from masthead.quotes.attribute import Attributor
from masthead.quotes.confidence import SHOW_THRESHOLD
from masthead.quotes.extract import extract_quotes, prepare


def speakers(text):
    return [(q.text, q.speaker) for q in extract_quotes(text)]


def test_a_partial_quotes_cue_may_close_its_sentence():
    text = (
        "The county has used “velvet gloves” with its towns, said Nadia Kessel, "
        "a planner at Orvane College."
    )
    assert speakers(text) == [("velvet gloves", "Nadia Kessel")]


def test_a_full_quotes_cue_may_close_its_sentence_after_a_paraphrase():
    text = (
        "“Many would call that a loss for Ada Roy” if she fell short, said Dov "
        "Wasser, an analyst. “And yet it would settle the race” because she "
        "would gain delegates, he said."
    )
    assert [s for _, s in speakers(text)] == ["Dov Wasser", "Dov Wasser"]


def test_an_opening_mark_typed_for_a_closing_one_closes_the_quote():
    text = "“It is unusual,“ said Lena Noble, a lawyer. “It is hard to pull off.”"
    assert speakers(text) == [
        ("It is unusual", "Lena Noble"),
        ("It is hard to pull off.", "Lena Noble"),
    ]


def test_a_sentence_of_a_name_and_its_verb_after_a_full_stop_attributes():
    text = (
        "Ada Roy spoke first. Then Ben Tate rose.\n\n"
        "“I hope you find the files that are missing.” Tate said."
    )
    assert speakers(text)[0][1] == "Ben Tate"


def test_a_surname_that_is_also_a_place_is_the_person_with_it():
    text = (
        "Rep. Sol Israel spoke after Rep. Joe Crane.\n\n"
        "“When the vote comes, they will need more chairs,” Israel said."
    )
    assert speakers(text)[0][1] == "Sol Israel"


def test_a_lone_word_is_a_surname_before_it_is_a_first_name():
    text = (
        "Gov. Jack Darrow spoke. “We came in with zero,” said Bram Jack, a "
        "strategist.\n\nJack noted that “many of those elected are undecided.”"
    )
    assert [s for _, s in speakers(text)] == ["Bram Jack", "Bram Jack"]


def test_an_affiliation_does_not_make_a_speaker_too_long():
    text = (
        "“Building it would be a stretch,” Jeff Lowe of the Marten Center for "
        "Nonproliferation Studies in Ohio said."
    )
    assert speakers(text)[0][1] == "Jeff Lowe"


def test_initials_and_jr_keep_their_stops():
    text = "“We have to be careful,” said Sen. Robert P. Casey Jr. (D-Pa.), a backer."
    assert speakers(text)[0][1] == "Robert P. Casey Jr."


def test_a_possessive_owner_is_not_part_of_the_name():
    text = "“The count is off,” said the Harbor Ledger’s Mina Osk."
    assert speakers(text)[0][1] == "Mina Osk"


def test_a_fragment_under_a_participle_with_a_named_subject_is_speech():
    text = "Mayor Tilde Rask hit back, calling the critics “cowards” and worse."
    assert speakers(text) == [("cowards", "Tilde Rask")]


def test_a_second_short_fragment_in_the_sentence_is_speech_too():
    text = (
        "Tilde Rask claimed she had made “many sacrifices,” such as building "
        "towers with “great success.”"
    )
    assert [s for _, s in speakers(text)] == ["Tilde Rask", "Tilde Rask"]


def test_a_fragment_before_a_cued_one_shares_the_cue_after_them():
    text = (
        "Floods are “the gravest risk we face” and “a cost to every family,” "
        "Hugo Brenn, the county engineer, told the board."
    )
    assert [s for _, s in speakers(text)] == ["Hugo Brenn", "Hugo Brenn"]


def test_a_partial_quotes_cue_naming_no_one_goes_to_the_person_in_its_sentence():
    text = (
        "Oren Falk spoke in March.\n\n"
        "But a few days later, Oren Falk reversed himself again, telling "
        "reporters that the rules “are set for good.”"
    )
    assert speakers(text) == [("are set for good.", "Oren Falk")]


def test_a_section_label_in_capitals_does_not_sign_the_quote_before_it():
    text = (
        "Minister Ola Brand spoke at the port.\n\n"
        "“That is why this region matters to our security.”\n\n"
        "HARBOR COUNTER.\n\n"
        "The talks resume Monday."
    )
    assert speakers(text)[0][1] != "Harbor Counter"


def test_a_qualifying_title_word_before_a_lone_word_makes_no_person():
    _, table, _, _ = prepare("Ada Roy runs the Head Start program in Corvale.")
    assert [e.name for e in table.entities] == ["Ada Roy"]


def test_a_description_in_lower_case_runs_on_past_of_to_the_name():
    text = "“We will win,” said former secretary of state Ada Roy, who spoke first."
    assert speakers(text)[0][1] == "Ada Roy"


def test_an_unnamed_adviser_speaks_for_the_person_named_in_the_description():
    text = (
        "Ted Voss spoke at the county fair.\n\n"
        "“He will carry the state,” a senior Voss adviser said."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Ted Voss" and quote.confidence < SHOW_THRESHOLD


def test_a_no_break_space_is_a_space():
    text = "“It was a lovely day,” said another\xa0friend, Mara Lind."
    assert speakers(text)[0][1] == "Mara Lind"


def test_a_description_no_role_matches_is_never_shown_to_readers():
    text = (
        "Dana Ruiz toured the plant with Mayor Ben Holt.\n\n"
        "“We need these jobs,” the Republican presidential candidate said."
    )
    (quote,) = extract_quotes(text)
    assert quote.cue_type == "description" and quote.confidence < SHOW_THRESHOLD


def test_a_participle_or_like_phrase_before_the_subject_is_skipped():
    text = (
        "Ada Roy and Cal Wren spoke in Corvale.\n\n"
        "Filling in for Ada Roy at the fair, Wren landed a dig at “my dear rival.”\n\n"
        "Like Roy, Wren also rejected the plan, arguing it was “a false choice.”"
    )
    assert [s for _, s in speakers(text)] == ["Cal Wren", "Cal Wren"]


def test_a_fragments_named_subject_before_it_wins_over_a_description_after():
    text = (
        "But even as Dana Voss claimed that “the general got off easy,” one of "
        "the prosecutors for Tom Reyes said the cases differ."
    )
    assert speakers(text)[0][1] == "Dana Voss"


def test_a_name_with_a_long_appositive_before_the_verb_is_the_speaker():
    text = (
        "“Both of them scare me,” Harry Bond, 30, of Raleigh, N.C., who was "
        "among those polled, said in an interview."
    )
    assert speakers(text)[0][1] == "Harry Bond"


def test_a_closing_cue_may_carry_a_long_appositive():
    text = (
        "“We are extremely happy” about the decision, said Rosa Demaro, director "
        "of the Nurses Guild, a union that has broken away from many others."
    )
    assert speakers(text)[0][1] == "Rosa Demaro"


def test_a_lone_surname_under_a_quote_signs_it_when_the_story_names_that_person():
    text = (
        "Senator Ines Vatra and Senator Pell Ostrander spoke.\n\n"
        "“Freight lines pay almost nothing in taxes.”\n\n"
        "- Vatra.\n\n"
        "The claim is hard to check."
    )
    assert speakers(text)[0][1] == "Ines Vatra"


def test_exhorting_and_tweeting_are_cues():
    text = (
        "“It is about time,” exhorted the host, actress Lena Marsh.\n\n"
        "Republicans were quick to pile on, with Dana Voss tweeting that it "
        "was a “disaster” for the plan."
    )
    assert [s for _, s in speakers(text)] == ["Lena Marsh", "Dana Voss"]


def test_quotes_each_on_its_own_line_signed_with_a_dash_are_each_signers():
    text = (
        "Readers sent their verdicts on the debate.\n"
        "“He never answered a single question about the port.” ― Mara Lind\n"
        "“The mayor looked tired and said nothing new all night.” ― Oren Falk\n"
    )
    assert speakers(text) == [
        ("He never answered a single question about the port.", "Mara Lind"),
        ("The mayor looked tired and said nothing new all night.", "Oren Falk"),
    ]


def test_a_quote_paragraph_under_a_colon_is_the_introducers():
    text = (
        "“We will reopen the road by Friday,” Mayor Ben Holt said.\n\n"
        "As the columnist Joel Parrish reported after the raid:\n\n"
        "“The county has done almost nothing with what it found in the barn.”"
    )
    assert speakers(text)[-1][1] == "Joel Parrish"


def test_a_lone_surname_that_reports_is_a_person_for_the_pronoun_after():
    # Issue #25, third pass: a story that never gives her first name left
    # no candidate for the "she said" that follows.
    text = (
        "Tobin Marr apologised to the council on Monday.\n\n"
        "“It was a mistake,” he said.\n\n"
        "Voskuijl said she accepted the apology.\n\n"
        "“We should move on now,” she said."
    )
    assert speakers(text)[1] == ("We should move on now", "Voskuijl")


def test_a_lone_word_of_a_companys_name_is_a_person_when_he_or_she_follows():
    text = (
        "Pellworth Holdings opened its tower in May after nine years.\n\n"
        "Pellworth said he was proud of the builders.\n\n"
        "“Nobody thought we would finish,” he said."
    )
    assert speakers(text)[0][1] == "Pellworth"


def test_a_lone_word_of_a_companys_name_with_it_after_stays_the_company():
    text = (
        "Brightfield Renewables filed its plans on Monday.\n\n"
        "Brightfield said it would hire forty people. “We start in June,” "
        "Brightfield said."
    )
    assert extract_quotes(text)[0].speaker_kind == "org"


def test_a_title_quoted_earlier_in_the_sentence_does_not_hide_its_subject():
    text = (
        "Mara Voss spoke on Monday.\n\n"
        "Sen. Tobin Marr visited the studio of “Morning Desk” to discuss his "
        "rival, Mara Voss, saying “on her worst day” she would beat the others."
    )
    assert speakers(text) == [("on her worst day", "Tobin Marr")]


def test_a_name_set_off_after_a_role_in_a_cue_after_the_quote_speaks():
    text = (
        "Tobin Marr ran again in May.\n\n"
        "“By December, the state stood out,” Marr’s campaign manager, Jeff "
        "Weller, said in an interview.\n\n"
        "“We need him home,” his sister, Ada Lena Marr, wrote in a letter."
    )
    assert [s for _, s in speakers(text)] == ["Jeff Weller", "Ada Lena Marr"]


def test_a_party_tag_before_a_comma_ends_the_name_before_the_verb():
    text = (
        "After winning the Ohio primary, Gov. Tobin Marr (R-OH), said, “I am "
        "getting ready to rent a wagon.”"
    )
    assert speakers(text)[0][1] == "Tobin Marr"


def test_a_dash_ends_the_phrase_before_a_cue_verb():
    text = (
        "Ada Roy spoke first.\n\nWeller noted that the problem is not new to the "
        "city - he wrote about it years ago, “You fit it with other tragedies.”"
    )
    assert speakers(text)[0][1] == "Weller"


def test_then_before_a_pronoun_in_a_colon_introduction_is_not_a_name():
    text = (
        "Ada Roy said she could not back him. “I will write in a name,” she said. "
        "Then she added a caveat: “Down the ballot, I will vote for anyone.”"
    )
    assert [s for _, s in speakers(text)] == ["Ada Roy", "Ada Roy"]


def test_even_opening_a_sentence_is_not_its_subject():
    text = (
        "Ada Roy spoke first.\n\nEven before the polls closed, Tobin Marr sent "
        "a text to supporters saying: “With your help, we won.”"
    )
    assert speakers(text)[0][1] == "Tobin Marr"


def test_a_name_after_a_preposition_before_a_colon_is_not_a_label():
    text = (
        "Tobin Marr spoke at the rally.\n\n"
        "Marr praised the council and contrasted it with Lena Voss: “What I "
        "have seen working with her is steady.”"
    )
    assert speakers(text)[0][1] == "Tobin Marr"


def test_a_gender_the_article_states_rules_a_candidate_out_for_a_pronoun():
    # Issue #25: "he said" went to a woman named just before. With weights
    # that follow recency alone, a gender read from her first name still
    # keeps "he" off her, and the probability is taken over everyone.
    text = (
        "Tobin Marr ran the meeting.\n\n"
        "“We begin today,” said Susan Voss, the chair. “We have waited long "
        "enough,” he said."
    )
    recency_only = [0.0] * len(ranker.FEATURES)
    recency_only[ranker.FEATURES.index("rank0")] = 5.0
    ranker.use_weights({kind: recency_only for kind in ranker.KINDS})
    try:
        masked, table, bounds, speech = prepare(text)
        made = []
        Attributor(masked, table, bounds, record=made).attribute_all(speech)
    finally:
        ranker.use_weights({})
    ((_, _, choice),) = [m for m in made if m[1] == "pronoun"]
    assert [e.name for e, _ in choice.candidates] == ["Susan Voss", "Tobin Marr"]
    assert choice.entity.name == "Tobin Marr" and choice.probability < 0.5


def test_a_run_of_title_words_alone_is_no_person():
    text = (
        "Ada Roy held a rally on Monday, where she thanked the Attorney General "
        "of Delaware.\n\n“I want to mention someone who is not here,” she said."
    )
    masked, table, _, _ = prepare(text)
    assert [e.name for e in table.entities if e.kind == "person"] == ["Ada Roy"]
    assert speakers(text)[0][1] == "Ada Roy"


def test_a_fragment_after_a_quoted_title_has_the_sentences_reporting_subject():
    text = (
        "Tobin Marr said that after the vote on “Plan B,” the council was "
        "“only pretending to listen to anyone.”"
    )
    assert speakers(text) == [("only pretending to listen to anyone.", "Tobin Marr")]
