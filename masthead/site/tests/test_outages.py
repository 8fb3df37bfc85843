"""Uploads while the media store is away (issue 24, item 8; found by
bench/faults.py's s3 fault): a clear refusal that keeps what was typed, or a
503, never a 500. The store is a real S3 client sent to a closed port."""

import pytest
from botocore.exceptions import ClientError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import path, reverse

from masthead.core.media_storage import media_storage
from masthead.media.models import Image
from masthead.media.tests.images import picture
from masthead.site.outages import is_outage
from masthead.testing import sign_in_editor

from .test_health import closed_port

pytestmark = pytest.mark.django_db


def save_a_file(request):
    default_storage.save("notes/a.txt", ContentFile(b"a file"))


urlpatterns = [path("save/", save_a_file)]


@pytest.fixture
def bucket_away(settings):
    url = f"s3://key:secret@media/site?endpoint_url=http://127.0.0.1:{closed_port()}"
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(url)}


@pytest.fixture
def editor(client):
    return sign_in_editor(client)


def test_an_upload_with_the_store_away_comes_back_with_what_was_typed(
    client, editor, bucket_away
):
    form = {"alt_text": "Kept alt text", "caption": "Kept caption",
            "credit": "Jo Snap/Ledger", "focal_x": "0.5", "focal_y": "0.5",
            "file": SimpleUploadedFile("crane.jpg", picture())}  # fmt: skip
    response = client.post(reverse("admin:media_image_add"), form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "The media store does not answer just now" in html
    assert "Kept alt text" in html and "Kept caption" in html
    assert not Image.objects.exists()


@pytest.mark.urls(__name__)
def test_a_store_that_fails_during_a_write_is_a_503_not_a_500(client, bucket_away):
    response = client.get("/save/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "media store does not answer" in response.content.decode()
    assert "127.0.0.1" not in response.content.decode()


def test_a_refusal_by_the_store_is_not_an_outage():
    """Wrong keys or bucket (403, 404) are a misconfiguration to be seen as 500."""
    refused = ClientError({"ResponseMetadata": {"HTTPStatusCode": 403}}, "PutObject")
    failing = ClientError({"ResponseMetadata": {"HTTPStatusCode": 503}}, "PutObject")
    assert not is_outage(refused)
    assert is_outage(failing)
    assert not is_outage(ValueError("a bug"))
