from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from masthead.core import text
from masthead.core.links import slug_url
from masthead.core.sanitize import prose_text, render_article_body
from masthead.core.story import blank_blocks

from .querysets import ArticleManager, BodyReferenceQuerySet, SectionQuerySet
from .story import render_story
from .story import validate as validate_story


class Section(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    in_navigation = models.BooleanField(_("shown in navigation"), default=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("articles:section", self.slug)


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("articles:tag", self.slug)


class Article(models.Model):
    """A story: headline, byline, hero image, Markdown body and its comments."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    title = models.CharField(_("headline"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    standfirst = models.TextField(
        _("standfirst"), blank=True, help_text=_("The one- or two-sentence summary.")
    )
    body = models.TextField(_("body"), help_text=_("Markdown."))
    body_html = models.TextField(editable=False, default="")
    # What the body's blocks show (story.Rendered.facts): its pictures for
    # structured data, feeds and the API, the iframe origins its CSP allows,
    # and what the checklist warns is missing or unresolved.
    story = models.JSONField(editable=False, default=dict)
    word_count = models.PositiveIntegerField(editable=False, default=0)
    reading_minutes = models.PositiveSmallIntegerField(editable=False, default=1)
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="articles", null=True
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    authors = models.ManyToManyField(
        "people.Person", through="ArticleAuthor", related_name="articles"
    )
    hero_image = models.ForeignKey(
        "media.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hero_of",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    # When a published story's words last changed: the "Updated" line.
    revised_at = models.DateTimeField(_("updated"), null=True, blank=True, editable=False)
    comments_enabled = models.BooleanField(_("comments open"), default=True)
    # The account that started the story: "own" in the Contributor and Author roles.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    # Counts the article's saves: a form or an API write says which version it
    # was edited from, and one made on an older version is refused, so two
    # editors never silently overwrite each other (editorial/conflicts.py,
    # issue 20). Re-rendering a body (update_fields) is not an edit.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    objects = ArticleManager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            # Newest-first listings walk these in order and read status from
            # the index itself (it is last, so counts never touch the table).
            # An index led by status would make SQLite sort every published
            # article for a LIMIT 9: 200 ms at 100,000 articles instead of 2.
            models.Index(fields=["-published_at", "-id", "status"], name="article_newest_idx"),
            models.Index(
                fields=["section", "-published_at", "-id", "status"],
                name="article_section_newest_idx",
            ),
            # The worker's "what is due" question, over scheduled rows only.
            models.Index(
                fields=["published_at"],
                condition=models.Q(status="scheduled"),
                name="article_scheduled_idx",
            ),
        ]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        # Checked by masthead.editorial.policy; granted to roles by its migration.
        permissions = [
            ("publish_article", _("Can publish, schedule and unpublish own articles")),
            ("edit_others_article", _("Can edit and publish other people's articles")),
            ("review_article", _("Can review submitted articles and send them back")),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._loaded_words = (article.__dict__.get("title"), article.__dict__.get("body"))
        return article

    def save(self, *args, **kwargs):
        self.derive()
        if self.words_changed_since_publication():
            self.revised_at = timezone.now()
        if kwargs.get("update_fields") is None:
            self.version += 1
        super().save(*args, **kwargs)

    def derive(self):
        """Work out what the body shows: its HTML, word count and reading time
        (on save, and for the editor's live preview of unsaved text)."""
        self.render_body()
        self.word_count = text.count_words(self.read_text)
        self.reading_minutes = text.reading_minutes(self.read_text, self.image_count)

    def render_body(self, published_stories=None, render_text=None):
        """`published_stories`: Article.objects.published(), which a caller
        rendering many bodies (an import) may build once for all of them;
        `render_text`: see render_story()."""
        if published_stories is None:
            published_stories = Article.objects.published()
        try:
            rendered = render_story(
                self.body, own_slug=self.slug, published_stories=published_stories,
                render_text=render_text,
            )  # fmt: skip
        except ValidationError:
            # A body written outside a form (a script, an import) with a broken
            # block is still saved and shown, as plain Markdown.
            self.body_html, self.story, self.body_references_wanted = (
                render_article_body(self.body), {}, set()
            )
            return
        self.body_html, self.story = rendered.html, rendered.facts()
        self.body_references_wanted = rendered.references  # synced after the save

    def clean(self):
        try:
            validate_story(self.body)
        except ValidationError as error:
            raise ValidationError({"body": error.messages}) from error
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.status == self.Status.SCHEDULED and self.published_at is None:
            raise ValidationError(
                {"published_at": _("A scheduled article needs a publication time.")}
            )

    def get_absolute_url(self):
        return slug_url("articles:detail", self.slug)

    @property
    def image_count(self):
        """Pictures a reader looks at: the hero and those in the body."""
        return (1 if self.hero_image_id else 0) + len(self.story.get("images", ()))

    @property
    def read_text(self):
        """The body's words as a reader meets them: captions, fact boxes and
        pull quotes, but not block fences, file names or addresses."""
        return self.read_text_of(self.body)

    @staticmethod
    def read_text_of(body):
        """read_text for a body not in an instance (a WordPress import's
        worker processes count its words, issue 22)."""
        return blank_blocks(body, kinds=("gallery", "related", "embed"))

    @property
    def body_images(self):
        """The pictures the body shows, as public facts (story.Rendered.facts)."""
        return self.story.get("images", [])

    @property
    def is_published(self):
        return (
            self.status in (self.Status.PUBLISHED, self.Status.SCHEDULED)
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def words_changed_since_publication(self):
        loaded = getattr(self, "_loaded_words", None)
        return (
            loaded is not None
            and self.is_published
            and loaded != (self.title, self.body)
        )

    @property
    def reading_time_label(self):
        return text.reading_time_label(self.reading_minutes)

    @property
    def summary(self):
        # The prose alone: an imported story without an excerpt began its
        # summary with a caption and its credit (issue 22).
        return self.standfirst or " ".join(prose_text(self.body_html).split())[:280]

    def comments_are_open(self, now=None):
        """Closed per article, or automatically N days after publication."""
        if not self.comments_enabled:
            return False
        days = settings.MASTHEAD_COMMENTS_CLOSE_AFTER_DAYS
        if days is None or self.published_at is None:
            return True
        now = now or timezone.now()
        return now < self.published_at + timedelta(days=days)


class ArticleAuthor(models.Model):
    """One name in a byline; position keeps the byline in the order editors set."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="bylines"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="one_byline_each")
        ]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return str(self.person)


class BodyReference(models.Model):
    """A row a story's body shows: a picture by file name, a story by slug or an
    embed by address. When that row changes, the story is rendered again."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("picture")
        ARTICLE = "article", _("story")
        EMBED = "embed", _("embed")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="body_references"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=1000)

    objects = BodyReferenceQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["kind", "key"], name="body_reference_idx")]
        constraints = [
            models.UniqueConstraint(fields=["article", "kind", "key"], name="one_reference")
        ]

    def __str__(self):
        return f"{self.kind} {self.key}"


class CorrectionQuerySet(models.QuerySet):
    def recent(self):
        """Corrections and updates readers may see: those on published articles."""
        return (
            self.filter(article__in=Article.objects.published())
            .select_related("article")
            .order_by("-created_at", "-id")
        )


class Correction(models.Model):
    """A note appended to a published story; it moves the story's "Updated" time."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION
    )
    text = models.TextField(
        _("text"), help_text=_("What was wrong and what is right now, or what changed.")
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"
