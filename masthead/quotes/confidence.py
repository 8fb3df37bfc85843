"""How far an attribution is trusted, and where readers stop seeing the name.

Pure Python. A named cue ("…," Bass said) gets the share of such cues that
named the right speaker on ``../shared/quotes/polnear-train.jsonl``; a
speaker the ranker chose (ranker.py) gets its probability. SHOW_THRESHOLD
was chosen on ``polnear-dev.jsonl`` (issue #25): the lowest confidence at
which at least 97% of the attributions shown to readers without an editor's
review are right. Below it, Voices shows the quote without a name (or not at
all) until an editor confirms it in the review queue.
"""

CONFIDENCE = {
    "after": 0.95,
    "before": 0.92,
    "according_to": 0.9,
    "organisation": 0.9,
    "colon": 0.85,
    "partial": 0.8,
    "paraphrase": 0.45,
    "description": 0.7,
    "pronoun": 0.75,  # "they said", resolved by the rules
    "continuation": 0.6,
    "ranked": 1.0,  # times the ranker's probability
}
UNKNOWN = 0.2  # no speaker found at all
SHOW_THRESHOLD = 0.5


def is_shown(confidence, threshold=SHOW_THRESHOLD):
    """Whether readers see this attribution's name without an editor's review."""
    return confidence >= threshold
