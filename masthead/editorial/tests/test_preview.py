from unittest import mock

import pytest
from django.urls import reverse

from masthead.articles.models import Article
from masthead.editorial import preview
from masthead.testing import make_article

# Each test runs with the caches off and as production runs them (conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_path")]


@pytest.fixture
def draft():
    return make_article(status=Article.Status.DRAFT, title="Secret budget draft")


def test_editors_preview_a_draft_as_readers_will_see_it(client, make_user, draft):
    client.force_login(make_user("Editor"))
    response = client.get(reverse("admin:articles_article_preview", args=[draft.pk]))
    assert response.status_code == 200
    assert '<h1 id="story-title" class="story__title">Secret budget draft</h1>' in (
        response.content.decode()
    )
    assert "no-store" in response["Cache-Control"]


def test_a_signed_link_shows_that_draft_to_someone_without_an_account(client, draft):
    url = reverse(
        "editorial:shared_preview", kwargs={"token": preview.make_token(draft)}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "Secret budget draft" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get(draft.get_absolute_url()).status_code == 404  # nothing else


def test_a_tampered_link_shows_nothing(client, draft):
    other = make_article(status=Article.Status.DRAFT)
    token = preview.make_token(draft).replace(str(draft.pk), str(other.pk), 1)
    url = reverse("editorial:shared_preview", kwargs={"token": token})
    assert client.get(url).status_code == 404


def test_an_expired_link_shows_nothing(client, draft, settings):
    settings.MASTHEAD_PREVIEW_LINK_MAX_AGE = 60
    token = preview.make_token(draft)
    with mock.patch("time.time", return_value=__import__("time").time() + 120):
        response = client.get(
            reverse("editorial:shared_preview", kwargs={"token": token})
        )
    assert response.status_code == 404


def test_a_contributor_cannot_preview_someone_elses_draft(client, make_user, draft):
    client.force_login(make_user("Contributor"))
    response = client.get(reverse("admin:articles_article_preview", args=[draft.pk]))
    assert response.status_code == 403
