import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext

from masthead.jobs import queue as jobs
from masthead.media import renditions
from masthead.media.models import Image
from masthead.media.tasks import make_renditions
from masthead.testing import make_article, make_image

from .images import picture

pytestmark = pytest.mark.django_db


def big_image(**fields):
    from django.core.files.base import ContentFile

    return make_image(
        file=ContentFile(picture(size=(2400, 1600)), name="big.jpg"), **fields
    )


def render_picture(image, **options):
    template = engines["jinja2"].from_string("{{ picture(image, sizes='50vw') }}")
    return template.render({"image": image, **options})


def test_renditions_are_made_once_by_the_worker_and_recorded():
    image = big_image()
    jobs.enqueue(make_renditions, image.pk)
    assert jobs.run_pending() == 1
    image.refresh_from_db()
    assert image.renditions_ready
    assert image.renditions["widths"] == [320, 640, 960, 1280, 1600, 2048]
    assert image.renditions["formats"] == ["webp", "jpeg"]
    assert default_storage.exists(
        f"renditions/{image.pk}/{image.renditions['key']}/w2048.webp"
    )
    jobs.enqueue(make_renditions, image.pk)
    assert jobs.run_pending() == 1  # the job ran, and found nothing to do
    assert make_renditions.call(image.pk) == 0


def test_the_picture_helper_offers_webp_and_jpeg_srcsets():
    image = renditions.make(big_image(alt_text="Flood <barrier>"))
    html = render_picture(image)
    assert '<source type="image/webp" srcset="' in html
    assert "w320.webp 320w" in html and "w2048.jpeg 2048w" in html
    assert 'sizes="50vw"' in html and 'alt="Flood &lt;barrier&gt;"' in html
    assert 'src="/media/renditions/' in html and "w1280.jpeg" in html


def test_the_picture_helper_falls_back_to_the_original_until_renditions_exist():
    image = big_image()
    html = render_picture(image)
    assert "<picture>" not in html and image.file.url in html


def test_moving_the_focal_point_remakes_the_crops():
    image = renditions.make(big_image())
    first_key, first_crop = image.renditions["key"], image.crop_url("1x1")
    image.focal_x = 0.1
    image.save()
    assert not Image.objects.get(pk=image.pk).renditions_ready
    assert renditions.make_missing() == 1
    image.refresh_from_db()
    assert image.renditions["key"] != first_key and image.crop_url("1x1") != first_crop
    assert not default_storage.exists(f"renditions/{image.pk}/{first_key}/w320.webp")


def test_crops_for_previews_and_structured_data_have_their_ratio():
    image = renditions.make(big_image())
    assert image.crop_size("16x9") == (1280, 720)
    assert image.crop_url("4x3").endswith("4x3-w1280.jpeg")


def test_listing_pages_use_srcset_without_extra_queries(
    client, django_assert_num_queries
):
    """The picture tag reads only the image row the listing already joined."""
    hero = renditions.make(big_image())
    make_article(hero_image=hero)
    client.get("/")
    with CaptureQueriesContext(connection) as one:
        html = client.get("/").content.decode()
    assert "srcset=" in html
    for _ in range(5):
        make_article(hero_image=renditions.make(big_image()))
    with django_assert_num_queries(len(one.captured_queries)):
        client.get("/")
