"""What a page shows, recorded while it renders, so edits purge exactly it.

Every model row loaded while a cacheable page renders becomes a dependency
("articles.article:42"), so editing that row purges the pages that showed it.
Listings also depend on collections ("articles:section:3"): publishing a new
article changes what they list even though they never loaded it.
"""

from contextvars import ContextVar

from django.db.models.signals import post_init

from . import tags as page_tags

_collector: ContextVar[set | None] = ContextVar("masthead_page_dependencies", default=None)


def depends_on(*tags):
    """Declare collections the current page lists (no-op outside a cached request)."""
    collected = _collector.get()
    if collected is not None:
        collected.update(page_tags.checked(tags))


def start():
    return _collector.set(set())


def finish(token):
    tags = _collector.get() or set()
    _collector.reset(token)
    return tags


def _record_instance(sender, instance, **kwargs):
    collected = _collector.get()
    if collected is not None and instance.pk is not None:
        collected.add(page_tags.row(instance))


def connect():
    post_init.connect(_record_instance, dispatch_uid="masthead_pagecache_record")
