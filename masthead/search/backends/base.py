"""What every search backend shares: filters, pagination and hits.

A backend supplies what differs by database: how entries match (`matched`),
how they are ranked (`ranked`) and how snippets are cut (`snippets`),
plus its way of writing entries (`index`). Everything else,
including the one read rule `Article.objects.published()`, lives here so
SQLite and PostgreSQL return the same page of the same hits.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.safestring import mark_safe

from masthead.articles.models import Article

from .. import query
from ..models import SearchEntry

# Beyond this many hits we stop counting: nobody reads page 84 of a search,
# and counting every match of a common word is the slowest part of a query.
MAX_RESULTS = 1000
# Relevance is ranked among the same MAX_RESULTS newest matches that are
# counted (entries are keyed by article id, which grows with time). Ranking
# every article that contains "council" costs time in proportion to the
# archive; a newsroom's readers want the recent story first anyway. See
# bench/search.py for the figures.
MAX_RANKED = MAX_RESULTS


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
        start, stop = key.start or 0, key.stop
        return self.ranked(start, stop) if stop > start else []


class SearchBackend:
    """Search through the `search_entry` table of one database vendor.

    The search table drives every query (FROM search_entry WHERE it matches)
    and the articles come in through EXISTS over Article.objects.published(),
    so the planner cannot start from "every published article" and run the
    full-text match once per article, which SQLite otherwise chooses.
    """

    vendor = None

    def search(self, text, *, filters=None, page_number=1, per_page=None):
        """The requested page of hits for what the reader typed, best first."""
        parsed = query.parse(text)
        articles = filtered(Article.objects.published(), filters or {})
        entries = SearchEntry.objects.filter(
            Exists(articles.filter(pk=OuterRef("pk")))
        )
        entries = self.matched(entries, parsed) if parsed else entries.none()
        paginator = Paginator(
            CappedResults(lambda start, stop: self.ranked(entries, parsed, start, stop),
                          entries),
            per_page or settings.MASTHEAD_PAGE_SIZE,
        )  # fmt: skip
        page = paginator.get_page(page_number)
        page.object_list = self.hits(page.object_list, parsed)
        return page

    def hits(self, rows, parsed):
        if not rows:
            return []
        ids = [pk for pk, _rank in rows]
        articles = Article.objects.for_listing().in_bulk(ids)
        snippets = dict(self.snippets(ids, parsed))
        return [
            Hit(articles[pk], mark_safe(query.highlight(snippets.get(pk, ""))), rank)
            for pk, rank in rows
            if pk in articles
        ]

    def matched(self, entries, parsed):
        """Entries that match the query (a SearchEntry queryset)."""
        raise NotImplementedError

    def ranked(self, entries, parsed, start, stop):
        """[(id, rank)] for rows start:stop of the matching entries, best first.

        The inner query walks the matches newest first and stops at
        MAX_RANKED, scoring only those rows (both databases read matches in
        id order from an index here); the outer query sorts them by score.
        Django cannot select FROM a subquery, so the outer query is written
        around the inner one Django compiled (published rule and filters in).
        """
        newest = (
            entries.annotate(rank=self.rank(parsed))
            .order_by("-pk")
            .values_list("pk", "rank")[:MAX_RANKED]
        )
        sql, params = newest.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f'SELECT "pk", "rank" FROM ({sql}) AS newest '
                'ORDER BY "rank" DESC, "pk" DESC LIMIT %s OFFSET %s',
                (*params, stop - start, start),
            )
            return cursor.fetchall()

    def rank(self, parsed):
        """An expression scoring a matching entry: higher is better."""
        raise NotImplementedError

    def snippets(self, entry_ids, parsed):
        """(id, snippet) pairs: body text with MARK_START/MARK_END around matches."""
        raise NotImplementedError

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
