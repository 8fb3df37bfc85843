"""What pages read of the curation: live pins, layouts, the banner, expiries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.articles.models import Article
from masthead.frontpage.models import Banner, Pin, SectionLayout
from masthead.frontpage.querysets import (
    breaking_news,
    home_top,
    live_pins,
    next_expiry,
    section_layouts,
)
from masthead.testing import make_article, make_section

pytestmark = pytest.mark.django_db
HOUR = timedelta(hours=1)


def pin(article, slot="top", position=0, expires_at=None):
    return Pin.objects.create(
        article=article, slot=slot, position=position, expires_at=expires_at
    )


def test_live_pins_are_unexpired_and_on_public_stories_in_order():
    now = timezone.now()
    lead, first, second = make_article(), make_article(), make_article()
    pin(second, position=1)
    pin(first, position=0, expires_at=now + HOUR)
    pin(lead, slot="lead")
    pin(make_article(), position=2, expires_at=now - HOUR)  # expired
    pin(make_article(status=Article.Status.DRAFT), position=3)
    pin(make_article(status=Article.Status.UNPUBLISHED), position=4)
    scheduled = make_article(status=Article.Status.SCHEDULED, published_at=now + HOUR)
    pin(scheduled, position=5)
    pins = live_pins()
    assert (pins.lead, pins.top) == (lead.pk, (first.pk, second.pk))
    # Later, with no write: the first pin has expired, and the scheduled
    # story's pin shows from its embargo on.
    later = live_pins(now=now + 2 * HOUR)
    assert (later.lead, later.top) == (lead.pk, (second.pk, scheduled.pk))


def test_a_pin_ends_at_its_expiry():
    story = make_article()
    soon = timezone.now() + timedelta(minutes=5)
    pin(story, slot="lead", expires_at=soon)
    assert live_pins().lead == story.pk
    assert live_pins(now=soon).lead is None


def test_the_top_of_the_page_has_no_story_twice():
    stories = [make_article() for _ in range(12)]  # newest first
    pin(stories[5], slot="lead")
    pin(stories[0], position=0)  # the newest, pinned second
    pin(stories[9], position=1)
    top, _ = home_top(())
    assert top.lead == stories[5] and top.pinned_top
    shown = [article.pk for article in top.top]
    assert shown[:2] == [stories[0].pk, stories[9].pk]
    assert len(shown) == 8 and len(set(shown)) == 8 and stories[5].pk not in shown
    assert shown[2:] == [s.pk for s in stories[1:5] + stories[6:8]]


def test_without_pins_the_newest_story_leads_as_before():
    stories = [make_article() for _ in range(10)]
    top, _ = home_top(())
    assert top.lead == stories[0] and not top.pinned_top
    assert [a.pk for a in top.top] == [s.pk for s in stories[1:9]]


def test_section_layouts_default_to_none_given():
    local, sport = make_section(), make_section()
    SectionLayout.objects.create(section=sport, layout="list")
    assert dict(section_layouts()) == {sport.pk: "list"}
    assert local.pk not in section_layouts()


def test_the_banner_shows_until_it_expires():
    assert breaking_news() is None
    ends = timezone.now() + HOUR
    Banner.objects.create(text="Flood warning", url="/articles/flood/", expires_at=ends)
    shown = breaking_news()
    assert (shown.text, shown.url) == ("Flood warning", "/articles/flood/")
    assert breaking_news(now=ends) is None


def test_the_next_expiry_is_the_nearest_pin_or_banner_still_ahead():
    now = timezone.now()
    assert next_expiry() is None
    pin(make_article(), expires_at=now - HOUR)
    pin(make_article(), expires_at=now + 3 * HOUR)
    Banner.objects.create(text="Roads closed", expires_at=now + 2 * HOUR)
    assert next_expiry() == now + 2 * HOUR
