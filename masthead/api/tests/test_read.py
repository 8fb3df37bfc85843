"""Read endpoints: allowlisted fields, filters, cursors, ETags, constant queries."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.articles.models import Article
from masthead.comments.models import Comment
from masthead.testing import (
    make_article,
    make_comment,
    make_person,
    make_section,
    make_tag,
)

pytestmark = pytest.mark.django_db


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def newsroom():
    news, sports = (
        make_section("News", slug="news"),
        make_section("Sports", slug="sports"),
    )
    ana = make_person("Ana Ruiz", slug="ana-ruiz", email="ana@ledger.example")
    flood = make_tag("Flood")
    now = timezone.now()
    return {
        "old": make_article(
            title="Old news",
            section=news,
            authors=[ana],
            tags=[flood],
            published_at=now - timedelta(days=3),
        ),
        "new": make_article(
            title="New match", section=sports, published_at=now - timedelta(hours=1)
        ),
        "draft": make_article(title="Draft", status=Article.Status.DRAFT, section=news),
        "embargoed": make_article(
            title="Embargoed",
            status=Article.Status.SCHEDULED,
            published_at=now + timedelta(days=1),
        ),
        "ana": ana,
        "flood": flood,
    }


def test_article_list_shows_published_articles_newest_first(client, newsroom):
    data = get_json(client, "/api/articles")
    assert [a["title"] for a in data["items"]] == ["New match", "Old news"]
    assert data["next_cursor"] is None
    first = data["items"][1]
    assert first["url"] == f"http://testserver/articles/{newsroom['old'].slug}/"
    assert first["section"]["slug"] == "news"
    assert first["authors"] == [
        {
            "name": "Ana Ruiz",
            "slug": "ana-ruiz",
            "job_title": "",
            "url": "http://testserver/authors/ana-ruiz/",
        }
    ]


@pytest.mark.parametrize(
    "params,titles",
    [
        ({"section": "news"}, ["Old news"]),
        ({"author": "ana-ruiz"}, ["Old news"]),
        ({"tag": "tag-x"}, []),
    ],
)
def test_article_list_filters(client, newsroom, params, titles):
    data = get_json(client, "/api/articles", **params)
    assert [a["title"] for a in data["items"]] == titles


def test_article_list_filters_by_tag_and_since(client, newsroom):
    tag = newsroom["flood"].slug
    assert [
        a["title"] for a in get_json(client, "/api/articles", tag=tag)["items"]
    ] == ["Old news"]
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert [
        a["title"] for a in get_json(client, "/api/articles", since=since)["items"]
    ] == ["New match"]


def test_drafts_and_embargoed_articles_are_never_served(client, newsroom):
    for key in ("draft", "embargoed"):
        assert client.get(f"/api/articles/{newsroom[key].slug}").status_code == 404
        assert (
            client.get(f"/api/articles/{newsroom[key].slug}/comments").status_code
            == 404
        )


def test_article_detail_has_body_html_and_tags(client, newsroom):
    data = get_json(client, f"/api/articles/{newsroom['old'].slug}")
    assert data["body_html"].startswith("<p>Paragraph one")
    assert data["tags"][0]["name"] == "Flood"
    assert data["comments_open"] is True


def test_no_private_field_in_any_response(client, newsroom):
    make_comment(
        newsroom["old"],
        email="private@example.com",
        ip_address="198.51.100.9",
        user_agent="SecretAgent/1.0",
    )
    urls = [
        "/api/articles",
        f"/api/articles/{newsroom['old'].slug}",
        f"/api/articles/{newsroom['old'].slug}/comments",
        "/api/authors",
        "/api/sections",
        "/api/tags",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        for secret in (
            "private@example.com",
            "198.51.100.9",
            "SecretAgent",
            "ana@ledger",
            '"email"',
            '"status"',
            '"body"',
        ):
            assert secret not in body, (url, secret)


def test_comments_are_approved_only_with_parent_ids(client, newsroom):
    article = newsroom["old"]
    top = make_comment(article, body="Top level")
    make_comment(article, parent=top, depth=1, body="A reply")
    make_comment(article, status="pending", body="Held")
    make_comment(article, status="spam", body="Spam")
    data = get_json(client, f"/api/articles/{article.slug}/comments")
    assert [(c["body_html"].strip(), c["parent_id"]) for c in data["items"]] == [
        ("<p>Top level</p>", None),
        ("<p>A reply</p>", top.pk),
    ]
    assert set(data["items"][0]) == {
        "id",
        "parent_id",
        "name",
        "staff",  # the staff badge (issue 21)
        "body_html",
        "created_at",
    }
    assert data["items"][0]["staff"] is False


def test_cursor_walks_every_article_once(client):
    now = timezone.now()
    made = [make_article(published_at=now - timedelta(minutes=n % 3)) for n in range(7)]
    seen, cursor = [], None
    while True:
        data = get_json(
            client, "/api/articles", limit=3, **({"cursor": cursor} if cursor else {})
        )
        seen += [a["id"] for a in data["items"]]
        cursor = data["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(a.pk for a in made) and len(seen) == 7


@pytest.mark.parametrize("cursor", ["junk", "eyJhIjoxfQ:1abc:xyz", ""])
def test_a_forged_cursor_is_a_400_with_a_sentence(client, newsroom, cursor):
    response = client.get("/api/articles", {"cursor": cursor or "x" * 50})
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]


def test_a_cursor_from_another_listing_is_refused(client, newsroom):
    for _ in range(3):
        make_comment(newsroom["old"])
    url = f"/api/articles/{newsroom['old'].slug}/comments"
    cursor = get_json(client, url, limit=1)["next_cursor"]
    assert client.get("/api/articles", {"cursor": cursor}).status_code == 400


def test_limit_out_of_range_is_a_400_naming_the_field(client, newsroom):
    response = client.get("/api/articles", {"limit": 0})
    assert response.status_code == 400
    assert "limit" in response.json()["errors"]


def test_etag_and_304(client, newsroom):
    first = client.get("/api/articles")
    etag = first["ETag"]
    assert etag
    again = client.get("/api/articles", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    make_article(title="Newer")
    assert client.get("/api/articles", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize(
    "url", ["/api/articles", "/api/sections", "/api/tags", "/api/authors"]
)
def test_listings_use_a_constant_number_of_queries(client, url):
    """Rows added must not add queries: N+1 on a listing would sink a busy API."""

    def grow(n):
        for _ in range(n):
            make_article(
                section=make_section(), authors=[make_person()], tags=[make_tag()]
            )

    grow(2)
    with CountQueries() as small:
        client.get(url)
    grow(10)
    with CountQueries() as large:
        client.get(url)
    assert small.count == large.count
    assert large.count == {"/api/articles": 2}.get(url, 1)  # articles, bylines


def test_comment_listing_uses_a_constant_number_of_queries(client, newsroom):
    article = newsroom["old"]
    url = f"/api/articles/{article.slug}/comments"
    make_comment(article)
    with CountQueries() as small:
        client.get(url)
    for _ in range(10):
        make_comment(article)
    with CountQueries() as large:
        client.get(url)
    assert small.count == large.count == 2  # the article, the comments


class CountQueries:
    def __enter__(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.context = CaptureQueriesContext(connection)
        self.context.__enter__()
        return self

    def __exit__(self, *exc):
        self.context.__exit__(*exc)
        self.count = len(self.context.captured_queries)


def test_schema_is_openapi_3_and_docs_page_is_served_locally(client):
    schema = json.loads(client.get("/api/schema").content)
    assert schema["openapi"].startswith("3.")
    assert "/api/articles/{slug}/comments" in schema["paths"]
    docs = client.get("/api/docs").content.decode()
    assert "GET /api/articles" in docs and "POST /api/articles/{slug}/comments" in docs
    assert "cdn" not in docs.lower() and "<script" not in docs


def test_docs_page_is_valid_html(client):
    import html5lib

    content = client.get("/api/docs").content
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(content)


@pytest.mark.parametrize(
    "params",
    [{"section": "a\x00b"}, {"since": "0.5"}, {"since": "2025-05-01"}],
)
def test_odd_filters_are_400s_not_server_errors(client, newsroom, params):
    response = client.get("/api/articles", params)
    assert response.status_code == 400
    assert response.json()["errors"]


def test_since_accepts_any_offset_rfc3339_allows(client, newsroom):
    # PostgreSQL alone refuses offsets past ±15:59; found by schemathesis.
    for since in ("2000-01-01T00:00:00+18:30", "0686-05-31T20:16:47-18:37"):
        assert len(get_json(client, "/api/articles", since=since)["items"]) == 2


def test_cached_api_answers_are_purged_when_what_they_show_changes(
    client, newsroom, settings, django_capture_on_commit_callbacks
):
    """Anonymous GETs go through the page cache like pages; purges must reach them."""
    from masthead.comments import services as comment_services

    settings.MASTHEAD_PAGE_CACHE = True
    article = newsroom["old"]
    url = f"/api/articles/{article.slug}/comments"
    assert client.get(url).json()["items"] == []
    assert client.get(url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        held = make_comment(article, status="pending", body="Held then approved")
        comment_services.approve(Comment.objects.filter(pk=held.pk))
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert [c["id"] for c in response.json()["items"]] == [held.pk]
    client.get("/api/articles")
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Fresh story", published_at=timezone.now())
    response = client.get("/api/articles")
    assert response["X-Cache"] == "MISS"
    assert response.json()["items"][0]["title"] == "Fresh story"
