from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .querysets import QuoteQuerySet, show_threshold


class Quote(models.Model):
    """One direct quotation in an article and the person it is attributed to.

    Rows come from the extractor (``origin`` extracted) or from an editor who
    added a quote it missed (``origin`` editor). An editor's fixes (a changed
    speaker, "not a quote") are kept when the article is re-extracted: see
    services.extract_article_quotes.
    """

    class Origin(models.TextChoices):
        EXTRACTED = "extracted", _("Found by the extractor")
        EDITOR = "editor", _("Added by an editor")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Quote")
        REJECTED = "rejected", _("Not a quote")

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="quotes"
    )
    speaker = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        help_text=_("Empty when nobody could be found to attribute it to."),
    )
    speaker_role = models.CharField(
        _("role"), max_length=300, blank=True,
        help_text=_("The speaker's role as this article gives it."),
    )
    text = models.TextField(_("quoted words"))
    start = models.PositiveIntegerField(_("start"), default=0, editable=False)
    end = models.PositiveIntegerField(_("end"), default=0, editable=False)
    cue = models.CharField(_("cue verb"), max_length=60, blank=True)
    cue_type = models.CharField(_("cue type"), max_length=30, blank=True)
    confidence = models.FloatField(_("confidence"), default=1.0)
    is_partial = models.BooleanField(_("partial quote"), default=False)
    origin = models.CharField(
        _("origin"), max_length=20, choices=Origin.choices, default=Origin.EXTRACTED
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    speaker_fixed = models.BooleanField(
        _("speaker set by an editor"), default=False,
        help_text=_("Re-extraction keeps this speaker instead of its own guess."),
    )
    # Issue #25: below the display threshold a quote is shown without its
    # speaker's name until an editor confirms, fixes or rejects it.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "start", "id"]
        indexes = [
            models.Index(fields=["speaker", "status"]),
            models.Index(fields=["article", "start"]),
        ]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self):
        words = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return f"“{words}” ({self.speaker or _('unattributed')})"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"quote-{self.pk}"

    @property
    def speaker_is_shown(self):
        """Whether readers see the speaker's name (QuoteQuerySet.attributed's rule)."""
        return self.speaker_id is not None and (
            self.speaker_fixed
            or self.origin == self.Origin.EDITOR
            or self.confidence >= show_threshold()
        )

    @property
    def has_editor_fix(self):
        """True when re-extraction must not overwrite this row's judgement."""
        return (
            self.origin == self.Origin.EDITOR
            or self.status == self.Status.REJECTED
            or self.speaker_fixed
        )


class Extraction(models.Model):
    """When an article's body was last read for quotes, and which body it was.

    The digest lets a save that did not change the words skip the work.
    """

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="quote_extraction"
    )
    body_digest = models.CharField(max_length=64)
    quote_count = models.PositiveIntegerField(default=0)
    extracted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quote extraction")
        verbose_name_plural = _("quote extractions")

    def __str__(self):
        return f"{self.article_id}: {self.quote_count} quotes"
