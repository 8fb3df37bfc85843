"""Uploaded media served by the app carry cache headers (issue 21, item 7)."""

import pytest


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "renditions" / "7" / "abc").mkdir(parents=True)
    (tmp_path / "renditions" / "7" / "abc" / "640.webp").write_bytes(
        b"RIFF" + b"\0" * 600
    )
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.jpg").write_bytes(b"\xff\xd8" + b"\0" * 600)
    return tmp_path


def test_renditions_are_kept_for_a_year(client, media):
    response = client.get("/media/renditions/7/abc/640.webp")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_originals_are_kept_for_a_day(client, media, settings):
    assert (
        client.get("/media/images/photo.jpg")["Cache-Control"]
        == "public, max-age=86400"
    )
    settings.MASTHEAD_MEDIA_MAX_AGE = 60
    assert (
        client.get("/media/images/photo.jpg")["Cache-Control"] == "public, max-age=60"
    )


@pytest.mark.django_db
def test_a_missing_file_is_404_without_cache_headers(client, media):
    response = client.get("/media/images/nothing.jpg")
    assert response.status_code == 404
    assert "immutable" not in response.get("Cache-Control", "")
