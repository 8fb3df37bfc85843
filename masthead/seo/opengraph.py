"""Open Graph and Twitter card tags: how a shared link previews on social networks.

(attribute, key, value) triples for <meta>: Open Graph uses property=,
Twitter cards use name=. Values are escaped by the template.
"""

from urllib.parse import urljoin

from django.utils.text import Truncator


def article_tags(facts, site_url, image):
    """Tags for an article page (facts: seo.head.HeadFacts, its URLs joined to
    site_url); image is a Crop or None."""
    description = Truncator(facts.summary).chars(200)
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", facts.site_name),
        ("property", "og:title", facts.title),
        ("property", "og:description", description),
        ("property", "og:url", urljoin(site_url, facts.url)),
        ("property", "og:locale", facts.language.replace("-", "_")),
        ("property", "article:published_time", facts.published_at.isoformat()),
        (
            "property",
            "article:modified_time",
            (facts.revised_at or facts.published_at).isoformat(),
        ),
    ]
    tags += [
        ("property", "article:author", urljoin(site_url, url)) for _, url in facts.authors
    ]
    if facts.section:
        tags.append(("property", "article:section", facts.section[0]))
    tags += [("property", "article:tag", tag) for tag in facts.tags]
    tags += _image_tags(facts, site_url, image)
    tags += [
        ("name", "twitter:title", facts.title),
        ("name", "twitter:description", description),
    ]
    return tags


def _image_tags(facts, site_url, image):
    if image is None:
        return [("name", "twitter:card", "summary")]
    absolute = urljoin(site_url, image.url)
    return [
        ("property", "og:image", absolute),
        ("property", "og:image:width", str(image.width)),
        ("property", "og:image:height", str(image.height)),
        ("property", "og:image:alt", facts.image_alt),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:image", absolute),
        ("name", "twitter:image:alt", facts.image_alt),
    ]
