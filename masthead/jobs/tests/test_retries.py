"""Failing jobs are retried with backoff, then stay failed, shown in the admin
with their error; jobs a killed worker left are taken back (issue 24, item 9)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from masthead.jobs import queue

pytestmark = pytest.mark.django_db


@queue.job()
def flaky(key):
    """Fails until the cache says otherwise."""
    if not cache.get(key):
        raise ConnectionError("the mail server refused the connection")
    return "done"


def run_when_due(now):
    """run_pending as if the clock said ``now``: due rows are made due."""
    DBTaskResult.objects.filter(status="READY", run_after__lte=now).update(
        run_after=timezone.now() - timedelta(seconds=1)
    )
    return queue.run_pending()


def test_a_failing_job_is_tried_again_after_a_doubling_backoff(settings):
    settings.MASTHEAD_JOB_RETRY_SECONDS = 30
    settings.MASTHEAD_JOB_MAX_ATTEMPTS = 3
    queue.enqueue(flaky, "flaky-1")
    started = timezone.now()
    assert queue.run_pending() == 1
    row = DBTaskResult.objects.get()
    assert row.status == "READY" and "refused the connection" in row.traceback
    assert 29 <= (row.run_after - started).total_seconds() <= 40
    assert queue.run_pending() == 0  # not before its time
    run_when_due(row.run_after)
    row.refresh_from_db()
    assert row.status == "READY" and queue.attempts(row) == 2
    assert 59 <= (row.run_after - timezone.now()).total_seconds() <= 61  # doubled
    cache.set("flaky-1", True)
    run_when_due(row.run_after)
    row.refresh_from_db()
    assert row.status == "SUCCESSFUL" and row.return_value == "done"
    assert queue.attempts(row) == 3


def test_after_its_last_attempt_a_job_stays_failed_with_its_error(settings):
    settings.MASTHEAD_JOB_MAX_ATTEMPTS = 2
    queue.enqueue(flaky, "flaky-2")
    queue.run_pending()
    run_when_due(timezone.now() + timedelta(hours=2))
    row = DBTaskResult.objects.get()
    assert row.status == "FAILED" and queue.attempts(row) == 2
    assert row.exception_class_path == "builtins.ConnectionError"
    assert run_when_due(timezone.now() + timedelta(days=1)) == 0  # never again


def test_backoff_doubles_up_to_an_hour(settings):
    settings.MASTHEAD_JOB_RETRY_SECONDS = 30
    assert [queue.backoff(n) for n in (1, 2, 3, 8, 20)] == [30, 60, 120, 3600, 3600]


def claimed_by_a_dead_worker(seconds_ago, claims=1):
    queue.enqueue(flaky, "flaky-3")
    row = DBTaskResult.objects.get()
    row.status = "RUNNING"
    row.started_at = timezone.now() - timedelta(seconds=seconds_ago)
    row.worker_ids = [f"masthead-dead{n}" for n in range(claims)]
    row.save()
    return row


def test_a_job_left_running_past_its_lease_is_taken_back(settings):
    settings.MASTHEAD_JOB_LEASE_SECONDS = 600
    row = claimed_by_a_dead_worker(seconds_ago=60)
    assert queue.reclaim_abandoned() == 0  # still within the lease: it may be running
    row.started_at = timezone.now() - timedelta(seconds=601)
    row.save()
    assert queue.reclaim_abandoned() == 1
    row.refresh_from_db()
    assert row.status == "READY" and "masthead-dead0" in row.traceback
    cache.set("flaky-3", True)
    assert queue.run_pending() == 1
    row.refresh_from_db()
    assert row.status == "SUCCESSFUL" and queue.attempts(row) == 2


def test_an_abandoned_job_on_its_last_attempt_is_failed_not_run_again(settings):
    settings.MASTHEAD_JOB_LEASE_SECONDS, settings.MASTHEAD_JOB_MAX_ATTEMPTS = 10, 3
    row = claimed_by_a_dead_worker(seconds_ago=60, claims=3)
    queue.reclaim_abandoned()
    row.refresh_from_db()
    assert row.status == "FAILED" and row.traceback.startswith("Abandoned")


@pytest.fixture
def admin_client(client):
    users = get_user_model().objects
    boss = users.create_superuser("boss", "boss@ledger.example", "pw")
    client.force_login(boss)
    return client


def test_the_admin_lists_failed_jobs_with_their_error_and_retries_them(
    admin_client, settings
):
    settings.MASTHEAD_JOB_MAX_ATTEMPTS = 1
    queue.enqueue(flaky, "flaky-4")
    queue.run_pending()
    row = DBTaskResult.objects.get()
    page = admin_client.get("/admin/django_tasks_database/dbtaskresult/?status=FAILED")
    html = page.content.decode()
    assert page.status_code == 200
    assert "ConnectionError: the mail server refused the connection" in html
    assert "1 of 1" in html and "Retry the selected failed jobs" in html
    done = admin_client.post("/admin/django_tasks_database/dbtaskresult/", {
        "action": "retry", "_selected_action": [str(row.pk)],
    }, follow=True)  # fmt: skip
    assert "1 failed job will run again." in done.content.decode()
    row.refresh_from_db()
    assert row.status == "READY" and queue.attempts(row) == 0
    cache.set("flaky-4", True)
    assert queue.run_pending() == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
