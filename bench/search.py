#!/usr/bin/env python
"""Search latency at scale: p50/p95/p99 for a fixed set of queries, per database.

Builds a synthetic site of N articles (news-like text drawn from a vocabulary
with Zipf frequencies, fixed seed) with bulk inserts into a scratch database,
indexes it with the real `rebuild()`, then times `search()` exactly as the
search page calls it (count, ranked page, snippets, bylines) for each query.

    .venv/bin/python bench/search.py                          # 100,000 articles
    .venv/bin/python bench/search.py --articles 20000 --databases sqlite
    .venv/bin/python bench/search.py --rebuild                # regenerate the data

SQLite goes to /tmp/masthead-bench-search/search.sqlite3; PostgreSQL to the
database `masthead_bench` on the server DATABASE_URL names (default
postgres://postgres@127.0.0.1:5432/postgres), skipped if it cannot be reached.
Both are kept between runs and rebuilt when the article count differs.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = Path("/tmp/masthead-bench-search")
PG_SERVER = os.environ.get(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
PG_DATABASE = "masthead_bench"
SEED = 20240501

# The head of the distribution: function words first (as in real English
# text), then newsroom words. Everything past them is generated pseudo-words,
# so rare terms exist at every frequency.
FUNCTION_WORDS = (
    "the of and to a in that is was for on said with he it as at by from his be "
    "have are has but not an they who were had their this which its after been "
    "would more one will we also about up than other into out last over new two "
    "when there some could first three all year years she her what people"
).split()
NEWS_WORDS = (
    "city council police school county state board mayor budget police "
    "department officials residents week million plan project public vote "
    "river water fire court district market business hospital students "
    "teachers parents workers housing election elections street bridge road "
    "library park team season game coach health community center church "
    "company jobs tax funding meeting hearing report chief officer judge "
    "ruling law case charges arrest arrested raid raids investigation "
    "storm flood drought wildfire farmers harvest festival museum theater "
    "downtown neighborhood zoning development construction president director "
    "commissioners trustees superintendent sheriff deputies ambulance crash "
    "highway traffic transit bus rail airport energy solar wind power utility "
    "prices inflation wages union strike contract lawsuit settlement grant "
    "federal governor legislature senator representative campaign candidate "
    "voters ballot referendum levy bond enrollment graduation championship"
).split()
PSEUDO_SYLLABLES = (
    "ka lo mi ner tas vel dor an bri cum fel gor hal jin kev lum mor pra quin sel "
    "tor ulm vin wex yar zel"
).split()
VOCABULARY_SIZE = 40_000
PHRASES = [
    "city council",
    "school board",
    "police chief",
    "county commissioners",
    "public hearing",
    "fire department",
]


def vocabulary(rng):
    words = list(dict.fromkeys(FUNCTION_WORDS + NEWS_WORDS))
    seen = set(words)
    while len(words) < VOCABULARY_SIZE:
        word = "".join(rng.choice(PSEUDO_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class TextMaker:
    """Sentences with Zipf-distributed words (weight 1/rank) and common phrases."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.words = vocabulary(random.Random(seed + 1))
        self.cumulative = list(
            accumulate(1 / rank for rank in range(1, len(self.words) + 1))
        )

    def sentence(self, low=8, high=24):
        words = self.rng.choices(
            self.words, cum_weights=self.cumulative, k=self.rng.randint(low, high)
        )
        if self.rng.random() < 0.3:
            words.insert(self.rng.randrange(len(words)), self.rng.choice(PHRASES))
        return " ".join(words).capitalize() + "."

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def body(self):
        return [self.paragraph() for _ in range(self.rng.randint(4, 8))]


def queries(words):
    """~20 fixed queries: common, mid and rare terms, stems, pairs, phrases, filters."""
    local = {"section": "local-news"}
    return [
        ("common word", "council", {}),
        ("common word", "police", {}),
        ("function word", "said", {}),
        ("mid word", "hospital", {}),
        ("mid word", "referendum", {}),
        ("stem", "raids", {}),
        ("stem", "elections", {}),
        ("rare word", words[5_000], {}),
        ("rare word", words[30_000], {}),
        ("two words", "city budget", {}),
        ("two words", "school teachers", {}),
        ("two words rare", f"{words[2_000]} {words[3_000]}", {}),
        ("phrase", '"city council"', {}),
        ("phrase", '"police chief" arrest', {}),
        ("phrase rare", f'"{words[400]} {words[401]}"', {}),
        ("common + section", "council", local),
        ("two words + section", "fire department", local),
        ("rare + section", words[5_000], local),
        ("junk", 'AND ("flood" NEAR( *', {}),
        ("no match", "zzqxvwk", {}),
    ]


# --------------------------------------------------------------------------
# Child process: one database, Django set up against it.


def child(database, articles, rebuild, repeat):
    os.environ["DJANGO_SETTINGS_MODULE"] = "masthead.settings.base"
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ["MASTHEAD_VAR_DIR"] = str(WORKDIR)
    import django

    django.setup()
    from django.core.management import call_command

    from masthead.articles.models import Article

    call_command("migrate", verbosity=0)
    built = {}
    if rebuild or Article.objects.count() != articles:
        built = build_site(articles)
    return {
        "database": database,
        "articles": Article.objects.count(),
        **built,
        "results": time_queries(repeat),
    }


def build_site(total):
    from django.db import connection, transaction

    from masthead.articles.models import Article, ArticleAuthor, Section
    from masthead.people.models import Person
    from masthead.search import services

    empty_scratch_database()
    sections = [
        Section.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for name, slug in [
            ("Local News", "local-news"),
            ("Business", "business"),
            ("Sports", "sports"),
            ("Opinion", "opinion"),
            ("Arts", "arts"),
            ("Environment", "environment"),
        ]
    ]
    people = [
        Person.objects.get_or_create(
            slug=f"bench-{i}", defaults={"name": f"Reporter {i}"}
        )[0]
        for i in range(40)
    ]
    maker, started = TextMaker(SEED), time.perf_counter()
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    for offset in range(0, total, 2000):
        rows = []
        for n in range(offset, min(total, offset + 2000)):
            paragraphs = maker.body()
            rows.append(
                Article(
                    title=maker.sentence(5, 11)[:-1],
                    slug=f"bench-{n}",
                    standfirst=maker.sentence(12, 24),
                    body="\n\n".join(paragraphs),
                    body_html="".join(f"<p>{p}</p>\n" for p in paragraphs),
                    section=maker.rng.choice(sections),
                    status=Article.Status.PUBLISHED,
                    published_at=now
                    - timedelta(minutes=(total - n) * 7),  # newest last
                )
            )
        with transaction.atomic():
            created = Article.objects.bulk_create(rows)
            if created[0].pk is None:
                created = list(Article.objects.order_by("-id")[: len(rows)])
            ArticleAuthor.objects.bulk_create(
                ArticleAuthor(article=a, person=maker.rng.choice(people))
                for a in created
            )
        log(f"\r  {database_label()}: {offset + len(rows):,}/{total:,} articles")
    generated = time.perf_counter() - started
    log("\n")
    started = time.perf_counter()
    services.rebuild(progress=lambda done, all_: log(f"\r  indexed {done:,}/{all_:,}"))
    indexed = time.perf_counter() - started
    log("\n")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {"generate_seconds": round(generated, 1), "index_seconds": round(indexed, 1)}


def empty_scratch_database():
    """Drop the previous synthetic site fast: raw deletes, no signals per row.

    The scratch database holds only what build_site() made with bulk inserts,
    so nothing else refers to these rows.
    """
    from django.db import connection

    from masthead.articles.models import Article, ArticleAuthor

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_entry")
    for queryset in (
        ArticleAuthor.objects.all(),
        Article.tags.through.objects.all(),
        Article.objects.all(),
    ):
        queryset._raw_delete(connection.alias)


def database_label():
    from django.db import connection

    return connection.vendor


def time_queries(repeat):
    from masthead.articles.models import Section
    from masthead.search import backends

    words = vocabulary(random.Random(SEED + 1))
    results = []
    for label, text, filters in queries(words):
        if "section" in filters:
            filters = {"section": Section.objects.get(slug=filters["section"])}
        run_once(backends, text, filters)  # warm caches
        times, count = [], 0
        for _ in range(repeat):
            started = time.perf_counter()
            count = run_once(backends, text, filters)
            times.append((time.perf_counter() - started) * 1000)
        results.append(
            {
                "label": label,
                "query": text,
                "filtered": bool(filters),
                "hits": count,
                "times": times,
            }
        )
    return results


def run_once(backends, text, filters):
    page = backends.search(text, filters=filters)
    for hit in page.object_list:
        list(hit.article.bylines.all())
    return page.paginator.count


# --------------------------------------------------------------------------
# Parent process: one child per database, then the table.


def log(message):
    sys.stderr.write(message)
    sys.stderr.flush()


def postgres_url():
    """The scratch database's URL, creating it; None when no server answers."""
    try:
        import psycopg

        with psycopg.connect(PG_SERVER, autocommit=True, connect_timeout=3) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    except Exception as err:  # any failure means: no PostgreSQL to measure
        log(f"PostgreSQL skipped: {err}\n")
        return None
    return PG_SERVER.rsplit("/", 1)[0] + "/" + PG_DATABASE


def run_child(database, args):
    env = dict(os.environ)
    if database == "sqlite":
        WORKDIR.mkdir(parents=True, exist_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'search.sqlite3'}"
    else:
        url = postgres_url()
        if url is None:
            return None
        env["DATABASE_URL"] = url
    command = [
        sys.executable,
        __file__,
        "--child",
        database,
        "--articles",
        str(args.articles),
        "--repeat",
        str(args.repeat),
    ] + (["--rebuild"] if args.rebuild else [])
    output = subprocess.run(
        command,
        env=env,
        check=True,
        capture_output=False,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    ).stdout
    return json.loads(output)


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, round(fraction * (len(values) - 1)))]


def report(run):
    print(
        f"\n{run['database']}: {run['articles']:,} articles"
        + (
            f" (generated in {run['generate_seconds']}s,"
            f" indexed in {run['index_seconds']}s)"
            if "index_seconds" in run
            else ""
        )
    )
    print(f"  {'query':<38} {'hits':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    everything = []
    for row in run["results"]:
        everything += row["times"]
        name = f"{row['label']}: {row['query']}"[:38]
        times = row["times"]
        figures = [
            statistics.median(times),
            percentile(times, 0.95),
            percentile(times, 0.99),
        ]
        print(
            f"  {name:<38} {row['hits']:>6} " + " ".join(f"{f:>8.1f}" for f in figures)
        )
    print(
        f"  all queries: p50 {percentile(everything, 0.5):.1f} ms, "
        f"p95 {percentile(everything, 0.95):.1f} ms, "
        f"p99 {percentile(everything, 0.99):.1f} ms"
        f" ({len(everything)} searches)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the site")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.articles < 1 or args.repeat < 1:
        parser.error("--articles and --repeat must be at least 1")
    if args.child:
        print(json.dumps(child(args.child, args.articles, args.rebuild, args.repeat)))
        return
    sys.path.insert(0, str(ROOT))
    for database in args.databases.split(","):
        run = run_child(database.strip(), args)
        if run:
            report(run)


if __name__ == "__main__":
    main()
