"""Fixed-shape crops of an Image (16:9, 4:3, 1:1) for structured data and previews.

Google asks for a news article's image in all three shapes. Each crop is made
once with Pillow and stored under MEDIA_ROOT/crops/; later calls only check
that the file is there. The name carries a digest of the source file and the
focal point, so replacing either makes a new crop rather than serving a stale one.
This stays small and self-contained until the media library has renditions.
"""

import hashlib
import io
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image as PILImage

from .crop_geometry import crop_box, output_size

logger = logging.getLogger(__name__)

NEWS_RATIOS = [(16, 9), (4, 3), (1, 1)]


@dataclass(frozen=True)
class Crop:
    url: str
    width: int
    height: int


def crop(image, ratio):
    """The stored crop of image to ratio, made on first use; None if unreadable."""
    box = crop_box(image.width, image.height, ratio, image.focal_x, image.focal_y)
    size = output_size(box)
    name = _crop_name(image, ratio)
    storage = image.file.storage
    if not storage.exists(name):
        try:
            storage.save(name, ContentFile(_render(image, box, size)))
        except (OSError, PILImage.UnidentifiedImageError) as err:
            # A missing or broken original must not break the article page.
            logger.warning("Cannot crop image %s: %s", image.pk, err)
            return None
    return Crop(url=storage.url(name), width=size[0], height=size[1])


def news_crops(image):
    """The 16:9, 4:3 and 1:1 crops, skipping any that could not be made."""
    crops = [crop(image, ratio) for ratio in NEWS_RATIOS]
    return [c for c in crops if c is not None]


def _crop_name(image, ratio):
    source = f"{image.file.name}|{image.focal_x:.4f}|{image.focal_y:.4f}"
    digest = hashlib.sha1(source.encode()).hexdigest()[:12]
    return f"crops/{image.pk}-{ratio[0]}x{ratio[1]}-{digest}.jpg"


def _render(image, box, size):
    with image.file.open("rb") as source, PILImage.open(source) as picture:
        cropped = picture.convert("RGB").crop(box)
        if cropped.size != size:
            cropped = cropped.resize(size, PILImage.Resampling.LANCZOS)
        buffer = io.BytesIO()
        cropped.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()
