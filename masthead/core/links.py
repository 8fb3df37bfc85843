"""Public URLs of the site's pages and static files, worked out once per process.

An article page links a dozen sections, tags, people and voices, and names its
stylesheets and scripts; reversing each through the URL resolver and the
static files manifest on every view cost most of a millisecond. A URL depends
only on the URLconf, the script prefix and the arguments, all in the memo's
key; a static URL only on the file's name and the manifest, which a process
reads once at start. Nothing here can go stale.
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse


def url(viewname, *args, **kwargs):
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reversed(
        urlconf, get_script_prefix(), viewname, args, tuple(sorted(kwargs.items()))
    )


def slug_url(viewname, slug):
    return url(viewname, slug=slug)


@lru_cache(maxsize=8192)
def _reversed(urlconf, script_prefix, viewname, args, kwargs):
    return reverse(viewname, urlconf=urlconf, args=args or None, kwargs=dict(kwargs))


@lru_cache(maxsize=256)
def static_url(path):
    return static(path)


@receiver(setting_changed)
def _forget_static_urls(setting, **kwargs):
    # Tests change the storage or STATIC_URL; a running site never does.
    if setting in {"STATIC_URL", "STORAGES", "STATIC_ROOT"}:
        static_url.cache_clear()
