"""The newsroom as a publisher: its name, home page and logo, from settings."""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from PIL import Image as PILImage


@dataclass(frozen=True)
class Logo:
    url: str
    width: int | None
    height: int | None


def logo(request):
    path = settings.MASTHEAD_PUBLISHER_LOGO
    width, height = _pixel_size(path)
    return Logo(
        url=request.build_absolute_uri(static(path)), width=width, height=height
    )


@lru_cache(maxsize=8)
def _pixel_size(path):
    # Read once per process: the logo is a static file that changes with a deploy.
    found = finders.find(path)
    if not found:
        return None, None
    with PILImage.open(found) as picture:
        return picture.size


def organization(request):
    """schema.org Organization for the publisher, as Google asks of news articles."""
    mark = logo(request)
    image = {"@type": "ImageObject", "url": mark.url}
    if mark.width:
        image |= {"width": mark.width, "height": mark.height}
    return {
        "@type": "Organization",
        "name": settings.MASTHEAD_SITE_NAME,
        "url": request.build_absolute_uri("/"),
        "logo": image,
    }
