"""Feeds and sitemaps behind the page cache: stored, then purged when stories change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.articles.models import Article
from masthead.comments import services
from masthead.comments.models import Comment
from masthead.testing import make_article, make_comment, make_person, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings, purges_at_once):
    settings.MASTHEAD_PAGE_CACHE = True


def recent():
    """Within the Google News sitemap's two days (the factory's default may not be)."""
    return timezone.now() - timedelta(minutes=5)


@pytest.fixture
def site():
    local, sport = make_section(slug="local"), make_section(slug="sport")
    author = make_person(slug="maren")
    return {
        "local": local,
        "author": author,
        "budget": make_article(
            title="Budget passes",
            section=local,
            authors=[author],
            published_at=recent(),
        ),
        "game": make_article(
            title="Millwrights win", section=sport, published_at=recent()
        ),
    }


LISTINGS = [
    "/feed/",
    "/feed/atom/",
    "/feed.json",
    "/sections/local/feed/",
    "/authors/maren/feed/",
    "/sitemap-articles.xml",
    "/news-sitemap.xml",
]


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url


def test_publishing_purges_the_feeds_and_sitemaps_it_joins_only(client, site):
    warm(client, *LISTINGS, "/sections/sport/feed/")
    make_article(
        title="Bridge closes",
        slug="bridge-closes",
        section=site["local"],
        published_at=recent(),
    )
    for url in ["/feed/", "/feed/atom/", "/feed.json", "/sections/local/feed/",
                "/sitemap-articles.xml", "/news-sitemap.xml"]:  # fmt: skip
        assert "ridge" in client.get(url).content.decode(), url
    assert client.get("/sections/sport/feed/")["X-Cache"] == "HIT"


def test_unpublishing_removes_the_story_from_every_cached_feed(client, site):
    warm(client, *LISTINGS)
    budget = site["budget"]
    assert all(budget.slug in client.get(url).content.decode() for url in LISTINGS)
    budget.status = Article.Status.UNPUBLISHED
    budget.save()
    for url in LISTINGS:
        body = client.get(url).content.decode()
        assert "Budget passes" not in body and budget.slug not in body, url


def test_approving_a_comment_purges_the_comments_feed(client, site):
    budget = site["budget"]
    url = f"/articles/{budget.slug}/comments/feed/"
    pending = make_comment(budget, status=Comment.Status.PENDING, name="Gail Porter")
    warm(client, url)
    assert "Gail Porter" not in client.get(url).content.decode()
    services.approve(Comment.objects.filter(pk=pending.pk))
    assert "Gail Porter" in client.get(url).content.decode()
