"""A full local media disk (issue 24, item 8; found by bench/faults.py's disk
fault): the upload is refused with the form kept, a disk that fills during a
write is a 507 that leaves no partial file, and /readyz says the storage is
failing. The disk is real: a small tmpfs, which needs root (the CI and this
machine's tests run as root; elsewhere these are skipped)."""

import errno
import io
import os
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import path, reverse
from PIL import Image as PILImage

from masthead.media.models import Image
from masthead.media.storage import ROOM_MARGIN, free_bytes, has_room_for
from masthead.testing import sign_in_editor

pytestmark = pytest.mark.django_db

DISK_KB = 2048


def save_a_file(request):
    default_storage.save(
        "notes/big.bin", ContentFile(os.urandom(int(request.GET["n"])))
    )


urlpatterns = [path("save/", save_a_file)]
handler500 = "masthead.site.outages.server_error"


@pytest.fixture
def small_disk(settings, tmp_path):
    """MEDIA_ROOT on a 2 MB disk of its own."""
    media = tmp_path / "small-disk"
    media.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_KB}k", "tmpfs", str(media)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip("a size-limited tmpfs needs root (mount -t tmpfs)")
    settings.MEDIA_ROOT = media
    yield media
    subprocess.run(["umount", str(media)], check=True)


def fill(disk, leave=0):
    """Fill the disk until only about `leave` bytes are free."""
    with open(disk / "filler.bin", "wb") as out:
        try:
            while free_bytes(disk) > leave:
                out.write(b"\0" * min(1 << 16, max(free_bytes(disk) - leave, 4096)))
                out.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC


def photograph(size=(600, 400)):
    """A noisy JPEG (a flat colour would compress to nothing), about 100 KB."""
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(
        buffer, "JPEG", quality=90
    )
    return buffer.getvalue()


@pytest.fixture
def editor(client):
    return sign_in_editor(client)


def upload(client, data):
    form = {"alt_text": "Flooded towpath", "caption": "The towpath at noon",
            "credit": "Jo Snap/Ledger", "focal_x": "0.5", "focal_y": "0.5",
            "file": SimpleUploadedFile("towpath.jpg", data)}  # fmt: skip
    return client.post(reverse("admin:media_image_add"), form)


def files_on(disk):
    return sorted(str(p.relative_to(disk)) for p in disk.rglob("*") if p.is_file())


def test_an_upload_onto_a_full_disk_comes_back_with_what_was_typed(
    client, editor, small_disk
):
    data = photograph()
    fill(
        small_disk, leave=ROOM_MARGIN + len(data)
    )  # room for the file, not its renditions
    assert not has_room_for(len(data))
    response = upload(client, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The media disk is full, so the picture was not saved" in page
    assert "Flooded towpath" in page and "The towpath at noon" in page
    assert not Image.objects.exists()
    assert files_on(small_disk) == ["filler.bin"]


def test_the_same_upload_is_taken_once_there_is_room(client, editor, small_disk):
    data = photograph()
    assert has_room_for(len(data))
    response = upload(client, data)
    assert response.status_code == 302
    image = Image.objects.get()
    assert (small_disk / image.file.name).read_bytes()[:2] == b"\xff\xd8"


@pytest.mark.urls(__name__)
def test_a_disk_that_fills_during_a_write_is_a_507_leaving_no_partial_file(
    small_disk,
):
    fill(small_disk, leave=200_000)
    response = Client(raise_request_exception=False).get("/save/", {"n": 400_000})
    assert response.status_code == 507
    assert response["Retry-After"] == "300"
    assert "The media disk is full" in response.content.decode()
    assert files_on(small_disk) == ["filler.bin"]  # no truncated notes/big.bin


def test_a_full_disk_is_a_failing_storage_check_in_readyz(client, small_disk):
    assert client.get("/readyz").json()["checks"]["storage"] == "ok"
    fill(small_disk)
    body = client.get("/readyz").json()
    assert body["checks"]["storage"] == "failing"
    assert body["status"] == "degraded"  # the server stays in the load balancer
