"""Automatic digests: a list's new stories, daily or weekly at a local time.

A digest is an ordinary edition made by the worker, with the stories
published since the list's last digest (`Article.objects.published()`, the one
read rule). When fewer than the list's `min_stories` are new it is skipped,
and the next digest covers them.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import formats, timezone

from masthead.articles.models import Article

from . import editions
from .models import Edition, EditionStory, Newsletter

MOST_STORIES = 20


def digest_time(*, cadence, send_time, weekday, local_now):
    """The latest moment at or before ``local_now`` a digest was due, or None.

    Pure: ``local_now`` is an aware datetime in the site's zone.
    """
    if cadence == Newsletter.Cadence.NONE:
        return None
    day = local_now.date()
    if cadence == Newsletter.Cadence.WEEKLY:
        day -= timedelta(days=(day.weekday() - weekday) % 7)
    due = datetime.combine(day, send_time, tzinfo=local_now.tzinfo)
    if due > local_now:
        due -= timedelta(days=7 if cadence == Newsletter.Cadence.WEEKLY else 1)
    return due


def make_due(*, now=None, log=lambda line: None):
    """Make (and start) every digest whose time has come; returns how many."""
    now = now or timezone.now()
    made = 0
    for pk in Newsletter.objects.with_digests().values_list("pk", flat=True):
        made += _make(pk, now, log)
    return made


@transaction.atomic
def _make(pk, now, log):
    newsletter = Newsletter.objects.select_for_update().get(pk=pk)
    due = digest_time(
        cadence=newsletter.cadence,
        send_time=newsletter.send_time,
        weekday=newsletter.weekday,
        local_now=timezone.localtime(now),
    )
    if due is None or (newsletter.last_digest_at and newsletter.last_digest_at >= due):
        return 0
    since = newsletter.last_digest_at or due - _period(newsletter)
    stories = new_stories(newsletter, since=since, until=now)
    if len(stories) < newsletter.min_stories:
        log(f"digest {newsletter.slug} skipped: {len(stories)} new stories")
        if newsletter.last_digest_at is None:  # the first: start counting from now
            newsletter.last_digest_at = due
            newsletter.save(update_fields=["last_digest_at"])
        return 0
    edition = Edition.objects.create(
        newsletter=newsletter,
        kind=Edition.Kind.DIGEST,
        status=Edition.Status.SCHEDULED,
        send_at=now,
        subject=f"{newsletter.name}: {formats.date_format(due, 'l, F j')}",
    )
    EditionStory.objects.bulk_create(
        EditionStory(edition=edition, article=article, position=n)
        for n, article in enumerate(stories)
    )
    newsletter.last_digest_at = due
    newsletter.save(update_fields=["last_digest_at"])
    editions.start(edition.pk, now=now)
    return 1


def new_stories(newsletter, *, since, until):
    """Published after ``since``, newest first, from the list's section if it has one."""
    stories = Article.objects.published(now=until).filter(published_at__gt=since)
    if newsletter.section_id:
        stories = stories.filter(section_id=newsletter.section_id)
    return list(stories.order_by("-published_at")[:MOST_STORIES])


def _period(newsletter):
    return timedelta(days=7 if newsletter.cadence == Newsletter.Cadence.WEEKLY else 1)
