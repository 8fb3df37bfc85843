"""Make an image's renditions once, under names that change when it does."""

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from . import geometry, processing
from .models import Image
from .storage import save_over

log = logging.getLogger(__name__)


def make(image):
    """Write every width and crop in WebP and the original format; record them."""
    key = image.rendition_key()
    folder = f"renditions/{image.pk}"
    widths, crops, formats = [], {name: [] for name in geometry.RATIOS}, set()
    with image.file.open("rb") as source:
        for name, data in processing.render(
            source, focal=(image.focal_x, image.focal_y)
        ):
            path = f"{folder}/{key}/{name}"
            # Same name must mean same picture.
            save_over(default_storage, path, ContentFile(data))
            stem, fmt = name.rsplit(".", 1)
            formats.add(fmt)
            _note(stem, widths, crops)
    _remove_stale(folder, key)
    image.renditions = {
        "key": key,
        "widths": sorted(set(widths)),
        "crops": {name: sorted(set(ws)) for name, ws in crops.items()},
        "formats": sorted(formats, key=lambda f: f != "webp"),  # webp first
    }
    image.renditions_ready = True
    # save(), not update(): the page cache purges pages that showed the image.
    image.save(update_fields=["renditions", "renditions_ready"])
    return image


def _note(stem, widths, crops):
    crop, _, width = stem.rpartition("-w") if "-w" in stem else ("", "", stem[1:])
    (crops[crop] if crop else widths).append(int(width))


def _remove_stale(folder, key):
    """Renditions of an earlier file or focal point."""
    try:
        keys, _ = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for old in keys:
        if old != key:
            _, files = default_storage.listdir(f"{folder}/{old}")
            for name in files:
                default_storage.delete(f"{folder}/{old}/{name}")


def make_missing(*, limit=50, log_line=lambda line: None):
    """Images that lack renditions (new, or moved focal point); the worker's sweep."""
    done = 0
    for image in Image.objects.filter(renditions_ready=False).order_by("pk")[:limit]:
        try:
            make(image)
        except (OSError, ValueError) as err:  # unreadable file: report, go on
            log_line(f"image {image.pk}: renditions failed: {err}")
            continue
        done += 1
        log_line(f"image {image.pk}: renditions made")
    return done
