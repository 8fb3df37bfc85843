"""Curating purges exactly the pages it changes, and an expiry ends cached
pages on time (caches on, as in production)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.frontpage import services
from masthead.frontpage.models import Pin
from masthead.pagecache import expiry
from masthead.testing import make_article, make_section

pytestmark = pytest.mark.django_db
HOUR = timedelta(hours=1)


@pytest.fixture(autouse=True)
def page_cache(settings, purges_at_once):
    settings.MASTHEAD_PAGE_CACHE = True
    settings.MASTHEAD_ROW_MEMO = True


@pytest.fixture
def pages(client):
    section = make_section(slug="local")
    story = make_article(section=section, slug="bridge")
    make_article(section=section)
    urls = {
        "home": "/", "story": story.get_absolute_url(),
        "section": section.get_absolute_url(), "feed": "/feed/",
    }  # fmt: skip
    for url in urls.values():
        client.get(url)
    assert states(client, urls) == dict.fromkeys(urls, "HIT")
    return urls, story


def lead_of(response):
    html = response.content.decode()
    return html.split('class="front-lead"', 1)[1].split("</section>", 1)[0]


def states(client, urls):
    return {name: client.get(url)["X-Cache"] for name, url in urls.items()}


def missed(client, urls):
    return {name for name, state in states(client, urls).items() if state == "MISS"}


def test_pinning_and_unpinning_purge_the_home_page_alone(client, pages, editor):
    urls, story = pages
    pin = services.pin(article=story, slot=Pin.Slot.LEAD, user=editor)
    assert missed(client, urls) == {"home"}
    services.unpin(pin=pin, user=editor)
    assert missed(client, urls) == {"home"}


def test_reordering_purges_the_home_page_alone(client, pages, editor):
    urls, story = pages
    services.pin(article=story, slot=Pin.Slot.TOP, user=editor)
    other = services.pin(article=make_article(), slot=Pin.Slot.TOP, user=editor)
    states(client, urls)
    services.move(pin=other, user=editor, by=-1)
    assert missed(client, urls) == {"home"}


def test_a_layout_change_purges_the_home_page_alone(client, pages, editor):
    urls, story = pages
    services.set_layouts(user=editor, layouts={story.section: "list"})
    assert missed(client, urls) == {"home"}


def test_the_banner_purges_every_page_that_shows_it(client, pages, editor):
    """Feeds show no banner, so they stay cached."""
    urls, _ = pages
    ends = timezone.now() + timedelta(hours=1)
    services.set_banner(user=editor, text="Roads closed", expires_at=ends)
    assert missed(client, urls) == {"home", "story", "section"}
    assert "Roads closed" in client.get("/sections/local/").content.decode()
    services.clear_banner(user=editor)
    assert missed(client, urls) == {"home", "story", "section"}


def test_no_cached_page_outlives_the_next_expiry(editor, settings):
    """A pin or banner ending changes pages with no write: pages are kept
    until then, to the second (pagecache/expiry.py)."""
    assert expiry.timeout() == settings.MASTHEAD_PAGE_CACHE_TTL
    soon = timezone.now() + timedelta(seconds=90)
    services.pin(
        article=make_article(), slot=Pin.Slot.TOP, user=editor, expires_at=soon
    )
    assert 89 <= expiry.timeout() <= 91
    sooner = timezone.now() + timedelta(seconds=30)
    services.set_banner(user=editor, text="Storm", expires_at=sooner)
    assert 29 <= expiry.timeout() <= 31


def test_an_expired_pin_leaves_the_home_page_when_its_cached_copy_ends(
    client, editor, settings
):
    """The stored page's lifetime ends at the expiry; the next request renders
    afresh and finds the pin gone, with no purge."""
    newest = make_article(title="Newest story", published_at=timezone.now())
    pinned = make_article(title="Pinned story", published_at=timezone.now() - HOUR)
    ends = timezone.now() + timedelta(seconds=60)
    services.pin(article=pinned, slot=Pin.Slot.LEAD, user=editor, expires_at=ends)
    assert "Pinned story" in lead_of(client.get("/"))
    later = ends + timedelta(seconds=1)
    settings.MASTHEAD_PAGE_CACHE = False  # stands in for the copy's end (timed above)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.now", lambda: later)
        lead = lead_of(client.get("/"))
    assert newest.title in lead and "Pinned story" not in lead
