"""Sitemaps for search engines, on django.contrib.sitemaps.

Every sitemap starts from Article.objects.published(), so drafts and
embargoed stories are never announced. Each page costs a fixed number of
queries (a count and a page of rows): lastmod comes from columns of the same
rows, never from a query per item.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from masthead.articles.models import Article, Section, Tag
from masthead.people.models import Person

NEWS_WINDOW = timedelta(days=2)  # Google News reads stories of the last two days
NEWS_LIMIT = 1000  # and at most 1,000 of them per sitemap


class ArticleSitemap(Sitemap):
    """Every published article, newest first, in pages of MASTHEAD_SITEMAP_PAGE_SIZE."""

    template_name = "seo/sitemap.xml"

    @property
    def limit(self):
        return settings.MASTHEAD_SITEMAP_PAGE_SIZE

    def items(self):
        return Article.objects.published().only("slug", "published_at", "revised_at")

    def location(self, article):
        # reverse() once per page, not per row: a third of the render time at
        # 5,000 rows (bench/feeds.py).
        if not hasattr(self, "_path"):
            self._path = reverse("articles:detail", kwargs={"slug": "SLUG"})
        return self._path.replace("SLUG", article.slug)

    def lastmod(self, article):
        return article.revised_at or article.published_at

    def get_latest_lastmod(self):
        # Django's default loads every item to take the max; one aggregate instead.
        latest = Article.objects.published().aggregate(
            published=Max("published_at"), revised=Max("revised_at")
        )
        return max((d for d in latest.values() if d is not None), default=None)


class NewsSitemap(ArticleSitemap):
    """Google News: the last two days' stories with publication name and language."""

    template_name = "seo/news_sitemap.xml"

    @property
    def limit(self):
        return NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .only("slug", "title", "published_at", "revised_at")[:NEWS_LIMIT]
        )

    def get_urls(self, page=1, site=None, protocol=None):
        publication = {
            "name": settings.MASTHEAD_SITE_NAME,
            "language": settings.MASTHEAD_LANGUAGE.lower(),
        }
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["publication"] = publication
        return urls


class SectionSitemap(Sitemap):
    """Sections with at least one published article."""

    def items(self):
        return (
            Section.objects.filter(articles__in=Article.objects.published())
            .annotate(latest=Max("articles__published_at"))
            .only("slug")
            .order_by("position", "name")
        )

    def lastmod(self, section):
        return section.latest

    def get_latest_lastmod(self):
        return None  # the article sitemap already says when the site last changed


class TagSitemap(SectionSitemap):
    def items(self):
        return (
            Tag.objects.filter(articles__in=Article.objects.published())
            .annotate(latest=Max("articles__published_at"))
            .only("slug")
            .order_by("name")
        )


class AuthorSitemap(SectionSitemap):
    """Author pages of people with at least one published article."""

    def items(self):
        return (
            Person.objects.filter(bylines__article__in=Article.objects.published())
            .annotate(latest=Max("bylines__article__published_at"))
            .only("slug")
            .order_by("name", "pk")
        )


# Classes, not instances: Django's views instantiate them per request, so
# state Django sets on a sitemap (latest_lastmod) is never shared between requests.
SITEMAPS = {
    "articles": ArticleSitemap,
    "news": NewsSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}
