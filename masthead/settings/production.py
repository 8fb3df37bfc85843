"""Production: debug off, SECRET_KEY required, cookies only over HTTPS."""

import os

from .base import *  # noqa: F403
from .base import env_bool

SESSION_COOKIE_SECURE = env_bool("MASTHEAD_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("MASTHEAD_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("MASTHEAD_HSTS_SECONDS", "0"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
