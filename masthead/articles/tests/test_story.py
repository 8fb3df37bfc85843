"""Story blocks rendered into the body (articles/story.py, issue 19)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from masthead.articles.models import Article, BodyReference
from masthead.media import renditions
from masthead.media.models import Embed
from masthead.testing import jpeg_bytes, make_article, make_image

pytestmark = pytest.mark.django_db


def library_picture(name, **fields):
    """A library picture stored under this file name, with its renditions."""
    image = make_image(file=ContentFile(jpeg_bytes(1600, 900), name=name), **fields)
    return renditions.make(image)


def test_figure_shows_the_library_picture_with_srcset_caption_and_credit():
    library_picture("crane.jpg", caption="Library caption", credit="Jo Lens/Ledger")
    article = make_article(body="Before.\n\n::: figure crane.jpg wide\nThe crane at *dawn*.\n:::\n\nAfter.")
    html = article.body_html
    figure = re.search(r'<figure class="story-figure story-figure--wide">.*?</figure>', html, re.S)
    assert figure, html
    assert "<picture>" in figure.group() and 'srcset="' in figure.group()
    assert 'width="1600" height="900"' in figure.group()
    assert 'sizes="(min-width: 50rem) 48rem, 100vw"' in figure.group()
    assert "The crane at <em>dawn</em>." in figure.group()
    assert "Jo Lens/Ledger" in figure.group()
    assert html.index("Before.") < html.index("<figure") < html.index("After.")


def test_a_figure_without_its_own_caption_uses_the_librarys():
    library_picture("mill.jpg", caption="The old mill")
    article = make_article(body="::: figure mill.jpg\n:::")
    assert '<span class="caption">The old mill</span>' in article.body_html
    assert "story-figure--inline" in article.body_html


def test_a_missing_picture_renders_nothing_and_appears_once_uploaded():
    article = make_article(body="Text.\n\n::: figure later.jpg\n:::")
    assert "<figure" not in article.body_html
    assert article.story["missing"] == ["later.jpg"]
    library_picture("later.jpg")
    article.refresh_from_db()
    assert '<figure class="story-figure' in article.body_html
    assert article.story["missing"] == []


def test_a_changed_or_deleted_picture_renders_its_stories_again():
    image = library_picture("weir.jpg", caption="First caption")
    article = make_article(body="::: figure weir.jpg\n:::")
    image.caption = "Second caption"
    image.save()
    article.refresh_from_db()
    assert "Second caption" in article.body_html
    image.delete()
    article.refresh_from_db()
    assert "<figure" not in article.body_html
    assert article.story["missing"] == ["weir.jpg"]


def test_body_pictures_count_in_reading_time_and_are_listed():
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        library_picture(name, alt_text=f"Alt {name}")
    words = " ".join(["word"] * 275)
    plain = make_article(body=words, hero_image=None)
    rich = make_article(
        body=words + "\n\n::: figure a.jpg\n:::\n\n::: gallery\nb.jpg One\nc.jpg\n:::",
        hero_image=None,
    )
    # 275 words is one minute; Ghost's rule adds 12 + 11 + 10 s for three pictures.
    assert plain.reading_minutes == 1 and rich.reading_minutes == 2
    assert rich.word_count == 275  # no fences, file names or gallery lines
    assert [p["alt"] for p in rich.body_images] == ["Alt a.jpg", "Alt b.jpg", "Alt c.jpg"]
    assert rich.body_images[1]["caption"] == "One"


def test_gallery_pull_quote_and_fact_box():
    library_picture("g1.jpg")
    library_picture("g2.jpg")
    article = make_article(body=(
        "::: gallery\ng1.jpg First\ng2.jpg Second\n:::\n\n"
        "::: pullquote\nWe will <b>rebuild</b>.\n-- Maya Okafor\n:::\n\n"
        "::: factbox By the numbers\n- **12** feet\n:::\n\n::: callout\nRoads closed.\n:::"
    ))
    html = article.body_html
    assert html.count('<li>\n    <figure class="story-gallery__item">') == 2
    assert '<ul class="story-gallery" aria-label="Gallery of 2 pictures">' in html
    assert "<blockquote><p>We will &lt;b&gt;rebuild&lt;/b&gt;.</p></blockquote>" in html
    assert "<figcaption>Maya Okafor</figcaption>" in html
    assert '<h2 class="fact-box__title" id="fact-box-11">By the numbers</h2>' in html
    assert "<strong>12</strong> feet" in html
    assert "fact-box--callout" in html and ">Note</h2>" in html


def test_related_stories_show_published_stories_as_cards_and_follow_their_changes():
    shown = make_article(title="Bridge closes", slug="bridge-closes")
    make_article(title="Secret draft", slug="secret-draft", status=Article.Status.DRAFT)
    article = make_article(body="::: related\nbridge-closes\nsecret-draft\nno-such-story\n:::")
    assert 'href="/articles/bridge-closes/"' in article.body_html
    assert "Bridge closes" in article.body_html
    assert "Secret draft" not in article.body_html
    assert article.story["missing"] == ["secret-draft", "no-such-story"]
    shown.title = "Bridge reopens"
    shown.save()
    article.refresh_from_db()
    assert "Bridge reopens" in article.body_html


def test_stories_that_relate_to_each_other_render_without_looping():
    first = make_article(slug="first-story", body="One.")
    second = make_article(slug="second-story", body="::: related\nfirst-story\n:::")
    first.body = "::: related\nsecond-story\n:::"
    first.save()
    second.title = "Second, retitled"
    second.save()
    first.refresh_from_db()
    assert "Second, retitled" in first.body_html


def test_references_follow_the_body():
    article = make_article(body="::: figure x.jpg\n:::\n\n::: related\nsome-story\n:::")
    assert set(BodyReference.objects.filter(article=article).values_list("kind", "key")) == {
        ("image", "x.jpg"), ("article", "some-story")
    }
    article.body = "Plain now."
    article.save()
    assert not BodyReference.objects.filter(article=article).exists()


def test_an_embed_from_a_provider_is_a_card_with_a_link_and_no_iframe():
    article = make_article(body="::: embed https://www.youtube.com/watch?v=aqz-KE-bpKQ\n:::")
    html = article.body_html
    assert '<a class="embed__card" href="https://www.youtube.com/watch?v=aqz-KE-bpKQ">' in html
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ' in html
    assert "Load content from YouTube" in html and "hidden" in html
    assert "<iframe" not in html and "<script" not in html
    assert article.story["frames"] == ["https://www.youtube-nocookie.com"]
    # Saving asked the worker to resolve it, once.
    embed = Embed.objects.get(url="https://www.youtube.com/watch?v=aqz-KE-bpKQ")
    assert embed.status == Embed.Status.PENDING
    assert article.story["unresolved"] == [embed.url]


def test_a_resolved_embed_renders_its_title_and_thumbnail_card():
    url = "https://vimeo.com/76979871"
    article = make_article(body=f"::: embed {url}\n:::")
    embed = Embed.objects.get(url=url)
    embed.title = "The New Vimeo Player <script>"
    embed.thumbnail = library_picture("vimeo-thumb.jpg")
    embed.status = Embed.Status.READY
    embed.save()
    article.refresh_from_db()
    assert "The New Vimeo Player &lt;script&gt;" in article.body_html
    assert '<span class="embed__thumbnail"><picture>' in article.body_html
    assert article.story["unresolved"] == []


def test_an_unknown_address_stays_a_plain_link():
    article = make_article(body="::: embed https://example.org/some/page\n:::")
    assert '<p class="story-link"><a href="https://example.org/some/page">' in article.body_html
    assert article.story["frames"] == []
    assert not Embed.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "::: embed javascript:alert(1)\n:::",
        "::: embed jav&#x09;ascript:alert(1)\n:::",
        "::: embed data:text/html;base64,PHNjcmlwdD4=\n:::",
        "::: embed https://www.youtube.com.evil.example/watch?v=aqz-KE-bpKQ\n:::",
        "::: embed https://www.youtube.com@evil.example/watch?v=aqz-KE-bpKQ\n:::",
        "::: figure ../../settings.py\n:::",
        "::: figure a.jpg\nnever closed",
    ],
)
def test_dangerous_blocks_are_refused_with_the_line(body):
    article = Article(title="T", slug="t", body="Intro.\n\n" + body)
    with pytest.raises(ValidationError) as error:
        article.full_clean(exclude=["section", "hero_image"])
    assert error.value.message_dict["body"][0].startswith("Line 3:")


def test_markdown_links_with_dangerous_schemes_lose_their_href():
    article = make_article(body="[click](javascript:alert(1)) and [ok](https://example.org)")
    assert "href=\"javascript" not in article.body_html
    assert 'href="https://example.org"' in article.body_html


def test_a_summary_without_standfirst_is_the_prose_not_captions_or_fact_boxes():
    article = Article(
        body="::: figure missing.jpg\nA crane at work\n:::\n\nThe bridge opened on Monday.\n\n"
        "::: factbox Key dates\n- 1998: built\n:::\n\nTraffic was light.",
    )
    article.derive()
    assert article.summary == "The bridge opened on Monday. Traffic was light."
