"""RSS and Atom feeds, read back with feedparser as a feed reader would."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from masthead.articles.models import Article
from masthead.testing import (
    make_article,
    make_comment,
    make_image,
    make_person,
    make_section,
    make_tag,
)

# Each test runs with the caches off and as production runs them (conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_path")]

ARTICLE_FEEDS = ["/feed/", "/feed/atom/"]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return response, feed


@pytest.fixture
def story():
    section = make_section("Local News", slug="local")
    first = make_person("Maren Okafor", slug="maren-okafor", email="maren@ledger.test")
    second = make_person(
        "Walt Hargrove", slug="walt-hargrove", email="walt@ledger.test"
    )
    return make_article(
        title="Council passes budget & more",
        slug="council-passes-budget",
        standfirst="The vote was 5-2 <really>.",
        body="The [agenda](/tags/city-council/) ran late.",
        section=section,
        hero_image=make_image(alt_text="The council dais", credit="Dana Whitlock"),
        authors=[first, second],
        tags=[make_tag("City Council"), make_tag("Budget")],
        published_at=timezone.now() - timedelta(hours=3),
    )


@pytest.mark.parametrize("url", ARTICLE_FEEDS)
def test_site_feed_lists_article_with_title_link_dates_and_authors(client, story, url):
    _, feed = parse(client, url)
    assert feed.feed.title == "The Alder Valley Ledger"
    assert feed.feed.link == "http://testserver/"
    [entry] = feed.entries
    assert entry.title == "Council passes budget & more"
    assert entry.link == "http://testserver/articles/council-passes-budget/"
    published = story.published_at.replace(microsecond=0)
    assert entry.published_parsed[:6] == published.utctimetuple()[:6]
    names = " ".join(author.name for author in entry.authors)
    assert "Maren Okafor" in names and "Walt Hargrove" in names
    assert entry.summary == "The vote was 5-2 &lt;really&gt;."
    assert {tag.term for tag in entry.tags} == {"City Council", "Budget"}


def test_atom_entry_names_every_author_with_their_page(client, story):
    _, feed = parse(client, "/feed/atom/")
    [entry] = feed.entries
    authors = [(a.name, a.href) for a in entry.authors]
    assert authors == [
        ("Maren Okafor", "http://testserver/authors/maren-okafor/"),
        ("Walt Hargrove", "http://testserver/authors/walt-hargrove/"),
    ]
    assert entry.updated_parsed is not None


@pytest.mark.parametrize("url", ARTICLE_FEEDS)
def test_feed_carries_full_text_with_absolute_links(client, story, url):
    _, feed = parse(client, url)
    [entry] = feed.entries
    assert 'href="http://testserver/tags/city-council/"' in entry.content[0].value


@pytest.mark.parametrize("url", ARTICLE_FEEDS)
def test_summary_only_setting_leaves_out_the_body(client, story, url, settings):
    settings.MASTHEAD_FEED_FULL_TEXT = False
    _, feed = parse(client, url)
    [entry] = feed.entries
    assert entry.summary == "The vote was 5-2 &lt;really&gt;."
    assert "agenda" not in client.get(url).content.decode()


@pytest.mark.parametrize("url", ARTICLE_FEEDS)
def test_hero_image_is_an_enclosure_and_media_content(client, story, url):
    _, feed = parse(client, url)
    [entry] = feed.entries
    image = story.hero_image
    [enclosure] = entry.enclosures
    assert enclosure.href == f"http://testserver{image.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == image.file.size > 0
    [media] = entry.media_content
    assert media["url"] == f"http://testserver{image.url}"
    assert (media["width"], media["height"]) == (str(image.width), str(image.height))
    assert entry.media_credit[0]["content"] == "Dana Whitlock"


@pytest.mark.parametrize("url", ARTICLE_FEEDS)
def test_no_author_email_in_feed(client, story, url):
    body = client.get(url).content.decode()
    assert "@ledger.test" not in body


@pytest.mark.parametrize(
    "url, title",
    [
        ("/sections/local/feed/", "Local News · The Alder Valley Ledger"),
        ("/sections/local/feed/atom/", "Local News · The Alder Valley Ledger"),
        ("/authors/walt-hargrove/feed/", "Walt Hargrove · The Alder Valley Ledger"),
        (
            "/authors/walt-hargrove/feed/atom/",
            "Walt Hargrove · The Alder Valley Ledger",
        ),
    ],
)
def test_section_and_author_feeds_list_only_their_articles(client, story, url, title):
    make_article(title="Elsewhere", section=make_section())
    _, feed = parse(client, url)
    assert feed.feed.title == title
    assert [e.title for e in feed.entries] == ["Council passes budget & more"]


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_tag_feed_lists_only_tagged_articles(client, story, suffix):
    tag = story.tags.get(name="Budget")
    make_article(title="Untagged")
    _, feed = parse(client, f"/tags/{tag.slug}/feed/{suffix}")
    assert feed.feed.title == "Budget · The Alder Valley Ledger"
    assert [e.title for e in feed.entries] == ["Council passes budget & more"]


@pytest.mark.parametrize(
    "url", ["/sections/nope/feed/", "/tags/nope/feed/atom/", "/authors/nope/feed/"]
)
def test_feed_of_unknown_subject_is_404(client, url):
    assert client.get(url).status_code == 404


def test_feed_lists_newest_first_and_stops_at_the_feed_length(client, settings):
    settings.MASTHEAD_FEED_LENGTH = 3
    now = timezone.now()
    for hours in [5, 1, 3, 2, 4]:
        make_article(title=f"{hours}h ago", published_at=now - timedelta(hours=hours))
    _, feed = parse(client, "/feed/")
    assert [e.title for e in feed.entries] == ["1h ago", "2h ago", "3h ago"]


def test_comments_feed_lists_approved_comments_without_email(client, story):
    make_comment(story, name="Gail Porter", body="Glad to see the sidewalks funded.")
    make_comment(story, name="Tom Keller", body="Pending words", status="pending")
    make_comment(story, name="Spammer", body="Buy now", status="spam")
    response, feed = parse(client, "/articles/council-passes-budget/comments/feed/")
    assert feed.feed.title == "Comments on “Council passes budget & more”"
    [entry] = feed.entries
    assert entry.title == "Comment by Gail Porter"
    assert entry.author == "Gail Porter"
    assert entry.link.startswith(
        "http://testserver/articles/council-passes-budget/#comment-"
    )
    assert "sidewalks funded" in entry.summary
    body = response.content.decode()
    assert "@example.com" not in body and "203.0.113.7" not in body
    assert "Pending words" not in body and "Buy now" not in body


def test_comments_feed_of_unpublished_article_is_404(client):
    draft = make_article(status=Article.Status.DRAFT)
    make_comment(draft)
    assert client.get(f"/articles/{draft.slug}/comments/feed/").status_code == 404


@pytest.mark.parametrize("count", [5, 30])
@pytest.mark.parametrize("url", ARTICLE_FEEDS + ["/feed.json"])
def test_site_feed_costs_four_queries_whatever_its_length(
    client, django_assert_num_queries, count, url, production_path
):
    """Articles, bylines with people, tags, corrections: N rows never mean N queries.

    Stored in the page cache (caches on), two more: the next embargo and the
    front page's next expiry (issue 20), which bound how long the page is
    kept (pagecache/expiry.py); the second is kept until a purge once read."""
    section, author = make_section(), make_person()
    for _ in range(count):
        make_article(
            section=section,
            authors=[author],
            tags=[make_tag()],
            hero_image=make_image(),
        )
    with django_assert_num_queries({"caches off": 4, "caches on": 6}[production_path]):
        response = client.get(url)
    assert response.content.decode().count("/articles/test-article-") >= count


@pytest.mark.parametrize("count", [5, 30])
@pytest.mark.parametrize("kind", ["sections", "tags", "authors"])
def test_listing_feed_costs_five_queries_whatever_its_length(
    client, django_assert_num_queries, count, kind, production_path
):
    """The subject's row, then the three queries of the site feed (and the
    next embargo and front-page expiry when the page cache stores it)."""
    section, author, tag = make_section(), make_person(), make_tag()
    for _ in range(count):
        make_article(section=section, authors=[author], tags=[tag])
    slug = {"sections": section.slug, "tags": tag.slug, "authors": author.slug}[kind]
    with django_assert_num_queries({"caches off": 5, "caches on": 7}[production_path]):
        response = client.get(f"/{kind}/{slug}/feed/")
    assert len(feedparser.parse(response.content).entries) == count


@pytest.mark.parametrize("count", [5, 30])
def test_comments_feed_costs_two_queries_whatever_its_length(
    client, django_assert_num_queries, count, production_path
):
    """The article, then its comments (and the next embargo and front-page
    expiry when the page cache stores it)."""
    article = make_article()
    for _ in range(count):
        make_comment(article)
    with django_assert_num_queries({"caches off": 2, "caches on": 4}[production_path]):
        response = client.get(f"/articles/{article.slug}/comments/feed/")
    assert len(feedparser.parse(response.content).entries) == count
