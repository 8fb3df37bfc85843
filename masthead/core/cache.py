"""Our cache backends: Django's, with two costs removed, and `add_many`.

Flood control claims several keys for every comment (core/ratelimit.py):
`add_many` claims them in one round trip to Redis, or one write transaction
in diskcache, where Django's API would take one for each.
"""

from diskcache import DjangoCache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


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
    """Django's Redis backend, keeping one client object per connection pool.

    Django builds a new redis.Redis (and its command table) for every
    command: ~0.1 ms each, several times in every comment post.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KeptClients

    def add_many(self, entries, version=None):
        made = {self.make_and_validate_key(key, version=version): key
                for key in entries}
        added = self._cache.add_many({
            made_key: (value, self.get_backend_timeout(timeout))
            for made_key, (value, timeout) in zip(made, entries.values(), strict=True)
        })
        return [made[made_key] for made_key in added]


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
