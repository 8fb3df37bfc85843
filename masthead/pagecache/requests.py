"""Which requests the page cache may answer, read from the WSGI environ.

The WSGI fast path and the Django middleware share these, so a page stored
by one is found by the other under the same key.
"""

import hashlib

from django.conf import settings

# Readers holding one of these see something personal: their session (staff),
# their own pending comment, or a form pre-filled from "remember me".
PERSONAL_COOKIES = ("masthead_pending", "masthead_commenter")
PAGE_PREFIX = "pagecache:page:"


def is_cacheable(environ):
    """May a shared cache (ours, nginx's, a CDN's) answer this request?"""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in environ:
        return False
    if settings.SECURE_SSL_REDIRECT and environ.get("wsgi.url_scheme") != "https":
        return False  # let SecurityMiddleware redirect first
    cookies = environ.get("HTTP_COOKIE", "")
    if cookies and _has_personal_cookie(cookies):
        return False
    path = environ.get("PATH_INFO", "")
    return not path.startswith(tuple(settings.MASTHEAD_PAGE_CACHE_EXCLUDE))


def _has_personal_cookie(header):
    names = {part.split("=", 1)[0].strip() for part in header.split(";")}
    return settings.SESSION_COOKIE_NAME in names or not names.isdisjoint(PERSONAL_COOKIES)


def cache_key(environ):
    """One key per scheme, host, path and query string, as the client sent them."""
    raw = "|".join((
        environ.get("wsgi.url_scheme", "http"),
        environ.get("HTTP_HOST", ""),
        environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
    ))
    return PAGE_PREFIX + hashlib.sha256(raw.encode("latin-1", "replace")).hexdigest()
