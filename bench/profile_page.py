#!/usr/bin/env python
"""Time one page in-process, without a server or network, and show where the time goes.

Runs the WSGI application the production server runs, so the figures are the
server-side cost of a request (what wrk's throughput divides the CPUs by).

    MASTHEAD_VAR_DIR=/tmp/site .venv/bin/python bench/profile_page.py /articles/benchmark-article/
    .venv/bin/python bench/profile_page.py / --requests 300 --top 40
    .venv/bin/python bench/profile_page.py /articles/benchmark-article/comments/ --post

Build the site first with `masthead generate` (bench/run.py does the same).
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=200, help="requests per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--top", type=int, default=30, help="profile rows to print (0: none)"
    )
    parser.add_argument(
        "--post", action="store_true", help="post a comment form to the path"
    )
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.production")
    # The site `masthead generate` built under MASTHEAD_VAR_DIR (var/ by default).
    var_dir = os.environ.get("MASTHEAD_VAR_DIR", str(Path(__file__).parent.parent / "var"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{var_dir}/masthead.sqlite3")
    os.environ.setdefault("SECRET_KEY", "profile-only-secret")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ.setdefault("MASTHEAD_SECURE_COOKIES", "0")
    os.environ.setdefault("MASTHEAD_ALLOW_CONSOLE_EMAIL", "1")
    os.environ.setdefault("MASTHEAD_PAGE_CACHE", "0")
    os.environ.setdefault("MASTHEAD_TRUSTED_PROXIES", "127.0.0.1")
    from masthead.wsgi import application

    request = post_request if args.post else get_request
    status = call(application, request(args.path, 0))
    if not status.startswith(("200", "302", "303")):
        sys.exit(f"{args.path} answered {status}")

    # The fastest of several rounds: on a shared machine, a neighbour's work
    # only ever adds time, so the minimum is the steadiest figure.
    # Wall time as well: with PostgreSQL or Redis a request also waits for
    # them, and on this machine they take their CPU from the same two cores.
    rounds, walls = [], []
    for round_number in range(args.rounds):
        started, started_wall = time.process_time(), time.perf_counter()
        for n in range(args.requests):
            call(
                application, request(args.path, (round_number + 1) * args.requests + n)
            )
        rounds.append((time.process_time() - started) / args.requests)
        walls.append((time.perf_counter() - started_wall) / args.requests)
    best, median = min(rounds), statistics.median(rounds)
    print(
        f"{args.path}: {best * 1000:.2f} ms per request, best of {args.rounds} rounds "
        f"(median {median * 1000:.2f} ms; {1 / best:.0f} requests/s on one core); "
        f"wall time {min(walls) * 1000:.2f} ms"
    )

    if args.top:
        profiler = cProfile.Profile()
        profiler.enable()
        for n in range(args.requests):
            call(application, request(args.path, (args.rounds + 1) * args.requests + n))
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(
            args.top
        )
        print(out.getvalue())


def call(application, environ):
    status = []
    body = application(environ, lambda s, headers, exc_info=None: status.append(s))
    b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return status[0]


def get_request(path, n):
    return environ_for("GET", path)


def post_request(path, n):
    """A reader's comment from a new address each time, so flood control lets it in."""
    from masthead.comments.forms import issued_token

    body = urlencode(
        {
            "name": f"Reader {n}",
            "email": f"reader{n}.{RUN}@example.org",
            "comment": f"Comment {n} of run {RUN}: the council should publish the figures.",
            "issued": issued_token(time.time() - 10),
            "website": "",
            "homepage": "",
        }
    ).encode()
    environ = environ_for("POST", path, body)
    environ["HTTP_ORIGIN"] = "http://127.0.0.1"
    environ["HTTP_X_FORWARDED_FOR"] = f"2001:db8::{n >> 16:x}:{n & 0xFFFF:x}"
    return environ


RUN = f"{time.time():.0f}"  # the duplicate check refuses a comment posted twice


def environ_for(method, path, body=b""):
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


if __name__ == "__main__":
    main()
