"""`masthead backup DIR`: a consistent snapshot of the site, with a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from masthead.backups import services
from masthead.core.progress import Stages


class Command(BaseCommand):
    help = (
        "Write the database (SQLite's online backup, or pg_dump) and the media "
        "(local files, or the bucket's object list) into DIR, with manifest.json: "
        "rows and checksums of every table and file. The site keeps running."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="A new or empty folder.")
        parser.add_argument(
            "--with-objects", action="store_true",
            help="With media in a bucket: download its objects, not only their list.",
        )

    def handle(self, *, directory, with_objects, **options):
        progress = Stages(self.stderr)
        try:
            manifest = services.backup(
                directory=directory, with_objects=with_objects, progress=progress
            )
        except services.BackupError as err:
            raise CommandError(str(err)) from err
        finally:
            progress.close()
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(self.style.SUCCESS(
            f"Backed up {len(manifest['tables'])} tables ({rows:,} rows) and "
            f"{len(manifest['media']['files']):,} media files into {directory}."
        ))
