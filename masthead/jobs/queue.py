"""Background work for every app, run by `masthead worker`.

Built on django-tasks (the backport of Django 6's `django.tasks`) with its
database backend: jobs are rows in our own database, so there is no broker to
run, a job queued inside a transaction is rolled back with it, and moving to
Django 6 changes one import.

    from masthead.jobs.queue import job, enqueue

    @job()
    def extract_quotes(article_id): ...

    enqueue(extract_quotes, article.pk)          # as soon as a worker is free
    enqueue_on_commit(extract_quotes, article.pk)  # once the saving transaction commits

A job that raises is tried again, MASTHEAD_JOB_MAX_ATTEMPTS times in all,
after MASTHEAD_JOB_RETRY_SECONDS doubling each time (to an hour), and then
stays failed, its last error shown in the admin with a "retry" action
(jobs/admin.py). A job whose worker was killed stays "running" in the table:
once its claim is older than MASTHEAD_JOB_LEASE_SECONDS another worker takes
it back (issue 24, item 9). Attempts are the claims recorded in the row's
`worker_ids`, so nothing is added to django-tasks-db's table.
"""

import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone
from django_tasks import task as job  # noqa: F401  (re-exported for other apps)
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

__all__ = ["job", "enqueue", "enqueue_on_commit", "run_pending", "backlog",
           "reclaim_abandoned", "retry"]
MAX_BACKOFF_SECONDS = 3600
ABANDONED = "masthead.jobs.queue.Abandoned"


def enqueue(task, *args, run_after=None, **kwargs):
    """Queue a job; run_after (an aware datetime) holds it until then."""
    if run_after is not None:
        task = task.using(run_after=run_after)
    return task.enqueue(*args, **kwargs)


def enqueue_on_commit(task, *args, **kwargs):
    """Queue once the current transaction commits, so the job sees its rows."""
    transaction.on_commit(lambda: enqueue(task, *args, **kwargs))


class _LoggingWorker(Worker):
    """django-tasks-db's worker, reporting each job in one line."""

    def __init__(self, *, log, **options):
        super().__init__(**options)
        self.log = log
        self.ran = 0

    def run_task(self, db_task_result):
        started = time.monotonic()
        super().run_task(db_task_result)  # records success, or the error
        self.ran += 1
        outcome = db_task_result.status.lower()
        if db_task_result.status == "FAILED" and _again_later(db_task_result):
            outcome = f"failed, retrying at {db_task_result.run_after:%H:%M:%S}"
        self.log(
            f"job {db_task_result.task_path} {outcome} "
            f"in {time.monotonic() - started:.2f}s"
        )


def attempts(db_task_result):
    """How many times a worker has claimed this job."""
    return len(db_task_result.worker_ids)


def backoff(attempt):
    """Seconds before try number attempt + 1: the base, doubling, to an hour."""
    base = settings.MASTHEAD_JOB_RETRY_SECONDS
    return min(MAX_BACKOFF_SECONDS, base * 2 ** max(0, attempt - 1))


def _again_later(db_task_result, *, now=None):
    """A failed job with tries left waits its backoff and is due again; the
    error stays on the row (the admin's "last error") until it succeeds."""
    if attempts(db_task_result) >= settings.MASTHEAD_JOB_MAX_ATTEMPTS:
        return False
    now = now or timezone.now()
    db_task_result.status = "READY"
    wait = backoff(attempts(db_task_result))
    db_task_result.run_after = now + timedelta(seconds=wait)
    db_task_result.finished_at = None
    db_task_result.save(update_fields=["status", "run_after", "finished_at"])
    return True


def reclaim_abandoned(*, now=None, log=lambda line: None):
    """Jobs "running" longer than the lease were left by a killed worker: each
    is due again at once, or failed if that was its last attempt. Returns how
    many were taken back."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.MASTHEAD_JOB_LEASE_SECONDS)
    taken = 0
    with transaction.atomic():
        stale = DBTaskResult.objects.filter(
            status="RUNNING", started_at__lt=cutoff
        ).select_for_update(skip_locked=True)
        for result in stale:
            _abandoned(result, now)
            taken += 1
            log(f"job {result.task_path} abandoned by {result.worker_ids[-1:]}; "
                f"{result.status.lower()} after {attempts(result)} attempt(s)")
    return taken


def _abandoned(result, now):
    result.exception_class_path = ABANDONED
    result.traceback = (
        f"Abandoned: the worker running it ({', '.join(result.worker_ids[-1:])}) "
        f"stopped without finishing it (killed?) after "
        f"{settings.MASTHEAD_JOB_LEASE_SECONDS}s of lease."
    )
    if attempts(result) >= settings.MASTHEAD_JOB_MAX_ATTEMPTS:
        result.status, result.finished_at = "FAILED", now
    else:
        result.status, result.run_after = "READY", now
    result.save(update_fields=["status", "run_after", "finished_at",
                               "exception_class_path", "traceback"])


def retry(queryset, *, now=None):
    """Run these failed jobs again soon, with every attempt back (the admin's
    action). Returns how many."""
    return queryset.filter(status="FAILED").update(
        status="READY", run_after=now or timezone.now(), finished_at=None, worker_ids=[]
    )


def run_pending(*, log=lambda line: None, max_tasks=None, worker_id="masthead"):
    """Run every queued job that is due, in this process; returns how many ran.

    The claim loop of django-tasks-db's own worker, minus its connection
    recycling (the `worker` command does that between ticks), so tests can
    run jobs inside their transaction.
    """
    worker = _LoggingWorker(
        log=log,
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    while max_tasks is None or worker.ran < max_tasks:
        ready = DBTaskResult.objects.ready().filter(backend_name="default")
        with exclusive_transaction(ready.db):
            claimed = ready.get_locked()
            if claimed is not None:
                claimed.claim(worker_id)  # no other worker will take it now
        if claimed is None:
            break
        worker.run_task(claimed)
    return worker.ran


@dataclass(frozen=True)
class Backlog:
    """What waits in the queue: jobs due now, the age of the oldest, failures."""

    due: int
    oldest_due_seconds: float
    running: int
    failed: int


def backlog(*, now=None):
    """The queue's state in two queries, for /metrics (a job held until later is
    not late, so only due jobs count towards the oldest's age)."""
    now = now or timezone.now()
    results = DBTaskResult.objects.filter(backend_name="default")
    due = results.ready().aggregate(n=Count("pk"), oldest=Min("enqueued_at"))
    states = dict(
        results.filter(status__in=["RUNNING", "FAILED"])
        .values_list("status").annotate(n=Count("pk")).order_by()
    )
    oldest = (now - due["oldest"]).total_seconds() if due["oldest"] else 0.0
    return Backlog(due["n"], max(0.0, oldest), states.get("RUNNING", 0),
                   states.get("FAILED", 0))
