"""Markdown to safe HTML. No Django import: tested without a database.

Order matters (WordPress's comment CVEs came from formatters that changed HTML
after the sanitizer ran): Markdown renders with raw HTML disabled, then nh3
sanitizes, and nothing touches the HTML afterwards.
"""

import html
import re
from urllib.parse import unquote

import nh3
from markdown_it import MarkdownIt

ARTICLE_TAGS = {
    "p", "br", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "a", "em",
    "strong", "code", "pre", "hr", "q", "cite", "abbr", "del", "s", "sub", "sup",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ARTICLE_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}

# At most WordPress's comment allowlist.
COMMENT_TAGS = {
    "p", "br", "a", "b", "i", "em", "strong", "code", "blockquote", "q", "cite",
    "del", "s", "abbr",
}  # fmt: skip
COMMENT_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
COMMENT_LINK_REL = "nofollow ugc noopener"
COMMENT_URL_SCHEMES = frozenset({"http", "https", "mailto"})
WEBSITE_URL_SCHEMES = frozenset({"http", "https"})

# Browsers drop ASCII tab and newlines anywhere in a URL and strip leading C0
# controls and spaces, so `jav&#x09;ascript:` runs as `javascript:`; we remove
# every control character before reading the scheme.
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")

_article_markdown = MarkdownIt("commonmark", {"html": False, "typographer": False})
_article_markdown.enable(["table", "strikethrough"])

# Comments get a small subset: paragraphs, emphasis, code, quotes and links.
_comment_markdown = MarkdownIt("zero", {"html": False, "breaks": True})
_comment_markdown.enable(
    ["paragraph", "newline", "emphasis", "backticks", "link", "blockquote",
     "escape", "strikethrough", "autolink"]
)  # fmt: skip


def render_article_body(markdown_text):
    plain = _plain_paragraphs(markdown_text, _PLAIN_ARTICLE_LINE, "\n")
    if plain is not None:  # as render_comment_body's, for stories (issue 22)
        return plain
    if _SPANS_PARAGRAPHS.search(markdown_text or ""):
        return _render_article(markdown_text or "")
    return _render_by_paragraphs(markdown_text)


def _render_article(markdown_text):
    return _clean_article(_article_markdown.render(markdown_text), ARTICLE_TAGS)


# What can make one block of several paragraphs, or make one paragraph change
# another: a fence, an indented line (code, a list item's later paragraphs), a
# list or quote marker, a link reference definition, a carriage return. A
# text with none of these renders paragraph by paragraph to the same HTML as
# in one go, so its plain paragraphs can take the short way and only the
# others go through the renderer (issue 22: a story with one link in it used
# to render all its paragraphs in full).
_SPANS_PARAGRAPHS = re.compile(r"^[ \t>+*\-\d]|```|~~~|\]:|\r", re.M)


def _render_by_paragraphs(text):
    """The HTML of a text that _SPANS_PARAGRAPHS passed: plain paragraphs
    (links included) directly, each run of other paragraphs through the
    renderer in one go."""
    out, others = [], []
    for paragraph in text.split("\n\n"):
        plain = _plain_paragraphs(paragraph, _PLAIN_ARTICLE_LINE, "\n")
        if plain is None and "](<" in paragraph:
            plain = _linked_paragraph(paragraph)
        if plain is None:
            others.append(paragraph)
            continue
        if others:
            out.append(_render_article("\n\n".join(others)))
            others = []
        out.append(plain)
    if others:
        out.append(_render_article("\n\n".join(others)))
    return "".join(out)


# A link as a WordPress import writes one (wordpress/htmltext.py): plain
# words, then a path on the site or an http(s) address, in angle brackets,
# of characters that neither markdown-it's link normalizer nor nh3 changes
# ("&" aside, which both write as "&amp;"). A paragraph of plain lines with
# such links renders as its words and <a> elements: markdown-it took about
# 100 µs for each link paragraph of an imported story (issue 22).
_URL_CHARS = r"(?:[A-Za-z0-9\-._~:/?#@!$'()*+,;=&]|%[0-9A-Fa-f]{2})*"
_PLAIN_LINK = re.compile(
    r"\[([^\W_][\w .,;:?!'\"-]*(?<! ))\]\(<("
    rf"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:[/?#]{_URL_CHARS})?|/(?!/){_URL_CHARS}"
    r")>\)"
)


def _linked_paragraph(paragraph):
    """The HTML of one paragraph of plain lines and _PLAIN_LINKs, or None."""
    parts = _PLAIN_LINK.split(paragraph)  # text, label, address, text, …
    texts, labels = parts[0::3], parts[1::3]
    # Each link read as a word: the lines must still be plain lines, and a
    # "!" before a link would make it a picture.
    words = "X".join(texts)
    if "_" in words or any("_" in label for label in labels) \
            or any(text.endswith("!") for text in texts[:-1]):  # fmt: skip
        return None
    if not all(_PLAIN_ARTICLE_LINE.match(line) for line in words.split("\n")):
        return None
    html = [texts[0]]
    for at in range(1, len(parts), 3):
        label, address, after = parts[at], parts[at + 1].replace("&", "&amp;"), parts[at + 2]
        html.append(f'<a href="{address}" rel="noopener">{label}</a>{after}')
    return "<p>" + "".join(html) + "</p>\n"


INLINE_TAGS = {"a", "em", "strong", "code", "q", "cite", "abbr", "del", "s", "sub", "sup", "br"}


def render_inline(markdown_text):
    """One line of Markdown (a caption, a pull quote) as phrasing HTML: no
    paragraphs, headings or lists, so it fits inside <figcaption> or <p>."""
    return _clean_article(_article_markdown.renderInline(markdown_text or ""), INLINE_TAGS)


def _clean_article(html, tags):
    return nh3.clean(
        html,
        tags=tags,
        attributes=ARTICLE_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )


def url_scheme(url):
    """The scheme a browser would see, after every decoding a browser applies.

    Entities (`&colon;`), percent-encoding (`%6A`) and control characters are
    undone repeatedly until the text stops changing, so nesting them does not
    help. Returns None for a relative URL.
    """
    text = url or ""
    for _ in range(5):
        decoded = _CONTROL.sub("", unquote(html.unescape(text)))
        if decoded == text:
            break
        text = decoded
    match = _SCHEME.match(text.lower())
    return match.group(1) if match else None


def is_safe_url(url, schemes=WEBSITE_URL_SCHEMES):
    """True only for an absolute URL whose decoded scheme is allowed."""
    return url_scheme(url) in schemes


def _comment_attribute_filter(tag, attribute, value):
    # Runs inside nh3, as part of sanitizing: nothing edits the HTML afterwards.
    if attribute == "href" and not is_safe_url(value, COMMENT_URL_SCHEMES):
        return None
    return value


def render_comment_body(markdown_text):
    """A comment's Markdown-lite as HTML within WordPress's comment allowlist.

    Links must be absolute http, https or mailto; anything else (relative,
    `javascript:` in any encoding, `data:`) loses its href but keeps its text.
    """
    plain = _plain_paragraphs(markdown_text)
    return plain if plain is not None else _render_comment(markdown_text)


# A line of plain words: letters and digits, spaces and ordinary punctuation,
# no character Markdown or HTML gives a meaning to, starting and ending with
# no space. Comments made of such lines render to exactly their paragraphs and
# line breaks: no rule of the renderer or the sanitizer touches them (a test
# holds the two to the same output). Most comments a WordPress import brings
# are such, and rendering them in full was a third of its CPU (issue 22).
# The underscore, a word character to the pattern, is refused by the caller
# for the whole text at once: one character class repeated is matched four
# times faster than the alternation it replaces (issue 22).
_PLAIN_LINE = re.compile(r"[^\W_][\w .,;:?!'\"-]*(?<! )\Z")
# A story's line may not start with a digit either ("1. " opens a list there).
_PLAIN_ARTICLE_LINE = re.compile(r"[^\W\d_][\w .,;:?!'\"-]*(?<! )\Z")


def _plain_paragraphs(text, plain_line=_PLAIN_LINE, line_break="<br>\n"):
    """The HTML of a text of plain lines, or None when it is not one."""
    if "_" in (text or ""):
        return None
    paragraphs = []
    for paragraph in (text or "").split("\n\n"):
        lines = paragraph.split("\n")
        if not all(plain_line.match(line) for line in lines):
            return None
        paragraphs.append("<p>" + line_break.join(lines) + "</p>\n")
    return "".join(paragraphs)


def _render_comment(markdown_text):
    html = _comment_markdown.render(markdown_text or "")
    return nh3.clean(
        html,
        tags=COMMENT_TAGS,
        attributes=COMMENT_ATTRIBUTES,
        attribute_filter=_comment_attribute_filter,
        url_schemes=set(COMMENT_URL_SCHEMES),
        url_relative="deny",
        link_rel=COMMENT_LINK_REL,
    )


def plain_text(markup):
    """Visible text of sanitized HTML, for summaries and search."""
    return html.unescape(nh3.clean(markup or "", tags=set()))


def prose_text(markup):
    """plain_text() of a story's prose alone: not the captions, credits,
    fact boxes, pull quotes or gallery of its blocks (core/story.py), which
    read as nonsense run into a search result's or a feed's summary."""
    prose = nh3.clean(markup or "", tags=set(), clean_content_tags=_BLOCK_TAGS)
    return html.unescape(prose)


_BLOCK_TAGS = {"figure", "aside"}
