"""Scoring of the extractor, and its quality bar on the development set."""

from pathlib import Path

import pytest

from masthead.quotes.evaluate import (
    evaluate,
    format_report,
    load_jsonl,
    locate_gold,
    match,
    normalise_speaker,
    overlap,
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
