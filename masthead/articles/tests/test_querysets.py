from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from masthead.articles.models import Article, Correction
from masthead.testing import make_article, make_person, make_section, make_tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    article = make_article(
        slug="council-budget",
        section=make_section("Local News"),
        authors=[make_person("Walt Hargrove"), make_person("Maren Okafor")],
        tags=[make_tag("Budget"), make_tag("Council")],
    )
    Correction.objects.create(
        article=article, text="An earlier version misstated the vote."
    )
    Correction.objects.create(article=article, text="The meeting was on Tuesday.")
    # As editorial.services.add_correction does: a correction moves "Updated".
    Article.objects.filter(pk=article.pk).update(revised_at=timezone.now())
    return article


def page_rows(rows):
    return (
        rows.article.section.name,
        [b.person.name for b in rows.bylines],
        [t.name for t in rows.tags],
        [c.text for c in rows.corrections],
    )


def listed_rows(article):
    """The same rows through Django's own prefetching, to compare with."""
    return (
        article.section.name,
        [b.person.name for b in article.bylines.all()],
        [t.name for t in article.tags.all()],
        [c.text for c in article.corrections.all()],
    )


def test_published_rows_are_the_rows_for_page_prefetches(
    story, django_assert_num_queries
):
    with django_assert_num_queries(4):
        single = Article.objects.published_rows("council-budget")
    with django_assert_num_queries(0):
        rows = page_rows(single)

    listed = Article.objects.published().for_page().get(slug="council-budget")
    assert rows == listed_rows(listed)
    assert rows[1] == ["Walt Hargrove", "Maren Okafor"]  # byline order, not name order
    assert single.article.hero_image_id == listed.hero_image_id


def test_published_rows_are_frozen():
    """Shared by every request until a purge: nothing may be written onto them."""
    import dataclasses

    make_article(slug="fresh")
    rows = Article.objects.published_rows("fresh")
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows.tags = ()
    assert not hasattr(rows.article, "_prefetched_objects_cache")


def test_an_article_never_revised_skips_the_corrections_query(
    django_assert_num_queries,
):
    make_article(slug="fresh", tags=[make_tag("Budget")])
    with django_assert_num_queries(3):
        fresh = Article.objects.published_rows("fresh")
    assert fresh.corrections == ()
    assert [t.name for t in fresh.tags] == ["Budget"]


def test_published_rows_sees_an_edit_at_once(story):
    Article.objects.published_rows("council-budget")  # compiles and runs once
    Article.objects.filter(pk=story.pk).update(title="Budget passes")
    story.tags.add(make_tag("Schools"))
    Correction.objects.create(article=story, text="A third correction.")
    again = Article.objects.published_rows("council-budget")
    assert again.article.title == "Budget passes"
    assert [t.name for t in again.tags] == ["Budget", "Council", "Schools"]
    assert len(again.corrections) == 3


def test_published_rows_hides_an_article_until_its_embargo_lifts(story):
    later = timezone.now() + timedelta(hours=2)
    Article.objects.filter(pk=story.pk).update(
        status=Article.Status.SCHEDULED, published_at=later
    )
    with pytest.raises(Article.DoesNotExist):
        Article.objects.published_rows("council-budget")
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert Article.objects.published_rows("council-budget").article.pk == story.pk


def test_published_rows_tells_articles_apart_by_slug(story):
    other = make_article(slug="school-board", tags=[make_tag("Schools")])
    assert Article.objects.published_rows("school-board").article.pk == other.pk
    assert [
        t.name for t in Article.objects.published_rows("school-board").tags
    ] == ["Schools"]
    with pytest.raises(Article.DoesNotExist):
        Article.objects.published_rows("no-such-story")


def test_published_rows_raises_for_an_unpublished_article(story):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
    with pytest.raises(Article.DoesNotExist):
        Article.objects.published_rows("council-budget")
