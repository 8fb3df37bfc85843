"""Where the table of mentions reads names (speakers.py's text helpers).

The stretches of an article outside its quotations, the people of a run
joined by "and", and the word before a name that makes it a place. Apart
from speakers.py (issue #25 moved these here when it passed 400 lines).
"""

import re

from .names import follows_place_word, read_run
from .roles import singular

# The last word before a name, read backwards from the name: a pattern
# anchored at the end was tried from every offset (issue #25's speed).
_LAST_WORD_REVERSED = re.compile(r"[^A-Za-z]*([A-Za-z]+)")


def stretches(length, quoted, skipped):
    """(start, end, is a headline) of the text outside the quotations, in order.

    A headline inside a quotation's range, or one overlapping it, is cut at
    the quotation as the quotation is never read.
    """
    at = 0
    marks = sorted(
        [(s, e, False) for s, e in quoted] + [(s, e, True) for s, e in skipped]
    )
    for start, end, headline in marks:
        if start > at:
            yield at, start, False
        if headline and end > max(at, start):
            yield max(at, start), end, True
        at = max(at, end)
    if at < length:
        yield at, length, False


_AND = re.compile(r"[ \t]+and[ \t]+")


def list_members(start, end, run):
    """Each person of "Council Members Harold Fenwick and Joanna Pruitt".

    A run of two names joined by "and" names two people; the title before
    the first belongs to both, in the singular. Organisations ("Johnson and
    Johnson Holdings") and single words are read as one run.
    """
    if " and " not in run:
        return ((start, end, run),)
    parts = _AND.split(run)
    if len(parts) != 2:
        return ((start, end, run),)
    first, second = read_run(parts[0]), read_run(parts[1])
    if not (first and second and first.kind == second.kind == "person"):
        return ((start, end, run),)
    if " " not in first.name or " " not in second.name:
        return ((start, end, run),)
    title = parts[0][: len(parts[0]) - len(first.name)].strip()
    at = start + run.rindex(parts[1])
    second_run = f"{singular(title)} {parts[1]}".strip() if title else parts[1]
    first_run = f"{singular(title)} {first.name}".strip() if title else parts[0]
    return ((start, start + len(parts[0]), first_run), (at, end, second_run))


def after_place_word(masked, start):
    before = _LAST_WORD_REVERSED.match(masked[max(0, start - 16) : start][::-1])
    return before is not None and follows_place_word(before.group(1)[::-1].lower())
