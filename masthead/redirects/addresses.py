"""Every public address a story, section, tag or person has, and whether it is live.

A row's addresses come in a fixed order, so the nth address before a save
moved to the nth after it. Feeds are listed beside the pages they belong to
(feeds/urls.py): a reader subscribed to an old section feed keeps getting it.
"""

from django.urls import Resolver404, resolve

from masthead.articles.models import Article, Section, Tag
from masthead.core.links import slug_url
from masthead.people.models import Person

URL_NAMES = {
    Article: ("articles:detail", "feeds:comments"),
    Section: ("articles:section", "feeds:section_rss", "feeds:section_atom"),
    Tag: ("articles:tag", "feeds:tag_rss", "feeds:tag_atom"),
    Person: ("people:author", "feeds:author_rss", "feeds:author_atom", "quotes:voice"),
}
# Fields that decide a row's addresses and whether readers can open them.
URL_FIELDS = {Article: ("slug", "status", "published_at")}


def addresses_of(row):
    return [slug_url(name, row.slug) for name in URL_NAMES[type(row)]]


def url_fields(model):
    return URL_FIELDS.get(model, ("slug",))


def is_live(row):
    """Can readers open its pages? A story once public; any section, tag or person."""
    return row.is_published if isinstance(row, Article) else True


def is_live_page(path):
    """Whether a page answers at this path, so a redirect from it would never be used.

    A page named by a slug is live if its row is; any other page without
    arguments (the home page, search, the voices index) always is.
    """
    try:
        match = resolve(path)
    except Resolver404:
        return False
    for model, names in URL_NAMES.items():
        if match.view_name in names:
            row = model._base_manager.filter(slug=match.kwargs["slug"]).first()
            return row is not None and is_live(row)
    return not match.kwargs and not match.args
