"""A right-to-left override in a name cannot reorder the date beside it (issue 21),
as Chromium draws the article page and the moderation screen.

The form strips format characters from names, so the name is stored as an
import or an admin edit could leave it. Each check is made twice: as the page
is, and with its <bdi> elements turned into plain spans, which must reorder
the date; so the test shows it would catch a template that lost them.
"""

import pytest
from django.contrib.auth import get_user_model

from masthead.comments.models import Comment
from masthead.core.tests.axe import violations
from masthead.testing import make_article, make_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-editor-passphrase"
OVERRIDE = "\u202e"
NAME = f"{OVERRIDE}Ada Reader"

# The left edge of each visible character of an element's text, in order.
CHARACTER_EDGES = """el => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const edges = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      if (/\\s/.test(node.data[i])) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      edges.push(range.getBoundingClientRect().left);
    }
  }
  return edges;
}"""
UNISOLATE = """() => document.querySelectorAll('bdi').forEach(bdi => {
  const span = document.createElement('span');
  span.append(...bdi.childNodes);
  bdi.replaceWith(span);
})"""


def drawn_in_order(page, name_selector, date_selector):
    """Whether the name is drawn before the date and the date left to right."""
    name = page.locator(name_selector).bounding_box()
    date = page.locator(date_selector).bounding_box()
    edges = page.locator(date_selector).evaluate(CHARACTER_EDGES)
    return name["x"] + name["width"] <= date["x"] + 1 and edges == sorted(edges)


@pytest.fixture
def story():
    article = make_article(title="Budget vote", slug="budget-vote")
    comment = make_comment(article, name=NAME, body=f"{OVERRIDE}A fair point.")
    # A staff reply's badge and a flagged look-alike, for axe to check too.
    make_comment(article, parent=comment, depth=1, name="Jo Editor", by_staff=True)
    make_comment(
        article,
        name="Jо Editor",
        flag=Comment.Flag.STAFF_NAME,
        status=Comment.Status.PENDING,
    )
    return article, comment


def test_the_article_page_keeps_the_date_in_order(browser, live_server, story):
    article, comment = story
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + article.get_absolute_url())
    line = f"#comment-{comment.pk} > .comment__body > .comment__meta"
    name, date = f"{line} .comment__author", f"{line} time"
    assert drawn_in_order(page, name, date)
    # The line laid out inline, as a theme without flexbox would: one bidi
    # paragraph for name and date, so only the isolation keeps them apart.
    page.locator(line).evaluate(
        "el => { el.style.display = 'block'; }"
    )  # CSSOM: CSP allows it
    assert drawn_in_order(page, name, date)
    assert violations(page) == []
    page.evaluate(UNISOLATE)
    assert not drawn_in_order(page, name, date)  # the check can fail
    page.context.close()


def test_the_moderation_screen_keeps_the_date_in_order(browser, live_server, story):
    _article, comment = story
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.PENDING)
    get_user_model().objects.create_superuser("editor", "ed@example.com", PASSWORD)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + "/admin/login/?next=/admin/comments/comment/moderate/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    head = f"#mod-{comment.pk} .moderation__head"
    name, date = f"{head} .moderation__name", f"{head} time"
    assert drawn_in_order(page, name, date)
    assert violations(page) == []
    page.evaluate(UNISOLATE)
    assert not drawn_in_order(page, name, date)
    page.context.close()
