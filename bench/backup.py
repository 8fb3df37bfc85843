"""Backup and restore at scale (issue 24, item 6): seconds and CPU seconds.

    .venv/bin/python bench/backup.py [--articles 1000] [--comments 100000]
                                     [--databases sqlite,postgresql]

(BENCH_PG_DATABASE names the PostgreSQL databases it drops and creates, with
`_restored` after the second one's name.)

Fills a fresh site of each kind with `masthead generate`, then runs
`masthead backup DIR` and `masthead restore DIR` (into a new, empty
database) in child processes and prints, for each, the wall time, the CPU
time of the child and its own children (pg_dump, pg_restore: getrusage),
the rows and the size of the backup. A restore verifies every table against
the manifest, so its time includes a second full read of the database.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

WORKDIR = Path("/tmp/masthead-bench-backup")
MASTHEAD = str(Path(sys.executable).with_name("masthead"))
PG_SERVER = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
if not PG_SERVER.startswith("postgres"):
    PG_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
PG_DATABASE = os.environ.get("BENCH_PG_DATABASE", "masthead_bench_backup")


def environment(database_url, var_dir):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "SECRET_KEY": "bench-" + "k" * 50,
        "DATABASE_URL": database_url,
        "MASTHEAD_VAR_DIR": str(var_dir),
        "MASTHEAD_ALLOW_CONSOLE_EMAIL": "1",
        "REDIS_URL": "",
    }


def timed(args, env, quiet=True):
    """(wall seconds, CPU seconds of the child and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([MASTHEAD, *args], env=env, check=True,
                   stdout=subprocess.DEVNULL if quiet else None)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def pg_recreate(name):
    import psycopg

    with psycopg.connect(PG_SERVER, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return PG_SERVER.rsplit("/", 1)[0] + f"/{name}"


def drop(*names):
    import psycopg

    with psycopg.connect(PG_SERVER, autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def urls(kind):
    if kind == "sqlite":
        return (f"sqlite:///{WORKDIR / 'live.sqlite3'}",
                f"sqlite:///{WORKDIR / 'restored.sqlite3'}")
    return pg_recreate(PG_DATABASE), pg_recreate(f"{PG_DATABASE}_restored")


def bench(kind, articles, comments):
    shutil.rmtree(WORKDIR, ignore_errors=True)
    WORKDIR.mkdir(parents=True)
    live_url, restored_url = urls(kind)
    live = environment(live_url, WORKDIR / "live")
    restored = environment(restored_url, WORKDIR / "restored")
    print(f"{kind}: migrating and generating {articles:,} articles, "
          f"{comments:,} comments…", file=sys.stderr)
    subprocess.run([MASTHEAD, "migrate", "--noinput"], env=live, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([MASTHEAD, "generate", "--articles", str(articles), "--comments",
                    str(comments)], env=live, check=True, stdout=subprocess.DEVNULL)
    backup = WORKDIR / "backup"
    backed = timed(["backup", str(backup)], live)
    size = sum(p.stat().st_size for p in backup.rglob("*") if p.is_file())
    restore = timed(["restore", str(backup)], restored)
    if kind == "postgresql":
        drop(PG_DATABASE, f"{PG_DATABASE}_restored")
    shutil.rmtree(WORKDIR, ignore_errors=True)
    return backed, restore, size


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    options = parser.parse_args()
    rows = []
    for kind in options.databases.split(","):
        (b_wall, b_cpu), (r_wall, r_cpu), size = bench(
            kind, options.articles, options.comments
        )
        rows.append((kind, b_wall, b_cpu, r_wall, r_cpu, size))
    print(f"\n{options.articles:,} articles, {options.comments:,} comments")
    print(f"{'database':<11}{'backup s':>10}{'CPU s':>8}{'restore s':>11}{'CPU s':>8}"
          f"{'backup MB':>11}")
    for kind, b_wall, b_cpu, r_wall, r_cpu, size in rows:
        print(f"{kind:<11}{b_wall:>10.1f}{b_cpu:>8.1f}{r_wall:>11.1f}{r_cpu:>8.1f}"
              f"{size / 1e6:>11.1f}")


if __name__ == "__main__":
    main()
