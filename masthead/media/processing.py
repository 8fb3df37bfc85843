"""What Masthead does to image bytes: check, clean, read credits, render sizes.

Pillow only (no Django), so it is tested without a database and measured for
memory by bench/media.py. Large JPEGs are decoded at reduced scale
(Image.draft), so a 6000×4000 photograph never needs its full 72 MB bitmap.
"""

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, IptcImagePlugin, UnidentifiedImageError

from . import geometry

ACCEPTED = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
EXIF_ORIENTATION, EXIF_GPS, EXIF_ARTIST, EXIF_COPYRIGHT = 0x0112, 0x8825, 0x013B, 0x8298
IPTC_BYLINE, IPTC_CREDIT, IPTC_COPYRIGHT = (2, 80), (2, 110), (2, 116)
SAVE_OPTIONS = {
    "jpeg": {"quality": 85, "optimize": True, "progressive": True},
    "webp": {"quality": 80, "method": 4},
    "png": {"optimize": True},
    "gif": {},
}


# Memory Pillow needs per pixel to decode each format, measured (bench/media.py,
# Pillow 13): a 6000×4000 WebP takes 370 MB to load, a PNG 150 MB, a JPEG
# almost nothing beyond its reduced-scale draft. A per-format pixel limit keeps
# every accepted upload within the worker's memory budget.
DECODE_BYTES_PER_PIXEL = {"jpeg": 0, "png": 8, "gif": 7, "webp": 20}
FORMAT_NAMES = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WebP"}


class ImageRejected(ValueError):
    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


@dataclass
class Inspected:
    format: str  # "jpeg", "png", "webp" or "gif"
    width: int
    height: int


def pixel_limit(kind, max_pixels, memory_budget=None):
    cost = DECODE_BYTES_PER_PIXEL[kind]
    if not memory_budget or not cost:
        return max_pixels
    return min(max_pixels, memory_budget // cost)


def inspect(fileobj, *, max_pixels, memory_budget=None):
    """The real type and size, from the bytes; refuses non-images and bombs."""
    fileobj.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(fileobj) as image:
                kind, (width, height) = image.format, image.size
                image.verify()
    except Image.DecompressionBombError as err:
        raise ImageRejected(
            _too_big_message(None, None, max_pixels), "too_large"
        ) from err
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as err:
        raise ImageRejected(
            "This file is not a picture we can read: upload a JPEG, PNG, WebP or GIF.",
            "not_an_image",
        ) from err
    finally:
        fileobj.seek(0)
    if kind not in ACCEPTED:
        raise ImageRejected(
            f"{kind} images are not accepted: upload a JPEG, PNG, WebP or GIF.",
            "format",
        )
    kind = ACCEPTED[kind]
    limit = pixel_limit(kind, max_pixels, memory_budget)
    if width * height > limit:
        which = "" if limit == max_pixels else f" for {FORMAT_NAMES[kind]} files"
        raise ImageRejected(_too_big_message(width, height, limit, which), "too_large")
    return Inspected(kind, width, height)


def _too_big_message(width, height, max_pixels, which=""):
    size = f"{width}×{height} pixels" if width else "too many pixels"
    return (
        f"This image is {size}; the limit{which} is {max_pixels / 1e6:.0f} megapixels. "
        "Scale it down (or save it as a JPEG) and upload it again."
    )


def clean_metadata(fileobj):
    """Bytes with orientation applied and GPS location removed, or None when the
    file needs neither (its bytes are then kept as they are, unrecompressed)."""
    fileobj.seek(0)
    with Image.open(fileobj) as image:
        exif = image.getexif()
        if exif.get(EXIF_ORIENTATION, 1) == 1 and EXIF_GPS not in exif:
            return None
        kind = ACCEPTED[image.format]
        upright = ImageOps.exif_transpose(image)
        exif = upright.getexif()
        exif.pop(EXIF_GPS, None)
        exif.pop(EXIF_ORIENTATION, None)
        out = io.BytesIO()
        options = {**SAVE_OPTIONS[kind], "exif": exif.tobytes()}
        if kind == "jpeg":
            options["quality"] = 92
        icc = image.info.get("icc_profile")
        if icc:
            options["icc_profile"] = icc
        upright.save(out, kind.upper(), **options)
    fileobj.seek(0)
    return out.getvalue()


def credit_from_metadata(fileobj):
    """ "Byline/Agency" from IPTC or EXIF, as newsrooms print credits; "" if none."""
    fileobj.seek(0)
    with Image.open(fileobj) as image:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
        exif = image.getexif()
        byline = _text(iptc.get(IPTC_BYLINE)) or _text(exif.get(EXIF_ARTIST))
        agency = (
            _text(iptc.get(IPTC_CREDIT))
            or _text(iptc.get(IPTC_COPYRIGHT))
            or _text(exif.get(EXIF_COPYRIGHT))
        )
    fileobj.seek(0)
    agency = (
        agency.removeprefix("©").removeprefix("(c)").removeprefix("Copyright").strip()
    )
    parts = [part for part in (byline, agency) if part]
    if len(parts) == 2 and parts[0].lower() == parts[1].lower():
        parts = parts[:1]
    return "/".join(parts)[:200]


def _text(value):
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return (value or "").strip().strip("\x00").strip()


def render(fileobj, *, focal=(0.5, 0.5)):
    """Every rendition of one image: yields (name, bytes).

    Names are "w640.webp" for a width, "16x9-w640.jpeg" for a crop; each size
    comes in WebP and in the original's format.
    """
    fileobj.seek(0)
    image = Image.open(fileobj)
    try:
        kind, original_size = ACCEPTED[image.format], image.size
        base = _decoded(image, geometry.RENDITION_WIDTHS[-1])
        factor = base.width / original_size[0]
        for width in geometry.widths_for(original_size[0]):
            height = geometry.scaled_height(width, *original_size)
            yield from _encoded(_resize(base, (width, height)), f"w{width}", kind)
        for name, ratio in geometry.RATIOS.items():
            box = geometry.crop_box(*original_size, ratio, *focal)
            region = base.crop(geometry.scale_box(box, factor))
            for width in geometry.widths_for(box[2] - box[0], geometry.CROP_WIDTHS):
                size = (width, round(width * ratio[1] / ratio[0]))
                yield from _encoded(_resize(region, size), f"{name}-w{width}", kind)
            del region
    finally:
        image.close()


def _decoded(image, largest_width):
    """The image decoded no larger than needed, holding as few copies as possible:
    JPEGs are decoded at 1/2, 1/4 or 1/8 scale (draft); others are reduced by a
    whole factor at once (Image.reduce) and the full-size bitmap let go."""
    if image.format == "JPEG":
        image.draft(
            "RGB", (largest_width, round(image.height * largest_width / image.width))
        )
    image.seek(0)  # the first frame of an animated GIF or WebP
    image.load()
    mode = "RGBA" if _has_alpha(image) else "RGB"
    base = image if image.mode == mode else image.convert(mode)
    factor = base.width // largest_width
    return base.reduce(factor) if factor >= 2 else base


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _resize(image, size):
    if image.size == size:
        return image
    # reducing_gap: shrink by whole factors first (Image.reduce), then resample.
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encoded(image, stem, kind):
    for fmt in ("webp", kind) if kind != "webp" else ("webp",):
        out = io.BytesIO()
        frame = image.convert("RGB") if fmt == "jpeg" else image
        frame.save(out, fmt.upper(), **SAVE_OPTIONS[fmt])
        yield f"{stem}.{fmt}", out.getvalue()
