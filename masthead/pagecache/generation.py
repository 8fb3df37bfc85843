"""A stamp that changes on every purge, cheap enough to read on every hit.

Pages held in a process's own memory are served while the stamp is unchanged;
when it moves, each page is checked once against the shared tag versions.
With Redis the stamp is a Redis key (shared by every app server); on one
machine without Redis it is the modification time of a small file, which
costs a stat() per hit.
"""

import os
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import caches

KEY = "pagecache:generation"


def _uses_redis():
    backend = settings.CACHES[settings.MASTHEAD_PAGE_CACHE_ALIAS]["BACKEND"]
    return backend.endswith("RedisCache")


def _stamp_file():
    return Path(settings.MASTHEAD_PAGE_CACHE_STAMP_FILE)


_last_read = {"at": float("-inf"), "value": None}


def current():
    if _uses_redis() or not settings.MASTHEAD_PAGE_CACHE_STAMP_FILE:
        return _shared_stamp()
    try:
        stat = os.stat(_stamp_file())
    except FileNotFoundError:
        return None
    return (stat.st_mtime_ns, stat.st_ino, stat.st_size)


def _shared_stamp():
    """The stamp in the shared cache, read at most every STAMP_INTERVAL seconds.

    A round trip to Redis on every hit would cap a process at a few thousand
    pages a second; reading it 20 times a second instead means a purge reaches
    other app servers within that interval (this process sees its own at once).
    """
    now = time.monotonic()
    if now - _last_read["at"] >= settings.MASTHEAD_PAGE_CACHE_STAMP_INTERVAL:
        _last_read["value"] = caches[settings.MASTHEAD_PAGE_CACHE_ALIAS].get(KEY)
        _last_read["at"] = now
    return _last_read["value"]


def bump():
    value = uuid.uuid4().hex
    if _uses_redis() or not settings.MASTHEAD_PAGE_CACHE_STAMP_FILE:
        caches[settings.MASTHEAD_PAGE_CACHE_ALIAS].set(KEY, value, timeout=None)
        _last_read.update(at=time.monotonic(), value=value)
        return
    path = _stamp_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write a new file and rename it over the old: the inode changes even if
    # two purges land within the clock's resolution.
    temporary = path.with_name(f".{path.name}.{value}")
    temporary.write_text(value)
    os.replace(temporary, path)
