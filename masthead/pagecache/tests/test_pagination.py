"""Listing totals: cached per listing tag, exact after every change that purges it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.articles.models import Article
from masthead.testing import make_article, make_person, make_section, make_tag

pytestmark = pytest.mark.django_db


def listing(page):
    """(teasers on the page, "Page n of m" or None) as a reader sees them."""
    html = page.content.decode()
    pages = re.search(r"Page \d+ of \d+", html)
    return html.count('<article class="teaser'), pages and pages.group()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    counts = [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    return page, len(counts)


@pytest.fixture
def local():
    section = make_section("Local News", slug="local-news")
    for n in range(3):
        make_article(slug=f"story-{n}", section=section)
    return section


def test_a_section_counts_its_articles_once_until_it_changes(
    client, local, settings, django_capture_on_commit_callbacks
):
    settings.MASTHEAD_PAGE_SIZE = 2
    page, counted = count_queries(client, "/sections/local-news/")
    assert counted == 1 and listing(page) == (2, "Page 1 of 2")
    page, counted = count_queries(client, "/sections/local-news/?page=2")
    assert counted == 0 and listing(page) == (1, "Page 2 of 2")

    with django_capture_on_commit_callbacks(execute=True):
        make_article(slug="story-new", section=local)
    page, counted = count_queries(client, "/sections/local-news/?page=2")
    assert counted == 1 and listing(page) == (2, "Page 2 of 2")

    with django_capture_on_commit_callbacks(execute=True):
        story = Article.objects.get(slug="story-0")
        story.status = Article.Status.DRAFT
        story.save()
    page, _ = count_queries(client, "/sections/local-news/?page=2")
    assert listing(page) == (1, "Page 2 of 2")


def test_tag_and_author_listings_keep_their_own_totals(
    client, django_capture_on_commit_callbacks
):
    budget, writer = make_tag("Budget"), make_person("Jo Writer", slug="jo-writer")
    with django_capture_on_commit_callbacks(execute=True):
        make_article(slug="a", tags=[budget], authors=[writer])
        make_article(slug="b", tags=[budget])
    assert listing(client.get(f"/tags/{budget.slug}/")) == (2, None)
    assert listing(client.get("/authors/jo-writer/")) == (1, None)
    with django_capture_on_commit_callbacks(execute=True):
        make_article(slug="c", tags=[budget], authors=[writer])
    assert listing(client.get(f"/tags/{budget.slug}/")) == (3, None)
    assert listing(client.get("/authors/jo-writer/")) == (2, None)


def test_a_page_past_the_cached_total_is_not_found(client, local, settings):
    settings.MASTHEAD_PAGE_SIZE = 2
    client.get("/sections/local-news/")
    assert client.get("/sections/local-news/?page=3").status_code == 404
