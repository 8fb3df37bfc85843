"""`masthead restore DIR`: a backup into an empty site, checked against its manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from masthead.backups import services
from masthead.core.progress import Stages


class Command(BaseCommand):
    help = (
        "Restore a `masthead backup` folder into this site, which must be empty "
        "(a new database, an empty media folder), then compare every table's rows "
        "and checksum and every media file with the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path,
                            help="A folder `masthead backup` wrote.")

    def handle(self, *, directory, **options):
        progress = Stages(self.stderr)
        try:
            problems = services.restore(directory=directory, progress=progress)
        except services.BackupError as err:
            raise CommandError(str(err)) from err
        finally:
            progress.close()
        if problems:
            raise CommandError(
                "Restored, but it does not match the backup's manifest:\n  "
                + "\n  ".join(problems)
            )
        self.stdout.write(self.style.SUCCESS(
            f"Restored {directory}; every table and media file matches its manifest."
        ))
