"""Passes of the extractor over PolNeAR dev, for instruction counts (issue 25).

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        .venv/bin/python bench/quotes_pass.py TREE PASSES

Run it with 1 and 3 passes and halve the difference of the "Collected" totals:
imports and warm-up cancel, leaving one pass's instructions, which stay the same
however loaded the machine is (the clock of `bench/quotes.py` does not). TREE is
the checkout to measure, so two commits can be compared from one virtualenv.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
from masthead.quotes.extract import extract_quotes  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared" / "quotes" / "polnear-dev.jsonl"
texts = [json.loads(line)["text"] for line in DEV.open(encoding="utf-8")]
extract_quotes(texts[0])
for _ in range(int(sys.argv[2])):
    for text in texts:
        extract_quotes(text)
