"""`masthead media-migrate --to s3` against a real S3 server (SeaweedFS)."""

import io
import urllib.request

import pytest
from django.core.management import CommandError, call_command

from masthead.core.media_storage import media_storage
from masthead.media import renditions
from masthead.testing import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def local_library(settings):
    """Two pictures with their renditions, on the local disk (as before S3)."""
    images = [renditions.make(make_image()) for _ in range(2)]
    files = sorted(p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())
    return images, files


def migrate(**options):
    out, err = io.StringIO(), io.StringIO()
    call_command("media_migrate", to="s3", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def names(files, root):
    return sorted(p.relative_to(root).as_posix() for p in files)


def test_every_local_file_is_copied_and_served_from_the_bucket(
    local_library, s3_media, settings
):
    images, files = local_library
    out, err = migrate()

    prefix = f"{s3_media.prefix}/"
    assert s3_media.keys(s3_media.prefix) == [
        prefix + name for name in names(files, settings.MEDIA_ROOT)
    ]
    assert f"{len(files)} file(s) copied" in out
    assert f"Verified: all {len(files)}" in out
    assert f"Copying: {len(files)}/{len(files)}" in err  # the progress line
    image = images[0]
    with urllib.request.urlopen(image.url, timeout=5) as got:  # now the bucket's link
        assert got.read() == (settings.MEDIA_ROOT / image.file.name).read_bytes()
    assert all(path.exists() for path in files)  # nothing moved or deleted


def test_a_second_run_skips_what_is_there_and_recopies_what_differs(
    local_library, s3_media, settings
):
    _, files = local_library
    migrate()
    changed = names(files, settings.MEDIA_ROOT)[0]
    s3_media.client().put_object(
        Bucket=s3_media.bucket, Key=f"{s3_media.prefix}/{changed}", Body=b"torn"
    )

    out, _ = migrate()

    assert "1 file(s) copied" in out
    assert f"{len(files) - 1} already in the bucket" in out
    got = s3_media.client().get_object(
        Bucket=s3_media.bucket, Key=f"{s3_media.prefix}/{changed}"
    )["Body"].read()
    assert got == (settings.MEDIA_ROOT / changed).read_bytes()


def test_an_unreachable_bucket_fails_with_a_message_and_a_nonzero_exit(
    local_library, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": media_storage(
            "s3://k:s@media?endpoint_url=http://127.0.0.1:9&region=us-east-1"
        ),
    }
    with pytest.raises(CommandError, match="could not be listed before copying"):
        migrate()


def test_local_storage_is_refused_with_what_to_set(local_library):
    with pytest.raises(CommandError, match="set MASTHEAD_MEDIA_STORAGE_URL"):
        migrate()


def test_a_missing_folder_is_refused(tmp_path, s3_media):
    with pytest.raises(CommandError, match="no such folder"):
        migrate(source=tmp_path / "nowhere")
