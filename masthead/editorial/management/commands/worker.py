"""`masthead worker`: publish scheduled articles and run queued jobs, unattended."""

import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from masthead.comments import privacy
from masthead.comments import tasks as comment_tasks
from masthead.editorial import jobs, services
from masthead.media import renditions


class Command(BaseCommand):
    help = (
        "Run background work: publish scheduled articles when their time comes, "
        "run queued jobs (renditions, quote extraction) and send the emails "
        "about new comments. Stop with Ctrl+C."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Do what is due now, then exit (for cron or tests).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between looks for due work "
            "(default: MASTHEAD_WORKER_INTERVAL).",
        )

    def handle(self, *, once, interval, **options):
        interval = settings.MASTHEAD_WORKER_INTERVAL if interval is None else interval
        if interval <= 0:
            raise CommandError("--interval must be a positive number of seconds.")
        self.running = True
        self.worker_id = f"masthead-{get_random_string(8)}"
        if not once:
            signal.signal(signal.SIGINT, self.stop)
            signal.signal(signal.SIGTERM, self.stop)
            self.log(f"worker {self.worker_id} started; looking every {interval:g}s")
        while self.running:
            self.tick()
            if once:
                return
            self.sleep(interval)
        self.log("worker stopped")

    def tick(self):
        if not connection.in_atomic_block:  # (a test's transaction must survive)
            close_old_connections()  # as Django does per request: drop dead ones
        for article in services.publish_due():
            self.log(
                f"published scheduled article {article.pk} “{article.title}” "
                f"(due {article.published_at:%Y-%m-%d %H:%M %Z})"
            )
        jobs.run_pending(log=self.log, worker_id=self.worker_id)
        sent = comment_tasks.send_due_emails(log=self.log)
        if sent:
            self.log(f"emails sent about new comments: {sent}")
        # The safety net for images saved outside the admin (demo loader, API),
        # whose renditions nobody queued.
        renditions.make_missing(log_line=self.log)
        self.daily_housekeeping()

    def daily_housekeeping(self):
        """Privacy chores that must happen without anyone remembering them."""
        today = timezone.now().date()
        if getattr(self, "housekept_on", None) == today:
            return
        self.housekept_on = today
        truncated = privacy.truncate_old_ips()
        if truncated:
            self.log(f"truncated {truncated} commenter IP addresses past retention")

    def sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while self.running and time.monotonic() < deadline:
            time.sleep(min(0.2, seconds))

    def stop(self, signum, frame):
        self.running = False

    def log(self, line):
        self.stdout.write(f"{timezone.now():%Y-%m-%d %H:%M:%S} {line}")
        self.stdout.flush()
