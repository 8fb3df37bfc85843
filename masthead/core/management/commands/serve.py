import os
import shutil
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

SERVERS = ("granian", "gunicorn")


class Command(BaseCommand):
    help = (
        "Serve the site in production: granian (default) or gunicorn, one worker "
        "process per CPU core, static files by WhiteNoise."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("MASTHEAD_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "0")),
            help="Worker processes (default: one per CPU core for granian, 2n+1 for gunicorn).",
        )
        parser.add_argument("--server", choices=SERVERS,
                            default=os.environ.get("MASTHEAD_SERVER", "granian"))
        parser.add_argument("--no-collectstatic", action="store_true")
        parser.add_argument("--access-log", action="store_true")

    def handle(self, *args, bind, workers, server, no_collectstatic, access_log, **options):
        executable = shutil.which(server, path=os.path.dirname(sys.executable)) or shutil.which(server)
        if executable is None:
            raise CommandError(f"{server} is not installed: pip install {server}")
        if ":" not in bind:
            raise CommandError(f"--bind wants HOST:PORT, not {bind!r}.")
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        self.metrics_folder()
        cores = os.cpu_count() or 1
        argv = (self.granian if server == "granian" else self.gunicorn)(
            executable, bind, workers, cores, access_log
        )
        self.stdout.write(f"Serving on http://{bind}/ with {server}")
        self.stdout.flush()
        os.execv(executable, argv)

    def metrics_folder(self):
        """Every worker process counts requests into files here (core/metrics.py).

        Emptied first: counters start at zero with the server, as Prometheus
        expects of a restarted target, and files of old pids do not pile up.
        """
        folder = Path(settings.MASTHEAD_METRICS_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.db"):
            stale.unlink()
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)

    def granian(self, executable, bind, workers, cores, access_log):
        host, port = bind.rsplit(":", 1)
        # Each worker is a process with its own GIL, and a page is almost all
        # Python: more threads per worker only queue behind the GIL. With the
        # database on the same machine, one thread beat four by 20% in
        # throughput and p99 (bench/run.py). MASTHEAD_THREADS raises it for a
        # database across a network, where a worker waits longer per query.
        return [
            executable, "--interface", "wsgi", "masthead.wsgi:application",
            "--host", host, "--port", port, "--workers", str(workers or cores),
            "--blocking-threads", os.environ.get("MASTHEAD_THREADS", "1"),
            "--respawn-failed-workers", "--workers-lifetime", "6h",
            "--access-log" if access_log else "--no-access-log",
        ]

    def gunicorn(self, executable, bind, workers, cores, access_log):
        return [
            executable, "masthead.wsgi:application", "--bind", bind,
            "--workers", str(workers or cores * 2 + 1),
            "--max-requests", "10000", "--max-requests-jitter", "500",
            *(["--access-logfile", "-"] if access_log else []),
        ]
