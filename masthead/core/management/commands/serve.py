import os
import shutil
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve the site with gunicorn (static files by WhiteNoise)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("MASTHEAD_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "0")),
            help="Worker processes (default: 2 × CPU cores + 1).",
        )
        parser.add_argument("--no-collectstatic", action="store_true")

    def handle(self, *args, bind, workers, no_collectstatic, **options):
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which("gunicorn")
        if gunicorn is None:
            raise CommandError("gunicorn is not installed: pip install gunicorn")
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        workers = workers or (os.cpu_count() or 1) * 2 + 1
        argv = [
            gunicorn, "masthead.wsgi:application", "--bind", bind,
            "--workers", str(workers), "--access-logfile", "-",
            "--max-requests", "10000", "--max-requests-jitter", "500",
        ]
        self.stdout.write(f"Serving on http://{bind}/ with {workers} workers")
        os.execvp(gunicorn, argv)
