"""How far an attribution is trusted, and where readers stop seeing the name.

Pure Python. The threshold was chosen on ``../shared/quotes/polnear-dev.jsonl``
(issue #25): the lowest confidence at which at least 97% of the attributions
shown to readers without an editor's review are right.
"""

SHOW_THRESHOLD = 0.5
