"""NewsArticle and BreadcrumbList JSON-LD on the article page, read back as JSON."""

from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

from masthead.media import renditions
from masthead.testing import (
    jpeg_bytes,
    make_article,
    make_image,
    make_person,
    make_section,
    make_tag,
)

from .page import read_head

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    published = timezone.now() - timedelta(hours=5)
    article = make_article(
        title="Council passes budget </script><script>alert(1)</script>",
        slug="council-passes-budget",
        standfirst="The vote was 5-2.",
        section=make_section("Local News", slug="local"),
        authors=[
            make_person("Maren Okafor", slug="maren-okafor", email="maren@ledger.test"),
            make_person("Walt Hargrove", slug="walt-hargrove"),
        ],
        tags=[make_tag("City Council")],
        hero_image=make_image(
            file=ContentFile(jpeg_bytes(1600, 1000), name="dais.jpg")
        ),
        published_at=published,
    )
    type(article).objects.filter(pk=article.pk).update(
        revised_at=published + timedelta(hours=2)
    )
    renditions.make(article.hero_image)  # as the worker does after an upload
    article.refresh_from_db()
    return article


def json_ld(client, article):
    response = client.get(article.get_absolute_url())
    head = read_head(response.content.decode())
    return response, head, {item["@type"]: item for item in head.json_ld}


def test_news_article_has_googles_recommended_properties(client, story):
    _, _, data = json_ld(client, story)
    article = data["NewsArticle"]
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == story.title
    assert article["url"] == "http://testserver/articles/council-passes-budget/"
    assert article["mainEntityOfPage"]["@id"] == article["url"]
    assert article["datePublished"] == story.published_at.isoformat()
    assert article["dateModified"] == story.revised_at.isoformat()
    assert article["articleSection"] == "Local News"
    assert article["keywords"] == ["City Council"]
    assert article["description"] == "The vote was 5-2."


def test_authors_are_people_with_their_pages_and_no_email(client, story):
    response, _, data = json_ld(client, story)
    assert data["NewsArticle"]["author"] == [
        {"@type": "Person", "name": "Maren Okafor",
         "url": "http://testserver/authors/maren-okafor/"},
        {"@type": "Person", "name": "Walt Hargrove",
         "url": "http://testserver/authors/walt-hargrove/"},
    ]  # fmt: skip
    assert "maren@ledger.test" not in response.content.decode()


def test_publisher_is_the_site_with_its_logo(client, story, settings):
    settings.MASTHEAD_SITE_NAME = "The Test Gazette"
    _, _, data = json_ld(client, story)
    publisher = data["NewsArticle"]["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "The Test Gazette"
    assert publisher["logo"]["url"] == "http://testserver/static/masthead/logo.png"
    assert (publisher["logo"]["width"], publisher["logo"]["height"]) == (512, 512)
    assert finders.find("masthead/logo.png")  # a real static file, shipped with the app


def test_images_are_crops_in_16_9_4_3_and_1_1(client, story, settings):
    _, _, data = json_ld(client, story)
    urls = data["NewsArticle"]["image"]
    assert len(urls) == 3
    shapes = []
    for url in urls:
        assert url.startswith("http://testserver/media/renditions/")
        with PILImage.open(settings.MEDIA_ROOT / url.split("/media/", 1)[1]) as crop:
            width, height = crop.size
        shapes.append(round(width / height, 2))
    assert shapes == [round(16 / 9, 2), round(4 / 3, 2), 1.0]


def test_article_without_hero_image_shows_the_site_card(client):
    article = make_article(authors=[make_person()])
    _, _, data = json_ld(client, article)
    assert data["NewsArticle"]["image"] == ["http://testserver/static/masthead/site-card.png"]


def test_article_without_byline_is_credited_to_the_newsroom(client):
    _, _, data = json_ld(client, make_article())
    [author] = data["NewsArticle"]["author"]
    assert (
        author["@type"] == "Organization"
        and author["name"] == "The Alder Valley Ledger"
    )


def test_breadcrumbs_go_home_section_article(client, story):
    _, _, data = json_ld(client, story)
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "The Alder Valley Ledger", "http://testserver/"),
        (2, "Local News", "http://testserver/sections/local/"),
        (3, story.title, "http://testserver/articles/council-passes-budget/"),
    ]


def test_json_ld_cannot_close_its_script_element(client, story):
    response, head, _ = json_ld(client, story)
    html = response.content.decode()
    assert "</script><script>alert(1)" not in html
    assert "\\u003C/script\\u003E" in html
    assert len(head.json_ld) == 2  # parsed whole, headline included


def test_json_ld_needs_no_nonce_so_the_page_stays_the_same_for_every_reader(
    client, story
):
    """JSON-LD is a data block the CSP does not govern; a nonce would be per request.

    A page cached for every reader must not carry one: a shared nonce is no nonce.
    """
    response, head, _ = json_ld(client, story)
    assert all(s.get("nonce") is None for s in head.scripts)
    assert "'nonce-" not in response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_article_page_with_previews_is_valid_html5(client, story):
    import html5lib

    html = client.get(story.get_absolute_url()).content.decode()
    html5lib.HTMLParser(strict=True).parse(html)  # raises on the first error
    assert html.count('<script type="application/ld+json"') == 2
