"""The Django side of redirects: a 404 whose path has moved becomes a 301.

Only a 404 looks (one indexed query), so a page that exists pays nothing, and
a live page always wins over a redirect. A 301 answered to an anonymous
reader is kept by the page cache like a page (pagecache/middleware.py), so
the next request for that address is answered by the WSGI fast path with no
query at all, until a change to the redirect purges it (signal_handlers.py).
"""

from django.http import HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control

from . import paths
from .models import Redirect


class RedirectFallbackMiddleware:
    """Last in MIDDLEWARE: it sees the 404 before CommonMiddleware adds a slash."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        legacy = wordpress_query_address(request)
        if legacy and (target := Redirect.objects.target_for(legacy)):
            return moved(target, "")
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = Redirect.objects.target_for(request.path)
        if target is None:
            return response
        return moved(target, request.META.get("QUERY_STRING", ""))


# WordPress's addresses that are a query on the home page: /?p=123 (a post),
# /?page_id=7, /?attachment_id=9 (issue 22). Only these cost a query before
# the view, and only on the home page's path.
WORDPRESS_QUERIES = ("p", "page_id", "attachment_id")


def wordpress_query_address(request):
    if request.path != "/" or not request.GET or request.method not in ("GET", "HEAD"):
        return None
    for name in WORDPRESS_QUERIES:
        value = request.GET.get(name, "")
        if value.isdigit():
            return f"/?{name}={int(value)}"
    return None


def moved(target, query):
    redirect = HttpResponsePermanentRedirect(paths.with_query(target, query))
    # Browsers keep a 301 for ever unless told otherwise; a story taking
    # its old address back would then loop for anyone who followed it.
    patch_cache_control(redirect, max_age=0)
    return redirect
