"""Writing redirects: chains collapse, loops are refused, live pages win.

Every write of a Redirect goes through save_redirect(), by the admin and by
the signal handlers alike, so the rows keep one shape: each points at a final
target, never at another row's old address. A reader then makes one hop
however many times a story was renamed (A→B, then B→C: A→C and B→C).
record_moves() writes many at once with the rows save_redirect() would leave
(what keeps it fast and flat on an import's scale is in bulk.py).
"""

from django.db import connection, transaction
from django.utils import timezone

from . import bulk, paths
from .models import Redirect


class RedirectLoop(ValueError):
    """The target leads back to the old address."""


def final_target(target):
    """Where a target ends up: its own redirect's target, or itself."""
    path = paths.site_path(target)
    onward = Redirect.objects.target_for(path) if path else None
    return onward or target


def leads_back(*, old_path, new_path):
    """Whether redirecting old_path to new_path would send readers round a loop."""
    return paths.site_path(final_target(new_path)) == old_path


@transaction.atomic
def save_redirect(*, redirect):
    """Save a redirect (new or changed) pointing at its final target.

    Redirects that pointed at its old address are moved to the same target,
    so none of them now takes two hops.
    """
    target = final_target(redirect.new_path)
    if paths.site_path(target) == redirect.old_path:
        raise RedirectLoop(f"{redirect.new_path} leads back to {redirect.old_path}.")
    # One by one, not update(): each saves, so each purges its cached 301.
    earlier = Redirect.objects.pointing_at(redirect.old_path).exclude(pk=redirect.pk)
    for row in earlier:
        row.new_path = target
        row.save(update_fields=["new_path"])
    redirect.new_path = target
    redirect.save()
    return redirect


def record_move(*, old_path, new_path):
    """A live address changed (a new slug): the old one redirects to the new."""
    redirect = Redirect.objects.filter(old_path=old_path).first()
    redirect = redirect or Redirect(old_path=old_path)
    redirect.new_path, redirect.kind = new_path, Redirect.Kind.AUTOMATIC
    return save_redirect(redirect=redirect)


def release(*, addresses):
    """A live page takes these addresses (back): no redirect may stand in front of it.

    A story renamed A→B and back again left A→B behind: served from the page
    cache before Django, it would send readers from A to B and B back to A.
    """
    # delete() on the queryset still sends post_delete per row: each purges.
    Redirect.objects.filter(old_path__in=addresses).delete()


def record_moves(pairs, *, chunk=1000):
    """record_move() for each (old_path, new_path) in turn, with the same rows
    at the end, but fast enough for an import's half a million (issue 22).

    A pair that touches no other redirect (no row's old address is its target,
    no row points at its old address, no other pair shares an address with
    it) is upserted in bulk with its neighbours, one statement per chunk; such
    pairs commute with everything else. A tangled pair goes through
    record_move, in order. Returns [(old, new, RedirectLoop)] for the refused.

    Memory stays flat: which rows point at a chunk's old addresses is asked of
    the database (new_path is indexed), not kept for every target written; the
    cached responses are purged once, after the last chunk (bulk.py).
    """
    unusual = bulk.UnusualTargets.of_table()
    purges, statistics = bulk.Purges(), bulk.PlannerStatistics()
    refused, batch = [], []
    try:
        for pair in pairs:
            batch.append(pair)
            if len(batch) >= chunk:
                refused += _record_chunk(batch, unusual, purges)
                statistics.wrote(len(batch))
                batch = []
        refused += _record_chunk(batch, unusual, purges) if batch else []
    finally:
        purges.on_commit()  # what the chunks committed, even if one then failed
    return refused


def _upsert_automatic(pairs):
    """bulk_create(update_conflicts=True) without a model instance a row, whose
    building was a third of an import's redirects (issue 22): one statement,
    run for every pair by the driver."""
    column = {f.name: connection.ops.quote_name(f.column) for f in Redirect._meta.concrete_fields}
    sql = (
        f"INSERT INTO {connection.ops.quote_name(Redirect._meta.db_table)} "
        f"({column['old_path']}, {column['new_path']}, {column['kind']}, "
        f"{column['created_at']}) VALUES (%s, %s, %s, %s) "
        f"ON CONFLICT ({column['old_path']}) DO UPDATE SET "
        f"{column['new_path']} = excluded.{column['new_path']}, "
        f"{column['kind']} = excluded.{column['kind']}"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    kind = Redirect.Kind.AUTOMATIC.value
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(old, new, kind, now) for old, new in pairs])


@transaction.atomic
def _record_chunk(pairs, unusual, purges):
    olds = [old for old, _new in pairs]
    news = [bulk.site_path(new) for _old, new in pairs]
    here = bulk.targets_of(new for _old, new in pairs)
    # Two indexed look-ups a chunk: targets that are some row's old address
    # (a chain), and old addresses some row points at (a chain the other way).
    chained = bulk.present("old_path", {n for n in news if n})
    pointed = bulk.present("new_path", set(olds))
    seen, tangled = {}, set()
    for old in olds:
        seen[old] = seen.get(old, 0) + 1
    for index, (old, new_path) in enumerate(zip(olds, news, strict=True)):
        if (seen[old] > 1 or old in here or old in pointed or old in unusual
                or new_path in seen or new_path in chained):  # fmt: skip
            tangled.add(index)
    simple = [pair for index, pair in enumerate(pairs) if index not in tangled]
    _upsert_automatic(simple)
    # Bulk writes send no post_save: purge what each save would have purged.
    purges.add(old for old, _new in simple)
    refused = []
    for index in sorted(tangled):
        old, new = pairs[index]
        try:
            record_move(old_path=old, new_path=new)
        except RedirectLoop as error:
            refused.append((old, new, error))
    unusual.add_targets(new for _old, new in pairs)
    return refused
