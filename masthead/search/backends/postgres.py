"""PostgreSQL full text: websearch_to_tsquery, ts_rank and ts_headline ('english').

The table's columns are described in migrations/0002_postgresql_lexemes.py.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F

from .. import query
from ..models import SearchEntry
from .base import SearchBackend

CONFIG = "english"


def tsquery(parsed):
    # websearch_to_tsquery never raises on odd input; we still hand it only
    # the words and phrases query.parse() kept, so both databases agree.
    return SearchQuery(
        query.to_websearch(parsed), search_type="websearch", config=CONFIG
    )


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def matched(self, entries, parsed):
        # The in-row vector has no positions (a phrase never matches it), so
        # it is asked for the words; the full vector then confirms phrases
        # on those rows only.
        entries = entries.filter(document__match=tsquery(query.without_phrases(parsed)))
        if parsed.phrases:
            entries = entries.filter(positions__match=tsquery(parsed))
        return entries

    def rank(self, parsed):
        # Headline and standfirst only: that vector lives in the row, so
        # ranking costs no TOAST fetch. Stories matching only in the body
        # tie at 0 and come newest first.
        return SearchRank(F("headline"), tsquery(parsed))

    def snippets(self, entry_ids, parsed):
        headline = SearchHeadline(
            "body",
            tsquery(parsed),
            config=CONFIG,
            start_sel=query.MARK_START,
            stop_sel=query.MARK_END,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        entries = SearchEntry.objects.filter(pk__in=entry_ids)
        return entries.annotate(snippet=headline).values_list("pk", "snippet")

    def index(self, cursor, rows):
        cursor.executemany(
            "INSERT INTO search_entry (rowid, title, standfirst, body) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (rowid) DO UPDATE SET "
            "title = EXCLUDED.title, standfirst = EXCLUDED.standfirst, "
            "body = EXCLUDED.body",
            list(rows),
        )
