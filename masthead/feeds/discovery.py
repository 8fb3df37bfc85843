"""<link rel="alternate"> discovery for feed readers and browsers.

Every page names the site's feeds; a section, tag or author page also names its
own. The page is recognised by its URL name, so its template needs no change
and no query is made: the feed's title uses the object the view already loaded.
"""

from jinja2 import pass_context

from masthead.core.fragments import Fragment
from masthead.core.links import url

ALTERNATE_LINKS = Fragment("feeds/alternate_links.html", fields=("links",))

# URL name of a listing page -> (feed URL name prefix, context variable).
LISTINGS = {
    "articles:section": ("feeds:section", "section"),
    "articles:tag": ("feeds:tag", "tag"),
    "people:author": ("feeds:author", "person"),
}


@pass_context
def feed_links(context):
    site_name = context.get("site_name", "")
    links = [
        ("application/rss+xml", f"{site_name} (RSS)", url("feeds:rss")),
        ("application/atom+xml", f"{site_name} (Atom)", url("feeds:atom")),
        ("application/feed+json", f"{site_name} (JSON Feed)", url("feeds:json")),
    ]
    links += _listing_links(context)
    return ALTERNATE_LINKS(links=tuple(links))


def _listing_links(context):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in LISTINGS:
        return []
    prefix, variable = LISTINGS[match.view_name]
    subject = context.get(variable) or match.kwargs["slug"]
    kwargs = {"slug": match.kwargs["slug"]}
    return [
        (
            "application/rss+xml",
            f"{subject} (RSS)",
            url(f"{prefix}_rss", **kwargs),
        ),
        (
            "application/atom+xml",
            f"{subject} (Atom)",
            url(f"{prefix}_atom", **kwargs),
        ),
    ]


def comments_feed_url(article):
    return url("feeds:comments", slug=article.slug)
