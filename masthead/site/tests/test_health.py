"""/healthz and /readyz (issue 24, item 7): cheap, unauthenticated, never cached."""

import socket
import time

import pytest
from django.core.files.storage import default_storage, storages

from masthead.core.media_storage import media_storage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_path")]


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_checks_database_migrations_cache_and_storage(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ok", "checks": {
        "database": "ok", "migrations": "ok", "cache": "ok", "storage": "ok"}}
    assert "no-store" in response["Cache-Control"]
    assert "X-Cache" not in client.get("/readyz")  # never answered from the page cache


def test_readyz_says_which_dependency_fails_and_nothing_more(
    client, settings, tmp_path
):
    """A media folder that cannot be written costs uploads, not pages: the one
    server with local media stays in the load balancer (health.DEGRADED_ONLY)."""
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("media cannot live under a file")
    settings.MEDIA_ROOT = not_a_folder / "media"
    default_storage.__dict__.pop("base_location", None)
    default_storage.__dict__.pop("location", None)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["storage"] == "failing"
    assert response.json()["checks"]["database"] == "ok"
    assert str(tmp_path) not in response.content.decode()


def test_readyz_asks_the_bucket_one_head_and_never_lists_it(client, s3_media):
    asked = []
    storage = storages["default"]
    for client_of_storage in (storage.connection.meta.client, storage.probe_client):
        client_of_storage.meta.events.register(
            "before-call.s3", lambda model, **kwargs: asked.append(model.name)
        )
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json()["checks"]["storage"] == "ok"
    assert asked == ["HeadBucket"]


def test_readyz_with_the_bucket_away_is_degraded_but_keeps_the_server_in(
    client, settings
):
    """Every app server shares the bucket, and no page needs it (issue 24,
    item 2): with S3 away pages are still served, so no server is taken out."""
    closed = closed_port()
    url = f"s3://key:secret@media/site?endpoint_url=http://127.0.0.1:{closed}"
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(url)}
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "checks": {
        "database": "ok", "migrations": "ok", "cache": "ok", "storage": "failing"}}
    assert str(closed) not in response.content.decode()


def test_readyz_with_a_bucket_that_hangs_answers_within_seconds(client, settings):
    """A store that takes connections and never answers once held /readyz
    for 90 s (30 s read timeout, 3 attempts): a load balancer would have
    taken every app server out. It is now given 2 s in all."""
    hanging = socket.create_server(("127.0.0.1", 0), backlog=16)
    port = hanging.getsockname()[1]
    url = f"s3://key:secret@media/site?endpoint_url=http://127.0.0.1:{port}"
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(url)}
    started = time.monotonic()
    try:
        response = client.get("/readyz")
    finally:
        hanging.close()
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "failing"


def test_readyz_with_the_cache_away_is_degraded_but_keeps_the_server_in(
    client, settings
):
    """Every app server shares Redis: failing them all for it would be an outage
    where pages could be served uncached (core/cache.py)."""
    from django.core.cache import caches

    closed = closed_port()
    settings.CACHES = {**settings.CACHES, "default": {
        "BACKEND": "masthead.core.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{closed}/0"}}  # fmt: skip
    try:
        response = client.get("/readyz")
    finally:
        del caches["default"]
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"] == "failing"


def closed_port():
    """A loopback port nothing listens on: bound, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
