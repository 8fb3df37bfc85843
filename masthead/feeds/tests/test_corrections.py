"""Corrections and updates travel with the story: feeds and structured data."""

import json

import feedparser
import pytest

from masthead.articles.models import Article, Correction
from masthead.editorial import services
from masthead.testing import make_article

# Each test runs with the caches off and as production runs them (conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_path")]


@pytest.fixture
def corrected(admin_user):
    article = make_article(title="Bridge reopens", body="The bridge reopens Monday.")
    published_at = article.published_at
    services.add_correction(
        article=article, user=admin_user, text="The bridge reopens Tuesday, not Monday.",
    )
    services.add_correction(
        article=article, user=admin_user, text="Crews finished early.",
        kind=Correction.Kind.UPDATE,
    )
    article = Article.objects.get(pk=article.pk)
    assert article.published_at == published_at and article.revised_at > published_at
    return article


def test_feed_entries_carry_the_corrections_and_the_new_updated_time(client, corrected):
    feed = feedparser.parse(client.get("/feed/atom/").content)
    assert feed.bozo == 0
    [entry] = feed.entries
    content = entry.content[0].value
    assert "Corrections and updates" in content
    assert "The bridge reopens Tuesday, not Monday." in content
    assert "Crews finished early." in content
    assert entry.updated_parsed[:5] == corrected.revised_at.utctimetuple()[:5]
    assert entry.published_parsed[:5] == corrected.published_at.utctimetuple()[:5]


def test_json_ld_lists_corrections_but_not_updates(client, corrected):
    html = client.get(corrected.get_absolute_url()).content.decode()
    blocks = html.split('<script type="application/ld+json">')[1:]
    article = next(
        json.loads(b.split("</script>")[0]) for b in blocks if '"NewsArticle"' in b
    )
    assert [c["text"] for c in article["correction"]] == [
        "The bridge reopens Tuesday, not Monday."
    ]
    assert article["correction"][0]["@type"] == "CorrectionComment"
    assert article["dateModified"] == corrected.revised_at.isoformat()
    assert article["datePublished"] == corrected.published_at.isoformat()
