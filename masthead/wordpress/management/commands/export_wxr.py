from pathlib import Path

from django.core.management.base import BaseCommand

from masthead.wordpress.exporter import export


class Command(BaseCommand):
    help = "Write the site as a WXR 1.2 file WordPress's importer reads."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        counts = export(file)
        summary = ", ".join(f"{n:,} {what}" for what, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Wrote {file}: {summary}."))
