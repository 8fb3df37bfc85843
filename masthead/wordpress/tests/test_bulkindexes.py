"""bulkindexes.py: a large import writes the comments without their secondary
indexes and builds them again as migrated, after a SIGKILL too (issue 22)."""

import subprocess

import pytest
from django.db import connection

from masthead.comments.models import Comment
from masthead.wordpress import bulkindexes
from masthead.wordpress.importer import Options, import_file
from masthead.wordpress.models import ImportedComment

from . import wxr
from .test_kill import (  # noqa: F401 (sites and template are fixtures)
    environment,
    import_wxr,
    kill_once_posts_are_in,
    sites,
    state,
    template,
)

POSTS, COMMENTS = bulkindexes.LARGE, 2  # the fewest posts that set the indexes aside
TABLES = (Comment._meta.db_table, ImportedComment._meta.db_table)


def write_site(path):
    with open(path, "w", encoding="utf-8") as out:
        out.write(wxr.head())
        out.write(wxr.author("reporter", "Ria Porter") + "\n")
        for post in range(1, POSTS + 1):
            comments = [wxr.comment(post * 10 + n, f"Comment {n} on story {post}.",
                                    name=f"Reader {n}", parent=post * 10 if n else 0)
                        for n in range(COMMENTS)]  # fmt: skip
            out.write(wxr.item(post, f"Story {post}", slug=f"story-{post}",
                               content=f"Story {post}.", creator="reporter",
                               comments=comments) + "\n")  # fmt: skip
        out.write("</channel></rss>\n")
    return path


def indexes(query, vendor):
    """{index name: its definition} on the two tables, as the database holds
    them (unique constraints' indexes included)."""
    tables = ", ".join(f"'{table}'" for table in TABLES)
    if vendor == "sqlite":
        sql = ("SELECT name, sql FROM sqlite_master "
               f"WHERE type = 'index' AND tbl_name IN ({tables})")  # fmt: skip
    else:
        sql = f"SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ({tables})"  # noqa: E501
    return dict(query(sql))


def here(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def set_aside():
    return {name for _model, name, _sql in bulkindexes.secondary_indexes()}


@pytest.mark.django_db
def test_a_large_import_writes_without_the_secondary_indexes_then_has_them_as_migrated(
    tmp_path,
):
    migrated, secondary = indexes(here, connection.vendor), set_aside()
    assert len(secondary) == 12 and secondary <= set(migrated)
    during = []

    def checkpoint(done):
        during.append(set(indexes(here, connection.vendor)))

    options = Options(workers=1, batch_size=250, checkpoint=checkpoint)
    import_file(write_site(tmp_path / "site.xml"), options)
    assert len(during) == POSTS // 250
    for present in during:
        assert not present & secondary  # set aside while the batches went in
        assert present == set(migrated) - secondary  # the unique ones stayed
    assert indexes(here, connection.vendor) == migrated
    assert Comment.objects.count() == POSTS * COMMENTS
    assert ImportedComment.objects.count() == POSTS * COMMENTS


@pytest.mark.django_db
def test_a_small_import_keeps_every_index(tmp_path):
    migrated = set(indexes(here, connection.vendor))
    during = []
    posts = [wxr.item(n, f"Story {n}", comments=[wxr.comment(n * 10, "First.")])
             for n in range(1, 30)]  # fmt: skip
    path = wxr.write(tmp_path / "small.xml", *posts)
    import_file(path, Options(batch_size=10, checkpoint=lambda done: during.append(
        set(indexes(here, connection.vendor)))))  # fmt: skip
    assert during and all(present == migrated for present in during)


def test_a_killed_large_import_run_again_has_the_migrated_indexes(tmp_path, sites):  # noqa: E501, F811
    """SIGKILLed while the indexes are set aside, the site has none of them;
    the second run finishes the job and builds them as the migrations did."""
    source = write_site(tmp_path / "site.xml")
    fresh, _folder = sites("fresh")  # migrated, never imported into
    vendor = "sqlite" if hasattr(fresh, "path") else "postgresql"
    migrated = indexes(fresh.query, vendor)
    clean, folder = sites("clean")
    subprocess.run(import_wxr(source), env=environment(clean.url, folder), check=True,
                   capture_output=True, timeout=300)  # fmt: skip
    assert indexes(clean.query, vendor) == migrated

    killed, folder = sites("killed")
    env = environment(killed.url, folder)
    assert 0 < kill_once_posts_are_in(import_wxr(source), env, killed) < POSTS
    assert not set(indexes(killed.query, vendor)) & set_aside()
    subprocess.run(import_wxr(source), env=env, check=True, capture_output=True,
                   timeout=300)  # fmt: skip
    assert indexes(killed.query, vendor) == migrated
    assert state(killed) == state(clean)
