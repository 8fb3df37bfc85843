"""`/healthz` and `/readyz` for load balancers and orchestrators (issue 24, item 7).

/healthz says the process answers; it touches nothing else, so a database
outage never gets healthy app servers killed. /readyz says whether this
process can serve: the database answers and has every migration applied, the
cache takes a write and the media storage answers. A cache or a storage
that does not answer makes it "degraded" but still 200 (see DEGRADED_ONLY).
Both are cheap, unauthenticated and never cached (`Cache-Control: no-store`,
and the page cache skips them), and show only check names and "ok" or
"failing": no versions, hosts or error text for an outsider to read.
"""

import logging

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from masthead.media.storage import is_reachable

log = logging.getLogger(__name__)
_migrated = set()  # aliases seen fully migrated: a deploy only adds migrations


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    checks = {name: _passes(name, check) for name, check in CHECKS.items()}
    ready = all(ok for name, ok in checks.items() if name not in DEGRADED_ONLY)
    status = "ok" if all(checks.values()) else "degraded" if ready else "failing"
    shown = {name: "ok" if ok else "failing" for name, ok in checks.items()}
    body = {"status": status, "checks": shown}
    return JsonResponse(body, status=200 if ready else 503)


def _passes(name, check):
    try:
        return bool(check())
    except Exception:
        # Any failure of a dependency is "not ready", whatever its kind; the
        # reason goes to the log, never to the response.
        log.warning("readiness check %s failed", name, exc_info=True)
        return False


def database_answers():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def migrations_applied():
    if DEFAULT_DB_ALIAS in _migrated:
        return True
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not pending:
        _migrated.add(DEFAULT_DB_ALIAS)
    return not pending


def cache_answers():
    cache.set("masthead:readyz", 1, 10)
    return cache.get("masthead:readyz") == 1


def storage_answers():
    """The bucket answers one HeadBucket (never a listing of it), or the local
    folder exists or can be made, and is writable (issue 24, items 1 and 7)."""
    return is_reachable()


# Failing, these leave the server in the load balancer ("degraded", 200): no
# page view needs them, and every app server shares them, so one that fails
# fails for all of them alike and taking every server out would turn a
# partial outage into a whole one (issue 24, item 8).
# - cache: without Redis pages are served uncached and flood control counts
#   per process (core/cache.py).
# - storage: a page never asks the store anything (issue 24, item 2: links
#   are strings, sizes are columns), so with the bucket away every page still
#   renders and every comment is still taken; only uploads and renditions
#   wait, and pictures fail in readers' browsers whichever server they ask.
#   A local folder that cannot be written costs the same (uploads), and a
#   single server with local media is the only server: keep it serving.
DEGRADED_ONLY = {"cache", "storage"}

CHECKS = {
    "database": database_answers,
    "migrations": migrations_applied,
    "cache": cache_answers,
    "storage": storage_answers,
}
