"""PostgreSQL full text: websearch_to_tsquery, ts_rank and ts_headline ('english')."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F

from .. import query
from .base import SearchBackend

CONFIG = "english"


def tsquery(parsed):
    # websearch_to_tsquery never raises on odd input; we still hand it only
    # the words and phrases query.parse() kept, so both databases agree.
    return SearchQuery(query.to_websearch(parsed), search_type="websearch", config=CONFIG)


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def matched(self, articles, parsed):
        return articles.filter(search_entry__document__match=tsquery(parsed))

    def matching(self, articles, parsed):
        rank = SearchRank(F("search_entry__document"), tsquery(parsed))
        return self.matched(articles, parsed).annotate(rank=rank)

    def with_snippets(self, articles, parsed):
        headline = SearchHeadline(
            "search_entry__body",
            tsquery(parsed),
            config=CONFIG,
            start_sel=query.MARK_START,
            stop_sel=query.MARK_END,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        return articles.annotate(snippet=headline)

    def index(self, cursor, rows):
        cursor.executemany(
            "INSERT INTO search_entry (rowid, title, standfirst, body) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (rowid) DO UPDATE SET "
            "title = EXCLUDED.title, standfirst = EXCLUDED.standfirst, "
            "body = EXCLUDED.body",
            list(rows),
        )
