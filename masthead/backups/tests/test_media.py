"""The media half of a backup with pictures in a bucket (SeaweedFS on loopback)."""

import pytest
from django.core.files.storage import storages

from masthead.backups import media
from masthead.core.media_storage import media_storage
from masthead.core.progress import Progress
from masthead.media import renditions
from masthead.testing import make_image

pytestmark = pytest.mark.django_db


def quiet():
    return Progress("test", 0, stream=open("/dev/null", "w"))


@pytest.fixture
def pictures_in_bucket(s3_media):
    renditions.make(make_image())
    return s3_media


def move_to_new_prefix(settings, seaweedfs, name):
    url = seaweedfs.storage_url(f"{seaweedfs.prefix}-{name}")
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(url)}
    return storages["default"]


def test_with_objects_the_bucket_is_copied_and_restored_into_an_empty_one(
    pictures_in_bucket, settings, tmp_path
):
    entry = media.back_up(storages["default"], tmp_path, with_objects=True,
                          progress=quiet())
    names = sorted(entry["files"])
    assert entry["storage"] == "s3" and len(names) > 5
    assert all(len(facts["sha256"]) == 64 for facts in entry["files"].values())

    restored = move_to_new_prefix(settings, pictures_in_bucket, "restored")
    assert media.restore(restored, tmp_path, entry, progress=quiet()) == []
    prefix = f"{pictures_in_bucket.prefix}-restored/"
    keys = pictures_in_bucket.keys(prefix[:-1])
    assert [key.removeprefix(prefix) for key in keys] == names


def test_a_list_only_backup_names_what_a_new_bucket_lacks(
    pictures_in_bucket, settings, tmp_path
):
    entry = media.back_up(storages["default"], tmp_path, with_objects=False,
                          progress=quiet())
    assert not (tmp_path / "media").exists()  # the list alone
    # Restored against the same bucket, every object is there.
    assert media.restore(storages["default"], tmp_path, entry, progress=quiet()) == []
    elsewhere = move_to_new_prefix(settings, pictures_in_bucket, "empty")
    assert media.restore(elsewhere, tmp_path, entry, progress=quiet()) == sorted(
        entry["files"]
    )
