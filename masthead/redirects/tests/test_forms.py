"""The editor's form refuses what would break or loop, saying why."""

import pytest

from masthead.redirects.forms import RedirectForm
from masthead.redirects.models import Redirect
from masthead.testing import make_article, make_section

pytestmark = pytest.mark.django_db


def errors(old_path, new_path, instance=None):
    data = {"old_path": old_path, "new_path": new_path}
    form = RedirectForm(data, instance=instance)
    assert not form.is_valid()
    found = form.errors.as_data()
    return {field: [error.code for error in errs] for field, errs in found.items()}


def test_a_plain_redirect_is_valid_and_cleaned():
    form = RedirectForm({"old_path": " /caf%C3%A9/ ", "new_path": "/sections/food/"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["old_path"] == "/café/"


@pytest.mark.parametrize(
    ("old_path", "new_path", "expected"),
    [
        ("https://example.com/old/", "/", {"old_path": ["host"]}),
        ("old/", "/", {"old_path": ["relative"]}),
        ("/old/?page=2", "/", {"old_path": ["query"]}),
        ("/old/", "http://example.com/", {"new_path": ["http"]}),
        ("/old/", "ftp://example.com/", {"new_path": ["target"]}),
        ("/old/", "/old/", {"new_path": ["self"]}),
        ("/old/", "/old/?again=1", {"new_path": ["self"]}),
    ],
)
def test_bad_addresses_are_refused_with_a_reason(old_path, new_path, expected):
    assert errors(old_path, new_path) == expected


def test_a_target_that_redirects_back_is_a_loop():
    Redirect.objects.create(old_path="/b/", new_path="/a/")
    assert errors("/a/", "/b/") == {"new_path": ["loop"]}


def test_an_address_with_a_live_page_is_refused():
    make_article(slug="steady")
    make_section(slug="city")
    assert errors("/articles/steady/", "/") == {"old_path": ["live"]}
    assert errors("/sections/city/feed/", "/") == {"old_path": ["live"]}
    assert errors("/", "/sections/city/") == {"old_path": ["live"]}


def test_an_address_whose_story_is_a_draft_may_redirect():
    make_article(slug="not-yet", status="draft")
    form = RedirectForm({"old_path": "/articles/not-yet/", "new_path": "/"})
    assert form.is_valid(), form.errors


def test_an_old_address_taken_twice_is_refused():
    Redirect.objects.create(old_path="/old/", new_path="/a/")
    assert errors("/old/", "/b/") == {"old_path": ["unique"]}


def test_changing_a_target_checks_the_loop_with_the_rows_old_address():
    redirect = Redirect.objects.create(old_path="/a/", new_path="/c/")
    Redirect.objects.create(old_path="/b/", new_path="/a/")
    form = RedirectForm({"new_path": "/b/"}, instance=redirect)
    form.fields.pop("old_path")  # read-only on the change form
    assert not form.is_valid()
    assert form.errors.as_data()["new_path"][0].code == "loop"
