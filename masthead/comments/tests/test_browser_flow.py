"""A new reader comments, an editor approves, everyone sees it: in real Chromium."""

import pytest
from django.contrib.auth import get_user_model

from masthead.comments.models import Comment, CommentSettings
from masthead.testing import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article():
    # A robot types faster than the minimum fill time a person needs; the
    # timer has its own tests in test_spam.py.
    CommentSettings.objects.update_or_create(pk=1, defaults={"min_fill_seconds": 0})
    return make_article(title="Library breaks ground", slug="library-breaks-ground")


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("editor", "ed@example.com", "pw-123456")


def test_reader_comment_is_moderated_then_published(browser, live_server, article, editor):
    url = live_server.url + article.get_absolute_url()
    reader = browser.new_context(java_script_enabled=False)
    page = reader.new_page()
    page.goto(url)
    page.fill("#id_comment", "Glad the children's wing is finally happening.")
    page.fill("#id_name", "Nora Fields")
    page.fill("#id_email", "nora@example.com")
    page.click("text=Post Comment")
    assert page.locator(".comment--pending").inner_text().count("awaiting moderation") == 1
    assert "Glad the children" in page.locator(".comment--pending").inner_text()

    staff = browser.new_context().new_page()
    staff.goto(live_server.url + "/admin/")
    staff.fill("#id_username", "editor")
    staff.fill("#id_password", "pw-123456")
    with staff.expect_navigation():
        staff.click("input[type=submit]")
    assert "1 comment awaiting moderation" in staff.locator("#newsroom-tools").inner_text()
    staff.goto(live_server.url + "/admin/comments/comment/?status__exact=pending")
    staff.check("input.action-select")
    staff.select_option("select[name=action]", "approve")
    with staff.expect_navigation():
        staff.click("button[name=index]")
    assert "1 comment(s) approved" in staff.locator(".messagelist").inner_text()
    assert Comment.objects.get().status == Comment.Status.APPROVED

    stranger = browser.new_context(java_script_enabled=False).new_page()
    stranger.goto(url)
    assert "Glad the children" in stranger.locator(".comment-list").inner_text()
    assert "awaiting moderation" not in stranger.content()
    assert "1 Comment" in stranger.locator("#comments-title").inner_text()
    for context in browser.contexts:
        context.close()


def test_empty_submission_shows_every_error_and_keeps_typing(browser, live_server, article):
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + article.get_absolute_url())
    page.click("text=Post Comment")
    errors = page.locator(".field__error").all_inner_texts()
    assert errors == [
        "Please type your comment.",
        "Please enter your name.",
        "Please enter your email address.",
    ]
    page.fill("#id_comment", "Half-finished thought")
    page.fill("#id_website", "https://nora.example.org")
    page.click("text=Post Comment")
    assert page.input_value("#id_comment") == "Half-finished thought"
    assert page.input_value("#id_website") == "https://nora.example.org"
    assert not Comment.objects.exists()
    page.context.close()
