"""Find the direct quotations in a news article and who said them.

Pure Python, no Django: the quotes app's services call ``extract_quotes`` on
an article body (plain text or Markdown) and store what it returns.

The steps: mask Markdown so offsets stay true; pair quotation marks into spans
(spans.py); drop spans shaped like scare quotes, nicknames or titles of works
(speech.py);
read who is mentioned where (speakers.py); then for each span look for a
speech cue after it, then before it (cues.py), and fall back on the
newspaper conventions (a quote paragraph with no cue continues the speaker
just quoted).
"""

from dataclasses import dataclass

from .attribute import Attributor, Quotation
from .cues import cue_after
from .lexicon import CUE_VERBS
from .spans import (
    find_spans,
    mask_markdown,
    paragraphs,
    sentence_end,
    sentence_start,
)
from .speakers import EntityTable
from .speech import SMALL_WORDS, is_speech
from .verbs import ANY_CUE, verbs_in

__all__ = ["Quotation", "extract_quotes"]

# Every rule asks whether a quote has at most a dozen words, so the count
# stops past that instead of splitting a long quote whole (issue #25's speed).
_COUNTED_WORDS = 16


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
    n_words: int  # up to _COUNTED_WORDS + 1: the rules ask about fewer
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
        if is_speech(masked, table, speech, c):
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
        n_words=len(masked[start:end].split(None, _COUNTED_WORDS)),
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
        if first.islower() and word.strip(",.:;”\"’'").lower() not in SMALL_WORDS:
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
            if word.strip(",.:;”\"’'").lower() not in SMALL_WORDS:
                return False
        else:
            significant += 1
    return significant > 0


def _quoted_ranges(candidates):
    """Quotations long enough to be speech: their words are not mentions."""
    return [(c.open, c.close + 1) for c in candidates if c.n_words >= 3]


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
