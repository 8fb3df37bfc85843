"""The newsroom's names and addresses, which a reader's comment may not borrow.

Staff are active accounts with ``is_staff`` (their full name and username) and
people with an author page (their name); their addresses are those accounts'
and people's emails. A comment post compares its name and address with these
in canonical form (names.name_key, names.email_key) without a query: the sets
are read once per process and kept until a staff account or an author is
saved or deleted (signal_handlers.py), which moves a version in the shared
cache that every process reads at most every
MASTHEAD_PAGE_CACHE_STAMP_INTERVAL seconds, as the page cache reads its stamp.
"""

import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction

from masthead.people.models import Person

from .names import email_key, name_key

VERSION_KEY = "masthead:comments:staff-version"


@dataclass(frozen=True)
class Staff:
    """Canonical staff names and addresses: frozen, shared by every request."""

    names: frozenset
    emails: frozenset


_kept = {"version": None, "value": None, "checked_at": float("-inf")}


def identities():
    """The staff's names and addresses, read from the database only after a change."""
    version = _version()  # before the rows: a change meanwhile moves it again
    if _kept["value"] is None or _kept["version"] != version:
        value = _read()
        _kept.update(version=version, value=value)
    return _kept["value"]


def changed():
    """A staff account or an author changed: forget the sets everywhere."""
    _kept["value"] = None  # this process, at once
    # Every process, now and again after the commit, in case another read the
    # old rows in between (as CommentSettings' cache is dropped).
    _bump()
    transaction.on_commit(_bump)


def _bump():
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _version():
    now = time.monotonic()
    interval = settings.MASTHEAD_PAGE_CACHE_STAMP_INTERVAL
    if _kept["version"] is not None and now - _kept["checked_at"] < interval:
        return _kept["version"]
    version = cache.get(VERSION_KEY)
    if version is None:  # a new or cleared cache: start a version all will share
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    _kept["checked_at"] = now
    return version


def _read():
    accounts = get_user_model().objects.filter(is_staff=True, is_active=True)
    names, emails = set(), set()
    for username, first, last, email in accounts.values_list(
        "username", "first_name", "last_name", "email"
    ):
        names.update((f"{first} {last}", username))
        emails.add(email)
    for name, email in Person.objects.filter(is_staff_author=True).values_list(
        "name", "email"
    ):
        names.add(name)
        emails.add(email)
    return Staff(
        names=frozenset(filter(None, map(name_key, names))),
        emails=frozenset(email_key(e) for e in emails if e),
    )
