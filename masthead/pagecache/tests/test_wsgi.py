"""The WSGI fast path answers stored pages without entering Django."""

from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from masthead.pagecache.wsgi import CachedPagesApplication
from masthead.testing import make_article

pytestmark = pytest.mark.django_db


class CountingDjango:
    def __init__(self):
        self.django = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.django(environ, start_response)


def call(app, path, **extra):
    environ = {"PATH_INFO": path, "HTTP_HOST": "testserver", "SERVER_NAME": "testserver"}
    environ.update(extra)
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], body


@pytest.fixture
def app(settings, purges_at_once):
    settings.MASTHEAD_PAGE_CACHE = True
    # As Django's test client does: the test's transaction must outlive a request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    inner = CountingDjango()
    yield CachedPagesApplication(inner), inner
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_stored_page_is_served_without_django(app):
    wrapped, django = app
    url = make_article(title="Fast path").get_absolute_url()
    status, headers, first = call(wrapped, url)
    assert status.startswith("200") and headers["X-Cache"] == "MISS"
    status, headers, second = call(wrapped, url)
    assert headers["X-Cache"] == "HIT" and second == first
    assert django.calls == 1
    # Security headers added by Django's middleware travel with the stored page.
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in headers


def test_fast_path_answers_304_and_head(app):
    wrapped, _ = app
    url = make_article().get_absolute_url()
    _, headers, _ = call(wrapped, url)
    status, _, body = call(wrapped, url, HTTP_IF_NONE_MATCH=headers["ETag"])
    assert status.startswith("304") and body == b""
    status, _, body = call(wrapped, url, REQUEST_METHOD="HEAD")
    assert status.startswith("200") and body == b""


def test_fast_path_serves_the_new_page_after_a_purge(app):
    wrapped, django = app
    article = make_article(title="Old headline")
    url = article.get_absolute_url()
    call(wrapped, url)
    call(wrapped, url)
    article.title = "New headline"
    article.save()
    _, headers, body = call(wrapped, url)
    assert b"New headline" in body and headers["X-Cache"] == "MISS"
    assert django.calls == 2


def test_personal_requests_always_reach_django(app):
    wrapped, django = app
    url = make_article().get_absolute_url()
    call(wrapped, url)
    call(wrapped, url, HTTP_COOKIE="sessionid=abc")
    call(wrapped, url, HTTP_COOKIE="theme=dark; masthead_pending=xyz")
    call(wrapped, url, HTTP_AUTHORIZATION="Bearer t")
    call(wrapped, url, REQUEST_METHOD="POST")
    assert django.calls == 5
