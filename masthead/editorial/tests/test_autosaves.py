"""Unsaved text kept per editor and article, never written to the article."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from masthead.articles.models import Article
from masthead.editorial import autosaves
from masthead.editorial.models import Autosave
from masthead.testing import make_article

pytestmark = pytest.mark.django_db
TEXT = {"title": "Draft headline", "standfirst": "", "body": "Words typed, not saved."}


def test_kept_text_is_offered_back_to_its_editor_only(make_user):
    article = make_article(status=Article.Status.DRAFT)
    ana, ben = make_user("Editor"), make_user("Editor")
    autosaves.keep(user=ana, article=article, text=TEXT, base_version=article.version)
    offered = autosaves.offer(user=ana, article=article)
    assert offered.body == TEXT["body"] and offered.base_version == article.version
    assert autosaves.offer(user=ben, article=article) is None


def test_keeping_text_never_changes_or_publishes_the_article(make_user):
    article = make_article(status=Article.Status.DRAFT)
    before = Article.objects.get(pk=article.pk)
    autosaves.keep(user=make_user("Editor"), article=article, text=TEXT)
    after = Article.objects.get(pk=article.pk)
    fields = ("body", "title", "status", "version", "modified_at")
    assert [getattr(after, f) for f in fields] == [getattr(before, f) for f in fields]


def test_each_keep_replaces_the_last_one(make_user):
    article = make_article(status=Article.Status.DRAFT)
    ana = make_user("Editor")
    autosaves.keep(user=ana, article=article, text=TEXT)
    autosaves.keep(user=ana, article=article, text={**TEXT, "body": "Newer words."})
    assert Autosave.objects.get().body == "Newer words."


def test_text_the_article_already_has_is_not_offered(make_user):
    article = make_article(status=Article.Status.DRAFT)
    ana = make_user("Editor")
    same = {name: getattr(article, name) for name in ("title", "standfirst", "body")}
    autosaves.keep(user=ana, article=article, text=same)
    assert autosaves.offer(user=ana, article=article) is None


def test_a_new_story_has_its_own_autosave(make_user):
    ana = make_user("Contributor")
    autosaves.keep(user=ana, article=None, text=TEXT)
    autosaves.keep(user=ana, article=None, text={**TEXT, "title": "Second go"})
    assert autosaves.offer(user=ana, article=None).title == "Second go"
    autosaves.discard(user=ana, article=None)
    assert not Autosave.objects.exists()


def test_only_those_who_may_edit_the_story_keep_text_for_it(make_user):
    article = make_article(status=Article.Status.DRAFT)  # someone else's
    with pytest.raises(PermissionDenied):
        autosaves.keep(user=make_user("Contributor"), article=article, text=TEXT)


def test_over_long_text_is_refused_not_cut(make_user):
    article = make_article(status=Article.Status.DRAFT)
    long = {**TEXT, "body": "x" * (autosaves.LIMITS["body"] + 1)}
    with pytest.raises(ValidationError):
        autosaves.keep(user=make_user("Editor"), article=article, text=long)
    assert not Autosave.objects.exists()
