import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from masthead.articles.models import Article
from masthead.editorial import revisions
from masthead.editorial.diff import field_changes
from masthead.editorial.models import Revision
from masthead.testing import make_article, make_section

pytestmark = pytest.mark.django_db


def test_field_changes_show_added_and_removed_lines_only_for_changed_fields():
    old = {"title": "Dam holds", "body": "One.\nTwo."}
    new = {"title": "Dam holds", "body": "One.\nThree."}
    [change] = field_changes(old, new, {"title": "Headline", "body": "Body"})
    assert change.label == "Body"
    assert ("-", "Two.") in change.lines and ("+", "Three.") in change.lines


def edited(article, user, **fields):
    for name, value in fields.items():
        setattr(article, name, value)
    article.save()
    return revisions.record(article=article, user=user)


def test_editors_compare_two_revisions_as_an_escaped_diff(client, make_user):
    editor = make_user("Editor")
    article = make_article(status=Article.Status.DRAFT, section=make_section())
    first = edited(article, editor, body="The council met.")
    second = edited(article, editor, body="The council met <script>x()</script>.")
    client.force_login(editor)
    url = reverse("admin:articles_article_revisions", args=[article.pk])
    html = client.get(url, {"a": first.pk, "b": second.pk}).content.decode()
    assert "<del>- The council met.</del>" in html
    assert "<ins>+ The council met &lt;script&gt;x()&lt;/script&gt;.</ins>" in html


def test_restoring_a_revision_brings_back_its_words_as_a_new_revision(
    client, make_user
):
    editor = make_user("Editor")
    article = make_article(status=Article.Status.DRAFT, section=make_section())
    first = edited(article, editor, title="Original headline")
    edited(article, editor, title="Worse headline")
    client.force_login(editor)
    client.post(reverse("admin:articles_article_restore", args=[article.pk, first.pk]))
    article.refresh_from_db()
    assert article.title == "Original headline"
    latest = Revision.objects.filter(article=article).first()
    assert latest.note == f"Restored revision {first.pk}" and latest.user == editor
    assert Revision.objects.filter(article=article).count() == 3


def test_restoring_does_not_change_the_state(make_user):
    editor = make_user("Editor")
    article = make_article(status=Article.Status.DRAFT)
    draft = revisions.record(article=article, user=editor)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    revisions.restore(revision=Revision.objects.get(pk=draft.pk), user=editor)
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_someone_elses_contributor_cannot_see_or_restore_revisions(client, make_user):
    article = make_article(status=Article.Status.DRAFT, created_by=make_user("Author"))
    revision = revisions.record(article=article, user=None)
    intruder = make_user("Contributor")
    client.force_login(intruder)
    url = reverse("admin:articles_article_revisions", args=[article.pk])
    assert client.get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        revisions.restore(revision=revision, user=intruder)
