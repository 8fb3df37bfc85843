"""importer.py: the Theme Unit Test site and the WordPress Importer's fixtures."""

import gc
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from masthead.articles.models import Article, Section, Tag
from masthead.comments.models import Comment
from masthead.comments.signals import comment_was_posted
from masthead.people.models import Person
from masthead.wordpress import fastwrite, permalinks, writes
from masthead.wordpress.importer import Options, import_file
from masthead.wordpress.models import ImportedComment, ImportedPost

from .wxr import THEME, fixture

pytestmark = pytest.mark.django_db


def counted(path):
    """What the file holds, counted from its text (not by our reader)."""
    source = path.read_text()
    items = re.findall(r"<item>(.*?)</item>", source, re.S)

    def field(item, name):
        found = re.search(rf"<wp:{name}>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</wp:{name}>", item, re.S)
        return found.group(1) if found else ""

    published = [i for i in items if field(i, "post_type") in ("post", "page")
                 and field(i, "status") == "publish" and not field(i, "post_password")]
    return {
        "published": len(published),
        "comments": source.count("<wp:comment>"),
        "replies": len(re.findall(r"<wp:comment_parent>[1-9]", source)),
        "categories": source.count("<wp:category>"),
        "tags": set(re.findall(r"<wp:tag_slug>(?:<!\[CDATA\[)?([^<\]]+)", source)),
    }


def snapshot():
    return (
        sorted(Article.objects.values_list("slug", "status", "title", "body")),
        sorted(Comment.objects.values_list("article__slug", "name", "parent__name",
                                           "status", "body"), key=str),
        Person.objects.count(), Section.objects.count(), Tag.objects.count(),
    )


@pytest.fixture
def theme():
    return fixture(THEME)


def test_the_theme_unit_test_site_comes_over_whole(theme):
    expected = counted(theme)
    report = import_file(theme)
    assert Article.objects.published().count() == expected["published"]
    assert Comment.objects.count() == expected["comments"] == 32
    replies = Comment.objects.filter(parent__isnull=False)
    assert replies.count() == expected["replies"] == 10
    assert all(reply.parent.article_id == reply.article_id for reply in replies)
    assert Section.objects.count() == expected["categories"]
    assert expected["tags"] <= set(Tag.objects.values_list("slug", flat=True))
    assert len(report.listed("missing attachments")) == 36
    assert ImportedComment.objects.exclude(kind="comment").count() == 4


def test_importing_twice_changes_nothing(theme):
    import_file(theme)
    first = snapshot()
    report = import_file(theme)
    assert snapshot() == first
    assert report.counts["posts already imported"] == 72


def test_a_run_killed_midway_then_run_again_equals_one_run(theme, django_db_blocker):
    import_file(theme)
    whole = snapshot()
    Article.objects.all().delete()
    Person.objects.all().delete()
    Section.objects.all().delete()
    Tag.objects.all().delete()
    ImportedPost.objects.all().delete()

    def crash(done):
        if done > 30:
            raise KeyboardInterrupt("killed")

    with pytest.raises(KeyboardInterrupt):
        import_file(theme, Options(batch_size=16, checkpoint=crash))
    assert 0 < Article.objects.count() < 72  # whole batches only
    assert Comment.objects.filter(article__isnull=True).count() == 0
    import_file(theme, Options(batch_size=16))
    assert snapshot() == whole


def test_bodies_prepared_by_worker_processes_are_the_same(theme, monkeypatch):
    def rendered():
        return (sorted(Article.objects.values_list("slug", "body", "body_html", "word_count")),
                sorted(Comment.objects.values_list("body", "body_html")))  # fmt: skip

    alone_report = import_file(theme)
    alone = rendered()
    Article.objects.all().delete()
    ImportedPost.objects.all().delete()
    monkeypatch.setattr(writes, "PARALLEL_FROM", 0)  # a pool even for this small file
    pooled_report = import_file(theme, Options(workers=2, batch_size=7))
    assert rendered() == alone
    assert pooled_report.lists == alone_report.lists  # links not rewritten, unknown blocks…


def test_every_old_address_is_kept_for_its_redirect(theme):
    import_file(theme)
    record = ImportedPost.objects.get(wp_id=1241)  # "Template: Sticky", 2012-01-07
    assert record.site.structure == "/%year%/%monthnum%/%day%/%postname%/"
    pairs = dict(permalinks.old_urls_for(record))
    new = record.article.get_absolute_url()
    for old in ("/2012/01/07/template-sticky/", "/2012/01/template-sticky/",
                "/template-sticky/", "/?p=1241"):
        assert pairs[old] == new
    assert any(old.endswith("/template-sticky/") and old.count("/") == 3 for old in pairs)
    assert ImportedPost.objects.get(sticky=True) == record
    every = [p for r in ImportedPost.objects.all() for p in permalinks.old_urls_for(r)]
    assert len(every) >= 72 * 5


def test_imported_comments_send_nothing_and_keep_their_standing(theme, settings):
    posted = []
    comment_was_posted.connect(lambda **kw: posted.append(kw), weak=False,
                               dispatch_uid="wxr-test")
    try:
        import_file(theme)
    finally:
        comment_was_posted.disconnect(dispatch_uid="wxr-test")
    assert posted == [] and mail.outbox == []
    assert not Comment.objects.filter(emails_due=True).exists()
    assert Comment.objects.filter(status="pending").count() == 3
    old = Comment.objects.exclude(ip_address=None).first()
    assert old is None or old.ip_address.endswith(".0")  # older than 30 days


@pytest.mark.parametrize("name", [
    "importer-malformed-simple.xml", "importer-malformed.xml", "importer-crazy-cdata.xml",
    "importer-missing-version-tag.xml", "importer-invalid-version-tag.xml",
])
def test_a_refused_file_writes_nothing_and_exits_non_zero(name):
    with pytest.raises(CommandError, match=r"line \d+"):
        call_command("import_wxr", str(fixture(name)))
    assert (Article.objects.count(), Person.objects.count(), Section.objects.count()) == (0, 0, 0)


def test_the_fixtures_pinned_values_come_through():
    import_file(fixture("importer-slashes.xml"))
    article = Article.objects.get()
    assert 'Slashes aren\\\'t \\"cool\\"' in article.body_html
    assert Section.objects.get().name == 'a \\"great\\" category'
    assert Tag.objects.filter(name="foo\\'bar").exists()
    assert "\\o/ ¯\\_(ツ)_/¯" in Comment.objects.get().body_html


def test_blank_lines_and_serialized_meta_come_through():
    # Its own test: it is the same site (localhost) and post id as the slashes file.
    import_file(fixture("importer-post-content-blank-lines.xml"))
    blank = Article.objects.get(title="Hello world!", body__contains="example")
    assert blank.body_html.count("<p>") == 2
    import_file(fixture("importer-test-serialized-comment-meta.xml"))
    assert ImportedComment.objects.get(comment__body__contains="moderating").meta[1] == [
        "array", 'a:1:{s:3:"key";s:13:"¯\\_(ツ)_/¯";}']


def test_many_authors_and_namespace_tricks():
    import_file(fixture("importer-large-authors.xml"))
    assert Person.objects.count() == 300
    report = import_file(fixture("importer-namespace-edge-cases.xml"))
    assert set(Article.objects.values_list("title", flat=True)) == {
        "Mixed Namespaces", "No Prefix", "Empty Namespace", "Unicode Namespace", "Namespace Bomb"}
    assert report.listed("items skipped")


def test_a_dry_run_writes_nothing_and_reports_the_same(theme):
    dry = import_file(theme, Options(dry_run=True))
    assert Article.objects.count() == 0 and Comment.objects.count() == 0
    real = import_file(theme)
    assert dry.counts["comments imported"] == real.counts["comments imported"] == 32


def test_pingbacks_can_be_skipped(theme):
    import_file(theme, Options(pingbacks="skip"))
    assert Comment.objects.count() == 28


def test_old_wordpress_addresses_answer_301_and_sticky_posts_are_pinned(theme, client):
    """Issue 22, item 10 and 4: the redirects app serves every old permalink
    (query-string ones too), and the front page pins the sticky post."""
    from masthead.frontpage.models import Pin

    report = import_file(theme)
    record = ImportedPost.objects.get(wp_id=1241)
    new = record.article.get_absolute_url()
    for old in ("/2012/01/07/template-sticky/", "/template-sticky/", "/?p=1241"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
    assert client.get("/category/uncategorized/").status_code == 301
    assert Pin.objects.filter(article=record.article, slot=Pin.Slot.TOP).exists()
    assert "redirects from old WordPress addresses" in report.text()
    import_file(theme)  # again: nothing twice
    assert Pin.objects.filter(article=record.article).count() == 1


@pytest.mark.skipif("not connection.vendor == 'sqlite'")
def test_sqlite_writes_with_a_larger_page_cache_then_gets_its_own_back(theme):
    """Issue 22: the comments' indexes are written faster with a larger page
    cache; the connection must be as it was once the import ends."""

    def cache_size():
        with connection.cursor() as cursor:
            return cursor.execute("PRAGMA cache_size").fetchone()[0]

    before, during = cache_size(), []
    import_file(theme, Options(batch_size=16, checkpoint=lambda done: during.append(cache_size())))
    assert during and all(size == -fastwrite.SQLITE_CACHE_KIB for size in during)
    assert before != -fastwrite.SQLITE_CACHE_KIB
    assert cache_size() == before


def test_the_garbage_collector_is_put_back_as_it_was(theme):
    """While the import runs, the collector runs less often and skips what
    was there before (fastwrite.FewerCollections); afterwards it is as it
    was, even when the import fails midway."""
    before, during = gc.get_threshold(), []

    def look(done):
        during.append((gc.get_threshold(), gc.get_freeze_count()))
        if done > 30:
            raise KeyboardInterrupt("killed")

    with pytest.raises(KeyboardInterrupt):
        import_file(theme, Options(batch_size=16, checkpoint=look))
    assert during and all(thresholds == fastwrite.GC_THRESHOLDS for thresholds, _ in during)
    assert all(frozen > 0 for _, frozen in during)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
