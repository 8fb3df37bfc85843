"""A batch of posts with their comments, written in one transaction.

Rows go in with bulk inserts (posts, bylines, tags, body references, comments
level by level so replies know their parent's id, import records): issue 22
asks for thousands of posts a second. What `Article.save()` derives (the
rendered body, word count, reading time) is derived by the same methods;
what the model signals would do is done here in bulk: body references and
embeds once per batch, page purges once per batch, quote extraction queued
once per import. No comment email is due, and comment_was_posted is not
sent: WordPress's readers were notified years ago (issue 22, item 9).

The worker processes (prepared.py) send each post back read and converted,
with its comment rows and their import records built and adapted: this
process looks up what needs the database, sets ids, and inserts.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import reset_queries, transaction
from django.utils import timezone

from masthead.articles.models import Article, ArticleAuthor, BodyReference
from masthead.articles.story import render_story
from masthead.comments.models import Comment
from masthead.comments.privacy import retention_days
from masthead.core import text
from masthead.core.sanitize import render_article_body
from masthead.jobs.queue import enqueue_on_commit
from masthead.media.embeds import request_embeds
from masthead.pagecache import tags as page_tags
from masthead.pagecache.purges import purge_on_commit

from . import fastwrite, mapping, parallel, prepared, tasks
from .models import ImportedAttachment, ImportedComment, ImportedPost
from .records import Names

Tagging = Article.tags.through
# Raw inserts (fastwrite.py) for every table, from rows: the columns not
# named (revised_at, created_by, version, emails_due…) take their defaults,
# as a new Article or Comment has them. No comment email is due.
ARTICLE_COLUMNS = (
    "title", "slug", "standfirst", "body", "body_html", "story", "word_count",
    "reading_minutes", "section_id", "hero_image_id", "status", "published_at",
    "comments_enabled",
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
        # Before the fork: the workers build comment rows with this clock and table.
        prepared.adopt(prepared.Context(
            run=run, names=Names(run.namespace), now=self.now,
            ip_cutoff=self.now - timedelta(days=retention_days()),
            comment_table=self.comment_rows, record_table=self.comment_records,
            site_id=run.site.pk,
        ))  # fmt: skip
        self.preparer = parallel.Preparer(
            prepared.prepare, run.options.workers if run.total >= PARALLEL_FROM else 1
        )
        self.pending = None  # the batch the workers are preparing
        self.heroes = dict(
            ImportedAttachment.objects.filter(site=run.site, image__isnull=False)
            .values_list("wp_id", "image_id")
        )

    def write(self, items):
        """Hand this batch of (wp id, item XML) to the workers, then write the
        one before: the workers prepare posts while this process writes rows."""
        existing = set(
            ImportedPost.objects.filter(site=self.run.site, wp_id__in=[wp_id for wp_id, _ in items])
            .values_list("wp_id", flat=True)
        )
        fresh = [raw for wp_id, raw in items if wp_id not in existing]
        self.report.count("posts already imported", len(items) - len(fresh))
        posts = self.preparer.submit(fresh)
        self.flush()
        self.pending = (posts, len(items))

    def flush(self):
        """Write the batch the workers were given last."""
        if self.pending is None:
            return
        posts, count = self.pending
        self.pending = None
        posts = posts()
        if posts:
            for post in posts:
                prepared.replay(post.notes, self.report)
            self._ensure_people_and_terms(posts)
            with transaction.atomic():
                self._write(posts)
                if self.options.checkpoint:
                    self.options.checkpoint(self.done + len(posts))
        self.done += count
        # With DEBUG on (the CLI's dev settings) Django keeps the last 9,000
        # queries; a bulk insert's SQL is large, so that alone grew past 300 MB.
        reset_queries()
        if self.options.progress:
            self.options.progress(self.done, self.run.total, "posts")

    def close(self):
        self.preparer.close()

    def _ensure_people_and_terms(self, posts):
        for post in posts:
            item = post.item
            guests = mapping.guest_names(item)
            for login in mapping.bylines(item):
                self.run.people.add(login, guests.get(login) or login)
            for domain, nicename, name in item.terms:
                if domain == "category":
                    self.run.terms.section(nicename, name)
                elif domain == "post_tag":
                    self.run.terms.tag(nicename, name)

    def _write(self, posts):
        published = Article.objects.published()  # one query set for the batch
        written = [self._article(post, published) for post in posts]
        new_ids = self.article_rows.insert([row for row, *_ in written], returning=True)
        records = []
        for (_row, record, _section, _references), pk in zip(written, new_ids, strict=True):
            record[4] = pk  # the record's article_id
            records.append(record)
        self._links(posts, written, new_ids)
        self.post_records.insert(records)
        self._comments(posts, new_ids)
        sections = {section for _row, _record, section, _refs in written if section}
        purge_on_commit({page_tags.ARTICLES} | {page_tags.section(pk) for pk in sections})

    def _article(self, post, published):
        """(the article's row in ARTICLE_COLUMNS' order, its import record's
        row in POST_RECORD_COLUMNS' order with the article's id still to come,
        its section's id, its body's references). Rows, not an Article: one
        instance a post was a fifth of the writer's time (issue 22)."""
        run, item = self.run, post.item
        if post.note:
            self.report.note("posts changed", f"{item.wp_id} “{mapping.title_of(item)}”: {post.note}")
        self._report_body(post, f"post {item.wp_id}")
        section = mapping.section_slug(item, section_from=self.options.section_from,
                                       term_ids=run.terms.ids)  # fmt: skip
        section_id = run.terms.sections.get(section) if section else None
        hero_id = _int(item.meta_value("_thumbnail_id"))
        hero_image_id = self.heroes.get(hero_id)
        slug, markdown = run.plan[item.wp_id], post.body.markdown
        html, story, references = _rendered(post, slug, markdown, published)
        images = (1 if hero_image_id else 0) + len(story.get("images", ()))
        row = [
            mapping.title_of(item), slug, mapping.plain(item.excerpt), markdown, html, story,
            post.word_count, text.reading_minutes_for(post.word_count, images), section_id,
            hero_image_id, post.status, post.published_at, item.comment_status == "open",
        ]  # fmt: skip
        self.report.count(f"{item.type}s imported ({post.status})")
        if item.sticky:
            self.report.count("sticky posts (to pin on the front page)")
        record = [
            run.site.pk, item.wp_id, item.guid[:500], item.type, None, item.sticky,
            post.old_paths, [list(pair) for pair in item.meta],
            hero_id if hero_id and not hero_image_id else None,
        ]  # fmt: skip
        return row, record, section_id, references

    def _report_body(self, post, where):
        body = post.body
        for href in post.unlinked:
            self.report.note("internal links not rewritten", href, where)
        for entry in body.unknown:
            heading = "unknown blocks" if entry.startswith("block ") else "unknown shortcodes"
            self.report.note(heading, entry.removeprefix("block "), where)
        for url in body.missing:
            self.report.note("pictures not among the file's attachments", url, where)

    def _links(self, posts, written, ids):
        bylines, tagging, references, embeds = [], [], [], []
        for post, (_row, _record, section_id, wanted), pk in zip(posts, written, ids, strict=True):
            item = post.item
            for position, login in enumerate(mapping.bylines(item)):
                bylines.append((pk, self.run.people.by_login[login], position))
            for tag_id in dict.fromkeys(self._tag_ids(item, section_id)):
                tagging.append((pk, tag_id))
            for kind, key in wanted:
                references.append((pk, kind, key))
                if kind == BodyReference.Kind.EMBED:
                    embeds.append(key)
        self.bylines.insert(bylines)
        self.tagging.insert(tagging)
        self.references.insert(references)
        if embeds:
            request_embeds(embeds)

    def _tag_ids(self, item, section_id):
        """Its tags, then its other categories as tags: nothing it was filed under is lost."""
        terms = self.run.terms
        for nicename, _name in mapping.post_tags(item):
            yield terms.tags[nicename]
        for nicename in mapping.categories(item):
            if terms.sections.get(nicename) != section_id:
                yield terms.tag(nicename, nicename)

    def _comments(self, posts, article_ids):
        """Level by level, so that each reply's parent already has its id. The
        rows come built from the workers (prepared.py): only ids are set here."""
        levels = {}
        for post, article_id in zip(posts, article_ids, strict=True):
            for depth, parent, wp_id, row, record in post.comments:
                row[0] = article_id
                levels.setdefault(depth, []).append((row, parent, wp_id, record))
        ids, records = {}, []
        for depth in sorted(levels):
            rows = levels[depth]
            for row, parent, _wp_id, _record in rows:
                row[1] = ids.get(parent)
            new_ids = self.comment_rows.insert([row for row, *_ in rows], returning=True,
                                               adapted=True)  # fmt: skip
            for (_row, _parent, wp_id, record), pk in zip(rows, new_ids, strict=True):
                ids[wp_id] = record[2] = pk
                records.append(record)
        self.comment_records.insert(records, adapted=True)
        self.report.count("comments imported", len(records))


def _rendered(post, slug, markdown, published_stories):
    """(body_html, story, body references) as Article.render_body() gives
    them: the worker's rendering when its blocks show no other row, else
    rendered here from the HTML the worker rendered for the body's text."""
    if post.rendered is not None:
        return post.rendered
    try:
        rendered = render_story(markdown, own_slug=slug, published_stories=published_stories,
                                render_text=post.render_text)  # fmt: skip
    except ValidationError:  # shown as plain Markdown, as render_body() does
        return render_article_body(markdown), {}, set()
    return rendered.html, rendered.facts(), rendered.references


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
