"""Compressed HTML, JSON and feeds from `masthead serve` (issue 21, item 7).

A WSGI layer outside everything else, so cached pages (answered by the page
cache's WSGI fast path) and pages Django renders are compressed alike:
brotli when the client accepts it, else gzip. Each compressed body is kept,
keyed by the bytes it came from: a cached page is the same bytes object on
every hit, so after the first hit its compressed copy is a dictionary lookup
(bytes hash once, and a dict compares the same object by identity), and the
cached path keeps its speed.

ETags stay correct: a compressed representation gets its own ETag (`"…-br"`,
`"…-gz"`), as HTTP requires of different bytes, and the suffix is taken off
the `If-None-Match` a client sends back, so the application's own 304s work
for every representation. `Vary: Accept-Encoding` goes on every response
that could be compressed, compressed or not. Only responses with a
`Content-Length` are touched: a streamed response passes through as it is.
"""

import gzip
from collections import OrderedDict

from django.conf import settings

try:
    import brotli
except ImportError:  # gzip alone then
    brotli = None

COMPRESSIBLE = (
    "text/html",
    "application/json",
    "application/feed+json",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "text/plain",
    "text/css",
    "application/javascript",
    "text/javascript",
    "image/svg+xml",
)
MIN_SIZE = 512  # below this, headers outweigh the saving
SUFFIX = {"br": "-br", "gzip": "-gz"}


def chosen_encoding(accept_encoding):
    """ "br", "gzip" or None for an Accept-Encoding header (q=0 refuses)."""
    accepted = {}
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        accepted[name.strip()] = q
    for name in (("br",) if brotli else ()) + ("gzip",):
        if accepted.get(name, accepted.get("*", 0)) > 0:
            return name
    return None


def compress(body, encoding):
    if encoding == "br":
        # Quality 5: within a few percent of 11's size at a tenth of the time,
        # for the pages that are not cached and are compressed per request.
        return brotli.compress(body, quality=5)
    return gzip.compress(body, compresslevel=6, mtime=0)


def variant_etag(etag, encoding):
    return etag[:-1] + SUFFIX[encoding] + '"' if etag.endswith('"') else etag


def held_encoding(if_none_match):
    """The encoding whose suffix the client's If-None-Match carries, if any."""
    for encoding, suffix in SUFFIX.items():
        if suffix + '"' in if_none_match:
            return encoding
    return None


def plain_etags(if_none_match):
    """If-None-Match with our suffixes removed: the application's own ETags."""
    for suffix in SUFFIX.values():
        if_none_match = if_none_match.replace(suffix + '"', '"')
    return if_none_match


class CompressedBodies:
    """The compressed copy of recent bodies, at most `limit` bytes of them."""

    def __init__(self, limit=16 << 20):
        self.limit, self.size, self.entries = limit, 0, OrderedDict()

    def get(self, body, encoding):
        key = (encoding, body)
        found = self.entries.get(key)
        if found is None:
            found = self.entries[key] = compress(body, encoding)
            self.size += len(found) + len(body)
            while self.size > self.limit and len(self.entries) > 1:
                (_, old), kept = self.entries.popitem(last=False)
                self.size -= len(old) + len(kept)
        return found


class CompressionMiddleware:
    """WSGI middleware: compress what the application answers, when asked."""

    def __init__(self, application, bodies=None):
        self.application = application
        self.bodies = bodies or CompressedBodies()

    def __call__(self, environ, start_response):
        if not getattr(settings, "MASTHEAD_COMPRESS", True):
            return self.application(environ, start_response)
        encoding = chosen_encoding(environ.get("HTTP_ACCEPT_ENCODING", ""))
        held = None  # the representation the client holds, by its ETag
        if "HTTP_IF_NONE_MATCH" in environ:
            held = held_encoding(environ["HTTP_IF_NONE_MATCH"])
            environ["HTTP_IF_NONE_MATCH"] = plain_etags(environ["HTTP_IF_NONE_MATCH"])
        captured = {}

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers, exc_info=exc_info)
            return lambda data: captured.setdefault("written", []).append(data)

        result = self.application(environ, capture)
        status, headers = captured["status"], captured["headers"]
        if status.startswith("304") and held:
            # "Your copy is still good": the copy is the one its ETag names.
            _close(result)
            start_response(
                status, _with_vary(_retagged(headers, held)), captured["exc_info"]
            )
            return []
        if not _compressible(headers):  # images, files, streams: passed on as they are
            start_response(status, headers, captured["exc_info"])
            return result
        try:
            body = b"".join([*captured.get("written", []), *result])
        finally:
            _close(result)
        headers, body = self.encode(status, headers, body, encoding, environ)
        start_response(status, headers, captured["exc_info"])
        return [body]

    def encode(self, status, headers, body, encoding, environ):
        headers = _with_vary(headers)
        if encoding is None or status[:3] not in ("200", "404"):
            return headers, body
        if len(body) < MIN_SIZE or environ["REQUEST_METHOD"] == "HEAD":
            return headers, body
        headers = [
            h for h in _retagged(headers, encoding) if h[0].lower() != "content-length"
        ]
        body = self.bodies.get(body, encoding)
        return headers + [
            ("Content-Encoding", encoding),
            ("Content-Length", str(len(body))),
        ], body


def _compressible(headers):
    """A whole body (Content-Length known) of a text type, not yet encoded."""
    names = {name.lower(): value for name, value in headers}
    media_type = names.get("content-type", "").split(";")[0].strip()
    return (
        media_type in COMPRESSIBLE
        and "content-length" in names
        and "content-encoding" not in names
    )


def _close(result):
    if hasattr(result, "close"):
        result.close()


def _retagged(headers, encoding):
    return [
        (n, variant_etag(v, encoding) if n.lower() == "etag" else v) for n, v in headers
    ]


def _with_vary(headers):
    for index, (name, value) in enumerate(headers):
        if name.lower() == "vary":
            if "accept-encoding" in value.lower():
                return headers
            headers = list(headers)
            headers[index] = (name, f"{value}, Accept-Encoding")
            return headers
    return [*headers, ("Vary", "Accept-Encoding")]
