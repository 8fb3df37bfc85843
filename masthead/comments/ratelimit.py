"""Flood control in Django's cache, so app servers share counters via Redis.

`cache.add` is atomic on every backend we support: of two simultaneous posts
from one reader exactly one wins the slot, the other is told to slow down.
A post's keys are claimed together (core/cache.add_many): one round trip to
Redis, or one write transaction on disk, for a reader's first post of the hour.
"""

import time

from django.core.cache import caches

from masthead.core.cache import add_many

from .names import email_key

FLOOD_MESSAGE = "You are posting comments too quickly. Slow down."
HOURLY_MESSAGE = (
    "You have posted too many comments in the last hour. Please try again later."
)


def _counters():
    return caches["counters"]


class RateLimited(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _flood_keys(ip_address, email):
    keys = []
    if ip_address:
        keys.append(f"masthead:comments:flood:ip:{ip_address}")
    if email:
        # Canonical, so "Ada@ÉXAMPLE.com " and "ada@xn--xample-9ua.com" share a slot.
        keys.append(f"masthead:comments:flood:email:{email_key(email)}")
    return keys


def claim_slot(*, ip_address, email, flood_seconds, max_per_hour):
    """Take this reader's posting slot, or raise RateLimited with the reason.

    Returns the keys taken, so a post refused for another reason (a
    duplicate) can give its slot back with `release_slot`.
    """
    flood = {key: (1, flood_seconds) for key in _flood_keys(ip_address, email)}
    flood = flood if flood_seconds else {}
    hour_key = _hour_key(ip_address) if max_per_hour and ip_address else None
    # The hour's counter starts at 1 when this is the reader's first post in it.
    hour = {hour_key: (1, 3600)} if hour_key else {}
    added = set(add_many(_counters(), {**flood, **hour}))
    taken = [key for key in flood if key in added]
    if len(taken) < len(flood):
        release_slot(taken + [key for key in hour if key in added])  # as if never tried
        raise RateLimited(FLOOD_MESSAGE)
    if hour_key and hour_key not in added and _count_another(hour_key) > max_per_hour:
        release_slot(taken)
        raise RateLimited(HOURLY_MESSAGE)
    return taken


def release_slot(keys):
    _counters().delete_many(keys)


def _hour_key(ip_address):
    # A fixed window per clock hour: one counter per IP, expiring by itself.
    return f"masthead:comments:hour:{ip_address}:{int(time.time() // 3600)}"


def _count_another(key):
    try:
        return _counters().incr(key)
    except ValueError:  # expired since the add found it
        _counters().add(key, 1, timeout=3600)
        return 1
