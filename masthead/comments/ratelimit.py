"""Flood control in Django's cache, so app servers share counters via Redis.

`cache.add` is atomic on every backend we support: of two simultaneous posts
from one reader exactly one wins the slot, the other is told to slow down.
"""

import time

from django.core.cache import cache

FLOOD_MESSAGE = "You are posting comments too quickly. Slow down."
HOURLY_MESSAGE = (
    "You have posted too many comments in the last hour. Please try again later."
)


class RateLimited(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _flood_keys(ip_address, email):
    keys = []
    if ip_address:
        keys.append(f"masthead:comments:flood:ip:{ip_address}")
    if email:
        keys.append(f"masthead:comments:flood:email:{email.strip().lower()}")
    return keys


def claim_slot(*, ip_address, email, flood_seconds, max_per_hour):
    """Take this reader's posting slot, or raise RateLimited with the reason.

    Returns the keys taken, so a post refused for another reason (a
    duplicate) can give its slot back with `release_slot`.
    """
    taken = []
    if flood_seconds:
        for key in _flood_keys(ip_address, email):
            if not cache.add(key, 1, timeout=flood_seconds):
                release_slot(taken)
                raise RateLimited(FLOOD_MESSAGE)
            taken.append(key)
    if max_per_hour and ip_address and _hourly_count(ip_address) > max_per_hour:
        release_slot(taken)
        raise RateLimited(HOURLY_MESSAGE)
    return taken


def release_slot(keys):
    cache.delete_many(keys)


def _hourly_count(ip_address):
    # A fixed window per clock hour: one counter per IP, expiring by itself.
    # A reader's first post of the hour is one write (the add), later ones two.
    key = f"masthead:comments:hour:{ip_address}:{int(time.time() // 3600)}"
    if cache.add(key, 1, timeout=3600):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=3600)
        return 1
