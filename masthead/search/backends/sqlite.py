"""SQLite FTS5: bm25 ranking and snippet(), on the `search_entry` virtual table."""

from django.db.models import F, FloatField, Func, TextField, Value

from .. import query
from .base import SearchBackend

# bm25 column weights, in the table's column order: title, standfirst, body.
WEIGHTS = (10.0, 4.0, 1.0)
BODY_COLUMN = 2
SNIPPET_TOKENS = 32


def _auxiliary(function, *args, output_field):
    # FTS5 auxiliary functions take the table's hidden column as first argument.
    return Func(
        F("search_entry__document"),
        *(Value(arg) for arg in args),
        function=function,
        output_field=output_field,
    )


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def matched(self, articles, parsed):
        return articles.filter(search_entry__document__match=query.to_fts5(parsed))

    def matching(self, articles, parsed):
        # bm25() is lower for better matches; negated so higher is better everywhere.
        bm25 = _auxiliary("bm25", *WEIGHTS, output_field=FloatField())
        return self.matched(articles, parsed).annotate(rank=-bm25)

    def with_snippets(self, articles, parsed):
        snippet = _auxiliary(
            "snippet", BODY_COLUMN, query.MARK_START, query.MARK_END, "…",
            SNIPPET_TOKENS, output_field=TextField(),
        )  # fmt: skip
        return self.matched(articles, parsed).annotate(snippet=snippet)

    def index(self, cursor, rows):
        rows = list(rows)
        # FTS5 has no upsert: replace by deleting first.
        self.remove(cursor, [row[0] for row in rows])
        cursor.executemany(
            "INSERT INTO search_entry (rowid, title, standfirst, body) "
            "VALUES (%s, %s, %s, %s)",
            rows,
        )
