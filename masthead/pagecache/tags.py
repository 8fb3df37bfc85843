"""Every page-cache tag, spelled in one place.

A page depends on tags (recorded while it renders, dependencies.py) and a write
purges tags (each app's signal_handlers.py): the two sides must spell a tag
the same way, or a page stays stale with nothing failing. So no tag is typed
by hand: views, querysets and signal handlers call these functions, and with
MASTHEAD_PAGE_CACHE_STRICT_TAGS on (the test settings) an unknown tag raises
where it is used (issue 18).

Kinds of tag:
- a row: "articles.article:42", recorded for every model row a page loads;
- a collection a page lists: every article, a section's, a tag's, an author's,
  an article's comments, the voices index, a person's voices;
- what editors curate: the home page's pins and layouts, the banner;
- ``LISTING``: the mark ``published()`` leaves on a page that lists articles
  without naming which listing; such a page is purged on any publish;
- a path: every response stored for one path, whatever the host or query
  string, so a new redirect can drop what was kept at its old address;
- ``EVERY_PAGE``: every stored response, for a purge of everything at once.
"""

import hashlib
import re

from django.apps import apps
from django.conf import settings

ARTICLES = "articles:all"
LISTING = "articles:listing"
SECTIONS = "sections:all"
SEARCH_RESULTS = "search:results"
QUOTES = "quotes:all"
FRONT_PAGE = "frontpage:home"  # what editors placed on the home page: pins, layouts
BANNER = "frontpage:banner"  # the breaking-news banner, on every public page
NEWSLETTERS = "newsletters:all"  # the lists sign-up forms offer, the archive
# Every stored response, whatever it shows: one write purges them all, for a
# change too wide to name page by page (a WordPress import's half a million
# new redirects, issue 22).
EVERY_PAGE = "pages:all"

_FIXED = {
    ARTICLES, LISTING, SECTIONS, SEARCH_RESULTS, QUOTES, FRONT_PAGE, BANNER,
    NEWSLETTERS,
    EVERY_PAGE,
}  # fmt: skip
_COLLECTIONS = re.compile(
    r"(articles:(section|tag|author)|comments:article|quotes:person):\d+"
)
_ROW = re.compile(r"(?P<label>[a-z_]+\.[a-z_]+):\d+")
_PATH = re.compile(r"path:[0-9a-f]{32}")


class UnknownTag(ValueError):
    """A tag no function here builds: a typo that would leave a page stale."""


def row(instance):
    """The tag of one model row, as recorded when a page loads it."""
    return f"{instance._meta.label_lower}:{instance.pk}"


def row_of(model, pk):
    """row() for a row not loaded: ``row_of(Article, 42)``."""
    return f"{model._meta.label_lower}:{pk}"


def section(pk):
    """The articles listed in one section."""
    return f"articles:section:{pk}"


def tag(pk):
    """The articles listed under one tag."""
    return f"articles:tag:{pk}"


def author(pk):
    """The articles listed on one person's author page."""
    return f"articles:author:{pk}"


def comments(article_pk):
    """An article's public comments."""
    return f"comments:article:{article_pk}"


def voices_of(person_pk):
    """One person's page of quotes."""
    return f"quotes:person:{person_pk}"


def path(value):
    """Whatever is stored for this path (decoded, as ``request.path``).

    Hashed: a path may be long or hold characters a cache key may not.
    """
    return "path:" + hashlib.sha256(value.encode()).hexdigest()[:32]


def names_a_listing(names):
    """Whether these tags name which articles a page lists (beyond ``LISTING``)."""
    return ARTICLES in names or any(
        name.startswith(("articles:section:", "articles:tag:", "articles:author:"))
        for name in names
    )


def is_known(name):
    if name in _FIXED or _COLLECTIONS.fullmatch(name) or _PATH.fullmatch(name):
        return True
    found = _ROW.fullmatch(name)
    if found is None:
        return False
    try:
        apps.get_model(found["label"])
    except LookupError:
        return False
    return True


def checked(names):
    """The tags, unchanged; with strict tags on, an unknown one raises UnknownTag."""
    if settings.MASTHEAD_PAGE_CACHE_STRICT_TAGS:
        unknown = sorted(name for name in names if not is_known(name))
        if unknown:
            raise UnknownTag(f"Unknown page-cache tags: {', '.join(unknown)}")
    return names
