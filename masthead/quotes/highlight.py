"""Mark quotations in an article's sanitized HTML. No Django import.

Quote offsets index the Markdown source, not the HTML, so quotes are found by
their words in the HTML's text. The HTML is never edited as a string: it is
tokenized, tags are copied through exactly as the sanitizer wrote them, text
is re-escaped, and the only markup added is ``<mark>`` elements whose
attributes we build and escape here. A quote that crosses an element
boundary (``<em>``, a paragraph break) gets one ``<mark>`` per text piece, so
the result nests as the original did; only the first piece carries the id.
"""

import html
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class Mark:
    """A quote to mark: its anchor id, its speaker's slug, and its words."""

    anchor: str
    speaker: str
    text: str
    selected: bool = False


class _Tokens(HTMLParser):
    """Splits HTML into ("tag", raw source) and ("text", unescaped text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("tag", self.get_starttag_text()))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.tokens.append(("tag", f"</{tag}>"))

    def handle_data(self, data):
        self.tokens.append(("text", data))


def tokenize(markup):
    parser = _Tokens()
    parser.feed(markup)
    parser.close()
    return parser.tokens


def _normalise(text):
    return " ".join(text.split())


def _text_stream(tokens):
    """The page's text with white space collapsed, and where each character came from."""
    chars, origin = [], []
    last_space = True
    for index, (kind, value) in enumerate(tokens):
        if kind != "text":
            continue
        for offset, char in enumerate(value):
            if char.isspace():
                if last_space:
                    continue
                char, last_space = " ", True
            else:
                last_space = False
            chars.append(char)
            origin.append((index, offset))
    return "".join(chars), origin


def _place(stream, marks):
    """(start, end, mark) in the stream for each mark found, never overlapping."""
    placed, cursor = [], 0
    for mark in marks:
        needle = _normalise(mark.text)
        if not needle:
            continue
        at = stream.find(needle, cursor)
        if at < 0:
            at = stream.find(needle)
            if at < 0 or any(s < at + len(needle) and at < e for s, e, _ in placed):
                continue
        placed.append((at, at + len(needle), mark))
        cursor = at + len(needle)
    return placed


def _pieces(placed, origin):
    """Per text token: the (start, end, mark, first) ranges to wrap."""
    pieces = {}
    for start, end, mark in placed:
        first = True
        for index, lo, hi in _token_ranges(origin[start:end]):
            pieces.setdefault(index, []).append((lo, hi, mark, first))
            first = False
    return pieces


def _token_ranges(positions):
    ranges = []
    for index, offset in positions:
        if ranges and ranges[-1][0] == index:
            ranges[-1][2] = offset + 1
        else:
            ranges.append([index, offset, offset + 1])
    return ranges


def _open_tag(mark, first):
    classes = "quote quote--selected" if mark.selected else "quote"
    attributes = [f'class="{classes}"']
    if first:
        attributes.append(f'id="{html.escape(mark.anchor)}"')
    if mark.speaker:
        attributes.append(f'data-speaker="{html.escape(mark.speaker)}"')
    return f"<mark {' '.join(attributes)}>"


def _render_text(value, ranges):
    out, cursor = [], 0
    for lo, hi, mark, first in sorted(ranges, key=lambda r: r[0]):
        out.append(html.escape(value[cursor:lo], quote=False))
        words = value[lo:hi]
        if words.strip():
            out.append(_open_tag(mark, first) + html.escape(words, quote=False) + "</mark>")
        else:
            # White space between blocks (inside <ul> or <table>) may not hold a <mark>.
            out.append(html.escape(words, quote=False))
        cursor = hi
    out.append(html.escape(value[cursor:], quote=False))
    return "".join(out)


def highlight(markup, marks):
    """``markup`` with each quote in ``marks`` (in reading order) wrapped in <mark>.

    Quotes whose words cannot be found are left unmarked.
    """
    tokens = tokenize(markup)
    stream, origin = _text_stream(tokens)
    pieces = _pieces(_place(stream, marks), origin)
    out = []
    for index, (kind, value) in enumerate(tokens):
        if kind == "tag":
            out.append(value)
        else:
            out.append(_render_text(value, pieces.get(index, ())))
    return "".join(out)
