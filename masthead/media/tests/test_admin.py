"""Uploading through the admin: checks, clear errors, credits, focal point."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from masthead.media.models import Image
from masthead.media.processing import EXIF_GPS
from masthead.testing import sign_in_editor

from .images import exif_with, picture

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    return sign_in_editor(client)


def upload(client, data, name="photo.jpg", **fields):
    form = {
        "alt_text": "A red square",
        "caption": "",
        "credit": "Jo Snap/Ledger",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **fields,
        "file": SimpleUploadedFile(name, data),
    }
    return client.post(reverse("admin:media_image_add"), form)


def test_an_upload_is_stored_without_its_gps_location(client, editor):
    raw = picture(exif=exif_with(gps=True, artist="Jo Snap"))
    response = upload(client, raw)
    assert response.status_code == 302
    image = Image.objects.get()
    with image.file.open("rb") as stored:
        assert EXIF_GPS not in PILImage.open(stored).getexif()


def test_a_non_image_comes_back_with_a_clear_error_and_what_was_typed(client, editor):
    response = upload(client, b"GIF89a but not really", alt_text="Kept alt text")
    html = response.content.decode()
    assert response.status_code == 200
    assert "not a picture we can read" in html and "Kept alt text" in html
    assert not Image.objects.exists()


def test_a_decompression_bomb_is_refused_in_the_form(client, editor, settings):
    settings.MASTHEAD_MAX_IMAGE_PIXELS = 1_000_000
    response = upload(client, picture("PNG", size=(2000, 1000)), name="big.png")
    assert "the limit is 1 megapixels" in response.content.decode()
    assert not Image.objects.exists()


def test_the_credit_is_filled_from_the_pictures_own_byline(client, editor):
    raw = picture(exif=exif_with(artist="Mara Quinn", copyright="Valley Wire"))
    assert upload(client, raw, credit="").status_code == 302
    assert Image.objects.get().credit == "Mara Quinn/Valley Wire"


def test_alt_text_and_a_credit_are_required(client, editor):
    response = upload(client, picture(), credit="", alt_text="")
    html = response.content.decode()
    assert "Add a credit" in html and "This field is required" in html
    assert not Image.objects.exists()


def test_saving_queues_renditions_for_the_worker(
    client, editor, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        upload(client, picture())
    job = DBTaskResult.objects.get()
    assert job.task_path == "masthead.media.tasks.make_renditions"


def test_the_focal_point_is_set_with_numbers_without_javascript(client, editor):
    upload(client, picture())
    image = Image.objects.get()
    url = reverse("admin:media_image_change", args=[image.pk])
    page = client.get(url).content.decode()
    assert "data-focal-point" in page and "focal-point.js" in page
    client.post(
        url,
        {
            "alt_text": image.alt_text,
            "credit": image.credit,
            "caption": "",
            "focal_x": "0.25",
            "focal_y": "0.75",
        },
    )
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.25, 0.75)
    response = client.post(
        url, {"alt_text": "x", "credit": "y", "focal_x": "3", "focal_y": "0.5"}
    )
    assert "between 0 and 1" in response.content.decode()


def _jpeg_size(data):
    return PILImage.open(io.BytesIO(data)).size


def test_the_library_lists_and_finds_pictures_by_their_title(client, editor):
    """Issue 22, item 8: WordPress's media titles have a place here too."""
    upload(client, picture(), title="Harbour at dawn", alt_text="Fishing boats")
    upload(client, picture(color=(0, 0, 200)), alt_text="A blue square")
    assert Image.objects.get(alt_text="Fishing boats").title == "Harbour at dawn"
    listing = client.get(reverse("admin:media_image_changelist")).content.decode()
    assert "Harbour at dawn" in listing and "A blue square" in listing
    found = client.get(reverse("admin:media_image_changelist"), {"q": "harbour"})
    html = found.content.decode()
    assert "Harbour at dawn" in html and "A blue square" not in html
    upload(client, picture(), title="<script>alert(1)</script>", alt_text="x")
    listing = client.get(reverse("admin:media_image_changelist")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing
    assert "<script>alert(1)" not in listing
