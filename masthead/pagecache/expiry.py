"""How long a cached page may live: the TTL, cut short by any registered deadline.

An app whose content changes at a known time without a write (an embargo
lifting on its own) registers a function returning that time, or None, in its
AppConfig.ready(); this app knows no model (issue 18).
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

_deadlines = []


def register(next_change):
    """``next_change()`` returns the next aware datetime a page could change, or None."""
    if next_change not in _deadlines:
        _deadlines.append(next_change)
    return next_change


def timeout():
    """Seconds a page stored now may be kept: never past the next deadline."""
    ttl = settings.MASTHEAD_PAGE_CACHE_TTL
    now = timezone.now()
    for next_change in _deadlines:
        when = next_change()
        if when is not None:
            seconds = (when - now) / timedelta(seconds=1)
            ttl = min(ttl, max(1, int(seconds) + 1))
    return ttl
