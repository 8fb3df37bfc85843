import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import geometry
from .sources import source_of


@dataclass(frozen=True)
class Crop:
    """One picture of a fixed shape: what structured data and cards link to."""

    url: str
    width: int
    height: int


def image_upload_to(instance, filename):
    return f"images/{filename}"


class Image(models.Model):
    """A photograph or graphic with the credit and alt text every use must show."""

    file = models.ImageField(
        _("file"), upload_to=image_upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    # Bytes, written with the file: feeds' enclosures give a length, and
    # asking the store for it on every feed was a round trip to S3 (issue 24).
    file_size = models.PositiveBigIntegerField(
        _("file size"), default=0, editable=False
    )
    # What the picture is called in the library, as WordPress's media titles
    # are (issue 22, item 8): for editors finding it; readers get the alt text.
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("What the newsroom calls this picture, to find it again."),
    )
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
    focal_x = models.FloatField(_("focal point across"), default=0.5)
    focal_y = models.FloatField(_("focal point down"), default=0.5)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # What renditions.make() wrote: {"key", "widths", "formats", "crops"}; the
    # picture tag builds URLs from it without a query or a disk look-up.
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    renditions_ready = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.title or self.caption or self.alt_text

    def save(self, *args, **kwargs):
        # Renditions belong to one file and one focal point: a change stales them.
        if self.renditions.get("key") != self.rendition_key():
            self.renditions_ready = False
        if self.file and not self.file._committed:
            self.file_size = self.file.size  # the upload's own, before it is stored
            _also_update(kwargs, "file_size")
        super().save(*args, **kwargs)

    @property
    def url(self):
        return self.file.url

    def rendition_key(self):
        source = f"{self.file.name}|{self.focal_x:.4f}|{self.focal_y:.4f}"
        return hashlib.sha1(source.encode()).hexdigest()[:12]

    def source(self):
        """The picture's shown fields as a frozen value (sources.py)."""
        return source_of(self)

    def crop_url(self, ratio="16x9", fmt=None):
        return self.source().crop_url(ratio, fmt)

    def crop_size(self, ratio="16x9"):
        return self.source().crop_size(ratio)

    def news_crops(self):
        """The 16:9, 4:3 and 1:1 crops Google asks a news article's image in.

        Read from the renditions the worker made (geometry.RATIOS, in that
        order): a page view never reads, checks or writes a file. Until they
        exist, the original picture alone.
        """
        if not self.renditions_ready:
            return [Crop(self.url, self.width, self.height)]
        source = self.source()
        return [
            Crop(source.crop_url(name), *source.crop_size(name))
            for name in geometry.RATIOS
            if source.has_crop(name)
        ]


def _also_update(kwargs, field):
    if kwargs.get("update_fields") is not None:
        kwargs["update_fields"] = {*kwargs["update_fields"], field}


class Embed(models.Model):
    """A provider's frame for one link pasted into a story (issue 19).

    Rows are made pending by embeds.request_embeds() and resolved by the
    worker. Only plain strings are kept from the provider's oEmbed answer: its
    HTML is never stored, and frame_src is built from the provider's URL
    pattern (providers.py), so what a reader's browser loads is ours to say.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    url = models.URLField(_("link"), max_length=1000, unique=True)
    provider = models.CharField(_("provider"), max_length=30)
    provider_name = models.CharField(_("provider name"), max_length=60)
    title = models.CharField(_("title"), max_length=300, blank=True)
    author_name = models.CharField(_("author"), max_length=200, blank=True)
    frame_src = models.URLField(_("frame address"), max_length=2000, blank=True)
    ratio = models.FloatField(
        _("frame height"), default=56.25, help_text=_("As a percentage of its width.")
    )
    thumbnail = models.ForeignKey(
        Image, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    error = models.TextField(
        _("problem"), blank=True, help_text=_("What went wrong, for editors.")
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("embed")
        verbose_name_plural = _("embeds")

    def __str__(self):
        return self.title or self.url

    @property
    def frame_origin(self):
        """scheme://host of the frame, for the page's frame-src policy; "" if none."""
        parts = urlsplit(self.frame_src)
        if not (parts.scheme and parts.netloc):
            return ""
        return f"{parts.scheme}://{parts.netloc}"
