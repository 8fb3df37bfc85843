from datetime import timedelta

import pytest
from django.db import models
from django.db.models import Count
from django.utils import timezone

from masthead.articles.models import Article, Section
from masthead.core.prepared import Param, PreparedQuery
from masthead.pagecache import dependencies
from masthead.pagecache import tags as page_tags
from masthead.testing import make_article, make_image, make_section

pytestmark = pytest.mark.django_db

BY_SLUG = PreparedQuery(
    lambda: Article.objects.select_related("section", "hero_image").filter(
        slug=Param("slug")
    )
)
PUBLISHED_SINCE = PreparedQuery(
    lambda: Article.objects.filter(
        published_at__gte=Param("since", models.DateTimeField())
    ).values_list("slug", flat=True)
)
SECTION_ROWS = PreparedQuery(
    lambda: Section.objects.filter(position__gte=Param("position")).values_list(
        "name", "position", named=True
    )
)


@pytest.fixture
def stories():
    local = make_section("Local News")
    hero = make_image(credit="Photo: Dana Ruiz")
    older = make_article(
        slug="older", section=local, published_at=timezone.now() - timedelta(days=3)
    )
    newer = make_article(
        slug="newer",
        section=None,
        hero_image=hero,
        published_at=timezone.now() - timedelta(hours=1),
    )
    return older, newer


def test_instances_match_the_querysets_own(stories):
    for slug in ("older", "newer"):
        prepared = BY_SLUG.get(slug=slug)
        plain = Article.objects.select_related("section", "hero_image").get(slug=slug)
        assert fields(prepared) == fields(plain)
        assert fields(prepared.section) == fields(plain.section)
        assert fields(prepared.hero_image) == fields(plain.hero_image)


def test_each_run_takes_its_own_values_in_one_query(stories, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert BY_SLUG.get(slug="older").section.name == "Local News"
    with django_assert_num_queries(1):
        assert BY_SLUG.get(slug="newer").hero_image.credit == "Photo: Dana Ruiz"


def test_postgresql_parses_a_query_run_often_only_once(stories):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("server-side prepared statements are PostgreSQL's")
    for _ in range(6):  # psycopg prepares a statement on its fifth run
        BY_SLUG.get(slug="older")
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('FROM "articles_article"' in sql for sql in prepared), prepared


def test_datetime_values_are_adapted_for_the_database(stories):
    yesterday = timezone.now() - timedelta(days=1)
    assert PUBLISHED_SINCE.all(since=yesterday) == ["newer"]
    week_ago = timezone.now() - timedelta(days=7)
    assert sorted(PUBLISHED_SINCE.all(since=week_ago)) == ["newer", "older"]


def test_named_rows_carry_their_field_names():
    make_section("Sports", position=2)
    make_section("Arts", position=5)
    assert SECTION_ROWS.all(position=3) == [("Arts", 5)]
    (row,) = SECTION_ROWS.all(position=3)
    assert (row.name, row.position) == ("Arts", 5)


def test_get_refuses_none_or_several(stories):
    with pytest.raises(Article.DoesNotExist):
        BY_SLUG.get(slug="missing")
    several = PreparedQuery(
        lambda: Article.objects.filter(title__startswith=Param("start"))
    )
    make_article(slug="one", title="Budget vote")
    make_article(slug="two", title="Budget passes")
    with pytest.raises(Article.MultipleObjectsReturned):
        several.get(start="Budget")


def test_loaded_rows_are_recorded_for_the_page_cache(stories):
    token = dependencies.start()
    article = BY_SLUG.get(slug="older")
    recorded = dependencies.finish(token)
    assert page_tags.row(article) in recorded
    assert page_tags.row(article.section) in recorded


def test_annotated_rows_are_refused_rather_than_misread():
    annotated = PreparedQuery(
        lambda: Section.objects.annotate(n=Count("articles")).values_list("name", "n")
    )
    with pytest.raises(ValueError, match="plain fields"):
        annotated.all()


def test_instances_carry_their_annotations_as_the_queryset_gives_them(stories):
    with_count = PreparedQuery(
        lambda: Section.objects.filter(slug=Param("slug")).annotate(
            stories=Count("articles"),
            has_older=models.Exists(Article.objects.filter(slug=Param("older"))),
        )
    )
    slug = stories[0].section.slug
    section = with_count.get(slug=slug, older="older")
    assert (section.stories, section.has_older) == (1, True)
    assert with_count.get(slug=slug, older="nowhere").has_older is False
    expected = Section.objects.annotate(stories=Count("articles")).get(slug=slug)
    assert fields(section) == {**fields(expected), "has_older": True}


def fields(instance):
    if instance is None:
        return None
    return {k: v for k, v in vars(instance).items() if not k.startswith("_")}
