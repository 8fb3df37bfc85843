"""Two app servers share only the database, Redis and the bucket (issue 24, item 4).

A picture uploaded through the admin of one server, its renditions made by a
worker, is shown on the article page the other server renders, and every
picture that page links is fetched from the bucket (SeaweedFS on loopback).
Before media lived in a bucket, the second server answered 404 for it.
The database is a temporary SQLite file, or a fresh PostgreSQL database when
DATABASE_URL names PostgreSQL.
"""

import html
import os
import re
import uuid

import pytest

from masthead.media.tests.images import picture

from .servers import (
    AppServer,
    Browser,
    fetch_bytes,
    fresh_database,
    run,
    site_environment,
)

ARTICLE = """
from django.utils import timezone
from masthead.articles.models import Article
from masthead.media.models import Image
image = Image.objects.get()
Article.objects.create(
    title="The crane comes down", slug="crane", standfirst="After forty years.",
    status=Article.Status.PUBLISHED, published_at=timezone.now(), hero_image=image,
    body="Before.\\n\\n::: figure harbour.jpg wide\\nAt dawn.\\n:::\\n\\nAfter.",
)
print(image.url)
"""


@pytest.fixture
def shared_database(tmp_path):
    with fresh_database(tmp_path / "db") as url:
        yield url


@pytest.fixture
def two_servers(tmp_path, shared_database, s3_media):
    shared = {
        "DATABASE_URL": shared_database,
        "MASTHEAD_MEDIA_STORAGE_URL": s3_media.url,
        "STATIC_ROOT": str(tmp_path / "static"),  # collected once, for both
    }
    if os.environ.get("REDIS_URL"):
        shared |= {"REDIS_URL": os.environ["REDIS_URL"],
                   "MASTHEAD_CACHE_PREFIX": f"servers-{uuid.uuid4().hex[:8]}"}
    envs = [site_environment(tmp_path / name, **shared) for name in ("a", "b")]
    run(["migrate", "--noinput"], envs[0], timeout=300)
    run(["collectstatic", "--noinput", "-v", "0"], envs[0])
    run(["createsuperuser", "--noinput", "--username", "chief", "--email",
         "chief@example.org"], {**envs[0], "DJANGO_SUPERUSER_PASSWORD": "pw-chief-42"})
    servers = []
    try:
        servers = [AppServer(env) for env in envs]
        yield servers, envs
    finally:
        for server in servers:
            server.stop()


def linked_pictures(page, base):
    """Every picture address in the page's src and srcset attributes."""
    found = set(re.findall(r'src="([^"]+)"', page))
    for srcset in re.findall(r'srcset="([^"]+)"', page):
        items = html.unescape(srcset).split(",")
        found |= {item.strip().split(" ")[0] for item in items}
    return sorted(url for url in map(html.unescape, found) if url.startswith(base))


def test_a_picture_uploaded_on_one_server_is_shown_by_the_other(two_servers, s3_media):
    (first, second), envs = two_servers
    editor = Browser(first.url)
    status, landed, _ = editor.post(
        "/admin/login/?next=/admin/", {"username": "chief", "password": "pw-chief-42"}
    )
    assert landed.endswith("/admin/"), "login failed"
    raw = picture(size=(1600, 900))
    status, landed, page = editor.post(
        "/admin/media/image/add/",
        {"alt_text": "The harbour crane", "caption": "", "credit": "Jo Snap/Ledger",
         "focal_x": "0.5", "focal_y": "0.5"},
        files={"file": ("harbour.jpg", raw, "image/jpeg")},
    )
    assert status == 200 and landed.endswith("/admin/media/image/"), page[-2000:]
    run(["worker", "--once"], envs[0])  # renditions, into the bucket
    original = run(["shell", "--no-imports", "-c", ARTICLE], envs[0]).strip()

    reader = Browser(second.url)
    status, page = reader.get("/articles/crane/")

    bucket = f"{s3_media.endpoint}/{s3_media.bucket}/{s3_media.prefix}/"
    links = linked_pictures(page, bucket)
    assert status == 200
    assert any("/renditions/" in url for url in links), page
    # The browser is allowed to load them: the bucket's origin is in img-src.
    # django-csp does not keep the directives' order, so read them by name.
    policy = reader.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["img-src"] == f"'self' data: {s3_media.endpoint}"
    for url in links:
        got_status, headers, body = fetch_bytes(url)
        assert got_status == 200 and headers["Content-Type"].startswith("image/")
        assert body[:3] in (b"\xff\xd8\xff", b"RIF")  # JPEG or WebP
    assert fetch_bytes(original)[2] == raw
    assert not any((first.log.parent.parent / "b" / "media").glob("**/*.jpg"))
