#!/usr/bin/env python
"""Feeds and sitemaps at scale: render time and SQL queries per document.

Builds a synthetic site of N articles (masthead.demo.synthetic, fixed seed)
in a scratch SQLite database, then fetches each feed and sitemap through
Django's test client with the page cache off (so every request renders) and
prints p50/p95 milliseconds and the number of SQL queries.

    .venv/bin/python bench/feeds.py                  # 20,000 articles
    .venv/bin/python bench/feeds.py --articles 2000 --runs 10
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = Path("/tmp/masthead-bench-feeds")
URLS = ["/feed/", "/feed/atom/", "/feed.json", "/sections/local-news/feed/",
        "/sitemap.xml", "/sitemap-articles.xml", "/news-sitemap.xml",
        "/sitemap-authors.xml", "/robots.txt"]  # fmt: skip


def configure(articles):
    WORKDIR.mkdir(parents=True, exist_ok=True)
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "masthead.settings.base",
        "DATABASE_URL": f"sqlite:///{WORKDIR / f'feeds-{articles}.sqlite3'}",
        "MASTHEAD_VAR_DIR": str(WORKDIR),
        "MASTHEAD_PAGE_CACHE": "0",
        "SECRET_KEY": "bench-only",
        "ALLOWED_HOSTS": "testserver",
    })  # fmt: skip
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build(articles):
    from django.core.management import call_command

    from masthead.articles.models import Article
    from masthead.demo.synthetic import Generator

    call_command("migrate", verbosity=0)
    have = Article.objects.count()
    if have < articles:
        print(f"building {articles - have} articles…", file=sys.stderr)
        Generator(seed=7).run(articles=articles - have, comments=0)


def measure(url, runs):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(url)  # warm templates and the logo's size
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
    assert response.status_code == 200, (url, response.status_code)
    return times, len(queries), len(response.content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    configure(args.articles)
    build(args.articles)
    print(f"{args.articles} articles, {args.runs} runs each (SQLite, page cache off)")
    print(f"{'URL':28} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'bytes':>9}")
    for url in URLS:
        times, queries, size = measure(url, args.runs)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
        p50 = statistics.median(times)
        print(f"{url:28} {p50:8.1f} {p95:8.1f} {queries:8d} {size:9d}")


if __name__ == "__main__":
    main()
