"""`/metrics` in Prometheus's text format, for staff and the machine itself (issue 24).

Two kinds of figure, each kept where it is right with several app servers:

- Counters of requests by status and of page-cache hits and misses, counted
  by each server's processes (core/metrics.py); Prometheus scrapes every
  app server and sums them.
- The job queue and newsletter sends, read from the database at scrape
  time: every app server reports the same figure, so take max(), not
  sum(), across them. Nothing is counted on the request path for these.

Never public: a signed-in staff member, a bearer token equal to
MASTHEAD_METRICS_TOKEN, or a request from an address in
MASTHEAD_METRICS_NETWORKS (loopback by default) that no proxy relayed (a
reverse proxy on this machine makes every reader's request come from
127.0.0.1, but it adds X-Forwarded-For).
"""

import ipaddress

from django.conf import settings
from django.http import HttpResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily

from masthead.core import metrics
from masthead.jobs import queue
from masthead.newsletters.models import Delivery

RELAYED = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")
REFUSED = "Metrics are for staff, a bearer token, or this machine."


@never_cache
def metrics_view(request):
    if not may_read(request):
        return HttpResponse(REFUSED, status=403, content_type="text/plain")
    registry = CollectorRegistry()
    registry.register(DatabaseFigures())
    body = metrics.exposition() + generate_latest(registry)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)


def may_read(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_active and user.is_staff:
        return True
    token = settings.MASTHEAD_METRICS_TOKEN
    sent = request.META.get("HTTP_AUTHORIZATION", "")
    if token and sent.startswith("Bearer ") and constant_time_compare(sent[7:], token):
        return True
    return from_inside(request.META)


def from_inside(meta):
    if any(meta.get(header) for header in RELAYED):
        return False
    try:
        address = ipaddress.ip_address(meta.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    networks = settings.MASTHEAD_METRICS_NETWORKS
    return any(address in ipaddress.ip_network(net, strict=False) for net in networks)


class DatabaseFigures:
    """A collector read at scrape time: the queue's backlog, newsletter deliveries."""

    def collect(self):
        backlog = queue.backlog()
        yield _gauge("masthead_jobs_due", "Queued jobs whose time has come.",
                     backlog.due)
        yield _gauge("masthead_jobs_oldest_due_seconds",
                     "Age of the oldest job waiting for a worker.",
                     backlog.oldest_due_seconds)
        yield _gauge("masthead_jobs_running", "Jobs a worker has claimed.",
                     backlog.running)
        yield _gauge("masthead_jobs_failed",
                     "Jobs that failed their last attempt (see the admin).",
                     backlog.failed)
        deliveries = GaugeMetricFamily(
            "masthead_newsletter_deliveries",
            "Newsletter deliveries by state (sent: handed to the mail server).",
            labels=["state"],
        )
        counts = Delivery.objects.counts()
        for state in Delivery.State.values:
            deliveries.add_metric([state], counts.get(state, 0))
        yield deliveries


def _gauge(name, documentation, value):
    return GaugeMetricFamily(name, documentation, value=value)
