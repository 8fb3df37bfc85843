"""exporter.py: the way back out, and back in again."""

import shutil
from pathlib import Path

import pytest
from django.db import connection

from masthead.articles.models import Article
from masthead.comments.models import Comment
from masthead.wordpress.exporter import export
from masthead.media.models import Image
from masthead.testing import make_image
from masthead.wordpress.importer import Options, import_file
from masthead.wordpress.reader import Item, read

from .wxr import THEME, fixture

pytestmark = pytest.mark.django_db


def stories():
    return sorted((
        (a.slug, a.title, a.status, a.body, a.published_at,
         tuple(a.bylines.values_list("person__name", flat=True)))
        for a in Article.objects.all()
    ), key=str)


def threads():
    return sorted((
        (c.article.slug, c.name, c.parent.name if c.parent else None, c.status, c.body,
         c.created_at)
        for c in Comment.objects.select_related("article", "parent")
    ), key=str)


def empty_the_site():
    with connection.cursor() as cursor:
        for table in ("wordpress_importedcomment", "wordpress_importedpost"):
            cursor.execute(f"DELETE FROM {table}")
    Comment.objects.all().delete()
    Article.objects.all().delete()


def test_export_then_import_into_an_empty_site_gives_the_same_site(tmp_path):
    import_file(fixture(THEME))
    before = (stories(), threads())
    out = tmp_path / "site.xml"
    counts = export(out)
    assert counts["articles"] == 72 and counts["comments"] == 32
    items = [r for r in read(out) if isinstance(r, Item)]  # our reader, WordPress's format
    assert sum(len(i.comments) for i in items) == 32
    empty_the_site()
    import_file(out)
    assert (stories(), threads()) == before


def test_pictures_go_out_and_come_back_with_their_title(tmp_path, settings):
    """The media library's own files are a wp-content/uploads for the way back."""
    make_image(title="Harbour at dawn", alt_text="Fishing boats", caption="Six o'clock")
    make_image(title="", alt_text="A crane over the quay")
    before = sorted(Image.objects.values_list("title", "alt_text", "caption", "credit"))
    out = tmp_path / "site.xml"
    assert export(out)["pictures"] == 2
    items = [i for i in read(out) if isinstance(i, Item)]
    titles = [i.title for i in items if i.type == "attachment"]
    assert sorted(titles) == ["", "Harbour at dawn"]
    uploads = tmp_path / "uploads"
    shutil.copytree(Path(settings.MEDIA_ROOT) / "images", uploads)
    Image.objects.all().delete()
    import_file(out, Options(uploads=uploads))
    after = sorted(Image.objects.values_list("title", "alt_text", "caption", "credit"))
    assert after == before
