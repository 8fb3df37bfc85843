"""With Redis away, pages are served uncached and comments are still posted,
flood control counting in each process (issue 24, item 8).

The cache points at a loopback port nothing listens on, as when Redis is
stopped; the recovery test starts and stops a real redis-server of its own.
"""

import logging
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.utils import timezone

from masthead.comments.forms import issued_token
from masthead.comments.models import Comment
from masthead.core import cache as cache_module
from masthead.testing import make_article

pytestmark = pytest.mark.django_db


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_caches(port):
    options = {"socket_timeout": 0.5, "socket_connect_timeout": 0.5}
    location = f"redis://127.0.0.1:{port}/0"
    return {
        "default": {"BACKEND": "masthead.core.cache.RedisCache", "LOCATION": location,
                    "OPTIONS": options},
        "counters": {"BACKEND": "masthead.core.cache.RedisCounters",
                     "LOCATION": location, "OPTIONS": options},
    }


@pytest.fixture
def redis_away(settings, purges_at_once):
    """Every cache on a closed port; page cache and row memo on, as in production."""
    settings.CACHES = redis_caches(free_port())
    settings.MASTHEAD_PAGE_CACHE = True
    settings.MASTHEAD_ROW_MEMO = True
    settings.MASTHEAD_PAGE_CACHE_STAMP_FILE = ""  # the stamp lives in Redis too
    yield
    for alias in ("default", "counters"):
        caches[alias].close()
        del caches[alias]


def post(client, article, body, address="198.51.100.1", email="ada@example.com"):
    data = {"comment": body, "name": "Ada Reader", "email": email,
            "issued": issued_token(timezone.now().timestamp() - 60)}
    return client.post(f"{article.get_absolute_url()}comments/", data,
                       REMOTE_ADDR=address)


def test_pages_are_served_uncached_while_redis_is_away(client, redis_away, caplog):
    article = make_article(slug="river-walk", title="The river walk reopens")
    with caplog.at_level(logging.WARNING, logger="masthead.core.cache"):
        for _ in range(3):
            response = client.get(article.get_absolute_url())
            assert response.status_code == 200
            assert "The river walk reopens" in response.content.decode()
            assert response.get("X-Cache") == "MISS"  # rendered every time
    warnings = [r for r in caplog.records if "Redis did not answer" in r.getMessage()]
    assert len(warnings) == 1  # logged once when the outage began, not per request


def test_comments_are_posted_and_flood_control_still_holds(client, redis_away):
    article = make_article(slug="budget")
    first = post(client, article, "When is the vote on the budget?")
    assert first.status_code == 303, first.content.decode()[:500]
    assert Comment.objects.filter(body="When is the vote on the budget?").exists()
    second = post(client, article, "And who voted against it?")
    assert second.status_code == 429  # counted in this process's memory
    assert "And who voted against it?" in second.content.decode()  # nothing lost
    other = post(client, article, "A different reader entirely.",
                 address="203.0.113.5", email="bo@example.org")
    assert other.status_code == 303
    assert Comment.objects.count() == 2


def test_a_request_does_not_wait_for_redis_once_it_is_known_away(redis_away):
    page_cache = caches["default"]
    started = time.process_time()
    for n in range(200):
        assert page_cache.get(f"page-{n}") is None
    assert time.process_time() - started < 0.5  # not a connection attempt each


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server of this test's own, without persistence, to stop and start."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    port = free_port()

    def start():
        server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(tmp_path)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return server
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    servers = [start()]
    yield port, servers, start
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def test_a_purge_made_while_redis_was_away_is_written_when_it_is_back(
    settings, own_redis, monkeypatch
):
    port, servers, start = own_redis
    settings.CACHES = redis_caches(port)
    monkeypatch.setattr(cache_module, "RETRY_AFTER_SECONDS", 0.0)
    page_cache, counters = caches["default"], caches["counters"]
    try:
        page_cache.set("pagecache:tag:article:1", "before", timeout=None)
        counters.add("flood:ip", 1, 30)
        servers.pop().terminate()  # Redis stops
        time.sleep(0.2)
        page_cache.set("pagecache:tag:article:1", "purged", timeout=None)  # kept
        page_cache.set("pagecache:page:x", "a page", timeout=60)  # dropped
        assert counters.add("flood:ip", 1, 30) is True  # counted here meanwhile
        assert counters.add("flood:ip", 1, 30) is False
        servers.append(start())  # back, empty: no persistence
        assert page_cache.get("pagecache:tag:article:1") == "purged"
        assert page_cache.get("pagecache:page:x") is None
    finally:
        for alias in ("default", "counters"):
            caches[alias].close()
            del caches[alias]
