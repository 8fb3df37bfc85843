"""What each WordPress field becomes in Masthead: plain values, no queries.

The importer (importer.py) asks these functions and writes what they say;
keeping the rules here lets them be read, and tested, in one place.
"""

import html
import ipaddress
import re
import socket
from datetime import UTC, datetime

from django.utils.text import slugify

from . import htmltext

ARTICLE_TYPES = ("post", "page")
# WordPress status -> (Masthead status, why it is not what WordPress had, or "").
STATUSES = {
    "publish": ("published", ""),
    "future": ("scheduled", ""),
    "draft": ("draft", ""),
    "auto-draft": ("draft", ""),
    "pending": ("review", ""),
    "private": ("draft", "private on WordPress: imported as a draft, not shown"),
}
PASSWORD_NOTE = "password-protected on WordPress: imported as a draft, not shown"
COMMENT_STATUSES = {"1": "approved", "approve": "approved", "0": "pending",
                    "hold": "pending", "spam": "spam", "trash": "trash",
                    "post-trashed": "trash"}  # fmt: skip
COMMENT_KINDS = {"": "comment", "comment": "comment", "pingback": "pingback",
                 "trackback": "trackback"}  # fmt: skip
_ZERO_DATE = "0000-00-00 00:00:00"
_TAGS = re.compile(r"<[^>]+>")


def site_key(site):
    """host/path of the blog: the same site whether exported over http or https."""
    url = site.base_blog_url or site.link or site.base_site_url or site.title
    return url.split("://", 1)[-1].rstrip("/").lower()[:300] or "unknown"


def article_status(item):
    """(status, note) for a post or page; status None means "not imported"."""
    if item.password:
        return "draft", PASSWORD_NOTE
    return STATUSES.get(item.status, (None, f"status “{item.status}” is not imported"))


def utc(value):
    """An aware UTC datetime from WordPress's "YYYY-MM-DD hh:mm:ss", or None."""
    if not value or value.startswith("0000"):
        return None
    try:
        # fromisoformat reads this format, at a tenth of strptime's cost.
        return datetime.fromisoformat(value.strip()[:19]).replace(tzinfo=UTC)
    except ValueError:
        return None


def post_time(item):
    """post_date_gmt; a draft's GMT date is zero, its local date is the next best."""
    return utc(item.date_gmt) or utc(item.date)


def slug_for(item):
    slug = slugify(html.unescape(item.slug.replace("%", " ")))[:180]
    if not slug:
        slug = slugify(item.title)[:180]
    return slug or f"{item.type or 'post'}-{item.wp_id}"


def title_of(item):
    return html.unescape(item.title).strip()[:300] or f"Untitled ({item.wp_id})"


def plain(markup, limit=None):
    markup = markup or ""
    if "<" in markup or "&" in markup:  # most names have neither (issue 22)
        markup = html.unescape(_TAGS.sub(" ", markup))
    text = " ".join(markup.split())
    return text[:limit] if limit else text


def bylines(item):
    """Logins in byline order: Co-Authors Plus's author terms, else dc:creator."""
    co_authors = [nicename.removeprefix("cap-") for domain, nicename, _ in item.terms
                  if domain == "author"]  # fmt: skip
    logins = co_authors or ([item.creator] if item.creator else [])
    return list(dict.fromkeys(login for login in logins if login))


def guest_names(item):
    """{login: display name} of Co-Authors Plus guest authors on this post."""
    return {nicename.removeprefix("cap-"): name for domain, nicename, name in item.terms
            if domain == "author"}  # fmt: skip


def categories(item):
    return [nicename for domain, nicename, _ in item.terms if domain == "category"]


def post_tags(item):
    return [(nicename, name) for domain, nicename, name in item.terms if domain == "post_tag"]


def section_slug(item, *, section_from, term_ids):
    """The section: Yoast's primary category with --section-from primary (when
    the post names one), else the post's first category."""
    cats = categories(item)
    if section_from == "primary":
        primary = term_ids.get(_int(item.meta_value("_yoast_wpseo_primary_category")))
        if primary:
            return primary
    return cats[0] if cats else None


def comment_status(comment):
    return COMMENT_STATUSES.get(comment.approved, "pending")


def comment_kind(comment):
    return COMMENT_KINDS.get(comment.type)


def comment_body(content):
    """A comment's HTML as comment Markdown (newlines are line breaks there)."""
    if "<" not in content and "&" not in content:
        return htmltext.escape(content.strip())
    return htmltext.Converter().convert(htmltext.autop(content))


def ip_address(value):
    """The address in its canonical spelling, or None when it is none."""
    value = (value or "").strip()
    try:  # IPv4 without the ipaddress module's cost (a tenth of a large import)
        return socket.inet_ntop(socket.AF_INET, socket.inet_pton(socket.AF_INET, value))
    except OSError:
        pass
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def person_name(author):
    full = " ".join(part for part in (author.first_name, author.last_name) if part)
    return (author.display_name or full or author.login)[:200]


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
