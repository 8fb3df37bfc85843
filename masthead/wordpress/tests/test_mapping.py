"""mapping.py: WordPress fields as Masthead values, no database."""

import html
import random
import re

from masthead.wordpress import mapping


def test_plain_text_takes_the_short_way_to_the_same_words():
    """Issue 22: a name with no tag and no entity skips both; the words must
    be what removing tags and entities then folding spaces makes of it."""
    tags = re.compile(r"<[^>]+>")
    rng = random.Random(22)
    alphabet = "ab <>&;#x1 \t\n\u00a0amp"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
             for _ in range(20000)] + ["Ana &amp; Bo", "<b>Bold</b> name", " Reader  7 "]  # fmt: skip
    for text in texts:
        assert mapping.plain(text) == " ".join(html.unescape(tags.sub(" ", text)).split())
    assert mapping.plain("Ana &amp; <i>Bo</i> Ruiz", 7) == "Ana & B"
