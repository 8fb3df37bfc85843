import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from masthead.wordpress.importer import Options, WXRError, import_file
from masthead.wordpress.people import AuthorMapError, read_author_map


class Command(BaseCommand):
    help = "Import a WordPress export (WXR): posts, pages, people, terms, pictures, comments."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The WXR file WordPress exported.")
        parser.add_argument(
            "--uploads", type=Path, metavar="DIR",
            help="A copy of wp-content/uploads: attachments are taken from it by path "
                 "(nothing is fetched from the internet).",
        )
        parser.add_argument("--dry-run", action="store_true",
                            help="Write nothing; print the same report.")
        parser.add_argument(
            "--author-map", type=Path, metavar="FILE",
            help="CSV of login,name[,person-slug]: rename authors, or merge two logins "
                 "into one person by giving them one name.",
        )
        parser.add_argument(
            "--section-from", choices=["category", "primary"], default="category",
            help="A post's section: its first category, or Yoast's primary category.",
        )
        parser.add_argument("--pingbacks", choices=["keep", "skip"], default="keep",
                            help="Keep pingbacks and trackbacks (marked as such) or skip them.")
        parser.add_argument("--batch-size", type=int, default=200,
                            help="Posts written per transaction.")
        parser.add_argument("--workers", type=int, default=2,
                            help="Processes rendering comments on large files (1: none).")

    def handle(self, *args, file, uploads, dry_run, author_map, section_from, pingbacks,
               batch_size, workers, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file.")
        if uploads is not None and not uploads.is_dir():
            raise CommandError(f"--uploads {uploads}: no such folder.")
        try:
            mapped = read_author_map(author_map) if author_map else {}
        except AuthorMapError as err:
            raise CommandError(f"--author-map {err}") from err
        started = time.perf_counter()
        try:
            report = import_file(file, Options(
                uploads=uploads, dry_run=dry_run, section_from=section_from,
                pingbacks=pingbacks, batch_size=max(batch_size, 1), workers=max(workers, 1),
                progress=_progress(started),
                author_map=mapped,
            ))
        except WXRError as err:
            raise CommandError(f"{file}: {err}") from err
        self.stdout.write(report.text())
        self.stdout.write(self.style.SUCCESS(f"Done in {time.perf_counter() - started:.1f}s."))


def _progress(started):
    def show(done, total, label):
        rate = done / max(time.perf_counter() - started, 1e-9)
        sys.stderr.write(f"\r{label}: {done:,}/{total:,} ({rate:,.0f}/s)   ")
        if done >= total:
            sys.stderr.write("\n")
    return show
