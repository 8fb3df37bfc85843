"""Staff and those who pose as staff (issue 21): the flag, the badge, the memo."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in

from masthead.comments import services, staff
from masthead.comments.forms import issued_token
from masthead.comments.models import Comment, CommentSettings
from masthead.comments.names import name_key
from masthead.testing import make_article, make_comment, make_person, trust_browser

from .test_comment_flow import post

pytestmark = pytest.mark.django_db
MODERATE = "/admin/comments/comment/moderate/"


@pytest.fixture
def article():
    CommentSettings.objects.update_or_create(pk=1, defaults={"flood_seconds": 0})
    return make_article(slug="budget-vote")


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "jeditor",
        "jo.editor@ledger.example",
        "pw",
        is_staff=True,
        first_name="Jo",
        last_name="Editor",
    )


def test_a_reader_using_an_editors_email_is_held_and_flagged(client, article, editor):
    # Even from a browser trusted for that address: it is staff's, not theirs.
    trust_browser(client, "jo.editor@ledger.example")
    post(client, article, name="Jo", email=" JO.EDITOR@ledger.EXAMPLE ")
    comment = Comment.objects.get()
    assert (comment.status, comment.flag) == ("pending", Comment.Flag.STAFF_EMAIL)
    assert comment.status_reason == "uses a staff member's email address"
    assert not comment.by_staff


@pytest.mark.parametrize(
    "name", ["Jo Editor", "Jо Εditor", "JO  EDITOR", "jeditor", "Jo\u200bEditor"]
)
def test_a_reader_using_a_staff_name_or_a_look_alike_is_held_and_flagged(
    client, article, editor, name
):
    trust_browser(client, "ada@example.com")
    post(client, article, name=name)
    comment = Comment.objects.get()
    assert (comment.status, comment.flag) == ("pending", Comment.Flag.STAFF_NAME)


def test_an_authors_name_is_staff_too_but_a_quoted_speakers_is_not(client, article):
    make_person("Maria Lopez", email="maria@ledger.example")
    make_person("Karen Bass", is_staff_author=False)  # quoted in a story
    trust_browser(client, "ada@example.com")
    post(client, article, name="Maria Lopez", comment="One.")
    post(client, article, name="Karen Bass", comment="Two.")
    post(client, article, name="Ada", email="maria@ledger.example", comment="Three.")
    flags = dict(Comment.objects.values_list("body", "flag"))
    assert flags == {"One.": "staff-name", "Two.": "", "Three.": "staff-email"}


def test_the_flag_is_shown_on_the_moderation_screen(client, article, editor):
    post(client, article, name="Jо Editor")
    client.force_login(
        get_user_model().objects.create_superuser("boss", "b@x.example", "pw")
    )
    html = client.get(MODERATE).content.decode()
    assert (
        '<p class="moderation__flag"><strong>Flagged:</strong> Name looks like' in html
    )


def test_signed_in_staff_are_published_badged_and_unflagged(client, article, editor):
    client.force_login(editor)
    data = {
        "comment": "We have corrected the figure.",
        "name": "Jo Editor",
        "email": "jo.editor@ledger.example",
        "issued": issued_token(time.time() - 60),
    }
    # A session cookie: the origin check wants the header every browser sends.
    client.post(
        "/articles/budget-vote/comments/", data, HTTP_SEC_FETCH_SITE="same-origin"
    )
    comment = Comment.objects.get()
    assert (comment.status, comment.by_staff, comment.flag) == ("approved", True, "")
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('<span class="comment__badge">Staff</span>') == 1


def test_a_staff_reply_from_the_moderation_screen_carries_the_badge(article, editor):
    parent = make_comment(article)
    reply = services.reply_as_staff(parent=parent, user=editor, body="Thanks, fixed.")
    assert reply.by_staff and reply.is_public and reply.name == "Jo Editor"


@pytest.mark.parametrize("field", ["by_staff", "staff", "badge", "is_staff"])
def test_no_form_field_gives_a_readers_comment_the_badge(client, article, field):
    trust_browser(client, "ada@example.com")
    post(client, article, **{field: "on"})
    comment = Comment.objects.get()
    assert comment.is_public and not comment.by_staff
    html = client.get(article.get_absolute_url()).content.decode()
    assert "comment__badge" not in html


def test_the_api_cannot_give_a_comment_the_badge(client, article, editor):
    client.force_login(editor)  # even with a staff session: the API posts as a reader
    payload = {"name": "Ada", "email": "ada@example.com", "comment": "Hi.",
               "by_staff": True, "staff": True}  # fmt: skip
    response = client.post(
        "/api/articles/budget-vote/comments", payload, content_type="application/json"
    )
    assert response.status_code == 202
    assert not Comment.objects.get().by_staff
    listed = client.get("/api/articles/budget-vote/comments").json()["items"]
    assert listed == []  # held: a newcomer


def test_staff_names_cost_no_query_per_post(article, editor, django_assert_num_queries):
    """Read once per process (staff.py), not on every post."""
    staff.identities()
    with django_assert_num_queries(0):
        assert staff.identities().emails == {"jo.editor@ledger.example"}


def test_staff_names_are_read_again_when_staff_or_authors_change(editor):
    assert staff.identities().names == keys("Jo Editor", "jeditor")
    editor.last_name = "Smith"
    editor.save()
    make_person("Ann Lee")
    assert staff.identities().names == keys("Jo Smith", "jeditor", "Ann Lee")
    editor.is_staff = False
    editor.save()
    assert staff.identities().names == keys("Ann Lee")


def test_a_login_does_not_forget_the_staff_names(rf, editor, django_assert_num_queries):
    staff.identities()
    request = rf.get("/")
    user_logged_in.send(sender=type(editor), request=request, user=editor)  # last_login
    with django_assert_num_queries(0):
        staff.identities()


def test_another_process_sees_a_change_through_the_shared_version(editor):
    staff.identities()
    staff._kept["value"] = staff.Staff(frozenset({"stale"}), frozenset())
    assert staff.identities().names == {"stale"}  # the version has not moved
    staff._bump()  # as another process's signal handler does
    assert name_key("Jo Editor") in staff.identities().names


def keys(*names):
    return {name_key(name) for name in names}
