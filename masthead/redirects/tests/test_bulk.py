"""bulk.py: record_moves() on an import's scale keeps memory and each
chunk's queries flat, purges what it must, and keeps PostgreSQL's plans fresh."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.pagecache import purges
from masthead.pagecache import tags as page_tags
from masthead.redirects import bulk, paths, services
from masthead.redirects.models import Redirect
from masthead.testing import make_article

pytestmark = pytest.mark.django_db


def rows():
    return dict(Redirect.objects.values_list("old_path", "new_path"))


def filler(count, start=0):
    return [(f"/w/{n}/", f"/articles/w{n}/") for n in range(start, start + count)]


def test_a_chain_across_chunks_is_found_in_the_table():
    """Nothing is held for plain targets: the chunk moving /b/ asks the
    table which rows point at it, four chunks after /a/→/b/ was written."""
    moves = [("/a/", "/b/"), *filler(4), ("/b/", "/c/"), *filler(4, 4), ("/c/", "/d/")]
    services.record_moves(iter(moves), chunk=1)
    found = rows()
    assert (found["/a/"], found["/b/"], found["/c/"]) == ("/d/", "/d/", "/d/")
    assert not set(found.values()) & set(found)  # no row leads to another


def test_plain_targets_are_not_held_in_memory():
    unusual = bulk.UnusualTargets(["/articles/one/", "/h/#top", "/café/x?y=1"])
    assert "/articles/one/" not in unusual
    assert "/h/" in unusual and "/café/x" in unusual and "/h/#top" in unusual
    assert bulk.is_plain("/articles/one/") and not bulk.is_plain("/caf%C3%A9/")


def test_unusual_targets_in_the_table_are_read_once_at_the_start():
    Redirect.objects.create(old_path="/campaign/", new_path="/h/?from=mail")
    Redirect.objects.create(old_path="/x/", new_path="/articles/x/")
    services.record_moves(iter([("/h/", "/i/")]))
    assert rows()["/campaign/"] == "/i/"  # /h/?from=mail pointed at /h/


def queries_for(moves, chunk):
    with CaptureQueriesContext(connection) as captured:
        services.record_moves(iter(moves), chunk=chunk)
    return len(captured)


def test_each_chunk_costs_the_same_queries_however_many_redirects_exist():
    """Query counts must not grow with content: each chunk asks two indexed
    questions and writes once, whether the table holds ten rows or a thousand."""
    few = queries_for(filler(10), chunk=5)
    services.record_moves(iter(filler(1000, 100)))
    many = queries_for(filler(10, 2000), chunk=5)
    more_chunks = queries_for(filler(20, 3000), chunk=5)
    assert few == many
    assert more_chunks - many == many - queries_for([], chunk=5) > 0


@pytest.fixture
def page_cache(settings, purges_at_once):
    settings.MASTHEAD_PAGE_CACHE = True


@pytest.fixture
def purged(monkeypatch):
    """The tags of each purge, which still runs."""
    seen = []

    def purge(tags):
        seen.append(set(tags))
        real_purge(tags)

    real_purge = purges.purge
    monkeypatch.setattr(purges, "purge", purge)
    return seen


def test_a_kept_301_at_a_moved_address_is_purged(page_cache, purged, client):
    Redirect.objects.create(old_path="/old/", new_path="/a/")
    story = make_article(slug="stays")
    for _ in range(2):
        client.get("/old/"), client.get(story.get_absolute_url())
    assert client.get("/old/")["X-Cache"] == "HIT"
    purged.clear()
    services.record_moves(iter([("/old/", "/c/"), ("/new/", "/d/")]))
    response = client.get("/old/")
    assert (response["Location"], response["X-Cache"]) == ("/c/", "MISS")
    assert client.get(story.get_absolute_url())["X-Cache"] == "HIT"
    assert purged == [{page_tags.path("/old/"), page_tags.path("/new/")}]


@pytest.fixture
def limit_of_three(monkeypatch):
    monkeypatch.setattr(bulk, "PURGE_EACH_UP_TO", 3)


def test_past_the_limit_every_page_is_purged_once(
    page_cache, purged, client, limit_of_three
):
    Redirect.objects.create(old_path="/old/", new_path="/a/")
    story = make_article(slug="stays")
    for _ in range(2):
        client.get("/old/"), client.get(story.get_absolute_url())
    purged.clear()
    services.record_moves(iter([("/old/", "/c/"), *filler(5)]), chunk=2)
    assert purged == [{page_tags.EVERY_PAGE}]
    assert client.get("/old/")["Location"] == "/c/"
    assert client.get(story.get_absolute_url())["X-Cache"] == "MISS"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's planner statistics"
)
def test_postgresql_statistics_are_renewed_as_the_table_grows(monkeypatch):
    """Without them the plan psycopg prepared on an empty table (a sequential
    scan) was kept as it grew: 1.6 s a chunk at 424,000 rows (issue 22)."""
    monkeypatch.setattr(bulk, "ANALYZE_AFTER_AT_LEAST", 10)

    def counted():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE relname = %s",
                [Redirect._meta.db_table],
            )
            return cursor.fetchone()[0]

    services.record_moves(iter(filler(25)), chunk=5)
    assert counted() >= 20  # analyzed at 10 rows, then at 20


def test_chunks_written_before_a_failure_are_still_purged(page_cache, purged):
    def pairs():
        yield ("/old/", "/c/")
        raise RuntimeError("the import stopped here")

    with pytest.raises(RuntimeError):
        services.record_moves(pairs(), chunk=1)
    assert rows() == {"/old/": "/c/"}
    assert purged == [{page_tags.path("/old/")}]


@pytest.mark.parametrize("target", [
    "/articles/boats/", "/café/", "/a%20b/", "/a?b=1", "/a#top", "//evil.example/x",
    "https://example.org/a/", "/tab\there/", "/new\nline/", "relative/", "", "/",
    "/a b/", "/zero\u200bwidth/", "/a;b/c:d/",
])  # fmt: skip
def test_site_path_reads_every_target_as_paths_does(target):
    assert bulk.site_path(target) == paths.site_path(target)


def test_targets_of_keeps_every_prefix_before_a_query_or_fragment():
    found = bulk.targets_of(["/a/", "/b/?x=1#top", "/c%2Fd/"])
    assert found == {"/a/", "/b/?x=1#top", "/b/", "/b/?x=1", "/c%2Fd/", "/c/d/"}


def test_a_target_with_any_unusual_character_is_not_plain():
    assert bulk.is_plain("/articles/boats-return/")
    for char in bulk.UNUSUAL:
        assert not bulk.is_plain(f"/articles/boats{char}return/")


def test_present_finds_only_the_values_the_column_holds():
    Redirect.objects.create(old_path="/a/", new_path="/b/")
    Redirect.objects.create(old_path="/café/", new_path="/articles/x?y=1")
    assert bulk.present("old_path", ["/a/", "/b/", "/café/", "/d/"]) == {"/a/", "/café/"}
    assert bulk.present("new_path", {"/a/", "/b/", "/articles/x?y=1"}) == {
        "/b/", "/articles/x?y=1"}
    assert bulk.present("old_path", []) == set()
