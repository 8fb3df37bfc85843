from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RedirectQuerySet(models.QuerySet):
    def target_for(self, path):
        """Where an old address now leads, or None: one indexed query."""
        found = self.filter(old_path=path).order_by().values_list("new_path", flat=True)
        return next(iter(found[:1]), None)

    def pointing_at(self, path):
        """Redirects whose target is this path on the site (with or without a query)."""
        return self.filter(
            models.Q(new_path=path)
            | models.Q(new_path__startswith=path + "?")
            | models.Q(new_path__startswith=path + "#")
        )


class Redirect(models.Model):
    """A 301 from an address that no longer has a page to where it went.

    Rows always point at a final target, never at another row's old address
    (services.save_redirect collapses chains), so a reader makes one hop.
    """

    class Kind(models.TextChoices):
        AUTOMATIC = "automatic", _("automatic (an address changed)")
        EDITOR = "editor", _("made by an editor")

    old_path = models.CharField(
        _("old address"),
        max_length=500,
        unique=True,
        help_text=_("A path on this site, such as /articles/old-slug/."),
    )
    new_path = models.CharField(
        _("redirect to"),
        max_length=500,
        # Indexed: which rows point at an address is asked on every save
        # (pointing_at) and every chunk of an import (bulk.py, issue 22).
        db_index=True,
        help_text=_("A path on this site, or a full https:// address."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.EDITOR
    )
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = RedirectQuerySet.as_manager()

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    @classmethod
    def from_db(cls, db, field_names, values):
        redirect = super().from_db(db, field_names, values)
        # What to purge if the old address is changed (signal_handlers.py).
        redirect._loaded_old_path = redirect.__dict__.get("old_path")
        return redirect
