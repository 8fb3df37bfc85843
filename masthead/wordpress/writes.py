"""A batch of posts with their comments, written in one transaction.

Rows go in with bulk inserts (posts, bylines, tags, body references, comments
level by level so replies know their parent's id, import records): issue 22
asks for thousands of posts a second. What `Article.save()` derives (the
rendered body, word count, reading time) is derived by the same methods;
what the model signals would do is done here in bulk: body references and
embeds once per batch, page purges once per batch, quote extraction queued
once per import. No comment email is due, and comment_was_posted is not
sent: WordPress's readers were notified years ago (issue 22, item 9).
"""

import ipaddress
import socket
from datetime import timedelta

from django.db import reset_queries, transaction
from django.utils import timezone

from masthead.articles.models import Article, ArticleAuthor, BodyReference
from masthead.comments.models import Comment
from masthead.comments.privacy import retention_days, truncate_ip
from masthead.core import text
from masthead.jobs.queue import enqueue_on_commit
from masthead.media.embeds import request_embeds
from masthead.pagecache import tags as page_tags
from masthead.pagecache.purges import purge_on_commit

from . import fastwrite, mapping, parallel, permalinks, tasks
from .exporter import MARKDOWN_META
from .models import ImportedAttachment, ImportedComment, ImportedPost

Tagging = Article.tags.through
# Raw inserts (fastwrite.py) for every table; articles are built as instances
# first, which render their own bodies. No comment email is due (emails_due
# stays False).
ARTICLE_COLUMNS = (
    "title", "slug", "standfirst", "body", "body_html", "story", "word_count",
    "reading_minutes", "section_id", "hero_image_id", "status", "published_at",
    "revised_at", "comments_enabled", "created_by_id", "version",
)  # fmt: skip
COMMENT_COLUMNS = (
    "article_id", "parent_id", "depth", "name", "email", "website", "body", "body_html",
    "status", "ip_address", "created_at", "status_reason",
)  # fmt: skip
COMMENT_RECORD_COLUMNS = ("site_id", "wp_id", "comment_id", "kind", "meta")
POST_RECORD_COLUMNS = ("site_id", "wp_id", "guid", "post_type", "article_id", "sticky",
                       "old_paths", "meta", "hero_wp_id")  # fmt: skip
PARALLEL_FROM = 1000  # posts: below that, starting worker processes costs more


class Writer:
    def __init__(self, *, run):
        self.run, self.report, self.options = run, run.report, run.options
        self.done = 0
        self.now = timezone.now()
        self.article_rows = fastwrite.Table(Article, ARTICLE_COLUMNS)
        self.comment_rows = fastwrite.Table(Comment, COMMENT_COLUMNS)
        self.comment_records = fastwrite.Table(ImportedComment, COMMENT_RECORD_COLUMNS)
        self.post_records = fastwrite.Table(ImportedPost, POST_RECORD_COLUMNS)
        self.bylines = fastwrite.Table(ArticleAuthor, ("article_id", "person_id", "position"))
        self.tagging = fastwrite.Table(Tagging, ("article_id", "tag_id"))
        self.references = fastwrite.Table(BodyReference, ("article_id", "kind", "key"))
        self.preparer = parallel.Preparer(
            run, run.options.workers if run.total >= PARALLEL_FROM else 1
        )
        self.pending = None  # the batch the workers are preparing
        self.ip_cutoff = self.now - timedelta(days=retention_days())
        self.heroes = dict(
            ImportedAttachment.objects.filter(site=run.site, image__isnull=False)
            .values_list("wp_id", "image_id")
        )

    def write(self, items):
        """Hand this batch to the workers, then write the one before: the
        workers prepare bodies while this process writes rows."""
        existing = set(
            ImportedPost.objects.filter(site=self.run.site, wp_id__in=[i.wp_id for i in items])
            .values_list("wp_id", flat=True)
        )
        fresh = [item for item in items if item.wp_id not in existing]
        self.report.count("posts already imported", len(items) - len(fresh))
        threads = [self._thread(item) for item in fresh]
        prepared = self.preparer.submit([self._work(item, thread)
                                         for item, thread in zip(fresh, threads, strict=True)])  # fmt: skip
        self.flush()
        self.pending = (fresh, threads, prepared, len(items))

    def flush(self):
        """Write the batch the workers were given last."""
        if self.pending is None:
            return
        fresh, threads, prepared, count = self.pending
        self.pending = None
        if fresh:
            self._ensure_people_and_terms(fresh)
            with transaction.atomic():
                self._write(fresh, threads, prepared())
                if self.options.checkpoint:
                    self.options.checkpoint(self.done + len(fresh))
        self.done += count
        # With DEBUG on (the CLI's dev settings) Django keeps the last 9,000
        # queries; a bulk insert's SQL is large, so that alone grew past 300 MB.
        reset_queries()
        if self.options.progress:
            self.options.progress(self.done, self.run.total, "posts")

    def close(self):
        self.preparer.close()

    def _ensure_people_and_terms(self, items):
        for item in items:
            guests = mapping.guest_names(item)
            for login in mapping.bylines(item):
                self.run.people.add(login, guests.get(login) or login)
            for domain, nicename, name in item.terms:
                if domain == "category":
                    self.run.terms.section(nicename, name)
                elif domain == "post_tag":
                    self.run.terms.tag(nicename, name)

    def _write(self, items, threads, prepared):
        articles, records = [], []
        published = Article.objects.published()  # one query set for the batch
        for item, post in zip(items, prepared, strict=True):
            article, record = self._article(item, post, published)
            articles.append(article)
            records.append(record)
        new_ids = self.article_rows.insert(
            [[getattr(article, name) for name in ARTICLE_COLUMNS] for article in articles],
            returning=True,
        )
        for article, pk in zip(articles, new_ids, strict=True):
            article.pk = pk
        self._links(items, articles)
        for article, record in zip(articles, records, strict=True):
            record.article = article
        self.post_records.insert([[getattr(record, name) for name in POST_RECORD_COLUMNS]
                                  for record in records])  # fmt: skip
        self._comments(threads, articles, [pair for post in prepared for pair in post.comments])
        sections = {a.section_id for a in articles if a.section_id}
        purge_on_commit({page_tags.ARTICLES} | {page_tags.section(pk) for pk in sections})

    def _work(self, item, thread):
        """What parallel.prepare() needs of a post and its comments."""
        comments = [self._source(comment) for comment, _, _ in thread]
        return item.wp_id, item.content, item.meta_value(MARKDOWN_META) or None, comments

    def _article(self, item, post, published):
        run, where = self.run, f"post {item.wp_id}"
        status, note = mapping.article_status(item)
        if note:
            self.report.note("posts changed", f"{item.wp_id} “{mapping.title_of(item)}”: {note}")
        body = post.body
        self._report_body(post, where)
        section = mapping.section_slug(item, section_from=self.options.section_from,
                                       term_ids=run.terms.ids)  # fmt: skip
        hero_id = _int(item.meta_value("_thumbnail_id"))
        article = Article(
            title=mapping.title_of(item), slug=run.plan[item.wp_id],
            standfirst=mapping.plain(item.excerpt), body=body.markdown,
            status=status, published_at=mapping.post_time(item),
            section_id=run.terms.sections.get(section) if section else None,
            hero_image_id=self.heroes.get(hero_id), comments_enabled=item.comment_status == "open",
        )  # fmt: skip
        if status in ("draft", "review") and not item.date_gmt.strip("0 :-"):
            article.published_at = None
        _derive(article, published, post.render_text)
        self.report.count(f"{item.type}s imported ({status})")
        record = ImportedPost(
            site=run.site, wp_id=item.wp_id, guid=item.guid[:500], post_type=item.type,
            sticky=item.sticky, meta=[list(pair) for pair in item.meta],
            hero_wp_id=hero_id if hero_id and not article.hero_image_id else None,
            old_paths=permalinks.post_paths(
                link=item.link, guid=item.guid, wp_id=item.wp_id, post_type=item.type,
                structure=run.site.structure, base=run.base, date=item.date,
                slug=item.slug, category_path=run._category_path(item),
            ),
        )  # fmt: skip
        if item.sticky:
            self.report.count("sticky posts (to pin on the front page)")
        return article, record

    def _report_body(self, post, where):
        body = post.body
        for href in post.unlinked:
            self.report.note("internal links not rewritten", href, where)
        for entry in body.unknown:
            heading = "unknown blocks" if entry.startswith("block ") else "unknown shortcodes"
            self.report.note(heading, entry.removeprefix("block "), where)
        for url in body.missing:
            self.report.note("pictures not among the file's attachments", url, where)

    def _links(self, items, articles):
        bylines, tagging, references, embeds = [], [], [], []
        for item, article in zip(items, articles, strict=True):
            for position, login in enumerate(mapping.bylines(item)):
                bylines.append((article.pk, self.run.people.by_login[login], position))
            for tag_id in dict.fromkeys(self._tag_ids(item, article)):
                tagging.append((article.pk, tag_id))
            for kind, key in article.body_references_wanted:
                references.append((article.pk, kind, key))
                if kind == BodyReference.Kind.EMBED:
                    embeds.append(key)
        self.bylines.insert(bylines)
        self.tagging.insert(tagging)
        self.references.insert(references)
        if embeds:
            request_embeds(embeds)

    def _tag_ids(self, item, article):
        """Its tags, then its other categories as tags: nothing it was filed under is lost."""
        terms = self.run.terms
        for nicename, _name in mapping.post_tags(item):
            yield terms.tags[nicename]
        for nicename in mapping.categories(item):
            if terms.sections.get(nicename) != article.section_id:
                yield terms.tag(nicename, nicename)

    def _comments(self, threads, articles, markup):
        """Level by level, so that each reply's parent already has its id."""
        levels, markup = {}, iter(markup)
        for thread, article in zip(threads, articles, strict=True):
            for comment, depth, parent in thread:
                row = self._comment(comment, article, depth, *next(markup))
                levels.setdefault(depth, []).append((row, parent, comment))
        ids, records = {}, []
        for depth in sorted(levels):
            rows = levels[depth]
            for row, parent, _comment in rows:
                row[1] = ids.get(parent)
            new_ids = self.comment_rows.insert([row for row, _, _ in rows], returning=True)
            for (_row, _parent, comment), pk in zip(rows, new_ids, strict=True):
                ids[comment.wp_id] = pk
                records.append((self.run.site.pk, comment.wp_id, pk,
                                mapping.comment_kind(comment), [list(m) for m in comment.meta]))  # fmt: skip
        self.comment_records.insert(records)
        self.report.count("comments imported", len(records))

    def _thread(self, item):
        """(comment, depth, parent wp id) in an order where parents come first."""
        kept = {}
        for comment in item.comments:
            kind = mapping.comment_kind(comment)
            if kind is None:
                self.report.note("comments held back", f"type “{comment.type}” is not a "
                                 "reader comment", f"post {item.wp_id}")  # fmt: skip
            elif kind != "comment" and self.options.pingbacks == "skip":
                self.report.count(f"{kind}s skipped")
            else:
                kept[comment.wp_id] = comment
        out = []
        for comment in kept.values():
            depth, parent, seen = 0, comment.parent, {comment.wp_id}
            while parent and parent in kept and parent not in seen:
                seen.add(parent)
                depth, parent = depth + 1, kept[parent].parent
            if comment.parent and comment.parent not in kept:
                self.report.note("replies whose parent is missing, kept as comments",
                                 str(comment.wp_id), f"post {item.wp_id}")  # fmt: skip
            out.append((comment, depth, comment.parent if depth else None))
        if any(mapping.comment_kind(c) != "comment" for c, _, _ in out):
            self.report.count("pingbacks and trackbacks kept",
                              sum(mapping.comment_kind(c) != "comment" for c, _, _ in out))
        return out

    def _source(self, comment):
        """What parallel.comment_markup() needs of a comment."""
        return comment.content, next(
            (value for key, value in comment.meta if key == MARKDOWN_META), None
        )

    def _comment(self, comment, article, depth, body, body_html):
        """A row in COMMENT_COLUMNS' order; its parent's id (index 1) comes later."""
        created = (mapping.utc(comment.date_gmt) or mapping.utc(comment.date)
                   or article.published_at or self.now)  # fmt: skip
        ip = _ip(comment.ip)
        if ip and created < self.ip_cutoff:
            ip = truncate_ip(ip)
        return [
            article.pk, None, depth, mapping.plain(comment.author, 245) or "Anonymous",
            comment.email[:100], comment.url[:200], body, body_html,
            mapping.comment_status(comment), ip, created, "imported from WordPress",
        ]  # fmt: skip


def _derive(article, published_stories, render_text):
    """What Article.save() derives, without the save (the batch inserts it)."""
    article.render_body(published_stories, render_text)
    article.word_count = text.count_words(article.read_text)
    article.reading_minutes = text.reading_minutes(article.read_text, article.image_count)


def _ip(value):
    value = (value or "").strip()
    try:  # IPv4 without the ipaddress module's cost (a tenth of a large import)
        return socket.inet_ntop(socket.AF_INET, socket.inet_pton(socket.AF_INET, value))
    except OSError:
        pass
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def after_import(site):
    """Once per run: pictures that arrived after their post, and quotes."""
    for record in ImportedPost.objects.filter(site=site, hero_wp_id__isnull=False):
        image_id = (ImportedAttachment.objects.filter(site=site, wp_id=record.hero_wp_id)
                    .values_list("image_id", flat=True).first())  # fmt: skip
        if image_id:
            Article.objects.filter(pk=record.article_id).update(hero_image_id=image_id)
            ImportedPost.objects.filter(pk=record.pk).update(hero_wp_id=None)
    enqueue_on_commit(tasks.extract_imported_quotes, site.pk)
