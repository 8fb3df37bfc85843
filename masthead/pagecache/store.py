"""Cached pages and tag versions in Django's cache (Redis when REDIS_URL is set).

A stored page keeps the version of each tag it depends on; purging a tag gives
it a new version, so every page that depended on it misses from then on, on
every app server sharing the cache, without scanning keys. Each process also
keeps recently served pages in memory, trusted while the purge stamp
(generation.py) has not moved and the page's own lifetime lasts: a deadline
(an embargo lifting, a pin expiring: expiry.py) ends it with no purge.
"""

import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches

from . import generation
from . import tags as page_tags

VERSION_PREFIX = "pagecache:tag:"


def _cache():
    return caches[settings.MASTHEAD_PAGE_CACHE_ALIAS]


class LocalPages:
    """A byte-bounded LRU of pages in this process, each with the stamp it was checked at."""

    def __init__(self):
        self.pages = OrderedDict()
        self.size = 0

    def get(self, key, stamp):
        found = self.pages.get(key)
        if found is None or found[1] != stamp:
            return None
        if not alive(found[0]):
            self.discard(key)  # its deadline passed (issue 20: it was served on)
            return None
        self.pages.move_to_end(key)
        return found[0]

    def put(self, key, entry, stamp):
        self.discard(key)
        self.pages[key] = (entry, stamp)
        self.size += len(entry["content"])
        while self.size > settings.MASTHEAD_PAGE_CACHE_LOCAL_BYTES and self.pages:
            self.discard(next(iter(self.pages)))

    def discard(self, key):
        found = self.pages.pop(key, None)
        if found is not None:
            self.size -= len(found[0]["content"])

    def clear(self):
        self.pages.clear()
        self.size = 0


local_pages = LocalPages()


def current_versions(tags):
    """The version of each tag; a tag never purged gets one now."""
    cache = _cache()
    keys = {VERSION_PREFIX + tag: tag for tag in tags}
    found = cache.get_many(list(keys))
    missing = {key: uuid.uuid4().hex[:12] for key in keys if key not in found}
    if missing:
        cache.set_many(missing, timeout=None)
        found.update(missing)
    return {keys[key]: value for key, value in found.items()}


def alive(entry):
    """Whether a stored page's lifetime lasts (pages stored before it was kept do)."""
    return entry.get("until", float("inf")) > time.time()


def store(key, entry, tags, timeout, *, rendered_in_generation):
    entry["tags"] = current_versions(tags)
    entry["until"] = time.time() + timeout  # the shared cache drops it then too
    if generation.current() != rendered_in_generation:
        return False  # something was purged while this page rendered
    _cache().set(key, entry, timeout=timeout)
    return True


def fetch(key):
    """The stored page if every tag it depends on is still at its version."""
    stamp = generation.current()
    entry = local_pages.get(key, stamp)
    if entry is not None:
        return entry
    entry = _fetch_shared(key)
    if entry is None:
        local_pages.discard(key)
    else:
        local_pages.put(key, entry, stamp)
    return entry


def _fetch_shared(key):
    cache = _cache()
    entry = cache.get(key)
    if entry is None or not alive(entry):  # the cache's own TTL is whole seconds
        return None
    tags = entry["tags"]
    if tags:
        current = cache.get_many([VERSION_PREFIX + tag for tag in tags])
        for tag, version in tags.items():
            if current.get(VERSION_PREFIX + tag) != version:
                return None
    return entry


def purge(tags):
    """Invalidate every page that depends on any of these tags."""
    if tags:
        page_tags.checked(tags)
        _cache().set_many(
            {VERSION_PREFIX + tag: uuid.uuid4().hex[:12] for tag in tags}, timeout=None
        )
        generation.bump()
