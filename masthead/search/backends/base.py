"""What every search backend shares: filters, pagination and hits.

A backend supplies three things for its database: the query that matches
and ranks (`matching`), the cheap one that only matches (`matched`, for the
count), and a snippet annotation (`with_snippets`). Everything else,
including the one read rule `Article.objects.published()`, lives here so
SQLite and PostgreSQL return the same page of the same hits.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.safestring import mark_safe

from masthead.articles.models import Article

from .. import query

# Beyond this many hits we stop counting: nobody reads page 84 of a search,
# and counting every match of a common word is the slowest part of a query.
MAX_RESULTS = 1000


@dataclass
class Hit:
    """One result: the article, a highlighted snippet (safe HTML) and its rank."""

    article: Article
    snippet: str
    rank: float


class CappedResults:
    """A Paginator's object list: counted cheaply and at most MAX_RESULTS long."""

    def __init__(self, ranked, matched):
        self.ranked = ranked
        self.matched = matched

    def count(self):
        return self.matched.values("pk")[:MAX_RESULTS].count()

    def __getitem__(self, key):
        return list(self.ranked.values_list("pk", "rank")[key])


class SearchBackend:
    vendor = None

    def search(self, text, *, filters=None, page_number=1, per_page=None):
        """The requested page of hits for what the reader typed, best first."""
        parsed = query.parse(text)
        articles = filtered(Article.objects.published(), filters or {})
        if not parsed:
            articles = articles.none()
        results = CappedResults(
            self.matching(articles, parsed).order_by("-rank", "-published_at", "-id"),
            self.matched(articles, parsed),
        )
        paginator = Paginator(results, per_page or settings.MASTHEAD_PAGE_SIZE)
        page = paginator.get_page(page_number)
        page.object_list = self.hits(page.object_list, parsed)
        return page

    def hits(self, rows, parsed):
        if not rows:
            return []
        ranks = dict(rows)
        articles = self.with_snippets(
            Article.objects.for_listing().filter(pk__in=ranks), parsed
        ).in_bulk()
        return [
            Hit(articles[pk], mark_safe(query.highlight(articles[pk].snippet)), rank)
            for pk, rank in rows
            if pk in articles
        ]

    def index(self, cursor, rows):
        """Add or replace entries: rows of (article id, title, standfirst, body)."""
        raise NotImplementedError

    def remove(self, cursor, article_ids):
        cursor.execute(
            "DELETE FROM search_entry WHERE rowid IN (%s)"
            % ", ".join(["%s"] * len(article_ids)),
            list(article_ids),
        )


def filtered(articles, filters):
    """Narrow by the search form's filters: section, author, from and to dates."""
    if filters.get("section"):
        articles = articles.filter(section=filters["section"])
    if filters.get("author"):
        articles = articles.by_author(filters["author"])
    if filters.get("date_from"):
        articles = articles.filter(published_at__gte=start_of_day(filters["date_from"]))
    if filters.get("date_to"):
        next_day = filters["date_to"] + timedelta(days=1)
        articles = articles.filter(published_at__lt=start_of_day(next_day))
    return articles


def start_of_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))
