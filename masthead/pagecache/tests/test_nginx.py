"""The README's nginx configuration, run for real in front of Masthead."""

import http.client
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from masthead.testing import make_article

CONFIG = Path(__file__).resolve().parents[3] / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
UNAVAILABLE = Path(__file__).resolve().parents[2] / "static" / "masthead" / "unavailable.html"

pytestmark = [
    pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed (apt-get install nginx-light)"),
    pytest.mark.django_db(transaction=True),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_nginx(tmp_path, upstream):
    """deploy/nginx.conf, run in front of `upstream` (host:port); its URL."""
    port = free_port()
    site = (CONFIG.read_text()
            .replace("/var/cache/nginx/masthead", str(tmp_path / "cache"))
            .replace("server 127.0.0.1:8000", f"server {upstream}")
            .replace("listen 80;", f"listen 127.0.0.1:{port};")
            .replace("/srv/masthead/var", str(tmp_path)))
    # As root, nginx's workers would drop to "nobody", who cannot enter tmp_path.
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(f"""
{user}
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
  sendfile on; tcp_nopush on;  # as in Debian's /etc/nginx/nginx.conf
  client_body_temp_path {tmp_path}; proxy_temp_path {tmp_path};
  fastcgi_temp_path {tmp_path}; uwsgi_temp_path {tmp_path}; scgi_temp_path {tmp_path};
  {site}
}}""")
    # The static page nginx shows when no worker answers, as collectstatic puts it.
    static = tmp_path / "static" / "masthead"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copy(UNAVAILABLE, static)
    subprocess.run([NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)], check=True)
    time.sleep(0.3)
    return f"http://127.0.0.1:{port}"


def stop_nginx(tmp_path):
    subprocess.run([NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path), "-s", "stop"])


@pytest.fixture
def nginx(live_server, tmp_path):
    yield start_nginx(tmp_path, live_server.url.removeprefix("http://"))
    stop_nginx(tmp_path)


@pytest.fixture(autouse=True)
def hosts(settings):
    settings.ALLOWED_HOSTS = ["localhost"]


def fetch(url, **headers):
    request = urllib.request.Request(url, headers={"Host": "localhost", **headers})
    with urllib.request.urlopen(request) as response:
        return response.headers, response.read()


def test_nginx_serves_anonymous_readers_from_its_cache(nginx, settings):
    url = nginx + make_article(title="Behind nginx").get_absolute_url()
    first, body = fetch(url)
    assert first["X-Proxy-Cache"] == "MISS" and b"Behind nginx" in body
    second, again = fetch(url)
    assert second["X-Proxy-Cache"] == "HIT" and again == body


def test_nginx_lets_personal_requests_through(nginx, settings):
    url = nginx + make_article().get_absolute_url()
    fetch(url)
    for cookie in ["sessionid=x", "theme=1; masthead_pending=y", "masthead_commenter=z"]:
        headers, _ = fetch(url, Cookie=cookie)
        assert headers["X-Proxy-Cache"] == "BYPASS", cookie


def test_cached_pages_do_not_stall_on_a_kept_alive_connection(nginx, settings):
    """Under Debian's `tcp_nopush on`, each cached page but the first few once
    waited for the reader's delayed ACK: 40 ms on Linux, for every page."""
    article = make_article(title="Kept alive", body="<p>A long story.</p>" * 2000)
    fetch(nginx + article.get_absolute_url())  # now in nginx's cache
    connection = http.client.HTTPConnection(nginx.removeprefix("http://"))
    started = time.perf_counter()
    for _ in range(12):
        connection.request("GET", article.get_absolute_url(), headers={"Host": "localhost"})
        response = connection.getresponse()
        assert response.headers["X-Proxy-Cache"] == "HIT" and b"Kept alive" in response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    # Twelve hits take a few milliseconds; stalled, they took over 300.
    assert elapsed < 0.2, f"12 cached pages took {elapsed * 1000:.0f} ms"


def test_nginx_serves_a_page_changed_since_it_kept_the_file_open(nginx, settings):
    """open_file_cache keeps cached pages' files open: an updated page must still replace them."""
    settings.MASTHEAD_PAGE_CACHE_SHARED_MAX_AGE = 1
    article = make_article(title="First headline")
    url = nginx + article.get_absolute_url()
    fetch(url)
    headers, body = fetch(url)
    assert headers["X-Proxy-Cache"] == "HIT" and b"First headline" in body
    article.title = "Second headline"
    article.save()
    time.sleep(1.2)  # past s-maxage: the next reader starts nginx's refresh
    deadline = time.monotonic() + 5
    while b"Second headline" not in body and time.monotonic() < deadline:
        headers, body = fetch(url)
        time.sleep(0.1)
    assert b"Second headline" in body, headers["X-Proxy-Cache"]
    for _ in range(3):
        headers, body = fetch(url)
        assert headers["X-Proxy-Cache"] == "HIT" and b"Second headline" in body


class WorkerDiesOnce:
    """An app server whose worker dies with the first request in flight, as
    under SIGKILL: the request is read, the connection closed unanswered.
    Every later request is answered by a live worker."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.address = "127.0.0.1:%d" % self.listener.getsockname()[1]
        self.seen = []  # (method, answered?)
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return  # closed at the test's end
            with connection:
                request = b""
                while b"\r\n\r\n" not in request:
                    request += connection.recv(65536)
                answered = bool(self.seen)
                self.seen.append((request.split(b" ", 1)[0].decode(), answered))
                if answered:
                    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                                       b"Cache-Control: no-store\r\nConnection: close\r\n\r\nalive")


@pytest.fixture
def dying_worker(tmp_path):
    worker = WorkerDiesOnce()
    yield worker, start_nginx(tmp_path, worker.address)
    stop_nginx(tmp_path)
    worker.listener.close()


def test_a_read_whose_worker_dies_is_answered_by_another(dying_worker):
    """Found by bench/faults.py's kill fault (issue 24, item 8): without the
    retry, the reader whose page was in flight got a 502."""
    worker, url = dying_worker
    headers, body = fetch(url + "/articles/river-walk/")
    assert body == b"alive"
    assert worker.seen == [("GET", False), ("GET", True)]


def test_a_form_post_whose_worker_dies_is_not_sent_twice(dying_worker):
    worker, url = dying_worker
    request = urllib.request.Request(
        url + "/articles/river-walk/comments/", data=b"comment=Once", headers={"Host": "localhost"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 502
    assert worker.seen == [("POST", False)]  # never posted a second time
    page = refused.value.read().decode()
    assert "go back: your browser\n  still has what you typed" in page
    assert "immutable" not in refused.value.headers.get("Cache-Control", "")
