"""Tests: SQLite unless DATABASE_URL names another database."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
if "MASTHEAD_VAR_DIR" not in os.environ:
    # A test process's own media and page-cache files, gone when it ends; the
    # servers some tests start inherit the variable and leave it to this one.
    os.environ["MASTHEAD_VAR_DIR"] = tempfile.mkdtemp(prefix="masthead-test-")
    atexit.register(shutil.rmtree, os.environ["MASTHEAD_VAR_DIR"], ignore_errors=True)

from .base import *  # noqa: E402,F403
from .base import DATABASES  # noqa: E402

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": None}  # in memory
else:
    # Per-process name: several test runs on one server must not share a database.
    DATABASES["default"]["TEST"] = {"NAME": f"test_masthead_{os.getpid()}"}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "masthead.core.cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": f"masthead-test-{os.getpid()}",
    }
CACHES["counters"] = CACHES["default"]
if os.environ.get("REDIS_URL"):
    CACHES["counters"] = {**CACHES["default"], "BACKEND": "masthead.core.cache.RedisCounters"}
# Tests run inside transactions whose on_commit purges never fire; the page
# cache's own tests switch it on and run those callbacks.
MASTHEAD_PAGE_CACHE = False
MASTHEAD_ROW_MEMO = False  # for the same reason; its tests switch it on
MASTHEAD_PAGE_CACHE_STRICT_TAGS = True
MASTHEAD_PAGE_CACHE_STAMP_INTERVAL = 0  # tests check purges request by request
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "masthead.media.storage.LocalMediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
