from django.utils.html import format_html, format_html_join

from masthead.core.fragments import Fragment

from .sources import PictureSource

MIME = {
    "webp": "image/webp",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
}


def picture(image, sizes="100vw", alt=None, loading="lazy", crop=None, css_class=""):
    """<picture> of an Image (or its PictureSource) with WebP and original-format srcsets; a plain <img> until the
    worker has made the renditions. Reads only the image row: no query.

    A dozen rendition URLs cost ~0.2 ms; the markup is a pure function of the
    row's shown fields (its PictureSource) and the arguments, so it is built
    once per version.
    """
    if image is None:
        return ""
    source = image if isinstance(image, PictureSource) else image.source()
    return PICTURE(
        image=source, sizes=sizes, alt=alt, loading=loading, crop=crop,
        css_class=css_class,
    )


def _picture(image, sizes, alt, loading, crop, css_class):
    alt = image.alt_text if alt is None else alt
    width, height = image.crop_size(crop) if crop else (image.width, image.height)
    if not image.renditions_ready:
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" loading="{}" class="{}">',
            image.url,
            alt,
            width,
            height,
            loading,
            css_class,
        )
    formats = image.renditions["formats"]
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        ((MIME[fmt], image.srcset(fmt, crop), sizes) for fmt in formats[:-1]),
    )
    fallback = formats[-1]
    src = image.crop_url(crop, fallback) if crop else _default_src(image, fallback)
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" '
        'height="{}" loading="{}" class="{}"></picture>',
        sources,
        src,
        image.srcset(fallback, crop),
        sizes,
        alt,
        width,
        height,
        loading,
        css_class,
    )


def _default_src(image, fmt, preferred=1280):
    """For browsers without srcset: a screen-sized width, not the largest."""
    widths = image.renditions["widths"]
    width = max([w for w in widths if w <= preferred] or widths[:1])
    return image.rendition_url(f"w{width}.{fmt}")


PICTURE = Fragment(
    build=_picture, fields=("image", "sizes", "alt", "loading", "crop", "css_class")
)
