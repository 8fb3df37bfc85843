"""Full-page cache for anonymous readers, with exact, tag-based invalidation.

This middleware stores pages (and answers when the WSGI fast path in wsgi.py
is not installed, as under runserver). It sits first in MIDDLEWARE so a
stored page carries every header the rest of the stack adds.
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from . import dependencies, expiry, generation, store
from . import tags as page_tags
from .requests import cache_key, is_cacheable

UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
# A page, or a permanent redirect (an old slug): each the same for every reader.
CACHEABLE_STATUSES = (200, 301)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable(request.META):
            return self.get_response(request)
        if not settings.MASTHEAD_PAGE_CACHE:
            return self.publicly_cacheable(request)
        key = cache_key(request.META)
        entry = store.fetch(key)
        if entry is not None:
            return replay(request, entry)
        rendered_in = generation.current()
        token = dependencies.start()
        try:
            response = self.get_response(request)
        finally:
            tags = dependencies.finish(token)
        if not is_cacheable_response(response):
            return response
        tags.add(page_tags.path(request.path))  # so a redirect can replace it
        tags.add(page_tags.EVERY_PAGE)  # so a bulk change can purge them all
        entry = entry_for(response, tags)
        store.store(
            key, entry, tags, timeout=expiry.timeout(), rendered_in_generation=rendered_in
        )
        response["X-Cache"] = "MISS"
        return get_conditional_response(request, etag=entry["etag"], response=response)

    def publicly_cacheable(self, request):
        """Our own cache is off; nginx or a CDN in front may still keep the page."""
        response = self.get_response(request)
        if is_cacheable_response(response):
            entry = entry_for(response, set())
            return get_conditional_response(request, etag=entry["etag"], response=response)
        return response


def is_cacheable_response(response):
    if response.status_code not in CACHEABLE_STATUSES or response.streaming:
        return False
    if response.cookies or "Cookie" in response.get("Vary", ""):
        return False  # personal to one reader
    control = response.get("Cache-Control", "")
    return not any(directive in control for directive in UNCACHEABLE_DIRECTIVES)


def entry_for(response, tags):
    if page_tags.LISTING in tags and not page_tags.names_a_listing(tags):
        tags.add(page_tags.ARTICLES)  # an undeclared listing of articles: purge on any publish
    # An app's own ETag stands (the API's name an article's version, issue 20).
    if not response.has_header("ETag"):
        # A 301's body is empty: where it leads is what tells two of them apart.
        digest = hashlib.sha1(response.content + response.get("Location", "").encode())
        response["ETag"] = f'"{digest.hexdigest()}"'
    response["Last-Modified"] = http_date()
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.MASTHEAD_PAGE_CACHE_SHARED_MAX_AGE,
        stale_while_revalidate=settings.MASTHEAD_PAGE_CACHE_STALE_WHILE_REVALIDATE,
    )
    return {
        "status": response.status_code,
        "headers": [(k, v) for k, v in response.items() if k != "X-Cache"],
        "content": response.content,
        "etag": response["ETag"],
    }


def replay(request, entry):
    response = HttpResponse(entry["content"], status=entry["status"])
    for header, value in entry["headers"]:
        response[header] = value
    response["X-Cache"] = "HIT"
    return get_conditional_response(request, etag=entry["etag"], response=response)
