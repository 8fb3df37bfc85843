"""Raw multi-row INSERTs for the import's large tables (issue 22).

bulk_create prepares every field of every row through the field API, and
building the model instances costs more again: together they were most of a
large import. The importer already holds plain, checked values, so a Table
converts only the columns that need it (dates, JSON, addresses) and fills
every other column once with its default, as masthead/demo/synthetic.py does.
Like bulk_create, it sends no signal and calls no save(): the writer does in
bulk what those would have done (writes.py). On PostgreSQL the rows go in by
COPY, which spares the server parsing thousands of parameters a statement and
the driver building them; ids, when wanted, are taken from the table's
sequence first (as Django's own inserts would have drawn them).
"""

import gc
import sqlite3

from django.db import connection, models
from django.utils import timezone

MAX_ROWS = 1000  # per statement, where the backend sets no parameter limit
# SQLite's page cache while an import writes, in KiB (the default is 2 MiB).
# The comments table's ten indexes take rows in no order: with the default,
# most inserts read their index pages back from the OS, one call a page. At
# 20,000 posts the comment INSERTs' CPU was 8.7 s with 2 MiB, 7.3 s with
# 8 MiB and 6.9 s with 64 MiB; 32 MiB took a 100,000-post import to 305 MB,
# past issue 22's 300 MB, so 8 MiB.
SQLITE_CACHE_KIB = 8192
# The cyclic garbage collector's thresholds while an import runs. A batch
# builds tens of thousands of rows and unpickles as many objects from the
# workers, all alive until it is written: at the default (a collection every
# 700 new containers) the collector scanned them again and again, and
# unpickling a batch took three times as long as with it off. Rows and posts
# are freed by their reference counts; the few cycles wait a little longer.
GC_THRESHOLDS = (50_000, 20, 20)


class BulkSession:
    """While a large import writes: a larger SQLite page cache for this
    connection, put back as it was when the import ends."""

    def __enter__(self):
        self.was = None
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                self.was = cursor.execute("PRAGMA cache_size").fetchone()[0]
                cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        return self

    def __exit__(self, *exc):
        if self.was is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(self.was)}")
        return False


class FewerCollections:
    """While an import runs: the garbage collector at GC_THRESHOLDS, the
    objects already there (Django's, the settings') frozen out of its scans;
    the worker processes, forked on the first batch, inherit both. Put back
    as it was when the import ends, however it ends."""

    def __enter__(self):
        self.thresholds = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)
        return self

    def __exit__(self, *exc):
        gc.set_threshold(*self.thresholds)
        gc.unfreeze()
        return False


class Table:
    """Rows of one model: the `varying` fields (attnames) in the caller's
    order, then every other concrete field at its default."""

    def __init__(self, model, varying):
        quote = connection.ops.quote_name
        fields = {f.attname: f for f in model._meta.concrete_fields if not f.primary_key}
        chosen = [fields[name] for name in varying]
        others = [field for name, field in fields.items() if name not in varying]
        self.constants = tuple(_default(field) for field in others)
        self.adapters = [(at, adapt) for at, field in enumerate(chosen)
                         if (adapt := _adapter(field)) is not None]  # fmt: skip
        columns = ", ".join(quote(field.column) for field in chosen + others)
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        self.head = f"INSERT INTO {table} ({columns}) VALUES "
        self.copy = f"COPY {table} ({columns}) FROM STDIN"
        self.copy_with_ids = f"COPY {table} ({pk}, {columns}) FROM STDIN"
        self.sequence = (model._meta.db_table, model._meta.pk.column)
        self.qmark_row = "(" + ", ".join(["?"] * (len(chosen) + len(others))) + ")"
        self.returning = f" RETURNING {quote(model._meta.pk.column)}"
        limit = connection.features.max_query_params
        self.rows_per_statement = min(MAX_ROWS, limit // (len(chosen) + len(others))) \
            if limit else MAX_ROWS  # fmt: skip

    def insert(self, rows, *, returning=False, adapted=False):
        """Insert the rows (sequences in `varying` order); their new ids, in
        order, when `returning` (as bulk_create relies on, RETURNING keeps the
        VALUES order on SQLite and PostgreSQL). `adapted`: the rows come from
        prepared() already (a worker process built them, prepared.py)."""
        if not adapted:
            rows = [self.prepared(row) for row in rows]
        if connection.vendor == "postgresql":
            return self._copy(rows, returning)
        ids = []
        connection.validate_no_broken_transaction()  # as Django's own execute()
        with connection.cursor() as cursor, connection.wrap_database_errors:
            for start in range(0, len(rows), self.rows_per_statement):
                chunk = rows[start : start + self.rows_per_statement]
                params = [value for row in chunk for value in row]
                sql = self.head + ", ".join([self.qmark_row] * len(chunk))
                # sqlite3's own execute, with the statement in its "?" style
                # already: Django's wrapper rewrites each "%s" with a regular
                # expression, a tenth of the time of a comment's INSERT.
                found = sqlite3.Cursor.execute(cursor.cursor, sql + self.returning
                                               if returning else sql, params)  # fmt: skip
                if returning:
                    ids.extend(row[0] for row in found.fetchall())
        return ids

    def _copy(self, rows, returning):
        if not rows:
            return []
        # COPY is psycopg's own, past Django's cursor: its errors are wrapped
        # here, so a refused row is Django's IntegrityError on either database.
        with connection.cursor() as cursor, connection.wrap_database_errors:
            if not returning:
                with cursor.cursor.copy(self.copy) as copy:
                    for row in rows:
                        copy.write_row(row)
                return []
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [*self.sequence, len(rows)],
            )
            ids = [found for (found,) in cursor.fetchall()]
            with cursor.cursor.copy(self.copy_with_ids) as copy:
                for pk, row in zip(ids, rows, strict=True):
                    copy.write_row((pk, *row))
        return ids

    def prepared(self, row):
        """The row as the database takes it: its values adapted, then the
        constant columns (a list: the writer may still set ids in it)."""
        row = list(row)
        for at, adapt in self.adapters:
            row[at] = adapt(row[at])
        row.extend(self.constants)
        return row


def _adapter(field):
    """How a value becomes a parameter: None where the driver takes it as is.
    The backend's own adapters, without the field API around them (its cost
    was a third of these inserts); values are already valid and aware."""
    ops = connection.ops
    if isinstance(field, (models.CharField, models.TextField, models.IntegerField,
                          models.BooleanField, models.ForeignKey)):  # fmt: skip
        return None
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.GenericIPAddressField):
        return lambda value: ops.adapt_ipaddressfield_value(value or None)
    if isinstance(field, models.JSONField):
        return lambda value: ops.adapt_json_value(value, field.encoder)
    return lambda value: field.get_db_prep_save(value, connection)


def _default(field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return field.get_db_prep_save(timezone.now(), connection)
    return field.get_db_prep_save(field.get_default(), connection)
