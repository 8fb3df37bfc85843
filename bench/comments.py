#!/usr/bin/env python
"""Post 5,000 comments from 20 concurrent clients through the real form handler.

How: one process, 20 threads, each with its own django.test.Client (its own
cookies and database connection) against a fresh file SQLite database (WAL,
as in production), or PostgreSQL when DATABASE_URL is set. Every post goes
through the whole stack: middleware, origin check, form, policy, flood
control in the cache, the insert and the signals. Threads share Python's GIL,
so the figure is a floor for one app server process, not a cluster.

Traffic is a deliberate mix, so every rule is exercised and every rejection
has a reason: most posts are fresh readers; some repeat themselves
(duplicate, 409), some post again at once from the same address (flood,
429), some fill the honeypot (stored silently as spam), some mistype their
email (400). At the end: sent = stored + rejected, checked against the table.

    .venv/bin/python bench/comments.py                  # 5,000 posts, 20 clients
    .venv/bin/python bench/comments.py --posts 1000 --clients 8
"""

import argparse
import logging
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django():
    os.environ.setdefault("MASTHEAD_VAR_DIR", tempfile.mkdtemp(prefix="masthead-bench-"))
    os.environ.setdefault("SECRET_KEY", "bench-only-secret")
    os.environ["DJANGO_SETTINGS_MODULE"] = "masthead.settings.production"
    os.environ.setdefault(
        "DATABASE_URL", f"sqlite:///{os.environ['MASTHEAD_VAR_DIR']}/masthead.sqlite3"
    )
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("MASTHEAD_SECURE_COOKIES", "0")
    os.environ.setdefault("MASTHEAD_ALLOW_CONSOLE_EMAIL", "1")
    os.environ.setdefault("MASTHEAD_PAGE_CACHE", "0")
    import django

    django.setup()
    from django.conf import settings

    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Large enough never to cull: an evicted flood key would let a flood through.
    settings.CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                  "OPTIONS": {"MAX_ENTRIES": 1_000_000}}
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # 4xx answers are the expected rejections, counted below, not news.
    logging.getLogger("django.request").setLevel(logging.ERROR)


def make_site():
    from masthead.comments.models import Comment, CommentSettings
    from masthead.testing import make_article

    Comment.objects.all().delete()
    # People take longer than 0 s; the bench clients do not, so the timer is off.
    CommentSettings.objects.update_or_create(pk=1, defaults={"min_fill_seconds": 0})
    return make_article(slug="bench-comments", title="Bench article")


def kind_of(n):
    """Which sort of poster number n is: a fixed, repeatable mix."""
    return {0: "duplicate", 1: "flood", 2: "honeypot", 3: "bad email"}.get(n % 20, "reader")


def form_for(n, kind, issued):
    data = {"comment": f"Bench comment {n} about the river walk budget.",
            "name": f"Bench Reader {n}", "email": f"bench{n}@example.com",
            "issued": issued}  # fmt: skip
    if kind == "duplicate":  # all say the same thing: the first is stored, the rest 409
        data["comment"] = "Bench comment said once too often."
        data["name"] = "Bench Repeater"
    if kind == "honeypot":
        data["homepage"] = "http://bot.example"
    if kind == "bad email":
        data["email"] = "not-an-email"
    return data


def ip_for(n, kind):
    # Flood posters share one address: after the first, each is within 15 s
    # of the last (429), and past 30 in the hour the hourly limit answers.
    if kind == "flood":
        return "10.255.255.255"
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


def client_thread(numbers, url, results, lock):
    from django.db import connection
    from django.test import Client

    client = Client()
    page = client.get(url).content.decode()
    issued = page.split('name="issued" value="', 1)[1].split('"', 1)[0]
    counts = Counter()
    for n in numbers:
        kind = kind_of(n)
        response = client.post(f"{url}comments/", form_for(n, kind, issued),
                               REMOTE_ADDR=ip_for(n, kind), HTTP_ORIGIN="http://testserver")
        counts[(kind, response.status_code)] += 1
        client.cookies.clear()
    connection.close()
    with lock:
        results.update(counts)


def run(posts, clients):
    setup_django()
    article = make_site()
    url = article.get_absolute_url()
    numbers = list(range(1, posts + 1))
    results, lock = Counter(), threading.Lock()
    shards = [numbers[i::clients] for i in range(clients)]
    threads = [threading.Thread(target=client_thread, args=(s, url, results, lock))
               for s in shards]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    report(posts, clients, elapsed, results)


def report(posts, clients, elapsed, results):
    from django.db import connection

    from masthead.comments.models import Comment

    by_status = Counter(Comment.objects.values_list("status", flat=True))
    stored = sum(by_status.values())
    reasons = Counter(Comment.objects.filter(status="spam").values_list("status_reason", flat=True))
    accepted = sum(n for (kind, code), n in results.items() if code == 303)
    rejected = Counter()
    for (kind, code), n in results.items():
        if code != 303:
            rejected[f"HTTP {code} ({kind})"] += n
    sent = sum(results.values())
    print(f"database: {connection.vendor}; {clients} concurrent clients; {sent:,} posts")
    print(f"time: {elapsed:.1f} s; throughput: {sent / elapsed:,.0f} posts/s")
    print(f"stored: {stored:,} ({', '.join(f'{k} {v:,}' for k, v in sorted(by_status.items()))})")
    for reason, n in reasons.items():
        print(f"  stored as spam, {reason}: {n:,}")
    print(f"rejected: {sum(rejected.values()):,}")
    for reason, n in sorted(rejected.items()):
        print(f"  {reason}: {n:,}")
    balanced = stored + sum(rejected.values()) == sent == posts and stored == accepted
    print(f"stored + rejected = sent: {stored:,} + {sum(rejected.values()):,} = {sent:,}"
          f" -> {'OK' if balanced else 'MISMATCH'}")
    return balanced


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    run(args.posts, args.clients)


if __name__ == "__main__":
    main()
