"""Import a WXR file: the service behind `masthead import-wxr` (issue 22).

Two streaming passes over the file, so memory stays flat whatever its size:

1. the site, its authors, categories, tags and attachments, and a plan of
   every post's new address (so a link to a post later in the file can be
   rewritten, and two posts with one slug get two addresses);
2. the posts and pages with their comments, in batches (each item's XML
   read by worker processes, prepared.py): a batch is one
   transaction holding whole posts, each with all its comments, and its
   import records. A kill loses at most the batch in flight; a second run
   skips every post already recorded and finishes the job.

A file that is not WXR, malformed or a bomb is refused (reader.WXRError)
during the first pass, before any post is written.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from masthead.articles.models import Article

from . import bulkindexes, fastwrite, mapping, permalinks, writes
from .attachments import Attachments
from .bodies import Library, original_url
from .handover import ArticleUrls, hand_over
from .models import ImportedAttachment, ImportedPost, ImportedSite
from .people import People, Terms
from .reader import Item, Site, WXRError, raw_items, read
from .report import Report

__all__ = ["Options", "WXRError", "import_file"]


@dataclass
class Options:
    uploads: Path | None = None
    dry_run: bool = False
    author_map: dict = field(default_factory=dict)
    section_from: str = "category"  # or "primary" (Yoast's primary category)
    pingbacks: str = "keep"  # or "skip"
    batch_size: int = 200
    workers: int = 2  # processes rendering comments, on files of 1,000 posts or more
    progress: object = None  # progress(done, total, label)
    checkpoint: object = None  # checkpoint(posts written): tests stop a run here


def import_file(path, options=None):
    """Import the file at `path`; returns its Report. Raises WXRError."""
    options = options or Options()
    report = Report(dry_run=options.dry_run)
    with (transaction.atomic() if options.dry_run else _nothing(),
          fastwrite.FewerCollections()):  # fmt: skip
        run = _Run(path, options, report)
        run.survey()
        run.import_posts()
        site = run.site
        del run  # its plan of every post's address, no longer needed (tens of MB)
        # A dry run hands over too, inside its rolled-back transaction, so its
        # report counts the redirects and pins a real run would make (issue 22).
        writes.after_import(site)
        hand_over(site, report)
        if options.dry_run:
            transaction.set_rollback(True)
    return report


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class _Run:
    def __init__(self, path, options, report):
        self.path, self.options, self.report = path, options, report
        self.site = None
        self.plan = {}  # wp id -> new slug
        self.paths = {}  # old path -> wp id

    # Pass 1

    def survey(self):
        totals = {"posts": 0}
        pending = []  # posts of pass 1, as (wp_id, slug, paths), until slugs are settled
        for record in read(self.path, comments=False):
            if isinstance(record, Site):
                self._site(record)
            elif isinstance(record, Item):
                self._survey_item(record, totals, pending)
            else:
                self._header(record)
        self.total = totals["posts"]
        self._settle_slugs(pending)
        self.site.old_paths = list(permalinks.SITE_PATHS)
        if not self.options.dry_run:
            self.site.save()

    def _site(self, site):
        key = mapping.site_key(site)
        self.site, created = ImportedSite.objects.get_or_create(
            key=key, defaults={"title": site.title[:300], "base_url": site.base_blog_url[:500]}
        )
        self.namespace = site.namespace  # the second pass reads items by it
        self.base = permalinks.base_path(site.base_blog_url or site.link)
        self.host = key.split("/", 1)[0]
        self.people = People(site=self.site, report=self.report,
                             author_map=self.options.author_map)  # fmt: skip
        self.terms = Terms(site=self.site, report=self.report)
        self.attachments = Attachments(
            site=self.site, uploads=self.options.uploads, report=self.report,
            dry_run=self.options.dry_run, uploader_names=self.people.names,
        )  # fmt: skip

    def _header(self, record):
        if hasattr(record, "login"):
            self.people.add_author(record)
        else:
            self.terms.add(record)

    def _survey_item(self, item, totals, pending):
        if item.wp_id is None:
            self.report.note("items skipped", f"line {item.line}: no wp:post_id "
                             "in the WordPress namespace")  # fmt: skip
            return
        if item.type == "attachment":
            self.attachments.add(item, self.base)
            return
        if item.type not in mapping.ARTICLE_TYPES:
            self.report.count(f"skipped: {item.type or 'no type'}")
            return
        status, _note = mapping.article_status(item)
        if status is None:
            return
        totals["posts"] += 1
        self._learn_structure(item, status)
        pending.append((item.wp_id, mapping.slug_for(item)))
        for url in (item.link, item.guid):
            path = permalinks.path_of(url, self.base) if self._is_ours(url) else None
            if path:
                self.paths.setdefault(path, item.wp_id)
        self.paths.setdefault(f"/?p={item.wp_id}", item.wp_id)

    def _learn_structure(self, item, status):
        if self.site.structure or status != "published" or item.type != "post":
            return
        found = permalinks.structure_of(
            permalinks.path_of(item.link, self.base), date=item.date,
            slug=item.slug, wp_id=item.wp_id, category_path=self._category_path(item),
        )  # fmt: skip
        if found:
            self.site.structure = found

    def _category_path(self, item):
        cats = mapping.categories(item)
        return self.terms.path(cats[0]) if cats else ""

    def _settle_slugs(self, pending):
        """One address per post: the WordPress slug when free, else slug-ID."""
        done = dict(
            ImportedPost.objects.filter(site=self.site).values_list("wp_id", "article__slug")
        )
        self.fresh = sum(wp_id not in done for wp_id, _slug in pending)  # posts to write
        wanted = {slug for wp_id, slug in pending if wp_id not in done}
        taken = set()
        wanted_list = list(wanted)
        for start in range(0, len(wanted_list), 500):
            chunk = wanted_list[start : start + 500]
            taken.update(Article.objects.filter(slug__in=chunk).values_list("slug", flat=True))
        for wp_id, slug in pending:
            if wp_id in done:
                self.plan[wp_id] = done[wp_id]
                continue
            if slug in taken:
                slug = f"{slug[:180]}-{wp_id}"
            taken.add(slug)
            self.plan[wp_id] = slug

    def _is_ours(self, url):
        if "://" not in url:
            return url.startswith(("/", "?"))
        return url.split("://", 1)[1].split("/", 1)[0].lower() == self.host

    # Pass 2

    def import_posts(self):
        self.library = self._library()
        self.article_url = ArticleUrls()  # for link(), in the workers too
        writer = writes.Writer(run=self)
        try:
            with fastwrite.BulkSession(), bulkindexes.SetAside(
                posts=self.fresh, dry_run=self.options.dry_run
            ):
                self._write_batches(writer)
        finally:
            writer.close()

    def _write_batches(self, writer):
        batch = []
        for wp_id, raw in raw_items(self.path, self.namespace, self.plan):
            batch.append((wp_id, raw))
            if len(batch) >= self.options.batch_size:
                writer.write(batch)
                batch = []
        if batch:
            writer.write(batch)
        writer.flush()

    def _library(self):
        library = Library()
        # In WordPress's id order: a [gallery] without ids shows its post's
        # attachments so, and every database must give the same body.
        rows = ImportedAttachment.objects.filter(site=self.site).order_by("wp_id")
        for wp_id, name, url, parent, caption in rows.values_list(
            "wp_id", "name", "url", "parent_wp_id", "image__caption"
        ):
            library.by_id[wp_id] = (name, caption or "")
            library.by_url[original_url(url)] = wp_id
            if parent:
                library.children.setdefault(parent, []).append(wp_id)
        for record in self.attachments.done.values():  # a dry run saved none
            library.by_id.setdefault(record.wp_id, (record.name, ""))
            library.by_url.setdefault(original_url(record.url), record.wp_id)
        return library

    def link(self, href):
        """(the new address of a link to an imported post, or the link as it
        was; False when it points at this site but at no imported post)."""
        if not self._is_ours(href) or href.startswith(("#", "mailto:")):
            return href, True
        path = permalinks.path_of(href, self.base)
        if path is None or "/wp-content/" in path or path.startswith("/files/"):
            return href, True
        wp_id = self.paths.get(path) or self.paths.get(path.rstrip("/") + "/")
        if wp_id in self.plan:
            return self.article_url(self.plan[wp_id]), True
        return href, False
