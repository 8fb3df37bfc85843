"""Our cache backends: Django's, with two costs removed, `add_many`, and Redis
outages survived.

Flood control claims several keys for every comment (core/ratelimit.py):
`add_many` claims them in one round trip to Redis, or one write transaction
in diskcache, where Django's API would take one for each.

When Redis does not answer (stopped, restarting, unreachable), a request
must not fail for it (issue 24, item 8): the cache of pages and rows misses
and drops its writes, so pages are served uncached, and flood control and
login throttling count in this process's memory (`RedisCounters`) until
Redis is back. Each process logs the outage once, when it begins, and again
when it ends. Writes meant to last for ever (the page cache's tag versions
and purge stamp: a purge) are kept and written once Redis answers, so a
Redis that comes back with its old data does not serve pages a purge ended.
"""

import logging
import time

import redis.exceptions
from diskcache import DjangoCache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

log = logging.getLogger(__name__)
REDIS_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
# After a failure, Redis is not tried again for this long: one request a
# second pays the connection attempt, not every request.
RETRY_AFTER_SECONDS = 1.0
# Purges kept for Redis's return, at most; past that it is flushed instead.
MAX_OWED_WRITES = 50_000


def add_many(cache, entries):
    """`cache.add` for each of {key: (value, timeout)}, atomic per key.

    Returns the keys it added.
    """
    if hasattr(cache, "add_many"):
        return cache.add_many(entries)
    return [key for key, (value, timeout) in entries.items()
            if cache.add(key, value, timeout)]


class DiskCache(DjangoCache):
    """diskcache's Django backend, with its connections kept between requests.

    Django closes every cache when a request finishes; for diskcache that
    closes its SQLite connections, and reopening them (with their PRAGMAs)
    cost more than the flood checks of a comment post. Its connections are
    per thread and safe to keep, like a database connection with CONN_MAX_AGE.
    """

    def close(self, **kwargs):
        pass

    def add_many(self, entries, version=None):
        # One transaction over every shard: worth it only with one shard (the
        # counters cache); otherwise it would lock them all.
        if len(self._cache._shards) != 1:
            return self._add_each(entries, version)
        with self._cache.transact():
            return self._add_each(entries, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # One write transaction per shard, not one per key (Django's loop): a
        # purge after a WordPress import names every old path, half a million
        # on a large site (issue 22). One shard is locked at a time.
        fanout, by_shard = self._cache, {}
        for key, value in data.items():
            made = self.make_and_validate_key(key, version=version)
            by_shard.setdefault(fanout._hash(made) % fanout._count, []).append((made, value))
        expire = self.get_backend_timeout(timeout=timeout)
        for index, entries in by_shard.items():
            shard = fanout._shards[index]
            with shard.transact(retry=True):
                for made, value in entries:
                    shard.set(made, value, expire, retry=True)
        return []

    def _add_each(self, entries, version):
        return [
            key for key, (value, timeout) in entries.items()
            if self.add(key, value, timeout, version)
        ]


class RedisCache(DjangoRedisCache):
    """Django's Redis backend, keeping one client object per connection pool,
    that misses and drops its writes while Redis is away (see above).

    Django builds a new redis.Redis (and its command table) for every
    command: ~0.1 ms each, several times in every comment post.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KeptClients
        self._down_until = None  # while Redis is away: when to try it again
        self._owed = {}  # made key -> value of writes meant to last for ever

    def _call(self, name, outage, *args):
        """Django's method `name` (or our `_add_many`) with args, or
        outage(*args) while Redis does not answer."""
        method = getattr(DjangoRedisCache, name, None) or getattr(RedisCache, name)
        try:
            if self._down_until is not None:
                if time.monotonic() < self._down_until:
                    return outage(*args)
                self._came_back()  # it answers: what it missed first
            return method(self, *args)
        except REDIS_DOWN as error:
            self._went_away(error)
            return outage(*args)

    def _went_away(self, error):
        if self._down_until is None:
            log.warning(
                "Redis did not answer (%s): pages are served uncached and flood "
                "control counts in each process until it does", error)
        self._down_until = time.monotonic() + RETRY_AFTER_SECONDS

    def _came_back(self):
        """Raises REDIS_DOWN if it still does not answer, keeping what is owed."""
        self._cache.get_client(write=True).ping()
        owed = self._owed
        if owed is None:  # too many to keep: no stored page can be trusted
            self._cache.clear()
        elif owed:
            self._cache.set_many(owed, None)
        self._down_until, self._owed = None, {}
        log.warning("Redis answers again; %s lasting writes (purges, tag versions) replayed",
                    "all (cache flushed)" if owed is None else len(owed))

    def _owe(self, data, timeout, version):
        if timeout is not None or self._owed is None:
            return
        for key, value in data.items():
            self._owed[self.make_and_validate_key(key, version=version)] = value
        if len(self._owed) > MAX_OWED_WRITES:
            self._owed = None

    def get(self, key, default=None, version=None):
        return self._call("get", lambda *a: default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", lambda *a: {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda *a: False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        def dropped(*args):
            self._owe({key: value}, timeout, version)

        return self._call("set", dropped, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        def dropped(*args):
            self._owe(data, timeout, version)
            return []

        return self._call("set_many", dropped, data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda *a: False, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda *a: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", lambda *a: False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda *a: None, keys, version)

    def incr(self, key, delta=1, version=None):
        def missing(*args):
            raise ValueError(f"Key '{key}' not found (Redis is away)")

        return self._call("incr", missing, key, delta, version)

    def add_many(self, entries, version=None):
        return self._call("_add_many", lambda *a: [], entries, version)

    def _add_many(self, entries, version=None):
        made = {self.make_and_validate_key(key, version=version): key
                for key in entries}
        added = self._cache.add_many({
            made_key: (value, self.get_backend_timeout(timeout))
            for made_key, (value, timeout) in zip(made, entries.values(), strict=True)
        })
        return [made[made_key] for made_key in added]


class RedisCounters(RedisCache):
    """Flood control's and login throttling's counters: in Redis, shared by
    every app server; while Redis is away, in this process's memory.

    The fallback is the safe side of two wrong answers: refusing every post
    would stop readers commenting, counting nothing would let a flood in.
    Counted per process, a flooder gets at most one post per flood window
    from each worker process, and the hourly limit counts per process too;
    the counts start afresh when Redis is back.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._local = LocMemCache("masthead-counters-while-redis-is-away", {})

    def _on_local(self, name):
        return getattr(self._local, name)

    def get(self, key, default=None, version=None):
        return self._call("get", self._on_local("get"), key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", self._on_local("get_many"), keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", self._on_local("has_key"), key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", self._on_local("set"), key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        local = self._on_local("set_many")
        return self._call("set_many", local, data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", self._on_local("add"), key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", self._on_local("touch"), key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", self._on_local("delete"), key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", self._on_local("delete_many"), keys, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", self._on_local("incr"), key, delta, version)

    def add_many(self, entries, version=None):
        return self._call("_add_many", self._local_add_many, entries, version)

    def _local_add_many(self, entries, version=None):
        return [key for key, (value, timeout) in entries.items()
                if self._local.add(key, value, timeout, version)]

    def _came_back(self):
        super()._came_back()
        self._local.clear()


class _KeptClients(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))  # pools live as long as this object
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def add_many(self, entries):
        pipeline = self.get_client(write=True).pipeline(transaction=False)
        for key, (value, timeout) in entries.items():
            pipeline.set(key, self._serializer.dumps(value), ex=timeout, nx=True)
        results = pipeline.execute()
        return [key for key, added in zip(entries, results, strict=True) if added]
