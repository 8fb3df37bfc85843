"""Embed rows, resolved by the worker from a real HTTP provider on loopback."""

import io
import time

import pytest
from django.db.models.signals import post_save
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import Image as PILImage

from masthead.jobs import queue as jobs
from masthead.media import embeds
from masthead.media.embeds import request_embeds, resolve, resolve_embed
from masthead.media.models import Embed, Image

from .fakeprovider import (
    HOSTILE_HTML,
    closed_port_url,
    fake_provider_fixture,  # noqa: F401  (the fixture)
    png,
)

pytestmark = pytest.mark.django_db

WATCH = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
SHORT = "https://youtu.be/dQw4w9WgXcQ"
VIMEO = "https://vimeo.com/76979871"
NOCOOKIE = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
BSKY_DID = "did:plc:z72i7hdynmk6r22z27h6tvur"
BSKY_POST = "https://bsky.app/profile/bsky.app/post/3l6oveex3ii2l"


@pytest.fixture
def provider(fake_provider, settings):
    """The fake answers for YouTube, Vimeo and Bluesky."""
    settings.MASTHEAD_EMBED_ENDPOINTS = {
        "youtube": fake_provider.url("/oembed"),
        "vimeo": fake_provider.url("/oembed"),
        "bluesky": fake_provider.url("/bluesky"),
    }
    return fake_provider


def pending(url=WATCH):
    return request_embeds([url])[url]


def resolved(url=WATCH):
    embed = resolve(pending(url))
    embed.refresh_from_db()
    return embed


def queued_tasks():
    return list(DBTaskResult.objects.values_list("task_path", flat=True))


# request_embeds: rows for pasted links, queued once.


def test_each_link_gets_one_pending_row_and_one_queued_job(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        found = request_embeds([WATCH, SHORT, VIMEO])
    assert set(found) == {WATCH, SHORT, VIMEO}
    assert found[WATCH] == found[SHORT] and found[WATCH].url == WATCH
    assert found[WATCH].status == Embed.Status.PENDING
    assert found[WATCH].frame_src == NOCOOKIE and found[WATCH].ratio == 56.25
    assert found[VIMEO].provider == "vimeo" and found[VIMEO].provider_name == "Vimeo"
    assert Embed.objects.count() == 2
    assert queued_tasks() == ["masthead.media.embeds.resolve_embed"] * 2


def test_requesting_the_same_links_again_changes_and_queues_nothing(
    django_capture_on_commit_callbacks,
):
    first = request_embeds([WATCH])
    with django_capture_on_commit_callbacks() as callbacks:
        again = request_embeds([SHORT, WATCH])
    assert callbacks == []
    assert again[SHORT].pk == again[WATCH].pk == first[WATCH].pk
    assert Embed.objects.count() == 1


def test_refused_and_ordinary_links_are_left_out():
    found = request_embeds(
        ["https://example.com/news", "javascript:alert(1)", "https://youtu.be/", WATCH]
    )
    assert list(found) == [WATCH] and Embed.objects.count() == 1


def test_request_embeds_costs_one_query_when_every_link_has_its_row(
    django_assert_num_queries,
):
    """It runs on every article save: the cost must not grow with the links."""
    links = [WATCH, VIMEO, "https://x.com/NASA/status/1", "https://vimeo.com/1"]
    request_embeds(links)
    with django_assert_num_queries(1):
        request_embeds(links)
    with django_assert_num_queries(0):
        request_embeds(["https://example.com/not-an-embed"])


@pytest.mark.parametrize("count", [1, 6])
def test_new_links_cost_three_queries_however_many(count, django_assert_num_queries):
    """A read, one bulk insert and a read of the new rows' ids."""
    links = [f"https://vimeo.com/{n}" for n in range(1, count + 1)]
    with django_assert_num_queries(3):
        found = request_embeds(links)
    assert all(embed.pk for embed in found.values())


# resolve: plain strings, a thumbnail, never the HTML.


def test_a_resolved_embed_keeps_plain_strings_and_its_own_frame(provider):
    embed = resolved()
    assert embed.status == Embed.Status.READY and embed.error == ""
    assert embed.title == "Flood barrier opens at dawn"
    assert embed.author_name == "Alder Valley Ledger"
    assert embed.frame_src == NOCOOKIE  # the pattern's, not the answer's iframe
    assert embed.frame_origin == "https://www.youtube-nocookie.com"
    assert embed.resolved_at is not None and str(embed) == embed.title
    assert provider.asked("/oembed") == [
        {"url": WATCH, "format": "json", "maxwidth": "1280"}
    ]


def test_the_oembed_html_leaves_no_trace_in_any_field(provider):
    embed = resolved()
    image = embed.thumbnail
    stored = [getattr(embed, f.attname) for f in Embed._meta.concrete_fields]
    stored += [getattr(image, f.attname) for f in Image._meta.concrete_fields]
    text = " ".join(str(value) for value in stored)
    for trace in ("<script", "masthead-xss", "evil.example", "<iframe", HOSTILE_HTML):
        assert trace not in text


def test_the_thumbnail_becomes_a_credited_media_image_with_renditions_queued(
    provider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        embed = resolved()
    image = embed.thumbnail
    assert image.alt_text == "Still from YouTube: Flood barrier opens at dawn"
    assert image.credit == "Alder Valley Ledger" and image.caption == ""
    assert (image.width, image.height) == (480, 360)
    with image.file.open("rb") as stored:
        assert PILImage.open(stored).format == "PNG"
    assert "masthead.media.tasks.make_renditions" in queued_tasks()
    jobs.run_pending()
    image.refresh_from_db()
    assert image.renditions_ready


def test_the_worker_resolves_a_pasted_link_and_saves_it_normally(
    provider, django_capture_on_commit_callbacks
):
    saved = []

    def note(sender, instance, **kwargs):
        saved.append(instance.status)

    post_save.connect(note, sender=Embed, dispatch_uid="test-embed-saved")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            request_embeds([SHORT])
        assert jobs.run_pending(max_tasks=1) == 1
    finally:
        post_save.disconnect(dispatch_uid="test-embed-saved", sender=Embed)
    assert saved == [Embed.Status.READY]  # bulk_create sends no post_save
    assert Embed.objects.get().title == "Flood barrier opens at dawn"


def test_titles_and_authors_are_one_line_of_capped_printable_text(provider):
    provider.oembed(
        title="Flood\u202e\x00 barrier\n\topens " + "x" * 500, author_name=7
    )
    embed = resolved()
    assert embed.title.startswith("Flood barrier opens xxx") and len(embed.title) == 300
    assert embed.author_name == ""
    assert embed.thumbnail.credit == "YouTube"


def test_an_answer_without_a_title_gets_one_readers_can_use(provider):
    provider.oembed(title=None, thumbnail_url=None, author_name="NASA")
    embed = resolved("https://vimeo.com/76979871")
    assert embed.title == "Vimeo video by NASA" and embed.thumbnail is None
    assert embed.status == Embed.Status.READY and embed.error == ""


def test_a_bluesky_post_gets_its_frame_from_the_at_uri_in_its_oembed_html(provider):
    uri = f"at://{BSKY_DID}/app.bsky.feed.post/3l6oveex3ii2l"
    provider.oembed(
        "/bluesky",
        title=None,
        thumbnail_url=None,
        author_name="Bluesky",
        html=f'<blockquote data-bluesky-uri="{uri}"><p>Hi</p></blockquote>'
        '<script src="https://embed.bsky.app/static/embed.js"></script>',
    )
    assert pending(BSKY_POST).frame_src == ""
    embed = resolved(BSKY_POST)
    assert embed.status == Embed.Status.READY
    assert embed.frame_src == (
        f"https://embed.bsky.app/embed/{BSKY_DID}/app.bsky.feed.post/3l6oveex3ii2l"
    )
    assert "blockquote" not in embed.title and "script" not in embed.title


def test_a_bluesky_answer_without_the_posts_at_uri_fails(provider):
    provider.oembed("/bluesky", html=HOSTILE_HTML)
    embed = resolved(BSKY_POST)
    assert embed.status == Embed.Status.FAILED and embed.frame_src == ""
    assert embed.error == (
        "Bluesky answered without the post's at:// address. "
        "The story shows a link until it is resolved."
    )


@pytest.mark.parametrize(
    "url, title, frame_start",
    [
        ("https://www.instagram.com/p/C8vXyZ1abcD/", "Instagram post",
         "https://www.instagram.com/p/C8vXyZ1abcD/embed"),
        ("https://www.openstreetmap.org/#map=15/51.5/-0.12", "Map",
         "https://www.openstreetmap.org/export/embed.html?bbox="),
    ],
)  # fmt: skip
def test_providers_without_oembed_resolve_from_the_pattern_alone(
    url, title, frame_start, provider
):
    embed = resolved(url)
    assert embed.status == Embed.Status.READY and embed.title == title
    assert embed.frame_src.startswith(frame_start) and embed.thumbnail is None
    assert provider.requests == []


# Failures: a sentence for editors, never an exception out of the job.


def fails_with(message, url=WATCH):
    embed = resolved(url)
    assert embed.status == Embed.Status.FAILED and embed.resolved_at is None
    assert embed.error == message
    return embed


def test_a_provider_that_refuses_connections_fails_with_a_sentence(settings, provider):
    settings.MASTHEAD_EMBED_ENDPOINTS = {"youtube": closed_port_url()}
    fails_with(
        "YouTube could not be reached: connection refused. "
        "The story shows a link until it is resolved.",
    )


def test_a_provider_that_does_not_answer_in_time_fails_quickly(settings, provider):
    settings.MASTHEAD_EMBED_TIMEOUT_SECONDS = 0.3
    provider.route("/oembed", json_body={"title": "late"}, delay=5)
    started = time.monotonic()
    fails_with(
        "YouTube did not answer within 0.3 seconds. "
        "The story shows a link until it is resolved.",
    )
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    "route, problem",
    [
        ({"status": 404, "content_type": "text/html", "body": b"<p>gone</p>"},
         "answered HTTP 404 Not Found: is the post public and still there?"),
        ({"status": 500, "body": b"{}"}, "answered HTTP 500 Internal Server Error"),
        ({"content_type": "text/html", "body": b"<html><script></script></html>"},
         "answered with text/html, not oEmbed JSON"),
        ({"body": b"{not json"}, "answered with something that is not oEmbed JSON"),
        ({"body": b"[1, 2]"}, "answered with something that is not oEmbed JSON"),
        ({"body": b"[" * 100_000}, "answered with something that is not oEmbed JSON"),
        ({"body": b" " * (300 << 10)}, "sent more than 256 KiB"),
        ({"body": b" " * (300 << 10), "length": False}, "sent more than 256 KiB"),
        ({"status": 302, "headers": {"Location": "http://localhost:1/oembed"}},
         "redirected to another site (localhost)"),
        ({"status": 302, "headers": {"Location": "file:///etc/passwd"}},
         "redirected to an address we do not follow"),
    ],
)  # fmt: skip
def test_a_bad_oembed_answer_fails_with_what_went_wrong(
    route, problem, settings, provider
):
    provider.route("/oembed", **route)
    fails_with(
        f"YouTube {problem}. The story shows a link until it is resolved.",
    )


@pytest.mark.parametrize("location", ["{base}/oembed", "/oembed"])
def test_a_redirect_within_the_providers_host_is_followed(location, settings, provider):
    provider.route("/old", status=301, headers={"Location": location})
    settings.MASTHEAD_EMBED_ENDPOINTS = {"youtube": provider.url("/old")}
    assert resolved().status == Embed.Status.READY


@pytest.mark.parametrize(
    "thumbnail, route, problem",
    [
        ("/thumb.png", {"status": 404, "content_type": "text/plain"},
         "answered HTTP 404 Not Found: is the post public and still there?"),
        ("/thumb.png", {"content_type": "image/png", "body": b"\x89PNG not really"},
         "is not a picture we can read"),
        ("/thumb.png", {"content_type": "image/png", "body": png()[:-20]},
         "is not a picture we can read"),
        ("/thumb.png", {"content_type": "image/svg+xml", "body": b"<svg/>"},
         "answered with image/svg+xml, not a JPEG, PNG, WebP or GIF picture"),
        ("/thumb.png", {"content_type": "image/png", "body": b"x" * (6 << 20)},
         "sent more than 5 MiB"),
        ("http://192.0.2.1/thumb.png", None, "is not at an https:// address"),
        ("https://10.0.0.1/thumb.png", None, "is not at an https:// address"),
        ("file:///etc/passwd", None, "is not at an https:// address"),
        ("https://user@127.0.0.1/thumb.png", None, "is not at an https:// address"),
    ],
)  # fmt: skip
def test_a_bad_thumbnail_leaves_the_embed_ready_without_a_picture(
    thumbnail, route, problem, provider
):
    if route is not None:
        provider.route(thumbnail, **route)
    url = provider.url(thumbnail) if thumbnail.startswith("/") else thumbnail
    provider.oembed(thumbnail_url=url)
    embed = resolved()
    assert embed.status == Embed.Status.READY and embed.thumbnail is None
    assert embed.error == (
        f"The thumbnail from YouTube {problem}. The embed shows without a picture."
    )
    assert not Image.objects.exists()


def test_a_thumbnail_in_a_format_we_accept_but_too_many_pixels_is_refused(
    provider, settings
):
    settings.MASTHEAD_MAX_IMAGE_PIXELS = 1000
    embed = resolved()
    assert embed.thumbnail is None and "has too many pixels" in embed.error


def test_the_job_turns_even_our_own_bugs_into_a_failed_embed(provider, monkeypatch):
    def broken(*args):
        raise RuntimeError("a bug")

    monkeypatch.setattr(embeds, "_oembed", broken)
    embed = pending()
    assert resolve_embed.call(embed.pk) == 1
    embed.refresh_from_db()
    assert embed.status == Embed.Status.FAILED
    assert embed.error.startswith("Resolving this link failed unexpectedly.")


def test_the_job_skips_an_embed_deleted_meanwhile():
    assert resolve_embed.call(12345) == 0


def test_resolving_again_after_a_failure_clears_the_error(settings, provider):
    settings.MASTHEAD_EMBED_ENDPOINTS = {"youtube": closed_port_url()}
    embed = resolve(pending())
    assert embed.status == Embed.Status.FAILED
    settings.MASTHEAD_EMBED_ENDPOINTS = {"youtube": provider.url("/oembed")}
    embed = resolve(embed)
    assert embed.status == Embed.Status.READY and embed.error == ""


def test_an_embed_without_a_frame_has_no_frame_origin():
    assert Embed(url=BSKY_POST).frame_origin == ""
    assert str(Embed(url=BSKY_POST)) == BSKY_POST


# The admin: read the list, resolve again.


@pytest.fixture
def admin_client(client):
    from django.contrib.auth import get_user_model

    boss = get_user_model().objects.create_superuser("boss", "b@ledger.example", "pw")
    client.force_login(boss)
    return client


def test_editors_see_each_links_status_and_problem_in_the_admin(
    admin_client, settings, provider
):
    settings.MASTHEAD_EMBED_ENDPOINTS = {"youtube": closed_port_url()}
    embed = resolve(pending())
    page = admin_client.get(reverse("admin:media_embed_changelist"))
    assert page.status_code == 200
    assert WATCH.replace("&", "&amp;") in page.text or WATCH in page.text
    assert "connection refused" in page.text and "failed" in page.text
    detail = admin_client.get(reverse("admin:media_embed_change", args=[embed.pk]))
    assert detail.status_code == 200 and 'name="url"' not in detail.text
    assert admin_client.get(reverse("admin:media_embed_add")).status_code == 403


def test_resolve_again_queues_the_chosen_embeds_for_the_worker(
    admin_client, django_capture_on_commit_callbacks, provider
):
    embed = pending()
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:media_embed_changelist"),
            {"action": "resolve_again", "_selected_action": [embed.pk]},
            follow=True,
        )
    assert "1 link(s) will be resolved again" in response.text
    assert queued_tasks() == ["masthead.media.embeds.resolve_embed"]
    jobs.run_pending()
    embed.refresh_from_db()
    assert embed.status == Embed.Status.READY


def test_the_picture_bytes_are_checked_not_the_content_type(provider):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48)).save(buffer, "GIF")
    provider.route("/thumb.png", body=buffer.getvalue(), content_type="image/png")
    embed = resolved()
    assert embed.thumbnail.file.name.endswith(".gif")
