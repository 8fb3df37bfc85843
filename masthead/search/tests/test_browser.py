"""A reader searches from the header box, in real Chromium, with JavaScript off.

The article is created and published through the ORM in committed
transactions, so the index is kept in step by the real signal handlers.
"""

import pytest
from django.db import connection

from masthead.articles.models import Article
from masthead.testing import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clean_index():
    # The test database's flush empties only the tables Django manages.
    yield
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_entry")


def test_reader_finds_a_story_from_the_header_search_box(
    browser, live_server, clean_index
):
    story = make_article(
        title="Ferry service resumes",
        status=Article.Status.DRAFT,
        body="The ferries are running again after the storms.",
    )
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_label("Search", exact=True).fill("ferries")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "No results" in page.inner_text("main")  # still a draft

    story.status, story.published_at = Article.Status.PUBLISHED, story.created_at
    story.save()
    page.get_by_label("Search for").fill("ferry storm")
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()
    assert page.locator(".search-hit__title").inner_text() == "Ferry service resumes"
    assert page.locator(".search-hit__snippet mark").count() == 2
    context.close()
