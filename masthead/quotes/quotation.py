"""One attributed quotation, as the extractor returns it, and how it is built.

Pure Python. Apart from attribute.py (issue #25 moved these here when that
file passed 400 lines), so that clauses.py can build quotations too.
"""

from dataclasses import dataclass

from .confidence import CONFIDENCE, UNKNOWN
from .resolution import Resolved
from .roles import clean_role


@dataclass(frozen=True)
class Quotation:
    """One direct quotation and its attribution.

    ``text`` is the quoted words with Markdown removed and white space
    collapsed; ``body[start:end]`` is the same words exactly as written.
    """

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_role: str
    cue: str
    cue_type: str
    confidence: float
    is_partial: bool
    speaker_kind: str = ""  # "person" or "org": an organisation is never a person


def as_resolved(entity, how):
    if entity is None:
        return Resolved(None, "", how)
    how = "organisation" if entity.kind == "org" else how
    return Resolved(entity.name, entity.role, how, entity)


def build_quotation(masked, c, resolved, role, verb, cue_type, confidence=None):
    if confidence is None:
        confidence = CONFIDENCE[cue_type]
    if resolved.speaker is None:
        confidence = UNKNOWN
    if resolved.entity is not None and resolved.entity.kind == "org":
        role = ""  # an organisation is a speaker of its own kind, without a role
    return Quotation(
        text=collapse_spaces(masked[c.start : c.end]),
        start=c.start,
        end=c.end,
        speaker=resolved.speaker,
        speaker_role=clean_role(role),
        cue=verb,
        cue_type=cue_type,
        confidence=round(confidence, 3),
        is_partial=c.partial,
        speaker_kind=_kind(resolved),
    )


def collapse_spaces(words):
    """The words with every run of white space one space, none at the ends."""
    # Most quotes hold single spaces only: isprintable() is False for every
    # white space character but the space, so they are returned as they are
    # instead of split and joined (issue #25's speed).
    if (
        words.isprintable()
        and "  " not in words
        and words[:1] != " "
        and words[-1:] != " "
    ):
        return words
    return " ".join(words.split())


def _kind(resolved):
    if resolved.entity is not None:
        return resolved.entity.kind
    return (
        "org"
        if resolved.how == "organisation"
        else ("person" if resolved.speaker else "")
    )
