"""Comment submission through the API: the comment form's rules, JSON answers."""

import time

import pytest
from django.test import Client

from masthead.articles.models import Article
from masthead.comments.forms import issued_token
from masthead.comments.models import Comment, CommentSettings
from masthead.testing import make_article, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(slug="story")


def post(client, slug="story", **data):
    payload = {
        "name": "Jo Reader",
        "email": "jo@example.com",
        "comment": "Well reported.",
        # A token fetched a minute ago: a person's pace (GET /api/comments/token).
        "issued": issued_token(time.time() - 60),
        **data,
    }
    return client.post(
        f"/api/articles/{slug}/comments", payload, content_type="application/json"
    )


def test_first_comment_is_held_for_moderation_with_202(client, article):
    response = post(client)
    assert response.status_code == 202
    assert response.json()["status"] == "pending"
    comment = Comment.objects.get()
    assert comment.email == "jo@example.com" and comment.ip_address == "127.0.0.1"
    assert "jo@example.com" not in response.content.decode()


def test_a_known_commenter_is_published_with_201(client, article):
    """Known by the trust cookie an earlier answer set, as in a browser (issue 21);
    the name and email of an approved comment alone are a newcomer's."""
    CommentSettings.objects.update_or_create(pk=1, defaults={"flood_seconds": 0})
    make_comment(article, name="Jo Reader", email="jo@example.com")
    assert post(Client()).status_code == 202  # a stranger typing them
    assert post(client, comment="First.").status_code == 202
    Comment.objects.filter(body="First.").update(status=Comment.Status.APPROVED)
    response = post(client, comment="Second.")
    assert response.status_code == 201
    assert response.json()["status"] == "approved"
    assert "jo@example.com" not in response.content.decode()


def test_form_errors_come_back_as_a_sentence_per_field(client, article):
    response = post(client, name="", email="not-an-email", comment="")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["name"] == ["Please enter your name."]
    assert errors["email"] == [
        "Please enter a valid email address, like name@example.com."
    ]
    assert errors["comment"] == ["Please type your comment."]
    assert not Comment.objects.exists()


def test_missing_json_fields_are_a_400_naming_them(client, article):
    response = client.post(
        "/api/articles/story/comments", {}, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) >= {"name", "email", "comment"}


def test_closed_thread_is_a_403_with_the_reason(client):
    make_article(slug="story", comments_enabled=False)
    response = post(client)
    assert response.status_code == 403
    assert response.json()["detail"] == "Comments are closed."


def test_a_reply_to_a_missing_comment_is_refused(client, article):
    response = post(client, parent=999999)
    assert response.status_code == 400
    assert "parent" in response.json()["errors"]


def test_drafts_cannot_be_commented_on(client):
    make_article(slug="story", status=Article.Status.DRAFT)
    assert post(client).status_code == 404


def test_no_csrf_token_is_needed_and_a_session_cookie_grants_nothing(
    client, article, django_user_model
):
    staff = django_user_model.objects.create_user("staff", is_staff=True)
    client.force_login(staff)
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.cookies = client.cookies
    response = post(csrf_client)
    assert response.status_code == 202  # held like any anonymous first comment
    assert Comment.objects.get().user is None


def test_flood_control_applies_to_the_api_too(client, article):
    assert post(client, comment="First thought.").status_code == 202
    response = post(client, comment="Second thought, straight away.")
    assert response.status_code == 429
    assert response.json()["detail"]
    assert Comment.objects.count() == 1


def test_the_form_timer_applies_to_the_api(client, article):
    """Issue 21, item 11: as on the page, a post without the issued token, or
    sooner than the minimum writing time after it, is a bot's: stored as spam
    for moderators, and answered like any held comment."""
    token = client.get("/api/comments/token").json()
    assert token["min_seconds"] >= 1
    hurried = post(client, comment="Posted at once.", issued=token["issued"])
    missing = client.post(  # another reader, past flood control
        "/api/articles/story/comments",
        {"name": "Bo", "email": "bo@example.com", "comment": "Posted with no token."},
        content_type="application/json", REMOTE_ADDR="198.51.100.9",
    )
    for response in (hurried, missing):
        assert response.status_code == 202
        assert response.json()["status"] == "pending"
    reasons = dict(Comment.objects.values_list("body", "status_reason"))
    assert Comment.objects.filter(status=Comment.Status.SPAM).count() == 2, reasons
    assert reasons["Posted at once."] == "form posted too fast or without its token"


def test_a_forged_token_counts_as_none(client, article):
    post(client, issued="1700000000:forged")
    assert Comment.objects.get().status == Comment.Status.SPAM
