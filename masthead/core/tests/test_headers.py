"""Permissions-Policy and HSTS (issue 21, item 7), on cached pages too."""

import os
import subprocess
import sys
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone

from masthead.articles.models import Article
from masthead.core.headers import DEFAULT_POLICY
from masthead.pagecache.wsgi import CachedPagesApplication

pytestmark = pytest.mark.django_db


def call(app, path):
    environ = {
        "PATH_INFO": path,
        "HTTP_HOST": "testserver",
        "SERVER_NAME": "testserver",
    }
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, headers):
        seen["headers"] = dict(headers)

    b"".join(app(environ, start_response))
    return seen["headers"]


@pytest.fixture
def cached_site(settings, purges_at_once):
    settings.MASTHEAD_PAGE_CACHE = True
    request_started.disconnect(close_old_connections)  # the test's transaction lives on
    request_finished.disconnect(close_old_connections)
    yield CachedPagesApplication(WSGIHandler())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_page_turns_off_features_readers_never_use(client):
    policy = client.get("/")["Permissions-Policy"]
    assert policy == DEFAULT_POLICY
    assert "camera=()" in policy and "geolocation=()" in policy
    assert "web-share" not in policy  # the share bar's button keeps working


def test_a_cached_page_carries_the_policy(cached_site):
    article = Article.objects.create(
        title="Cached",
        slug="cached",
        body="Text.",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    assert call(cached_site, article.get_absolute_url())["X-Cache"] == "MISS"
    headers = call(cached_site, article.get_absolute_url())
    assert headers["X-Cache"] == "HIT"
    assert headers["Permissions-Policy"] == DEFAULT_POLICY


def test_the_policy_can_be_changed_or_turned_off(client, settings):
    settings.MASTHEAD_PERMISSIONS_POLICY = "camera=()"
    assert client.get("/")["Permissions-Policy"] == "camera=()"
    settings.MASTHEAD_PERMISSIONS_POLICY = ""
    assert "Permissions-Policy" not in client.get("/")


def production_settings(tmp_path, **env):
    code = (
        "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "MASTHEAD_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "SECRET_KEY": "x" * 50,
        "MASTHEAD_ALLOW_CONSOLE_EMAIL": "1",
        "PYTHONPATH": os.getcwd(),
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    return result.stdout.split() or result.stderr


def test_production_turns_hsts_on_for_a_year_without_preload(tmp_path):
    assert production_settings(tmp_path) == ["31536000", "False", "False"]
    assert production_settings(
        tmp_path,
        MASTHEAD_HSTS_SECONDS="600",
        MASTHEAD_HSTS_PRELOAD="1",
        MASTHEAD_HSTS_INCLUDE_SUBDOMAINS="1",
    ) == ["600", "True", "True"]


def test_hsts_is_sent_over_https_only(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    assert (
        client.get("/", secure=True)["Strict-Transport-Security"] == "max-age=31536000"
    )
    assert "Strict-Transport-Security" not in client.get("/")
