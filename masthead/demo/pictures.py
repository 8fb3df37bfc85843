"""Hero images and portraits drawn with Pillow at install time: nothing is downloaded."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

HERO_SIZE = (1600, 900)


def _hex(color):
    color = color.lstrip("#")
    return tuple(int(color[i : i + 2], 16) for i in (0, 2, 4))


def _gradient(size, top, bottom):
    image = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(image)
    width, height = size
    for y in range(height):
        t = y / max(height - 1, 1)
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return image


def _ridge(draw, rng, size, base, amplitude, color, step=40):
    width, height = size
    points = [(0, height)]
    for x in range(0, width + step, step):
        points.append((x, base + rng.uniform(-amplitude, amplitude)))
    points.append((width, height))
    draw.polygon(points, fill=color)


def _motif(draw, rng, size, motif, colors):
    width, height = size
    dark, mid, light = colors
    if motif in {"skyline", "market", "stadium"}:
        x = 0
        while x < width:
            w, h = rng.randint(60, 160), rng.randint(150, 480)
            draw.rectangle([x, height - h, x + w, height], fill=dark)
            for wy in range(height - h + 20, height - 20, 40):
                for wx in range(x + 12, x + w - 12, 28):
                    if rng.random() < 0.5:
                        draw.rectangle([wx, wy, wx + 10, wy + 16], fill=light)
            x += w + rng.randint(4, 30)
    elif motif in {"mountains", "forest", "field"}:
        _ridge(draw, rng, size, height * 0.45, 90, mid, step=120)
        _ridge(draw, rng, size, height * 0.65, 50, dark, step=60)
    else:  # river, storm and anything else: layered water
        for band in range(6):
            base = height * (0.5 + band * 0.09)
            _ridge(draw, rng, size, base, 14, (mid, dark, light)[band % 3], step=50)


def hero_jpeg(seed, palette, motif, size=HERO_SIZE):
    """A deterministic landscape in the article's palette, as JPEG bytes."""
    rng = random.Random(seed)
    colors = [_hex(c) for c in (palette + ["#222222", "#888888", "#dddddd"])[:3]]
    image = _gradient(size, colors[2], colors[1])
    draw = ImageDraw.Draw(image)
    sun = rng.randint(200, size[0] - 200), rng.randint(80, 300)
    draw.ellipse([sun[0] - 70, sun[1] - 70, sun[0] + 70, sun[1] + 70], fill=(255, 236, 200))
    _motif(draw, rng, size, motif, colors)
    image = image.filter(ImageFilter.SMOOTH)
    return _jpeg(image)


def portrait_jpeg(name, color, size=400):
    """A simple head-and-shoulders silhouette on the author's colour."""
    image = Image.new("RGB", (size, size), _hex(color))
    draw = ImageDraw.Draw(image)
    skin = (235, 225, 214)
    draw.ellipse([size * 0.32, size * 0.16, size * 0.68, size * 0.56], fill=skin)
    draw.ellipse([size * 0.14, size * 0.6, size * 0.86, size * 1.3], fill=skin)
    return _jpeg(image)


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()
