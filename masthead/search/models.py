from django.db import NotSupportedError, models
from django.db.models import Lookup
from django.utils.translation import gettext_lazy as _


class DocumentField(models.TextField):
    """The column a full-text query is matched against (see SearchEntry)."""


@DocumentField.register_lookup
class Match(Lookup):
    """`document__match=...`: FTS5's MATCH on SQLite, `@@` on PostgreSQL.

    On SQLite the right side is an FTS5 query string built by query.to_fts5();
    on PostgreSQL a SearchQuery expression.
    """

    lookup_name = "match"

    def as_sql(self, compiler, connection):
        raise NotSupportedError(
            f"Full-text search is not available on {connection.vendor}."
        )

    def _match(self, compiler, connection, operator):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} {operator} {rhs}", (*lhs_params, *rhs_params)

    def as_sqlite(self, compiler, connection):
        return self._match(compiler, connection, "MATCH")

    def as_postgresql(self, compiler, connection):
        return self._match(compiler, connection, "@@")


class SearchEntry(models.Model):
    """One published article's searchable text, in a table each database builds its way.

    The table is created by this app's migration, not by Django (hence
    `managed = False`): on SQLite it is an FTS5 virtual table with the
    `porter unicode61` tokenizer; on PostgreSQL a table whose `search_entry`
    column is a generated, weighted tsvector under a GIN index.

    `document` names the column the database matches against. FTS5 gives
    every virtual table a hidden column named after the table, used as
    `search_entry MATCH ?` and as the first argument of bm25() and snippet();
    PostgreSQL's tsvector column takes the same name, so one model field
    (and the joins Django writes for it) serves both backends.
    """

    article = models.OneToOneField(
        "articles.Article",
        primary_key=True,
        db_column="rowid",  # FTS5's integer key; a plain column on PostgreSQL
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_entry",
    )
    title = models.TextField(_("headline"))
    standfirst = models.TextField(_("standfirst"))
    body = models.TextField(_("body text"))
    document = DocumentField(db_column="search_entry", editable=False)
    # PostgreSQL only (see migration 0002): the headline's weighted vector,
    # which ranks, and the full vector with positions, which confirms phrases.
    # Never select whole SearchEntry rows: SQLite's table has neither column.
    headline = DocumentField(db_column="headline", editable=False)
    positions = DocumentField(db_column="positions", editable=False)

    class Meta:
        managed = False
        db_table = "search_entry"
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return self.title
