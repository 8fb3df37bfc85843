"""A backup taken while comments are posted restores to exactly its manifest.

Runs the real commands in their own processes against a real database file
(SQLite) or a new PostgreSQL database when DATABASE_URL names one: a poster
process stores comments through comments.services.post_comment, the service
the comment form and the API call, before, during and after `masthead backup`.
The snapshot must be one moment: the manifest's counts are between the
comments there before and after, and a restore into a new, empty site has
exactly the manifest's rows, table checksums and picture checksums.
"""

import json
import subprocess
import time

import pytest

from masthead.site.tests.servers import CLI, fresh_database, run, site_environment

SEED = """
from django.core.files.base import ContentFile
from django.utils import timezone
from masthead.articles.models import Article
from masthead.comments.models import Comment, CommentSettings
from masthead.media.models import Image
from masthead.testing import jpeg_bytes
CommentSettings.objects.update_or_create(
    pk=1, defaults={"flood_seconds": 0, "max_per_hour": 0})
for n in range(3):
    image = Image.objects.create(
        file=ContentFile(jpeg_bytes(320, 180, (40 * n, 90, 140)), name=f"pic-{n}.jpg"),
        alt_text=f"Picture {n}", credit="Jo Snap/Ledger")
    article = Article.objects.create(
        title=f"Story {n}", slug=f"story-{n}", standfirst="A story.", body="Text.",
        status=Article.Status.PUBLISHED, published_at=timezone.now(), hero_image=image)
    for c in range(5):
        Comment.objects.create(article=article, name=f"Seed {c}", body=f"Seed {n} {c}",
                               email=f"seed{n}-{c}@example.org",
                               status=Comment.Status.APPROVED)
"""

POSTER = """
import os, pathlib
from masthead.articles.models import Article
from masthead.comments.services import post_comment
stop = pathlib.Path(os.environ["POSTER_STOP"])
count = pathlib.Path(os.environ["POSTER_COUNT"])
articles = list(Article.objects.order_by("pk"))
n = 0
while not stop.exists() and n < 20000:
    post_comment(article=articles[n % 3], name=f"Poster {n}",
                 email=f"poster{n}@example.org", body=f"Posted mid-backup, number {n}.",
                 ip_address=f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}")
    n += 1
    # Replaced whole, never read half-written (an empty read would be 0).
    count.with_suffix(".new").write_text(str(n))
    os.replace(count.with_suffix(".new"), count)
"""

FACTS = """
import hashlib, json
from django.db import connection
from masthead.backups import census, database
from masthead.comments.models import Comment
from masthead.media.models import Image
from masthead.core.progress import Progress
quiet = Progress("x", 0, stream=open("/dev/null", "w"))
db = connection.settings_dict
if connection.vendor == "sqlite":
    tables = database.sqlite_census(db["NAME"], progress=quiet)
else:
    with database.postgres_snapshot(db) as (cursor, _):
        found = census.existing(cursor, census.model_tables(), "postgresql")
        tables = census.census(cursor, found, progress=quiet)
pictures = {}
for image in Image.objects.all():
    with image.file.open("rb") as f:
        pictures[image.file.name] = hashlib.sha256(f.read()).hexdigest()
ids = Comment.objects.order_by("pk").values_list("pk", flat=True)
print(json.dumps({"tables": tables, "pictures": pictures, "comments": list(ids)}))
"""

COMMENT_IDS = """
import json
from masthead.comments.models import Comment
print(json.dumps(list(Comment.objects.order_by("pk").values_list("pk", flat=True))))
"""


def wait_for(check, timeout=60):
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def posted(path):
    return int(path.read_text() or 0) if path.exists() else 0


@pytest.fixture(scope="module")
def live_site(tmp_path_factory):
    """One migrated site with pictures and comments for the module (a
    migration run costs ~10 s); the tests only add comments to it."""
    folder = tmp_path_factory.mktemp("live")
    with fresh_database(folder / "db") as url:
        env = site_environment(folder / "var", DATABASE_URL=url)
        run(["migrate", "--noinput"], env, timeout=300)
        run(["shell", "--no-imports", "-c", SEED], env)
        yield env


@pytest.fixture
def empty_site(tmp_path):
    with fresh_database(tmp_path / "new-db") as url:
        yield site_environment(tmp_path / "new", DATABASE_URL=url)


def test_a_backup_during_posting_restores_to_its_manifest(
    tmp_path, live_site, empty_site
):
    stop, count = tmp_path / "stop", tmp_path / "count"
    poster = subprocess.Popen(
        [*CLI, "shell", "--no-imports", "-c", POSTER],
        env={**live_site, "POSTER_STOP": str(stop), "POSTER_COUNT": str(count)},
        stderr=subprocess.PIPE, text=True,
    )
    try:
        wait_for(lambda: posted(count) >= 20)
        before = posted(count)
        run(["backup", str(tmp_path / "backup")], live_site)
        during = posted(count)
        wait_for(lambda: posted(count) >= during + 20)  # still posting after
    finally:
        stop.touch()
        assert poster.wait(30) == 0, poster.stderr.read()
    live = json.loads(run(["shell", "--no-imports", "-c", COMMENT_IDS], live_site))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    backed_up = manifest["tables"]["comments_comment"]["rows"]
    assert 15 + before <= backed_up < len(live), (before, backed_up, during, len(live))

    run(["restore", str(tmp_path / "backup")], empty_site)

    facts = json.loads(run(["shell", "--no-imports", "-c", FACTS], empty_site))
    assert facts["tables"] == manifest["tables"]  # every table: rows and checksum
    # One moment of the site: the comments stored up to it, with no gap (the
    # poster posts one at a time), and none after it.
    assert facts["comments"] == live[:backed_up]
    for table in ("articles_article", "comments_comment", "media_image"):
        assert facts["tables"][table]["rows"] == manifest["tables"][table]["rows"] > 0
    files = manifest["media"]["files"]
    assert facts["pictures"] and all(
        files[name]["sha256"] == sha for name, sha in facts["pictures"].items()
    )


def test_a_restore_into_a_site_with_data_is_refused_and_changes_nothing(
    tmp_path, live_site
):
    run(["backup", str(tmp_path / "backup")], live_site)
    result = subprocess.run(
        [*CLI, "restore", str(tmp_path / "backup")], env=live_site,
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "restored only into an empty site" in result.stderr


def test_a_backup_into_a_folder_with_files_is_refused(tmp_path, live_site):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "manifest.json").write_text("{}")
    result = subprocess.run(
        [*CLI, "backup", str(tmp_path / "old")], env=live_site,
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0 and "is not empty" in result.stderr
    assert (tmp_path / "old" / "manifest.json").read_text() == "{}"
