"""Editors' endpoints: tokens, server-side permissions, publishing via editorial."""

import pytest

from masthead.api.models import Token
from masthead.articles.models import Article
from masthead.editorial.roles import AUTHOR, CONTRIBUTOR, EDITOR
from masthead.testing import make_article, make_person, make_section, make_tag

pytestmark = pytest.mark.django_db

NEW = {
    "title": "Bridge reopens",
    "body": "The **bridge** is open.",
    "standfirst": "At last.",
}


def create(client, headers, **data):
    return client.post(
        "/api/articles", {**NEW, **data}, content_type="application/json", **headers
    )


def test_without_a_token_writes_are_401(client):
    response = create(client, {})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert create(client, {"HTTP_AUTHORIZATION": "Bearer mh_wrong"}).status_code == 401


def test_only_the_hash_of_a_token_is_stored(token_for):
    header = token_for(AUTHOR)
    key = header["HTTP_AUTHORIZATION"].split()[1]
    token = Token.objects.get()
    assert key not in (token.key_hash, token.key_start, token.name)
    assert len(token.key_hash) == 64 and key.startswith(token.key_start)


def test_an_inactive_users_token_stops_working(client, token_for):
    header = token_for(AUTHOR)
    Token.objects.get().user.__class__.objects.update(is_active=False)
    assert create(client, header).status_code == 401


def test_a_user_without_permission_may_not_create(client, token_for):
    response = create(client, token_for(None))
    assert response.status_code == 403
    assert response.json()["detail"] == "Your account may not create articles."
    assert not Article.objects.exists()


def test_contributor_creates_a_draft_with_section_tags_and_authors(client, token_for):
    make_section("News", slug="news")
    tag = make_tag("Roads")
    make_person("Ana Ruiz", slug="ana-ruiz")
    response = create(
        client,
        token_for(CONTRIBUTOR),
        section="news",
        tags=[tag.slug],
        authors=["ana-ruiz"],
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "draft" and data["slug"] == "bridge-reopens"
    assert data["body_html"].strip() == "<p>The <strong>bridge</strong> is open.</p>"
    assert (
        data["section"]["slug"] == "news" and data["authors"][0]["slug"] == "ana-ruiz"
    )
    # A draft is not public.
    assert client.get("/api/articles/bridge-reopens").status_code == 404


def test_unknown_section_is_a_400_naming_the_field(client, token_for):
    response = create(client, token_for(CONTRIBUTOR), section="nope")
    assert response.status_code == 400
    assert response.json()["errors"]["section"] == ["There is no section “nope”."]


def test_a_taken_slug_is_a_409(client, token_for):
    make_article(slug="bridge-reopens")
    response = create(client, token_for(CONTRIBUTOR))
    assert response.status_code == 409
    assert "slug" in response.json()["errors"]


def test_empty_title_is_a_400(client, token_for):
    response = create(client, token_for(CONTRIBUTOR), title="")
    assert response.status_code == 400
    assert "title" in response.json()["errors"]


def test_contributor_may_edit_own_draft_but_not_publish_it(client, token_for):
    header = token_for(CONTRIBUTOR)
    create(client, header)
    response = client.patch(
        "/api/articles/bridge-reopens",
        {"title": "Bridge reopens early"},
        content_type="application/json",
        **header,
    )
    assert (
        response.status_code == 200
        and response.json()["title"] == "Bridge reopens early"
    )
    response = client.post("/api/articles/bridge-reopens/publish", **header)
    assert response.status_code == 403
    assert Article.objects.get().status == Article.Status.DRAFT


def test_nobody_edits_someone_elses_article_without_the_right(client, token_for):
    create(client, token_for(CONTRIBUTOR, username="writer"))
    other = token_for(CONTRIBUTOR, username="other")
    response = client.patch(
        "/api/articles/bridge-reopens",
        {"title": "Hijacked"},
        content_type="application/json",
        **other,
    )
    assert response.status_code == 403
    assert Article.objects.get().title == "Bridge reopens"


def test_author_publishes_own_article_and_it_becomes_public(client, token_for):
    header = token_for(AUTHOR)
    create(client, header)
    response = client.post("/api/articles/bridge-reopens/publish", **header)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "published"
    assert client.get("/api/articles/bridge-reopens").status_code == 200


def test_editor_publishes_anyones_article_but_not_twice(client, token_for):
    create(client, token_for(CONTRIBUTOR, username="writer"))
    editor = token_for(EDITOR, username="editor")
    assert (
        client.post("/api/articles/bridge-reopens/publish", **editor).status_code == 200
    )
    again = client.post("/api/articles/bridge-reopens/publish", **editor)
    assert again.status_code == 409
    assert "cannot be published" in again.json()["detail"]


def test_create_api_token_command_prints_the_key_once(django_user_model):
    from io import StringIO

    from django.core.management import CommandError, call_command

    django_user_model.objects.create_user("ana")
    out = StringIO()
    call_command("create_api_token", "ana", "--name", "CMS bridge", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    assert key.startswith("mh_") and Token.objects.get().name == "CMS bridge"
    with pytest.raises(CommandError, match="no active user"):
        call_command("create_api_token", "nobody", stdout=StringIO())


def test_a_nul_character_is_a_400_not_a_server_error(client, token_for):
    response = create(client, token_for(CONTRIBUTOR), title="Bridge\x00reopens")
    assert response.status_code == 400
    assert "NUL" in response.json()["errors"]["title"][0]


def patch(client, headers, data, **extra):
    return client.patch(
        "/api/articles/bridge-reopens", data, content_type="application/json",
        **headers, **extra,
    )  # fmt: skip


def test_writes_return_an_etag_that_leads_with_the_articles_version(client, token_for):
    header = token_for(EDITOR)
    created = create(client, header)
    article = Article.objects.get()
    assert created["ETag"].startswith(f'"{article.pk}.{article.version}.')
    changed = patch(client, header, {"title": "Bridge reopens early"})
    article.refresh_from_db()
    assert changed["ETag"].startswith(f'"{article.pk}.{article.version}.')
    assert changed["ETag"] != created["ETag"]


def test_a_write_with_the_current_etag_in_if_match_is_made(client, token_for):
    header = token_for(EDITOR)
    etag = create(client, header)["ETag"]
    response = patch(client, header, {"title": "Reopens early"}, HTTP_IF_MATCH=etag)
    assert response.status_code == 200
    assert Article.objects.get().title == "Reopens early"
    anything = patch(client, header, {"body": "Open."}, HTTP_IF_MATCH="*")
    assert anything.status_code == 200


def test_a_stale_if_match_is_a_412_naming_who_changed_it(client, token_for):
    header = token_for(EDITOR, username="ana")
    etag = create(client, header)["ETag"]
    patch(client, token_for(EDITOR, username="ben"), {"body": "Ben's words."})
    response = patch(client, header, {"body": "Ana's words."}, HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert "changed since your copy: ben saved it at" in response.json()["detail"]
    assert "If-Match" in response.json()["errors"]
    assert Article.objects.get().body == "Ben's words."


def test_a_weak_etag_never_matches_if_match(client, token_for):
    header = token_for(EDITOR)
    etag = create(client, header)["ETag"]
    response = patch(client, header, {"body": "Words."}, HTTP_IF_MATCH=f"W/{etag}")
    assert response.status_code == 412


def test_publishing_honours_if_match_too(client, token_for):
    header = token_for(EDITOR)
    etag = create(client, header)["ETag"]
    patch(client, header, {"body": "Changed."})
    stale = client.post(
        "/api/articles/bridge-reopens/publish", HTTP_IF_MATCH=etag, **header
    )
    assert stale.status_code == 412
    assert Article.objects.get().status == Article.Status.DRAFT


def test_the_public_articles_etag_works_as_if_match(client, token_for):
    header = token_for(EDITOR)
    create(client, header)
    client.post("/api/articles/bridge-reopens/publish", **header)
    read = client.get("/api/articles/bridge-reopens")
    assert client.get(
        "/api/articles/bridge-reopens", HTTP_IF_NONE_MATCH=read["ETag"]
    ).status_code == 304
    response = patch(client, header, {"body": "More."}, HTTP_IF_MATCH=read["ETag"])
    assert response.status_code == 200


def test_an_api_write_keeps_a_revision_naming_its_user(client, token_for):
    header = token_for(EDITOR, username="ana")
    create(client, header)
    patch(client, header, {"body": "Changed."})
    revision = Article.objects.get().revisions.first()
    assert revision.user.username == "ana" and revision.fields["body"] == "Changed."
