from django.core.management.base import BaseCommand, CommandError

from masthead.search import services


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index from every published or scheduled article."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=services.BATCH_SIZE,
            help="Articles indexed per batch (default %(default)s).",
        )

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        count = services.rebuild(progress=self.progress, batch_size=batch_size)
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} articles."))

    def progress(self, done, total):
        self.stdout.write(f"  {done}/{total} articles indexed")
