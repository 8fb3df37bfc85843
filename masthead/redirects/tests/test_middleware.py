"""Old addresses answer 301, with the caches off and on, for one query at most."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.articles.models import Article
from masthead.redirects import services
from masthead.redirects.models import Redirect
from masthead.testing import make_article, make_section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_path")]


def renamed(old, new):
    story = make_article(slug=old, title="Budget passes")
    story.slug = new
    story.save()
    return story


def redirect_queries(queries):
    return [q["sql"] for q in queries if "redirects_redirect" in q["sql"]]


def test_an_old_story_address_answers_301_to_the_new_one(client):
    renamed("budget", "budget-passes")
    response = client.get("/articles/budget/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/budget-passes/"
    # Revalidated, never kept for ever: an address can be taken back.
    assert "max-age=0" in response["Cache-Control"]
    assert client.get(response["Location"]).status_code == 200


def test_old_feed_and_section_addresses_answer_301_with_the_query_string(client):
    section = make_section(slug="city")
    make_article(section=section)
    section.slug = "city-hall"
    section.save()
    response = client.get("/sections/city/?page=1")
    assert response.status_code == 301
    assert response["Location"] == "/sections/city-hall/?page=1"
    feed = client.get("/sections/city/feed/")
    assert feed.status_code == 301 and feed["Location"] == "/sections/city-hall/feed/"


def test_a_redirect_costs_one_query_and_no_more_than_a_404(
    client, production_path, django_assert_num_queries
):
    """Only a 404 looks a redirect up: one indexed query, whatever the table holds.

    A 301 costs what the 404 it replaces cost, that one query included. With
    the caches on, as in production, an address no view claims costs the
    lookup alone, plus, for the 301, the page cache asking when the next
    embargo lifts and when the front page's next pin or banner expires
    (issue 20) before keeping it (as it does for every page it keeps; the
    second is kept until a purge once read); from then on the 301 costs
    nothing (the test below).
    """
    for n in range(20):
        Redirect.objects.create(old_path=f"/old-{n}/", new_path=f"/sections/s{n}/")
    client.get("/no-such-page/")  # the navigation's rows, kept with the caches on
    with CaptureQueriesContext(connection) as not_found:
        assert client.get("/no-such-page/").status_code == 404
    assert len(redirect_queries(not_found)) == 1
    caches_on = production_path == "caches on"
    # Caches off, the 404 page also reads the navigation and the banner.
    assert len(not_found) == (1 if caches_on else 3)
    with django_assert_num_queries(3 if caches_on else len(not_found)):
        response = client.get("/old-7/")
    assert response.status_code == 301 and response["Location"] == "/sections/s7/"


def test_the_page_cache_answers_an_old_address_again_with_no_query(
    client, production_path, django_assert_num_queries
):
    renamed("budget", "budget-passes")
    first = client.get("/articles/budget/")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/articles/budget/")
    assert again.status_code == 301 and again["Location"] == "/articles/budget-passes/"
    if production_path == "caches on":
        assert first["X-Cache"] == "MISS" and again["X-Cache"] == "HIT"
        assert len(queries) == 0
    else:
        assert len(redirect_queries(queries)) == 1


def test_a_page_that_exists_pays_no_query_for_redirects(client):
    story = make_article(slug="steady")
    Redirect.objects.create(old_path="/old/", new_path="/articles/steady/")
    for url in (story.get_absolute_url(), "/", "/feed/", "/sitemap-articles.xml"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert redirect_queries(queries) == [], url


def test_a_live_page_wins_over_a_redirect_from_its_address(client):
    make_article(slug="steady", title="Still here")
    Redirect.objects.create(old_path="/articles/steady/", new_path="/")
    response = client.get("/articles/steady/")
    assert response.status_code == 200 and b"Still here" in response.content


def test_a_form_posted_to_an_old_address_is_not_redirected(client):
    Redirect.objects.create(old_path="/old/", new_path="/")
    assert client.post("/old/", {"x": "1"}).status_code in (403, 404, 405)
    assert client.head("/old/").status_code == 301


def test_a_new_redirect_replaces_a_cached_page_at_its_address(client, production_path):
    story = make_article(slug="budget", title="Budget passes")
    assert client.get("/articles/budget/").status_code == 200
    # A script renames the story behind the signals' back; an editor then adds
    # the redirect by hand: the cached page must not outlive it.
    Article.objects.filter(pk=story.pk).update(slug="budget-passes")
    added = Redirect(old_path="/articles/budget/", new_path="/articles/budget-passes/")
    services.save_redirect(redirect=added)
    response = client.get("/articles/budget/")
    assert response.status_code == 301


def test_a_404_is_not_kept_so_a_new_redirect_answers_at_once(client):
    assert client.get("/old-campaign/").status_code == 404
    assert client.get("/old-campaign/").status_code == 404
    services.save_redirect(redirect=Redirect(old_path="/old-campaign/", new_path="/"))
    assert client.get("/old-campaign/").status_code == 301


def test_taking_an_old_address_back_ends_its_cached_301(client):
    story = renamed("budget", "budget-passes")
    assert client.get("/articles/budget/").status_code == 301
    assert client.get("/articles/budget/").status_code == 301  # kept, caches on
    story.slug = "budget"
    story.save()
    response = client.get("/articles/budget/")
    assert response.status_code == 200 and b"Budget passes" in response.content
    assert client.get("/articles/budget-passes/")["Location"] == "/articles/budget/"


def test_a_chain_collapsed_later_ends_the_cached_301_of_the_first_address(client):
    story = renamed("a", "b")
    assert client.get("/articles/a/")["Location"] == "/articles/b/"
    story.slug = "c"
    story.save()
    assert client.get("/articles/a/")["Location"] == "/articles/c/"


def test_wordpress_query_addresses_on_the_home_page_redirect(client):
    """/?p=ID, WordPress's oldest permalink (issue 22), is a query on a live
    page: it is looked up before the view, and only when it is there."""
    from masthead.redirects.models import Redirect

    Redirect.objects.create(old_path="/?p=1241", new_path="/articles/template-sticky/")
    response = client.get("/", {"p": "1241"})
    assert (response.status_code, response["Location"]) == (301, "/articles/template-sticky/")
    assert client.get("/", {"p": "99"}).status_code == 200  # not moved: the home page
    assert client.get("/", {"p": "x"}).status_code == 200
