"""Which cue a quoted span has, and on which side of it.

A cue after the quote first ("…,” Bass said), else one before it, a colon
introduction ("Reyes put it bluntly: “…”") or, for a fragment, the subject of
its reporting clause. Apart from attribute.py, which resolves the cue's
words to a person (issue #25 moved it here when that file passed 400 lines).
"""

from .cues import ANY_CUE, cue_before, verbs_in
from .subjects import label_before, subject_phrase


def find_cue(masked, c):
    """The cue of a quoted span and on which side it is: (Cue or None, side)."""
    if c.after is not None and not (c.partial and c.after.phrase[:1].islower()):
        return c.after, "after"
    if c.after is not None:
        # "Trump claimed that “…,” one of the prosecutors for Petraeus said":
        # a fragment's named subject before it, over a description after it.
        before = cue_before(masked, c.head_start, c.open, partial=True)
        if before is not None and before.phrase[:1].isupper():
            return before, "before"
        return c.after, "after"
    head = masked[c.head_start : c.open].rstrip()
    if head.endswith(":"):
        cue = (
            cue_before(masked, c.head_start, c.open)
            or label_before(masked, c.head_start, c.open - 1)
            or subject_phrase(masked, c.head_start, c.open - 1)
        )
        return (cue, "colon") if cue else (None, "")
    if c.partial and c.before is not False:
        cue = c.before  # looked up already, to tell a short quote from a word
    else:
        cue = cue_before(masked, c.head_start, c.open, partial=c.partial)
    if cue is not None:
        return cue, "before"
    verbs = verbs_in(ANY_CUE, masked, c.head_start, c.open) if c.partial else ()
    if verbs:
        verb = verbs[-1]
        cue = subject_phrase(masked, c.head_start, c.open)
        if cue is not None:
            cue.verb = " ".join(verb.group().split())
            return cue, "before"
    return None, ""
