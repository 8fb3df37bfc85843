"""JSON Feed 1.1 and <link rel="alternate"> discovery."""

import json

import feedparser
import pytest

from masthead.testing import (
    make_article,
    make_image,
    make_person,
    make_section,
    make_tag,
)

# Each test runs with the caches off and as production runs them (conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_path")]


@pytest.fixture
def story():
    return make_article(
        title="Bridge reopens",
        slug="bridge-reopens",
        standfirst="Traffic flows again.",
        section=make_section("Local News", slug="local"),
        authors=[
            make_person("Maren Okafor", slug="maren-okafor", email="m@ledger.test")
        ],
        tags=[make_tag("Roads")],
        hero_image=make_image(),
    )


def test_json_feed_follows_version_1_1(client, story):
    response = client.get("/feed.json")
    assert response["Content-Type"].startswith("application/feed+json")
    document = json.loads(response.content)
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["title"] == "The Alder Valley Ledger"
    assert document["home_page_url"] == "http://testserver/"
    assert document["feed_url"] == "http://testserver/feed.json"
    [item] = document["items"]
    assert item["id"] == item["url"] == "http://testserver/articles/bridge-reopens/"
    assert item["title"] == "Bridge reopens"
    assert item["summary"] == "Traffic flows again."
    assert item["date_published"] == story.published_at.isoformat()
    assert item["authors"] == [
        {"name": "Maren Okafor", "url": "http://testserver/authors/maren-okafor/"}
    ]
    assert item["tags"] == ["Roads"]
    assert item["image"] == f"http://testserver{story.hero_image.url}"
    assert "<p>" in item["content_html"]
    assert "@ledger.test" not in response.content.decode()


def test_json_feed_has_the_same_stories_as_rss(client):
    for _ in range(4):
        make_article()
    rss = feedparser.parse(client.get("/feed/").content)
    document = json.loads(client.get("/feed.json").content)
    assert [i["url"] for i in document["items"]] == [e.link for e in rss.entries]


def test_json_feed_in_summary_mode_has_text_content_only(client, story, settings):
    settings.MASTHEAD_FEED_FULL_TEXT = False
    [item] = json.loads(client.get("/feed.json").content)["items"]
    assert "content_html" not in item
    assert item["content_text"] == "Traffic flows again."


def alternates(html):
    return [
        line for line in html.splitlines() if line.startswith('<link rel="alternate"')
    ]


def test_every_page_names_the_site_feeds(client, story):
    for url in ["/", story.get_absolute_url()]:
        links = "\n".join(alternates(client.get(url).content.decode()))
        assert 'type="application/rss+xml"' in links and 'href="/feed/"' in links
        assert 'type="application/atom+xml"' in links and 'href="/feed/atom/"' in links
        assert 'type="application/feed+json"' in links and 'href="/feed.json"' in links


@pytest.mark.parametrize(
    "page, title, feed",
    [
        ("/sections/local/", "Local News", "/sections/local/feed/"),
        ("/tags/{tag}/", "Roads", "/tags/{tag}/feed/"),
        ("/authors/maren-okafor/", "Maren Okafor", "/authors/maren-okafor/feed/"),
    ],
)
def test_listing_pages_name_their_own_feeds(client, story, page, title, feed):
    tag = story.tags.get().slug
    html = client.get(page.format(tag=tag)).content.decode()
    links = alternates(html)
    rss = f'href="{feed.format(tag=tag)}"'
    atom = f'href="{feed.format(tag=tag)}atom/"'
    assert any(rss in link and f'title="{title} (RSS)"' in link for link in links)
    assert any(atom in link and f'title="{title} (Atom)"' in link for link in links)


def test_article_page_names_its_comments_feed(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'href="/articles/bridge-reopens/comments/feed/"' in "\n".join(
        alternates(html)
    )
