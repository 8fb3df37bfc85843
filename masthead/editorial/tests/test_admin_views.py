"""The editor's screen and the editors' dashboard."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from masthead.articles.models import Article
from masthead.editorial import services
from masthead.testing import make_article, make_comment

pytestmark = pytest.mark.django_db
PREVIEW = "admin:articles_article_markdown_preview"


def test_the_live_preview_renders_sanitized_markdown_with_counts(client, make_user):
    client.force_login(make_user("Contributor"))
    body = "Hello **river**.\n\n<script>alert(1)</script>"
    data = client.post(reverse(PREVIEW), {"body": body}).json()
    assert "<strong>river</strong>" in data["html"] and "<script>" not in data["html"]
    assert data["words"] >= 2 and "min read" in data["reading_time"].lower()


def test_the_live_preview_is_for_staff_only(client):
    response = client.post(reverse(PREVIEW), {"body": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_change_page_shows_the_pre_publish_checklist(client, make_user):
    editor = make_user("Editor")
    article = make_article(status=Article.Status.DRAFT, standfirst="")
    client.force_login(editor)
    html = client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    assert (
        "Before publishing" in html
        and "Standfirst written: One or two sentences" in html
    )
    assert "editorial/editor.js" in html


def test_the_dashboard_shows_states_queue_comments_and_corrections(client, make_user):
    editor = make_user("Editor")
    soon = timezone.now() + timedelta(hours=3)
    make_article(
        status=Article.Status.SCHEDULED, published_at=soon, title="Embargoed budget"
    )
    make_article(status=Article.Status.IN_REVIEW, title="Needs a look")
    live = make_article(title="Fresh story")
    make_comment(live, status="pending")
    services.add_correction(article=live, user=editor, text="Fixed.")
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_dashboard")).content.decode()
    for expected in (
        "Embargoed budget",
        "Needs a look",
        "Fresh story",
        "Comments awaiting moderation</a></th><td>1",
        "Correction on",
    ):
        assert expected in html


def test_a_contributors_dashboard_counts_only_their_own_articles(client, make_user):
    contributor = make_user("Contributor")
    make_article(status=Article.Status.DRAFT, created_by=contributor, title="Mine")
    make_article(status=Article.Status.IN_REVIEW, title="Not mine")
    client.force_login(contributor)
    html = client.get(reverse("admin:articles_article_dashboard")).content.decode()
    assert "Not mine" not in html
