"""An edition sent by real `masthead worker` processes to a counting SMTP server,
with the worker killed by SIGKILL in the middle (the kill test and
bench/newsletter.py share it).

Everything runs as separate processes on one SQLite file (or the PostgreSQL
database DATABASE_URL names): the database is migrated and filled by
`masthead` commands, the worker is the one a newsroom runs, and the count is
what the SMTP server accepted.
"""

import os
import signal
import subprocess
import sys
import time
from collections import Counter as Tally
from dataclasses import dataclass, field
from pathlib import Path

from masthead.core.tests.smtp import free_port, wait_for_port

from . import counting_smtp

ROOT = Path(__file__).resolve().parents[3]
MASTHEAD = [sys.executable, "-m", "masthead.cli"]

POPULATE = """
import time, django
django.setup()
from django.utils import timezone
from masthead.newsletters import editions
from masthead.newsletters.models import Edition
from masthead.testing import make_article, make_newsletter, make_subscribers
briefing = make_newsletter("Morning Briefing", slug="briefing")
made = 0
while made < {count}:
    made += len(make_subscribers(briefing, min(10000, {count} - made)))
edition = Edition.objects.create(newsletter=briefing, subject="Morning Briefing",
    intro="Good morning. Three things to know today.", status="scheduled",
    send_at=timezone.now())
for n in range(5):
    edition.edition_stories.create(article=make_article(title=f"Story {{n}}"),
                                   position=n)
started = time.monotonic()
editions.start(edition.pk)
print(f"{{time.monotonic() - started:.2f}}")
"""


@dataclass
class Run:
    """What one scenario measured."""

    count: int
    received: list = field(default_factory=list)
    fan_out_seconds: float = 0.0
    peak_kib: int = 0
    segments: list = field(default_factory=list)  # (messages, seconds) per worker run

    @property
    def duplicates(self):
        return sum(
            n - 1 for n in Tally(r for _, r, _ in self.received).values() if n > 1
        )

    def gaps(self, expected):
        return len(set(expected) - {r for _, r, _ in self.received})

    @property
    def rate(self):
        seconds = sum(s for _, s in self.segments)
        return sum(n for n, _ in self.segments) / seconds if seconds else 0.0


class Scenario:
    """A database, a counting SMTP server and worker processes, in ``folder``."""

    def __init__(
        self, folder, *, lease=2, batch=200, database_url=None, server="aiosmtpd"
    ):
        self.folder, self.server_kind = Path(folder), server
        self.counts = self.folder / "received.tsv"
        self.port = free_port()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
            "DATABASE_URL": database_url or f"sqlite:///{self.folder}/site.sqlite3",
            "MASTHEAD_VAR_DIR": str(self.folder),
            "SECRET_KEY": "scenario-only-secret",
            "ALLOWED_HOSTS": "localhost",
            "EMAIL_URL": f"smtp://127.0.0.1:{self.port}/?timeout=10",
            "MASTHEAD_SITE_URL": "https://ledger.example",
            "MASTHEAD_SECURE_COOKIES": "0",
            "MASTHEAD_NEWSLETTER_LEASE_SECONDS": str(lease),
            "MASTHEAD_NEWSLETTER_BATCH": str(batch),
            "PYTHONPATH": str(ROOT),
        }
        self.server, self.workers = None, []
        self._counted, self._offset = 0, 0

    def prepare(self, count):
        """Migrate, add ``count`` confirmed subscribers and start an edition."""
        self._run([*MASTHEAD, "migrate", "--noinput", "-v0"])
        out = self._run([sys.executable, "-c", POPULATE.format(count=count)])
        return float(out.strip().splitlines()[-1])

    def start_server(self):
        """aiosmtpd, or the benchmark's sink (sink_smtp.py), in a session of its
        own so that stop() ends each of the sink's processes."""
        if self.server_kind == "sink":
            command = [
                sys.executable,
                "-m",
                "masthead.newsletters.tests.sink_smtp",
                str(self.port),
                str(self.counts),
            ]
        else:
            command = [
                sys.executable,
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                f"127.0.0.1:{self.port}",
                "-c",
                "masthead.newsletters.tests.counting_smtp.Counter",
                str(self.counts),
            ]
        self.server = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        wait_for_port(self.port, self.server)

    def start_worker(self):
        worker = subprocess.Popen(
            [*MASTHEAD, "worker", "--interval", "0.2"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.workers.append(worker)
        return worker

    def received(self):
        return counting_smtp.read(self.counts) if self.counts.exists() else []

    def count(self):
        """Messages received so far, reading only what was added since the last
        look (re-reading 100,000 lines 20 times a second took a core)."""
        if not self.counts.exists():
            return 0
        with open(self.counts, "rb") as handle:
            handle.seek(self._offset)
            added = handle.read()
        complete = added.rfind(b"\n") + 1
        self._offset += complete
        self._counted += added[:complete].count(b"\n")
        return self._counted

    def wait_for(self, count, timeout):
        """Until the server has ``count`` messages; returns how many it has."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.count()
            if got >= count:
                return got
            for worker in self.workers:
                if worker.poll() is not None:
                    raise RuntimeError(f"a worker exited: {worker.stderr.read()}")
            time.sleep(0.1)
        return self.count()

    def kill_worker(self):
        """SIGKILL the oldest worker: no handler runs, nothing is flushed or marked."""
        worker = self.workers.pop(0)
        peak = peak_kib(worker.pid)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        return peak

    def stop_workers(self):
        """SIGTERM every worker; returns the largest peak memory among them."""
        peaks = [peak_kib(worker.pid) for worker in self.workers]
        for worker in self.workers:
            worker.send_signal(signal.SIGTERM)
        for worker in self.workers:
            worker.wait(timeout=60)
        self.workers = []
        return max(peaks, default=0)

    def stop(self):
        for worker in self.workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait(timeout=10)
        if self.server is not None:
            try:
                os.killpg(self.server.pid, signal.SIGKILL)  # the sink's forks too
            except ProcessLookupError:
                pass
            self.server.wait(timeout=10)

    def edition_state(self):
        out = self._run(
            [
                sys.executable,
                "-c",
                (
                    "import django; django.setup()\n"
                    "from masthead.newsletters.models import Edition\n"
                    "e = Edition.objects.get(); print(e.status, e.deliveries.counts())"
                ),
            ]
        )
        return out.strip()

    def _run(self, command):
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if done.returncode:
            raise RuntimeError(f"{command[:3]} failed: {done.stderr[-2000:]}")
        return done.stdout


def peak_kib(pid):
    """The process's peak resident memory (VmHWM), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def kill_in_the_middle(scenario, count, *, kill_at=None, timeout=600, workers=1):
    """Send to ``count`` subscribers with ``workers`` workers, SIGKILL one once
    ``kill_at`` have arrived, start another, wait for the rest; returns a Run."""
    run = Run(count=count)
    run.fan_out_seconds = scenario.prepare(count)
    scenario.start_server()
    kill_at = kill_at or count // 3
    for _ in range(workers):
        scenario.start_worker()
    scenario.wait_for(1, timeout)
    first = scenario.received()[0][0]
    scenario.wait_for(kill_at, timeout)
    run.peak_kib = scenario.kill_worker()
    before = scenario.received()
    run.segments.append((len(before), before[-1][0] - first))
    scenario.start_worker()
    scenario.wait_for(len(before) + 1, timeout)
    restart = scenario.received()[len(before)][0]
    scenario.wait_for(count, timeout)
    time.sleep(1.0)  # anything sent twice would arrive now
    run.peak_kib = max(run.peak_kib, scenario.stop_workers())
    run.received = scenario.received()
    run.segments.append(
        (len(run.received) - len(before), run.received[-1][0] - restart)
    )
    return run
