"""bodies.py and htmltext.py: WordPress bodies as story Markdown, no database."""

from masthead.core import story
from masthead.wordpress import bodies
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


def test_internal_links_are_rewritten():
    body = convert('<a href="https://example.org/2013/01/old-post/">see</a>',
                   links=lambda href: "/articles/old-post/" if "old-post" in href else href)
    assert body.markdown == "[see](</articles/old-post/>)"
