"""Without Redis, every app server process on one machine shares one cache."""

import subprocess
import sys

from masthead.comments.ratelimit import FLOOD_MESSAGE

# Runs in a fresh process with the production settings, as `masthead serve`'s
# workers do, and reports what that process saw.
CLAIM = """
from masthead.comments.ratelimit import RateLimited, claim_slot
from django.core.cache import caches
try:
    claim_slot(ip_address="192.0.2.7", email="reader@example.org", flood_seconds=60,
               max_per_hour=0)
    print("claimed")
except RateLimited as refused:
    print(refused.message)
print(type(caches["counters"]).__module__)
"""


def run_in_worker(tmp_path, code):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "SECRET_KEY": "test-only",
        "MASTHEAD_VAR_DIR": str(tmp_path),
        "MASTHEAD_ALLOW_CONSOLE_EMAIL": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "masthead.cli", "shell", "--no-imports", "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return result.stdout.splitlines()


def test_a_flood_slot_taken_in_one_process_is_seen_by_the_next(tmp_path):
    first = run_in_worker(tmp_path, CLAIM)
    second = run_in_worker(tmp_path, CLAIM)

    assert first == ["claimed", "masthead.core.cache"]
    assert second[0] == FLOOD_MESSAGE
    assert (tmp_path / "counters").is_dir()


def test_the_cache_keeps_working_after_django_closes_it_at_a_request_end(tmp_path):
    code = (
        "from django.core.cache import cache\n"
        "cache.set('k', 1)\n"
        "cache.close()\n"
        "print(cache.incr('k'))\n"
    )
    assert run_in_worker(tmp_path, code) == ["2"]
