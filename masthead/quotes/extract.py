"""Find the direct quotations in a news article and who said them.

Pure Python, no Django: the quotes app's services call ``extract_quotes`` on
an article body (plain text or Markdown) and store what it returns.

The steps: mask Markdown so offsets stay true; pair quotation marks into spans
(spans.py); drop spans shaped like scare quotes, nicknames or titles of works;
read who is mentioned where (speakers.py); then for each span look for a
speech cue after it, then before it (cues.py), and fall back on the
newspaper conventions (a quote paragraph with no cue continues the speaker
just quoted).
"""

from dataclasses import dataclass

from .cues import ANY_CUE, cue_after, cue_before, subject_phrase, verbs_in
from .lexicon import CUE_VERBS, NON_SPEECH_LEADERS, WORK_NOUNS
from .spans import (
    find_spans,
    mask_markdown,
    paragraphs,
    sentence_end,
    sentence_start,
    words,
)
from .speakers import EntityTable, Resolved

# How much each way of finding the speaker is trusted.
CONFIDENCE = {
    "after": 0.95,
    "before": 0.92,
    "according_to": 0.9,
    "organisation": 0.9,
    "colon": 0.85,
    "partial": 0.8,
    "paraphrase": 0.45,
    "pronoun": 0.75,
    "description": 0.7,
    "continuation": 0.6,
}
_GUESSED = 0.4  # a quote with no cue and no quote before it to continue
_UNKNOWN = 0.2  # no speaker found at all


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


@dataclass
class _Candidate:
    """A quoted span with the stretches of its sentence on either side."""

    open: int
    close: int
    closed: bool
    paragraph: int
    start: int
    end: int
    head_start: int
    tail_end: int
    n_words: int
    partial: bool = False
    after: object = None  # the cue after the closing mark, if any


def extract_quotes(text):
    """Return the quotations in ``text``, in reading order."""
    masked = mask_markdown(text)
    bounds = paragraphs(masked)
    spans = find_spans(masked, bounds)
    candidates = [_candidate(masked, bounds, spans, i) for i in range(len(spans))]
    candidates = [c for c in candidates if c.start < c.end]
    table = EntityTable.build(
        masked, _quoted_ranges(candidates), _headlines(masked, bounds)
    )
    speech = [c for c in candidates if _is_speech(masked, c)]
    return _attribute_all(masked, speech, table)


def _candidate(masked, bounds, spans, index):
    span = spans[index]
    para_start, para_end = bounds[span.paragraph]
    previous = spans[index - 1] if index else None
    lower = (
        previous.close + 1
        if previous and previous.paragraph == span.paragraph
        else para_start
    )
    following = spans[index + 1] if index + 1 < len(spans) else None
    upper = (
        following.open
        if following and following.paragraph == span.paragraph
        else para_end
    )
    start, end = _trim(masked, span.start, span.close)
    candidate = _Candidate(
        span.open,
        span.close,
        span.closed,
        span.paragraph,
        start,
        end,
        head_start=sentence_start(masked, lower, span.open),
        tail_end=sentence_end(masked, span.close + 1, upper)
        if span.closed
        else span.close,
        n_words=len(masked[start:end].split()),
    )
    candidate.partial = _is_partial(masked, candidate)
    candidate.after = _after_cue(masked, candidate)
    return candidate


def _trim(masked, start, end):
    while start < end and masked[start].isspace():
        start += 1
    while end > start and (masked[end - 1].isspace() or masked[end - 1] == ","):
        end -= 1
    return start, end


def _is_partial(masked, c):
    """Whether the quote is a fragment woven into the writer's own sentence."""
    head = masked[c.head_start : c.open].strip()
    lowercase = masked[c.start].islower()
    if not head:
        return lowercase
    if head[-1] in ",:—–(":
        return False
    last = head.split()[-1].lower()
    return lowercase or last not in CUE_VERBS


def _headlines(masked, bounds):
    """Paragraphs set like a headline or a label: their names are not mentions."""
    found = []
    for start, end in bounds:
        line = masked[start:end]
        if len(line) < 250 and _title_case(line.replace(":", " "), strict=False):
            found.append((start, end))
    return found


def _quoted_ranges(candidates):
    """Quotations long enough to be speech: their words are not mentions."""
    return [(c.open, c.close + 1) for c in candidates if c.n_words >= 3]


# Telling speech from scare quotes, nicknames and titles.


def _is_speech(masked, c):
    direct = _has_direct_cue(masked, c)
    if c.n_words <= 2:
        # "No," she said. But not the "tiny home" plan. A word or two woven
        # into reported speech is a quote too: Gore insisted it was "premature".
        return direct or _reported_fragment(masked, c)
    if direct:
        return True
    content = masked[c.start : c.end]
    head_words = masked[max(c.head_start, c.open - 40) : c.open].lower().split()
    if head_words and head_words[-1] in NON_SPEECH_LEADERS and c.n_words <= 6:
        return False
    if _names_a_work(head_words, content, c.n_words):
        return False
    return not _title_case(content)


def _reported_fragment(masked, c):
    """A short partial quote after a speech verb whose subject is named."""
    if not c.partial or _title_case(masked[c.start : c.end]):
        return False  # to make "Go Hawks" signs: a name, not words said
    head_words = masked[max(c.head_start, c.open - 40) : c.open].lower().split()
    if head_words and head_words[-1] in NON_SPEECH_LEADERS:
        return False
    cue = cue_before(masked, c.head_start, c.open, partial=True)
    if cue is None or cue.verb.split()[0] in _LABELLING:
        return False  # police described the injuries as "not life-threatening"
    # The speaker must come before the verb: in "who said she is", "she" is
    # what was said, not who said it.
    if cue.verb not in masked[cue.at : c.open]:
        return False
    return cue.phrase.split()[0].lower() not in _RELATIVES


_RELATIVES = frozenset(("who", "which", "that"))
# Verbs that label rather than report: the words may be the writer's.
_LABELLING = frozenset(
    """
    described describing describes describe characterized characterised
    labeled labelled labeling termed branded dubbed deemed referred
    """.split()
)


def _has_direct_cue(masked, c):
    """A cue verb hard against the quote: "…," she said / She said: "…"."""
    if c.after is not None and masked[c.close - 1] in ",?!—–":
        return True
    head = masked[c.head_start : c.open].rstrip()
    return (
        head.endswith((":", ","))
        and cue_before(masked, c.head_start, c.open) is not None
    )


def _names_a_work(head_words, content, n_words):
    # the documentary "Salt and Ash": a work noun just before, no cue verb between.
    recent = [w.strip(",’'s") for w in head_words[-3:]]
    if not any(w in WORK_NOUNS for w in recent) or any(w in CUE_VERBS for w in recent):
        return False
    return content[:1].isupper() and n_words <= 12


_SMALL_WORDS = frozenset(
    "a an the of and or for to in on at by with from as is".split()
)


def _title_case(content, strict=True):
    """Headline capitalisation and no sentence punctuation: a name, not speech.

    Not ``strict``, a headline may be long and hold commas.
    """
    content = content.rstrip()
    if content.endswith("."):  # American style puts the full stop inside
        content = content[:-1]
    if strict and (any(mark in content for mark in ".,;") or len(content) > 90):
        return False
    significant = [w for w in words(content) if w.lower() not in _SMALL_WORDS]
    if not significant:
        return False
    capitals = sum(1 for w in significant if w[0].isupper() or w[0].isdigit())
    return capitals / len(significant) >= 0.8


def _after_cue(masked, c):
    # After a full stop the next sentence is new, unless it starts in lower case
    # ("…home.” she said" is sloppy but common in wire copy).
    if not c.closed:
        return None
    cue = cue_after(masked, c.close + 1, c.tail_end)
    if cue and masked[c.close - 1] == "." and not cue.phrase[:1].islower():
        return None
    return cue


# Attribution.


def _attribute_all(masked, candidates, table):
    quotes, last, last_entity = [], None, None
    for c in candidates:
        found = _attribute(masked, c, table, last, last_entity)
        if found is None:
            continue
        quotation, entity = found
        quotes.append(quotation)
        last, last_entity = c, entity
    return quotes


def _attribute(masked, c, table, last, last_entity):
    cue, side = _find_cue(masked, c)
    if cue is None:
        if c.partial:
            return _paraphrase(masked, c, table, last, last_entity)
        return _continuation(masked, c, table, last, last_entity)
    since = last.close if last is not None and last.paragraph == c.paragraph else None
    resolved = table.resolve(cue.phrase, cue.at, last_entity, since)
    if resolved.entity is not None:
        table.note(cue.at, resolved.entity)
    cue_type = _cue_type(side, cue.verb, resolved.how, c.partial)
    role = (
        cue.appositive if cue.appositive and resolved.how == "name" else resolved.role
    )
    return _quotation(masked, c, resolved, role, cue.verb, cue_type), resolved.entity


def _find_cue(masked, c):
    if c.after is not None:
        return c.after, "after"
    head = masked[c.head_start : c.open].rstrip()
    if head.endswith(":"):
        cue = cue_before(masked, c.head_start, c.open) or subject_phrase(
            masked, c.head_start, c.open - 1
        )
        return (cue, "colon") if cue else (None, "")
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


def _cue_type(side, verb, how, partial):
    if partial:
        return "partial"
    if verb == "according to":
        return "according_to"
    if side == "colon":
        return "colon"
    if how in ("organisation", "pronoun", "description"):
        return how
    return side


def _continuation(masked, c, table, last, last_entity):
    """No cue: the speaker of the quote just before carries on, by convention."""
    if last is not None and c.paragraph - last.paragraph <= 1:
        resolved = Resolved(
            last_entity.name if last_entity else None, "", "continuation"
        )
        resolved.role = last_entity.role if last_entity else ""
        return _quotation(
            masked, c, resolved, resolved.role, "", "continuation"
        ), last_entity
    entity = table.most_recent_person(c.open)
    resolved = Resolved(entity.name if entity else None, entity.role if entity else "")
    quotation = _quotation(
        masked, c, resolved, resolved.role, "", "continuation", _GUESSED
    )
    return quotation, entity


def _paraphrase(masked, c, table, last, last_entity):
    """A partial quote with no cue verb: the sentence's subject, if named.

    A second fragment in one sentence ("a “loser,” a “liar” and a “whiner”")
    has the first one's speaker. A fragment whose sentence names nobody at
    its head is the writer's own phrase and is dropped.
    """
    if last is not None and last.partial and c.head_start == last.close + 1:
        resolved = _as_resolved(last_entity, "partial")
        return _quotation(masked, c, resolved, resolved.role, "", "partial",
                          CONFIDENCE["paraphrase"]), last_entity
    cue = subject_phrase(masked, c.head_start, c.open)
    if cue is None:
        return None
    resolved = table.resolve(cue.phrase, cue.at, last_entity)
    if resolved.entity is None or resolved.how == "description":
        return None  # "The county introduced a “green, yellow, red” system"
    return _quotation(masked, c, resolved, resolved.role, "", "partial",
                      CONFIDENCE["paraphrase"]), resolved.entity


def _as_resolved(entity, how):
    if entity is None:
        return Resolved(None, "", how)
    return Resolved(entity.name, entity.role, how, entity)


def _quotation(masked, c, resolved, role, verb, cue_type, confidence=None):
    if confidence is None:
        confidence = CONFIDENCE[cue_type]
    if resolved.speaker is None:
        confidence = _UNKNOWN
    return Quotation(
        text=" ".join(masked[c.start : c.end].split()),
        start=c.start,
        end=c.end,
        speaker=resolved.speaker,
        speaker_role=role or "",
        cue=verb,
        cue_type=cue_type,
        confidence=confidence,
        is_partial=c.partial,
    )
