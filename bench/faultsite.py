"""The deployment bench/faults.py injects faults into, and its load: every
process on loopback, in a temporary folder (issue 24, item 8)."""

import functools
import html
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from run import BIN, free_port, log  # noqa: F401  (the servers' helpers)

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PG_ADMIN_URL = os.environ.get(
    "BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
ARTICLE = "/articles/benchmark-article/"
PAGES = ["/", ARTICLE, "/search/?q=river"]
TEXT = "Fault bench comment {run}-{n} about the river walk budget."


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return urllib.request.urlopen(url, timeout=2).read()
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer in {timeout}s")


def wait_port(port, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.3).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listens on port {port} after {timeout}s")


MIGRATE_REQ = Path("/proc/sys/net/ipv4/tcp_migrate_req")


def _sysctl(path, value=None):
    """The setting's value after writing `value`, if given and allowed; None
    when the kernel has no such setting."""
    try:
        if value is not None:
            path.write_text(value)
    except OSError:
        pass  # not root, or a read-only /proc/sys: the value stays as it was
    try:
        return path.read_text().strip()
    except OSError:
        return None


class Site:
    """Every process of the deployment, in a temporary folder, stopped on exit."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.var = self.folder / "var"
        self.media = self.var / "media"
        self.media.mkdir(parents=True)
        self.db_name = f"masthead_faults_{os.getpid()}"
        self.redis_port, self.smtp_port, self.app_port, self.port = (
            free_port(),
            free_port(),
            free_port(),
            free_port(),
        )
        self.mail_counts = self.folder / "mail.tsv"
        # Readers reach the app through deploy/nginx.conf, as in production
        # (its retry of a read whose worker died is part of what is measured);
        # straight, when nginx is not installed.
        self.nginx = Path(NGINX).exists()
        self.app_url = f"http://127.0.0.1:{self.app_port}"
        self.url = f"http://127.0.0.1:{self.port}" if self.nginx else self.app_url
        self.processes = {}
        self.tmpfs = False
        self.migrate_req = self.migrate_req_was = None
        self.bucket = None  # faultmedia.Bucket when media are on S3
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
            "SECRET_KEY": "fault-bench-only-secret",
            "MASTHEAD_VAR_DIR": str(self.var),
            "DATABASE_URL": PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{self.db_name}",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/9",
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp_port}/?timeout=3",
            "MASTHEAD_SITE_URL": "http://127.0.0.1",
            "MASTHEAD_SECURE_COOKIES": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "MASTHEAD_TRUSTED_PROXIES": "127.0.0.1",
            "MASTHEAD_LOG_FORMAT": "json",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }

    def masthead(self, *args):
        return subprocess.run(
            [str(BIN / "masthead"), *args],
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )

    def psql(self, sql, database=None):
        url = PG_ADMIN_URL if database is None else self.env["DATABASE_URL"]
        return subprocess.run(
            ["psql", url, "-qAtc", sql], check=True, capture_output=True, text=True
        ).stdout

    def start(self):
        self.migrate_requests(True)
        self.psql(f"DROP DATABASE IF EXISTS {self.db_name}")
        self.psql(f"CREATE DATABASE {self.db_name}")
        self.mount_tmpfs()
        self.start_redis()
        self.start_smtp()
        log("  migrating and building a small site")
        self.masthead("migrate", "--noinput")
        self.masthead(
            "generate",
            "--articles",
            "30",
            "--comments",
            "100",
            "--featured-comments",
            "10",
        )
        self.masthead(
            "shell",
            "-c",
            (
                "from django.contrib.auth.models import User; "
                "User.objects.create_user("
                "'ed', 'ed@ledger.example', 'pw', is_staff=True)"
            ),
        )
        self.start_server()
        self.start_worker()
        if self.nginx:
            self.start_nginx()

    def spawn(self, name, argv, **options):
        out = open(self.folder / f"{name}.log", "a")  # noqa: SIM115 (kept open)
        self.processes[name] = subprocess.Popen(
            argv,
            env=self.env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **options,
        )
        return self.processes[name]

    def start_redis(self):
        self.spawn(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
        )
        wait_port(self.redis_port)

    def start_smtp(self):
        self.spawn(
            "smtp",
            [
                sys.executable,
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                f"127.0.0.1:{self.smtp_port}",
                "-c",
                "masthead.newsletters.tests.counting_smtp.Counter",
                str(self.mail_counts),
            ],
        )
        wait_port(self.smtp_port)

    def start_server(self):
        self.spawn(
            "server",
            [
                str(BIN / "masthead"),
                "serve",
                "--bind",
                f"127.0.0.1:{self.app_port}",
                "--workers",
                "2",
            ],
        )
        wait_for(self.app_url + ARTICLE)

    def start_nginx(self):
        """deploy/nginx.conf in front of the app, its page cache off: every
        read reaches an app worker, so a fault there is a fault readers meet."""
        site = (
            (ROOT / "deploy" / "nginx.conf")
            .read_text()
            .replace("server 127.0.0.1:8000", f"server 127.0.0.1:{self.app_port}")
            .replace("listen 80;", f"listen 127.0.0.1:{self.port};")
            .replace("/srv/masthead/var", str(self.var))
            .replace("/var/cache/nginx/masthead", str(self.folder / "nginx-cache"))
            .replace("proxy_cache masthead;", "proxy_cache off;")
            # The bench's host has a port, which $host drops: the origin check
            # of a form post compares the Origin with the Host it is given.
            .replace("$host;", "$http_host;")
        )
        conf = self.folder / "nginx.conf"
        conf.write_text(
            f"user root;\npid {self.folder}/nginx.pid;\nerror_log {self.folder}/nginx.log;\n"
            "events { worker_connections 512; }\n"
            f"http {{\n access_log off;\n client_body_temp_path {self.folder};\n"
            f" proxy_temp_path {self.folder};\n{site}\n}}\n"
        )
        self.spawn("nginx", [NGINX, "-c", str(conf), "-p", str(self.folder),
                             "-g", "daemon off;"])  # fmt: skip
        wait_for(self.url + ARTICLE)

    def start_worker(self):
        self.spawn("worker", [str(BIN / "masthead"), "worker", "--interval", "0.5"])

    def stop(self, name, sig=signal.SIGTERM):
        process = self.processes.pop(name, None)
        if process is not None and process.poll() is None:
            os.killpg(process.pid, sig)
            process.wait(timeout=30)

    def app_workers(self):
        found = subprocess.run(
            ["pgrep", "-P", str(self.processes["server"].pid)],
            capture_output=True,
            text=True,
        ).stdout.split()
        return [int(pid) for pid in found]

    def mount_tmpfs(self):
        if os.geteuid() != 0:
            return
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(self.media)],
            capture_output=True,
            text=True,
        )
        self.tmpfs = result.returncode == 0

    def has_media(self, name):
        if self.bucket is not None:
            return self.bucket.has(name)
        return (self.media / name).is_file()

    def stored_texts(self):
        rows = self.psql(
            "SELECT body FROM comments_comment WHERE body LIKE 'Fault bench %'",
            database=True,
        )
        return set(rows.splitlines())

    def emails_due(self):
        return int(
            self.psql(
                "SELECT count(*) FROM comments_comment WHERE body LIKE 'Fault bench %' "
                "AND status <> 'spam'",
                database=True,
            ).strip()
        )

    def mails_received(self):
        if not self.mail_counts.exists():
            return 0
        return sum(1 for line in self.mail_counts.read_text().splitlines() if line)

    def migrate_requests(self, on):
        """net.ipv4.tcp_migrate_req, as the README asks of app servers: the
        connections queued on a worker that dies go to a live one instead of
        being reset. Set for the run (root only) and put back after it."""
        if on:
            self.migrate_req_was = _sysctl(MIGRATE_REQ)
            self.migrate_req = _sysctl(MIGRATE_REQ, "1")
        elif self.migrate_req_was not in (None, self.migrate_req):
            _sysctl(MIGRATE_REQ, self.migrate_req_was)

    def close(self):
        self.migrate_requests(False)
        for name in list(self.processes):
            self.stop(name, signal.SIGTERM)
        if self.bucket is not None:
            self.bucket.stop()
        if self.tmpfs:
            subprocess.run(["umount", str(self.media)], capture_output=True)
        try:
            self.psql(f"DROP DATABASE IF EXISTS {self.db_name} WITH (FORCE)")
        except subprocess.CalledProcessError as error:
            log(f"  could not drop {self.db_name}: {error.stderr.strip()}")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A comment post's 303 is its acknowledgement: not followed, so a failed
    read of the page it leads to is not taken for a failed post."""

    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


class FromAddress(urllib.request.HTTPHandler):
    """Connects from a loopback address of its own (all of 127.0.0.0/8 is
    this machine's): nginx then forwards a different reader's address for
    each poster, as it would for readers on the internet."""

    def __init__(self, address):
        super().__init__()
        self.address = address

    def http_open(self, req):
        connect = functools.partial(
            http.client.HTTPConnection, source_address=(self.address, 0)
        )
        return self.do_open(connect, req)


def poster_address(n):
    """A distinct 127.x.y.z for post n, never 127.0.0.1 (the trusted proxy)."""
    return f"127.{1 + (n >> 16) % 254}.{(n >> 8) & 255}.{1 + n % 254}"


class Load:
    """Reader threads and a poster thread; each answer kept as (time, kind, outcome)."""

    def __init__(self, site, readers=2, post_every=0.08):
        self.site, self.readers, self.post_every = site, readers, post_every
        self.events, self.acknowledged = [], {}  # text -> time acknowledged
        self.lock, self.running = threading.Lock(), True
        self.run_id, self.count = int(time.time()), 0
        self.threads = []

    def start(self):
        page = wait_for(self.site.url + ARTICLE).decode()
        self.issued = re.search(r'name="issued" value="([^"]+)"', page).group(1)
        time.sleep(3.2)  # the form's minimum fill time, as a reader would take
        targets = [self.read] * self.readers + [self.post]
        self.threads = [threading.Thread(target=loop, daemon=True) for loop in targets]
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.running = False
        for thread in self.threads:
            thread.join(timeout=30)

    def note(self, kind, outcome, text=None):
        with self.lock:
            self.events.append((time.monotonic(), kind, outcome))
            if outcome == "ok" and text is not None:
                self.acknowledged[text] = time.monotonic()

    def read(self):
        n = 0
        while self.running:
            n += 1
            url = self.site.url + PAGES[n % len(PAGES)]
            self.note("read", self.fetch_page(url))

    def fetch_page(self, url):
        # No retry of our own: nginx's (deploy/nginx.conf) is the one measured.
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                response.read()
                return "ok"
        except urllib.error.HTTPError as error:
            return f"{error.code}" if error.code >= 500 else "ok"
        except OSError as error:
            return f"no answer ({type(error).__name__})"

    def post(self):
        while self.running:
            self.count += 1
            text = TEXT.format(run=self.run_id, n=self.count)
            self.note("post", self.send_comment(text), text)
            time.sleep(self.post_every)

    def send_comment(self, text):
        n = self.count
        data = urllib.parse.urlencode(
            {
                "comment": text,
                "name": f"Fault Reader {n}",
                "email": f"fault{n}.{self.run_id}@example.com",
                "website": "",
                "homepage": "",
                "issued": self.issued,
            }
        ).encode()
        # Each post from a reader of its own, so flood control lets them in:
        # through nginx, from an address of its own; straight to the app, by
        # the X-Forwarded-For it believes from 127.0.0.1.
        headers = {"Origin": self.site.url}
        opener = OPENER
        if self.site.nginx:
            opener = urllib.request.build_opener(
                NoRedirects, FromAddress(poster_address(n))
            )
        else:
            headers["X-Forwarded-For"] = f"2001:db8:{self.run_id % 65536:x}::{n:x}"
        request = urllib.request.Request(
            self.site.url + ARTICLE + "comments/",
            data=data,
            method="POST",
            headers=headers,
        )
        try:
            with opener.open(request, timeout=15) as response:
                response.read()
                return "ok"
        except urllib.error.HTTPError as error:
            if error.code < 400:
                return "ok"  # the 303 to the stored comment: acknowledged
            body = error.read().decode(errors="replace")
            if error.code == 503:
                return (
                    "503 kept"
                    if html.escape(text) in body or text in body
                    else "503 lost"
                )
            return f"{error.code}"
        except OSError as error:  # not acknowledged: the reader saw a failure
            return f"no answer ({type(error).__name__})"

    def window(self, start, end):
        with self.lock:
            return [event for event in self.events if start <= event[0] < end]
