"""Quotes signed by a name on a line of their own, not by a cue verb.

Pure Python. A pull quote or a reader's verdict is often signed: "“…”" then
"— Mary Ortiz, Dayton" on the next line, "“…” ― Stephanie Egan" on the
quote's own line, or "- Sanders." with the list dash masked away (issue #25).
"""

import re

from .resolution import Resolved

# A short line that signs the quote before it: "- Ada Roy." / "—Rep. Ada Roy, Ohio".
# (A Markdown list dash is masked away, so the dash may be gone.)
_SIGNATURE = re.compile(
    r"[-—–][ \t]*((?:[A-Z][\w.’'\-]*[ \t]*){1,5}?)[ \t]*(?:[,.]|$)"
    r"|((?:[A-Z][\w.’'\-]*[ \t]*){2,5}?)[ \t]*\.?$"
)
_INLINE_SIGNATURE = re.compile(
    r"[ \t]*[―—–-][ \t]*((?:[A-Z][\w.’'\-]*[ \t]*){1,5}?)[ \t]*[,.]?[ \t]*$"
)
_SIGNED_WORD = re.compile(r"[ \t]*([A-Z][\w’'\-]+)\.?[ \t]*$")


def signer(table, masked, bounds, c, previous):
    """Who signs the quoted span ``c``: a Resolved name, or None."""
    if not c.closed:
        return None
    return _inline(table, masked, c, previous) or _next_line(
        table, masked, bounds, c, previous
    )


def _inline(table, masked, c, previous):
    """A quote signed on its own line: "“…” ― Stephanie Egan"."""
    line_end = masked.find("\n", c.close, c.close + 100)
    line_end = min(c.close + 100, len(masked)) if line_end < 0 else line_end
    found = _INLINE_SIGNATURE.match(masked, c.close + 1, line_end)
    if found is None:
        return None
    resolved = table.resolve(found.group(1), found.start(1), previous)
    return resolved if resolved.entity is not None and resolved.how == "name" else None


def _next_line(table, masked, bounds, c, previous):
    """A pull quote signed on the next line: "“…”" then "— Mary Ortiz, Dayton"."""
    index = c.paragraph + 1
    if index >= len(bounds):
        return None
    start, end = bounds[index]
    found = _SIGNATURE.match(masked, start, end) if end - start < 100 else None
    if found is None:
        return _by_surname(table, masked, start, end)
    group = 1 if found.group(1) else 2
    name, at = found.group(group), found.start(group)
    if name.isupper():
        return None  # "TRUMP COUNTER.": a section label, not a signature
    resolved = table.resolve(name, at, previous)
    if resolved.entity is None or resolved.how == "description":
        return None
    return resolved


def _by_surname(table, masked, start, end):
    """ "- Sanders." under a quote (the list dash masked away): a lone word
    signs it only when it is the surname of someone in the story."""
    found = _SIGNED_WORD.match(masked, start, end)
    if found is None:
        return None
    word = found.group(1).lower()
    entity = table.person_named(word, start)
    if entity is None or not entity.name.lower().endswith(" " + word):
        return None
    return Resolved(entity.name, entity.role, "name", entity)
