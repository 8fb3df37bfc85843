"""Rows a page reads, kept in this process until the next purge anywhere.

Every change a reader could see purges the pages that show it
(signal_handlers.py), and every purge moves the purge stamp (generation.py).
So an article with its bylines and tags, the navigation or a story's quotes,
once read, can be reused for as long as the stamp stays where it was when
they were read: a hit costs a stat() (or, with Redis, one read of the stamp
every MASTHEAD_PAGE_CACHE_STAMP_INTERVAL seconds) instead of a query.

This is what lets a page be rendered afresh, for a reader the page cache
does not serve, with a single query for its comments. A hit declares the
dependencies recorded when the value was built, so a page cached from it is
purged as one rendered from the database would be.

Values are shared by every request this process serves: read them, never
change them.
"""

import threading
import weakref
from collections import OrderedDict

from django.conf import settings

from . import dependencies, generation


class UntilPurge:
    """A bounded map from a key to a value built from rows, oldest out first."""

    _instances = weakref.WeakSet()

    def __init__(self, size, *, always=False):
        """``always``: keep values even with MASTHEAD_ROW_MEMO off (the tests'
        default), for rows every page shows that only an edit can change and
        whose edits purge (newsletters/signup.py)."""
        self._items = OrderedDict()
        self._size = size
        self._always = always
        self._lock = threading.Lock()  # for servers that run requests in threads
        self._instances.add(self)

    def get(self, key, build):
        """The value for key, from `build()` unless kept since the last purge.

        Whatever build() raises (DoesNotExist, say) is raised, and nothing kept.
        """
        if not (self._always or settings.MASTHEAD_ROW_MEMO):
            return build()
        stamp = generation.current()
        found = self._items.get(key)
        if found is not None and found[0] == stamp:
            dependencies.depends_on(*found[2])
            return found[1]
        token = dependencies.start()
        try:
            value = build()
        finally:
            tags = frozenset(dependencies.finish(token))
        dependencies.depends_on(*tags)
        # A purge while building moved the stamp: keeping the value under the
        # old stamp is harmless, the next get() will not trust it.
        with self._lock:
            self._items[key] = (stamp, value, tags)
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value

    def clear(self):
        self._items.clear()

    @classmethod
    def clear_all(cls):
        for memo in cls._instances:
            memo.clear()
