"""Answer cached pages before Django builds a request: the hot path of a traffic spike."""

from http import HTTPStatus

from django.conf import settings

from .requests import cache_key, is_cacheable
from .store import fetch


class CachedPagesApplication:
    """WSGI middleware: a stored page goes out as bytes; anything else goes to Django."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if settings.MASTHEAD_PAGE_CACHE and is_cacheable(environ):
            entry = fetch(cache_key(environ))
            if entry is not None:
                return self.replay(entry, environ, start_response)
        return self.application(environ, start_response)

    def replay(self, entry, environ, start_response):
        headers = [*entry["headers"], ("X-Cache", "HIT")]
        # As Django's get_conditional_response: a 301 is never answered 304.
        is_page = entry["status"] == 200
        if is_page and entry["etag"] in environ.get("HTTP_IF_NONE_MATCH", ""):
            kept = {"etag", "cache-control", "last-modified", "vary"}
            start_response("304 Not Modified", [h for h in headers if h[0].lower() in kept])
            return []
        status = HTTPStatus(entry["status"])
        start_response(f"{status.value} {status.phrase}", headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [entry["content"]]
