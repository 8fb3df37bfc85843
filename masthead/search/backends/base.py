"""What every search backend shares: filters, pagination and hits.

A backend supplies what differs by database: how entries match (`matched`),
how they are ranked (`ranked`) and how snippets are cut (`snippets`),
plus its way of writing entries (`index`). Everything else,
including the one read rule `Article.objects.published()`, lives here so
SQLite and PostgreSQL return the same page of the same hits.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.safestring import mark_safe

from masthead.articles.models import Article

from .. import query
from ..models import SearchEntry

# Relevance is ranked among the newest MAX_RESULTS matches (entries are
# keyed by article id, which grows with time), and that is also where
# counting stops. Ranking or counting every article that contains "council"
# costs time in proportion to the archive; nobody reads page 84 of a search,
# and a newsroom's readers want the recent story first anyway. See
# bench/search.py for the figures.
MAX_RESULTS = 1000


@dataclass
class Hit:
    """One result: the article, a highlighted snippet (safe HTML) and its rank."""

    article: Article
    snippet: str
    rank: float


class SearchBackend(ABC):
    """Search through the `search_entry` table of one database vendor.

    The search table drives every query (FROM search_entry WHERE it matches)
    and the articles come in through EXISTS over Article.objects.published(),
    so the planner cannot start from "every published article" and run the
    full-text match once per article, which SQLite otherwise chooses.
    """

    vendor = None

    def search(self, text, *, filters=None, page_number=1, per_page=None):
        """The requested page of hits for what the reader typed, best first.

        A page number past the end gives the last page; junk gives the first.
        """
        parsed = query.parse(text)
        per_page = per_page or settings.MASTHEAD_PAGE_SIZE
        number = page_number_from(page_number)
        rows, total = [], 0
        if parsed:
            articles = filtered(Article.objects.published(), filters or {})
            entries = self.matched(
                SearchEntry.objects.filter(Exists(articles.filter(pk=OuterRef("pk")))),
                parsed,
            )
            rows, total = self.ranked(
                entries, parsed, (number - 1) * per_page, per_page
            )
            if not rows and total:
                number = -(-total // per_page)
                rows, total = self.ranked(
                    entries, parsed, (number - 1) * per_page, per_page
                )
        paginator = Paginator([], per_page)
        paginator.count = total  # known already: the ranked query counted
        return Page(self.hits(rows, parsed), number if total else 1, paginator)

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

    @abstractmethod
    def matched(self, entries, parsed):
        """Entries that match the query (a SearchEntry queryset)."""

    def ranked(self, entries, parsed, offset, limit):
        """([(id, rank)] for `limit` rows from `offset`, best first; total matches).

        The inner query walks the matches newest first and stops at
        MAX_RESULTS, scoring only those rows (both databases read matches in
        id order from an index here); the outer query sorts them by score
        and counts them in the same pass. Django cannot select FROM a
        subquery, so the outer query is written around the inner one Django
        compiled (the published rule and the filters are in it).
        """
        newest = (
            entries.annotate(rank=self.rank(parsed))
            .order_by("-pk")
            .values_list("pk", "rank")[:MAX_RESULTS]
        )
        sql, params = newest.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f'SELECT "pk", "rank", COUNT(*) OVER () FROM ({sql}) AS newest '
                'ORDER BY "rank" DESC, "pk" DESC LIMIT %s OFFSET %s',
                (*params, limit, offset),
            )
            found = cursor.fetchall()
        if not found and offset:
            return [], self.count(entries)
        return [(pk, rank) for pk, rank, _total in found], found[0][2] if found else 0

    def count(self, entries):
        return entries.values("pk")[:MAX_RESULTS].count()

    @abstractmethod
    def rank(self, parsed):
        """An expression scoring a matching entry: higher is better."""

    @abstractmethod
    def snippets(self, entry_ids, parsed):
        """(id, snippet) pairs: body text with MARK_START/MARK_END around matches."""

    @abstractmethod
    def index(self, cursor, rows):
        """Add or replace entries: rows of (article id, title, standfirst, body)."""

    def remove(self, cursor, article_ids):
        placeholders = ", ".join(["%s"] * len(article_ids))
        cursor.execute(
            f"DELETE FROM search_entry WHERE rowid IN ({placeholders})",
            list(article_ids),
        )


def page_number_from(value):
    try:
        return max(1, int(value or 1))
    except (TypeError, ValueError):
        return 1


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
