"""`import-wxr --uploads DIR` (issue 22, item 8): attachments from a copy of
wp-content/uploads, through the media library's own upload checks.

The uploads tree is made here with Pillow, and every attachment URL points
at a server on loopback that records each request: the import must take the
files from the folder and never ask for one.
"""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from PIL import Image as PILImage

from masthead.articles.models import Article
from masthead.core import story
from masthead.jobs.queue import run_pending
from masthead.media.models import Image
from masthead.media.processing import EXIF_GPS
from masthead.media.tests.images import exif_with, picture
from masthead.wordpress import phpserial
from masthead.wordpress.models import ImportedAttachment

from . import wxr

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_host():
    """Where the attachments used to live: a loopback server that answers
    nothing useful and remembers every path it was asked for."""
    asked = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_error(404)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/wp-content/uploads", asked
    server.shutdown()
    server.server_close()


def with_iptc(jpeg, **datasets):
    """The JPEG with an IPTC record (APP13, Photoshop 3.0), as cameras and
    agencies write it: byline (2:80) and credit (2:110)."""
    tags = {"byline": 80, "credit": 110}
    record = b"".join(
        b"\x1c\x02"
        + bytes([tags[key]])
        + len(value.encode()).to_bytes(2, "big")
        + value.encode()
        for key, value in datasets.items()
    )
    block = b"8BIM\x04\x04\x00\x00" + len(record).to_bytes(4, "big") + record
    block += b"\x00" * (len(record) % 2)
    payload = b"Photoshop 3.0\x00" + block
    segment = b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload
    return jpeg[:2] + segment + jpeg[2:]


def uploads_tree(root):
    folder = root / "uploads" / "2024" / "05"
    folder.mkdir(parents=True)
    (folder / "harbour.jpg").write_bytes(picture(exif=exif_with(gps=True)))
    crane = picture(size=(900, 600), color=(40, 90, 200))
    (folder / "crane.jpg").write_bytes(
        with_iptc(crane, byline="Sam Lee", credit="Ledger Photo")
    )
    (folder / "weir.png").write_bytes(
        picture("PNG", size=(640, 480), color=(20, 160, 60))
    )
    (folder / "fake.jpg").write_bytes(b"<html>This is a web page saved as .jpg</html>")
    (folder / "huge.png").write_bytes(picture("PNG", size=(1100, 1000)))
    (root / "outside.jpg").write_bytes(picture())  # beside the folder, not in it
    return root / "uploads"


def attachment(wp_id, name, base, *, title, meta=(), excerpt=""):
    return wxr.item(
        wp_id,
        title,
        post_type="attachment",
        status="inherit",
        slug=name.split(".")[0],
        attachment_url=f"{base}/2024/05/{name}",
        parent=200,
        excerpt=excerpt,
        meta=[("_wp_attached_file", f"2024/05/{name}"), *meta],
    )


def site_file(path, base):
    metadata = phpserial.dumps(
        {
            "width": 640,
            "height": 480,
            "file": "2024/05/weir.png",
            "image_meta": {"credit": "Old Desk", "copyright": ""},
        }
    )
    body = (
        "The boats came back at noon.\n\n"
        '[caption id="attachment_102" align="alignnone" width="300"]<img '
        f'class="size-medium wp-image-102" src="{base}/2024/05/crane-300x200.jpg" '
        'alt="" /> '
        "The crane at work[/caption]\n\n"
        '[gallery ids="101,103"]\n\nAnd then they went out again.'
    )
    return wxr.write(
        path,
        wxr.author("editor", "Pat Desk"),
        attachment(
            101,
            "harbour.jpg",
            base,
            title="Harbour at dawn",
            excerpt="Boats leave before six.",
            meta=[
                ("_wp_attachment_image_alt", "Fishing boats in the harbour"),
                ("_media_credit", "Ana Ruiz/Harbour Times"),
            ],
        ),
        attachment(
            102,
            "crane.jpg",
            base,
            title="The crane",
            meta=[("_wp_attachment_image_alt", "A crane over the quay")],
        ),
        attachment(
            103,
            "weir.png",
            base,
            title="The old weir",
            meta=[("_wp_attachment_metadata", metadata)],
        ),
        attachment(104, "fake.jpg", base, title="Not a picture"),
        attachment(105, "huge.png", base, title="Too many pixels"),
        attachment(106, "lost.jpg", base, title="Never copied"),
        wxr.item(
            107,
            "Climbs out",
            post_type="attachment",
            status="inherit",
            attachment_url=f"{base}/outside.jpg",
            meta=[("_wp_attached_file", "../outside.jpg")],
        ),
        wxr.item(
            200,
            "Boats return",
            slug="boats-return",
            content=body,
            meta=[("_thumbnail_id", "101")],
        ),
    )


@pytest.fixture
def imported(tmp_path, old_host, settings, django_capture_on_commit_callbacks):
    """The site imported with its uploads; the renditions made as the worker would."""
    settings.MASTHEAD_MAX_IMAGE_PIXELS = 1_000_000  # huge.png is 1.1 megapixels
    base, asked = old_host
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "import_wxr",
            str(site_file(tmp_path / "site.xml", base)),
            "--uploads",
            str(uploads_tree(tmp_path)),
            stdout=out,
        )
    run_pending()
    return out.getvalue(), asked


def image_named(name):
    return ImportedAttachment.objects.get(name=name).image


def test_pictures_keep_their_title_caption_alt_text_and_credit(imported):
    harbour, crane, weir = (
        image_named(n) for n in ("harbour.jpg", "crane.jpg", "weir.png")
    )
    assert (harbour.title, harbour.alt_text, harbour.caption, harbour.credit) == (
        "Harbour at dawn",
        "Fishing boats in the harbour",
        "Boats leave before six.",
        "Ana Ruiz/Harbour Times",
    )
    assert crane.credit == "Sam Lee/Ledger Photo"  # from the file's own IPTC
    # No alt text in WordPress: the title says what it shows; the credit is
    # what WordPress read from the picture when it was uploaded.
    assert (weir.title, weir.alt_text, weir.credit) == (
        "The old weir", "The old weir", "Old Desk"
    )  # fmt: skip
    assert crane.title == "The crane"
    assert Image.objects.count() == 3


def test_gps_location_is_stripped_from_the_stored_file(imported):
    with image_named("harbour.jpg").file.open("rb") as stored:
        assert EXIF_GPS not in PILImage.open(stored).getexif()


def test_refused_and_missing_files_are_reported_and_nothing_is_fetched(imported):
    report, asked = imported
    refused = report.split("attachments refused")[1].split("\n\n")[0]
    assert "2024/05/fake.jpg: This file is not a picture we can read" in refused
    assert "2024/05/huge.png: This image is 1100×1000 pixels" in refused
    missing = report.split("missing attachments")[1].split("\n\n")[0]
    assert "/2024/05/lost.jpg" in missing and "harbour" not in missing
    assert "/outside.jpg" in missing  # a "../" path is not followed out
    assert asked == []  # the old host was never asked for a file


def test_the_featured_image_is_the_hero_and_the_body_names_the_files(imported):
    article = Article.objects.get(slug="boats-return")
    assert article.hero_image == image_named("harbour.jpg")
    blocks = [b for b in story.blocks(article.body) if b.kind in ("figure", "gallery")]
    assert [b.kind for b in blocks] == ["figure", "gallery"]
    assert story.figure(blocks[0]) == story.Figure(
        "crane.jpg", "inline", "The crane at work"
    )
    assert [name for name, _ in story.gallery(blocks[1])] == ["harbour.jpg", "weir.png"]


def test_the_story_page_shows_the_imported_figure_with_its_renditions(imported, client):
    page = client.get(Article.objects.get(slug="boats-return").get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    figures = [f.split("</figure>")[0] for f in html.split("<figure")[1:]]
    (crane,) = [f for f in figures if "The crane at work" in f]
    assert 'srcset="' in crane and "/renditions/" in crane
    assert "A crane over the quay" in crane and "Sam Lee/Ledger Photo" in crane
    gallery = html.split('<ul class="story-gallery"')[1].split("</ul>")[0]
    assert gallery.count("<figure") == gallery.count('srcset="') // 2 == 2
    assert "Ana Ruiz/Harbour Times" in gallery and "Old Desk" in gallery


def test_a_second_run_imports_no_picture_twice_and_picks_up_a_found_one(
    imported, tmp_path
):
    """The missing file, copied into the folder later, comes in on the next run."""
    lost = tmp_path / "uploads" / "2024" / "05" / "lost.jpg"
    lost.write_bytes(picture(size=(400, 300)))
    out = io.StringIO()
    call_command(
        "import_wxr",
        str(tmp_path / "site.xml"),
        "--uploads",
        str(tmp_path / "uploads"),
        stdout=out,
    )
    assert Image.objects.count() == 4
    assert image_named("lost.jpg").alt_text == "Never copied"
    assert "attachments already imported" in out.getvalue()
    assert "lost.jpg" not in out.getvalue().split("missing attachments")[1]


def test_a_dry_run_with_uploads_stores_no_picture(tmp_path, old_host, settings):
    settings.MASTHEAD_MAX_IMAGE_PIXELS = 1_000_000
    out = io.StringIO()
    call_command(
        "import_wxr",
        str(site_file(tmp_path / "site.xml", old_host[0])),
        "--uploads",
        str(uploads_tree(tmp_path)),
        "--dry-run",
        stdout=out,
    )
    assert Image.objects.count() == 0 and not (tmp_path / "media").exists()
    assert "pictures imported" in out.getvalue() and "fake.jpg" in out.getvalue()


def test_uploads_given_on_a_later_run_fill_in_the_hero_and_the_figures(
    tmp_path, old_host, settings
):
    """Import first, copy wp-content/uploads over later: the second run brings
    the pictures, and the stories already written show them."""
    settings.MASTHEAD_MAX_IMAGE_PIXELS = 1_000_000
    path = site_file(tmp_path / "site.xml", old_host[0])
    call_command("import_wxr", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    article = Article.objects.get(slug="boats-return")
    assert article.hero_image is None and Image.objects.count() == 0
    call_command(
        "import_wxr", str(path), "--uploads", str(uploads_tree(tmp_path)),
        stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip
    article.refresh_from_db()
    assert article.hero_image == image_named("harbour.jpg")
    named = []
    for block in story.blocks(article.body):
        if block.kind == "figure":
            named.append(story.figure(block).name)
        elif block.kind == "gallery":
            named += [name for name, _ in story.gallery(block)]
    assert named == ["crane.jpg", "harbour.jpg", "weir.png"]
    assert all(image_named(name) is not None for name in named)
