from dataclasses import dataclass

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone

from masthead.core.prepared import Param, PreparedQuery
from masthead.pagecache import tags as page_tags
from masthead.pagecache.dependencies import depends_on
from masthead.pagecache.memo import UntilPurge


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """The one rule for what readers may see, used by every public surface.

        A scheduled article is public from its publication time on, whether or
        not the worker has flipped its state yet: an embargo lifts on the minute.
        ``now`` may be a prepared query's Param.
        """
        from .models import Article

        depends_on(page_tags.LISTING)
        return self.filter(
            status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED],
            published_at__lte=timezone.now() if now is None else now,
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

    def showing(self, kind, keys):
        """Stories whose body shows one of these rows (BodyReference)."""
        return self.filter(
            body_references__kind=kind, body_references__key__in=list(keys)
        ).distinct()

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
        return self.for_listing().defer("body", "body_html", "story")

    def for_page(self):
        """A listing's needs plus the tags and corrections an article page shows.

        Feeds and structured data use the same rows, so corrections reach
        them without a query per article.
        """
        return self.for_listing().prefetch_related("tags", "corrections")



class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    """Prepared reads (core/prepared.py) for the requests readers make most:
    four queries cost ~0.3 ms of Python this way instead of ~2.6 ms."""

    def published_by_slug(self, slug):
        """published().select_related("section", "hero_image").get(slug=slug)

        Not a listing: the page showing it depends on the article's row alone."""
        return PUBLISHED_BY_SLUG.get(slug=slug, now=timezone.now())

    def front_page(self, sections, *, pinned=(), fill=None):
        """The home page's teasers: stories editors pinned, the newest others,
        and each section's newest.

        Small prepared queries pick the ids (one per section walks the
        (section, published_at) index; a single window over every article
        would read the whole archive), then one query loads every teaser.
        ``pinned`` are the ids of up to HOME_PINNED_MAX stories placed by the
        front page's editors (frontpage/): loaded by the same query, and left
        out of the newest so that no story is shown twice at the top; ``fill``
        is how many of the newest the page needs besides them.
        Returns ({pinned id: teaser}, the newest others, {section id: its newest}).
        """
        depends_on(page_tags.LISTING)
        now = timezone.now()
        pinned = set(pinned)
        fill = HOME_LATEST if fill is None else fill
        newest = [pk for pk in LATEST.all(now=now) if pk not in pinned][:fill]
        by_section = {
            section.pk: LATEST_IN_SECTION.all(section_id=section.pk, now=now)
            for section in sections
        }
        wanted = pinned.union(newest, *by_section.values())
        # published() again: a pinned story is shown only while it is public.
        loaded = self.published(now=now).filter(pk__in=wanted).teasers()
        teasers = {article.pk: article for article in loaded}

        def shown(ids):  # in the ids' order; a story deleted meanwhile drops out
            return [teasers[pk] for pk in ids if pk in teasers]

        return (
            {pk: teasers[pk] for pk in pinned if pk in teasers},
            shown(newest),
            {sid: shown(ids) for sid, ids in by_section.items()},
        )

    def published_row(self, slug):
        """published_by_slug(), kept until the next purge: shared, read only.

        For the comment post, which needs the article but not its bylines and
        tags: after a purge it costs the one query it always did.
        """
        return ROWS.get(("article row", slug), lambda: self.published_by_slug(slug))

    def published_rows(self, slug):
        """The published article with the rows its page shows (ArticleRows)."""
        return rows_for(self.published_by_slug(slug))


@dataclass(frozen=True)
class ArticleRows:
    """An article and the rows its page shows, read up front, in a fixed
    number of queries however many bylines, tags and corrections.

    Kept and shared by every request until the next purge: read it, never
    change it (issue 18: nothing is written onto the article row).
    """

    article: object
    bylines: tuple  # ArticleAuthor rows, with their person, in byline order
    tags: tuple
    corrections: tuple


def rows_for(article):
    """ArticleRows for one article (a published one, or a draft being previewed).

    For a single article, Django's prefetching (IN lists, matching rows back to
    their objects) costs more than three plain queries. An article never
    revised has no corrections (adding one sets revised_at), so most pages skip
    that query.
    """
    unrevised = article.revised_at is None
    return ArticleRows(
        article=article,
        bylines=tuple(BYLINES.all(article_id=article.pk)),
        tags=tuple(TAGS.all(article_id=article.pk)),
        corrections=() if unrevised else tuple(CORRECTIONS.all(article_id=article.pk)),
    )


def _published_by_slug():
    from .models import Article

    now = Param("now", models.DateTimeField())
    return (
        Article.objects.published(now=now)
        .select_related("section", "hero_image")
        .filter(slug=Param("slug"))
        .order_by()[:2]
    )


HOME_LATEST = 9  # the lead story and eight more
HOME_PER_SECTION = 4
# Room for what editors pin on the home page (frontpage/): a lead and twelve
# top stories. The newest are read that many deeper, so that leaving the
# pinned out still fills every slot: 22 ids from the index, not 9.
HOME_PINNED_MAX = 13


def _latest():
    from .models import Article

    now = Param("now", models.DateTimeField())
    return Article.objects.published(now=now).values_list("pk", flat=True)[
        : HOME_LATEST + HOME_PINNED_MAX
    ]


def _latest_in_section():
    from .models import Article

    now = Param("now", models.DateTimeField())
    return (
        Article.objects.published(now=now)
        .filter(section=Param("section_id"))
        .values_list("pk", flat=True)[:HOME_PER_SECTION]
    )


def _bylines():
    from .models import ArticleAuthor

    return ArticleAuthor.objects.filter(article=Param("article_id")).select_related(
        "person"
    )


def _tags():
    from .models import Tag

    return Tag.objects.filter(articles=Param("article_id"))


def _corrections():
    from .models import Correction

    return Correction.objects.filter(article=Param("article_id"))


def navigation_sections():
    """The sections in every page's header (every page asks: kept until a purge)."""
    return ROWS.get("navigation", NAVIGATION.all)


def _navigation():
    from .models import Section

    return Section.objects.navigation()


NAVIGATION = PreparedQuery(_navigation)
ROWS = UntilPurge(size=256)
PUBLISHED_BY_SLUG = PreparedQuery(_published_by_slug)
LATEST = PreparedQuery(_latest)
LATEST_IN_SECTION = PreparedQuery(_latest_in_section)
BYLINES = PreparedQuery(_bylines)
TAGS = PreparedQuery(_tags)
CORRECTIONS = PreparedQuery(_corrections)


class BodyReferenceQuerySet(models.QuerySet):
    def sync(self, article, wanted):
        """Make the article's references exactly ``wanted`` ({(kind, key)})."""
        have = set(self.filter(article=article).values_list("kind", "key"))
        stale = have - wanted
        for kind, key in stale:
            self.filter(article=article, kind=kind, key=key).delete()
        self.bulk_create(
            [self.model(article=article, kind=kind, key=key) for kind, key in wanted - have]
        )


class SectionQuerySet(models.QuerySet):
    def navigation(self):
        return self.filter(in_navigation=True).order_by("position", "name")
