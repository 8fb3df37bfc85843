"""Counters every request adds to, for Prometheus's `/metrics` (issue 24, item 7).

A WSGI layer outside everything else (masthead/wsgi.py), so pages answered
by the page cache's fast path are counted like pages Django renders, and no
feature module knows metrics exist: whether the page cache answered is read
from the `X-Cache` header it already sends (HIT or MISS).

Several worker processes: each counts in its own memory unless
`PROMETHEUS_MULTIPROC_DIR` names a folder, which `masthead serve` sets
(MASTHEAD_METRICS_DIR, default var/metrics, emptied at start). prometheus_client
then keeps each process's counters in a small memory-mapped file there, and a
scrape of any worker sums every process's files, those of killed workers
too, so a count never goes backwards. Several app servers: each serves its
own `/metrics` and Prometheus sums them (a scrape target per server), as
for any counter. An increment is a write to a mapped page, well under a
microsecond: cheap enough for the fast path.
"""

import os

from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

# Counters live in this registry, not the library's global one, so the view
# shows only what is ours (plus what the site adds at scrape time).
REGISTRY = CollectorRegistry(auto_describe=True)

REQUESTS = Counter(
    "masthead_http_requests",
    "HTTP responses, by status code.",
    ["status"],
    registry=REGISTRY,
)
PAGE_CACHE = Counter(
    "masthead_page_cache_requests",
    "Requests the page cache looked up: hit (answered from it) or miss (rendered).",
    ["result"],
    registry=REGISTRY,
)
_PAGE_CACHE_RESULTS = {
    "HIT": PAGE_CACHE.labels("hit"), "MISS": PAGE_CACHE.labels("miss"),
}
_by_status = {}  # "200" -> its child counter: labels() costs a lock and a lookup


def counted(status):
    child = _by_status.get(status)
    if child is None:
        child = _by_status[status] = REQUESTS.labels(status)
    return child


def multiprocess_dir():
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def exposition():
    """The counters of every process of this server, in Prometheus's text format."""
    if multiprocess_dir():
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


class CountedRequests:
    """WSGI middleware: counts responses by status, and page-cache hits and misses."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        def counting_start_response(status, headers, exc_info=None):
            counted(status[:3]).inc()
            for name, value in headers:
                if len(name) == 7 and name.lower() == "x-cache":
                    result = _PAGE_CACHE_RESULTS.get(value)
                    if result is not None:
                        result.inc()
                    break
            return start_response(status, headers, exc_info)

        return self.application(environ, counting_start_response)
