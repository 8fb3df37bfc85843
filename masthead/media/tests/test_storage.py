"""Media on a real S3 server (SeaweedFS on loopback), uploaded through the admin."""

import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from masthead.core.media_storage import media_storage
from masthead.media import renditions
from masthead.media.models import Image
from masthead.media.storage import IMMUTABLE, S3MediaStorage, is_reachable

from .images import picture

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, make_user):
    client.force_login(make_user("Editor"))


def fetch(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read(), response.headers


def upload(client, data, name="harbour.jpg"):
    form = {
        "alt_text": "The harbour crane", "caption": "", "credit": "Jo Snap/Ledger",
        "focal_x": "0.5", "focal_y": "0.5", "file": SimpleUploadedFile(name, data),
    }
    return client.post(reverse("admin:media_image_add"), form)


def test_an_admin_upload_lands_in_the_bucket_and_its_link_serves_it(
    client, editor, s3_media
):
    raw = picture(size=(900, 600))
    assert upload(client, raw).status_code == 302
    image = Image.objects.get()

    assert isinstance(default_storage._wrapped, S3MediaStorage)
    assert s3_media.keys(s3_media.prefix) == [f"{s3_media.prefix}/images/harbour.jpg"]
    body, headers = fetch(image.url)
    assert image.url.startswith(f"{s3_media.endpoint}/{s3_media.bucket}/")
    assert body == raw
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == "public, max-age=86400"


def test_renditions_are_written_to_the_bucket_with_far_future_caching(
    client, editor, s3_media
):
    upload(client, picture(size=(900, 600)))
    image = renditions.make(Image.objects.get())

    keys = s3_media.keys(f"{s3_media.prefix}/renditions")
    assert len(keys) > 4 and all("/renditions/" in key for key in keys)
    body, headers = fetch(image.crop_url("16x9"))
    assert body[:3] == b"\xff\xd8\xff"  # a JPEG
    assert headers["Cache-Control"] == IMMUTABLE


def test_a_second_upload_of_the_same_name_keeps_the_first(client, editor, s3_media):
    upload(client, picture(color=(10, 10, 10)))
    upload(client, picture(color=(250, 250, 250)))

    first, second = Image.objects.order_by("pk")
    assert first.file.name != second.file.name
    assert fetch(first.url)[0] != fetch(second.url)[0]


def test_the_store_is_reachable_and_a_stopped_one_is_not(s3_media):
    assert is_reachable()
    dead = media_storage("s3://nowhere?endpoint_url=http://127.0.0.1:9")["OPTIONS"]
    assert not is_reachable(S3MediaStorage(**dead, access_key="k", secret_key="s"))


def test_the_local_folder_is_reachable_when_it_can_be_made(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "not-yet" / "media"
    assert is_reachable()
    default_storage.save("x.txt", ContentFile(b"x"))
    assert is_reachable()
