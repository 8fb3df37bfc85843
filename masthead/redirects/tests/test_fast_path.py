"""A 301 answered once by Django is answered again before Django, with no query.

The redirects app writes nothing into the page cache itself: the 301 its
middleware returns is kept by the page cache like any page, tagged with its
path, and replayed by the WSGI fast path (pagecache/wsgi.py) until a change
to the redirect purges that path.
"""

from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from masthead.pagecache.wsgi import CachedPagesApplication
from masthead.redirects.models import Redirect
from masthead.testing import make_article

pytestmark = pytest.mark.django_db


class CountingDjango:
    def __init__(self):
        self.django = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.django(environ, start_response)


@pytest.fixture
def fast_path(settings, purges_at_once):
    settings.MASTHEAD_PAGE_CACHE = True
    settings.MASTHEAD_ROW_MEMO = True
    # As Django's test client does: the test's transaction must outlive a request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    django = CountingDjango()
    yield CachedPagesApplication(django), django
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def call(app, path, query="", **extra):
    environ = {"PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": "testserver"}
    environ.update(extra)
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    b"".join(app(environ, start_response))
    return seen["status"], seen["headers"]


def test_an_old_address_is_answered_by_the_fast_path_with_no_query(fast_path):
    app, django = fast_path
    story = make_article(slug="budget")
    story.slug = "budget-passes"
    story.save()
    status, headers = call(app, "/articles/budget/")
    assert status == "301 Moved Permanently" and headers["X-Cache"] == "MISS"
    with CaptureQueriesContext(connection) as queries:
        status, headers = call(app, "/articles/budget/")
    assert status == "301 Moved Permanently" and headers["X-Cache"] == "HIT"
    assert headers["Location"] == "/articles/budget-passes/"
    assert len(queries) == 0 and django.calls == 1


def test_each_query_string_is_kept_with_its_own_location(fast_path):
    app, _ = fast_path
    Redirect.objects.create(old_path="/sections/city/", new_path="/sections/city-hall/")
    for _ in range(2):
        _, headers = call(app, "/sections/city/", query="page=2")
    assert headers["X-Cache"] == "HIT"
    assert headers["Location"] == "/sections/city-hall/?page=2"
    _, headers = call(app, "/sections/city/")
    assert headers["Location"] == "/sections/city-hall/"


def test_removing_a_redirect_ends_the_fast_paths_301(fast_path):
    app, django = fast_path
    redirect = Redirect.objects.create(old_path="/old-campaign/", new_path="/")
    call(app, "/old-campaign/")
    call(app, "/old-campaign/")
    redirect.delete()
    status, _ = call(app, "/old-campaign/")
    assert status.startswith("404") and django.calls == 2


def test_a_kept_301_is_sent_whole_even_to_a_browser_revalidating_it(fast_path):
    """A browser holding A→B asks again with its ETag; if A now leads to C,
    a 304 would keep it on the old hop, so a 301 is never answered 304."""
    app, _ = fast_path
    Redirect.objects.create(old_path="/old/", new_path="/a/")
    _, first = call(app, "/old/")
    status, headers = call(app, "/old/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert status.startswith("301") and headers["X-Cache"] == "HIT"
    redirect = Redirect.objects.get(old_path="/old/")
    redirect.new_path = "/c/"
    redirect.save()
    status, headers = call(app, "/old/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert status.startswith("301") and headers["Location"] == "/c/"
    assert headers["ETag"] != first["ETag"]
