"""A save made on an older version is refused with who, when and a diff,
keeping the refused text (issue 20); through the admin's article form."""

import pytest
from django.urls import reverse
from django.utils import timezone

from masthead.articles.models import Article
from masthead.editorial import revisions, services
from masthead.testing import make_article, make_section

from .test_admin import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(make_user):
    ana = make_user("Editor")
    ana.first_name, ana.last_name = "Ana", "Ruiz"
    ana.save()
    article = make_article(
        status=Article.Status.DRAFT, body="The council met.", section=make_section()
    )
    return article, ana


def save(client, article, version, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return client.post(
        url, change_form_data(article, edited_version=version, **changes)
    )


def test_every_save_counts_a_version_but_a_re_render_does_not():
    article = make_article()
    version = article.version
    article.save()
    assert article.version == version + 1
    article.save(update_fields=["body_html"])
    assert Article.objects.get(pk=article.pk).version == version + 1


def test_a_save_from_the_current_version_is_made(client, make_user, story):
    article, _ = story
    client.force_login(make_user("Editor"))
    response = save(client, article, article.version, body="The council voted.")
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).body == "The council voted."


def test_a_stale_save_is_refused_naming_the_editor_with_a_diff(
    client, make_user, story
):
    article, ana = story
    opened_at = article.version
    article.body = "The council met on Tuesday."
    article.save()
    revisions.record(article=article, user=ana)
    client.force_login(make_user("Editor"))

    response = save(client, article, opened_at, body="The council met and voted.")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ana Ruiz saved this story at" in html
    assert "<del>- The council met on Tuesday.</del>" in html
    assert "<ins>+ The council met and voted.</ins>" in html
    assert ">\nThe council met and voted.</textarea>" in html  # the refused text, kept
    assert Article.objects.get(pk=article.pk).body == "The council met on Tuesday."


def test_saving_again_after_reading_the_diff_replaces_their_version(
    client, make_user, story
):
    article, ana = story
    opened_at = article.version
    article.save()
    client.force_login(make_user("Editor"))
    refused = save(client, article, opened_at, body="Mine.")
    version = refused.context["adminform"].form["edited_version"].value()
    assert int(version) == Article.objects.get(pk=article.pk).version
    assert save(client, article, version, body="Mine.").status_code == 302
    assert Article.objects.get(pk=article.pk).body == "Mine."


def test_a_change_by_the_scheduler_is_named_so(client, make_user, story):
    article, _ = story
    article.status, article.published_at = Article.Status.SCHEDULED, timezone.now()
    article.save()
    opened_at = article.version
    services.publish_due()  # the embargo lifts: the worker saves the story
    client.force_login(make_user("Editor"))
    html = save(client, article, opened_at, body="Late words.").content.decode()
    assert "The scheduler saved this story at" in html


def test_the_same_editor_in_another_window_is_told_so(client, make_user, story):
    article, _ = story
    editor = make_user("Editor")
    client.force_login(editor)
    opened_at = article.version
    assert save(client, article, opened_at, body="From one tab.").status_code == 302
    html = save(client, article, opened_at, body="From another.").content.decode()
    assert "You (in another window) saved this story" in html


def test_a_post_without_a_version_is_not_checked(client, make_user, story):
    """Scripts written before issue 20 post the form without the field."""
    article, _ = story
    client.force_login(make_user("Editor"))
    data = change_form_data(article, body="Scripted.")
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert client.post(url, data).status_code == 302
