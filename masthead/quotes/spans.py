"""Find quoted spans, paragraphs and sentence edges in an article body.

Everything here works on a *masked* copy of the body: Markdown syntax is
overwritten with spaces so that the copy has the same length as the original
and every offset found in it is an offset into the article the editor wrote.
"""

import re
from dataclasses import dataclass

from masthead.core.story import blank_blocks

_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
# An underscore inside a word (snake_case, URLs) is text, not emphasis.
_STARS = re.compile(r"\*+")
_UNDERSCORES = re.compile(r"_+")
# Raw HTML in a body (embeds from feeds: <tweet tweet-author="@x">): its
# attribute values are quoted, but they are markup, not speech (issue #25).
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
# Found from the newline before each (a literal the engine skips ahead to);
# "^" with re.M was tried at every offset of the body (issue #25's speed).
_LINE_MARK = r"[ \t]*(?:#{1,6}[ \t]|>[ \t]?|[-+][ \t])"
_FIRST_LINE_MARK = re.compile(_LINE_MARK)
_LINE_MARKS = re.compile("\n" + _LINE_MARK)
# A blank line ends a paragraph; so does a single newline after the end of a
# sentence, as in many feeds and imports (issue #25). A newline inside a
# sentence is a Markdown soft wrap and ends nothing.
_NEWLINES = re.compile(r"\n\s*")  # a literal first: the engine skips ahead to it
_ENDS_SENTENCE = frozenset(".!?:”\"’)]")
_QUOTE_MARKS = '“”"'
# A sentence ends at . ! ? (perhaps inside a closing quote or bracket) before
# white space and a capital, a digit or an opening mark.
_SENTENCE_END = re.compile(r"[.!?][”\"’)]*\s+(?=[“\"‘(]?[A-Z0-9])")
_LAST_WORD = re.compile(r"[\w.]+$")
# Abbreviations whose full stop does not end a sentence ("Dr. Rao", "Gov. Ames",
# "Lt. Gov. Ames", "on Jan. 5"): titles, street and place words, months.
# The sentence pattern already asks for a capital or a digit after the stop,
# so each of these is passed over only where a name or a number follows it,
# and there it almost never ends a sentence (issue #25, cues cut short).
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gov sen rep lt sgt capt col gen det prof rev jr sr mt ave no "
    "vs u.s a.m p.m supt cmdr adm gens govs sens reps sgts messrs atty "
    "jan feb aug sept oct nov dec".split()
)
# Initials, alone or run together: "J. Ames", "J.J. MacNab", "G.K. Butterfield"
# (issue #25).
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
_WORD = re.compile(r"[\w'’-]+")


@dataclass
class Span:
    """One run of text between quotation marks, inside one paragraph."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark, or of the paragraph end
    closed: bool
    paragraph: int

    @property
    def start(self):
        return self.open + 1


def quotable_text(body):
    """The body with the story blocks that repeat or hold no reporting (pull
    quotes, galleries, related stories, embeds) blanked, offsets kept: a pull
    quote repeats words the story already quotes (issue 19)."""
    return blank_blocks(body)


def mask_markdown(text):
    """Blank out Markdown syntax, keeping every other character in place."""
    # Each pass is skipped when its characters are absent: most bodies are
    # plain prose, and this runs on every article (see bench/quotes.py).
    masked = _LINK.sub(_blank_link, text) if "](" in text else text
    if "<" in masked:
        masked = _TAG.sub(_blank, masked)
    if "\xa0" in masked:
        masked = masked.replace("\xa0", " ")  # a no-break space is a space
    if "*" in masked:
        masked = _STARS.sub(_blank, masked)
    if "_" in masked:
        masked = _UNDERSCORES.sub(_blank_emphasis, masked)
    if "#" in masked or ">" in masked or "- " in masked or "+ " in masked:
        first = _FIRST_LINE_MARK.match(masked)
        if first is not None:
            masked = " " * first.end() + masked[first.end() :]
        masked = _LINE_MARKS.sub(_blank_after_newline, masked)
    return masked


def _blank(match):
    return " " * len(match.group())


def _blank_after_newline(match):
    return "\n" + " " * (len(match.group()) - 1)


def _blank_emphasis(match):
    # Underscores at a word's edge are emphasis; inside a word (snake_case,
    # URLs) they are text. Tested here rather than by look-arounds, which
    # the engine tried at every offset of the body (issue #25's speed).
    text, start, end = match.string, match.start(), match.end()
    inside = _is_word(text[start - 1 : start]) and _is_word(text[end : end + 1])
    return match.group() if inside else " " * (end - start)


def _is_word(char):
    return char.isalnum() or char == "_"


def _blank_link(match):
    # [text](url) keeps its text where it was: " text" then spaces.
    label = match.group(1)
    return " " + label + " " * (len(match.group()) - len(label) - 1)


def paragraphs(text):
    """Return (start, end) of each paragraph, trailing white space excluded."""
    bounds, start = [], 0
    for match in _NEWLINES.finditer(text):
        at = match.start()
        while at > start and text[at - 1] in " \t":
            at -= 1
        if (at > start and text[at - 1] in _ENDS_SENTENCE) or "\n" in match.group()[1:]:
            bounds.append((start, at))
            start = match.end()
    bounds.append((start, len(text.rstrip())))
    return [(s, e) for s, e in bounds if e > s]


def find_spans(masked, bounds):
    """Pair quotation marks paragraph by paragraph.

    Curly marks say which way they face; a straight mark opens when no quote
    is open and closes otherwise. A quote left open at the end of a paragraph
    ends there: the newspaper convention continues it in the next paragraph,
    which opens with a fresh mark and so becomes the next span.
    """
    spans, index, opened, nested_end = [], 0, None, -1
    # One pass over every mark in the body, moving through the paragraphs.
    for at in _mark_offsets(masked):
        if at <= nested_end:
            continue
        while index < len(bounds) and bounds[index][1] <= at:
            if opened is not None:
                spans.append(Span(opened, bounds[index][1], False, index))
                opened = None
            index += 1
        if index == len(bounds):
            break
        mark = masked[at]
        if opened is not None and mark == "“" and masked[opened] == '"':
            nested_end = _nested_close(masked, at, bounds[index][1])
            if nested_end > at:
                continue
        if opened is None:
            if mark != "”":  # a stray closing mark opens nothing
                opened = at
        elif mark == "“" and not _closes_anyway(masked, at):
            spans.append(Span(opened, at, False, index))  # the first never closed
            opened = at
        else:
            spans.append(Span(opened, at, True, index))
            opened = None
    if opened is not None:
        spans.append(Span(opened, bounds[index][1], False, index))
    return [span for span in spans if masked[span.start : span.close].strip()]


def _mark_offsets(masked):
    """Offsets of every quotation mark, in order.

    Three searches for a character each: faster than a regex's character
    class, which is tried at every offset of the body (issue #25's speed).
    """
    found = []
    for mark in _QUOTE_MARKS:
        at = masked.find(mark)
        while at >= 0:
            found.append(at)
            at = masked.find(mark, at + 1)
    found.sort()
    return found


def _nested_close(masked, at, para_end):
    """The closing mark of a curly quote inside a straight one, or -1.

    ``"Lynch calls it a “bathroom bill” now," Ward wrote``: the curly pair
    is a quote inside the quote, which goes on to the straight mark after
    it (issue #25, excerpts quoted whole). Without that straight mark the
    curly one opens a quote of its own, as before.
    """
    close = masked.find("”", at + 1, para_end)
    if close < 0 or masked.find('"', close + 1, para_end) < 0:
        return -1
    return close if masked.find("“", at + 1, close) < 0 else -1


def _closes_anyway(masked, at):
    """An opening mark typed for a closing one: "“It's unusual,“ said Noble",
    "the film “Frozen“ and the books".

    After a word or a sentence's end and before a space, while a quote is
    open, the mark can only close it: an opening mark follows a space and
    comes before a word (issue #25, real feeds).
    """
    before, after = masked[at - 1 : at], masked[at + 1 : at + 2]
    return (
        before != ""
        and not before.isspace()
        and before not in _OPENERS
        and (after in ("", " ", "\n") or after in _AFTER_CLOSE)
    )


_OPENERS = frozenset("([{—–-/")
_AFTER_CLOSE = frozenset(",.;:!?)")


def sentence_start(masked, lower, position):
    """Offset where the sentence holding ``position`` begins (not before ``lower``)."""
    start = lower
    # Look two characters past the opening mark so the look-ahead can see it.
    for match in _SENTENCE_END.finditer(masked, lower, position + 2):
        if match.end() <= position and not is_abbreviation(masked, match.start()):
            start = match.end()
    return start


def sentence_end(masked, position, upper):
    """Offset where the sentence holding ``position`` ends (not after ``upper``)."""
    for match in _SENTENCE_END.finditer(masked, position, min(len(masked), upper + 2)):
        if match.start() >= upper:
            break
        if not is_abbreviation(masked, match.start()):
            return match.start() + 1
    return upper


def is_abbreviation(masked, stop):
    """Whether the full stop at ``stop`` closes an abbreviation or an initial."""
    if masked[stop] != ".":
        return False
    before = masked[max(0, stop - 7) : stop]
    if before.isalpha() and before.islower() and len(before) == 7:
        return False  # the quick test: a long word in lower case is neither
    found = _LAST_WORD.search(masked[max(0, stop - 8) : stop])
    if not found:
        return False
    word = found.group()
    return word.lower() in _ABBREVIATIONS or _INITIALS.fullmatch(word) is not None


def words(fragment):
    return _WORD.findall(fragment)


def listed_after(masked, previous, c):
    """A fragment listed right after a partial quote: "“reckless,” “rushed” and “…”"."""
    if not (previous.partial and c.partial) or previous.paragraph != c.paragraph:
        return False
    between = masked[previous.close + 1 : c.open].strip(" ,;—–")
    return len(between) <= 6 and between.lower() in _LIST_JOINS


_LIST_JOINS = frozenset(("", "and", "or", "a", "an", "and a", "or a", "and an", "nor"))
