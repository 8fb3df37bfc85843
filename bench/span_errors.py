"""List the extractor's span errors on full quotes of PolNeAR train, in context.

Run as ``python bench/span_errors.py [FILE] [--kind extra|missed] [--show 20]``.
Issue #25's rule: rules are written from the training file's errors, never
dev's, so the default is ``../shared/quotes/polnear-train.jsonl``. An
"extra" is a prediction not marked partial that matches no gold segment
(what lowers full-quote precision); a "missed" is a gold full quote that
no prediction overlaps (what lowers its recall). Counts first, then
examples with the text around them.
"""

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from masthead.quotes import evaluate  # noqa: E402
from masthead.quotes.extract import extract_quotes  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "quotes" / "polnear-train.jsonl"


def span_errors(records):
    """(kind, start, end, detail, text) of each full-quote error."""
    for record in records:
        text = record["text"]
        gold = evaluate.locate_gold(text, record["quotes"])
        pairs, extra = evaluate.match(gold, extract_quotes(text), text)
        for prediction in extra:
            if not prediction.is_partial:
                detail = f"{prediction.cue_type} {prediction.speaker!r}"
                yield "extra", prediction.start, prediction.end, detail, text
        for (start, end, quote), (_, prediction) in zip(gold, pairs, strict=True):
            if prediction is None and quote.get("kind") == "full":
                detail = f"speaker {quote.get('speaker')!r}"
                yield "missed", start, end, detail, text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--kind", choices=("extra", "missed"), default="extra")
    parser.add_argument("--show", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    errors = list(span_errors(evaluate.load_jsonl(args.file)))
    for kind in ("extra", "missed"):
        print(f"{kind:<8}{sum(1 for e in errors if e[0] == kind):>5}")
    chosen = [e for e in errors if e[0] == args.kind]
    sample = random.Random(args.seed).sample(chosen, min(args.show, len(chosen)))
    for _, start, end, detail, text in sample:
        before = text[max(0, start - 160) : start].replace("\n", " | ")
        after = text[end : end + 80].replace("\n", " | ")
        print(f"\n[{detail}]\n  …{before}⟦{text[start:end]}⟧{after}…")


if __name__ == "__main__":
    main()
