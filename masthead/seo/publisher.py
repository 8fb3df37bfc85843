"""The newsroom as a publisher: its name, home page and logo, from settings."""

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from PIL import Image as PILImage


@dataclass(frozen=True)
class Logo:
    url: str
    width: int | None
    height: int | None


def logo(url, path):
    """The logo at ``url``, with the pixel size of its static file ``path``."""
    width, height = _pixel_size(path)
    return Logo(url=url, width=width, height=height)


@lru_cache(maxsize=8)
def _pixel_size(path):
    # Read once per process: the logo is a static file that changes with a deploy.
    found = finders.find(path)
    if not found:
        return None, None
    with PILImage.open(found) as picture:
        return picture.size


def site_card():
    """The site's own picture for shared links (MASTHEAD_SITE_IMAGE):
    (URL path, width, height)."""
    path = settings.MASTHEAD_SITE_IMAGE
    mark = logo(static(path), path)
    return mark.url, mark.width, mark.height


def organization(facts, site_url):
    """schema.org Organization for the publisher, as Google asks of news articles
    (facts: seo.head.HeadFacts, whose site and logo it names)."""
    mark = logo(urljoin(site_url, facts.logo_url), facts.logo_path)
    image = {"@type": "ImageObject", "url": mark.url}
    if mark.width:
        image |= {"width": mark.width, "height": mark.height}
    return {
        "@type": "Organization",
        "name": facts.site_name,
        "url": site_url,
        "logo": image,
    }
