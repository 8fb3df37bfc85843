"""`masthead worker`: run every app's chores and the queued jobs, unattended.

The apps register their chores (jobs/chores.py): editorial publishes
scheduled articles, comments sends its emails and truncates old IPs, media
makes missing renditions. This command knows none of them.
"""

import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from masthead.jobs import chores, queue

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run background work: publish scheduled articles when their time comes, "
        "run queued jobs (renditions, quote extraction), send the emails "
        "about new comments and do the daily privacy chores. Stop with Ctrl+C."
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
        self.daily_done = {}
        self.worker_id = f"masthead-{get_random_string(8)}"
        self.next_reclaim = 0.0
        if not once:
            signal.signal(signal.SIGINT, self.stop)
            signal.signal(signal.SIGTERM, self.stop)
            self.log(f"worker {self.worker_id} started; looking every {interval:g}s")
        while self.running:
            if once:
                self.tick()
                return
            self.tick_surviving()
            self.sleep(interval)
        self.log("worker stopped")

    def tick(self):
        if not connection.in_atomic_block:  # (a test's transaction must survive)
            close_old_connections()  # as Django does per request: drop dead ones
        chores.run_due(
            log=self.log, today=timezone.now().date(), daily_done=self.daily_done
        )
        self.reclaim()
        queue.run_pending(log=self.log, worker_id=self.worker_id)

    def tick_surviving(self):
        """A tick whose failure is logged, not the end of the worker.

        A database restart ended the worker on its next query (issue 24,
        item 8: the fault bench's emails stopped after PostgreSQL restarted),
        and a bug in one chore would stop every other one. The work is done
        on a later tick: jobs and emails stay due until they are done.
        """
        try:
            self.tick()
        except DatabaseError as error:
            self.log(f"the database did not answer ({error}); trying again next tick")
            self.drop_dead_connections()
        except Exception:  # any chore's bug: logged with its traceback, next tick
            log.exception("a worker tick failed")
            self.log("a worker tick failed (traceback logged); trying again next tick")

    def drop_dead_connections(self):
        """After a restart every pooled connection is dead: close ours (the pool
        discards a broken one) and have the pool check the rest."""
        connection.close()
        pool = getattr(connection, "pool", None)
        if pool is not None:
            pool.check()

    def reclaim(self):
        """Take back jobs a killed worker left, a few times per lease: the look
        reads every running row, so not on every tick."""
        if time.monotonic() < self.next_reclaim:
            return
        queue.reclaim_abandoned(log=self.log)
        lease = settings.MASTHEAD_JOB_LEASE_SECONDS
        self.next_reclaim = time.monotonic() + min(60.0, lease / 4)

    def sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while self.running and time.monotonic() < deadline:
            time.sleep(min(0.2, seconds))

    def stop(self, signum, frame):
        self.running = False

    def log(self, line):
        self.stdout.write(f"{timezone.now():%Y-%m-%d %H:%M:%S} {line}")
        self.stdout.flush()
