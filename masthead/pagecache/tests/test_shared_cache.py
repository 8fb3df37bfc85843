"""Purges travel through the shared cache: after commit, and across app servers."""

import pytest
from django.core.cache import caches

from masthead.testing import make_article

REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_available():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
        return True
    except Exception:  # any failure to connect means: no Redis here
        return False


@pytest.mark.django_db(transaction=True)
def test_purge_happens_when_the_edit_commits(client, settings):
    settings.MASTHEAD_PAGE_CACHE = True
    article = make_article(title="Before")
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    article.title = "After"
    article.save()  # autocommit: the purge runs on commit
    assert "After" in client.get(url).content.decode()


@pytest.mark.skipif(not redis_available(), reason=f"no Redis at {REDIS_URL}")
@pytest.mark.django_db(transaction=True)
def test_app_servers_sharing_redis_see_each_others_pages_and_purges(settings, client_factory):
    settings.CACHES = {
        **settings.CACHES,
        "shared": {"BACKEND": "masthead.core.cache.RedisCache",
                   "LOCATION": REDIS_URL, "KEY_PREFIX": "masthead-shared-test"},
    }
    settings.MASTHEAD_PAGE_CACHE = True
    settings.MASTHEAD_PAGE_CACHE_ALIAS = "shared"
    caches["shared"].clear()
    article = make_article(title="Shared story")
    url = article.get_absolute_url()
    server_a, server_b = client_factory(), client_factory()
    assert server_a.get(url)["X-Cache"] == "MISS"
    assert server_b.get(url)["X-Cache"] == "HIT"  # stored by A, served by B
    raw = caches["shared"]._cache.get_client(None, write=False)
    assert any(raw.scan_iter("masthead-shared-test:*pagecache:page:*"))
    article.title = "Shared story, updated"
    article.save()
    assert "updated" in server_b.get(url).content.decode()
    caches["shared"].clear()


@pytest.mark.skipif(not redis_available(), reason=f"no Redis at {REDIS_URL}")
def test_other_servers_purges_arrive_within_the_stamp_interval(settings, monkeypatch):
    """A purge made elsewhere is seen after at most STAMP_INTERVAL seconds."""
    from masthead.pagecache import generation

    settings.CACHES = {
        **settings.CACHES,
        "shared": {"BACKEND": "masthead.core.cache.RedisCache",
                   "LOCATION": REDIS_URL, "KEY_PREFIX": "masthead-stamp-test"},
    }
    settings.MASTHEAD_PAGE_CACHE_ALIAS = "shared"
    settings.MASTHEAD_PAGE_CACHE_STAMP_INTERVAL = 0.05
    clock = [1000.0]
    monkeypatch.setattr(generation.time, "monotonic", lambda: clock[0])
    generation.bump()
    seen = generation.current()
    caches["shared"].set(generation.KEY, "bumped-by-another-server", timeout=None)
    assert generation.current() == seen  # within the interval: not read again
    clock[0] += 0.06
    assert generation.current() == "bumped-by-another-server"
    caches["shared"].clear()
