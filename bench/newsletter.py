"""An edition to 100,000 subscribers through a local SMTP server, with a SIGKILL
in the middle (issue 23's benchmark).

A real `masthead worker` sends through Django's SMTP backend to an aiosmtpd
process on loopback that counts what it accepts
(masthead/newsletters/tests/counting_smtp.py). When a third of the edition
has arrived the worker is killed with SIGKILL; a second one is started and
finishes. Prints messages/s while a worker was sending (the gap while the
dead worker's lease runs out and the new one starts is shown apart), the
workers' peak memory, and duplicates and gaps counted at the server.

    .venv/bin/python bench/newsletter.py [--subscribers 100000] [--batch 200]

SQLite by default; PostgreSQL with --database-url postgres://... (an empty
database: it is migrated).
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from masthead.newsletters.tests.scenario import Scenario, kill_in_the_middle  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument(
        "--lease",
        type=int,
        default=5,
        help="seconds before a dead worker's claim is taken over",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes sharing the edition (one is killed)",
    )
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--server",
        choices=["sink", "aiosmtpd"],
        default="sink",
        help="the counting SMTP server: our asyncio sink (one "
        "process per core, PIPELINING) or aiosmtpd",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="masthead-newsletter-bench-") as folder:
        scenario = Scenario(
            folder,
            lease=args.lease,
            batch=args.batch,
            server=args.server,
            database_url=args.database_url,
        )
        started = time.monotonic()
        try:
            run = kill_in_the_middle(
                scenario, args.subscribers, timeout=3600, workers=args.workers
            )
        finally:
            scenario.stop()
        report(run, args, time.monotonic() - started)


def report(run, args, wall):
    received = len(run.received)
    distinct = len({recipient for _, recipient, _ in run.received})
    gaps = run.count - distinct
    first, second = run.segments
    restart_gap = run.received[first[0]][0] - run.received[first[0] - 1][0]
    print(
        f"subscribers                 {run.count:,} ({args.workers} worker(s), "
        f"{'SQLite' if not args.database_url else 'PostgreSQL'})"
    )
    print(
        f"ledger rows written         {run.fan_out_seconds:.2f} s (one INSERT ... SELECT)"
    )
    print(f"received at the server      {received:,}")
    print(f"before the SIGKILL          {first[0]:,} in {first[1]:.1f} s")
    print(
        f"after the restart           {second[0]:,} in {second[1]:.1f} s "
        f"(restart gap {restart_gap:.1f} s: lease {args.lease} s + start-up)"
    )
    print(f"messages/s while sending    {run.rate:,.0f}   (target >= 1,000)")
    print(
        f"worker peak memory          {run.peak_kib / 1024:.0f} MiB (VmHWM, the largest)"
    )
    print(f"duplicates                  {run.duplicates}   (target 0)")
    print(f"gaps                        {gaps}   (target 0)")
    print(f"whole run                   {wall:.0f} s")
    targets = [
        ("messages/s >= 1,000", run.rate >= 1000),
        ("0 duplicates", run.duplicates == 0),
        ("0 gaps", gaps == 0),
    ]
    for name, met in targets:
        print(f"  {name:22} {'met' if met else 'NOT MET'}")


if __name__ == "__main__":
    main()
