"""The index follows each article through publish, edit, unpublish and delete."""

import pytest

from masthead.articles.models import Article
from masthead.search import backends
from masthead.search.models import SearchEntry
from masthead.testing import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a block schedules with on_commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def found(text):
    return [hit.article.pk for hit in backends.search(text).object_list]


def test_publishing_a_draft_adds_it_to_the_index(committed):
    with committed():
        article = make_article(title="Glacier melt study", status=Article.Status.DRAFT)
    assert not SearchEntry.objects.filter(pk=article.pk).exists()
    with committed():
        article.status = Article.Status.PUBLISHED
        article.published_at = article.created_at
        article.save()
    assert found("glacier") == [article.pk]


def test_an_edit_replaces_the_indexed_words(committed):
    with committed():
        article = make_article(title="Glacier melt study")
    with committed():
        article.title = "Volcano eruption study"
        article.save()
    assert found("volcano") == [article.pk]
    assert found("glacier") == []
    assert SearchEntry.objects.filter(pk=article.pk).count() == 1


def test_unpublishing_removes_the_entry(committed):
    with committed():
        article = make_article(title="Glacier melt study")
    with committed():
        article.status = Article.Status.UNPUBLISHED
        article.save()
    assert not SearchEntry.objects.filter(pk=article.pk).exists()
    assert found("glacier") == []


def test_deleting_removes_the_entry(committed):
    with committed():
        article = make_article(title="Glacier melt study")
    pk = article.pk
    with committed():
        article.delete()
    assert not SearchEntry.objects.filter(pk=pk).exists()


def test_a_rolled_back_save_never_reaches_the_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article = make_article(title="Glacier melt study")
    assert callbacks  # scheduled for the commit that never happened here
    assert not SearchEntry.objects.filter(pk=article.pk).exists()


def test_cached_results_pages_are_purged_after_the_index_changes(
    client, committed, settings
):
    settings.MASTHEAD_PAGE_CACHE = True
    with committed():
        make_article(title="Glacier melt study")
    assert (
        "Glacier melt study"
        in client.get("/search/", {"q": "glacier"}).content.decode()
    )
    assert client.get("/search/", {"q": "glacier"})["X-Cache"] == "HIT"
    with committed():
        make_article(title="Glacier retreat report")
    response = client.get("/search/", {"q": "glacier"})
    assert response["X-Cache"] == "MISS"
    assert "Glacier retreat report" in response.content.decode()
