import pytest

from masthead.people.models import PersonAlias, alias_key
from masthead.quotes.models import Quote
from masthead.testing import make_article, make_person

pytestmark = pytest.mark.django_db


def test_a_quote_links_to_its_place_in_the_article():
    article = make_article()
    quote = Quote.objects.create(article=article, text="Words")
    assert quote.get_absolute_url() == f"{article.get_absolute_url()}#quote-{quote.pk}"


def test_only_untouched_extracted_quotes_may_be_overwritten():
    article = make_article()
    assert not Quote(article=article, text="x").has_editor_fix
    assert Quote(article=article, text="x", speaker_fixed=True).has_editor_fix
    assert Quote(article=article, text="x", status=Quote.Status.REJECTED).has_editor_fix
    assert Quote(article=article, text="x", origin=Quote.Origin.EDITOR).has_editor_fix


def test_an_alias_is_unique_whatever_its_capitals():
    person = make_person("Karen Bass")
    alias = PersonAlias.objects.create(person=person, name="Mayor  Bass")
    assert alias.key == alias_key("MAYOR BASS") == "mayor bass"


def test_public_quotes_are_active_quotes_in_published_articles():
    live, draft = make_article(), make_article(status="draft")
    kept = Quote.objects.create(article=live, text="a")
    Quote.objects.create(article=live, text="b", status=Quote.Status.REJECTED)
    Quote.objects.create(article=draft, text="c")
    assert list(Quote.objects.public()) == [kept]


def test_speakers_are_ranked_by_public_quotes_with_their_latest_role():
    bass, ortiz = make_person("Karen Bass"), make_person("Ray Ortiz")
    older, newer = make_article(), make_article()
    older.published_at, newer.published_at = newer.published_at, older.published_at
    older.save(), newer.save()
    Quote.objects.create(article=older, text="a", speaker=bass, speaker_role="Councilwoman")
    Quote.objects.create(article=newer, text="b", speaker=bass, speaker_role="Mayor")
    Quote.objects.create(article=newer, text="c", speaker=ortiz)
    Quote.objects.create(article=newer, text="d", speaker=ortiz, status=Quote.Status.REJECTED)
    ranked = list(Quote.objects.public().speakers())
    assert [(p.name, p.quote_count, p.latest_role) for p in ranked] == [
        ("Karen Bass", 2, "Mayor"), ("Ray Ortiz", 1, None)
    ]
