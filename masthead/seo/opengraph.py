"""Open Graph and Twitter card tags: how a shared link previews on social networks.

(attribute, key, value) triples for <meta>: Open Graph uses property=,
Twitter cards use name=. Values are escaped by the template.
"""

from django.conf import settings
from django.utils.text import Truncator


def article_tags(rows, request, image):
    """Tags for an article page (rows: the article with its bylines and tags,
    articles.querysets.ArticleRows); image is a Crop (url, width, height) or None."""
    article = rows.article
    url = request.build_absolute_uri(article.get_absolute_url())
    description = Truncator(article.summary).chars(200)
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", settings.MASTHEAD_SITE_NAME),
        ("property", "og:title", article.title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:locale", settings.MASTHEAD_LANGUAGE.replace("-", "_")),
        ("property", "article:published_time", article.published_at.isoformat()),
        (
            "property",
            "article:modified_time",
            (article.revised_at or article.published_at).isoformat(),
        ),
    ]
    for byline in rows.bylines:
        author_url = byline.person.get_absolute_url()
        tags.append(
            ("property", "article:author", request.build_absolute_uri(author_url))
        )
    if article.section:
        tags.append(("property", "article:section", article.section.name))
    tags += [("property", "article:tag", tag.name) for tag in rows.tags]
    tags += _image_tags(article, request, image)
    tags += [
        ("name", "twitter:title", article.title),
        ("name", "twitter:description", description),
    ]
    return tags


def _image_tags(article, request, image):
    if image is None:
        return [("name", "twitter:card", "summary")]
    absolute = request.build_absolute_uri(image.url)
    alt = article.hero_image.alt_text
    return [
        ("property", "og:image", absolute),
        ("property", "og:image:width", str(image.width)),
        ("property", "og:image:height", str(image.height)),
        ("property", "og:image:alt", alt),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:image", absolute),
        ("name", "twitter:image:alt", alt),
    ]
