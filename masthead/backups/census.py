"""What a backup's manifest says of each table: its rows and a checksum.

The same function reads the snapshot when it is taken and the database a
restore made, so "restored == manifest" compares like with like: on SQLite
through a plain sqlite3 connection to the file (Django's own would convert
dates and booleans on the way), on PostgreSQL inside the transaction whose
snapshot pg_dump copies.
"""

import hashlib

from django.apps import apps

BATCH = 2000


def model_tables():
    """(table, primary key column) of every table Django's models keep, once."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            found.setdefault(meta.db_table, meta.pk.column)
    return sorted(found.items())


def existing(cursor, tables, vendor):
    """The (table, pk) pairs of `tables` that this database has."""
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    else:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )
    present = {row[0] for row in cursor.fetchall()}
    return [(table, pk) for table, pk in tables if table in present]


def table_census(cursor, table, pk):
    """{"rows": n, "sha256": hex} of one table, its rows read in key order."""
    digest, rows = hashlib.sha256(), 0
    cursor.execute(f'SELECT * FROM "{table}" ORDER BY "{pk}"')
    while batch := cursor.fetchmany(BATCH):
        rows += len(batch)
        for row in batch:
            digest.update(repr(tuple(map(_plain, row))).encode())
            digest.update(b"\n")
    return {"rows": rows, "sha256": digest.hexdigest()}


def census(cursor, tables, *, progress):
    result = {}
    for table, pk in tables:
        result[table] = table_census(cursor, table, pk)
        progress.step()
    return result


def _plain(value):
    # psycopg gives bytea as bytes, SQLite blobs as bytes too; a memoryview's
    # repr would hold its address.
    return bytes(value) if isinstance(value, memoryview) else value
