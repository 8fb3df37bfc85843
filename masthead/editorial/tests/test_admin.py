"""The same permission matrix, through the admin over HTTP (server-side checks)."""

import pytest
from django.urls import reverse

from masthead.articles.models import Article, Correction, Section, Tag
from masthead.editorial.models import Revision
from masthead.testing import make_article, make_comment, make_section

from . import matrix

S = Article.Status
pytestmark = pytest.mark.django_db


def change_form_data(article, **changes):
    """What the admin's article form posts, with both inlines' management forms."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "section": article.section_id or "",
        "comments_enabled": "on",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def attempt_in_admin(client, action, user, other):
    if action in matrix.TRANSITIONS:
        whose, start, name, target = matrix.TRANSITIONS[action]
        article = matrix.article_for(whose, start, user=user, other=other)
        url = reverse("admin:articles_article_transition", args=[article.pk])
        at = matrix.future().strftime("%Y-%m-%dT%H:%M")
        client.post(url, {"name": name, "at": at})
        return Article.objects.get(pk=article.pk).status == target
    if action in matrix.EDITS:
        article = matrix.article_for(*matrix.EDITS[action], user=user, other=other)
        url = reverse("admin:articles_article_change", args=[article.pk])
        client.post(url, change_form_data(article, title="Edited headline"))
        return Article.objects.get(pk=article.pk).title == "Edited headline"
    if action == "add_correction":
        article = make_article(created_by=other, section=make_section())
        url = reverse("admin:articles_article_change", args=[article.pk])
        client.post(
            url,
            change_form_data(
                article,
                **{
                    "corrections-TOTAL_FORMS": "1",
                    "corrections-0-kind": "correction",
                    "corrections-0-text": "We got the date wrong.",
                },
            ),
        )
        return Correction.objects.filter(article=article).exists()
    if action == "moderate_comments":
        comment = make_comment(make_article(), status="pending")
        client.post(
            reverse("admin:comments_comment_changelist"),
            {
                "action": "delete_selected",
                "_selected_action": [comment.pk],
                "post": "yes",
            },
        )
        return not type(comment).objects.filter(pk=comment.pk).exists()
    model, name = {
        "manage_sections": (Section, "Sports desk"),
        "manage_tags": (Tag, "Flooding"),
    }[action]
    url = reverse(f"admin:articles_{model._meta.model_name}_add")
    client.post(
        url,
        {
            "name": name,
            "slug": name.lower().replace(" ", "-"),
            "position": 0,
            "in_navigation": "on",
        },
    )
    return model.objects.filter(name=name).exists()


@pytest.mark.parametrize(("role", "action", "allowed"), matrix.CASES)
def test_permission_matrix_in_the_admin(client, make_user, role, action, allowed):
    user, other = make_user(role), make_user("Contributor")
    client.force_login(user)
    assert attempt_in_admin(client, action, user, other) is allowed


def test_contributors_see_only_their_own_articles(client, make_user):
    contributor = make_user("Contributor")
    mine = make_article(status=S.DRAFT, created_by=contributor, title="My own draft")
    make_article(status=S.DRAFT, created_by=make_user("Author"), title="Someone else's")
    client.force_login(contributor)
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert mine.title in html
    assert "Someone else" not in html


def test_status_cannot_be_set_through_the_form(client, make_user):
    contributor = make_user("Contributor")
    article = make_article(status=S.DRAFT, created_by=contributor)
    client.force_login(contributor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(
        url,
        change_form_data(article, status="published", published_at="2020-01-01 00:00"),
    )
    article.refresh_from_db()
    assert article.status == S.DRAFT and article.published_at is None


def test_a_new_article_belongs_to_its_writer_and_keeps_a_revision(client, make_user):
    contributor = make_user("Contributor")
    client.force_login(contributor)
    client.post(
        reverse("admin:articles_article_add"),
        change_form_data(
            Article(
                title="Fresh story",
                slug="fresh-story",
                body="Words.",
                section=make_section(),
            ),
        ),
    )
    article = Article.objects.get(slug="fresh-story")
    assert article.created_by == contributor and article.status == S.DRAFT
    assert Revision.objects.get(article=article).user == contributor


def test_the_change_page_offers_only_allowed_transitions(client, make_user):
    contributor = make_user("Contributor")
    article = make_article(status=S.DRAFT, created_by=contributor)
    client.force_login(contributor)
    html = client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    assert "Submit for review" in html
    assert "Publish now" not in html


def test_bulk_publish_action_refuses_what_the_role_may_not_do(client, make_user):
    author = make_user("Author")
    own = make_article(status=S.IN_REVIEW, created_by=author)
    client.force_login(author)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "publish",
            "_selected_action": [own.pk],
        },
        follow=True,
    )
    assert Article.objects.get(pk=own.pk).status == S.PUBLISHED
    assert "published" in response.content.decode()


def test_scheduling_from_the_change_page_without_a_time_is_refused(client, make_user):
    editor = make_user("Editor")
    article = make_article(status=S.DRAFT)
    client.force_login(editor)
    url = reverse("admin:articles_article_transition", args=[article.pk])
    response = client.post(url, {"name": "schedule", "at": ""}, follow=True)
    assert "Choose a publication time in the future" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == S.DRAFT
