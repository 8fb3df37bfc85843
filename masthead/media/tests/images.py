"""Picture bytes for media tests, made with Pillow (no files shipped)."""

import io

from PIL import Image, IptcImagePlugin  # noqa: F401

from masthead.media import processing


def picture(fmt="JPEG", size=(800, 600), color=(200, 40, 40), exif=None, mode="RGB"):
    buffer = io.BytesIO()
    image = Image.new(mode, size, color)
    options = {"exif": exif.tobytes()} if exif is not None else {}
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def exif_with(orientation=None, gps=False, artist=None, copyright=None):
    exif = Image.Exif()
    if orientation:
        exif[processing.EXIF_ORIENTATION] = orientation
    if gps:
        exif[processing.EXIF_GPS] = {
            1: "N",
            2: (51.0, 30.0, 0.0),
            3: "W",
            4: (0.0, 7.0, 0.0),
        }
    if artist:
        exif[processing.EXIF_ARTIST] = artist
    if copyright:
        exif[processing.EXIF_COPYRIGHT] = copyright
    return exif
