"""Listing pages' canonical link, social cards and JSON-LD (issue 21, item 10),
read back from the pages as a crawler would, caches off and on."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.testing import make_article, make_image, make_person, make_section, make_tag

from .page import read_head

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_path")]


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    head = read_head(response.content.decode())
    meta = dict(head.meta)
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    return meta, canonical, {item["@type"]: item for item in head.json_ld}


def test_section_page_is_a_collection_of_its_stories(client):
    section = make_section("Local News", slug="local", description="Alder Falls news.")
    now = timezone.now()
    older = make_article(section=section, title="Older story", published_at=now - timedelta(days=2))
    newer = make_article(section=section, title="Newer story", published_at=now - timedelta(days=1))
    meta, canonical, data = head_of(client, "/sections/local/?utm_source=x")
    assert canonical == ["http://testserver/sections/local/"]
    assert meta["og:type"] == "website" and meta["og:title"] == "Local News"
    assert meta["og:description"] == "Alder Falls news."
    assert meta["og:image"] == "http://testserver/static/masthead/site-card.png"
    page = data["CollectionPage"]
    items = page["mainEntity"]["itemListElement"]
    assert [(i["position"], i["name"]) for i in items] == [(1, "Newer story"), (2, "Older story")]
    assert items[0]["url"] == "http://testserver" + newer.get_absolute_url()
    assert older.get_absolute_url() in items[1]["url"]


def test_a_later_page_is_its_own_canonical(client, settings):
    settings.MASTHEAD_PAGE_SIZE = 1
    tag = make_tag("Budget")
    for _ in range(2):
        make_article(tags=[tag])
    _, canonical, _ = head_of(client, tag.get_absolute_url() + "?page=2")
    assert canonical == [f"http://testserver{tag.get_absolute_url()}?page=2"]


def test_author_page_is_a_profile_of_a_person_without_their_email(client):
    photo = make_image()
    person = make_person("Maren Okafor", slug="maren-okafor", job_title="County reporter",
                         email="maren@ledger.test", photo=photo)
    make_article(authors=[person], title="Levy passes")
    meta, canonical, data = head_of(client, "/authors/maren-okafor/")
    assert canonical == ["http://testserver/authors/maren-okafor/"]
    assert meta["og:type"] == "profile"
    assert meta["og:image"] == "http://testserver" + photo.url
    profile = data["ProfilePage"]
    assert profile["mainEntity"] == {
        "@type": "Person", "name": "Maren Okafor", "jobTitle": "County reporter",
        "url": "http://testserver/authors/maren-okafor/", "image": "http://testserver" + photo.url,
    }
    assert "maren@ledger.test" not in client.get("/authors/maren-okafor/").content.decode()


def test_home_page_lists_the_lead_and_the_latest(client):
    now = timezone.now()
    first = make_article(title="First", published_at=now - timedelta(days=2))
    lead = make_article(title="Lead story", published_at=now - timedelta(days=1))
    meta, canonical, data = head_of(client, "/")
    assert canonical == ["http://testserver/"]
    assert meta["og:title"] == "The Alder Valley Ledger"
    names = [i["name"] for i in data["CollectionPage"]["mainEntity"]["itemListElement"]]
    assert names[:2] == [lead.title, first.title]
