from django.db import models
from django.utils.translation import gettext_lazy as _


def image_upload_to(instance, filename):
    return f"images/{filename}"


class Image(models.Model):
    """A photograph or graphic with the credit and alt text every use must show."""

    file = models.ImageField(
        _("file"), upload_to=image_upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, help_text=_("Photographer/Agency, as printed.")
    )
    # Where the subject is, as fractions of width and height: crops keep it in frame.
    focal_x = models.FloatField(default=0.5)
    focal_y = models.FloatField(default=0.5)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.caption or self.alt_text

    @property
    def url(self):
        return self.file.url
