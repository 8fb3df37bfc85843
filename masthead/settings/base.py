"""Settings shared by every environment, read from the environment.

Masthead's own settings are prefixed MASTHEAD_ and read by the code at call time
(never copied into module constants), so `override_settings` works in tests.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

from masthead.core.email import email_settings
from masthead.core.headers import DEFAULT_POLICY
from masthead.core.media_storage import media_origin, media_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("MASTHEAD_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def local_secret_key(var_dir):
    """A key generated once and kept under var/, so local sessions survive restarts."""
    path = Path(var_dir) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def secret_key_for(debug, var_dir):
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if not debug:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    return local_secret_key(var_dir)


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "masthead.site.admin_apps.MastheadAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "masthead.core",
    "masthead.jobs",
    "masthead.media",
    "masthead.people",
    "masthead.articles",
    "masthead.comments",
    "masthead.editorial",
    "masthead.frontpage",
    "django_tasks",
    "django_tasks_db",
    "masthead.demo",
    "masthead.pagecache",
    "masthead.feeds",
    "masthead.search",
    "masthead.api",
    "masthead.seo",
    "masthead.redirects",
    "masthead.newsletters",
    "masthead.quotes",
    "masthead.wordpress",
    "masthead.accounts",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "masthead.backups",
    "masthead.site",
]

MIDDLEWARE = [
    "masthead.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "masthead.core.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "masthead.accounts.middleware.StaffIdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "masthead.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A media store that does not answer is a 503, not a 500 (issue 24).
    "masthead.site.outages.StorageOutageMiddleware",
    # Last: a 404 whose path has moved becomes a 301 (redirects/middleware.py).
    "masthead.redirects.middleware.RedirectFallbackMiddleware",
]

ROOT_URLCONF = "masthead.urls"
WSGI_APPLICATION = "masthead.wsgi.application"

TEMPLATES = [
    {
        # Readers' pages: compiled to Python, several times faster (site/jinja.py).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "masthead" / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "masthead.site.jinja.environment",
            "context_processors": ["masthead.site.context_processors.site"],
        },
    },
    {
        # The admin, the moderation queue, sitemaps and emails.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "masthead" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "masthead.site.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'masthead.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite creates the file but not its folder (var/ on a fresh checkout).
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers proceed while a comment is being written; the timeout
    # makes concurrent writers wait instead of failing with "database is locked".
    # `optimize` keeps the planner's statistics current as the site grows (as
    # SQLite advises for long-lived connections): without them it read every
    # top-level comment to check one post for a duplicate.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if DEBUG else 60

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "MASTHEAD_DB_POOL", True
):
    # psycopg's pool keeps connections open across requests in each worker
    # process; it replaces CONN_MAX_AGE, which must then be 0. Health checks
    # off: with a pool, Django's check is a round trip to the server on every
    # request. The pool drops a connection that failed, and replaces them all
    # within max_lifetime; after a database restart, each worker's first query
    # on an old connection fails once, as without a pool.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("MASTHEAD_DB_POOL_CHECKS", False)
    # Values sent apart from the SQL, and each query prepared on its fifth run
    # on a connection, so PostgreSQL parses a page's queries once, not on every
    # request. Django leaves psycopg's preparing off unless asked, for
    # PgBouncer in transaction mode before 1.21: turn both off behind one.
    server_side = env_bool("MASTHEAD_DB_SERVER_BINDING", True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=server_side, prepare_threshold=5 if server_side else None
    )
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": int(os.environ.get("MASTHEAD_DB_POOL_SIZE", "8")),
        # How long a request waits for a connection before it gives up (psycopg's
        # default is 30 s): a reader posting while the database restarts gets
        # the 503 that keeps their comment (comments/faults.py) in seconds.
        "timeout": float(os.environ.get("MASTHEAD_DB_POOL_TIMEOUT", "5")),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # A Redis that does not answer within this many seconds is treated as
    # away: pages uncached, counters in each process (core/cache.py).
    redis_timeout = float(os.environ.get("MASTHEAD_REDIS_TIMEOUT", "0.5"))
    CACHES = {
        "default": {
            "BACKEND": "masthead.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("MASTHEAD_CACHE_PREFIX", "masthead"),
            "OPTIONS": {"socket_timeout": redis_timeout,
                        "socket_connect_timeout": redis_timeout},
        }
    }
    # Flood control's and login throttling's counters: the same Redis, kept in
    # each process's memory while it is away.
    CACHES["counters"] = {**CACHES["default"], "BACKEND": "masthead.core.cache.RedisCounters"}
else:
    # On disk, not in process memory: every app server process on this machine
    # must see the same cached pages, purges and flood counters. diskcache keeps
    # them in SQLite files with atomic add/incr and LRU culling; Django's file
    # cache lists its whole directory on every write.
    CACHES = {
        "default": {
            "BACKEND": "masthead.core.cache.DiskCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "SHARDS": 4,
            "DATABASE_TIMEOUT": 0.1,
            "OPTIONS": {"size_limit": int(os.environ.get("MASTHEAD_CACHE_BYTES", 2**30))},
        },
        # Flood control's counters, apart from the pages: in one shard, a
        # comment's keys are claimed in one write transaction (core/cache.py).
        "counters": {
            "BACKEND": "masthead.core.cache.DiskCache",
            "LOCATION": str(VAR_DIR / "counters"),
            "SHARDS": 1,
            "DATABASE_TIMEOUT": 1,
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
# `check --deploy` asks for a zone chosen on purpose (core/checks.py).
MASTHEAD_TIME_ZONE_CHOSEN = bool(os.environ.get("TIME_ZONE"))
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "masthead" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploads and renditions: MEDIA_ROOT on this machine, or an S3 bucket every
# app server shares (core/media_storage.py; issue 24). Pages link to
# MASTHEAD_MEDIA_PUBLIC_URL (a CDN or the bucket) without asking the store.
STORAGES = {
    "default": media_storage(
        os.environ.get("MASTHEAD_MEDIA_STORAGE_URL", ""),
        os.environ.get("MASTHEAD_MEDIA_PUBLIC_URL", ""),
    ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Where readers' browsers fetch pictures from when it is not this site.
MASTHEAD_MEDIA_ORIGIN = media_origin(STORAGES["default"])
# Uploaded images are served by Django only when nothing else (nginx, a CDN) does.
MASTHEAD_SERVE_MEDIA = env_bool("MASTHEAD_SERVE_MEDIA", True)
# How long browsers may keep an original upload served by the app (seconds).
MASTHEAD_MEDIA_MAX_AGE = int(os.environ.get("MASTHEAD_MEDIA_MAX_AGE", "86400"))
# `masthead serve` compresses pages (core/compression.py); off when nginx does.
MASTHEAD_COMPRESS = env_bool("MASTHEAD_COMPRESS", True)
# MEDIA_ROOT is on storage every app server sees (NFS and the like).
MASTHEAD_SHARED_MEDIA = env_bool("MASTHEAD_SHARED_MEDIA", False)

LOGIN_URL = "admin:login"
# A locked account or address is refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "masthead.accounts.backends.ThrottledModelBackend",
    "django_otp_webauthn.backends.WebAuthnBackend",  # signing in with a passkey
]
LOGIN_REDIRECT_URL = "/admin/"
# Passkeys for the address the admin is reached on (accounts/passkeys.py).
OTP_WEBAUTHN_HELPER_CLASS = "masthead.accounts.passkeys.PasskeyHelper"
OTP_WEBAUTHN_RP_ID_CALLABLE = "masthead.accounts.passkeys.relying_party_id"
OTP_WEBAUTHN_RP_NAME_CALLABLE = "masthead.accounts.passkeys.relying_party_name"
OTP_WEBAUTHN_ALLOWED_ORIGINS = [
    origin
    for origin in [os.environ.get("MASTHEAD_SITE_URL", "").rstrip("/"), *CSRF_TRUSTED_ORIGINS]
    if origin.startswith(("https://", "http://localhost"))
] or ["http://localhost:8000"]
# Staff login throttling (accounts/throttle.py): failures per account and per
# address within the window, and how long a lock lasts (seconds).
MASTHEAD_LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("MASTHEAD_LOGIN_FAILURES_PER_ACCOUNT", "5"))
MASTHEAD_LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("MASTHEAD_LOGIN_FAILURES_PER_ADDRESS", "20"))
MASTHEAD_LOGIN_WINDOW_SECONDS = int(os.environ.get("MASTHEAD_LOGIN_WINDOW_SECONDS", "900"))
MASTHEAD_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("MASTHEAD_LOGIN_LOCKOUT_SECONDS", "900"))
# Staff are signed out after this long without an admin request (seconds).
MASTHEAD_STAFF_IDLE_SECONDS = int(os.environ.get("MASTHEAD_STAFF_IDLE_SECONDS", "7200"))

# Security headers. The CSP allows no inline script at all: our few scripts are
# static files. A nonce is available for a page that truly needs inline
# script, but public pages must not use one: they are cached for every reader.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Features readers' pages never use, off (core/headers.py); empty sends none.
MASTHEAD_PERMISSIONS_POLICY = os.environ.get("MASTHEAD_PERMISSIONS_POLICY", DEFAULT_POLICY)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # django-csp's sentinel, not the string "'nonce'": only the sentinel is
        # replaced by "'nonce-<value>'" when a page uses request.csp_nonce.
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        # Pictures come from the bucket or CDN when media is kept there.
        "img-src": ["'self'", "data:", *filter(None, [MASTHEAD_MEDIA_ORIGIN])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# EMAIL_URL names the mail server (smtp://, smtps://, console://, file://...;
# core/email.py). Production refuses the console unless this says it may.
if os.environ.get("EMAIL_URL"):
    globals().update(email_settings(os.environ["EMAIL_URL"]))
MASTHEAD_ALLOW_CONSOLE_EMAIL = env_bool("MASTHEAD_ALLOW_CONSOLE_EMAIL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Masthead's own settings (documented in the README).
MASTHEAD_SITE_NAME = os.environ.get("MASTHEAD_SITE_NAME", "The Alder Valley Ledger")
MASTHEAD_SITE_TAGLINE = os.environ.get(
    "MASTHEAD_SITE_TAGLINE", "Independent news for Alder Falls and Alder County"
)
MASTHEAD_LANGUAGE = os.environ.get("MASTHEAD_LANGUAGE", "en")
MASTHEAD_PAGE_SIZE = int(os.environ.get("MASTHEAD_PAGE_SIZE", "12"))
# Feeds carry the whole story (as WordPress does by default) unless set to 0.
MASTHEAD_FEED_FULL_TEXT = env_bool("MASTHEAD_FEED_FULL_TEXT", True)
MASTHEAD_FEED_LENGTH = int(os.environ.get("MASTHEAD_FEED_LENGTH", "30"))
# Google reads at most 50,000 URLs per sitemap; smaller pages are cheaper to build.
MASTHEAD_SITEMAP_PAGE_SIZE = int(os.environ.get("MASTHEAD_SITEMAP_PAGE_SIZE", "5000"))
# A static file: the publisher logo in structured data (Google: PNG, at least 112px).
MASTHEAD_PUBLISHER_LOGO = os.environ.get("MASTHEAD_PUBLISHER_LOGO", "masthead/logo.png")
# The picture a shared link shows when a page has none of its own (listing
# pages, a story without a hero): a static file, 1200 x 630 as cards want.
MASTHEAD_SITE_IMAGE = os.environ.get("MASTHEAD_SITE_IMAGE", "masthead/site-card.png")
MASTHEAD_COMMENTS_MAX_DEPTH = int(os.environ.get("MASTHEAD_COMMENTS_MAX_DEPTH", "5"))
# None keeps threads open for ever, WordPress's default.
MASTHEAD_COMMENTS_CLOSE_AFTER_DAYS = (
    int(os.environ["MASTHEAD_COMMENTS_CLOSE_AFTER_DAYS"])
    if os.environ.get("MASTHEAD_COMMENTS_CLOSE_AFTER_DAYS")
    else None
)
# Commenters' IPs are truncated to /24 or /64 after this many days
# (`masthead truncate_comment_ips`, run daily).
MASTHEAD_COMMENTS_IP_RETENTION_DAYS = int(
    os.environ.get("MASTHEAD_COMMENTS_IP_RETENTION_DAYS", "30")
)
# Reverse proxies whose X-Forwarded-For is believed for a commenter's IP.
MASTHEAD_TRUSTED_PROXIES = env_list("MASTHEAD_TRUSTED_PROXIES")
# Links in emails sent outside a request (commands); requests use their own host.
MASTHEAD_SITE_URL = os.environ.get("MASTHEAD_SITE_URL", "")

# Full pages for anonymous readers, purged exactly when what they show changes.
MASTHEAD_PAGE_CACHE = env_bool("MASTHEAD_PAGE_CACHE", True)
MASTHEAD_PAGE_CACHE_ALIAS = "default"
MASTHEAD_PAGE_CACHE_TTL = int(os.environ.get("MASTHEAD_PAGE_CACHE_TTL", "86400"))
MASTHEAD_PAGE_CACHE_EXCLUDE = [
    "/admin/", "/media/", "/static/", "/healthz", "/readyz", "/metrics",
]
# Each process keeps this many bytes of pages in memory, trusted until a purge.
MASTHEAD_PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("MASTHEAD_PAGE_CACHE_LOCAL_BYTES", str(32 << 20)))
# Without Redis, purges are announced to this machine's processes by this file.
MASTHEAD_PAGE_CACHE_STAMP_FILE = str(VAR_DIR / "pagecache.stamp")
# With Redis, how often each process re-reads the purge stamp (seconds): the
# most a purge by another app server can lag.
MASTHEAD_PAGE_CACHE_STAMP_INTERVAL = float(
    os.environ.get("MASTHEAD_PAGE_CACHE_STAMP_INTERVAL", "0.05")
)
# What a CDN or nginx in front may do with our pages (seconds).
MASTHEAD_PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("MASTHEAD_PAGE_CACHE_SHARED_MAX_AGE", "60"))
MASTHEAD_PAGE_CACHE_STALE_WHILE_REVALIDATE = 300
# Rows a page reads (an article with its bylines and tags, the navigation, a
# story's quotes) are kept in each process until the next purge, whether or
# not whole pages are cached (pagecache/memo.py).
# Tests turn this on: a page-cache tag no function in pagecache/tags.py builds
# raises instead of leaving a page stale.
MASTHEAD_PAGE_CACHE_STRICT_TAGS = False
MASTHEAD_ROW_MEMO = env_bool("MASTHEAD_ROW_MEMO", True)

# Newsletters (masthead/newsletters/): a confirmation link works, and an
# unconfirmed sign-up is kept, this many days; sign-up flood control as
# comments have it; the worker's batch, its lease on what it claims (a worker
# killed mid-batch leaves its rows to others after it), and how often a
# temporary failure is retried before the delivery counts as failed.
MASTHEAD_NEWSLETTER_UNCONFIRMED_DAYS = int(os.environ.get("MASTHEAD_NEWSLETTER_UNCONFIRMED_DAYS", "7"))
MASTHEAD_NEWSLETTER_FLOOD_SECONDS = int(os.environ.get("MASTHEAD_NEWSLETTER_FLOOD_SECONDS", "30"))
MASTHEAD_NEWSLETTER_SIGNUPS_PER_HOUR = int(os.environ.get("MASTHEAD_NEWSLETTER_SIGNUPS_PER_HOUR", "10"))
MASTHEAD_NEWSLETTER_BATCH = int(os.environ.get("MASTHEAD_NEWSLETTER_BATCH", "200"))
MASTHEAD_NEWSLETTER_LEASE_SECONDS = int(os.environ.get("MASTHEAD_NEWSLETTER_LEASE_SECONDS", "300"))
MASTHEAD_NEWSLETTER_MAX_ATTEMPTS = int(os.environ.get("MASTHEAD_NEWSLETTER_MAX_ATTEMPTS", "8"))
# Where bounces, complaints and mailto unsubscribes go (envelope sender and
# List-Unsubscribe mailto:); DEFAULT_FROM_EMAIL's address when unset.
MASTHEAD_NEWSLETTER_INBOX = os.environ.get("MASTHEAD_NEWSLETTER_INBOX", "")
# Providers' bounce and complaint webhooks (django-anymail, under /anymail/)
# need this "user:password" as basic auth; unset, a secret nobody knows, so
# no request passes (anymail would otherwise accept anyone's).
ANYMAIL = {"WEBHOOK_SECRET": os.environ.get("ANYMAIL_WEBHOOK_SECRET")
           or f"masthead:{secrets.token_urlsafe(32)}"}
# DKIM signing of newsletters: a PEM key file, its selector and domain.
MASTHEAD_DKIM_KEY_FILE = os.environ.get("MASTHEAD_DKIM_KEY_FILE", "")
MASTHEAD_DKIM_SELECTOR = os.environ.get("MASTHEAD_DKIM_SELECTOR", "masthead")
MASTHEAD_DKIM_DOMAIN = os.environ.get("MASTHEAD_DKIM_DOMAIN", "")

# Background work (scheduled publication, renditions, quote extraction) is
# queued in the database and run by `masthead worker`: no broker to operate.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# How often the worker looks for due articles and queued jobs (seconds).
MASTHEAD_WORKER_INTERVAL = float(os.environ.get("MASTHEAD_WORKER_INTERVAL", "5"))
# A job that raises is tried this many times in all, the first retry after
# RETRY seconds, doubling to an hour; a job "running" longer than LEASE seconds
# was left by a killed worker and is taken back (keep it above the longest job).
MASTHEAD_JOB_MAX_ATTEMPTS = int(os.environ.get("MASTHEAD_JOB_MAX_ATTEMPTS", "5"))
MASTHEAD_JOB_RETRY_SECONDS = float(os.environ.get("MASTHEAD_JOB_RETRY_SECONDS", "30"))
MASTHEAD_JOB_LEASE_SECONDS = float(os.environ.get("MASTHEAD_JOB_LEASE_SECONDS", "900"))
# Uploads above this many pixels are refused: a small file can decode to
# gigabytes (a "decompression bomb").
MASTHEAD_MAX_IMAGE_PIXELS = int(os.environ.get("MASTHEAD_MAX_IMAGE_PIXELS", "40000000"))
# Memory the worker may spend decoding one upload for its renditions; formats
# that Pillow cannot decode at reduced scale (PNG, GIF, WebP) get lower pixel
# limits from it, so a worker stays under 300 MB (issue 5).
MASTHEAD_RENDITION_MEMORY_MB = int(os.environ.get("MASTHEAD_RENDITION_MEMORY_MB", "220"))
# How long a signed draft-preview link works (seconds): three days by default.
MASTHEAD_PREVIEW_LINK_MAX_AGE = int(os.environ.get("MASTHEAD_PREVIEW_LINK_MAX_AGE", "259200"))
# How long "NAME is editing" stands after the editor's last heartbeat
# (seconds; the open editor sends one every 30 s; editorial/locks.py).
MASTHEAD_EDIT_LOCK_SECONDS = int(os.environ.get("MASTHEAD_EDIT_LOCK_SECONDS", "180"))

# /metrics (site/metrics.py): open to staff, to a bearer token equal to this,
# and to requests no proxy relayed from these networks (loopback by default).
MASTHEAD_METRICS_TOKEN = os.environ.get("MASTHEAD_METRICS_TOKEN", "")
MASTHEAD_METRICS_NETWORKS = env_list("MASTHEAD_METRICS_NETWORKS", "127.0.0.0/8,::1/128")
# Where `masthead serve`'s worker processes keep their counters, summed by a
# scrape (prometheus_client's multiprocess mode); emptied when serve starts.
MASTHEAD_METRICS_DIR = os.environ.get("MASTHEAD_METRICS_DIR", str(VAR_DIR / "metrics"))



def logging_config(log_format):
    """Logs to stderr; with "json", one JSON object a line and a line per request
    (core/requestlog.py), which production turns on."""
    json_lines = log_format == "json"
    config = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "masthead.core.requestlog.JsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler"}},
        "root": {
            "handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")
        },
    }
    if json_lines:
        config["handlers"]["console"]["formatter"] = "json"
        config["loggers"] = {"masthead.requests": {"level": "INFO"}}
    return config


LOG_FORMAT_CHOICES = ("text", "json")


def log_format(default):
    chosen = os.environ.get("MASTHEAD_LOG_FORMAT", default).strip().lower() or default
    if chosen not in LOG_FORMAT_CHOICES:
        raise ImproperlyConfigured(
            f"MASTHEAD_LOG_FORMAT must be text or json, not {chosen!r}."
        )
    return chosen


LOGGING = logging_config(log_format("text"))

SECRET_KEY = secret_key_for(DEBUG, VAR_DIR)
