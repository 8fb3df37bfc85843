"""WordPress import at scale (issue 22): posts/s, comments/s and peak memory.

    .venv/bin/python bench/wxr.py [--posts 100000] [--databases sqlite,postgresql]

(BENCH_PG_DATABASE names the PostgreSQL database it drops and creates;
BENCH_WXR_DIR the folder for the file and the SQLite databases.)

Writes a WXR file of N posts and 10 N comments (a third of them replies, with
varied words, so no rendering is shared between rows), then runs
`masthead import-wxr` on it in a child process against a fresh database of
each kind, and prints the rates over the child's whole run (both passes,
Django's start-up included) and its peak resident memory (RSS high-water,
from getrusage). Issue 22's targets: 2,000 posts/s and 20,000 comments/s on
SQLite, peak memory under 300 MB.
"""

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = Path(os.environ.get("BENCH_WXR_DIR", "/tmp/masthead-bench-wxr"))  # one per engineer
MASTHEAD = str(Path(sys.executable).with_name("masthead"))
PG_SERVER = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
if not PG_SERVER.startswith("postgres"):
    PG_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
PG_DATABASE = os.environ.get("BENCH_PG_DATABASE", "masthead_bench_wxr")  # one per engineer
WORDS = ("council mayor river budget school board vote residents bridge library police "
         "fire storm flood market business hospital nurses trail park county city street "
         "plan project funding meeting week month year public hearing state team season "
         "coach game students teachers parents district court judge ruling zoning housing "
         "rent jobs workers owners downtown neighbors volunteers").split()  # fmt: skip
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench Gazette</title><link>https://bench.example.org</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_blog_url>https://bench.example.org</wp:base_blog_url>
"""


def sentence(rng, low, high):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def generate(path, posts, seed=1):
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(20):
            out.write(f"<wp:author><wp:author_login>reporter{n}</wp:author_login>"
                      f"<wp:author_display_name><![CDATA[Reporter {n}]]></wp:author_display_name>"
                      "</wp:author>\n")
        for n in range(12):
            out.write(f"<wp:category><wp:term_id>{n + 1}</wp:term_id><wp:category_nicename>"
                      f"section-{n}</wp:category_nicename><wp:cat_name>Section {n}</wp:cat_name>"
                      "</wp:category>\n")
        for post in range(1, posts + 1):
            out.write(_item(rng, post))
        out.write("</channel></rss>\n")


def _item(rng, post):
    day = f"20{10 + post % 14:02d}-{1 + post % 12:02d}-{1 + post % 28:02d} 10:{post % 60:02d}:00"
    paragraphs = "\n\n".join(" ".join(sentence(rng, 8, 18) for _ in range(3)) for _ in range(5))
    body = f"<!-- wp:paragraph --><p>{paragraphs}</p><!-- /wp:paragraph -->" \
        if post % 2 else paragraphs + f'\n\n<a href="https://bench.example.org/p{post - 1}/">Earlier</a>'
    comments = "".join(_comment(rng, post, n, day) for n in range(10))
    return (f"<item><title>{sentence(rng, 4, 9)}</title>"
            f"<link>https://bench.example.org/p{post}/</link>"
            f"<dc:creator>reporter{post % 20}</dc:creator>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded>"
            f"<excerpt:encoded><![CDATA[{sentence(rng, 10, 20)}]]></excerpt:encoded>"
            f"<wp:post_id>{post}</wp:post_id><wp:post_date>{day}</wp:post_date>"
            f"<wp:post_date_gmt>{day}</wp:post_date_gmt><wp:post_name>p{post}</wp:post_name>"
            "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
            f'<category domain="category" nicename="section-{post % 12}">Section</category>'
            f"{comments}</item>\n")  # fmt: skip


def _comment(rng, post, n, day):
    wp_id = post * 10 + n
    parent = wp_id - 1 if n % 3 == 2 else 0
    return (f"<wp:comment><wp:comment_id>{wp_id}</wp:comment_id>"
            f"<wp:comment_author><![CDATA[Reader {wp_id % 5000}]]></wp:comment_author>"
            f"<wp:comment_author_email>reader{wp_id % 5000}@example.com</wp:comment_author_email>"
            f"<wp:comment_author_IP>203.0.113.{wp_id % 250}</wp:comment_author_IP>"
            f"<wp:comment_date_gmt>{day}</wp:comment_date_gmt>"
            f"<wp:comment_content><![CDATA[{sentence(rng, 6, 30)}]]></wp:comment_content>"
            f"<wp:comment_approved>1</wp:comment_approved><wp:comment_type></wp:comment_type>"
            f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>")  # fmt: skip


def postgres_url():
    try:
        import psycopg

        with psycopg.connect(PG_SERVER, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}"')
            conn.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    except Exception as err:  # any failure means: no PostgreSQL to measure
        sys.stderr.write(f"PostgreSQL skipped: {err}\n")
        return None
    return PG_SERVER.rsplit("/", 1)[0] + "/" + PG_DATABASE


def measure(database, path, posts):
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    var = WORKDIR / f"var-{database}"
    shutil.rmtree(var, ignore_errors=True)
    var.mkdir(parents=True)
    env["MASTHEAD_VAR_DIR"] = str(var)
    # As a newsroom runs it on its server: DEBUG off (with it on, Django's
    # query log formats every statement it sends, a tenth of the run).
    env.update(DEBUG="0", SECRET_KEY="bench-wxr-not-secret")
    if database == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{var / 'site.sqlite3'}"
    else:
        env["DATABASE_URL"] = postgres_url()
        if env["DATABASE_URL"] is None:
            return None
    subprocess.run([MASTHEAD, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([MASTHEAD, "import-wxr", str(path)], env=env, cwd=ROOT,
                          stdout=subprocess.PIPE, text=True)  # fmt: skip
    elapsed = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"import failed on {database}:\n{done.stdout}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU of the importer and its worker processes: steadier than the clock
    # on a shared machine, and what more cores would divide.
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return elapsed, after.ru_maxrss / 1024, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    WORKDIR.mkdir(parents=True, exist_ok=True)
    path = WORKDIR / f"bench-{args.posts}.xml"
    if not path.exists():
        sys.stderr.write(f"Writing {args.posts:,} posts and {args.posts * 10:,} comments…\n")
        generate(path, args.posts)
    size = path.stat().st_size / 2**20
    print(f"{path.name}: {size:,.0f} MB, {args.posts:,} posts, {args.posts * 10:,} comments")
    print(f"{'database':<12}{'seconds':>9}{'posts/s':>10}{'comments/s':>12}{'peak RSS':>11}"
          f"{'CPU s':>8}{'CPU ms/post':>13}")  # fmt: skip
    for database in args.databases.split(","):
        result = measure(database, path, args.posts)
        if result is None:
            continue
        elapsed, peak, cpu = result
        print(f"{database:<12}{elapsed:>9.1f}{args.posts / elapsed:>10,.0f}"
              f"{args.posts * 10 / elapsed:>12,.0f}{peak:>9,.0f} MB{cpu:>8.1f}"
              f"{1000 * cpu / args.posts:>13.2f}", flush=True)  # fmt: skip
    print("targets (SQLite): 2,000 posts/s, 20,000 comments/s, peak RSS < 300 MB")


if __name__ == "__main__":
    main()
