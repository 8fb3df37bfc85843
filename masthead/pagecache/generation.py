"""A stamp that changes on every purge, cheap enough to read on every hit.

Pages held in a process's own memory are served while the stamp is unchanged;
when it moves, each page is checked once against the shared tag versions.
With Redis the stamp is a Redis key (shared by every app server); on one
machine without Redis it is the modification time of a small file, which
costs a stat() per hit.
"""

import os
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


def current():
    if _uses_redis() or not settings.MASTHEAD_PAGE_CACHE_STAMP_FILE:
        return caches[settings.MASTHEAD_PAGE_CACHE_ALIAS].get(KEY)
    try:
        stat = os.stat(_stamp_file())
    except FileNotFoundError:
        return None
    return (stat.st_mtime_ns, stat.st_ino, stat.st_size)


def bump():
    value = uuid.uuid4().hex
    if _uses_redis() or not settings.MASTHEAD_PAGE_CACHE_STAMP_FILE:
        caches[settings.MASTHEAD_PAGE_CACHE_ALIAS].set(KEY, value, timeout=None)
        return
    path = _stamp_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write a new file and rename it over the old: the inode changes even if
    # two purges land within the clock's resolution.
    temporary = path.with_name(f".{path.name}.{value}")
    temporary.write_text(value)
    os.replace(temporary, path)
