"""An embargoed article is on no public surface before its time, and on all after.

Surfaces other engineers add (feeds, sitemaps, search, API) are included when
their URLs exist; the list is built with reverse() so a missing one is skipped,
not failed.
"""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone

from masthead.articles.models import Article
from masthead.testing import make_article, make_person, make_section, make_tag

pytestmark = pytest.mark.django_db
WORD = "Quillowbrook"  # in the headline: what search must not find early


def optional(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def resolvable(path):
    try:
        resolve(path)
    except Resolver404:
        return None
    return path


def listing_surfaces(article, section, tag, author):
    urls = {
        "home": reverse("home"),
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": reverse("people:author", kwargs={"slug": author.slug}),
        "rss": optional("feeds:rss"),
        "atom": optional("feeds:atom"),
        "json feed": optional("feeds:json"),
        "section feed": optional("feeds:section_rss", slug=section.slug),
        "tag feed": optional("feeds:tag_rss", slug=tag.slug),
        "author feed": optional("feeds:author_rss", slug=author.slug),
        "search": (optional("search:search") or "")
        and f"{reverse('search:search')}?q={WORD}",
        "api": resolvable("/api/articles"),
        "api detail": resolvable(f"/api/articles/{article.slug}"),
        "corrections": optional("editorial:corrections"),
    }
    return {name: url for name, url in urls.items() if url}


def sitemap_urls(client):
    index = optional("seo:sitemap_index")
    if index is None:
        return {}
    xml = client.get(index).content.decode()
    paths = [
        re.sub(r"^https?://[^/]+", "", loc)
        for loc in re.findall(r"<loc>([^<]+)</loc>", xml)
    ]
    return {f"sitemap {path}": path for path in paths}


def shows(client, url, article):
    response = client.get(url)
    assert response.status_code in (200, 404), (url, response.status_code)
    return article.slug in response.content.decode()


@pytest.fixture
def embargoed(django_capture_on_commit_callbacks):
    section, tag, author = make_section(), make_tag(), make_person()
    with django_capture_on_commit_callbacks(execute=True):  # search indexing
        article = make_article(
            status=Article.Status.SCHEDULED,
            title=f"{WORD} dam report",
            published_at=timezone.now() + timedelta(hours=2),
            section=section,
            authors=[author],
            tags=[tag],
        )
        make_article(section=section, authors=[author], tags=[tag])  # something to list
    return article, section, tag, author


def test_an_embargoed_article_is_on_no_surface_before_its_time(client, embargoed):
    article, *rest = embargoed
    surfaces = {**listing_surfaces(article, *rest), **sitemap_urls(client)}
    assert len(surfaces) >= 5
    leaks = [name for name, url in surfaces.items() if shows(client, url, article)]
    assert leaks == []
    assert client.get(article.get_absolute_url()).status_code == 404


def test_the_embargo_lifts_on_the_minute_without_the_worker(client, embargoed):
    article, *rest = embargoed
    later = article.published_at + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        surfaces = {**listing_surfaces(article, *rest), **sitemap_urls(client)}
        surfaces.pop("corrections", None)  # lists corrections, not articles
        surfaces = {  # sitemaps of sections, tags and authors list no articles
            name: url
            for name, url in surfaces.items()
            if not re.search(r"sitemap-(sections|tags|authors)", url)
        }
        missing = [
            name for name, url in surfaces.items() if not shows(client, url, article)
        ]
        assert client.get(article.get_absolute_url()).status_code == 200
    assert missing == []
    assert Article.objects.get(pk=article.pk).status == Article.Status.SCHEDULED
