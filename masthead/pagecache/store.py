"""Cached pages and tag versions in Django's cache (Redis when REDIS_URL is set).

A stored page keeps the version of each tag it depends on; purging a tag gives
it a new version, so every page that depended on it misses from then on, on
every app server sharing the cache, without scanning keys.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches

VERSION_PREFIX = "pagecache:tag:"
PAGE_PREFIX = "pagecache:page:"
GENERATION_KEY = "pagecache:generation"


def _cache():
    return caches[settings.MASTHEAD_PAGE_CACHE_ALIAS]


def page_key(host, full_path):
    digest = hashlib.sha256(f"{host}{full_path}".encode()).hexdigest()
    return PAGE_PREFIX + digest


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


def generation():
    """Changes on every purge: a page rendered across a purge may be stale."""
    return _cache().get(GENERATION_KEY)


def store(key, entry, tags, timeout, *, rendered_in_generation):
    entry["tags"] = current_versions(tags)
    if generation() != rendered_in_generation:
        return False  # something was purged while this page rendered
    _cache().set(key, entry, timeout=timeout)
    return True


def fetch(key):
    """The stored entry if every tag it depends on is still at its version."""
    cache = _cache()
    entry = cache.get(key)
    if entry is None:
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
        versions = {VERSION_PREFIX + tag: uuid.uuid4().hex[:12] for tag in tags}
        versions[GENERATION_KEY] = uuid.uuid4().hex[:12]
        _cache().set_many(versions, timeout=None)
