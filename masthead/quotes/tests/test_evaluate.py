"""Scoring of the extractor, and its quality bar on the development set."""

from dataclasses import replace
from pathlib import Path

import pytest

from masthead.quotes.evaluate import (
    _surnames,
    evaluate,
    format_report,
    load_jsonl,
    locate_gold,
    match,
    normalise_speaker,
    overlap,
    speaker_is_right,
    trim,
)
from masthead.quotes.extract import Quotation

DEVSET = Path(__file__).parent / "data" / "devset.jsonl"
CUE_TYPES = {
    "after",
    "before",
    "colon",
    "according_to",
    "pronoun",
    "description",
    "organisation",
    "continuation",
    "partial",
}


def predicted(text, words, speaker, cue_type="after"):
    start = text.index(words)
    return Quotation(
        words, start, start + len(words), speaker, "", "said", cue_type, 0.9, False
    )


def test_overlap_is_shared_characters_over_the_longer_span():
    assert overlap(0, 10, 0, 10) == 1.0
    assert overlap(0, 10, 5, 10) == 0.5
    assert overlap(0, 10, 0, 20) == 0.5
    assert overlap(0, 10, 10, 20) == 0.0


def test_speakers_compare_on_case_space_apostrophes_and_article():
    assert normalise_speaker(
        "The Harbor  County Sheriff’s Office"
    ) == normalise_speaker("harbor county sheriff's office")
    assert normalise_speaker(None) == ""


def test_gold_quotes_are_located_in_order():
    text = "“Yes, we will,” Ames said. Later: “Yes, we will,” Ames said again."
    quotes = [{"quote": "Yes, we will"}, {"quote": "Yes, we will"}]
    assert [start for start, _, _ in locate_gold(text, quotes)] == [1, 35]


def test_a_gold_quote_missing_from_the_text_is_an_error():
    with pytest.raises(ValueError):
        locate_gold("Nothing here.", [{"quote": "not in the text"}])


def test_match_needs_three_tenths_of_the_longer_span():
    text = "“One two three four five six seven eight,” Ames said."
    gold = locate_gold(text, [{"quote": "One two three four five six seven eight"}])
    short = predicted(text, "One two", "Ames")
    pairs, extra = match(gold, [short])
    assert pairs[0][1] is None and extra == [short]


def test_scores_count_hits_misses_extras_and_speakers():
    text = (
        "“We open Monday,” Ames said. “Bring a friend,” Cole said. "
        "A “scare quote” here."
    )
    record = {
        "text": text,
        "quotes": [
            {"quote": "We open Monday", "speaker": "Ames", "cue_type": "after"},
            {"quote": "Bring a friend", "speaker": "Cole", "cue_type": "after"},
        ],
    }

    def extractor(body):
        return [
            predicted(body, "We open Monday", "ames"),
            predicted(body, "Bring a friend", "Ames"),
            predicted(body, "scare quote", None, "partial"),
        ]

    result = evaluate([record], extractor)
    overall = result.overall
    assert (
        overall.true_positives,
        overall.false_positives,
        overall.false_negatives,
    ) == (2, 1, 0)
    assert overall.precision == pytest.approx(2 / 3)
    assert overall.recall == 1.0
    assert overall.speaker_accuracy == 0.5
    assert result.by_cue_type["partial"].false_positives == 1
    assert result.by_cue_type["after"].true_positives == 2
    assert result.as_dict()["overall"]["f1"] == pytest.approx(0.8)


def test_report_is_a_table_with_a_row_per_cue_type():
    record = {
        "text": "“Hello there, everyone,” Ames said.",
        "quotes": [
            {"quote": "Hello there, everyone", "speaker": "Ames", "cue_type": "after"}
        ],
    }
    report = format_report(evaluate([record], lambda body: []), show_errors=True)
    assert "overall" in report and "after" in report
    assert "missed" in report


def test_development_set_is_large_varied_and_annotated():
    records = load_jsonl(DEVSET)
    assert len(records) >= 30
    assert all(150 <= len(r["text"].split()) <= 600 for r in records)
    cue_types = {q["cue_type"] for r in records for q in r["quotes"]}
    assert cue_types == CUE_TYPES
    straight = sum('"' in r["text"] for r in records)
    assert 5 <= straight <= len(records) - 5  # both kinds of quotation mark


def test_extractor_meets_the_quality_bar_on_the_development_set():
    result = evaluate(load_jsonl(DEVSET))
    assert result.overall.f1 >= 0.95, format_report(result, show_errors=True)
    assert result.overall.speaker_accuracy >= 0.92, format_report(
        result, show_errors=True
    )


# The scoring of ../shared/quotes/README.md (issue #25).


def polnear_like(text, words, speaker, **fields):
    start = text.index(words)
    quote = {"quote": words, "speaker": speaker, "start": start}
    quote["end"] = start + len(words)
    return {
        "kind": "full",
        "speaker_type": "person",
        "source_span": "",
        **quote,
        **fields,
    }


def test_spans_are_trimmed_of_marks_space_and_final_punctuation():
    text = "“ Rain again, ” she said."
    assert trim(text, 0, len("“ Rain again, ”")) == (2, 12)


def test_three_tenths_overlap_matches_and_each_gold_is_matched_once():
    text = "“One two three four five six seven eight nine ten,” Ames said."
    gold = locate_gold(
        text, [{"quote": "One two three four five six seven eight nine ten"}]
    )
    half = predicted(text, "One two three four five", "Ames")  # 23 of 48 characters
    tail = predicted(text, "five six seven eight nine ten", "Ames")  # 30 of 48
    pairs, extra = match(gold, [half, tail], text)
    assert pairs[0][1] is tail and extra == [half]  # the larger overlap wins
    pairs, extra = match(gold, [predicted(text, "eight nine ten", "Ames")], text)
    assert pairs[0][1] is None and len(extra) == 1  # 14 of 48: under 0.3


def test_aliases_and_a_unique_surname_count_as_the_right_speaker():
    text = "“We are ready,” said Wren. “So are we,” said Dee Hallam."
    quotes = [
        polnear_like(
            text, "We are ready", "Ottilie Wren", speaker_aliases=["Tilly Wren"]
        ),
        polnear_like(text, "So are we", "Dee Hallam"),
    ]
    surnames = _surnames(quotes)
    assert speaker_is_right(quotes[0], "Tilly Wren", surnames)
    assert speaker_is_right(quotes[0], "Wren", surnames)
    assert speaker_is_right(quotes[0], "O. Wren", surnames)
    assert not speaker_is_right(quotes[0], "Hallam", surnames)
    assert not speaker_is_right(quotes[0], None, surnames)


def test_a_surname_two_people_share_is_not_enough():
    text = "“Yes,” said Ann Voigt. “No,” said Carl Voigt."
    quotes = [
        polnear_like(text, "Yes", "Ann Voigt"),
        polnear_like(text, "No", "Carl Voigt"),
    ]
    assert not speaker_is_right(quotes[0], "Voigt", _surnames(quotes))
    assert speaker_is_right(quotes[0], "ann voigt", _surnames(quotes))


def test_speakers_are_scored_on_people_and_groups_and_pronoun_sources_apart():
    text = "“Cut the tax,” he said. “We object,” the Harwick Guild said."
    record = {
        "text": text,
        "quotes": [
            polnear_like(text, "Cut the tax", "Lev Orban", source_span="he"),
            polnear_like(
                text, "We object", "Harwick Guild", speaker_type="org", kind="partial"
            ),
        ],
    }

    def extractor(body):
        return [
            predicted(body, "Cut the tax", "Lev Orban", "pronoun"),
            predicted(body, "We object", "Someone Else"),
        ]

    result = evaluate([record], extractor)
    assert result.overall.true_positives == 2
    assert result.overall.speakers_scored == 1  # the organisation is not scored
    assert result.pronoun.speaker_accuracy == 1.0
    assert (result.full.true_positives, result.partial.true_positives) == (1, 1)


def test_shown_counts_only_attributions_at_or_above_the_threshold():
    text = "“Cut the tax,” Orban said. “Raise it,” Pell said."
    record = {
        "text": text,
        "quotes": [
            polnear_like(text, "Cut the tax", "Lev Orban"),
            polnear_like(text, "Raise it", "Ida Pell"),
        ],
    }

    def extractor(body):
        sure, unsure = (
            predicted(body, "Cut the tax", "Lev Orban"),
            predicted(body, "Raise it", "Someone Else"),
        )
        return [replace(sure, confidence=0.99), replace(unsure, confidence=0.3)]

    result = evaluate([record], extractor, threshold=0.9)
    assert (result.shown.speakers_scored, result.shown.speaker_accuracy) == (1, 1.0)
    assert result.shown_share == 0.5


POLNEAR_DEV = (
    Path(__file__).resolve().parents[4] / "shared" / "quotes" / "polnear-dev.jsonl"
)


@pytest.mark.skipif(not POLNEAR_DEV.exists(), reason="../shared/quotes is not here")
def test_figures_on_real_news_hold_what_the_readme_reports():
    """Issue #25 on PolNeAR dev. The floors are what the README quotes (rounded
    down), so a change that loses ground fails; the issue's targets that are
    not met yet are listed in the README with their figures.

    Pronoun sources are held twice: over all of them, and over the speakers
    marked ``high`` (0.943, 83 of 88, in the README). Half of dev's (90 of
    178) have a gold speaker marked ``low``, from automatic coreference alone
    and often wrong; two rankers equal on train have differed by six of those
    (0.693 and 0.659), so a retrained ranker may need the first floor looked
    at, while the second is what holds the rules' ground (one quote below
    the README's figure still passes). The share shown without review (36.6%
    in the README) is held too: issue #25's fourth pass showed more at the
    same precision.
    """
    records = load_jsonl(POLNEAR_DEV)
    result = evaluate(records)
    report = format_report(result)
    assert result.full.f1 >= 0.97, report
    assert result.overall.f1 >= 0.95, report
    assert result.partial.f1 >= 0.90, report
    assert result.overall.speaker_accuracy >= 0.85, report
    assert result.pronoun.speaker_accuracy >= 0.70, report
    assert result.shown.speaker_accuracy >= 0.97, report  # the target
    assert result.shown_share >= 0.36, report  # more shown at that precision
    sure = [
        {**r, "quotes": [q for q in r["quotes"] if q.get("confidence") != "low"]}
        for r in records
    ]
    assert evaluate(sure).pronoun.speaker_accuracy >= 0.93, report
