"""In Chromium: an editor renames a published story, and its old address follows.

Run with the page cache on and real commits (a live server), so the purges
that end a cached 301 are the ones production runs.
"""

import os

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from masthead.editorial import roles
from masthead.redirects.models import Redirect
from masthead.testing import make_article, make_section

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-editor-passphrase"


@pytest.fixture
def caches_on(settings):
    settings.MASTHEAD_PAGE_CACHE = True
    settings.MASTHEAD_ROW_MEMO = True


def make_editor():
    roles.ensure_roles(Group, Permission)  # a transactional test may start bare
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITOR))


def sign_in(page, url):
    page.goto(url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")


def change_slug(page, url, slug):
    page.goto(url)
    page.fill("#id_slug", slug)
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert "was changed successfully" in page.locator(".messagelist").inner_text()


def hops(response):
    """The addresses a navigation went through before the page it ended on."""
    chain, request = [], response.request.redirected_from
    while request is not None:
        chain.insert(0, (request.url, request.response().status))
        request = request.redirected_from
    return chain


def test_a_renamed_storys_old_address_leads_to_the_newest_in_one_hop(
    browser, live_server, caches_on
):
    story = make_article(slug="budget", title="Budget passes", section=make_section())
    make_editor()
    site = live_server.url
    change_url = site + reverse("admin:articles_article_change", args=[story.pk])
    desk = browser.new_context()
    reader = browser.new_context()  # anonymous: answered from the page cache
    try:
        editor_page = desk.new_page()
        sign_in(editor_page, site)
        change_slug(editor_page, change_url, "budget-passes")
        page = reader.new_page()
        response = page.goto(site + "/articles/budget/")
        assert page.url == site + "/articles/budget-passes/"
        assert hops(response) == [(site + "/articles/budget/", 301)]
        assert page.locator("h1").inner_text() == "Budget passes"
        again = page.goto(site + "/articles/budget/").request.redirected_from
        assert again.response().headers["x-cache"] == "HIT"  # the page cache's 301

        change_slug(editor_page, change_url, "budget-passes-late")
        response = page.goto(site + "/articles/budget/")
        assert page.url == site + "/articles/budget-passes-late/"
        assert hops(response) == [(site + "/articles/budget/", 301)]  # one hop
        stored = Redirect.objects.get(old_path="/articles/budget/")
        assert stored.new_path == "/articles/budget-passes-late/"
    finally:
        desk.close()
        reader.close()
