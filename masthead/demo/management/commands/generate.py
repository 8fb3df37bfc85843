import sys
import time

from django.core.management.base import BaseCommand, CommandError

from masthead.demo.synthetic import Generator, refresh_planner_statistics


class Command(BaseCommand):
    help = "Fill the site with synthetic articles and comments (bulk inserts, with progress)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--comments", type=int, default=0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--featured-comments", type=int, default=0, metavar="N",
            help="Also add the article 'benchmark-article' with exactly N approved comments.",
        )
        parser.add_argument(
            "--rich-featured", action="store_true",
            help="With --featured-comments: also 'benchmark-rich-article', the same story "
                 "with figures, a gallery and embeds (bench/run.py compares the two).",
        )

    def handle(self, *args, articles, comments, seed, featured_comments, rich_featured,
               **options):
        if articles < 0 or comments < 0:
            raise CommandError("--articles and --comments must be zero or more.")
        if comments and not articles:
            raise CommandError("Comments need articles: give --articles too.")
        started = time.perf_counter()
        phase = {"at": started}

        def started_phase():
            # A phase starts where the previous one ended.
            return phase["at"]
        marks = {}

        def progress(done, total, label):
            marks.setdefault(label, started_phase())
            rate = done / max(time.perf_counter() - marks[label], 1e-9)
            sys.stderr.write(f"\r{label}: {done:,}/{total:,} ({rate:,.0f}/s)   ")
            if done == total:
                sys.stderr.write("\n")
                phase["at"] = time.perf_counter()

        generator = Generator(seed=seed, progress=progress)
        generator.run(articles=articles, comments=comments)
        if featured_comments:
            generator.featured_article(comments=featured_comments)
            if rich_featured:
                generator.rich_featured_article(comments=featured_comments)
        sys.stderr.write("Updating the query planner's statistics...\n")
        refresh_planner_statistics()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Added {articles:,} articles and {comments:,} comments in {elapsed:.1f}s.")
        )
