#!/usr/bin/env python
"""Faults of a real deployment, injected under load, and what each one cost
(issue 24, item 8). Bounded, loopback only, stops by itself (about 2 minutes).

It starts, on this machine: a PostgreSQL database of its own (on the server
at BENCH_PG_URL), a redis-server of its own on a free port (Redis db 9; never
the shared server), an aiosmtpd mail server counting what it accepts, the
production app server (`masthead serve`, granian, 2 worker processes) and
`masthead worker`. Reader threads read pages, a poster thread posts comments
through the form (each from its own address, via X-Forwarded-For), and
each fault is injected in turn:

    kill      SIGKILL one app worker process (granian respawns it)
    postgres  restart PostgreSQL (pg_ctlcluster; shared with other users of
              the server: their connections drop for ~2 s too)
    redis     stop our redis-server for 10 s
    s3        stop the S3 server for 10 s: chosen, media live on SeaweedFS for
              the whole run, a reader fetches the article's picture from the
              bucket and an editor uploads pictures (bench/faultmedia.py)
    smtp      stop the mail server for 10 s (comment notifications must wait)
    disk      fill the 64 MB tmpfs mounted on the media folder (root only),
              for 10 s: with media on local disk, uploads meet a full disk

Readers, the poster and the editors go through nginx with deploy/nginx.conf
(its page cache off, so every read reaches an app worker) when nginx is
installed, as in production: its retry of a read whose worker died is part
of what the kill fault measures. An editor reads staff pages throughout:
during a database outage the 503 that says so is expected, never a 500.

For each it prints: comment posts acknowledged (2xx/3xx) and how many of
those are stored, page reads answered 5xx (or not at all), comment posts
answered 503 keeping the text, other failed posts, and seconds from the
fault's end until every kind of request succeeds again. With media on S3,
also: pictures fetched from the bucket and failed, uploads acknowledged,
stored (row and object) and rendered (with local media too: pictures then
come from the media folder, through nginx). Targets: every acknowledged post
and upload stored, 0 failed page reads, no staff page a 5xx other than the
database outage's 503, recovery < 5 s.

    .venv/bin/python bench/faults.py                       # every fault
    .venv/bin/python bench/faults.py --faults kill,redis   # some of them
    .venv/bin/python bench/faults.py --faults s3           # no PostgreSQL restart
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from faultmedia import MediaLoad, seed, start_bucket, wait_for_renditions  # noqa: E402
from faultsite import Site  # noqa: E402
from run import log  # noqa: E402

FAULTS = ["none", "kill", "postgres", "redis", "s3", "smtp", "disk"]


class Phase:
    """One fault's times: the load runs throughout; the fault lasts start..end."""

    BEFORE, AFTER = 2.0, 6.0

    def __init__(self, name):
        self.name, self.note = name, ""

    def run(self, site):
        self.began = time.monotonic()
        time.sleep(self.BEFORE)
        self.fault_start = time.monotonic()
        self.note = INJECT[self.name](site) or ""
        self.fault_end = time.monotonic()
        if not self.note.startswith("not run"):
            time.sleep(self.AFTER)
        self.ended = time.monotonic()
        log(f"  {self.name}: done{' (' + self.note + ')' if self.note else ''}")


def inject_nothing(site):
    return ""


def kill_app_worker(site):
    workers = site.app_workers()
    if not workers:
        return "not run: no app worker process found"
    os.kill(workers[0], signal.SIGKILL)
    return f"SIGKILL pid {workers[0]}"


def restart_postgres(site):
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    started = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        capture_output=True,
    )
    return f"restart took {time.monotonic() - started:.1f}s"


def stop_redis(site):
    site.stop("redis")
    time.sleep(10)
    site.start_redis()
    return "stopped 10 s"


def stop_s3(site):
    if site.bucket is None:
        return "not run: media are not on S3"
    how = site.bucket.stop()
    time.sleep(1)
    ready = status_of(site.url + "/readyz")
    time.sleep(9)
    took = site.bucket.start()
    return (
        f"stopped ({how}) for 10 s, /readyz said {ready}; "
        f"answered {took:.1f} s after its start"
    )


def stop_smtp(site):
    site.stop("smtp")
    time.sleep(10)
    site.start_smtp()
    return "stopped 10 s"


def fill_disk(site):
    if not site.tmpfs:
        reason = "needs root" if os.geteuid() != 0 else "mount -t tmpfs failed"
        return f"not run: a size-limited tmpfs {reason}"
    filler = site.media / "filler.bin"
    with open(filler, "wb") as out:
        try:
            while True:
                out.write(b"\0" * (1 << 16))
                out.flush()
        except OSError:
            pass  # ENOSPC: the disk is full
    free = shutil.disk_usage(site.media).free
    ready = status_of(site.url + "/readyz")
    time.sleep(10)
    filler.unlink()
    where = " (media are in the bucket: nothing writes there)" if site.bucket else ""
    return f"media disk full ({free} bytes free) for 10 s{where}; /readyz said {ready}"


def status_of(url):
    """The status, and for /readyz the status it reports: "200 degraded"."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return f"{response.status} {_reported(response.read())}".strip()
    except urllib.error.HTTPError as error:
        return f"{error.code} {_reported(error.read())}".strip()
    except OSError:
        return "no answer"


def _reported(body):
    try:
        return json.loads(body).get("status", "")
    except ValueError:
        return ""


INJECT = {
    "none": inject_nothing,
    "kill": kill_app_worker,
    "postgres": restart_postgres,
    "redis": stop_redis,
    "s3": stop_s3,
    "smtp": stop_smtp,
    "disk": fill_disk,
}


def recovery_seconds(events, end):
    """From the fault's end until each kind of request (read, post, and with
    media on S3 picture and upload) succeeds after the last failure: 0 when
    nothing failed after the fault ended."""
    bad = [t for t, kind, outcome in events if outcome not in ("ok", "409", "429")]
    after = max([end, *[t for t in bad if t >= end]])
    good = {}
    for t, kind, outcome in events:
        if t > after and outcome == "ok":
            good.setdefault(kind, t)
    if set(good) != {kind for _, kind, _ in events}:
        return float("inf")
    if not [t for t in bad if t >= end]:
        return 0.0
    return max(good.values()) - end


def row(phase, load, stored, uploads):
    events = load.window(phase.began, phase.ended)
    posts = [(t, outcome) for t, kind, outcome in events if kind == "post"]
    reads = [outcome for t, kind, outcome in events if kind == "read"]
    staff = [outcome for t, kind, outcome in events if kind == "staff"]
    acked = [
        text for text, t in load.acknowledged.items() if phase.began <= t < phase.ended
    ]
    return media_row(phase, load, events, uploads) | {
        "fault": phase.name,
        "note": phase.note,
        "acknowledged": len(acked),
        "stored": sum(text in stored for text in acked),
        "reads": len(reads),
        "read_failures": sum(o != "ok" for o in reads),
        "staff": len(staff),
        "staff_503_said": sum(o == "503 said" for o in staff),
        "staff_failed": sum(o not in ("ok", "503 said") for o in staff),
        "posts_503_kept": sum(o == "503 kept" for _, o in posts),
        "posts_failed": sum(
            o == "503 lost" or o.startswith(("5", "no answer"))
            for _, o in posts
            if o != "503 kept"
        ),
        "failures": sorted(
            {
                o
                for o in reads + staff + [o for _, o in posts]
                if o not in ("ok", "503 kept", "503 said", "409", "429")
            }
        ),
        "recovery": recovery_seconds(events, phase.fault_end),
        "late": late_failures(events, phase.fault_end),
    }


def late_failures(events, end):
    """Kind -> (failures, seconds after the fault's end of the last one), for
    what still failed once the fault was over: where a recovery went."""
    late = {}
    for t, kind, outcome in events:
        if t >= end and outcome not in ("ok", "409", "429"):
            count, _ = late.get(kind, (0, 0.0))
            late[kind] = (count + 1, t - end)
    return late


def media_row(phase, load, events, uploads):
    """Pictures fetched from the bucket, and uploads: acknowledged (the admin
    went on to the list), stored (the row and its object), renditions made."""
    pictures = [outcome for t, kind, outcome in events if kind == "picture"]
    sent = [outcome for t, kind, outcome in events if kind == "upload"]
    acked = [alt for alt, t in load.uploads.items() if phase.began <= t < phase.ended]
    return {
        "pictures": len(pictures),
        "picture_failures": sum(o != "ok" for o in pictures),
        "uploads": len(sent),
        "uploads_acknowledged": len(acked),
        "uploads_stored": sum(uploads.get(alt, (False,))[0] for alt in acked),
        "uploads_rendered": sum(uploads.get(alt, (False, False))[1] for alt in acked),
        "uploads_refused": sorted({o for o in sent if o != "ok"}),
    }


def print_table(rows):
    print()
    print(
        "| fault | acknowledged posts | stored | page reads | reads 5xx / no answer "
        "| posts 503 (text kept) | other failed posts | staff pages "
        "| staff 503 saying so | staff other 5xx / no answer | recovery s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        if r["note"].startswith("not run"):
            print(f"| {r['fault']} | {r['note']} | | | | | | | | | |")
            continue
        recovery = "never" if r["recovery"] == float("inf") else f"{r['recovery']:.1f}"
        print(
            f"| {r['fault']} | {r['acknowledged']} | {r['stored']} | {r['reads']} "
            f"| {r['read_failures']} | {r['posts_503_kept']} | {r['posts_failed']} "
            f"| {r['staff']} | {r['staff_503_said']} | {r['staff_failed']} "
            f"| {recovery} |"
        )
    print_media_table(rows)
    print()
    for r in rows:
        if r["note"] and not r["note"].startswith("not run"):
            seen = (
                f"; failures seen: {', '.join(r['failures'])}" if r["failures"] else ""
            )
            late = ", ".join(
                f"{n} {kind} (the last at +{last:.1f} s)"
                for kind, (n, last) in sorted(r["late"].items())
            )
            late = f"; failed after it ended: {late}" if late else ""
            print(f"- {r['fault']}: {r['note']}{seen}{late}")


def print_media_table(rows):
    run = [r for r in rows if r["pictures"] and not r["note"].startswith("not run")]
    if not run:
        return
    print()
    print(
        "| fault | pictures fetched | failed | uploads sent "
        "| acknowledged | stored (row and object) | renditions made | refusals seen |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in run:
        print(
            f"| {r['fault']} | {r['pictures']} | {r['picture_failures']} "
            f"| {r['uploads']} | {r['uploads_acknowledged']} | {r['uploads_stored']} "
            f"| {r['uploads_rendered']} | {', '.join(r['uploads_refused'])} |"
        )


def print_targets(rows, mail):
    run = [r for r in rows if not r["note"].startswith("not run")]
    checks = [
        (
            "every acknowledged post stored",
            all(r["stored"] == r["acknowledged"] for r in run),
        ),
        ("0 failed page reads", all(r["read_failures"] == 0 for r in run)),
        (
            "no staff page a 5xx but the database outage's 503",
            all(r["staff_failed"] == 0 for r in run),
        ),
        ("recovery < 5 s", all(r["recovery"] < 5 for r in run)),
        ("every notification email delivered", mail[1] >= mail[0]),
    ]
    if any(r["pictures"] for r in run):
        checks.append((
            "every acknowledged upload stored, with its renditions",
            all(r["uploads_stored"] == r["uploads_rendered"]
                == r["uploads_acknowledged"] for r in run),
        ))  # fmt: skip
    print()
    for label, met in checks:
        print(f"- {label}: {'met' if met else 'NOT MET'}")


def wait_for_mail(site, timeout=60):
    """Notification emails due for the bench's comments, and received so far,
    once the worker has had time to send them (the mail server came back)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        due, received = site.emails_due(), site.mails_received()
        if received >= due:
            break
        time.sleep(1)
    return site.emails_due(), site.mails_received()


def server_counts(site):
    """The app server's own count of responses, from /metrics (loopback)."""
    text = urllib.request.urlopen(site.app_url + "/metrics", timeout=10).read().decode()
    return {
        status: float(n)
        for status, n in re.findall(
            r'masthead_http_requests_total\{status="(\d+)"\} (\S+)', text
        )
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--faults",
        default=",".join(FAULTS[1:]),
        help=f"comma-separated, of {', '.join(FAULTS[1:])}",
    )
    parser.add_argument(
        "--logs",
        type=Path,
        default=None,
        help="copy the server's, worker's and others' logs here",
    )
    args = parser.parse_args()
    chosen = [name.strip() for name in args.faults.split(",") if name.strip()]
    unknown = sorted(set(chosen) - set(FAULTS))
    if unknown:
        parser.error(
            f"unknown fault(s): {', '.join(unknown)}; choose from {FAULTS[1:]}"
        )
    for tool in ("redis-server", "psql"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed; the fault bench needs it")
    with tempfile.TemporaryDirectory(prefix="masthead-faults-") as folder:
        site = Site(folder)
        try:
            rows, mail, counts = run_all(site, ["none", *chosen])
        finally:
            site.close()
            if args.logs:
                args.logs.mkdir(parents=True, exist_ok=True)
                for path in Path(folder).glob("*.log"):
                    shutil.copy(path, args.logs / path.name)
        warnings = outage_warnings(Path(folder) / "server.log")
        retried = nginx_retries(Path(folder) / "nginx.log")
    print_table(rows)
    print(
        f"\nnet.ipv4.tcp_migrate_req during the run: {site.migrate_req} (the "
        "README asks it of app servers; put back after the run)."
        "\nReaders, poster and editors reached the app through nginx "
        f"(deploy/nginx.conf, its page cache off). Its error log shows {retried} "
        "request(s) whose app worker closed the connection unanswered, each sent "
        "once more (proxy_next_upstream)."
        if site.nginx
        else "\nnginx is not installed (apt-get install nginx-light): readers "
        "reached the app directly, with no retry of a read whose worker died."
    )
    print(
        f"\nComment notification emails: {mail[0]} due, {mail[1]} received by the "
        "mail server (one to the editor for each comment posted; the worker sends "
        "them, and keeps them while the mail server is away)."
    )
    print(
        f"The app server counted {int(sum(counts.values()))} responses by status "
        f"{ {k: int(v) for k, v in sorted(counts.items())} } (/metrics, every worker)."
    )
    print(
        f"Logged by the app server: {warnings['away']} 'Redis did not answer' and "
        f"{warnings['back']} 'Redis answers again' (one each per worker process "
        f"that noticed), {warnings['requests']} JSON request lines."
    )
    print_targets(rows, mail)


def outage_warnings(path):
    found = {"away": 0, "back": 0, "requests": 0}
    if not path.exists():
        return found
    with open(path, errors="replace") as lines:
        for line in lines:
            found["away"] += "Redis did not answer" in line
            found["back"] += "Redis answers again" in line
            found["requests"] += '"logger": "masthead.requests"' in line
    return found


def nginx_retries(path):
    """Requests nginx got no answer to from a worker (it then tries again)."""
    if not path.exists():
        return 0
    broken = ("upstream prematurely closed", "Connection reset by peer")
    with open(path, errors="replace") as lines:
        return sum(any(sign in line for sign in broken) for line in lines)


def run_all(site, names):
    log(
        "starting a PostgreSQL database, redis-server, aiosmtpd, masthead serve "
        "and masthead worker"
    )
    if "s3" in names:
        start_bucket(site)
    site.start()
    seed(site)
    load = MediaLoad(site)
    load.start()
    phases = []
    for name in names:
        log(f"fault: {name}")
        phase = Phase(name)
        phase.run(site)
        phases.append(phase)
    load.stop()
    stored = site.stored_texts()
    uploads = wait_for_renditions(site)
    mail = wait_for_mail(site)
    counts = server_counts(site)
    return [row(phase, load, stored, uploads) for phase in phases], mail, counts


if __name__ == "__main__":
    main()
