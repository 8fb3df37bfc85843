"""The back office in Chromium (issue 20, item 8): 0 axe-core WCAG 2.1 A/AA
violations on the newsroom's screens, signed in as the Editor role."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from masthead.comments.models import Comment
from masthead.core.tests.axe import violations
from masthead.testing import make_article, make_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-editor-passphrase"
SCREENS = [
    "/admin/",
    "/admin/articles/article/dashboard/",
    "/admin/comments/comment/moderate/",
    "/admin/comments/comment/?status__exact=pending",
    "/admin/articles/article/picker/",
    "/admin/quotes/quote/audit/",
    "/admin/redirects/redirect/",
    "/admin/redirects/redirect/add/",
    "/admin/frontpage/",
]


@pytest.fixture
def editor_page(browser, live_server):
    user = get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    page = browser.new_context().new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    yield page
    page.context.close()


@pytest.mark.parametrize("path", SCREENS)
def test_newsroom_screens_have_no_axe_violations(editor_page, live_server, path):
    article = make_article(title="Mill reopens")
    make_article(title="Budget draft", status="review")
    for n in range(3):
        make_comment(article, status=Comment.Status.PENDING, body=f"Pending {n}.")
    make_comment(article)
    response = editor_page.goto(live_server.url + path)
    assert response.status == 200, path
    assert violations(editor_page) == [], path
