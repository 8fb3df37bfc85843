"""Sitemap index, article/section/tag/author sitemaps, Google News, robots.txt."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from masthead.redirects.models import Redirect
from masthead.testing import make_article, make_person, make_section, make_tag

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


def locations(client, url):
    return [loc.text for loc in xml(client, url).iterfind(".//s:loc", NS)]


def test_index_names_every_sitemap_with_absolute_urls(client):
    make_article()
    assert locations(client, "/sitemap.xml") == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/news-sitemap.xml",
        "http://testserver/sitemap-sections.xml",
        "http://testserver/sitemap-tags.xml",
        "http://testserver/sitemap-authors.xml",
    ]


def test_index_lists_every_page_of_the_article_sitemap(client, settings):
    settings.MASTHEAD_SITEMAP_PAGE_SIZE = 2
    for _ in range(5):
        make_article()
    listed = locations(client, "/sitemap.xml")
    assert "http://testserver/sitemap-articles.xml?p=3" in listed
    assert "http://testserver/sitemap-articles.xml?p=4" not in listed


def test_article_sitemap_pages_cover_every_article_once(client, settings):
    settings.MASTHEAD_SITEMAP_PAGE_SIZE = 2
    articles = [make_article() for _ in range(5)]
    seen = []
    for page in (1, 2, 3):
        seen += locations(client, f"/sitemap-articles.xml?p={page}")
    expected = {f"http://testserver{a.get_absolute_url()}" for a in articles}
    assert sorted(seen) == sorted(expected)
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404


def test_article_lastmod_is_the_update_time_when_there_is_one(client):
    article = make_article()
    revised = timezone.now() - timedelta(minutes=5)
    type(article).objects.filter(pk=article.pk).update(revised_at=revised)
    [lastmod] = [
        e.text
        for e in xml(client, "/sitemap-articles.xml").iterfind(".//s:lastmod", NS)
    ]
    assert lastmod == revised.isoformat()  # W3C datetime, to the second and beyond


def test_section_tag_and_author_sitemaps_list_pages_with_published_articles(client):
    section, tag, author = make_section(), make_tag(), make_person()
    make_article(section=section, tags=[tag], authors=[author])
    empty_section, empty_author = make_section(), make_person()
    assert locations(client, "/sitemap-sections.xml") == [
        f"http://testserver{section.get_absolute_url()}"
    ]
    assert locations(client, "/sitemap-tags.xml") == [
        f"http://testserver{tag.get_absolute_url()}"
    ]
    assert locations(client, "/sitemap-authors.xml") == [
        f"http://testserver{author.get_absolute_url()}"
    ]
    assert empty_section and empty_author  # created, yet absent above


def test_news_sitemap_has_publication_date_and_title_of_the_last_two_days(client):
    now = timezone.now()
    fresh = make_article(
        title="Bridge & road reopen", published_at=now - timedelta(hours=30)
    )
    make_article(title="Old news", published_at=now - timedelta(days=3))
    root = xml(client, "/news-sitemap.xml")
    [url] = root.findall("s:url", NS)
    assert (
        url.findtext("s:loc", namespaces=NS)
        == f"http://testserver{fresh.get_absolute_url()}"
    )
    news = url.find("news:news", NS)
    assert (
        news.findtext("news:publication/news:name", namespaces=NS)
        == "The Alder Valley Ledger"
    )
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Bridge & road reopen"
    published = news.findtext("news:publication_date", namespaces=NS)
    assert published == fresh.published_at.isoformat()


def test_news_sitemap_stops_at_a_thousand(client, monkeypatch):
    from masthead.seo import sitemaps

    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 3)
    now = timezone.now()
    articles = [make_article(published_at=now - timedelta(hours=h)) for h in range(5)]
    newest = [f"http://testserver{a.get_absolute_url()}" for a in articles[:3]]
    assert locations(client, "/news-sitemap.xml") == newest


def test_unknown_sitemap_is_404(client):
    assert client.get("/sitemap-nope.xml").status_code == 404


def test_robots_txt_names_the_sitemaps_with_absolute_urls(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]
    response = client.get("/robots.txt", HTTP_HOST="news.example.org")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://news.example.org/sitemap.xml" in lines
    assert "Sitemap: http://news.example.org/news-sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


@pytest.mark.parametrize("count", [5, 30])
@pytest.mark.parametrize(
    "url, queries",
    [
        ("/sitemap-articles.xml", 2),  # count, page of rows
        ("/news-sitemap.xml", 2),
        ("/sitemap-sections.xml", 2),
        ("/sitemap-tags.xml", 2),
        ("/sitemap-authors.xml", 2),
        (
            "/sitemap.xml",
            7,
        ),  # a count per sitemap, latest change of the two article ones
    ],
)
def test_sitemap_costs_constant_queries_whatever_its_length(
    client, django_assert_num_queries, count, url, queries
):
    """Sitemaps are fetched often by every crawler; rows must not mean queries."""
    now = timezone.now()
    for minutes in range(count):
        make_article(
            section=make_section(),
            tags=[make_tag()],
            authors=[make_person()],
            published_at=now - timedelta(minutes=minutes),
        )
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.content.decode().count("<loc>") == (count if queries < 7 else 5)


SITEMAPS = [
    "/sitemap-articles.xml",
    "/news-sitemap.xml",
    "/sitemap-sections.xml",
    "/sitemap-tags.xml",
    "/sitemap-authors.xml",
]


def test_a_renamed_storys_old_address_is_not_listed_and_its_new_one_is(client):
    """Redirected addresses are never announced (issue 20): only live rows are."""
    author, section = make_person(slug="maren"), make_section(slug="city")
    story = make_article(slug="budget", section=section, authors=[author])
    for row, slug in ((story, "budget-passes"), (section, "city-hall"), (author, "mo")):
        row.slug = slug
        row.save()
    listed = {loc for url in SITEMAPS for loc in locations(client, url)}
    assert {
        "http://testserver/articles/budget-passes/",
        "http://testserver/sections/city-hall/",
        "http://testserver/authors/mo/",
    } <= listed
    redirected = Redirect.objects.values_list("old_path", flat=True)
    old = {f"http://testserver{path}" for path in redirected}
    assert "http://testserver/articles/budget/" in old
    assert old & listed == set()
