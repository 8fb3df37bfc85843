"""The home page with what editors curated: pins in their slots, each section
block in its layout, and the banner on every page (issue 20)."""

from datetime import timedelta

import html5lib
import pytest
from django.urls import reverse
from django.utils import timezone

from masthead.articles.models import Article
from masthead.frontpage.models import Banner, Pin, SectionLayout
from masthead.testing import make_article, make_image, make_person, make_section

# Each test runs with the caches off and as production runs them (conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_path")]
HOUR = timedelta(hours=1)


def home(client):
    html = client.get(reverse("home")).content.decode()
    html5lib.HTMLParser(strict=True).parse(html)
    return html


def lead_of(html):
    block = html.split('class="front-lead"', 1)[1].split("</section>", 1)[0]
    return block


def test_a_pinned_lead_leads_until_it_expires(client):
    newest = make_article(title="Newest story", published_at=timezone.now())
    pinned = make_article(title="Pinned story", published_at=timezone.now() - 9 * HOUR)
    pin = Pin.objects.create(
        article=pinned, slot="lead", expires_at=timezone.now() + HOUR
    )
    assert "Pinned story" in lead_of(home(client))
    pin.expires_at = timezone.now() - timedelta(seconds=1)
    pin.save()
    assert newest.title in lead_of(home(client))


def test_a_pin_on_a_story_not_yet_public_shows_nothing(client):
    newest = make_article(title="Newest story")
    make_article(title="Older story")
    draft = make_article(title="Draft story", status=Article.Status.DRAFT)
    future = make_article(
        title="Embargoed story", status=Article.Status.SCHEDULED,
        published_at=timezone.now() + HOUR,
    )  # fmt: skip
    Pin.objects.create(article=draft, slot="lead")
    Pin.objects.create(article=future, slot="top")
    html = home(client)
    assert newest.title in lead_of(html)
    assert "Draft story" not in html and "Embargoed story" not in html
    assert ">Latest</h2>" in html  # no top story pinned that shows


def test_pinned_top_stories_come_first_and_no_story_shows_twice(client):
    stories = [make_article(title=f"Story {n:02}") for n in range(12)]
    Pin.objects.create(article=stories[3], slot="top", position=1)
    Pin.objects.create(article=stories[0], slot="top", position=0)
    html = home(client)
    top = html.split('id="latest-title"', 1)[1].split("</section>", 1)[0]
    assert ">Top stories</h2>" in html
    assert top.index("Story 00") < top.index("Story 03") < top.index("Story 02")
    assert "Story 01" in lead_of(html)  # the newest story not pinned
    # Pinned 00 and 03, then the six newest left: 01 leads, 09 does not fit.
    assert [top.count(f"Story {n:02}<") for n in range(10)] == [1, 0] + [1] * 7 + [0]


def test_each_section_block_has_the_layout_editors_chose(client):
    local, sport = (
        make_section("Local", slug="local"),
        make_section("Sport", slug="sport"),
    )
    picture = make_image()
    for n in range(3):
        make_article(section=local, hero_image=picture)
        make_article(section=sport, hero_image=picture, title=f"Sport story {n}")
    SectionLayout.objects.create(section=sport, layout="lead_list")
    html = home(client)
    local_block = html.split('id="section-local"', 1)[1].split("</section>", 1)[0]
    sport_block = html.split('id="section-sport"', 1)[1].split("</section>", 1)[0]
    assert 'class="grid"' in local_block and "teaser--list" not in local_block
    assert (
        sport_block.count("teaser--wide") == 1
        and sport_block.count("teaser--list") == 2
    )
    assert sport_block.count("teaser__image") == 1  # a list of headlines has none
    SectionLayout.objects.filter(section=sport).update(layout="list")
    SectionLayout.objects.get(section=sport).save()  # a save, as the screen's, purges
    sport_block = (
        home(client).split('id="section-sport"', 1)[1].split("</section>", 1)[0]
    )
    assert sport_block.count("teaser--list") == 3 and "teaser__image" not in sport_block


def test_a_lead_without_a_picture_is_a_text_lead(client):
    make_article(title="No picture here", hero_image=None)
    block = lead_of(home(client))
    assert 'class="teaser teaser--lead teaser--text"' in block
    assert "teaser__image" not in block


def test_the_banner_is_on_every_public_page_while_it_lasts(client):
    story = make_article(title="Flood warning issued", section=make_section())
    banner = Banner.objects.create(
        text="The Alder River is over its banks", url=story.get_absolute_url(),
        expires_at=timezone.now() + HOUR,
    )  # fmt: skip
    pages = [
        reverse("home"),
        story.get_absolute_url(),
        story.section.get_absolute_url(),
    ]
    link = f'<a href="{story.get_absolute_url()}">The Alder River is over its banks</a>'
    for url in pages:
        assert link in client.get(url).content.decode(), url
    banner.expires_at = timezone.now() - timedelta(seconds=1)
    banner.save()
    for url in pages:
        assert "breaking-news" not in client.get(url).content.decode(), url


def test_home_page_query_count_does_not_grow_with_pins(
    client, django_assert_num_queries, settings, production_path
):
    """Pins are one query however many (issue 20's bar): their stories are
    loaded with the newest, by the one teaser query."""
    sections = [make_section() for _ in range(3)]
    author = make_person()
    stories = [
        make_article(section=sections[n % 3], authors=[author], hero_image=make_image())
        for n in range(30)
    ]
    settings.MASTHEAD_PAGE_CACHE = False  # a reader the page cache does not serve
    client.get(reverse("home"))
    queries = {"caches off": 11, "caches on": 7}[production_path]
    with django_assert_num_queries(queries):
        client.get(reverse("home"))
    Pin.objects.create(article=stories[20], slot="lead")
    for position, story in enumerate(stories[21:30]):
        Pin.objects.create(article=story, slot="top", position=position)
    client.get(reverse("home"))  # the pins purged the kept rows
    with django_assert_num_queries(queries):
        html = client.get(reverse("home")).content.decode()
    assert stories[20].title in lead_of(html)
    assert all(story.title in html for story in stories[21:30])
