"""A real kill (issue 22, item 2): `masthead import-wxr` SIGKILLed midway,
then run again, leaves the same site as one clean run, nothing twice.

The command runs in a child process against a database of its own (a
SQLite file, or a scratch PostgreSQL database when the tests run on
PostgreSQL), and is killed with SIGKILL, not an exception: no `finally`
runs, the transaction in flight dies with the process. About 20 s on
SQLite, most of it Django starting four times and one `migrate`.
"""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from django.conf import settings

from masthead.articles.models import Article
from masthead.comments.models import Comment
from masthead.redirects.models import Redirect
from masthead.wordpress.models import ImportedComment, ImportedPost

from . import wxr

MASTHEAD = str(Path(sys.executable).with_name("masthead"))
POSTS, COMMENTS = 400, 6  # a few seconds of writing, in batches of 20
TABLES = {
    "articles": Article._meta.db_table,
    "comments": Comment._meta.db_table,
    "posts": ImportedPost._meta.db_table,
    "comment records": ImportedComment._meta.db_table,
    "redirects": Redirect._meta.db_table,
}


def write_site(path):
    with open(path, "w", encoding="utf-8") as out:
        out.write(wxr.head())
        out.write(wxr.author("reporter", "Ria Porter") + "\n")
        for post in range(1, POSTS + 1):
            comments = [
                wxr.comment(
                    post * 100 + n,
                    f"Comment {n} on story {post}.",
                    name=f"Reader {n}",
                    parent=post * 100 + n - 1 if n % 3 else 0,
                )
                for n in range(COMMENTS)
            ]
            body = (
                f"Story {post}, paragraph one.\n\n"
                f'<a href="{wxr.SITE}/2024/05/01/story-{post - 1}/">The one before</a>.'
            )
            out.write(
                wxr.item(
                    post,
                    f"Story {post}",
                    slug=f"story-{post}",
                    content=body,
                    creator="reporter",
                    comments=comments,
                )
                + "\n"
            )
        out.write("</channel></rss>\n")
    return path


class SQLiteSite:
    def __init__(self, folder, template):
        self.path = folder / "site.sqlite3"
        shutil.copy(template, self.path)
        self.url = f"sqlite:///{self.path}"

    def query(self, sql):
        with closing(sqlite3.connect(self.path, timeout=5)) as conn:
            return conn.execute(sql).fetchall()

    def drop(self):
        pass


class PostgresSite:
    def __init__(self, folder, template):
        self.name = f"{template}_{folder.name[-12:]}".replace("-", "_").lower()
        admin(f'CREATE DATABASE "{self.name}" TEMPLATE "{template}"')
        self.url = server_url(self.name)

    def query(self, sql):
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            return conn.execute(sql).fetchall()

    def drop(self):
        admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def server_url(name):
    return os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + name


def admin(sql):
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        conn.execute(sql)


def environment(url, folder):
    """The command as a user runs it: its default settings, this database."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")
    }
    env.update(DATABASE_URL=url, MASTHEAD_VAR_DIR=str(folder / "var"))
    return env


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One migrated database, copied for each run (migrating takes seconds)."""
    folder = tmp_path_factory.mktemp("template")
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        made = folder / "site.sqlite3"
        url = f"sqlite:///{made}"
        drop = None
    else:
        made = f"masthead_wxrkill_{os.getpid()}"
        admin(f'CREATE DATABASE "{made}"')
        url = server_url(made)
        drop = f'DROP DATABASE IF EXISTS "{made}" WITH (FORCE)'
    env = environment(url, folder)
    subprocess.run([MASTHEAD, "migrate", "-v0"], env=env, check=True, timeout=120)
    yield made
    if drop:
        admin(drop)


@pytest.fixture
def sites(tmp_path, template):
    kind = SQLiteSite if isinstance(template, Path) else PostgresSite
    made = []

    def make(name):
        folder = tmp_path / name
        folder.mkdir()
        made.append(kind(folder, template))
        return made[-1], folder

    yield make
    for site in made:
        site.drop()


def state(site):
    """Counts, and the rows themselves, as a user would compare two sites."""
    counts = {
        name: site.query(f"SELECT COUNT(*) FROM {table}")[0][0]
        for name, table in TABLES.items()
    }
    a, c, r = TABLES["articles"], TABLES["comments"], TABLES["redirects"]
    rows = {
        "articles": sorted(site.query(f"SELECT slug, title, body FROM {a}")),
        "comments": sorted(
            site.query(
                f"SELECT a.slug, c.name, c.depth, c.body, p.name FROM {c} c JOIN {a} a "
                f"ON a.id = c.article_id LEFT JOIN {c} p ON p.id = c.parent_id"
            ),
            key=str,
        ),
        "redirects": sorted(site.query(f"SELECT old_path, new_path FROM {r}")),
    }
    return counts, rows


def distinct_wp_ids(site, name):
    table = TABLES[name]
    return site.query(f"SELECT COUNT(DISTINCT wp_id), COUNT(*) FROM {table}")[0]


def import_wxr(path):
    return [MASTHEAD, "import-wxr", str(path), "--batch-size", "20"]


def kill_once_posts_are_in(argv, env, site):
    """Start the import, SIGKILL it (its whole process group) as soon as a
    batch of posts is committed; returns the posts that were in by then."""
    child = subprocess.Popen(
        argv,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and child.poll() is None:
            try:
                if site.query(f"SELECT COUNT(*) FROM {TABLES['posts']}")[0][0] > 0:
                    break
            except Exception:  # the table is locked or the schema mid-commit: ask again
                pass
            time.sleep(0.02)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, "the import ended before it was killed"
    return site.query(f"SELECT COUNT(*) FROM {TABLES['posts']}")[0][0]


def test_a_killed_import_run_again_gives_the_same_site_as_one_run(tmp_path, sites):
    source = write_site(tmp_path / "site.xml")
    clean, clean_folder = sites("clean")
    subprocess.run(
        import_wxr(source),
        env=environment(clean.url, clean_folder),
        check=True,
        capture_output=True,
        timeout=120,
    )
    expected = state(clean)
    assert expected[0]["articles"] == expected[0]["posts"] == POSTS
    assert expected[0]["comments"] == POSTS * COMMENTS
    assert expected[0]["redirects"] >= POSTS * 4  # dated, month, name, ?p=

    killed, folder = sites("killed")
    env = environment(killed.url, folder)
    done_when_killed = kill_once_posts_are_in(import_wxr(source), env, killed)
    assert 0 < done_when_killed < POSTS  # killed midway, whole batches only
    assert done_when_killed % 20 == 0
    orphans = killed.query(
        f"SELECT COUNT(*) FROM {TABLES['comments']} c WHERE NOT EXISTS "
        f"(SELECT 1 FROM {TABLES['posts']} p "
        "WHERE p.article_id = c.article_id)"
    )
    assert orphans == [(0,)]  # no comment without its post's import record

    again = subprocess.run(
        import_wxr(source),
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    (skipped,) = [
        line
        for line in again.stdout.splitlines()
        if line.strip().startswith("posts already imported")
    ]
    assert int(skipped.split()[-1].replace(",", "")) == done_when_killed
    assert state(killed) == expected
    for name in ("posts", "comment records"):
        unique, rows = distinct_wp_ids(killed, name)
        assert unique == rows


RENDERING = """
import sys
from masthead.core.sanitize import render_comment_body
from masthead.wordpress import parallel

preparer = parallel.Preparer(render_comment_body, 2)
preparer.submit(["Hello, *reader*."] * 600)()
print(*preparer.pool._processes, flush=True)
sys.stdin.read()  # until killed
"""


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_workers_end_when_the_import_is_killed():
    """Files of 1,000 posts or more prepare bodies in worker processes; a
    SIGKILLed import used to leave them waiting forever."""
    child = subprocess.Popen([sys.executable, "-c", RENDERING], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)  # fmt: skip
    workers = [int(pid) for pid in child.stdout.readline().split()]
    assert len(workers) == 2 and all(alive(pid) for pid in workers)
    child.kill()
    child.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = [pid for pid in workers if alive(pid)]
    for pid in survivors:  # tidy up before failing
        os.kill(pid, signal.SIGKILL)
    assert survivors == []
