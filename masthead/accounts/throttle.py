"""Staff login throttling: failures counted per account and per address.

After MASTHEAD_LOGIN_FAILURES_PER_ACCOUNT (5) failures for one account, or
MASTHEAD_LOGIN_FAILURES_PER_ADDRESS (20) from one address, within
MASTHEAD_LOGIN_WINDOW_SECONDS (900), every attempt for that account or from
that address is refused, the right password too, for
MASTHEAD_LOGIN_LOCKOUT_SECONDS (900). Counters and locks live in the shared
`counters` cache (Redis with several app servers), so every server agrees,
and nothing here runs on a reader's request.

Our own rather than django-axes: axes compares every lockout parameter with
one failure limit (the issue asks 5 per account and 20 per address), and
lists lockouts in the admin only with its database handler, which writes a
row for every attempt instead of keeping counters in the shared cache.
"""

import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from .models import Lockout

ACCOUNT, ADDRESS = "account", "address"


@dataclass(frozen=True)
class Refusal:
    """Attempts are refused until `until` (a Unix time)."""

    until: float

    @property
    def seconds_left(self):
        return max(1, int(self.until - time.time() + 0.999))

    @property
    def message(self):
        local = timezone.localtime(datetime.fromtimestamp(self.until, UTC))
        minutes = (self.seconds_left + 59) // 60
        return (
            "Too many failed attempts for this account or from this address. "
            f"Try again after {local:%H:%M} ({settings.TIME_ZONE}), "
            f"in about {minutes} minute{'s' if minutes != 1 else ''}."
        )


def limits():
    return {
        ACCOUNT: getattr(settings, "MASTHEAD_LOGIN_FAILURES_PER_ACCOUNT", 5),
        ADDRESS: getattr(settings, "MASTHEAD_LOGIN_FAILURES_PER_ADDRESS", 20),
    }


def subjects(*, username, ip, action="login"):
    """{scope: (cache key suffix, identifier)} for one attempt."""
    found = {}
    if username:
        name = str(username).strip().casefold()
        digest = hashlib.sha256(name.encode()).hexdigest()[:32]
        found[ACCOUNT] = (f"{action}:{ACCOUNT}:{digest}", name)
    if ip:
        found[ADDRESS] = (f"{action}:{ADDRESS}:{ip}", ip)
    return found


def refusal_for(*, username, ip, action="login"):
    """The lock an attempt runs into, or None."""
    keys = [
        f"accounts:lock:{key}"
        for key, _ in subjects(username=username, ip=ip, action=action).values()
    ]
    untils = [until for until in _cache().get_many(keys).values() if until]
    return Refusal(max(untils)) if untils else None


def record_failure(*, username, ip, action="login"):
    """Count one failure; returns the Lockouts this failure started."""
    window = getattr(settings, "MASTHEAD_LOGIN_WINDOW_SECONDS", 900)
    started = []
    for scope, (key, identifier) in subjects(
        username=username, ip=ip, action=action
    ).items():
        count = _incr(f"accounts:fail:{key}", window)
        if count >= limits()[scope]:
            started += _lock(scope, key, identifier, count, action)
    return started


def record_success(*, username, action="login"):
    """A right password clears its account's count (not the address's: one
    good account must not buy an address more guesses at the others)."""
    for key, _ in subjects(username=username, ip=None, action=action).values():
        _cache().delete(f"accounts:fail:{key}")


def clear(key):
    """Lift a lock and forget its failures (the admin's "clear" action)."""
    _cache().delete_many([f"accounts:lock:{key}", f"accounts:fail:{key}"])


def _lock(scope, key, identifier, count, action):
    seconds = getattr(settings, "MASTHEAD_LOGIN_LOCKOUT_SECONDS", 900)
    until = time.time() + seconds
    if not _cache().add(f"accounts:lock:{key}", until, seconds):
        return []  # already locked: one record per lockout
    # The row is what staff see and clear in the admin; the cache decides.
    return [
        Lockout.objects.create(
            scope=scope,
            action=action,
            identifier=identifier[:200],
            cache_key=key,
            failures=count,
            locked_until=datetime.fromtimestamp(until, UTC),
        )
    ]


def _incr(key, window):
    cache = _cache()
    cache.add(key, 0, window)  # the window starts at the first failure
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        return 1


def _cache():
    return caches[getattr(settings, "MASTHEAD_LOGIN_CACHE_ALIAS", "counters")]
