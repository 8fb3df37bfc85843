"""bodies.py and htmltext.py: WordPress bodies as story Markdown, no database."""

import random
import re

from masthead.core import story
from masthead.wordpress import bodies, htmltext
from masthead.wordpress.htmltext import Converter, escape

LIBRARY = bodies.Library(
    by_id={7: ("crane.jpg", "The crane"), 8: ("weir.jpg", "The weir"), 9: ("mill.jpg", "")},
    by_url={"example.org/wp-content/uploads/2013/03/crane.jpg": 7},
    children={1: [7, 8]},
)


def convert(source, **kw):
    return bodies.convert(source, library=LIBRARY, post_id=1, **kw)


def test_a_caption_shortcode_becomes_a_figure():
    body = convert('[caption id="attachment_7" align="alignnone" width="300"]<img '
                   'src="https://example.org/wp-content/uploads/2013/03/crane-300x200.jpg"> '
                   "At first light[/caption]")
    (block,) = story.blocks(body.markdown)
    assert story.figure(block) == story.Figure("crane.jpg", "inline", "At first light")


def test_a_gallery_shortcode_without_ids_shows_the_posts_attachments():
    (block,) = story.blocks(convert('[gallery columns="3"]').markdown)
    assert [name for name, _ in story.gallery(block)] == ["crane.jpg", "weir.jpg"]


def test_gutenberg_image_gallery_pullquote_and_embed_blocks():
    source = (
        '<!-- wp:image {"id":7,"align":"wide"} --><figure><img src="x.jpg"/><figcaption>'
        "Crane</figcaption></figure><!-- /wp:image -->"
        '<!-- wp:gallery {"ids":[8,9]} --><figure></figure><!-- /wp:gallery -->'
        "<!-- wp:pullquote --><figure><blockquote><p>We rebuild.</p><cite>Maya</cite>"
        "</blockquote></figure><!-- /wp:pullquote -->"
        '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=aqz-KE-bpKQ"} -->'
        "<figure>https://www.youtube.com/watch?v=aqz-KE-bpKQ</figure><!-- /wp:embed -->"
        "<!-- wp:paragraph --><p>Words <strong>here</strong>.</p><!-- /wp:paragraph -->"
    )
    markdown = convert(source).markdown
    kinds = [block.kind for block in story.blocks(markdown)]
    assert kinds == ["figure", "gallery", "pullquote", "embed"]
    assert story.pull_quote(story.blocks(markdown)[2]) == story.PullQuote("We rebuild.", "Maya")
    assert markdown.endswith("Words **here**.")


def test_a_bare_embed_url_on_its_line_becomes_an_embed_card():
    body = convert("Watch:\n\nhttps://vimeo.com/76979871\n\nThen read on.")
    assert [b.kind for b in story.blocks(body.markdown)] == ["embed"]
    assert body.embeds == ["https://vimeo.com/76979871"]


def test_unknown_shortcodes_and_blocks_stay_readable_and_are_listed():
    body = convert('[contact-form to="x"]Write to us[/contact-form] and [sic]\n\n'
                   '<!-- wp:jetpack/map {"zoom":3} --><div>Harbour map</div><!-- /wp:jetpack/map -->')
    assert "\\[contact-form" in body.markdown and "Write to us" in body.markdown
    assert "\\[sic\\]" in body.markdown
    assert body.unknown == ["[contact-form]", "block jetpack/map"]


def test_markup_maps_to_markdown():
    markdown = Converter().convert(
        "<h1>Head</h1><ul><li>one</li><li>two</li></ul><blockquote><p>Quoted</p>"
        "</blockquote><table><tr><th>A</th></tr><tr><td>1</td></tr></table>"
        "<p><em>em</em> <a href='https://x.org/'>link</a><script>alert(1)</script></p>"
    )
    assert markdown == ("## Head\n\n- one\n- two\n\n> Quoted\n\n| A |\n| --- |\n| 1 |\n\n"
                        "*em* [link](<https://x.org/>)")


def test_text_reads_back_as_written():
    assert escape("::: figure x.jpg") == "\\::: figure x.jpg"
    assert escape("C:\\dir *not bold*") == "C:\\\\dir \\*not bold\\*"
    assert story.blocks(convert("::: figure x.jpg\n:::").markdown) == []


def test_html_comments_of_every_kind_leave_no_trace():
    html = "<p>a<!-- x -->b<!x>c</ x>d<![CDATA[e]]>f<!--[if IE]>g<![endif]-->h<?php i ?>j</p>"
    assert Converter().convert(html) == "abcdfhj"


def test_escaping_and_whitespace_take_the_short_way_to_the_same_text():
    """Issue 22: escape() and _squash() skip the patterns where they cannot
    match, and fold whitespace with str methods; the text must be what the
    patterns alone make of it, for any mix of Markdown's characters, every
    HTML space character and line starts."""
    special = re.compile(r"([\\`*_\[\]<>&~|])")
    line_start = re.compile(r"^(\s*)([#>+=-]|\d+[.)]|:::)", re.M)
    space = re.compile(r"[ \t\r\n\f\v]+")
    rng = random.Random(22)
    alphabet = "ab 9.:)#>+=-*_[]<&~|`\\ \t\n\r\f\v\u00a0\u2003"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
             for _ in range(20000)] + ["1. item", ":::", "  - x", "a\n\n\n  b"]  # fmt: skip
    for text in texts:
        escaped = line_start.sub(lambda m: m.group(1) + "\\" + m.group(2),
                                 special.sub(r"\\\1", text))  # fmt: skip
        assert escape(text) == escaped, repr(text)
        assert htmltext._squash(text) == space.sub(" ", text), repr(text)


def test_internal_links_are_rewritten():
    body = convert('<a href="https://example.org/2013/01/old-post/">see</a>',
                   links=lambda href: "/articles/old-post/" if "old-post" in href else href)
    assert body.markdown == "[see](</articles/old-post/>)"
