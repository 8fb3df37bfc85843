"""An article page's social cards and structured data, built once per version.

Building them makes a dozen absolute URLs and two JSON documents: ~0.6 ms on
every view of a story. `facts()` gathers, as plain values, everything the
head shows (HeadFacts), once per version of the page (site/pages.py); the
HEAD fragment is keyed by those facts and the site's address and built from
them alone (core/fragments.py), so an edit to any of them builds the head
afresh and nothing it shows can be left out of its key.
"""

from dataclasses import dataclass

from django.conf import settings
from django.templatetags.static import static

from masthead.core.fragments import Fragment, render

from masthead.media.models import Crop

from . import opengraph, structured_data
from .publisher import site_card


@dataclass(frozen=True)
class HeadFacts:
    """What an article's head shows. URLs are paths: the site's address is
    the request's, joined when the head is built. Crops are media.models.Crop."""

    site_name: str
    language: str
    logo_path: str  # the static file
    logo_url: str
    url: str
    title: str
    summary: str
    published_at: object
    revised_at: object
    section: tuple | None  # (name, URL)
    authors: tuple  # ((name, URL), ...), in byline order
    tags: tuple  # names
    corrections: tuple  # ((text, created_at), ...): corrections, not updates
    crops: tuple  # 16:9, 4:3, 1:1
    image_alt: str
    figures: tuple = ()  # URLs of the pictures in the body, in reading order


def facts(rows):
    """The HeadFacts of an article and the rows its page shows
    (articles.querysets.ArticleRows); the page keeps them with its rows."""
    article = rows.article
    section, image = article.section, article.hero_image
    return HeadFacts(
        site_name=settings.MASTHEAD_SITE_NAME,
        language=settings.MASTHEAD_LANGUAGE,
        logo_path=settings.MASTHEAD_PUBLISHER_LOGO,
        logo_url=static(settings.MASTHEAD_PUBLISHER_LOGO),
        url=article.get_absolute_url(),
        title=article.title,
        summary=article.summary,
        published_at=article.published_at,
        revised_at=article.revised_at,
        section=section and (section.name, section.get_absolute_url()),
        authors=tuple((b.person.name, b.person.get_absolute_url()) for b in rows.bylines),
        tags=tuple(tag.name for tag in rows.tags),
        corrections=tuple(
            (n.text, n.created_at) for n in rows.corrections if n.kind == n.Kind.CORRECTION
        ),
        crops=tuple(image.news_crops()) if image else (),
        image_alt=image.alt_text if image else settings.MASTHEAD_SITE_NAME,
        figures=tuple(picture["url"] for picture in article.body_images),
    )


def article_head(request, facts):
    """Open Graph, Twitter card and JSON-LD for an article's HeadFacts, with
    absolute URLs on this request's site."""
    return HEAD(facts=facts, site_url=request.build_absolute_uri("/"))


def _build(facts, site_url):
    # 16:9, close to the 1.91:1 cards show; the site's own card when the story
    # has no hero (issue 21, item 10), so a shared link never previews blank.
    wide = facts.crops[0] if facts.crops else Crop(*site_card())
    return render(
        "seo/article_head.html",
        meta=opengraph.article_tags(facts, site_url, wide),
        news_article=structured_data.script_safe_json(
            structured_data.news_article(facts, site_url)
        ),
        breadcrumbs=structured_data.script_safe_json(
            structured_data.breadcrumbs(facts, site_url)
        ),
    )


HEAD = Fragment(build=_build, fields=("facts", "site_url"), size=512)
