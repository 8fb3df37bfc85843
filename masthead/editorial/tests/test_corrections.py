import pytest
from django.urls import reverse

from masthead.articles.models import Article, Correction
from masthead.editorial import services
from masthead.testing import make_article

pytestmark = pytest.mark.django_db


def test_a_correction_shows_at_the_foot_of_the_article_with_its_time(client, make_user):
    article = make_article()
    note = services.add_correction(
        article=article,
        user=make_user("Editor"),
        text="An earlier version misnamed the mayor.",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'id="correction-{note.pk}"' in html
    assert "An earlier version misnamed the mayor." in html
    # to the second: HTML allows no more than three digits of a fraction
    assert f'datetime="{note.created_at.isoformat(timespec="seconds")}"' in html


def test_the_corrections_page_lists_only_published_articles_notes(client, make_user):
    editor = make_user("Editor")
    live = make_article(title="Live story")
    services.add_correction(
        article=live, user=editor, text="Fixed the date.", kind=Correction.Kind.UPDATE
    )
    withdrawn = make_article(title="Withdrawn story")
    services.add_correction(article=withdrawn, user=editor, text="Hidden note.")
    services.unpublish(article=withdrawn, user=editor)
    html = client.get(reverse("editorial:corrections")).content.decode()
    assert "Fixed the date." in html and "Update" in html
    assert "Hidden note." not in html
    assert list(Correction.objects.recent().values_list("text", flat=True)) == [
        "Fixed the date."
    ]


def test_recent_corrections_is_one_query_however_many(
    django_assert_num_queries, make_user
):
    """Feeds and JSON-LD read corrections with their article: no per-row query."""
    editor = make_user("Editor")
    for _ in range(5):
        services.add_correction(article=make_article(), user=editor, text="Note.")
    with django_assert_num_queries(1):
        titles = [note.article.title for note in Correction.objects.recent()]
    assert len(titles) == 5 and Article.objects.count() == 5
