"""SQLite FTS5: bm25 ranking and snippet(), on the `search_entry` virtual table."""

from django.db.models import F, FloatField, Func, TextField, Value

from .. import query
from ..models import SearchEntry
from .base import SearchBackend

# bm25 column weights, in the table's column order: title, standfirst, body.
WEIGHTS = (10.0, 4.0, 1.0)
BODY_COLUMN = 2
SNIPPET_TOKENS = 32


def _auxiliary(function, *args, output_field, column="document"):
    # FTS5 auxiliary functions take the table's hidden column as first argument.
    return Func(
        F(column),
        *(Value(arg) for arg in args),
        function=function,
        output_field=output_field,
    )


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def matched(self, entries, parsed):
        return entries.filter(document__match=query.to_fts5(parsed))

    def rank(self, parsed):
        # bm25() is lower for better matches: negated, higher is better everywhere.
        return -_auxiliary("bm25", *WEIGHTS, output_field=FloatField())

    def snippets(self, entry_ids, parsed):
        snippet = _auxiliary(
            "snippet",
            BODY_COLUMN,
            query.MARK_START,
            query.MARK_END,
            "…",
            SNIPPET_TOKENS,
            output_field=TextField(),
        )
        # snippet() needs the MATCH. The id range lets FTS5 read only that
        # stretch of the index (it seeks on rowid ranges, not on IN lists).
        entries = SearchEntry.objects.alias(entry_id=F("pk") + 0).filter(
            entry_id__in=entry_ids, pk__gte=min(entry_ids), pk__lte=max(entry_ids)
        )
        return (
            self.matched(entries, parsed)
            .annotate(snippet=snippet)
            .values_list("pk", "snippet")
        )

    def index(self, cursor, rows):
        rows = list(rows)
        # FTS5 has no upsert: replace by deleting first.
        self.remove(cursor, [row[0] for row in rows])
        cursor.executemany(
            "INSERT INTO search_entry (rowid, title, standfirst, body) "
            "VALUES (%s, %s, %s, %s)",
            rows,
        )
