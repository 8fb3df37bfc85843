"""A story with blocks on every surface: its page, CSP, feeds, API and
structured data (issue 19), with the caches off and as production runs."""

import feedparser
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.media import renditions
from masthead.media.models import Embed
from masthead.seo.tests.page import read_head
from masthead.testing import jpeg_bytes, make_article, make_image, make_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_path")]

YOUTUBE = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


def library_picture(name):
    image = make_image(file=ContentFile(jpeg_bytes(1200, 800), name=name))
    return renditions.make(image)


def rich_body(count, prefix="p"):
    """``count`` of each block: figures, galleries, embeds and related stories."""
    parts = ["Opening paragraph."]
    for n in range(count):
        library_picture(f"{prefix}{n}a.jpg")
        library_picture(f"{prefix}{n}b.jpg")
        hero = library_picture(f"{prefix}{n}h.jpg")
        related = make_article(slug=f"{prefix}-related-{n}", hero_image=hero)
        parts += [
            f"::: figure {prefix}{n}a.jpg wide\nCaption {n}.\n:::",
            f"::: gallery\n{prefix}{n}a.jpg\n{prefix}{n}b.jpg\n:::",
            f"::: embed https://vimeo.com/{1000 + n}\n:::",
            f"::: related\n{related.slug}\n:::",
            f"::: pullquote\nWords {n}.\n:::",
        ]
    return "\n\n".join(parts)


def test_article_page_query_count_does_not_grow_with_blocks(client, settings):
    """Blocks are rendered when the story is saved: the page reads one column
    for them, so 20 of each cost what none do."""
    settings.MASTHEAD_PAGE_CACHE = False  # a reader the page cache does not serve
    author = make_person()
    plain = make_article(body="Opening paragraph.", authors=[author])
    rich = make_article(body=rich_body(20), authors=[author])
    assert rich.body_html.count('<figure class="story-figure') == 20
    counts = []
    for article in (plain, rich):
        client.get(article.get_absolute_url())  # warm what is not per request
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_csp_frames_only_the_provider_the_story_embeds(client):
    plain = make_article(body="Plain.")
    embedded = make_article(body=f"Text.\n\n::: embed {YOUTUBE}\n:::")
    csp = client.get(embedded.get_absolute_url())["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com" in csp
    assert "vimeo" not in csp
    page = client.get(embedded.get_absolute_url()).content.decode()
    assert "/static/masthead/embeds.js" in page
    assert "<iframe" not in page
    plain_response = client.get(plain.get_absolute_url())
    assert "frame-src" not in plain_response["Content-Security-Policy"]
    assert "embeds.js" not in plain_response.content.decode()


def test_figures_reach_feeds_with_absolute_urls(client):
    library_picture("feed-a.jpg")
    make_article(body="Intro.\n\n::: figure feed-a.jpg\nA caption.\n:::")
    # Unsanitized: feedparser's own sanitizer drops srcset, which readers use.
    feed = feedparser.parse(client.get("/feed/").content, sanitize_html=False)
    assert feed.bozo == 0
    content = feed.entries[0].content[0].value
    assert 'src="http://testserver/media/' in content
    srcsets = content.split('srcset="')[1:]
    assert srcsets
    for srcset in srcsets:
        for candidate in srcset.split('"', 1)[0].split(","):
            assert candidate.strip().startswith("http://testserver/media/"), candidate


def test_figures_are_in_the_api_and_json_ld(client):
    hero = library_picture("hero-x.jpg")
    library_picture("api-a.jpg")
    library_picture("api-b.jpg")
    article = make_article(
        hero_image=hero,
        authors=[make_person()],
        body="::: figure api-a.jpg\nFirst.\n:::\n\n::: figure api-b.jpg full\n:::",
    )
    data = client.get(f"/api/articles/{article.slug}").json()
    first, second = data["images"]
    assert first["caption"] == "First."
    assert second["caption"].startswith("Caption ")  # the library's caption
    assert all(i["url"].startswith("http://testserver/media/renditions/") for i in data["images"])
    assert {"url", "width", "height", "alt", "caption", "credit"} == set(data["images"][0])
    head = read_head(client.get(article.get_absolute_url()).content.decode())
    news = {item["@type"]: item for item in head.json_ld}["NewsArticle"]
    assert len(news["image"]) == 3 + 2  # the hero's three crops, then the figures
    assert news["image"][3] == data["images"][0]["url"]


def test_a_resolved_embed_purges_the_cached_page(client):
    article = make_article(body=f"::: embed {YOUTUBE}\n:::")
    first = client.get(article.get_absolute_url()).content.decode()
    assert "Big Buck Bunny" not in first
    embed = Embed.objects.get(url=YOUTUBE)
    embed.title = "Big Buck Bunny"
    embed.status = Embed.Status.READY
    embed.save()
    assert "Big Buck Bunny" in client.get(article.get_absolute_url()).content.decode()
