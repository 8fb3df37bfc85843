"""Flood control in Django's cache, so app servers share counters via Redis.

Comments and newsletter sign-ups use it, each under its own scope, so a
reader who comments and then signs up is not told to slow down.

`cache.add` is atomic on every backend we support: of two simultaneous posts
from one reader exactly one wins the slot, the other is told to slow down.
A post's keys are claimed together (core/cache.add_many): one round trip to
Redis, or one write transaction on disk, for a reader's first post of the hour.
"""

import time

from django.core.cache import caches

from .cache import add_many

FLOOD, HOURLY = "flood", "hourly"


def _counters():
    return caches["counters"]


class RateLimited(Exception):
    """Refused: ``reason`` is FLOOD (too soon after the last) or HOURLY."""

    def __init__(self, message, reason=FLOOD):
        super().__init__(message)
        self.message, self.reason = message, reason


def _flood_keys(scope, ip_address, email):
    keys = []
    if ip_address:
        keys.append(f"masthead:{scope}:flood:ip:{ip_address}")
    if email:
        keys.append(f"masthead:{scope}:flood:email:{email.strip().lower()}")
    return keys


def claim_slot(*, scope, ip_address, email, flood_seconds, max_per_hour,
               messages=None):
    """Take this client's slot in ``scope``, or raise RateLimited with the reason.

    Returns the keys taken, so a post refused for another reason (a
    duplicate) can give its slot back with `release_slot`. ``messages`` maps
    FLOOD and HOURLY to the sentence the refusal carries.
    """
    messages = messages or {FLOOD: "Too many requests.", HOURLY: "Too many requests."}
    flood = {key: (1, flood_seconds) for key in _flood_keys(scope, ip_address, email)}
    flood = flood if flood_seconds else {}
    hour_key = _hour_key(scope, ip_address) if max_per_hour and ip_address else None
    # The hour's counter starts at 1 when this is the client's first post in it.
    hour = {hour_key: (1, 3600)} if hour_key else {}
    added = set(add_many(_counters(), {**flood, **hour}))
    taken = [key for key in flood if key in added]
    if len(taken) < len(flood):
        release_slot(taken + [key for key in hour if key in added])  # as if never tried
        raise RateLimited(messages[FLOOD], FLOOD)
    if hour_key and hour_key not in added and _count_another(hour_key) > max_per_hour:
        release_slot(taken)
        raise RateLimited(messages[HOURLY], HOURLY)
    return taken


def release_slot(keys):
    _counters().delete_many(keys)


def _hour_key(scope, ip_address):
    # A fixed window per clock hour: one counter per IP, expiring by itself.
    return f"masthead:{scope}:hour:{ip_address}:{int(time.time() // 3600)}"


def _count_another(key):
    try:
        return _counters().incr(key)
    except ValueError:  # expired since the add found it
        _counters().add(key, 1, timeout=3600)
        return 1
