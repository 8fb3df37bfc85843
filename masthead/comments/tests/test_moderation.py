"""The editors' moderation screen: pending first, context, one-click actions."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from masthead.comments.models import Comment
from masthead.testing import make_article, make_comment

pytestmark = pytest.mark.django_db
URL = "/admin/comments/comment/moderate/"


@pytest.fixture
def editor_client(client):
    editor = get_user_model().objects.create_superuser("ed", "ed@example.com", "pw")
    client.force_login(editor)
    return client


@pytest.fixture
def article():
    return make_article(title="Budget vote")


def test_pending_comes_first_with_article_parent_and_history(editor_client, article):
    parent = make_comment(article, name="Hank", body="The original point.")
    make_comment(article, email="repeat@example.com")
    make_comment(article, email="REPEAT@example.com", status=Comment.Status.SPAM)
    held = make_comment(article, parent=parent, depth=1, email="repeat@example.com",
                        status=Comment.Status.PENDING, body="Held reply.")
    html = editor_client.get(URL).content.decode()
    first = html.index('class="moderation__item')
    assert html.index(f'id="mod-{held.pk}"') == html.index('id="mod-', first - 10)
    item = html[html.index(f'id="mod-{held.pk}"'):html.index("</li>", html.index(f'id="mod-{held.pk}"'))]
    assert "Budget vote" in item
    assert "In reply to <bdi>Hank</bdi>" in item and "The original point." in item
    assert "1 approved, 1 spam" in item


def test_screen_runs_in_constant_queries_as_comments_grow(editor_client, article,
                                                        django_assert_num_queries):
    """Session, user, settings, page count, rows, history, status counts: never per row."""
    for n in range(3):
        make_comment(article, email=f"a{n}@example.com", status=Comment.Status.PENDING)
    editor_client.get(URL)
    with django_assert_num_queries(7) as small:
        editor_client.get(URL)
    parent = make_comment(article)
    for n in range(30):
        make_comment(article, email=f"b{n}@example.com", parent=parent, depth=1,
                     status=Comment.Status.PENDING)
    with django_assert_num_queries(len(small.captured_queries)):
        editor_client.get(URL)


@pytest.mark.parametrize(("verb", "status"), [("approve", "approved"), ("spam", "spam"),
                                               ("trash", "trash")])
def test_one_click_actions_change_status(editor_client, article, verb, status):
    comment = make_comment(article, status=Comment.Status.PENDING)
    response = editor_client.post(URL, {"do": f"{verb}:{comment.pk}"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == status


def test_bulk_action_over_ticked_comments(editor_client, article):
    ids = [make_comment(article, status=Comment.Status.PENDING).pk for _ in range(3)]
    editor_client.post(URL, {"do": "", "bulk": "spam", "selected": ids[:2]})
    assert list(Comment.objects.filter(pk__in=ids).values_list("status", flat=True)) == [
        "spam", "spam", "pending"]


def test_reply_publishes_the_editors_answer_under_the_comment(editor_client, article):
    comment = make_comment(article, status=Comment.Status.PENDING)
    editor_client.post(URL, {"do": f"reply:{comment.pk}", f"reply-{comment.pk}": "Thanks!"})
    reply = Comment.objects.get(body="Thanks!")
    assert reply.parent_id == comment.pk and reply.status == Comment.Status.APPROVED
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_actions_need_csrf(article):
    from django.test import Client

    editor = get_user_model().objects.create_superuser("ed2", "ed2@example.com", "pw")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    comment = make_comment(article, status=Comment.Status.PENDING)
    assert strict.post(URL, {"do": f"approve:{comment.pk}"}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_staff_without_change_permission_is_refused(client, article):
    user = get_user_model().objects.create_user("intern", "i@example.com", "pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_readers_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_screen_works_without_javascript_and_offers_shortcuts_as_a_static_file(
        editor_client, article):
    make_comment(article, status=Comment.Status.PENDING)
    html = editor_client.get(URL).content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<button type="submit" name="do" value="approve:' in html
    assert '<script src="/static/comments/moderation.js" defer></script>' in html


def test_settings_page_is_the_single_row(editor_client):
    response = editor_client.get("/admin/comments/commentsettings/")
    assert response.status_code == 200
    assert "Moderation words" in response.content.decode()
    response = editor_client.post("/admin/comments/commentsettings/", {
        "hold_for_first_comment": "on", "hold_link_count": 4, "moderation_words": "",
        "disallowed_words": "casino", "min_fill_seconds": 3, "flood_seconds": 15,
        "max_per_hour": 30, "notify_authors": "on"})
    assert response.status_code == 302
    from masthead.comments.models import CommentSettings
    assert CommentSettings.current().hold_link_count == 4


def test_typed_strings_are_isolated_on_the_moderation_screen_and_list(
    editor_client, article
):
    parent = make_comment(article, name="\u202eHank")
    make_comment(article, parent=parent, depth=1, name="\u202eAda",
                 website="https://ada.example.org", body="\u202eWords",
                 status=Comment.Status.PENDING)
    html = editor_client.get(URL).content.decode()
    assert '<span class="moderation__name"><bdi>\u202eAda</bdi></span>' in html
    assert '<span class="moderation__website"><bdi>https://ada.example.org</bdi>' in html
    assert "In reply to <bdi>\u202eHank</bdi>:" in html
    assert '<div class="moderation__body" dir="auto"><p>\u202eWords</p>' in html
    listed = editor_client.get("/admin/comments/comment/").content.decode()
    assert "<bdi>\u202eAda</bdi>" in listed and "<bdi>\u202eWords</bdi>" in listed
