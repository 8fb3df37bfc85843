"""The share bar in real Chromium: copy link, Web Share, and no JavaScript at all."""

import os

import pytest

from masthead.testing import make_article

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story_url(live_server):
    article = make_article(title="Bridge reopens", slug="bridge-reopens")
    return live_server.url + article.get_absolute_url()


def test_copy_link_puts_the_article_url_on_the_clipboard(browser, story_url):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(story_url)
        page.get_by_role("button", name="Copy link").click()
        page.wait_for_selector("text=Link copied.")
        assert page.evaluate("navigator.clipboard.readText()") == story_url
    finally:
        context.close()


def test_web_share_button_appears_only_where_the_browser_can_share(browser, story_url):
    context = browser.new_context()
    try:
        plain = context.new_page()
        plain.add_init_script(
            "delete Navigator.prototype.share; delete navigator.share;"
        )
        plain.goto(story_url)
        assert plain.get_by_role("button", name="Share…").count() == 0

        sharing = context.new_page()
        sharing.add_init_script(
            "navigator.share = (data) => {"
            " window.shared = data; return Promise.resolve(); };"
        )
        sharing.goto(story_url)
        sharing.get_by_role("button", name="Share…").click()
        shared = sharing.evaluate("window.shared")
        assert shared == {"title": "Bridge reopens", "url": story_url}
    finally:
        context.close()


def test_without_javascript_the_url_is_selectable_and_buttons_are_hidden(
    browser, story_url
):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(story_url)
        field = page.get_by_label("Link to this article")
        assert field.input_value() == story_url
        assert field.is_editable() is False and field.is_visible()
        assert page.get_by_role("button", name="Copy link").count() == 0
        assert page.get_by_role("link", name="Bluesky").is_visible()
    finally:
        context.close()
