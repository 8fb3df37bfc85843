from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from masthead.articles.models import Article
from masthead.search.models import SearchEntry
from masthead.testing import make_article

pytestmark = pytest.mark.django_db


def test_rebuild_indexes_every_public_or_scheduled_article_with_progress():
    for _ in range(5):
        make_article()
    make_article(status=Article.Status.DRAFT)
    out = StringIO()
    call_command("rebuild_search_index", "--batch-size", "2", stdout=out)
    assert "2/5 articles indexed" in out.getvalue()
    assert "5/5 articles indexed" in out.getvalue()
    assert "Indexed 5 articles." in out.getvalue()
    assert SearchEntry.objects.count() == 5


def test_rebuild_drops_entries_of_articles_that_are_gone():
    article = make_article()
    call_command("rebuild_search_index", stdout=StringIO())
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    call_command("rebuild_search_index", stdout=StringIO())
    assert SearchEntry.objects.count() == 0


def test_a_bad_batch_size_is_refused_with_a_message():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("rebuild_search_index", "--batch-size", "0", stdout=StringIO())
