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
