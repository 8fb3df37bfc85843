"""Listing totals: cached per listing tag, exact after every change that purges it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.articles.models import Article
from masthead.core.testing import make_article, make_person, make_section, make_tag

pytestmark = pytest.mark.django_db


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
    assert counted == 1 and page.context["page"].paginator.count == 3
    page, counted = count_queries(client, "/sections/local-news/?page=2")
    assert counted == 0 and page.context["page"].paginator.num_pages == 2

    with django_capture_on_commit_callbacks(execute=True):
        make_article(slug="story-new", section=local)
    page, counted = count_queries(client, "/sections/local-news/?page=2")
    assert counted == 1 and page.context["page"].paginator.count == 4

    with django_capture_on_commit_callbacks(execute=True):
        story = Article.objects.get(slug="story-0")
        story.status = Article.Status.DRAFT
        story.save()
    page, _ = count_queries(client, "/sections/local-news/")
    assert page.context["page"].paginator.count == 3


def test_tag_and_author_listings_keep_their_own_totals(
    client, django_capture_on_commit_callbacks
):
    budget, writer = make_tag("Budget"), make_person("Jo Writer", slug="jo-writer")
    with django_capture_on_commit_callbacks(execute=True):
        make_article(slug="a", tags=[budget], authors=[writer])
        make_article(slug="b", tags=[budget])
    assert client.get(f"/tags/{budget.slug}/").context["page"].paginator.count == 2
    assert client.get("/authors/jo-writer/").context["page"].paginator.count == 1
    with django_capture_on_commit_callbacks(execute=True):
        make_article(slug="c", tags=[budget], authors=[writer])
    assert client.get(f"/tags/{budget.slug}/").context["page"].paginator.count == 3
    assert client.get("/authors/jo-writer/").context["page"].paginator.count == 2


def test_a_page_past_the_cached_total_is_not_found(client, local, settings):
    settings.MASTHEAD_PAGE_SIZE = 2
    client.get("/sections/local-news/")
    assert client.get("/sections/local-news/?page=3").status_code == 404
