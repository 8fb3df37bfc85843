"""A real `masthead worker` killed with SIGKILL in the middle of a job: another
worker takes the job back once its lease ends and finishes it (issue 24, item 9).

The workers are separate processes on a SQLite file of their own (they cannot
see the test's database), migrated by `masthead migrate`, as a newsroom runs them.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
MASTHEAD = [sys.executable, "-m", "masthead.cli"]
ENQUEUE = """
import django; django.setup()
from masthead.jobs.queue import enqueue
from masthead.jobs.tests.slow_jobs import first_run_hangs
enqueue(first_run_hangs, {folder!r})
"""


@pytest.fixture
def site(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "DATABASE_URL": f"sqlite:///{tmp_path}/site.sqlite3",
        "MASTHEAD_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "kill-test-only",
        "MASTHEAD_ALLOW_CONSOLE_EMAIL": "1",
        "MASTHEAD_JOB_LEASE_SECONDS": "2",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    subprocess.run([*MASTHEAD, "migrate", "--noinput", "-v0"], env=env, check=True,
                   cwd=ROOT, timeout=120)
    subprocess.run([sys.executable, "-c", ENQUEUE.format(folder=str(tmp_path))],
                   env=env, check=True, cwd=ROOT, timeout=60)
    workers = []

    def start_worker():
        worker = subprocess.Popen([*MASTHEAD, "worker", "--interval", "0.2"], env=env,
                                  cwd=ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
        workers.append(worker)
        return worker

    yield tmp_path, start_worker
    for worker in workers:
        if worker.poll() is None:
            worker.kill()
        worker.wait(timeout=10)


def job_row(folder):
    with sqlite3.connect(folder / "site.sqlite3") as db:
        return db.execute(
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"
        ).fetchone()


def wait_until(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_job_whose_worker_was_killed_is_finished_by_another(site):
    folder, start_worker = site
    first = start_worker()
    assert wait_until(lambda: (folder / "started").exists(), 60), first.stdout.read()
    assert job_row(folder)[0] == "RUNNING"
    os.kill(first.pid, signal.SIGKILL)  # no handler runs, nothing is marked
    first.wait(timeout=10)
    assert job_row(folder)[0] == "RUNNING"  # as the killed worker left it
    second = start_worker()
    assert wait_until(lambda: job_row(folder)[0] == "SUCCESSFUL", 60)
    assert (folder / "finished").read_text() == "done"
    status, worker_ids = job_row(folder)
    assert worker_ids.count("masthead-") == 2  # two claims: the killed one's and this
    second.send_signal(signal.SIGTERM)
    assert "abandoned by" in second.communicate(timeout=30)[0]
