"""Full-page cache for anonymous readers, with exact, tag-based invalidation."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from . import dependencies, store

# Readers holding one of these see something personal: their session (staff),
# their own pending comment, or a form pre-filled from "remember me".
PERSONAL_COOKIES = ("masthead_pending", "masthead_commenter")
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        key = store.page_key(request.get_host(), request.get_full_path())
        entry = store.fetch(key)
        if entry is not None:
            return self.replay(request, entry)
        generation = store.generation()
        token = dependencies.start()
        try:
            response = self.get_response(request)
        finally:
            tags = dependencies.finish(token)
        if self.is_cacheable_response(response):
            self.save(key, response, tags, generation)
            response["X-Cache"] = "MISS"
            return get_conditional_response(
                request, etag=response["ETag"], response=response
            )
        return response

    def is_cacheable_request(self, request):
        if not settings.MASTHEAD_PAGE_CACHE or request.method not in ("GET", "HEAD"):
            return False
        if "HTTP_AUTHORIZATION" in request.META:
            return False
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies:
            return False
        if any(name in cookies for name in PERSONAL_COOKIES):
            return False
        return not request.path.startswith(tuple(settings.MASTHEAD_PAGE_CACHE_EXCLUDE))

    def is_cacheable_response(self, response):
        if response.status_code != 200 or response.streaming:
            return False
        if response.cookies or response.has_header("Vary") and "Cookie" in response["Vary"]:
            return False
        control = response.get("Cache-Control", "")
        return not any(directive in control for directive in UNCACHEABLE_DIRECTIVES)

    def save(self, key, response, tags, generation):
        if "articles:listing" in tags and not any(
            tag.startswith("articles:") and tag != "articles:listing" for tag in tags
        ):
            tags.add("articles:all")  # an undeclared article listing: purge on any publish
        response["ETag"] = '"%s"' % hashlib.sha1(response.content).hexdigest()
        response["Last-Modified"] = http_date()
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=settings.MASTHEAD_PAGE_CACHE_SHARED_MAX_AGE,
            stale_while_revalidate=settings.MASTHEAD_PAGE_CACHE_STALE_WHILE_REVALIDATE,
        )
        entry = {
            "status": response.status_code,
            "headers": [(k, v) for k, v in response.items() if k != "X-Cache"],
            "content": response.content,
            "etag": response["ETag"],
        }
        store.store(
            key, entry, tags, timeout=self.timeout(), rendered_in_generation=generation
        )

    def timeout(self):
        """Never past the next embargo: a scheduled story must appear on time."""
        from masthead.articles.models import Article

        ttl = settings.MASTHEAD_PAGE_CACHE_TTL
        next_lift = Article.objects.next_embargo_lift()
        if next_lift is not None:
            ttl = min(ttl, max(1, int((next_lift - timezone.now()) / timedelta(seconds=1)) + 1))
        return ttl

    def replay(self, request, entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for header, value in entry["headers"]:
            response[header] = value
        response["X-Cache"] = "HIT"
        return get_conditional_response(request, etag=entry["etag"], response=response)
