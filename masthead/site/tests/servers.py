"""App servers in their own processes for tests, and a small HTTP client.

Each AppServer is `masthead serve` (granian, one worker) with the production
settings and its own var/ folder: what two machines share is only what the
environment names, the database, Redis and the bucket. The client keeps
cookies and posts forms (multipart too) as a browser does.
"""

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

from masthead.core.tests.smtp import free_port

CLI = [sys.executable, "-m", "masthead.cli"]


def site_environment(var_dir, **extra):
    """The production settings, on loopback, with nothing shared by accident."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "SECRET_KEY": "several-servers-test-" + "k" * 40,
        "MASTHEAD_VAR_DIR": str(var_dir),
        "MASTHEAD_ALLOW_CONSOLE_EMAIL": "1",
        "MASTHEAD_SECURE_COOKIES": "0",  # plain http on loopback
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(Path(__file__).resolve().parents[3]),
        **extra,
    }


@contextmanager
def fresh_database(folder):
    """An empty database of the kind the tests run on: a new SQLite file under
    folder, or a new PostgreSQL database (dropped after) when DATABASE_URL
    names PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{Path(folder) / 'site.sqlite3'}"
        return
    import psycopg

    name = f"masthead_fresh_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(args, env, timeout=180):
    result = subprocess.run(
        [*CLI, *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"masthead {' '.join(args)} failed: {result.stderr[-3000:]}")
    return result.stdout


class AppServer:
    """`masthead serve` on a free port; stop() ends it and its workers."""

    def __init__(self, env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(env["MASTHEAD_VAR_DIR"]) / "server.log"
        Path(env["MASTHEAD_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
        with open(self.log, "w") as out:
            self.process = subprocess.Popen(
                [*CLI, "serve", "--bind", f"127.0.0.1:{self.port}", "--workers", "1",
                 "--no-collectstatic"],
                env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
        self._wait()

    def _wait(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"server did not answer in {timeout}s")

    def stop(self):
        # Its own process group (start_new_session): granian and its worker.
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)


class Browser:
    """Cookies kept; forms posted with their CSRF token and the Origin header."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.status, response.read().decode()

    def post(self, path, fields, files=None):
        """POST the form at path: its csrfmiddlewaretoken is read from a GET."""
        _, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body, kind = _multipart({"csrfmiddlewaretoken": token, **fields}, files or {})
        request = urllib.request.Request(
            self.base + path, data=body, method="POST",
            headers={"Content-Type": kind, "Origin": self.base,
                     "Referer": self.base + path},
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as err:
            return err.code, err.geturl(), err.read().decode()


def _multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, data, kind) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
            + data + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def fetch_bytes(url):
    """GET an absolute URL with no cookies (a reader's browser, or a CDN)."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers, response.read()


def quote(value):
    return urllib.parse.quote(value, safe="")
