"""writes.py: rows written in bulk are the rows a save would have left."""

import pytest

from masthead.articles.models import Article, BodyReference
from masthead.wordpress.importer import import_file

from .wxr import THEME, fixture

pytestmark = pytest.mark.django_db

DERIVED = ("body_html", "story", "word_count", "reading_minutes")


def test_imported_articles_hold_what_their_save_would_derive():
    """The writer renders bodies from rows, without an Article a post: each
    derived column must still be what Article.derive() gives for the body."""
    import_file(fixture(THEME))
    articles = list(Article.objects.all())
    assert len(articles) > 50
    for article in articles:
        written = [getattr(article, name) for name in DERIVED]
        article.derive()
        assert written == [getattr(article, name) for name in DERIVED], article.slug


def test_imported_articles_take_a_new_articles_defaults():
    import_file(fixture(THEME))
    fresh = Article()
    for name in ("revised_at", "created_by_id", "version"):
        values = {getattr(article, name) for article in Article.objects.all()}
        assert values == {getattr(fresh, name)}


def test_each_body_reference_is_recorded_against_its_article():
    import_file(fixture(THEME))
    assert BodyReference.objects.exists()
    for article in Article.objects.exclude(body=""):
        article.render_body()
        recorded = set(
            BodyReference.objects.filter(article=article).values_list("kind", "key")
        )
        assert recorded == set(article.body_references_wanted), article.slug
