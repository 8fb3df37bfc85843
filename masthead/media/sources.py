"""An image as a picture shows it: the row's shown fields as plain, frozen values.

The picture fragment (pictures.py) is keyed by this value and built from it
alone, so a changed file, size, alt text or set of renditions is a new key.
The URL arithmetic of renditions lives here once; the Image model's methods
ask its source.
"""

import json
from dataclasses import dataclass
from functools import cached_property

from django.core.files.storage import default_storage

from . import geometry


@dataclass(frozen=True)
class PictureSource:
    pk: int
    url: str
    width: int
    height: int
    alt_text: str
    renditions_ready: bool
    renditions_json: str  # what renditions.make() recorded, as sorted JSON

    @cached_property
    def renditions(self):
        return json.loads(self.renditions_json)

    def rendition_url(self, name):
        return default_storage.url(
            f"renditions/{self.pk}/{self.renditions['key']}/{name}"
        )

    def srcset(self, fmt, crop=None):
        """ "url 320w, url 640w…" for one format, or "" when none are made yet."""
        if not self.renditions_ready:
            return ""
        data = self.renditions
        widths = data["crops"].get(crop, []) if crop else data["widths"]
        stem = f"{crop}-" if crop else ""
        return ", ".join(
            f"{self.rendition_url(f'{stem}w{w}.{fmt}')} {w}w" for w in widths
        )

    def has_crop(self, ratio):
        return self.renditions_ready and bool(self.renditions["crops"].get(ratio))

    def crop_url(self, ratio="16x9", fmt=None):
        """The largest crop of a ratio ("16x9", "4x3", "1x1"), for cards and
        structured data; the original file until renditions exist."""
        if not self.has_crop(ratio):
            return self.url
        width = self.renditions["crops"][ratio][-1]
        return self.rendition_url(
            f"{ratio}-w{width}.{fmt or self.renditions['formats'][-1]}"
        )

    def crop_size(self, ratio="16x9"):
        """(width, height) of crop_url's picture."""
        if not self.has_crop(ratio):
            return self.width, self.height
        units_w, units_h = geometry.RATIOS[ratio]
        width = self.renditions["crops"][ratio][-1]
        return width, round(width * units_h / units_w)


def source_of(image):
    """The PictureSource of an Image row."""
    return PictureSource(
        pk=image.pk,
        url=image.file.url,
        width=image.width,
        height=image.height,
        alt_text=image.alt_text,
        renditions_ready=image.renditions_ready,
        renditions_json=json.dumps(image.renditions, sort_keys=True),
    )
