from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from masthead.newsletters import digests
from masthead.newsletters.models import Edition, Newsletter
from masthead.testing import (
    make_article,
    make_newsletter,
    make_section,
    make_subscribers,
)

ZONE = ZoneInfo("America/New_York")


def at(day, hour, minute=0):
    return datetime(2026, 12, day, hour, minute, tzinfo=ZONE)  # Dec 7 is a Monday


def test_a_daily_digest_is_due_at_its_local_time():
    due = digests.digest_time(
        cadence="daily", send_time=time(7), weekday=0, local_now=at(8, 7, 30)
    )
    assert due == at(8, 7)
    assert digests.digest_time(
        cadence="daily", send_time=time(7), weekday=0, local_now=at(8, 6, 59)
    ) == at(7, 7)


def test_a_weekly_digest_is_due_on_its_weekday():
    assert digests.digest_time(
        cadence="weekly", send_time=time(9), weekday=0, local_now=at(10, 12)
    ) == at(7, 9)
    assert digests.digest_time(
        cadence="weekly", send_time=time(9), weekday=0, local_now=at(7, 8)
    ) == at(7, 9) - timedelta(days=7)
    assert (
        digests.digest_time(
            cadence="none", send_time=time(9), weekday=0, local_now=at(7, 8)
        )
        is None
    )


@pytest.mark.django_db
def test_a_digest_gathers_the_new_stories_of_its_section_or_is_skipped(site):
    local = make_section("Local")
    briefing = make_newsletter(
        slug="local", cadence="daily", send_time=time(0), section=local, min_stories=2
    )
    make_subscribers(briefing, 2)
    since = timezone.now() - timedelta(hours=30)
    Newsletter.objects.filter(pk=briefing.pk).update(last_digest_at=since)
    make_article(
        title="Council votes",
        section=local,
        published_at=timezone.now() - timedelta(hours=2),
    )
    make_article(title="Elsewhere", published_at=timezone.now() - timedelta(hours=2))
    assert digests.make_due() == 0  # one new story of two needed: skipped
    assert not Edition.objects.exists()
    Newsletter.objects.filter(pk=briefing.pk).update(last_digest_at=since)
    make_article(
        title="Mill reopens",
        section=local,
        published_at=timezone.now() - timedelta(hours=1),
    )
    assert digests.make_due() == 1
    edition = Edition.objects.get()
    assert edition.kind == "digest" and edition.status == "sending"
    titles = [
        s.article.title for s in edition.edition_stories.select_related("article")
    ]
    assert titles == ["Mill reopens", "Council votes"]
    assert digests.make_due() == 0  # not twice for the same day
