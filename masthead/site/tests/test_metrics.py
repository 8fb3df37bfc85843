"""/metrics (issue 24, item 7): Prometheus's format, never public."""

from datetime import timedelta
from wsgiref.util import setup_testing_defaults

import pytest
from django.contrib.auth import get_user_model
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from masthead.core import metrics
from masthead.core.metrics import CountedRequests
from masthead.jobs import queue
from masthead.newsletters.models import Delivery, Edition
from masthead.pagecache.wsgi import CachedPagesApplication
from masthead.testing import make_article, make_newsletter, make_subscribers

pytestmark = pytest.mark.django_db


@queue.job()
def noted(value):
    return value


def samples(response):
    text = response.content.decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_loopback_without_a_proxy_reads_the_queue_and_the_newsletter_sends(client):
    queue.enqueue(noted, "now")
    queue.enqueue(noted, "later", run_after=timezone.now() + timedelta(hours=1))
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(seconds=90))
    briefing = make_newsletter("Briefing")
    edition = Edition.objects.create(newsletter=briefing, subject="Today")
    for subscriber in make_subscribers(briefing, 3):
        Delivery.objects.create(edition=edition, subscriber=subscriber, state="sent")
    response = client.get("/metrics")  # the test client comes from 127.0.0.1
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert "no-store" in response["Cache-Control"]
    found = samples(response)
    assert found[("masthead_jobs_due", ())] == 1  # the job held until later is not due
    assert 85 <= found[("masthead_jobs_oldest_due_seconds", ())] < 120
    assert found[("masthead_newsletter_deliveries", (("state", "sent"),))] == 3
    assert found[("masthead_newsletter_deliveries", (("state", "failed"),))] == 0


def test_a_request_a_proxy_relayed_is_refused_even_from_loopback(client):
    response = client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 403
    assert "masthead_" not in response.content.decode()


def test_an_outside_address_needs_the_bearer_token(client, settings):
    settings.MASTHEAD_METRICS_TOKEN = "s3cret-scrape-token"
    outside = {"REMOTE_ADDR": "198.51.100.7"}
    assert client.get("/metrics", **outside).status_code == 403
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer guess", **outside)
    assert wrong.status_code == 403
    right = client.get(
        "/metrics", HTTP_AUTHORIZATION="Bearer s3cret-scrape-token", **outside
    )
    assert right.status_code == 200 and b"masthead_jobs_due" in right.content


def test_no_token_configured_means_no_token_opens_it(client, settings):
    settings.MASTHEAD_METRICS_TOKEN = ""
    response = client.get(
        "/metrics", HTTP_AUTHORIZATION="Bearer ", REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 403


def test_staff_signed_in_read_it_from_anywhere(client):
    staff = get_user_model().objects.create_user("ed", password="pw", is_staff=True)
    reader = get_user_model().objects.create_user("ada", password="pw")
    client.force_login(reader)
    assert client.get("/metrics", REMOTE_ADDR="198.51.100.7").status_code == 403
    client.force_login(staff)
    assert client.get("/metrics", REMOTE_ADDR="198.51.100.7").status_code == 200


def call(app, path):
    environ = {"PATH_INFO": path, "HTTP_HOST": "testserver"}
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    b"".join(app(environ, start_response))
    return seen["status"], seen["headers"]


def value(name, **labels):
    return metrics.REGISTRY.get_sample_value(name, labels) or 0


@pytest.fixture
def served(settings, purges_at_once):
    """The WSGI stack of masthead/wsgi.py's order: counting outside the fast path."""
    settings.MASTHEAD_PAGE_CACHE = True
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield CountedRequests(CachedPagesApplication(WSGIHandler()))
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_responses_are_counted_by_status_and_page_cache_result(served):
    make_article(slug="budget")
    before = {
        "200": value("masthead_http_requests_total", status="200"),
        "404": value("masthead_http_requests_total", status="404"),
        "hit": value("masthead_page_cache_requests_total", result="hit"),
        "miss": value("masthead_page_cache_requests_total", result="miss"),
    }
    assert call(served, "/articles/budget/")[1]["X-Cache"] == "MISS"
    assert call(served, "/articles/budget/")[1]["X-Cache"] == "HIT"  # the fast path
    assert call(served, "/articles/nothing-here/")[0].startswith("404")
    requests = "masthead_http_requests_total"
    pages = "masthead_page_cache_requests_total"
    assert value(requests, status="200") == before["200"] + 2
    assert value(requests, status="404") == before["404"] + 1
    assert value(pages, result="hit") == before["hit"] + 1
    assert value(pages, result="miss") == before["miss"] + 1
