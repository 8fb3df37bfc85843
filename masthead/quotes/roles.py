"""A speaker's role as readers see it: a short noun phrase, as written.

Issue #25: the demo showed clauses ("who represents the north ward") and
honorifics ("Dr.") as roles. A role here is what the article calls the
person ("county engineer", "Mayor", "the hospital's chief nursing officer"),
with its capitalisation as written; anything else is no role at all.
"""

import re
from dataclasses import replace
from functools import lru_cache

from .lexicon import HONORIFICS

MAX_WORDS = 12
_CLAUSE_WORDS = frozenset(
    """
    who whose whom which that where when while because if as said says told
    is was are were has had have will would can could means meant
    """.split()
)
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
_HONORIFIC_ONLY = frozenset({*HONORIFICS, "dr", "dr.", "prof", "prof.", "rev", "rev."})


@lru_cache(maxsize=4096)
def clean_role(role):
    """The role as a short noun phrase, or "" when it is not one."""
    role = " ".join((role or "").split()).strip(" ,;:")
    if not role:
        return ""
    words = role.split()
    if any(w.lower().strip(",.") in _CLAUSE_WORDS for w in words):
        return ""  # "who represents the north ward": a clause, not a role
    kept = [w for w in words if w.lower() not in _HONORIFIC_ONLY]
    role = _LEADING.sub("", " ".join(kept))
    if not role or len(role.split()) > MAX_WORDS:
        return ""
    return role


def singular(role):
    """ "Council Members Harold Fenwick and Joanna Pruitt": each is one member."""
    words = role.split()
    if (
        words
        and len(words[-1]) > 3
        and words[-1].endswith("s")
        and not words[-1].endswith("ss")
    ):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def one_name_per_person(quotes):
    """A bare surname ("Pruitt") is the one full name with it ("Joanna Pruitt").

    Whichever came first in the story: the voices index must never show two
    entries for one person of one story (issue #25). A surname two people
    share stays as it is, to be settled by an editor.
    """
    full = {}
    for q in quotes:
        if q.speaker and " " in q.speaker:
            full.setdefault(q.speaker.split()[-1].lower(), set()).add(q.speaker)
    renamed = []
    for q in quotes:
        names = full.get((q.speaker or "").lower(), ())
        if q.speaker and " " not in q.speaker and len(names) == 1:
            (name,) = names
            role = q.speaker_role or _role_of(quotes, name)
            q = replace(q, speaker=name, speaker_role=role)
        renamed.append(q)
    return renamed


def _role_of(quotes, name):
    return next(
        (q.speaker_role for q in quotes if q.speaker == name and q.speaker_role), ""
    )
