"""Where to cut a picture to a given shape, keeping its subject in frame.

Pure arithmetic (no Django, no Pillow), as Wagtail keeps its rect.py, so it is
tested without files or a database.
"""

MAX_WIDTH = 1200  # Google's recommended width for article images; never upscaled


def crop_box(width, height, ratio, focal_x=0.5, focal_y=0.5):
    """(left, top, right, bottom) of the largest ratio-shaped box in the picture,
    centred on the focal point (fractions of width and height) as far as the
    edges allow. ratio is (w, h), e.g. (16, 9)."""
    ratio_w, ratio_h = ratio
    box_w, box_h = width, width * ratio_h // ratio_w
    if box_h > height:
        box_w, box_h = height * ratio_w // ratio_h, height
    left = _clamp(round(focal_x * width - box_w / 2), 0, width - box_w)
    top = _clamp(round(focal_y * height - box_h / 2), 0, height - box_h)
    return left, top, left + box_w, top + box_h


def output_size(box, max_width=MAX_WIDTH):
    """The crop's final (width, height): the box, scaled down to max_width."""
    left, top, right, bottom = box
    box_w, box_h = right - left, bottom - top
    if box_w <= max_width:
        return box_w, box_h
    return max_width, round(box_h * max_width / box_w)


def _clamp(value, low, high):
    return max(low, min(value, high))
