"""The embedded (no Redis) cache: diskcache's SQLite files, shared by every process."""

from diskcache import DjangoCache


class DiskCache(DjangoCache):
    """diskcache's Django backend, with its connections kept between requests.

    Django closes every cache when a request finishes; for diskcache that
    closes its SQLite connections, and reopening them (with their PRAGMAs)
    cost more than the flood checks of a comment post. Its connections are
    per thread and safe to keep, like a database connection with CONN_MAX_AGE.
    """

    def close(self, **kwargs):
        pass
