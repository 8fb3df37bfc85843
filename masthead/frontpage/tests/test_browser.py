"""Issue 20's bar in Chromium: an editor pins a story as the lead on the
front-page screen; readers see it lead, as a text lead that leaves no empty
block (it has no picture), until its expiry ends the cached page and the
newest story leads again. axe-core finds nothing on the screen or the page.

Caches on, as in production: the page cache and the row memo.
"""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from masthead.core.tests.axe import violations
from masthead.frontpage.models import Pin
from masthead.testing import make_article, make_image, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-editor-passphrase"
MEASURE_LEAD = """() => {
  const block = document.querySelector('.front-lead');
  const teaser = block.querySelector('.teaser');
  const text = teaser.querySelector('.teaser__text');
  const box = (el) => el.getBoundingClientRect();
  const style = getComputedStyle(teaser);
  const frame = ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth']
    .reduce((sum, side) => sum + parseFloat(style[side]), 0);
  return {block: box(block).width, text: box(text).width,
          inside: box(teaser).height - frame, textHeight: box(text).height,
          pictures: block.querySelectorAll('.teaser__image, picture, img').length,
          overflow: document.documentElement.scrollWidth - window.innerWidth};
}"""


@pytest.fixture
def newsroom(settings):
    settings.MASTHEAD_PAGE_CACHE = True
    settings.MASTHEAD_ROW_MEMO = True
    section = make_section("Local News", slug="local")
    now = timezone.now()
    stories = {
        "newest": make_article(
            title="Council passes the budget after a late session", section=section,
            hero_image=make_image(), published_at=now - timedelta(minutes=5),
        ),
        "pinned": make_article(
            title="Boil-water notice lifted for the east side", section=section,
            standfirst="Tests at three wells came back clean on Sunday morning.",
            hero_image=None, published_at=now - timedelta(hours=6),
        ),
        "top": make_article(
            title="Library wing opens", published_at=now - timedelta(days=1)
        ),
    }  # fmt: skip
    user = get_user_model().objects.create_user(
        "desk", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editor"))
    return stories


def sign_in(browser, url):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(url + "/admin/login/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    return page


def minutes_ahead(minutes):
    moment = timezone.localtime(timezone.now() + timedelta(minutes=minutes))
    return moment.strftime("%Y-%m-%dT%H:%M")


def pin_through_the_screen(page, url, stories):
    page.goto(url + "/admin/frontpage/")
    assert violations(page) == []
    page.fill("#id_lead-story", stories["pinned"].slug)
    page.fill("#id_lead-expires_at", minutes_ahead(120))
    with page.expect_navigation():
        page.get_by_role("button", name="Pin as the lead").click()
    assert page.get_by_text("is pinned as the lead story").is_visible()
    page.fill("#id_top-story", url + stories["top"].get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("button", name="Pin as a top story").click()
    assert page.locator(".frontpage-top tbody tr").count() == 1
    assert violations(page) == []  # with the pins and the table shown


def served(page, url):
    """How the page cache answered: asked past the browser's own cache, which
    would revalidate and show the first answer's headers."""
    return page.context.request.get(url).headers["x-cache"]


def lead_title(page):
    return page.locator(".front-lead .teaser__title").inner_text()


def test_a_pinned_lead_leads_until_its_expiry_and_leaves_no_empty_block(
    browser, live_server, newsroom
):
    url = live_server.url
    editor = sign_in(browser, url)
    pin_through_the_screen(editor, url, newsroom)
    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    reader.goto(url + "/")
    assert lead_title(reader) == newsroom["pinned"].title
    assert reader.locator("#latest-title").inner_text() == "TOP STORIES"
    layout = reader.evaluate(MEASURE_LEAD)
    assert layout["pictures"] == 0  # no empty picture box
    assert layout["text"] >= 0.98 * layout["block"], layout  # the text fills the width
    assert layout["textHeight"] >= layout["inside"] - 1, layout  # and its height
    assert violations(reader) == []
    reader.set_viewport_size({"width": 390, "height": 844})
    assert reader.evaluate(MEASURE_LEAD)["overflow"] <= 0

    # Time moves on: the pin now ends in three seconds (a save, as the screen's).
    pin = Pin.objects.get(slot=Pin.Slot.LEAD)
    pin.expires_at = timezone.now() + timedelta(seconds=3)
    pin.save()
    assert served(reader, url + "/") == "MISS"
    reader.goto(url + "/")
    assert lead_title(reader) == newsroom["pinned"].title
    assert served(reader, url + "/") == "HIT"  # kept, but only until the expiry
    time.sleep(max(0, (pin.expires_at - timezone.now()).total_seconds()) + 1.5)
    assert served(reader, url + "/") == "MISS"  # its copy ended with the pin
    reader.goto(url + "/")
    assert lead_title(reader) == newsroom["newest"].title
    for page in (editor, reader):
        page.context.close()
