"""attachments.py on the WordPress Theme Unit Test data: each picture comes
into the media library with its title, alt text and caption (issue 22, item 8).

The pictures are made here with Pillow under the names the file gives
(its attachment URLs point at the internet); what each should carry is read from
the file with lxml, not with the importer's reader.
"""

import html
from pathlib import Path

import pytest
from lxml import etree

from masthead.media.models import Image
from masthead.media.tests.images import picture
from masthead.wordpress.importer import Options, import_file
from masthead.wordpress.models import ImportedAttachment

from .wxr import THEME, fixture

pytestmark = pytest.mark.django_db

WP = "{https://wordpress.org/export/1.2/}"
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF"}


def theme_attachments():
    """{wp id: (path under uploads, title, alt text)} of its pictures, from
    the file itself."""
    found = {}
    for item in etree.parse(str(fixture(THEME))).iter("item"):
        if item.findtext(f"{WP}post_type") != "attachment":
            continue
        meta = {m.findtext(f"{WP}meta_key"): m.findtext(f"{WP}meta_value")
                for m in item.iter(f"{WP}postmeta")}  # fmt: skip
        # Its URLs are WordPress.com's (no wp-content/uploads): by file name.
        path = item.findtext(f"{WP}attachment_url").rsplit("/", 1)[1]
        if Path(path).suffix.lower() not in FORMATS:
            continue  # a sound or a document: not for the picture library
        title = html.unescape(item.findtext("title") or "").strip()
        found[int(item.findtext(f"{WP}post_id"))] = (
            path, title, meta.get("_wp_attachment_image_alt") or title
        )
    return found


@pytest.fixture
def imported(tmp_path):
    attachments = theme_attachments()
    for path, _title, _alt in attachments.values():
        target = tmp_path / "uploads" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(picture(FORMATS[target.suffix.lower()], size=(80, 60)))
    import_file(fixture(THEME), Options(uploads=tmp_path / "uploads"))
    return attachments


def test_every_theme_picture_keeps_its_title_and_alt_text(imported):
    kept = {
        record.wp_id: (record.image.title, record.image.alt_text)
        for record in ImportedAttachment.objects.select_related("image")
    }
    assert kept == {wp_id: (title, alt) for wp_id, (_, title, alt) in imported.items()}
    assert Image.objects.count() == len(imported) > 30


def test_a_title_apart_from_its_alt_text_is_kept_apart(imported):
    """canola2 is the file's title, "canola" what it shows; the library is
    searched by the first and readers hear the second."""
    image = Image.objects.get(title="canola2")
    assert (image.alt_text, str(image)) == ("canola", "canola2")
    vertical = Image.objects.get(title="Vertical Featured Image")
    assert vertical.alt_text == "Horizontal Featured Image"  # as WordPress had it
