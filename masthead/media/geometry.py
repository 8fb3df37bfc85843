"""Crop and size arithmetic for renditions. Pure Python: no Django, no Pillow."""

RENDITION_WIDTHS = (320, 640, 960, 1280, 1600, 2048)
CROP_WIDTHS = (640, 1280)
# name → (width units, height units): previews, cards and structured data.
RATIOS = {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}


def widths_for(original_width, widths=RENDITION_WIDTHS):
    """The rendition widths an image can fill without upscaling (at least one)."""
    fitting = [width for width in widths if width <= original_width]
    return fitting or [original_width]


def scaled_height(width, original_width, original_height):
    return max(1, round(original_height * width / original_width))


def crop_box(width, height, ratio, focal_x=0.5, focal_y=0.5):
    """The largest box of `ratio` inside width×height, centred on the focal point
    as far as the edges allow. Returns (left, top, right, bottom) in pixels."""
    ratio_w, ratio_h = ratio
    crop_w = min(width, round(height * ratio_w / ratio_h))
    crop_h = min(height, round(crop_w * ratio_h / ratio_w))
    left = _clamp(round(focal_x * width - crop_w / 2), 0, width - crop_w)
    top = _clamp(round(focal_y * height - crop_h / 2), 0, height - crop_h)
    return left, top, left + crop_w, top + crop_h


def _clamp(value, low, high):
    return max(low, min(high, value))


def scale_box(box, factor):
    return tuple(round(edge * factor) for edge in box)
