from django.db import models
from django.db.models import Prefetch
from django.utils import timezone


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one rule for what readers may see, used by every public surface.

        A scheduled article is public from its publication time on, whether or
        not the worker has flipped its state yet: an embargo lifts on the minute.
        """
        from masthead.pagecache.dependencies import depends_on

        from .models import Article

        depends_on("articles:listing")
        return self.filter(
            status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED],
            published_at__lte=timezone.now(),
        )

    def next_embargo_lift(self):
        """When the next scheduled article becomes public, or None."""
        from .models import Article

        return (
            self.filter(status=Article.Status.SCHEDULED, published_at__gt=timezone.now())
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )

    def latest_in_sections(self, sections, per_section):
        """{section id: its newest articles}, for the home page's section blocks.

        One small query per section walks the (section, published_at) index;
        a single window over every article would read the whole archive.
        """
        ids = []
        for section in sections:
            ids += self.filter(section=section).values_list("pk", flat=True)[:per_section]
        grouped = {}
        for article in self.model.objects.filter(pk__in=ids).teasers():
            grouped.setdefault(article.section_id, []).append(article)
        return grouped

    def by_author(self, person):
        return self.filter(bylines__person=person)

    def for_listing(self):
        """What a teaser needs, in a fixed number of queries however many rows."""
        from .models import ArticleAuthor

        return self.select_related("section", "hero_image").prefetch_related(
            Prefetch(
                "bylines",
                queryset=ArticleAuthor.objects.select_related("person").order_by(
                    "position"
                ),
            )
        )

    def teasers(self):
        """for_listing() without the bodies, which a teaser never shows.

        A body and its HTML are kilobytes a row; a home page of 30 teasers
        spent most of its database time fetching and discarding them.
        """
        return self.for_listing().defer("body", "body_html")

    def for_page(self):
        """A listing's needs plus the tags and corrections an article page shows.

        Feeds and structured data use the same rows, so corrections reach
        them without a query per article.
        """
        return self.for_listing().prefetch_related("tags", "corrections")

    def get_for_page(self, **lookup):
        """The one article matching lookup, with the same rows for_page() gives.

        For a single article Django's prefetching (IN lists, matching rows back
        to their objects) cost more than its three queries, ~0.45 ms of a 5 ms
        page, so they run as plain related queries. Each is evaluated and kept
        where a prefetch keeps its rows, so `article.tags.all()` reads them.
        """
        article = self.select_related("section", "hero_image").get(**lookup)
        related = {
            "bylines": article.bylines.select_related("person").order_by("position"),
            "tags": article.tags.all(),
            "corrections": article.corrections.all(),
        }
        for rows in related.values():
            len(rows)  # evaluated now, and the rows kept on the queryset
        article._prefetched_objects_cache = related
        return article


class SectionQuerySet(models.QuerySet):
    def navigation(self):
        return self.filter(in_navigation=True).order_by("position", "name")
