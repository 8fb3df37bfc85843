"""The search page: form, results, filters, pagination and hostile input."""

import html5lib
import pytest
from django.urls import reverse

from masthead.testing import make_article, make_person, make_section

from .test_backends import HOSTILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(reindex):
    section = make_section("Local News", slug="local")
    make_article(
        title="Police raid warehouse",
        section=section,
        body="Officers raided the <b>old</b> mill.",
    )
    make_article(title="Library opens", body="Books for everyone.")
    reindex()


def get(client, **params):
    return client.get(reverse("search:search"), params)


def assert_valid_html(content):
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(content)


def test_results_show_title_link_and_highlighted_snippet(client, stories):
    response = get(client, q="raids")
    body = response.content.decode()
    assert response.status_code == 200
    assert "1 result for “raids”" in body
    assert 'href="/articles/' in body and "Police raid warehouse" in body
    assert "<mark>raided</mark>" in body
    assert "Library opens" not in body
    assert_valid_html(response.content)


def test_search_without_trailing_slash_works(client, stories):
    response = client.get("/search", {"q": "library"})
    assert response.status_code == 200
    assert "Library opens" in response.content.decode()


def test_no_match_says_no_results(client, stories):
    body = get(client, q="zeppelin").content.decode()
    assert "No results for “zeppelin”" in body


def test_empty_query_shows_the_form_only(client, stories):
    body = get(client).content.decode()
    assert 'name="q"' in body and "result" not in body.split("</form>")[-1]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_renders_results_or_no_results(client, stories, text):
    response = get(client, q=text)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Police raid warehouse" in body or "No results" in body or text.strip() == ""


def test_query_is_escaped_on_the_page(client, stories):
    body = get(client, q='<script>alert("x")</script>').content.decode()
    assert '<script>alert("x")' not in body
    assert "&lt;script&gt;" in body


def test_section_filter_uses_the_slug(client, stories):
    assert "Police raid" in get(client, q="raid", section="local").content.decode()
    other = make_section("Sports", slug="sports")
    assert other
    assert "No results" in get(client, q="raid", section="sports").content.decode()


def test_author_filter_lists_staff_authors(client, stories):
    make_person("Ana Ruiz", slug="ana-ruiz")
    body = get(client).content.decode()
    assert '<option value="ana-ruiz">Ana Ruiz</option>' in body


def test_bad_dates_are_explained_not_a_server_error(client, stories):
    response = get(client, q="raid", date_from="2025-05-02", date_to="2025-05-01")
    assert response.status_code == 400
    assert "must not be before" in response.content.decode()
    response = get(client, q="raid", date_from="yesterday")
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


def test_page_links_keep_the_query_and_filters(client, reindex):
    for n in range(3):
        make_article(title=f"Harvest {n}")
    reindex()
    from django.test import override_settings

    with override_settings(MASTHEAD_PAGE_SIZE=2):
        body = get(client, q="harvest", section="").content.decode()
    assert 'href="?q=harvest&amp;section=&amp;page=2"' in body


def test_every_page_has_a_labelled_search_box_in_the_header(client, stories):
    body = client.get("/").content.decode()
    assert '<label for="site-search-q">Search</label>' in body
    assert 'action="/search/"' in body and 'method="get"' in body
