"""Production: debug off, SECRET_KEY and DATABASE_URL required, cookies only over HTTPS."""

import os

from django.core.exceptions import ImproperlyConfigured

# Before base.py: it would fall back to a SQLite file under the checkout, and
# a production site must never write its readers' comments there by accident
# (issue 18). SQLite is fine when named, e.g. sqlite:////srv/masthead/site.sqlite3.
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL must be set in production: postgres://user@host/name, or "
        "sqlite:////srv/masthead/site.sqlite3 for SQLite (name the file)."
    )

from .base import *  # noqa: E402,F403
from .base import env_bool, log_format, logging_config  # noqa: E402

SESSION_COOKIE_SECURE = env_bool("MASTHEAD_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("MASTHEAD_SSL_REDIRECT", False)
# HSTS on (a year; sent only over HTTPS); subdomains and preloading, which are
# hard to undo, only when asked for.
SECURE_HSTS_SECONDS = int(os.environ.get("MASTHEAD_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("MASTHEAD_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("MASTHEAD_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# One JSON line per request and per log record, with the request id (issue 24).
LOGGING = logging_config(log_format("json"))

# A newsroom's first deploy must not lose its email to a log (issue 21).
from masthead.core.email import require_delivery  # noqa: E402

require_delivery(EMAIL_BACKEND, allow_console=MASTHEAD_ALLOW_CONSOLE_EMAIL)  # noqa: F405
