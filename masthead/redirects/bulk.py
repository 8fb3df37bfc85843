"""What keeps services.record_moves() fast and flat on half a million pairs
(a WordPress import, issue 22), apart from the rules it keeps.

- Which rows point at an old address is asked of the database, chunk by
  chunk (new_path is indexed): holding every target written, for the tangle
  checks, was part of the handover's growth past 300 MB at 100,000 posts
  (the purges, next, were most of the rest). Only the
  targets an equality look-up cannot match (a query, a #fragment or a %
  escape: pointing_at() and site_path() read them differently) are held.
- The cached responses at the old addresses are purged once at the end, and
  past a few thousand addresses with one write for every page: a tag each
  was a cache write each, most of the handover's time and memory on SQLite.
- On PostgreSQL the table's statistics are renewed as it doubles: psycopg
  prepares a statement on its fifth run, and the plan made while the table
  was empty (a sequential scan) was kept as it grew to 424,000 rows, each
  chunk's look-up taking 1.6 s (autovacuum, when it runs at all, comes late).
"""

from django.db import connection
from django.db.models import Q

from masthead.pagecache import tags as page_tags
from masthead.pagecache.purges import purge_on_commit

from . import paths
from .models import Redirect

UNUSUAL = ("?", "#", "%")  # is_plain() spells them out
# Purged one tag per old address up to this many; past it, every page.
PURGE_EACH_UP_TO = 5000
# Statistics renewed when the rows written since the last look reach the
# table's size then (or this many, for an empty table).
ANALYZE_AFTER_AT_LEAST = 10_000


def targets_of(new_paths):
    """Every old address some of these targets point at: each new_path, each
    of its prefixes that ends before a "?" or "#" (as pointing_at() matches),
    and its path on the site (as final_target() reads it)."""
    found = set()
    for new_path in new_paths:
        found.add(new_path)
        if not is_plain(new_path):
            found.update(new_path[:at] for at, char in enumerate(new_path) if char in "?#")
        if (path := site_path(new_path)) is not None:
            found.add(path)
    return found


def site_path(target):
    """paths.site_path(target), without parsing the usual target: a printable
    path on this site with no query, fragment or escape is its own path
    (urlsplit and unquote were a tenth of an import's handover, issue 22)."""
    if target[:1] == "/" and target[1:2] != "/" and is_plain(target) and target.isprintable():
        return target
    return paths.site_path(target)


def is_plain(new_path):
    """Whether the only old address this target points at is itself, so an
    equality look-up on new_path finds it."""
    # Spelled out: any() over a generator cost as much as the rest of
    # targets_of() on an import's half a million targets (issue 22).
    return "?" not in new_path and "#" not in new_path and "%" not in new_path


def present(column, values):
    """Which of these values the redirects table holds in `column` (old_path
    or new_path, both indexed): one raw query, as a chunk asks two of them
    (services._record_chunk). The ORM's filter prepared each of a chunk's
    thousand values through the field API, a tenth of the handover."""
    values = list(values)
    if not values:
        return set()
    quote = connection.ops.quote_name
    name = quote(Redirect._meta.get_field(column).column)
    sql = (f"SELECT {name} FROM {quote(Redirect._meta.db_table)} "
           f"WHERE {name} IN ({', '.join(['%s'] * len(values))})")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return {found for (found,) in cursor.fetchall()}


class UnusualTargets:
    """targets_of() for the targets that are not plain, in the table and
    written since: few (an editor's campaign link, a slug with a % escape)."""

    def __init__(self, new_paths=()):
        self.addresses = set()
        self.add_targets(new_paths)

    @classmethod
    def of_table(cls):
        found = Q()
        for char in UNUSUAL:
            found |= Q(new_path__contains=char)
        rows = Redirect.objects.filter(found).order_by()
        return cls(rows.values_list("new_path", flat=True).iterator())

    def add_targets(self, new_paths):
        self.addresses |= targets_of(p for p in new_paths if not is_plain(p))

    def __contains__(self, address):
        return address in self.addresses


class Purges:
    """The old addresses whose cached responses the bulk writes must purge,
    as each save would have: one tag each, or every page past a limit."""

    def __init__(self):
        self.tags, self.everything = set(), False

    def add(self, old_paths):
        if not self.everything:
            self.tags.update(page_tags.path(old) for old in old_paths)
            if len(self.tags) > PURGE_EACH_UP_TO:
                self.tags, self.everything = set(), True

    def on_commit(self):
        tags = {page_tags.EVERY_PAGE} if self.everything else self.tags
        if tags:
            purge_on_commit(tags)


class PlannerStatistics:
    """ANALYZE the redirects table each time it has doubled (PostgreSQL only)."""

    def __init__(self):
        self.active = connection.vendor == "postgresql"
        self.size = Redirect.objects.count() if self.active else 0
        self.written = 0

    def wrote(self, rows):
        if not self.active:
            return
        self.written += rows
        if self.written >= max(self.size, ANALYZE_AFTER_AT_LEAST):
            with connection.cursor() as cursor:
                table = connection.ops.quote_name(Redirect._meta.db_table)
                cursor.execute(f"ANALYZE {table}")
            self.size, self.written = self.size + self.written, 0
