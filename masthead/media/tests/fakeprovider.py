"""A real oEmbed provider on loopback for embed tests: http.server in a thread.

The worker's requests go over a socket exactly as to YouTube: status lines,
headers, redirects, slow answers and closed ports are real, not mocked. The
fake answers from routes a test sets and records what it was asked.
"""

import io
import json
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

# What a hostile or compromised provider might send: none of it may be kept.
HOSTILE_HTML = (
    '<iframe src="https://evil.example/frame"></iframe>'
    '<script>alert("masthead-xss")</script>'
)


def png(size=(480, 360), color=(30, 90, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


@dataclass
class Route:
    status: int = 200
    content_type: str = "application/json"
    body: bytes = b""
    delay: float = 0  # seconds before answering
    headers: dict = field(default_factory=dict)
    length: bool = True  # send Content-Length


class FakeProvider:
    """The server's address, its routes, and the requests it received."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.routes = {}
        self.requests = []  # (path, {query name: first value})
        self.stopping = threading.Event()
        self.oembed()
        self.route("/thumb.png", body=png(), content_type="image/png")

    def url(self, path):
        return self.base + path

    def route(self, path, *, json_body=None, body=b"", **options):
        if json_body is not None:
            body = json.dumps(json_body).encode()
        self.routes[path] = Route(body=body, **options)

    def oembed(self, path="/oembed", **fields):
        """An oEmbed answer as YouTube gives one, with `fields` changed."""
        answer = {
            "type": "video",
            "version": "1.0",
            "title": "Flood barrier opens at dawn",
            "author_name": "Alder Valley Ledger",
            "provider_name": "YouTube",
            "thumbnail_url": self.url("/thumb.png"),
            "thumbnail_width": 480,
            "thumbnail_height": 360,
            "width": 200,
            "height": 113,
            "html": HOSTILE_HTML,
            **fields,
        }
        self.route(path, json_body={k: v for k, v in answer.items() if v is not None})

    def asked(self, path):
        return [query for asked, query in self.requests if asked == path]


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        fake = self.server.fake
        parts = urlsplit(self.path)
        query = {name: values[0] for name, values in parse_qs(parts.query).items()}
        fake.requests.append((parts.path, query))
        route = fake.routes.get(parts.path, Route(404, "text/plain", b"Not here"))
        if route.delay:
            fake.stopping.wait(route.delay)  # released at once when the test ends
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        if route.length:
            self.send_header("Content-Length", str(len(route.body)))
        for name, value in route.headers.items():
            self.send_header(name, value.replace("{base}", fake.base))
        self.end_headers()
        try:
            self.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (the timeout test)

    def log_message(self, format, *args):
        pass


@pytest.fixture(name="fake_provider")
def fake_provider_fixture(monkeypatch):
    """A FakeProvider listening on a free loopback port, in a daemon thread."""
    for name in ("no_proxy", "NO_PROXY"):  # urllib would send loopback to a proxy
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.fake = FakeProvider(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.fake
    finally:
        server.fake.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def closed_port_url(path="/oembed"):
    """A loopback address nothing listens on: connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"
