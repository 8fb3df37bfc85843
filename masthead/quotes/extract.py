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

import re
from dataclasses import dataclass

from .attribute import Attributor, Quotation
from .cues import ANY_CUE, cue_after, cue_before, verbs_in
from .lexicon import CUE_PHRASES, CUE_VERBS, NON_SPEECH_LEADERS, WORK_NOUNS
from .spans import (
    find_spans,
    listed_after,
    mask_markdown,
    paragraphs,
    sentence_end,
    sentence_start,
    words,
)
from .speakers import EntityTable
from .subjects import subject_phrase

__all__ = ["Quotation", "extract_quotes"]

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
    before: object = False  # the partial cue before the mark, once looked up


def extract_quotes(text):
    """Return the quotations in ``text``, in reading order."""
    masked, table, bounds, speech = prepare(text)
    return Attributor(masked, table, bounds).attribute_all(speech)


def prepare(text):
    """(masked text, mention table, paragraphs, quoted spans that are speech)."""
    masked = mask_markdown(text)
    bounds = paragraphs(masked)
    spans = find_spans(masked, bounds)
    candidates = [_candidate(masked, bounds, spans, i) for i in range(len(spans))]
    candidates = [c for c in candidates if c.start < c.end]
    table = EntityTable.build(
        masked, _quoted_ranges(candidates), _headlines(masked, bounds)
    )
    speech = []
    for c in candidates:
        if (
            _is_speech(masked, c)
            or _said_by_named_subject(masked, table, c)
            or (speech and listed_after(masked, speech[-1], c))
            or _second_fragment(masked, speech, c)
            or _rest_of_split_quote(masked, speech, c)
        ):
            speech.append(c)
    return masked, table, bounds, speech


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
    if candidate.after is None and candidate.closed:
        candidate.after = _closing_cue(masked, candidate)
    return candidate


def _trim(masked, start, end):
    while start < end and masked[start].isspace():
        start += 1
    while end > start and (masked[end - 1].isspace() or masked[end - 1] == ","):
        end -= 1
    return start, end


def _is_partial(masked, c):
    """Whether the quote is a fragment woven into the writer's own sentence."""
    # A quote opening its line ("― Stephanie Egan\n“Tonight…") has no head:
    # a line break inside a sentence ends what came before (issue #25).
    head = masked[c.head_start : c.open].rsplit("\n", 1)[-1].strip()
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
        if (
            end - start < 250
            and not _lowercase_word(_opening(masked, start, end))
            and _every_word_capitalised(masked[start:end])
        ):
            found.append((start, end))
    return found


def _opening(masked, start, end):
    """The paragraph's first whole words within 60 characters."""
    if end - start <= 60:
        return masked[start:end]
    return masked[start : start + 60].rsplit(" ", 1)[0]


def _lowercase_word(fragment):
    """Whether a word that is not a small word starts in lower case."""
    for word in fragment.split():
        first = word.lstrip("“\"‘'(")[:1]
        if first.islower() and word.strip(",.:;”\"’'").lower() not in _SMALL_WORDS:
            return True
    return False


def _every_word_capitalised(line):
    # Runs on every paragraph: a plain loop that stops at the first word in
    # lower case, which in prose comes within a few words.
    significant = 0
    for word in line.split():
        first = word.lstrip("“\"‘'(")[:1]
        if not first or not first.isalpha():
            continue
        if first.islower():
            if word.strip(",.:;”\"’'").lower() not in _SMALL_WORDS:
                return False
        else:
            significant += 1
    return significant > 0


def _quoted_ranges(candidates):
    """Quotations long enough to be speech: their words are not mentions."""
    return [(c.open, c.close + 1) for c in candidates if c.n_words >= 3]


# Telling speech from scare quotes, nicknames and titles.


def _is_speech(masked, c):
    if _chanted(masked, c):
        return True
    if _names_a_show(masked, c):
        return False
    direct = _has_direct_cue(masked, c)
    if c.n_words <= 2:
        # "No," she said. But not the "tiny home" plan. A word or two woven
        # into reported speech is a quote too: Gore insisted it was "premature".
        return direct or _reported_fragment(masked, c) or _named_after(c)
    if direct:
        return True
    content = masked[c.start : c.end]
    head_words = masked[max(c.head_start, c.open - 40) : c.open].lower().split()
    if head_words and head_words[-1] in NON_SPEECH_LEADERS and c.n_words <= 6:
        return False
    if _names_a_work(head_words, content, c.n_words):
        return False
    return not _title_case(content)


def _chanted(masked, c):
    """Words shouted or chanted are speech, however they are capitalised:
    protesters chanting “Save Our Ferry” (issue #25). A sign that reads them
    is not (the devset's policy)."""
    head = masked[max(c.head_start, c.open - 30) : c.open].lower().split()
    if head and head[-1] == "of" and len(head) > 1:
        head.pop()  # "chants of “…”"
    return bool(head) and head[-1].strip(",:") in _CHANTING


_CHANTING = frozenset(
    """
    chant chants chanted chanting shout shouts shouted shouting yelled yelling
    screamed screaming cries chorus
    """.split()
)


def _said_by_named_subject(masked, table, c):
    """A word or two woven into a sentence whose subject is a named person
    or "he" or "she": Mayor Ruiz hailed the deal as a “breakthrough” (issue
    #25: on PolNeAR
    train such fragments are the subject's words far more often than scare
    quotes). Not after "so-called" and the like, not in title case, and not
    in a relative clause ("Ruiz, who said she is “weighing” a run"), where
    the devset's policy leaves the words to the writer."""
    if not c.partial or c.n_words > 2 or _title_case(masked[c.start : c.end]):
        return False
    head_words = masked[max(c.head_start, c.open - 40) : c.open].lower().split()
    if head_words and head_words[-1] in NON_SPEECH_LEADERS:
        return False
    subject = subject_phrase(masked, c.head_start, c.open)
    if subject is None or not subject.phrase[:1].isupper():
        return False
    if subject.phrase in ("He", "She"):
        return True  # the ranker says who; a pronoun is a person
    subject_end = subject.at + len(subject.phrase)
    relative = _RELATIVE_AFTER_SUBJECT.match(masked, subject_end, c.open)
    if relative and "," not in masked[relative.end() : c.open]:
        return False
    # "Campaign chair Paul Manafort": a person among the subject's mentions.
    return any(
        entity.kind == "person"
        for _, entity in table.mentions_between(subject.at, subject_end)
    )


def _named_after(c):
    # A fragment whose sentence closes on "…, said Nargis Kassenova".
    return c.partial and c.after is not None and c.after.phrase[:1].isupper()


def _names_a_show(masked, c):
    """On ABC's "This Week," Rubio said…: a programme's name, cue or not."""
    if c.n_words > 5 or not c.partial:
        return False
    head = masked[max(c.head_start, c.open - 30) : c.open].rstrip()
    if not (head.endswith(("’s", "'s")) or head.lower().endswith((" on", " in"))):
        return False
    return _title_case(masked[c.start : c.end].rstrip(","))


def _reported_fragment(masked, c):
    """A short partial quote after a speech verb whose subject is named."""
    if not c.partial or _title_case(masked[c.start : c.end]):
        return False  # to make "Go Hawks" signs: a name, not words said
    head = masked[c.head_start : c.open].lower()
    head_words = head.split()
    if head_words and head_words[-1] in NON_SPEECH_LEADERS:
        return False
    if _FRAGMENT_VERBS.isdisjoint(_LOWER_WORDS.findall(head)):
        return False  # the quick test: no reporting verb in the sentence at all
    cue = c.before = cue_before(masked, c.head_start, c.open, partial=True)
    if cue is None:
        return _participle_of_named(masked, c)
    if cue.verb.split()[0] in _LABELLING:
        return False  # police described the injuries as "not life-threatening"
    # The speaker must come before the verb: in "who said she is", "she" is
    # what was said, not who said it.
    if cue.verb not in masked[cue.at : c.open]:
        return False
    return cue.phrase.split()[0].lower() not in _RELATIVES


def _participle_of_named(masked, c):
    """Trump hit back, calling them "rapists": a participle's fragment is
    speech when its sentence opens on a name or a pronoun (issue #25)."""
    verbs = verbs_in(_FRAGMENT_VERBS, masked, c.head_start, c.open)
    if not any(v.group().endswith("ing") for v in verbs):
        return False
    subject = subject_phrase(masked, c.head_start, c.open)
    # "Then he cut into Bush, calling him a “stiff”": a pronoun after an
    # opening word is as good a subject as one that opens the sentence.
    return subject is not None and (
        subject.phrase[:1].isupper() or subject.phrase in ("he", "she")
    )


def _second_fragment(masked, speech, c):
    """Another short fragment in a partial quote's sentence: with “tremendous
    success” after “a lot of sacrifices” (issue #25)."""
    last = speech[-1] if speech else None
    return (
        last is not None
        and last.partial
        and c.partial
        and c.n_words <= 6
        and c.head_start == last.close + 1
        and last.paragraph == c.paragraph
        and not _title_case(masked[c.start : c.end])
    )


def _rest_of_split_quote(masked, speech, c):
    """A short sentence after the cue of a split quote: “It is costly,” Ruiz
    said. “Very.” Its brevity would read as a scare quote; its place says it
    is the rest of what she said (issue #25). Both halves whole sentences,
    with only the cue sentence between them."""
    last = speech[-1] if speech else None
    return (
        last is not None
        and c.closed
        and not (last.partial or c.partial)
        and last.paragraph == c.paragraph
        and last.after is not None
        and masked[last.close + 1 : c.open].rstrip()[-1:] in _FULL_STOPS
        and not masked[last.tail_end : c.open].strip()
        and masked[c.close - 1] in _FULL_STOPS
    )


_FULL_STOPS = frozenset(".!?")
_RELATIVES = frozenset(("who", "which", "that"))
# "Ruiz, who said she is": a relative clause on the subject, not yet closed.
_RELATIVE_AFTER_SUBJECT = re.compile(
    r"[ \t]*(?:\([^)]*\)[ \t]*)?,[ \t]*(?:who|whose)\b"
)
# Verbs that label rather than report: the words may be the writer's.
_LABELLING = frozenset(
    """
    described describing describes describe characterized characterised
    labeled labelled labeling termed branded dubbed deemed referred
    """.split()
)


_LOWER_WORDS = re.compile(r"[a-z]+")
_FRAGMENT_VERBS = (
    (ANY_CUE - _LABELLING) | {p.split()[0] for p in CUE_PHRASES} | {"according"}
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
    # A headline capitalises every word ("Bass Spoke at City Hall"); a short
    # sentence of names ("Mayor Karen Bass spoke at City Hall") does not.
    return capitals / len(significant) >= (0.8 if strict else 0.99)


def _after_cue(masked, c):
    # After a full stop the next sentence is new, unless it starts in lower case
    # ("…home.” she said" is sloppy but common in wire copy).
    if not c.closed:
        return None
    cue = cue_after(masked, c.close + 1, c.tail_end)
    if cue and masked[c.close - 1] == "." and not cue.phrase[:1].islower():
        return cue if _cue_sentence(masked, c, cue) else None
    return cue


def _closing_cue(masked, c):
    """A cue closing the quote's sentence: it has used “velvet gloves” in
    Central Asia, said Nargis Kassenova / “…” because she would win, he
    said (issue #25).

    Only when nothing before the quote reports anyone: "Trump called her a
    “liar,” Cruz said" leaves the fragment to the rules for its subject.
    """
    comma = masked.find(", ", c.close + 1, c.tail_end)
    if comma < 0 or verbs_in(ANY_CUE, masked, c.head_start, c.open):
        return None
    while comma >= 0:
        cue = cue_after(masked, comma + 1, c.tail_end)
        # The cue right after the comma: "…, said RoseAnn DeMoro, executive
        # director of …" however long its appositive.
        if cue is not None and len(masked[comma + 1 : cue.at].split()) <= 3:
            return cue
        comma = masked.find(", ", comma + 2, c.tail_end)
    return None


def _cue_sentence(masked, c, cue):
    """"…missing.” Trump said." A sentence that is only a name and its verb
    attributes the quote before it, full stop or not (issue #25)."""
    rest = masked[c.close + 1 : c.tail_end].strip().rstrip(".")
    return len(rest.split()) <= 5 and rest.endswith(cue.verb)
