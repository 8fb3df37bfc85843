"""Teasers are rendered once per distinct content: an edit shows at once."""

import pytest

from masthead.articles.teasers import names_in_prose
from masthead.testing import make_article, make_person, make_section

pytestmark = pytest.mark.django_db


def test_an_edited_headline_byline_or_section_shows_on_the_next_view(client):
    section = make_section("Local News")
    reporter = make_person("Maren Okafor")
    article = make_article(title="Bridge reopens", section=section, authors=[reporter])
    assert "Bridge reopens" in client.get("/").content.decode()

    article.title = "Bridge reopens after two years"
    article.save()
    reporter.name = "Maren Okafor-Hill"
    reporter.save()
    section.name = "City"
    section.save()
    home = client.get("/").content.decode()

    assert "Bridge reopens after two years" in home
    assert "Maren Okafor-Hill" in home
    assert ">City</a>" in home


def test_the_same_story_is_a_lead_on_the_home_page_and_wide_in_its_section(client):
    section = make_section("Sports", slug="sports")
    make_article(
        title="Tigers win the final",
        standfirst="A late goal decided it.",
        section=section,
    )
    home = client.get("/").content.decode()
    listing = client.get("/sections/sports/").content.decode()

    assert 'class="teaser teaser--lead' in home  # and teaser--text: no picture
    assert 'class="teaser teaser--wide' in listing
    assert "A late goal decided it." in home and "A late goal decided it." in listing


def test_names_in_prose():
    assert names_in_prose([]) == ""
    assert names_in_prose(["Ada"]) == "Ada"
    assert names_in_prose(["Ada", "Bo"]) == "Ada and Bo"
    assert names_in_prose(["Ada", "Bo", "Cy"]) == "Ada, Bo and Cy"
