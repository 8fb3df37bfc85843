"""add_many claims keys as add() would, on every cache backend we run on."""

import time

import pytest
from django.core.cache.backends.locmem import LocMemCache

from masthead.core.cache import DiskCache, RedisCache, add_many
from masthead.pagecache.tests.test_shared_cache import REDIS_URL, redis_available


def disk_cache(tmp_path, shards):
    return DiskCache(str(tmp_path / f"cache-{shards}"), {"SHARDS": shards})


def redis_cache():
    if not redis_available():
        pytest.skip(f"no Redis at {REDIS_URL}")
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": f"masthead-add-many-{time.time_ns()}"})
    return cache


@pytest.fixture(params=["locmem", "disk, one shard", "disk, four shards", "redis"])
def cache(request, tmp_path):
    kinds = {
        "locmem": lambda: LocMemCache(f"add-many-{time.time_ns()}", {}),
        "disk, one shard": lambda: disk_cache(tmp_path, 1),
        "disk, four shards": lambda: disk_cache(tmp_path, 4),
        "redis": redis_cache,
    }
    made = kinds[request.param]()
    yield made
    made.clear()


def test_only_keys_not_yet_there_are_added(cache):
    cache.set("taken", "first")
    added = add_many(cache, {"taken": ("second", 60), "free": ("new", 60)})
    assert added == ["free"]
    assert cache.get("taken") == "first" and cache.get("free") == "new"


def test_each_key_keeps_its_own_timeout(cache):
    add_many(cache, {"short": (1, 1), "long": (1, 3600)})
    time.sleep(1.2)
    assert cache.get("short") is None
    assert cache.get("long") == 1
    assert add_many(cache, {"short": (2, 60), "long": (2, 60)}) == ["short"]


def test_an_added_counter_can_be_incremented(cache):
    add_many(cache, {"count": (1, 60)})
    assert cache.incr("count") == 2


def test_redis_reuses_one_client_per_pool():
    cache = redis_cache()
    first = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is first
    assert cache._cache.get_client("any key") is first  # one server: one pool


def test_set_many_sets_every_key_with_its_timeout(cache):
    cache.set_many({f"key{n}": n for n in range(50)}, timeout=None)
    cache.set_many({"brief": 1}, timeout=1)
    time.sleep(1.1)
    assert cache.get_many([f"key{n}" for n in range(50)]) == {f"key{n}": n for n in range(50)}
    assert cache.get("brief") is None
