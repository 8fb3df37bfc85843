"""The page cache serves anonymous readers and purges exactly what changed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.articles.models import Article
from masthead.comments import services
from masthead.comments.models import Comment
from masthead.pagecache.store import purge
from masthead.pagecache.tags import EVERY_PAGE
from masthead.testing import make_article, make_comment, make_person, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings, purges_at_once):
    settings.MASTHEAD_PAGE_CACHE = True
    settings.MASTHEAD_PAGE_CACHE_ALIAS = "default"
    settings.MASTHEAD_ROW_MEMO = True  # as in production: pages render from kept rows


@pytest.fixture
def site():
    local, sport = make_section(slug="local"), make_section(slug="sport")
    maren, walt = make_person("Maren Okafor"), make_person("Walt Hargrove")
    return {
        "local": local,
        "sport": sport,
        "maren": maren,
        "walt": walt,
        "budget": make_article(title="Budget passes", section=local, authors=[maren]),
        "game": make_article(title="Millwrights win", section=sport, authors=[walt]),
    }


def state(client, url):
    return client.get(url)["X-Cache"]


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert state(client, url) == "HIT", url


def test_second_anonymous_visit_is_served_without_a_query(client, site, django_assert_num_queries):
    url = site["budget"].get_absolute_url()
    first = client.get(url)
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "s-maxage=" in second["Cache-Control"]
    assert "stale-while-revalidate=" in second["Cache-Control"]


def test_etag_revalidation_answers_304(client, site):
    url = site["budget"].get_absolute_url()
    etag = client.get(url)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_editing_an_article_purges_its_pages_and_no_others(client, site):
    budget, game = site["budget"], site["game"]
    urls = [budget.get_absolute_url(), game.get_absolute_url(), "/", "/sections/local/",
            "/sections/sport/"]
    warm(client, *urls)
    budget = Article.objects.get(pk=budget.pk)
    budget.title = "Budget passes after long night"
    budget.save()
    assert state(client, budget.get_absolute_url()) == "MISS"
    assert "after long night" in client.get("/").content.decode()
    assert state(client, "/sections/local/") == "MISS"
    assert state(client, game.get_absolute_url()) == "HIT"
    assert state(client, "/sections/sport/") == "HIT"


def test_publishing_purges_the_listings_it_joins_only(client, site):
    warm(client, "/", "/sections/local/", "/sections/sport/", site["game"].get_absolute_url())
    make_article(title="Bridge closes", section=site["local"], authors=[site["maren"]])
    assert "Bridge closes" in client.get("/").content.decode()
    assert "Bridge closes" in client.get("/sections/local/").content.decode()
    assert state(client, "/sections/sport/") == "HIT"
    assert state(client, site["game"].get_absolute_url()) == "HIT"


def test_unpublishing_removes_the_article_everywhere(client, site):
    budget = site["budget"]
    warm(client, "/", budget.get_absolute_url(), site["maren"].get_absolute_url())
    budget.status = Article.Status.UNPUBLISHED
    budget.save()
    assert client.get(budget.get_absolute_url()).status_code == 404
    assert "Budget passes" not in client.get("/").content.decode()
    assert "Budget passes" not in client.get(site["maren"].get_absolute_url()).content.decode()


def test_approving_a_comment_purges_the_article_page_not_the_home_page(client, site):
    budget = site["budget"]
    pending = make_comment(budget, status=Comment.Status.PENDING, body="Worth the wait.")
    warm(client, budget.get_absolute_url(), "/")
    services.approve(Comment.objects.filter(pk=pending.pk))
    assert "Worth the wait." in client.get(budget.get_absolute_url()).content.decode()
    assert state(client, "/") == "HIT"


def test_removing_a_comment_purges_the_article_page(client, site):
    comment = make_comment(site["budget"], body="Regrettable remark.")
    url = site["budget"].get_absolute_url()
    warm(client, url)
    services.trash(Comment.objects.filter(pk=comment.pk))
    assert "Regrettable remark." not in client.get(url).content.decode()


def test_renaming_an_author_purges_pages_with_their_byline(client, site):
    budget, game = site["budget"], site["game"]
    warm(client, budget.get_absolute_url(), game.get_absolute_url(), "/")
    site["maren"].name = "Maren Okafor-Lind"
    site["maren"].save()
    assert "Maren Okafor-Lind" in client.get(budget.get_absolute_url()).content.decode()
    assert "Maren Okafor-Lind" in client.get("/").content.decode()
    assert state(client, game.get_absolute_url()) == "HIT"


def test_renaming_a_section_purges_every_page_showing_the_navigation(client, site):
    warm(client, site["game"].get_absolute_url())
    site["local"].name = "Alder Falls"
    site["local"].save()
    assert "Alder Falls" in client.get(site["game"].get_absolute_url()).content.decode()


def test_staff_and_readers_with_pending_comments_bypass_the_cache(client, site, admin_user):
    url = site["budget"].get_absolute_url()
    warm(client, url)
    client.force_login(admin_user)
    assert "X-Cache" not in client.get(url)
    client.logout()
    client.cookies.clear()
    client.post(f"{url}comments/", {"comment": "Mine, pending.", "name": "New Reader",
                                    "email": "new@example.com"})
    page = client.get(url)
    assert "X-Cache" not in page
    assert "Mine, pending." in page.content.decode()
    assert "Mine, pending." not in type(client)().get(url).content.decode()


def test_pages_that_set_cookies_are_not_stored(client, site, rf):
    from django.http import HttpResponse

    from masthead.pagecache.middleware import PageCacheMiddleware

    def view(request):
        response = HttpResponse("personal")
        response.set_cookie("flavour", "oat")
        return response

    middleware = PageCacheMiddleware(view)
    middleware(rf.get("/personal/"))
    assert "X-Cache" not in middleware(rf.get("/personal/"))


def test_cache_never_outlives_the_next_embargo(site):
    from masthead.pagecache.expiry import timeout

    make_article(status=Article.Status.SCHEDULED,
                 published_at=timezone.now() + timedelta(seconds=90))
    assert 1 <= timeout() <= 91


def test_a_page_kept_in_memory_ends_at_its_deadline_too(client, site, monkeypatch):
    """The process's own copy obeyed purges only, so an embargo lifting (or a
    pin expiring, issue 20) was not seen until some unrelated purge."""
    import time

    url = site["budget"].get_absolute_url()
    make_article(status=Article.Status.SCHEDULED,
                 published_at=timezone.now() + timedelta(seconds=30))
    warm(client, url)
    assert state(client, url) == "HIT"  # from this process's memory
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 60)  # past the deadline
    assert state(client, url) == "MISS"


def test_purging_every_page_misses_each_stored_page(client, site):
    """EVERY_PAGE: one write for a change too wide to name (issue 22)."""
    urls = ["/", site["budget"].get_absolute_url(), site["maren"].get_absolute_url()]
    warm(client, *urls)
    purge({EVERY_PAGE})
    assert [state(client, url) for url in urls] == ["MISS"] * 3
    assert [state(client, url) for url in urls] == ["HIT"] * 3
