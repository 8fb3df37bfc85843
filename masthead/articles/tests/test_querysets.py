import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.articles.models import Article, Correction
from masthead.core.testing import make_article, make_person, make_section, make_tag

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
    return article


def page_rows(article):
    return (
        article.section.name,
        [b.person.name for b in article.bylines.all()],
        [t.name for t in article.tags.all()],
        [c.text for c in article.corrections.all()],
    )


def test_get_for_page_gives_the_rows_for_page_prefetches(
    story, django_assert_num_queries
):
    with django_assert_num_queries(4):
        single = Article.objects.published().get_for_page(slug="council-budget")
    with django_assert_num_queries(0):
        rows = page_rows(single)

    listed = Article.objects.published().for_page().get(slug="council-budget")
    assert rows == page_rows(listed)
    assert rows[1] == ["Walt Hargrove", "Maren Okafor"]  # byline order, not name order


def test_a_filter_on_a_loaded_relation_still_asks_the_database(story):
    single = Article.objects.get_for_page(slug="council-budget")
    with CaptureQueriesContext(connection) as queries:
        assert [t.name for t in single.tags.filter(name="Council")] == ["Council"]
    assert len(queries) == 1


def test_get_for_page_raises_for_an_unpublished_article(story):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
    with pytest.raises(Article.DoesNotExist):
        Article.objects.published().get_for_page(slug="council-budget")
