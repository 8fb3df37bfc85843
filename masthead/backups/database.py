"""The database half of a backup: one consistent snapshot, and its restore.

SQLite: the online backup API (sqlite3.Connection.backup) copies the file in
one step while readers and writers go on, so the copy is one moment of the
site; the manifest is then counted from the copy itself. PostgreSQL: a
REPEATABLE READ transaction exports its snapshot, pg_dump (custom format)
dumps exactly that snapshot, and the manifest is counted inside the same
transaction: what is counted is what is dumped, while comments keep arriving.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path

from . import census

SQLITE_FILE, POSTGRES_FILE = "database.sqlite3", "database.dump"


class DatabaseError(Exception):
    """A snapshot or restore that failed; the message says why and what to do."""


def sqlite_snapshot(db_path, target):
    # pages=-1: all in one step. Copied step by step, a write by another
    # connection between steps restarts the copy, for ever under steady posting.
    source = sqlite3.connect(db_path, timeout=30)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy, pages=-1)
        # One self-contained file: the copy would otherwise be in WAL mode
        # like the site's, and grow -wal and -shm files beside it when read.
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
        source.close()


def sqlite_census(path, *, progress):
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cursor = connection.cursor()
        tables = census.existing(cursor, census.model_tables(), "sqlite")
        progress.total = len(tables)
        return census.census(cursor, tables, progress=progress)
    finally:
        connection.close()


def sqlite_is_empty(db_path):
    if not Path(db_path).exists():
        return True
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        cursor = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        )
        return cursor.fetchone()[0] == 0
    finally:
        connection.close()


def sqlite_restore(source, db_path):
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    snapshot = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    target = sqlite3.connect(db_path)
    try:
        with target:
            snapshot.backup(target, pages=-1)
        target.execute("PRAGMA journal_mode=WAL")  # as the site opens it
    finally:
        target.close()
        snapshot.close()


def postgres_tools():
    """pg_dump and pg_restore, or a DatabaseError naming the package."""
    found = {name: shutil.which(name) for name in ("pg_dump", "pg_restore")}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        raise DatabaseError(
            f"{' and '.join(missing)} not found: install PostgreSQL's client "
            "programs of the server's version (apt-get install postgresql-client)."
        )
    return found


def libpq_environment(db):
    """The connection as libpq's variables: no password on a command line."""
    env = dict(os.environ)
    pairs = {"PGDATABASE": db["NAME"], "PGUSER": db.get("USER"),
             "PGPASSWORD": db.get("PASSWORD"), "PGHOST": db.get("HOST"),
             "PGPORT": str(db.get("PORT") or "")}
    env.update({name: value for name, value in pairs.items() if value})
    return env


@contextmanager
def postgres_snapshot(db):
    """A read-only REPEATABLE READ transaction: (cursor, exported snapshot id)."""
    import psycopg

    env = libpq_environment(db)
    names = {"dbname": "PGDATABASE", "user": "PGUSER", "password": "PGPASSWORD",
             "host": "PGHOST", "port": "PGPORT"}
    params = {key: env[var] for key, var in names.items() if var in env}
    with psycopg.connect(**params) as connection:
        cursor = connection.cursor()
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        yield cursor, cursor.fetchone()[0]
        connection.rollback()


def pg_dump(db, target, snapshot, *, progress):
    """Dump the exported snapshot; progress steps once per table's data."""
    tools = postgres_tools()
    args = [tools["pg_dump"], "--format=custom", "--no-owner", "--no-privileges",
            "--verbose", f"--snapshot={snapshot}", f"--file={target}"]
    _run(args, libpq_environment(db), progress, r"dumping contents of table")


def pg_restore(db, source, *, progress):
    tools = postgres_tools()
    progress.total = _tables_in_dump(tools, source)
    args = [tools["pg_restore"], "--no-owner", "--no-privileges", "--exit-on-error",
            "--single-transaction", "--verbose", f"--dbname={db['NAME']}", str(source)]
    _run(args, libpq_environment(db), progress, r"processing data for table")


def _tables_in_dump(tools, source):
    """How many tables' data the dump holds: the restore's progress total."""
    listing = subprocess.run([tools["pg_restore"], "--list", str(source)],
                             capture_output=True, text=True, check=False).stdout
    return sum(" TABLE DATA " in line for line in listing.splitlines())


def all_tables(cursor):
    """Every table of the schema, Django's or not (the dump's progress total)."""
    cursor.execute(
        "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
    )
    return cursor.fetchone()[0]


def postgres_is_empty(cursor):
    return all_tables(cursor) == 0


def _run(args, env, progress, step_pattern):
    """Run a pg_ tool, stepping the progress line on its verbose lines."""
    process = subprocess.Popen(args, env=env, stderr=subprocess.PIPE, text=True)
    lines = []
    for line in process.stderr:
        lines.append(line)
        if re.search(step_pattern, line):
            progress.step()
    if process.wait() != 0:
        errors = [line for line in lines if "error" in line.lower()] or lines[-5:]
        raise DatabaseError(f"{Path(args[0]).name} failed: {''.join(errors).strip()}")
