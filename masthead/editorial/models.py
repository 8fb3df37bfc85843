from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Transition(models.Model):
    """One change of an article's state: who moved it, from what, to what, when."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="transitions"
    )
    name = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(_("from"), max_length=20)
    to_status = models.CharField(_("to"), max_length=20)
    # Null when the scheduler acted: nobody was present when the embargo lifted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("time"), default=timezone.now)
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self):
        who = self.user or "scheduler"
        return f"{self.name}: {self.from_status} → {self.to_status} by {who}"


class Revision(models.Model):
    """The article's editable fields as they were after one save."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="revisions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    fields = models.JSONField(_("fields"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return f"Revision {self.pk} of “{self.fields.get('title', '')}”"


class Autosave(models.Model):
    """An editor's unsaved headline, standfirst and body for one article (or
    for the one they are starting), kept every few seconds so a crash or a
    closed tab loses nothing (issue 20). Never shown to readers, never written
    to the article: the editor restores it into the form and saves."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # Null: the story the editor is writing on the add page, not saved yet.
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
    )
    title = models.CharField(_("headline"), max_length=300, blank=True)
    standfirst = models.TextField(_("standfirst"), blank=True)
    body = models.TextField(_("body"), blank=True)
    # The article's version the words were typed on: restored, the form says
    # so, and saving them is checked against what others saved since.
    base_version = models.PositiveIntegerField(null=True, blank=True)
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], name="one_autosave_per_article"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(article__isnull=True),
                name="one_autosave_per_new_article",
            ),
        ]
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")

    def __str__(self):
        return f"Unsaved text of {self.user} from {self.saved_at:%Y-%m-%d %H:%M}"


class EditLock(models.Model):
    """Who has a story open in the editor: a soft lock, shown to the others
    ("NAME is editing since TIME") and never enforced. It lapses when the
    holder's editor stops sending heartbeats (editorial/locks.py)."""

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="edit_lock",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    since = models.DateTimeField(_("editing since"), default=timezone.now)
    seen_at = models.DateTimeField(_("last heartbeat"), default=timezone.now)

    class Meta:
        verbose_name = _("edit lock")
        verbose_name_plural = _("edit locks")

    def __str__(self):
        return f"{self.user} editing article {self.article_id} since {self.since}"

    def is_live(self, now=None):
        lifetime = timedelta(seconds=settings.MASTHEAD_EDIT_LOCK_SECONDS)
        return (now or timezone.now()) - self.seen_at < lifetime
