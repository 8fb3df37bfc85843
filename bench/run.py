#!/usr/bin/env python
"""Load-test the production server with wrk and print one table.

For each database (SQLite; PostgreSQL + Redis) this builds a synthetic site of
each size with `masthead generate`, starts `masthead serve` (granian) on each
with the page cache off and then on, drives them with wrk from a second
process on loopback, their runs alternating, and compares every figure with
nginx serving the same article HTML as a static file. Each row is the median
of --repeat runs of wrk; after the table, each of the issue's targets is
checked against this run.

    .venv/bin/python bench/run.py                      # 1,000 articles, both databases
    .venv/bin/python bench/run.py --large              # also 100,000 articles / 1,000,000 comments
    .venv/bin/python bench/run.py --databases sqlite --duration 3 --repeat 1
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
REDIS_DATABASES = {"1k": 14, "100k": 13}  # on BENCH_REDIS_URL's server
ARTICLE = "/articles/benchmark-article/"
# The same story with five figures, a gallery and two embeds (issue 19).
RICH_ARTICLE = "/articles/benchmark-rich-article/"
SIZES = {"1k": (1_000, 50_000), "100k": (100_000, 1_000_000)}
MEMORY = []  # (database, size, mode, peak MB per worker)
# Seconds of load before each measured row, at the same concurrency: every
# worker process compiles its templates and prepared queries on its first
# requests, a one-off cost a long-running server never pays again.
WARM_UP = 2


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log(message):
    print(message, file=sys.stderr, flush=True)


def masthead(env, *args, check=True):
    return subprocess.run([str(BIN / "masthead"), *args], env=env, check=check,
                          capture_output=True, text=True)


def site_env(database, size, workdir):
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "SECRET_KEY": "benchmark-only-secret",
        "MASTHEAD_VAR_DIR": str(workdir),
        "MASTHEAD_SECURE_COOKIES": "0",
        "MASTHEAD_ALLOW_CONSOLE_EMAIL": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # wrk stands in for a proxy: each post names its reader's address in
        # X-Forwarded-For, so flood control sees many readers, as in real life.
        "MASTHEAD_TRUSTED_PROXIES": "127.0.0.1",
        "LOG_LEVEL": "ERROR",
    })
    if database == "postgres":
        name = f"masthead_bench_{size}"
        admin = PG_ADMIN_URL.rsplit("/", 1)[0]
        subprocess.run(["psql", PG_ADMIN_URL, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True,
                       capture_output=True)
        subprocess.run(["psql", PG_ADMIN_URL, "-qc", f"CREATE DATABASE {name}"], check=True,
                       capture_output=True)
        env["DATABASE_URL"] = f"{admin}/{name}"
        # A Redis database of its own for each site: the sites run side by
        # side, and one's flood control must not count the other's readers.
        redis_url = REDIS_URL.rsplit("/", 1)[0] + f"/{REDIS_DATABASES[size]}"
        env["REDIS_URL"] = redis_url
        subprocess.run(["redis-cli", "-u", redis_url, "flushdb"], capture_output=True)
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'masthead.sqlite3'}"
        env.pop("REDIS_URL", None)
    return env


def build_site(env, articles, comments):
    started = time.perf_counter()
    masthead(env, "migrate", "--noinput")
    masthead(env, "generate", "--articles", str(articles), "--comments", str(comments),
             "--featured-comments", "50", "--rich-featured")
    log(f"  site built in {time.perf_counter() - started:.0f}s")


class Server:
    """`masthead serve` in the background, stopped on exit."""

    def __init__(self, env, *, page_cache):
        self.port = free_port()
        self.env = {**env, "MASTHEAD_PAGE_CACHE": "1" if page_cache else "0"}

    def __enter__(self):
        self.process = subprocess.Popen(
            [str(BIN / "masthead"), "serve", "--bind", f"127.0.0.1:{self.port}"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url + ARTICLE, timeout=2).read()
                return self
            except OSError:
                time.sleep(0.2)
        raise SystemExit("the server did not start")

    def cpu_seconds(self):
        """User and system time of the server and its worker processes so far."""
        children = subprocess.run(["pgrep", "-P", str(self.process.pid)],
                                  capture_output=True, text=True).stdout.split()
        return sum(_cpu_seconds(pid) for pid in [self.process.pid, *children])

    def worker_peak_mb(self):
        """The largest high-water mark (VmHWM) among the server's worker processes."""
        children = subprocess.run(["pgrep", "-P", str(self.process.pid)],
                                  capture_output=True, text=True).stdout.split()
        peaks = [_high_water_kb(pid) for pid in children] or [_high_water_kb(self.process.pid)]
        return max(peaks) / 1024

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=20)


def _cpu_seconds(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def _high_water_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            return int(next(line for line in status if line.startswith("VmHWM:")).split()[1])
    except (OSError, StopIteration):
        return 0


class StaticNginx:
    """nginx serving one file, the article's HTML, for the ceiling figure."""

    def __init__(self, html):
        self.dir = Path(tempfile.mkdtemp(prefix="masthead-nginx-"))
        (self.dir / "article.html").write_bytes(html)
        self.port = free_port()
        self.write_config(f"""server {{ listen 127.0.0.1:{self.port}; root {self.dir};
           location / {{ default_type text/html; }} }}""")

    def write_config(self, server_blocks):
        user = "user root;" if os.geteuid() == 0 else ""  # workers must read mkdtemp's 0700 dir
        (self.dir / "nginx.conf").write_text(f"""
{user}
worker_processes 2;
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  # As Debian's /etc/nginx/nginx.conf has them: the README's configuration is
  # included into that http block, and the static file is served as it serves one.
  sendfile on; tcp_nopush on;
  client_body_temp_path {self.dir}; proxy_temp_path {self.dir};
  fastcgi_temp_path {self.dir}; uwsgi_temp_path {self.dir}; scgi_temp_path {self.dir};
  {server_blocks}
}}""")

    def __enter__(self):
        subprocess.run(["nginx", "-c", str(self.dir / "nginx.conf")], check=True)
        time.sleep(0.5)
        self.url = f"http://127.0.0.1:{self.port}/article.html"
        return self

    def cpu_seconds(self):
        """User and system time of nginx's worker processes so far."""
        master = (self.dir / "nginx.pid").read_text().strip()
        workers = subprocess.run(["pgrep", "-P", master], capture_output=True, text=True)
        ticks = 0
        for pid in workers.stdout.split():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc):
        subprocess.run(["nginx", "-c", str(self.dir / "nginx.conf"), "-s", "stop"], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


class ProxyNginx(StaticNginx):
    """deploy/nginx.conf, the README's configuration, in front of a Masthead server."""

    def __init__(self, upstream):
        self.dir = Path(tempfile.mkdtemp(prefix="masthead-proxy-"))
        self.port = free_port()
        site = (
            (ROOT / "deploy" / "nginx.conf").read_text()
            .replace("/var/cache/nginx/masthead", str(self.dir / "cache"))
            .replace("server 127.0.0.1:8000;", f"server {upstream};")
            .replace("listen 80;", f"listen 127.0.0.1:{self.port};")
            .replace("/srv/masthead/var", str(self.dir))
        )
        self.write_config(site)

    def __enter__(self):
        super().__enter__()
        self.url = f"http://127.0.0.1:{self.port}{ARTICLE}"
        urllib.request.urlopen(self.url).read()  # fill nginx's cache
        return self


def wrk(url, duration, script=None, env=None, headers=()):
    args = ["wrk", "-t2", "-c50", f"-d{duration}s", "--latency", url]
    if script:
        args[1:1] = ["-s", str(script)]
    for header in headers:
        args[1:1] = ["-H", header]
    out = subprocess.run(args, capture_output=True, text=True, check=True, env=env).stdout
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": _latency(out, "50%"),
        "p99": _latency(out, "99%"),
        "non2xx": int((re.search(r"Non-2xx or 3xx responses: (\d+)", out) or [0, 0])[1]),
        "raw": out,
    }


def summarize(runs):
    result = {key: statistics.median(run[key] for run in runs) for key in ("rps", "p50", "p99")}
    result["requests"] = sum(run["requests"] for run in runs)
    result["non2xx"] = sum(run["non2xx"] for run in runs)
    result["spread"] = (min(run["rps"] for run in runs), max(run["rps"] for run in runs))
    if "cpu_us" in runs[0]:
        result["cpu_us"] = statistics.median(run["cpu_us"] for run in runs)
    return result


def _latency(out, label):
    value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", out).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


PAGES = [("article, 50 comments", ARTICLE), ("home", "/"),
         ("section", "/sections/local-news/"), ("search", "/search/?q=council+budget")]


def run_database(database, sizes, duration, repeat):
    """Every size of site up at once, each row's wrk runs alternating between them.

    The sizes are compared with each other (the 100k site's p99 against the
    1k site's), so each pair of figures is measured side by side: measuring
    one site after the other let whatever else the machine did in those
    minutes decide the comparison.
    """
    sites = {}
    for size in sizes:
        articles, comments = SIZES[size]
        workdir = Path(tempfile.mkdtemp(prefix=f"masthead-bench-{database}-{size}-"))
        sites[size] = (site_env(database, size, workdir), workdir)
        log(f"{database} / {size}: building {articles:,} articles, {comments:,} comments")
        build_site(sites[size][0], articles, comments)
    if database == "postgres":
        # Write the bulk load out now, not in a checkpoint during the runs.
        subprocess.run(["psql", PG_ADMIN_URL, "-qc", "CHECKPOINT"], check=True, capture_output=True)
    rows = []
    for cached in (False, True):
        mode = "cached" if cached else "uncached"
        with ExitStack() as stack:
            servers = {size: stack.enter_context(Server(env, page_cache=cached))
                       for size, (env, _) in sites.items()}
            for label, path in PAGES:
                results = measure_side_by_side(
                    {size: server.url + path for size, server in servers.items()}, duration, repeat)
                for size, result in results.items():
                    rows.append((database, size, label, mode, result))
                log(f"  {label} ({mode}): " + ", ".join(
                    f"{size} {result['rps']:.0f} req/s" for size, result in results.items()))
            if not cached:
                rows.extend(blocks_rows(database, servers, duration, repeat))
                rows.extend(comment_post_rows(database, servers, sites, duration, repeat))
            else:
                rows.extend(nginx_rows(database, servers, duration, repeat))
                rows.extend(compression_rows(database, sites, servers, duration, repeat))
            for size, server in servers.items():
                peak = server.worker_peak_mb()
                log(f"  {size}: peak memory per worker ({mode} run): {peak:.0f} MB")
                MEMORY.append((database, size, mode, peak))
    for _, workdir in sites.values():
        shutil.rmtree(workdir, ignore_errors=True)
    return rows


def blocks_rows(database, servers, duration, repeat):
    """The story with blocks beside the plain one, on the same server, runs
    alternating, with the server's CPU time per request (issue 19: within 10%)."""
    rows = []
    for size, server in servers.items():
        urls = {"plain": server.url + ARTICLE, "blocks": server.url + RICH_ARTICLE}
        page = urllib.request.urlopen(urls["blocks"]).read().decode()
        shown = (page.count('<figure class="story-figure'), page.count('<ul class="story-gallery"'),
                 page.count('<figure class="embed"'))
        if shown != (5, 1, 2):
            raise SystemExit(f"the story with blocks shows (figures, galleries, embeds) {shown}")
        results = measure_side_by_side(urls, duration, repeat, cpu_of={k: server for k in urls})
        rows.append((database, size, "article (plain), server CPU", "uncached", results["plain"]))
        rows.append((database, size, "article with blocks", "uncached", results["blocks"]))
        log(f"  article with blocks ({size}): {results['blocks']['cpu_us']:.0f} µs of server CPU "
            f"a request, plain {results['plain']['cpu_us']:.0f} µs")
    return rows


def nginx_rows(database, servers, duration, repeat):
    """deploy/nginx.conf in front of each site, beside nginx serving its article as a file.

    Besides requests/s, each row gives the CPU time nginx's workers spent per
    request: machine noise moves the first by ±15% between runs, the second
    much less, so it shows what the cache's path costs over the file's."""
    servers_of, rows = {}, []
    with ExitStack() as stack:
        for size, server in servers.items():
            html = urllib.request.urlopen(server.url + ARTICLE).read()
            servers_of[(size, "static")] = stack.enter_context(StaticNginx(html))
            servers_of[(size, "proxy")] = stack.enter_context(
                ProxyNginx(f"127.0.0.1:{server.port}"))
        urls = {key: nginx.url for key, nginx in servers_of.items()}
        results = measure_side_by_side(urls, duration, repeat, cpu_of=servers_of)
    for size in servers:
        proxy, static = results[(size, "proxy")], results[(size, "static")]
        rows.append((database, size, "article via nginx cache", "cached", proxy))
        rows.append((database, size, "nginx static article", "static", static))
        log(f"  {size}: behind deploy/nginx.conf {proxy['rps']:.0f} req/s "
            f"({proxy['cpu_us']:.1f} µs of nginx CPU each), nginx static {static['rps']:.0f} "
            f"req/s ({static['cpu_us']:.1f} µs)")
    return rows


def compression_rows(database, sites, servers, duration, repeat):
    """The cached article compressed (brotli, gzip) against today's uncompressed
    path (a server with MASTHEAD_COMPRESS=0, so no compression layer at all),
    their wrk runs alternating in this one run (issue 21, item 7)."""
    rows = []
    for size, (env, _) in sites.items():
        with Server({**env, "MASTHEAD_COMPRESS": "0"}, page_cache=True) as plain:
            url = servers[size].url + ARTICLE
            variants = {"uncompressed (no layer)": (plain.url + ARTICLE, ()),
                        "br": (url, ("Accept-Encoding: br, gzip",)),
                        "gzip": (url, ("Accept-Encoding: gzip",))}
            for target, header in variants.values():
                wrk(target, WARM_UP, headers=header)
            runs = {key: [] for key in variants}
            for key in alternating(variants, repeat):
                target, header = variants[key]
                runs[key].append(wrk(target, duration, headers=header))
        for key, key_runs in runs.items():
            rows.append((database, size, f"article, {key}", "cached", summarize(key_runs)))
        log(f"  compression ({size}): " + ", ".join(
            f"{key} {statistics.median(r['rps'] for r in key_runs):.0f} req/s"
            for key, key_runs in runs.items()))
    return rows


def measure_side_by_side(urls, duration, repeat, script=None, cpu_of=None):
    """Warm up, then run wrk `repeat` times on each URL, alternating: A B, B A, A B...

    Each figure is the median of its runs: on a 2-core machine that wrk
    shares with the server, one run's p99 of a cached page (a few ms) moves by
    2-4x with the scheduler. The table gives the range of requests/s too.
    With cpu_of (key -> server with cpu_seconds()), each result also has the
    server's CPU microseconds per request."""
    for url in urls.values():
        wrk(url, WARM_UP, script)
    runs = {key: [] for key in urls}
    for key in alternating(urls, repeat):
        before = cpu_of[key].cpu_seconds() if cpu_of else 0
        run = wrk(urls[key], duration, script)
        if cpu_of:
            run["cpu_us"] = (cpu_of[key].cpu_seconds() - before) / run["requests"] * 1e6
        runs[key].append(run)
    return {key: summarize(key_runs) for key, key_runs in runs.items()}


def alternating(keys, repeat):
    """Each key `repeat` times, in rounds of alternating order: A B, B A, A B..."""
    order = list(keys)
    for round_number in range(repeat):
        yield from (order if round_number % 2 == 0 else reversed(order))


def comment_post_rows(database, servers, sites, duration, repeat):
    """Posts through every rule of the form, the sites' runs alternating.

    The form's fill timer comes from each site's page; every comment a site
    acknowledged must be in its database afterwards."""
    script = Path(__file__).with_name("post_comment.lua")
    wrk_env = {}
    for size, server in servers.items():
        page = urllib.request.urlopen(server.url + ARTICLE).read().decode()
        issued = re.search(r'name="issued" value="([^"]+)"', page).group(1)
        wrk_env[size] = {**os.environ, "BENCH_ISSUED": issued}
    time.sleep(3)  # the form's minimum fill time, as a reader would take
    url = {size: server.url + "/articles/benchmark-article/comments/"
           for size, server in servers.items()}
    for size in servers:
        wrk(url[size], WARM_UP, script, wrk_env[size])
    time.sleep(1)  # a new second: the next run's readers have new addresses
    before = {size: count_comments(sites[size][0]) for size in servers}
    runs = {size: [] for size in servers}
    for size in alternating(servers, repeat):
        runs[size].append(wrk(url[size], duration, script, wrk_env[size]))
        time.sleep(1)
    rows = []
    for size in servers:
        result = summarize(runs[size])
        result["acknowledged"] = result["requests"] - result["non2xx"]
        result["stored"] = count_comments(sites[size][0]) - before[size]
        log(f"  {size}: comment POST {result['rps']:.0f} req/s, {result['acknowledged']} "
            f"acknowledged, {result['stored']} stored, {result['non2xx']} refused")
        rows.append((database, size, "comment POST", "uncached", result))
    return rows


def count_comments(env):
    code = "from masthead.comments.models import Comment; print(Comment.objects.count())"
    return int(masthead(env, "shell", "-c", code).stdout.split()[-1])


def print_table(rows):
    ceiling = {(db, size): r["rps"] for db, size, label, _, r in rows if label.startswith("nginx")}
    header = (f"{'database':9} {'size':5} {'page':32} {'mode':9} {'req/s':>9} {'range':>13} "
              f"{'p50 ms':>8} {'p99 ms':>8} {'÷ nginx':>8}")
    print(header)
    print("-" * len(header))
    for db, size, label, mode, r in rows:
        ratio = r["rps"] / ceiling[(db, size)] if ceiling.get((db, size)) else 0
        low, high = r["spread"]
        extra = ""
        if "stored" in r:
            extra = f"  acknowledged {r['acknowledged']}, stored {r['stored']}, refused {r['non2xx']}"
        if "cpu_us" in r:
            whose = "nginx" if "nginx" in label else "server"
            extra = f"  {whose} CPU {r['cpu_us']:.1f} µs per request"
        print(f"{db:9} {size:5} {label:32} {mode:9} {r['rps']:9.0f} {low:6.0f}–{high:<6.0f} "
              f"{r['p50']:8.1f} {r['p99']:8.1f} {ratio:8.1%}{extra}")


def print_targets(rows):
    """The issue's targets, each checked against this run's figures."""
    figures = {(db, size, label, mode): r for db, size, label, mode, r in rows}
    checks = []
    for (db, size, label, mode), r in figures.items():
        nginx = figures[(db, size, "nginx static article", "static")]["rps"]
        where = f"{db} {size} {label} ({mode})"
        if (label, mode) == ("article, 50 comments", "uncached"):
            checks.append((f"{where}: >= 300 req/s, p99 < 250 ms",
                           r["rps"] >= 300 and r["p99"] < 250))
        elif (label, mode) == ("article, 50 comments", "cached"):
            checks.append((f"{where}: >= 25% of nginx", r["rps"] >= 0.25 * nginx))
        elif label in ("article, br", "article, gzip"):
            plain = figures[(db, size, "article, uncompressed (no layer)", "cached")]["rps"]
            checks.append((f"{where}: >= 90% of the uncompressed cached article "
                           f"({r['rps'] / plain:.0%})", r["rps"] >= 0.9 * plain))
        elif label == "article via nginx cache":
            checks.append((f"{where}: >= 90% of nginx", r["rps"] >= 0.9 * nginx))
        elif label == "article with blocks":
            plain = figures[(db, size, "article (plain), server CPU", mode)]["cpu_us"]
            checks.append((f"{where}: server CPU within 10% of the plain article's "
                           f"({r['cpu_us'] / plain:.0%})", r["cpu_us"] <= 1.10 * plain))
        elif label == "comment POST":
            checks.append((f"{where}: >= 300/s, every acknowledged comment stored",
                           r["rps"] >= 300 and r["stored"] >= r["acknowledged"]))
        if size == "100k" and label != "nginx static article":
            small = figures.get((db, "1k", label, mode))
            if small:
                ratio = r["p99"] / small["p99"]
                checks.append((f"{where}: p99 {ratio:.2f}x the 1k site's (<= 1.25x)",
                               ratio <= 1.25))
    for database, size, mode, peak in MEMORY:
        checks.append((f"{database} {size} {mode}: peak memory per worker {peak:.0f} MB (< 150)",
                       peak < 150))
    for text, met in checks:
        print(f"{'met    ' if met else 'NOT MET'}  {text}")


def blocks_only(databases, duration, repeat):
    rows = []
    for database in databases:
        workdir = Path(tempfile.mkdtemp(prefix=f"masthead-bench-{database}-blocks-"))
        env = site_env(database, "1k", workdir)
        log(f"{database}: building {SIZES['1k'][0]:,} articles")
        build_site(env, *SIZES["1k"])
        with Server(env, page_cache=False) as server:
            rows.extend(blocks_rows(database, {"1k": server}, duration, repeat))
        shutil.rmtree(workdir, ignore_errors=True)
    print_table(rows)
    print()
    for db, size, label, _, r in rows:
        if label == "article with blocks":
            plain = next(p for d, _, lab, _, p in rows if d == db and lab.startswith("article (plain"))
            ratio = r["cpu_us"] / plain["cpu_us"]
            print(f"{'met    ' if ratio <= 1.10 else 'NOT MET'}  {db} {size}: server CPU "
                  f"per request with blocks {ratio:.0%} of the plain article's (<= 110%)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--large", action="store_true", help="also 100k articles / 1M comments")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--repeat", type=int, default=3,
                        help="wrk runs per row; the table gives their medians")
    parser.add_argument("--blocks-only", action="store_true",
                        help="only the story-blocks row (issue 19), uncached, 1k articles")
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is not installed: apt-get install {tool}")
    sizes = ["1k", "100k"] if args.large else ["1k"]
    if args.blocks_only:
        return blocks_only(args.databases.split(","), args.duration, args.repeat)
    rows = []
    for database in args.databases.split(","):
        rows.extend(run_database(database, sizes, args.duration, args.repeat))
    print_table(rows)
    print()
    print_targets(rows)


if __name__ == "__main__":
    main()
