from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .querysets import PinQuerySet


class Pin(models.Model):
    """A story an editor placed at the top of the home page, until it expires.

    A pin is shown only while its story is public: a story pinned before its
    embargo lifts, or pinned and then unpublished, leaves its slot to the
    newest stories.
    """

    class Slot(models.TextChoices):
        LEAD = "lead", _("Lead story")
        TOP = "top", _("Top story")

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="+",
        verbose_name=_("story"),
    )  # fmt: skip
    slot = models.CharField(_("slot"), max_length=10, choices=Slot.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    expires_at = models.DateTimeField(
        _("expires"), null=True, blank=True, help_text=_("Empty: until unpinned.")
    )
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    pinned_at = models.DateTimeField(auto_now_add=True)

    objects = PinQuerySet.as_manager()

    class Meta:
        ordering = ["slot", "position", "pk"]  # the lead first, then the top stories
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=models.Q(slot="lead"),
                name="frontpage_one_lead",
            ),
        ]
        verbose_name = _("pinned story")
        verbose_name_plural = _("pinned stories")

    def __str__(self):
        return f"{self.get_slot_display()}: {self.article}"

    def is_expired(self, now=None):
        return self.expires_at is not None and self.expires_at <= (
            now or timezone.now()
        )


class SectionLayout(models.Model):
    """How a section's block on the home page is laid out; a section without
    one is a grid with pictures, as before issue 20."""

    class Layout(models.TextChoices):
        GRID = "grid", _("Grid with pictures")
        LIST = "list", _("List of headlines")
        LEAD_LIST = "lead_list", _("Lead with picture, then a list")

    section = models.OneToOneField(
        "articles.Section", on_delete=models.CASCADE, primary_key=True,
        related_name="+", verbose_name=_("section"),
    )  # fmt: skip
    layout = models.CharField(
        _("layout"), max_length=20, choices=Layout.choices, default=Layout.GRID
    )

    class Meta:
        verbose_name = _("section layout")
        verbose_name_plural = _("section layouts")

    def __str__(self):
        return f"{self.section}: {self.get_layout_display()}"


class Banner(models.Model):
    """The breaking-news line above every public page, until it expires.

    There is at most one: setting a banner replaces the one before.
    """

    text = models.CharField(_("text"), max_length=200)
    article = models.ForeignKey(
        "articles.Article", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("linked story"),
    )  # fmt: skip
    url = models.CharField(_("linked address"), max_length=500, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("breaking-news banner")
        verbose_name_plural = _("breaking-news banners")

    def __str__(self):
        return self.text

    def is_expired(self, now=None):
        return self.expires_at <= (now or timezone.now())
