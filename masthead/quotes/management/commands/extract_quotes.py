from django.core.management.base import BaseCommand

from masthead.articles.models import Article
from masthead.quotes import services


class Command(BaseCommand):
    help = "Read the quotes of every published article (editors' fixes are kept)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true",
            help="Read articles again even when their words have not changed.",
        )

    def handle(self, *args, force=False, **options):
        ids = list(Article.objects.published().order_by("pk").values_list("pk", flat=True))
        total, read = len(ids), 0
        for index, pk in enumerate(ids, start=1):
            count = services.extract_by_id(article_id=pk, force=force)
            read += count is not None
            if index % 100 == 0 or index == total:
                self.stdout.write(f"[{index}/{total}] articles")
        self.stdout.write(self.style.SUCCESS(
            f"Read {read} of {total} published articles ({total - read} unchanged)."
        ))
