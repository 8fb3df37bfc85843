"""The news crops (16:9, 4:3, 1:1) come from the renditions: no file is touched on a view."""

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage

from masthead.media import renditions
from masthead.testing import jpeg_bytes, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo():
    return make_image(file=ContentFile(jpeg_bytes(1600, 1000), name="wide.jpg"))


def test_news_crops_have_the_three_shapes_and_their_real_pixel_sizes(photo, settings):
    renditions.make(photo)
    made = photo.news_crops()
    assert [(c.width, c.height) for c in made] == [(1280, 720), (1280, 960), (640, 640)]
    for c in made:
        assert c.url.startswith(f"/media/renditions/{photo.pk}/")
        with PILImage.open(settings.MEDIA_ROOT / c.url.removeprefix("/media/")) as stored:
            assert stored.size == (c.width, c.height)


def test_before_the_renditions_exist_the_original_stands_in(photo):
    assert [(c.url, c.width, c.height) for c in photo.news_crops()] == [
        (photo.url, 1600, 1000)
    ]


def test_moving_the_focal_point_makes_new_crops(photo):
    renditions.make(photo)
    before = [c.url for c in photo.news_crops()]
    photo.focal_x = 0.1
    photo.save()
    renditions.make(photo)
    after = [c.url for c in photo.news_crops()]
    assert set(before).isdisjoint(after)


def test_news_crops_never_touch_the_storage(photo, monkeypatch):
    renditions.make(photo)
    photo.file.storage.url("")  # (the lazy default storage, set up before the patch)
    storage = type(photo.file.storage._wrapped)
    for method in ("exists", "open", "size", "save"):
        monkeypatch.setattr(storage, method, lambda *a, **k: pytest.fail("storage call"))
    assert len(photo.news_crops()) == 3
