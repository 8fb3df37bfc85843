"""Staff pages while the database is away (issue 24, item 8; found by
bench/faults.py's postgres fault): a 503 that says so and gives back every
field a form sent, never a 500. The outage is real on the PostgreSQL run (the
server refuses the site's connections); the handler's own rules are checked
on both databases through a view that meets the same error."""

import html

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import path, reverse

from masthead.testing import database_away, make_article, sign_in_editor

pytestmark = pytest.mark.django_db(transaction=True)


def database_gone(request):
    raise OperationalError("connection refused")


def a_bug(request):
    raise ValueError("a bug, not an outage")


urlpatterns = [path("gone/", database_gone), path("bug/", a_bug)]
handler500 = "masthead.site.outages.server_error"  # as masthead/urls.py sets it


@pytest.fixture
def browser():
    # Django's test client re-raises a view's exception by default; a browser
    # gets whatever handler500 makes of it.
    return Client(raise_request_exception=False)


@pytest.fixture
def editor(browser):
    return sign_in_editor(browser, "night-desk")


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs a database server to lose (the PostgreSQL run)")
    yield
    connection.close()
    connection.close_pool()


@pytest.mark.usefixtures("postgresql_only")
def test_a_staff_page_during_an_outage_is_a_503_saying_so(browser, editor):
    with database_away():
        response = browser.get(reverse("admin:index"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "The database does not answer" in page
    assert "Traceback" not in page and connection.settings_dict["NAME"] not in page


@pytest.mark.usefixtures("postgresql_only")
def test_a_save_during_an_outage_gives_back_the_editors_text(browser, editor):
    article = make_article(title="Bridge vote", body="Old body.")
    typed = "The council voted 7–2 to rebuild the footbridge <before> spring."
    form = {"title": "Bridge vote, final", "body": typed,
            "csrfmiddlewaretoken": "not-to-be-shown", "password": "hunter2"}  # fmt: skip
    url = reverse("admin:articles_article_change", args=[article.pk])
    with database_away():
        response = browser.post(url, form)
    assert response.status_code == 503
    page = response.content.decode()
    assert typed in html.unescape(page)
    assert "&lt;before&gt;" in page  # escaped, as every user string is
    assert "Bridge vote, final" in page
    assert "not-to-be-shown" not in page and "hunter2" not in page
    article.refresh_from_db()
    assert article.body == "Old body."


@pytest.mark.urls(__name__)
def test_the_database_error_is_a_503_on_either_database(browser):
    response = browser.post("/gone/", {"standfirst": "Kept words", "empty": " "})
    assert response.status_code == 503
    page = response.content.decode()
    assert "Kept words" in page
    assert 'for="typed-1">standfirst<' in page
    assert "typed-2" not in page  # blank fields are not given back


@pytest.mark.urls(__name__)
def test_any_other_error_is_still_the_500_page(browser):
    response = browser.get("/bug/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "a bug, not an outage" not in response.content.decode()
