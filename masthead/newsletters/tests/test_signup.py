"""The sign-up form on every page: same bytes for every reader, no query."""

import pytest
from django.urls import reverse

from masthead.newsletters.models import Newsletter
from masthead.testing import make_article, make_newsletter

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_article(title="Mill reopens")


def test_every_page_and_the_foot_of_every_article_have_the_form(client, story):
    make_newsletter("Morning Briefing", description="Every weekday at 7")
    home = client.get("/").content.decode()
    assert 'class="signup signup--footer"' in home and "Morning Briefing" in home
    article = client.get(story.get_absolute_url()).content.decode()
    assert 'class="signup signup--article"' in article
    assert article.count('action="/newsletters/signup/"') == 1  # not twice
    assert "csrfmiddlewaretoken" not in home + article  # cacheable: no token


def test_no_public_list_no_form(client, story):
    make_newsletter("Staff only", is_public=False)
    assert "signup" not in client.get("/").content.decode()


def test_the_form_adds_no_query_to_a_page_view(
    client, story, django_assert_num_queries, settings, production_path
):
    """The lists are kept until the next purge whatever MASTHEAD_ROW_MEMO says
    (signup.py): every page's pinned query count stays what it was."""
    settings.MASTHEAD_PAGE_CACHE = False
    url = story.get_absolute_url()
    client.get(url)
    # The article page's own pinned counts (articles/tests/test_views.py): with
    # the caches off, 7 since the breaking-news banner (frontpage) reads its row.
    queries = {"caches off": 7, "caches on": 1}[production_path]
    with django_assert_num_queries(queries):
        client.get(url)
    make_newsletter("Morning Briefing")
    client.get(url)  # (caches on) the new list purged: read once
    with django_assert_num_queries(queries):
        html = client.get(url).content.decode()
    if production_path == "caches on":
        assert "Morning Briefing" in html


def test_saving_a_list_changes_the_form_on_the_next_view(client, story, purges_at_once):
    briefing = make_newsletter("Morning Briefing")
    assert "Morning Briefing" in client.get(reverse("home")).content.decode()
    Newsletter.objects.filter(pk=briefing.pk).update(name="x")  # no signal: kept
    briefing.name = "The Daily"
    briefing.save()
    html = client.get(reverse("home")).content.decode()
    assert "The Daily" in html and "Morning Briefing" not in html
