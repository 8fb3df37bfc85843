"""Public URLs of slugged pages, reversed once per process.

An article page links a dozen sections, tags, people and voices; reversing
each through the URL resolver on every view cost half a millisecond. The
result depends only on the URLconf, the script prefix and the slug, all in
the memo's key, so it cannot go stale.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def slug_url(viewname, slug):
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reversed(urlconf, get_script_prefix(), viewname, slug)


@lru_cache(maxsize=8192)
def _reversed(urlconf, script_prefix, viewname, slug):
    return reverse(viewname, urlconf=urlconf, kwargs={"slug": slug})
