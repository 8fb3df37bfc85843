"""The writing screen's endpoints: autosave and heartbeat, take over, discard,
the live preview of unsaved text, and what the article form shows."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from masthead.articles.models import Article
from masthead.editorial import autosaves, locks
from masthead.editorial.models import Autosave, EditLock
from masthead.testing import make_article, make_section

from .test_admin import change_form_data

pytestmark = pytest.mark.django_db
TEXT = {"title": "Typed headline", "standfirst": "", "body": "Typed, not saved."}


def url(name, article=None):
    if article is None:
        return reverse(f"admin:articles_article_{name}")
    return reverse(f"admin:articles_article_{name}", args=[article.pk])


@pytest.fixture
def ana(make_user):
    user = make_user("Editor")
    user.first_name, user.last_name = "Ana", "Ruiz"
    user.save()
    return user


@pytest.fixture
def draft():
    return make_article(status=Article.Status.DRAFT, section=make_section())


def test_autosave_keeps_the_text_and_claims_the_story(client, ana, draft):
    client.force_login(ana)
    answer = client.post(url("autosave_of", draft), TEXT).json()
    assert "saved_at" in answer and answer["lock"]["mine"] is True
    assert Autosave.objects.get(user=ana, article=draft).body == TEXT["body"]
    assert Article.objects.get(pk=draft.pk).body == draft.body


def test_a_heartbeat_without_text_keeps_nothing(client, ana, draft):
    client.force_login(ana)
    answer = client.post(url("autosave_of", draft)).json()
    assert "saved_at" not in answer and not Autosave.objects.exists()
    assert EditLock.objects.get(article=draft).user == ana


def test_the_heartbeat_names_the_editor_holding_the_story(
    client, make_user, ana, draft
):
    locks.heartbeat(article=draft, user=ana)
    client.force_login(make_user("Editor"))
    lock = client.post(url("autosave_of", draft), TEXT).json()["lock"]
    assert lock["mine"] is False and lock["editor"] == "Ana Ruiz"


def test_leaving_the_page_frees_the_story(client, ana, draft):
    client.force_login(ana)
    client.post(url("autosave_of", draft))
    client.post(url("autosave_of", draft), {**TEXT, "leaving": "1"})
    assert not EditLock.objects.exists() and Autosave.objects.exists()


def test_autosave_is_csrf_protected(ana, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(ana)
    assert client.post(url("autosave_of", draft), TEXT).status_code == 403
    client.get(url("change", draft))  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        url("autosave_of", draft), {**TEXT, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200


def test_autosave_checks_who_may_edit_the_story(client, make_user, draft):
    assert client.post(url("autosave_of", draft), TEXT).status_code == 302  # to log in
    client.force_login(make_user("Contributor"))  # not their story
    assert client.post(url("autosave_of", draft), TEXT).status_code == 403
    assert client.get(url("autosave_of", draft)).status_code == 405
    assert not Autosave.objects.exists()


def test_autosave_refuses_over_long_text(client, ana, draft):
    client.force_login(ana)
    response = client.post(url("autosave_of", draft), {"body": "x" * 500_001})
    assert response.status_code == 400 and "Too long" in response.json()["error"]


def test_the_change_page_says_who_is_editing_with_take_over(
    client, make_user, ana, draft
):
    locks.heartbeat(article=draft, user=ana)
    client.force_login(make_user("Editor"))
    html = client.get(url("change", draft)).content.decode()
    assert "<strong>Ana Ruiz</strong> is editing since" in html
    assert 'form="desk-take-over"' in html and url("take_over", draft) in html


def test_take_over_moves_the_lock_with_or_without_javascript(
    client, make_user, ana, draft
):
    locks.heartbeat(article=draft, user=ana)
    ben = make_user("Editor")
    client.force_login(ben)
    response = client.post(url("take_over", draft))
    assert response.status_code == 302 and locks.holder(draft).user == ben
    locks.take_over(article=draft, user=ana)
    answer = client.post(url("take_over", draft), HTTP_X_REQUESTED_WITH="fetch").json()
    assert answer["lock"]["mine"] is True


def test_unsaved_text_is_offered_back_and_can_be_discarded(client, ana, draft):
    autosaves.keep(user=ana, article=draft, text=TEXT, base_version=draft.version)
    client.force_login(ana)
    html = client.get(url("change", draft)).content.decode()
    assert "You have unsaved text from" in html and "Typed, not saved." in html
    assert client.post(url("discard_of", draft)).status_code == 302
    assert (
        "You have unsaved text" not in client.get(url("change", draft)).content.decode()
    )


def test_the_add_page_offers_the_new_storys_unsaved_text(client, ana):
    autosaves.keep(user=ana, article=None, text=TEXT)
    client.force_login(ana)
    assert "You have unsaved text from" in client.get(url("add")).content.decode()
    client.post(url("discard"), HTTP_X_REQUESTED_WITH="fetch")
    assert not Autosave.objects.exists()


def test_saving_the_story_forgets_its_unsaved_text(client, ana, draft):
    autosaves.keep(user=ana, article=draft, text=TEXT)
    client.force_login(ana)
    data = change_form_data(draft, edited_version=draft.version, body="Saved now.")
    assert client.post(url("change", draft), data).status_code == 302
    assert not Autosave.objects.exists()


def test_the_form_carries_the_version_it_was_opened_on(client, ana, draft):
    client.force_login(ana)
    html = client.get(url("change", draft)).content.decode()
    assert f'name="edited_version" value="{draft.version}"' in html


def test_the_live_preview_is_the_article_page_for_unsaved_text(client, ana, draft):
    client.force_login(ana)
    response = client.post(
        url("live_preview_of", draft), {**TEXT, "body": "Hello **river**."}
    )
    html = response.content.decode()
    assert '<h1 id="story-title" class="story__title">Typed headline</h1>' in html
    assert "<strong>river</strong>" in html and "masthead/site.css" in html
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert Article.objects.get(pk=draft.pk).title == draft.title  # nothing saved


def test_a_published_storys_preview_is_not_its_kept_page(client, ana, settings):
    settings.MASTHEAD_ROW_MEMO = True
    story = make_article(title="As published")
    assert "As published" in client.get(story.get_absolute_url()).content.decode()
    client.force_login(ana)
    html = client.post(url("live_preview_of", story), TEXT).content.decode()
    assert "Typed headline" in html and "As published</h1>" not in html


def test_the_live_preview_of_a_new_story_and_who_may_see_it(client, make_user, draft):
    client.force_login(make_user("Contributor"))
    html = client.post(url("live_preview"), TEXT).content.decode()
    assert "Typed headline</h1>" in html
    assert client.post(url("live_preview_of", draft), TEXT).status_code == 403


def test_times_are_shown_and_taken_in_the_sites_zone(client, ana, draft, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    client.force_login(ana)
    html = client.get(url("change", draft)).content.decode()
    assert "Times are in Europe/Berlin." in html
    assert 'id="workflow-at-zone"' in html
    client.post(
        url("transition", draft), {"name": "schedule", "at": "2030-06-01T09:00"}
    )
    scheduled = Article.objects.get(pk=draft.pk).published_at
    assert scheduled == datetime(2030, 6, 1, 7, 0, tzinfo=UTC)  # CEST is UTC+2
