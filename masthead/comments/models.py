from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from masthead.core.sanitize import is_safe_url, render_comment_body

from .querysets import CommentQuerySet

# WordPress's column sizes, so a comment moved between the two always fits.
NAME_MAX_LENGTH = 245
EMAIL_MAX_LENGTH = 100
WEBSITE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 65525
# Byte limits as well: 245 emoji are 980 bytes. The body fits a MySQL TEXT
# column (65,535 bytes), so an export to WordPress never truncates a comment.
NAME_MAX_BYTES = 500
EMAIL_MAX_BYTES = 100
WEBSITE_MAX_BYTES = 400
BODY_MAX_BYTES = 65535


class Comment(models.Model):
    """A reader's comment. Email, IP and user agent are private to moderators."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        TRASH = "trash", _("Trash")

    class Flag(models.TextChoices):
        """Why a moderator should look twice (issue 21): set by the policy."""

        NONE = "", _("none")
        STAFF_EMAIL = "staff-email", _("uses a staff member's email address")
        STAFF_NAME = "staff-name", _("name looks like a staff member's")

    # No index of its own: the indexes below that start with the article serve
    # its lookups (see comment_public_thread_idx).
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comments",
        db_index=False,
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("email"), max_length=EMAIL_MAX_LENGTH)
    website = models.URLField(_("website"), max_length=WEBSITE_MAX_LENGTH, blank=True)
    body = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False, default="")
    # 0 for a top-level comment; kept so the depth limit costs no query.
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    # Why the policy gave this status ("2 links", "honeypot"), for moderators.
    status_reason = models.CharField(_("reason"), max_length=200, blank=True)
    # Reply notifications: asked for on the form, switched on only once the
    # address's owner clicks the signed link we mail them (double opt-in).
    notify_replies_requested = models.BooleanField(default=False, editable=False)
    notify_replies = models.BooleanField(_("notify of replies"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    # The staff badge. Set by services.post_comment for a signed-in staff
    # member and by nothing else: no form, admin field or API schema has it.
    by_staff = models.BooleanField(_("by staff"), default=False, editable=False)
    flag = models.CharField(
        _("flag"), max_length=20, choices=Flag.choices, blank=True, default="",
        editable=False,
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)
    # Set when the comment is stored, cleared by the worker once it has sent
    # the emails about it (tasks.send_due_emails): the row is its own outbox,
    # so posting writes one row in one statement.
    emails_due = models.BooleanField(default=False, editable=False)

    objects = CommentQuerySet.as_manager()

    # Not a column: services.post_comment says on the comment it returns
    # whether the poster's browser was trusted for its address (trust.py).
    poster_trusted = False

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(Lower("email"), "status", name="comment_email_lower_idx"),
            # The duplicate check's two sides (querysets.duplicates_of): without
            # the second, SQLite answered the email side from the article
            # index, reading every comment on the story for each post.
            models.Index(fields=["article", "name"], name="comment_article_name_idx"),
            models.Index("article", Lower("email"), name="comment_article_email_idx"),
            # An article's public thread, on every article page. A story flooded
            # with held spam must not slow its page: with only the indexes
            # above, PostgreSQL sometimes answered from one that leads with the
            # article alone, reading all 80,000 held comments on the story to
            # find its 50 approved ones (30 ms instead of 0.05).
            models.Index(
                fields=["article"], condition=models.Q(status="approved"),
                name="comment_public_thread_idx",
            ),
            # Only the few comments whose emails are still to go.
            models.Index(
                fields=["id"], condition=models.Q(emails_due=True),
                name="comment_emails_due_idx",
            ),
        ]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        # First-strong isolates (U+2068 ... U+2069), plain text's <bdi>: the
        # admin shows this in messages and breadcrumbs, where a right-to-left
        # override in a reader's name must not reorder the words around it.
        name, body = f"\u2068{self.name}\u2069", f"\u2068{self.body[:40]}\u2069"
        return f"{name} on {self.article_id}: {body}"

    def save(self, *args, **kwargs):
        self.body_html = render_comment_body(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED

    @property
    def safe_website(self):
        """The website only if it is http(s) after decoding: rows edited in the
        admin or imported skip the form's check, the page must not."""
        return self.website if is_safe_url(self.website) else ""


class CommentSettings(models.Model):
    """The spam and moderation rules, one row an editor changes in the admin.

    Read through `CommentSettings.current()`, which is cached; the cache is
    dropped by a signal handler whenever the row is saved.
    """

    CACHE_KEY = "masthead:comments:settings"
    ROW = 1  # the primary key of the one row

    hold_for_first_comment = models.BooleanField(
        _("hold a commenter's first comment"), default=True,
        help_text=_("A commenter is published at once only from a browser where "
                    "a comment of theirs (same email) was approved, or when "
                    "signed in as staff; name and email alone are a newcomer's."),
    )
    min_fill_seconds = models.PositiveIntegerField(
        _("minimum seconds to fill the form"), default=3,
        help_text=_("Faster posts are treated as bots and stored as spam."),
    )
    flood_seconds = models.PositiveIntegerField(
        _("seconds between comments"), default=15,
        help_text=_("From one IP address or email. 0 switches flood control off."),
    )
    max_per_hour = models.PositiveIntegerField(
        _("comments per IP address per hour"), default=30,
        help_text=_("0 means no hourly limit."),
    )
    hold_link_count = models.PositiveIntegerField(
        _("hold comments with this many links"), default=2,
        help_text=_("0 never holds a comment for its links."),
    )
    moderation_words = models.TextField(
        _("moderation words"), blank=True,
        help_text=_("One word, name, email, URL or IP per line. A comment "
                    "containing one in any field waits for a moderator."),
    )
    disallowed_words = models.TextField(
        _("disallowed words"), blank=True,
        help_text=_("One per line, matched the same way. A match goes to spam."),
    )
    notify_authors = models.BooleanField(
        _("email authors about approved comments"), default=True
    )
    notify_editors = models.BooleanField(
        _("email editors about comments awaiting moderation"), default=True
    )

    class Meta:
        verbose_name = _("comment settings")
        verbose_name_plural = _("comment settings")

    def __str__(self):
        return str(_("Comment settings"))

    @classmethod
    def current(cls):
        """The single settings row (created with defaults on first use), cached."""
        from django.core.cache import cache

        rules = cache.get(cls.CACHE_KEY)
        if rules is None:
            rules, _created = cls.objects.get_or_create(pk=cls.ROW)
            cache.set(cls.CACHE_KEY, rules, 300)
        return rules
