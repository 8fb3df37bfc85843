"""Drafts, embargoed and unpublished stories reach no feed and no sitemap."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.articles.models import Article
from masthead.testing import (
    make_article,
    make_comment,
    make_person,
    make_section,
    make_tag,
)

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def site():
    now = timezone.now()
    section, tag, author = make_section(), make_tag(), make_person()
    # A section, tag and author known only from hidden stories: their listing
    # feeds are empty and their pages are not in the sitemaps.
    secret_section, secret_tag, secret_author = (
        make_section(),
        make_tag(),
        make_person(),
    )
    hidden = {
        "draft": dict(status=Status.DRAFT),
        "review": dict(status=Status.IN_REVIEW, published_at=now - timedelta(hours=1)),
        "embargoed": dict(
            status=Status.SCHEDULED, published_at=now + timedelta(hours=1)
        ),
        "future": dict(
            status=Status.PUBLISHED, published_at=now + timedelta(minutes=5)
        ),
        "unpublished": dict(
            status=Status.UNPUBLISHED, published_at=now - timedelta(days=1)
        ),
    }
    for slug, fields in hidden.items():
        for where in (
            {"section": section, "tags": [tag], "authors": [author]},
            {
                "section": secret_section,
                "tags": [secret_tag],
                "authors": [secret_author],
            },
        ):
            make_article(slug=f"hidden-{slug}-{where['section'].pk}", **fields, **where)
    make_article(
        slug="visible-story",
        section=section,
        tags=[tag],
        authors=[author],
        published_at=now - timedelta(hours=2),
    )
    # An embargo that has lifted is public even before the worker flips its state.
    make_article(
        slug="lifted-embargo",
        status=Status.SCHEDULED,
        section=section,
        tags=[tag],
        authors=[author],
        published_at=now - timedelta(minutes=1),
    )
    return {
        "section": section, "tag": tag, "author": author,
        "secret": (secret_section, secret_tag, secret_author),
    }  # fmt: skip


def feed_urls(site):
    urls = ["/feed/", "/feed/atom/", "/feed.json"]
    public = (site["section"], site["tag"], site["author"])
    for objects in (public, site["secret"]):
        for kind, obj in zip(("sections", "tags", "authors"), objects, strict=True):
            urls += [f"/{kind}/{obj.slug}/feed/", f"/{kind}/{obj.slug}/feed/atom/"]
    return urls


SITEMAPS = [
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/news-sitemap.xml",
    "/sitemap-sections.xml",
    "/sitemap-tags.xml",
    "/sitemap-authors.xml",
]


def test_no_feed_carries_a_hidden_article(client, site):
    for url in feed_urls(site):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "hidden-" not in body, url
    assert "visible-story" in client.get("/feed/").content.decode()
    assert "lifted-embargo" in client.get("/feed/atom/").content.decode()


def test_no_sitemap_names_a_hidden_article_or_its_pages(client, site):
    secret_paths = [obj.get_absolute_url() for obj in site["secret"]]
    for url in SITEMAPS:
        body = client.get(url).content.decode()
        assert "hidden-" not in body, url
        for path in secret_paths:
            assert path not in body, (url, path)
    articles = client.get("/sitemap-articles.xml").content.decode()
    assert "visible-story" in articles and "lifted-embargo" in articles


@pytest.mark.parametrize("slug", ["draft", "embargoed", "unpublished"])
def test_hidden_articles_have_no_comments_feed(client, site, slug):
    article = Article.objects.filter(slug__startswith=f"hidden-{slug}-").first()
    make_comment(article)
    assert client.get(f"/articles/{article.slug}/comments/feed/").status_code == 404
