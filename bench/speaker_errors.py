"""List the extractor's wrong speakers on PolNeAR train, by cue kind.

Run as ``python bench/speaker_errors.py [FILE] [--kind partial] [--show 10]``.
Issue #25's rule: rules are written from the training file's errors, never
dev's, so the default is ``../shared/quotes/polnear-train.jsonl``. Prints,
for each predicted cue kind and the gold speaker's confidence (``high``,
``low`` from automatic coreference alone, ``n/a``), how many matched quotes
got a wrong speaker; with ``--kind``, examples of that kind in context.
"""

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from masthead.quotes import evaluate  # noqa: E402
from masthead.quotes.extract import extract_quotes  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "quotes" / "polnear-train.jsonl"


def wrong_speakers(records):
    """(cue kind, gold confidence, gold quote, prediction, text) per miss."""
    for record in records:
        text = record["text"]
        gold = evaluate.locate_gold(text, record["quotes"])
        pairs, _ = evaluate.match(gold, extract_quotes(text), text)
        surnames = evaluate._surnames(record["quotes"])
        for quote, prediction in pairs:
            if prediction is None or not evaluate._scored(quote):
                continue
            if not evaluate.speaker_is_right(quote, prediction.speaker, surnames):
                kind = (prediction.cue_type, quote.get("confidence", "?"))
                yield kind, quote, prediction, text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--kind", help="show examples of this cue kind")
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    misses = list(wrong_speakers(evaluate.load_jsonl(args.file)))
    for (kind, confidence), n in Counter(m[0] for m in misses).most_common():
        print(f"{kind:<14}{confidence:<6}{n:>5}")
    chosen = [m for m in misses if m[0][0] == args.kind]
    for _, quote, p, text in random.Random(1).sample(
        chosen, min(args.show, len(chosen))
    ):
        context = text[max(0, p.start - 250) : p.end + 60].replace("\n", " | ")
        print(
            f"\ngold {quote['speaker']!r} (source {quote.get('source_span')!r})"
            f", predicted {p.speaker!r} [{p.cue} {p.confidence}]\n  {context}"
        )


if __name__ == "__main__":
    main()
