"""What an import hands to the other apps once its posts are in (issue 22):
a 301 from every old WordPress address (the redirects app), and the sticky
posts pinned as top stories on the front page (the frontpage app).

Both run after the posts, so every target exists, and both are idempotent:
a second run records no redirect twice and pins nothing twice.
"""

import re

from django.core.files.storage import default_storage
from django.db import reset_queries
from django.db.models import OuterRef, Subquery

from masthead.articles.models import Article
from masthead.frontpage.models import Pin
from masthead.frontpage.services import MAX_TOP_PINS
from masthead.redirects.services import record_moves

from . import permalinks
from .models import (
    ImportedAttachment,
    ImportedAuthor,
    ImportedPost,
    ImportedTerm,
    post_target,
)


def hand_over(site, report):
    pairs = _Counted(old_new for record in _records(site)
                     for old_new in permalinks.old_urls_for(record))  # fmt: skip
    # In bulk: one redirect at a time was three quarters of a large import.
    for old, new, refused in record_moves(pairs):
        report.note("redirects not made", f"{old} → {new}: {refused}")
        pairs.count -= 1
    report.count("redirects from old WordPress addresses", pairs.count)
    report.count("sticky posts pinned on the front page", _pin_sticky(site))


class _Counted:
    """The pairs, counted as they go by; and, every chunk of them, Django's
    query log emptied: with DEBUG on (the CLI's dev settings) it keeps 9,000
    queries, and bulk upserts of 1,000 rows each took it past 300 MB."""

    def __init__(self, iterable):
        self.iterable, self.count = iterable, 0

    def __iter__(self):
        for value in self.iterable:
            self.count += 1
            if self.count % 1000 == 0:
                reset_queries()
            yield value


def _records(site):
    yield site
    yield from _post_records(site)
    yield from ImportedTerm.objects.filter(site=site).select_related("section", "tag").iterator()
    yield from ImportedAuthor.objects.filter(site=site).select_related("person").iterator()
    yield from _attachment_records(site)


class ArticleUrls:
    """Article(slug=slug).get_absolute_url() for many slugs: the URL resolver
    is asked once, for a stand-in slug, and a slug the slug converter takes
    as it is (no escaping, as reverse() gives it) goes in its place. One
    reverse() a post was a tenth of a large import's writer (issue 22)."""

    STAND_IN = "wxr-slug-stand-in"
    PLAIN = re.compile(r"[-a-zA-Z0-9_]+\Z")

    def __init__(self):
        url = self._reversed(self.STAND_IN)
        self.head, self.tail = url.split(self.STAND_IN) if url.count(self.STAND_IN) == 1 \
            else (None, None)  # fmt: skip

    def __call__(self, slug):
        if self.head is None or not self.PLAIN.match(slug):
            return self._reversed(slug)
        return self.head + slug + self.tail

    @staticmethod
    def _reversed(slug):
        return Article(slug=slug).get_absolute_url()


class _PostAddresses:
    """An imported post's old paths and targets, as ImportedPost.target_url
    gives them, from two values: a model instance and its article for each
    of a large site's posts were a third of the handover (issue 22)."""

    def __init__(self, old_paths, slug, article_url):
        self.old_paths, self.slug = old_paths, slug
        self.article_url = article_url

    def target_url(self, old):
        return post_target(old, self.slug, self.article_url)


def _post_records(site):
    rows = ImportedPost.objects.filter(site=site).values_list("old_paths", "article__slug")
    article_url = ArticleUrls()
    for old_paths, slug in rows.iterator(chunk_size=2000):
        yield _PostAddresses(old_paths, slug, article_url(slug))


class _AttachmentAddresses:
    """An attachment page's old paths and ImportedAttachment.target_url's
    target, read with its post's article in one query for them all: two
    queries an attachment grew with the site (issue 22)."""

    def __init__(self, old_paths, article_slug, image_name, article_url):
        self.old_paths = old_paths
        if article_slug is not None:
            self.target = article_url(article_slug)
        else:
            self.target = default_storage.url(image_name) if image_name else None

    def target_url(self, old):
        return self.target


def _attachment_records(site):
    parent = ImportedPost.objects.filter(site=site, wp_id=OuterRef("parent_wp_id"))
    rows = (ImportedAttachment.objects.filter(site=site)
            .annotate(article_slug=Subquery(parent.values("article__slug")[:1]))
            .values_list("old_paths", "article_slug", "image__file"))  # fmt: skip
    article_url = ArticleUrls()
    for old_paths, article_slug, image_name in rows.iterator(chunk_size=2000):
        yield _AttachmentAddresses(old_paths, article_slug, image_name, article_url)


def _pin_sticky(site):
    """Sticky posts become top stories, newest first, as far as there is room."""
    sticky = (ImportedPost.objects.filter(site=site, sticky=True, article__isnull=False)
              .exclude(article_id__in=Pin.objects.values("article_id"))
              .select_related("article").order_by("-article__published_at"))  # fmt: skip
    room = MAX_TOP_PINS - Pin.objects.filter(slot=Pin.Slot.TOP).count()
    pinned = 0
    last = Pin.objects.filter(slot=Pin.Slot.TOP).order_by("-position").first()
    position = last.position if last else 0
    for record in sticky[: max(room, 0)]:
        if not record.article.is_published:
            continue
        position += 1
        Pin.objects.create(article=record.article, slot=Pin.Slot.TOP, position=position)
        pinned += 1
    return pinned
