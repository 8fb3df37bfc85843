"""Score the quotation extractor against annotated articles.

Input records are JSON objects, one per line::

    {"text": "...", "quotes": [{"quote": "...", "speaker": "...", "cue_type": "after"}]}

``cue_type`` is optional (scored as "unlabelled" when absent). Its values are
those the extractor emits:

- ``after``: a named speaker after the quote ("…," Bass said / said Bass)
- ``before``: a named speaker before it (Bass said, "…")
- ``colon``: a colon introduction (Reyes put it bluntly: "…")
- ``according_to``: "…," according to Reyes
- ``pronoun``: "…," she said
- ``description``: "…," the mayor said (a title or description, not a name)
- ``organisation``: the speaker is an organisation ("…," the district said)
- ``continuation``: no cue; the previous speaker carries on
- ``partial``: a few quoted words inside the writer's paraphrase

Matching. A gold quote is located in the text by its first occurrence after
the previous gold quote. A predicted quote matches a gold one when their
character overlap, ``overlap_len / max(len(gold), len(pred))``, is at least
0.5; each is matched at most once, greedily in text order. So a prediction
that swallows two gold quotes matches at most one of them.

Speakers of matched pairs are compared after normalising case, white space,
curly apostrophes and a leading "the".
"""

import json
import re
from dataclasses import dataclass, field

from .extract import extract_quotes

MIN_OVERLAP = 0.5
_SPACE = re.compile(r"\s+")


@dataclass
class Scores:
    """Counts for one slice of the data, with the ratios derived from them."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    speakers_right: int = 0

    @property
    def precision(self):
        return _ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self):
        return _ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return _ratio(2 * p * r, p + r)

    @property
    def speaker_accuracy(self):
        return _ratio(self.speakers_right, self.true_positives)


@dataclass
class Evaluation:
    """Overall scores, scores per cue type, and the misses for inspection.

    Per cue type, a true positive and a false negative count under the gold
    quote's type, a false positive under the predicted quote's type.
    """

    overall: Scores = field(default_factory=Scores)
    by_cue_type: dict = field(default_factory=dict)
    articles: int = 0
    errors: list = field(default_factory=list)

    def slice(self, cue_type):
        return self.by_cue_type.setdefault(cue_type or "unlabelled", Scores())

    def as_dict(self):
        return {
            "articles": self.articles,
            "overall": _scores_dict(self.overall),
            "by_cue_type": {
                k: _scores_dict(v) for k, v in sorted(self.by_cue_type.items())
            },
        }


def _ratio(numerator, denominator):
    return numerator / denominator if denominator else 0.0


def _scores_dict(scores):
    return {
        "precision": scores.precision,
        "recall": scores.recall,
        "f1": scores.f1,
        "speaker_accuracy": scores.speaker_accuracy,
        "true_positives": scores.true_positives,
        "false_positives": scores.false_positives,
        "false_negatives": scores.false_negatives,
    }


def normalise_speaker(name):
    """Compare speakers on case, spacing and apostrophes only."""
    if not name:
        return ""
    name = _SPACE.sub(" ", name.replace("’", "'")).strip().casefold()
    return name[4:] if name.startswith("the ") else name


def overlap(a_start, a_end, b_start, b_end):
    """Shared characters over the longer of the two spans (0 to 1)."""
    shared = min(a_end, b_end) - max(a_start, b_start)
    longest = max(a_end - a_start, b_end - b_start)
    return shared / longest if shared > 0 and longest else 0.0


def locate_gold(text, quotes):
    """(start, end, quote) for each gold quote found in ``text``."""
    located, cursor = [], 0
    for quote in quotes:
        at = text.find(quote["quote"], cursor)
        if at < 0:
            at = text.find(quote["quote"])
        if at < 0:
            raise ValueError(f"gold quote not in text: {quote['quote'][:60]!r}")
        located.append((at, at + len(quote["quote"]), quote))
        cursor = at + len(quote["quote"])
    return located


def match(gold, predicted):
    """Pair gold spans with predictions; returns (pairs, unmatched predictions)."""
    unused = list(predicted)
    pairs = []
    for start, end, quote in gold:
        best = max(
            unused, key=lambda p: overlap(start, end, p.start, p.end), default=None
        )
        if (
            best is not None
            and overlap(start, end, best.start, best.end) >= MIN_OVERLAP
        ):
            unused.remove(best)
            pairs.append((quote, best))
        else:
            pairs.append((quote, None))
    return pairs, unused


def evaluate(records, extractor=extract_quotes):
    """Score ``extractor`` on annotated records (dicts as read from JSONL)."""
    result = Evaluation()
    for number, record in enumerate(records):
        gold = locate_gold(record["text"], record["quotes"])
        pairs, extra = match(gold, extractor(record["text"]))
        result.articles += 1
        for quote, prediction in pairs:
            _score_pair(result, number, quote, prediction)
        for prediction in extra:
            for scores in (result.overall, result.slice(prediction.cue_type)):
                scores.false_positives += 1
            result.errors.append(
                (number, "extra", prediction.text[:70], prediction.speaker)
            )
    return result


def _score_pair(result, number, quote, prediction):
    slices = (result.overall, result.slice(quote.get("cue_type")))
    if prediction is None:
        for scores in slices:
            scores.false_negatives += 1
        result.errors.append(
            (number, "missed", quote["quote"][:70], quote.get("speaker"))
        )
        return
    right = normalise_speaker(quote.get("speaker")) == normalise_speaker(
        prediction.speaker
    )
    for scores in slices:
        scores.true_positives += 1
        scores.speakers_right += right
    if not right:
        result.errors.append(
            (
                number,
                "speaker",
                quote["quote"][:70],
                f"{quote.get('speaker')} != {prediction.speaker}",
            )
        )


def load_jsonl(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def format_report(evaluation, show_errors=False):
    """A plain-text table for the command line."""
    lines = [
        f"{evaluation.articles} articles",
        f"{'cue type':<14}{'gold':>6}{'P':>8}{'R':>8}{'F1':>8}{'speaker':>9}",
    ]
    rows = [("overall", evaluation.overall)] + sorted(evaluation.by_cue_type.items())
    for name, s in rows:
        gold = s.true_positives + s.false_negatives
        lines.append(
            f"{name:<14}{gold:>6}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
            f"{s.speaker_accuracy:>9.3f}"
        )
    if show_errors:
        lines += [
            f"  #{n} {kind}: {text!r} ({detail})"
            for n, kind, text, detail in evaluation.errors
        ]
    return "\n".join(lines)
