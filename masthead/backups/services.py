"""`masthead backup DIR` and `masthead restore DIR`: a site in one folder.

DIR holds the database snapshot, the media (files, or the bucket's list and,
with --with-objects, its objects) and manifest.json: rows and a SHA-256 per
table, counted from the snapshot itself, and a SHA-256 (or the bucket's size
and ETag) per media file. The manifest is written last, so a folder without
one is an unfinished backup. A restore goes only into an empty site, and
checks every table and file against the manifest before it says "done".
"""

import json
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages
from django.db import connections

from . import census, database, media

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(Exception):
    """Refused or failed; the message says why, and nothing was overwritten."""


def backup(*, directory, with_objects=False, progress):
    """Write a backup of this site into directory (new, or empty)."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: back up into a new folder.")
    directory.mkdir(parents=True, exist_ok=True)
    db = connections["default"].settings_dict
    try:
        snapshot, tables = _back_up_database(db, directory, progress)
        files = media.back_up(storages["default"], directory,
                              with_objects=with_objects, progress=progress("Media"))
    except (database.DatabaseError, media.MediaError, OSError) as err:
        raise BackupError(str(err)) from err
    manifest = {
        "format": FORMAT, "created_at": datetime.now(UTC).isoformat(),
        "database": snapshot, "tables": tables, "media": files,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def _back_up_database(db, directory, progress):
    vendor = connections["default"].vendor
    if vendor == "sqlite":
        target = directory / database.SQLITE_FILE
        step = progress("Database", total=1)
        database.sqlite_snapshot(db["NAME"], target)
        step.step()
        tables = database.sqlite_census(target, progress=progress("Counting"))
    elif vendor == "postgresql":
        target = directory / database.POSTGRES_FILE
        tables = _postgres_dump(db, target, progress)
    else:
        raise BackupError(f"Backups know SQLite and PostgreSQL, not {vendor}.")
    facts = {"vendor": vendor, "file": target.name, "size": target.stat().st_size,
             "sha256": media.sha256_of(target)}
    return facts, tables


def _postgres_dump(db, target, progress):
    with database.postgres_snapshot(db) as (cursor, snapshot):
        tables = census.existing(cursor, census.model_tables(), "postgresql")
        database.pg_dump(db, target, snapshot, progress=progress(
            "Database", total=database.all_tables(cursor)))
        return census.census(cursor, tables, progress=progress("Counting",
                                                               total=len(tables)))


def read_manifest(directory):
    path = Path(directory) / MANIFEST
    if not path.is_file():
        raise BackupError(
            f"{directory} has no {MANIFEST}: not a backup, or one that did not finish."
        )
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: format {manifest.get('format')} is not {FORMAT}.")
    return manifest


def restore(*, directory, progress):
    """Restore the backup in directory into this (empty) site; then verify."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    snapshot = manifest["database"]
    source = directory / snapshot["file"]
    _check_file(source, snapshot)
    vendor = connections["default"].vendor
    if vendor != snapshot["vendor"]:
        raise BackupError(
            f"This backup is of a {snapshot['vendor']} database; "
            f"the site's is {vendor}."
        )
    _refuse_unless_empty(vendor)
    try:
        _restore_database(vendor, source, progress)
        tables = _census_now(vendor, progress)
        bad_files = media.restore(storages["default"], directory, manifest["media"],
                                  progress=progress("Media"))
    except (database.DatabaseError, media.MediaError, OSError) as err:
        raise BackupError(str(err)) from err
    return _differences(manifest["tables"], tables, bad_files)


def _check_file(source, snapshot):
    if not source.is_file():
        raise BackupError(f"{source} is missing from the backup.")
    if media.sha256_of(source) != snapshot["sha256"]:
        raise BackupError(f"{source} does not match its checksum: the copy is damaged.")


def _refuse_unless_empty(vendor):
    db = connections["default"].settings_dict
    if vendor == "sqlite":
        empty = database.sqlite_is_empty(db["NAME"])
    else:
        with connections["default"].cursor() as cursor:
            empty = database.postgres_is_empty(cursor)
    if not empty:
        raise BackupError(
            f"The database {db['NAME']} already has tables: a backup is restored "
            "only into an empty site. Point DATABASE_URL at a new, empty database."
        )
    if not media.is_empty(storages["default"]):
        raise BackupError(
            f"{settings.MEDIA_ROOT} already holds files: a backup is restored only "
            "into an empty site. Use an empty MEDIA_ROOT."
        )


def _restore_database(vendor, source, progress):
    db = connections["default"].settings_dict
    connections["default"].close()
    if vendor == "sqlite":
        step = progress("Database", total=1)
        database.sqlite_restore(source, db["NAME"])
        step.step()
    else:
        database.pg_restore(db, source, progress=progress("Database"))


def _census_now(vendor, progress):
    db = connections["default"].settings_dict
    if vendor == "sqlite":
        return database.sqlite_census(db["NAME"], progress=progress("Verifying"))
    with database.postgres_snapshot(db) as (cursor, _):
        tables = census.existing(cursor, census.model_tables(), "postgresql")
        return census.census(cursor, tables, progress=progress("Verifying",
                                                               total=len(tables)))


def _differences(expected, found, bad_files):
    """Sentences for each table or file that differs; empty when all match."""
    problems = [
        f"table {table}: {expected[table]['rows']} rows in the backup, "
        f"{found.get(table, {}).get('rows', 0)} restored, or different contents"
        for table in sorted(expected)
        if found.get(table) != expected[table]
    ]
    problems += [f"media file {name}: missing or different" for name in bad_files]
    return problems
