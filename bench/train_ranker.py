"""Train the speaker ranker (masthead/quotes/ranker.py) on PolNeAR train.

Run as ``python bench/train_ranker.py [../shared/quotes/polnear-train.jsonl]``;
``--cv`` instead prints two-fold cross-validated accuracy (articles split
odd and even, both halves of the training file) for a few L2 penalties.
Issue #25: it favoured 0.03 a little (0.785 against 0.775 at 0.003), but
trained at 0.03 the extractor did worse on the whole training file
(speakers 0.879 against 0.883), so 0.003 stays.
Reads only the training file, runs the extractor on every article, labels
each ranker decision's candidates with the gold speaker (the scoring's rule:
name, alias or unique surname), fits one conditional logit model per kind
of decision by gradient descent with an L2 penalty, and writes
masthead/quotes/ranker_weights.json. Deterministic: the same file gives the
same weights (three passes from the rules' own choices; about a minute).
"""

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from masthead.quotes import evaluate, ranker  # noqa: E402
from masthead.quotes.attribute import Attributor  # noqa: E402
from masthead.quotes.extract import prepare  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "quotes" / "polnear-train.jsonl"
L2, RATE, ROUNDS, PASSES = 0.003, 1.0, 500, 3
CV_PENALTIES = (0.001, 0.003, 0.01, 0.03, 0.1)
# The README of ../shared/quotes: speakers marked "low" rest on automatic
# coreference alone and are noisier; they count for less.
LOW_WEIGHT = 0.5


def decisions(records):
    """{kind: [(features of each candidate, index of a right one)]}."""
    found = {kind: [] for kind in ranker.KINDS}
    for record in records:
        text = record["text"]
        masked, table, bounds, speech = prepare(text)
        made = []
        Attributor(masked, table, bounds, record=made).attribute_all(speech)
        gold = evaluate.locate_gold(text, record["quotes"])
        surnames = evaluate._surnames(record["quotes"])
        for c, kind, choice in made:
            quote = _gold_for(text, gold, c)
            if quote is None or not evaluate._scored(quote):
                continue
            right = [
                i
                for i, (entity, _) in enumerate(choice.candidates)
                if evaluate.speaker_is_right(quote, entity.name, surnames)
            ]
            if right and len(choice.candidates) > 1:
                features = [[float(x) for x in f] for _, f in choice.candidates]
                weight = LOW_WEIGHT if quote.get("confidence") == "low" else 1.0
                found[kind].append((features, right[0], weight))
    return found


def _gold_for(text, gold, c):
    span = evaluate.trim(text, c.start, c.end)
    best = max(gold, key=lambda g: evaluate.overlap(g[0], g[1], *span), default=None)
    if best is None or evaluate.overlap(best[0], best[1], *span) < evaluate.MIN_OVERLAP:
        return None
    return best[2]


def fit(examples, size):
    """Conditional logit: softmax over each decision's candidates."""
    weights = [0.0] * size
    total_weight = sum(weight for _, _, weight in examples)
    for _ in range(ROUNDS):
        gradient = [L2 * w for w in weights]
        for features, right, weight in examples:
            share = weight / total_weight
            scores = [
                sum(w * x for w, x in zip(weights, f, strict=True)) for f in features
            ]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            for f, e in zip(features, exps, strict=True):
                p = e / total
                for j, x in enumerate(f):
                    gradient[j] += p * x * share
            for j, x in enumerate(features[right]):
                gradient[j] -= x * share
        weights = [w - RATE * g for w, g in zip(weights, gradient, strict=True)]
    return weights


def accuracy(examples, weights):
    hits = 0
    for features, right, _ in examples:
        scores = [sum(w * x for w, x in zip(weights, f, strict=True)) for f in features]
        hits += scores.index(max(scores)) == right
    return hits / len(examples) if examples else 0.0


def cross_validate(records, penalties=CV_PENALTIES):
    """Held-out accuracy of each L2 penalty, two folds of the training file.

    The decisions are the ones the committed weights make; each half's are
    scored by weights fitted on the other half.
    """
    global L2
    halves = [decisions(records[0::2]), decisions(records[1::2])]
    chosen, results = L2, {}
    for penalty in penalties:
        L2 = penalty
        hits = total = 0
        for kind in ranker.KINDS:
            for fitted, held in ((0, 1), (1, 0)):
                weights = fit(halves[fitted][kind], len(ranker.FEATURES))
                examples = halves[held][kind]
                hits += accuracy(examples, weights) * len(examples)
                total += len(examples)
        results[penalty] = hits / total
        print(f"L2 {penalty:<6} held-out accuracy {results[penalty]:.4f} ({total})")
    L2 = chosen
    return results


def _prior():
    """The first round's weights: follow the hand-written rules' own choice.

    Training starts here every time, not from the file it will overwrite,
    so the same training file always gives the same weights.
    """
    prior = [0.0] * len(ranker.FEATURES)
    prior[ranker.FEATURES.index("rule_choice")] = 2.0
    return {kind: list(prior) for kind in ranker.KINDS}


def _write(weights, trained_on):
    stored = {
        "features": list(ranker.FEATURES),
        "weights": weights,
        "trained_on": trained_on,
        "l2": L2,
        "rounds": ROUNDS,
    }
    ranker.WEIGHTS.write_text(json.dumps(stored, indent=1) + "\n", encoding="utf-8")


def main(path=DEFAULT):
    records = evaluate.load_jsonl(path)
    weights = _prior()
    # A decision's features depend on earlier choices (who spoke last), so
    # decide with the current weights, fit, and go again.
    for round_ in range(1, PASSES + 1):
        ranker.use_weights(weights)
        found = decisions(records)
        weights = {
            kind: [round(w, 4) for w in fit(examples, len(ranker.FEATURES))]
            for kind, examples in found.items()
        }
        for kind, examples in found.items():
            print(f"pass {round_} {kind:<13}{len(examples):>6} decisions, "
                  f"train accuracy {accuracy(examples, weights[kind]):.3f}")
    _write(weights, Path(path).name)
    print(f"wrote {ranker.WEIGHTS.relative_to(ROOT)}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--cv"]
    path = arguments[0] if arguments else DEFAULT
    if "--cv" in sys.argv:
        cross_validate(evaluate.load_jsonl(path))
    else:
        main(path)
