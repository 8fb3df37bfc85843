"""No page asks the media store anything (issue 24, item 2).

A page is rendered with the real backend wrapped in one that counts
(media/tests/counting.py): on the local folder and on a real S3 server, the
article page (hero, figure, embed thumbnail), the home and section pages,
the feeds and the API make no storage call but url(), and send no request.
Sizes, dimensions and which renditions exist are columns, written with the
file. Before this, every feed asked the store each hero's size.
"""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from masthead.media import renditions
from masthead.media.models import Embed
from masthead.testing import jpeg_bytes, make_article, make_image, make_section

pytestmark = pytest.mark.django_db

LOCAL = "masthead.media.tests.counting.CountingFileSystemStorage"
S3 = "masthead.media.tests.counting.CountingS3Storage"
EMBED = "https://vimeo.com/76979871"


@pytest.fixture(params=["local folder", "S3"])
def counting_storage(request, settings):
    if request.param == "S3":
        request.getfixturevalue("s3_media")  # SeaweedFS, this test's own prefix
        entry = {**settings.STORAGES["default"], "BACKEND": S3}
    else:
        entry = {"BACKEND": LOCAL}
    settings.STORAGES = {**settings.STORAGES, "default": entry}
    return storages["default"]  # the instance default_storage wraps


def picture(name):
    image = make_image(file=ContentFile(jpeg_bytes(1600, 900), name=name))
    return renditions.make(image)


def story_with_every_picture():
    section = make_section("Harbour")
    picture("crane.jpg")
    article = make_article(
        section=section, hero_image=picture("hero.jpg"),
        body=f"Before.\n\n::: figure crane.jpg wide\nThe crane.\n:::\n\n"
        f"::: embed {EMBED}\n:::\n",
    )
    embed = Embed.objects.get(url=EMBED)
    embed.title, embed.status = "The harbour at night", Embed.Status.READY
    embed.thumbnail = picture("night.jpg")
    embed.save()  # the story is rendered again with the thumbnail
    article.refresh_from_db()
    return article


def test_pages_make_no_storage_call_and_no_request(client, counting_storage):
    article = story_with_every_picture()
    pages = [
        article.get_absolute_url(), "/", article.section.get_absolute_url(),
        "/feed/", "/feed/atom/", "/feed.json",
        "/api/articles", f"/api/articles/{article.slug}",
    ]
    counting_storage.reset_counts()

    for path in pages:
        assert client.get(path).status_code == 200, path

    assert counting_storage.network_calls() == {}
    assert counting_storage.requests == []
    assert counting_storage.calls["url"] > 20  # the pictures were linked


def test_the_feed_gives_each_heros_size_from_its_column(client, counting_storage):
    article = story_with_every_picture()
    counting_storage.reset_counts()
    feed = client.get("/feed/").content.decode()
    size = article.hero_image.file_size
    assert size == len(article.hero_image.file.read()) > 0
    assert f'length="{size}"' in feed


def test_renditions_are_written_without_asking_the_bucket_first(counting_storage):
    """The worker once sent a HeadObject before each rendition it wrote: a
    bucket overwrites in place, so it need not ask."""
    image = make_image(file=ContentFile(jpeg_bytes(1600, 900), name="pier.jpg"))
    counting_storage.reset_counts()
    renditions.make(image)
    written = [r for r in counting_storage.requests if r.startswith("PUT ")]
    if hasattr(counting_storage, "bucket_name"):
        assert len(written) >= 10
        asked = [r for r in counting_storage.requests if r.startswith("HEAD ")]
        assert asked and all(r.endswith("/images/pier.jpg") for r in asked)  # the original
    assert image.renditions_ready
