from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from masthead.articles.models import Article
from masthead.testing import (
    make_article,
    make_comment,
    make_image,
    make_person,
    make_section,
    make_tag,
)

# Each test runs with the caches off and as production runs them (conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_path")]


@pytest.fixture
def story():
    section = make_section("Local News", slug="local")
    first = make_person("Maren Okafor", slug="maren-okafor")
    second = make_person("Walt Hargrove", slug="walt-hargrove")
    return make_article(
        title="Council passes budget",
        slug="council-passes-budget",
        standfirst="The vote was 5-2.",
        body="## The vote\n\n“It is done,” Mayor Rosa Delgado said.\n\n<script>x()</script>",
        section=section,
        hero_image=make_image(caption="Council chamber", credit="Dana Whitlock/The Ledger"),
        authors=[second, first],
        tags=[make_tag("City Council")],
    )


def test_article_page_shows_every_part_of_a_news_page(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Council passes budget" in html
    assert "The vote was 5-2." in html
    assert "Dana Whitlock/The Ledger" in html and "Council chamber" in html
    # Byline keeps the editors' order and links each author's page.
    assert html.index("Walt Hargrove") < html.index("Maren Okafor")
    assert 'href="/authors/maren-okafor/"' in html
    assert "1 Min Read" in html
    assert "<h2>The vote</h2>" in html
    assert "<script>x()</script>" not in html
    assert "Share This Article" in html
    assert 'href="/tags/' in html and "City Council" in html
    assert "Leave a Reply" in html
    assert "Your email address will not be published." in html
    assert "Required fields are marked" in html
    assert "Save my name, email, and website in this browser for the next time I comment." in html
    assert "Post Comment" in html


def test_article_url_is_stable_and_readable(story):
    assert story.get_absolute_url() == "/articles/council-passes-budget/"


def test_updated_line_appears_only_after_words_change(client, story):
    assert "Updated" not in client.get(story.get_absolute_url()).content.decode()
    story = Article.objects.get(pk=story.pk)
    story.body += "\n\nA late correction of fact."
    story.save()
    assert "Updated" in client.get(story.get_absolute_url()).content.decode()


def test_drafts_and_future_articles_are_not_found(client):
    draft = make_article(status=Article.Status.DRAFT)
    future = make_article(
        status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=2)
    )
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404


def test_listing_pages_show_published_articles_only(client, story):
    draft = make_article(title="Secret draft", status=Article.Status.DRAFT, section=story.section)
    person = story.bylines.first().person
    tag = story.tags.first()
    for url in ["/", "/sections/local/", tag.get_absolute_url(), person.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert "Council passes budget" in html, url
        assert draft.title not in html, url


def test_listing_pages_paginate_and_404_past_the_end(client, settings):
    settings.MASTHEAD_PAGE_SIZE = 2
    section = make_section(slug="sport")
    for _ in range(5):
        make_article(section=section)
    assert "Page 3 of 3" in client.get("/sections/sport/?page=3").content.decode()
    assert client.get("/sections/sport/?page=4").status_code == 404
    assert client.get("/sections/sport/?page=abc").status_code == 404


def test_unknown_pages_get_the_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_article_page_query_count_does_not_grow_with_comments(
    client, story, django_assert_num_queries, settings, production_path
):
    """The comment area is one query however long the thread (issue 2's bar).

    One of the seven reads the "Voices in this story" panel (issue 6), one
    the breaking-news banner (issue 20); an article never corrected needs no
    corrections query. With the row memo on, as in production, a second view
    costs the comments' query alone.
    """
    settings.MASTHEAD_PAGE_CACHE = False  # a reader the page cache does not serve
    url = story.get_absolute_url()
    client.get(url)  # warm caches that are not per-request
    queries = {"caches off": 7, "caches on": 1}[production_path]
    with django_assert_num_queries(queries):
        client.get(url)
    parent = None
    for n in range(300):
        parent = make_comment(story, parent=parent if n % 3 else None)
    client.get(url)  # the comments purged the page, and with it the kept rows
    with django_assert_num_queries(queries):
        html = client.get(url).content.decode()
    assert "300 Comments" in html


def test_home_page_query_count_does_not_grow_with_articles(
    client, django_assert_num_queries, settings, production_path
):
    """Lead, latest and per-section blocks come from a fixed set of queries.

    One small query per section (three here) picks its newest ids; the count
    follows the sections in the navigation, never the size of the archive.
    Issue 20 added the live pins (a pin shows only while its story is public,
    which changes with no write: asked every time), and, with the row memo
    off, the section layouts and the breaking-news banner.
    """
    sections = [make_section() for _ in range(3)]
    author = make_person()
    for n in range(10):
        make_article(section=sections[n % 3], authors=[author], hero_image=None)
    settings.MASTHEAD_PAGE_CACHE = False  # a reader the page cache does not serve
    client.get(reverse("home"))
    queries = {"caches off": 11, "caches on": 7}[production_path]
    with django_assert_num_queries(queries):
        client.get(reverse("home"))
    for n in range(190):
        make_article(section=sections[n % 3], authors=[author, make_person()])
    client.get(reverse("home"))  # the new stories purged the kept rows
    with django_assert_num_queries(queries):
        client.get(reverse("home"))
