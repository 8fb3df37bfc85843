#!/usr/bin/env python
"""This checkout against an earlier commit, side by side in one run.

Builds one site of 1,000 articles with this checkout's code, copies it (the
database and the media) for the earlier commit, checked out into a temporary
git worktree, and serves both with `masthead serve` from the same virtualenv
(the old code first on PYTHONPATH). Then the rows a refactor must not slow
down, each measured with bench/run.py's own alternating wrk runs (A B, B A,
...): the uncached article, the comment POST (every acknowledged comment must
be stored) and the cached article. Prints both figures and their ratio.

    .venv/bin/python bench/compare.py d1a703d
    .venv/bin/python bench/compare.py d1a703d --databases sqlite,postgres --repeat 5
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (bench/run.py: servers, wrk, side-by-side runs)

SIZE = "1k"
TOLERANCE = 0.05  # issue 18: within 5% of the figures before the change


def worktree_of(commit):
    folder = Path(tempfile.mkdtemp(prefix="masthead-base-"))
    subprocess.run(["git", "-C", str(run.ROOT), "worktree", "add", "--detach", "-q",
                    str(folder), commit], check=True)
    return folder


def sites_for(database, base_tree):
    """The site built by this checkout, and a copy of it served by the base."""
    articles, comments = run.SIZES[SIZE]
    head_dir = Path(tempfile.mkdtemp(prefix=f"masthead-compare-{database}-"))
    head_env = run.site_env(database, SIZE, head_dir)
    run.log(f"{database}: building {articles:,} articles, {comments:,} comments")
    run.build_site(head_env, articles, comments)
    base_dir = Path(tempfile.mkdtemp(prefix=f"masthead-compare-{database}-base-"))
    shutil.copytree(head_dir, base_dir, dirs_exist_ok=True)
    base_env = {**head_env, "MASTHEAD_VAR_DIR": str(base_dir), "PYTHONPATH": str(base_tree)}
    if database == "sqlite":
        base_env["DATABASE_URL"] = f"sqlite:///{base_dir / 'masthead.sqlite3'}"
    else:
        name = f"{head_env['DATABASE_URL'].rsplit('/', 1)[1]}_base"
        subprocess.run(["psql", run.PG_ADMIN_URL, "-qc", f"DROP DATABASE IF EXISTS {name}"],
                       check=True, capture_output=True)
        source = head_env["DATABASE_URL"].rsplit("/", 1)[1]
        subprocess.run(["psql", run.PG_ADMIN_URL, "-qc",
                        f"CREATE DATABASE {name} TEMPLATE {source}"],
                       check=True, capture_output=True)
        base_env["DATABASE_URL"] = head_env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"
        base_env["REDIS_URL"] = run.REDIS_URL.rsplit("/", 1)[0] + "/12"
        subprocess.run(["redis-cli", "-u", base_env["REDIS_URL"], "flushdb"],
                       capture_output=True)
    return {"HEAD": (head_env, head_dir), "base": (base_env, base_dir)}


def compare(database, base_tree, duration, repeat):
    sites = sites_for(database, base_tree)
    rows = []
    for cached in (False, True):
        mode = "cached" if cached else "uncached"
        with ExitStack() as stack:
            servers = {label: stack.enter_context(run.Server(env, page_cache=cached))
                       for label, (env, _) in sites.items()}
            urls = {label: server.url + run.ARTICLE for label, server in servers.items()}
            results = run.measure_side_by_side(urls, duration, repeat)
            rows.append((database, f"article ({mode})", results))
            if not cached:
                posts = run.comment_post_rows(database, servers, sites, duration, repeat)
                rows.append((database, "comment POST", {r[1]: r[4] for r in posts}))
    for _, folder in sites.values():
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def print_rows(rows, base):
    print(f"{'database':9} {'row':20} {'HEAD req/s':>11} {base + ' req/s':>14} {'ratio':>7} "
          f"{'HEAD p99':>9} {'base p99':>9}  within 5%")
    for database, label, results in rows:
        head, old = results["HEAD"], results["base"]
        ratio = head["rps"] / old["rps"]
        stored = ""
        if "stored" in head:
            stored = "  " + ", ".join(
                f"{name}: {r['acknowledged']} acknowledged, {r['stored']} stored"
                for name, r in results.items())
        print(f"{database:9} {label:20} {head['rps']:11.0f} {old['rps']:14.0f} {ratio:7.1%} "
              f"{head['p99']:9.1f} {old['p99']:9.1f}  "
              f"{'yes' if ratio >= 1 - TOLERANCE else 'NO'}{stored}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the commit to compare with, e.g. d1a703d")
    parser.add_argument("--databases", default="sqlite")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--repeat", type=int, default=5, help="wrk runs per row, alternating")
    args = parser.parse_args()
    base_tree = worktree_of(args.base)
    try:
        rows = []
        for database in args.databases.split(","):
            rows.extend(compare(database, base_tree, args.duration, args.repeat))
    finally:
        subprocess.run(["git", "-C", str(run.ROOT), "worktree", "remove", "--force",
                        str(base_tree)], capture_output=True)
    print_rows(rows, args.base[:7])


if __name__ == "__main__":
    main()
