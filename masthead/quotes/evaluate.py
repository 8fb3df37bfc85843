"""Score the quotation extractor against annotated articles.

Input records are JSON objects, one per line::

    {"text": "...", "quotes": [{"quote": "...", "speaker": "...", "cue_type": "after"}]}

The project's own devset gives ``cue_type``; the PolNeAR files in
``../shared/quotes/`` give ``start``/``end``, ``kind`` (full or partial),
``source_span``, ``speaker_type`` and ``speaker_aliases``. The scoring is the
one that README describes, and Voices is judged by (issue #25):

- Matching. Gold and predicted spans are trimmed of quote marks, white space
  and a trailing "," or "."; a pair's overlap is their shared characters over
  the longer span, and pairs of overlap >= 0.3 are matched one to one, the
  largest overlaps first. P/R/F1 are reported on all segments and on full
  quotes only.
- Speakers. Scored over matched segments whose ``speaker_type`` is person or
  group (every segment when the record has no type). Right when equal, case
  and spacing aside, to the speaker or an alias, or when it has the same
  surname and the article has no other person of that surname. Reported
  overall and on segments whose ``source_span`` is a pronoun.
- Shown. Of the scored segments whose confidence reaches the display
  threshold (confidence.SHOW_THRESHOLD), how many are right: what a reader
  sees without an editor having looked.
"""

import json
import re
from dataclasses import dataclass, field

from .confidence import SHOW_THRESHOLD
from .extract import extract_quotes

MIN_OVERLAP = 0.3
_SPACE = re.compile(r"\s+")
_TRIM = " \t\n\r“”\"‘’'"
PRONOUNS = frozenset("he she they i we you it him her them".split())
SCORED_TYPES = frozenset(("person", "group"))


@dataclass
class Scores:
    """Counts for one slice of the data, with the ratios derived from them."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    speakers_scored: int = 0
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
        return _ratio(self.speakers_right, self.speakers_scored)


@dataclass
class Evaluation:
    """Overall scores, slices (full, partial, pronoun, per cue type), misses.

    Per cue type, a true positive and a false negative count under the gold
    quote's type (the predicted one when gold has none), a false positive
    under the predicted quote's type.
    """

    overall: Scores = field(default_factory=Scores)
    full: Scores = field(default_factory=Scores)
    partial: Scores = field(default_factory=Scores)
    pronoun: Scores = field(default_factory=Scores)
    shown: Scores = field(default_factory=Scores)
    by_cue_type: dict = field(default_factory=dict)
    articles: int = 0
    errors: list = field(default_factory=list)

    def slice(self, cue_type):
        return self.by_cue_type.setdefault(cue_type or "unlabelled", Scores())

    @property
    def shown_share(self):
        """The share of scored segments shown with a name without review."""
        return _ratio(self.shown.speakers_scored, self.overall.speakers_scored)

    def as_dict(self):
        return {
            "articles": self.articles,
            "overall": _scores_dict(self.overall),
            "full": _scores_dict(self.full),
            "partial": _scores_dict(self.partial),
            "pronoun": _scores_dict(self.pronoun),
            "shown": _scores_dict(self.shown),
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
        "speakers_scored": scores.speakers_scored,
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


def trim(text, start, end):
    """The span without quote marks, white space and a trailing "," or "."."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1] in ",."):
        end -= 1
    return start, end


def locate_gold(text, quotes):
    """(start, end, quote) for each gold quote, trimmed, in the text's offsets.

    Offsets given by the record are used when they hold the quote; otherwise
    the quote is found at its first occurrence after the previous one.
    """
    located, cursor = [], 0
    for quote in quotes:
        words, at = quote["quote"], quote.get("start")
        if at is None or text[at : at + len(words)] != words:
            at = text.find(words, cursor)
            if at < 0:
                at = text.find(words)
        if at < 0:
            raise ValueError(f"gold quote not in text: {words[:60]!r}")
        located.append((*trim(text, at, at + len(words)), quote))
        cursor = at + len(words)
    return located


def match(gold, predicted, text=None):
    """Pair gold spans with predictions one to one, the largest overlaps first.

    Returns (pairs in gold order, unmatched predictions).
    """
    spans = [_predicted_span(text, p) for p in predicted]
    candidates = []
    for g, (start, end, _) in enumerate(gold):
        for p, (p_start, p_end) in enumerate(spans):
            share = overlap(start, end, p_start, p_end)
            if share >= MIN_OVERLAP:
                candidates.append((-share, g, p))
    candidates.sort()
    gold_to, taken = {}, set()
    for _, g, p in candidates:
        if g not in gold_to and p not in taken:
            gold_to[g] = p
            taken.add(p)
    pairs = [
        (quote, predicted[gold_to[g]] if g in gold_to else None)
        for g, (_, _, quote) in enumerate(gold)
    ]
    return pairs, [p for i, p in enumerate(predicted) if i not in taken]


def _predicted_span(text, prediction):
    if text is None:
        return prediction.start, prediction.end
    return trim(text, prediction.start, prediction.end)


def is_pronoun(source_span):
    return (source_span or "").strip().lower() in PRONOUNS


def speaker_is_right(quote, predicted, surnames):
    """The README's rule: the name or an alias, or a surname no one else has."""
    if not predicted:
        return False
    names = {normalise_speaker(quote.get("speaker"))}
    names |= {normalise_speaker(a) for a in quote.get("speaker_aliases") or ()}
    names.discard("")
    guess = normalise_speaker(predicted)
    if guess in names:
        return True
    surname = guess.split()[-1]
    return (
        any(n.split()[-1] == surname for n in names) and surnames.get(surname, 0) <= 1
    )


def _surnames(quotes):
    """How many different people of each surname the article's speakers are."""
    people = {}
    for quote in quotes:
        if not _scored(quote) or not quote.get("speaker"):
            continue
        name = normalise_speaker(quote["speaker"])
        people.setdefault(name.split()[-1], set()).add(name)
    return {surname: len(names) for surname, names in people.items()}


def _scored(quote):
    kind = quote.get("speaker_type")
    return kind is None or kind in SCORED_TYPES


def evaluate(records, extractor=extract_quotes, threshold=SHOW_THRESHOLD):
    """Score ``extractor`` on annotated records (dicts as read from JSONL)."""
    result = Evaluation()
    for number, record in enumerate(records):
        text = record["text"]
        gold = locate_gold(text, record["quotes"])
        pairs, extra = match(gold, extractor(text), text)
        surnames = _surnames(record["quotes"])
        result.articles += 1
        for quote, prediction in pairs:
            _score_pair(result, number, quote, prediction, surnames, threshold)
        for prediction in extra:
            for scores in (result.overall, result.slice(prediction.cue_type)):
                scores.false_positives += 1
            if not prediction.is_partial:
                result.full.false_positives += 1
            else:
                result.partial.false_positives += 1
            result.errors.append(
                (number, "extra", prediction.text[:70], prediction.speaker)
            )
    return result


def _slices(result, quote, prediction):
    cue_type = quote.get("cue_type") or (
        prediction.cue_type if prediction else "missed"
    )
    slices = [result.overall, result.slice(cue_type)]
    kind = quote.get("kind")
    if kind == "full":
        slices.append(result.full)
    elif kind == "partial":
        slices.append(result.partial)
    if is_pronoun(quote.get("source_span")):
        slices.append(result.pronoun)
    return slices


def _score_pair(result, number, quote, prediction, surnames, threshold):
    slices = _slices(result, quote, prediction)
    if prediction is None:
        for scores in slices:
            scores.false_negatives += 1
        result.errors.append(
            (number, "missed", quote["quote"][:70], quote.get("speaker"))
        )
        return
    for scores in slices:
        scores.true_positives += 1
    if not _scored(quote):
        return
    right = speaker_is_right(quote, prediction.speaker, surnames)
    shown = prediction.speaker and prediction.confidence >= threshold
    for scores in slices + ([result.shown] if shown else []):
        scores.speakers_scored += 1
        scores.speakers_right += right
    if not right:
        detail = (
            f"{quote.get('speaker')} != {prediction.speaker} "
            f"[{prediction.cue_type} {prediction.confidence:.2f}; "
            f"source {quote.get('source_span', '?')!r}]"
        )
        result.errors.append((number, "speaker", quote["quote"][:70], detail))


def load_jsonl(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def format_report(evaluation, show_errors=False):
    """A plain-text table for the command line."""
    e = evaluation
    lines = [
        f"{e.articles} articles",
        f"{'segments':<14}{'gold':>6}{'P':>8}{'R':>8}{'F1':>8}{'speaker':>9}"
        f"{'scored':>8}",
    ]
    rows = [("overall", e.overall), ("full", e.full), ("partial", e.partial)]
    rows += [("pronoun src", e.pronoun)]
    rows += [(f"  {k}", v) for k, v in sorted(e.by_cue_type.items())]
    for name, s in rows:
        gold = s.true_positives + s.false_negatives
        lines.append(
            f"{name:<14}{gold:>6}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
            f"{s.speaker_accuracy:>9.3f}{s.speakers_scored:>8}"
        )
    lines.append(
        f"shown without review (confidence >= {SHOW_THRESHOLD}): "
        f"{e.shown.speaker_accuracy:.3f} right, "
        f"{e.shown_share:.1%} of scored segments"
    )
    if show_errors:
        lines += [
            f"  #{n} {kind}: {text!r} ({detail})" for n, kind, text, detail in e.errors
        ]
    return "\n".join(lines)
