"""Newsletters: the lists, their readers, the editions and the send ledger.

A reader is one `Subscriber` row per address, subscribed to lists through
`Subscription` rows, each confirmed by a signed link before anything is sent
(double opt-in). An `Edition` is frozen when it starts sending: its text and
HTML are stored, and one `Delivery` row per recipient is the ledger the worker
claims and marks (sending.py), so no recipient gets it twice and none is
skipped, whatever happens to the worker.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from masthead.core.links import url
from masthead.core.sanitize import render_article_body

from .querysets import (
    DeliveryQuerySet,
    EditionQuerySet,
    NewsletterQuerySet,
    SubscriberQuerySet,
    SubscriptionQuerySet,
)


def new_key():
    return get_random_string(20)


class Newsletter(models.Model):
    """A list readers subscribe to: a daily briefing, breaking news, a section's."""

    class Cadence(models.TextChoices):
        NONE = "none", _("Only editions editors send")
        DAILY = "daily", _("A daily digest")
        WEEKLY = "weekly", _("A weekly digest")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    section = models.ForeignKey(
        "articles.Section",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newsletters",
        verbose_name=_("section"),
        help_text=_("Digests of this section's stories only; empty for every section."),
    )
    cadence = models.CharField(
        _("digest"), max_length=10, choices=Cadence.choices, default=Cadence.NONE
    )
    send_time = models.TimeField(
        _("digest time"), default="07:00", help_text=_("In the site's time zone.")
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday of a weekly digest"),
        default=0,
        choices=[
            (n, day)
            for n, day in enumerate(
                [
                    "Monday",
                    "Tuesday",
                    "Wednesday",
                    "Thursday",
                    "Friday",
                    "Saturday",
                    "Sunday",
                ]
            )
        ],
    )
    min_stories = models.PositiveSmallIntegerField(
        _("fewest new stories"),
        default=3,
        help_text=_("A digest with fewer new stories is skipped."),
    )
    is_public = models.BooleanField(
        _("offered in sign-up forms"),
        default=True,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    last_digest_at = models.DateTimeField(
        _("last digest"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NewsletterQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return url("newsletters:archive", slug=self.slug)


class Subscriber(models.Model):
    """One reader's address. Never shown on a public page (STYLE.md, 2)."""

    email = models.EmailField(_("email"), max_length=254, unique=True)
    # Part of every signed link: erasing or re-keying a subscriber voids them.
    key = models.CharField(max_length=20, default=new_key, editable=False)
    created_at = models.DateTimeField(_("first sign-up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    suppressed_at = models.DateTimeField(
        _("suppressed"),
        null=True,
        blank=True,
        help_text=_(
            "Set when mail to this address bounced for good or was "
            "reported as spam: nothing is sent to it any more."
        ),
    )
    suppressed_reason = models.CharField(
        _("why suppressed"), max_length=300, blank=True
    )
    # The confirmation email is sent by the worker, not the reader's request.
    confirmation_due = models.BooleanField(default=False, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        indexes = [
            models.Index(
                fields=["confirmation_due"],
                condition=models.Q(confirmation_due=True),
                name="subscriber_confirmation_due",
            ),
        ]

    def __str__(self):
        return self.email

    @property
    def is_suppressed(self):
        return self.suppressed_at is not None


class Subscription(models.Model):
    """A subscriber on one list: pending until confirmed, then active."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        ACTIVE = "active", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.CASCADE, related_name="subscriptions"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter"], name="one_subscription_per_list"
            ),
        ]
        indexes = [
            models.Index(
                fields=["newsletter", "status"], name="subscription_list_status"
            )
        ]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self):
        return f"{self.newsletter} ({self.get_status_display()})"


class Edition(models.Model):
    """One message to a list: a digest, an editor's edition or a breaking alert."""

    class Kind(models.TextChoices):
        EDITION = "edition", _("Edition")
        DIGEST = "digest", _("Automatic digest")
        ALERT = "alert", _("Breaking news alert")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")

    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.PROTECT, related_name="editions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EDITION)
    subject = models.CharField(_("subject"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    intro_html = models.TextField(editable=False, default="")
    stories = models.ManyToManyField(
        "articles.Article", through="EditionStory", related_name="+", blank=True
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Frozen when sending starts: every recipient gets these, with their own links.
    text_body = models.TextField(editable=False, default="")
    html_body = models.TextField(editable=False, default="")
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)
    recipients = models.PositiveIntegerField(default=0, editable=False)
    # What holds the edition up (the mail server is down...), shown to editors.
    problem = models.CharField(max_length=500, blank=True, editable=False)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        permissions = [("send_edition", _("Can send and schedule editions"))]

    def __str__(self):
        return self.subject

    def save(self, *args, **kwargs):
        self.intro_html = render_article_body(self.intro) if self.intro else ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return url("newsletters:edition", slug=self.newsletter.slug, pk=self.pk)

    @property
    def is_public(self):
        """Its archive page exists once it has gone out."""
        return self.status in (self.Status.SENDING, self.Status.SENT)


class EditionStory(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="edition_stories"
    )
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")


class Delivery(models.Model):
    """The ledger: one edition to one subscriber, claimed and marked by the worker.

    queued/retry -> claimed (a worker's, until its lease ends) -> sending
    (written just before the message's final dot: the mail server has all
    but its last line) -> sent; or failed (a permanent refusal), or skipped
    (unsubscribed or suppressed before its turn).
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        CLAIMED = "claimed", _("Claimed by a worker")
        SENDING = "sending", _("Handed to the mail server")
        SENT = "sent", _("Sent")
        RETRY = "retry", _("Waiting to retry")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=40, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "subscriber"], name="one_delivery_per_recipient"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="delivery_due")
        ]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self):
        return f"{self.edition} → {self.subscriber_id} ({self.state})"
