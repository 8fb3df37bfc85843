"""Editors' back office: the admin pages render and enforce what the site relies on."""

import pytest

from masthead.comments.models import Comment
from masthead.testing import jpeg_bytes, make_article, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/articles/article/", "/admin/articles/article/add/",
     "/admin/articles/section/", "/admin/articles/tag/", "/admin/people/person/add/",
     "/admin/media/image/add/", "/admin/comments/comment/?status__exact=pending"],
)
def test_admin_pages_render_for_editors(editor_client, url):
    assert editor_client.get(url).status_code == 200


def test_admin_index_shows_the_pending_comment_count(editor_client):
    article = make_article()
    make_comment(article, status=Comment.Status.PENDING)
    make_comment(article, status=Comment.Status.PENDING)
    make_comment(article)
    html = editor_client.get("/admin/").content.decode()
    assert "<strong>2</strong> comments awaiting moderation" in html
    assert 'href="/admin/comments/comment/moderate/">Moderation queue</a>' in html


def test_admin_index_links_the_newsroom_tools_a_role_may_open(client, django_user_model):
    """Issue 20: the dashboard, moderation screen and sources audit were
    linked from nowhere. A Contributor sees only what it may open."""
    from django.contrib.auth.models import Group

    make_article(status="review")
    editor = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    for label in ("Editors&#x27; dashboard", "Moderation queue", "Sources audit", "Redirects"):
        assert label in html, label
    assert "<strong>1</strong> article waiting for review" in html
    writer = django_user_model.objects.create_user("wr", password="pw", is_staff=True)
    writer.groups.add(Group.objects.get(name="Contributor"))
    client.force_login(writer)
    html = client.get("/admin/").content.decode()
    assert "Moderation queue" not in html and "Sources audit" not in html


def test_image_upload_requires_alt_text_and_credit(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("photo.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = editor_client.post("/admin/media/image/add/", {
        "file": upload, "alt_text": "", "credit": "", "caption": "A caption",
        "focal_x": "0.5", "focal_y": "0.5",
    })
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() >= {"alt_text", "credit"}


def test_article_slug_is_prepopulated_from_the_headline(editor_client):
    html = editor_client.get("/admin/articles/article/add/").content.decode()
    assert "prepopulated_fields" in html or "data-prepopulated-fields" in html or "prepopulate" in html


def test_styled_500_page_needs_no_database(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_the_admin_and_favicon_ico_point_at_our_icon(editor_client):
    assert 'rel="icon" href="/static/masthead/favicon.svg"' in editor_client.get("/admin/").content.decode()
    response = editor_client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
