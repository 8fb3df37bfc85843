"""The subject at the head of a clause: "Reyes put it bluntly:" names Reyes.

Where a colon introduction or a partial quotation has no cue verb next to
its speaker, the speaker is the subject of the writer's clause; these read
it, past openings like "In a statement," or "Filling in for Sanders,". Apart
from cues.py, which finds the cue verbs themselves.
"""

import re

from .cues import Cue
from .lexicon import CUE_VERBS, PARAPHRASE_VERBS, ROLE_NOUNS
from .names import GIVEN_NAMES

_TOKEN = re.compile(r"[\w'’.\-]+|[^\s\w]")
_PRONOUNS = frozenset(("he", "she", "they"))

_INTRO = frozenset(
    """
    in on at after before when while during following asked as since with
    without despite for by from under over speaking responding like unlike
    besides amid
    """.split()
)
# Words that open a sentence before its subject ("Even before Sanders took
# the stage, his campaign…", issue #25): skipped.
_CONJUNCTIONS = frozenset(
    "but and yet so still now then even also meanwhile however later".split()
)
_OBJECT_WORDS = frozenset(
    """
    to of with for by against about from on at in than like toward over
    after before under between among including versus newspaper told asked
    """.split()
)
_NAME_JOINS = frozenset(("of", "de", "van", "von", "la", "del"))
_DETERMINERS = frozenset("the a an his her its their our this that".split())


def label_before(masked, start, end):
    """A name set right before a colon: "Pollsters agree - Carl Bialik:"."""
    window = masked[max(start, end - 80) : end].rstrip(" \t:")
    found = _LABEL.search(window)
    if found is None or (found.group("word") or "") in _OBJECT_WORDS:
        return None  # "…contrasted him with Clinton:": an object, not a label
    at = max(start, end - 80) + found.start("name")
    return Cue(":", found.group("name"), "", at)


_LABEL = re.compile(
    r"(?:^|[-—–,;]\s+|\s(?P<word>[a-z]+)\s+)"
    r"(?P<name>(?:[A-Z][\w'’.\-]*\s+){0,3}[A-Z][\w'’\-]*[a-z][\w'’\-]*)$"
)


def subject_phrase(masked, start, end):
    """The subject at the head of a clause: "Reyes put it bluntly:" gives "Reyes".

    Used when a colon introduction or a partial quotation has no cue verb
    next to the speaker. A leading "In a statement," style phrase is skipped.
    """
    tokens = [(t.group(), t.start()) for t in _TOKEN.finditer(masked, start, end)]
    tokens = _skip_intro(tokens)
    if not tokens:
        return None
    word, at = tokens[0]
    if word.lower() in _PRONOUNS:
        return Cue(":", word, "", at)
    taken = _subject_words(tokens)
    return Cue(":", " ".join(taken), "", at) if taken else None


def _skip_intro(tokens):
    while tokens and (
        tokens[0][0].lower() in _CONJUNCTIONS or _sentence_adverb(tokens)
    ):
        # "But Reyes put it bluntly:", "Moreover, Gowdy cited a report…"
        tokens = tokens[2:] if tokens[1:2] and tokens[1][0] == "," else tokens[1:]
    if tokens and _opens_intro(tokens[0][0]):
        for index, (word, _) in enumerate(tokens):
            if word == ",":
                return tokens[index + 1 :]
    return tokens


def _sentence_adverb(tokens):
    """ "Moreover,", "Specifically,", "Separately,": a word and a comma that
    open the sentence before its subject (issue #25: "Moreover" was read as
    the speaker)."""
    if len(tokens) < 2 or tokens[1][0] != ",":
        return False
    lower = tokens[0][0].lower()
    return lower in _ADVERBS or (lower.endswith("ly") and lower not in GIVEN_NAMES)


_ADVERBS = frozenset(
    """
    moreover furthermore instead indeed meanwhile nonetheless nevertheless
    besides likewise similarly ultimately earlier afterward afterwards overall
    thus therefore otherwise anyway regardless separately today yesterday
    first second third finally again still now yet however though also
    """.split()
)


def _opens_intro(word):
    # "Filling in for Sanders, West landed…", "Informed of it, Early said…":
    # a participle opens a phrase before the subject (issue #25); "Ted" and
    # "Sterling" are names.
    lower = word.lower()
    if lower in _INTRO:
        return True
    return (
        len(lower) > 4
        and lower.endswith(("ing", "ed"))
        and lower not in GIVEN_NAMES
    )


def _subject_words(tokens):
    first = tokens[0][0]
    taken = []
    if first[0].isupper() and first.lower() not in _DETERMINERS:
        # "Commission chair Diane Forsythe": role words may sit inside the name.
        for word, _ in tokens:
            if not (
                word[0].isupper() or word in _NAME_JOINS or word.lower() in ROLE_NOUNS
            ):
                break
            taken.append(word)
        return taken
    if first.lower() not in _DETERMINERS:
        return []
    for word, _ in tokens[:5]:
        if not word[0].isalnum() or (taken and _looks_like_verb(word)):
            break
        taken.append(word)
    return taken


def _looks_like_verb(word):
    lower = word.lower()
    return (
        lower in CUE_VERBS
        or lower in PARAPHRASE_VERBS
        or lower.endswith("ed")
        or lower
        in ("had", "has", "was", "is", "put", "gave", "made", "kept", "took", "left")
    )
