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
"""

import time
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone
from django_tasks import task as job  # noqa: F401  (re-exported for other apps)
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

__all__ = ["job", "enqueue", "enqueue_on_commit", "run_pending", "backlog"]


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
        super().run_task(db_task_result)
        self.ran += 1
        self.log(
            f"job {db_task_result.task_path} {db_task_result.status.lower()} "
            f"in {time.monotonic() - started:.2f}s"
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
