"""Markdown then nh3, nothing after: what survives in a comment body."""

import random

import pytest

from masthead.core import sanitize
from masthead.core.sanitize import is_safe_url, render_comment_body, url_scheme

JS = "window.__xss=1"


def _rendered_in_full(text):
    """A story's HTML through markdown-it and nh3, with no shortcut."""
    html = sanitize._article_markdown.render(text)
    return sanitize._clean_article(html, sanitize.ARTICLE_TAGS)


@pytest.mark.parametrize(
    "markdown",
    [
        f"[x](javascript:{JS})",
        f"[x](javascript&colon;{JS})",
        f"[x](jav&#x09;ascript:{JS})",
        f"[x](%6Aavascript:{JS})",
        f"[x](%256Aavascript:{JS})",
        "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))",
        f"<javascript:{JS}>",
        "[x](/relative/path)",
        "[x](//evil.example/)",
    ],
)
def test_no_link_but_http_https_or_mailto_keeps_its_href(markdown):
    html = render_comment_body(markdown)
    assert "href" not in html


def test_web_and_mail_links_survive_with_ugc_rel():
    html = render_comment_body("[site](https://example.com/a?b=1) [me](mailto:a@example.com)")
    assert '<a href="https://example.com/a?b=1" rel="nofollow ugc noopener">site</a>' in html
    assert 'href="mailto:a@example.com"' in html


def test_raw_html_is_text_not_markup():
    html = render_comment_body('<img src=x onerror="alert(1)"><script>alert(1)</script>')
    assert "<img" not in html and "<script" not in html
    assert "&lt;script&gt;" in html


def test_only_the_wordpress_allowlist_comes_through():
    html = render_comment_body("*em* **strong** `code` ~~del~~\n\n> quoted")
    for tag in ("<em>", "<strong>", "<code>", "<s>", "<blockquote>"):
        assert tag in html


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("https://example.com", "https"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("\x01 javascript:alert(1)", "javascript"),
        ("&#x6A;avascript:alert(1)", "javascript"),
        ("%6Aavascript:alert(1)", "javascript"),
        ("javascript&colon;alert(1)", "javascript"),
        ("/path:with:colons", None),
        ("#fragment", None),
    ],
)
def test_url_scheme_sees_what_a_browser_sees(url, scheme):
    assert url_scheme(url) == scheme


def test_websites_must_be_absolute_http_or_https():
    assert is_safe_url("http://example.com")
    assert not is_safe_url("mailto:a@example.com")
    assert not is_safe_url("example.com")


def test_plain_comments_take_the_short_way_to_the_same_html():
    """Issue 22: comments of plain lines skip the renderer; the HTML must be
    what the renderer and sanitizer make of them, for any text."""
    handmade = [
        "The bridge vote was Tuesday.",
        "Thanks, council!\nSee you at the hearing?",
        "First paragraph here.\n\nSecond one, with 'quotes' and \"more\" - dashes.",
        "Zoë's café is 3rd on Main; open 9-5.",
        "trailing space ",
        " leading space",
        "two\n\n\nblank lines",
        "*emphasis* and _underscore_",
        "a < b & c > d",
        "",
    ]
    rng = random.Random(22)
    alphabet = "ab Zé9 .,;:?!'\"-\n*_<&#>[]()\\`~\t\u00a0"
    generated = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
                 for _ in range(5000)]  # fmt: skip
    short = 0
    for text in handmade + generated:
        assert sanitize.render_comment_body(text) == sanitize._render_comment(text), repr(text)
        short += sanitize._plain_paragraphs(text) is not None
    assert short > 100  # the short way was taken, and agreed
    assert sanitize._plain_paragraphs("*emphasis* and _underscore_") is None


def test_plain_stories_take_the_short_way_to_the_same_html():
    """Issue 22: the same for a story's Markdown between its blocks, where a
    line may also open a list, a heading or a code block."""
    handmade = [
        "The council met on Tuesday.\nIt voted 5-2.",
        "First paragraph.\n\nSecond, with \"quotes\" and 'apostrophes'!",
        "1. a list item",
        "Heading\n---",
        "Title\n===",
        "    indented code",
        "- item",
        "Zoë's café",
    ]
    rng = random.Random(25)
    alphabet = "ab Zé9 .,;:?!'\"-\n\n*_<&#>=+)[]`|~\t"
    generated = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
                 for _ in range(5000)]  # fmt: skip
    short = 0
    for text in handmade + generated:
        assert sanitize.render_article_body(text) == _rendered_in_full(text), text
        short += sanitize._plain_paragraphs(text, sanitize._PLAIN_ARTICLE_LINE) is not None
    assert short > 100


def test_a_story_renders_paragraph_by_paragraph_to_the_same_html():
    """Issue 22: a story with a link in one paragraph renders its plain
    paragraphs the short way and only the others in full; the HTML must be
    what one full rendering makes of the whole text, including texts where
    one paragraph changes another (a loose list, code across a blank line,
    a link reference defined further down)."""
    handmade = [
        "The council met.\n\n[Earlier](<https://example.org/p1/>)",
        "Plain one.\n\n*Emphasis.*\n\nPlain two.\n\n**Strong** end.",
        "- one\n\n- two",
        "Intro.\n\n    code\n\n    more code",
        "See [the plan].\n\nPlain words.\n\n[the plan]: https://example.org/plan",
        "```\nfence\n\nPlain words in the fence.\n\n```",
        "~~~\nfence\n\nPlain words in the fence.\n\n~~~",
        "> quoted\n\n> again",
        "Title\n===\n\nPlain.",
        "| a | b |\n| --- | --- |\n| c | d |\n\nAfter the table.",
        "Line one\r\n\r\nLine two",
    ]
    rng = random.Random(26)
    paragraphs = ["The council met on Tuesday.", "It voted five to two.", "## Heading",
                  "[Earlier](<https://example.org/p/>)", "*emphasis* here", "---",
                  "a &amp; b < c", "[x]: https://example.org", "[x] and [y]", "1. item"]  # fmt: skip
    alphabet = "ab Zé9 .,;:?!'\"-\n*_<&#>=+)([]`|~\t\\"
    generated = [
        "\n\n".join(rng.choice(paragraphs) if rng.random() < 0.7 else
                    "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
                    for _ in range(rng.randint(2, 6)))
        for _ in range(5000)
    ]  # fmt: skip
    split = 0
    for text in handmade + generated:
        assert sanitize.render_article_body(text) == _rendered_in_full(text), text
        split += not sanitize._SPANS_PARAGRAPHS.search(text)
    assert split > 500  # the paragraph-by-paragraph way was taken, and agreed


def test_paragraphs_with_links_take_the_short_way_to_the_same_html():
    """Issue 22: a paragraph of plain words and links, as a WordPress import
    writes them, renders without markdown-it; the HTML must be what the
    renderer and nh3 make of it, whatever the address holds (queries,
    percent signs, hosts that are not ASCII, schemes nh3 drops) and
    whatever is around the link (a "!" that makes it a picture, emphasis)."""
    handmade = [
        "Words [label](</p1/>) more.",
        "[Earlier](<https://example.org/2011/02/p1/>)",
        "x [a](</a?b=1&c=2>)\ny [b](<http://x.y:8080/#top>)",
        'Say [a "quoted" title](</x>).',
        "see![a picture](</x>)",
        "[a](<//elsewhere.org/x>) and [b](<javascript:alert(1)>)",
        "[a](<https://éxample.org/>) [b](<https://example.org/a%20b%zz>)",
        "1. [a list](</x>)",
        "[snake_case](</x>) and [b](</snake_case/>)",
        "An _emphasis_ and [a link](</x>)",
    ]
    rng = random.Random(27)
    address = "aZ9/.-_~:?#@!$'()*+,;=&%é <>[]\\\""
    words = ["The council", "met", "on Tuesday.", "It voted", "five to two!", "Zoë's"]
    text_bits = words + ["*em*", "_em_", "1.", " ", "\n", "!", "_", "# ", "<b>", "`x`", "\"q\""]

    def link():
        start = rng.choice(["/", "/", "https://example.org/", "http://Ex.org", "mailto:a@b",
                            "//x.org/", "javascript:", "ftp://x/", ""])
        chars = address if rng.random() < 0.3 else "ab/-09?=&"
        rest = "".join(rng.choice(chars) for _ in range(rng.randint(0, 8)))
        label = rng.choice(words + ["x_y", " lead", "trail ", "*em*", "a [b] c"])
        return f"[{label}](<{start}{rest}>)"

    def paragraph():
        bits = [link() if rng.random() < 0.35 else rng.choice(words if rng.random() < 0.8
                                                               else text_bits)
                for _ in range(rng.randint(1, 6))]  # fmt: skip
        return "".join(bit + rng.choice([" ", " ", "", "\n"]) for bit in bits).strip()

    generated = ["\n\n".join(paragraph() for _ in range(rng.randint(1, 3)))
                 for _ in range(5000)]  # fmt: skip
    short = 0
    for text in handmade + generated:
        assert sanitize.render_article_body(text) == _rendered_in_full(text), text
        short += any(sanitize._linked_paragraph(part) is not None
                     for part in text.split("\n\n") if "](<" in part)  # fmt: skip
    assert short > 500  # the short way was taken, and agreed
