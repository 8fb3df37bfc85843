"""Issue 20's bars in Chromium: the writing screen.

An editor writes and publishes a story through the new screen alone, toolbar
and shortcuts included, at a desktop's and a phone's width; a closed tab's
text comes back; two editors saving the same story lose nothing; the soft
lock names the other editor and "Take over" moves it; axe finds nothing on
the add and change pages.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile

from masthead.articles.models import Article
from masthead.core.tests.axe import violations
from masthead.editorial import autosaves, locks
from masthead.editorial.models import Autosave, EditLock
from masthead.editorial.roles import EDITOR, ensure_roles
from masthead.media import renditions
from masthead.testing import (
    jpeg_bytes,
    make_article,
    make_image,
    make_section,
    make_tag,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-editor-passphrase"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def editor(username, first, last):
    ensure_roles(Group, Permission)  # a transactional test starts with none
    user = get_user_model().objects.create_user(
        username, password=PASSWORD, is_staff=True, first_name=first, last_name=last
    )
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


def signed_in(browser, url, username, viewport=DESKTOP):
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    return page


def change_url(url, article):
    return f"{url}/admin/articles/article/{article.pk}/change/"


def assert_fits(page, viewport):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{width}px wide at {viewport['width']}px"


def choose(page, field, text):
    """Pick an option in one of the admin's autocomplete (Select2) widgets."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def wait_for(check, page, timeout=10_000):
    for _ in range(timeout // 100):
        if check():
            return
        page.wait_for_timeout(100)
    raise AssertionError("timed out")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_editor_writes_and_publishes_through_the_screen(
    browser, live_server, viewport
):
    editor("ana", "Ana", "Ruiz")
    renditions.make(
        make_image(
            file=ContentFile(jpeg_bytes(1600, 900), name="harbour.jpg"), credit="Ledger"
        )
    )
    make_section("Local", slug="local")
    make_tag("Waterfront")
    page = signed_in(browser, live_server.url, "ana", viewport)
    page.goto(live_server.url + "/admin/articles/article/add/")
    assert_fits(page, viewport)
    assert page.get_by_text("Ctrl").first.is_visible()  # the shortcuts, on screen

    page.fill("#id_title", "Harbour crane returns")
    page.fill("#id_standfirst", "The crane is back after a year of repairs.")
    page.locator("#id_body").click()
    page.keyboard.insert_text("The crane ")
    page.keyboard.press("Control+b")
    page.keyboard.insert_text("rose")
    page.keyboard.press("End")
    page.keyboard.insert_text(" again on Monday.")
    toolbar = page.get_by_role("toolbar", name="Story blocks")
    toolbar.get_by_role("button", name="Figure").click()
    page.locator(".editor-picker [data-name='harbour.jpg']").click()
    toolbar.get_by_role("button", name="Pull quote").click()
    toolbar.get_by_role("button", name="Fact box").click()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text("Read")
    page.keyboard.press("Shift+Home")
    page.keyboard.press("Control+k")  # links the words, selects the address
    page.keyboard.insert_text("https://example.org/crane")
    page.select_option("#id_section", label="Local")
    choose(page, "tags", "Waterfront")

    preview = page.frame_locator(".desk__frame")
    preview.locator("h1.story__title", has_text="Harbour crane returns").wait_for()
    preview.locator(".story__body figure.story-figure").wait_for()
    assert preview.locator(".story__body strong").first.inner_text() == "rose"
    assert preview.locator(".story__body .pull-quote").count() == 1
    assert_fits(page, viewport)

    with page.expect_navigation():
        page.keyboard.press("Control+s")  # save and continue editing
    assert page.locator(".errornote").count() == 0, page.content()
    assert "/change/" in page.url
    assert_fits(page, viewport)
    with page.expect_navigation():
        page.get_by_role("button", name="Publish now").click()

    article = Article.objects.get(slug="harbour-crane-returns")
    assert article.is_published and article.section.name == "Local"
    assert [tag.name for tag in article.tags.all()] == ["Waterfront"]
    assert (
        "**rose**" in article.body
        and "[Read](https://example.org/crane)" in article.body
    )
    reader = page.context.new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    assert reader.locator(".story__body figure.story-figure img").count() == 1
    page.context.close()


def test_a_closed_tabs_text_is_offered_back(browser, live_server):
    ana = editor("ana", "Ana", "Ruiz")
    article = make_article(
        status=Article.Status.DRAFT, created_by=ana, section=make_section()
    )
    page = signed_in(browser, live_server.url, "ana")
    page.goto(change_url(live_server.url, article))
    page.locator("#id_body").click()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text("\n\nA paragraph typed before the tab closed.")
    page.get_by_text("Unsaved text kept at").wait_for()
    context = page.context
    page.close()

    page = context.new_page()
    page.goto(change_url(live_server.url, article))
    page.get_by_text("You have unsaved text from").wait_for()
    page.get_by_role("button", name="Restore").click()
    assert "typed before the tab closed" in page.locator("#id_body").input_value()
    assert "typed before" not in Article.objects.get(pk=article.pk).body  # not saved
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.locator(".errornote").count() == 0
    assert "typed before the tab closed" in Article.objects.get(pk=article.pk).body
    assert not Autosave.objects.exists()
    context.close()


def test_the_second_of_two_editors_is_refused_with_a_diff_and_keeps_their_text(
    browser, live_server
):
    editor("ana", "Ana", "Ruiz")
    editor("ben", "Ben", "Okafor")
    article = make_article(
        status=Article.Status.DRAFT, body="The council met.", section=make_section()
    )
    first = signed_in(browser, live_server.url, "ana")
    second = signed_in(browser, live_server.url, "ben")
    for page in (first, second):
        page.goto(change_url(live_server.url, article))
    first.fill("#id_body", "The council met on Tuesday.")
    second.fill("#id_body", "The council met and voted.")
    with first.expect_navigation():
        first.click("input[name=_continue]")
    assert first.locator(".errornote").count() == 0

    with second.expect_navigation():
        second.click("input[name=_continue]")
    conflict = second.locator(".desk-conflict")
    assert "Ana Ruiz saved this story at" in conflict.inner_text()
    assert "- The council met on Tuesday." in conflict.locator("del").all_inner_texts()
    assert "+ The council met and voted." in conflict.locator("ins").all_inner_texts()
    assert second.locator("#id_body").input_value() == "The council met and voted."
    assert Article.objects.get(pk=article.pk).body == "The council met on Tuesday."
    assert violations(second) == []

    with second.expect_navigation():  # having read the diff, Ben keeps his
        second.click("input[name=_continue]")
    assert second.locator(".errornote").count() == 0
    assert Article.objects.get(pk=article.pk).body == "The council met and voted."
    for page in (first, second):
        page.context.close()


def test_the_soft_lock_names_the_other_editor_and_can_be_taken_over(
    browser, live_server
):
    editor("ana", "Ana", "Ruiz")
    editor("ben", "Ben", "Okafor")
    article = make_article(status=Article.Status.DRAFT)
    first = signed_in(browser, live_server.url, "ana")
    first.goto(change_url(live_server.url, article))
    wait_for(lambda: EditLock.objects.filter(article=article).exists(), first)

    second = signed_in(browser, live_server.url, "ben")
    second.goto(change_url(live_server.url, article))
    banner = second.locator("[data-desk-lock]")
    assert banner.is_visible()
    assert "Ana Ruiz is editing since" in banner.inner_text()
    second.get_by_role("button", name="Take over").click()
    banner.wait_for(state="hidden")
    assert locks.holder(article).user.username == "ben"

    first.reload()
    assert (
        "Ben Okafor is editing since" in first.locator("[data-desk-lock]").inner_text()
    )
    for page in (first, second):
        page.context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_article_editor_has_no_axe_violations(browser, live_server, viewport):
    """WCAG 2.1 AA on the add page and on a change page showing every notice:
    another editor's lock, unsaved text to restore, and the live preview."""
    ana = editor("ana", "Ana", "Ruiz")
    ben = editor("ben", "Ben", "Okafor")
    article = make_article(section=make_section("Local", slug="local"))
    locks.heartbeat(article=article, user=ben)
    autosaves.keep(user=ana, article=article, text={"title": "New", "body": "Words."})
    page = signed_in(browser, live_server.url, "ana", viewport)
    for path in ("/admin/articles/article/add/", change_url("", article)):
        page.goto(live_server.url + path)
        page.frame_locator(".desk__frame").locator("h1.story__title").wait_for(
            state="attached"
        )
        page.wait_for_timeout(300)  # Select2 and the inlines have drawn
        assert violations(page) == [], path
        assert_fits(page, viewport)
    assert page.locator("[data-desk-lock]").is_visible()
    assert page.locator("[data-desk-offer]").is_visible()
    page.context.close()


def test_without_javascript_the_plain_form_still_saves(browser, live_server):
    editor("ana", "Ana", "Ruiz")
    section = make_section("Local", slug="local")
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "ana")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/articles/article/add/")
    assert page.locator(".desk__preview").is_hidden()  # it needs the script
    page.fill("#id_title", "Plain form")
    page.fill("#id_slug", "plain-form")
    page.fill("#id_body", "Typed without scripts.")
    page.select_option("#id_section", str(section.pk))
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert Article.objects.get(slug="plain-form").body == "Typed without scripts."
    assert_fits(page, PHONE)
    context.close()
