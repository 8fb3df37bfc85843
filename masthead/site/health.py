"""`/healthz` and `/readyz` for load balancers and orchestrators (issue 24, item 7).

/healthz says the process answers; it touches nothing else, so a database
outage never gets healthy app servers killed. /readyz says whether this
process can serve: the database answers and has every migration applied, the
cache takes a write and the media storage can be listed. A cache that does
not answer makes it "degraded" but still 200 (see DEGRADED_ONLY). Both are cheap,
unauthenticated and never cached (`Cache-Control: no-store`, and the page
cache skips them), and show only check names and "ok"/"failing": no versions,
hosts or error text for an outsider to read.
"""

import logging
import os
from pathlib import Path

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

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
    body = {"status": status,
            "checks": {name: "ok" if ok else "failing" for name, ok in checks.items()}}  # fmt: skip
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
    """Remote storage (S3) is listed; a local folder must exist or be creatable
    (Django makes it on the first upload, so a new site has none yet)."""
    # STORAGE CHECK HOOK (issue 24, items 1-6): when S3 media lands, its
    # `masthead.media.storage.is_reachable()` replaces this body (a cheap HEAD
    # of the bucket, never a listing of it on every probe).
    location = getattr(default_storage, "location", None)
    if location is None:
        default_storage.listdir("")
        return True
    path = Path(location)
    while not path.exists():
        path = path.parent
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)


# Failing, these leave the server in the load balancer ("degraded", 200): the
# cache is shared by every app server, and without it pages are served
# uncached and flood control counts per process (core/cache.py), so taking
# every server out for a Redis outage would turn a slowdown into an outage
# (issue 24, item 8).
DEGRADED_ONLY = {"cache"}

CHECKS = {
    "database": database_answers,
    "migrations": migrations_applied,
    "cache": cache_answers,
    "storage": storage_answers,
}
