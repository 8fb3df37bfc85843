"""Open Graph and Twitter card tags: what a shared link's preview shows."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from masthead.media import renditions
from masthead.testing import (
    jpeg_bytes,
    make_article,
    make_image,
    make_person,
    make_section,
    make_tag,
)

from .page import read_head

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    article = make_article(
        title="Bridge reopens",
        slug="bridge-reopens",
        standfirst="Traffic flows " + "again and again " * 30,
        section=make_section("Local News", slug="local"),
        authors=[make_person("Maren Okafor", slug="maren-okafor")],
        tags=[make_tag("Roads"), make_tag("Bridges")],
        hero_image=make_image(
            file=ContentFile(jpeg_bytes(1600, 1000), name="bridge.jpg"),
            alt_text="The bridge at dawn",
        ),
        published_at=timezone.now() - timedelta(hours=1),
    )
    renditions.make(article.hero_image)  # as the worker does after an upload
    return article


def meta(client, article):
    return read_head(client.get(article.get_absolute_url()).content.decode()).meta


def test_open_graph_describes_the_article(client, story):
    tags = dict(meta(client, story))
    assert tags["og:type"] == "article"
    assert tags["og:title"] == "Bridge reopens"
    assert tags["og:url"] == "http://testserver/articles/bridge-reopens/"
    assert tags["og:site_name"] == "The Alder Valley Ledger"
    assert tags["og:description"].startswith("Traffic flows again")
    assert len(tags["og:description"]) <= 200
    assert tags["article:published_time"] == story.published_at.isoformat()
    assert tags["article:modified_time"] == story.published_at.isoformat()
    assert tags["article:author"] == "http://testserver/authors/maren-okafor/"
    assert tags["article:section"] == "Local News"


def test_every_tag_is_an_article_tag(client, story):
    values = [value for key, value in meta(client, story) if key == "article:tag"]
    assert sorted(values) == ["Bridges", "Roads"]


def test_preview_image_has_its_real_width_height_and_alt(client, story):
    tags = dict(meta(client, story))
    assert tags["og:image"].startswith("http://testserver/media/renditions/")
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1280", "720")
    assert tags["og:image:alt"] == "The bridge at dawn"
    assert default_storage.exists(tags["og:image"].split("/media/", 1)[1])


def test_twitter_card_is_large_with_an_image_and_the_site_card_without(client, story):
    """A story without a hero shares the site's own card (issue 21, item 10):
    a link never previews blank."""
    tags = dict(meta(client, story))
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:image"] == tags["og:image"]
    assert tags["twitter:title"] == "Bridge reopens"
    plain = dict(meta(client, make_article()))
    assert plain["og:image"] == "http://testserver/static/masthead/site-card.png"
    assert (plain["og:image:width"], plain["og:image:height"]) == ("1200", "630")
    assert plain["og:image:alt"] == "The Alder Valley Ledger"


def test_canonical_link_is_absolute(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    links = read_head(html).links
    assert {
        "rel": "canonical",
        "href": "http://testserver/articles/bridge-reopens/",
    } in links



def rename_author(story):
    person = story.bylines.get().person
    person.name, person.slug = "Maren Okafor-Lind", "maren-okafor-lind"
    person.save()
    return ("article:author", "http://testserver/authors/maren-okafor-lind/")


def rename_tag(story):
    tag = story.tags.get(name="Roads")
    tag.name = "Highways"
    tag.save()
    return ("article:tag", "Highways")


def describe_image_again(story):
    image = story.hero_image
    image.alt_text = "The bridge at dusk"
    image.save()
    return ("og:image:alt", "The bridge at dusk")


def rename_section(story):
    section = story.section
    section.name = "Local"
    section.save()
    return ("article:section", "Local")


@pytest.mark.parametrize(
    "edit", [rename_author, rename_tag, describe_image_again, rename_section]
)
def test_the_tags_follow_edits_made_outside_the_article_row(client, story, edit):
    """The head is built once per version of what it shows (seo/head.py): an
    edit to a byline, tag, image or section must still reach the next view."""
    meta(client, story)  # built and remembered
    expected = edit(story)
    assert expected in meta(client, story)
