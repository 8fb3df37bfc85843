"""Crops are made once with Pillow, stored under MEDIA_ROOT/crops/ and reused."""

import pytest
from PIL import Image as PILImage

from masthead.media import crops
from masthead.testing import jpeg_bytes, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo():
    from django.core.files.base import ContentFile

    return make_image(file=ContentFile(jpeg_bytes(1600, 1000), name="wide.jpg"))


def test_news_crops_have_the_three_shapes_and_their_real_pixel_sizes(photo, settings):
    made = crops.news_crops(photo)
    assert [(c.width, c.height) for c in made] == [
        (1200, 675),
        (1200, 900),
        (1000, 1000),
    ]
    for c in made:
        assert c.url.startswith("/media/crops/")
        path = settings.MEDIA_ROOT / c.url.removeprefix("/media/")
        with PILImage.open(path) as stored:
            assert stored.size == (c.width, c.height)


def test_crop_is_made_once_and_reused(photo, monkeypatch):
    first = crops.crop(photo, (16, 9))
    monkeypatch.setattr(crops, "_render", lambda *a: pytest.fail("rendered twice"))
    assert crops.crop(photo, (16, 9)) == first


def test_moving_the_focal_point_makes_a_new_crop(photo):
    before = crops.crop(photo, (1, 1))
    photo.focal_x = 0.1
    assert crops.crop(photo, (1, 1)).url != before.url


def test_missing_original_gives_no_crop_instead_of_an_error(photo):
    photo.file.storage.delete(photo.file.name)
    assert crops.news_crops(photo) == []
